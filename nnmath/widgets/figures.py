"""The slider figures of chapters 1, 3, 5, 8 and 9: each redraws one or two formulas.

:func:`perceptron` (chapter 1), :func:`sigmoid_affine` (chapter 3), :func:`bowl_descent`
(chapter 5), :func:`softmax_bars` (chapter 8) and :func:`land_boundary` (chapter 9) return
the HTML of one figure: an SVG drawing area, one labelled ``<input type="range">`` per
parameter with its value shown as text, and a summary that the page keeps up to date.

Examples
--------
>>> html = sigmoid_affine(w=2.0, b=-1.0)
>>> 'data-widget="sigmoid-affine"' in html._repr_html_()
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy
from numpy.typing import ArrayLike

from nnmath.symbolic.descent import quadratic_bowl
from nnmath.widgets.formulas import formula
from nnmath.widgets.layout import Slider, WidgetHtml, figure_html, slider_at, two_class_points

__all__ = ["bowl_descent", "land_boundary", "perceptron", "sigmoid_affine", "softmax_bars"]


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
        slider_at(w, Slider("w", "weight w", -3, 3, 0.1, 1)),
        slider_at(b, Slider("b", "bias b", -3, 3, 0.1, 0)),
    ]
    return figure_html(
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
        Starting point (ϑ1, ϑ2), ϑ1 in [−2, 3] and ϑ2 in [−1.5, 2.5].
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
        raise ValueError(f"start must have 2 entries (ϑ1, ϑ2), got {len(start)}")
    (w1, w2), _, gradient = quadratic_bowl()
    hessian = sympy.Matrix([[sympy.diff(g, w) for w in (w1, w2)] for g in gradient])
    stable = 2 / max(hessian.eigenvals())
    sliders = [
        slider_at(eta, Slider("eta", "learning rate η", 0.01, 0.4, 0.01, 0.12)),
        slider_at(start[0], Slider("w1", "start ϑ1", -2, 3, 0.1, -1.5)),
        slider_at(start[1], Slider("w2", "start ϑ2", -1.5, 2.5, 0.1, -1)),
    ]
    return figure_html(
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
    data = two_class_points(X, y, "y", "labels", -1.2, 1.2)
    if len(w) != 2:
        raise ValueError(f"w must have 2 entries, got {len(w)}")
    sliders = [
        slider_at(w[0], Slider("w1", "weight w1", -3, 3, 0.1, 1)),
        slider_at(w[1], Slider("w2", "weight w2", -3, 3, 0.1, 2)),
        slider_at(b, Slider("b", "bias b", -3, 3, 0.1, -1)),
    ]
    config = {"lim": [-1.2, 1.2], **data}
    return figure_html(
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
        slider_at(v, Slider(f"z{k}", f"logit z{k}", -3, 3, 0.1, 0)) for k, v in enumerate(z, 1)
    ]
    return figure_html(
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
    data = two_class_points(X, labels, "labels", "categories", 0, 1)
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
    slider = Slider("snapshot", "training snapshot", 0, last, 1, last)
    config = {
        **data,
        "snapshots": saved,
        # The slider's value is shown as the step count of the snapshot it picks.
        "shown": {"snapshot": [f"{s['steps']:,} steps" for s in saved]},
    }
    return figure_html(
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
