"""Every exercise of the site, with what an answer may use and how it is checked.

Expected answers are never typed in here: each is read from the
``exercise-answers`` derivation of :mod:`nnmath.symbolic` (see
:mod:`nnmath.symbolic.practice`), where SymPy differentiates, solves or counts.
"""

from __future__ import annotations

import builtins
import difflib
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
import sympy

from nnmath.exercises.checking import CheckResult, compare_array, compare_expression, compare_number
from nnmath.exercises.parsing import SYNTAX, parse_answer
from nnmath.symbolic.core import to_latex
from nnmath.symbolic.sigmoid import SIGMA, logistic_prime

__all__ = ["EXERCISES", "Exercise", "check", "get", "ids", "list_exercises"]

Kind = Literal["derive", "compute", "predict-then-run"]
AnswerType = Literal["expression", "number", "integer", "array"]

#: Tolerance of number and array answers (relative, and absolute below 1).
NUMBER_TOLERANCE = 1e-9


def _answers() -> Mapping[str, Any]:
    from nnmath import symbolic

    answers: Mapping[str, Any] = symbolic.derive("exercise-answers").data["answers"]
    return answers


@dataclass(frozen=True)
class Exercise:
    """One exercise.

    Attributes
    ----------
    id : str
        Kebab-case identifier, e.g. ``"chain-rule-w1"``.
    chapter : int
        The chapter (1–10) it ends.
    kind : {"derive", "compute", "predict-then-run"}
    title, prompt, hint, solution : str
        Plain text (Unicode math); the solution explains the steps, and the
        expected result itself is :attr:`expected` (shown with :attr:`solution_latex`).
    answer_type : {"expression", "number", "integer", "array"}
    variables : tuple of str
        The names an answer may use (for an expression).
    functions : tuple of str
        The functions an answer may call.
    assumptions : str
        What the check assumes (e.g. "all variables real; y1 + y2 + y3 = 1").
    sample : str
        The sample answer the chapter checks on the page.
    """

    id: str
    chapter: int
    kind: Kind
    title: str
    prompt: str
    answer_type: AnswerType
    hint: str
    solution: str
    sample: str
    variables: tuple[str, ...] = ()
    symbols: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), repr=False)
    functions: tuple[str, ...] = ()
    assumptions: str = "all variables real"
    substitutions: Mapping[Any, Any] = field(
        default_factory=lambda: MappingProxyType({}), repr=False
    )
    factors: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), repr=False)
    mistakes: Mapping[str, tuple[Any, str]] = field(
        default_factory=lambda: MappingProxyType({}), repr=False
    )

    @property
    def expected(self) -> Any:
        """The expected answer, as derived by SymPy in :mod:`nnmath.symbolic`."""
        return _answers()[self.id]

    @property
    def syntax(self) -> str:
        """The answer syntax of this exercise, in one sentence."""
        if self.answer_type == "array":
            return "an array of numbers, e.g. [1, 1/2, -3] (entries may be fractions)"
        if self.answer_type in ("number", "integer"):
            kind = "a whole number" if self.answer_type == "integer" else "a number"
            return f"{kind}; arithmetic, fractions, exp, log and sqrt of numbers are allowed"
        names = ", ".join(self.variables)
        return f"an expression in {names}; {SYNTAX}"

    @property
    def tolerance(self) -> str:
        """How the answer is compared, in words."""
        if self.answer_type == "expression":
            return "symbolic (SymPy), else numerically at 20 seeded random points (relative 1e-12)"
        if self.answer_type == "integer":
            return "exact"
        return f"relative {NUMBER_TOLERANCE:g} (absolute below 1)"

    @property
    def solution_latex(self) -> str:
        """LaTeX of the expected answer (sigmoids printed as σ)."""
        value = self.expected
        if isinstance(value, sympy.MatrixBase):
            entries = ", ".join(to_latex(v) for v in value)
            return rf"\left[{entries}\right]"
        return to_latex(_with_sigma(value))

    def check(self, answer: Any) -> CheckResult:
        """Check ``answer`` (see :func:`check`)."""
        value = self._parse(answer)
        expected = self.expected
        if self.answer_type == "expression":
            if isinstance(value, builtins.list):
                wrong = "Not correct: expected an expression, got an array."
                return CheckResult(self.id, False, wrong)
            return compare_expression(
                value,
                expected,
                exercise=self.id,
                symbols=builtins.list(self.symbols.values()),
                substitutions=self.substitutions,
                factors=self.factors,
                assumptions=self.assumptions,
            )
        if self.answer_type == "array":
            return compare_array(
                value, expected, exercise=self.id, tolerance=NUMBER_TOLERANCE,
                mistakes=self.mistakes,
            )  # fmt: skip
        if isinstance(value, builtins.list) or (isinstance(value, np.ndarray) and value.ndim):
            return CheckResult(
                self.id, False, "Not correct: wrong shape: expected a single number, got an array."
            )
        return compare_number(
            value, expected, exercise=self.id, tolerance=NUMBER_TOLERANCE,
            integer=self.answer_type == "integer", mistakes=self.mistakes,
        )  # fmt: skip

    def _parse(self, answer: Any) -> Any:
        if isinstance(answer, str):
            variables = self.symbols if self.answer_type == "expression" else {}
            return parse_answer(answer, variables)
        if isinstance(answer, bool):
            raise TypeError(f"answer must be a number, string, array or expression, not {answer!r}")
        if isinstance(answer, (int, float, np.integer, np.floating)):
            if not np.isfinite(float(answer)):
                raise ValueError(f"answer must be finite, got {answer!r}")
            return sympy.nsimplify(answer) if isinstance(answer, (int, np.integer)) else answer
        if isinstance(answer, (np.ndarray, builtins.list, tuple)):
            array = np.asarray(answer, dtype=object)
            return array.tolist()
        if isinstance(answer, sympy.MatrixBase):
            return answer.tolist() if 1 not in answer.shape else builtins.list(answer)
        if isinstance(answer, sympy.Basic):
            return self._rename(answer)
        raise TypeError(
            "answer must be a string, number, array or SymPy expression, "
            f"got {type(answer).__name__}"
        )

    def _rename(self, expr: sympy.Basic) -> Any:
        """Map a SymPy answer's symbols by name onto the exercise's symbols."""
        unknown = sorted(s.name for s in expr.free_symbols if s.name not in self.symbols)
        if unknown:
            names = ", ".join(self.variables) or "none"
            raise ValueError(f"unknown name(s) {', '.join(unknown)}; allowed: {names}")
        return expr.subs({s: self.symbols[s.name] for s in expr.free_symbols}, simultaneous=True)


