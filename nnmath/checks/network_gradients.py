"""The network's gradients against SymPy and against finite differences.

``Network.gradient`` against the SymPy partial derivatives of a composed cost, the activation
derivatives the backward passes use against SymPy's, and backpropagation against central
finite differences. Each public function is the body of one check: it returns
``(passed, detail)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import sympy
from numpy.typing import NDArray

from nnmath.checks.comparison import (
    BACKPROP_TOLERANCE,
    GRADCHECK_TOLERANCE,
    KERNEL_TOLERANCE,
    relative_error,
    summary,
)
from nnmath.checks.sample_points import SLOPE_POINTS, random_generator
from nnmath.finite_differences import gradcheck
from nnmath.network import Network
from nnmath.symbolic import Formula, derive

__all__ = [
    "backprop_vs_symbolic",
    "chain_network_vs_symbolic",
    "gradcheck_sigmoid",
    "gradcheck_softmax",
    "relu_derivative",
    "tanh_derivative",
]

FloatArray = NDArray[np.float64]


def _network_gradient_vector(net: Any, x: FloatArray, y: FloatArray) -> FloatArray:
    """``net.gradient`` for one sample, flattened in the order W0, b0, W1, b1, …"""
    grad_w, grad_b = net.gradient(x[np.newaxis, :], y[np.newaxis, :])
    parts: list[FloatArray] = []
    for w, b in zip(grad_w, grad_b, strict=True):
        parts += [np.asarray(w, dtype=np.float64).ravel(), np.asarray(b, dtype=np.float64)]
    return np.concatenate(parts)


def _against_symbolic(
    sizes: Sequence[int], formula: Formula, seeds: Iterable[int]
) -> tuple[bool, str]:
    errors = {}
    for seed in seeds:
        rng = random_generator(100 + seed)
        net = Network(list(sizes), hidden="sigmoid", output="sigmoid", loss="quadratic", seed=seed)
        # Parameters of order 1 rather than the small initial ones.
        net.set_params(rng.normal(0.0, 1.0, size=net.n_params))
        x = rng.normal(0.0, 1.0, size=sizes[0])
        y = rng.uniform(0.0, 1.0, size=sizes[-1])
        point = np.concatenate([x, y, net.get_params()])[np.newaxis, :]
        expected = formula.evaluate(point)
        actual = _network_gradient_vector(net, x, y)[np.newaxis, :]
        errors[f"seed {seed}"] = relative_error(actual, expected)
    ok, detail = summary(errors, BACKPROP_TOLERANCE)
    return ok, f"{formula.evaluate(point).shape[1]} partials; {detail}"


def backprop_vs_symbolic() -> tuple[bool, str]:
    """``Network.gradient`` of the 2-2-3-2 network against SymPy's 23 partial derivatives."""
    return _against_symbolic([2, 2, 3, 2], derive("backprop").formulas["gradient"], range(3))


def chain_network_vs_symbolic() -> tuple[bool, str]:
    """``Network.gradient`` of the 1-1-1 network against the two-neuron chain's partials."""
    formula = derive("chain-rule-network").formulas["gradient"]
    # The formula's argument order is x, y, w1, b1, w2, b2 = the network's W0, b0, W1, b1.
    return _against_symbolic([1, 1, 1], formula, range(3))


def _hidden_slopes(hidden: str, z: FloatArray) -> dict[str, FloatArray]:
    """The hidden activation's derivative at each ``z`` as the backward passes use it.

    A 1-1-1 network with an identity output and the quadratic cost, with ``W¹ = 1``,
    ``W² = 1`` and the input 0, so that the hidden weighted input is its bias ``b¹ = z``, and
    the target one below the output: then ``∂C/∂b¹ = δ¹ = f′(z) · 1 · 1``. Computed with the
    readable :meth:`Network.backward` and with :meth:`Network.gradient` (the work-array code).
    """
    net = Network([1, 1, 1], hidden=hidden, output="identity", loss="quadratic")
    slopes = {"Network.backward": np.empty_like(z), "Network.gradient": np.empty_like(z)}
    x = np.zeros((1, 1))
    for i, z_i in enumerate(z):
        net.set_params([1.0, z_i, 1.0, 0.0])  # W¹, b¹, W², b²
        y = net(x) - 1.0  # a² − y = 1, so δ² = 1
        slopes["Network.backward"][i] = net.backward(net.forward_pass(x), y)[1][0][0]
        slopes["Network.gradient"][i] = net.gradient(x, y)[1][0][0]
    return slopes


