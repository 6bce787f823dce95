"""The public training loops: per-sample SGD, full-batch and mini-batch gradient descent.

:func:`sgd` is defined beside the generated code it runs on (:mod:`nnmath.training.generated`)
and exported here with :func:`gradient_descent` and :func:`engine`.

Each loop checks its arguments, draws the rows of every step, updates the network in place on
the fastest engine that fits it, and returns a :class:`~nnmath.training.History` of the cost over
the whole data set, recorded at about ``record`` step counts spaced evenly on a log axis (always
including step 0 and the last step). The updates are those of the reference loop
:func:`nnmath.training.run_reference`, to rounding.
"""

from __future__ import annotations

from numpy.typing import ArrayLike

from nnmath.network import Network
from nnmath.training import buffered, generated
from nnmath.training.generated import sgd
from nnmath.training.schedule import (
    History,
    Schedule,
    check_network,
    check_training,
    minibatches,
)

__all__ = ["engine", "gradient_descent", "sgd"]


def engine(net: Network, loop: str = "sgd") -> str:
    """The module whose engine a public loop runs for ``net``.

    Parameters
    ----------
    net : Network
    loop : {"sgd", "gradient_descent"}
        The public loop asked about.

    Returns
    -------
    str
        ``"nnmath.training.generated"`` (straight-line code, used by :func:`sgd`
        for float64 networks of at most
        :data:`~nnmath.training.generated.MAX_PARAMS` parameters) or
        ``"nnmath.training.buffered"`` (every other case).

    Raises
    ------
    TypeError
        If ``net`` is not a :class:`~nnmath.Network`.
    ValueError
        If ``loop`` is not one of the two names.

    Examples
    --------
    >>> import nnmath as nm
    >>> nm.training.engine(nm.Network([2, 2, 3, 2]))
    'nnmath.training.generated'
    >>> nm.training.engine(nm.Network([2, 2, 3, 2]), "gradient_descent")
    'nnmath.training.buffered'
    >>> nm.training.engine(nm.Network([784, 30, 10]))
    'nnmath.training.buffered'
    """
    check_network(net)
    if loop not in ("sgd", "gradient_descent"):
        raise ValueError(f"loop must be 'sgd' or 'gradient_descent', got {loop!r}")
    if loop == "sgd" and generated.supports(net):
        return generated.__name__
    return buffered.__name__


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
    buffered engine of :mod:`nnmath.training.buffered`, which computes the updates of
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
        As for :func:`sgd`.

    Raises
    ------
    TypeError, ValueError
        As for :func:`sgd`, or for a non-positive ``batch_size``.

    Examples
    --------
    A hundred mini-batch steps of five rows each on Higham & Higham's data:

    >>> import nnmath as nm
    >>> X, Y = nm.datasets.higham()
    >>> net = nm.Network([2, 2, 3, 2], seed=5000)
    >>> history = nm.gradient_descent(
    ...     net, X, Y, learning_rate=0.5, steps=100, batch_size=5, seed=0
    ... )
    >>> int(history.steps[-1]), bool(history.final_cost < history.cost[0])
    (100, True)
    >>> nm.gradient_descent(net, X, Y, learning_rate=-1.0, steps=10)
    Traceback (most recent call last):
    ...
    ValueError: learning_rate must be a positive finite number, got -1.0
    """
    Xa, Ya = check_training(net, X, Y, learning_rate, steps, seed, record)
    if batch_size is None:
        plan = Schedule(None, learning_rate, steps, record, progress, "gd")
    else:
        batches = minibatches(Xa.shape[0], batch_size, steps, seed)
        plan = Schedule(batches, learning_rate, steps, record, progress, "minibatch")
    return buffered.run(net, Xa, Ya, plan)
