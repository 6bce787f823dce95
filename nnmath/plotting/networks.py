"""Figures of networks: decision regions, cost histories, per-layer profiles and the diagram."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Patch
from numpy.typing import ArrayLike, NDArray

from nnmath import losses
from nnmath._validation import describe
from nnmath.network import Network
from nnmath.plotting.arguments import check_int, check_str
from nnmath.plotting.drawing import note, padded_box, scatter_classes
from nnmath.plotting.style import (
    BLACK,
    BLUE,
    GREEN,
    PALETTE,
    TEXT,
    VERMILLION,
    figure_and_axes,
    new_figure,
    styled,
    tint,
)
from nnmath.training import History

FloatArray = NDArray[np.floating[Any]]


@styled
def decision_regions(
    net: Network,
    X: ArrayLike,
    Y: ArrayLike,
    ax: Axes | None = None,
    resolution: int = 200,
    boundary: Callable[[FloatArray], ArrayLike] | None = None,
    title: str | None = None,
    class_names: Sequence[str] | None = None,
) -> Figure:
    """The class a two-input network predicts at each point, with the data on top.

    The plane is shaded by ``net.predict`` on a ``resolution × resolution``
    grid (embedded as one small raster image). The region is the unit square
    when every point lies in it (with a small margin when a point lies on its
    edge), else the data's bounding box padded by 10 %.
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
    class_names : sequence of str, optional
        The legend's name for each class, one per class (two for a network with
        one output); default "category A", "category B", ..., Higham & Higham's
        names for the land data.

    Returns
    -------
    matplotlib.figure.Figure
        Coloured regions of predicted class; the samples drawn over them.

    Raises
    ------
    TypeError
        If ``net`` is not a Network, ``boundary`` not callable, ``title`` not a
        string, ``class_names`` not a sequence of strings, ``resolution`` not an
        integer, or the data not numeric.
    ValueError
        If the network does not have 2 inputs, ``X`` and ``Y`` do not match it
        (see :meth:`Network.check_data`), ``resolution`` is out of range, or
        ``boundary`` returns the wrong shape, or ``class_names`` does not name
        each class once.
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
    labels = losses.classes(Ya)
    n_classes = 2 if single else net.sizes[-1]
    res = check_int("resolution", resolution, 2, 1000)
    if boundary is not None and not callable(boundary):
        raise TypeError(f"boundary must be a callable x1 -> x2 or None, got {describe(boundary)}")
    heading = check_str("title", title, optional=True)
    fig, axes = figure_and_axes(ax)

    lo: FloatArray
    hi: FloatArray
    if Xa.min() >= 0 and Xa.max() <= 1:
        lo, hi = np.zeros(2), np.ones(2)
        on_edge = np.isclose(Xa, 0) | np.isclose(Xa, 1)
        if on_edge.any():  # a margin, so that markers on the square's edge are drawn whole
            lo, hi = lo - 0.06, hi + 0.06
    else:
        lo, hi = padded_box(Xa, 0.1)
    gx = lo[0] + (np.arange(res) + 0.5) * (hi[0] - lo[0]) / res
    gy = lo[1] + (np.arange(res) + 0.5) * (hi[1] - lo[1]) / res
    G1, G2 = np.meshgrid(gx, gy)
    grid = np.column_stack([G1.ravel(), G2.ravel()])
    predicted = net.predict(grid)
    tints = [tint(PALETTE[k % len(PALETTE)], 0.22) for k in range(n_classes)]
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
    names = _class_names(class_names, n_classes)
    scatter_classes(axes, Xa, labels, names)
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


def _class_names(class_names: object, n_classes: int) -> list[str]:
    """The legend names: ``class_names`` checked, or category A, B, ... by default."""
    if class_names is None:
        return [f"category {chr(65 + k)}" if k < 26 else f"class {k}" for k in range(n_classes)]
    if not isinstance(class_names, Sequence) or isinstance(class_names, (str, bytes)):
        raise TypeError(f"class_names must be a sequence of strings, got {describe(class_names)}")
    names = list(class_names)
    if not all(isinstance(name, str) and name.strip() for name in names):
        raise TypeError(f"class_names must hold non-empty strings, got {names!r}")
    if len(names) != n_classes:
        raise ValueError(
            f"class_names must name each of the {n_classes} classes, got {len(names)} names"
        )
    return names


def _histories(history: object, label: object) -> list[tuple[str | None, History]]:
    if isinstance(history, History):
        return [(check_str("label", label, optional=True), history)]
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


@styled
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
        One curve per run on log–log axes, with a legend when named.

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
    fig, axes = figure_and_axes(ax)
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


