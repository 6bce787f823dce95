"""Figures of the perceptron: data, separating lines and the path of training."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon
from numpy.typing import ArrayLike, NDArray

from nnmath._validation import as_float_array, check_labels
from nnmath.plotting.arguments import check_real
from nnmath.plotting.drawing import (
    clip_halfplane,
    line_in_box,
    named_vector,
    padded_box,
    scatter_classes,
)
from nnmath.plotting.style import BLACK, GREY, PALETTE, figure_and_axes, styled, tint

FloatArray = NDArray[np.floating[Any]]


@styled
def perceptron_line(
    X: ArrayLike,
    y: ArrayLike,
    weights: ArrayLike,
    bias: float,
    ax: Axes | None = None,
    path: ArrayLike | None = None,
) -> Figure:
    """Two classes of points, the perceptron's line ``w·x + b = 0`` and its normal ``w``.

    The half-plane ``w·x + b ≥ 0`` (predicted class 1) and the other one
    (predicted class 0) are shaded with the colours of their classes; ``w`` is
    drawn as an arrow from the middle of the visible part of the line,
    perpendicular to it (its length shows the direction only). With ``path``,
    the lines of the earlier epochs are drawn faded, later ones darker.

    Parameters
    ----------
    X : array_like, shape (n, 2)
        Points, finite.
    y : array_like, shape (n,)
        Labels 0 (blue circles) or 1 (vermillion crosses).
    weights : array_like, shape (2,)
        ``w``, not zero.
    bias : float
        ``b``.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes instead of a new 6.4 × 4 in figure.
    path : array_like, shape (m, 3), optional
        Augmented weights ``(b, w_1, w_2)`` per epoch, as in
        :attr:`nnmath.PerceptronResult.path`; rows with ``w = 0`` have no line
        and are skipped.

    Returns
    -------
    matplotlib.figure.Figure
        The two classes of points, the line and its normal ``w``.

    Raises
    ------
    TypeError
        If an argument has the wrong type (``ax`` not an Axes, non-numeric data).
    ValueError
        If ``X`` is not ``(n, 2)``, ``y`` holds values other than 0 and 1 or has
        the wrong length, ``weights`` is not a non-zero 2-vector, ``path`` is
        not ``(m, 3)``, or a value is not finite.
    """
    Xa = as_float_array("X", X, ndim=2, dtype=np.float64)
    if Xa.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (points in the plane), got shape {Xa.shape}")
    labels = check_labels("y", y, rows=Xa.shape[0], binary=True, whole_floats=True)
    w = as_float_array("weights", weights, ndim=1, dtype=np.float64)
    if w.shape != (2,):
        raise ValueError(f"weights must have shape (2,), got {w.shape}")
    if not np.any(w):
        raise ValueError("weights must not be all zero (w·x + b = 0 is then not a line)")
    b = check_real("bias", bias)
    steps: FloatArray | None = None
    if path is not None:
        steps = as_float_array("path", path, ndim=2, dtype=np.float64)
        if steps.shape[1] != 3:
            raise ValueError(
                f"path must have shape (m, 3) with rows (b, w1, w2), got {steps.shape}"
            )
    fig, axes = figure_and_axes(ax)

    lo, hi = padded_box(Xa, 0.15)
    segment = line_in_box(w, b, lo, hi)
    unit = w / np.linalg.norm(w)
    if segment is None:
        # The line misses the data: widen the view to show where it is.
        centre = (lo + hi) / 2
        foot = centre - (float(centre @ w) + b) / float(w @ w) * w
        lo, hi = np.minimum(lo, foot - 0.3), np.maximum(hi, foot + 0.3)
        segment = line_in_box(w, b, lo, hi)
    assert segment is not None
    anchor = segment.mean(axis=0)
    corners = np.array([[lo[0], lo[1]], [hi[0], lo[1]], [hi[0], hi[1]], [lo[0], hi[1]]])
    for sign, k in ((1.0, 1), (-1.0, 0)):
        poly = clip_halfplane(corners, sign * w, sign * b)
        if poly.shape[0] >= 3:
            axes.add_patch(
                Polygon(
                    poly, closed=True, facecolor=tint(PALETTE[k], 0.14), edgecolor="none", zorder=0
                )
            )
    if steps is not None:
        drawable = [row for row in steps if np.any(row[1:])]
        for i, row in enumerate(drawable):
            p = -row[0] * row[1:] / float(row[1:] @ row[1:])
            direction = np.array([-row[2], row[1]])
            alpha = 0.25 + 0.45 * (i + 1) / len(drawable)
            axes.axline(
                (float(p[0]), float(p[1])),
                (float(p[0] + direction[0]), float(p[1] + direction[1])),
                color=GREY,
                linewidth=1.0,
                alpha=alpha,
                label="earlier epochs" if i == 0 else None,
                zorder=1,
            )
    axes.plot(
        segment[:, 0],
        segment[:, 1],
        color=BLACK,
        linewidth=2.0,
        label=r"$\mathbf{w}\cdot\mathbf{x} + b = 0$",
        zorder=2,
    )
    size = float(np.min(hi - lo))
    tip = anchor + 0.22 * size * unit
    named_vector(axes, anchor, tip, r"$\mathbf{w}$", linewidth=2.0, offset=(4, 2), zorder=5)
    # A right-angle mark where the arrow leaves the line.
    s = 0.035 * size
    along = np.array([-unit[1], unit[0]])
    mark = np.array([anchor + s * along, anchor + s * along + s * unit, anchor + s * unit])
    axes.plot(mark[:, 0], mark[:, 1], color=BLACK, linewidth=0.8, zorder=5)
    scatter_classes(axes, Xa, labels, ["class 0 ($y = 0$)", "class 1 ($y = 1$)"])
    axes.set_xlim(float(lo[0]), float(hi[0]))
    axes.set_ylim(float(lo[1]), float(hi[1]))
    axes.set_aspect("equal")
    axes.set_xlabel("$x_1$")
    axes.set_ylabel("$x_2$")
    axes.set_title(rf"$\mathbf{{w}} = ({w[0]:.3g},\ {w[1]:.3g}),\ b = {b:.3g}$")
    axes.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    return fig
