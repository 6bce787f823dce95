"""Exercises whose answers SymPy checks, arguments to explain and functions to write.

``list()`` gives every exercise (id, chapter, kind, prompt, what an answer is);
``check(id, answer)`` checks a typed answer and returns a result with ``.correct`` and
``.message``. A typed answer is a string in a small mathematical syntax (parsed safely, never
evaluated as Python), a number, an array or a SymPy expression. An *implement* exercise is
checked by ``check_code(id, func)``, which runs the reader's function against the package's
own; an *explain* exercise, by the reader, against the model argument on the page.

>>> from nnmath import exercises
>>> result = exercises.check("output-error-sigmoid-quadratic", "sigma(z) - y")
>>> result.correct
False
>>> print(result.message)
Not correct: a factor σ′(z) = σ(z)(1 − σ(z)) is missing.
"""

from typing import Any

from nnmath.exercises.checking import NUMERIC_POINTS, CheckResult
from nnmath.exercises.code_checking import CodeCheckResult, check_code
from nnmath.exercises.exercise import Exercise
from nnmath.exercises.parsing import SYNTAX, parse_answer
from nnmath.exercises.registry import check, get, ids, list_exercises
from nnmath.exercises.render import exercise_html, exercises_html

__all__ = [
    "NUMERIC_POINTS",
    "SYNTAX",
    "CheckResult",
    "CodeCheckResult",
    "Exercise",
    "check",
    "check_code",
    "exercise_html",
    "exercises_html",
    "get",
    "ids",
    "list",
    "list_exercises",
    "parse_answer",
]


def __getattr__(name: str) -> Any:
    """``nnmath.exercises.list`` is :func:`list_exercises`, for readers.

    The package's own code calls it ``list_exercises``; resolving the public name here
    binds no module-level ``list``, so nothing in the package shadows the builtin.
    """
    if name == "list":
        return list_exercises
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
