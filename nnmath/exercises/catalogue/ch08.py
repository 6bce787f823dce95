"""The exercises of chapter 8, softmax and cross-entropy."""

from __future__ import annotations

import sympy

from nnmath.exercises.catalogue.forms import Chapter, real

chapter = Chapter(8)

z1, z2, z3, y1, y2, y3 = real("z1 z2 z3 y1 y2 y3").values()

EXERCISES = (
    chapter.derive(
        "softmax-ce-gradient",
        title="The cross-entropy gradient for the first logit",
        prompt=(
            "With K = 3, p = softmax(z1, z2, z3) and C = −(y1 log p1 + y2 log p2 + "
            "y3 log p3) where y1 + y2 + y3 = 1, give ∂C/∂z1 in z1, z2, z3, y1, y2, y3."
        ),
        answer_in="z1 z2 z3 y1 y2 y3",
        hint="log p_k = z_k − log(e^z1 + e^z2 + e^z3); differentiate each term by z1.",
        solution="∂C/∂z1 = p1(y1 + y2 + y3) − y1 = p1 − y1.",
        sample="exp(z1)/(exp(z1) + exp(z2) + exp(z3)) - y1",
        assumptions="all variables real and y1 + y2 + y3 = 1",
        substitutions={y3: 1 - y1 - y2},
    ),
    chapter.derive(
        "softmax-diagonal",
        title="A diagonal entry of the softmax Jacobian",
        prompt="Give ∂p1/∂z1 for p = softmax(z1, z2, z3), in z1, z2, z3.",
        answer_in="z1 z2 z3",
        hint="Quotient rule on e^z1 / (e^z1 + e^z2 + e^z3).",
        solution="∂p1/∂z1 = p1(1 − p1).",
        sample="exp(z1)/(exp(z1)+exp(z2)+exp(z3))",
        factors={"(1 − p1)": 1 - sympy.exp(z1) / sum(map(sympy.exp, (z1, z2, z3)))},
    ),
    chapter.compute(
        "softmax-shift",
        predict_then_run=True,
        answer="number",
        title="Softmax of shifted logits",
        prompt=(
            "Predict p1 = softmax(z)_1 for z = (100, 100, 100 + log 2), then check with nm.softmax."
        ),
        hint="Adding the same number to every logit does not change softmax.",
        solution="Shift by −100: e⁰/(e⁰ + e⁰ + e^(log 2)) = 1/(1 + 1 + 2).",
        sample="1/3",
    ),
)
