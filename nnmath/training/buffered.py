"""The buffered training engine: gradient descent on work arrays allocated once.

:class:`BatchedTrainer` runs the steps of the reference loop
:func:`nnmath.training.run_reference` (``ϑ ← ϑ − η ∇C_batch``) on a
:class:`nnmath.workspace.Workspace`: the factor ``η/n`` of the update is applied to the output
error, so every gradient already carries it and the update is a single subtraction per array,
done in place on ``net.weights`` and ``net.biases``. The updates equal the reference loop's up
to rounding (about 1e-15 relative in float64).

:func:`run` has the signature of :func:`~nnmath.training.run_reference` and returns the same
:class:`~nnmath.training.History`; :func:`nnmath.gradient_descent` runs every network on it,
and :func:`nnmath.sgd` every network too large or not float64 for the generated code of
:mod:`nnmath.training.generated`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath._validation import FLOAT_DTYPES, check_positive_number
from nnmath.network import HIDDEN_ACTIVATIONS, VALID_PAIRS, Network
from nnmath.training.schedule import (
    History,
    Schedule,
    check_network,
    check_run,
    check_training,
    minibatches,
    run_schedule,
)
from nnmath.workspace import Workspace

__all__ = ["BatchedTrainer", "run", "supports"]

FloatArray = NDArray[np.floating[Any]]


def supports(net: object) -> bool:
    """Whether :class:`BatchedTrainer` (and :func:`run`) can train ``net``.

    True for every :class:`nnmath.Network` of float32 or float64 with a
    sigmoid, tanh or ReLU hidden activation and a sigmoid or identity output
    with quadratic loss, or a softmax output with cross-entropy (that is, every
    network the class can build).
    """
    return (
        isinstance(net, Network)
        and net.dtype in FLOAT_DTYPES
        and net.hidden in HIDDEN_ACTIVATIONS
        and (net.output, net.loss_name) in VALID_PAIRS
    )


class BatchedTrainer:
    """Mini-batch gradient descent for a :class:`~nnmath.Network` on fixed buffers.

    Parameters
    ----------
    net : Network
        Trained in place: :meth:`step` updates ``net.weights`` and
        ``net.biases`` themselves (the same arrays), so the network is current
        after every step.
    batch_size : int
        Largest number of rows a batch may have, ``≥ 1``; the buffers are
        ``batch_size`` rows tall, and smaller batches use their first rows.

    Attributes
    ----------
    net : Network
    batch_size : int

    Raises
    ------
    TypeError
        If ``net`` is not a :class:`Network` or ``batch_size`` is not an integer.
    ValueError
        If ``batch_size`` is below 1.

    Notes
    -----
    The buffers hold ``batch_size · (2 (d_1 + … + d_L) + 3)`` numbers for the
    activations and errors, one gradient array per parameter array and, once
    :meth:`train` has run, one batch of inputs and targets.

    Examples
    --------
    >>> import numpy as np, nnmath as nm
    >>> from nnmath.training.buffered import BatchedTrainer
    >>> net = nm.Network([4, 8, 3], output="softmax", loss="cross_entropy", seed=0,
    ...                  dtype=np.float32)
    >>> X = np.random.default_rng(0).standard_normal((32, 4)).astype(np.float32)
    >>> y = np.arange(32) % 3
    >>> trainer = BatchedTrainer(net, batch_size=8)
    >>> trainer.step(X[:8], y[:8], learning_rate=0.5)      # one update, in place
    >>> history = trainer.train(X, y, learning_rate=0.5, steps=20, seed=1, progress=False)
    >>> net.weights[0].dtype
    dtype('float32')
    """

    def __init__(self, net: Network, batch_size: int) -> None:
        if not supports(check_network(net)):
            raise ValueError(f"BatchedTrainer does not support {net!r}")
        check_positive_number("batch_size", batch_size, integer=True)
        self.net = net
        self.batch_size = int(batch_size)
        self._workspace = Workspace(net.sizes, net.dtype, net.hidden, net.output, self.batch_size)
        self._gw = [np.empty(w.shape, net.dtype) for w in net.weights]
        self._gb = [np.empty(b.shape, net.dtype) for b in net.biases]
        self._xbuf: FloatArray | None = None
        self._ybuf: FloatArray | None = None

    def __repr__(self) -> str:
        return f"BatchedTrainer({self.net!r}, batch_size={self.batch_size})"

    # -- public steps ---------------------------------------------------------------------

    def step(self, X: ArrayLike, Y: ArrayLike, learning_rate: float) -> None:
        """One gradient-descent step on a batch: ``ϑ ← ϑ − η ∇C_batch``.

        ``C_batch`` is the mean cost over the rows of the batch: the update is the
        one of :meth:`Network.backward` followed by ``W −= η ∂C/∂W`` for every
        array, equal to it up to rounding.

        Parameters
        ----------
        X : array_like, shape (n, sizes[0])
            The batch, ``1 ≤ n ≤ batch_size`` rows.
        Y : array_like, shape (n, sizes[-1]) or integer labels (n,)
        learning_rate : float
            Step size ``η > 0``.

        Raises
        ------
        TypeError
            If ``X``, ``Y`` or ``learning_rate`` is not numeric.
        ValueError
            If the data are invalid (as for :meth:`Network.check_data`), ``X``
            has more than ``batch_size`` rows, ``learning_rate`` is not a
            positive finite number, or the network's parameter arrays were
            replaced by arrays of another shape or dtype.
        """
        check_positive_number("learning_rate", learning_rate)
        Xa, Ya = self._check_batch(X, Y)
        self._step(Xa, Ya, float(learning_rate) / Xa.shape[0], update=True)

    def gradient(self, X: ArrayLike, Y: ArrayLike) -> tuple[list[FloatArray], list[FloatArray]]:
        """Gradient of the mean cost over a batch; the same as :meth:`Network.gradient`.

        Parameters
        ----------
        X : array_like, shape (n, sizes[0])
            ``1 ≤ n ≤ batch_size`` rows.
        Y : array_like, shape (n, sizes[-1]) or integer labels (n,)

        Returns
        -------
        dW, db : list of ndarray
            New arrays shaped like ``net.weights`` and ``net.biases``.

        Raises
        ------
        TypeError, ValueError
            As for :meth:`step`.
        """
        Xa, Ya = self._check_batch(X, Y)
        self._step(Xa, Ya, 1.0 / Xa.shape[0], update=False)
        return [g.copy() for g in self._gw], [g.copy() for g in self._gb]

    def train(
        self,
        X: ArrayLike,
        Y: ArrayLike,
        *,
        learning_rate: float,
        steps: int,
        seed: int | None = None,
        record: int = 200,
        progress: bool | None = None,
    ) -> History:
        """Mini-batch gradient descent; the same run as :func:`nnmath.gradient_descent`.

        Each epoch shuffles the rows with ``np.random.default_rng(seed).permutation``
        and cuts them into batches of ``batch_size`` rows (the last one of an
        epoch may be smaller), exactly as ``gradient_descent(net, X, Y, …,
        batch_size=self.batch_size, seed=seed)`` does, so both give the same
        trajectory (to rounding).

        Parameters
        ----------
        X, Y, learning_rate, steps, seed, record, progress
            As for :func:`nnmath.gradient_descent`.

        Returns
        -------
        History
            As for :func:`nnmath.gradient_descent`.

        Raises
        ------
        TypeError, ValueError
            As for :func:`nnmath.gradient_descent`.
        """
        Xa, Ya = check_training(self.net, X, Y, learning_rate, steps, seed, record)
        batches = minibatches(Xa.shape[0], self.batch_size, steps, seed)
        plan = Schedule(batches, learning_rate, steps, record, progress, "minibatch")
        return _run_with(self, Xa, Ya, plan)

    # -- internals ------------------------------------------------------------------------

    def _check_batch(self, X: ArrayLike, Y: ArrayLike) -> tuple[FloatArray, FloatArray]:
        Xa, Ya = self.net.check_data(X, Y)
        if Xa.shape[0] > self.batch_size:
            raise ValueError(
                f"X must have at most batch_size={self.batch_size} rows, got shape {Xa.shape}"
            )
        self._check_params()
        return Xa, Ya

    def _check_params(self) -> None:
        self._workspace.check_params(self.net.weights, self.net.biases)

    def _step(self, X: FloatArray, Y: FloatArray, scale: float, *, update: bool) -> None:
        """Forward pass, backpropagation and (if ``update``) the parameter update.

        ``scale`` multiplies the output error: ``η/n`` for a step, ``1/n`` for
        the gradient of the mean cost. ``X`` and ``Y`` are validated, of the
        network's dtype, with ``n ≤ batch_size`` rows.
        """
        net = self.net
        self._workspace.backprop(
            net.weights, net.biases, X, Y, scale, self._gw, self._gb, update=update
        )

    def _gather(
        self, X: FloatArray, Y: FloatArray, idx: NDArray[Any]
    ) -> tuple[FloatArray, FloatArray]:
        """Rows ``idx`` of ``X`` and ``Y`` copied into reusable buffers."""
        m = len(idx)
        if self._xbuf is None or self._ybuf is None:
            self._xbuf = np.empty((self.batch_size, X.shape[1]), X.dtype)
            self._ybuf = np.empty((self.batch_size, Y.shape[1]), Y.dtype)
        xb, yb = self._xbuf[:m], self._ybuf[:m]
        # mode="wrap": negative indices count from the end, as in X[idx] (and the copy is
        # written straight into `out`, which mode="raise" would buffer).
        np.take(X, idx, axis=0, out=xb, mode="wrap")
        np.take(Y, idx, axis=0, out=yb, mode="wrap")
        return xb, yb


def _run_with(trainer: BatchedTrainer, X: FloatArray, Y: FloatArray, plan: Schedule) -> History:
    eta, batches = float(plan.learning_rate), plan.batches
    full_scale = eta / X.shape[0]

    def update(i: int) -> None:
        nonlocal trainer
        if batches is None:
            trainer._step(X, Y, full_scale, update=True)
            return
        idx = batches[i]
        if len(idx) > trainer.batch_size:
            trainer = BatchedTrainer(trainer.net, len(idx))
        xb, yb = trainer._gather(X, Y, idx)
        trainer._step(xb, yb, eta / xb.shape[0], update=True)

    return run_schedule(trainer.net, X, Y, update, plan)


def run(net: Network, X: FloatArray, Y: FloatArray, plan: Schedule) -> History:
    """The reference loop :func:`~nnmath.training.run_reference`, on a :class:`BatchedTrainer`.

    Same arguments, updates (to rounding), recording points and result, so a
    training function can call ``run`` instead of ``run_reference`` for any network
    :func:`supports` accepts.

    Parameters
    ----------
    net, X, Y, plan
        As for :func:`~nnmath.training.run_reference`.

    Returns
    -------
    History
        As for :func:`~nnmath.training.run_reference`.

    Raises
    ------
    TypeError
        If ``net`` is not a :class:`Network`.
    ValueError
        If :func:`supports` rejects ``net`` or a count is not positive.
    """
    check_network(net)
    check_run(plan.learning_rate, plan.steps, None, plan.record)
    batches = plan.batches
    size = X.shape[0] if batches is None else max(1, len(batches[0]))
    return _run_with(BatchedTrainer(net, size), X, Y, plan)
