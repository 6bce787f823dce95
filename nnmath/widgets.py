"""Interactive figures: their formulas come from :mod:`nnmath.symbolic`, printed as JavaScript.

Each formula of an interactive figure is a SymPy expression taken from a derivation
(:func:`formula`); the site build prints every one with SymPy's JavaScript code printer
(:func:`formulas_script`) into a script that defines
``window.nnmath.formulas[KEY] = {args: [...], f: (...values) => number | number[]}``.
No formula is typed in JavaScript by hand: ``docs/javascripts/widgets.js`` only
evaluates these functions and draws the result.

The figure functions (:func:`sigmoid_affine`, :func:`bowl_descent`, :func:`perceptron`,
:func:`softmax_bars`) return the HTML of one figure: an SVG drawing area, one labelled
``<input type="range">`` per parameter with its value shown as text, and a summary
that the script keeps up to date (``aria-live``). The root element carries
``data-widget="KEY"`` and ``data-formulas`` (the formula keys it evaluates).

Examples
--------
>>> from nnmath import widgets
>>> args, expr = widgets.formula("sigmoid-affine")
>>> args
(w, b, x)
>>> print(widgets.javascript("sigmoid-affine"))
(w, b, x) => 1/(Math.exp(-b - w*x) + 1)
"""

from __future__ import annotations

import functools
import html
import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
from numpy.typing import ArrayLike

from nnmath.markup import Html
from nnmath.symbolic.descent import quadratic_bowl
from nnmath.symbolic.javascript import javascript_function
from nnmath.symbolic.perceptron import perceptron_score
from nnmath.symbolic.registry import derive

