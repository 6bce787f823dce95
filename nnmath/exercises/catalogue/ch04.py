"""The exercises of chapter 4, layers and networks."""

from __future__ import annotations

from nnmath.exercises.catalogue.forms import Chapter, FromAnswers, weights_only

chapter = Chapter(4)

EXERCISES = (
    chapter.compute(
        "parameter-count-2232",
        answer="integer",
        title="Parameters of the 2-2-3-2 network",
        prompt="How many weights and biases does the 2-2-3-2 network have in total?",
        hint="A layer with n inputs and m neurons has an m×n weight matrix and m biases.",
        solution="(2·2 + 2) + (3·2 + 3) + (2·3 + 2).",
        sample="2*2 + 3*2 + 2*3",
        mistakes=weights_only([2, 2, 3, 2], "each neuron"),
    ),
    chapter.compute(
        "layer-weight-shape",
        answer="array",
        title="The shape of a weight matrix",
        prompt=(
            "A layer takes 784 inputs and has 30 neurons, written z = W a + b. Give the "
            "shape of W as an array [rows, columns]."
        ),
        hint="W a must have one entry per neuron, and a has one entry per input.",
        solution="One row per neuron, one column per input.",
        sample="[784, 30]",
        mistakes={
            "transposed": (
                FromAnswers(lambda a: a["layer-weight-shape"][::-1]),
                "rows and columns are swapped: W has one row per neuron (W a is 30 long).",
            )
        },
    ),
    chapter.compute(
        "network-parameter-count",
        answer="integer",
        title="Parameters of a 784-30-10 network",
        prompt="How many parameters (weights and biases) does a 784-30-10 network have?",
        hint="Count each layer: weights (neurons × inputs) plus one bias per neuron.",
        solution="784·30 + 30 for the hidden layer, 30·10 + 10 for the output layer.",
        sample="784*30 + 30*10",
        mistakes=weights_only([784, 30, 10], "each of the 30 + 10 neurons"),
    ),
)
