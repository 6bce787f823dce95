"""Exercises whose answers SymPy checks.

``list()`` gives every exercise (id, chapter, prompt, the names an answer may
use); ``check(id, answer)`` returns a result with ``.correct`` and ``.message``.
An answer is a string in a small mathematical syntax (parsed safely, never
evaluated as Python), a number, an array or a SymPy expression.

>>> from nnmath import exercises
>>> result = exercises.check("output-error-sigmoid-quadratic", "sigma(z) - y")
>>> result.correct
False
>>> print(result.message)
Not correct: a factor σ′(z) = σ(z)(1 − σ(z)) is missing.
"""

from nnmath.exercises.checking import NUMERIC_POINTS, CheckResult
from nnmath.exercises.exercise import Exercise
from nnmath.exercises.parsing import SYNTAX, parse_answer
from nnmath.exercises.registry import check, get, ids, list_exercises
from nnmath.exercises.render import exercise_html, exercises_html

# The public name is list(); the package's own modules call it list_exercises and never
# shadow the builtin.
list = list_exercises

__all__ = [
    "NUMERIC_POINTS",
    "SYNTAX",
    "CheckResult",
    "Exercise",
    "check",
    "exercise_html",
    "exercises_html",
    "get",
    "ids",
    "list",
    "list_exercises",
    "parse_answer",
]
