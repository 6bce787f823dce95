"""The vanishing gradient: why the error of a sigmoid chain shrinks layer by layer.

BP2 unrolled through a chain of one-neuron sigmoid layers, and the bound σ′ ≤ 1/4. The
activations that change it have their own modules, :mod:`~nnmath.symbolic.tanh` and
:mod:`~nnmath.symbolic.relu`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy
from sympy.calculus.util import maximum

from nnmath.symbolic.core import (
    Claim,
    Derivation,
    build,
    cited,
    exactly,
    make_step,
    numerically,
    on_sizes,
    proved,
    written_argument,
)
from nnmath.symbolic.references import CHAIN_RULE
from nnmath.symbolic.sigmoid import SIGMA_PRIME, Sigmoid, logistic_prime, sigmoid_prime

__all__ = ["derive_vanishing_gradient"]

_X = sympy.Symbol("x", real=True)


def _chain(depth: int) -> tuple[list[Any], list[Any], Any]:
    """A chain of ``depth + 1`` one-neuron layers: z^1..z^L as functions of z^1, the cost.

    Layer 1 is the lowest; ``z^(m+1) = w^(m+1) σ(z^m) + b^(m+1)``; ``C = ½(σ(z^L) − y)²``.
    """
    z1 = sympy.Symbol("z^1", real=True)
    ws = [sympy.Symbol(f"w^{m + 1}", real=True) for m in range(1, depth + 1)]
    bs = [sympy.Symbol(f"b^{m + 1}", real=True) for m in range(1, depth + 1)]
    zs: list[Any] = [z1]
    for w, b in zip(ws, bs, strict=True):
        zs.append(w * Sigmoid(zs[-1]) + b)
    y = sympy.Symbol("y", real=True)
    cost = (Sigmoid(zs[-1]) - y) ** 2 / 2
    return zs, ws, cost


def _backprop_product(zs: list[Any], ws: list[Any]) -> tuple[Any, Any]:
    """BP1's output error δ^L and the product Π w^(m+1) σ′(z^m) that BP2 unrolls to."""
    y = sympy.Symbol("y", real=True)
    delta_out = (Sigmoid(zs[-1]) - y) * sigmoid_prime(zs[-1])  # BP1
    product = sympy.Mul(*(w * sigmoid_prime(z) for w, z in zip(ws, zs[:-1], strict=True)))
    return delta_out, product


def _unrolled(depth: int) -> tuple[Any, Any]:
    """∂C/∂z^1 of the composed chain equals δ^L times Π w^(m+1) σ′(z^m)."""
    zs, ws, cost = _chain(depth)
    delta_out, product = _backprop_product(zs, ws)
    return sympy.diff(cost, zs[0]), delta_out * product


def _bound_holds() -> tuple[bool, str]:
    """|δ^1| ≤ (1/4)^(L−1) |δ^L| Π|w| at random chains of depth 1..4."""
    rng = np.random.default_rng(0)
    worst = 0.0
    for depth in range(1, 5):
        zs, ws, _ = _chain(depth)
        delta_out, product = _backprop_product(zs, ws)
        symbols = sorted((delta_out * product).free_symbols, key=str)
        values = sympy.lambdify(
            symbols,
            [
                (delta_out * product).rewrite(sympy.exp),
                (delta_out * sympy.Mul(*ws)).rewrite(sympy.exp),
            ],
            modules="numpy",
        )
        for _ in range(200):
            point = rng.normal(0.0, 3.0, len(symbols))
            delta_1, delta_times_w = values(*point)
            ratio = abs(delta_1) / (0.25**depth * abs(delta_times_w))
            worst = max(worst, float(ratio))
    return worst <= 1.0, (
        f"largest |δ¹| / ((1/4)^(L−1) |δᴸ| Π|w|) over 800 random chains of depth 1..4: "
        f"{worst:.3f} (must be ≤ 1)"
    )