def relu_derivative() -> tuple[bool, str]:
    """The backward passes' ReLU derivative against SymPy's, and the convention at 0."""
    d = derive("relu")
    (x,) = d.steps[0].expr.rhs.free_symbols
    # The derivative away from 0 (a Piecewise with no value at 0), and the convention at 0.
    away = sympy.lambdify(x, d.steps[1].expr.rhs, modules="numpy")
    at_zero = float(next(s for s in d.steps if s.label.startswith("At the corner")).expr.rhs)
    z = SLOPE_POINTS
    with np.errstate(invalid="ignore"):
        expected = np.where(z == 0.0, at_zero, away(z))
    parts = []
    ok = True
    for code, actual in _hidden_slopes("relu", z).items():
        wrong = int(np.sum(actual != expected))
        ok = ok and wrong == 0
        parts.append(f"{code}: {len(z) - wrong}/{len(z)} points equal, {actual[0]:g} at 0")
    return ok, f"{'; '.join(parts)} (the derivation's convention: {at_zero:g})"


def tanh_derivative() -> tuple[bool, str]:
    """The backward passes' tanh derivative ``1 − a²`` against SymPy's, and 1 at 0."""
    d = derive("tanh")
    (x,) = d.result.lhs.free_symbols
    slope = sympy.lambdify(x, d.result.rhs, modules="numpy")
    z = SLOPE_POINTS
    at_zero = float(d.result.rhs.subs(x, 0))
    parts = []
    ok = True
    for code, actual in _hidden_slopes("tanh", z).items():
        error = relative_error(actual[:, np.newaxis], slope(z)[:, np.newaxis])
        ok = ok and error < KERNEL_TOLERANCE and actual[0] == at_zero
        parts.append(f"{code}: relative error {error:.2e}, {actual[0]:g} at 0")
    return ok, f"{'; '.join(parts)} ({len(z)} points in [-4, 4] and 0)"


def _gradcheck(configs: Sequence[tuple[list[int], str, int]]) -> tuple[bool, str]:
    """Finite differences for each (sizes, output, seed); softmax pairs with cross-entropy."""
    errors = {}
    for sizes, output, seed in configs:
        loss = "cross_entropy" if output == "softmax" else "quadratic"
        net = Network(sizes, hidden="sigmoid", output=output, loss=loss, seed=seed)
        rng = random_generator(200 + seed)
        X = rng.normal(0.0, 1.0, size=(6, sizes[0]))
        if output == "softmax":
            Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], size=6)]
        else:
            Y = rng.uniform(0.0, 1.0, size=(6, sizes[-1]))
        key = "-".join(map(str, sizes)) + f" {output}"
        errors[key] = float(gradcheck(net, X, Y))
    return summary(errors, GRADCHECK_TOLERANCE)


def gradcheck_sigmoid() -> tuple[bool, str]:
    """Backpropagation against finite differences: sigmoid networks, quadratic cost."""
    return _gradcheck(
        [([2, 2, 3, 2], "sigmoid", 0), ([3, 4, 4, 2], "sigmoid", 3), ([1, 5, 1], "sigmoid", 4)]
    )


def gradcheck_softmax() -> tuple[bool, str]:
    """Backpropagation against finite differences: softmax networks, cross-entropy cost."""
    return _gradcheck([([3, 5, 4], "softmax", 1), ([2, 3, 3, 3], "softmax", 2)])
