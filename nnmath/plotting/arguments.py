"""Checks of the figure functions' arguments, with errors that name the argument."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnmath._validation import describe

FloatArray = NDArray[np.floating[Any]]


def check_real(name: str, value: object, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    out = float(value)
    if not math.isfinite(out):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if positive and out <= 0:
        raise ValueError(f"{name} must be positive, got {value!r}")
    return out


def check_int(name: str, value: object, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {describe(value)}")
    out = int(value)
    if out < low or (high is not None and out > high):
        want = f"at least {low}" if high is None else f"between {low} and {high}"
        raise ValueError(f"{name} must be {want}, got {out}")
    return out


def check_str(name: str, value: object, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        want = "a string or None" if optional else "a string"
        raise TypeError(f"{name} must be {want}, got {describe(value)}")
    return value


def check_limits(name: str, value: object) -> tuple[float, float]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != 2:
        raise TypeError(f"{name} must be a pair (low, high) of numbers, got {describe(value)}")
    lo = check_real(f"{name}[0]", value[0])
    hi = check_real(f"{name}[1]", value[1])
    if not lo < hi:
        raise ValueError(f"{name} must satisfy low < high, got ({lo!r}, {hi!r})")
    return lo, hi


def check_names(name: str, value: object, count: int) -> list[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a sequence of {count} strings, got {describe(value)}")
    if len(value) != count:
        raise ValueError(f"{name} must have {count} entries (one per class), got {len(value)}")
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"{name} must hold strings, got {describe(item)}")
    return list(value)
