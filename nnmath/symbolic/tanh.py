"""The hyperbolic tangent: tanh′ = 1 − tanh², a rescaled sigmoid, and its largest slope 1."""

from __future__ import annotations

import sympy
from sympy.calculus.util import maximum

from nnmath.symbolic.core import Claim, Derivation, build, exactly, make_step, proved
from nnmath.symbolic.sigmoid import SIGMA, logistic

__all__ = ["derive_tanh"]


def derive_tanh() -> Derivation:
    """tanh, its derivative 1 − tanh², its relation to σ and its largest slope 1."""
    x = sympy.Symbol("x", real=True)
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
