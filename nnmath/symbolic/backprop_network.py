"""Backpropagation on whole symbolic networks: the four equations proved entry by entry.

The step-by-step derivation is :func:`nnmath.symbolic.backprop.derive_backprop`.

Two ways to prove them for a sigmoid network with quadratic cost
``C = ½ ‖a^L − y‖²``:

``"layerwise"``
    One layer at a time. The output error ``∂C/∂z^L`` is differentiated from
    ``C(σ(z^L))``. For a hidden layer, C is an unknown function of ``z^(l+1)``
    whose partials are the free symbols ``δ^(l+1)``; SymPy applies the chain
    rule through ``z^(l+1) = W^(l+1) σ(z^l) + b^(l+1)``. The same trick through
    ``z^l = W^l a^(l−1) + b^l`` gives the weight and bias partials. The work
    per layer depends only on its width, so the cost grows linearly with depth.
    It rests on SymPy's chain rule for an unknown function, so it checks the
    equations given the chain rule; the derivation's last step instead proves
    the 2-2-3-2 network from its explicit cost (:func:`_composed_delta_claims`
    and the "composed" claims).
``"composed"``
    Differentiate the fully composed cost by every parameter and compare with
    the backprop formulas. σ is the SymPy function :class:`Sigmoid`, which
    knows σ′ = σ(1 − σ), so both sides are polynomials in σ(…) values and
    ``expand`` decides equality. The expressions nest once per layer, so the
    cost grows much faster than linearly with depth: measured 0.6 s, 6 s and
    46 s for 2-2-3-2, 2-3-3-3-2 and 2-3-3-3-3-2, against 0.2-0.3 s layerwise
    (and 0.5 s layerwise for ten layers of width 3).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import sympy

from nnmath.symbolic.core import Claim, Formula, numbered_symbols
from nnmath.symbolic.display import tex_matrix
from nnmath.symbolic.sigmoid import SIGMA_PRIME, Sigmoid, logistic, logistic_prime, sigmoid_prime

__all__ = [
    "EXAMPLE_SIZES",
    "BackpropReport",
    "chain_rule_through",
    "network_symbols",
    "quadratic_cost_formula",
    "verify_backprop",
]

#: The network of the derivation page: 2 inputs, hidden layers of 2 and 3, 2 outputs.
EXAMPLE_SIZES = (2, 2, 3, 2)

Method = Literal["layerwise", "composed"]
_METHODS: tuple[Method, ...] = ("layerwise", "composed")

# An unknown cost function; only its partial derivatives ever appear.
_COST = sympy.Function("C")


@dataclass(frozen=True)
class NetworkSymbols:
    """Symbols of a fully connected network with layer sizes ``n_0, …, n_L``.

    Layers are numbered 1..L; ``W[l]`` is ``n_l × n_(l−1)`` so that
    ``z^l = W^l a^(l−1) + b^l``. Lists are indexed by layer number (index 0
    unused for the per-layer lists), entries by neuron (0-based in Python,
    1-based in the printed names).
    """

    sizes: tuple[int, ...]
    x: tuple[sympy.Symbol, ...]
    y: tuple[sympy.Symbol, ...]
    W: tuple[sympy.Matrix, ...]
    b: tuple[tuple[sympy.Symbol, ...], ...]
    z: tuple[tuple[sympy.Symbol, ...], ...]
    a: tuple[tuple[sympy.Symbol, ...], ...]
    delta: tuple[tuple[sympy.Symbol, ...], ...]

    @property
    def depth(self) -> int:
        """Number of weight layers L."""
        return len(self.sizes) - 1

    def params(self) -> list[sympy.Symbol]:
        """Every parameter in the order W^1 (row-major), b^1, W^2, b^2, …"""
        out: list[sympy.Symbol] = []
        for layer in range(1, self.depth + 1):
            out.extend(self.W[layer])
            out.extend(self.b[layer])
        return out


def _check_sizes(sizes: object) -> tuple[int, ...]:
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence):
        raise TypeError(f"sizes must be a sequence of positive integers, got {sizes!r}")
    if any(isinstance(n, bool) or not isinstance(n, int) for n in sizes):
        raise TypeError(f"sizes must hold integers, got {list(sizes)!r}")
    if len(sizes) < 2 or any(n < 1 for n in sizes):
        raise ValueError(f"sizes needs at least two positive layer sizes, got {list(sizes)!r}")
    return tuple(sizes)


def network_symbols(sizes: Sequence[int]) -> NetworkSymbols:
    """Create the symbols of a network with layer sizes ``sizes``.

    Raises
    ------
    TypeError
        If ``sizes`` is not a sequence of ints.
    ValueError
        If it has fewer than two entries or an entry below 1.
    """
    sizes = _check_sizes(sizes)
    depth = len(sizes) - 1

    def vector(name: str, n: int) -> tuple[sympy.Symbol, ...]:
        return tuple(sympy.Symbol(f"{name}_{j + 1}", real=True) for j in range(n))

    def weight_matrix(layer: int) -> sympy.Matrix:
        rows, cols = sizes[layer], sizes[layer - 1]
        return sympy.Matrix(
            rows,
            cols,
            [
                sympy.Symbol(f"w^{layer}_{j + 1},{k + 1}", real=True)
                for j in range(rows)
                for k in range(cols)
            ],
        )

    weights = [sympy.zeros(0, 0)] + [weight_matrix(layer) for layer in range(1, depth + 1)]
    empty: tuple[sympy.Symbol, ...] = ()

    def per_layer(name: str) -> tuple[tuple[sympy.Symbol, ...], ...]:
        return (empty, *(vector(f"{name}^{n}", sizes[n]) for n in range(1, depth + 1)))

    x = vector("x", sizes[0])
    return NetworkSymbols(
        sizes=sizes,
        x=x,
        y=vector("y", sizes[-1]),
        W=tuple(weights),
        b=per_layer("b"),
        z=per_layer("z"),
        a=(x, *per_layer("a")[1:]),
        delta=per_layer("delta"),
    )


def chain_rule_through(inner: Sequence[Any], partials: Sequence[Any], var: Any) -> Any:
    """``∂C/∂var`` for ``C = C(u_1, …, u_m)`` with ``u_i = inner[i](var)``.

    SymPy differentiates the unknown function ``C(inner…)`` itself (it applies
    the multivariable chain rule); each resulting ``∂C/∂u_i`` is then replaced
    by ``partials[i]``.

    Parameters
    ----------
    inner : sequence of sympy.Basic, length m
        The arguments of C as expressions in ``var``.
    partials : sequence of sympy.Basic, length m
        What to write for ``∂C/∂u_i``.
    var : sympy.Symbol

    Raises
    ------
    ValueError
        If the lengths differ, or SymPy's result has a derivative of C that
        cannot be matched to an argument.
    """
    if len(inner) != len(partials):
        raise ValueError(f"{len(inner)} inner expressions but {len(partials)} partials")
    derivative = _COST(*inner).diff(var)

    def index_of(node: Any) -> int:
        deriv = node.expr if isinstance(node, sympy.Subs) else node
        if (
            isinstance(deriv, sympy.Derivative)
            and deriv.expr.func == _COST
            and len(deriv.variable_count) == 1
            and deriv.variable_count[0][1] == 1
        ):
            return list(deriv.expr.args).index(deriv.variables[0])
        raise ValueError(f"unexpected term in the chain rule: {node}")

    # sympy writes ∂C/∂u_i at u = inner as Subs(Derivative(C(…, ξ, …), ξ), ξ, inner[i]).
    mapping = {node: partials[index_of(node)] for node in derivative.atoms(sympy.Subs)}
    result = derivative.xreplace(mapping)
    mapping = {
        node: partials[index_of(node)]
        for node in result.atoms(sympy.Derivative)
        if node.expr.func == _COST
    }
    result = result.xreplace(mapping)
    if result.has(_COST):
        raise ValueError(f"could not replace every derivative of C in {result}")
    return result


def _affine(weights: sympy.Matrix, inputs: Sequence[Any], bias: Sequence[Any]) -> list[Any]:
    rows, cols = weights.shape
    return [sum(weights[j, k] * inputs[k] for k in range(cols)) + bias[j] for j in range(rows)]


def _layerwise_claims(net: NetworkSymbols) -> tuple[list[Claim], int]:
    """Claims for the four equations, one layer at a time; also the number of δ claims."""
    depth = net.depth
    claims: list[Claim] = []
    z_out = net.z[depth]
    cost = sum((logistic(z) - y) ** 2 for z, y in zip(z_out, net.y, strict=True)) / 2
    for j, (z, y) in enumerate(zip(z_out, net.y, strict=True)):
        claims.append(
            Claim(
                f"δ^{depth}_{j + 1} = ∂C/∂z^{depth}_{j + 1} = σ′(z)(a − y)",
                sympy.Derivative(cost, z),
                logistic_prime(z) * (logistic(z) - y),
            )
        )
    for layer in range(depth - 1, 0, -1):
        w_next = net.W[layer + 1]
        inner = _affine(w_next, [logistic(z) for z in net.z[layer]], net.b[layer + 1])
        for k, z in enumerate(net.z[layer]):
            back = sum(w_next[i, k] * d for i, d in enumerate(net.delta[layer + 1]))
            claims.append(
                Claim(
                    f"δ^{layer}_{k + 1} = σ′(z^{layer}_{k + 1}) ((W^{layer + 1})ᵀ δ^{layer + 1})",
                    chain_rule_through(inner, net.delta[layer + 1], z),
                    logistic_prime(z) * back,
                )
            )
    n_deltas = len(claims)
    for layer in range(1, depth + 1):
        a_prev = net.a[layer - 1]
        inner = _affine(net.W[layer], a_prev, net.b[layer])
        for j, d in enumerate(net.delta[layer]):
            for k, a in enumerate(a_prev):
                w = net.W[layer][j, k]
                claims.append(
                    Claim(
                        f"∂C/∂{w} = δ^{layer}_{j + 1} a^{layer - 1}_{k + 1}",
                        chain_rule_through(inner, net.delta[layer], w),
                        d * a,
                    )
                )
            bias = net.b[layer][j]
            claims.append(
                Claim(
                    f"∂C/∂{bias} = δ^{layer}_{j + 1}",
                    chain_rule_through(inner, net.delta[layer], bias),
                    d,
                )
            )
    return claims, n_deltas


def _forward(
    net: NetworkSymbols, sigma: Callable[[Any], Any] = logistic
) -> tuple[list[list[Any]], list[list[Any]], Any]:
    """Explicit z^l and a^l (index 0: the input) and the composed cost."""
    activations: list[list[Any]] = [list(net.x)]
    pre: list[list[Any]] = [[]]
    for layer in range(1, net.depth + 1):
        pre.append(_affine(net.W[layer], activations[-1], net.b[layer]))
        activations.append([sigma(z) for z in pre[-1]])
    cost = sum((a - y) ** 2 for a, y in zip(activations[-1], net.y, strict=True)) / 2
    return pre, activations, cost


def _backprop_formulas(
    net: NetworkSymbols,
    sigma: Callable[[Any], Any] = logistic,
    sigma_prime: Callable[[Any], Any] = logistic_prime,
) -> tuple[Any, dict[Any, Any]]:
    """The composed cost and, for each parameter, its backprop formula in x, y and ϑ."""
    pre, act, cost = _forward(net, sigma)
    delta = [sigma_prime(z) * (a - y) for z, a, y in zip(pre[-1], act[-1], net.y, strict=True)]
    grads: dict[Any, Any] = {}
    for layer in range(net.depth, 0, -1):
        w = net.W[layer]
        for j, d in enumerate(delta):
            for k, a in enumerate(act[layer - 1]):
                grads[w[j, k]] = d * a
            grads[net.b[layer][j]] = d
        if layer > 1:
            delta = [
                sigma_prime(z) * sum(w[i, k] * d for i, d in enumerate(delta))
                for k, z in enumerate(pre[layer - 1])
            ]
    return cost, grads


def _composed_delta_claims(net: NetworkSymbols) -> list[Claim]:
    """δ^l_j = ∂C/∂z^l_j for every layer l, the cost composed explicitly from z^l.

    For each layer l the cost is written out as an explicit function of the free symbols
    ``z^l`` (``a^l = σ(z^l)``, then the forward pass to the output); SymPy differentiates it
    by each ``z^l_j`` and compares with BP1 and BP2 applied from the output down to layer l.
    No unknown function is differentiated, so the chain rule is not assumed.
    """
    claims: list[Claim] = []
    for layer in range(net.depth, 0, -1):
        pre: list[list[Any]] = [list(net.z[layer])]
        act: list[list[Any]] = [[Sigmoid(z) for z in net.z[layer]]]
        for upper in range(layer + 1, net.depth + 1):
            pre.append(_affine(net.W[upper], act[-1], net.b[upper]))
            act.append([Sigmoid(z) for z in pre[-1]])
        cost = sum((a - y) ** 2 for a, y in zip(act[-1], net.y, strict=True)) / 2
        delta = [
            sigmoid_prime(z) * (a - y) for z, a, y in zip(pre[-1], act[-1], net.y, strict=True)
        ]
        for upper in range(net.depth, layer, -1):
            w = net.W[upper]
            delta = [
                sigmoid_prime(z) * sum(w[i, k] * d for i, d in enumerate(delta))
                for k, z in enumerate(pre[upper - layer - 1])
            ]
        rule = "σ′(z)(a − y)" if layer == net.depth else f"σ′(z) ((W^{layer + 1})ᵀ δ^{layer + 1})"
        claims.extend(
            Claim(
                f"δ^{layer}_{j + 1} = ∂C/∂z^{layer}_{j + 1} = {rule}",
                sympy.Derivative(cost, z),
                d,
                reduction="expand",
            )
            for j, (z, d) in enumerate(zip(net.z[layer], delta, strict=True))
        )
    return claims


def _composed_claims(net: NetworkSymbols) -> list[Claim]:
    cost, grads = _backprop_formulas(net, Sigmoid, sigmoid_prime)
    return [
        Claim(
            f"∂C/∂{p} of the composed cost equals backprop",
            sympy.Derivative(cost, p),
            grads[p],
            reduction="expand",
        )
        for p in net.params()
    ]


@dataclass(frozen=True)
class BackpropReport:
    """Outcome of :func:`verify_backprop`.

    Attributes
    ----------
    sizes : tuple of int
        Layer sizes of the network.
    method : {"layerwise", "composed"}
    partials_checked : int
        Number of weight and bias partials proved (23 for 2-2-3-2).
    deltas_checked : int
        Number of error terms δ^l_j proved (0 for "composed").
    all_equal : bool
        Whether SymPy proved every claim.
    seconds : float
        Wall time, building the expressions included.
    failures : tuple of str
        Statements SymPy did not prove.
    """

    sizes: tuple[int, ...]
    method: Method
    partials_checked: int
    deltas_checked: int
    all_equal: bool
    seconds: float
    failures: tuple[str, ...] = ()


def verify_backprop(sizes: Sequence[int], method: Method = "layerwise") -> BackpropReport:
    """Prove the four backprop equations entry by entry for a sigmoid network.

    Parameters
    ----------
    sizes : sequence of int
        Layer sizes ``n_0, …, n_L`` (at least two, each ≥ 1).
    method : {"layerwise", "composed"}
        See the module docstring. "composed" is only practical for a few
        layers (about 6 s for 2-3-3-3-2 and 46 s for 2-3-3-3-3-2).

    Returns
    -------
    BackpropReport

    Raises
    ------
    TypeError
        If ``sizes`` is not a sequence of ints or ``method`` is not a string.
    ValueError
        If ``sizes`` is too short or has an entry below 1, or ``method`` is
        not one of the two names.
    """
    if not isinstance(method, str):
        raise TypeError(f"method must be 'layerwise' or 'composed', got {method!r}")
    if method not in _METHODS:
        raise ValueError(f"method must be 'layerwise' or 'composed', got {method!r}")
    start = time.perf_counter()
    net = network_symbols(sizes)
    if method == "layerwise":
        claims, n_deltas = _layerwise_claims(net)
    else:
        claims, n_deltas = _composed_claims(net), 0
    failures = tuple(claim.statement for claim in claims if not claim.holds())
    return BackpropReport(
        sizes=net.sizes,
        method=method,
        partials_checked=len(claims) - n_deltas,
        deltas_checked=n_deltas,
        all_equal=not failures,
        seconds=time.perf_counter() - start,
        failures=failures,
    )


def quadratic_cost_formula(k: int) -> Formula:
    """``½ Σ_j (a_j − y_j)²`` for ``k`` outputs, with arguments ``(a_1…a_k, y_1…y_k)``.

    Raises
    ------
    ValueError
        If ``k < 1``.
    """
    a = numbered_symbols("a", k)
    y = numbered_symbols("y", k)
    cost = sum((ai - yi) ** 2 for ai, yi in zip(a, y, strict=True)) / 2
    return Formula((cost,), (*a, *y))


def _equations() -> list[Any]:
    """The four equations as matrix expressions (for display).

    BP1 comes twice: for any cost, with the gradient ``∇_a C`` of the cost with respect
    to the output, and for the quadratic cost, where that gradient is ``a^L − y``.
    """
    n = sympy.Symbol("n")
    vec = {name: sympy.MatrixSymbol(name, n, 1) for name in ("delta^L", "z^L", "a^L", "y")}
    d_l, z_l, b_l, a_prev = (
        sympy.MatrixSymbol(name, n, 1) for name in ("delta^l", "z^l", "b^l", "a^l-1")
    )
    d_next = sympy.MatrixSymbol("delta^l+1", n, 1)
    w_next = sympy.MatrixSymbol("W^l+1", n, n)
    w_l = sympy.MatrixSymbol("W^l", n, n)
    cost = sympy.Symbol("C")
    grad_a = tex_matrix(r"\nabla_{\mathbf{a}} C", n, 1)
    sigma_prime_out = vec["z^L"].applyfunc(SIGMA_PRIME)
    return [
        sympy.Eq(vec["delta^L"], sympy.HadamardProduct(grad_a, sigma_prime_out), evaluate=False),
        sympy.Eq(
            vec["delta^L"],
            sympy.HadamardProduct(vec["a^L"] - vec["y"], sigma_prime_out),
            evaluate=False,
        ),
        sympy.Eq(
            d_l,
            sympy.HadamardProduct(z_l.applyfunc(SIGMA_PRIME), w_next.T * d_next),
            evaluate=False,
        ),
        sympy.Eq(sympy.Derivative(cost, b_l), d_l, evaluate=False),
        sympy.Eq(sympy.Derivative(cost, w_l), d_l * a_prev.T, evaluate=False),
    ]
