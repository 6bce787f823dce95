"""The four backpropagation equations, derived step by step: index form, then matrix form.

Each step after the definitions is checked on its own (see :mod:`nnmath.symbolic.core`):
an index-form identity is proved by SymPy for symbolic layer widths n and m, with sums over
symbolic ranges (:mod:`nnmath.symbolic.indexed`); the matrix form is read off the index form
entry by entry, for matrix symbols of symbolic sizes. A step whose statement is the
multivariable chain rule (the error at the output, the chain rule through the next layer,
BP3 and BP4) is a cited theorem: SymPy's differentiation of an unknown function applies the
rule itself, so it cannot check it. Where the chain rule's sum then collapses to one term
(BP1, BP3, BP4), SymPy's proof of that collapse for symbolic widths is the step's supporting
evidence. That BP1 and BP2 give the error of every layer of a network of any depth is the
written induction on the layer, from the output down, resting on the cited chain rule and the
proved one-layer identity. The last step proves all 23 partials and 7 error terms of the
2-2-3-2 network by differentiating its explicit quadratic cost (no unknown function).
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy import HadamardProduct, MatrixSymbol

from nnmath.symbolic.backprop_network import (
    EXAMPLE_SIZES,
    _backprop_formulas,
    _composed_claims,
    _composed_delta_claims,
    _equations,
    _forward,
    network_symbols,
    quadratic_cost_formula,
    verify_backprop,
)
from nnmath.symbolic.core import (
    Derivation,
    Formula,
    StepCheck,
    build,
    cited,
    make_step,
    proved,
    written_argument,
)
from nnmath.symbolic.display import tex
from nnmath.symbolic.indexed import proved_for_symbolic_sizes
from nnmath.symbolic.references import CHAIN_RULE_SEVERAL
from nnmath.symbolic.sigmoid import SIGMA_PRIME, Sigmoid, sigmoid_prime

# verify_backprop and quadratic_cost_formula live in backprop_network; they are exported here
# too, so that everything about backpropagation is found under this module's name.
__all__ = ["derive_backprop", "quadratic_cost_formula", "verify_backprop"]

# -- the checks of the steps, one function per step -------------------------------------------
# The index-form steps are proved for symbolic widths n (layer l) and m (the layer next to it):
# sums run over symbolic ranges, and each index is stated to be in its range (see
# nnmath.symbolic.indexed). The one exception is the chain rule itself: it is cited.

_J, _K, _I, _Q = sympy.symbols("j k i q", integer=True)
_N, _M = sympy.symbols("n m", integer=True, positive=True)


def _indexed(name: str) -> sympy.IndexedBase:
    return sympy.IndexedBase(name, real=True)


def _bp1_chain() -> StepCheck:
    """Σ_k ∂C/∂a_k · ∂σ(z_k)/∂z_j = ∂C/∂a_j σ′(z_j) for a width n (g_k stands for ∂C/∂a_k)."""
    z, g = _indexed("z"), _indexed("g")
    lhs = sympy.Sum(g[_K] * sympy.Derivative(Sigmoid(z[_K]), z[_J]), (_K, 1, _N))
    return proved_for_symbolic_sizes(lhs, g[_J] * sigmoid_prime(z[_J]), [(_J, 1, _N)])


def _bp1_quadratic() -> StepCheck:
    """For C = ½ Σ_k (a_k − y_k)² over a width n, ∂C/∂a_j = a_j − y_j."""
    a, y = _indexed("a"), _indexed("y")
    cost = sympy.Sum((a[_K] - y[_K]) ** 2, (_K, 1, _N)) / 2
    return proved_for_symbolic_sizes(sympy.Derivative(cost, a[_J]), a[_J] - y[_J], [(_J, 1, _N)])


def _next_layer_input(k: Any) -> Any:
    """z^(l+1)_k = Σ_i w^(l+1)_ki σ(z^l_i) + b^(l+1)_k, layer l of width n."""
    w, z, b = _indexed("w"), _indexed("z"), _indexed("b")
    return sympy.Sum(w[k, _I] * Sigmoid(z[_I]), (_I, 1, _N)) + b[k]


def _bp2_local() -> StepCheck:
    """∂z^(l+1)_k/∂z^l_j = w^(l+1)_kj σ′(z^l_j), widths n (layer l) and m (layer l + 1)."""
    w, z = _indexed("w"), _indexed("z")
    lhs = sympy.Derivative(_next_layer_input(_K), z[_J])
    rhs = w[_K, _J] * sigmoid_prime(z[_J])
    return proved_for_symbolic_sizes(lhs, rhs, [(_J, 1, _N), (_K, 1, _M)])


def _bp2_index() -> StepCheck:
    """Σ_k δ^(l+1)_k ∂z^(l+1)_k/∂z^l_j = σ′(z^l_j) Σ_k w^(l+1)_kj δ^(l+1)_k, widths n and m."""
    w, z, delta = _indexed("w"), _indexed("z"), _indexed("delta")
    lhs = sympy.Sum(delta[_K] * sympy.Derivative(_next_layer_input(_K), z[_J]), (_K, 1, _M))
    rhs = sigmoid_prime(z[_J]) * sympy.Sum(w[_K, _J] * delta[_K], (_K, 1, _M))
    return proved_for_symbolic_sizes(lhs, rhs, [(_J, 1, _N)])


def _layer_input(i: Any) -> Any:
    """z^l_i = Σ_q w^l_iq a^(l−1)_q + b^l_i, on an input of width m."""
    w, a, b = _indexed("w"), _indexed("a"), _indexed("b")
    return sympy.Sum(w[i, _Q] * a[_Q], (_Q, 1, _M)) + b[i]


def _bp3_index() -> StepCheck:
    """Σ_i δ^l_i ∂z^l_i/∂b^l_j = δ^l_j, layer l of width n on an input of width m."""
    b, delta = _indexed("b"), _indexed("delta")
    lhs = sympy.Sum(delta[_I] * sympy.Derivative(_layer_input(_I), b[_J]), (_I, 1, _N))
    return proved_for_symbolic_sizes(lhs, delta[_J], [(_J, 1, _N)])


def _bp4_index() -> StepCheck:
    """Σ_i δ^l_i ∂z^l_i/∂w^l_jk = a^(l−1)_k δ^l_j, widths n and m."""
    w, a, delta = _indexed("w"), _indexed("a"), _indexed("delta")
    lhs = sympy.Sum(delta[_I] * sympy.Derivative(_layer_input(_I), w[_J, _K]), (_I, 1, _N))
    return proved_for_symbolic_sizes(lhs, a[_K] * delta[_J], [(_J, 1, _N), (_K, 1, _M)])


# The matrix forms, entry by entry, with matrix symbols of symbolic sizes (entries 0-based).


def _bp1_matrix() -> StepCheck:
    """Entry j of ∇_a C ⊙ σ′(z^L) is ∂C/∂a_j σ′(z_j), for a width n."""
    grad, z = MatrixSymbol("g", _N, 1), MatrixSymbol("z", _N, 1)
    lhs = HadamardProduct(grad, z.applyfunc(SIGMA_PRIME))[_J, 0]
    return proved_for_symbolic_sizes(lhs, grad[_J, 0] * SIGMA_PRIME(z[_J, 0]), [(_J, 0, _N - 1)])


def _bp1_matrix_quadratic() -> StepCheck:
    """Entry j of ∇_a C ⊙ σ′(z^L), for C = ½ Σ_k (a_k − y_k)², is that of (a − y) ⊙ σ′(z^L)."""
    a, y, z = (MatrixSymbol(name, _N, 1) for name in ("a", "y", "z"))
    cost = sympy.Sum((a[_K, 0] - y[_K, 0]) ** 2, (_K, 0, _N - 1)) / 2
    lhs = sympy.Derivative(cost, a[_J, 0]) * SIGMA_PRIME(z[_J, 0])
    rhs = HadamardProduct(a - y, z.applyfunc(SIGMA_PRIME))[_J, 0]
    return proved_for_symbolic_sizes(lhs, rhs, [(_J, 0, _N - 1)])


def _bp2_matrix() -> StepCheck:
    """Entry j of σ′(z^l) ⊙ ((W^(l+1))ᵀ δ^(l+1)) is BP2's index form (W^(l+1) is m × n)."""
    z, w, delta = MatrixSymbol("z", _N, 1), MatrixSymbol("W", _M, _N), MatrixSymbol("delta", _M, 1)
    lhs = HadamardProduct(z.applyfunc(SIGMA_PRIME), w.T * delta)[_J, 0]
    rhs = SIGMA_PRIME(z[_J, 0]) * sympy.Sum(w[_K, _J] * delta[_K, 0], (_K, 0, _M - 1))
    return proved_for_symbolic_sizes(lhs, rhs, [(_J, 0, _N - 1)])