def _with_sigma(expr: Any) -> Any:
    """Write 1/(1 + e^(−t)) back as σ(t), for display."""
    wild = sympy.Wild("t")
    return sympy.sympify(expr).replace(1 / (1 + sympy.exp(-wild)), SIGMA(wild))


def _weights_only(sizes: builtins.list[int]) -> int:
    """A common wrong count: the weights without the biases."""
    return sum(n * m for n, m in itertools.pairwise(sizes))


def _real(names: str) -> dict[str, sympy.Symbol]:
    return {n: sympy.Symbol(n, real=True) for n in names.split()}


def _build() -> dict[str, Exercise]:
    chain = _real("x w1 b1 w2 b2 t")
    sig_affine = {"a": sympy.Symbol("a", real=True, nonzero=True), **_real("b")}
    softmax_vars = _real("z1 z2 z3 y1 y2 y3")
    z1z2z3 = {k: softmax_vars[k] for k in ("z1", "z2", "z3")}
    z, y = _real("z y").values()
    x, w1, b1, w2, b2 = (chain[k] for k in ("x", "w1", "b1", "w2", "b2"))
    z_inner = w1 * x + b1
    sig = ("exp", "log", "sqrt", "sigma")
    items = [
        # -- chapter 1 ---------------------------------------------------------------------
        Exercise(
            id="dot-product",
            chapter=1,
            kind="compute",
            title="A dot product by hand",
            prompt="Compute w·x for w = (2, −1, 3) and x = (1, 4, 1/2).",
            answer_type="number",
            hint="Multiply matching components and add the three products.",
            solution="2·1 + (−1)·4 + 3·½ = 2 − 4 + 1.5.",
            sample="2 - 4 + 3/2",
        ),
        Exercise(
            id="perceptron-output",
            chapter=1,
            kind="predict-then-run",
            title="Which side of the line?",
            prompt=(
                "The perceptron of this chapter has w = (1, 2) and b = −1. Predict its output "
                "step(w·x + b) for x = (1/2, 1/5), then run nm.step(np.dot(w, x) + b) to see."
            ),
            answer_type="integer",
            hint="w·x + b = ½ + 2/5 − 1. Is that negative, zero or positive?",
            solution="w·x + b = 0.9 − 1 = −0.1 < 0, so the step gives 0: x is just below the line.",
            sample="1",
        ),
        Exercise(
            id="perceptron-boundary",
            chapter=1,
            kind="derive",
            title="The boundary line as a graph",
            prompt=(
                "In the plane, the perceptron's boundary is w1·x1 + w2·x2 + b = 0. Solve it for "
                "x2 (assume w2 ≠ 0), in x1, w1, w2, b."
            ),
            answer_type="expression",
            variables=("x1", "w1", "w2", "b"),
            symbols=_real("x1 w1 w2 b"),
            functions=sig,
            hint="Move w1·x1 + b to the other side and divide by w2.",
            solution="w2·x2 = −(w1·x1 + b), so x2 = −(w1·x1 + b)/w2: a line with slope −w1/w2.",
            sample="-(w1 x1 + b)/w2",
        ),
        # -- chapter 2 ---------------------------------------------------------------------
        Exercise(
            id="perceptron-update",
            chapter=2,
            kind="compute",
            title="One perceptron update",
            prompt=(
                "With the bias folded in as w0 (so x0 = 1): w = (1/2, −1, 2), the example "
                "x = (1, 3, 1/2) has label y = 1, and η = 1/2. Compute ŷ = step(w·x), then the "
                "weights after the update w + η(y − ŷ)x, as an array [w0, w1, w2]."
            ),
            answer_type="array",
            hint="w·x = ½ − 3 + 1 is negative, so ŷ = 0 and y − ŷ = 1: add ½·x to w.",
            solution="ŷ = 0, so the new weights are w + ½x = (½ + ½, −1 + 3/2, 2 + ¼).",
            sample="[1, 1/2, 9/4]",
            mistakes={
                "subtracted": (
                    None,
                    "the update went the wrong way: for a missed positive (y = 1, ŷ = 0) "
                    "x is added to w, not subtracted.",
                ),
                "no-eta": (
                    None,
                    "the learning rate is missing: the step is η(y − ŷ)x with η = 1/2.",
                ),
            },
        ),
        Exercise(
            id="perceptron-unchanged",
            chapter=2,
            kind="predict-then-run",
            title="When the answer is right",
            prompt=(
                "Same w = (1/2, −1, 2), x = (1, 3, 1/2) and η = 1/2 as before, but now the label "
                "is y = 0. Predict the weights after one update, as an array [w0, w1, w2], then "
                "check with nm.train_perceptron or by hand."
            ),
            answer_type="array",
            hint="First work out ŷ. What is y − ŷ then?",
            solution="ŷ = 0 = y, so y − ŷ = 0 and the rule leaves w as it was.",
            sample="[1, 1/2, 9/4]",
            mistakes={
                "updated": (
                    None,
                    "ŷ = 0 = y here, so the point is already classified correctly and the rule "
                    "leaves w unchanged.",
                )
            },
        ),
        Exercise(
            id="perceptron-score-rise",
            chapter=2,
            kind="compute",
            title="How much the update helps",
            prompt=(
                "For the update of the exercise perceptron-update (y = 1, ŷ = 0, η = 1/2, "
                "x = (1, 3, 1/2)), by how much does the score w·x rise?"
            ),
            answer_type="number",
            hint="The new score is (w + ηx)·x = w·x + η‖x‖².",
            solution="The rise is η‖x‖² = ½(1 + 9 + ¼).",
            sample="1/2 (1 + 9 + 1/4)",
        ),
        # -- chapter 3 ---------------------------------------------------------------------
        Exercise(
            id="sigmoid-second-derivative",
            chapter=3,
            kind="derive",
            title="The second derivative of σ",
            prompt=(
                "Differentiate σ′(x) = σ(x)(1 − σ(x)) once more: give σ″(x), in x, using "
                "sigma(x) and exp as you like."
            ),
            answer_type="expression",
            variables=("x",),
            symbols=_real("x"),
            functions=sig,
            hint="Product rule on σ·(1 − σ), and every σ′ that appears is σ(1 − σ) again.",
            solution="σ″ = σ′(1 − σ) − σσ′ = σ′(1 − 2σ) = σ(1 − σ)(1 − 2σ).",
            sample="sigma(x)(1 - sigma(x))(1 - 2sigma(x))",
            factors={"(1 − 2σ(x))": 1 - 2 * SIGMA(_real("x")["x"])},
        ),
        Exercise(
            id="sigmoid-transition",
            chapter=3,
            kind="derive",
            title="Where σ(ax + b) crosses one half",
            prompt="For a ≠ 0, at which x is σ(ax + b) = 1/2? Answer in a and b.",
            answer_type="expression",
            variables=("a", "b"),
            symbols=sig_affine,
            functions=sig,
            assumptions="a real and nonzero, b real",
            hint="σ(t) = ½ exactly when t = 0.",
            solution="ax + b = 0 gives x = −b/a.",
            sample="-b/a",
        ),
        Exercise(
            id="sigmoid-steepness",
            chapter=3,
            kind="derive",
            title="How steep is the transition?",
            prompt="What is the slope d/dx σ(ax + b) at the transition x = −b/a? Answer in a.",
            answer_type="expression",
            variables=("a", "b"),
            symbols=sig_affine,
            functions=sig,
            assumptions="a real and nonzero, b real",
            hint="The chain rule gives a·σ′(ax + b), and σ′(0) = σ(0)(1 − σ(0)).",
            solution="a·σ′(0) = a·½·½.",
            sample="a/2",
        ),
        # -- chapter 4 ---------------------------------------------------------------------
        Exercise(
            id="parameter-count-2232",
            chapter=4,
            kind="compute",
            title="Parameters of the 2-2-3-2 network",
            prompt="How many weights and biases does the 2-2-3-2 network have in total?",
            answer_type="integer",
            hint="A layer with n inputs and m neurons has an m×n weight matrix and m biases.",
            solution="(2·2 + 2) + (3·2 + 3) + (2·3 + 2).",
            sample="2*2 + 3*2 + 2*3",
            mistakes={
                "weights-only": (
                    _weights_only([2, 2, 3, 2]),
                    "that counts only the weights; each neuron also has a bias.",
                )
            },
        ),
        Exercise(
            id="layer-weight-shape",
            chapter=4,
            kind="compute",
            title="The shape of a weight matrix",
            prompt=(
                "A layer takes 784 inputs and has 30 neurons, written z = W a + b. Give the "
                "shape of W as an array [rows, columns]."
            ),
            answer_type="array",
            hint="W a must have one entry per neuron, and a has one entry per input.",
            solution="One row per neuron, one column per input.",
            sample="[784, 30]",
            mistakes={
                "transposed": (
                    None,
                    "rows and columns are swapped: W has one row per neuron (W a is 30 long).",
                )
            },
        ),
        Exercise(
            id="network-parameter-count",
            chapter=4,
            kind="compute",
            title="Parameters of a 784-30-10 network",
            prompt="How many parameters (weights and biases) does a 784-30-10 network have?",
            answer_type="integer",
            hint="Count each layer: weights (neurons × inputs) plus one bias per neuron.",
            solution="784·30 + 30 for the hidden layer, 30·10 + 10 for the output layer.",
            sample="784*30 + 30*10",
            mistakes={
                "weights-only": (
                    _weights_only([784, 30, 10]),
                    "that counts only the weights; each of the 30 + 10 neurons also has a bias.",
                )
            },
        ),
        # -- chapter 5 ---------------------------------------------------------------------
        Exercise(
            id="chain-rule-w1",
            chapter=5,
            kind="derive",
            title="The gradient of the error with respect to w1",
            prompt=(
                "For the chain z = x·w1 + b1, ŷ = z·w2 + b2, E = ½(ŷ − t)², give ∂E/∂w1 in "
                "x, w1, w2, b1, b2, t."
            ),
            answer_type="expression",
            variables=("x", "w1", "w2", "b1", "b2", "t"),
            symbols=chain,
            functions=sig,
            hint="∂E/∂w1 = ∂E/∂ŷ · ∂ŷ/∂z · ∂z/∂w1, and each factor is one short derivative.",
            solution="∂E/∂ŷ = ŷ − t, ∂ŷ/∂z = w2, ∂z/∂w1 = x; multiply and write ŷ out.",
            sample="w2*x*(w2*(w1*x+b1)+b2-t)",
            factors={"w2 (= ∂ŷ/∂z)": w2, "x (= ∂z/∂w1)": x},
        ),
        Exercise(
            id="chain-rule-w2",
            chapter=5,
            kind="derive",
            title="The gradient of the error with respect to w2",
            prompt="For the same chain, give ∂E/∂w2 in x, w1, w2, b1, b2, t.",
            answer_type="expression",
            variables=("x", "w1", "w2", "b1", "b2", "t"),
            symbols=chain,
            functions=sig,
            hint="w2 multiplies z in ŷ = z·w2 + b2, so ∂ŷ/∂w2 = z.",
            solution="∂E/∂w2 = (ŷ − t)·z with z = x·w1 + b1.",
            sample="(w2(w1 x + b1) + b2 - t)",
            factors={"z = x·w1 + b1 (= ∂ŷ/∂w2)": z_inner},
        ),
        Exercise(
            id="bowl-stable-rate",
            chapter=5,
            kind="compute",
            title="The largest stable learning rate",
            prompt=(
                "For the chapter's bowl with H = [[3, 2], [2, 6]], gradient descent converges "
                "from every start exactly when η < 2/λmax. Compute 2/λmax."
            ),
            answer_type="number",
            hint="The eigenvalues of a 2×2 symmetric matrix solve λ² − (trace)λ + det = 0.",
            solution="trace 9, det 14, so λ = 2 and λ = 7; the bound is 2/7 ≈ 0.286.",
            sample="2/7",
        ),
        # -- chapter 6 ---------------------------------------------------------------------
        Exercise(
            id="two-neuron-w1",
            chapter=6,
            kind="derive",
            title="Two sigmoid neurons: the first weight",
            prompt=(
                "For a2 = σ(w2·σ(w1·x + b1) + b2), give ∂a2/∂w1 in x, w1, b1, w2, b2 "
                "(sigma(...) allowed)."
            ),
            answer_type="expression",
            variables=("x", "w1", "b1", "w2", "b2"),
            symbols={k: chain[k] for k in ("x", "w1", "b1", "w2", "b2")},
            functions=sig,
            hint="Name z1 = w1·x + b1, a1 = σ(z1), z2 = w2·a1 + b2; multiply local derivatives.",
            solution="∂a2/∂w1 = σ′(z2)·w2·σ′(z1)·x, with σ′(t) = σ(t)(1 − σ(t)).",
            sample="sigma(w2 sigma(w1 x + b1) + b2)(1 - sigma(w2 sigma(w1 x + b1) + b2)) w2 x",
            factors={
                "σ′(z1) = σ(z1)(1 − σ(z1))": logistic_prime(z_inner),
                "σ′(z2) = σ(z2)(1 − σ(z2))": logistic_prime(w2 * SIGMA(z_inner) + b2),
            },
        ),
        Exercise(
            id="two-neuron-b2",
            chapter=6,
            kind="derive",
            title="Two sigmoid neurons: the last bias",
            prompt="For the same a2, give ∂a2/∂b2.",
            answer_type="expression",
            variables=("x", "w1", "b1", "w2", "b2"),
            symbols={k: chain[k] for k in ("x", "w1", "b1", "w2", "b2")},
            functions=sig,
            hint="b2 enters z2 with coefficient 1.",
            solution="∂a2/∂b2 = σ′(z2) = σ(z2)(1 − σ(z2)).",
            sample="sigma(w2 sigma(w1 x + b1) + b2)(1 - sigma(w2 sigma(w1 x + b1) + b2))",
        ),
        Exercise(
            id="chain-rule-number",
            chapter=6,
            kind="predict-then-run",
            title="The gradient in numbers",
            prompt=(
                "At the worked example of chapter 5 (x = 2, b1 = 1, b2 = 1/2, w1 = 1/2, "
                "w2 = 3/2, t = 5), compute ∂E/∂w1, then compare with the chapter's table."
            ),
            answer_type="number",
            hint="z = 2, ŷ = 3.5, ŷ − t = −1.5; multiply by w2·x.",
            solution="(ŷ − t)·w2·x = (−3/2)·(3/2)·2.",
            sample="-3/2 * 3/2 * 2",
        ),
        # -- chapter 7 ---------------------------------------------------------------------
        Exercise(
            id="output-error-sigmoid-quadratic",
            chapter=7,
            kind="derive",
            title="The output error of a sigmoid neuron with the quadratic cost",
            prompt=(
                "One output neuron a = σ(z) with cost C = ½(a − y)². Give δ = ∂C/∂z in z and y "
                "(sigma(z) allowed)."
            ),
            answer_type="expression",
            variables=("z", "y"),
            symbols={"z": z, "y": y},
            functions=sig,
            hint="∂C/∂z = ∂C/∂a · ∂a/∂z.",
            solution="∂C/∂a = a − y and ∂a/∂z = σ′(z), so δ = (σ(z) − y)σ′(z).",
            sample="sigma(z) - y",
            factors={"σ′(z) = σ(z)(1 − σ(z))": logistic_prime(z)},
        ),
        Exercise(
            id="hadamard-product",
            chapter=7,
            kind="compute",
            title="A Hadamard product",
            prompt="Compute (1, 2, 3) ⊙ (4, −5, 1/2) as an array.",
            answer_type="array",
            hint="⊙ multiplies entry by entry; it does not add anything up.",
            solution="(1·4, 2·(−5), 3·½).",
            sample="[4, -10, 3/2]",
        ),
        Exercise(
            id="layer-jacobian-shape",
            chapter=7,
            kind="compute",
            title="The shape of a layer's Jacobian",
            prompt=(
                "A layer maps 3 inputs to 2 outputs. Give the shape of its Jacobian "
                "∂a/∂x as [rows, columns]."
            ),
            answer_type="array",
            hint="Row i holds the derivatives of output i.",
            solution="One row per output, one column per input.",
            sample="[2, 3]",
        ),
        # -- chapter 8 ---------------------------------------------------------------------
        Exercise(
            id="softmax-ce-gradient",
            chapter=8,
            kind="derive",
            title="The cross-entropy gradient for the first logit",
            prompt=(
                "With K = 3, p = softmax(z1, z2, z3) and C = −(y1 log p1 + y2 log p2 + "
                "y3 log p3) where y1 + y2 + y3 = 1, give ∂C/∂z1 in z1, z2, z3, y1, y2, y3."
            ),
            answer_type="expression",
            variables=("z1", "z2", "z3", "y1", "y2", "y3"),
            symbols=softmax_vars,
            functions=sig,
            assumptions="all variables real and y1 + y2 + y3 = 1",
            substitutions={softmax_vars["y3"]: 1 - softmax_vars["y1"] - softmax_vars["y2"]},
            hint="log p_k = z_k − log(e^z1 + e^z2 + e^z3); differentiate each term by z1.",
            solution="∂C/∂z1 = p1(y1 + y2 + y3) − y1 = p1 − y1.",
            sample="exp(z1)/(exp(z1) + exp(z2) + exp(z3)) - y1",
        ),
        Exercise(
            id="softmax-diagonal",
            chapter=8,
            kind="derive",
            title="A diagonal entry of the softmax Jacobian",
            prompt="Give ∂p1/∂z1 for p = softmax(z1, z2, z3), in z1, z2, z3.",
            answer_type="expression",
            variables=("z1", "z2", "z3"),
            symbols=z1z2z3,
            functions=sig,
            hint="Quotient rule on e^z1 / (e^z1 + e^z2 + e^z3).",
            solution="∂p1/∂z1 = p1(1 − p1).",
            sample="exp(z1)/(exp(z1)+exp(z2)+exp(z3))",
            factors={
                "(1 − p1)": 1 - sympy.exp(z1z2z3["z1"]) / sum(map(sympy.exp, z1z2z3.values()))
            },
        ),
        Exercise(
            id="softmax-shift",
            chapter=8,
            kind="predict-then-run",
            title="Softmax of shifted logits",
            prompt=(
                "Predict p1 = softmax(z)_1 for z = (100, 100, 100 + log 2), then check with "
                "nm.softmax."
            ),
            answer_type="number",
            hint="Adding the same number to every logit does not change softmax.",
            solution="Shift by −100: e⁰/(e⁰ + e⁰ + e^(log 2)) = 1/(1 + 1 + 2).",
            sample="1/3",
        ),
        # -- chapter 9 ---------------------------------------------------------------------
        Exercise(
            id="quadratic-cost-gradient",
            chapter=9,
            kind="derive",
            title="The gradient of the quadratic cost",
            prompt="For C = ½((a1 − y1)² + (a2 − y2)²), give ∂C/∂a1 in a1, a2, y1, y2.",
            answer_type="expression",
            variables=("a1", "a2", "y1", "y2"),
            symbols=_real("a1 a2 y1 y2"),
            functions=sig,
            hint="Only the first square depends on a1.",
            solution="∂C/∂a1 = a1 − y1: the ½ cancels the 2 of the square.",
            sample="2(a1 - y1)",
        ),
        Exercise(
            id="gradient-step",
            chapter=9,
            kind="compute",
            title="One gradient step",
            prompt=(
                "Parameters θ = (1, −2), gradient ∇C = (4, −1), learning rate η = 1/4. Give θ "
                "after one step of gradient descent, as an array."
            ),
            answer_type="array",
            hint="θ − η∇C: against the gradient.",
            solution="(1 − 1, −2 + ¼).",
            sample="[0, -7/4]",
            mistakes={"ascent": (None, "that is a step up the gradient (θ + η∇C), not down.")},
        ),
        Exercise(
            id="sgd-visits",
            chapter=9,
            kind="compute",
            title="How often SGD sees each point",
            prompt=(
                "SGD takes 10⁶ steps of one point each over the 20 land points, each step "
                "picking a point uniformly at random. How many times is each point used on "
                "average (the expected count)?"
            ),
            answer_type="integer",
            hint="Each step picks a given point with probability 1/20.",
            solution="10⁶ · 1/20 = 10⁶/20; the actual counts vary from point to point.",
            sample="10^6/20",
        ),
        # -- chapter 10 --------------------------------------------------------------------
        Exercise(
            id="cross-entropy-value",
            chapter=10,
            kind="compute",
            title="A cross-entropy value",
            prompt=(
                "The logits are z = (0, 0, log 2) and the label is class 3. Compute the "
                "cross-entropy −log p3 (exactly, e.g. with log)."
            ),
            answer_type="number",
            hint="p3 = 2/(1 + 1 + 2).",
            solution="p3 = ½, so −log p3 = log 2 ≈ 0.693.",
            sample="-log(1/2)",
        ),
        Exercise(
            id="batch-shape",
            chapter=10,
            kind="compute",
            title="The shape of a batch",
            prompt=(
                "A batch A of 5 images (5 rows of 784 pixels) goes through a layer with W of "
                "shape (30, 784): Z = A Wᵀ + b. Give the shape of Z as [rows, columns]."
            ),
            answer_type="array",
            hint="(5 × 784) times (784 × 30).",
            solution="One row per example, one column per neuron.",
            sample="[5, 30]",
        ),
        Exercise(
            id="digits-output-count",
            chapter=10,
            kind="compute",
            title="Parameters of the output layer",
            prompt=(
                "How many parameters does the output layer (30 inputs, 10 neurons) of a "
                "784-30-10 network have?"
            ),
            answer_type="integer",
            hint="A weight per (neuron, input) pair and a bias per neuron.",
            solution="30·10 weights and 10 biases.",
            sample="300",
            mistakes={
                "weights-only": (
                    _weights_only([30, 10]),
                    "that counts only the weights; each of the 10 neurons also has a bias.",
                )
            },
        ),
    ]
    return {e.id: e for e in items}


