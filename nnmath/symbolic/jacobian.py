"""The chain rule for Jacobians, J_(f∘g) = J_f(g) J_g, and the vector–Jacobian product."""

from __future__ import annotations

from typing import Any

import sympy

from nnmath.symbolic.core import Claim, Derivation, build, make_step, on_sizes, proved
from nnmath.symbolic.display import tex

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


def _entrywise(n: int) -> tuple[Any, Any]:
    s = _maps(n, n, n)
    rhs = sympy.Matrix(n, n, lambda i, j: sum(s["jf_at_g"][i, q] * s["jg"][q, j] for q in range(n)))
    return s["jc"], rhs


def _matrices(n: int) -> tuple[Any, Any]:
    s = _maps(n, n, n)
    return s["jc"], s["jf_at_g"] * s["jg"]


def _vjp(n: int) -> tuple[Any, Any]:
    """A scalar c(g(x)): its gradient in x is J_gᵀ ∇c."""
    s = _maps(n, n, 1)
    grad_x = s["jc"].T
    grad_u = s["jf_at_g"].T
    return grad_x, s["jg"].T * grad_u


def _two_layers(n: int) -> tuple[Any, Any]:
    """c(h(g(x))): gradient J_gᵀ (J_hᵀ ∇c), for maps ℝⁿ → ℝⁿ → ℝⁿ → ℝ."""
    x = sympy.symbols(f"x_1:{n + 1}", real=True)
    u = sympy.symbols(f"u_1:{n + 1}", real=True)
    v = sympy.symbols(f"v_1:{n + 1}", real=True)
    g = [sympy.Function(f"g_{i + 1}")(*x) for i in range(n)]
    h = [sympy.Function(f"h_{i + 1}")(*u) for i in range(n)]
    c = sympy.Function("c")(*v)
    at_g = dict(zip(u, g, strict=True))
    h_at_g = [hi.subs(at_g, simultaneous=True) for hi in h]
    at_h = dict(zip(v, h_at_g, strict=True))
    total = c.subs(at_h, simultaneous=True)
    grad_x = sympy.Matrix([sympy.Derivative(total, xi) for xi in x])
    grad_c = sympy.Matrix([sympy.diff(c, vi) for vi in v]).subs(at_h, simultaneous=True)
    jh = sympy.Matrix(n, n, lambda i, j: sympy.diff(h[i], u[j])).subs(at_g, simultaneous=True)
    jg = sympy.Matrix(n, n, lambda i, j: sympy.diff(g[i], x[j]))
    return grad_x, jg.T * (jh.T * grad_c)


def derive_jacobian_chain_rule() -> Derivation:
    """J_(f∘g)(x) = J_f(g(x)) J_g(x), and for a scalar cost ∇_x C = J_gᵀ ∇c.

    The maps are undefined SymPy functions; the index-form identities are proved
    for sizes n = 1, 2, 3 (every map ℝⁿ → ℝⁿ), and the one-variable chain rule
    for all differentiable f and g.
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
    sizes = (1, 2, 3)
    said = r"checked by SymPy for $n = 1, 2, 3$ (maps $\mathbb{R}^n \to \mathbb{R}^n$)"
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
            r"$u_k = g_k(\mathbf{x})$, and the contributions add; " + said + ".",
            check=on_sizes(_entrywise, sizes),
        ),
        make_step(
            "As matrices",
            sympy.Eq(j_comp, j_f * j_g),
            r"The sum over $k$ in step 2 is entry $(i, j)$ of the matrix product; " + said + ".",
            check=on_sizes(_matrices, sizes),
        ),
        make_step(
            "One variable",
            one_var,
            r"Step 3 when every space is $\mathbb{R}$: the Jacobians are the derivatives. Proved "
            r"by SymPy for all differentiable $f$ and $g$.",
            check=proved(
                sympy.Derivative(f(g(x)), x),
                sympy.diff(f(u), u).subs(u, g(x)) * sympy.diff(g(x), x),
            ),
        ),
        make_step(
            "A scalar at the end",
            sympy.Eq(
                tex(r"\nabla_{\mathbf{x}}\, c\bigl(\mathbf{g}(\mathbf{x})\bigr)"),
                j_g_t * tex(r"\nabla c", commutative=False),
            ),
            r"Step 3 with a scalar $c$ in place of $\mathbf{f}$: $J_c$ is the row "
            r"$(\nabla c)^\mathsf{T}$, and transposing gives a vector–Jacobian product; "
            + said
            + ".",
            check=on_sizes(_vjp, sizes),
        ),
        make_step(
            "Through two maps",
            sympy.Eq(
                tex(r"\nabla_{\mathbf{x}}\, c\bigl(\mathbf{h}(\mathbf{g}(\mathbf{x}))\bigr)"),
                j_g_t * tex(r"\bigl(J_{\mathbf{h}}^\mathsf{T}\,\nabla c\bigr)", commutative=False),
            ),
            r"Step 5 twice. The gradient is passed back one map at a time, each time multiplied "
            r"by a transposed Jacobian; the product of the Jacobians is never formed. This is "
            r"what backpropagation does layer by layer; " + said + ".",
            check=on_sizes(_two_layers, sizes),
        ),
    ]
    del i, j, q
    claims = [Claim("(f∘g)′(x) = f′(g(x)) g′(x)", one_var.lhs, one_var.rhs)]
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