def _bp4_matrix() -> StepCheck:
    """Entry (j, k) of δ^l (a^(l−1))ᵀ is a^(l−1)_k δ^l_j (δ^l of length n, a^(l−1) of m)."""
    delta, a_prev = MatrixSymbol("delta", _N, 1), MatrixSymbol("a", _M, 1)
    lhs = (delta * a_prev.T)[_J, _K]
    rhs = a_prev[_K, 0] * delta[_J, 0]
    return proved_for_symbolic_sizes(lhs, rhs, [(_J, 0, _N - 1), (_K, 0, _M - 1)])


# The chain rule through the next layer is the multivariable chain rule itself (an unknown C
# cannot take a symbolic number of arguments, and SymPy's diff of undefined functions applies
# the very rule it would prove): the step cites it and runs no check of its own.


def _shape_check() -> tuple[Any, Any]:
    """The shape of δ^l (a^(l−1))ᵀ is that of W^l, for symbolic widths."""
    n_l, n_prev = sympy.symbols("n_l n_{l-1}", integer=True, positive=True)
    delta = MatrixSymbol("delta", n_l, 1)
    a_prev = MatrixSymbol("a", n_prev, 1)
    weights = MatrixSymbol("W", n_l, n_prev)
    return sympy.Matrix([*(delta * a_prev.T).shape]), sympy.Matrix([*weights.shape])


