"""The chain rule: a worked example with exact numbers, and a two-layer sigmoid network."""

from __future__ import annotations

from typing import Any

import sympy

from nnmath.symbolic.core import Claim, Derivation, Formula, build, make_step
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
#: Step sizes: two steps *up* the gradient of L, then one step of gradient descent on E.
ETA_UP_LARGE = _R(1, 5)
ETA_UP_SMALL = _R(1, 10)
ETA_DESCENT = _R(1, 10)


def _chain_symbols() -> dict[str, sympy.Symbol]:
    return {name: sympy.Symbol(name, real=True) for name in ("x", "w1", "b1", "w2", "b2", "t")}


def worked_example() -> dict[str, sympy.Rational]:
    """Every number of the worked example, computed exactly from the formulas.

    ``z = x w1 + b1``, ``L = z w2 + b2``, ``E = ½(L − t)²`` at ``x = 2``,
    ``b1 = 1``, ``b2 = 1/2``, ``w1 = 1/2``, ``w2 = 3/2``, ``t = 5``.

    Returns
    -------
    dict of str to sympy.Rational
        The inputs; ``z``, ``L``, ``E``; ``dL_dw1``, ``dL_dw2``; for each step
        up the gradient of L (``up_large``: η = 1/5, ``up_small``: η = 1/10)
        ``eta_*``, ``w1_*``, ``w2_*``, ``z_*``, ``L_*``; for one step of
        gradient descent on E (η = 1/10) ``dE_dL``, ``dE_dw1``, ``dE_dw2``,
        ``eta_descent``, ``w1_descent``, ``w2_descent``, ``z_descent``,
        ``L_descent``, ``E_descent``.
    """
    s = _chain_symbols()
    x, w1, b1, w2, b2, t = (s[k] for k in ("x", "w1", "b1", "w2", "b2", "t"))
    z = x * w1 + b1
    loss = z * w2 + b2
    error = (loss - t) ** 2 / 2
    at = {s[k]: v for k, v in EXAMPLE_INPUTS.items()}

    def value(expr: Any, **weights: sympy.Rational) -> sympy.Rational:
        point = dict(at)
        point.update({s[k]: v for k, v in weights.items()})
        result = expr.subs(point)
        if not isinstance(result, sympy.Rational):
            raise ValueError(f"{expr} did not evaluate to a rational number: {result}")
        return result

    out: dict[str, sympy.Rational] = dict(EXAMPLE_INPUTS)
    out.update(z=value(z), L=value(loss), E=value(error))
    out.update(dL_dw1=value(sympy.diff(loss, w1)), dL_dw2=value(sympy.diff(loss, w2)))
    for tag, eta in (("up_large", ETA_UP_LARGE), ("up_small", ETA_UP_SMALL)):
        new = {"w1": out["w1"] + eta * out["dL_dw1"], "w2": out["w2"] + eta * out["dL_dw2"]}
        out[f"eta_{tag}"] = eta
        out[f"w1_{tag}"] = new["w1"]
        out[f"w2_{tag}"] = new["w2"]
        out[f"z_{tag}"] = value(z, **new)
        out[f"L_{tag}"] = value(loss, **new)
    # ∂E/∂L at the example, then the chain rule ∂E/∂w = ∂E/∂L · ∂L/∂w.
    l_sym = sympy.Symbol("L", real=True)
    out["dE_dL"] = value(sympy.diff((l_sym - t) ** 2 / 2, l_sym).subs(l_sym, loss))
    out["dE_dw1"] = value(sympy.diff(error, w1))
    out["dE_dw2"] = value(sympy.diff(error, w2))
    out["eta_descent"] = ETA_DESCENT
    new = {
        "w1": out["w1"] - ETA_DESCENT * out["dE_dw1"],
        "w2": out["w2"] - ETA_DESCENT * out["dE_dw2"],
    }
    out.update(w1_descent=new["w1"], w2_descent=new["w2"])
    out.update(
        z_descent=value(z, **new), L_descent=value(loss, **new), E_descent=value(error, **new)
    )
    return out


