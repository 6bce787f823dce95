"""Figures for the site's chapters, drawn with matplotlib in one consistent style.

Every function returns a :class:`matplotlib.figure.Figure` made with ``Figure()``
directly, never through :mod:`matplotlib.pyplot`, so nothing is left open in
pyplot's figure registry. Functions that draw a single panel take an optional
``ax`` and then draw into that Axes (and return its figure).

The look (Okabe–Ito colours, distinct markers, an opaque white background that
reads as a light card on the site's dark palette too, dark text) lives in
:data:`STYLE` and is applied with ``matplotlib.rc_context(STYLE)`` inside each
function; importing this module changes no global state.

Reproducible output: :func:`to_svg` and :func:`to_png` give the same bytes for
the same figure on every run. A figure made here keeps the layout computed when
it was made (so saving it twice gives the same bytes); after adding to it, call
``fig.set_layout_engine("constrained")`` to lay it out again.

In a notebook, call :func:`setup_notebook` once; every figure displayed
afterwards (a ``Figure`` returned as the last expression of a cell, or
``display(fig)``) is then embedded as deterministic SVG::

    from nnmath import plotting

    plotting.setup_notebook()
    plotting.sigmoid_family()

``import nnmath`` does not import this module (nor matplotlib).
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
import numbers
import warnings
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ParamSpec

import matplotlib
import numpy as np
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap, to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, Patch, Polygon
from matplotlib.ticker import MaxNLocator
from numpy.typing import ArrayLike, NDArray

from nnmath._validation import as_float_array, describe
from nnmath.activations import sigmoid
from nnmath.network import Network
from nnmath.perceptron import _check_binary_labels
from nnmath.training import History

__all__ = [
    "MARKERS",
    "NOTEBOOK_PRINT_KWARGS",
    "PALETTE",
    "STYLE",
    "confusion_matrix",
    "cost_contours",
    "cost_history",
    "decision_regions",
    "dot_product_sign",
    "learning_curve",
    "network_diagram",
    "perceptron_line",
    "runs_summary",
    "setup_notebook",
    "show",
    "sigmoid_family",
    "to_png",
    "to_svg",
]

FloatArray = NDArray[np.floating[Any]]
_P = ParamSpec("_P")

# -- look and feel ------------------------------------------------------------------------

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any colour vision.
BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREEN = "#009E73"
ORANGE = "#E69F00"
PURPLE = "#CC79A7"
SKY_BLUE = "#56B4E9"
YELLOW = "#F0E442"
BLACK = "#000000"
GREY = "#6E6E6E"
TEXT = "#1A1A1A"

PALETTE: tuple[str, ...] = (BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY_BLUE, BLACK, YELLOW)
"""Okabe–Ito colours in the order the figures use them (class 0, class 1, …)."""

# Class k is drawn with PALETTE[k] and MARKERS[k]: circles for category A, crosses for
# category B as in Higham & Higham, then shapes that differ from both.
MARKERS: tuple[str, ...] = ("o", "x", "s", "^", "D", "v", "P", "*")

_SAVE_RC: dict[str, Any] = {
    "svg.hashsalt": "nnmath",  # fixed ids instead of random ones
    "svg.fonttype": "path",  # glyphs as paths: no font needed in the browser
    "svg.image_inline": True,
    "savefig.facecolor": "white",
    "savefig.edgecolor": "white",
    "savefig.transparent": False,
    "savefig.dpi": 100,
    "figure.dpi": 100,
}

STYLE: dict[str, Any] = {
    **_SAVE_RC,
    "figure.figsize": (6.4, 4.0),
    "figure.facecolor": "white",
    "figure.edgecolor": "white",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # ships with matplotlib: same glyphs everywhere
    "mathtext.fontset": "dejavusans",
    "font.size": 10.0,
    "text.color": TEXT,
    "axes.facecolor": "white",
    "axes.edgecolor": "#4D4D4D",
    "axes.labelcolor": TEXT,
    "axes.titlesize": 11.0,
    "axes.titleweight": "normal",
    "axes.labelsize": 10.0,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=list(PALETTE)),
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "xtick.color": "#4D4D4D",
    "ytick.color": "#4D4D4D",
    "xtick.labelcolor": TEXT,
    "ytick.labelcolor": TEXT,
    "xtick.labelsize": 9.0,
    "ytick.labelsize": 9.0,
    "legend.fontsize": 9.0,
    "legend.frameon": True,
    "legend.framealpha": 0.92,
    "legend.edgecolor": "#CCCCCC",
    "legend.facecolor": "white",
    "lines.linewidth": 1.8,
    "lines.markersize": 6.0,
    "image.cmap": "cividis",
    "path.simplify": True,
}
"""rcParams of every figure: applied with ``matplotlib.rc_context(STYLE)``."""

_FIGSIZE = (6.4, 4.0)
_FIGSIZE_TWO = (9.0, 3.6)


def _rc() -> dict[Any, Any]:
    """:data:`STYLE` typed for ``rc_context`` (whose stubs want literal keys)."""
    return STYLE


def _tint(color: str, amount: float) -> tuple[float, float, float]:
    """``color`` mixed with white: ``amount`` 1 is the colour, 0 is white."""
    r, g, b = to_rgb(color)
    return (1 - amount * (1 - r), 1 - amount * (1 - g), 1 - amount * (1 - b))


# Figures made here (not ones whose Axes the caller passed in); see `_styled`.
_OWN_FIGURES: weakref.WeakSet[Figure] = weakref.WeakSet()
_LAYOUT_PASSES = 2


def _styled(func: Callable[_P, Figure]) -> Callable[_P, Figure]:
    """Run a figure function inside ``rc_context(STYLE)`` and fix the layout of new figures.

    Constrained layout moves the axes by fractions of a point on every draw until
    it settles (with equal-aspect axes, outside legends or colorbars), so two saves
    of the same figure would differ. A figure made here is therefore laid out
    twice and then keeps that layout (layout engine ``"none"``): every later save
    gives the same bytes.
    """

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> Figure:
        with matplotlib.rc_context(_rc()):
            fig = func(*args, **kwargs)
            if fig in _OWN_FIGURES:
                _OWN_FIGURES.discard(fig)
                for _ in range(_LAYOUT_PASSES):
                    fig.draw_without_rendering()
                fig.set_layout_engine("none")
            else:
                # Ticks are created lazily; make them now so that they take the style
                # even when the caller's figure is drawn outside the context.
                for axes in fig.axes:
                    for axis in (axes.xaxis, axes.yaxis):
                        axis.get_major_ticks()
                        axis.get_minor_ticks()
        return fig

    return wrapper


def _new_figure(figsize: tuple[float, float] = _FIGSIZE) -> Figure:
    fig = Figure(figsize=figsize, layout="constrained")
    _OWN_FIGURES.add(fig)
    return fig


def _figure_and_axes(ax: object, figsize: tuple[float, float] = _FIGSIZE) -> tuple[Figure, Axes]:
    """A new figure with one Axes, or ``ax`` and the figure it belongs to."""
    if ax is None:
        fig = _new_figure(figsize)
        return fig, fig.add_subplot()
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {describe(ax)}")
    root = ax.get_figure(root=True)
    if not isinstance(root, Figure):
        raise ValueError("ax must belong to a figure, got an Axes without one")
    return root, ax


# -- input checks -------------------------------------------------------------------------


def _check_real(name: str, value: object, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    out = float(value)
    if not math.isfinite(out):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if positive and out <= 0:
        raise ValueError(f"{name} must be positive, got {value!r}")
    return out


def _check_int(name: str, value: object, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {describe(value)}")
    out = int(value)
    if out < low or (high is not None and out > high):
        want = f"at least {low}" if high is None else f"between {low} and {high}"
        raise ValueError(f"{name} must be {want}, got {out}")
    return out


def _check_str(name: str, value: object, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        want = "a string or None" if optional else "a string"
        raise TypeError(f"{name} must be {want}, got {describe(value)}")
    return value


def _check_limits(name: str, value: object) -> tuple[float, float]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != 2:
        raise TypeError(f"{name} must be a pair (low, high) of numbers, got {describe(value)}")
    lo = _check_real(f"{name}[0]", value[0])
    hi = _check_real(f"{name}[1]", value[1])
    if not lo < hi:
        raise ValueError(f"{name} must satisfy low < high, got ({lo!r}, {hi!r})")
    return lo, hi


def _check_labels(name: str, value: ArrayLike) -> NDArray[np.int64]:
    arr = np.asarray(value)
    if arr.dtype.kind not in "biu":
        raise TypeError(f"{name} must hold integer class labels, got {describe(arr)}")
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of labels, got shape {arr.shape}")
    out = arr.astype(np.int64)
    if out.min() < 0:
        raise ValueError(f"{name} must hold labels ≥ 0, got {int(out.min())}")
    return out


def _check_names(name: str, value: object, count: int) -> list[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a sequence of {count} strings, got {describe(value)}")
    if len(value) != count:
        raise ValueError(f"{name} must have {count} entries (one per class), got {len(value)}")
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"{name} must hold strings, got {describe(item)}")
    return list(value)


# -- saving and notebooks -----------------------------------------------------------------


def _check_figure(fig: object) -> Figure:
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {describe(fig)}")
    return fig


def to_svg(fig: Figure) -> str:
    """The figure as SVG text, identical from run to run.

    Saved under :data:`STYLE` with a fixed ``svg.hashsalt`` (so the ids are not
    random), glyphs as paths (``svg.fonttype: path``: no font is needed to show
    it), no date in the metadata, and a tight bounding box.

    Parameters
    ----------
    fig : matplotlib.figure.Figure

    Returns
    -------
    str
        A standalone SVG document.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure.
    """
    figure = _check_figure(fig)
    buf = io.BytesIO()
    with matplotlib.rc_context(_rc()):
        figure.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buf.getvalue().decode("utf-8")


def to_png(fig: Figure, dpi: float = 150) -> bytes:
    """The figure as PNG bytes, identical from run to run (no ``Software`` metadata).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    dpi : float
        Resolution in dots per inch, ``> 0``.

    Returns
    -------
    bytes

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure or ``dpi`` is not a number.
    ValueError
        If ``dpi`` is not positive and finite.
    """
    figure = _check_figure(fig)
    resolution = _check_real("dpi", dpi, positive=True)
    buf = io.BytesIO()
    with matplotlib.rc_context(_rc()):
        figure.savefig(
            buf, format="png", dpi=resolution, metadata={"Software": None}, bbox_inches="tight"
        )
    return buf.getvalue()


NOTEBOOK_PRINT_KWARGS: dict[str, Any] = {"metadata": {"Date": None}, "bbox_inches": "tight"}
"""Keyword arguments the inline backend passes to ``savefig`` after :func:`setup_notebook`."""


def setup_notebook() -> None:
    """Make every figure a notebook displays deterministic SVG in the site's style.

    In a running IPython (a Jupyter kernel), this activates the inline backend
    (``%matplotlib inline``), sets ``InlineBackend.figure_formats = {'svg'}`` and
    ``InlineBackend.print_figure_kwargs = {'metadata': {'Date': None},
    'bbox_inches': 'tight'}``, and updates ``matplotlib.rcParams`` with
    :data:`STYLE` (which holds ``svg.hashsalt``, ``svg.fonttype: path`` and the
    white background), so figures drawn with pyplot in a chapter match too.
    A :class:`~matplotlib.figure.Figure` returned as the last expression of a
    cell is then shown as SVG; so is ``IPython.display.display(fig)``.

    Outside IPython it does nothing. It returns None, so that a chapter's first
    cell shows no output.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is installed with the docs extra
        return
    shell = get_ipython()
    if shell is None:
        return
    from IPython.core.pylabtools import select_figure_formats

    matplotlib.rcParams.update(_rc())
    # The inline backend for pyplot figures too (a kernel already defaults to it); a
    # bare InteractiveShell has no GUI integration and raises NotImplementedError.
    with contextlib.suppress(NotImplementedError):
        shell.run_line_magic("matplotlib", "inline")
    try:
        from matplotlib_inline.config import InlineBackend
    except ImportError:  # pragma: no cover - ships with ipykernel
        pass
    else:
        cfg = InlineBackend.instance()
        # matplotlib-inline still reacts to these through traitlets' deprecated
        # `_<name>_changed` hooks; keep that warning out of the chapter's output.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            cfg.print_figure_kwargs = dict(NOTEBOOK_PRINT_KWARGS)
            cfg.figure_formats = {"svg"}
    # Register the SVG formatter for Figure even if the config did not change.
    select_figure_formats(shell, {"svg"}, **NOTEBOOK_PRINT_KWARGS)  # type: ignore[no-untyped-call]
    # `%matplotlib inline` may have restored saved rcParams; apply the style last.
    matplotlib.rcParams.update(_rc())


