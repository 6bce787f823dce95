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

One module per family of figures: :mod:`~nnmath.plotting.neurons`,
:mod:`~nnmath.plotting.perceptron`, :mod:`~nnmath.plotting.networks`,
:mod:`~nnmath.plotting.descent` and :mod:`~nnmath.plotting.evaluation`; beneath them
:mod:`~nnmath.plotting.style` (the look), :mod:`~nnmath.plotting.drawing` (shapes shared by
several families), :mod:`~nnmath.plotting.arguments` (argument checks) and
:mod:`~nnmath.plotting.export` (SVG, PNG, notebooks). Every public name is available here.

``import nnmath`` does not import this package (nor matplotlib) until ``nnmath.plotting`` is
first used.
"""

from nnmath.plotting.descent import cost_contours
from nnmath.plotting.evaluation import confusion_matrix, learning_curve, runs_summary
from nnmath.plotting.export import NOTEBOOK_PRINT_KWARGS, setup_notebook, to_png, to_svg
from nnmath.plotting.networks import (
    cost_history,
    decision_regions,
    layer_profile,
    layer_profiles,
    network_diagram,
)
from nnmath.plotting.neurons import dot_product_sign, sigmoid_family
from nnmath.plotting.perceptron import perceptron_line
from nnmath.plotting.style import (
    BLACK,
    BLUE,
    GREEN,
    GREY,
    MARKERS,
    ORANGE,
    PALETTE,
    PURPLE,
    SKY_BLUE,
    STYLE,
    TEXT,
    VERMILLION,
    YELLOW,
)

__all__ = [
    "BLACK",
    "BLUE",
    "GREEN",
    "GREY",
    "MARKERS",
    "NOTEBOOK_PRINT_KWARGS",
    "ORANGE",
    "PALETTE",
    "PURPLE",
    "SKY_BLUE",
    "STYLE",
    "TEXT",
    "VERMILLION",
    "YELLOW",
    "confusion_matrix",
    "cost_contours",
    "cost_history",
    "decision_regions",
    "dot_product_sign",
    "layer_profile",
    "layer_profiles",
    "learning_curve",
    "network_diagram",
    "perceptron_line",
    "runs_summary",
    "setup_notebook",
    "sigmoid_family",
    "to_png",
    "to_svg",
]
