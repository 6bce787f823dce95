"""Shapes several families of figures draw: arrows, named vectors, half-planes, lines, markers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch
from numpy.typing import NDArray

from nnmath.plotting.style import BLACK, MARKERS, PALETTE, TEXT

FloatArray = NDArray[np.floating[Any]]


def arrow(ax: Axes, start: FloatArray, end: FloatArray, color: str, **kwargs: Any) -> None:
    ax.add_patch(
        FancyArrowPatch(
            (float(start[0]), float(start[1])),
            (float(end[0]), float(end[1])),
            arrowstyle="-|>",
            mutation_scale=12,
            color=color,
            shrinkA=0,
            shrinkB=0,
            **kwargs,
        )
    )


def note(
    ax: Axes,
    text: str,
    xy: tuple[float, float],
    offset: tuple[float, float],
    *,
    ha: str,
    va: str,
    color: str = TEXT,
    **kwargs: Any,
) -> None:
    """A 9-point label at ``offset`` points from the data point ``xy``."""
    ax.annotate(
        text,
        xy=xy,
        xytext=offset,
        textcoords="offset points",
        ha=ha,
        va=va,
        fontsize=9,
        color=color,
        **kwargs,
    )


def named_vector(
    ax: Axes,
    start: FloatArray,
    end: FloatArray,
    name: str,
    *,
    linewidth: float,
    offset: tuple[float, float],
    **kwargs: Any,
) -> None:
    """A black arrow from ``start`` to ``end``, named at its head.

    ``name`` (TeX, 12 pt) stands ``offset`` points from the head; ``kwargs`` (such as
    ``zorder``) go to both the arrow and the name.
    """
    arrow(ax, start, end, BLACK, linewidth=linewidth, **kwargs)
    ax.annotate(
        name,
        xy=(float(end[0]), float(end[1])),
        xytext=offset,
        textcoords="offset points",
        fontsize=12,
        **kwargs,
    )


def clip_halfplane(poly: FloatArray, w: FloatArray, b: float) -> FloatArray:
    """The part of convex polygon ``poly`` (rows are vertices) where ``w·x + b ≥ 0``."""
    out: list[FloatArray] = []
    n = poly.shape[0]
    for i in range(n):
        p, q = poly[i], poly[(i + 1) % n]
        fp, fq = float(p @ w + b), float(q @ w + b)
        if fp >= 0:
            out.append(p)
        if (fp >= 0) != (fq >= 0):
            out.append(p + fp / (fp - fq) * (q - p))
    return np.array(out, dtype=np.float64).reshape(-1, 2)


def line_in_box(w: FloatArray, b: float, lo: FloatArray, hi: FloatArray) -> FloatArray | None:
    """End points of the segment of ``w·x + b = 0`` inside the box, or None."""
    corners = np.array([[lo[0], lo[1]], [hi[0], lo[1]], [hi[0], hi[1]], [lo[0], hi[1]]])
    hits: list[FloatArray] = []
    for i in range(4):
        p, q = corners[i], corners[(i + 1) % 4]
        fp, fq = float(p @ w + b), float(q @ w + b)
        if fp == 0:
            hits.append(p)
        elif fp * fq < 0:
            hits.append(p + fp / (fp - fq) * (q - p))
    if len(hits) < 2:
        return None
    pts = np.array(hits)
    return pts[[0, int(np.argmax(np.linalg.norm(pts - pts[0], axis=1)))]]


def scatter_classes(
    ax: Axes, X: FloatArray, labels: NDArray[np.int64], names: Sequence[str]
) -> None:
    for k, name in enumerate(names):
        mask = labels == k
        if not np.any(mask):
            continue
        marker = MARKERS[k % len(MARKERS)]
        color = PALETTE[k % len(PALETTE)]
        if marker == "x":
            ax.scatter(
                X[mask, 0],
                X[mask, 1],
                marker="x",
                color=color,
                s=55,
                linewidths=2.2,
                label=name,
                zorder=4,
            )
        else:
            ax.scatter(
                X[mask, 0],
                X[mask, 1],
                marker=marker,
                color=color,
                s=50,
                edgecolors="white",
                linewidths=0.8,
                label=name,
                zorder=4,
            )


def padded_box(X: FloatArray, fraction: float = 0.1) -> tuple[FloatArray, FloatArray]:
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    return lo - fraction * span, hi + fraction * span
