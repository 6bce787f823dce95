"""The perceptron library against Novikoff's bound: the body of one check."""

from __future__ import annotations

__all__ = ["perceptron_bound"]


def perceptron_bound() -> tuple[bool, str]:
    """``nnmath.train_perceptron`` makes at most ``(R/γ)²`` updates on separable data."""
    from nnmath import datasets, perceptron

    parts, ok = [], True
    for seed, (gap, eta) in enumerate(((0.05, 1.0), (0.1, 0.1), (0.2, 1.0), (0.3, 2.0))):
        X, y = datasets.linearly_separable(40, margin=gap, seed=seed)
        run = perceptron.train_perceptron(X, y, learning_rate=eta, max_epochs=10_000)
        bound = perceptron.margin_bound(X, y, w=[1.0, 2.0], b=-1.0)["bound"]
        ok &= run.converged and run.updates <= bound
        parts.append(f"gap {gap}, η = {eta}: {run.updates} ≤ {bound:.0f}")
    return ok, "updates ≤ (R/γ)² for nnmath.train_perceptron (" + "; ".join(parts) + ")"
