"""The chain rule: a worked example with exact numbers, and a two-layer sigmoid network."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy

from nnmath.symbolic.core import (
    Claim,
    Derivation,
    Formula,
    Step,
    build,
    exactly,
    make_step,
    proved,
)
from nnmath.symbolic.sigmoid import SIGMA, SIGMA_PRIME, logistic, logistic_prime

__all__ = ["derive_chain_rule", "derive_chain_rule_network", "worked_example"]

_R = sympy.Rational

#: The inputs of the worked example.
EXAMPLE_INPUTS: dict[str, sympy.Rational] = {
    "x": _R(2),
    "b1": _R(1),
    "b2": _R(1, 2),
    "w1": _R(1, 2),
    "w2": _R(3, 2),
    "t": _R(5),
}
#: Step sizes: two steps *up* the gradient of ŷ, then one step of gradient descent on E.
ETA_UP_LARGE = _R(1, 5)
ETA_UP_SMALL = _R(1, 10)
ETA_DESCENT = _R(1, 10)


def _chain_symbols() -> dict[str, sympy.Symbol]:
    return {name: sympy.Symbol(name, real=True) for name in ("x", "w1", "b1", "w2", "b2", "t")}


def _links(s: dict[str, sympy.Symbol]) -> tuple[Any, Any, Any]:
    """``z = x w1 + b1``, the output ``ŷ = z w2 + b2`` and the error ``E = ½(ŷ − t)²``."""
    z = s["x"] * s["w1"] + s["b1"]
    y_hat = z * s["w2"] + s["b2"]
    return z, y_hat, (y_hat - s["t"]) ** 2 / 2


def worked_example() -> dict[str, sympy.Rational]:
    """Every number of the worked example, computed exactly from the formulas.

    ``z = x w1 + b1``, ``ŷ = z w2 + b2``, ``E = ½(ŷ − t)²`` at ``x = 2``,
    ``b1 = 1``, ``b2 = 1/2``, ``w1 = 1/2``, ``w2 = 3/2``, ``t = 5``.

    Returns
    -------
    dict of str to sympy.Rational
        The inputs; ``z``, ``y_hat`` (the output ŷ), ``E``; ``dyhat_dw1``, ``dyhat_dw2``
        (the gradient of ŷ); for each step up the gradient of ŷ (``up_large``:
        η = 1/5, ``up_small``: η = 1/10) ``eta_*``, ``w1_*``, ``w2_*``, ``z_*``,
        ``y_hat_*``; for one step of gradient descent on E (η = 1/10) ``dE_dyhat``,
        ``dE_dw1``, ``dE_dw2``, ``eta_descent``, ``w1_descent``, ``w2_descent``,
        ``z_descent``, ``y_hat_descent``, ``E_descent``.
    """
    s = _chain_symbols()
    t, w1, w2 = s["t"], s["w1"], s["w2"]
    z, y_hat, error = _links(s)
    at = {s[k]: v for k, v in EXAMPLE_INPUTS.items()}

    def value(expr: Any, **weights: sympy.Rational) -> sympy.Rational:
        point = dict(at)
        point.update({s[k]: v for k, v in weights.items()})
        result = expr.subs(point)
        if not isinstance(result, sympy.Rational):
            raise ValueError(f"{expr} did not evaluate to a rational number: {result}")
        return result

    out: dict[str, sympy.Rational] = dict(EXAMPLE_INPUTS)
    out.update(z=value(z), y_hat=value(y_hat), E=value(error))
    out.update(dyhat_dw1=value(sympy.diff(y_hat, w1)), dyhat_dw2=value(sympy.diff(y_hat, w2)))
    for tag, eta in (("up_large", ETA_UP_LARGE), ("up_small", ETA_UP_SMALL)):
        new = {"w1": out["w1"] + eta * out["dyhat_dw1"], "w2": out["w2"] + eta * out["dyhat_dw2"]}
        out[f"eta_{tag}"] = eta
        out[f"w1_{tag}"] = new["w1"]
        out[f"w2_{tag}"] = new["w2"]
        out[f"z_{tag}"] = value(z, **new)
        out[f"y_hat_{tag}"] = value(y_hat, **new)
    # ∂E/∂ŷ at the example, then the chain rule ∂E/∂w = ∂E/∂ŷ · ∂ŷ/∂w.
    y_hat_free = sympy.Symbol("y_hat", real=True)
    out["dE_dyhat"] = value(
        sympy.diff((y_hat_free - t) ** 2 / 2, y_hat_free).subs(y_hat_free, y_hat)
    )
    out["dE_dw1"] = value(sympy.diff(error, w1))
    out["dE_dw2"] = value(sympy.diff(error, w2))
    out["eta_descent"] = ETA_DESCENT
    new = {
        "w1": out["w1"] - ETA_DESCENT * out["dE_dw1"],
        "w2": out["w2"] - ETA_DESCENT * out["dE_dw2"],
    }
    out.update(w1_descent=new["w1"], w2_descent=new["w2"])
    out.update(
        z_descent=value(z, **new), y_hat_descent=value(y_hat, **new), E_descent=value(error, **new)
    )
    return out


@dataclass(frozen=True)
class _Chain:
    """The two-weight chain: its symbols, its expressions, the displayed names and the numbers."""

    s: dict[str, sympy.Symbol]
    z: Any
    y_hat: Any
    error: Any
    z_sym: sympy.Symbol
    y_hat_sym: sympy.Symbol
    e_sym: sympy.Symbol
    ex: dict[str, sympy.Rational]

    def at_example(self, expr: Any, **weights: Any) -> Any:
        """``expr`` at the example's inputs (``weights`` override w1, w2), unevaluated.

        A ``sympy.Subs``: the check does the arithmetic each time it runs.
        """
        point = {self.s[k]: v for k, v in EXAMPLE_INPUTS.items()}
        point.update({self.s[k]: v for k, v in weights.items()})
        return sympy.Subs(expr, tuple(point), tuple(point.values()))


def _make_chain() -> _Chain:
    s = _chain_symbols()
    z_sym, y_hat_sym, e_sym = sympy.symbols(r"z \hat{y} E", real=True)
    z, y_hat, error = _links(s)
    return _Chain(s, z, y_hat, error, z_sym, y_hat_sym, e_sym, worked_example())


def _d(f: Any, v: Any) -> Any:
    return sympy.Derivative(f, v)


def _numbers(*values: Any) -> sympy.Matrix:
    return sympy.Matrix(values)


def _forward_steps(c: _Chain) -> list[Step]:
    """Steps 1 to 4: the two links, the error, and the forward pass at the example."""
    w2, b2, t = c.s["w2"], c.s["b2"], c.s["t"]
    ex = c.ex
    return [
        make_step("First link", sympy.Eq(c.z_sym, c.z)),
        make_step("Second link", sympy.Eq(c.y_hat_sym, c.z_sym * w2 + b2)),
        make_step("Error", sympy.Eq(c.e_sym, (c.y_hat_sym - t) ** 2 / 2)),
        make_step(
            "Forward pass",
            sympy.Eq(
                sympy.Tuple(c.z_sym, c.y_hat_sym, c.e_sym),
                sympy.Tuple(ex["z"], ex["y_hat"], ex["E"]),
            ),
            r"Steps 1 to 3 in order, with $x = 2$, $b_1 = 1$, $b_2 = 1/2$, $w_1 = 1/2$, "
            r"$w_2 = 3/2$ and target $t = 5$: $z = 2 \cdot \tfrac12 + 1$, "
            r"$\hat y = 2 \cdot \tfrac32 + \tfrac12$, $E = \tfrac12(\tfrac72 - 5)^2$.",
            check=exactly(
                _numbers(c.at_example(c.z), c.at_example(c.y_hat), c.at_example(c.error)),
                _numbers(ex["z"], ex["y_hat"], ex["E"]),
            ),
        ),
    ]


def _output_gradient_steps(c: _Chain) -> list[Step]:
    """Steps 5 to 8: the chain rule for ∂ŷ/∂w1, the local derivatives, ∂ŷ/∂w2, the numbers."""
    x, w1, b1, w2, b2 = (c.s[k] for k in ("x", "w1", "b1", "w2", "b2"))
    z_sym, y_hat_sym = c.z_sym, c.y_hat_sym
    return [
        make_step(
            "Chain rule for w1",
            sympy.Eq(_d(y_hat_sym, w1), _d(y_hat_sym, z_sym) * _d(z_sym, w1)),
            r"Chain rule: $\hat y$ (step 2) depends on $w_1$ only through $z$ (step 1).",
            check=proved(
                _d(c.y_hat, w1), _d(z_sym * w2 + b2, z_sym).doit().subs(z_sym, c.z) * _d(c.z, w1)
            ),
        ),
        make_step(
            "Local derivatives",
            sympy.Eq(_d(y_hat_sym, w1), w2 * x),
            r"$\partial \hat y/\partial z = w_2$ from step 2 and $\partial z/\partial w_1 = x$ "
            "from step 1; multiply as in step 5.",
            check=proved(_d(z_sym * w2 + b2, z_sym) * _d(x * w1 + b1, w1), w2 * x),
        ),
        make_step(
            "Derivative in w2",
            sympy.Eq(_d(y_hat_sym, w2), z_sym),
            r"In step 2, $w_2$ multiplies $z$, and $z$ does not depend on $w_2$.",
            check=proved(_d(z_sym * w2 + b2, w2), z_sym),
        ),
        make_step(
            r"Gradient of $\hat y$ at the example",
            sympy.Eq(
                sympy.Tuple(_d(y_hat_sym, w1), _d(y_hat_sym, w2)),
                sympy.Tuple(c.ex["dyhat_dw1"], c.ex["dyhat_dw2"]),
            ),
            r"Steps 6 and 7 at the example: $w_2 x = \tfrac32 \cdot 2$ and $z = 2$.",
            check=exactly(
                _numbers(c.at_example(_d(c.y_hat, w1)), c.at_example(_d(c.y_hat, w2))),
                _numbers(c.ex["dyhat_dw1"], c.ex["dyhat_dw2"]),
            ),
        ),
    ]


def _step_up(c: _Chain, tag: str, eta: Any, label: str, explanation: str) -> Step:
    """One step up the gradient of ŷ (η = ``eta``), then the forward pass again."""
    w1, w2 = c.s["w1"], c.s["w2"]
    new = (c.ex[f"w1_{tag}"], c.ex[f"w2_{tag}"], c.ex[f"y_hat_{tag}"])
    return make_step(
        label,
        sympy.Eq(sympy.Tuple(w1, w2, c.y_hat_sym), sympy.Tuple(*new)),
        explanation,
        check=exactly(
            _numbers(
                c.at_example(w1 + eta * sympy.Derivative(c.y_hat, w1)),
                c.at_example(w2 + eta * sympy.Derivative(c.y_hat, w2)),
                c.at_example(c.y_hat, w1=new[0], w2=new[1]),
            ),
            _numbers(*new),
        ),
    )


def _step_up_steps(c: _Chain) -> list[Step]:
    """Steps 9 and 10: two steps up the gradient of ŷ, one too large."""
    return [
        _step_up(
            c,
            "up_large",
            ETA_UP_LARGE,
            r"Step up the gradient of $\hat y$, $\eta = 1/5$",
            r"$w \leftarrow w + \eta\,\partial\hat y/\partial w$ with the gradient of step 8: "
            r"$w_1 = \tfrac12 + \tfrac15 \cdot 3$, $w_2 = \tfrac32 + \tfrac15 \cdot 2$; then the "
            r"forward pass again. $\hat y = 6.58$ overshoots the target 5.",
        ),
        _step_up(
            c,
            "up_small",
            ETA_UP_SMALL,
            r"Step up the gradient of $\hat y$, $\eta = 1/10$",
            r"The same with half the step: $w_1 = \tfrac12 + \tfrac{1}{10} \cdot 3$, "
            r"$w_2 = \tfrac32 + \tfrac{1}{10} \cdot 2$. $\hat y = 4.92$, close to the target.",
        ),
    ]


def _error_steps(c: _Chain) -> list[Step]:
    """Steps 11 to 13: the gradient of the error, its numbers, and one step of descent."""
    w1, w2, t = c.s["w1"], c.s["w2"], c.s["t"]
    e_sym, y_hat_sym, ex = c.e_sym, c.y_hat_sym, c.ex
    down = {"w1": ex["w1_descent"], "w2": ex["w2_descent"]}
    return [
        make_step(
            "Gradient of the error",
            sympy.Eq(_d(e_sym, w1), (y_hat_sym - t) * _d(y_hat_sym, w1)),
            (
                r"Chain rule once more: $\partial E/\partial \hat y = \hat y - t$ (step 3), times "
                r"the gradient of $\hat y$; the same holds for $w_2$."
            ),
            check=proved(_d(c.error, w1), (c.y_hat - t) * _d(c.y_hat, w1)),
        ),
        make_step(
            r"Gradient of the error at the example",
            sympy.Eq(
                sympy.Tuple(_d(e_sym, w1), _d(e_sym, w2)),
                sympy.Tuple(ex["dE_dw1"], ex["dE_dw2"]),
            ),
            r"Step 11 with $\hat y - t = \tfrac72 - 5 = -\tfrac32$ and the gradient of step 8: "
            r"$-\tfrac32 \cdot 3$ and $-\tfrac32 \cdot 2$.",
            check=exactly(
                _numbers(c.at_example(_d(c.error, w1)), c.at_example(_d(c.error, w2))),
                _numbers(ex["dE_dw1"], ex["dE_dw2"]),
            ),
        ),
        make_step(
            r"Gradient descent on $E$, $\eta = 1/10$",
            sympy.Eq(
                sympy.Tuple(w1, w2, y_hat_sym, e_sym),
                sympy.Tuple(
                    ex["w1_descent"], ex["w2_descent"], ex["y_hat_descent"], ex["E_descent"]
                ),
            ),
            r"$w \leftarrow w - \eta\,\partial E/\partial w$ with step 12: "
            r"$w_1 = \tfrac12 + \tfrac{1}{10} \cdot \tfrac92$, $w_2 = \tfrac32 + \tfrac{1}{10} "
            r"\cdot 3$; then the forward pass. The error falls from $9/8$ to $162/625$ (the "
            "biases are kept fixed).",
            check=exactly(
                _numbers(
                    c.at_example(w1 - ETA_DESCENT * _d(c.error, w1)),
                    c.at_example(w2 - ETA_DESCENT * _d(c.error, w2)),
                    c.at_example(c.y_hat, **down),
                    c.at_example(c.error, **down),
                ),
                _numbers(ex["w1_descent"], ex["w2_descent"], ex["y_hat_descent"], ex["E_descent"]),
            ),
        ),
    ]


def _chain_claims(c: _Chain) -> list[Claim]:
    """The derivatives in closed form, and every number of the worked example."""
    x, w1, w2, t = (c.s[k] for k in ("x", "w1", "w2", "t"))
    y_hat, error = c.y_hat, c.error

    def number(label: str, expr: Any, expected: Any, **weights: Any) -> Claim:
        return Claim(label, c.at_example(expr, **weights), expected)

    grad_y_hat = (sympy.Derivative(y_hat, w1), sympy.Derivative(y_hat, w2))
    grad_e = (sympy.Derivative(error, w1), sympy.Derivative(error, w2))
    return [
        Claim("∂ŷ/∂w1 = w2 x", grad_y_hat[0], w2 * x),
        Claim("∂ŷ/∂w2 = z", grad_y_hat[1], c.z),
        Claim("∂E/∂w1 = (ŷ − t) w2 x", grad_e[0], (y_hat - t) * w2 * x),
        Claim("∂E/∂w2 = (ŷ − t) z", grad_e[1], (y_hat - t) * c.z),
        number("z = 2", c.z, 2),
        number("ŷ = 7/2", y_hat, _R(7, 2)),
        number("E = 9/8", error, _R(9, 8)),
        number("∂ŷ/∂w1 = 3", grad_y_hat[0], 3),
        number("∂ŷ/∂w2 = 2", grad_y_hat[1], 2),
        number("η = 1/5 up: w1 = 11/10", w1 + ETA_UP_LARGE * grad_y_hat[0], _R(11, 10)),
        number("η = 1/5 up: w2 = 19/10", w2 + ETA_UP_LARGE * grad_y_hat[1], _R(19, 10)),
        number("η = 1/5 up: ŷ = 329/50", y_hat, _R(329, 50), w1=_R(11, 10), w2=_R(19, 10)),
        number("η = 1/10 up: w1 = 4/5", w1 + ETA_UP_SMALL * grad_y_hat[0], _R(4, 5)),
        number("η = 1/10 up: w2 = 17/10", w2 + ETA_UP_SMALL * grad_y_hat[1], _R(17, 10)),
        number("η = 1/10 up: ŷ = 123/25", y_hat, _R(123, 25), w1=_R(4, 5), w2=_R(17, 10)),
        number("∂E/∂w1 = (ŷ − t) ∂ŷ/∂w1 = −9/2", grad_e[0], _R(-9, 2)),
        number("∂E/∂w2 = (ŷ − t) ∂ŷ/∂w2 = −3", grad_e[1], -3),
        number("descent: w1 = 19/20", w1 - ETA_DESCENT * grad_e[0], _R(19, 20)),
        number("descent: w2 = 9/5", w2 - ETA_DESCENT * grad_e[1], _R(9, 5)),
        number("descent: ŷ = 143/25", y_hat, _R(143, 25), w1=_R(19, 20), w2=_R(9, 5)),
        number("descent: E = 162/625", error, _R(162, 625), w1=_R(19, 20), w2=_R(9, 5)),
        Claim(
            "the descent step lowers E",
            sympy.sign(c.at_example(error, w1=_R(19, 20), w2=_R(9, 5)) - c.at_example(error)),
            -1,
        ),
    ]


def derive_chain_rule() -> Derivation:
    """The two-weight chain ``z = x w1 + b1``, ``ŷ = z w2 + b2``, ``E = ½(ŷ − t)²``.

    Computes ``∂ŷ/∂w1 = w2 x`` and ``∂ŷ/∂w2 = z``, the exact numbers of two
    steps up the gradient of ŷ (η = 1/5 overshoots the target 5, η = 1/10 does
    not), and one step of gradient descent on E with
    ``∂E/∂w = (ŷ − t) ∂ŷ/∂w``.
    """
    c = _make_chain()
    x, w1, b1, w2, b2, t = (c.s[k] for k in ("x", "w1", "b1", "w2", "b2", "t"))
    steps = _forward_steps(c) + _output_gradient_steps(c) + _step_up_steps(c) + _error_steps(c)
    return build(
        name="chain-rule",
        title="The chain rule on a two-weight chain",
        summary="Derivatives multiply along a chain, which tells each weight how to move.",
        steps=steps,
        result=sympy.Eq(
            sympy.Tuple(_d(c.y_hat_sym, w1), _d(c.y_hat_sym, w2)), sympy.Tuple(w2 * x, c.z_sym)
        ),
        claims=_chain_claims(c),
        symbols={**c.s, "z": c.z_sym, "y_hat": c.y_hat_sym, "E": c.e_sym},
        formulas={
            "y_hat": Formula((c.y_hat,), (x, w1, b1, w2, b2)),
            "E": Formula((c.error,), (x, w1, b1, w2, b2, t)),
        },
        data={"worked_example": c.ex},
    )


def _weight_and_bias_steps(
    layer: str,
    k: int,
    error_step: int,
    cost: Any,
    weight_and_bias: tuple[Any, Any],
    error: tuple[Any, Any],
    layer_input: tuple[Any, Any, str],
) -> list[Step]:
    """The steps "``layer`` weight" and "``layer`` bias" of :func:`derive_chain_rule_network`.

    ``∂C/∂w_k = δ_k`` times the layer's input and ``∂C/∂b_k = δ_k``, each proved on the
    explicit ``cost``; ``error`` is δ_k as a symbol and explicitly, ``layer_input`` the input
    as a symbol, explicitly and in TeX, and ``error_step`` the step that defines δ_k.
    """
    w, b = weight_and_bias
    delta_sym, delta = error
    input_sym, input_value, input_tex = layer_input
    c_sym = sympy.Symbol("C", real=True)
    return [
        make_step(
            f"{layer} weight",
            sympy.Eq(sympy.Derivative(c_sym, w), delta_sym * input_sym),
            rf"Chain rule: $w_{k}$ reaches $C$ only through $z_{k} = w_{k} {input_tex} + b_{k}$, "
            rf"and $\partial z_{k}/\partial w_{k} = {input_tex}$; times $\delta_{k}$ of step "
            rf"{error_step}.",
            check=proved(sympy.Derivative(cost, w), delta * input_value),
        ),
        make_step(
            f"{layer} bias",
            sympy.Eq(sympy.Derivative(c_sym, b), delta_sym),
            rf"As in step {error_step + 1}, with $\partial z_{k}/\partial b_{k} = 1$.",
            check=proved(sympy.Derivative(cost, b), delta),
        ),
    ]


def derive_chain_rule_network() -> Derivation:
    """Two sigmoid neurons in a row: each partial derivative is a product of local ones.

    ``a1 = σ(w1 x + b1)``, ``a2 = σ(w2 a1 + b2)``, ``C = ½(a2 − y)²``. The
    partials of the whole composition equal ``δ2 a1``, ``δ2``, ``δ1 x`` and
    ``δ1`` with ``δ2 = (a2 − y)σ′(z2)`` and ``δ1 = δ2 w2 σ′(z1)``.
    """
    x, y, w1, b1, w2, b2 = sympy.symbols("x y w_1 b_1 w_2 b_2", real=True)
    z1_sym, z2_sym, a1_sym, a2_sym = sympy.symbols("z_1 z_2 a_1 a_2", real=True)
    d1_sym, d2_sym, c_sym = sympy.symbols("delta_1 delta_2 C", real=True)
    # The explicit composition, used by the proofs.
    z1 = w1 * x + b1
    a1 = logistic(z1)
    z2 = w2 * a1 + b2
    a2 = logistic(z2)
    cost = (a2 - y) ** 2 / 2
    delta2 = (a2 - y) * logistic_prime(z2)
    delta1 = delta2 * w2 * logistic_prime(z1)
    params = (w1, b1, w2, b2)
    backward = (delta1 * x, delta1, delta2 * a1, delta2)

    def d(f: Any, v: Any) -> Any:
        return sympy.Derivative(f, v)

    # The cost as a function of z2 alone and of z1 alone, for the two error terms.
    z1_free, z2_free = sympy.symbols("z_1 z_2", real=True)
    cost_of_z2 = (logistic(z2_free) - y) ** 2 / 2
    a2_of_z1 = logistic(w2 * logistic(z1_free) + b2)
    cost_of_z1 = (a2_of_z1 - y) ** 2 / 2
    delta2_of_z1 = (a2_of_z1 - y) * logistic_prime(w2 * logistic(z1_free) + b2)
    steps = [
        make_step(
            "Forward: first neuron",
            sympy.Eq(a1_sym, SIGMA(w1 * x + b1)),
            "Definition: the weighted input $z_1 = w_1 x + b_1$ passed through $\\sigma$.",
        ),
        make_step(
            "Forward: second neuron",
            sympy.Eq(a2_sym, SIGMA(w2 * a1_sym + b2)),
            "Definition: the weighted input $z_2 = w_2 a_1 + b_2$ passed through $\\sigma$.",
        ),
        make_step(
            "Cost",
            sympy.Eq(c_sym, (a2_sym - y) ** 2 / 2),
            "Definition: the quadratic cost of one data point with target $y$.",
        ),
        make_step(
            "Error at the output",
            sympy.Eq(d2_sym, (a2_sym - y) * SIGMA_PRIME(z2_sym)),
            (
                r"Define $\delta_2 = \partial C/\partial z_2$. Chain rule: "
                r"$\partial C/\partial a_2 "
                r"= a_2 - y$ (step 3) times $\partial a_2/\partial z_2 = \sigma'(z_2)$ (step 2)."
            ),
            check=proved(
                sympy.Derivative(cost_of_z2, z2_free),
                (logistic(z2_free) - y) * logistic_prime(z2_free),
            ),
        ),
        *_weight_and_bias_steps(
            "Output", 2, 4, cost, (w2, b2), (d2_sym, delta2), (a1_sym, a1, "a_1")
        ),
        make_step(
            "Error one layer back",
            sympy.Eq(d1_sym, d2_sym * w2 * SIGMA_PRIME(z1_sym)),
            r"Define $\delta_1 = \partial C/\partial z_1$. Chain rule through $z_2$: "
            r"$\delta_2$ times $\partial z_2/\partial a_1 = w_2$ times $\partial a_1/\partial z_1 "
            r"= \sigma'(z_1)$.",
            check=proved(
                sympy.Derivative(cost_of_z1, z1_free),
                delta2_of_z1 * w2 * logistic_prime(z1_free),
            ),
        ),
        *_weight_and_bias_steps("First", 1, 7, cost, (w1, b1), (d1_sym, delta1), (x, x, "x")),
    ]
    claims = [
        Claim(f"∂C/∂{p} of the whole composition equals the backward product", d(cost, p), g)
        for p, g in zip(params, backward, strict=True)
    ]
    return build(
        name="chain-rule-network",
        title="The chain rule through two sigmoid neurons",
        summary=(
            "Every partial derivative of the cost is a product of local derivatives "
            "collected from the output backwards."
        ),
        steps=steps,
        result=sympy.Eq(
            sympy.Tuple(d(c_sym, w1), d(c_sym, b1), d(c_sym, w2), d(c_sym, b2)),
            sympy.Tuple(d1_sym * x, d1_sym, d2_sym * a1_sym, d2_sym),
        ),
        claims=claims,
        symbols={"x": x, "y": y, "w1": w1, "b1": b1, "w2": w2, "b2": b2},
        formulas={
            "cost": Formula((cost,), (x, y, *params)),
            "gradient": Formula(tuple(sympy.diff(cost, p) for p in params), (x, y, *params)),
        },
    )
