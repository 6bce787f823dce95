"""The look of every figure: Okabe–Ito colours, markers, and :data:`STYLE` with its decorator."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any, ParamSpec

import matplotlib
import numpy as np
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from numpy.typing import NDArray

from nnmath._validation import describe

FloatArray = NDArray[np.floating[Any]]
_P = ParamSpec("_P")


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

FIGSIZE = (6.4, 4.0)
FIGSIZE_TWO = (9.0, 3.6)


def rc() -> dict[Any, Any]:
    """:data:`STYLE` typed for ``rc_context`` (whose stubs want literal keys)."""
    return STYLE


def tint(color: str, amount: float) -> tuple[float, float, float]:
    """``color`` mixed with white: ``amount`` 1 is the colour, 0 is white."""
    r, g, b = to_rgb(color)
    return (1 - amount * (1 - r), 1 - amount * (1 - g), 1 - amount * (1 - b))


# Figures made here (not ones whose Axes the caller passed in); see `styled`.
_OWN_FIGURES: weakref.WeakSet[Figure] = weakref.WeakSet()
_LAYOUT_PASSES = 2


def styled(func: Callable[_P, Figure]) -> Callable[_P, Figure]:
    """Run a figure function inside ``rc_context(STYLE)`` and fix the layout of new figures.

    Constrained layout moves the axes by fractions of a point on every draw until
    it settles (with equal-aspect axes, outside legends or colorbars), so two saves
    of the same figure would differ. A figure made here is therefore laid out
    twice and then keeps that layout (layout engine ``"none"``): every later save
    gives the same bytes.
    """

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> Figure:
        with matplotlib.rc_context(rc()):
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


def new_figure(figsize: tuple[float, float] = FIGSIZE) -> Figure:
    fig = Figure(figsize=figsize, layout="constrained")
    _OWN_FIGURES.add(fig)
    return fig


def figure_and_axes(ax: object, figsize: tuple[float, float] = FIGSIZE) -> tuple[Figure, Axes]:
    """A new figure with one Axes, or ``ax`` and the figure it belongs to."""
    if ax is None:
        fig = new_figure(figsize)
        return fig, fig.add_subplot()
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {describe(ax)}")
    root = ax.get_figure(root=True)
    if not isinstance(root, Figure):
        raise ValueError("ax must belong to a figure, got an Axes without one")
    return root, ax
