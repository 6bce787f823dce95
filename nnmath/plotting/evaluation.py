"""Figures that evaluate trained networks: confusion matrix, learning curve, many runs."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from numpy.typing import ArrayLike, NDArray

from nnmath._validation import as_float_array, check_labels
from nnmath.plotting.arguments import check_int, check_names, check_real, check_str
from nnmath.plotting.style import BLUE, PALETTE, TEXT, VERMILLION, figure_and_axes, styled

FloatArray = NDArray[np.floating[Any]]


@styled
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
        The ``K × K`` grid of counts, titled with the accuracy.

    Raises
    ------
    TypeError
        If the labels are not integers, ``n_classes`` is not an integer or
        ``class_names`` not a sequence of strings.
    ValueError
        If the labels are not 1-D of the same length or are negative, a label
        is ``≥ n_classes``, or ``class_names`` has the wrong length.
    """
    t = check_labels("y_true", y_true)
    p = check_labels("y_pred", y_pred)
    if t.shape != p.shape:
        raise ValueError(f"y_true and y_pred must have the same shape, got {t.shape} and {p.shape}")
    largest = int(max(t.max(), p.max()))
    if n_classes is None:
        k = largest + 1
    else:
        k = check_int("n_classes", n_classes, 1)
        if largest >= k:
            raise ValueError(f"n_classes must exceed every label, got {k} with a label {largest}")
    names = (
        [str(i) for i in range(k)]
        if class_names is None
        else check_names("class_names", class_names, k)
    )
    fig, axes = figure_and_axes(ax, (5.0, 4.2))
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


@styled
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
        One line for the training metric (and one for the test metric).

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
    label = check_str("ylabel", ylabel)
    fig, axes = figure_and_axes(ax)
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


@styled
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
        A histogram of the final costs, on a log axis.

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
    cut = None if threshold is None else check_real("threshold", threshold, positive=True)
    fig, axes = figure_and_axes(ax)
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
