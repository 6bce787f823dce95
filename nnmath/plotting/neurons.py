"""Figures of single neurons: the sigmoid family and the sign of a dot product."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from numpy.typing import ArrayLike, NDArray

from nnmath._validation import as_float_array, describe
from nnmath.activations import sigmoid
from nnmath.plotting.arguments import check_real
from nnmath.plotting.drawing import arrow, clip_halfplane, named_vector, note
from nnmath.plotting.style import (
    BLACK,
    BLUE,
    FIGSIZE_TWO,
    GREY,
    PALETTE,
    TEXT,
    VERMILLION,
    new_figure,
    styled,
    tint,
)

FloatArray = NDArray[np.floating[Any]]


def _check_reals(name: str, value: object) -> list[float]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) == 0:
        raise TypeError(f"{name} must be a non-empty sequence of numbers, got {describe(value)}")
    return [check_real(f"{name}[{i}]", v) for i, v in enumerate(value)]


def _step_line(ax: Axes, x0: float, x1: float) -> None:
    ax.plot(
        [x0, 0.0, 0.0, x1],
        [0.0, 0.0, 1.0, 1.0],
        linestyle="--",
        color=BLACK,
        linewidth=1.2,
        label=r"$\operatorname{step}(x)$",
    )


@styled
def sigmoid_family(
    weights: Sequence[float] = (0.5, 1, 2, 5),
    biases: Sequence[float] = (-4, -2, 0, 2, 4),
    x: ArrayLike | None = None,
    *,
    bias: float = 0.0,
    weight: float = 1.0,
) -> Figure:
    """Sigmoid neurons ``σ(w x + b)``: the weight sets the steepness, the bias the place.

    Left panel: ``σ(w x + bias)`` for each ``w`` in ``weights``; right panel:
    ``σ(weight · x + b)`` for each ``b`` in ``biases``. A dot marks each
    curve's transition ``x = −b/w`` (where ``σ = 1/2``; the right panel names
    each curve there, the left one in its legend), and the step function
    ``step(x)`` (the limit ``w → ∞``) is drawn dashed for comparison.

    Parameters
    ----------
    weights : sequence of float
        Non-zero weights ``w`` for the left panel.
    biases : sequence of float
        Biases ``b`` for the right panel.
    x : array_like, shape (m,), optional
        Increasing abscissae, ``m ≥ 2``; ``linspace(−6, 6, 401)`` by default.
    bias : float
        The bias of the left panel.
    weight : float
        The non-zero weight of the right panel.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels (slopes left, biases right), 9 × 3.6 in.

    Raises
    ------
    TypeError
        If ``weights`` or ``biases`` is not a non-empty sequence of numbers, or
        ``x``, ``bias`` or ``weight`` is not numeric.
    ValueError
        If a weight is zero, a number is not finite, or ``x`` is not 1-D,
        increasing, with at least two values.
    """
    a_values = _check_reals("weights", weights)
    b_values = _check_reals("biases", biases)
    for i, a in enumerate(a_values):
        if a == 0:
            raise ValueError(f"weights[{i}] must be non-zero (σ(0·x + b) has no transition)")
    b_left = check_real("bias", bias)
    a_right = check_real("weight", weight)
    if a_right == 0:
        raise ValueError("weight must be non-zero (σ(0·x + b) has no transition), got 0")
    xs: FloatArray
    if x is None:
        xs = np.linspace(-6.0, 6.0, 401)
    else:
        xs = as_float_array("x", x, ndim=1, dtype=np.float64)
        if xs.size < 2 or not np.all(np.diff(xs) > 0):
            raise ValueError(f"x must hold at least 2 increasing values, got shape {xs.shape}")
    x0, x1 = float(xs[0]), float(xs[-1])

    fig = new_figure(FIGSIZE_TWO)
    left, right = fig.subplots(1, 2, sharey=True)
    panels = (
        (
            left,
            [(a, b_left) for a in a_values],
            "w",
            f"the weight $w$ sets the steepness ($b = {b_left:g}$)",
        ),
        (
            right,
            [(a_right, b) for b in b_values],
            "b",
            f"the bias $b$ moves it ($w = {a_right:g}$)",
        ),
    )
    for ax, pairs, varying, title in panels:
        ax.axhline(0.5, color="#BBBBBB", linewidth=0.8, linestyle=":")
        _step_line(ax, x0, x1)
        for k, (a, b) in enumerate(pairs):
            color = PALETTE[k % len(PALETTE)]
            name = f"${varying} = {(a if varying == 'w' else b):g}$"
            x_mid = -b / a
            visible = x0 <= x_mid <= x1
            # Curves that differ by their bias are named next to their transition point.
            direct = varying == "b" and visible
            ax.plot(xs, sigmoid(a * xs + b), color=color, label=None if direct else name)
            if visible:
                ax.plot(
                    [x_mid],
                    [0.5],
                    marker="o",
                    color=color,
                    markeredgecolor="white",
                    markersize=7,
                    linestyle="none",
                    zorder=3,
                )
            if direct:
                note(ax, name, (x_mid, 0.5), (6, -4), ha="left", va="top", color=color)
        ax.set_title(title)
        ax.set_xlabel("$x$")
        ax.set_xlim(x0, x1)
        ax.set_ylim(-0.04, 1.04)
        ax.legend(loc="upper left", handlelength=1.6)
    left.set_ylabel(r"$\sigma(w x + b)$")
    return fig


@styled
def dot_product_sign(
    a: ArrayLike = (2.0, 1.0), *, b_norm: float = 1.5, angles: ArrayLike | None = None
) -> Figure:
    """The sign of ``a·b`` as ``b`` turns away from ``a``.

    Left panel: the vector ``a`` (black) and vectors ``b`` of length ``b_norm``
    at the given angles from ``a``, coloured by the sign of ``a·b`` (blue and
    solid: positive; vermillion and dashed: negative; grey and dotted: zero), on
    the two half-planes the line perpendicular to ``a`` separates. Right panel:
    ``a·b = ‖a‖‖b‖ cos θ`` against the angle ``θ``, which changes sign at ``±90°``.

    Parameters
    ----------
    a : array_like, shape (2,)
        A non-zero vector.
    b_norm : float
        Length of every ``b``, ``> 0``.
    angles : array_like, shape (k,), optional
        Angles from ``a`` in degrees, each in ``[−180, 180]``;
        ``−150, −120, …, 180`` by default.

    Returns
    -------
    matplotlib.figure.Figure
        Vectors on the left, ``a·b`` against the angle on the right; 9 × 3.6 in.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If ``a`` is not a non-zero finite 2-vector, ``b_norm ≤ 0``, or an angle
        lies outside ``[−180, 180]``.
    """
    va = as_float_array("a", a, ndim=1, dtype=np.float64)
    if va.shape != (2,) or not np.any(va):
        raise ValueError(f"a must be a non-zero vector of shape (2,), got {va.tolist()}")
    length = check_real("b_norm", b_norm, positive=True)
    if angles is None:
        thetas = np.arange(-150.0, 181.0, 30.0)
    else:
        thetas = as_float_array("angles", angles, ndim=1, dtype=np.float64)
        if np.any(np.abs(thetas) > 180):
            raise ValueError(f"angles must lie in [-180, 180] degrees, got {thetas.tolist()}")
    norm_a = float(np.linalg.norm(va))
    phi = math.atan2(float(va[1]), float(va[0]))
    dots = norm_a * length * np.cos(np.radians(thetas))
    sign = np.where(np.abs(dots) <= 1e-9 * norm_a * length, 0, np.sign(dots)).astype(int)
    look: dict[int, tuple[Any, Any, str, str]] = {
        1: (BLUE, "-", "o", r"$\mathbf{u}\cdot\mathbf{v} > 0$"),
        -1: (VERMILLION, "--", "s", r"$\mathbf{u}\cdot\mathbf{v} < 0$"),
        0: (GREY, ":", "D", r"$\mathbf{u}\cdot\mathbf{v} = 0$"),
    }

    fig = new_figure(FIGSIZE_TWO)
    left, right = fig.subplots(1, 2, width_ratios=(1.0, 1.35))
    reach = 1.2 * max(norm_a, length)
    box = np.array([[-reach, -reach], [reach, -reach], [reach, reach], [-reach, reach]])
    for s, w in ((1, va), (-1, -va)):
        poly = clip_halfplane(box, w, 0.0)
        left.add_patch(
            Polygon(poly, closed=True, facecolor=tint(look[s][0], 0.12), edgecolor="none", zorder=0)
        )
    perp = np.array([-va[1], va[0]]) / norm_a
    left.plot(
        *np.column_stack([-2 * reach * perp, 2 * reach * perp]),
        color=GREY,
        linewidth=0.9,
        linestyle=":",
    )
    origin = np.zeros(2)
    for theta, s in zip(thetas, sign, strict=True):
        angle = phi + math.radians(float(theta))
        tip = length * np.array([math.cos(angle), math.sin(angle)])
        color, style, _, _ = look[int(s)]
        arrow(left, origin, tip, color, linewidth=1.4, linestyle=style)
    named_vector(left, origin, va, r"$\mathbf{u}$", linewidth=2.6, offset=(4, 4))
    left.set_xlim(-reach, reach)
    left.set_ylim(-reach, reach)
    left.set_aspect("equal")
    left.set_xlabel("$x_1$")
    left.set_ylabel("$x_2$")
    left.set_title(r"vectors $\mathbf{v}$ around $\mathbf{u}$")
    present = [s for s in (1, 0, -1) if np.any(sign == s)]
    handles = [
        Line2D([], [], color=look[s][0], linestyle=look[s][1], label=look[s][3]) for s in present
    ]
    left.legend(handles=handles, loc="lower left", fontsize=8)

    curve = np.linspace(-180.0, 180.0, 361)
    peak = norm_a * length
    right.axvspan(-90, 90, color=tint(BLUE, 0.12), zorder=0, linewidth=0)
    right.axvspan(-180, -90, color=tint(VERMILLION, 0.12), zorder=0, linewidth=0)
    right.axvspan(90, 180, color=tint(VERMILLION, 0.12), zorder=0, linewidth=0)
    right.axhline(0.0, color=GREY, linewidth=0.8)
    right.plot(
        curve,
        peak * np.cos(np.radians(curve)),
        color=BLACK,
        linewidth=1.6,
        label=r"$\|\mathbf{u}\|\,\|\mathbf{v}\|\cos\theta$",
    )
    for s in present:
        mask = sign == s
        color, _, marker, label = look[s]
        right.plot(
            thetas[mask],
            dots[mask],
            linestyle="none",
            marker=marker,
            color=color,
            markeredgecolor="white",
            markersize=7,
            label=label,
            zorder=3,
        )
    for edge in (-90, 90):
        right.axvline(edge, color=GREY, linestyle=":", linewidth=1.0)
    right.annotate(
        r"$\theta = \pm 90°$: $\mathbf{u} \perp \mathbf{v}$",
        xy=(90, 0),
        xytext=(6, 0.55 * peak),
        textcoords=("offset points", "data"),
        fontsize=9,
        color=TEXT,
    )
    right.set_xlim(-180, 180)
    right.set_ylim(-1.15 * peak, 1.15 * peak)
    right.set_xticks([-180, -90, 0, 90, 180], ["−180°", "−90°", "0°", "90°", "180°"])
    right.set_xlabel(r"angle $\theta$ from $\mathbf{u}$ to $\mathbf{v}$")
    right.set_ylabel(r"$\mathbf{u}\cdot\mathbf{v}$")
    right.set_title(r"$\mathbf{u}\cdot\mathbf{v} = \|\mathbf{u}\|\,\|\mathbf{v}\|\cos\theta$")
    right.legend(loc="lower center", fontsize=8)
    return fig
