"""Input checks shared by the public functions.

Every check raises ``TypeError`` or ``ValueError`` with a message that names the
argument, says what was expected and what came instead.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def describe(value: Any) -> str:
    """Short description of ``value`` for error messages."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    return f"{type(value).__name__} {value!r}"[:120]


def as_float_array(
    name: str,
    value: ArrayLike,
    *,
    ndim: int | tuple[int, ...] | None = None,
    dtype: DTypeLike | None = None,
    allow_empty: bool = False,
    finite: bool = True,
) -> NDArray[np.floating[Any]]:
    """Convert ``value`` to a floating array and check it.

    Parameters
    ----------
    name : str
        Argument name used in error messages.
    value : array_like
        Numbers (real, not complex, not strings or objects).
    ndim : int or tuple of int, optional
        Allowed numbers of dimensions.
    dtype : dtype, optional
        Target floating dtype. By default float32 input stays float32 and
        everything else becomes float64.
    allow_empty : bool
        Whether an array with zero elements is accepted.
    finite : bool
        Whether NaN and infinity are rejected.

    Raises
    ------
    TypeError
        If ``value`` is not numeric.
    ValueError
        If it has the wrong number of dimensions, is empty, or holds NaN/inf.
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be an array of numbers, got {describe(value)}")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers, got {describe(value)}") from exc
    if arr.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must hold real numbers, got an array of dtype {arr.dtype} "
            f"(kind {arr.dtype.kind!r})"
        )
    if dtype is None:
        target = arr.dtype if arr.dtype in FLOAT_DTYPES else np.dtype(np.float64)
    else:
        target = np.dtype(dtype)
    arr = arr.astype(target, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else ndim
        if arr.ndim not in allowed:
            want = " or ".join(str(d) for d in allowed)
            raise ValueError(f"{name} must have {want} dimension(s), got shape {arr.shape}")
    if not allow_empty and arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if finite and not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must be finite, got {bad} NaN or infinite value(s)")
    return arr


def check_positive_number(name: str, value: object, *, integer: bool = False) -> None:
    """Raise unless ``value`` is a finite number > 0 (an ``int`` if ``integer``)."""
    kind = numbers.Integral if integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        what = "a positive integer" if integer else "a positive number"
        raise TypeError(f"{name} must be {what}, got {describe(value)}")
    if not np.isfinite(float(value)) or float(value) <= 0:
        what = "a positive integer" if integer else "a positive finite number"
        raise ValueError(f"{name} must be {what}, got {value!r}")


def check_choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    """Raise unless ``value`` is one of ``choices``; return it."""
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be one of {', '.join(map(repr, choices))}, got {describe(value)}"
        )
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}, got {value!r}")
    return value


def check_seed(name: str, value: object) -> None:
    """Raise unless ``value`` is ``None`` or a non-negative integer."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a non-negative integer or None, got {describe(value)}")
    if int(value) < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")


def check_labels(
    name: str,
    value: ArrayLike,
    *,
    rows: int | None = None,
    classes: int | None = None,
    binary: bool = False,
    whole_floats: bool = False,
) -> NDArray[np.int64]:
    """Class labels ``0, 1, …`` as a 1-D int64 array: the one label check of the package.

    Parameters
    ----------
    name : str
        Argument name used in error messages.
    value : array_like
        Integer (or boolean) labels; with ``whole_floats`` also floats equal to integers.
    rows : int, optional
        Required number of labels (one per row of ``X``).
    classes : int, optional
        Number of classes ``K``: labels must lie in ``0 .. K − 1``.
    binary : bool
        Labels are the two outcomes 0 and 1 (the perceptron's).
    whole_floats : bool
        Also accept floats that are whole numbers (``1.0``).

    Raises
    ------
    TypeError
        If ``value`` does not hold integers.
    ValueError
        If it is not a non-empty 1-D array, has not ``rows`` entries, or holds a label below 0
        or (with ``classes``) above ``classes − 1``.

    Examples
    --------
    >>> check_labels("y", [0, 2, 1], classes=3)
    array([0, 2, 1])
    >>> check_labels("y", [0, 3], classes=2)
    Traceback (most recent call last):
    ...
    ValueError: y labels must lie in 0..1, got values from 0 to 3
    """
    arr = np.asarray(value)
    kinds = "biuf" if whole_floats else "biu"
    if arr.dtype.kind not in kinds or (whole_floats and not np.all(np.isfinite(arr))):
        raise TypeError(f"{name} must hold integer class labels, got {describe(arr)}")
    if rows is not None and arr.shape != (rows,):
        raise ValueError(
            f"{name} must have {rows} labels (one per row of X), so {name} must have shape "
            f"({rows},); got shape {arr.shape}"
        )
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of labels, got shape {arr.shape}")
    low, high = arr.min(), arr.max()
    if binary and not np.all((arr == 0) | (arr == 1)):
        raise ValueError(f"{name} must hold only 0 and 1, got values {np.unique(arr)[:6].tolist()}")
    if whole_floats and not np.all(arr == np.round(arr)):
        raise ValueError(f"{name} must hold whole numbers, got {np.unique(arr)[:6].tolist()}")
    if low < 0 or (classes is not None and high >= classes):
        top = f"0..{classes - 1}" if classes is not None else "0 or above"
        raise ValueError(f"{name} labels must lie in {top}, got values from {low} to {high}")
    return arr.astype(np.int64)
