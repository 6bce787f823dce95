"""What a page needs to check a typed answer in the browser, written by SymPy at build time.

Every exercise with a typed answer (an expression, a number, a whole number or an array)
gets a payload: the page parses the reader's answer itself (``docs/javascripts/
exercise-checker.js``, a port of :mod:`nnmath.exercises.parsing`), evaluates it, and
compares it with what is written here, giving the verdict :func:`nnmath.exercises.check`
gives. Nothing in the payload is specific to one exercise's code: a new typed exercise in
the catalogue is checked on its page with no change to the page's script.

For an expression, the payload holds the expected answer as a JavaScript function printed
by SymPy (:mod:`nnmath.symbolic.javascript`), the points to compare at (the seeded random
points of :func:`~nnmath.exercises.checking.random_points`, the very points the Python check
falls back on, then points where every variable is −1, 0 or 1 if its domain allows), and
what the feedback recognises: each named factor and each term of the expected answer as
printed functions, the substitutions both sides get, and the variables the answer depends
on. The rules (sign, constant factor, constant shift) are ported in the page's script.
For a number or an array, it holds the expected value, its shape and the known wrong
values with their feedback.

Examples
--------
>>> payload = exercise_payload("sigmoid-transition")
>>> payload["type"], payload["variables"], len(payload["points"])
('expression', ['w', 'b'], 23)
>>> [b for w, b in payload["points"][-3:]]  # w is nonzero: at 0 it keeps a random value
[-1.0, 0.0, 1.0]
>>> print(payload["answer"])
(w, b) => (-b + Math.log(3))/w
>>> exercise_payload("network-parameter-count")["mistakes"]
[[79400.0, 'that counts only the weights; each of the 100 + 10 neurons also has a bias.']]
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from nnmath.exercises.checking import NUMERIC_POINTS, _text, random_points, to_exp
from nnmath.exercises.exercise import NUMBER_TOLERANCE, TYPED_ANSWERS, Exercise
from nnmath.exercises.registry import get, list_exercises
from nnmath.symbolic.javascript import javascript_function

__all__ = [
    "PAGE_TOLERANCE",
    "TYPED_ANSWERS",
    "JavaScript",
    "checks_script",
    "exercise_payload",
    "is_checked_on_page",
    "page_method",
    "page_note",
]

#: Relative agreement the page asks for at each point (it computes in double precision).
PAGE_TOLERANCE = 1e-9
#: The special values every variable takes at the extra points, where its domain allows.
SPECIAL_VALUES = (-1.0, 0.0, 1.0)


class JavaScript(str):
    """JavaScript source that :func:`checks_script` writes as code, not as a string."""


def is_checked_on_page(exercise: Exercise) -> bool:
    """Whether the page checks this exercise's answer (a typed answer)."""
    return exercise.is_typed


def page_method(exercise: Exercise) -> str:
    """How the page compares an answer, in a sentence for a reader.

    >>> print(page_method(get("chain-rule-w1")).split(";")[0])
    This page checks it at 23 points, every variable −1, 0 and 1 among them
    """
    if exercise.answer_type == "expression":
        n = NUMERIC_POINTS + len(SPECIAL_VALUES)
        return (
            f"This page checks it at {n} points, every variable −1, 0 and 1 among them; "
            "in the notebook, nm.exercises.check proves it with SymPy."
        )
    if exercise.answer_type == "integer":
        return "This page checks it exactly."
    return "This page checks it to about nine significant digits."


def page_note(exercise: Exercise) -> str:
    """How the page compares an answer, in a few words under the answer box.

    The whole sentence is :func:`page_method`; the tolerances are on the API page.

    >>> print(page_note(get("chain-rule-w1")))
    Checked here at 23 points; nm.exercises.check proves it with SymPy.
    """
    if exercise.answer_type == "expression":
        n = NUMERIC_POINTS + len(SPECIAL_VALUES)
        return f"Checked here at {n} points; nm.exercises.check proves it with SymPy."
    if exercise.answer_type == "integer":
        return "Checked exactly."
    return "Checked to about nine significant digits."


def _allowed(symbol: Any, value: float) -> bool:
    if symbol.is_positive:
        return value > 0
    if symbol.is_nonzero:
        return value != 0
    return True


