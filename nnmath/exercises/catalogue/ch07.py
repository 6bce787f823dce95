"""The exercises of chapter 7, backpropagation with matrices."""

from __future__ import annotations

from nnmath.exercises.catalogue.forms import Chapter, real
from nnmath.symbolic.sigmoid import logistic_prime

chapter = Chapter(7)

z = real("z")["z"]

EXERCISES = (
    chapter.derive(
        "output-error-sigmoid-quadratic",
        title="The output error of a sigmoid neuron with the quadratic cost",
        prompt=(
            "One output neuron a = σ(z) with cost C = ½(a − y)². Give δ = ∂C/∂z in z and y "
            "(sigma(z) allowed)."
        ),
        answer_in="z y",
        hint="∂C/∂z = ∂C/∂a · ∂a/∂z.",
        solution="∂C/∂a = a − y and ∂a/∂z = σ′(z), so δ = (σ(z) − y)σ′(z).",
        sample="sigma(z) - y",
        factors={"σ′(z) = σ(z)(1 − σ(z))": logistic_prime(z)},
    ),
    chapter.compute(
        "hadamard-product",
        answer="array",
        title="A Hadamard product",
        prompt="Compute (1, 2, 3) ⊙ (4, −5, 1/2) as an array.",
        hint="⊙ multiplies entry by entry; it does not add anything up.",
        solution="(1·4, 2·(−5), 3·½).",
        sample="[4, -10, 3/2]",
    ),
    chapter.compute(
        "layer-jacobian-shape",
        answer="array",
        title="The shape of a layer's Jacobian",
        prompt=(
            "A layer maps 3 inputs to 2 outputs. Give the shape of its Jacobian "
            "∂a/∂x as [rows, columns]."
        ),
        hint="Row i holds the derivatives of output i.",
        solution="One row per output, one column per input.",
        sample="[2, 3]",
    ),
)