__all__ = [
    "DOMAIN",
    "WIDGETS",
    "WidgetHtml",
    "bowl_descent",
    "formula",
    "formula_keys",
    "formulas_script",
    "javascript",
    "land_boundary",
    "perceptron",
    "sigmoid_affine",
    "softmax_bars",
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


_FORMULAS: dict[str, Callable[[], Formula]] = {
    "sigmoid-affine": _sigmoid_affine,
    "bowl-cost": _bowl_cost,
    "bowl-gradient": _bowl_gradient,
    "perceptron-score": _perceptron_score,
    "perceptron-normal": _perceptron_normal,
    "softmax": _softmax,
    "land-network": _land_network,
}

#: Each figure (its ``data-widget`` key) and the formula keys it evaluates.
WIDGETS: dict[str, tuple[str, ...]] = {
    "sigmoid-affine": ("sigmoid-affine",),
    "bowl-descent": ("bowl-cost", "bowl-gradient"),
    "perceptron": ("perceptron-score", "perceptron-normal"),
    "softmax": ("softmax",),
    "land-boundary": ("land-network",),
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


# ------------------------------------------------------------------------- figure HTML

_ids = itertools.count(1)


class WidgetHtml(Html):
    """The HTML of one interactive figure, displayed as such by Jupyter (``_repr_html_``)."""


@dataclass(frozen=True)
class _Slider:
    name: str
    label: str
    low: float
    high: float
    step: float
    value: float


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    out = float(value)
    if not np.isfinite(out):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return out


def _slider_value(value: Any, slider: _Slider) -> _Slider:
    v = _number(value, slider.name)
    if not slider.low <= v <= slider.high:
        raise ValueError(
            f"{slider.name} must be in [{slider.low:g}, {slider.high:g}], got {value!r}"
        )
    return _Slider(slider.name, slider.label, slider.low, slider.high, slider.step, v)


def _two_class_points(
    X: ArrayLike, y: ArrayLike, y_name: str, y_noun: str, low: float, high: float
) -> dict[str, list[Any]]:
    """The ``points`` and ``labels`` of a figure's configuration, checked.

    ``X`` must be (n, 2) inside ``[low, high]²`` and ``y`` (n,) of 0 and 1; ``y_name`` is
    the argument's name and ``y_noun`` what its values are called in the errors ("labels",
    "categories").

    Raises
    ------
    ValueError
        If ``X`` is not (n, 2), ``y`` not (n,), a value of ``y`` is not 0 or 1, or a point
        is outside the square.
    """
    points = np.asarray(X, dtype=np.float64)
    classes = np.asarray(y)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2), got shape {points.shape}")
    if classes.shape != (points.shape[0],):
        raise ValueError(
            f"{y_name} must have shape ({points.shape[0]},), got shape {classes.shape}"
        )
    if not np.all(np.isin(classes, (0, 1))):
        raise ValueError(f"{y_name} must hold only the {y_noun} 0 and 1")
    if not np.all((points >= low) & (points <= high)):
        raise ValueError(f"X must lie inside [{low:g}, {high:g}]^2")
    return {
        "points": [[round(float(v), 6) for v in row] for row in points],
        "labels": [int(v) for v in classes],
    }


def _figure(
    widget: str,
    sliders: Sequence[_Slider],
    config: dict[str, Any],
    title: str,
    summary: str,
    caption: str,
) -> WidgetHtml:
    esc = html.escape
    uid = f"nnmath-widget-{next(_ids)}"
    controls = []
    for s in sliders:
        sid = f"{uid}-{s.name}"
        controls.append(
            f'<div class="nnmath-widget-slider"><label for="{sid}">{esc(s.label)}</label>'
            f'<input type="range" id="{sid}" data-arg="{esc(s.name)}" min="{s.low:g}" '
            f'max="{s.high:g}" step="{s.step:g}" value="{s.value:g}">'
            f'<output for="{sid}" id="{sid}-value">{s.value:g}</output></div>'
        )
    return WidgetHtml(
        f'<figure class="nnmath-widget" id="{uid}" data-widget="{esc(widget)}" '
        f'data-formulas="{esc(" ".join(WIDGETS[widget]))}" '
        f"data-config='{esc(json.dumps(config, separators=(',', ':')), quote=False)}'>"
        f'<svg class="nnmath-widget-plot" viewBox="0 0 480 300" role="img" '
        f'aria-labelledby="{uid}-title" aria-describedby="{uid}-summary">'
        f'<title id="{uid}-title">{esc(title)}</title></svg>'
        f'<div class="nnmath-widget-controls">{"".join(controls)}</div>'
        f'<p class="nnmath-widget-summary" id="{uid}-summary" aria-live="polite">'
        f"{esc(summary)}</p>"
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )


def sigmoid_affine(w: float = 1.0, b: float = 0.0) -> WidgetHtml:
    """σ(w x + b) over x ∈ [−4, 4], with sliders for the weight ``w`` and the bias ``b``.

    Parameters
    ----------
    w, b : float
        Starting values, each in [−3, 3].

    Raises
    ------
    TypeError
        If ``w`` or ``b`` is not a number.
    ValueError
        If ``w`` or ``b`` is outside [−3, 3].
    """
    sliders = [
        _slider_value(w, _Slider("w", "weight w", -3, 3, 0.1, 1)),
        _slider_value(b, _Slider("b", "bias b", -3, 3, 0.1, 0)),
    ]
    return _figure(
        "sigmoid-affine",
        sliders,
        {"xlim": [-4, 4], "reference": {"w": 1, "b": 0}},
        "The curve σ(w x + b) for the chosen weight and bias",
        "σ(w x + b) for the weight and bias set by the sliders below.",
        "Figure (interactive): σ(w x + b) (solid) and σ(x) (dashed, for comparison). The "
        "weight w sets how steep the step is and which way it goes; the bias b shifts it.",
    )


def bowl_descent(
    eta: float = 0.12, start: Sequence[float] = (-1.5, -1.0), steps: int = 15
) -> WidgetHtml:
    """Gradient descent on chapter 5's bowl, with the learning rate and the start as sliders.

    The page evaluates the derived cost (shading) and gradient (the iterates); the
    largest stable learning rate 2/λmax is computed here by SymPy and shown in the caption.

    Parameters
    ----------
    eta : float
        Starting learning rate, in [0.01, 0.4].
    start : sequence of 2 floats
        Starting point (w1, w2), w1 in [−2, 3] and w2 in [−1.5, 2.5].
    steps : int
        Number of gradient steps drawn, 1 to 100.

    Raises
    ------
    TypeError
        If an argument is not a number (``steps``: not an integer).
    ValueError
        If an argument is out of range or ``start`` does not have two entries.
    """
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)):
        raise TypeError(f"steps must be an integer, got {type(steps).__name__}")
    if not 1 <= steps <= 100:
        raise ValueError(f"steps must be from 1 to 100, got {steps}")
    if len(start) != 2:
        raise ValueError(f"start must have 2 entries (w1, w2), got {len(start)}")
    (w1, w2), _, gradient = quadratic_bowl()
    hessian = sympy.Matrix([[sympy.diff(g, w) for w in (w1, w2)] for g in gradient])
    stable = 2 / max(hessian.eigenvals())
    sliders = [
        _slider_value(eta, _Slider("eta", "learning rate η", 0.01, 0.4, 0.01, 0.12)),
        _slider_value(start[0], _Slider("w1", "start w1", -2, 3, 0.1, -1.5)),
        _slider_value(start[1], _Slider("w2", "start w2", -1.5, 2.5, 0.1, -1)),
    ]
    return _figure(
        "bowl-descent",
        sliders,
        {"xlim": [-2, 3], "ylim": [-1.5, 2.5], "steps": int(steps), "stable": float(stable)},
        "Gradient descent on the quadratic bowl from the chosen start",
        f"{steps} steps of gradient descent on the bowl, for the learning rate and start "
        "set by the sliders below.",
        f"Figure (interactive): the bowl's cost as shading (darker is lower) and {steps} "
        "steps of gradient descent from the start (hollow circle). SymPy finds the largest "
        f"stable learning rate 2/λmax = {stable} ≈ {float(stable):.3f}: above it the "
        "iterates jump further out at every step.",
    )


