"""The ReLU max(0, x): its derivative 0 or 1, and the convention ReLU′(0) = 0 at the corner."""

from __future__ import annotations

from typing import Any

import sympy

from nnmath.symbolic.core import Claim, Derivation, StepCheck, build, make_step, proved

__all__ = ["derive_relu"]


def _relu_prime_latex(self: Any, printer: Any, exp: Any = None) -> str:
    return rf"\operatorname{{ReLU}}'\left({printer._print(self.args[0])}\right)"


def derive_relu() -> Derivation:
    """The ReLU max(0, x): derivative 0 or 1, and the convention at the corner."""
    x, h = sympy.Symbol("x", real=True), sympy.Symbol("h", real=True)
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
            "one-sided limits. nnmath's backward pass uses 0 as well (a check compares it "
            "with this derivation).",
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
