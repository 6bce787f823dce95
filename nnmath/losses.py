"""Cost functions: quadratic and cross-entropy, with their gradients.

A loss takes the network's output for a batch (rows are samples) and the
targets, and returns the mean over the batch. Cross-entropy is computed from
the logits through log-softmax, so it stays finite when a probability
underflows to zero.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath._validation import as_float_array, check_labels
from nnmath.activations import _log_softmax_unchecked, _sigmoid_unchecked, _softmax_unchecked

FloatArray = NDArray[np.floating[Any]]

LOSSES = ("quadratic", "cross_entropy")


def classes(values: NDArray[np.floating[Any]]) -> NDArray[np.intp]:
    """The class each row of outputs or targets stands for (the last axis holds the units).

    With several units, the index of the largest; with a single unit, 1 where the value is at
    least 1/2 and 0 elsewhere.

    Parameters
    ----------
    values : ndarray, shape (..., k)
        Network outputs or one-hot (or 0/1) targets, validated.

    Returns
    -------
    ndarray of int, shape (...)

    Examples
    --------
    >>> import numpy as np
    >>> classes(np.array([[0.2, 0.7, 0.1], [0.6, 0.3, 0.1]])).tolist()
    [1, 0]
    >>> classes(np.array([[0.2], [0.5], [0.9]])).tolist()
    [0, 1, 1]
    """
    if values.shape[-1] == 1:
        return (values[..., 0] >= 0.5).astype(np.intp)
    labels: NDArray[np.intp] = np.argmax(values, axis=-1)
    return labels


def one_hot(labels: ArrayLike, n_classes: int) -> NDArray[np.float64]:
    """One-hot rows for integer class labels.

    Parameters
    ----------
    labels : array_like of int, shape (n,)
        Class indices in ``0 .. n_classes − 1``.
    n_classes : int
        Number of classes ``K``.

    Returns
    -------
    ndarray, shape (n, K)

    Raises
    ------
    TypeError
        If ``labels`` are not integers.
    ValueError
        If ``labels`` is not 1-D, is empty, or holds a label out of range.
    """
    arr = check_labels("labels", labels, classes=n_classes)
    out = np.zeros((arr.size, n_classes))
    out[np.arange(arr.size), arr] = 1.0
    return out


def as_targets(y: ArrayLike, n: int, k: int, dtype: np.dtype[Any]) -> FloatArray:
    """Validate targets for ``n`` samples and ``k`` outputs; return ``(n, k)`` rows.

    Accepts one-hot (or any real-valued) rows of shape ``(n, k)`` or integer
    class labels of shape ``(n,)``.

    Raises
    ------
    TypeError, ValueError
        If ``y`` has the wrong shape, is not finite, or holds a label out of range.
    """
    arr = np.asarray(y) if not isinstance(y, (str, bytes)) else y
    if isinstance(arr, np.ndarray) and arr.ndim == 1 and arr.dtype.kind in "iu":
        if k < 2:
            raise ValueError(f"Y as class labels needs at least 2 outputs, but the network has {k}")
        return one_hot(check_labels("Y", arr, rows=n, classes=k), k).astype(dtype, copy=False)
    out = as_float_array("Y", y, ndim=2, dtype=dtype)
    if out.shape != (n, k):
        raise ValueError(
            f"Y must have shape ({n}, {k}) (one row of {k} targets per row of X), "
            f"got shape {out.shape}"
        )
    return out


def quadratic(output: FloatArray, targets: FloatArray) -> float:
    """Mean quadratic cost ``(1/n) Σ_i ½ ‖y_i − a_i‖²`` over the rows."""
    diff = output - targets
    return float(0.5 * np.sum(diff * diff) / output.shape[0])


def quadratic_grad(output: FloatArray, targets: FloatArray) -> FloatArray:
    """Gradient of the summed quadratic cost with respect to the output: ``a − y``."""
    return output - targets


def cross_entropy(logits: FloatArray, targets: FloatArray) -> float:
    """Mean cross-entropy ``(1/n) Σ_i −Σ_k y_ik log softmax(z_i)_k`` from logits."""
    return float(-np.sum(targets * _log_softmax_unchecked(logits)) / logits.shape[0])


def cross_entropy_grad(logits: FloatArray, targets: FloatArray) -> FloatArray:
    """Gradient of the summed cross-entropy with respect to the logits.

    In general ``p Σ_k y_k − y``; for target rows that sum to 1 (one-hot or a
    probability vector) this is the familiar ``p − y``.
    """
    p = _softmax_unchecked(logits)
    p *= np.sum(targets, axis=-1, keepdims=True)
    p -= targets
    return p


def binary_cross_entropy(logits: FloatArray, targets: FloatArray) -> float:
    """Mean binary cross-entropy of sigmoid outputs, from their weighted inputs ``z``.

    ``(1/n) Σ_i Σ_j −[y_ij log σ(z_ij) + (1 − y_ij) log(1 − σ(z_ij))]``, computed as
    ``max(z, 0) + log(1 + e^(−|z|)) − y z``, which is finite for every finite ``z``.

    Examples
    --------
    >>> import numpy as np
    >>> round(binary_cross_entropy(np.array([[0.0]]), np.array([[1.0]])), 6)  # log 2
    0.693147
    >>> binary_cross_entropy(np.array([[-800.0]]), np.array([[1.0]]))
    800.0
    """
    softplus = np.maximum(logits, 0.0) + np.log1p(np.exp(-np.abs(logits)))
    return float(np.sum(softplus - targets * logits) / logits.shape[0])


def binary_cross_entropy_grad(logits: FloatArray, targets: FloatArray) -> FloatArray:
    """Gradient of the summed binary cross-entropy with respect to ``z``: ``σ(z) − y``.

    Examples
    --------
    >>> import numpy as np
    >>> binary_cross_entropy_grad(np.array([[0.0, 2.0]]), np.array([[1.0, 0.0]])).round(4)
    array([[-0.5   ,  0.8808]])
    """
    return _sigmoid_unchecked(logits) - targets
