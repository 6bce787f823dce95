"""Deciding whether an answer is right, and saying what is off when it is not.

Expressions are compared by SymPy: the difference is reduced (``cancel``,
``expand``, then ``simplify`` for moderate sizes) under the exercise's
assumptions. When no reduction reaches 0, both sides are evaluated at seeded
random points with 30 significant digits; agreement everywhere is reported as
"equal at N random points; not proved symbolically". Numbers and arrays are
compared with the tolerance each exercise states.
"""

from __future__ import annotations

import html
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from nnmath.symbolic.sigmoid import Sigmoid, logistic

__all__ = [
    "NUMERIC_POINTS",
    "CheckResult",
    "compare_array",
    "compare_expression",
    "compare_number",
    "random_points",
    "to_exp",
]

#: How many random points the numerical fallback uses.
NUMERIC_POINTS = 20
#: Relative agreement required at every random point.
POINT_TOLERANCE = 1e-12
#: Largest expression (in SymPy operations) that ``simplify`` is tried on.
SIMPLIFY_LIMIT = 400


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one answer.

    Attributes
    ----------
    exercise : str
        The exercise id.
    correct : bool
        Whether the answer is right.
    message : str
        One line: why it is right (and how that was decided), or what is off.
    """

    exercise: str
    correct: bool
    message: str

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        verdict = "correct" if self.correct else "not correct"
        return f"{self.exercise}: {verdict}. {self.message}"

    def _repr_html_(self) -> str:
        kind, title = ("success", "Correct") if self.correct else ("failure", "Not yet")
        return (
            f'<div class="admonition {kind} nnmath-exercise-result" role="status">'
            f'<p class="admonition-title">{title}: <code>{html.escape(self.exercise)}</code></p>'
            f"<p>{html.escape(self.message)}</p></div>"
        )


def to_exp(expr: Any) -> Any:
    """Write every sigmoid, ``Sigmoid(t)`` or an undefined ``sigma(t)``, as ``1/(1 + e^(−t))``."""
    expr = sympy.sympify(expr)
    expr = expr.replace(
        lambda e: isinstance(e, sympy.core.function.AppliedUndef) and e.func.__name__ == "sigma",
        lambda e: logistic(e.args[0]),
    )
    return expr.replace(lambda e: isinstance(e, Sigmoid), lambda e: logistic(e.args[0]))


def random_points(
    symbols: Sequence[Any], seed_text: str, n: int = NUMERIC_POINTS
) -> list[dict[Any, Any]]:
    """``n`` seeded random points, each symbol drawn from a range its assumptions allow.

    Positive symbols come from [0.2, 2], nonzero ones from ±[0.3, 2], others from [−2, 2];
    the seed is derived from ``seed_text`` so the same exercise always uses the same points.
    """
    rng = np.random.default_rng(zlib.crc32(seed_text.encode()))
    points = []
    for _ in range(n):
        point: dict[Any, Any] = {}
        for s in symbols:
            if s.is_positive:
                value = rng.uniform(0.2, 2.0)
            elif s.is_nonzero:
                value = rng.uniform(0.3, 2.0) * rng.choice([-1.0, 1.0])
            else:
                value = rng.uniform(-2.0, 2.0)
            point[s] = sympy.Float(value, 30)
        points.append(point)
    return points


def _value(expr: Any, point: Mapping[Any, Any]) -> complex | None:
    try:
        v = complex(sympy.N(expr.subs(point), 30))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not (np.isfinite(v.real) and np.isfinite(v.imag)) or abs(v.imag) > 1e-20 * max(1, abs(v)):
        return None
    return v


def _close(a: complex, b: complex, rel: float = POINT_TOLERANCE) -> bool:
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


def _proved_zero(difference: Any) -> bool:
    if difference == 0:
        return True
    if sympy.cancel(difference) == 0 or sympy.expand(difference) == 0:
        return True
    if sympy.count_ops(difference) <= SIMPLIFY_LIMIT:
        return bool(sympy.simplify(difference) == 0)
    return False


def _text(expr: Any) -> str:
    return str(sympy.sstr(expr)).replace("**", "^")


def _constant(values: list[complex]) -> complex | None:
    if values and all(_close(v, values[0], 1e-9) for v in values):
        return values[0]
    return None


def _nice(c: complex) -> str:
    real = c.real
    guess = sympy.nsimplify(real, rational=True, tolerance=1e-9)
    if guess.is_Rational and guess.q <= 1000:
        return _text(guess)
    return f"{real:.6g}"


def compare_expression(
    answer: Any,
    expected: Any,
    *,
    exercise: str,
    symbols: Sequence[Any],
    substitutions: Mapping[Any, Any] | None = None,
    factors: Mapping[str, Any] | None = None,
    assumptions: str = "",
) -> CheckResult:
    """Compare two scalar expressions in ``symbols`` (sigmoids rewritten with ``exp``).

    ``substitutions`` applies the exercise's constraints (e.g. ``y3 = 1 − y1 − y2``) to
    both sides first. ``factors`` names expressions whose absence or surplus the feedback
    recognises (e.g. ``"σ′(z)"``).
    """
    subs = dict(substitutions or {})
    a = to_exp(answer).subs(subs)
    e = to_exp(expected).subs(subs)
    under = f" under {assumptions}" if assumptions else ""
    if _proved_zero(a - e):
        return CheckResult(
            exercise, True, f"Correct: SymPy proves your answer equals the result{under}."
        )
    free = [s for s in symbols if s not in subs]
    points = random_points(free, exercise)
    a_values = [_value(a, p) for p in points]
    e_values = [_value(e, p) for p in points]
    if any(v is None for v in a_values):
        bad = next(p for p, v in zip(points, a_values, strict=True) if v is None)
        where = ", ".join(f"{s} = {float(v):.3g}" for s, v in bad.items())
        return CheckResult(
            exercise, False, f"Not correct: your answer is not a finite real number at {where}."
        )
    av = [complex(v) for v in a_values if v is not None]
    ev = [complex(v) for v in e_values if v is not None]
    if all(_close(x, y) for x, y in zip(av, ev, strict=True)):
        return CheckResult(
            exercise,
            True,
            f"Correct: equal at {len(points)} random points; not proved symbolically{under}.",
        )
    return CheckResult(
        exercise, False, "Not correct: " + _feedback(a, e, av, ev, points, free, factors)
    )


def _feedback(
    a: Any,
    e: Any,
    av: list[complex],
    ev: list[complex],
    points: list[dict[Any, Any]],
    free: Sequence[Any],
    factors: Mapping[str, Any] | None,
) -> str:
    a_vars = {s for s in a.free_symbols if s in free}
    e_vars = {s for s in e.free_symbols if s in free}
    extra, missing = sorted(map(str, a_vars - e_vars)), sorted(map(str, e_vars - a_vars))
    if all(abs(x) < 1e-15 for x in av) and not all(abs(y) < 1e-15 for y in ev):
        return "your answer is 0, and the correct one is not."
    if all(_close(x, -y) for x, y in zip(av, ev, strict=True)):
        return "the sign is wrong: your answer is the negative of the correct one."
    nonzero = [(x, y) for x, y in zip(av, ev, strict=True) if abs(y) > 1e-12]
    ratio = _constant([x / y for x, y in nonzero]) if len(nonzero) == len(av) else None
    if ratio is not None:
        return f"off by a constant factor: your answer is {_nice(ratio)} times the correct one."
    for name, factor in (factors or {}).items():
        fv = [_value(to_exp(factor), p) for p in points]
        if any(v is None for v in fv):
            continue
        f_values = [complex(v) for v in fv if v is not None]
        if all(_close(x * f, y) for x, f, y in zip(av, f_values, ev, strict=True)):
            return f"a factor {name} is missing."
        if all(_close(x, y * f) for x, f, y in zip(av, f_values, ev, strict=True)):
            return f"your answer has an extra factor {name}."
    terms = sympy.Add.make_args(sympy.expand(e))
    if 1 < len(terms) <= 40:
        for term in terms:
            tv = [_value(term, p) for p in points]
            if any(v is None for v in tv):
                continue
            t_values = [complex(v) for v in tv if v is not None]
            if all(_close(x, y - t) for x, y, t in zip(av, ev, t_values, strict=True)):
                return f"a term is missing: the correct answer also has the term {_text(term)}."
            if all(_close(x, y + t) for x, y, t in zip(av, ev, t_values, strict=True)):
                return f"the term {_text(term)} appears twice (or has the wrong sign)."
    shift = _constant([x - y for x, y in zip(av, ev, strict=True)])
    if shift is not None:
        return f"your answer differs from the correct one by the constant {_nice(shift)}."
    if extra:
        return f"your answer depends on {', '.join(extra)}, but the correct one does not."
    if missing:
        return f"your answer does not depend on {', '.join(missing)}, but the correct one does."
    k = next(i for i, (x, y) in enumerate(zip(av, ev, strict=True)) if not _close(x, y))
    where = ", ".join(f"{s} = {float(v):.4g}" for s, v in points[k].items())
    return f"at {where} your answer is {av[k].real:.6g} but the correct value is {ev[k].real:.6g}."


def _float(value: Any) -> float:
    try:
        number = complex(sympy.N(value, 30))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"expected a number, got {value!r}") from exc
    if abs(number.imag) > 1e-12 or not np.isfinite(number.real):
        raise ValueError(f"expected a finite real number, got {value!r}")
    return number.real


def compare_number(
    answer: Any,
    expected: Any,
    *,
    exercise: str,
    tolerance: float,
    integer: bool = False,
    mistakes: Mapping[str, tuple[Any, str]] | None = None,
) -> CheckResult:
    """Compare a number with ``|answer − expected| ≤ tolerance · max(1, |expected|)``."""
    a, e = _float(answer), _float(expected)
    if integer and abs(a - round(a)) > 1e-9:
        return CheckResult(
            exercise, False, f"Not correct: the answer is a whole number (a count), got {a:g}."
        )
    if abs(a - e) <= tolerance * max(1.0, abs(e)):
        stated = "exactly" if integer else f"within the tolerance {tolerance:g} (relative)"
        return CheckResult(exercise, True, f"Correct: {a:g} matches the result {stated}.")
    for value, text in (mistakes or {}).values():
        if abs(a - _float(value)) <= tolerance * max(1.0, abs(_float(value))):
            return CheckResult(exercise, False, f"Not correct: {text}")
    if e != 0 and abs(a + e) <= tolerance * max(1.0, abs(e)):
        return CheckResult(exercise, False, "Not correct: the sign is wrong.")
    if e != 0 and a != 0:
        ratio = a / e
        guess = sympy.nsimplify(ratio, rational=True, tolerance=1e-9)
        if guess.is_Rational and guess > 0 and guess.q <= 10 and guess.p <= 10:
            return CheckResult(
                exercise,
                False,
                f"Not correct: off by a constant factor: your answer is {_text(guess)} times "
                "the correct one.",
            )
    side = "too large" if a > e else "too small"
    return CheckResult(exercise, False, f"Not correct: {a:g} is {side}.")


def compare_array(
    answer: Any,
    expected: Any,
    *,
    exercise: str,
    tolerance: float,
    mistakes: Mapping[str, tuple[Any, str]] | None = None,
) -> CheckResult:
    """Compare arrays: the shape first, then every entry within the tolerance."""
    e = np.array(
        [[_float(v) for v in row] for row in np.atleast_2d(np.array(expected, dtype=object))]
    )
    e = e.reshape(-1) if 1 in e.shape and e.ndim == 2 else e
    try:
        a = np.vectorize(_float, otypes=[float])(np.array(answer, dtype=object))
    except ValueError as exc:
        return CheckResult(exercise, False, f"Not correct: the entries must be numbers ({exc}).")
    if a.shape != e.shape:
        note = ""
        if a.shape == e.shape[::-1] and a.ndim == 2:
            note = " (transposed?)"
        what = "a single number" if a.ndim == 0 else f"shape {a.shape}"
        return CheckResult(
            exercise,
            False,
            f"Not correct: wrong shape: expected an array of shape {e.shape}, got {what}{note}.",
        )

    def close(x: np.ndarray, y: np.ndarray) -> bool:
        return bool(np.all(np.abs(x - y) <= tolerance * np.maximum(1.0, np.abs(y))))

    if close(a, e):
        return CheckResult(
            exercise, True, f"Correct: every entry matches within the tolerance {tolerance:g}."
        )
    for value, text in (mistakes or {}).values():
        m = np.array([_float(v) for v in np.array(value, dtype=object).reshape(-1)]).reshape(
            e.shape
        )
        if close(a, m):
            return CheckResult(exercise, False, f"Not correct: {text}")
    if np.any(e != 0) and close(a, -e):
        return CheckResult(exercise, False, "Not correct: the sign of every entry is wrong.")
    ok = np.abs(a - e).reshape(-1) <= tolerance * np.maximum(1.0, np.abs(e).reshape(-1))
    wrong = [str(i + 1) for i, good in enumerate(ok) if not good]
    which = f"entry {wrong[0]} is" if len(wrong) == 1 else f"entries {', '.join(wrong)} are"
    return CheckResult(
        exercise, False, f"Not correct: the shape is right, but {which} off (counting from 1)."
    )