def derive_chain_rule() -> Derivation:
    """The two-weight chain ``z = x w1 + b1``, ``ŷ = z w2 + b2``, ``E = ½(ŷ − t)²``.

    Computes ``∂ŷ/∂w1 = w2 x`` and ``∂ŷ/∂w2 = z``, the exact numbers of two
    steps up the gradient of ŷ (η = 1/5 overshoots the target 5, η = 1/10 does
    not), and one step of gradient descent on E with
    ``∂E/∂w = (ŷ − t) ∂ŷ/∂w``. (The symbol is ŷ, the chain's output; the data
    keys keep the name ``L``.)
    """
    s = _chain_symbols()
    x, w1, b1, w2, b2, t = (s[k] for k in ("x", "w1", "b1", "w2", "b2", "t"))
    z_sym, l_sym, e_sym = sympy.symbols(r"z \hat{y} E", real=True)
    z = x * w1 + b1
    loss = z * w2 + b2
    error = (loss - t) ** 2 / 2
    ex = worked_example()
    at = {s[k]: v for k, v in EXAMPLE_INPUTS.items()}

    def d(f: Any, v: Any) -> Any:
        return sympy.Derivative(f, v)

    steps = [
        make_step("First link", sympy.Eq(z_sym, z)),
        make_step("Second link", sympy.Eq(l_sym, z_sym * w2 + b2)),
        make_step("Error", sympy.Eq(e_sym, (l_sym - t) ** 2 / 2)),
        make_step(
            "Forward pass",
            sympy.Eq(sympy.Tuple(z_sym, l_sym, e_sym), sympy.Tuple(ex["z"], ex["L"], ex["E"])),
            "With $x = 2$, $b_1 = 1$, $b_2 = 1/2$, $w_1 = 1/2$, $w_2 = 3/2$ and target $t = 5$.",
        ),
        make_step(
            "Chain rule for w1",
            sympy.Eq(d(l_sym, w1), d(l_sym, z_sym) * d(z_sym, w1)),
            r"$\hat y$ depends on $w_1$ only through $z$.",
        ),
        make_step("Local derivatives", sympy.Eq(d(l_sym, w1), w2 * x)),
        make_step(
            r"Gradient of $\hat y$ at the example",
            sympy.Eq(
                sympy.Tuple(d(l_sym, w1), d(l_sym, w2)),
                sympy.Tuple(ex["dL_dw1"], ex["dL_dw2"]),
            ),
            r"$\partial \hat y/\partial w_2 = z = 2$.",
        ),
        make_step(
            r"Step up the gradient of $\hat y$, $\eta = 1/5$",
            sympy.Eq(
                sympy.Tuple(w1, w2, l_sym),
                sympy.Tuple(ex["w1_up_large"], ex["w2_up_large"], ex["L_up_large"]),
            ),
            r"$\hat y = 6.58$ overshoots the target 5.",
        ),
        make_step(
            r"Step up the gradient of $\hat y$, $\eta = 1/10$",
            sympy.Eq(
                sympy.Tuple(w1, w2, l_sym),
                sympy.Tuple(ex["w1_up_small"], ex["w2_up_small"], ex["L_up_small"]),
            ),
            r"$\hat y = 4.92$, close to the target.",
        ),
        make_step(
            "Gradient of the error",
            sympy.Eq(d(e_sym, w1), (l_sym - t) * d(l_sym, w1)),
            (
                r"$\partial E/\partial \hat y = \hat y - t$, times the gradient of $\hat y$; "
                r"the same holds for $w_2$."
            ),
        ),
        make_step(
            r"Gradient descent on $E$, $\eta = 1/10$",
            sympy.Eq(
                sympy.Tuple(w1, w2, l_sym, e_sym),
                sympy.Tuple(ex["w1_descent"], ex["w2_descent"], ex["L_descent"], ex["E_descent"]),
            ),
            "The error falls from $9/8$ to $162/625$ (the biases are kept fixed).",
        ),
    ]

    def evaluated(expr: Any, **weights: Any) -> Any:
        # Unevaluated substitution: the check does the arithmetic each time it runs.
        point = {**at, **{s[k]: v for k, v in weights.items()}}
        return sympy.Subs(expr, tuple(point), tuple(point.values()))

    def number(label: str, expr: Any, expected: Any, **weights: Any) -> Claim:
        return Claim(label, evaluated(expr, **weights), expected)

    grad_l = (sympy.Derivative(loss, w1), sympy.Derivative(loss, w2))
    grad_e = (sympy.Derivative(error, w1), sympy.Derivative(error, w2))
    claims = [
        Claim("∂ŷ/∂w1 = w2 x", grad_l[0], w2 * x),
        Claim("∂ŷ/∂w2 = z", grad_l[1], z),
        Claim("∂E/∂w1 = (ŷ − t) w2 x", grad_e[0], (loss - t) * w2 * x),
        Claim("∂E/∂w2 = (ŷ − t) z", grad_e[1], (loss - t) * z),
        number("z = 2", z, 2),
        number("ŷ = 7/2", loss, _R(7, 2)),
        number("E = 9/8", error, _R(9, 8)),
        number("∂ŷ/∂w1 = 3", grad_l[0], 3),
        number("∂ŷ/∂w2 = 2", grad_l[1], 2),
        number("η = 1/5 up: w1 = 11/10", w1 + ETA_UP_LARGE * grad_l[0], _R(11, 10)),
        number("η = 1/5 up: w2 = 19/10", w2 + ETA_UP_LARGE * grad_l[1], _R(19, 10)),
        number("η = 1/5 up: ŷ = 329/50", loss, _R(329, 50), w1=_R(11, 10), w2=_R(19, 10)),
        number("η = 1/10 up: w1 = 4/5", w1 + ETA_UP_SMALL * grad_l[0], _R(4, 5)),
        number("η = 1/10 up: w2 = 17/10", w2 + ETA_UP_SMALL * grad_l[1], _R(17, 10)),
        number("η = 1/10 up: ŷ = 123/25", loss, _R(123, 25), w1=_R(4, 5), w2=_R(17, 10)),
        number("∂E/∂w1 = (ŷ − t) ∂ŷ/∂w1 = −9/2", grad_e[0], _R(-9, 2)),
        number("∂E/∂w2 = (ŷ − t) ∂ŷ/∂w2 = −3", grad_e[1], -3),
        number("descent: w1 = 19/20", w1 - ETA_DESCENT * grad_e[0], _R(19, 20)),
        number("descent: w2 = 9/5", w2 - ETA_DESCENT * grad_e[1], _R(9, 5)),
        number("descent: ŷ = 143/25", loss, _R(143, 25), w1=_R(19, 20), w2=_R(9, 5)),
        number("descent: E = 162/625", error, _R(162, 625), w1=_R(19, 20), w2=_R(9, 5)),
        Claim(
            "the descent step lowers E",
            sympy.sign(evaluated(error, w1=_R(19, 20), w2=_R(9, 5)) - evaluated(error)),
            -1,
        ),
    ]
    return build(
        name="chain-rule",
        title="The chain rule on a two-weight chain",
        summary="Derivatives multiply along a chain, which tells each weight how to move.",
        steps=steps,
        result=sympy.Eq(sympy.Tuple(d(l_sym, w1), d(l_sym, w2)), sympy.Tuple(w2 * x, z_sym)),
        claims=claims,
        symbols={**s, "z": z_sym, "L": l_sym, "E": e_sym},
        formulas={
            "L": Formula((loss,), (x, w1, b1, w2, b2)),
            "E": Formula((error,), (x, w1, b1, w2, b2, t)),
        },
        data={"worked_example": ex},
    )


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

    steps = [
        make_step("Forward: first neuron", sympy.Eq(a1_sym, SIGMA(w1 * x + b1))),
        make_step("Forward: second neuron", sympy.Eq(a2_sym, SIGMA(w2 * a1_sym + b2))),
        make_step("Cost", sympy.Eq(c_sym, (a2_sym - y) ** 2 / 2)),
        make_step(
            "Error at the output",
            sympy.Eq(d2_sym, (a2_sym - y) * SIGMA_PRIME(z2_sym)),
            (
                r"$\partial C/\partial a_2 = a_2 - y$ times $\partial a_2/\partial z_2 = "
                r"\sigma'(z_2)$."
            ),
        ),
        make_step(
            "Output weight",
            sympy.Eq(d(c_sym, w2), d2_sym * a1_sym),
            r"$\partial z_2/\partial w_2 = a_1$.",
        ),
        make_step(
            "Output bias",
            sympy.Eq(d(c_sym, b2), d2_sym),
            r"$\partial z_2/\partial b_2 = 1$.",
        ),
        make_step(
            "Error one layer back",
            sympy.Eq(d1_sym, d2_sym * w2 * SIGMA_PRIME(z1_sym)),
            r"$\partial z_2/\partial a_1 = w_2$ and $\partial a_1/\partial z_1 = \sigma'(z_1)$.",
        ),
        make_step(
            "First weight",
            sympy.Eq(d(c_sym, w1), d1_sym * x),
            r"$\partial z_1/\partial w_1 = x$.",
        ),
        make_step(
            "First bias",
            sympy.Eq(d(c_sym, b1), d1_sym),
            r"$\partial z_1/\partial b_1 = 1$.",
        ),
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
