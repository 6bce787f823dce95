"""Answers to try on every typed exercise, and how to compare two checkers' verdicts.

Shared by the Node test of the page's checker (tests/test_exercises_page.py) and the
browser test (tests/site/test_exercises_page.py): for each exercise the page checks, its
sample answer, an equivalent rewriting, every mistake the Python checker recognises, and
malformed input; and the table of tests/exercise_answers.json.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import sympy

from nnmath import exercises
from nnmath.exercises.checking import to_exp
from nnmath.exercises.page import is_checked_on_page

TABLE = Path(__file__).with_name("exercise_answers.json")
MALFORMED = ("", "(", "1 +", "foo", "a.b", "__import__('os')", "x = 1", "[1, 2")


def _text(value: Any) -> str:
    return str(sympy.sstr(value)).replace("**", "^")


def _nested(value: sympy.MatrixBase) -> list[Any]:
    """A vector as a list, a matrix as a list of its rows."""
    return list(value) if 1 in value.shape else value.tolist()


def _wrapped(sample: str) -> str:
    return f"({sample})"


def cases_for(exercise: exercises.Exercise) -> list[str]:
    """The answers to try on ``exercise``: right, rewritten, each recognised mistake, malformed."""
    e = exercise
    sample = e.sample
    answers = [sample]
    if e.answer_type == "expression":
        answers.append(_text(sympy.expand(to_exp(e.expected))))
        answers += [f"-{_wrapped(sample)}", f"2{_wrapped(sample)}", f"{_wrapped(sample)}/3"]
        answers += [f"{_wrapped(sample)} + 1", "0"]
        for factor in e.factors.values():
            answers.append(f"{_wrapped(sample)}/({_text(to_exp(factor))})")
            answers.append(f"{_wrapped(sample)}({_text(to_exp(factor))})")
        terms = sympy.Add.make_args(sympy.expand(to_exp(e.expected).subs(e.substitutions)))
        if len(terms) > 1:
            answers.append(f"{_wrapped(sample)} - ({_text(terms[0])})")
        answers.append(f"{_wrapped(sample)} + {e.variables[0]}")
    elif e.answer_type == "array":
        expected = _nested(e.expected)
        answers.append(_text(expected).replace(" ", ""))
        answers += [_text(_nested(-e.expected)), "[1]", "7", f"{_text(expected)[:-1]}, 0]"]
        for value, _ in e.mistakes.values():
            answers.append(_text(_nested(sympy.Matrix(value))))
        if 1 in e.expected.shape:
            answers.append(_text([[v] for v in e.expected]))
        else:
            answers.append(_text(e.expected.T.tolist()))  # rows and columns swapped
    else:
        answers += [_text(e.expected), f"-{_wrapped(sample)}", f"2{_wrapped(sample)}"]
        answers += [f"{_wrapped(sample)} + 1/3", "[1, 2]", "1/2"]
        answers += [_text(value) for value, _ in e.mistakes.values()]
    return answers + list(MALFORMED)


def all_cases() -> list[tuple[str, str]]:
    """(exercise id, answer) for every typed exercise and every row of the shared table."""
    out = [
        (e.id, a) for e in exercises.list_exercises() if is_checked_on_page(e) for a in cases_for(e)
    ]
    table = json.loads(TABLE.read_text(encoding="utf-8"))["answers"]
    return out + [(row["exercise"], row["answer"]) for row in table]


@functools.cache
def python_verdict(exercise_id: str, answer: str) -> tuple[str, str]:
    """``nm.exercises.check``'s verdict: ("correct" | "incorrect" | "invalid", message)."""
    try:
        result = exercises.check(exercise_id, answer)
    except ValueError as exc:
        return "invalid", str(exc)
    return ("correct" if result.correct else "incorrect"), result.message


_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?(?:/\d+)?")


def _number(match: re.Match[str]) -> str:
    text = match.group()
    value = float(sympy.Rational(text)) if "/" in text else float(text)
    return f"<{value:.4g}>"


def feedback_key(message: str) -> str:
    """The mistake a message names, numbers rounded alike (1/2 and 0.5 read the same)."""
    text = message.split(" (expected a finite real number")[0]
    return _NUMBER.sub(_number, text)
