"""Why gradient descent steps along −∇C: the directional derivative and a first-order step."""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from nnmath.symbolic.core import (
    Claim,
    Derivation,
    StepCheck,
    build,
    cited,
    differs_by_zero,
    make_step,
    numerically,
    proved,
    written_argument,
)
from nnmath.symbolic.references import CAUCHY_SCHWARZ, CHAIN_RULE_SEVERAL
from nnmath.symbolic.sums import entrywise, proved_for_all_sizes

__all__ = ["derive_steepest_descent"]


def _vectors() -> tuple[Any, Any]:
    """The gradient g and a direction u, columns of P entries, P a symbol."""
    n = sympy.Symbol("P", integer=True, positive=True)
    return sympy.MatrixSymbol("g", n, 1), sympy.MatrixSymbol("u", n, 1)


def _lagrange() -> tuple[Any, Any]:
    """‖g‖²‖u‖² − (g · u)² = ½ Σ_i Σ_j (g_i u_j − g_j u_i)², P a symbol."""
    g, u = _vectors()
    i, j = sympy.symbols("i j", integer=True, nonnegative=True)
    n = g.shape[0]
    dot = (g.T * u)[0, 0]
    squares = sympy.Sum((g[i, 0] * u[j, 0] - g[j, 0] * u[i, 0]) ** 2, (i, 0, n - 1), (j, 0, n - 1))
    return (g.T * g)[0, 0] * (u.T * u)[0, 0] - dot**2, squares / 2


def _steepest() -> tuple[bool, str]:
    """With u = −g/‖g‖, g · u = −‖g‖ (g ≠ 0), P a symbol.

    ``r`` stands for ``‖g‖``: SymPy proves ``g · (−g/r) = −(g · g)/r`` entry by entry, and
    with ``g · g = r²`` that is ``−r``.
    """
    g, _ = _vectors()
    r = sympy.Symbol("r", positive=True)
    ok, detail = entrywise(g.T * (-g / r), -(g.T * g) / r)
    return ok and differs_by_zero(-(r**2) / r, -r), detail + "; with g · g = ‖g‖², it is −‖g‖"


def _rate() -> tuple[Any, Any]:
    """∇C · (−∇C) = −‖∇C‖², P a symbol."""
    g, _ = _vectors()
    return g.T * (-g), -(g.T * g)


def _small_step_descends() -> tuple[bool, str]:
    """On a non-quadratic cost, a small enough step along −∇C lowers it at random points."""
    w1, w2 = sympy.symbols("w1 w2", real=True)
    cost = w1**4 / 4 - w1**2 / 2 + w2**2 + sympy.sin(w1 * w2)
    f = sympy.lambdify((w1, w2), cost, "numpy")
    grad = sympy.lambdify((w1, w2), [sympy.diff(cost, v) for v in (w1, w2)], "numpy")
    rng = np.random.default_rng(0)
    lowered = 0
    points = rng.uniform(-2, 2, size=(200, 2))
    for p in points:
        g = np.array(grad(*p), dtype=float)
        lowered += f(*(p - 1e-3 * g)) < f(*p)
    return lowered == len(points), (
        f"η = 10⁻³ lowered C(ϑ₁, ϑ₂) = ϑ₁⁴/4 − ϑ₁²/2 + ϑ₂² + sin(ϑ₁ϑ₂) at {lowered} of "
        f"{len(points)} random points"
    )


