"""Activation kernels: sigmoid, its derivative, step, softmax and log-softmax.

All of them accept any finite input without overflow or floating-point warnings.
Softmax and log-softmax act along the last axis.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath._validation import as_float_array

FloatArray = NDArray[np.floating[Any]]


def _sigmoid_unchecked(x: FloatArray) -> FloatArray:
    # exp(-|x|) never overflows; for x >= 0 use 1/(1+e^-x), for x < 0 use e^x/(1+e^x).
    e = np.exp(-np.abs(x))
    result = np.where(x >= 0, 1.0, e).astype(x.dtype, copy=False)
    np.divide(result, 1.0 + e, out=result)
    return result


def sigmoid(x: ArrayLike) -> FloatArray:
    """Logistic sigmoid ``σ(x) = 1 / (1 + e^(−x))``, element-wise.

    Parameters
    ----------
    x : array_like
        Any shape; finite real numbers.

    Returns
    -------
    ndarray
        Same shape as ``x``, values in ``[0, 1]`` (float32 stays float32).

    Raises
    ------
    TypeError
        If ``x`` is not numeric.
    ValueError
        If ``x`` is empty or holds NaN or infinity.
    """
    arr = as_float_array("x", x)
    return _sigmoid_unchecked(arr)


def sigmoid_prime(x: ArrayLike) -> FloatArray:
    """Derivative of the sigmoid, ``σ′(x) = σ(x)(1 − σ(x))``, element-wise.

    ``x``, the shape and dtype of the result, and the errors are as for :func:`sigmoid`; the
    values lie in ``[0, 1/4]``.
    """
    s = sigmoid(x)
    return s * (1.0 - s)


def step(x: ArrayLike) -> FloatArray:
    """Heaviside step used by the perceptron: 1 where ``x ≥ 0``, else 0.

    ``x``, the shape and dtype of the result, and the errors are as for :func:`sigmoid`; the
    values are 0.0 and 1.0.
    """
    arr = as_float_array("x", x)
    return (arr >= 0).astype(arr.dtype)


def _shift_by_max(z: FloatArray) -> FloatArray:
    # A spread of logits wider than the float range saturates to -inf (probability 0).
    with np.errstate(over="ignore"):
        shifted: FloatArray = z - np.max(z, axis=-1, keepdims=True)
    return shifted


def _log_softmax_unchecked(z: FloatArray) -> FloatArray:
    # softmax(z) = softmax(z − max z): the largest exponent becomes e^0 = 1.
    shifted = _shift_by_max(z)
    out: FloatArray = shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
    return out


def _softmax_unchecked(z: FloatArray) -> FloatArray:
    e = np.exp(_shift_by_max(z))
    e /= np.sum(e, axis=-1, keepdims=True)
    return e


def _check_logits(z: ArrayLike) -> FloatArray:
    # Softmax acts along the last axis, so z needs one: a scalar is refused.
    return as_float_array("z", z, ndim=tuple(range(1, 33)))


def softmax(z: ArrayLike) -> FloatArray:
    """Softmax along the last axis, ``p_j = e^(z_j) / Σ_k e^(z_k)``.

    Computed as ``softmax(z − max z)``, which is the same function and never
    overflows.

    Parameters
    ----------
    z : array_like
        Shape ``(..., K)`` with ``K ≥ 1``; finite real numbers (logits).

    Returns
    -------
    ndarray
        Same shape as ``z``; each row is positive or zero and sums to 1.

    Raises
    ------
    TypeError, ValueError
        As for :func:`sigmoid`; also if ``z`` is a scalar.
    """
    return _softmax_unchecked(_check_logits(z))


def log_softmax(z: ArrayLike) -> FloatArray:
    """Logarithm of the softmax along the last axis, computed without ``log(0)``.

    Parameters
    ----------
    z : array_like
        Shape ``(..., K)``; finite real numbers (logits).

    Returns
    -------
    ndarray
        Same shape as ``z``; every entry is finite and ``≤ 0``.

    Raises
    ------
    TypeError, ValueError
        As for :func:`softmax`.
    """
    return _log_softmax_unchecked(_check_logits(z))
