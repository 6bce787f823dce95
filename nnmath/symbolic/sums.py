"""Proofs about finite sums with symbolic bounds: entries of ``MatrixSymbol`` products.

The entries of products of matrix symbols whose dimensions are symbols (``n``, ``m``) are
sums ``Sum(…, (k, 0, n − 1))``. SymPy does not decide that two such nested sums are equal,
so :func:`sum_normal_form` rewrites an expression with sound rules for finite sums over
fixed ranges: expand, split a sum of a sum (linearity), pull a sum that is a factor inside
the sum around it (the index names are fresh, so nothing is captured), shift every index to
start at 0, reorder the indices
of a multiple sum (finite sums over ranges that do not depend on each other commute) and
rename the indices in a canonical order. Two expressions with the same normal form are
equal for every value of the symbols, the bounds included.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import sympy

from nnmath.symbolic.kinds import StepCheck

__all__ = ["entrywise", "proved_for_all_sizes", "sum_normal_form"]

_Term = tuple[tuple[Any, ...], Any]  # (limits, body): the sum of body over the limits


def _factors(term: Any) -> list[Any]:
    """The factors of a product, a sum to a positive integer power repeated that often."""
    out = []
    for factor in sympy.Mul.make_args(term):
        base, exponent = factor.as_base_exp()
        if isinstance(base, sympy.Sum) and exponent.is_Integer and exponent > 0:
            out.extend([base] * int(exponent))
        else:
            out.append(factor)
    return out


def _terms(expr: Any) -> list[_Term]:
    """``expr`` as a list of (limits, monomial body) pairs whose sum it is."""
    out: list[_Term] = []
    for term in sympy.Add.make_args(sympy.expand(expr)):
        alternatives: list[_Term] = [((), sympy.Integer(1))]
        for factor in _factors(term):
            if isinstance(factor, sympy.Sum):
                # Fresh index names, each shifted to start at 0: i from lo to hi is k + lo
                # for k from 0 to hi − lo.
                fresh = {v: sympy.Dummy("k", integer=True) + lo for v, lo, _ in factor.limits}
                limits = tuple(
                    (fresh[v] - lo, sympy.Integer(0), (hi - lo).xreplace(fresh))
                    for v, lo, hi in factor.limits
                )
                inner = _terms(factor.function.xreplace(fresh))
                parts = [(limits + lims, body) for lims, body in inner]
            else:
                parts = [((), factor)]
            alternatives = [
                (la + lb, sympy.expand(ba * bb)) for la, ba in alternatives for lb, bb in parts
            ]
        for limits, body in alternatives:
            for lims, monomial in ((limits, b) for b in sympy.Add.make_args(body)):
                out.append((lims, monomial))
    return out


def _canonical(limits: tuple[Any, ...], body: Any) -> tuple[Any, Any]:
    """(coefficient, canonical sum): unused indices counted, indices renamed in order."""
    coefficient = sympy.Integer(1)
    used = []
    for var, lo, hi in limits:
        if var in body.free_symbols:
            used.append((var, lo, hi))
        else:
            coefficient *= hi - lo + 1
    numeric, rest = body.as_coeff_Mul()
    coefficient *= numeric
    if not used:
        return coefficient, rest
    names = [sympy.Symbol(f"k_{i}", integer=True) for i in range(len(used))]
    best: tuple[str, Any] | None = None
    for order in itertools.permutations(used):
        rename = {var: name for (var, _, _), name in zip(order, names, strict=True)}
        bounds = [(rename[v], lo.xreplace(rename), hi.xreplace(rename)) for v, lo, hi in order]
        if any(b.free_symbols & set(names) for _, lo, hi in bounds for b in (lo, hi)):
            continue  # a bound depends on another index: that order is not a free reordering
        candidate = sympy.Sum(rest.xreplace(rename), *bounds)
        key = sympy.srepr(candidate)
        if best is None or key < best[0]:
            best = (key, candidate)
    if best is None:
        return coefficient, sympy.Sum(rest, *used)
    return coefficient, best[1]


def sum_normal_form(expr: Any) -> Any:
    """A normal form of ``expr`` for finite sums (see the module docstring).

    Examples
    --------
    >>> n = sympy.Symbol("n", integer=True, positive=True)
    >>> a, b = sympy.MatrixSymbol("a", n, 1), sympy.MatrixSymbol("b", n, 1)
    >>> i = sympy.Symbol("i", integer=True)
    >>> lhs = (a.T * (a + b))[0, 0]
    >>> rhs = (a.T * a)[0, 0] + (b.T * a)[0, 0]
    >>> sum_normal_form(lhs - rhs)
    0
    """
    collected: dict[Any, Any] = {}
    for limits, body in _terms(sympy.sympify(expr)):
        coefficient, term = _canonical(limits, body)
        collected[term] = collected.get(term, sympy.Integer(0)) + coefficient
    return sympy.Add(*(sympy.expand(c) * t for t, c in collected.items()))


def entrywise(lhs: Any, rhs: Any) -> tuple[bool, str]:
    """Whether a general entry (i, j) of two matrix expressions has the same normal form.

    Scalars (entries already taken) are compared as they are.

    Raises
    ------
    ValueError
        If one side is a matrix expression and the other is not, or the shapes differ.
    """
    i, j = sympy.symbols("i j", integer=True, nonnegative=True)
    if isinstance(lhs, sympy.MatrixExpr) and isinstance(rhs, sympy.MatrixExpr):
        if lhs.shape != rhs.shape:
            raise ValueError(f"shapes differ: {lhs.shape} and {rhs.shape}")
        row = 0 if lhs.shape[0] == 1 else i  # a dimension of 1 has the one index 0
        col = 0 if lhs.shape[1] == 1 else j
        lhs, rhs = lhs[row, col], rhs[row, col]
    elif isinstance(lhs, sympy.MatrixExpr) or isinstance(rhs, sympy.MatrixExpr):
        raise ValueError("cannot compare a matrix expression with a scalar")
    ok = sum_normal_form(lhs - rhs) == 0
    return ok, (
        "SymPy reduces the difference of the entries to 0 for symbolic sizes"
        if ok
        else "the difference of the entries did not reduce to 0"
    )


def proved_for_all_sizes(sides: Callable[[], tuple[Any, Any]]) -> StepCheck:
    """A SymPy proof of an identity between matrix expressions whose dimensions are symbols.

    ``sides()`` returns the two sides (matrix expressions or scalars built from their
    entries); the proof compares the normal forms of a general entry.

    Examples
    --------
    >>> n = sympy.Symbol("n", integer=True, positive=True)
    >>> g = sympy.MatrixSymbol("g", n, 1)
    >>> eta = sympy.Symbol("eta")
    >>> proved_for_all_sizes(lambda: (g.T * (-eta * g), -eta * (g.T * g))).run()
    (True, 'SymPy reduces the difference of the entries to 0 for symbolic sizes')
    """

    def run() -> tuple[bool, str]:
        return entrywise(*sides())

    return StepCheck("SymPy proof", run)