# -- the derivation ---------------------------------------------------------------------------


def _index_symbols() -> dict[str, Any]:
    i, j, k = (sympy.Symbol(s, integer=True) for s in "ijk")
    n_next = sympy.Symbol("n_{l+1}", integer=True, positive=True)
    n_prev = sympy.Symbol("n_{l-1}", integer=True, positive=True)
    return {
        "j": j,
        "k": k,
        "i": i,
        "n_next": n_next,
        "n_prev": n_prev,
        "C": sympy.Symbol("C"),
        "z_lj": sympy.Symbol("z^l_j", real=True),
        "z_Lj": sympy.Symbol("z^L_j", real=True),
        "a_Lj": sympy.Symbol("a^L_j", real=True),
        "y_j": sympy.Symbol("y_j", real=True),
        "b_lj": sympy.Symbol("b^l_j", real=True),
        "d_lj": sympy.Symbol("delta^l_j"),
        "d_Lj": sympy.Symbol("delta^L_j"),
        "w_next": sympy.IndexedBase("w^{l+1}"),
        "z_next": sympy.IndexedBase("z^{l+1}"),
        "d_next": sympy.IndexedBase(r"\delta^{l+1}"),
        "w_l": sympy.IndexedBase("w^l"),
        "a_prev": sympy.IndexedBase("a^{l-1}"),
        "b_l": sympy.IndexedBase("b^l"),
    }


