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

__all__ = ["RULES", "Answers"]

#: Every exercise's expected answer, by id.
Answers = Mapping[str, Any]

#: The parameters ϑ of the exercise gradient-step, before its step.
_THETA = sympy.Matrix([[1, -2]])


def _update(answers: Answers) -> Any:
    """The expected perceptron update, as the change it makes to w."""
    return answers["perceptron-update"] - answers["perceptron-unchanged"]


#: The rules by name: each takes every exercise's expected answer and returns the wrong value.
RULES: Mapping[str, Callable[[Answers], Any]] = MappingProxyType(
    {
        # w − η(y − ŷ)x instead of w + η(y − ŷ)x.
        "perceptron-update-subtracted": lambda a: a["perceptron-unchanged"] - _update(a),
        # w + (y − ŷ)x: the step without η = 1/2.
        "perceptron-update-without-eta": lambda a: a["perceptron-unchanged"] + 2 * _update(a),
        # The update of a missed point, applied to a point classified correctly.
        "perceptron-update-applied": lambda a: a["perceptron-update"],
        # [columns, rows] instead of [rows, columns].
        "weight-shape-transposed": lambda a: a["layer-weight-shape"][::-1],
        # ϑ + η∇C, from the expected step ϑ − η∇C.
        "gradient-ascent-step": lambda a: 2 * _THETA - a["gradient-step"],
    }
)
