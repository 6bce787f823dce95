"""Deep networks: why the error shrinks layer by layer, and the activations that change it.

Three derivations: the vanishing gradient of a sigmoid chain (BP2 unrolled and the bound
σ′ ≤ 1/4), and the derivatives of tanh and of the ReLU (with the convention at 0).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy
from sympy.calculus.util import maximum

from nnmath.symbolic.core import (
    Claim,
    Derivation,
    StepCheck,
    build,
    exactly,
    make_step,
    numerically,
    on_sizes,
    proved,
)
from nnmath.symbolic.sigmoid import SIGMA, SIGMA_PRIME, Sigmoid, logistic, logistic_prime

__all__ = ["derive_relu", "derive_tanh", "derive_vanishing_gradient"]

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


def _sigma_prime(t: Any) -> Any:
    s = Sigmoid(t)
    return s * (1 - s)


def _unrolled(depth: int) -> tuple[Any, Any]:
    """∂C/∂z^1 of the composed chain equals δ^L times Π w^(m+1) σ′(z^m)."""
    zs, ws, cost = _chain(depth)
    y = sympy.Symbol("y", real=True)
    delta_out = (Sigmoid(zs[-1]) - y) * _sigma_prime(zs[-1])  # BP1
    product = sympy.Mul(*(w * _sigma_prime(z) for w, z in zip(ws, zs[:-1], strict=True)))
    return sympy.diff(cost, zs[0]), delta_out * product


def _bound_holds() -> tuple[bool, str]:
    """|δ^1| ≤ (1/4)^(L−1) |δ^L| Π|w| at random chains of depth 1..4."""
    rng = np.random.default_rng(0)
    worst = 0.0
    for depth in range(1, 5):
        zs, ws, _ = _chain(depth)
        y = sympy.Symbol("y", real=True)
        delta_out = (Sigmoid(zs[-1]) - y) * _sigma_prime(zs[-1])
        product = sympy.Mul(*(w * _sigma_prime(z) for w, z in zip(ws, zs[:-1], strict=True)))
        symbols = sorted((delta_out * product).free_symbols, key=str)
        values = sympy.lambdify(
            symbols,
            [delta_out * product, delta_out * sympy.Mul(*ws)],
            modules=[{"Sigmoid": _logistic_np}, "numpy"],
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


def _logistic_np(t: Any) -> Any:
    """NumPy sigmoid for the lambdified check (stable: tanh form)."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(t, dtype=float)))


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
            "Apply BP2 again, to $\\delta^2$.",
            check=on_sizes(_unrolled, (2,)),
        ),
        make_step(
            "Unrolled to the output",
            sympy.Eq(
                delta[0],
                delta[3] * sympy.Product(w_m * SIGMA_PRIME(z_m), (m, 1, big_l - 1)),
            ),
            "Apply BP2 at every layer up to the output: the error of layer 1 is the output "
            "error times one factor $w^{m+1}\\sigma'(z^m)$ per layer. SymPy differentiates the "
            "composed cost of chains with 1 to 4 weights and finds exactly this product.",
            check=on_sizes(_unrolled, (1, 2, 3, 4)),
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
            "Each of the $L - 1$ factors $\\sigma'(z^m)$ is at most $1/4$, so each layer "
            "multiplies the error by at most $|w^{m+1}|/4$. If every $|w^{m+1}| \\le 1$, the "
            "error, and with it the gradient (BP3, BP4), shrinks at least fourfold per layer on "
            "its way down. Checked at 800 random chains with 1 to 4 weights.",
            check=numerically(_bound_holds),
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


def derive_tanh() -> Derivation:
    """tanh, its derivative 1 − tanh², its relation to σ and its largest slope 1."""
    x = _X
    tanh_def = (sympy.exp(x) - sympy.exp(-x)) / (sympy.exp(x) + sympy.exp(-x))
    steps = [
        make_step("Definition", sympy.Eq(sympy.tanh(x), tanh_def, evaluate=False)),
        make_step(
            "Differentiate",
            sympy.Eq(sympy.Derivative(sympy.tanh(x), x), 1 - sympy.tanh(x) ** 2),
            "Quotient rule on the definition: the derivative of $e^x - e^{-x}$ is "
            "$e^x + e^{-x}$ and the other way round, so the derivative is "
            "$\\bigl((e^x + e^{-x})^2 - (e^x - e^{-x})^2\\bigr)/(e^x + e^{-x})^2$, which is "
            "$1 - \\tanh^2 x$.",
            check=proved(sympy.diff(tanh_def, x), 1 - tanh_def**2),
        ),
        make_step(
            "Divide by the first exponential",
            sympy.Eq(
                sympy.tanh(x), (1 - sympy.exp(-2 * x)) / (1 + sympy.exp(-2 * x)), evaluate=False
            ),
            "Multiply numerator and denominator of the definition by $e^{-x}$.",
            check=proved(tanh_def, (1 - sympy.exp(-2 * x)) / (1 + sympy.exp(-2 * x))),
        ),
        make_step(
            "A rescaled sigmoid",
            sympy.Eq(sympy.tanh(x), 2 * SIGMA(2 * x) - 1),
            "Write $1 - e^{-2x} = 2 - (1 + e^{-2x})$: the fraction is "
            "$2/(1 + e^{-2x}) - 1$, and $1/(1 + e^{-2x}) = \\sigma(2x)$.",
            check=proved(tanh_def, 2 * logistic(2 * x) - 1),
        ),
        make_step(
            "The largest slope",
            sympy.Eq(sympy.Symbol(r"\max\,\tanh'"), 1),
            "$1 - \\tanh^2 x \\le 1$ with equality at $x = 0$: four times the sigmoid's "
            "largest slope, so a chain of tanh layers need not shrink the error.",
            check=exactly(maximum(1 - sympy.tanh(x) ** 2, x, sympy.S.Reals), 1),
        ),
    ]
    claims = [Claim("tanh′ = 1 − tanh²", sympy.diff(sympy.tanh(x), x), 1 - sympy.tanh(x) ** 2)]
    return build(
        name="tanh",
        title="The hyperbolic tangent and its derivative",
        summary="tanh′ = 1 − tanh², at most 1; tanh is a sigmoid stretched to (−1, 1).",
        steps=steps,
        result=steps[1].expr,
        claims=claims,
    )


def _relu_prime_latex(self: Any, printer: Any, exp: Any = None) -> str:
    return rf"\operatorname{{ReLU}}'\left({printer._print(self.args[0])}\right)"


def derive_relu() -> Derivation:
    """The ReLU max(0, x): derivative 0 or 1, and the convention at the corner."""
    x, h = _X, sympy.Symbol("h", real=True)
    relu = sympy.Function("ReLU")
    relu_prime = sympy.Function("ReLU′", _latex=_relu_prime_latex)
    right = sympy.Limit(sympy.Max(0, h) / h, h, 0, "+")
    left = sympy.Limit(sympy.Max(0, h) / h, h, 0, "-")

    def convention() -> tuple[bool, str]:
        r, l_ = right.doit(), left.doit()
        ok = (r, l_) == (1, 0) and sympy.Heaviside(0, 0) == 0
        return ok, f"right derivative {r}, left derivative {l_}; ReLU′(0) taken as 0"

    steps = [
        make_step("Definition", sympy.Eq(relu(x), sympy.Max(0, x))),
        make_step(
            "Differentiate away from 0",
            sympy.Eq(relu_prime(x), sympy.Piecewise((1, x > 0), (0, x < 0))),
            "For $x > 0$ the ReLU is $x$ (slope 1), for $x < 0$ it is $0$ (slope 0). SymPy "
            "differentiates $\\max(0, x)$ and gets the step function, which is this for "
            "$x \\ne 0$.",
            check=proved(sympy.diff(sympy.Max(0, x), x), sympy.Heaviside(x)),
        ),
        make_step(
            "At the corner: a convention",
            sympy.Eq(relu_prime(0), 0),
            "At $x = 0$ the slope from the right is 1 and from the left 0, so there is no "
            "derivative; implementations pick a value, usually 0. SymPy computes both "
            "one-sided limits. nnmath's backward pass uses 0 as well (the check "
            "relu-derivative-network compares it with this derivation).",
            check=StepCheck("exact arithmetic", convention),
        ),
    ]
    claims = [Claim("ReLU′ = H away from 0", sympy.diff(sympy.Max(0, x), x), sympy.Heaviside(x))]
    return build(
        name="relu",
        title="The ReLU and its derivative",
        summary="ReLU′ is 1 for x > 0 and 0 for x < 0; at 0 it is taken as 0 by convention.",
        steps=steps,
        result=steps[1].expr,
        claims=claims,
    )
