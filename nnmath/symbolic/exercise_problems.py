"""The later, harder exercises of each chapter: the data each one gives, and its answer.

:data:`GIVENS` holds, by exercise id, what an exercise states in its prompt (vectors,
matrices, a cost, a confusion matrix); the catalogue's prompt repeats it for the reader.
:func:`problem_answers` works out every answer from those data with SymPy (dot products,
norms, derivatives, matrix products, solving), so that no result is typed in;
:mod:`nnmath.exercises.catalogue.mistakes` computes the known wrong answers from the same
data. :func:`tanh_through_sigmoid` finds the constants of ``tanh(x) = c1 σ(c2 x) + c3``.

Examples
--------
>>> answers = problem_answers()
>>> answers["cosine-of-angle"], answers["mistake-bound"], answers["f1-score"]
(4/9, 36, 16/19)
>>> answers["hidden-layer-delta"].T
Matrix([[-1/2, 3/16]])
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import sympy

from nnmath.symbolic.perceptron import perceptron_step
from nnmath.symbolic.sigmoid import Sigmoid, logistic

__all__ = [
    "GIVENS",
    "augmented",
    "hidden_delta",
    "layer_forward",
    "log_sum_exp",
    "margin",
    "parameter_total",
    "problem_answers",
    "run_perceptron",
    "tanh_through_sigmoid",
]

_R = sympy.Rational
_M = sympy.Matrix


def _real(names: str) -> tuple[sympy.Symbol, ...]:
    return tuple(sympy.symbols(names, real=True))


# The parameters ϑ1, ϑ2 of the chapter-5 costs (t1, t2 in the answer syntax).
_T1, _T2 = _real("t1 t2")

#: What each exercise gives, by exercise id (numbers exact; vectors are columns).
GIVENS: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {
        # Chapter 1: two vectors; a perceptron (w, b) and labelled points (x, y).
        "cosine-of-angle": {"u": _M([1, 2, 2]), "v": _M([2, -1, 2])},
        "perceptron-margin": {
            "w": _M([3, 4]),
            "b": -2,
            "points": ((_M([1, 1]), 1), (_M([0, 0]), 0), (_M([1, 0]), 1)),
        },
        # Chapter 2: a second example whose score the update of perceptron-update moves;
        # two updates from zero weights (bias first, x0 = 1); a separable set.
        "perceptron-score-rise": {"x_other": _M([1, -2, 4])},
        "perceptron-two-updates": {
            "w": _M([0, 0, 0]),
            "eta": _R(1, 2),
            "examples": ((_M([1, 2, -1]), 0), (_M([1, 1, -2]), 1)),
        },
        "mistake-bound": {
            "w": _M([1, 1]),
            "b": -2,
            "points": ((_M([2, 1]), 1), (_M([1, 2]), 1), (_M([0, 0]), 0)),
        },
        # Chapter 3: the level σ(wx + b) reaches.
        "sigmoid-transition": {"level": _R(3, 4)},
        # Chapter 4: layer sizes of two networks; one layer a = σ(W x + b).
        "parameter-count-2232": {"sizes": (3, 4, 4, 2)},
        "network-parameter-count": {"sizes": (784, 100, 10)},
        "layer-forward": {
            "W": _M([[1, -1, 0], [2, 1, 3]]),
            "b": _M([1, 1]),
            "x": _M([1, 2, -1]),
        },
        # Chapter 5: a bowl ½ ϑᵀHϑ; a quadratic cost, the point of its gradient, one step.
        "bowl-stable-rate": {"H": _M([[5, 2], [2, 2]])},
        "quadratic-gradient": {
            "cost": _T1**2 + _T1 * _T2 + 2 * _T2**2 - 3 * _T2,
            "weights": (_T1, _T2),
            "at": _M([1, -1]),
        },
        "quadratic-descent-step": {"eta": _R(1, 4)},
        # Chapter 6: the two-neuron chain at given numbers.
        "two-neuron-cost-number": {"x": 1, "w1": 0, "b1": 0, "w2": 2, "b2": -1, "y": 1},
        # Chapter 7: the next layer's weights and error, this layer's z; δ and a for ∂C/∂W.
        "hidden-layer-delta": {
            "W_next": _M([[1, -2], [3, 1], [0, 2]]),
            "delta_next": _M([1, -1, 2]),
            "z": _M([0, sympy.log(3)]),
        },
        "weight-gradient": {"delta": _M([2, -1]), "a_prev": _M([_R(1, 2), 1, 3])},
        # Chapter 8: logits and a one-hot target; logits too large for exp.
        "softmax-ce-gradient-numbers": {
            "z": _M([sympy.log(2), 0, sympy.log(5)]),
            "y": _M([0, 0, 1]),
        },
        "log-sum-exp": {"z": _M([800, 800 + sympy.log(3)])},
        # Chapter 9: a confusion matrix, rows the true class (A, B), columns the predicted.
        "precision": {"confusion": _M([[40, 10], [5, 45]])},
        # Chapter 10: the 64 → 32 layer of the digits network; a batch through a layer.
        "glorot-std": {"n_in": 64, "n_out": 32},
        "batch-preactivations": {
            "X": _M([[1, 2], [0, -1]]),
            "W": _M([[1, 0], [2, -1], [0, 3]]),
            "b": _M([1, 0, -2]),
        },
    }
)


def margin(w: sympy.Matrix, b: Any, points: Sequence[tuple[sympy.Matrix, int]]) -> Any:
    """The smallest signed distance ``±(w·x + b)/‖w‖`` of labelled points from ``w·x + b = 0``.

    Label 1 counts the distance positively on the side ``w`` points to, label 0 on the other.

    >>> margin(sympy.Matrix([3, 4]), 0, [(sympy.Matrix([1, 1]), 1)])
    7/5
    """
    return min((2 * y - 1) * (w.dot(x) + b) / w.norm() for x, y in points)


def augmented(x: sympy.Matrix) -> sympy.Matrix:
    """``(1, x)``: the input with the constant 1 of the bias put first.

    >>> augmented(sympy.Matrix([2, 3])).T
    Matrix([[1, 2, 3]])
    """
    return _M.vstack(_M([1]), x)


def run_perceptron(
    w: sympy.Matrix, examples: Sequence[tuple[sympy.Matrix, int]], eta: Any, *, at_zero: int = 1
) -> sympy.Matrix:
    """The weights after one pass of the perceptron rule over ``examples``, in order.

    ``at_zero`` is the output the step gives at a score of exactly 0 (1 in this site's
    convention; 0 models the mistake of taking ``step(0) = 0``).

    >>> run_perceptron(sympy.Matrix([0, 0]), [(sympy.Matrix([1, 2]), 0)], 1).T
    Matrix([[-1, -2]])
    """
    for x, y in examples:
        if w.dot(x) == 0 and at_zero == 0:
            w = w + eta * y * x
        else:
            w = perceptron_step(list(w), list(x), y, eta)
    return w


def layer_forward(W: sympy.Matrix, b: sympy.Matrix, x: sympy.Matrix) -> sympy.Matrix:
    """``σ(W x + b)`` entry by entry (σ written with exp).

    >>> layer_forward(sympy.eye(2), sympy.zeros(2, 1), sympy.zeros(2, 1)).T
    Matrix([[1/2, 1/2]])
    """
    return (W * x + b).applyfunc(logistic)


def hidden_delta(W_next: sympy.Matrix, delta_next: sympy.Matrix, z: sympy.Matrix) -> sympy.Matrix:
    """BP2: ``σ′(z) ⊙ (W_next)ᵀ δ_next``, with σ′ obtained by differentiating σ.

    >>> hidden_delta(sympy.Matrix([[2]]), sympy.Matrix([1]), sympy.Matrix([0]))
    Matrix([[1/2]])
    """
    t = sympy.Symbol("t", real=True)
    slope = sympy.diff(logistic(t), t)
    derivatives = z.applyfunc(lambda value: sympy.simplify(slope.subs(t, value)))
    return sympy.matrix_multiply_elementwise(derivatives, W_next.T * delta_next)


def log_sum_exp(z: sympy.Matrix) -> Any:
    """``log Σ_k e^(z_k)``, simplified exactly (it stays exact where floats overflow).

    >>> log_sum_exp(sympy.Matrix([0, sympy.log(3)]))
    2*log(2)
    """
    return sympy.expand_log(sympy.log(sympy.factor(sum(sympy.exp(v) for v in z))), force=True)


def parameter_total(sizes: Sequence[Any]) -> Any:
    """Weights plus biases of a fully connected network with layer ``sizes`` (numbers or symbols).

    >>> d, h, k = sympy.symbols("d h k")
    >>> parameter_total([d, h, k])
    d*h + h*k + h + k
    """
    n_in, n_out = sympy.symbols("n_in n_out")
    per_layer = n_out * n_in + n_out  # W is (n_out, n_in), b has n_out entries
    layers = (per_layer.subs({n_in: a, n_out: b}) for a, b in itertools.pairwise(sizes))
    return sympy.expand(sum(layers, sympy.Integer(0)))


def tanh_through_sigmoid(x: sympy.Symbol) -> Any:
    """``c1 σ(c2 x) + c3`` equal to ``tanh(x)``, the constants solved for (σ with exp).

    Matching the value at 0, the limit at +∞ and the slope at 0 gives three equations;
    the result is then proved equal to ``tanh(x)``.

    >>> x = sympy.Symbol("x", real=True)
    >>> tanh_through_sigmoid(x)
    -1 + 2/(1 + exp(-2*x))

    Raises
    ------
    ArithmeticError
        If the constants do not give ``tanh`` (they do).
    """
    c1, c3 = sympy.symbols("c1 c3", real=True)
    c2 = sympy.Symbol("c2", positive=True)
    trial = c1 * logistic(c2 * x) + c3
    equations = [
        trial.subs(x, 0) - sympy.tanh(0),
        sympy.limit(trial, x, sympy.oo) - sympy.limit(sympy.tanh(x), x, sympy.oo),
        sympy.diff(trial, x).subs(x, 0) - sympy.diff(sympy.tanh(x), x).subs(x, 0),
    ]
    (solution,) = sympy.solve(equations, [c1, c2, c3], dict=True)
    result = trial.subs(solution)
    if sympy.simplify((result - sympy.tanh(x)).rewrite(sympy.exp)) != 0:
        raise ArithmeticError(f"{result} is not tanh({x})")
    return result


def _chapters_1_to_4() -> dict[str, Any]:
    g = GIVENS
    out: dict[str, Any] = {}
    u, v = g["cosine-of-angle"]["u"], g["cosine-of-angle"]["v"]
    out["cosine-of-angle"] = u.dot(v) / (u.norm() * v.norm())
    p = g["perceptron-margin"]
    out["perceptron-margin"] = margin(p["w"], p["b"], p["points"])
    t = g["perceptron-two-updates"]
    out["perceptron-two-updates"] = run_perceptron(t["w"], t["examples"], t["eta"])
    m = g["mistake-bound"]
    normal = _M([m["b"]]).col_join(m["w"])  # (b, w): the bias first, as in (1, x)
    lifted = [(augmented(x), y) for x, y in m["points"]]
    radius = max(x.norm() for x, _ in lifted)
    out["mistake-bound"] = sympy.nsimplify((radius / margin(normal, 0, lifted)) ** 2)
    w, x, b = _real("w x b")
    out["sigmoid-weight-derivative"] = sympy.diff(Sigmoid(w * x + b) ** 2, w).rewrite(sympy.exp)
    out["tanh-from-sigmoid"] = tanh_through_sigmoid(x)
    out["parameter-count-dhk"] = parameter_total(_real("d h k"))
    for name in ("parameter-count-2232", "network-parameter-count"):
        out[name] = parameter_total(g[name]["sizes"])
    f = g["layer-forward"]
    out["layer-forward"] = layer_forward(f["W"], f["b"], f["x"])
    return out


def _chapters_5_to_7() -> dict[str, Any]:
    g = GIVENS
    out: dict[str, Any] = {}
    thetas = _M([_T1, _T2])
    bowl = (thetas.T * g["bowl-stable-rate"]["H"] * thetas)[0, 0] / 2
    curvatures = sympy.hessian(bowl, (_T1, _T2)).eigenvals()
    out["bowl-stable-rate"] = 2 / max(curvatures)
    q = g["quadratic-gradient"]
    gradient = _M([sympy.diff(q["cost"], w) for w in q["weights"]])
    at = dict(zip(q["weights"], q["at"], strict=True))
    out["quadratic-gradient"] = gradient.subs(at)
    out["quadratic-descent-step"] = (
        q["at"] - g["quadratic-descent-step"]["eta"] * out["quadratic-gradient"]
    )
    x, w1, b1, w2, b2, y = _real("x w1 b1 w2 b2 y")
    inner = Sigmoid(w1 * x + b1)
    cost = (Sigmoid(w2 * inner + b2) - y) ** 2 / 2
    a1, a2 = _real("a1 a2")  # the forward pass's values σ(z1) and σ(z2)
    gradient_x = sympy.diff(cost, x)  # σ′ comes out as σ(1 − σ): write each σ as its a
    out["two-neuron-input-gradient"] = gradient_x.subs(Sigmoid(w2 * inner + b2), a2).subs(inner, a1)
    numbers = g["two-neuron-cost-number"]
    point = {s: numbers[s.name] for s in (x, w1, b1, w2, b2, y)}
    out["two-neuron-cost-number"] = sympy.simplify(
        sympy.diff(cost, w1).rewrite(sympy.exp).subs(point)
    )
    h = g["hidden-layer-delta"]
    out["hidden-layer-delta"] = hidden_delta(h["W_next"], h["delta_next"], h["z"])
    wg = g["weight-gradient"]
    out["weight-gradient"] = wg["delta"] * wg["a_prev"].T
    return out


def _chapters_8_to_10() -> dict[str, Any]:
    g = GIVENS
    out: dict[str, Any] = {}
    s = g["softmax-ce-gradient-numbers"]
    logits = _real(" ".join(f"z{k}" for k in range(1, len(s["z"]) + 1)))
    total = sum(sympy.exp(v) for v in logits)
    loss = -sum(
        yk * sympy.log(sympy.exp(zk) / total) for yk, zk in zip(s["y"], logits, strict=True)
    )
    at = dict(zip(logits, s["z"], strict=True))
    out["softmax-ce-gradient-numbers"] = _M(
        [sympy.simplify(sympy.diff(loss, zk).subs(at)) for zk in logits]
    )
    out["log-sum-exp"] = log_sum_exp(g["log-sum-exp"]["z"])
    c = g["precision"]["confusion"]  # the class A: true positives c[0, 0]
    precision, recall = c[0, 0] / sum(c[:, 0]), c[0, 0] / sum(c[0, :])
    out["precision"] = precision
    out["f1-score"] = 2 / (1 / precision + 1 / recall)  # the harmonic mean of the two
    layer = g["glorot-std"]
    out["glorot-std"] = sympy.sqrt(2 / sympy.Integer(layer["n_in"] + layer["n_out"]))
    batch = g["batch-preactivations"]
    out["batch-preactivations"] = (
        batch["X"] * batch["W"].T + _M.ones(batch["X"].rows, 1) * batch["b"].T
    )
    return out


def problem_answers() -> dict[str, Any]:
    """Every later exercise's expected answer by id, worked out by SymPy from :data:`GIVENS`."""
    return {**_chapters_1_to_4(), **_chapters_5_to_7(), **_chapters_8_to_10()}
