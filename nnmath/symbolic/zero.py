"""The zero test of the proofs: does SymPy reduce the difference of two sides to exactly 0?"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import sympy

__all__ = ["Reduction", "differs_by_zero", "proves_zero"]

Reduction = Literal["auto", "expand"]


def proves_zero(expr: Any, reduction: Reduction = "auto") -> bool:
    """Return whether SymPy reduces ``expr`` (scalar or matrix) to exactly 0.

    Unevaluated derivatives, limits and sums are evaluated first (``doit``).
    The cheap rational normal form (``cancel``) is tried before ``expand`` and
    the general ``simplify``, so most proofs take milliseconds.

    Parameters
    ----------
    expr : sympy.Basic or sympy.MatrixBase
        The difference of the two sides of a claimed identity.
    reduction : {"auto", "expand"}
        "auto" tries ``cancel``, then ``expand`` + ``cancel``, then ``simplify``.
        "expand" only expands: enough, and much faster, for polynomials in
        function values such as σ(…).

    Returns
    -------
    bool
        True only if some simplification gives the literal 0 (every entry, for
        a matrix). False means "not proved", not "proved false".
    """
    if isinstance(expr, sympy.MatrixBase):
        return all(proves_zero(entry, reduction) for entry in expr)
    value = sympy.sympify(expr).doit()
    if value == 0:
        return True
    if reduction == "expand":
        return bool(sympy.expand(value) == 0)
    reducers: tuple[Callable[[Any], Any], ...] = (
        sympy.cancel,
        lambda e: sympy.cancel(sympy.expand(e)),
        sympy.simplify,
    )
    return any(reduce(value) == 0 for reduce in reducers)


def differs_by_zero(lhs: Any, rhs: Any, reduction: Reduction = "auto") -> bool:
    """Return whether ``lhs − rhs`` simplifies to 0 (see :func:`proves_zero`).

    Two SymPy sets (e.g. solution sets) are compared for equality instead.

    Raises
    ------
    ValueError
        If one side is a matrix (or a set) and the other is not, or the
        matrix shapes differ.
    """
    if isinstance(lhs, sympy.Set) or isinstance(rhs, sympy.Set):
        if not (isinstance(lhs, sympy.Set) and isinstance(rhs, sympy.Set)):
            raise ValueError("cannot compare a set with an expression")
        return bool(lhs.doit() == rhs.doit())
    lhs_is_matrix = isinstance(lhs, sympy.MatrixBase)
    if lhs_is_matrix != isinstance(rhs, sympy.MatrixBase):
        raise ValueError("cannot compare a matrix with a scalar expression")
    if lhs_is_matrix and lhs.shape != rhs.shape:
        raise ValueError(f"shapes differ: {lhs.shape} and {rhs.shape}")
    return proves_zero(lhs - rhs, reduction)
