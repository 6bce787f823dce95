"""The exercises of chapter 5, the cost function and gradient descent."""

from __future__ import annotations

from nnmath.exercises.catalogue.forms import Chapter, real

chapter = Chapter(5)

#: The chain z = x·w1 + b1, ŷ = z·w2 + b2, E = ½(ŷ − t)².
chain = real("x w1 b1 w2 b2 t")
x, w1, b1, w2 = chain["x"], chain["w1"], chain["b1"], chain["w2"]

EXERCISES = (
    chapter.derive(
        "chain-rule-w1",
        title="The gradient of the error with respect to w1",
        prompt=(
            "For the chain z = x·w1 + b1, ŷ = z·w2 + b2, E = ½(ŷ − t)², give ∂E/∂w1 in "
            "x, w1, w2, b1, b2, t."
        ),
        answer_in="x w1 w2 b1 b2 t",
        hint="∂E/∂w1 = ∂E/∂ŷ · ∂ŷ/∂z · ∂z/∂w1, and each factor is one short derivative.",
        solution="∂E/∂ŷ = ŷ − t, ∂ŷ/∂z = w2, ∂z/∂w1 = x; multiply and write ŷ out.",
        sample="w2*x*(w2*(w1*x+b1)+b2-t)",
        symbols=chain,
        factors={"w2 (= ∂ŷ/∂z)": w2, "x (= ∂z/∂w1)": x},
    ),
    chapter.derive(
        "chain-rule-w2",
        title="The gradient of the error with respect to w2",
        prompt="For the same chain, give ∂E/∂w2 in x, w1, w2, b1, b2, t.",
        answer_in="x w1 w2 b1 b2 t",
        hint="w2 multiplies z in ŷ = z·w2 + b2, so ∂ŷ/∂w2 = z.",
        solution="∂E/∂w2 = (ŷ − t)·z with z = x·w1 + b1.",
        sample="(w2(w1 x + b1) + b2 - t)",
        symbols=chain,
        factors={"z = x·w1 + b1 (= ∂ŷ/∂w2)": w1 * x + b1},
    ),
    chapter.compute(
        "bowl-stable-rate",
        answer="number",
        title="The largest stable learning rate",
        prompt=(
            "For the chapter's bowl with H = [[3, 2], [2, 6]], gradient descent converges "
            "from every start exactly when η < 2/λmax. Compute 2/λmax."
        ),
        hint="The eigenvalues of a 2×2 symmetric matrix solve λ² − (trace)λ + det = 0.",
        solution="trace 9, det 14, so λ = 2 and λ = 7; the bound is 2/7 ≈ 0.286.",
        sample="2/7",
    ),
)
