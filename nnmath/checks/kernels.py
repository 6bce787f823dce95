"""The NumPy kernels against the lambdified SymPy expressions they implement.

Each function here is the body of one check (see :func:`nnmath.checks.model.timed`): it
evaluates an nnmath kernel and the derivation's :class:`~nnmath.symbolic.Formula` at seeded
points and returns ``(passed, detail)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath import activations, losses
from nnmath.checks.comparison import (
    KERNEL_TOLERANCE,
    compare_with_formula,
    relative_error,
    summary,
)
from nnmath.checks.sample_points import (
    logits,
    logits_and_targets,
    outputs_and_targets,
    random_generator,
    split,
)
from nnmath.symbolic import derive

__all__ = [
    "CLASS_COUNTS",
    "binary_cross_entropy_kernel",
    "cross_entropy_grad_kernel",
    "cross_entropy_kernel",
    "cross_entropy_likelihood_kernel",
    "log_softmax_kernel",
    "quadratic_kernel",
    "sigmoid_kernel",
    "sigmoid_prime_kernel",
    "softmax_kernel",
]

#: The class counts K the softmax and loss kernels are compared for.
CLASS_COUNTS = (2, 3, 4, 5)

FloatArray = NDArray[np.float64]
PointMaker = Callable[[np.random.Generator, int], FloatArray]


def _sigmoid_family_kernel(
    kernel: Callable[[FloatArray], ArrayLike], key: str, seed: int
) -> tuple[bool, float]:
    """``kernel`` against the sigmoid derivation's formula ``key`` at 1000 points in [−6, 6]."""
    points = random_generator(seed).uniform(-6.0, 6.0, size=(1000, 1))
    formula = derive("sigmoid").formulas[key]
    return compare_with_formula(lambda p: kernel(p[:, 0]), formula, points, KERNEL_TOLERANCE)


def sigmoid_kernel() -> tuple[bool, str]:
    """``nnmath.sigmoid`` against the derivation's sigmoid at 1000 points in [−6, 6]."""
    ok, err = _sigmoid_family_kernel(activations.sigmoid, "sigmoid", seed=0)
    return ok, f"relative error {err:.2e} at 1000 points in [-6, 6]"


def sigmoid_prime_kernel() -> tuple[bool, str]:
    """``nnmath.sigmoid_prime`` against SymPy's derivative at 1000 points in [−6, 6]."""
    # Within [−6, 6] the float64 kernel σ(1 − σ) is accurate to ~1e-13 relative;
    # far out 1 − σ cancels and no formula in σ can be accurate.
    ok, err = _sigmoid_family_kernel(activations.sigmoid_prime, "sigmoid_prime", seed=1)
    return ok, f"relative error {err:.2e} at 1000 points in [-6, 6] (against SymPy's derivative)"


def _per_k(
    seed: int,
    derivation: str,
    key: str,
    kernel: Callable[[FloatArray], ArrayLike],
    make_points: PointMaker,
) -> tuple[bool, str]:
    """``kernel`` against the formula ``{key}_{k}`` of ``derivation`` for each class count."""
    generator = random_generator(seed)
    errors = {}
    for k in CLASS_COUNTS:
        formula = derive(derivation).formulas[f"{key}_{k}"]
        _, errors[f"K={k}"] = compare_with_formula(
            kernel, formula, make_points(generator, k), KERNEL_TOLERANCE
        )
    return summary(errors, KERNEL_TOLERANCE)


def _row_by_row(loss: Callable[[FloatArray, FloatArray], float]) -> Callable[[FloatArray], Any]:
    """A per-sample kernel: the batch loss of each row on its own."""

    def kernel(points: FloatArray) -> FloatArray:
        first, second = split(points)
        return np.array([loss(first[i : i + 1], second[i : i + 1]) for i in range(len(points))])

    return kernel