def _with_mistakes(exercises: dict[str, Exercise]) -> dict[str, Exercise]:
    """Fill in the wrong answers that depend on the expected ones (derived, not typed)."""
    answers = _answers()
    update = answers["perceptron-update"]
    w_old = answers["perceptron-unchanged"]
    change = update - w_old
    filled: dict[str, tuple[Any, str]] = {
        "perceptron-unchanged.updated": (update, ""),
        "perceptron-update.subtracted": (w_old - change, ""),
        "perceptron-update.no-eta": (w_old + 2 * change, ""),
        "layer-weight-shape.transposed": (answers["layer-weight-shape"][::-1], ""),
        "gradient-step.ascent": (2 * sympy.Matrix([[1, -2]]) - answers["gradient-step"], ""),
    }
    out = {}
    for key, exercise in exercises.items():
        mistakes = {}
        for name, (value, text) in exercise.mistakes.items():
            if value is None:
                value = filled.get(f"{key}.{name}", (None, ""))[0]
            if value is not None:
                mistakes[name] = (value, text)
        out[key] = _replace(exercise, mistakes=MappingProxyType(mistakes))
    return out


def _replace(exercise: Exercise, **changes: Any) -> Exercise:
    from dataclasses import replace

    return replace(exercise, **changes)


_CACHE: dict[str, Exercise] = {}


