"""The dot product measures the angle: u·v = ‖u‖ ‖v‖ cos θ in the plane."""

from __future__ import annotations

from typing import Any

import sympy
from sympy.matrices.expressions.dotproduct import DotProduct

from nnmath.symbolic.core import Claim, Derivation, build, make_step, proved
from nnmath.symbolic.display import tex

__all__ = ["Norm", "derive_dot_product"]


class Norm(sympy.Function):  # type: ignore[misc]
    """Display-only Euclidean norm ``‖a‖`` of a vector named by a symbol."""

    nargs = 1

    def _latex(self, printer: Any) -> str:
        return rf"\left\| {printer._print(self.args[0])} \right\|"


def derive_dot_product() -> Derivation:
    """In 2-D, u·v = ‖u‖ ‖v‖ cos θ with θ the angle between u and v.

    Writes ``u = r1 (cos α, sin α)``, ``v = r2 (cos β, sin β)``, ``θ = β − α``
    (the angle from u to v; the cosine is even, so the sign does not matter).
    """
    r1, r2 = sympy.symbols("r_1 r_2", positive=True)
    alpha, beta, theta = sympy.symbols("alpha beta theta", real=True)
    u = r1 * sympy.Matrix([sympy.cos(alpha), sympy.sin(alpha)])
    v = r2 * sympy.Matrix([sympy.cos(beta), sympy.sin(beta)])
    dot = u.dot(v)
    norm_a, norm_b = sympy.sqrt(u.dot(u)), sympy.sqrt(v.dot(v))
    a_sym, b_sym = sympy.MatrixSymbol("u", 2, 1), sympy.MatrixSymbol("v", 2, 1)
    a_name, b_name = tex(r"\mathbf{u}"), tex(r"\mathbf{v}")  # displayed bold, as vectors
    result = sympy.Eq(
        DotProduct(a_sym, b_sym),
        sympy.Mul(Norm(a_name), Norm(b_name), sympy.cos(theta), evaluate=False),
        evaluate=False,
    )
    cos_diff = sympy.expand_trig(sympy.cos(alpha - beta))
    steps = [
        make_step("Polar form of u", sympy.Eq(a_sym, u, evaluate=False)),
        make_step("Polar form of v", sympy.Eq(b_sym, v, evaluate=False)),
        make_step(
            "Dot product",
            sympy.Eq(DotProduct(a_sym, b_sym), sympy.factor(dot), evaluate=False),
            r"Multiply the entries of steps 1 and 2 pairwise and add, $u_1 v_1 + u_2 v_2$; take "
            r"out the common factor $r_1 r_2$.",
            check=proved(u[0] * v[0] + u[1] * v[1], sympy.factor(dot)),
        ),
        make_step(
            "Difference formula",
            sympy.Eq(sympy.cos(alpha - beta), cos_diff),
            r"The addition theorem of the cosine, $\cos(\alpha - \beta) = \cos\alpha\cos\beta + "
            r"\sin\alpha\sin\beta$.",
            check=proved(sympy.cos(alpha - beta), cos_diff),
        ),
        make_step(
            "Combine",
            sympy.Eq(
                DotProduct(a_sym, b_sym),
                sympy.Mul(r1, r2, sympy.cos(alpha - beta), evaluate=False),
                evaluate=False,
            ),
            r"The bracket in step 3 is the right-hand side of step 4.",
            check=proved(sympy.factor(dot), r1 * r2 * sympy.cos(alpha - beta)),
            order="none",
        ),
        make_step(
            "Lengths",
            sympy.Eq(Norm(a_name), r1),
            r"$\|\mathbf{u}\|^2 = r_1^2(\cos^2\alpha + \sin^2\alpha) = r_1^2$ and $r_1 > 0$; in "
            r"the same way $\|\mathbf{v}\| = r_2$.",
            check=proved(norm_a, r1),
        ),
        make_step(
            "Result",
            result,
            (
                r"Put the lengths of step 6 into step 5. $\theta = \beta - \alpha$ is the angle "
                r"from $\mathbf{u}$ to $\mathbf{v}$; $\cos$ is even, so $\cos(\alpha - \beta) = "
                r"\cos\theta$, whichever way the angle is measured."
            ),
            check=proved(dot, norm_a * norm_b * sympy.cos(beta - alpha)),
            order="none",
        ),
    ]
    claims = [
        Claim("‖u‖ = r1", norm_a, r1),
        Claim("‖v‖ = r2", norm_b, r2),
        Claim("u·v = ‖u‖ ‖v‖ cos(β − α)", dot, norm_a * norm_b * sympy.cos(beta - alpha)),
    ]
    return build(
        name="dot-product",
        title="The dot product measures the angle",
        summary=(
            r"In two dimensions $\mathbf{u}\cdot\mathbf{v}$ equals the product of the lengths "
            r"times the cosine of the angle."
        ),
        steps=steps,
        result=result,
        claims=claims,
        symbols={"r1": r1, "r2": r2, "alpha": alpha, "beta": beta, "theta": theta},
        order="none",
    )
