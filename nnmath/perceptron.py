"""Rosenblatt's perceptron and its learning rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath._validation import (
    as_float_array,
    check_labels,
    check_positive_number,
    check_seed,
)

FloatArray = NDArray[np.float64]


@dataclass
class PerceptronResult:
    """Outcome of :func:`train_perceptron`.

    Attributes
    ----------
    weights : ndarray, shape (d,)
        Learned weight vector ``w``.
    bias : float
        Learned bias ``b`` (the weight ``w_0`` on the constant input ``x_0 = 1``).
    epochs : int
        Passes over the data that were run.
    mistakes : list of int
        Number of updates (misclassified points) in each epoch.
    converged : bool
        True when the last epoch made no mistake.
    path : list of ndarray
        The augmented weights ``(b, w_1, …, w_d)`` after each epoch, starting
        with the initial ones.
    """

    weights: FloatArray
    bias: float
    epochs: int
    mistakes: list[int]
    converged: bool
    path: list[FloatArray] = field(repr=False)

    @property
    def updates(self) -> int:
        """Total number of weight updates."""
        return sum(self.mistakes)

    def predict(self, X: ArrayLike) -> NDArray[np.int64]:
        """Class 1 where ``w·x + b ≥ 0``, else 0, for each row of ``X`` (shape ``(n, d)``)."""
        Xa = as_float_array("X", X, ndim=2)
        if Xa.shape[1] != self.weights.size:
            raise ValueError(f"X must have {self.weights.size} columns, got shape {Xa.shape}")
        return (Xa @ self.weights + self.bias >= 0).astype(np.int64)


def train_perceptron(
    X: ArrayLike,
    y: ArrayLike,
    *,
    learning_rate: float = 1.0,
    max_epochs: int = 100,
    shuffle: bool = False,
    seed: int | None = None,
    initial: ArrayLike | None = None,
) -> PerceptronResult:
    """Train a perceptron with the rule ``w ← w + η (y − ŷ) x``.

    The bias is folded in as the weight on a constant input 1, so the rule
    updates it too. Training stops after the first epoch without a mistake or
    after ``max_epochs`` epochs.

    Parameters
    ----------
    X : array_like, shape (n, d)
        Inputs, finite.
    y : array_like, shape (n,)
        Labels 0 or 1.
    learning_rate : float
        ``η > 0``.
    max_epochs : int
        Upper bound on passes over the data, ``≥ 1``.
    shuffle : bool
        Visit the rows in a new random order each epoch (seeded by ``seed``).
    seed : int, optional
        Seeds the shuffling.
    initial : array_like, shape (d + 1,), optional
        Initial augmented weights ``(b, w_1, …, w_d)``; zeros by default.

    Returns
    -------
    PerceptronResult

    Raises
    ------
    TypeError, ValueError
        For non-numeric, empty or non-finite ``X``; labels other than 0 and 1
        or of the wrong length; non-positive ``learning_rate`` or
        ``max_epochs``; ``initial`` of the wrong shape.
    """
    Xa = as_float_array("X", X, ndim=2, dtype=np.float64)
    n, d = Xa.shape
    labels = check_labels("y", y, rows=n, binary=True, whole_floats=True)
    check_positive_number("learning_rate", learning_rate)
    check_positive_number("max_epochs", max_epochs, integer=True)
    check_seed("seed", seed)
    # Augment each x with x_0 = 1 so that w_0 plays the part of the bias.
    Xb = np.column_stack([np.ones(n), Xa])
    if initial is None:
        w = np.zeros(d + 1)
    else:
        w = as_float_array("initial", initial, ndim=1, dtype=np.float64).copy()
        if w.shape != (d + 1,):
            raise ValueError(f"initial must have shape ({d + 1},) (bias first), got {w.shape}")
    rng = np.random.default_rng(seed)
    mistakes: list[int] = []
    path = [w.copy()]
    for _ in range(max_epochs):
        order = rng.permutation(n) if shuffle else np.arange(n)
        count = 0
        for i in order:
            predicted = 1 if Xb[i] @ w >= 0 else 0
            if predicted != labels[i]:
                w += learning_rate * (labels[i] - predicted) * Xb[i]
                count += 1
        mistakes.append(count)
        path.append(w.copy())
        if count == 0:
            break
    return PerceptronResult(
        weights=w[1:].copy(),
        bias=float(w[0]),
        epochs=len(mistakes),
        mistakes=mistakes,
        converged=mistakes[-1] == 0,
        path=path,
    )


def margin_bound(X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> dict[str, Any]:
    """Novikoff's bound ``(R/γ)²`` on the number of perceptron updates.

    ``R`` is the largest norm of an augmented input ``(1, x)`` and ``γ`` the
    smallest signed distance of an augmented point to the separating
    hyperplane given by the unit vector ``(b, w)/‖(b, w)‖``.

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,)
        Labels 0 or 1.
    w : array_like, shape (d,)
        Any separating weight vector.
    b : float
        Its bias.

    Returns
    -------
    dict
        ``R``, ``gamma`` and ``bound``.

    Raises
    ------
    ValueError
        If ``(w, b)`` does not separate the data (``γ ≤ 0``).
    """
    Xa = as_float_array("X", X, ndim=2, dtype=np.float64)
    labels = check_labels("y", y, rows=Xa.shape[0], binary=True, whole_floats=True)
    wa = as_float_array("w", w, ndim=1, dtype=np.float64)
    if wa.shape != (Xa.shape[1],):
        raise ValueError(f"w must have shape ({Xa.shape[1]},), got {wa.shape}")
    Xb = np.column_stack([np.ones(Xa.shape[0]), Xa])
    u = np.concatenate([[b], wa])
    u = u / np.linalg.norm(u)
    signs = 2 * labels - 1
    gamma = float(np.min(signs * (Xb @ u)))
    if gamma <= 0:
        raise ValueError(f"(w, b) must separate the classes with a positive margin, got γ={gamma}")
    radius = float(np.max(np.linalg.norm(Xb, axis=1)))
    return {"R": radius, "gamma": gamma, "bound": (radius / gamma) ** 2}
