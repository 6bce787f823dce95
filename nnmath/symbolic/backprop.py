"""The four backpropagation equations, derived step by step: index form, then matrix form.

Each step after the definitions is checked on its own (see :mod:`nnmath.symbolic.core`):
an index-form identity, which holds for every layer width, is proved by SymPy on concrete
widths n = 1..4; the matrix form is read off the index form entry by entry, and the shape of
the weight gradient is proved for symbolic widths. The last step proves all 23 partials of
the 2-2-3-2 network (:func:`nnmath.symbolic.backprop_network.verify_backprop`, "layerwise").
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy import HadamardProduct, MatrixSymbol

from nnmath.symbolic.backprop_network import (
    EXAMPLE_SIZES,
    _backprop_formulas,
    _equations,
    _forward,
    _layerwise_claims,
    chain_rule_through,
    network_symbols,
    quadratic_cost_formula,
    verify_backprop,
)
from nnmath.symbolic.core import (
    Derivation,
    Formula,
    StepCheck,
    build,
    make_step,
    on_sizes,
    proved,
)
from nnmath.symbolic.sigmoid import SIGMA_PRIME, Sigmoid, sigmoid_prime

# verify_backprop and quadratic_cost_formula live in backprop_network; they are exported here
# too, so that everything about backpropagation is found under this module's name.
__all__ = ["derive_backprop", "quadratic_cost_formula", "verify_backprop"]

SIZES = (1, 2, 3, 4)


def _vec(name: str, n: int) -> list[sympy.Symbol]:
    return [sympy.Symbol(f"{name}_{j + 1}", real=True) for j in range(n)]


def _mat(name: str, rows: int, cols: int) -> sympy.Matrix:
    return sympy.Matrix(rows, cols, lambda j, k: sympy.Symbol(f"{name}_{j + 1},{k + 1}", real=True))


# -- the checks of the steps, one function per step -------------------------------------------
# Each returns (lhs, rhs) for width n; on_sizes proves lhs = rhs for n = 1..4.


def _bp1_chain(n: int) -> tuple[Any, Any]:
    """∂C/∂z_j for an unknown cost C(a_1, …, a_n) with a_j = σ(z_j): ∂C/∂a_j · σ′(z_j)."""
    z, g = _vec("z", n), _vec("g", n)  # g_j stands for ∂C/∂a_j
    a = [Sigmoid(z_j) for z_j in z]
    lhs = sympy.Matrix([chain_rule_through(a, g, z_j) for z_j in z])
    rhs = sympy.Matrix([g_j * sigmoid_prime(z_j) for g_j, z_j in zip(g, z, strict=True)])
    return lhs, rhs


def _bp1_quadratic(n: int) -> tuple[Any, Any]:
    """For C = ½ Σ (a_j − y_j)², ∂C/∂a_j = a_j − y_j."""
    y, a = _vec("y", n), _vec("a", n)
    cost = sum((a_j - y_j) ** 2 for a_j, y_j in zip(a, y, strict=True)) / 2
    lhs = sympy.Matrix([sympy.diff(cost, a_j) for a_j in a])
    return lhs, sympy.Matrix([a_j - y_j for a_j, y_j in zip(a, y, strict=True)])


def _next_layer(n: int) -> tuple[list[Any], list[Any], sympy.Matrix, list[Any]]:
    """Width-n layer l feeding a width-(n+1) layer l+1: z^l, z^(l+1)(z^l), W^(l+1), δ^(l+1)."""
    z = _vec("z", n)
    w = _mat("w", n + 1, n)
    b = _vec("b", n + 1)
    z_next = [sum(w[k, j] * Sigmoid(z[j]) for j in range(n)) + b[k] for k in range(n + 1)]
    return z, z_next, w, _vec("delta", n + 1)


def _bp2_chain(n: int) -> tuple[Any, Any]:
    """δ^l_j = Σ_k δ^(l+1)_k ∂z^(l+1)_k/∂z^l_j, C an unknown function of z^(l+1)."""
    z, z_next, _, delta = _next_layer(n)
    lhs = sympy.Matrix([chain_rule_through(z_next, delta, z_j) for z_j in z])
    rhs = sympy.Matrix(
        [sum(delta[k] * sympy.diff(z_next[k], z_j) for k in range(n + 1)) for z_j in z]
    )
    return lhs, rhs


def _bp2_local(n: int) -> tuple[Any, Any]:
    """∂z^(l+1)_k/∂z^l_j = w^(l+1)_kj σ′(z^l_j)."""
    z, z_next, w, _ = _next_layer(n)
    lhs = sympy.Matrix(n + 1, n, lambda k, j: sympy.diff(z_next[k], z[j]))
    rhs = sympy.Matrix(n + 1, n, lambda k, j: w[k, j] * sigmoid_prime(z[j]))
    return lhs, rhs


def _bp2_index(n: int) -> tuple[Any, Any]:
    """δ^l_j = σ′(z^l_j) Σ_k w^(l+1)_kj δ^(l+1)_k (the chain rule with the local derivative)."""
    z, z_next, w, delta = _next_layer(n)
    lhs = sympy.Matrix([chain_rule_through(z_next, delta, z_j) for z_j in z])
    rhs = sympy.Matrix(
        [sigmoid_prime(z[j]) * sum(w[k, j] * delta[k] for k in range(n + 1)) for j in range(n)]
    )
    return lhs, rhs


def _layer_params(n: int) -> tuple[list[Any], sympy.Matrix, list[Any], list[Any], list[Any]]:
    """Layer l of width n on an input of width n + 1: a^(l−1), W^l, b^l, z^l(W, b), δ^l."""
    a_prev, w, b = _vec("a", n + 1), _mat("w", n, n + 1), _vec("b", n)
    z = [sum(w[j, k] * a_prev[k] for k in range(n + 1)) + b[j] for j in range(n)]
    return a_prev, w, b, z, _vec("delta", n)


def _bp3_index(n: int) -> tuple[Any, Any]:
    """∂C/∂b^l_j = δ^l_j, C an unknown function of z^l."""
    _, _, b, z, delta = _layer_params(n)
    lhs = sympy.Matrix([chain_rule_through(z, delta, b_j) for b_j in b])
    return lhs, sympy.Matrix(delta)


def _bp4_index(n: int) -> tuple[Any, Any]:
    """∂C/∂w^l_jk = a^(l−1)_k δ^l_j, C an unknown function of z^l."""
    a_prev, w, _, z, delta = _layer_params(n)
    lhs = sympy.Matrix(n, n + 1, lambda j, k: chain_rule_through(z, delta, w[j, k]))
    rhs = sympy.Matrix(n, n + 1, lambda j, k: a_prev[k] * delta[j])
    return lhs, rhs


def _bp1_matrix(n: int) -> tuple[Any, Any]:
    """Entry j of ∇_a C ⊙ σ′(z^L) is BP1's index form."""
    z, grad = _vec("z", n), _vec("g", n)
    sp = sympy.Matrix([SIGMA_PRIME(z_j) for z_j in z])
    lhs = HadamardProduct(sympy.Matrix(grad), sp).doit()
    return sympy.Matrix(lhs), sympy.Matrix([grad[j] * SIGMA_PRIME(z[j]) for j in range(n)])