def _batch_mean(
    seed: int, derivation: str, key: str, loss: Callable[[FloatArray, FloatArray], float],
    make_points: PointMaker,
) -> tuple[bool, str]:  # fmt: skip
    """The kernel's batch loss against the mean of the lambdified per-sample loss."""
    generator = random_generator(seed)
    errors = {}
    for k in CLASS_COUNTS:
        points = make_points(generator, k)
        expected = derive(derivation).formulas[f"{key}_{k}"].evaluate(points).mean()
        errors[f"K={k} mean"] = relative_error([loss(*split(points))], [expected])
    return summary(errors, KERNEL_TOLERANCE)


def _both(*parts: tuple[bool, str]) -> tuple[bool, str]:
    return all(ok for ok, _ in parts), "; ".join(detail for _, detail in parts)


def softmax_kernel() -> tuple[bool, str]:
    """``nnmath.softmax`` against the SymPy softmax for each class count."""
    return _per_k(2, "softmax", "softmax", activations.softmax, logits)


def log_softmax_kernel() -> tuple[bool, str]:
    """``nnmath.log_softmax`` against the SymPy log-softmax for each class count."""
    return _per_k(3, "softmax", "log_softmax", activations.log_softmax, logits)


def cross_entropy_grad_kernel() -> tuple[bool, str]:
    """``nnmath.losses.cross_entropy_grad`` against the SymPy gradient ``p − y``."""
    return _per_k(
        4,
        "softmax-cross-entropy",
        "cross_entropy_grad",
        lambda p: losses.cross_entropy_grad(*split(p)),
        logits_and_targets,
    )


def cross_entropy_kernel() -> tuple[bool, str]:
    """The cross-entropy loss against SymPy's, per sample and as a batch mean."""
    kernel = _row_by_row(lambda z, y: losses.cross_entropy(z, y))
    return _both(
        _per_k(5, "softmax-cross-entropy", "cross_entropy", kernel, logits_and_targets),
        _batch_mean(
            6, "softmax-cross-entropy", "cross_entropy", losses.cross_entropy, logits_and_targets
        ),
    )


def quadratic_kernel() -> tuple[bool, str]:
    """The quadratic loss against SymPy's, per sample and as a batch mean."""
    kernel = _row_by_row(lambda a, y: losses.quadratic(a, y))
    return _both(
        _per_k(7, "backprop", "quadratic_cost", kernel, outputs_and_targets),
        _batch_mean(8, "backprop", "quadratic_cost", losses.quadratic, outputs_and_targets),
    )


def binary_cross_entropy_kernel() -> tuple[bool, str]:
    """The binary cross-entropy and its gradient ``σ(z) − y`` against SymPy's, per sample."""
    generator = random_generator(9)
    points = np.column_stack([3.0 * generator.standard_normal(200), generator.uniform(0, 1, 200)])
    derivation = derive("binary-cross-entropy")
    errors = {}
    for key, kernel in (
        ("binary_cross_entropy", _row_by_row(losses.binary_cross_entropy)),
        ("binary_cross_entropy_grad", lambda p: losses.binary_cross_entropy_grad(*split(p))),
    ):
        _, errors[key] = compare_with_formula(
            kernel, derivation.formulas[key], points, KERNEL_TOLERANCE
        )
    return summary(errors, KERNEL_TOLERANCE)


def cross_entropy_likelihood_kernel() -> tuple[bool, str]:
    """N times the batch cross-entropy against −log ∏_i ∏_k p_ik^(y_ik) of 20 one-hot points."""
    generator = random_generator(10)
    errors = {}
    for k in CLASS_COUNTS:
        z = generator.standard_normal((20, k))
        y = np.eye(k)[generator.integers(0, k, size=20)]
        likelihood = np.prod(activations.softmax(z) ** y)
        errors[f"K={k}"] = relative_error([20 * losses.cross_entropy(z, y)], [-np.log(likelihood)])
    return summary(errors, KERNEL_TOLERANCE)
