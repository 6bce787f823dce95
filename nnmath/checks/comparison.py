"""How the numerical checks compare: the tolerances, :func:`relative_error` and
:func:`compare_with_formula` (a NumPy kernel against a lambdified SymPy formula).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

if TYPE_CHECKING:
    from nnmath.symbolic import Formula

__all__ = [
    "BACKPROP_TOLERANCE",
    "GRADCHECK_TOLERANCE",
    "KERNEL_TOLERANCE",
    "compare_with_formula",
    "relative_error",
    "summary",
]

#: Largest relative error of a NumPy kernel against the lambdified SymPy expression.
KERNEL_TOLERANCE = 1e-12
#: Largest relative error of ``Network.gradient`` against the SymPy partial derivatives.
BACKPROP_TOLERANCE = 1e-10
#: Largest :func:`nnmath.gradcheck` error of backpropagation against finite differences.
GRADCHECK_TOLERANCE = 1e-6

FloatArray = NDArray[np.float64]


def relative_error(actual: ArrayLike, expected: ArrayLike) -> float:
    """Largest row-wise relative error ``max|a − e| / max|e|`` over the rows.

    Each row (a sample: one value, or one vector such as a softmax output) is
    compared in the max norm relative to the size of the expected row; a
    vector entry that is tiny because of cancellation is thus not judged on
    its own.

    Parameters
    ----------
    actual, expected : array_like, shape (n, m) or (n,)
        Same shape.

    Returns
    -------
    float
        ``inf`` if ``actual`` holds NaN or infinity.

    Raises
    ------
    ValueError
        If the shapes differ or the arrays are empty.
    """
    a = np.asarray(actual, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    if a.shape != e.shape:
        raise ValueError(f"shapes differ: {a.shape} and {e.shape}")
    if a.size == 0:
        raise ValueError("cannot compare empty arrays")
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(e))):
        return float("inf")
    a2 = a.reshape(a.shape[0], -1) if a.ndim else a.reshape(1, 1)
    e2 = e.reshape(a2.shape)
    scale = np.maximum(np.max(np.abs(e2), axis=1), np.finfo(np.float64).tiny)
    return float(np.max(np.max(np.abs(a2 - e2), axis=1) / scale))


def compare_with_formula(
    kernel: Callable[[FloatArray], ArrayLike],
    formula: Formula,
    points: FloatArray,
    tolerance: float,
) -> tuple[bool, float]:
    """Evaluate ``kernel`` and the lambdified ``formula`` at ``points`` and compare.

    Parameters
    ----------
    kernel : callable
        Takes ``points`` of shape ``(n, k)`` and returns ``n`` rows of ``m``
        values (any shape that reshapes to ``(n, m)``).
    formula : Formula
        ``m`` SymPy expressions in ``k`` arguments.
    points : ndarray, shape (n, k)
    tolerance : float
        Largest accepted :func:`relative_error`.

    Returns
    -------
    passed : bool
    error : float
        The measured relative error.
    """
    expected = formula.evaluate(points)
    actual = np.asarray(kernel(points), dtype=np.float64).reshape(expected.shape)
    error = relative_error(actual, expected)
    return error < tolerance, error


def summary(errors: dict[str, float], tolerance: float) -> tuple[bool, str]:
    """Whether the largest of ``errors`` is below ``tolerance``, and a detail listing them all.

    Examples
    --------
    >>> summary({"K=2": 1e-15, "K=3": 3e-14}, 1e-12)
    (True, 'largest relative error 3.00e-14 (K=2: 1.0e-15, K=3: 3.0e-14)')
    """
    worst = max(errors.values())
    parts = ", ".join(f"{key}: {err:.1e}" for key, err in errors.items())
    return worst < tolerance, f"largest relative error {worst:.2e} ({parts})"
