"""The exercises of chapter 2, training the perceptron."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nnmath.exercises.catalogue.forms import Chapter, FromAnswers

chapter = Chapter(2)


def _update(answers: Mapping[str, Any]) -> Any:
    """The expected perceptron update, as the change it makes to w."""
    return answers["perceptron-update"] - answers["perceptron-unchanged"]


EXERCISES = (
    chapter.compute(
        "perceptron-update",
        answer="array",
        title="One perceptron update",
        prompt=(
            "With the bias folded in as w0 (so x0 = 1): w = (1/2, −1, 2), the example "
            "x = (1, 3, 1/2) has label y = 1, and η = 1/2. Compute ŷ = step(w·x), then the "
            "weights after the update w + η(y − ŷ)x, as an array [w0, w1, w2]."
        ),
        hint="w·x = ½ − 3 + 1 is negative, so ŷ = 0 and y − ŷ = 1: add ½·x to w.",
        solution="ŷ = 0, so the new weights are w + ½x = (½ + ½, −1 + 3/2, 2 + ¼).",
        sample="[1, 1/2, 9/4]",
        mistakes={
            "subtracted": (
                FromAnswers(lambda a: a["perceptron-unchanged"] - _update(a)),
                "the update went the wrong way: for a missed positive (y = 1, ŷ = 0) "
                "x is added to w, not subtracted.",
            ),
            "no-eta": (
                FromAnswers(lambda a: a["perceptron-unchanged"] + 2 * _update(a)),
                "the learning rate is missing: the step is η(y − ŷ)x with η = 1/2.",
            ),
        },
    ),
    chapter.compute(
        "perceptron-unchanged",
        predict_then_run=True,
        answer="array",
        title="When the answer is right",
        prompt=(
            "Same w = (1/2, −1, 2), x = (1, 3, 1/2) and η = 1/2 as before, but now the label "
            "is y = 0. Predict the weights after one update, as an array [w0, w1, w2], then "
            "check with nm.train_perceptron or by hand."
        ),
        hint="First work out ŷ. What is y − ŷ then?",
        solution="ŷ = 0 = y, so y − ŷ = 0 and the rule leaves w as it was.",
        sample="[1, 1/2, 9/4]",
        mistakes={
            "updated": (
                FromAnswers(lambda a: a["perceptron-update"]),
                "ŷ = 0 = y here, so the point is already classified correctly and the rule "
                "leaves w unchanged.",
            )
        },
    ),
    chapter.compute(
        "perceptron-score-rise",
        answer="number",
        title="How much the update helps",
        prompt=(
            "For the update of the exercise perceptron-update (y = 1, ŷ = 0, η = 1/2, "
            "x = (1, 3, 1/2)), by how much does the score w·x rise?"
        ),
        hint="The new score is (w + ηx)·x = w·x + η‖x‖².",
        solution="The rise is η‖x‖² = ½(1 + 9 + ¼).",
        sample="1/2 (1 + 9 + 1/4)",
    ),
)
