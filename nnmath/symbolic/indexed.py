"""Sums over symbolic ranges: the helpers that let SymPy prove index identities for every size.

A derivative of a sum with a symbolic number of terms, such as
``∂/∂W_pq Σ_(k=1..n) W_jk a_k``, comes out of SymPy as a ``Piecewise`` whose condition is
``1 ≤ q ≤ n``: the index must be in range. :func:`in_range` discharges such a condition
explicitly, from stated index ranges and only where they imply it. :func:`tidy_sums` brings
sums to one form (constant factors pulled out, summands split at ``+``, summation indices
renamed canonically), so that two sides can be compared term by term, and
:func:`proved_for_symbolic_sizes` builds the step check from both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy
from sympy.assumptions import Q
from sympy.assumptions.lra_satask import lra_satask

from nnmath.symbolic.core import StepCheck

__all__ = ["evaluate", "in_range", "proved_for_symbolic_sizes", "tidy_sums"]

#: The name of a tidied summation index, followed by the number of sums nested inside.
_INDEX = "i_"

#: An index with its lowest and highest value, e.g. ``(j, 1, n)``.
IndexRange = tuple[Any, Any, Any]


def _facts(ranges: Sequence[IndexRange]) -> Any:
    facts: Any = sympy.true
    for index, low, high in ranges:
        facts = facts & Q.ge(index, low) & Q.le(index, high)
    return facts


def _check_ranges(ranges: object) -> tuple[IndexRange, ...]:
    if not isinstance(ranges, (list, tuple)):
        raise TypeError(f"ranges must be a sequence of (index, low, high), got {type(ranges)}")
    checked = []
    for entry in ranges:
        if not (isinstance(entry, tuple) and len(entry) == 3):
            raise ValueError(f"each range must be (index, low, high), got {entry!r}")
        if not isinstance(entry[0], sympy.Symbol):
            raise TypeError(f"an index must be a sympy.Symbol, got {entry[0]!r}")
        checked.append(entry)
    return tuple(checked)


def _decide(condition: Any, facts: Any) -> bool | None:
    """Whether the linear facts imply ``condition`` (True), contradict it (False), or neither.

    The integer indices are relaxed to real numbers, for which SymPy's linear-arithmetic
    solver decides implication; what holds for all reals in the ranges holds for the
    integers in them (the converse may fail: then the answer is None, never a guess).
    """
    if condition in (sympy.true, sympy.false):
        return bool(condition)
    symbols = condition.free_symbols | facts.free_symbols
    relaxed = {symbol: sympy.Dummy(symbol.name, real=True) for symbol in symbols}
    verdict: bool | None = lra_satask(condition.xreplace(relaxed), facts.xreplace(relaxed))
    return verdict


def _branch(piecewise: Any, facts: Any) -> Any:
    """The branch of ``piecewise`` that the facts select; ValueError if they do not decide."""
    for value, condition in piecewise.args:
        verdict = _decide(condition, facts)
        if verdict is True:
            return value
        if verdict is not False:
            raise ValueError(f"the index ranges do not decide the condition {condition}")
    raise ValueError(f"the index ranges rule out every branch of {piecewise}")


def _discharge(expr: Any, facts: Any, bound: frozenset[Any]) -> Any:
    if not isinstance(expr, sympy.Basic) or not expr.has(sympy.Piecewise):
        return expr
    if isinstance(expr, sympy.Sum):
        inner_facts, inner_bound = facts, bound
        for index, low, high in expr.limits:
            if index in inner_bound:
                raise ValueError(f"the summation index {index} is bound twice")
            inner_facts = inner_facts & Q.ge(index, low) & Q.le(index, high)
            inner_bound = inner_bound | {index}
        return sympy.Sum(_discharge(expr.function, inner_facts, inner_bound), *expr.limits)
    if isinstance(expr, sympy.Piecewise):
        return _discharge(_branch(expr, facts), facts, bound)
    return expr.func(*(_discharge(arg, facts, bound) for arg in expr.args))


def in_range(expr: Any, ranges: Sequence[IndexRange]) -> Any:
    """Replace every ``Piecewise`` in ``expr`` by the branch the index ranges select.

    A branch is taken only when SymPy's linear-arithmetic solver shows that its
    condition follows from the ranges (and that the earlier branches' conditions are
    false); inside a ``Sum``, the summation index's own range is a fact too.

    Parameters
    ----------
    expr : sympy.Basic
        Typically the ``doit()`` of a derivative of a sum with symbolic bounds.
    ranges : sequence of (index, low, high)
        Each free index with its range, e.g. ``[(j, 1, n)]``: the step's statement
        that the indices are in range.

    Returns
    -------
    sympy.Basic
        ``expr`` without ``Piecewise``.

    Raises
    ------
    TypeError
        If ``ranges`` is not a sequence of triples whose first entry is a Symbol.
    ValueError
        If the ranges do not decide a condition (the index might be out of range),
        or a summation index is bound twice.

    Examples
    --------
    >>> j, k = sympy.symbols("j k", integer=True)
    >>> n = sympy.Symbol("n", integer=True, positive=True)
    >>> x = sympy.IndexedBase("x")
    >>> picked = sympy.Sum(sympy.KroneckerDelta(j, k) * x[k], (k, 1, n)).doit()
    >>> picked
    Piecewise((x[j], (j >= 1) & (j <= n)), (0, True))
    >>> in_range(picked, [(j, 1, n)])
    x[j]
    >>> in_range(picked, [(j, 1, n + 1)])
    Traceback (most recent call last):
    ...
    ValueError: the index ranges do not decide the condition (j >= 1) & (j <= n)
    """
    checked = _check_ranges(ranges)
    return _discharge(
        sympy.sympify(expr), _facts(checked), frozenset(index for index, _, _ in checked)
    )


def _merge(factors: Sequence[Any]) -> Any:
    """The product of ``factors`` with every other factor taken into the sums among them.

    ``c · Σ_a f(a) · Σ_b g(b)`` becomes ``Σ_a Σ_b c f(a) g(b)`` (the indices renamed apart
    first), so that nested sums have one form whichever of them was written inside.
    """
    sums = [factor for factor in factors if isinstance(factor, sympy.Sum)]
    if not sums:
        return sympy.Mul(*factors)
    body = sympy.Mul(*(factor for factor in factors if not isinstance(factor, sympy.Sum)))
    limits = []
    for total in sums:
        apart = {index: sympy.Dummy(str(index), integer=True) for index, _, _ in total.limits}
        body = body * total.function.xreplace(apart)
        limits += [(apart[index], low, high) for index, low, high in total.limits]
    return sympy.Sum(body, *limits)


def _split(function: Any, limit: tuple[Any, Any, Any]) -> Any:
    """``Σ function`` over ``limit`` with ``+`` split and factors free of the index pulled out."""
    index, low, high = limit
    total: Any = sympy.Integer(0)
    for term in sympy.Add.make_args(sympy.expand(function)):
        outside: list[Any] = []
        inside: list[Any] = []
        for factor in sympy.Mul.make_args(term):
            (inside if factor.has(index) else outside).append(factor)
        if inside:
            total += sympy.Mul(*outside) * sympy.Sum(_merge(inside), limit)
        else:
            total += sympy.Mul(*outside) * (high - low + 1)
    return total


def _tidy(expr: Any) -> Any:
    """Split every sum at ``+`` and take out the factors free of its indices (innermost first)."""
    if not isinstance(expr, sympy.Basic) or not expr.has(sympy.Sum):
        return expr
    if isinstance(expr, sympy.Sum):
        value = _tidy(expr.function)
        for limit in expr.limits:
            value = _split(value, limit)
        return value
    return expr.func(*(_tidy(arg) for arg in expr.args))


def _height(total: Any) -> int:
    """How many indices are bound inside and by ``total`` (a renamed sum), less one."""
    return max(int(str(index)[len(_INDEX) :]) for index, _, _ in total.limits)


def _rename(expr: Any) -> Any:
    """Rename summation indices ``i_0, i_1, …`` from the innermost sum out.

    The limits of a sum over several indices are put in one order first (by their
    bounds) when no bound depends on another index of that sum: a finite sum over
    independent ranges may be taken in any order.
    """
    if not isinstance(expr, sympy.Basic) or not expr.has(sympy.Sum):
        return expr
    if not isinstance(expr, sympy.Sum):
        return expr.func(*(_rename(arg) for arg in expr.args))
    function = _rename(expr.function)
    limits = list(expr.limits)
    indices = {index for index, _, _ in limits}
    if not any((low.free_symbols | high.free_symbols) & indices for _, low, high in limits):
        limits.sort(key=lambda limit: (str(limit[1]), str(limit[2])))
    first = 1 + max((_height(inner) for inner in function.atoms(sympy.Sum)), default=-1)
    fresh = {
        index: sympy.Symbol(f"{_INDEX}{first + position}", integer=True)
        for position, (index, _, _) in enumerate(limits)
    }
    renamed = [(fresh[index], low, high) for index, low, high in limits]
    return sympy.Sum(function.xreplace(fresh), *renamed)


#: Taking a sum out of another can change the names of its indices: tidy again.
_ROUNDS = 4


def tidy_sums(expr: Any) -> Any:
    """``expr`` with every sum in one form, so that equal sums compare equal.

    Each summand is expanded and split at ``+``; factors free of the summation
    index are taken out of the sum (a constant summand gives ``(high − low + 1)``
    times it); the summation indices are renamed ``i_0, i_1, …`` from the innermost
    sum out (so a sum gets the same names wherever it stands), the independent ranges
    of a sum over several indices in one order. Nothing is evaluated otherwise.

    Examples
    --------
    >>> j, k, m = sympy.symbols("j k m", integer=True)
    >>> n = sympy.Symbol("n", integer=True, positive=True)
    >>> w, d = sympy.IndexedBase("w"), sympy.IndexedBase("d")
    >>> tidy_sums(sympy.Sum(3 * w[k, j] * (d[k] + 1), (k, 1, n)))
    3*Sum(d[i_0]*w[i_0, j], (i_0, 1, n)) + 3*Sum(w[i_0, j], (i_0, 1, n))
    >>> tidy_sums(sympy.Sum(w[m, j] * d[m], (m, 1, n)) - sympy.Sum(d[k] * w[k, j], (k, 1, n)))
    0
    >>> tidy_sums(sympy.Sum(d[k] * sympy.Sum(w[m, j], (m, 1, n)), (k, 1, n)))
    Sum(d[i_0], (i_0, 1, n))*Sum(w[i_0, j], (i_0, 1, n))
    """
    value = sympy.sympify(expr)
    for _ in range(_ROUNDS):
        following = _rename(_tidy(value))
        if following == value:
            break
        value = following
    return value


def evaluate(expr: Any, rounds: int = 4) -> Any:
    """``expr.doit()`` repeated until nothing changes (at most ``rounds`` times).

    One ``doit`` differentiates a sum into a sum of Kronecker deltas; the next
    evaluates that sum (to a ``Piecewise``, for symbolic bounds).

    Examples
    --------
    >>> j, k = sympy.symbols("j k", integer=True)
    >>> n = sympy.Symbol("n", integer=True, positive=True)
    >>> a = sympy.IndexedBase("a")
    >>> evaluate(sympy.Derivative(sympy.Sum(a[k] ** 2, (k, 1, n)), a[j]))
    Piecewise((2*a[j], (j >= 1) & (j <= n)), (0, True))
    """
    value = sympy.sympify(expr)
    for _ in range(rounds):
        following = value.doit()
        if following == value:
            break
        value = following
    return value


def proved_for_symbolic_sizes(
    lhs: Any,
    rhs: Any,
    ranges: Sequence[IndexRange],
    given: Mapping[Any, Any] | None = None,
) -> StepCheck:
    """A SymPy proof of ``lhs = rhs`` for symbolic sizes, with the indices in range.

    ``lhs − rhs`` is evaluated (``doit``), every range condition is discharged with
    :func:`in_range`, the sums are brought to one form with :func:`tidy_sums`, the
    stated facts ``given`` are substituted (e.g. ``Σ_k y_k → 1``; their sides are
    tidied the same way) and the result must reduce to 0 (``expand``, then
    ``cancel``).

    Parameters
    ----------
    lhs, rhs : sympy.Basic
        The two sides; sizes are symbols (``n``, ``K``), not numbers.
    ranges : sequence of (index, low, high)
        The free indices with their ranges.
    given : mapping, optional
        Facts the step states, as replacements ``{expression: value}``.

    Raises
    ------
    TypeError, ValueError
        When ``ranges`` is malformed (see :func:`in_range`), at construction.

    Examples
    --------
    >>> j, k = sympy.symbols("j k", integer=True)
    >>> n = sympy.Symbol("n", integer=True, positive=True)
    >>> a, y = sympy.IndexedBase("a"), sympy.IndexedBase("y")
    >>> cost = sympy.Sum((a[k] - y[k]) ** 2, (k, 1, n)) / 2
    >>> proved_for_symbolic_sizes(sympy.Derivative(cost, a[j]), a[j] - y[j], [(j, 1, n)]).run()
    (True, 'SymPy reduces the difference to 0 for symbolic sizes, indices in range')
    >>> proved_for_symbolic_sizes(sympy.Derivative(cost, a[j]), a[j], [(j, 1, n)]).run()[0]
    False
    """
    checked = _check_ranges(ranges)
    replacements = {tidy_sums(old): new for old, new in (given or {}).items()}

    def run() -> tuple[bool, str]:
        try:
            difference = tidy_sums(in_range(evaluate(lhs - rhs), checked))
        except ValueError as error:
            return False, f"not proved: {error}"
        difference = difference.subs(replacements) if replacements else difference
        ok = difference == 0 or sympy.expand(difference) == 0 or sympy.cancel(difference) == 0
        if not ok:
            ok = sympy.cancel(sympy.expand(difference)) == 0
        facts = ", the stated facts substituted" if replacements else ""
        return ok, (
            f"SymPy reduces the difference to 0 for symbolic sizes, indices in range{facts}"
            if ok
            else "SymPy did not reduce the difference to 0"
        )

    return StepCheck("SymPy proof", run)