def _index_steps(s: dict[str, Any]) -> list[Any]:
    C, j, k = s["C"], s["j"], s["k"]
    d = sympy.Derivative
    w_l, a_prev, b_l = s["w_l"], s["a_prev"], s["b_l"]
    forward = sympy.Eq(
        sympy.Symbol("z^l_j"), sympy.Sum(w_l[j, k] * a_prev[k], (k, 1, s["n_prev"])) + b_l[j]
    )
    sized = (
        "This is the chain rule in several variables, cited, not proved here: the cost is an "
        "unknown function of any number of weighted inputs, and SymPy's differentiation of an "
        "unknown function applies this very rule, so it could not check it."
    )
    widths = (
        "SymPy proves it for symbolic widths: $n$ for layer $l$, $m$ for the layer next to it, "
        "each index in its range."
    )
    collapse = (
        "SymPy proves for symbolic widths: $n$ for layer $l$, $m$ for the layer before it, "
        "each index in its range."
    )
    return [
        make_step(
            "The error of a neuron (definition)",
            sympy.Eq(s["d_lj"], d(C, s["z_lj"])),
            "How much the cost changes when the weighted input $z^l_j$ of neuron $j$ in "
            "layer $l$ changes.",
        ),
        make_step(
            "The forward pass, neuron by neuron (definition)",
            forward,
            "With $a^l_j = \\sigma(z^l_j)$ and $\\mathbf{a}^0 = \\mathbf{x}$.",
        ),
        make_step(
            "BP1, chain rule at the output",
            sympy.Eq(s["d_Lj"], d(C, s["a_Lj"]) * SIGMA_PRIME(s["z_Lj"])),
            "$z^L_j$ reaches the cost only through $a^L_j = \\sigma(z^L_j)$, so the chain rule "
            "has one term: $\\partial C/\\partial a^L_j$ times $\\sigma'(z^L_j)$. That "
            "$\\delta^L_j$ is the chain rule's sum "
            "$\\sum_k \\partial C/\\partial a^L_k \\cdot \\partial a^L_k/\\partial z^L_j$ "
            "is the chain rule in several variables, cited. That the sum collapses to the "
            "term $k = j$ SymPy proves for a symbolic width $n$ of the output layer "
            "($1 \\le j \\le n$).",
            check=cited("the chain rule", CHAIN_RULE_SEVERAL, evidence=_bp1_chain()),
        ),
        make_step(
            "BP1 for the quadratic cost",
            sympy.Eq(s["d_Lj"], (s["a_Lj"] - s["y_j"]) * SIGMA_PRIME(s["z_Lj"])),
            "$C = \\tfrac12\\sum_j (a^L_j - y_j)^2$ gives "
            "$\\partial C/\\partial a^L_j = a^L_j - y_j$. SymPy differentiates the sum for a "
            "symbolic width $n$ ($1 \\le j \\le n$).",
            check=_bp1_quadratic(),
        ),
        make_step(
            "BP2, chain rule through the next layer",
            sympy.Eq(
                s["d_lj"],
                sympy.Sum(d(C, s["z_next"][k]) * d(s["z_next"][k], s["z_lj"]), (k, 1, s["n_next"])),
            ),
            "$z^l_j$ reaches the cost through every weighted input $z^{l+1}_k$ of the next "
            "layer, so the chain rule sums over $k$. " + sized,
            check=cited("the chain rule", CHAIN_RULE_SEVERAL),
        ),
        make_step(
            "The local derivative",
            sympy.Eq(d(s["z_next"][k], s["z_lj"]), s["w_next"][k, j] * SIGMA_PRIME(s["z_lj"])),
            "$z^{l+1}_k = \\sum_i w^{l+1}_{ki}\\,\\sigma(z^l_i) + b^{l+1}_k$: only the term "
            "$i = j$ depends on $z^l_j$. " + widths,
            check=_bp2_local(),
        ),
        make_step(
            "BP2 in index form",
            sympy.Eq(
                s["d_lj"],
                SIGMA_PRIME(s["z_lj"])
                * sympy.Sum(s["w_next"][k, j] * s["d_next"][k], (k, 1, s["n_next"])),
            ),
            "Substitute the local derivative and $\\partial C/\\partial z^{l+1}_k = "
            "\\delta^{l+1}_k$ (the definition one layer up), and take $\\sigma'(z^l_j)$ out "
            "of the sum. " + widths,
            check=_bp2_index(),
        ),
        make_step(
            "BP3 in index form",
            sympy.Eq(d(C, s["b_lj"]), s["d_lj"]),
            "$b^l_j$ reaches the cost only through $z^l_j$, and "
            "$\\partial z^l_j/\\partial b^l_j = 1$. That $\\partial C/\\partial b^l_j$ is "
            "the chain rule's sum $\\sum_i \\delta^l_i\\,\\partial z^l_i/\\partial b^l_j$ "
            "is the chain rule in several variables, cited; that only $i = j$ is left " + collapse,
            check=cited("the chain rule", CHAIN_RULE_SEVERAL, evidence=_bp3_index()),
        ),
        make_step(
            "BP4 in index form",
            sympy.Eq(d(C, w_l[j, k]), a_prev[k] * s["d_lj"]),
            "$w^l_{jk}$ reaches the cost only through $z^l_j$, and "
            "$\\partial z^l_j/\\partial w^l_{jk} = a^{l-1}_k$. That "
            "$\\partial C/\\partial w^l_{jk}$ is the chain rule's sum "
            "$\\sum_i \\delta^l_i\\,\\partial z^l_i/\\partial w^l_{jk}$ is the chain rule "
            "in several variables, cited; that only $i = j$ is left " + collapse,
            check=cited("the chain rule", CHAIN_RULE_SEVERAL, evidence=_bp4_index()),
        ),
    ]


