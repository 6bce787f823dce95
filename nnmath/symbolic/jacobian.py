"""The chain rule for Jacobians, J_(f∘g) = J_f(g) J_g, and the vector–Jacobian product.

The entry form is the multivariable chain rule and the one-variable form the chain rule of
one variable: both are cited theorems (SymPy's ``diff`` applies the rule to undefined
functions, so it can neither check it nor be evidence for it). The matrix steps are proved
for symbolic sizes, and the claim is proved on explicit non-square maps ℝ² → ℝ³ → ℝ².
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy import MatrixSymbol

from nnmath.symbolic.core import (
    Claim,
    Derivation,
    StepCheck,
    build,
    cited,
    make_step,
)
from nnmath.symbolic.display import tex
from nnmath.symbolic.indexed import proved_for_symbolic_sizes
from nnmath.symbolic.references import CHAIN_RULE, CHAIN_RULE_SEVERAL

__all__ = ["derive_jacobian_chain_rule"]


def _maps(n: int, m: int, k: int) -> dict[str, Any]:
    """x ∈ ℝⁿ, g: ℝⁿ → ℝᵐ and f: ℝᵐ → ℝᵏ as undefined functions, and their Jacobians."""
    x = sympy.symbols(f"x_1:{n + 1}", real=True)
    u = sympy.symbols(f"u_1:{m + 1}", real=True)
    g = [sympy.Function(f"g_{i + 1}")(*x) for i in range(m)]
    f = [sympy.Function(f"f_{i + 1}")(*u) for i in range(k)]
    at_g = dict(zip(u, g, strict=True))
    composite = [fi.subs(at_g, simultaneous=True) for fi in f]
    jf_at_g = sympy.Matrix(k, m, lambda i, j: sympy.diff(f[i], u[j])).subs(at_g, simultaneous=True)
    jg = sympy.Matrix(m, n, lambda i, j: sympy.diff(g[i], x[j]))
    jc = sympy.Matrix(k, n, lambda i, j: sympy.Derivative(composite[i], x[j]))
    return {"x": x, "u": u, "g": g, "f": f, "jf_at_g": jf_at_g, "jg": jg, "jc": jc}


# -- the matrix steps, for symbolic sizes: g: ℝⁿ → ℝᵐ, f: ℝᵐ → ℝᵏ (and h: ℝᵐ → ℝᵖ) ------------
# Entries of matrix symbols are numbered from 0 in SymPy.

_I, _J, _Q = sympy.symbols("i j q", integer=True)
_N, _M, _K, _P = sympy.symbols("d m k p", integer=True, positive=True)


def _matrices() -> StepCheck:
    """Σ_q (J_f)_iq (J_g)_qj is entry (i, j) of J_f J_g, J_f of size k × m and J_g m × d."""
    j_f, j_g = MatrixSymbol("J_f", _K, _M), MatrixSymbol("J_g", _M, _N)
    entry = sympy.Sum(j_f[_I, _Q] * j_g[_Q, _J], (_Q, 0, _M - 1))
    return proved_for_symbolic_sizes(entry, (j_f * j_g)[_I, _J], [(_I, 0, _K - 1), (_J, 0, _N - 1)])


def _vjp() -> StepCheck:
    """Entry j of ((∇c)ᵀ J_g)ᵀ, the gradient of c∘g, is entry j of J_gᵀ ∇c (J_g of size m × d)."""
    grad_c, j_g = MatrixSymbol("nabla_c", _M, 1), MatrixSymbol("J_g", _M, _N)
    return proved_for_symbolic_sizes(
        (grad_c.T * j_g)[0, _J], (j_g.T * grad_c)[_J, 0], [(_J, 0, _N - 1)]
    )


def _two_layers() -> StepCheck:
    """Entry j of ((∇c)ᵀ J_h J_g)ᵀ is entry j of J_gᵀ (J_hᵀ ∇c), J_h of size p × m."""
    grad_c, j_h = MatrixSymbol("nabla_c", _P, 1), MatrixSymbol("J_h", _P, _M)
    j_g = MatrixSymbol("J_g", _M, _N)
    return proved_for_symbolic_sizes(
        (grad_c.T * j_h * j_g)[0, _J], (j_g.T * (j_h.T * grad_c))[_J, 0], [(_J, 0, _N - 1)]
    )


def _explicit_claim() -> Claim:
    """J_(f∘g) = J_f(g(x)) J_g(x) for explicit maps g: ℝ² → ℝ³ and f: ℝ³ → ℝ².

    SymPy differentiates explicit formulas (a proof of this instance, not of the rule), and
    the maps are not square, as the layers the rule is used on are not.
    """
    x1, x2 = sympy.symbols("x_1 x_2", real=True)
    u1, u2, u3 = sympy.symbols("u_1 u_2 u_3", real=True)
    g = sympy.Matrix([x1 * x2, sympy.sin(x1), x2**2])
    f = sympy.Matrix([u1 + u2 * u3, sympy.exp(u1) * u3])
    at_g = dict(zip((u1, u2, u3), g, strict=True))
    composite = f.subs(at_g, simultaneous=True)
    j_composite = sympy.Matrix(2, 2, lambda i, j: sympy.Derivative(composite[i], (x1, x2)[j]))
    j_f_at_g = f.jacobian([u1, u2, u3]).subs(at_g, simultaneous=True)
    return Claim(
        "J_(f∘g) = J_f(g(x)) J_g(x) for g(x) = (x₁x₂, sin x₁, x₂²) and "
        "f(u) = (u₁ + u₂u₃, exp(u₁) u₃)",
        j_composite,
        j_f_at_g * g.jacobian([x1, x2]),
    )


def derive_jacobian_chain_rule() -> Derivation:
    """J_(f∘g)(x) = J_f(g(x)) J_g(x), and for a scalar cost ∇_x C = J_gᵀ ∇c.

    The entry form is the multivariable chain rule and the one-variable form the chain rule
    of one variable, both cited (SymPy's differentiation of undefined functions applies the
    rule, so it is no evidence for it and none is attached); the matrix steps
    (the sum is an entry of J_f J_g, the vector–Jacobian products) are proved for symbolic
    sizes d, m, k, p. The claim is J_(f∘g) = J_f(g) J_g for explicit maps ℝ² → ℝ³ → ℝ².

    Examples
    --------
    >>> from nnmath.symbolic import derive
    >>> d = derive("jacobian-chain-rule")
    >>> d.kind_label
    'proved by SymPy, from the chain rule'
    >>> [c.holds() for c in d.claims]
    [True]
    """
    x, i, j, q = sympy.symbols("x i j k", real=True)
    f, g = sympy.Function("f"), sympy.Function("g")
    u = sympy.Symbol("u", real=True)
    j_comp = tex(r"J_{\mathbf{f}\circ\mathbf{g}}(\mathbf{x})", commutative=False)
    j_f = tex(r"J_{\mathbf{f}}\bigl(\mathbf{g}(\mathbf{x})\bigr)", commutative=False)
    j_g = tex(r"J_{\mathbf{g}}(\mathbf{x})", commutative=False)
    j_g_t = tex(r"J_{\mathbf{g}}(\mathbf{x})^\mathsf{T}", commutative=False)
    one_var = sympy.Eq(
        sympy.Derivative(f(g(x)), x),
        sympy.Derivative(f(u), u).subs(u, g(x)) * sympy.Derivative(g(x), x),
        evaluate=False,
    )
    said = (
        r"It is cited, not proved here: SymPy cannot differentiate an unknown function of any "
        r"number $m$ of arguments, and on undefined functions its differentiation applies this "
        r"very rule, so it could not check it"
    )
    steps = [
        make_step(
            "The Jacobian",
            sympy.Eq(tex(r"\bigl(J_{\mathbf{f}}\bigr)_{ij}"), tex(r"\partial f_i/\partial x_j")),
            r"The matrix of all first partial derivatives of $\mathbf{f}$, row $i$ for output "
            r"$f_i$ and column $j$ for input $x_j$.",
        ),
        make_step(
            "One entry",
            sympy.Eq(
                tex(r"\frac{\partial (\mathbf{f}\circ\mathbf{g})_i}{\partial x_j}"),
                tex(
                    r"\sum_{k} \frac{\partial f_i}{\partial u_k}\bigl(\mathbf{g}(\mathbf{x})\bigr)"
                    r"\,\frac{\partial g_k}{\partial x_j}"
                ),
            ),
            r"The chain rule in several variables: $x_j$ reaches $f_i$ through every "
            r"$u_k = g_k(\mathbf{x})$, and the contributions add. " + said + ".",
            check=cited("the chain rule", CHAIN_RULE_SEVERAL),
        ),
        make_step(
            "As matrices",
            sympy.Eq(j_comp, j_f * j_g),
            r"The sum over $k$ in step 2 is entry $(i, j)$ of the matrix product "
            r"$J_{\mathbf{f}} J_{\mathbf{g}}$ for $\mathbf{g}: \mathbb{R}^d \to \mathbb{R}^m$ and "
            r"$\mathbf{f}: \mathbb{R}^m \to \mathbb{R}^k$; SymPy proves it for symbolic "
            r"sizes $d$, $m$ and $k$.",
            check=_matrices(),
        ),
        make_step(
            "One variable",
            one_var,
            r"Step 3 when every space is $\mathbb{R}$: the Jacobians are the derivatives, and "
            r"this is the chain rule of one variable, cited, not proved here. SymPy's own "
            r"differentiation of $f(g(x))$ applies this very rule, so it is no evidence for it.",
            check=cited("the chain rule", CHAIN_RULE),
        ),
        make_step(
            "A scalar at the end",
            sympy.Eq(
                tex(r"\nabla_{\mathbf{x}}\, c\bigl(\mathbf{g}(\mathbf{x})\bigr)"),
                j_g_t * tex(r"\nabla c", commutative=False),
            ),
            r"Step 3 with a scalar $c$ in place of $\mathbf{f}$: $J_c$ is the row "
            r"$(\nabla c)^\mathsf{T}$, and transposing gives a vector–Jacobian product; SymPy "
            r"proves the entries equal for symbolic sizes $d$ and $m$.",
            check=_vjp(),
        ),
        make_step(
            "Through two maps",
            sympy.Eq(
                tex(r"\nabla_{\mathbf{x}}\, c\bigl(\mathbf{h}(\mathbf{g}(\mathbf{x}))\bigr)"),
                j_g_t * tex(r"\bigl(J_{\mathbf{h}}^\mathsf{T}\,\nabla c\bigr)", commutative=False),
            ),
            r"Step 5 twice. The gradient is passed back one map at a time, each time multiplied "
            r"by a transposed Jacobian; the product of the Jacobians is never formed. This is "
            r"what backpropagation does layer by layer. SymPy proves that entry $j$ of "
            r"$((\nabla c)^\mathsf{T} J_{\mathbf{h}} J_{\mathbf{g}})^\mathsf{T}$ (step 3 twice) "
            r"is entry $j$ of the right side, for symbolic sizes.",
            check=_two_layers(),
        ),
    ]
    del i, j, q
    claims = [_explicit_claim()]
    return build(
        name="jacobian-chain-rule",
        title="The chain rule for Jacobians",
        summary=(
            r"The Jacobian of a composition is the product of the Jacobians, and the gradient of "
            r"a scalar at the end is passed back as a vector–Jacobian product."
        ),
        steps=steps,
        result=steps[2].expr,
        claims=claims,
        data={"one_variable": one_var},
    )
