"""The formulas of the interactive figures, from :mod:`nnmath.symbolic`, printed as JavaScript.

Each formula is a SymPy expression taken from a derivation (:func:`formula`); the site
build prints every one with SymPy's JavaScript code printer (:func:`formulas_script`) into
a script that defines
``window.nnmath.formulas[KEY] = {args: [...], f: (...values) => number | number[]}``.
No formula is typed in JavaScript by hand: ``docs/javascripts/widgets.js`` only
evaluates these functions and draws the result.

Examples
--------
>>> args, expr = formula("perceptron-update")
>>> args
(b, w1, w2, x1, x2, y, eta)
>>> print(javascript("layer-1-2"))
(W11, W12, b1, a1, a2) => [W11*a1 + W12*a2 + b1, 1/(Math.exp(-W11*a1 - W12*a2 - b1) + 1)]
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from typing import Any

import sympy

from nnmath.symbolic.descent import quadratic_bowl
from nnmath.symbolic.javascript import javascript_function
from nnmath.symbolic.perceptron import perceptron_score
from nnmath.symbolic.registry import derive

__all__ = [
    "DOMAIN",
    "WIDGETS",
    "formula",
    "formula_keys",
    "formulas_script",
    "javascript",
]

#: Every formula is defined (finite) for all arguments in this interval.
DOMAIN = (-3.0, 3.0)

Formula = tuple[tuple[sympy.Symbol, ...], Any]


def _sigmoid_affine() -> Formula:
    d = derive("sigmoid-affine")
    (expr,) = d.formulas["sigmoid_affine"].outputs
    return (d.symbols["w"], d.symbols["b"], d.symbols["x"]), expr


def _softmax() -> Formula:
    f = derive("softmax").formulas["softmax_3"]
    names = sympy.symbols("z1 z2 z3", real=True)
    rename = dict(zip(f.args, names, strict=True))
    return tuple(names), [p.subs(rename, simultaneous=True) for p in f.outputs]


def _bowl_cost() -> Formula:
    args, cost, _ = quadratic_bowl()
    return args, cost


def _bowl_gradient() -> Formula:
    args, _, gradient = quadratic_bowl()
    return args, gradient


def _perceptron_score() -> Formula:
    args, score, _ = perceptron_score()
    return args, score


def _perceptron_normal() -> Formula:
    (w1, w2, b, x1, x2), _, normal = perceptron_score()
    return (w1, w2, b, x1, x2), normal


def _identifier(symbol: sympy.Symbol) -> sympy.Symbol:
    """A name the JavaScript printer can use: w^2_3,1 -> w2_31, b^1_2 -> b1_2, x_1 -> x1."""
    name = str(symbol).replace("^", "").replace(",", "")
    name = name if name.startswith(("w", "b")) else name.replace("_", "")
    return sympy.Symbol(name, real=True)


def _land_network() -> Formula:
    f = derive("backprop").formulas["output"]
    names = tuple(_identifier(a) for a in f.args)
    rename = dict(zip(f.args, names, strict=True))
    return names, [out.subs(rename, simultaneous=True) for out in f.outputs]


def _perceptron_update() -> Formula:
    """``(b, w1, w2) + η (y − step(w·x + b)) (1, x1, x2)``: chapter 2's rule, bias folded in."""
    (w1, w2, b, x1, x2), score, _ = perceptron_score()
    y, eta = sympy.symbols("y eta", real=True)
    predicted = sympy.Piecewise((1, score >= 0), (0, True))
    weights, inputs = (b, w1, w2), (1, x1, x2)
    return (b, w1, w2, x1, x2, y, eta), [
        w + eta * (y - predicted) * x for w, x in zip(weights, inputs, strict=True)
    ]


def _perceptron_prediction() -> Formula:
    """``ŷ = step(w·x + b)``, 1 where the score is at least 0, else 0."""
    (w1, w2, b, x1, x2), score, _ = perceptron_score()
    return (b, w1, w2, x1, x2), sympy.Piecewise((1, score >= 0), (0, True))


