"""What a training run does and what it records: the scaffolding every training loop shares.

:class:`Schedule` says which rows each step uses, the learning rate, the number of steps and the
recording; :func:`run_schedule` runs a step function that many times, recording the cost at
:func:`record_points`; :class:`History` is what it records.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from tqdm import tqdm

from nnmath._validation import check_positive_number, check_seed, describe
from nnmath.network import Network

__all__ = [
    "History",
    "Progress",
    "Schedule",
    "check_network",
    "check_run",
    "check_training",
    "minibatches",
    "record_points",
    "run_schedule",
    "sample_order",
]

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


def check_network(net: object) -> Network:
    """``net`` itself if it is an :class:`nnmath.Network`; the check of every training entry point.

    Raises
    ------
    TypeError
        If ``net`` is anything else (a list of layer sizes, say).

    Examples
    --------
    >>> check_network([2, 2, 3, 2])
    Traceback (most recent call last):
    ...
    TypeError: net must be an nnmath.Network, got list [2, 2, 3, 2]
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be an nnmath.Network, got {describe(net)}")
    return net


def check_run(learning_rate: float, steps: int, seed: int | None, record: int) -> None:
    """Raise TypeError/ValueError for a bad learning rate, step count, seed or record count."""
    check_positive_number("learning_rate", learning_rate)
    check_positive_number("steps", steps, integer=True)
    check_positive_number("record", record, integer=True)
    check_seed("seed", seed)


def check_training(
    net: Network,
    X: ArrayLike,
    Y: ArrayLike,
    learning_rate: float,
    steps: int,
    seed: int | None,
    record: int,
) -> tuple[FloatArray, FloatArray]:
    """The checks of every training loop, in their order: the network, the settings, the data.

    Parameters
    ----------
    net : Network
        The network to train.
    X : array_like, shape (n, sizes[0])
    Y : array_like, shape (n, sizes[-1]) or integer labels (n,)
    learning_rate, steps, seed, record
        As for :func:`check_run`.

    Returns
    -------
    X, Y : ndarray
        The data as :meth:`Network.check_data` returns them.

    Raises
    ------
    TypeError, ValueError
        As for :func:`check_network`, :func:`check_run`, then :meth:`Network.check_data`.

    Examples
    --------
    A bad setting is reported before bad data:

    >>> import nnmath as nm
    >>> X, Y = nm.datasets.higham()
    >>> check_training(nm.Network([2, 2]), X[:, :1], Y, -1.0, 10, None, 200)
    Traceback (most recent call last):
    ...
    ValueError: learning_rate must be a positive finite number, got -1.0
    """
    check_network(net)
    check_run(learning_rate, steps, seed, record)
    return net.check_data(X, Y)


class Progress:
    """The progress bar of a training run (tqdm), drawn only when it is wanted.

    Every loop reports through it the same way whether the bar is shown or not (a hidden bar
    is a disabled ``tqdm``, which ignores the reports).

    Parameters
    ----------
    total : int
        Number of steps of the run.
    label : str
        Name in front of the bar.
    show : bool or None
        Force the bar on or off; ``None`` shows it for runs of at least 10⁴ steps when
        standard error is a terminal, never inside a notebook kernel.
    """

    def __init__(self, total: int, label: str, show: bool | None) -> None:
        if show is None:
            isatty = getattr(sys.stderr, "isatty", None)
            in_notebook = "ipykernel" in sys.modules
            show = total >= 10_000 and bool(isatty and isatty()) and not in_notebook
        self._bar = tqdm(
            total=total,
            desc=label,
            disable=not show,
            file=sys.stderr,
            ascii=".#",
            dynamic_ncols=True,
            mininterval=0.1,
            bar_format="{desc} [{bar}] {percentage:3.0f}% {n}/{total}{postfix} {elapsed}",
        )

    def at(self, done: int, cost: float) -> None:
        """Show that ``done`` steps are finished and the cost is ``cost``."""
        self._bar.set_postfix_str(f"cost {cost:.4g}", refresh=False)
        self._bar.update(done - self._bar.n)

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._bar.close()


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


def run_schedule(
    net: Network, X: FloatArray, Y: FloatArray, update: Callable[[int], None], plan: Schedule
) -> History:
    """Run ``update(i)`` for ``i = 0 … steps−1``, recording the cost and drawing progress.

    The scaffolding every training loop shares: the cost over all of ``X`` is
    recorded at :func:`record_points` and the progress bar advances there.
    """
    steps = plan.steps
    marks = record_points(steps, plan.record)
    costs = np.empty(marks.size)
    with Progress(steps, plan.label, plan.progress) as progress:
        start = time.perf_counter()
        costs[0] = net.loss(X, Y)
        mark = 1
        for i in range(steps):
            update(i)
            if i + 1 == marks[mark]:
                costs[mark] = net.loss(X, Y)
                progress.at(i + 1, float(costs[mark]))
                mark += 1
        seconds = time.perf_counter() - start
    return History(marks.astype(np.int64), costs, seconds)


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


def sample_order(n: int, steps: int, seed: int | None) -> NDArray[np.int64]:
    """The row of each step of per-sample SGD: one draw shared by every SGD engine.

    Row ``[i, 0]`` is the sample of step ``i``, from
    ``np.random.default_rng(seed).integers(0, n, size=(steps, 1))``, so every engine
    given the same seed visits the same samples.

    Parameters
    ----------
    n, steps : int
        Number of rows to draw from and number of steps, each ``≥ 1``.
    seed : int, optional
        Seed of the generator.

    Returns
    -------
    ndarray of int, shape (steps, 1)

    Examples
    --------
    >>> sample_order(5, 3, seed=0)[:, 0].tolist()
    [4, 3, 2]
    """
    return np.random.default_rng(seed).integers(0, n, size=(steps, 1))