def _bp1_matrix_quadratic(n: int) -> tuple[Any, Any]:
    """For C = ½ Σ (a_j − y_j)², ∇_a C ⊙ σ′(z^L) is (a^L − y) ⊙ σ′(z^L)."""
    z, y, a = _vec("z", n), _vec("y", n), _vec("a", n)
    cost = sum((a_j - y_j) ** 2 for a_j, y_j in zip(a, y, strict=True)) / 2
    sp = sympy.Matrix([SIGMA_PRIME(z_j) for z_j in z])
    grad = sympy.Matrix([sympy.diff(cost, a_j) for a_j in a])
    lhs = HadamardProduct(grad, sp).doit()
    rhs = HadamardProduct(sympy.Matrix(a) - sympy.Matrix(y), sp).doit()
    return sympy.Matrix(lhs), sympy.Matrix(rhs)


def _bp2_matrix(n: int) -> tuple[Any, Any]:
    """Entry j of ((W^(l+1))ᵀ δ^(l+1)) ⊙ σ′(z^l) is BP2's index form (W of size (n+1) × n)."""
    z, w, delta = _vec("z", n), _mat("w", n + 1, n), _vec("delta", n + 1)
    sp = sympy.Matrix([SIGMA_PRIME(z_j) for z_j in z])
    lhs = sympy.Matrix(HadamardProduct(w.T * sympy.Matrix(delta), sp).doit())
    rhs = sympy.Matrix(
        [SIGMA_PRIME(z[j]) * sum(w[k, j] * delta[k] for k in range(n + 1)) for j in range(n)]
    )
    return lhs, rhs


def _bp4_matrix(n: int) -> tuple[Any, Any]:
    """Entry (j, k) of δ^l (a^(l−1))ᵀ is a^(l−1)_k δ^l_j (a^(l−1) of length n + 1)."""
    delta, a_prev = _vec("delta", n), _vec("a", n + 1)
    lhs = sympy.Matrix(delta) * sympy.Matrix(a_prev).T
    rhs = sympy.Matrix(n, n + 1, lambda j, k: a_prev[k] * delta[j])
    return lhs, rhs


