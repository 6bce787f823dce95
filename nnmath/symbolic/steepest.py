"""Why gradient descent steps along −∇C: the directional derivative and a first-order step."""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from nnmath.symbolic.core import (
    Claim,
    Derivation,
    build,
    make_step,
    numerically,
    on_sizes,
    proved,
)

__all__ = ["derive_steepest_descent"]

_COST = sympy.Function("C")


def _point(n: int) -> tuple[list[Any], list[Any], Any]:
    w = list(sympy.symbols(f"w1:{n + 1}", real=True))
    u = list(sympy.symbols(f"u1:{n + 1}", real=True))
    return w, u, sympy.Symbol("h", real=True)


def _directional(n: int) -> tuple[Any, Any]:
    """d/dh C(w + h u) at h = 0 equals Σ_i ∂C/∂w_i u_i, C an unknown function of n variables."""
    w, u, h = _point(n)
    moved = _COST(*[wi + h * ui for wi, ui in zip(w, u, strict=True)])
    lhs = sympy.diff(moved, h).subs(h, 0).doit()
    rhs = sum(sympy.Derivative(_COST(*w), wi) * ui for wi, ui in zip(w, u, strict=True))
    return lhs, rhs


def _lagrange(n: int) -> tuple[Any, Any]:
    """‖g‖²‖u‖² − (g · u)² = Σ_{i<j} (g_i u_j − g_j u_i)² (so |g · u| ≤ ‖g‖ ‖u‖)."""
    g = list(sympy.symbols(f"g1:{n + 1}", real=True))
    u = list(sympy.symbols(f"u1:{n + 1}", real=True))
    dot = sum(gi * ui for gi, ui in zip(g, u, strict=True))
    lhs = sum(gi**2 for gi in g) * sum(ui**2 for ui in u) - dot**2
    rhs = sum((g[i] * u[j] - g[j] * u[i]) ** 2 for i in range(n) for j in range(i + 1, n))
    return lhs, sympy.Integer(0) + rhs


def _steepest(n: int) -> tuple[Any, Any]:
    """With u = −g/‖g‖, g · u = −‖g‖ (g ≠ 0, any signs)."""
    g = list(sympy.symbols(f"g1:{n + 1}", real=True))
    norm = sympy.sqrt(sum(gi**2 for gi in g))
    return sum(gi * (-gi / norm) for gi in g), -norm


def _first_order(n: int) -> tuple[Any, Any]:
    """d/dη C(w − η ∇C(w)) at η = 0 equals −‖∇C(w)‖², C an unknown function."""
    w, _, eta = _point(n)
    grad = [sympy.Derivative(_COST(*w), wi) for wi in w]
    moved = _COST(*[wi - eta * gi for wi, gi in zip(w, grad, strict=True)])
    lhs = sympy.diff(moved, eta).subs(eta, 0).doit()
    return lhs, -sum(gi**2 for gi in grad)


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
        f"η = 10⁻³ lowered C(w₁, w₂) = w₁⁴/4 − w₁²/2 + w₂² + sin(w₁w₂) at {lowered} of "
        f"{len(points)} random points"
    )


