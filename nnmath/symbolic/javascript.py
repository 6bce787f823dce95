"""SymPy expressions printed as JavaScript arrow functions, for the pages that evaluate them.

The interactive figures (:mod:`nnmath.widgets`) and the exercises checked on the page
(:mod:`nnmath.exercises`) both ship formulas to the browser this way: SymPy's JavaScript
code printer writes them, nobody types them.

Examples
--------
>>> import sympy
>>> a, x = sympy.symbols("a x")
>>> print(javascript_function((a, x), 1 / (1 + sympy.exp(-a * x))))
(a, x) => 1/(1 + Math.exp(-a*x))
>>> print(javascript_function((x,), [x, x**2]))
(x) => [x, Math.pow(x, 2)]
>>> print(javascript_expression(sympy.Piecewise((1, x >= 0), (0, True))))
((x >= 0) ? (1) : (0))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import sympy
from sympy.printing.jscode import JavascriptCodePrinter

__all__ = ["javascript_expression", "javascript_function"]


_LINE_BREAK = re.compile(r"\s*\n\s*")
_SPACE_AFTER_OPEN = re.compile(r"\(\s+")
_SPACE_BEFORE_CLOSE = re.compile(r"\s+\)")


class _Printer(JavascriptCodePrinter):  # type: ignore[misc]
    """SymPy's JavaScript printer, refusing anything it cannot print."""

    def __init__(self) -> None:
        super().__init__({"strict": True})


def javascript_expression(expr: Any) -> str:
    """One SymPy expression as a JavaScript expression (``Math.exp``, ``Math.pow``, …).

    Raises
    ------
    sympy.printing.codeprinter.PrintMethodNotImplementedError
        If the expression holds something the printer cannot write (e.g. an undefined
        function).
    """
    text = str(_Printer().doprint(sympy.sympify(expr)))
    # The printer lays a Piecewise out over several lines; the page wants one line.
    return _SPACE_BEFORE_CLOSE.sub(")", _SPACE_AFTER_OPEN.sub("(", _LINE_BREAK.sub(" ", text)))


def javascript_function(args: Sequence[Any], expr: Any) -> str:
    """An arrow function of ``args`` returning ``expr`` (a list gives an array).

    Parameters
    ----------
    args : sequence of sympy.Symbol
        The arguments, in order; their names must be JavaScript identifiers.
    expr : sympy.Expr or list of sympy.Expr

    Raises
    ------
    ValueError
        If an argument's name is not a plain identifier.
    """
    names = [str(a) for a in args]
    for name in names:
        if not name.isidentifier() or not name.isascii():
            raise ValueError(f"args must be named like JavaScript identifiers, got {name!r}")
    if isinstance(expr, (list, tuple)):
        body = "[" + ", ".join(javascript_expression(e) for e in expr) + "]"
    else:
        body = javascript_expression(expr)
    return f"({', '.join(names)}) => {body}"
