"""The exercises of chapter 10, A network from scratch, then real data."""

from __future__ import annotations

from nnmath.exercises.catalogue.forms import Chapter, weights_only

chapter = Chapter(10)

EXERCISES = (
    chapter.compute(
        "cross-entropy-value",
        answer="number",
        title="A cross-entropy value",
        prompt=(
            "The logits are z = (0, 0, log 2) and the label is class 3. Compute the "
            "cross-entropy −log p3 (exactly, e.g. with log)."
        ),
        hint="p3 = 2/(1 + 1 + 2).",
        solution="p3 = ½, so −log p3 = log 2 ≈ 0.693.",
        sample="-log(1/2)",
    ),
    chapter.compute(
        "batch-shape",
        answer="array",
        title="The shape of a batch",
        prompt=(
            "A batch A of 5 images (5 rows of 784 pixels) goes through a layer with W of "
            "shape (30, 784): Z = A Wᵀ + b. Give the shape of Z as [rows, columns]."
        ),
        hint="(5 × 784) times (784 × 30).",
        solution="One row per example, one column per neuron.",
        sample="[5, 30]",
    ),
    chapter.compute(
        "digits-output-count",
        answer="integer",
        title="Parameters of the output layer",
        prompt=(
            "How many parameters does the output layer (30 inputs, 10 neurons) of a "
            "784-30-10 network have?"
        ),
        hint="A weight per (neuron, input) pair and a bias per neuron.",
        solution="30·10 weights and 10 biases.",
        sample="300",
        mistakes=weights_only([30, 10], "each of the 10 neurons"),
    ),
)
