"""Gradient descent: the update ϑ ← ϑ − η∇C, why it lowers the cost, and the factor 1 − ηλ.

Also chapter 5's quadratic bowl (:func:`quadratic_bowl`), the cost of the gradient-descent figure.
"""

from __future__ import annotations

from typing import Any

import sympy

from nnmath.symbolic.core import (
    Claim,
    Derivation,
    build,
    cited,
    make_step,
    proved,
    written_argument,
)
from nnmath.symbolic.display import tex
from nnmath.symbolic.references import CHAIN_RULE_SEVERAL, SUM_RULE
from nnmath.symbolic.sums import proved_for_all_sizes

__all__ = [
    "BOWL_CURVATURE",
    "BOWL_MINIMUM",
    "Update",
    "derive_gradient_descent",
    "derive_quadratic_descent",
    "quadratic_bowl",
]

#: The matrix H and minimum ϑ* of chapter 5's quadratic bowl ½(ϑ − ϑ*)ᵀ H (ϑ − ϑ*).
BOWL_CURVATURE = sympy.Matrix([[3, 2], [2, 6]])
BOWL_MINIMUM = sympy.Matrix([1, sympy.Rational(1, 2)])


class Update(sympy.Function):  # type: ignore[misc]
    """Display-only assignment ``lhs ← rhs`` (an update, not an equation)."""

    nargs = 2

    def _latex(self, printer: Any) -> str:
        lhs, rhs = self.args
        return rf"{printer._print(lhs)} \;\leftarrow\; {printer._print(rhs)}"


_THETA = tex(r"\boldsymbol\vartheta")
_ETA = sympy.Symbol("eta", positive=True)


def _grad(name: str = "C") -> Any:
    return tex(rf"\nabla {name}(\boldsymbol\vartheta)")


def _gradient() -> Any:
    """∇C as a column of P entries, P a symbol."""
    n = sympy.Symbol("P", integer=True, positive=True)
    return sympy.MatrixSymbol("g", n, 1)


def _choose_step() -> tuple[Any, Any]:
    """∇C · (−η∇C) and −η‖∇C‖², for P parameters, P a symbol."""
    g = _gradient()
    return g.T * (-_ETA * g), -_ETA * (g.T * g)


def _descent_rate() -> tuple[Any, Any]:
    """∇C · Δϑ with Δϑ = −∇C (the rate of step 2), and −‖∇C‖², for P parameters."""
    g = _gradient()
    return g.T * (-g), -(g.T * g)


