"""Scaling the cost by a constant c > 0 scales its gradient by c and keeps its stationary points."""

from __future__ import annotations

from typing import Any

import sympy

from nnmath.symbolic.core import Claim, Derivation, build, make_step, proved

__all__ = ["derive_cost_scaling"]


def derive_cost_scaling() -> Derivation:
    """A positive factor c on the cost scales the gradient by c and keeps its zeros.

    Uses a generic cost ``C(ϑ1, ϑ2)`` of two parameters and a positive symbol ``c`` (such as the
    ``1/N`` of a mean or the ``½`` of the quadratic cost).
    """
    p1, p2, g = sympy.symbols("vartheta_1 vartheta_2 g", real=True)
    c = sympy.Symbol("c", positive=True)
    cost = sympy.Function("C")(p1, p2)
    params = (p1, p2)
    grad_scaled = sympy.Matrix([sympy.Derivative(c * cost, p) for p in params])
    grad = sympy.Matrix([sympy.Derivative(cost, p) for p in params])
    # An example with several stationary points: a double well in p1, a bowl in p2.
    example = p1**4 / 4 - p1**2 / 2 + p2**2

    def stationary(f: Any) -> Any:
        solutions = sympy.solve([sympy.diff(f, p) for p in params], params, dict=True)
        return sympy.FiniteSet(*(sympy.Tuple(s[p1], s[p2]) for s in solutions))

    scaled_zero = sympy.solveset(sympy.Eq(c * g, 0), g, sympy.S.Reals)
    zero = sympy.solveset(sympy.Eq(g, 0), g, sympy.S.Reals)
    result = sympy.Eq(grad_scaled, c * grad, evaluate=False)
    example_grad = sympy.Matrix([sympy.diff(example, p) for p in params])
    example_points = sympy.FiniteSet(sympy.Tuple(-1, 0), sympy.Tuple(0, 0), sympy.Tuple(1, 0))
    c_sym = sympy.Symbol("C")
    steps = [
        make_step(
            "The scaled cost",
            sympy.Eq(sympy.Symbol(r"\tilde{C}"), c * cost),
            r"A cost $C$ times a constant $c > 0$, such as the $1/N$ of a mean or the $\tfrac12$ "
            "of the quadratic cost.",
        ),
        make_step(
            "Scale the cost",
            sympy.Eq(sympy.Derivative(c * cost, p1), c * sympy.Derivative(cost, p1)),
            "A constant factor comes out of a derivative (linearity of differentiation).",
            check=proved(sympy.Derivative(c * cost, p1), c * sympy.Derivative(cost, p1)),
        ),
        make_step(
            "The whole gradient",
            result,
            r"Step 2 for each component, $\vartheta_1$ and $\vartheta_2$.",
            check=proved(grad_scaled, c * grad),
        ),
        make_step(
            "Stationary points",
            sympy.Equivalent(sympy.Eq(c * g, 0), sympy.Eq(g, 0), evaluate=False),
            (
                r"For $c > 0$ and each gradient component $g$ of step 3: divide by $c$, so "
                r"$c\,g = 0$ has the single solution $g = 0$."
            ),
            check=proved(scaled_zero, zero),
        ),
        make_step(
            "Example",
            sympy.Eq(
                sympy.Matrix([sympy.Derivative(c_sym, p) for p in params]),
                example_grad,
                evaluate=False,
            ),
            r"For $C = \vartheta_1^4/4 - \vartheta_1^2/2 + \vartheta_2^2$, differentiate each "
            r"term (power rule).",
            check=proved(
                sympy.Matrix([sympy.Derivative(example, p) for p in params]), example_grad
            ),
        ),
        make_step(
            "Stationary points of the example",
            sympy.Eq(sympy.Symbol(r"\{\nabla C = 0\}"), example_points, evaluate=False),
            r"Solve $\vartheta_1^3 - \vartheta_1 = \vartheta_1(\vartheta_1 - 1)(\vartheta_1 + 1) "
            r"= 0$ and $2 \vartheta_2 = 0$. By step 4 the "
            r"same points are the stationary points of $cC$, for every $c > 0$.",
            check=proved(stationary(c * example), example_points),
        ),
    ]
    claims = [
        Claim(
            f"∂(cC)/∂{name} = c ∂C/∂{name}",
            sympy.Derivative(c * cost, p),
            c * sympy.Derivative(cost, p),
        )
        for name, p in zip(("ϑ1", "ϑ2"), params, strict=True)
    ]
    claims += [
        Claim("for c > 0: c·g = 0 exactly when g = 0", scaled_zero, zero),
        Claim(
            "the example has the same stationary points for C and c·C",
            stationary(c * example),
            stationary(example),
        ),
        Claim(
            "the example's stationary points are (−1, 0), (0, 0), (1, 0)",
            stationary(example),
            sympy.FiniteSet(sympy.Tuple(-1, 0), sympy.Tuple(0, 0), sympy.Tuple(1, 0)),
        ),
    ]
    return build(
        name="cost-scaling",
        title="Scaling the cost by a constant",
        summary=(
            "Multiplying the cost by $c > 0$ multiplies the gradient by $c$ and leaves the "
            "stationary points where they are."
        ),
        steps=steps,
        result=result,
        claims=claims,
        symbols={"p1": p1, "p2": p2, "c": c, "C": cost},
        data={"example": example},
    )
