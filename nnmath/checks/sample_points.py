"""The points the numerical checks evaluate at: seeded logits, targets and outputs.

Each generator takes a seeded ``numpy.random.Generator`` and a class count ``k`` and returns
one row per sample, the arguments of a lambdified formula side by side, so that a check is
reproducible from its seed.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "SLOPE_POINTS",
    "logits",
    "logits_and_targets",
    "moderate_logits",
    "outputs_and_targets",
    "random_generator",
    "split",
    "targets",
]

FloatArray = NDArray[np.float64]

#: Points where the activation derivatives are compared: 0 exactly, then both sides of it.
SLOPE_POINTS: FloatArray = np.concatenate([[0.0], np.linspace(-4.0, 4.0, 80), [-1e-300, 1e-300]])

#: Samples per generated batch.
_ROWS = 300


def random_generator(seed: int) -> np.random.Generator:
    """The random generator of the check seeded ``seed``."""
    return np.random.default_rng(seed)


def logits(generator: np.random.Generator, k: int) -> FloatArray:
    """Logits from N(0, 9), shape ``(300, k)``: confident and unsure predictions alike.

    Examples
    --------
    >>> logits(random_generator(0), 3).shape
    (300, 3)
    """
    return 3.0 * generator.standard_normal((_ROWS, k))


def moderate_logits(generator: np.random.Generator, k: int) -> FloatArray:
    """Logits from N(0, 1), shape ``(300, k)``.

    For a very confident prediction the loss −log p and the gradient p − y are differences of
    nearly equal numbers, and neither float64 formula is accurate to 1e-12 relative there.
    """
    return generator.standard_normal((_ROWS, k))


def targets(generator: np.random.Generator, n: int, k: int) -> FloatArray:
    """Half one-hot rows, half random probability vectors (all rows sum to 1), shape ``(n, k)``.

    Examples
    --------
    >>> y = targets(random_generator(0), 4, 3)
    >>> y.shape, bool(np.allclose(y.sum(axis=1), 1.0))
    ((4, 3), True)
    """
    one_hot = np.eye(k)[generator.integers(0, k, size=n // 2)]
    soft = generator.dirichlet(np.ones(k), size=n - n // 2)
    return np.vstack([one_hot, soft])


def logits_and_targets(generator: np.random.Generator, k: int) -> FloatArray:
    """Moderate logits and targets side by side, shape ``(300, 2k)``."""
    z = moderate_logits(generator, k)
    return np.hstack([z, targets(generator, z.shape[0], k)])


def outputs_and_targets(generator: np.random.Generator, k: int) -> FloatArray:
    """Outputs and targets uniform in [0, 1], side by side, shape ``(300, 2k)``."""
    return generator.uniform(0.0, 1.0, size=(_ROWS, 2 * k))


def split(points: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The two halves of rows made by the generators above: ``(n, 2k)`` to two ``(n, k)``.

    Examples
    --------
    >>> first, second = split(np.arange(8.0).reshape(2, 4))
    >>> first.tolist(), second.tolist()
    ([[0.0, 1.0], [4.0, 5.0]], [[2.0, 3.0], [6.0, 7.0]])
    """
    k = points.shape[1] // 2
    return points[:, :k], points[:, k:]
