"""Figures as deterministic SVG and PNG bytes, and notebook display as SVG."""

from __future__ import annotations

import contextlib
import io
import warnings
from typing import Any

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from numpy.typing import NDArray

from nnmath._validation import describe
from nnmath.plotting.arguments import check_real
from nnmath.plotting.style import rc

FloatArray = NDArray[np.floating[Any]]


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
    with matplotlib.rc_context(rc()):
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
    resolution = check_real("dpi", dpi, positive=True)
    buf = io.BytesIO()
    with matplotlib.rc_context(rc()):
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

    matplotlib.rcParams.update(rc())
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
    matplotlib.rcParams.update(rc())
