"""Fast mini-batch training: backpropagation on preallocated buffers.

:meth:`nnmath.Network.backward` is written to be read: every step of the four
equations makes new arrays. For a real mini-batch (hundreds of rows, hundreds
of units) that costs more than the arithmetic it wraps: each temporary is
allocated, written once and freed. :class:`BatchedTrainer` computes the same
step, in the same order, on arrays it allocates once:

* every ``Z^l`` (overwritten by ``A^l = f(Z^l)``), every ``Δ^l`` and every
  gradient has its own buffer; matrix products write into them
  (``np.matmul(..., out=)``) and element-wise steps work in place
  (``np.exp(z, out=z)``);
* the factor ``η/n`` of the update ``W ← W − (η/n) Σ_i δ_i a_iᵀ`` is applied
  once, to the small output error ``Δ^L`` (``n × d_L`` numbers). Backpropagation
  is linear in ``Δ``, so every ``Δ^l`` and therefore every product ``(Δ^l)ᵀ A^(l−1)``
  already carries it, and the update is a single subtraction per array;
* a float32 network stays in float32 throughout (scalars are Python floats,
  which NumPy never lets widen an array);
* the sigmoid is ``1 / (1 + e^(−z))``. For very negative ``z`` (below about −88
  in float32, −709 in float64) ``e^(−z)`` overflows to infinity and the result is
  exactly 0, which is the true value rounded (it lies below the smallest normal
  number); that overflow is expected and silenced. The softmax subtracts each
  row's largest logit before exponentiating, as :func:`nnmath.softmax` does.

The result equals :meth:`Network.gradient` and the updates of
:func:`nnmath.gradient_descent` up to rounding (about 1e-15 relative in
float64).

:func:`run` has the signature of the readable loop ``nnmath.training._run`` and
returns the same :class:`nnmath.History`; :func:`nnmath.sgd` (for networks
too large for :mod:`nnmath.fast`) and :func:`nnmath.gradient_descent` dispatch to
it for every network :func:`supports` accepts.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath._validation import FLOAT_DTYPES, check_positive_number, describe
from nnmath.network import HIDDEN_ACTIVATIONS, VALID_PAIRS, Network
from nnmath.training.schedule import History, Schedule, check_run, minibatches, run_schedule

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


class _Views:
    """The first ``n`` rows of every per-row buffer (``n ≤ batch_size``)."""

    def __init__(self, trainer: BatchedTrainer, n: int) -> None:
        self.n = n
        self.z = [z[:n] for z in trainer._z]
        self.delta = [d[:n] for d in trainer._delta]
        self.rows = trainer._rows[:n]
        self.rows2 = trainer._rows2[:n]
        self.out_tmp = trainer._out_tmp[:n]
        self.ones = trainer._ones[:n]
        self.rows_col = self.rows[:, np.newaxis]


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
    >>> from nnmath.batched import BatchedTrainer
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
        if not isinstance(net, Network):
            raise TypeError(f"net must be a Network, got {describe(net)}")
        if not supports(net):
            raise ValueError(f"BatchedTrainer does not support {net!r}")
        check_positive_number("batch_size", batch_size, integer=True)
        self.net = net
        self.batch_size = int(batch_size)
        dtype = net.dtype
        rows = self.batch_size
        widths = net.sizes[1:]
        self._dtype = dtype
        self._shapes = [(w.shape, b.shape) for w, b in zip(net.weights, net.biases, strict=True)]
        # Z^l, overwritten in place by A^l = f(Z^l) (the output layer's by Δ^L).
        self._z = [np.empty((rows, d), dtype) for d in widths]
        # Δ^l of the hidden layers (the output error lives in its Z buffer).
        self._delta = [np.empty((rows, d), dtype) for d in widths[:-1]]
        self._gw = [np.empty(w.shape, dtype) for w in net.weights]
        self._gb = [np.empty(b.shape, dtype) for b in net.biases]
        self._neg_b = [np.empty(b.shape, dtype) for b in net.biases]
        self._out_tmp = np.empty((rows, widths[-1]), dtype)
        self._rows = np.empty(rows, dtype)
        self._ones = np.ones(rows, dtype)
        self._rows2 = np.empty(rows, dtype)
        self._views_cache: dict[int, _Views] = {}
        self._xbuf: FloatArray | None = None
        self._ybuf: FloatArray | None = None

    def __repr__(self) -> str:
        return f"BatchedTrainer({self.net!r}, batch_size={self.batch_size})"

    # -- public steps ---------------------------------------------------------------------

    def step(self, X: ArrayLike, Y: ArrayLike, learning_rate: float) -> None:
        """One gradient-descent step on a batch: ``θ ← θ − η ∇C_batch``.

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
        X : array_like, shape (N, sizes[0])
        Y : array_like, shape (N, sizes[-1]) or integer labels (N,)
        learning_rate : float
            Step size ``η > 0``.
        steps : int
            Number of updates, ``≥ 1``.
        seed : int, optional
            Seeds the shuffling.
        record : int
            About how many costs (mean over all rows) to record, log-spaced.
        progress : bool, optional
            Force the progress bar on or off.

        Returns
        -------
        History

        Raises
        ------
        TypeError, ValueError
            For invalid data, a non-positive learning rate, step count or
            record count, or a negative seed.
        """
        check_run(learning_rate, steps, seed, record)
        Xa, Ya = self.net.check_data(X, Y)
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
        net = self.net
        for l, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
            if (
                (w.shape, b.shape) != self._shapes[l]
                or w.dtype != self._dtype
                or b.dtype != w.dtype
            ):
                raise ValueError(
                    f"net.weights[{l}] and net.biases[{l}] must keep shapes {self._shapes[l]} "
                    f"and dtype {self._dtype}, got {w.shape}, {b.shape} of {w.dtype}, {b.dtype}"
                )

    def _views(self, n: int) -> _Views:
        views = self._views_cache.get(n)
        if views is None:
            if len(self._views_cache) > 4:
                self._views_cache.clear()
            views = self._views_cache[n] = _Views(self, n)
        return views

    def _step(self, X: FloatArray, Y: FloatArray, scale: float, *, update: bool) -> None:
        """Forward pass, backpropagation and (if ``update``) the parameter update.

        ``scale`` multiplies the output error: ``η/n`` for a step, ``1/n`` for
        the gradient of the mean cost. ``X`` and ``Y`` are validated, of the
        network's dtype, with ``n ≤ batch_size`` rows.
        """
        net = self.net
        weights, biases = net.weights, net.biases
        v = self._views(X.shape[0])
        z, delta = v.z, v.delta
        last = len(weights) - 1
        hidden, output = net.hidden, net.output
        # Forward: Z^l = A^(l−1) (W^l)ᵀ + b^l, then A^l = f(Z^l) in place.
        a = X
        for l in range(last + 1):
            zl = z[l]
            np.matmul(a, weights[l].T, out=zl)
            self._activate(hidden if l < last else output, zl, l, v)
            a = zl
        # Output error Δ^L, times `scale`, in place of A^L.
        d = z[last]
        if output == "softmax":
            # Δ^L = p Σ_k y_k − y with p = e / Σe, e = exp(z − max z) (already in d).
            np.add.reduce(Y, axis=1, out=v.rows)  # Σ_k y_k
            np.divide(v.rows, v.rows2, out=v.rows)  # Σ_k y_k / Σ_k e_k
            np.multiply(d, v.rows_col, out=d)
            np.subtract(d, Y, out=d)
        elif output == "sigmoid":
            # Δ^L = σ′(z) ∘ (a − y) = (a − y) ∘ a ∘ (1 − a)
            tmp = v.out_tmp
            np.subtract(d, Y, out=tmp)
            np.multiply(tmp, d, out=tmp)
            np.subtract(1.0, d, out=d)
            np.multiply(d, tmp, out=d)
        else:  # identity: Δ^L = a − y
            np.subtract(d, Y, out=d)
        np.multiply(d, scale, out=d)
        # Backward: ∂C/∂W^l = (Δ^l)ᵀ A^(l−1), ∂C/∂b^l = Σ rows of Δ^l,
        # Δ^(l−1) = f′(Z^(l−1)) ∘ (Δ^l W^l) — computed before W^l is updated.
        for l in range(last, -1, -1):
            a = X if l == 0 else z[l - 1]
            gw, gb = self._gw[l], self._gb[l]
            np.matmul(d.T, a, out=gw)
            np.matmul(v.ones, d, out=gb)  # Σ over the rows, as a BLAS product
            if l > 0:
                below = delta[l - 1]
                np.matmul(d, weights[l], out=below)
                _times_prime(hidden, below, a)
                d = below
            if update:
                np.subtract(weights[l], gw, out=weights[l])
                np.subtract(biases[l], gb, out=biases[l])

    def _activate(self, f: str, z: FloatArray, l: int, v: _Views) -> None:
        """Add the bias ``b^l`` to ``z`` and apply ``f`` in place.

        For the softmax, ``z`` ends up holding ``e = exp(z − max z)`` and the
        row sums ``Σe`` are left in ``rows2`` (the division is folded into Δ^L).
        """
        b = self.net.biases[l]
        if f == "sigmoid":
            # σ(z) = 1 / (1 + e^(−z)); the bias is added while negating: −z = (−b) − AWᵀ.
            nb = self._neg_b[l]
            np.negative(b, out=nb)
            np.subtract(nb, z, out=z)
            with np.errstate(over="ignore"):  # e^(−z) = inf for z ≲ −88 (float32): σ = 0
                np.exp(z, out=z)
            np.add(z, 1.0, out=z)
            np.divide(1.0, z, out=z)
            return
        np.add(z, b, out=z)
        if f == "tanh":
            np.tanh(z, out=z)
        elif f == "relu":
            np.maximum(z, 0.0, out=z)
        elif f == "softmax":
            np.maximum.reduce(z, axis=1, out=v.rows)
            np.subtract(z, v.rows_col, out=z)
            np.exp(z, out=z)
            np.add.reduce(z, axis=1, out=v.rows2)
        # identity: nothing more

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


def _times_prime(f: str, d: FloatArray, a: FloatArray) -> None:
    """``d ← f′(z) ∘ d`` with ``f′`` from ``a = f(z)``; overwrites ``a``."""
    if f == "sigmoid":  # σ′ = a (1 − a)
        np.multiply(d, a, out=d)
        np.subtract(1.0, a, out=a)
        np.multiply(d, a, out=d)
    elif f == "tanh":  # tanh′ = 1 − a²
        np.multiply(a, a, out=a)
        np.subtract(1.0, a, out=a)
        np.multiply(d, a, out=d)
    else:  # relu′ = 1 where z > 0, i.e. where a = max(z, 0) > 0, else 0
        np.sign(a, out=a)
        np.multiply(d, a, out=d)


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
    """The readable training loop ``nnmath.training._run``, on a :class:`BatchedTrainer`.

    Same arguments, updates (to rounding), recording points and result, so a
    training function can call ``run`` instead of ``_run`` for any network
    :func:`supports` accepts.

    Parameters
    ----------
    net : Network
        Updated in place.
    X : ndarray, shape (N, sizes[0])
        Validated inputs of the network's dtype (from :meth:`Network.check_data`).
    Y : ndarray, shape (N, sizes[-1])
        Validated targets of the network's dtype.
    plan : nnmath.Schedule
        The rows of each step, the learning rate, the number of steps and the recording.

    Returns
    -------
    History
        The mean cost over all rows at the recording points, and the wall time.

    Raises
    ------
    TypeError
        If ``net`` is not a :class:`Network`.
    ValueError
        If :func:`supports` rejects ``net`` or a count is not positive.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a Network, got {describe(net)}")
    check_run(plan.learning_rate, plan.steps, None, plan.record)
    batches = plan.batches
    size = X.shape[0] if batches is None else max(1, len(batches[0]))
    return _run_with(BatchedTrainer(net, size), X, Y, plan)