def derive_gradient_descent() -> Derivation:
    """ϑ ← ϑ − η∇C: to first order a step against the gradient changes C by −η‖∇C‖² ≤ 0.

    The vector algebra is proved by SymPy for P parameters, P a symbol; the first-order
    change and the gradient of a mean are the chain rule and the sum rule, cited; that a small
    enough step lowers C is a written argument from them.
    """
    delta_c = tex(r"\Delta C")
    grad_dot = tex(r"\nabla C\cdot\Delta\boldsymbol\vartheta")
    theta_1, theta_n = sympy.symbols(r"vartheta_1 vartheta_P", real=True)
    c = sympy.Symbol("C")
    big_o_theta = tex(r"o(\|\Delta\boldsymbol\vartheta\|)")
    big_o_eta = tex(r"o(\eta)")
    update = Update(_THETA, _THETA - tex(r"\eta\,\nabla C(\boldsymbol\vartheta)"))
    sgd = Update(_THETA, _THETA - tex(r"\eta\,\nabla C_i(\boldsymbol\vartheta)"))
    steps = [
        make_step(
            "The gradient",
            sympy.Eq(
                _grad(),
                sympy.Matrix(
                    [
                        sympy.Derivative(c, theta_1),
                        tex(r"\vdots"),
                        sympy.Derivative(c, theta_n),
                    ]
                ),
                evaluate=False,
            ),
            r"The vector of the partial derivatives of the cost, one per parameter.",
        ),
        make_step(
            "Change to first order",
            sympy.Eq(delta_c, sympy.Add(grad_dot, big_o_theta, evaluate=False)),
            r"For a differentiable $C$, to first order: the derivative of $\varepsilon \mapsto "
            r"C(\boldsymbol\vartheta + \varepsilon\,\Delta\boldsymbol\vartheta)$ at "
            r"$\varepsilon = 0$ is $\sum_i \frac{\partial C}{\partial\vartheta_i}"
            r"\Delta\vartheta_i$: the chain rule in several variables, a cited theorem. The rest "
            r"is $o(\|\Delta\boldsymbol\vartheta\|)$, "
            r"small compared with $\|\Delta\boldsymbol\vartheta\|$; a rest "
            r"$O(\|\Delta\boldsymbol\vartheta\|^2)$ is guaranteed when $C$ is twice "
            r"continuously differentiable (Taylor's theorem).",
            check=cited("the chain rule", CHAIN_RULE_SEVERAL),
            order="none",
        ),
        make_step(
            "Step against the gradient",
            sympy.Eq(
                delta_c, sympy.Add(-tex(r"\eta\,\|\nabla C\|^{2}"), big_o_eta, evaluate=False)
            ),
            r"Choose $\Delta\boldsymbol\vartheta = -\eta\,\nabla C$ in step 2: "
            r"$\nabla C\cdot(-\eta\,\nabla C) = -\eta\|\nabla C\|^2 \le 0$ for $\eta > 0$. "
            r"Proved by SymPy for $P$ parameters, $P$ a symbol.",
            check=proved_for_all_sizes(_choose_step),
            order="none",
        ),
        make_step(
            "Gradient descent",
            update,
            r"The update repeats the step of step 3; the rule itself is a definition. What it "
            r"claims, that for a small enough $\eta > 0$ each step lowers $C$ unless "
            r"$\nabla C = \mathbf{0}$, is a written argument from steps 2 and 3: the first-order "
            r"change $-\eta\|\nabla C\|^2$ is negative and, for $\eta$ small enough, larger in "
            r"size than the $o(\eta)$ rest. Supporting evidence: SymPy proves the rate, the "
            r"derivative $\nabla C\cdot(-\nabla C) = -\|\nabla C\|^2$ of "
            r"$\eta \mapsto C(\boldsymbol\vartheta - \eta\,\nabla C)$ at $\eta = 0$, for $P$ "
            r"parameters, $P$ a symbol.",
            check=written_argument(
                "the written first-order argument",
                ["Step against the gradient"],
                "for η > 0 small enough",
                evidence=proved_for_all_sizes(_descent_rate),
            ),
        ),
        make_step(
            "One sample at a time",
            sgd,
            r"Stochastic gradient descent: when $C = \frac{1}{N}\sum_{i=1}^{N} C_i$ is the mean "
            r"of per-sample costs, $\nabla C = \frac{1}{N}\sum_i \nabla C_i$ (a derivative of a "
            r"sum is the sum of the derivatives), so the step with one $C_i$, picked uniformly at "
            r"random, is on average the full step $-\eta\,\nabla C$ of step 4. The sum rule for "
            r"derivatives, a cited theorem.",
            check=cited("the sum rule for derivatives", SUM_RULE),
        ),
    ]
    g1, g2 = sympy.symbols("g_1 g_2", real=True)
    g = sympy.Matrix([g1, g2])
    claims = [Claim("∇C · (−η∇C) = −η‖∇C‖² (two parameters)", g.dot(-_ETA * g), -_ETA * g.dot(g))]
    return build(
        name="gradient-descent",
        title="Gradient descent",
        summary=(
            r"A short step against the gradient changes the cost by about "
            r"$-\eta\|\nabla C\|^2$, which is never positive."
        ),
        steps=steps,
        result=update,
        claims=claims,
        data={"update": update, "sgd": sgd},
    )