def _expression_payload(e: Exercise) -> dict[str, Any]:
    subs = dict(e.substitutions)
    symbols = list(e.symbols.values())
    free = [s for s in symbols if s not in subs]
    expected = to_exp(e.expected).subs(subs)
    points = [[float(p[s]) for s in free] for p in random_points(free, e.id)]
    for value in SPECIAL_VALUES:
        first = points[0]
        points.append([value if _allowed(s, value) else first[k] for k, s in enumerate(free)])
    factors = []
    for name, factor in e.factors.items():
        f = to_exp(factor)
        if f.free_symbols <= set(free):  # as in Python: a factor it cannot evaluate is skipped
            factors.append([name, JavaScript(javascript_function(free, f))])
    terms = sympy.Add.make_args(sympy.expand(expected))
    term_list = (
        [[_text(t), JavaScript(javascript_function(free, t))] for t in terms]
        if 1 < len(terms) <= 40
        else []
    )
    return {
        "variables": list(e.variables),
        "free": [str(s) for s in free],
        "points": points,
        "randomPoints": NUMERIC_POINTS,
        "answer": JavaScript(javascript_function(free, expected)),
        "substitutions": {
            str(s): JavaScript(javascript_function(free, to_exp(v))) for s, v in subs.items()
        },
        "dependsOn": sorted(str(s) for s in expected.free_symbols if s in free),
        "factors": factors,
        "terms": term_list,
        "tolerance": PAGE_TOLERANCE,
        "assumptions": e.assumptions,
    }


def _floats(value: Any) -> Any:
    """A SymPy number or matrix as floats, shaped as :func:`compare_array` shapes it."""
    array = np.array(
        [
            [float(sympy.N(v, 30)) for v in row]
            for row in np.atleast_2d(np.array(value, dtype=object))
        ]
    )
    return array.reshape(-1) if 1 in array.shape and array.ndim == 2 else array


def _value_payload(e: Exercise) -> dict[str, Any]:
    expected = e.expected
    if e.answer_type == "array":
        values = _floats(expected)
        mistakes = [
            [_floats(np.array(v, dtype=object).reshape(-1)).reshape(values.shape).tolist(), text]
            for v, text in e.mistakes.values()
        ]
        return {"expected": values.tolist(), "shape": list(values.shape), "mistakes": mistakes,
                "tolerance": NUMBER_TOLERANCE}  # fmt: skip
    mistakes = [[float(sympy.N(v, 30)), text] for v, text in e.mistakes.values()]
    return {
        "expected": float(sympy.N(expected, 30)),
        "mistakes": mistakes,
        "tolerance": NUMBER_TOLERANCE,
    }


def exercise_payload(exercise_id: str) -> dict[str, Any]:
    """What the page needs to check ``exercise_id`` (JavaScript functions as :class:`JavaScript`).

    Raises
    ------
    ValueError
        If there is no such exercise, or its answer is not typed (see :data:`TYPED_ANSWERS`).
    """
    e = get(exercise_id)
    if not is_checked_on_page(e):
        raise ValueError(
            f"exercise_id must name an exercise with a typed answer "
            f"({', '.join(sorted(TYPED_ANSWERS))}), got {exercise_id!r} ({e.answer_type})"
        )
    payload: dict[str, Any] = {"id": e.id, "type": e.answer_type, "variables": []}
    if e.answer_type == "expression":
        payload.update(_expression_payload(e))
    else:
        payload.update(_value_payload(e))
    return payload


def _literal(value: Any) -> str:
    """``value`` as a JavaScript literal: JSON, except :class:`JavaScript` written as code."""
    if isinstance(value, JavaScript):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return json.dumps(value)


def checks_script(exercise_ids: Sequence[str] | None = None) -> str:
    """JavaScript that defines ``window.nnmath.exerciseChecks[ID]`` for each typed exercise.

    Parameters
    ----------
    exercise_ids : sequence of str, optional
        The exercises (default: every exercise with a typed answer).

    Returns
    -------
    str
        The text of a script; the site build writes it into the site, and the page loads
        it with the checker when a reader first focuses an answer box.

    Raises
    ------
    ValueError
        For an id that is not an exercise with a typed answer.
    """
    if exercise_ids is None:
        exercise_ids = [e.id for e in list_exercises() if is_checked_on_page(e)]
    lines = [
        "// Generated by nnmath.exercises.page.checks_script() from the exercises and the",
        "// answers SymPy derives (SymPy's JavaScript code printer). Do not edit.",
        "window.nnmath = window.nnmath || {};",
        "window.nnmath.exerciseChecks = window.nnmath.exerciseChecks || {};",
    ]
    for exercise_id in exercise_ids:
        literal = _literal(exercise_payload(exercise_id))
        lines.append(f"window.nnmath.exerciseChecks[{json.dumps(exercise_id)}] = {literal};")
    return "\n".join(lines) + "\n"
