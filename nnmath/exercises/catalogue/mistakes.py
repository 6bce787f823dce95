"""Known wrong answers that follow from the derived answers, by the name a record gives them.

A record's mistake written ``rule = "NAME"`` gets its value from :data:`RULES`; the
registry applies the rule to every exercise's expected answer (as SymPy derives it), so
the wrong value is never typed in.

>>> import sympy
>>> RULES["weight-shape-transposed"]({"layer-weight-shape": sympy.Matrix([[30, 784]])})
[784, 30]
>>> RULES["gradient-ascent-step"]({"gradient-step": sympy.Matrix([[0, sympy.Rational(-7, 4)]])})
Matrix([[2, -9/4]])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import sympy

from nnmath.symbolic.exercise_problems import (
    GIVENS,
    augmented,
    layer_forward,
    run_perceptron,
)
from nnmath.symbolic.perceptron import PERCEPTRON_EXAMPLE
from nnmath.symbolic.sigmoid import logistic

__all__ = ["RULES", "Answers"]

#: Every exercise's expected answer, by id.
Answers = Mapping[str, Any]

#: The parameters ϑ of the exercise gradient-step, before its step.
_THETA = sympy.Matrix([[1, -2]])


def _update(answers: Answers) -> Any:
    """The expected perceptron update, as the change it makes to w."""
    return answers["perceptron-update"] - answers["perceptron-unchanged"]


def _own_rise(answers: Answers) -> Any:
    """The rise η‖x‖² of the score of the updated example x itself, not of the other one."""
    return _update(answers).dot(sympy.Matrix(PERCEPTRON_EXAMPLE["x"]))


def _rate_from_smallest_curvature(answers: Answers) -> Any:
    """2/λmin instead of 2/λmax for the bowl of bowl-stable-rate."""
    return 2 / min(GIVENS["bowl-stable-rate"]["H"].eigenvals())


def _bound_without_augmenting(answers: Answers) -> Any:
    """(R/γ)² with R the largest length of the inputs x instead of (1, x)."""
    points = [x for x, _ in GIVENS["mistake-bound"]["points"]]
    squared_radius = max(augmented(x).dot(augmented(x)) for x in points)
    return answers["mistake-bound"] * max(x.dot(x) for x in points) / squared_radius


def _bound_without_unit_normal(answers: Answers) -> Any:
    """(R/γ)² with γ the smallest ±(w·x + b), not divided by ‖(b, w)‖."""
    normal = sympy.Matrix([GIVENS["mistake-bound"]["b"]]).col_join(GIVENS["mistake-bound"]["w"])
    return answers["mistake-bound"] / normal.dot(normal)


def _without_slope(answers: Answers) -> Any:
    """BP2 without σ′(z): (W_next)ᵀ δ_next."""
    given = GIVENS["hidden-layer-delta"]
    return given["W_next"].T * given["delta_next"]


def _sigma_for_slope(answers: Answers) -> Any:
    """BP2 with σ(z) where σ′(z) belongs."""
    given = GIVENS["hidden-layer-delta"]
    values = given["z"].applyfunc(lambda z: sympy.simplify(logistic(z)))
    return sympy.matrix_multiply_elementwise(values, _without_slope(answers))


def _recall(answers: Answers) -> Any:
    """True positives over every point of the class (recall), not over every positive call."""
    confusion = GIVENS["precision"]["confusion"]
    return confusion[0, 0] / sum(confusion[0, :])


def _batch_without_bias(answers: Answers) -> Any:
    """X Wᵀ without b added to every row."""
    given = GIVENS["batch-preactivations"]
    return given["X"] * given["W"].T


#: The rules by name: each takes every exercise's expected answer and returns the wrong value.
RULES: Mapping[str, Callable[[Answers], Any]] = MappingProxyType(
    {
        # w − η(y − ŷ)x instead of w + η(y − ŷ)x.
        "perceptron-update-subtracted": lambda a: a["perceptron-unchanged"] - _update(a),
        # w + (y − ŷ)x: the step without η = 1/2.
        "perceptron-update-without-eta": lambda a: a["perceptron-unchanged"] + 2 * _update(a),
        # The update of a missed point, applied to a point classified correctly.
        "perceptron-update-applied": lambda a: a["perceptron-update"],
        "score-rise-of-own-example": _own_rise,
        "stable-rate-smallest-eigenvalue": _rate_from_smallest_curvature,
        # [columns, rows] instead of [rows, columns].
        "weight-shape-transposed": lambda a: a["layer-weight-shape"][::-1],
        # ϑ + η∇C, from the expected step ϑ − η∇C.
        "gradient-ascent-step": lambda a: 2 * _THETA - a["gradient-step"],
        # u·v without dividing by ‖u‖ ‖v‖.
        "cosine-without-lengths": lambda a: GIVENS["cosine-of-angle"]["u"].dot(
            GIVENS["cosine-of-angle"]["v"]
        ),
        # The smallest ±(w·x + b), not divided by ‖w‖.
        "margin-without-unit-normal": lambda a: (
            a["perceptron-margin"] * GIVENS["perceptron-margin"]["w"].norm()
        ),
        # Both updates with η = 1.
        "two-updates-without-eta": lambda a: run_perceptron(
            GIVENS["perceptron-two-updates"]["w"], GIVENS["perceptron-two-updates"]["examples"], 1
        ),
        # step(0) = 0 instead of 1: the first example, scored 0, counted as classified right.
        "two-updates-step-at-zero": lambda a: run_perceptron(
            GIVENS["perceptron-two-updates"]["w"],
            GIVENS["perceptron-two-updates"]["examples"],
            GIVENS["perceptron-two-updates"]["eta"],
            at_zero=0,
        ),
        "bound-without-augmenting": _bound_without_augmenting,
        "bound-without-unit-normal": _bound_without_unit_normal,
        # σ(W x) without the bias; z = W x + b instead of a = σ(z).
        "layer-without-bias": lambda a: layer_forward(
            GIVENS["layer-forward"]["W"],
            0 * GIVENS["layer-forward"]["b"],
            GIVENS["layer-forward"]["x"],
        ),
        "layer-z-for-a": lambda a: (
            GIVENS["layer-forward"]["W"] * GIVENS["layer-forward"]["x"]
            + GIVENS["layer-forward"]["b"]
        ),
        # w + η∇C instead of w − η∇C; w − ∇C without η.
        "descent-step-ascends": lambda a: (
            2 * GIVENS["quadratic-gradient"]["at"] - a["quadratic-descent-step"]
        ),
        "descent-step-without-eta": lambda a: (
            GIVENS["quadratic-gradient"]["at"] - a["quadratic-gradient"]
        ),
        "hidden-delta-without-slope": _without_slope,
        "hidden-delta-sigma-for-slope": _sigma_for_slope,
        # p instead of p − y.
        "softmax-gradient-without-target": lambda a: (
            a["softmax-ce-gradient-numbers"] + GIVENS["softmax-ce-gradient-numbers"]["y"]
        ),
        # The largest logit alone; the log of the sum shifted by z1 (the hint's e^z1 taken out),
        # without adding z1 back.
        "log-sum-exp-largest-only": lambda a: max(GIVENS["log-sum-exp"]["z"]),
        "log-sum-exp-shift-dropped": lambda a: a["log-sum-exp"] - GIVENS["log-sum-exp"]["z"][0],
        "precision-is-recall": _recall,
        # The fraction of all points classified right.
        "precision-is-accuracy": lambda a: (
            GIVENS["precision"]["confusion"].trace() / sum(GIVENS["precision"]["confusion"])
        ),
        # (P + R)/2 instead of the harmonic mean.
        "f1-arithmetic-mean": lambda a: (a["precision"] + _recall(a)) / 2,
        # The variance 2/(n_in + n_out) instead of its square root; LeCun's 1/√n_in.
        "glorot-variance-for-std": lambda a: a["glorot-std"] ** 2,
        "glorot-lecun-std": lambda a: 1 / sympy.sqrt(GIVENS["glorot-std"]["n_in"]),
        "batch-without-bias": _batch_without_bias,
    }
)