def show(fig: Figure) -> None:
    """Display ``fig`` in a notebook as the SVG of :func:`to_svg`.

    Use it to show a figure that is not the last expression of a cell (in a
    loop, say) without depending on the inline backend's configuration.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure.
    """
    from IPython.display import SVG, display

    display(SVG(to_svg(fig)))  # type: ignore[no-untyped-call]


# -- neurons ------------------------------------------------------------------------------


def _check_reals(name: str, value: object) -> list[float]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) == 0:
        raise TypeError(f"{name} must be a non-empty sequence of numbers, got {describe(value)}")
    return [_check_real(f"{name}[{i}]", v) for i, v in enumerate(value)]


def _step_line(ax: Axes, x0: float, x1: float) -> None:
    ax.plot(
        [x0, 0.0, 0.0, x1],
        [0.0, 0.0, 1.0, 1.0],
        linestyle="--",
        color=BLACK,
        linewidth=1.2,
        label="step $H(x)$",
    )


@_styled
def sigmoid_family(
    weights: Sequence[float] = (0.5, 1, 2, 5),
    biases: Sequence[float] = (-4, -2, 0, 2, 4),
    x: ArrayLike | None = None,
    *,
    bias: float = 0.0,
    weight: float = 1.0,
) -> Figure:
    """Sigmoid neurons ``σ(a x + b)``: the weight sets the steepness, the bias the place.

    Left panel: ``σ(a x + bias)`` for each ``a`` in ``weights``; right panel:
    ``σ(weight · x + b)`` for each ``b`` in ``biases``. A dot marks each
    curve's transition ``x = −b/a`` (where ``σ = 1/2``; the right panel names
    each curve there, the left one in its legend), and the step function
    ``H(x)`` (the limit ``a → ∞``) is drawn dashed for comparison.

    Parameters
    ----------
    weights : sequence of float
        Non-zero slopes ``a`` for the left panel.
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
        Two panels, 9 × 3.6 in.

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
    b_left = _check_real("bias", bias)
    a_right = _check_real("weight", weight)
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

    fig = _new_figure(_FIGSIZE_TWO)
    left, right = fig.subplots(1, 2, sharey=True)
    panels = (
        (
            left,
            [(a, b_left) for a in a_values],
            "a",
            f"the weight $a$ sets the steepness ($b = {b_left:g}$)",
        ),
        (
            right,
            [(a_right, b) for b in b_values],
            "b",
            f"the bias $b$ moves it ($a = {a_right:g}$)",
        ),
    )
    for ax, pairs, varying, title in panels:
        ax.axhline(0.5, color="#BBBBBB", linewidth=0.8, linestyle=":")
        _step_line(ax, x0, x1)
        for k, (a, b) in enumerate(pairs):
            color = PALETTE[k % len(PALETTE)]
            name = f"${varying} = {(a if varying == 'a' else b):g}$"
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
                ax.annotate(
                    name,
                    xy=(x_mid, 0.5),
                    xytext=(6, -4),
                    textcoords="offset points",
                    ha="left",
                    va="top",
                    fontsize=9,
                    color=color,
                )
        ax.set_title(title)
        ax.set_xlabel("$x$")
        ax.set_xlim(x0, x1)
        ax.set_ylim(-0.04, 1.04)
        ax.legend(loc="upper left", handlelength=1.6)
    left.set_ylabel(r"$\sigma(a x + b)$")
    return fig


def _arrow(ax: Axes, start: FloatArray, end: FloatArray, color: str, **kwargs: Any) -> None:
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


@_styled
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
        Two panels, 9 × 3.6 in.

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
    length = _check_real("b_norm", b_norm, positive=True)
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

    fig = _new_figure(_FIGSIZE_TWO)
    left, right = fig.subplots(1, 2, width_ratios=(1.0, 1.35))
    reach = 1.2 * max(norm_a, length)
    box = np.array([[-reach, -reach], [reach, -reach], [reach, reach], [-reach, reach]])
    for s, w in ((1, va), (-1, -va)):
        poly = _clip_halfplane(box, w, 0.0)
        left.add_patch(
            Polygon(
                poly, closed=True, facecolor=_tint(look[s][0], 0.12), edgecolor="none", zorder=0
            )
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
        _arrow(left, origin, tip, color, linewidth=1.4, linestyle=style)
    _arrow(left, origin, va, BLACK, linewidth=2.6)
    left.annotate(
        r"$\mathbf{u}$",
        xy=(float(va[0]), float(va[1])),
        xytext=(4, 4),
        textcoords="offset points",
        fontsize=12,
    )
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
    right.axvspan(-90, 90, color=_tint(BLUE, 0.12), zorder=0, linewidth=0)
    right.axvspan(-180, -90, color=_tint(VERMILLION, 0.12), zorder=0, linewidth=0)
    right.axvspan(90, 180, color=_tint(VERMILLION, 0.12), zorder=0, linewidth=0)
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


# -- perceptron ---------------------------------------------------------------------------


def _clip_halfplane(poly: FloatArray, w: FloatArray, b: float) -> FloatArray:
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


def _line_in_box(w: FloatArray, b: float, lo: FloatArray, hi: FloatArray) -> FloatArray | None:
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


def _scatter_classes(
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


def _padded_box(X: FloatArray, fraction: float = 0.1) -> tuple[FloatArray, FloatArray]:
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    return lo - fraction * span, hi + fraction * span


@_styled
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
    labels = _check_binary_labels(y, Xa.shape[0])
    w = as_float_array("weights", weights, ndim=1, dtype=np.float64)
    if w.shape != (2,):
        raise ValueError(f"weights must have shape (2,), got {w.shape}")
    if not np.any(w):
        raise ValueError("weights must not be all zero (w·x + b = 0 is then not a line)")
    b = _check_real("bias", bias)
    steps: FloatArray | None = None
    if path is not None:
        steps = as_float_array("path", path, ndim=2, dtype=np.float64)
        if steps.shape[1] != 3:
            raise ValueError(
                f"path must have shape (m, 3) with rows (b, w1, w2), got {steps.shape}"
            )
    fig, axes = _figure_and_axes(ax)

    lo, hi = _padded_box(Xa, 0.15)
    segment = _line_in_box(w, b, lo, hi)
    unit = w / np.linalg.norm(w)
    if segment is None:
        # The line misses the data: widen the view to show where it is.
        centre = (lo + hi) / 2
        foot = centre - (float(centre @ w) + b) / float(w @ w) * w
        lo, hi = np.minimum(lo, foot - 0.3), np.maximum(hi, foot + 0.3)
        segment = _line_in_box(w, b, lo, hi)
    assert segment is not None
    anchor = segment.mean(axis=0)
    corners = np.array([[lo[0], lo[1]], [hi[0], lo[1]], [hi[0], hi[1]], [lo[0], hi[1]]])
    for sign, k in ((1.0, 1), (-1.0, 0)):
        poly = _clip_halfplane(corners, sign * w, sign * b)
        if poly.shape[0] >= 3:
            axes.add_patch(
                Polygon(
                    poly, closed=True, facecolor=_tint(PALETTE[k], 0.14), edgecolor="none", zorder=0
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
    _arrow(axes, anchor, anchor + 0.22 * size * unit, BLACK, linewidth=2.0, zorder=5)
    tip = anchor + 0.22 * size * unit
    axes.annotate(
        r"$\mathbf{w}$",
        xy=(float(tip[0]), float(tip[1])),
        xytext=(4, 2),
        textcoords="offset points",
        fontsize=12,
        zorder=5,
    )
    # A right-angle mark where the arrow leaves the line.
    s = 0.035 * size
    along = np.array([-unit[1], unit[0]])
    mark = np.array([anchor + s * along, anchor + s * along + s * unit, anchor + s * unit])
    axes.plot(mark[:, 0], mark[:, 1], color=BLACK, linewidth=0.8, zorder=5)
    _scatter_classes(axes, Xa, labels, ["class 0 ($y = 0$)", "class 1 ($y = 1$)"])
    axes.set_xlim(float(lo[0]), float(hi[0]))
    axes.set_ylim(float(lo[1]), float(hi[1]))
    axes.set_aspect("equal")
    axes.set_xlabel("$x_1$")
    axes.set_ylabel("$x_2$")
    axes.set_title(rf"$\mathbf{{w}} = ({w[0]:.3g},\ {w[1]:.3g}),\ b = {b:.3g}$")
    axes.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    return fig


# -- networks -----------------------------------------------------------------------------


@_styled
def decision_regions(
    net: Network,
    X: ArrayLike,
    Y: ArrayLike,
    ax: Axes | None = None,
    resolution: int = 200,
    boundary: Callable[[FloatArray], ArrayLike] | None = None,
    title: str | None = None,
) -> Figure:
    """The class a two-input network predicts at each point, with the data on top.

    The plane is shaded by ``net.predict`` on a ``resolution × resolution``
    grid (embedded as one small raster image). The region is the unit square
    when every point lies in it, else the data's bounding box padded by 10 %.
    Category A (class 0) is drawn as circles, category B (class 1) as crosses,
    as in Higham & Higham; further classes get other markers.

    Parameters
    ----------
    net : Network
        A network with 2 inputs. With one output, class 1 is ``F(x) ≥ 1/2``;
        otherwise the class is the largest output.
    X : array_like, shape (n, 2)
    Y : array_like, shape (n, sizes[-1]) or (n,)
        One-hot targets or integer labels.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes instead of a new 6.4 × 4 in figure.
    resolution : int
        Grid points per side, 2 to 1000.
    boundary : callable, optional
        The true boundary as ``x2 = boundary(x1)`` for an array ``x1`` of shape
        ``(k,)`` returning shape ``(k,)`` (e.g.
        :func:`nnmath.datasets.land20_boundary`); drawn dashed.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If ``net`` is not a Network, ``boundary`` not callable, ``title`` not a
        string, ``resolution`` not an integer, or the data not numeric.
    ValueError
        If the network does not have 2 inputs, ``X`` and ``Y`` do not match it
        (see :meth:`Network.check_data`), ``resolution`` is out of range, or
        ``boundary`` returns the wrong shape.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be an nnmath Network, got {describe(net)}")
    if net.sizes[0] != 2:
        raise ValueError(
            f"net must have 2 inputs to draw its regions in the plane, got sizes {list(net.sizes)}"
        )
    Xa, Ya = net.check_data(X, Y)
    Xa = Xa.astype(np.float64)
    single = net.sizes[-1] == 1
    labels = (Ya[:, 0] >= 0.5).astype(np.int64) if single else np.argmax(Ya, axis=1)
    n_classes = 2 if single else net.sizes[-1]
    res = _check_int("resolution", resolution, 2, 1000)
    if boundary is not None and not callable(boundary):
        raise TypeError(f"boundary must be a callable x1 -> x2 or None, got {describe(boundary)}")
    heading = _check_str("title", title, optional=True)
    fig, axes = _figure_and_axes(ax)

    lo: FloatArray
    hi: FloatArray
    if Xa.min() >= 0 and Xa.max() <= 1:
        lo, hi = np.zeros(2), np.ones(2)
    else:
        lo, hi = _padded_box(Xa, 0.1)
    gx = lo[0] + (np.arange(res) + 0.5) * (hi[0] - lo[0]) / res
    gy = lo[1] + (np.arange(res) + 0.5) * (hi[1] - lo[1]) / res
    G1, G2 = np.meshgrid(gx, gy)
    grid = np.column_stack([G1.ravel(), G2.ravel()])
    predicted = (net.forward(grid)[:, 0] >= 0.5).astype(np.int64) if single else net.predict(grid)
    tints = [_tint(PALETTE[k % len(PALETTE)], 0.22) for k in range(n_classes)]
    axes.imshow(
        predicted.reshape(res, res),
        origin="lower",
        extent=(float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])),
        cmap=ListedColormap(tints),
        vmin=-0.5,
        vmax=n_classes - 0.5,
        interpolation="none",
        aspect="equal",
        zorder=0,
    )
    names = [f"category {chr(65 + k)}" if k < 26 else f"class {k}" for k in range(n_classes)]
    _scatter_classes(axes, Xa, labels, names)
    handles, _ = axes.get_legend_handles_labels()
    handles += [
        Patch(
            facecolor=tints[k],
            edgecolor="#999999",
            linewidth=0.5,
            label=f"predicted {names[k].split()[-1]}",
        )
        for k in range(n_classes)
    ]
    if boundary is not None:
        xs = np.linspace(float(lo[0]), float(hi[0]), 400)
        ys = np.asarray(boundary(xs), dtype=np.float64)
        if ys.shape != xs.shape:
            raise ValueError(
                f"boundary must return one x2 per x1: shape {xs.shape} in, got {ys.shape}"
            )
        (line,) = axes.plot(
            xs, ys, color=BLACK, linestyle="--", linewidth=1.6, label="true boundary", zorder=3
        )
        handles.append(line)
    axes.set_xlim(float(lo[0]), float(hi[0]))
    axes.set_ylim(float(lo[1]), float(hi[1]))
    axes.set_xlabel("$x_1$")
    axes.set_ylabel("$x_2$")
    if heading is not None:
        axes.set_title(heading)
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    return fig


