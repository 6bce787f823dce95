"""The exercises of chapter 6, backpropagation with the chain rule."""

from __future__ import annotations

from nnmath.exercises.catalogue.forms import Chapter, real
from nnmath.symbolic.sigmoid import SIGMA, logistic_prime

chapter = Chapter(6)

x, w1, b1, w2, b2 = real("x w1 b1 w2 b2").values()
z1 = w1 * x + b1

EXERCISES = (
    chapter.derive(
        "two-neuron-w1",
        title="Two sigmoid neurons: the first weight",
        prompt=(
            "For a2 = σ(w2·σ(w1·x + b1) + b2), give ∂a2/∂w1 in x, w1, b1, w2, b2 "
            "(sigma(...) allowed)."
        ),
        answer_in="x w1 b1 w2 b2",
        hint="Name z1 = w1·x + b1, a1 = σ(z1), z2 = w2·a1 + b2; multiply local derivatives.",
        solution="∂a2/∂w1 = σ′(z2)·w2·σ′(z1)·x, with σ′(t) = σ(t)(1 − σ(t)).",
        sample="sigma(w2 sigma(w1 x + b1) + b2)(1 - sigma(w2 sigma(w1 x + b1) + b2)) w2 x",
        factors={
            "σ′(z1) = σ(z1)(1 − σ(z1))": logistic_prime(z1),
            "σ′(z2) = σ(z2)(1 − σ(z2))": logistic_prime(w2 * SIGMA(z1) + b2),
        },
    ),
    chapter.derive(
        "two-neuron-b2",
        title="Two sigmoid neurons: the last bias",
        prompt="For the same a2, give ∂a2/∂b2.",
        answer_in="x w1 b1 w2 b2",
        hint="b2 enters z2 with coefficient 1.",
        solution="∂a2/∂b2 = σ′(z2) = σ(z2)(1 − σ(z2)).",
        sample="sigma(w2 sigma(w1 x + b1) + b2)(1 - sigma(w2 sigma(w1 x + b1) + b2))",
    ),
    chapter.compute(
        "chain-rule-number",
        predict_then_run=True,
        answer="number",
        title="The gradient in numbers",
        prompt=(
            "At the worked example of chapter 5 (x = 2, b1 = 1, b2 = 1/2, w1 = 1/2, "
            "w2 = 3/2, t = 5), compute ∂E/∂w1, then compare with the chapter's table."
        ),
        hint="z = 2, ŷ = 3.5, ŷ − t = −1.5; multiply by w2·x.",
        solution="(ŷ − t)·w2·x = (−3/2)·(3/2)·2.",
        sample="-3/2 * 3/2 * 2",
    ),
)
