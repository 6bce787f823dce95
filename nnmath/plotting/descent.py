"""Figures of gradient descent: cost contours and descent paths."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike, NDArray

from nnmath._validation import as_float_array, describe
from nnmath.plotting.arguments import check_int, check_limits, check_str
from nnmath.plotting.style import (
    BLACK,
    GREEN,
    ORANGE,
    PURPLE,
    SKY_BLUE,
    VERMILLION,
    figure_and_axes,
    styled,
)

FloatArray = NDArray[np.floating[Any]]


def _paths(path: object) -> list[tuple[str | None, FloatArray]]:
    if isinstance(path, Mapping):
        if not path:
            raise ValueError("path must hold at least one path, got an empty dict")
        out: list[tuple[str | None, FloatArray]] = []
        for name, value in path.items():
            if not isinstance(name, str):
                raise TypeError(f"path labels must be strings, got {describe(name)}")
            out.append((name, _one_path(f"path[{name!r}]", value)))
        return out
    return [(None, _one_path("path", path))]


def _one_path(name: str, value: object) -> FloatArray:
    arr = as_float_array(name, value, ndim=2, dtype=np.float64)  # type: ignore[arg-type]
    if arr.shape[1] != 2:
        raise ValueError(f"{name} must have shape (m, 2) (one iterate per row), got {arr.shape}")
    return arr


@styled
def cost_contours(
    cost_fn: Callable[[FloatArray, FloatArray], ArrayLike],
    path: ArrayLike | Mapping[str, ArrayLike],
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    ax: Axes | None = None,
    *,
    levels: int | Sequence[float] = 15,
    resolution: int = 150,
    xlabel: str = r"$\vartheta_1$",
    ylabel: str = r"$\vartheta_2$",
) -> Figure:
    """Contours of a two-parameter cost with gradient-descent iterates as connected dots.

    By default the levels are ``c_min + (c_max − c_min) t²`` for evenly spaced
    ``t`` in ``(0, 1)``, where ``c_min`` and ``c_max`` are the extremes of the
    cost over the window, so a quadratic bowl gets evenly spaced ellipses.
    Iterates outside the window are clipped (a diverging run leaves the picture).

    Parameters
    ----------
    cost_fn : callable
        ``cost_fn(P1, P2)`` for two arrays of shape ``(r, r)`` (a meshgrid)
        returns the cost at every point, shape ``(r, r)``; non-finite values
        are left blank.
    path : array_like, shape (m, 2), or dict str → array_like
        The iterates ``(ϑ1, ϑ2)`` from the start on; a dict draws several
        runs (e.g. ``{"η = 0.1": ..., "η = 1.9": ...}``), each named in the legend.
    xlim, ylim : (float, float)
        The window, ``low < high``.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes instead of a new 6.4 × 4 in figure.
    levels : int or sequence of float
        Number of contour levels (2 to 100), or the levels themselves
        (increasing; e.g. ``np.geomspace(1e-3, 10, 12)`` for a cost that spans decades).
    resolution : int
        Grid points per side, 10 to 1000.
    xlabel, ylabel : str
        Names of the two parameters (by default ϑ₁ and ϑ₂, the entries of the
        parameter vector ϑ).

    Returns
    -------
    matplotlib.figure.Figure
        The contours of the cost, with every path's iterates on top.

    Raises
    ------
    TypeError
        If ``cost_fn`` is not callable, a path or limit is not numeric, or a
        label is not a string.
    ValueError
        If a path is not ``(m, 2)`` or not finite, a limit pair is not
        increasing, ``cost_fn`` returns the wrong shape or nothing finite, or
        ``levels``/``resolution`` is out of range.
    """
    if not callable(cost_fn):
        raise TypeError(f"cost_fn must be callable as cost_fn(W1, W2), got {describe(cost_fn)}")
    runs = _paths(path)
    x0, x1 = check_limits("xlim", xlim)
    y0, y1 = check_limits("ylim", ylim)
    bounds: FloatArray | None = None
    n_levels = 0
    if isinstance(levels, Sequence):
        bounds = as_float_array("levels", levels, ndim=1, dtype=np.float64)
        if not np.all(np.diff(bounds) > 0):
            raise ValueError(f"levels must be increasing, got {bounds.tolist()}")
    else:
        n_levels = check_int("levels", levels, 2, 100)
    res = check_int("resolution", resolution, 10, 1000)
    check_str("xlabel", xlabel)
    check_str("ylabel", ylabel)
    W1, W2 = np.meshgrid(np.linspace(x0, x1, res), np.linspace(y0, y1, res))
    with np.errstate(all="ignore"):
        Z = np.asarray(cost_fn(W1, W2), dtype=np.float64)
    if Z.shape != W1.shape:
        raise ValueError(
            f"cost_fn must be vectorised: for meshgrid arrays of shape {W1.shape} it must "
            f"return that shape, got {Z.shape}"
        )
    finite = Z[np.isfinite(Z)]
    if finite.size == 0 or finite.min() == finite.max():
        raise ValueError("cost_fn must vary and be finite somewhere in the window")
    fig, axes = figure_and_axes(ax)
    zmin, zmax = float(finite.min()), float(finite.max())
    if bounds is None:
        # Squared spacing: a quadratic bowl gets evenly spaced ellipses.
        bounds = zmin + (zmax - zmin) * np.linspace(0.0, 1.0, n_levels + 2)[1:-1] ** 2
    contours = axes.contour(
        W1, W2, np.ma.masked_invalid(Z), levels=bounds, cmap="viridis", linewidths=1.0, zorder=1
    )
    fig.colorbar(contours, ax=axes, label="cost", shrink=0.9, aspect=30)
    colors = (VERMILLION, BLACK, ORANGE, PURPLE, SKY_BLUE, GREEN)
    markers = ("o", "s", "^", "D", "v", "P")
    for k, (name, pts) in enumerate(runs):
        steps = pts.shape[0] - 1
        text = f"{name} ({steps} steps)" if name is not None else f"iterates ({steps} steps)"
        axes.plot(
            pts[:, 0],
            pts[:, 1],
            color=colors[k % len(colors)],
            marker=markers[k % len(markers)],
            markersize=4,
            linewidth=1.2,
            label=text,
            zorder=3,
        )
    for k, (_, pts) in enumerate(runs):
        axes.plot(
            [pts[0, 0]],
            [pts[0, 1]],
            linestyle="none",
            marker="o",
            markersize=9,
            markerfacecolor="none",
            markeredgecolor=colors[k % len(colors)],
            markeredgewidth=1.8,
            zorder=4,
            label="start" if k == 0 else None,
        )
    axes.set_xlim(x0, x1)
    axes.set_ylim(y0, y1)
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    axes.legend(loc="best", fontsize=8)
    return fig