def _histories(history: object, label: object) -> list[tuple[str | None, History]]:
    if isinstance(history, History):
        return [(_check_str("label", label, optional=True), history)]
    if label is not None:
        raise ValueError("label applies to a single History; name each run in history instead")
    if isinstance(history, Mapping):
        items = list(history.items())
    elif isinstance(history, Sequence) and not isinstance(history, (str, bytes)):
        items = []
        for i, item in enumerate(history):
            if not (isinstance(item, tuple) and len(item) == 2):
                raise TypeError(
                    f"history[{i}] must be a (label, History) pair, got {describe(item)}"
                )
            items.append(item)
    else:
        raise TypeError(
            "history must be a History, a list of (label, History) pairs or a dict "
            f"label -> History, got {describe(history)}"
        )
    if not items:
        raise ValueError("history must hold at least one run, got none")
    out: list[tuple[str | None, History]] = []
    for name, run in items:
        if not isinstance(name, str):
            raise TypeError(f"history labels must be strings, got {describe(name)}")
        if not isinstance(run, History):
            raise TypeError(f"history[{name!r}] must be a History, got {describe(run)}")
        out.append((name, run))
    return out


@_styled
def cost_history(
    history: History | Sequence[tuple[str, History]] | Mapping[str, History],
    ax: Axes | None = None,
    label: str | None = None,
) -> Figure:
    """Cost against the number of steps, both on log axes.

    Step 0 (the initial cost) cannot sit on a log axis and is left out; so is
    any cost ``≤ 0``.

    Parameters
    ----------
    history : History, list of (str, History) or dict str → History
        One run, or several to compare (e.g. SGD against full batch), each
        drawn in its own colour and line style and named in the legend.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes instead of a new 6.4 × 4 in figure.
    label : str, optional
        Legend entry for a single History.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If ``history`` is none of the accepted forms, a label is not a string,
        or ``ax`` is not an Axes.
    ValueError
        If ``history`` is empty, a run has no step after step 0, or ``label``
        is given with several runs.
    """
    runs = _histories(history, label)
    fig, axes = _figure_and_axes(ax)
    styles = ("-", "--", "-.", ":")
    for k, (name, run) in enumerate(runs):
        keep = (run.steps > 0) & (run.cost > 0)
        if not np.any(keep):
            raise ValueError(
                f"history {name or ''} must record a positive cost after step 0, got steps "
                f"{run.steps.tolist()[:5]}"
            )
        axes.plot(
            run.steps[keep],
            run.cost[keep],
            color=PALETTE[k % len(PALETTE)],
            linestyle=styles[k % len(styles)],
            label=name,
        )
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.grid(True, which="major")
    axes.set_xlabel("step (parameter updates)")
    axes.set_ylabel("cost")
    if any(name is not None for name, _ in runs):
        axes.legend(loc="best")
    return fig