def perceptron(
    X: ArrayLike, y: ArrayLike, w: Sequence[float] = (1.0, 2.0), b: float = -1.0
) -> WidgetHtml:
    """The perceptron's line w·x + b = 0 and its weight vector over labelled points in the plane.

    Parameters
    ----------
    X : array_like, shape (n, 2)
        The points, one per row, inside [−1.2, 1.2]².
    y : array_like, shape (n,)
        Their labels, 0 or 1.
    w : sequence of 2 floats
        Starting weight vector, entries in [−3, 3].
    b : float
        Starting bias, in [−3, 3].

    Raises
    ------
    TypeError
        If a weight or the bias is not a number.
    ValueError
        If the shapes do not match, a label is not 0 or 1, a point is outside
        [−1.2, 1.2]² or a starting value is outside [−3, 3].
    """
    data = _two_class_points(X, y, "y", "labels", -1.2, 1.2)
    if len(w) != 2:
        raise ValueError(f"w must have 2 entries, got {len(w)}")
    sliders = [
        _slider_value(w[0], _Slider("w1", "weight w1", -3, 3, 0.1, 1)),
        _slider_value(w[1], _Slider("w2", "weight w2", -3, 3, 0.1, 2)),
        _slider_value(b, _Slider("b", "bias b", -3, 3, 0.1, -1)),
    ]
    config = {"lim": [-1.2, 1.2], **data}
    return _figure(
        "perceptron",
        sliders,
        config,
        "The perceptron's line and weight vector over the data set",
        "The perceptron's line for the weights and bias set by the sliders below.",
        "Figure (interactive): class 0 as circles, class 1 as crosses, the line "
        "w·x + b = 0 and the weight vector w (arrow) pointing into the shaded half-plane, "
        "where the perceptron outputs 1. A ring marks a point on the wrong side.",
    )


