"""The exercises of chapter 1, vectors, the dot product and the perceptron."""

from __future__ import annotations

from nnmath.exercises.catalogue.forms import Chapter

chapter = Chapter(1)

EXERCISES = (
    chapter.compute(
        "dot-product",
        answer="number",
        title="A dot product by hand",
        prompt="Compute w·x for w = (2, −1, 3) and x = (1, 4, 1/2).",
        hint="Multiply matching components and add the three products.",
        solution="2·1 + (−1)·4 + 3·½ = 2 − 4 + 1.5.",
        sample="2 - 4 + 3/2",
    ),
    chapter.compute(
        "perceptron-output",
        predict_then_run=True,
        answer="integer",
        title="Which side of the line?",
        prompt=(
            "The perceptron of this chapter has w = (1, 2) and b = −1. Predict its output "
            "step(w·x + b) for x = (1/2, 1/5), then run nm.step(np.dot(w, x) + b) to see."
        ),
        hint="w·x + b = ½ + 2/5 − 1. Is that negative, zero or positive?",
        solution="w·x + b = 0.9 − 1 = −0.1 < 0, so the step gives 0: x is just below the line.",
        sample="1",
    ),
    chapter.derive(
        "perceptron-boundary",
        title="The boundary line as a graph",
        prompt=(
            "In the plane, the perceptron's boundary is w1·x1 + w2·x2 + b = 0. Solve it for "
            "x2 (assume w2 ≠ 0), in x1, w1, w2, b."
        ),
        answer_in="x1 w1 w2 b",
        hint="Move w1·x1 + b to the other side and divide by w2.",
        solution="w2·x2 = −(w1·x1 + b), so x2 = −(w1·x1 + b)/w2: a line with slope −w1/w2.",
        sample="-(w1 x1 + b)/w2",
    ),
)
