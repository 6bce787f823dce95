"""Small deterministic data sets used on the site and in the tests.

Every function returns the same arrays on every call and every machine.
Inputs are rows (``X`` has shape ``(n, d)``).
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath._validation import check_positive_number, check_seed, describe

Float = NDArray[np.float64]
Labels = NDArray[np.int64]

# Higham & Higham (2019), section 2: the first five points are category A, the rest B.
_HIGHAM_X1 = (0.1, 0.3, 0.1, 0.6, 0.4, 0.6, 0.5, 0.9, 0.4, 0.7)
_HIGHAM_X2 = (0.1, 0.4, 0.5, 0.9, 0.2, 0.3, 0.6, 0.2, 0.4, 0.6)

# Twenty points in the unit square; the first ten (A, fertile) lie below the
# parabola x2 = 0.8 − 1.98 (x1 − 0.45)², the last ten (B, infertile) above it,
# each at least 0.08 away from it.
_LAND20_X1 = (0.30, 0.16, 0.42, 0.67, 0.63, 0.32, 0.78, 0.35, 0.47, 0.55,
              0.14, 0.10, 0.11, 0.87, 0.95, 0.88, 0.83, 0.31, 0.34, 0.27)  # fmt: skip
_LAND20_X2 = (0.47, 0.52, 0.11, 0.45, 0.29, 0.12, 0.05, 0.13, 0.61, 0.17,
              0.94, 0.78, 0.89, 0.85, 0.39, 0.83, 0.74, 0.88, 0.94, 0.84)  # fmt: skip


def land20_boundary(x1: ArrayLike) -> NDArray[np.float64]:
    """The curve ``x2 = 0.8 − 1.98 (x1 − 0.45)²`` that separates :func:`land20`."""
    return 0.8 - 1.98 * (np.asarray(x1, dtype=np.float64) - 0.45) ** 2


def _two_class(x1: tuple[float, ...], x2: tuple[float, ...]) -> tuple[Float, Float]:
    X = np.column_stack([x1, x2]).astype(np.float64)
    half = len(x1) // 2
    Y = np.zeros((len(x1), 2))
    Y[:half, 0] = 1.0  # category A → (1, 0)
    Y[half:, 1] = 1.0  # category B → (0, 1)
    return X, Y


def higham() -> tuple[Float, Float]:
    """Higham & Higham's ten points in the unit square.

    Returns
    -------
    X : ndarray, shape (10, 2)
        Points ``(x1, x2)``.
    Y : ndarray, shape (10, 2)
        One-hot targets: ``(1, 0)`` for category A (the first five),
        ``(0, 1)`` for category B (the last five).
    """
    return _two_class(_HIGHAM_X1, _HIGHAM_X2)


def land20() -> tuple[Float, Float]:
    """Twenty fertile/infertile points that a curved boundary separates.

    Returns
    -------
    X : ndarray, shape (20, 2)
    Y : ndarray, shape (20, 2)
        ``(1, 0)`` for fertile (the first ten), ``(0, 1)`` for infertile.
    """
    return _two_class(_LAND20_X1, _LAND20_X2)


def linearly_separable(n: int = 40, *, margin: float = 0.1, seed: int = 0) -> tuple[Float, Labels]:
    """Two classes in the plane on either side of the line ``x1 + 2 x2 = 1``.

    Parameters
    ----------
    n : int
        Number of points, ``≥ 2`` (half in each class, rounding down for class 1).
    margin : float
        Every point is at least this far from the line (``> 0``).
    seed : int
        Seeds the draw; the same seed gives the same points.

    Returns
    -------
    X : ndarray, shape (n, 2)
        Points in ``[-1, 1]²``.
    y : ndarray of int, shape (n,)
        1 above the line, 0 below.

    Raises
    ------
    TypeError, ValueError
        If ``n < 2``, ``margin ≤ 0`` or ``seed`` is negative.
    """
    check_positive_number("n", n, integer=True)
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    check_positive_number("margin", margin)
    check_seed("seed", seed)
    rng = np.random.default_rng(seed)
    normal = np.array([1.0, 2.0]) / np.sqrt(5.0)
    points: list[NDArray[np.float64]] = []
    labels: list[int] = []
    while len(points) < n:
        p = rng.uniform(-1, 1, 2)
        dist = (p @ normal) - 1 / np.sqrt(5.0)
        want = len(points) % 2  # alternate classes
        if abs(dist) >= margin and (dist > 0) == bool(want):
            points.append(p)
            labels.append(want)
    return np.array(points), np.array(labels, dtype=np.int64)


def xor() -> tuple[Float, Labels]:
    """The four corners of the unit square labelled by exclusive or.

    Returns
    -------
    X : ndarray, shape (4, 2)
    y : ndarray of int, shape (4,)
        ``[0, 1, 1, 0]``: no line separates the classes.
    """
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array([0, 1, 1, 0], dtype=np.int64)


def spirals(
    n_per_class: int = 100,
    n_classes: int = 3,
    *,
    noise: float = 0.2,
    seed: int = 0,
    radii: str = "grid",
) -> tuple[Float, Labels]:
    """Interleaved spiral arms, one per class (the classic softmax toy problem).

    A point at radius ``r`` on arm ``c`` has angle ``4 (c + r)`` plus normal
    noise, and position ``r (sin θ, cos θ)``.

    Parameters
    ----------
    n_per_class : int
        Points per arm, ``≥ 1``.
    n_classes : int
        Number of arms, ``≥ 2``.
    noise : float
        Standard deviation of the angular noise, ``≥ 0``.
    seed : int
        Seeds the noise (and the radii when ``radii="uniform"``).
    radii : {"grid", "uniform"}
        ``"grid"`` (the default) spaces each arm's radii evenly from 0 to 1,
        the same radii on every arm and for every seed. ``"uniform"`` draws
        each point's radius independently and uniformly from ``[0, 1)``, so
        that a second draw has its points at radii that a grid draw (or
        another seed) does not use: held-out data that tests the arms between
        the training radii.

    Returns
    -------
    X : ndarray, shape (n_per_class · n_classes, 2)
        Points in the unit disc.
    y : ndarray of int, shape (n_per_class · n_classes,)

    Raises
    ------
    TypeError, ValueError
        For non-integer counts, ``n_classes < 2``, negative noise or seed, or
        ``radii`` other than ``"grid"`` or ``"uniform"``.

    Examples
    --------
    >>> X, y = spirals(4, 2, radii="uniform", seed=1)
    >>> X.shape, y.tolist()
    ((8, 2), [0, 0, 0, 0, 1, 1, 1, 1])
    >>> bool(np.all(np.hypot(X[:, 0], X[:, 1]) < 1))
    True
    """
    check_positive_number("n_per_class", n_per_class, integer=True)
    check_positive_number("n_classes", n_classes, integer=True)
    if n_classes < 2:
        raise ValueError(f"n_classes must be at least 2, got {n_classes}")
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real):
        raise TypeError(f"noise must be a number, got {describe(noise)}")
    if not (noise >= 0 and np.isfinite(noise)):
        raise ValueError(f"noise must be a finite number ≥ 0, got {noise!r}")
    check_seed("seed", seed)
    if not isinstance(radii, str):
        raise TypeError(f"radii must be a string, got {describe(radii)}")
    if radii not in ("grid", "uniform"):
        raise ValueError(f'radii must be "grid" or "uniform", got {radii!r}')
    rng = np.random.default_rng(seed)
    grid = np.linspace(0.0, 1.0, n_per_class)
    X = np.empty((n_per_class * n_classes, 2))
    y = np.repeat(np.arange(n_classes, dtype=np.int64), n_per_class)
    for c in range(n_classes):
        if radii == "grid":  # evenly spaced radii and angles along each arm
            radius, angle = grid, np.linspace(c * 4.0, (c + 1) * 4.0, n_per_class)
        else:
            radius = rng.uniform(0.0, 1.0, n_per_class)
            angle = 4.0 * (c + radius)
        theta = angle + noise * rng.standard_normal(n_per_class)
        rows = slice(c * n_per_class, (c + 1) * n_per_class)
        X[rows] = np.column_stack([radius * np.sin(theta), radius * np.cos(theta)])
    return X, y


def exactly_two() -> tuple[Float, Float]:
    """Every pattern of three binary inputs; the target is 1 when exactly two are 1.

    Returns
    -------
    X : ndarray, shape (8, 3)
        The eight patterns ``000 … 111``.
    Y : ndarray, shape (8, 1)
        ``1.0`` for ``011``, ``101`` and ``110``, else ``0.0``.
    """
    X = np.array([[(i >> 2) & 1, (i >> 1) & 1, i & 1] for i in range(8)], dtype=np.float64)
    Y = (X.sum(axis=1) == 2).astype(np.float64)[:, np.newaxis]
    return X, Y