def _registry() -> dict[str, Exercise]:
    if not _CACHE:
        _CACHE.update(_with_mistakes(_build()))
    return _CACHE


#: Exposed for introspection; use :func:`get`, :func:`list_exercises` and :func:`check`.
EXERCISES = _registry


def ids() -> builtins.list[str]:
    """Every exercise id, in chapter order."""
    return builtins.list(_registry())


def get(exercise_id: str) -> Exercise:
    """The exercise called ``exercise_id``.

    Raises
    ------
    TypeError
        If the id is not a string.
    ValueError
        If there is no such exercise; the message lists the close matches.
    """
    if not isinstance(exercise_id, str):
        raise TypeError(f"exercise id must be a string, got {type(exercise_id).__name__}")
    registry = _registry()
    if exercise_id not in registry:
        close = difflib.get_close_matches(exercise_id, registry, n=5, cutoff=0.5)
        hint = f"close matches: {', '.join(close)}" if close else "see nnmath.exercises.list()"
        raise ValueError(f"unknown exercise {exercise_id!r}; {hint}")
    return registry[exercise_id]


def list_exercises(chapter: int | None = None) -> builtins.list[Exercise]:
    """Every exercise (or a chapter's), in order, with its prompt and answer syntax.

    Raises
    ------
    ValueError
        If ``chapter`` is given and is not one of 1–10.

    Examples
    --------
    >>> from nnmath import exercises
    >>> exercises.get("chain-rule-w1").variables
    ('x', 'w1', 'w2', 'b1', 'b2', 't')
    """
    items = builtins.list(_registry().values())
    if chapter is None:
        return items
    if isinstance(chapter, bool) or not isinstance(chapter, int) or not 1 <= chapter <= 10:
        raise ValueError(f"chapter must be an integer from 1 to 10, got {chapter!r}")
    return [e for e in items if e.chapter == chapter]


def check(exercise_id: str, answer: Any) -> CheckResult:
    """Check an answer to an exercise.

    Parameters
    ----------
    exercise_id : str
        E.g. ``"chain-rule-w1"`` (see :func:`list_exercises`).
    answer : str, number, array or sympy.Expr
        A string in the exercise's answer syntax (see ``Exercise.syntax``), or a
        value of the kind the exercise asks for.

    Returns
    -------
    CheckResult
        ``.correct`` and a one-line ``.message`` that says how it was decided or what is off.

    Raises
    ------
    ValueError
        For an unknown id (listing close matches) or an answer that does not parse,
        or uses anything but mathematical syntax (nothing is ever evaluated).
    TypeError
        For an answer of an unsupported type.

    Examples
    --------
    >>> from nnmath import exercises
    >>> exercises.check("chain-rule-w1", "w2*x*(w2*(w1*x+b1)+b2-t)").correct
    True
    >>> print(exercises.check("chain-rule-w1", "2*w2*x*(w2*(w1*x+b1)+b2-t)").message)
    Not correct: off by a constant factor: your answer is 2 times the correct one.
    """
    return get(exercise_id).check(answer)