def _layer(outputs: int) -> Formula:
    """One sigmoid layer with two inputs: ``z = W a + b`` and ``a' = σ(z)``, both returned.

    The arguments are W's entries row by row, then b, then the inputs a; the result is
    ``[z_1, …, z_m, σ(z_1), …, σ(z_m)]``. σ is the derived sigmoid of :mod:`nnmath.symbolic`.
    """
    sigmoid = derive("sigmoid").formulas["sigmoid"]
    (x,) = sigmoid.args
    (sigma,) = sigmoid.outputs
    W = sympy.Matrix(outputs, 2, lambda j, k: sympy.Symbol(f"W{j + 1}{k + 1}", real=True))
    b = sympy.Matrix([sympy.Symbol(f"b{j + 1}", real=True) for j in range(outputs)])
    a = sympy.Matrix([sympy.Symbol(f"a{k + 1}", real=True) for k in range(2)])
    z = W * a + b
    args = (*W, *b, *a)
    return args, [*z, *(sigma.subs(x, zj) for zj in z)]


_FORMULAS: dict[str, Callable[[], Formula]] = {
    "sigmoid-affine": _sigmoid_affine,
    "bowl-cost": _bowl_cost,
    "bowl-gradient": _bowl_gradient,
    "perceptron-score": _perceptron_score,
    "perceptron-normal": _perceptron_normal,
    "softmax": _softmax,
    "land-network": _land_network,
    "perceptron-prediction": _perceptron_prediction,
    "perceptron-update": _perceptron_update,
    "layer-2-2": lambda: _layer(2),
    "layer-1-2": lambda: _layer(1),
}

#: Each figure (its ``data-widget`` key) and the formula keys it evaluates.
WIDGETS: dict[str, tuple[str, ...]] = {
    "sigmoid-affine": ("sigmoid-affine",),
    "bowl-descent": ("bowl-cost", "bowl-gradient"),
    "perceptron": ("perceptron-score", "perceptron-normal"),
    "softmax": ("softmax",),
    "land-boundary": ("land-network",),
    "perceptron-steps": (
        "perceptron-prediction",
        "perceptron-update",
        "perceptron-score",
        "perceptron-normal",
    ),
    "forward-pass": ("layer-2-2", "layer-1-2"),
}


def formula_keys() -> list[str]:
    """Every formula key, e.g. ``"sigmoid-affine"``."""
    return list(_FORMULAS)


def _check_key(key: str) -> None:
    if not isinstance(key, str):
        raise TypeError(f"key must be a str, got {type(key).__name__}")
    if key not in _FORMULAS:
        raise ValueError(f"key must be one of {', '.join(_FORMULAS)}; got {key!r}")


@functools.cache
def formula(key: str) -> Formula:
    """The formula of an interactive figure, from its derivation in :mod:`nnmath.symbolic`.

    Parameters
    ----------
    key : str
        One of :func:`formula_keys`.

    Returns
    -------
    args : tuple of sympy.Symbol
        The arguments, in the order the JavaScript function takes them.
    expr : sympy.Expr or list of sympy.Expr
        One expression, or a list of them for a vector-valued formula (``"softmax"``
        gives the three probabilities, ``"bowl-gradient"`` the two partial derivatives).

    Raises
    ------
    TypeError
        If ``key`` is not a string.
    ValueError
        If there is no formula called ``key``.

    Examples
    --------
    >>> args, probabilities = formula("softmax")
    >>> args, len(probabilities)
    ((z1, z2, z3), 3)
    """
    _check_key(key)
    return _FORMULAS[key]()


def javascript(key: str) -> str:
    """The formula ``key`` as a JavaScript arrow function, printed by SymPy.

    Returns
    -------
    str
        E.g. ``"(z1, z2, z3) => [Math.exp(z1)/(…), …]"``; a list formula returns an array.

    Raises
    ------
    TypeError, ValueError
        As :func:`formula`.
    """
    args, expr = formula(key)
    return javascript_function(args, expr)


def formulas_script(selected: Sequence[str] | None = None) -> str:
    """JavaScript that defines ``window.nnmath.formulas[KEY]`` for each formula.

    Parameters
    ----------
    selected : sequence of str, optional
        Formula keys (default: every key).

    Returns
    -------
    str
        The text of a script; the site build writes it into the site.

    Raises
    ------
    TypeError, ValueError
        For a key that is not a formula key.
    """
    chosen = formula_keys() if selected is None else list(selected)
    lines = [
        "// Generated by nnmath.widgets.formulas_script() from the derivations in",
        "// nnmath.symbolic (SymPy's JavaScript code printer). Do not edit.",
        "window.nnmath = window.nnmath || {};",
        "window.nnmath.formulas = window.nnmath.formulas || {};",
    ]
    for key in chosen:
        args, _ = formula(key)
        names = json.dumps([str(a) for a in args])
        lines.append(
            f"window.nnmath.formulas[{json.dumps(key)}] = {{args: {names}, f: {javascript(key)}}};"
        )
    return "\n".join(lines) + "\n"