@_styled
def network_diagram(
    sizes: Sequence[int], ax: Axes | None = None, labels: bool = True, *, max_shown: int = 12
) -> Figure:
    """Layers of neurons as circles, every connection as a line.

    With ``labels``, each layer is named (``input``, ``hidden``, ``output``)
    with its width, each weight layer is annotated with its parameter count
    ``d_out·d_in + d_out``, and the title gives the total.

    Parameters
    ----------
    sizes : sequence of int
        Layer widths from input to output, at least two, each ``≥ 1``.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes instead of a new 6.4 × 4 in figure.
    labels : bool
        Draw the layer names and parameter counts.
    max_shown : int
        A layer wider than this (``≥ 2``) shows its first and last
        ``max_shown // 2`` neurons with a ``⋮`` between them (the counts stay
        exact). Otherwise ``sum(sizes)`` circles and ``Σ sizes[l]·sizes[l+1]``
        connections are drawn.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If ``sizes`` is not a sequence of integers, ``labels`` not a bool or
        ``ax`` not an Axes.
    ValueError
        If fewer than two sizes are given or one is below 1.
    """
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence):
        raise TypeError(f"sizes must be a sequence of integers, got {describe(sizes)}")
    if len(sizes) < 2:
        raise ValueError(
            f"sizes must list at least an input and an output width, got {list(sizes)}"
        )
    widths = [_check_int(f"sizes[{i}]", s, 1) for i, s in enumerate(sizes)]
    if not isinstance(labels, bool):
        raise TypeError(f"labels must be a bool, got {describe(labels)}")
    limit = _check_int("max_shown", max_shown, 2)

    # Vertical slots per layer; a truncated layer gets one extra slot for the ellipsis.
    shown: list[list[float]] = []  # y of each drawn neuron, per layer
    ellipsis: list[float | None] = []
    for width in widths:
        if width <= limit:
            shown.append([(width - 1) / 2 - j for j in range(width)])
            ellipsis.append(None)
        else:
            top = limit // 2
            slots = limit + 1
            used = list(range(top)) + list(range(top + 1, slots))
            shown.append([(slots - 1) / 2 - j for j in used])
            ellipsis.append((slots - 1) / 2 - top)
    tallest = max(len(ys) + (gap is not None) for ys, gap in zip(shown, ellipsis, strict=True))
    n_layers = len(widths)
    dx = max(2.5, 0.75 * tallest)
    radius = 0.3
    reach_x = (n_layers - 1) * dx / 2 + 1.0
    reach_y = (tallest - 1) / 2 + radius + 0.15
    # A new figure fits the drawing: 6.4 in wide, as tall as the aspect needs.
    height = 6.4 * reach_y / reach_x + (1.3 if labels else 0.3)
    fig, axes = _figure_and_axes(ax, (6.4, min(max(height, 2.4), 6.0)))
    kinds = ["input"] + ["hidden"] * (n_layers - 2) + ["output"]
    colors = {"input": GREEN, "hidden": BLUE, "output": VERMILLION}

    for layer in range(n_layers - 1):
        x0, x1 = layer * dx, (layer + 1) * dx
        segments = [[(x0, ya), (x1, yb)] for ya in shown[layer] for yb in shown[layer + 1]]
        axes.add_collection(
            LineCollection(segments, colors="#9A9A9A", linewidths=0.8, zorder=1), autolim=False
        )
    for layer, kind in enumerate(kinds):
        x = layer * dx
        for yy in shown[layer]:
            axes.add_patch(
                Circle(
                    (x, yy),
                    radius,
                    facecolor=_tint(colors[kind], 0.25),
                    edgecolor=colors[kind],
                    linewidth=1.6,
                    zorder=2,
                )
            )
        gap = ellipsis[layer]
        if gap is not None:
            axes.text(x, gap, "⋮", ha="center", va="center", fontsize=14, color=TEXT)
    centre = (n_layers - 1) * dx / 2
    axes.set_xlim(centre - reach_x, centre + reach_x)
    axes.set_ylim(-reach_y, reach_y)
    axes.set_aspect("equal")
    axes.set_axis_off()
    if labels:
        for layer, kind in enumerate(kinds):
            name = f"hidden {layer}" if kind == "hidden" and n_layers > 3 else kind
            axes.annotate(
                f"{name}\n{widths[layer]:,} neuron{'s' if widths[layer] > 1 else ''}",
                xy=(layer * dx, -reach_y),
                xytext=(0, -2),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=9,
                color=TEXT,
                annotation_clip=False,
            )
        for layer in range(n_layers - 1):
            d_in, d_out = widths[layer], widths[layer + 1]
            count = d_out * d_in + d_out
            axes.annotate(
                f"{d_out}·{d_in} + {d_out} = {count:,}",
                xy=((layer + 0.5) * dx, reach_y),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=9,
                color=TEXT,
                annotation_clip=False,
                bbox={
                    "boxstyle": "round,pad=0.25",
                    "facecolor": "white",
                    "edgecolor": "#CCCCCC",
                    "linewidth": 0.6,
                },
            )
        total = sum(widths[i + 1] * widths[i] + widths[i + 1] for i in range(n_layers - 1))
        axes.set_title(f"network {list(widths)}: {total:,} parameters", pad=22)
    return fig


