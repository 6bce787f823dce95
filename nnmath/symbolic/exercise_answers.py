"""The answers to the exercises, each derived by SymPy.

:func:`derive_exercise_answers` differentiates, solves and counts what the
exercises ask for, so that every expected answer is computed by SymPy (none is
typed in by hand), and proves the closed forms the text quotes;
:func:`parameter_count` counts the weights and biases of a network.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import sympy

from nnmath.symbolic.chain_rule import EXAMPLE_INPUTS
from nnmath.symbolic.core import Claim, Derivation, build, make_step, proved
from nnmath.symbolic.exercise_problems import GIVENS, problem_answers
from nnmath.symbolic.perceptron import PERCEPTRON_EXAMPLE, perceptron_step
from nnmath.symbolic.sigmoid import (
    Sigmoid,
    derive_sigmoid_second_derivative,
    logistic,
    logistic_prime,
)
from nnmath.symbolic.softmax import softmax_symbols

__all__ = ["derive_exercise_answers", "parameter_count"]

_R = sympy.Rational


def parameter_count(sizes: Sequence[int]) -> sympy.Integer:
    """Weights plus biases of a fully connected network with layer sizes ``sizes``.

    >>> parameter_count([2, 2, 3, 2])
    23
    """
    n_in, n_out = sympy.symbols("n_in n_out", positive=True, integer=True)
    per_layer = n_out * n_in + n_out  # W is (n_out, n_in), b has n_out entries
    total = sum(
        (per_layer.subs({n_in: a, n_out: b}) for a, b in itertools.pairwise(sizes)),
        sympy.Integer(0),
    )
    return sympy.Integer(total)


def _real(names: str) -> tuple[sympy.Symbol, ...]:
    return tuple(sympy.symbols(names, real=True))


def _answers() -> dict[str, Any]:
    """Every expected answer, computed by SymPy; keys are exercise ids."""
    out: dict[str, Any] = {}
    # Chapter 1: a dot product, a perceptron's output, the boundary line.
    w_vec, x_vec = sympy.Matrix([2, -1, 3]), sympy.Matrix([1, 4, _R(1, 2)])
    out["dot-product"] = w_vec.dot(x_vec)
    score = sympy.Matrix([1, 2]).dot(sympy.Matrix([_R(1, 2), _R(1, 5)])) - 1
    out["perceptron-output"] = sympy.Integer(1 if score >= 0 else 0)
    x1, x2, w1, w2, b = _real("x1 x2 w1 w2 b")
    (boundary,) = sympy.solve(sympy.Eq(w1 * x1 + w2 * x2 + b, 0), x2)
    out["perceptron-boundary"] = boundary
    # Chapter 2: one perceptron update.
    ex = PERCEPTRON_EXAMPLE
    out["perceptron-update"] = perceptron_step(ex["w"], ex["x"], ex["y"], ex["eta"])
    out["perceptron-unchanged"] = perceptron_step(ex["w"], ex["x"], 0, ex["eta"])
    x_other = GIVENS["perceptron-score-rise"]["x_other"]
    out["perceptron-score-rise"] = (out["perceptron-update"] - sympy.Matrix(ex["w"])).dot(x_other)
    # Chapter 3: the sigmoid.
    out["sigmoid-second-derivative"] = derive_sigmoid_second_derivative().data["in_exp"]
    wa, xa, ba = sympy.Symbol("w", real=True, nonzero=True), *_real("x b")
    level = GIVENS["sigmoid-transition"]["level"]
    (transition,) = sympy.solve(sympy.Eq(logistic(wa * xa + ba), level), xa)
    out["sigmoid-transition"] = sympy.simplify(transition)
    out["sigmoid-steepness"] = sympy.simplify(
        sympy.diff(logistic(wa * xa + ba), xa).subs(xa, transition)
    )
    # Chapters 4 and 10: shapes (the parameter counts are in problem_answers).
    out["layer-weight-shape"] = sympy.Matrix([[30, 784]])
    # Chapter 5: a sigmoid between the weights, z = x w1 + b1, ŷ = σ(z) w2 + b2, E = ½(ŷ − t)².
    xc, w1c, b1c, w2c, b2c, tc = _real("x w1 b1 w2 b2 t")
    error = (Sigmoid(xc * w1c + b1c) * w2c + b2c - tc) ** 2 / 2
    out["chain-rule-w1"] = sympy.diff(error, w1c).rewrite(sympy.exp)
    out["chain-rule-w2"] = sympy.diff(error, w2c).rewrite(sympy.exp)
    # Chapter 6: two sigmoid neurons in a row, a2 = σ(w2 σ(w1 x + b1) + b2).
    inner = Sigmoid(w1c * xc + b1c)
    a2 = Sigmoid(w2c * inner + b2c)
    out["two-neuron-w1"] = sympy.diff(a2, w1c).rewrite(sympy.exp)
    out["two-neuron-b2"] = sympy.diff(a2, b2c).rewrite(sympy.exp)
    at = {sym: EXAMPLE_INPUTS[sym.name] for sym in (xc, w1c, b1c, w2c, b2c, tc) if sym.name != "t"}
    at[tc] = EXAMPLE_INPUTS["t"]
    # Chapter 6 (the worked example of chapter 5): the chain without the sigmoid.
    linear_error = ((xc * w1c + b1c) * w2c + b2c - tc) ** 2 / 2
    out["chain-rule-number"] = sympy.diff(linear_error, w1c).subs(at)
    # Chapter 7: one output neuron, sigmoid with the quadratic cost; shapes; Hadamard.
    z, y = _real("z y")
    out["output-error-sigmoid-quadratic"] = sympy.diff((Sigmoid(z) - y) ** 2 / 2, z).rewrite(
        sympy.exp
    )
    out["hadamard-product"] = sympy.matrix_multiply_elementwise(
        sympy.Matrix([[1, 2, 3]]), sympy.Matrix([[4, -5, _R(1, 2)]])
    )
    out["layer-jacobian-shape"] = sympy.Matrix([[2, 3]])
    # Chapter 8: softmax and cross-entropy for K = 3.
    zs, ps = softmax_symbols(3)
    z1, z2, z3 = _real("z1 z2 z3")
    rename = dict(zip(zs, (z1, z2, z3), strict=True))
    y1, y2, y3 = _real("y1 y2 y3")
    loss = -sum(yk * sympy.log(pk.subs(rename)) for yk, pk in zip((y1, y2, y3), ps, strict=True))
    out["softmax-ce-gradient"] = sympy.diff(loss, z1)
    out["softmax-diagonal"] = sympy.diff(ps[0].subs(rename), z1)
    out["softmax-shift"] = sympy.simplify(ps[0].subs({zs[0]: 0, zs[1]: 0, zs[2]: sympy.log(2)}))
    # Chapter 9: the quadratic cost of two outputs, a gradient step, SGD's visits per point.
    a1, a2q, y1q, y2q = _real("a1 a2 y1 y2")
    cost = ((a1 - y1q) ** 2 + (a2q - y2q) ** 2) / 2
    out["quadratic-cost-gradient"] = sympy.diff(cost, a1)
    theta, grad, eta = sympy.Matrix([[1, -2]]), sympy.Matrix([[4, -1]]), _R(1, 4)
    out["gradient-step"] = theta - eta * grad
    out["sgd-visits"] = sympy.Integer(10**6) / 20
    # Chapter 10: a cross-entropy value; the shape of a batch's pre-activations.
    out["cross-entropy-value"] = sympy.simplify(
        -sympy.log(ps[2].subs({zs[0]: 0, zs[1]: 0, zs[2]: sympy.log(2)}))
    )
    out["batch-shape"] = sympy.Matrix([[5, 30]])
    out["digits-output-count"] = parameter_count([30, 10])
    # The later, harder exercises of every chapter, worked out from the data they give.
    out.update(problem_answers())
    return out


def derive_exercise_answers() -> Derivation:
    """The expected answers of the exercises, each derived by SymPy, with closed forms proved."""
    answers = _answers()
    x, w1, b1, w2, b2, t = _real("x w1 b1 w2 b2 t")
    z, y = _real("z y")
    z1, z2, z3 = _real("z1 z2 z3")
    y1, y2 = _real("y1 y2")
    w, b = _real("w b")
    a1, a2 = _real("a1 a2")
    ell = logistic(x * w1 + b1) * w2 + b2  # ŷ of the chain with a sigmoid between the weights
    by_w1 = (ell - t) * w2 * logistic_prime(x * w1 + b1) * x  # ∂E/∂w1 by the chain rule
    p1 = sympy.exp(z1) / (sympy.exp(z1) + sympy.exp(z2) + sympy.exp(z3))
    one_hot = {sympy.Symbol("y3", real=True): 1 - y1 - y2}
    claims = [
        Claim("∂E/∂w1 = (ŷ − t) w2 σ′(z) x", answers["chain-rule-w1"], by_w1),
        Claim("∂E/∂w2 = (ŷ − t) σ(z)", answers["chain-rule-w2"], (ell - t) * logistic(x * w1 + b1)),
        Claim(
            "δ = (σ(z) − y) σ′(z) for a sigmoid output with the quadratic cost",
            answers["output-error-sigmoid-quadratic"],
            (logistic(z) - y) * logistic_prime(z),
        ),
        Claim(
            "∂L/∂z1 = p1 − y1 for K = 3 when y1 + y2 + y3 = 1",
            answers["softmax-ce-gradient"].subs(one_hot),
            p1 - y1,
        ),
        Claim(
            "∂a2/∂w1 = σ′(z2) w2 σ′(z1) x",
            answers["two-neuron-w1"],
            logistic_prime(w2 * logistic(w1 * x + b1) + b2) * w2 * logistic_prime(w1 * x + b1) * x,
        ),
        Claim(
            "a 784-100-10 network has 784·100 + 100 + 100·10 + 10 parameters",
            answers["network-parameter-count"],
            parameter_count([784, 100, 10]),
        ),
        Claim(
            "d/dw σ(wx + b)² = 2x σ(wx + b) σ′(wx + b)",
            answers["sigmoid-weight-derivative"],
            2 * x * logistic(w * x + b) * logistic_prime(w * x + b),
        ),
        Claim(
            "tanh(x) = 2σ(2x) − 1", answers["tanh-from-sigmoid"], sympy.tanh(x).rewrite(sympy.exp)
        ),
        Claim(
            "∂C/∂x = (a2 − y) a2(1 − a2) w2 a1(1 − a1) w1 for C = ½(a2 − y)²",
            sympy.Derivative((logistic(w2 * logistic(w1 * x + b1) + b2) - y) ** 2 / 2, x),
            answers["two-neuron-input-gradient"].subs(
                {a1: logistic(w1 * x + b1), a2: logistic(w2 * logistic(w1 * x + b1) + b2)}
            ),
        ),
    ]
    error = (ell - t) ** 2 / 2
    steps = [
        make_step(
            "Chain rule, first weight",
            sympy.Eq(sympy.Symbol("dE/dw1"), answers["chain-rule-w1"]),
            r"SymPy differentiates $E = \tfrac12\bigl(\sigma(x w_1 + b_1) w_2 + b_2 - t\bigr)^2$; "
            r"by the chain rule this is $(\hat y - t)\,w_2\,\sigma'(z)\,x$.",
            check=proved(sympy.Derivative(error, w1), by_w1),
        ),
        make_step(
            "Sigmoid output, quadratic cost",
            sympy.Eq(sympy.Symbol("delta"), answers["output-error-sigmoid-quadratic"]),
            r"$\delta = \partial C/\partial z$ for $C = \tfrac12(\sigma(z) - y)^2$: chain rule, "
            r"$(\sigma(z) - y)\,\sigma'(z)$ with $\sigma' = \sigma(1 - \sigma)$.",
            check=proved(
                sympy.Derivative((logistic(z) - y) ** 2 / 2, z),
                (logistic(z) - y) * logistic_prime(z),
            ),
        ),
        make_step(
            "Softmax with cross-entropy, first logit",
            sympy.Eq(sympy.Symbol("dL/dz1"), answers["softmax-ce-gradient"]),
            r"SymPy differentiates the cross-entropy for $K = 3$; with $y_1 + y_2 + y_3 = 1$ it "
            r"is $p_1 - y_1$, as the softmax-cross-entropy derivation shows.",
            check=proved(answers["softmax-ce-gradient"].subs(one_hot), p1 - y1),
        ),
    ]
    return build(
        name="exercise-answers",
        title="The answers to the exercises",
        summary="Each expected answer is derived by SymPy; the closed forms the text quotes hold.",
        steps=steps,
        result=steps[0].expr,
        claims=claims,
        data={"answers": answers},
    )
