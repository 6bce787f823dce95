"""A sigmoid output with binary cross-entropy: the output error is a − y, with no σ′ factor.

Next to it, the quadratic cost's error (a − y) σ′(z), and the identity that makes the
binary case a special case of softmax with cross-entropy: softmax([z, 0])₁ = σ(z), and
the two-class cross-entropy on the logits (z, 0) is the binary cross-entropy of σ(z).
"""

from __future__ import annotations

import sympy

from nnmath.symbolic.core import Claim, Derivation, Formula, build, make_step, proved
from nnmath.symbolic.sigmoid import SIGMA, SIGMA_PRIME, logistic, logistic_prime

__all__ = ["derive_binary_cross_entropy"]


def derive_binary_cross_entropy() -> Derivation:
    """C = −[y log a + (1 − y) log(1 − a)] with a = σ(z): ∂C/∂z = a − y for every z and y.

    Every step is proved by SymPy for all real ``z`` and ``y`` (the target need not be 0 or
    1), with σ written out as ``1/(1 + e^(−z))`` in the proofs.
    """
    z = sympy.Symbol("z", real=True)
    y = sympy.Symbol("y", real=True)
    a = sympy.Symbol("a", positive=True)  # the value σ(z), strictly between 0 and 1
    cost = sympy.Symbol("C", real=True)
    bce_in_a = -(y * sympy.log(a) + (1 - y) * sympy.log(1 - a))
    bce = bce_in_a.subs(a, logistic(z))
    dc_da = sympy.factor(sympy.diff(bce_in_a, a))
    # (a − y)/(a(1 − a)), written in that order for display.
    dc_da_shown = sympy.Mul(
        sympy.Add(a, -y, evaluate=False),
        sympy.Pow(
            sympy.Mul(a, sympy.Add(1, -a, evaluate=False), evaluate=False), -1, evaluate=False
        ),
        evaluate=False,
    )
    error_shown = sympy.Add(SIGMA(z), -y, evaluate=False)
    quadratic = (logistic(z) - y) ** 2 / 2
    shown = SIGMA(z)
    delta = sympy.Derivative(cost, z)
    # Two classes with logits (z, 0) and target (y, 1 − y).
    p_first = sympy.exp(z) / (sympy.exp(z) + sympy.exp(0))
    p_second = 1 / (sympy.exp(z) + 1)
    two_class = -(y * sympy.log(p_first) + (1 - y) * sympy.log(p_second))
    steps = [
        make_step("Binary cross-entropy", sympy.Eq(cost, bce_in_a.subs(a, shown))),
        make_step(
            "Differentiate in the output",
            sympy.Eq(sympy.Derivative(cost, a), dc_da_shown, evaluate=False),
            r"Write $a = \sigma(z)$ and differentiate step 1 in $a$: $-y/a + (1 - y)/(1 - a)$, "
            r"over the common denominator $a(1 - a)$.",
            check=proved(sympy.Derivative(bce_in_a, a), (a - y) / (a * (1 - a))),
            order="none",
        ),
        make_step(
            "Chain rule through the sigmoid",
            sympy.Eq(delta, sympy.Mul(dc_da_shown, SIGMA_PRIME(z), evaluate=False), evaluate=False),
            r"$C$ depends on $z$ only through $a = \sigma(z)$, so $\partial C/\partial z$ is "
            r"step 2 times $\sigma'(z)$; SymPy differentiates the cost written out in $z$.",
            check=proved(sympy.Derivative(bce, z), dc_da.subs(a, logistic(z)) * logistic_prime(z)),
            order="none",
        ),
        make_step(
            "The σ′ factor cancels",
            sympy.Eq(delta, error_shown, evaluate=False),
            r"$\sigma'(z) = \sigma(z)(1 - \sigma(z)) = a(1 - a)$ (the sigmoid derivation) is "
            r"exactly the denominator of step 2: the output error is $a - y$, for every $z$ "
            r"and every target $y$.",
            check=proved(sympy.Derivative(bce, z), logistic(z) - y),
            order="none",
        ),
        make_step(
            "The quadratic cost, for comparison",
            sympy.Eq(
                sympy.Derivative(sympy.Pow(error_shown, 2, evaluate=False) / 2, z),
                sympy.Mul(error_shown, SIGMA_PRIME(z), evaluate=False),
                evaluate=False,
            ),
            r"For $C = \frac12 (a - y)^2$ the chain rule leaves the factor $\sigma'(z)$, which "
            r"is at most $1/4$ and nearly 0 when $|z|$ is large: a saturated neuron that is "
            r"wrong gets a small error.",
            check=proved(sympy.Derivative(quadratic, z), (logistic(z) - y) * logistic_prime(z)),
            order="none",
        ),
        make_step(
            "Softmax of (z, 0)",
            sympy.Eq(p_first, shown, evaluate=False),
            r"With two logits $(z, 0)$, softmax gives the first class $e^{z}/(e^{z} + 1)$; "
            r"divide top and bottom by $e^{z}$ to get $1/(1 + e^{-z}) = \sigma(z)$.",
            check=proved(p_first, logistic(z)),
        ),
        make_step(
            "Two classes are the binary case",
            sympy.Eq(
                -(y * sympy.log(sympy.Symbol("p_1")) + (1 - y) * sympy.log(sympy.Symbol("p_2"))),
                bce_in_a.subs(a, shown),
                evaluate=False,
            ),
            r"The cross-entropy of the target $(y, 1 - y)$ against $(p_1, p_2)$, the softmax of "
            r"$(z, 0)$, is step 1: $p_1 = \sigma(z)$ by step 6 and $p_2 = 1 - \sigma(z)$. So a "
            r"sigmoid output with binary cross-entropy is softmax with cross-entropy for two "
            r"classes, and its error $a - y$ is the first entry of $\mathbf{p} - \mathbf{y}$.",
            check=proved(two_class, bce),
        ),
    ]
    claims = [
        Claim(
            "∂C/∂z = σ(z) − y for C = −[y log σ(z) + (1 − y) log(1 − σ(z))]",
            sympy.Derivative(bce, z),
            logistic(z) - y,
        ),
        Claim(
            "∂/∂z ½(σ(z) − y)² = (σ(z) − y) σ′(z)",
            sympy.Derivative(quadratic, z),
            (logistic(z) - y) * logistic_prime(z),
        ),
        Claim("softmax([z, 0])₁ = σ(z)", p_first, logistic(z)),
        Claim("two-class cross-entropy on (z, 0) = binary cross-entropy", two_class, bce),
    ]
    return build(
        name="binary-cross-entropy",
        title="A sigmoid output with cross-entropy: the error is $a - y$",
        summary=(
            r"With the binary cross-entropy the factor $\sigma'(z)$ cancels and the output error "
            r"is $a - y$; the quadratic cost keeps it."
        ),
        steps=steps,
        result=steps[3].expr,
        claims=claims,
        order="none",
        symbols={"z": z, "y": y, "a": a, "C": cost},
        formulas={
            "binary_cross_entropy": Formula((bce,), (z, y)),
            "binary_cross_entropy_grad": Formula((logistic(z) - y,), (z, y)),
        },
        data={"output_error": steps[3].expr, "quadratic_error": steps[4].expr},
    )