@styled
def layer_profile(
    series: Mapping[str, ArrayLike],
    ax: Axes | None = None,
    ylabel: str = "value",
    title: str | None = None,
    legend: bool = True,
) -> Figure:
    """One quantity per layer (a variance, an error size) for several runs, on a log axis.

    Parameters
    ----------
    series : dict str → array_like, shape (L,)
        Each run's positive values for layers 1 … L, drawn in its own colour, marker and
        line style and named in the legend.
    ax : matplotlib.axes.Axes, optional
        Draw into this Axes instead of a new 6.4 × 4 in figure.
    ylabel : str
        Label of the vertical (logarithmic) axis.
    title : str, optional
        Title of the panel.
    legend : bool
        Name the runs in a legend (leave it out on all but one of several panels that draw
        the same runs).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If ``series`` is not a dict of names to arrays, a label is not a string or ``legend``
        is not a bool.
    ValueError
        If ``series`` is empty, a run is not a non-empty 1-D array of positive finite values,
        or the runs differ in length.

    Examples
    --------
    >>> fig = layer_profile({"a": [1.0, 0.5, 0.25], "b": [1.0, 1.0, 1.0]}, ylabel="Var")
    >>> [line.get_label() for line in fig.axes[0].get_lines()]
    ['a', 'b']
    """
    if not isinstance(series, Mapping):
        raise TypeError(f"series must be a dict of names to arrays, got {describe(series)}")
    if not series:
        raise ValueError("series must hold at least one run, got none")
    ylabel = str(check_str("ylabel", ylabel))
    title = check_str("title", title, optional=True)
    if not isinstance(legend, bool):
        raise TypeError(f"legend must be a bool, got {describe(legend)}")
    runs: list[tuple[str, FloatArray]] = []
    for name, values in series.items():
        if not isinstance(name, str):
            raise TypeError(f"series names must be strings, got {describe(name)}")
        arr = np.asarray(values, dtype=np.float64)
        if arr.ndim != 1 or arr.size == 0 or not np.all(np.isfinite(arr) & (arr > 0)):
            raise ValueError(
                f"series[{name!r}] must be a non-empty 1-D array of positive finite values, "
                f"got {arr.tolist()!r}"
            )
        runs.append((name, arr))
    if len({arr.size for _, arr in runs}) != 1:
        raise ValueError(
            f"every run must have one value per layer, got lengths {[arr.size for _, arr in runs]}"
        )
    fig, axes = figure_and_axes(ax)
    styles = ("-", "--", "-.", ":")
    markers = ("o", "s", "^", "D", "v", "P", "X", "*")
    for k, (name, run) in enumerate(runs):
        axes.plot(
            np.arange(1, run.size + 1),
            run,
            color=PALETTE[k % len(PALETTE)],
            linestyle=styles[k % len(styles)],
            marker=markers[k % len(markers)],
            markersize=4,
            label=name,
        )
    axes.set_yscale("log")
    axes.set_xlabel("layer l")
    axes.set_ylabel(ylabel)
    axes.set_xticks(np.arange(1, runs[0][1].size + 1))
    axes.grid(True, which="major")
    if title is not None:
        axes.set_title(title)
    if legend:
        axes.legend(loc="best")
    return fig


@styled
def layer_profiles(
    panels: Mapping[str, Mapping[str, ArrayLike]],
    ylabel: str = "value",
    figsize: tuple[float, float] = (7.2, 3.4),
) -> Figure:
    """Several :func:`layer_profile` panels side by side, sharing the vertical axis.

    Parameters
    ----------
    panels : dict str → dict str → array_like, shape (L,)
        Each panel's title and its runs, as for :func:`layer_profile`; every panel should
        draw the same runs, because only the last one has a legend.
    ylabel : str
        Label of the vertical (logarithmic) axis, written on the first panel.
    figsize : tuple of float
        Width and height of the figure in inches.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError, ValueError
        If ``panels`` is not a non-empty dict of titles to runs, or as for
        :func:`layer_profile`.

    Examples
    --------
    >>> runs = {"a": [1.0, 0.5], "b": [1.0, 2.0]}
    >>> fig = layer_profiles({"left": runs, "right": runs}, ylabel="Var")
    >>> [ax.get_title() for ax in fig.axes], fig.axes[-1].get_legend() is not None
    (['left', 'right'], True)
    """
    if not isinstance(panels, Mapping) or not panels:
        raise TypeError(
            f"panels must be a non-empty dict of titles to runs, got {describe(panels)}"
        )
    fig = new_figure(figsize)
    axes = fig.subplots(1, len(panels), sharey=True, squeeze=False)[0]
    for k, (ax, (title, series)) in enumerate(zip(axes, panels.items(), strict=True)):
        layer_profile(
            series,
            ax=ax,
            ylabel=ylabel if k == 0 else "",
            title=title,
            legend=k == len(panels) - 1,
        )
    return fig


@styled
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
        Circles for the neurons and lines for the connections.

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
    widths = [check_int(f"sizes[{i}]", s, 1) for i, s in enumerate(sizes)]
    if not isinstance(labels, bool):
        raise TypeError(f"labels must be a bool, got {describe(labels)}")
    limit = check_int("max_shown", max_shown, 2)

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
    fig, axes = figure_and_axes(ax, (6.4, min(max(height, 2.4), 6.0)))
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
                    facecolor=tint(colors[kind], 0.25),
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
            note(
                axes,
                f"{name}\n{widths[layer]:,} neuron{'s' if widths[layer] > 1 else ''}",
                (layer * dx, -reach_y),
                (0, -2),
                ha="center",
                va="top",
                annotation_clip=False,
            )
        for layer in range(n_layers - 1):
            d_in, d_out = widths[layer], widths[layer + 1]
            count = d_out * d_in + d_out
            note(
                axes,
                f"{d_out}·{d_in} + {d_out} = {count:,}",
                ((layer + 0.5) * dx, reach_y),
                (0, 4),
                ha="center",
                va="bottom",
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