def derive_steepest_descent() -> Derivation:
    """The directional derivative D_u C = ∇C · u = ‖∇C‖ cos θ, and why −∇C descends.

    Examples
    --------
    >>> from nnmath.symbolic import derive
    >>> [s.verification.kind for s in derive("steepest-descent").checked_steps]
    ['sizes 1..n', 'SymPy proof', 'sizes 1..n', 'sizes 1..n', 'sizes 1..n', 'numerical']
    """
    h, eta = sympy.Symbol("h", real=True), sympy.Symbol("eta", positive=True)
    phi = sympy.Symbol("varphi", real=True)

    i, n = sympy.Symbol("i", integer=True), sympy.Symbol("n", integer=True)
    w_i, u_i = sympy.IndexedBase("w"), sympy.IndexedBase("u")
    d_u = sympy.Symbol(r"D_{\mathbf{u}} C")
    grad_norm = sympy.Symbol(r"\|\nabla C\|", positive=True)
    cost_w = sympy.Symbol(r"C(\mathbf{w})")
    moved = sympy.Symbol(r"C(\mathbf{w} - \eta \nabla C)")
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
                        sympy.Function("C")(sympy.Symbol(r"\mathbf{w} + h\mathbf{u}")), h
                    ),
                    h,
                    0,
                ),
            ),
            "How fast the cost changes when the parameters move from $\\mathbf{w}$ along a unit "
            "vector $\\mathbf{u}$, $\\|\\mathbf{u}\\| = 1$.",
            order="none",
        ),
        make_step(
            "Chain rule",
            sympy.Eq(
                d_u,
                sympy.Sum(sympy.Derivative(sympy.Symbol("C"), w_i[i]) * u_i[i], (i, 1, n)),
            ),
            "$\\frac{d}{dh} C(\\mathbf{w} + h\\mathbf{u})$ at $h = 0$: each $w_i$ moves at rate "
            "$u_i$. That sum is the dot product $\\nabla C \\cdot \\mathbf{u}$. SymPy checks it "
            "for $n = 1, \\dots, 4$ parameters, with $C$ an unknown function.",
            check=on_sizes(_directional, (1, 2, 3, 4)),
        ),
        make_step(
            "The angle",
            sympy.Eq(d_u, grad_norm * sympy.cos(phi)),
            "Chapter 1: a dot product is the product of the lengths times the cosine of the "
            "angle $\\varphi$ between the vectors, here $\\|\\nabla C\\| \\cdot 1 \\cdot "
            "\\cos\\varphi$ ($\\varphi$, not $\\theta$: $\\boldsymbol\\theta$ is the parameter "
            "vector). SymPy checks it in the plane of the two vectors, with "
            "$\\nabla C = r(\\cos\\alpha, \\sin\\alpha)$ and $\\mathbf{u} = (\\cos\\beta, "
            "\\sin\\beta)$.",
            check=proved(polar_dot, r * sympy.cos(alpha - beta)),
        ),
        make_step(
            "Steepest descent",
            sympy.Eq(sympy.Symbol(r"\min_{\mathbf{u}} D_{\mathbf{u}} C"), -grad_norm),
            "$\\cos\\varphi$ is smallest, $-1$, when $\\mathbf{u}$ points opposite to the "
            "gradient, $\\mathbf{u} = -\\nabla C/\\|\\nabla C\\|$; then the slope is "
            "$-\\|\\nabla C\\|$. SymPy substitutes that $\\mathbf{u}$ for $n = 1, \\dots, 4$.",
            check=on_sizes(_steepest, (1, 2, 3, 4)),
        ),
        make_step(
            "No direction is steeper",
            sympy.GreaterThan(sympy.Symbol(r"D_{\mathbf{u}} C"), -grad_norm),
            "For every unit vector, $(\\nabla C \\cdot \\mathbf{u})^2 \\le \\|\\nabla C\\|^2$ "
            "(Cauchy–Schwarz): SymPy proves Lagrange's identity "
            "$\\|\\mathbf{g}\\|^2\\|\\mathbf{u}\\|^2 - (\\mathbf{g}\\cdot\\mathbf{u})^2 = "
            "\\sum_{i<j}(g_iu_j - g_ju_i)^2 \\ge 0$ for $n = 1, \\dots, 4$.",
            check=on_sizes(_lagrange, (1, 2, 3, 4)),
        ),
        make_step(
            "A step of −η∇C, to first order",
            sympy.Eq(moved, cost_w - eta * grad_norm**2 + sympy.Order(eta**2, eta)),
            "Taylor's theorem in $\\eta$: the slope of $C(\\mathbf{w} - \\eta\\nabla C)$ at "
            "$\\eta = 0$ is $\\nabla C \\cdot (-\\nabla C) = -\\|\\nabla C\\|^2$. SymPy "
            "differentiates for $n = 1, \\dots, 4$ parameters, with $C$ an unknown function.",
            check=on_sizes(_first_order, (1, 2, 3, 4)),
            order="none",
        ),
        make_step(
            "A small enough step lowers the cost",
            sympy.StrictLessThan(moved, cost_w),
            "Where $\\nabla C \\ne 0$ the first-order term $-\\eta\\|\\nabla C\\|^2$ is negative "
            "and, for $\\eta$ small enough, larger in size than the $O(\\eta^2)$ rest. "
            "Checked on a cost that is not a bowl, at 200 random points.",
            check=numerically(_small_step_descends),
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
        result=steps[3].expr,  # the steepest slope, −‖∇C‖
        claims=[Claim("∇C · u = ‖∇C‖ cos θ in the plane", polar_dot, r * sympy.cos(alpha - beta))],
    )
