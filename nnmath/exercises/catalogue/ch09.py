"""The exercises of chapter 9, training the land classifier."""

from __future__ import annotations

import sympy

from nnmath.exercises.catalogue.forms import Chapter, FromAnswers

chapter = Chapter(9)

#: The parameters before the gradient step.
THETA = sympy.Matrix([[1, -2]])

EXERCISES = (
    chapter.derive(
        "quadratic-cost-gradient",
        title="The gradient of the quadratic cost",
        prompt="For C = ½((a1 − y1)² + (a2 − y2)²), give ∂C/∂a1 in a1, a2, y1, y2.",
        answer_in="a1 a2 y1 y2",
        hint="Only the first square depends on a1.",
        solution="∂C/∂a1 = a1 − y1: the ½ cancels the 2 of the square.",
        sample="2(a1 - y1)",
    ),
    chapter.compute(
        "gradient-step",
        answer="array",
        title="One gradient step",
        prompt=(
            "Parameters θ = (1, −2), gradient ∇C = (4, −1), learning rate η = 1/4. Give θ "
            "after one step of gradient descent, as an array."
        ),
        hint="θ − η∇C: against the gradient.",
        solution="(1 − 1, −2 + ¼).",
        sample="[0, -7/4]",
        mistakes={
            "ascent": (
                # θ + η∇C, from the expected step θ − η∇C
                FromAnswers(lambda a: 2 * THETA - a["gradient-step"]),
                "that is a step up the gradient (θ + η∇C), not down.",
            )
        },
    ),
    chapter.compute(
        "sgd-visits",
        answer="integer",
        title="How often SGD sees each point",
        prompt=(
            "SGD takes 10⁶ steps of one point each over the 20 land points, each step "
            "picking a point uniformly at random. How many times is each point used on "
            "average (the expected count)?"
        ),
        hint="Each step picks a given point with probability 1/20.",
        solution="10⁶ · 1/20 = 10⁶/20; the actual counts vary from point to point.",
        sample="10^6/20",
    ),
)
