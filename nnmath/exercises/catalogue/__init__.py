"""Every exercise of the site as content: one module per chapter, one short record per exercise.

Each module ``chNN`` holds ``EXERCISES``, the chapter's exercises in the order the page
shows them, written with the forms of :mod:`nnmath.exercises.catalogue.forms`. The records
carry no expected answer: :mod:`nnmath.symbolic` derives those (see
:mod:`nnmath.symbolic.exercise_answers`), and :mod:`nnmath.exercises.registry` fills in the wrong
answers written as :class:`~nnmath.exercises.catalogue.forms.FromAnswers`.

>>> [len(chapter) for chapter in CHAPTERS]
[3, 3, 3, 3, 3, 3, 3, 3, 3, 3]
>>> CHAPTERS[4][0].id
'chain-rule-w1'
"""

from __future__ import annotations

from nnmath.exercises.catalogue import ch01, ch02, ch03, ch04, ch05, ch06, ch07, ch08, ch09, ch10
from nnmath.exercises.catalogue.forms import FromAnswers
from nnmath.exercises.exercise import Exercise

__all__ = ["CHAPTERS", "FromAnswers"]

#: The exercises of chapters 1 to 10, each chapter's in the order of its page.
CHAPTERS: tuple[tuple[Exercise, ...], ...] = tuple(
    module.EXERCISES for module in (ch01, ch02, ch03, ch04, ch05, ch06, ch07, ch08, ch09, ch10)
)
