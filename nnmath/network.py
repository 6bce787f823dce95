"""A fully connected feed-forward network with backpropagation.

Conventions (the same as on the site): a batch is a matrix whose rows are
samples, so ``X`` has shape ``(n, d_in)``. Layer ``l`` has a weight matrix
``W`` of shape ``(d_out, d_in)`` and a bias ``b`` of shape ``(d_out,)``, as in
the per-sample formula ``z = W a + b``; for a batch this is ``Z = A @ W.T + b``.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from nnmath import losses
from nnmath._validation import (
    FLOAT_DTYPES,
    as_float_array,
    check_choice,
    check_seed,
    describe,
)
from nnmath.activations import _sigmoid_unchecked, _softmax_unchecked
from nnmath.workspace import Workspace

FloatArray = NDArray[np.floating[Any]]

HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu")
OUTPUT_ACTIVATIONS = ("sigmoid", "identity", "softmax")
# Which output activation each loss is paired with.
VALID_PAIRS = {
    ("sigmoid", "quadratic"),
    ("identity", "quadratic"),
    ("softmax", "cross_entropy"),
}


def _activate(name: str, z: FloatArray) -> FloatArray:
    if name == "sigmoid":
        return _sigmoid_unchecked(z)
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0)
    if name == "identity":
        return z
    if name == "softmax":
        return _softmax_unchecked(z)
    raise ValueError(f"unknown activation {name!r}")


def _activation_prime(name: str, z: FloatArray, a: FloatArray) -> FloatArray:
    """Derivative of the activation at ``z``, given ``a = f(z)``."""
    if name == "sigmoid":
        return a * (1 - a)
    if name == "tanh":
        return 1 - a * a
    if name == "relu":
        return (z > 0).astype(z.dtype)
    return np.ones_like(z)


@dataclass(frozen=True)
class ForwardPass:
    """Everything the backward pass needs.

    Attributes
    ----------
    zs : list of ndarray
        Weighted inputs ``Z^l``, one ``(n, sizes[l+1])`` array per layer.
    activations : list of ndarray
        ``A^0 = X`` followed by each layer's output ``A^l = f(Z^l)``.
    """

    zs: list[FloatArray]
    activations: list[FloatArray]


class Network:
    """Fully connected network ``F(x) = f_L(W_L ⋯ f_1(W_1 x + b_1) ⋯ + b_L)``.

    Parameters
    ----------
    sizes : sequence of int
        Layer widths from input to output, at least two entries, each ``≥ 1``;
        ``[2, 2, 3, 2]`` is Higham & Higham's network with 23 parameters.
    hidden : {"sigmoid", "tanh", "relu"}
        Activation of the hidden layers.
    output : {"sigmoid", "identity", "softmax"}
        Activation of the output layer.
    loss : {"quadratic", "cross_entropy"}
        Cost averaged over the batch. ``"quadratic"`` is ``½‖y − F(x)‖²`` and
        pairs with a sigmoid or identity output; ``"cross_entropy"`` is
        ``−Σ_k y_k log p_k`` and pairs with a softmax output.
    seed : int, optional
        Seed for the initial weights and biases, drawn from ``init_scale · 𝒩(0, 1)``.
    init_scale : float
        Standard deviation of the initial parameters (0.5 as in Higham & Higham).
    dtype : {numpy.float64, numpy.float32}
        Floating type of every parameter, activation and gradient.

    Attributes
    ----------
    weights : list of ndarray
        ``weights[l]`` has shape ``(sizes[l+1], sizes[l])``.
    biases : list of ndarray
        ``biases[l]`` has shape ``(sizes[l+1],)``.

    Raises
    ------
    TypeError
        If ``sizes`` is not a sequence of integers or a name is not a string.
    ValueError
        If a size is below 1, fewer than two sizes are given, a name is
        unknown, or the output and loss do not pair (e.g. softmax with
        quadratic loss).

    Examples
    --------
    >>> import numpy as np, nnmath as nm
    >>> net = nm.Network([2, 2, 3, 2], seed=0)
    >>> net.n_params
    23
    >>> net.forward(np.array([[0.1, 0.1], [0.9, 0.8]])).shape
    (2, 2)
    >>> X, Y = nm.datasets.higham()
    >>> history = nm.sgd(net, X, Y, learning_rate=0.05, steps=1000, seed=0, progress=False)
    >>> bool(history.final_cost < history.cost[0])
    True
    """

    def __init__(
        self,
        sizes: Sequence[int],
        *,
        hidden: str = "sigmoid",
        output: str = "sigmoid",
        loss: str = "quadratic",
        seed: int | None = None,
        init_scale: float = 0.5,
        dtype: DTypeLike = np.float64,
    ) -> None:
        if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence):
            raise TypeError(f"sizes must be a sequence of integers, got {describe(sizes)}")
        if len(sizes) < 2:
            raise ValueError(
                f"sizes must list at least an input and an output width, got {list(sizes)}"
            )
        for s in sizes:
            if isinstance(s, bool) or not isinstance(s, numbers.Integral):
                raise TypeError(f"sizes must be integers, got {describe(s)} in {list(sizes)}")
            if s < 1:
                raise ValueError(f"sizes must all be at least 1, got {list(sizes)}")
        self.hidden = check_choice("hidden", hidden, HIDDEN_ACTIVATIONS)
        self.output = check_choice("output", output, OUTPUT_ACTIVATIONS)
        self.loss_name = check_choice("loss", loss, losses.LOSSES)
        if (output, loss) not in VALID_PAIRS:
            pairs = ", ".join(f"{o}+{c}" for o, c in sorted(VALID_PAIRS))
            raise ValueError(
                f"output={output!r} does not pair with loss={loss!r}; supported pairs: {pairs}"
            )
        if output == "softmax" and sizes[-1] < 2:
            raise ValueError(f"a softmax output needs at least 2 units, got sizes {list(sizes)}")
        try:
            self.dtype = np.dtype(dtype)
        except TypeError as exc:
            raise TypeError(f"dtype must be float32 or float64, got {dtype!r}") from exc
        if self.dtype not in FLOAT_DTYPES:
            raise ValueError(f"dtype must be float32 or float64, got {self.dtype}")
        check_seed("seed", seed)
        if not isinstance(init_scale, numbers.Real) or not init_scale > 0:
            raise ValueError(f"init_scale must be a positive number, got {init_scale!r}")
        self.sizes: tuple[int, ...] = tuple(int(s) for s in sizes)
        rng = np.random.default_rng(seed)
        # Draw W then b for each layer, in that order, so a seed fixes everything.
        self.weights: list[FloatArray] = []
        self.biases: list[FloatArray] = []
        for d_in, d_out in zip(self.sizes[:-1], self.sizes[1:], strict=True):
            self.weights.append(
                (init_scale * rng.standard_normal((d_out, d_in))).astype(self.dtype)
            )
            self.biases.append((init_scale * rng.standard_normal(d_out)).astype(self.dtype))
        # Work arrays of forward() and gradient(), one Workspace per batch shape (a few kept).
        self._workspaces: dict[tuple[int, str, str], Workspace] = {}

    def __repr__(self) -> str:
        return (
            f"Network({list(self.sizes)}, hidden={self.hidden!r}, output={self.output!r}, "
            f"loss={self.loss_name!r}, dtype={self.dtype.name})"
        )

    @property
    def n_layers(self) -> int:
        """Number of weight layers (one less than ``len(sizes)``)."""
        return len(self.weights)

    @property
    def n_params(self) -> int:
        """Total number of weights and biases."""
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases, strict=True))

    # -- parameters as one vector ---------------------------------------------------------

    def get_params(self) -> FloatArray:
        """All parameters as one vector, ordered ``W_0, b_0, W_1, b_1, …`` (row-major).

        Returns
        -------
        ndarray, shape (n_params,)
        """
        parts: list[FloatArray] = []
        for w, b in zip(self.weights, self.biases, strict=True):
            parts += [w.ravel(), b]
        return np.concatenate(parts)

    def set_params(self, params: ArrayLike) -> None:
        """Set every parameter from one vector laid out as by :meth:`get_params`.

        Raises
        ------
        TypeError
            If ``params`` is not numeric.
        ValueError
            If it is not 1-D of length ``n_params`` or holds NaN/inf.
        """
        vec = as_float_array("params", params, dtype=self.dtype)
        if vec.shape != (self.n_params,):
            raise ValueError(
                f"params must have shape ({self.n_params},) for sizes {list(self.sizes)}, "
                f"got shape {vec.shape}"
            )
        self._write_params(vec)

    def _write_params(self, vec: ArrayLike) -> None:
        """Copy a parameter vector into the arrays, unchecked (the training engines keep NaN)."""
        vec = np.asarray(vec, dtype=self.dtype)
        i = 0
        for w, b in zip(self.weights, self.biases, strict=True):
            w[...] = vec[i : i + w.size].reshape(w.shape)
            i += w.size
            b[...] = vec[i : i + b.size]
            i += b.size

    def copy(self) -> Network:
        """An independent copy with the same architecture and parameters."""
        twin = object.__new__(Network)
        twin.__dict__.update(self.__dict__)
        twin.weights = [w.copy() for w in self.weights]
        twin.biases = [b.copy() for b in self.biases]
        twin._workspaces = {}
        return twin

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_workspaces"] = {}  # scratch space, not part of the network
        return state

    def _workspace(self, n: int) -> Workspace:
        """The work arrays for batches of ``n`` rows, made on first use and then reused."""
        key = (n, self.hidden, self.output)
        cache = self._workspaces
        ws = cache.get(key)
        if ws is None:
            if len(cache) >= 4:
                del cache[next(iter(cache))]  # the oldest shape
            ws = cache[key] = Workspace(self.sizes, self.dtype, self.hidden, self.output, n)
        ws.check_params(self.weights, self.biases)
        return ws

    # -- input checks ---------------------------------------------------------------------

    def check_inputs(self, X: ArrayLike) -> FloatArray:
        """Validate a batch of inputs and return it as ``(n, sizes[0])`` rows.

        A single sample of shape ``(sizes[0],)`` is accepted as a batch of one.

        Raises
        ------
        TypeError
            If ``X`` is not numeric.
        ValueError
            If ``X`` is empty, holds NaN/inf, or its width is not ``sizes[0]``.
        """
        arr = as_float_array("X", X, ndim=(1, 2), dtype=self.dtype)
        if arr.ndim == 1:
            arr = arr[np.newaxis, :]
        if arr.shape[1] != self.sizes[0]:
            raise ValueError(
                f"X must have {self.sizes[0]} columns (one per network input), "
                f"got shape {arr.shape}"
            )
        return arr

    def check_data(self, X: ArrayLike, Y: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """Validate inputs and targets together.

        ``Y`` may be one-hot rows ``(n, sizes[-1])`` or integer labels ``(n,)``.

        Raises
        ------
        TypeError, ValueError
            As for :meth:`check_inputs`, or if ``Y`` does not match ``X``.
        """
        Xa = self.check_inputs(X)
        Ya = losses.as_targets(Y, Xa.shape[0], self.sizes[-1], self.dtype)
        return Xa, Ya

    # -- forward and backward -------------------------------------------------------------

    def forward_pass(self, X: FloatArray) -> ForwardPass:
        """Forward pass on validated input, keeping every ``Z^l`` and ``A^l``."""
        zs: list[FloatArray] = []
        activations = [X]
        a = X
        last = self.n_layers - 1
        for l, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = a @ w.T + b
            a = _activate(self.output if l == last else self.hidden, z)
            zs.append(z)
            activations.append(a)
        return ForwardPass(zs, activations)

    def forward(self, X: ArrayLike) -> FloatArray:
        """Network output for a batch.

        Parameters
        ----------
        X : array_like, shape (n, sizes[0]) or (sizes[0],)

        Returns
        -------
        ndarray, shape (n, sizes[-1])
            Output activations (probabilities for a softmax output), a new array.

        Raises
        ------
        TypeError, ValueError
            As for :meth:`check_inputs`.

        Notes
        -----
        Runs on work arrays kept for the batch shape (:class:`nnmath.workspace.Workspace`);
        the result equals ``forward_pass(X).activations[-1]`` to rounding.
        """
        Xa = self.check_inputs(X)
        return self._workspace(Xa.shape[0]).forward(self.weights, self.biases, Xa)

    __call__ = forward

    def predict(self, X: ArrayLike) -> NDArray[np.intp]:
        """Predicted class of each row: the index of the largest output.

        A network with a single output predicts class 1 where ``F(x) ≥ 1/2`` and
        class 0 elsewhere.

        Returns
        -------
        ndarray of int, shape (n,)

        Examples
        --------
        >>> import nnmath as nm
        >>> net = nm.Network([2, 1], seed=0)
        >>> net.weights[0][...] = [[1.0, 1.0]]
        >>> net.biases[0][...] = [-1.5]
        >>> net.predict([[0, 0], [1, 1]]).tolist()  # an AND gate
        [0, 1]
        """
        return losses.classes(self.forward(X))

    def accuracy(self, X: ArrayLike, Y: ArrayLike) -> float:
        """Fraction of rows whose predicted class is the target's (see :meth:`predict`)."""
        Xa, Ya = self.check_data(X, Y)
        return float(np.mean(self.predict(Xa) == losses.classes(Ya)))

    def _loss_from_pass(self, fp: ForwardPass, Y: FloatArray) -> float:
        if self.loss_name == "quadratic":
            return losses.quadratic(fp.activations[-1], Y)
        return losses.cross_entropy(fp.zs[-1], Y)

    def loss(self, X: ArrayLike, Y: ArrayLike) -> float:
        """Mean cost over the batch.

        Quadratic: ``(1/n) Σ_i ½‖y_i − F(x_i)‖²``. Cross-entropy:
        ``(1/n) Σ_i −Σ_k y_ik log p_ik``, computed from the logits through
        log-softmax so it is finite for any finite logits.

        Raises
        ------
        TypeError, ValueError
            As for :meth:`check_data`.
        """
        Xa, Ya = self.check_data(X, Y)
        return self._loss_from_pass(self.forward_pass(Xa), Ya)

    def backward(self, fp: ForwardPass, Y: FloatArray) -> tuple[list[FloatArray], list[FloatArray]]:
        """Backpropagation on a stored forward pass; gradients of the MEAN cost.

        The four equations, for a batch (rows are samples, ``⊙`` element-wise):
        ``Δ^L = f′(Z^L) ⊙ (A^L − Y)`` (or ``P − Y`` for softmax + cross-entropy),
        ``Δ^l = f′(Z^l) ⊙ (Δ^(l+1) W^(l+1))``, ``∂C/∂b^l = mean of Δ^l rows``,
        ``∂C/∂W^l = (Δ^l)ᵀ A^(l−1) / n``.
        """
        n = fp.activations[0].shape[0]
        out_z, out_a = fp.zs[-1], fp.activations[-1]
        if self.loss_name == "cross_entropy":
            delta = losses.cross_entropy_grad(out_z, Y)
        else:
            delta = _activation_prime(self.output, out_z, out_a) * losses.quadratic_grad(out_a, Y)
        grad_w: list[FloatArray] = [np.empty(0)] * self.n_layers
        grad_b: list[FloatArray] = [np.empty(0)] * self.n_layers
        for l in range(self.n_layers - 1, -1, -1):
            grad_w[l] = (delta.T @ fp.activations[l]) / n
            grad_b[l] = delta.sum(axis=0) / n
            if l > 0:
                z, a = fp.zs[l - 1], fp.activations[l]
                delta = _activation_prime(self.hidden, z, a) * (delta @ self.weights[l])
        return grad_w, grad_b

    def gradient(self, X: ArrayLike, Y: ArrayLike) -> tuple[list[FloatArray], list[FloatArray]]:
        """Gradient of :meth:`loss` with respect to every weight and bias.

        Parameters
        ----------
        X : array_like, shape (n, sizes[0])
        Y : array_like, shape (n, sizes[-1]) or integer labels (n,)

        Returns
        -------
        dW, db : list of ndarray
            Shaped like :attr:`weights` and :attr:`biases`; new arrays on every call.

        Raises
        ------
        TypeError, ValueError
            As for :meth:`check_data`.

        Notes
        -----
        The same numbers as the readable :meth:`backward` on :meth:`forward_pass` (to
        rounding, about 1e-15 relative in float64), computed on work arrays kept for the batch
        shape (:class:`nnmath.workspace.Workspace`) instead of new temporaries at every step.

        Examples
        --------
        >>> import numpy as np, nnmath as nm
        >>> net = nm.Network([2, 3, 2], output="softmax", loss="cross_entropy", seed=0)
        >>> X, y = np.array([[0.5, -1.0], [1.0, 2.0]]), np.array([0, 1])
        >>> dW, db = net.gradient(X, y)
        >>> [g.shape for g in dW]
        [(3, 2), (2, 3)]
        >>> readable = net.backward(net.forward_pass(X), nm.one_hot(y, 2))
        >>> all(np.allclose(a, b, rtol=1e-12, atol=0) for a, b in zip(dW, readable[0]))
        True
        """
        Xa, Ya = self.check_data(X, Y)
        n = Xa.shape[0]
        dW = [np.empty_like(w) for w in self.weights]
        db = [np.empty_like(b) for b in self.biases]
        self._workspace(n).backprop(self.weights, self.biases, Xa, Ya, 1.0 / n, dW, db)
        return dW, db

    def gradient_vector(self, X: ArrayLike, Y: ArrayLike) -> FloatArray:
        """:meth:`gradient` flattened in the order of :meth:`get_params`."""
        dW, db = self.gradient(X, Y)
        parts: list[FloatArray] = []
        for w, b in zip(dW, db, strict=True):
            parts += [w.ravel(), b]
        return np.concatenate(parts)
