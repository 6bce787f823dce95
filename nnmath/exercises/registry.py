"""Every exercise of the site by id: look one up, list a chapter's, check an answer.

The exercises themselves are content, one short record each in
:mod:`nnmath.exercises.catalogue`; their expected answers are never typed in: each is read
from the ``exercise-answers`` derivation of :mod:`nnmath.symbolic` (see
:mod:`nnmath.symbolic.exercise_answers`), where SymPy differentiates, solves or counts. Wrong
answers that depend on the expected ones are filled in here, once, from the same derivation.

Examples
--------
>>> ", ".join(ids()[:3])
'dot-product, perceptron-output, perceptron-boundary'
>>> ", ".join(e.id for e in list_exercises(3)[:3])
'sigmoid-second-derivative, sigmoid-transition, sigmoid-steepness'
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from nnmath.exercises.catalogue import CHAPTERS, FromAnswers
from nnmath.exercises.checking import CheckResult
from nnmath.exercises.exercise import Exercise, expected_answers

__all__ = ["check", "get", "ids", "list_exercises"]

_CACHE: dict[str, Exercise] = {}


def _with_mistakes(exercise: Exercise, answers: Mapping[str, Any]) -> Exercise:
    """The exercise with its wrong answers that depend on the expected ones computed."""
    mistakes = {
        name: (value.rule(answers) if isinstance(value, FromAnswers) else value, text)
        for name, (value, text) in exercise.mistakes.items()
    }
    return replace(exercise, mistakes=MappingProxyType(mistakes))


def _registry() -> dict[str, Exercise]:
    """Every exercise by id, in chapter order (built once)."""
    if not _CACHE:
        answers = expected_answers()
        for exercise in (e for chapter in CHAPTERS for e in chapter):
            if exercise.id in _CACHE:
                raise RuntimeError(f"the catalogue has two exercises called {exercise.id!r}")
            _CACHE[exercise.id] = _with_mistakes(exercise, answers)
    return _CACHE


def ids() -> list[str]:
    """Every exercise id, in chapter order."""
    return list(_registry())


def get(exercise_id: str) -> Exercise:
    """The exercise called ``exercise_id``.

    Raises
    ------
    TypeError
        If the id is not a string.
    ValueError
        If there is no such exercise; the message lists the close matches.
    """
    if not isinstance(exercise_id, str):
        raise TypeError(f"exercise id must be a string, got {type(exercise_id).__name__}")
    registry = _registry()
    if exercise_id not in registry:
        close = difflib.get_close_matches(exercise_id, registry, n=5, cutoff=0.5)
        hint = f"close matches: {', '.join(close)}" if close else "see nnmath.exercises.list()"
        raise ValueError(f"unknown exercise {exercise_id!r}; {hint}")
    return registry[exercise_id]


def list_exercises(chapter: int | None = None) -> list[Exercise]:
    """Every exercise (or a chapter's), in order, with its prompt and answer syntax.

    Raises
    ------
    ValueError
        If ``chapter`` is given and is not one of 1–10.

    Examples
    --------
    >>> from nnmath import exercises
    >>> exercises.get("chain-rule-w1").variables
    ('x', 'w1', 'w2', 'b1', 'b2', 't')
    """
    items = list(_registry().values())
    if chapter is None:
        return items
    if isinstance(chapter, bool) or not isinstance(chapter, int) or not 1 <= chapter <= 10:
        raise ValueError(f"chapter must be an integer from 1 to 10, got {chapter!r}")
    return [e for e in items if e.chapter == chapter]


def check(exercise_id: str, answer: Any) -> CheckResult:
    """Check an answer to an exercise.

    Parameters
    ----------
    exercise_id : str
        E.g. ``"chain-rule-w1"`` (see :func:`list_exercises`).
    answer : str, number, array or sympy.Expr
        A string in the exercise's answer syntax (see ``Exercise.syntax``), or a
        value of the kind the exercise asks for.

    Returns
    -------
    CheckResult
        ``.correct`` and a one-line ``.message`` that says how it was decided or what is off.

    Raises
    ------
    ValueError
        For an unknown id (listing close matches) or an answer that does not parse,
        or uses anything but mathematical syntax (nothing is ever evaluated).
    TypeError
        For an answer of an unsupported type.

    Examples
    --------
    >>> from nnmath import exercises
    >>> exercises.check("chain-rule-w2", "(w2 sigma(w1 x + b1) + b2 - t) sigma(w1 x + b1)").correct
    True
    >>> twice = "2(w2 sigma(w1 x + b1) + b2 - t) sigma(w1 x + b1)"
    >>> print(exercises.check("chain-rule-w2", twice).message)
    Not correct: off by a constant factor: your answer is 2 times the correct one.
    """
    return get(exercise_id).check(answer)