def derive_quadratic_descent() -> Derivation:
    """On a bowl C = ½(ϑ − ϑ*)ᵀH(ϑ − ϑ*) a step multiplies ϑ − ϑ* by I − ηH: 1 − ηλ per direction.

    ``H`` is a symmetric 2 × 2 matrix of symbols; along an eigenvector ``Hv = λv``
    the factor is ``1 − ηλ``, and ``|1 − ηλ| < 1`` exactly when ``0 < η < 2/λ``.
    """
    h11, h12, h22, p1, p2, m1, m2, v1, v2 = sympy.symbols(
        "h_11 h_12 h_22 vartheta_1 vartheta_2 m_1 m_2 v_1 v_2", real=True
    )
    lam = sympy.Symbol("lambda", positive=True)
    eta = sympy.Symbol("eta", real=True)
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    hess = sympy.Matrix([[h11, h12], [h12, h22]])
    p, p_star, v = sympy.Matrix([p1, p2]), sympy.Matrix([m1, m2]), sympy.Matrix([v1, v2])
    d = p - p_star
    cost = (d.T * hess * d)[0, 0] / 2
    grad = sympy.Matrix([sympy.Derivative(cost, pi) for pi in (p1, p2)])
    new = p - eta * grad
    eye = sympy.eye(2)
    bold_v = tex(r"\mathbf{v}", commutative=False)
    i_minus = tex(r"(I - \eta H)", commutative=False)
    factor_shown = tex(r"(1 - \eta\lambda)")
    h_nc = sympy.Symbol("H", commutative=False)
    diff_nc = tex(r"(\boldsymbol\vartheta - \boldsymbol\vartheta^*)", commutative=False)
    factor = 1 - eta * lam
    stable = sympy.solveset(sympy.Abs(factor) < 1, eta, sympy.S.Reals)
    steps = [
        make_step(
            "The bowl",
            sympy.Eq(
                sympy.Symbol("C"),
                sympy.Mul(
                    sympy.Rational(1, 2),
                    tex(
                        r"(\boldsymbol\vartheta - \boldsymbol\vartheta^*)^\mathsf{T}",
                        commutative=False,
                    ),
                    h_nc,
                    diff_nc,
                    evaluate=False,
                ),
            ),
            r"A quadratic cost of the parameters $\boldsymbol\vartheta = (\vartheta_1, "
            r"\vartheta_2)$ with minimum $\boldsymbol\vartheta^*$ and symmetric curvature "
            r"matrix $H$.",
        ),
        make_step(
            "Its gradient",
            sympy.Eq(tex(r"\nabla C"), h_nc * diff_nc),
            r"Differentiate step 1 in each $\vartheta_i$; $H$ is symmetric, so the two cross terms "
            r"agree. Proved by SymPy for a symmetric $2 \times 2$ matrix of symbols.",
            check=proved(grad, hess * d),
        ),
        make_step(
            "One step",
            sympy.Eq(
                tex(
                    r"\boldsymbol\vartheta_{\text{new}} - \boldsymbol\vartheta^*",
                    commutative=False,
                ),
                i_minus * diff_nc,
            ),
            r"$\boldsymbol\vartheta_{\text{new}} = \boldsymbol\vartheta - \eta\,\nabla C$ "
            r"(gradient descent) with the gradient of step 2; subtract "
            r"$\boldsymbol\vartheta^*$.",
            check=proved(new - p_star, (eye - eta * hess) * d),
        ),
        make_step(
            "Along an eigenvector",
            sympy.Eq(i_minus * bold_v, factor_shown * bold_v),
            r"If $H\mathbf{v} = \lambda\mathbf{v}$ (a curvature $\lambda$ of the bowl), then "
            r"$(I - \eta H)\mathbf{v} = \mathbf{v} - \eta\lambda\mathbf{v}$. SymPy proves "
            r"$(I - \eta H)\mathbf{v} - (1 - \eta\lambda)\mathbf{v} = -\eta(H\mathbf{v} - "
            r"\lambda\mathbf{v})$, which is zero for an eigenvector.",
            check=proved((eye - eta * hess) * v - factor * v, -eta * (hess * v - lam * v)),
        ),
        make_step(
            "After k steps",
            sympy.Eq(
                tex(r"\text{component along } \mathbf{v}"), sympy.Symbol("c_0") * factor_shown**k
            ),
            r"Write $\boldsymbol\vartheta - \boldsymbol\vartheta^*$ in the eigenvectors of $H$; "
            r"by steps 3 and 4 each step multiplies the component along $\mathbf{v}$ by "
            r"$1 - \eta\lambda$. SymPy checks that $c_0(1 - \eta\lambda)^{k}$ satisfies "
            r"$c_{k+1} = (1 - \eta\lambda)c_k$.",
            check=proved(
                sympy.Symbol("c_0") * factor ** (k + 1), factor * sympy.Symbol("c_0") * factor**k
            ),
        ),
        make_step(
            "Stable learning rates",
            sympy.Eq(tex(r"\{\eta : |1 - \eta\lambda| < 1\}"), stable, evaluate=False),
            r"The component shrinks when $|1 - \eta\lambda| < 1$; for $\eta\lambda > 1$ the factor "
            r"is negative (the iterate jumps across the minimum), and for $\eta > 2/\lambda$ the "
            r"jumps grow. SymPy solves the inequality.",
            check=proved(stable, sympy.Interval.open(0, 2 / lam)),
        ),
    ]
    claims = [
        Claim("∇C = H(ϑ − ϑ*) for a symmetric 2 × 2 H", grad, hess * d),
        Claim("|1 − ηλ| < 1 exactly when 0 < η < 2/λ", stable, sympy.Interval.open(0, 2 / lam)),
    ]
    return build(
        name="quadratic-descent",
        title=r"Gradient descent on a quadratic bowl: the factor $1 - \eta\lambda$",
        summary=(
            r"Each step multiplies the component of the offset from the minimum along an "
            r"eigenvector of $H$ by $1 - \eta\lambda$, so that component shrinks exactly when "
            r"$0 < \eta < 2/\lambda$; with every $\lambda > 0$, the iteration converges from "
            r"every start exactly when $0 < \eta < 2/\lambda_\text{max}$."
        ),
        steps=steps,
        result=steps[3].expr,
        claims=claims,
        data={"factor": factor, "stable": stable},
    )


def quadratic_bowl() -> tuple[tuple[sympy.Symbol, sympy.Symbol], Any, list[Any]]:
    """Chapter 5's bowl ``C(w1, w2)`` and its gradient, derived by differentiation.

    Returns
    -------
    args : tuple of sympy.Symbol
        ``(w1, w2)``, real.
    cost : sympy.Expr
        ``½(w − w*)ᵀ H (w − w*)`` expanded, with ``H`` = :data:`BOWL_CURVATURE` and
        ``w*`` = :data:`BOWL_MINIMUM`.
    gradient : list of sympy.Expr
        ``[∂C/∂w1, ∂C/∂w2]``.

    Examples
    --------
    >>> (w1, w2), cost, gradient = quadratic_bowl()
    >>> gradient
    [3*w1 + 2*w2 - 4, 2*w1 + 6*w2 - 5]
    """
    w1, w2 = sympy.symbols("w1 w2", real=True)
    d = sympy.Matrix([w1, w2]) - BOWL_MINIMUM
    cost = sympy.expand((d.T * BOWL_CURVATURE * d)[0, 0] / 2)
    return (w1, w2), cost, [sympy.diff(cost, w) for w in (w1, w2)]
