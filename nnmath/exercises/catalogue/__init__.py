"""Every exercise of the site as content: one TOML file per chapter, one short record each.

The file ``chNN.toml`` holds the chapter's exercises in the order the page shows them, one
``[[exercise]]`` table each: its ``id``, its ``answer`` (``"expression"`` to derive, else
``"number"``, ``"integer"`` or ``"array"`` to work out) and the fields of
:meth:`~nnmath.exercises.catalogue.forms.Chapter.derive` or
:meth:`~nnmath.exercises.catalogue.forms.Chapter.compute`, which make the record; or its
``kind`` (``"explain"`` or ``"implement"``) and the fields of
:meth:`~nnmath.exercises.catalogue.forms.Chapter.explain` or
:meth:`~nnmath.exercises.catalogue.forms.Chapter.implement`. The
records carry no expected answer: :mod:`nnmath.symbolic` derives those (see
:mod:`nnmath.symbolic.exercise_answers`), and :mod:`nnmath.exercises.registry` fills in the
wrong answers that follow from them (the rules of
:mod:`nnmath.exercises.catalogue.mistakes`).

>>> len(CHAPTERS), all(len(chapter) >= 3 for chapter in CHAPTERS)
(10, True)
>>> CHAPTERS[4][0].id
'chain-rule-w1'
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from nnmath.exercises.catalogue.forms import Chapter, FromAnswers
from nnmath.exercises.exercise import Exercise

__all__ = ["CHAPTERS", "FromAnswers", "read_chapter"]


def _record(chapter: Chapter, table: dict[str, Any]) -> Exercise:
    """One exercise from its table in a chapter's file."""
    fields = dict(table)
    exercise_id = fields.pop("id")
    kind = fields.pop("kind", None)
    if kind == "explain":
        return chapter.explain(exercise_id, **fields)
    if kind == "implement":
        return chapter.implement(exercise_id, **fields)
    if kind is not None:
        raise ValueError(
            f"kind of {exercise_id!r} must be 'explain' or 'implement' (or left out), got {kind!r}"
        )
    if fields.get("answer") == "expression":
        del fields["answer"]
        return chapter.derive(exercise_id, **fields)
    return chapter.compute(exercise_id, **fields)


def read_chapter(number: int) -> tuple[Exercise, ...]:
    """The exercises of chapter ``number``, read from ``chNN.toml`` of this package.

    Raises
    ------
    ValueError
        If ``number`` is not an integer from 1 to 10, or a record is not well formed.
    TypeError
        If a record has a field that its form does not take.
    """
    chapter = Chapter(number)
    text = resources.files(__name__).joinpath(f"ch{number:02d}.toml").read_text(encoding="utf-8")
    return tuple(_record(chapter, table) for table in tomllib.loads(text)["exercise"])


#: The exercises of chapters 1 to 10, each chapter's in the order of its page.
CHAPTERS: tuple[tuple[Exercise, ...], ...] = tuple(read_chapter(n) for n in range(1, 11))