def _matrix_steps() -> list[Any]:
    eq = _equations()
    entries = (
        "SymPy compares entry $j$ of both sides for symbolic widths ($0 \\le j < n$ "
        "in SymPy's numbering)."
    )
    n_l, n_prev = sympy.symbols("n_l n_{l-1}", integer=True, positive=True)
    return [
        make_step(
            "BP1 as vectors",
            eq[0],
            "Stack the output errors $\\delta^L_j$ into one vector: entry $j$ of the Hadamard "
            "(entry-by-entry) product of the gradient $\\nabla_{\\mathbf{a}} C$ (entries "
            "$\\partial C/\\partial a^L_j$) with $\\sigma'(\\mathbf{z}^L)$ is step 3. This holds "
            "for any cost. " + entries,
            check=_bp1_matrix(),
        ),
        make_step(
            "BP1 for the quadratic cost, as vectors",
            eq[1],
            "For the quadratic cost $\\nabla_{\\mathbf{a}} C = \\mathbf{a}^L - \\mathbf{y}$ "
            "(step 4, entry by entry): the output error of the sigmoid networks with the quadratic "
            "cost of chapters 5 to 7 and 9. Another cost changes only this factor. " + entries,
            check=_bp1_matrix_quadratic(),
        ),
        make_step(
            "BP2 as vectors",
            eq[2],
            "$\\sum_k w^{l+1}_{kj}\\,\\delta^{l+1}_k$ is entry $j$ of "
            "$(W^{l+1})^\\mathsf{T}\\boldsymbol\\delta^{l+1}$: the index $k$ runs down column $j$ "
            "of $W^{l+1}$, which is row $j$ of its transpose. " + entries,
            check=_bp2_matrix(),
        ),
        make_step(
            "Every layer, from the output down",
            sympy.Eq(
                tex(r"\boldsymbol\delta^{l}"),
                tex(
                    r"\sigma'(\mathbf{z}^{l}) \odot \bigl(W^{l+1}\bigr)^\mathsf{T}"
                    r"\boldsymbol\delta^{l+1}, \qquad l = L-1, L-2, \dots, 1"
                ),
            ),
            "A written induction on $l$, from the output down. For $l = L$ the error "
            "$\\boldsymbol\\delta^L$ is given by BP1 (steps 3 and 10). If "
            "$\\boldsymbol\\delta^{l+1}$ is the gradient of the cost with respect to "
            "$\\mathbf{z}^{l+1}$, steps 5 to 7 and 12 (the cited chain rule, then the proved "
            "local derivative and index form) give $\\boldsymbol\\delta^l$ from it; "
            "they hold for any layer $l < L$ and any widths, because in a layered network the "
            "cost depends on $\\mathbf{z}^l$ only through $\\mathbf{z}^{l+1}$. So one backward "
            "sweep gives the error of every layer of a network of any depth $L$, as in Nielsen "
            "(chapter 2) and Higham and Higham (section 5).",
            check=written_argument(
                "the written induction over the layers",
                [
                    "BP1, chain rule at the output",
                    "BP2, chain rule through the next layer",
                    "The local derivative",
                    "BP2 in index form",
                    "BP2 as vectors",
                ],
                "for every depth",
            ),
        ),
        make_step(
            "BP3 as vectors",
            eq[3],
            "BP3 holds entry by entry (step 8: the cited chain rule, whose sum SymPy proves "
            "collapses to $\\delta^l_j$ for symbolic widths), so it holds for the whole vector.",
            check=cited("the chain rule", CHAIN_RULE_SEVERAL, evidence=_bp3_index()),
        ),
        make_step(
            "BP4 as a matrix",
            eq[4],
            "$a^{l-1}_k\\,\\delta^l_j$ is entry $(j, k)$ of the outer product "
            "$\\boldsymbol\\delta^l(\\mathbf{a}^{l-1})^\\mathsf{T}$. SymPy compares entry "
            "$(j, k)$ of both sides for symbolic widths.",
            check=_bp4_matrix(),
        ),
        make_step(
            "Shapes",
            sympy.Eq(
                sympy.Symbol(
                    r"\operatorname{shape}\bigl(\boldsymbol\delta^l(\mathbf{a}^{l-1})^\mathsf{T}\bigr)"
                ),
                sympy.Tuple(n_l, n_prev),
                evaluate=False,
            ),
            "$\\boldsymbol\\delta^l$ is $n_l \\times 1$ and $(\\mathbf{a}^{l-1})^\\mathsf{T}$ is "
            "$1 \\times n_{l-1}$, so $\\partial C/\\partial W^l$ is $n_l \\times n_{l-1}$: the "
            "shape of $W^l$, as a gradient must be. SymPy proves it for symbolic widths.",
            check=proved(*_shape_check()),
        ),
    ]


