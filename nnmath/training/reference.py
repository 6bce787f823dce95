"""The reference training loop: each step is :meth:`Network.backward`, then ``ϑ −= η ∇ϑ``.

This is the loop the chapters show and the one every engine is tested against. The public
calls :func:`nnmath.sgd` and :func:`nnmath.gradient_descent` compute the same updates on
faster engines (:mod:`nnmath.training.generated`, :mod:`nnmath.training.buffered`).

Examples
--------
>>> import numpy as np, nnmath as nm
>>> from nnmath.training import Schedule, run_reference
>>> net = nm.Network([2, 3, 1], seed=0)
>>> X, Y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([[1.0], [0.0]])
>>> history = run_reference(net, X, Y, Schedule(None, learning_rate=1.0, steps=50))
>>> bool(history.final_cost < history.cost[0])
True
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnmath.network import Network
from nnmath.training.schedule import History, Schedule, check_network, run_schedule

__all__ = ["run_reference"]

FloatArray = NDArray[np.floating[Any]]


def run_reference(net: Network, X: FloatArray, Y: FloatArray, plan: Schedule) -> History:
    """Train ``net`` in place, one readable gradient step after another.

    Step ``i`` takes the rows ``plan.batches[i]`` (all rows if ``plan.batches`` is
    ``None``), computes the gradient of their mean cost with :meth:`Network.backward`
    and moves every weight and bias against it by ``plan.learning_rate``.

    Parameters
    ----------
    net : Network
        Updated in place.
    X : ndarray, shape (N, sizes[0])
        Validated inputs of the network's dtype (from :meth:`Network.check_data`).
    Y : ndarray, shape (N, sizes[-1])
        Validated targets of the network's dtype.
    plan : Schedule
        The rows of each step, the learning rate, the number of steps and the recording.

    Returns
    -------
    History
        The mean cost over all rows at the recording points, and the wall time.

    Raises
    ------
    TypeError
        If ``net`` is not an :class:`~nnmath.Network`.
    """
    check_network(net)
    batches, eta = plan.batches, plan.learning_rate

    def update(i: int) -> None:
        xb, yb = (X, Y) if batches is None else (X[batches[i]], Y[batches[i]])
        dW, db = net.backward(net.forward_pass(xb), yb)
        for w, b, gw, gb in zip(net.weights, net.biases, dW, db, strict=True):
            w -= eta * gw
            b -= eta * gb

    return run_schedule(net, X, Y, update, plan)
