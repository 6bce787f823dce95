"""Forward pass and backpropagation on work arrays that are allocated once and reused.

:meth:`nnmath.Network.backward` is written to be read: every step of the four equations makes
new arrays. For a real mini-batch (hundreds of rows, hundreds of units) that costs more than the
arithmetic it wraps: each temporary is allocated, written once and freed. A :class:`Workspace`
computes the same steps, in the same order, on arrays it allocates once for a batch shape:

* every ``Z^l`` (overwritten by ``A^l = f(Z^l)``) and every ``Δ^l`` has its own buffer; matrix
  products write into them (``np.matmul(..., out=)``) and element-wise steps work in place
  (``np.exp(z, out=z)``);
* a factor ``scale`` (``1/n`` for the gradient of the mean cost, ``η/n`` for a training step)
  is applied once, to the small output error ``Δ^L`` (``n × d_L`` numbers). Backpropagation is
  linear in ``Δ``, so every ``Δ^l`` and therefore every product ``(Δ^l)ᵀ A^(l−1)`` already
  carries it;
* a float32 network stays in float32 throughout (scalars are Python floats, which NumPy never
  lets widen an array);
* the sigmoid is ``1 / (1 + e^(−z))``. For very negative ``z`` (below about −88 in float32,
  −709 in float64) ``e^(−z)`` overflows to infinity and the result is exactly 0, which is the
  true value rounded (it lies below the smallest normal number); that overflow is expected and
  silenced. The softmax subtracts each row's largest logit before exponentiating, as
  :func:`nnmath.softmax` does.

The results equal those of :meth:`Network.backward` up to rounding (about 1e-15 relative in
float64). :meth:`Network.gradient` and :meth:`Network.forward` run on a workspace kept per
batch shape, and so does the buffered training engine :mod:`nnmath.training.buffered`.

Examples
--------
>>> import numpy as np
>>> from nnmath.workspace import Workspace
>>> rng = np.random.default_rng(0)
>>> weights = [rng.standard_normal((3, 2)), rng.standard_normal((1, 3))]
>>> biases = [np.zeros(3), np.zeros(1)]
>>> ws = Workspace((2, 3, 1), np.float64, "sigmoid", "sigmoid", rows=4)
>>> X, Y = rng.standard_normal((4, 2)), np.ones((4, 1))
>>> dW = [np.empty_like(w) for w in weights]
>>> db = [np.empty_like(b) for b in biases]
>>> ws.backprop(weights, biases, X, Y, 1 / 4, dW, db)
>>> [g.shape for g in dW], [g.shape for g in db]
([(3, 2), (1, 3)], [(3,), (1,)])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import DTypeLike, NDArray

__all__ = ["Workspace"]

FloatArray = NDArray[np.floating[Any]]


class _Views:
    """The first ``n`` rows of every per-row buffer (``n ≤ rows``)."""

    def __init__(self, ws: Workspace, n: int) -> None:
        self.n = n
        self.z = [z[:n] for z in ws._z]
        self.delta = [d[:n] for d in ws._delta]
        self.rows = ws._rows[:n]
        self.rows2 = ws._rows2[:n]
        self.out_tmp = ws._out_tmp[:n]
        self.ones = ws._ones[:n]
        self.rows_col = self.rows[:, np.newaxis]


class Workspace:
    """Work arrays for batches of up to ``rows`` rows of one network architecture.

    Parameters
    ----------
    sizes : sequence of int
        Layer widths, as for :class:`nnmath.Network`.
    dtype : numpy.float32 or numpy.float64
        Type of the parameters, the data and every buffer.
    hidden : {"sigmoid", "tanh", "relu"}
        Activation of the hidden layers.
    output : {"sigmoid", "identity", "softmax"}
        Output activation; ``"softmax"`` implies cross-entropy, the others the quadratic loss
        (the pairs :class:`nnmath.Network` accepts).
    rows : int
        Largest batch, ``≥ 1``; smaller batches use the first rows of every buffer.

    Notes
    -----
    The buffers hold ``rows · (2 (d_1 + … + d_L) + 3)`` numbers and one bias-sized array per
    layer. The arguments are trusted: :class:`nnmath.Network` and the training engines pass
    validated ones.
    """

    def __init__(
        self, sizes: Sequence[int], dtype: DTypeLike, hidden: str, output: str, rows: int
    ) -> None:
        self.sizes = tuple(sizes)
        self.dtype = np.dtype(dtype)
        self.hidden, self.output, self.rows = hidden, output, rows
        widths = self.sizes[1:]
        dt = self.dtype
        # Z^l, overwritten in place by A^l = f(Z^l) (the output layer's by Δ^L).
        self._z = [np.empty((rows, d), dt) for d in widths]
        # Δ^l of the hidden layers (the output error lives in its Z buffer).
        self._delta = [np.empty((rows, d), dt) for d in widths[:-1]]
        self._neg_b = [np.empty(d, dt) for d in widths]
        self._out_tmp = np.empty((rows, widths[-1]), dt)
        self._rows = np.empty(rows, dt)
        self._ones = np.ones(rows, dt)
        self._rows2 = np.empty(rows, dt)
        self._views_cache: dict[int, _Views] = {}

    def __repr__(self) -> str:
        return (
            f"Workspace({list(self.sizes)}, {self.dtype.name}, {self.hidden!r}, "
            f"{self.output!r}, rows={self.rows})"
        )

    def check_params(self, weights: Sequence[FloatArray], biases: Sequence[FloatArray]) -> None:
        """Raise ValueError unless the parameters have the shapes and dtype of the buffers.

        Raises
        ------
        ValueError
            If a weight or bias array was replaced by one of another shape or dtype.
        """
        sizes, dt = self.sizes, self.dtype
        if len(weights) != len(sizes) - 1 or len(biases) != len(sizes) - 1:
            raise ValueError(
                f"net.weights and net.biases must hold {len(sizes) - 1} arrays each, "
                f"got {len(weights)} and {len(biases)}"
            )
        for l, (w, b) in enumerate(zip(weights, biases, strict=True)):
            shapes = ((sizes[l + 1], sizes[l]), (sizes[l + 1],))
            if (w.shape, b.shape) != shapes or w.dtype != dt or b.dtype != dt:
                raise ValueError(
                    f"net.weights[{l}] and net.biases[{l}] must keep shapes {shapes} "
                    f"and dtype {dt}, got {w.shape}, {b.shape} of {w.dtype}, {b.dtype}"
                )

    def forward(
        self, weights: Sequence[FloatArray], biases: Sequence[FloatArray], X: FloatArray
    ) -> FloatArray:
        """The network's output for ``X`` (``n ≤ rows`` rows), as a new array."""
        v = self._views(X.shape[0])
        out = self._forward(weights, biases, X, v)
        if self.output == "softmax":  # out holds e = exp(z − max z); Σe is in rows2
            return np.divide(out, v.rows2[:, np.newaxis])
        return out.copy()

    def backprop(
        self,
        weights: Sequence[FloatArray],
        biases: Sequence[FloatArray],
        X: FloatArray,
        Y: FloatArray,
        scale: float,
        dW: Sequence[FloatArray],
        db: Sequence[FloatArray],
        *,
        update: bool = False,
    ) -> None:
        """Forward pass, backpropagation, and (if ``update``) ``W −= dW``, ``b −= db``.

        Writes ``scale`` times the gradient of the summed cost over the rows of ``X`` into
        ``dW`` and ``db`` (arrays shaped like the parameters): ``scale = 1/n`` gives the
        gradient of the mean cost, ``scale = η/n`` the step of gradient descent. With
        ``update`` each layer's parameters are moved as soon as its gradient is known (after
        the error below it has been computed with the old weights).

        Parameters
        ----------
        weights, biases : sequence of ndarray
            The network's parameters (updated in place if ``update``).
        X : ndarray, shape (n, sizes[0])
            ``1 ≤ n ≤ rows`` validated rows of the workspace's dtype.
        Y : ndarray, shape (n, sizes[-1])
            Validated targets of the workspace's dtype.
        scale : float
            Factor of the output error.
        dW, db : sequence of ndarray
            Written with the gradients.
        """
        v = self._views(X.shape[0])
        d = self._forward(weights, biases, X, v)
        output, hidden = self.output, self.hidden
        # Output error Δ^L, times `scale`, in place of A^L.
        if output == "softmax":
            # Δ^L = p Σ_k y_k − y with p = e / Σe, e = exp(z − max z) (already in d).
            np.add.reduce(Y, axis=1, out=v.rows)  # Σ_k y_k
            np.divide(v.rows, v.rows2, out=v.rows)  # Σ_k y_k / Σ_k e_k
            np.multiply(d, v.rows_col, out=d)
            np.subtract(d, Y, out=d)
        elif output == "sigmoid":
            # Δ^L = σ′(z) ⊙ (a − y) = (a − y) ⊙ a ⊙ (1 − a)
            tmp = v.out_tmp
            np.subtract(d, Y, out=tmp)
            np.multiply(tmp, d, out=tmp)
            np.subtract(1.0, d, out=d)
            np.multiply(d, tmp, out=d)
        else:  # identity: Δ^L = a − y
            np.subtract(d, Y, out=d)
        np.multiply(d, scale, out=d)
        # Backward: ∂C/∂W^l = (Δ^l)ᵀ A^(l−1), ∂C/∂b^l = Σ rows of Δ^l,
        # Δ^(l−1) = f′(Z^(l−1)) ⊙ (Δ^l W^l) — computed before W^l is updated.
        z, delta = v.z, v.delta
        for l in range(len(weights) - 1, -1, -1):
            a = X if l == 0 else z[l - 1]
            gw, gb = dW[l], db[l]
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

    # -- internals ------------------------------------------------------------------------

    def _views(self, n: int) -> _Views:
        views = self._views_cache.get(n)
        if views is None:
            if len(self._views_cache) > 4:
                self._views_cache.clear()
            views = self._views_cache[n] = _Views(self, n)
        return views

    def _forward(
        self,
        weights: Sequence[FloatArray],
        biases: Sequence[FloatArray],
        X: FloatArray,
        v: _Views,
    ) -> FloatArray:
        """``Z^l = A^(l−1) (W^l)ᵀ + b^l``, then ``A^l = f(Z^l)`` in place; returns the output."""
        last = len(weights) - 1
        a = X
        for l in range(last + 1):
            zl = v.z[l]
            np.matmul(a, weights[l].T, out=zl)
            self._activate(self.hidden if l < last else self.output, zl, biases[l], l, v)
            a = zl
        return a

    def _activate(self, f: str, z: FloatArray, b: FloatArray, l: int, v: _Views) -> None:
        """Add the bias ``b`` to ``z`` and apply ``f`` in place.

        For the softmax, ``z`` ends up holding ``e = exp(z − max z)`` and the row sums ``Σe``
        are left in ``rows2`` (the division is folded into Δ^L, or done by :meth:`forward`).
        """
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


def _times_prime(f: str, d: FloatArray, a: FloatArray) -> None:
    """``d ← f′(z) ⊙ d`` with ``f′`` from ``a = f(z)``; overwrites ``a``."""
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