def derive_backprop() -> Derivation:
    """The four backprop equations, derived in index form, then in matrix form.

    Every step is proved by SymPy for symbolic widths, except the premises: the steps whose
    statement is the multivariable chain rule (BP1 at the output, the chain rule through the
    next layer, BP3 and BP4) are cited, the collapse of the chain rule's sum to one term
    being proved for symbolic widths as their supporting evidence, and the written induction
    over the layers rests on the cited chain rule and the proved one-layer steps. The last
    step proves all 23 weight and bias partials and the 7 error terms of the 2-2-3-2 sigmoid
    network by differentiating its quadratic cost written out as an explicit formula (no
    unknown function, so no chain rule assumed).

    Examples
    --------
    >>> from nnmath.symbolic import derive
    >>> d = derive("backprop")
    >>> [s.label for s in d.steps][2]
    'BP1, chain rule at the output'
    >>> d.steps[2].verification.kind, d.steps[2].verification.run_kind
    ('cited theorem', 'SymPy proof')
    >>> d.steps[-1].verification.kind
    'SymPy proof'
    >>> d.kind_label.startswith("proved by SymPy, from the chain rule and for every depth")
    True
    """
    net = network_symbols(EXAMPLE_SIZES)
    delta_claims = _composed_delta_claims(net)
    claims = delta_claims + _composed_claims(net)
    n_deltas = len(delta_claims)
    params = net.params()
    cost_sym = sympy.Symbol("C")
    steps = _index_steps(_index_symbols()) + _matrix_steps()
    a0 = sympy.Matrix(net.x)
    grads_lhs = []
    grads_rhs = []
    for layer in range(1, net.depth + 1):
        a_prev = a0 if layer == 1 else sympy.Matrix(net.a[layer - 1])
        d = sympy.Matrix(net.delta[layer])
        grads_lhs.append(net.W[layer].applyfunc(lambda w: sympy.Derivative(cost_sym, w)))
        grads_rhs.append(d * a_prev.T)
        grads_lhs.append(sympy.Matrix([sympy.Derivative(cost_sym, b) for b in net.b[layer]]))
        grads_rhs.append(d)
    result = sympy.Eq(sympy.Tuple(*grads_lhs), sympy.Tuple(*grads_rhs), evaluate=False)

    def all_partials() -> tuple[bool, str]:
        failed = [c.statement for c in claims if not c.holds()]
        return not failed, (
            f"{len(claims) - len(failed)}/{len(claims)} partials and error terms proved"
        )

    steps.append(
        make_step(
            "All 23 partials of the 2-2-3-2 network",
            result,
            "The equations applied to the 2-2-3-2 network of chapter 4. SymPy writes the "
            "quadratic cost out as an explicit formula in the weights and biases, "
            "differentiates it by each of the 23 parameters and proves each partial equal to "
            "the backprop formula; likewise each error $\\delta^l_j$, the cost written out as "
            "a formula in $\\mathbf{z}^l$. No unknown function is differentiated, so this "
            "does not assume the chain rule.",
            check=StepCheck("SymPy proof", all_partials),
        )
    )
    x, y = net.x, net.y
    cost, grads = _backprop_formulas(net)
    gradient = tuple(sympy.diff(cost, p) for p in params)
    _, activations, _ = _forward(net)
    formulas = {
        # F(x): the network's output for input x and parameters (the forward pass).
        "output": Formula(tuple(activations[-1]), (*x, *params)),
        "cost": Formula((cost,), (*x, *y, *params)),
        "gradient": Formula(gradient, (*x, *y, *params)),
        "backprop_gradient": Formula(tuple(grads[p] for p in params), (*x, *y, *params)),
    }
    for size in range(2, 6):
        formulas[f"quadratic_cost_{size}"] = quadratic_cost_formula(size)
    return build(
        name="backprop",
        title="Backpropagation: the four equations",
        summary=(
            "The error of each layer follows from the error of the next, and the "
            "gradient of every weight and bias follows from the errors."
        ),
        steps=steps,
        result=result,
        claims=claims,
        symbols={"network": net, "params": tuple(params)},
        formulas=formulas,
        data={
            "sizes": EXAMPLE_SIZES,
            "partials": len(claims) - n_deltas,
            "deltas": n_deltas,
        },
    )