# -- gradient descent ---------------------------------------------------------------------


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


@_styled
def cost_contours(
    cost_fn: Callable[[FloatArray, FloatArray], ArrayLike],
    path: ArrayLike | Mapping[str, ArrayLike],
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    ax: Axes | None = None,
    *,
    levels: int | Sequence[float] = 15,
    resolution: int = 150,
    xlabel: str = "$w_1$",
    ylabel: str = "$w_2$",
) -> Figure:
    """Contours of a two-parameter cost with gradient-descent iterates as connected dots.

    By default the levels are ``c_min + (c_max − c_min) t²`` for evenly spaced
    ``t`` in ``(0, 1)``, where ``c_min`` and ``c_max`` are the extremes of the
    cost over the window, so a quadratic bowl gets evenly spaced ellipses.
    Iterates outside the window are clipped (a diverging run leaves the picture).

    Parameters
    ----------
    cost_fn : callable
        ``cost_fn(W1, W2)`` for two arrays of shape ``(r, r)`` (a meshgrid)
        returns the cost at every point, shape ``(r, r)``; non-finite values
        are left blank.
    path : array_like, shape (m, 2), or dict str → array_like
        The iterates ``(w1, w2)`` from the start on; a dict draws several
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
        Names of the two parameters.

    Returns
    -------
    matplotlib.figure.Figure

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
    x0, x1 = _check_limits("xlim", xlim)
    y0, y1 = _check_limits("ylim", ylim)
    bounds: FloatArray | None = None
    n_levels = 0
    if isinstance(levels, Sequence):
        bounds = as_float_array("levels", levels, ndim=1, dtype=np.float64)
        if not np.all(np.diff(bounds) > 0):
            raise ValueError(f"levels must be increasing, got {bounds.tolist()}")
    else:
        n_levels = _check_int("levels", levels, 2, 100)
    res = _check_int("resolution", resolution, 10, 1000)
    _check_str("xlabel", xlabel)
    _check_str("ylabel", ylabel)
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
    fig, axes = _figure_and_axes(ax)
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


# -- evaluation ---------------------------------------------------------------------------


@_styled
def confusion_matrix(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    n_classes: int | None = None,
    ax: Axes | None = None,
    class_names: Sequence[str] | None = None,
) -> Figure:
    """Counts of (true class, predicted class) pairs, annotated in the cells.

    Rows are the true class, columns the prediction; the diagonal holds the
    correct answers and the title the accuracy.

    Parameters
    ----------
    y_true, y_pred : array_like of int, shape (n,)
        Class labels ``≥ 0``.
    n_classes : int, optional
        Number of classes ``K``; by default one more than the largest label.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes instead of a new 5 × 4.2 in figure.
    class_names : sequence of str, optional
        ``K`` names for the axes; the class indices by default.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If the labels are not integers, ``n_classes`` is not an integer or
        ``class_names`` not a sequence of strings.
    ValueError
        If the labels are not 1-D of the same length or are negative, a label
        is ``≥ n_classes``, or ``class_names`` has the wrong length.
    """
    t = _check_labels("y_true", y_true)
    p = _check_labels("y_pred", y_pred)
    if t.shape != p.shape:
        raise ValueError(f"y_true and y_pred must have the same shape, got {t.shape} and {p.shape}")
    largest = int(max(t.max(), p.max()))
    if n_classes is None:
        k = largest + 1
    else:
        k = _check_int("n_classes", n_classes, 1)
        if largest >= k:
            raise ValueError(f"n_classes must exceed every label, got {k} with a label {largest}")
    names = (
        [str(i) for i in range(k)]
        if class_names is None
        else _check_names("class_names", class_names, k)
    )
    fig, axes = _figure_and_axes(ax, (5.0, 4.2))
    counts = np.bincount(t * k + p, minlength=k * k).reshape(k, k)
    axes.imshow(counts, cmap="Blues", vmin=0, vmax=max(int(counts.max()), 1), interpolation="none")
    threshold = counts.max() / 2
    for i in range(k):
        for j in range(k):
            axes.text(
                j,
                i,
                str(int(counts[i, j])),
                ha="center",
                va="center",
                fontsize=10,
                color="white" if counts[i, j] > threshold else TEXT,
            )
    axes.set_xticks(range(k), names)
    axes.set_yticks(range(k), names)
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_xlabel("predicted class")
    axes.set_ylabel("true class")
    correct = int(np.trace(counts))
    axes.set_title(f"accuracy {correct / t.size:.3g} ({correct} of {t.size})")
    return fig


@_styled
def learning_curve(
    steps: ArrayLike,
    train: ArrayLike,
    test: ArrayLike | None = None,
    ax: Axes | None = None,
    ylabel: str = "accuracy",
) -> Figure:
    """A training (and test) metric against the step count.

    Parameters
    ----------
    steps : array_like, shape (m,)
        Step counts, finite.
    train : array_like, shape (m,)
        The metric on the training data at those steps.
    test : array_like, shape (m,), optional
        The metric on held-out data.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes instead of a new 6.4 × 4 in figure.
    ylabel : str
        Name of the metric. When it is ``"accuracy"`` and every value lies in
        ``[0, 1]``, the y axis spans ``[0, 1]``.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If an array is not numeric or ``ylabel`` not a string.
    ValueError
        If an array is not 1-D, not finite, or its length differs from ``steps``.
    """
    s = as_float_array("steps", steps, ndim=1, dtype=np.float64)
    series = [("training", as_float_array("train", train, ndim=1, dtype=np.float64))]
    if test is not None:
        series.append(("test", as_float_array("test", test, ndim=1, dtype=np.float64)))
    for name, values in series:
        if values.shape != s.shape:
            arg = "train" if name == "training" else "test"
            raise ValueError(f"{arg} must have the shape of steps {s.shape}, got {values.shape}")
    label = _check_str("ylabel", ylabel)
    fig, axes = _figure_and_axes(ax)
    for k, (name, values) in enumerate(series):
        axes.plot(
            s,
            values,
            color=PALETTE[k],
            linestyle=("-", "--")[k],
            marker=("o", "s")[k],
            markersize=4,
            label=name,
        )
    everything = np.concatenate([v for _, v in series])
    if label == "accuracy" and everything.min() >= 0 and everything.max() <= 1:
        axes.set_ylim(-0.02, 1.02)
    axes.grid(True)
    axes.set_xlabel("step")
    axes.set_ylabel(str(label))
    axes.legend(loc="best")
    return fig


@_styled
def runs_summary(
    final_costs: ArrayLike, ax: Axes | None = None, *, threshold: float | None = None
) -> Figure:
    """How the final cost is spread over many random starts: a histogram on a log axis.

    Each run is also marked by a tick under the bars. With ``threshold``, a
    dashed line marks it and the title says how many runs ended below it
    (how often training succeeded).

    Parameters
    ----------
    final_costs : array_like, shape (r,)
        One final cost per run, each ``> 0`` and finite.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes instead of a new 6.4 × 4 in figure.
    threshold : float, optional
        A cost ``> 0`` below which a run counts as a success.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If ``final_costs`` or ``threshold`` is not numeric.
    ValueError
        If ``final_costs`` is not 1-D, is empty, or holds a value that is not
        positive and finite, or ``threshold ≤ 0``.
    """
    costs = as_float_array("final_costs", final_costs, ndim=1, dtype=np.float64)
    if np.any(costs <= 0):
        raise ValueError(
            f"final_costs must be positive (they go on a log axis), got minimum {costs.min()!r}"
        )
    cut = None if threshold is None else _check_real("threshold", threshold, positive=True)
    fig, axes = _figure_and_axes(ax)
    lo, hi = float(costs.min()), float(costs.max())
    if hi / lo < 1.5:
        lo, hi = lo / 1.5, hi * 1.5
    n_bins = int(np.clip(math.ceil(2 * math.sqrt(costs.size)), 8, 30))
    edges = np.geomspace(lo, hi, n_bins + 1)
    counts, _, _ = axes.hist(
        costs, bins=edges.tolist(), color=BLUE, edgecolor="white", linewidth=0.6, zorder=2
    )
    # One tick per run in a band below zero (a strip plot under the histogram).
    top = float(np.max(counts))
    axes.plot(
        costs,
        np.full(costs.size, -0.06 * top),
        linestyle="none",
        marker="|",
        markersize=8,
        color=TEXT,
        alpha=0.5,
    )
    axes.set_ylim(-0.12 * top, 1.08 * top)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xscale("log")
    axes.set_xlabel("final cost")
    axes.set_ylabel("number of runs")
    axes.grid(True, axis="y")
    if cut is not None:
        below = int(np.count_nonzero(costs < cut))
        axes.axvline(
            cut, color=VERMILLION, linestyle="--", linewidth=1.5, label=f"threshold {cut:.3g}"
        )
        axes.set_title(
            f"{below} of {costs.size} runs ({100 * below / costs.size:.0f} %) end below "
            f"{cut:.3g} (dashed)"
        )
    else:
        axes.set_title(f"final cost of {costs.size} runs")
    return fig