def derive_steepest_descent() -> Derivation:
    """The directional derivative D_u C = ∇C · u = ‖∇C‖ cos θ, and why −∇C descends.

    Examples
    --------
    >>> from nnmath.symbolic import derive
    >>> [s.verification.kind for s in derive("steepest-descent").checked_steps]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['cited theorem', 'SymPy proof', 'SymPy proof', 'cited theorem', 'SymPy proof',
     'cited theorem', 'written argument']
    """
    h, eta = sympy.Symbol("h", real=True), sympy.Symbol("eta", positive=True)
    theta = sympy.Symbol("theta", real=True)

    i, n = sympy.Symbol("i", integer=True), sympy.Symbol("P", integer=True)
    p_i, u_i = sympy.IndexedBase("vartheta"), sympy.IndexedBase("u")
    d_u = sympy.Symbol(r"D_{\mathbf{u}} C")
    grad_norm = sympy.Symbol(r"\|\nabla C\|", positive=True)
    cost_w = sympy.Symbol(r"C(\boldsymbol\vartheta)")
    moved = sympy.Symbol(r"C(\boldsymbol\vartheta - \eta \nabla C)")
    little_o = sympy.Symbol(r"o(\eta)")
    # The polar form of chapter 1 for the gradient and a unit vector, in the plane they span.
    r = sympy.Symbol("r", positive=True)
    alpha, beta = sympy.Symbol("alpha", real=True), sympy.Symbol("beta", real=True)
    polar_dot = r * sympy.cos(alpha) * sympy.cos(beta) + r * sympy.sin(alpha) * sympy.sin(beta)
    steps = [
        make_step(
            "The slope in a direction (definition)",
            sympy.Eq(
                d_u,
                sympy.Subs(
                    sympy.Derivative(
                        sympy.Function("C")(sympy.Symbol(r"\boldsymbol\vartheta + h\mathbf{u}")), h
                    ),
                    h,
                    0,
                ),
            ),
            "How fast the cost changes when the parameters move from "
            "$\\boldsymbol\\vartheta$ along a unit vector $\\mathbf{u}$, $\\|\\mathbf{u}\\| = 1$.",
            order="none",
        ),
        make_step(
            "Chain rule",
            sympy.Eq(
                d_u,
                sympy.Sum(sympy.Derivative(sympy.Symbol("C"), p_i[i]) * u_i[i], (i, 1, n)),
            ),
            "$\\frac{d}{dh} C(\\boldsymbol\\vartheta + h\\mathbf{u})$ at $h = 0$: each "
            "$\\vartheta_i$ moves at rate "
            "$u_i$. That sum is the dot product $\\nabla C \\cdot \\mathbf{u}$: the chain rule "
            "in several variables, a cited theorem.",
            check=cited("the chain rule", CHAIN_RULE_SEVERAL),
        ),
        make_step(
            "The angle",
            sympy.Eq(d_u, grad_norm * sympy.cos(theta)),
            "In $\\mathbb{R}^P$ the angle $\\theta$ between two non-zero vectors "
            "$\\mathbf{g}, \\mathbf{v}$ is defined by "
            "$\\cos\\theta = \\mathbf{g}\\cdot\\mathbf{v}/(\\|\\mathbf{g}\\|\\,"
            "\\|\\mathbf{v}\\|)$ (Cauchy–Schwarz, step 5, keeps it in $[-1, 1]$), so with "
            "$\\mathbf{g} = \\nabla C$ and $\\mathbf{v} = \\mathbf{u}$ "
            "$\\nabla C \\cdot \\mathbf{u} = \\|\\nabla C\\| \\cdot 1 \\cdot \\cos\\theta$. What "
            "SymPy proves is that in the plane this is the angle of chapter 1, with "
            "$\\nabla C = r(\\cos\\alpha, \\sin\\alpha)$ and $\\mathbf{u} = (\\cos\\beta, "
            "\\sin\\beta)$.",
            check=proved(polar_dot, r * sympy.cos(alpha - beta)),
        ),
        make_step(
            "The slope against the gradient",
            sympy.Eq(sympy.Symbol(r"D_{-\nabla C/\|\nabla C\|} C"), -grad_norm, evaluate=False),
            "Where $\\nabla C \\ne 0$, take $\\mathbf{u} = -\\nabla C/\\|\\nabla C\\|$, the "
            "unit vector opposite to the gradient ($\\cos\\theta = -1$): the slope there is "
            "$-\\|\\nabla C\\|$. SymPy substitutes that $\\mathbf{u}$ for $P$ parameters, $P$ a "
            "symbol. That no other direction does better is step 5.",
            check=StepCheck("SymPy proof", _steepest),
        ),
        make_step(
            "No direction is steeper",
            sympy.GreaterThan(sympy.Symbol(r"D_{\mathbf{u}} C"), -grad_norm),
            "For every unit vector, $(\\nabla C \\cdot \\mathbf{u})^2 \\le \\|\\nabla C\\|^2$ "
            "(Cauchy–Schwarz, a cited theorem). Supporting evidence: SymPy proves Lagrange's "
            "identity $\\|\\mathbf{g}\\|^2\\|\\mathbf{u}\\|^2 - (\\mathbf{g}\\cdot\\mathbf{u})^2 = "
            "\\tfrac12\\sum_{i,j}(g_iu_j - g_ju_i)^2 \\ge 0$ for $P$ a symbol. With step 4, "
            "the smallest slope over all unit vectors is $-\\|\\nabla C\\|$, reached at "
            "$\\mathbf{u} = -\\nabla C/\\|\\nabla C\\|$: steepest descent.",
            check=cited(
                "the Cauchy–Schwarz inequality",
                CAUCHY_SCHWARZ,
                evidence=proved_for_all_sizes(_lagrange),
            ),
        ),
        make_step(
            "The slope along −∇C",
            sympy.Eq(sympy.Symbol(r"\nabla C \cdot (-\nabla C)"), -(grad_norm**2), evaluate=False),
            "The direction of a gradient-descent step, $-\\nabla C$, is not a unit vector; the "
            "slope along it is $-\\|\\nabla C\\|^2$. SymPy proves it for $P$ a symbol.",
            check=proved_for_all_sizes(_rate),
        ),
        make_step(
            "A step of −η∇C, to first order",
            sympy.Eq(moved, cost_w - eta * grad_norm**2 + little_o),
            "For differentiable $C$, the chain rule makes "
            "$\\eta \\mapsto C(\\boldsymbol\\vartheta - \\eta\\nabla C)$ differentiable at "
            "$\\eta = 0$ with slope "
            "$\\nabla C \\cdot (-\\nabla C) = -\\|\\nabla C\\|^2$ (step 6); by the definition "
            "of the derivative the rest is $o(\\eta)$, small compared with $\\eta$. (An "
            "$O(\\eta^2)$ rest is guaranteed when $C$ is twice differentiable.)",
            check=cited("the chain rule", CHAIN_RULE_SEVERAL),
            order="none",
        ),
        make_step(
            "A small enough step lowers the cost",
            sympy.StrictLessThan(moved, cost_w),
            "Where $\\nabla C \\ne 0$ the first-order term $-\\eta\\|\\nabla C\\|^2$ is negative "
            "(step 6) and, for $\\eta > 0$ small enough, larger in size than the $o(\\eta)$ rest "
            "of step 7: a written argument from steps 6 and 7. Supporting evidence: on a cost "
            "that is not a bowl, a step with $\\eta = 10^{-3}$ lowers it at 200 random points.",
            check=written_argument(
                "the written first-order argument",
                ["The slope along −∇C"],
                "for η > 0 small enough",
                evidence=numerically(_small_step_descends),
            ),
        ),
    ]
    return build(
        name="steepest-descent",
        title="Why gradient descent steps along −∇C",
        summary=(
            "The slope of the cost along a unit vector is ∇C · u = ‖∇C‖ cos θ, most negative "
            "along −∇C, and a small step that way lowers the cost."
        ),
        steps=steps,
        # the steepest slope, −‖∇C‖: step 4 reaches it, step 5 shows nothing is lower
        result=sympy.Eq(sympy.Symbol(r"\min_{\mathbf{u}} D_{\mathbf{u}} C"), -grad_norm),
        claims=[Claim("∇C · u = ‖∇C‖ cos θ in the plane", polar_dot, r * sympy.cos(alpha - beta))],
    )