def derive_vanishing_gradient() -> Derivation:
    """BP2 unrolled through a chain of sigmoid layers, and the bound σ′ ≤ 1/4.

    Examples
    --------
    >>> from nnmath.symbolic import derive
    >>> derive("vanishing-gradient").data["sigma_prime_max"]
    1/4
    """
    s = sympy.Symbol("sigma", positive=True)
    delta = [sympy.Symbol(f"delta^{m}") for m in (1, 2, 3, "L")]
    z = [sympy.Symbol(f"z^{m}", real=True) for m in (1, 2, 3)]
    w = [sympy.Symbol(f"w^{m}", real=True) for m in (2, 3, 4)]
    m, big_l = sympy.Symbol("m", integer=True), sympy.Symbol("L", integer=True)
    # Display only: the layer index m as a superscript, as in the rest of the chapter.
    w_m, z_m = sympy.Symbol("w^{m+1}", real=True), sympy.Symbol("z^m", real=True)
    b_m = sympy.Symbol("b^{m+1}", real=True)
    delta_m, delta_next = sympy.Symbol("delta^m"), sympy.Symbol("delta^{m+1}")
    z_next = w_m * Sigmoid(z_m) + b_m  # z^(m+1) as a function of z^m, for a symbolic m
    local = sympy.Derivative(sympy.Symbol("z^{m+1}", real=True), z_m)
    peak = maximum(logistic_prime(_X), _X, sympy.S.Reals)
    steps = [
        make_step(
            "BP2 with one neuron per layer",
            sympy.Eq(delta[0], SIGMA_PRIME(z[0]) * w[0] * delta[1]),
            "A chain of layers of width 1: BP2 has a single term.",
        ),
        make_step(
            "One layer further",
            sympy.Eq(delta[0], SIGMA_PRIME(z[0]) * w[0] * SIGMA_PRIME(z[1]) * w[1] * delta[2]),
            "Apply BP2 again, to $\\delta^2$. SymPy proves it for this chain of three layers by "
            "differentiating its composed cost.",
            check=proved(*_unrolled(2)),
        ),
        make_step(
            "The local derivative, any layer",
            sympy.Eq(local, w_m * SIGMA_PRIME(z_m)),
            "For any layer $m$ of the chain, $z^{m+1} = w^{m+1}\\sigma(z^m) + b^{m+1}$; "
            "SymPy differentiates it with respect to $z^m$, with $m$ left symbolic.",
            check=proved(sympy.diff(z_next, z_m), w_m * sigmoid_prime(z_m)),
        ),
        make_step(
            "One layer, any m",
            sympy.Eq(delta_m, w_m * SIGMA_PRIME(z_m) * delta_next),
            "The cost depends on $z^m$ only through $z^{m+1}$, so by the chain rule "
            "$\\delta^m = \\partial C/\\partial z^m = \\delta^{m+1}\\, "
            "\\partial z^{m+1}/\\partial z^m$, and step 3 gives the local derivative. This is "
            "BP2 for a chain of width 1, for every layer $m$.",
            check=cited("the chain rule", CHAIN_RULE),
        ),
        make_step(
            "Unrolled to the output",
            sympy.Eq(
                delta[0],
                delta[3] * sympy.Product(w_m * SIGMA_PRIME(z_m), (m, 1, big_l - 1)),
            ),
            "Apply BP2 at every layer up to the output: the error of layer 1 is the output "
            "error times one factor $w^{m+1}\\sigma'(z^m)$ per layer: a written induction on the "
            "depth, whose step is the one-layer identity of step 4 (the chain rule with the "
            "local derivative of step 3, for a symbolic $m$). Supporting evidence: SymPy "
            "differentiates the composed cost of chains with 1 to 4 weights and finds exactly "
            "this product.",
            check=written_argument(
                "the written induction over the layers",
                ["The local derivative, any layer"],
                "for every depth",
                evidence=on_sizes(_unrolled, (1, 2, 3, 4)),
            ),
        ),
        make_step(
            "σ′ as a square",
            sympy.Eq(
                sympy.Add(sympy.Rational(1, 4), -s * (1 - s), evaluate=False),
                sympy.Add(s, -sympy.Rational(1, 2), evaluate=False) ** 2,
            ),
            "With $\\sigma' = \\sigma(1 - \\sigma)$ (chapter 3), complete the square.",
            order="none",
            check=proved(sympy.Rational(1, 4) - s * (1 - s), (s - sympy.Rational(1, 2)) ** 2),
        ),
        make_step(
            "The largest value of σ′",
            sympy.Eq(sympy.Symbol(r"\max\,\sigma'"), peak),
            "A square is never negative, so $\\sigma'(x) \\le 1/4$, with equality only where "
            "$\\sigma(x) = 1/2$, at $x = 0$. SymPy also finds the maximum of "
            "$\\sigma(x)(1 - \\sigma(x))$ over the real line directly.",
            check=exactly(peak, sympy.Rational(1, 4)),
        ),
        make_step(
            "The bound",
            sympy.LessThan(
                sympy.Abs(delta[0]),
                sympy.UnevaluatedExpr(sympy.Rational(1, 4)) ** (big_l - 1)
                * sympy.Abs(delta[3])
                * sympy.Product(sympy.Abs(w_m), (m, 1, big_l - 1)),
            ),
            "Take absolute values in step 5: $|\\delta^1| = |\\delta^L| \\prod_m |w^{m+1}|\\, "
            "\\sigma'(z^m)$, since $\\sigma' > 0$; each of the $L - 1$ factors "
            "$\\sigma'(z^m)$ is at most $1/4$ (step 7), so each layer multiplies the error by at "
            "most $|w^{m+1}|/4$. If every $|w^{m+1}| \\le 1$, the factor $\\delta$ that BP3 and "
            "BP4 carry into the gradient shrinks at least fourfold per layer on its way down "
            "(the gradient of a weight also carries an activation $a^{l-1}$, which this bound "
            "does not touch). A written argument; supporting evidence: 800 random chains with "
            "1 to 4 weights.",
            check=written_argument(
                "the written bound from σ′ ≤ 1/4",
                ["The largest value of σ′"],
                evidence=numerically(_bound_holds),
            ),
        ),
    ]
    claims = [
        Claim("σ′(x) ≤ 1/4: its maximum over the reals is 1/4", peak, sympy.Rational(1, 4)),
        Claim("σ′(0) = 1/4", logistic_prime(sympy.Integer(0)), sympy.Rational(1, 4)),
    ]
    return build(
        name="vanishing-gradient",
        title="The vanishing gradient of a sigmoid chain",
        summary="Each sigmoid layer multiplies the error by at most a quarter of its weight.",
        steps=steps,
        result=steps[-1].expr,
        claims=claims,
        data={"sigma_prime_max": peak},
    )
