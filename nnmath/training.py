"""Gradient-descent training loops: per-sample SGD, full-batch and mini-batch.

Each loop updates the network in place and returns a :class:`History` of the
cost over the whole data set, recorded at about ``record`` step counts spaced
evenly on a log axis (always including step 0 and the last step).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath._progress import ProgressBar, should_show
from nnmath._validation import check_positive_number, check_seed
from nnmath.network import Network

FloatArray = NDArray[np.floating[Any]]


@dataclass(frozen=True)
class History:
    """Cost recorded during training.

    Attributes
    ----------
    steps : ndarray of int, shape (m,)
        Number of parameter updates done when each cost was recorded.
    cost : ndarray, shape (m,)
        Mean cost over the full data set at those points.
    seconds : float
        Wall-clock time of the run.
    """

    steps: NDArray[np.int64]
    cost: NDArray[np.float64]
    seconds: float

    @property
    def final_cost(self) -> float:
        """The cost after the last step."""
        return float(self.cost[-1])


def record_points(steps: int, record: int) -> NDArray[np.int64]:
    """About ``record`` step counts in ``0..steps``, log-spaced, with 0 and ``steps``.

    Raises
    ------
    TypeError, ValueError
        If ``steps`` or ``record`` is not a positive integer.
    """
    check_positive_number("steps", steps, integer=True)
    check_positive_number("record", record, integer=True)
    pts = np.geomspace(1, steps, num=record).astype(np.int64)
    return np.unique(np.concatenate([[0], pts, [steps]]))


def _check_run(learning_rate: float, steps: int, seed: int | None, record: int) -> None:
    check_positive_number("learning_rate", learning_rate)
    check_positive_number("steps", steps, integer=True)
    check_positive_number("record", record, integer=True)
    check_seed("seed", seed)


def _apply(net: Network, dW: list[FloatArray], db: list[FloatArray], lr: float) -> None:
    for w, b, gw, gb in zip(net.weights, net.biases, dW, db, strict=True):
        w -= lr * gw
        b -= lr * gb


@dataclass(frozen=True)
class Schedule:
    """What a training run does, for the loops behind :func:`sgd` and :func:`gradient_descent`.

    Attributes
    ----------
    batches : sequence of index arrays, or None
        ``batches[i]`` holds the rows of step ``i`` (an ``(steps, k)`` integer
        array or a list of index arrays); ``None`` uses all rows at every step.
    learning_rate : float
        Step size ``η > 0``.
    steps : int
        Number of updates, ``≥ 1``.
    record : int
        About how many costs to record, log-spaced (:func:`record_points`).
    progress : bool or None
        Force the progress bar on or off; ``None`` shows it for long runs in a terminal.
    label : str
        Name on the progress bar.
    """

    batches: Any
    learning_rate: float
    steps: int
    record: int = 200
    progress: bool | None = None
    label: str = "train"


def _loop(
    net: Network, X: FloatArray, Y: FloatArray, update: Callable[[int], None], plan: Schedule
) -> History:
    """Run ``update(i)`` for ``i = 0 … steps−1``, recording the cost and drawing progress.

    The scaffolding every training loop shares: the cost over all of ``X`` is
    recorded at :func:`record_points` and the progress bar advances there.
    """
    steps = plan.steps
    marks = record_points(steps, plan.record)
    costs = np.empty(marks.size)
    show = should_show(plan.progress, steps, sys.stderr)
    bar = ProgressBar(steps, plan.label) if show else None
    start = time.perf_counter()
    costs[0] = net.loss(X, Y)
    mark = 1
    for i in range(steps):
        update(i)
        if i + 1 == marks[mark]:
            costs[mark] = net.loss(X, Y)
            mark += 1
            if bar is not None:
                bar.update(i + 1, float(costs[mark - 1]))
    seconds = time.perf_counter() - start
    if bar is not None:
        bar.close(float(costs[-1]))
    return History(marks.astype(np.int64), costs, seconds)


def _run(net: Network, X: FloatArray, Y: FloatArray, plan: Schedule) -> History:
    """The readable loop: each step is :meth:`Network.backward`, then ``θ −= η ∇θ``.

    Exactly as the chapters write it. :func:`_train` runs the same steps on the
    buffered :mod:`nnmath.batched` engine; this loop stays as its reference.
    """
    batches, eta = plan.batches, plan.learning_rate

    def update(i: int) -> None:
        xb, yb = (X, Y) if batches is None else (X[batches[i]], Y[batches[i]])
        dW, db = net.backward(net.forward_pass(xb), yb)
        _apply(net, dW, db, eta)

    return _loop(net, X, Y, update, plan)


def _train(net: Network, X: FloatArray, Y: FloatArray, plan: Schedule) -> History:
    """:func:`_run` on the fastest engine that supports ``net`` (same updates, to rounding)."""
    from nnmath import batched  # imports this module

    engine = batched.run if batched.supports(net) else _run
    return engine(net, X, Y, plan)


def sgd(
    net: Network,
    X: ArrayLike,
    Y: ArrayLike,
    *,
    learning_rate: float,
    steps: int,
    seed: int | None = None,
    record: int = 200,
    progress: bool | None = None,
) -> History:
    """Stochastic gradient descent with one randomly chosen sample per step.

    Step ``i`` picks row ``k_i`` uniformly at random (with replacement) and
    moves every parameter by ``−η ∇C_{k_i}``, as in Higham & Higham's example.
    Small float64 networks (see :func:`nnmath.fast.supports`) run on
    generated straight-line code that computes the same updates in the same
    order; larger ones run the buffered backpropagation of :mod:`nnmath.batched`.

    Parameters
    ----------
    net : Network
        Updated in place.
    X : array_like, shape (n, sizes[0])
    Y : array_like, shape (n, sizes[-1]) or integer labels (n,)
    learning_rate : float
        Step size ``η > 0``.
    steps : int
        Number of updates, ``≥ 1``.
    seed : int, optional
        Seeds the sample order; the same seed and initial network give
        bit-identical results.
    record : int
        About how many costs to record (log-spaced).
    progress : bool, optional
        Force the progress bar on or off; by default it shows for runs of at
        least 10⁴ steps in a terminal and never in a notebook.

    Returns
    -------
    History

    Raises
    ------
    TypeError, ValueError
        For invalid data, a non-positive learning rate or step count, or a
        negative seed.
    """
    from nnmath import fast  # imports this module; see nnmath.fast

    if fast.supports(net):
        # Small float64 networks: generated straight-line code, same trajectory.
        return fast.sgd_fast(
            net, X, Y, learning_rate=learning_rate, steps=steps, seed=seed, record=record,
            progress=progress,
        )  # fmt: skip
    _check_run(learning_rate, steps, seed, record)
    Xa, Ya = net.check_data(X, Y)
    rng = np.random.default_rng(seed)
    order = rng.integers(0, Xa.shape[0], size=(steps, 1))
    return _train(net, Xa, Ya, Schedule(order, learning_rate, steps, record, progress, "sgd"))


def gradient_descent(
    net: Network,
    X: ArrayLike,
    Y: ArrayLike,
    *,
    learning_rate: float,
    steps: int,
    batch_size: int | None = None,
    seed: int | None = None,
    record: int = 200,
    progress: bool | None = None,
) -> History:
    """Full-batch or mini-batch gradient descent.

    With ``batch_size=None`` every step uses the gradient of the cost over all
    rows. Otherwise the rows are shuffled each epoch and cut into mini-batches
    of ``batch_size`` rows (the last one of an epoch may be smaller, see
    :func:`minibatches`), one update per mini-batch. The steps run on the
    buffered engine of :mod:`nnmath.batched`, which computes the updates of
    :meth:`Network.backward` without temporaries.

    Parameters
    ----------
    net : Network
        Updated in place.
    X, Y : array_like
        Data as for :func:`sgd`.
    learning_rate : float
        Step size ``η > 0``.
    steps : int
        Number of updates, ``≥ 1``.
    batch_size : int, optional
        Rows per mini-batch, ``1 ≤ batch_size``; ``None`` for full batch.
    seed : int, optional
        Seeds the shuffling.
    record, progress
        As for :func:`sgd`.

    Returns
    -------
    History

    Raises
    ------
    TypeError, ValueError
        As for :func:`sgd`, or for a non-positive ``batch_size``.
    """
    _check_run(learning_rate, steps, seed, record)
    Xa, Ya = net.check_data(X, Y)
    if batch_size is None:
        return _train(net, Xa, Ya, Schedule(None, learning_rate, steps, record, progress, "gd"))
    batches = minibatches(Xa.shape[0], batch_size, steps, seed)
    plan = Schedule(batches, learning_rate, steps, record, progress, "minibatch")
    return _train(net, Xa, Ya, plan)


def minibatches(n: int, batch_size: int, steps: int, seed: int | None) -> list[NDArray[np.intp]]:
    """Row indices of each step of mini-batch gradient descent.

    One generator ``np.random.default_rng(seed)``; each epoch takes a fresh
    ``permutation(n)`` and cuts it into consecutive slices of ``batch_size``
    (the last slice of an epoch may be shorter), until ``steps`` batches exist.

    Parameters
    ----------
    n : int
        Number of rows, ``≥ 1``.
    batch_size : int
        Rows per batch, ``≥ 1``.
    steps : int
        Number of batches, ``≥ 1``.
    seed : int, optional
        Seed of the shuffling.

    Returns
    -------
    list of ndarray of int
        ``steps`` index arrays.

    Raises
    ------
    TypeError, ValueError
        If a count is not a positive integer or the seed is negative.
    """
    check_positive_number("n", n, integer=True)
    check_positive_number("batch_size", batch_size, integer=True)
    check_positive_number("steps", steps, integer=True)
    check_seed("seed", seed)
    rng = np.random.default_rng(seed)
    batches: list[NDArray[np.intp]] = []
    while len(batches) < steps:
        perm = rng.permutation(n)
        batches += [perm[i : i + batch_size] for i in range(0, n, batch_size)]
    return batches[:steps]