def _shape_check() -> tuple[Any, Any]:
    """The shape of δ^l (a^(l−1))ᵀ is that of W^l, for symbolic widths."""
    n_l, n_prev = sympy.symbols("n_l n_l-1", integer=True, positive=True)
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
        "SymPy checks it for layers of widths $n = 1, \\dots, 4$ next to layers of width $n + 1$."
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
            "has one term: $\\partial C/\\partial a^L_j$ times $\\sigma'(z^L_j)$. " + sized,
            check=on_sizes(_bp1_chain, SIZES),
        ),
        make_step(
            "BP1 for the quadratic cost",
            sympy.Eq(s["d_Lj"], (s["a_Lj"] - s["y_j"]) * SIGMA_PRIME(s["z_Lj"])),
            "$C = \\tfrac12\\sum_j (a^L_j - y_j)^2$ gives "
            "$\\partial C/\\partial a^L_j = a^L_j - y_j$. " + sized,
            check=on_sizes(_bp1_quadratic, SIZES),
        ),
        make_step(
            "BP2, chain rule through the next layer",
            sympy.Eq(
                s["d_lj"],
                sympy.Sum(d(C, s["z_next"][k]) * d(s["z_next"][k], s["z_lj"]), (k, 1, s["n_next"])),
            ),
            "$z^l_j$ reaches the cost through every weighted input $z^{l+1}_k$ of the next "
            "layer, so the chain rule sums over $k$. " + sized,
            check=on_sizes(_bp2_chain, SIZES),
        ),
        make_step(
            "The local derivative",
            sympy.Eq(d(s["z_next"][k], s["z_lj"]), s["w_next"][k, j] * SIGMA_PRIME(s["z_lj"])),
            "$z^{l+1}_k = \\sum_i w^{l+1}_{ki}\\,\\sigma(z^l_i) + b^{l+1}_k$: only the term "
            "$i = j$ depends on $z^l_j$. " + sized,
            check=on_sizes(_bp2_local, SIZES),
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
            "of the sum. " + sized,
            check=on_sizes(_bp2_index, SIZES),
        ),
        make_step(
            "BP3 in index form",
            sympy.Eq(d(C, s["b_lj"]), s["d_lj"]),
            "$b^l_j$ reaches the cost only through $z^l_j$, and "
            "$\\partial z^l_j/\\partial b^l_j = 1$. " + sized,
            check=on_sizes(_bp3_index, SIZES),
        ),
        make_step(
            "BP4 in index form",
            sympy.Eq(d(C, w_l[j, k]), a_prev[k] * s["d_lj"]),
            "$w^l_{jk}$ reaches the cost only through $z^l_j$, and "
            "$\\partial z^l_j/\\partial w^l_{jk} = a^{l-1}_k$. " + sized,
            check=on_sizes(_bp4_index, SIZES),
        ),
    ]


def _matrix_steps() -> list[Any]:
    eq = _equations()
    entries = "SymPy compares every entry for widths $n = 1, \\dots, 4$."
    n_l, n_prev = sympy.symbols("n_l n_{l-1}", integer=True, positive=True)
    return [
        make_step(
            "BP1 as vectors",
            eq[0],
            "Stack the output errors $\\delta^L_j$ into one vector: entry $j$ of the Hadamard "
            "(entry-by-entry) product of the gradient $\\nabla_{\\mathbf{a}} C$ (entries "
            "$\\partial C/\\partial a^L_j$) with $\\sigma'(\\mathbf{z}^L)$ is step 3. This holds "
            "for any cost. " + entries,
            check=on_sizes(_bp1_matrix, SIZES),
        ),
        make_step(
            "BP1 for the quadratic cost, as vectors",
            eq[1],
            "For the quadratic cost $\\nabla_{\\mathbf{a}} C = \\mathbf{a}^L - \\mathbf{y}$ "
            "(step 4, entry by entry): the output error of the sigmoid networks with the quadratic "
            "cost of chapters 5 to 7 and 9. Another cost changes only this factor. " + entries,
            check=on_sizes(_bp1_matrix_quadratic, SIZES),
        ),
        make_step(
            "BP2 as vectors",
            eq[2],
            "$\\sum_k w^{l+1}_{kj}\\,\\delta^{l+1}_k$ is entry $j$ of "
            "$(W^{l+1})^\\mathsf{T}\\boldsymbol\\delta^{l+1}$: the index $k$ runs down column $j$ "
            "of $W^{l+1}$, which is row $j$ of its transpose. " + entries,
            check=on_sizes(_bp2_matrix, SIZES),
        ),
        make_step(
            "BP3 as vectors",
            eq[3],
            "BP3 holds entry by entry, so it holds for the whole vector.",
            check=on_sizes(_bp3_index, SIZES),
        ),
        make_step(
            "BP4 as a matrix",
            eq[4],
            "$a^{l-1}_k\\,\\delta^l_j$ is entry $(j, k)$ of the outer product "
            "$\\boldsymbol\\delta^l(\\mathbf{a}^{l-1})^\\mathsf{T}$. " + entries,
            check=on_sizes(_bp4_matrix, SIZES),
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

    Every step is checked (SymPy on widths 1..4 for the index identities; the shape of
    ∂C/∂W^l for symbolic widths), and the last step proves all 23 weight and bias partials
    and the 7 error terms of the 2-2-3-2 sigmoid network with
    :func:`~nnmath.symbolic.backprop_network.verify_backprop`'s "layerwise" method.

    Examples
    --------
    >>> from nnmath.symbolic import derive
    >>> d = derive("backprop")
    >>> [s.label for s in d.steps][2]
    'BP1, chain rule at the output'
    >>> d.steps[2].verification.kind
    'sizes 1..n'
    """
    net = network_symbols(EXAMPLE_SIZES)
    claims, n_deltas = _layerwise_claims(net)
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
            "The equations applied to the 2-2-3-2 network of chapter 4; SymPy proves each "
            "entry layer by layer, with the next layer's errors as free symbols.",
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
