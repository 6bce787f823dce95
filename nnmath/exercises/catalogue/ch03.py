"""The exercises of chapter 3, the sigmoid neuron."""

from __future__ import annotations

from nnmath.exercises.catalogue.forms import Chapter, real
from nnmath.symbolic.sigmoid import SIGMA

chapter = Chapter(3)

x = real("x")["x"]

EXERCISES = (
    chapter.derive(
        "sigmoid-second-derivative",
        title="The second derivative of σ",
        prompt=(
            "Differentiate σ′(x) = σ(x)(1 − σ(x)) once more: give σ″(x), in x, using "
            "sigma(x) and exp as you like."
        ),
        answer_in="x",
        hint="Product rule on σ·(1 − σ), and every σ′ that appears is σ(1 − σ) again.",
        solution="σ″ = σ′(1 − σ) − σσ′ = σ′(1 − 2σ) = σ(1 − σ)(1 − 2σ).",
        sample="sigma(x)(1 - sigma(x))(1 - 2sigma(x))",
        factors={"(1 − 2σ(x))": 1 - 2 * SIGMA(x)},
    ),
    chapter.derive(
        "sigmoid-transition",
        title="Where σ(ax + b) crosses one half",
        prompt="For a ≠ 0, at which x is σ(ax + b) = 1/2? Answer in a and b.",
        answer_in="a b",
        hint="σ(t) = ½ exactly when t = 0.",
        solution="ax + b = 0 gives x = −b/a.",
        sample="-b/a",
        nonzero="a",
    ),
    chapter.derive(
        "sigmoid-steepness",
        title="How steep is the transition?",
        prompt="What is the slope d/dx σ(ax + b) at the transition x = −b/a? Answer in a.",
        answer_in="a b",
        hint="The chain rule gives a·σ′(ax + b), and σ′(0) = σ(0)(1 − σ(0)).",
        solution="a·σ′(0) = a·½·½.",
        sample="a/2",
        nonzero="a",
    ),
)
