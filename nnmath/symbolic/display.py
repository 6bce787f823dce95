"""Display-only symbols whose LaTeX is given verbatim (for names SymPy would mangle)."""

from __future__ import annotations

from typing import Any

import sympy

__all__ = ["tex", "tex_matrix"]


class _Tex(sympy.Symbol):  # type: ignore[misc]
    """A symbol printed as its name, unchanged, by ``sympy.latex``."""

    def _latex(self, printer: Any) -> str:
        return str(self.name)


def tex(latex: str, *, commutative: bool = True) -> sympy.Symbol:
    """A display-only symbol printed as ``latex`` (no subscript or superscript parsing).

    Parameters
    ----------
    latex : str
        The TeX to print, e.g. ``r"\\nabla C_k(\\boldsymbol\\theta)"``.
    commutative : bool
        False keeps the order of factors in a product (for matrices).

    Raises
    ------
    TypeError
        If ``latex`` is not a string.

    Examples
    --------
    >>> print(sympy.latex(tex(r"O(\\eta^2)")))
    O(\\eta^2)
    """
    return _Tex(_check_latex(latex), commutative=commutative)


def _check_latex(latex: object) -> str:
    if not isinstance(latex, str):
        raise TypeError(f"latex must be a str, got {type(latex).__name__}")
    return latex


class _TexMatrix(sympy.MatrixSymbol):  # type: ignore[misc]
    """A matrix symbol printed as its name, unchanged, by ``sympy.latex``."""

    def _latex(self, printer: Any) -> str:
        return str(self.name)


def tex_matrix(latex: str, rows: Any, cols: Any) -> sympy.MatrixSymbol:
    """A display-only matrix symbol of shape ``(rows, cols)`` printed as ``latex``.

    For a quantity such as the gradient ``∇_a C`` that enters a matrix expression
    (a Hadamard product, say) but has no name SymPy can print.

    Raises
    ------
    TypeError
        As for :func:`tex`.

    Examples
    --------
    >>> n = sympy.Symbol("n")
    >>> print(sympy.latex(tex_matrix(r"\\nabla_{\\mathbf{a}} C", n, 1)))
    \\nabla_{\\mathbf{a}} C
    """
    return _TexMatrix(_check_latex(latex), rows, cols)