def softmax_bars(z: Sequence[float] = (1.0, 0.0, -1.0)) -> WidgetHtml:
    """The three probabilities softmax(z1, z2, z3) as bars, with the logits as sliders.

    Parameters
    ----------
    z : sequence of 3 floats
        Starting logits, each in [−3, 3].

    Raises
    ------
    TypeError
        If a logit is not a number.
    ValueError
        If ``z`` does not have 3 entries or a logit is outside [−3, 3].
    """
    if len(z) != 3:
        raise ValueError(f"z must have 3 entries, got {len(z)}")
    sliders = [
        _slider_value(v, _Slider(f"z{k}", f"logit z{k}", -3, 3, 0.1, 0)) for k, v in enumerate(z, 1)
    ]
    return _figure(
        "softmax",
        sliders,
        {},
        "The softmax probabilities of three logits as bars",
        "The three probabilities softmax(z1, z2, z3) for the logits set by the sliders below.",
        "Figure (interactive): the probabilities p1, p2, p3 = softmax(z1, z2, z3) as bars. "
        "They always add up to 1; raising one logit takes probability from the other two.",
    )


def land_boundary(
    X: ArrayLike, labels: ArrayLike, snapshots: Sequence[tuple[int, ArrayLike]]
) -> WidgetHtml:
    """The 2-2-3-2 network's decision regions on the unit square at saved points of training.

    The page evaluates the network's output F(x) (``"land-network"``, the forward pass
    derived in :mod:`nnmath.symbolic`) on a grid for the parameters of the snapshot the
    slider picks, and shades each cell by the larger output.

    Parameters
    ----------
    X : array_like, shape (n, 2)
        The points, one per row, inside [0, 1]².
    labels : array_like, shape (n,)
        Their categories, 0 (A, target (1, 0)) or 1 (B, target (0, 1)).
    snapshots : sequence of (int, array_like of shape (23,))
        Step counts, increasing from 0, each with the 23 parameters at that step, ordered
        as :meth:`nnmath.Network.get_params` orders them.

    Raises
    ------
    TypeError
        If a step count is not an integer.
    ValueError
        If the shapes do not match, a label is not 0 or 1, a point is outside [0, 1]²,
        there are fewer than two snapshots, the step counts do not increase, or a
        parameter is not finite.
    """
    data = _two_class_points(X, labels, "labels", "categories", 0, 1)
    if len(snapshots) < 2:
        raise ValueError(f"snapshots must hold at least 2 entries, got {len(snapshots)}")
    n_params = len(formula("land-network")[0]) - 2
    saved: list[dict[str, Any]] = []
    for i, (steps, params) in enumerate(snapshots):
        if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)):
            raise TypeError(f"snapshots[{i}] step count must be an integer, got {steps!r}")
        values = np.asarray(params, dtype=np.float64)
        if values.shape != (n_params,):
            raise ValueError(
                f"snapshots[{i}] parameters must have shape ({n_params},), got {values.shape}"
            )
        if not np.all(np.isfinite(values)):
            raise ValueError(f"snapshots[{i}] parameters must be finite")
        if saved and int(steps) <= int(saved[-1]["steps"]):
            raise ValueError(f"snapshots must have increasing step counts, got {steps} at {i}")
        saved.append({"steps": int(steps), "params": [float(v) for v in values]})
    last = len(saved) - 1
    slider = _Slider("snapshot", "training snapshot", 0, last, 1, last)
    config = {
        **data,
        "snapshots": saved,
        # The slider's value is shown as the step count of the snapshot it picks.
        "shown": {"snapshot": [f"{s['steps']:,} steps" for s in saved]},
    }
    return _figure(
        "land-boundary",
        [slider],
        config,
        "The network's decision regions on the unit square at the chosen point of training",
        "The regions the network assigns to each category after the number of training "
        "steps set by the slider below.",
        "Figure (interactive): the unit square shaded by the category the network predicts "
        "after the chosen number of SGD steps, in the colour of that category's points, with "
        "the training points on top, A as circles and B as crosses. A ring marks a point on "
        "the wrong side.",
    )
