"""One exercise: what it asks, what an answer may use, and how an answer is checked.

The expected answer is never stored in the record: :attr:`Exercise.expected` reads it
from the ``exercise-answers`` derivation of :mod:`nnmath.symbolic` (see
:mod:`nnmath.symbolic.exercise_answers`), where SymPy differentiates, solves or counts.

Examples
--------
>>> import sympy
>>> x = sympy.Symbol("x", real=True)
>>> e = Exercise(
...     id="sigmoid-second-derivative", chapter=3, kind="derive", title="σ″",
...     prompt="Give σ″(x).", answer_type="expression", hint="", solution="",
...     sample="", variables=("x",), symbols={"x": x}, functions=("sigma",),
... )
>>> e.answer_form
'an expression in x; write σ as sigma(x)'
>>> e.check("sigma(x)(1 - sigma(x))(1 - 2 sigma(x))").correct
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
import sympy

from nnmath.exercises.checking import CheckResult, compare_array, compare_expression, compare_number
from nnmath.exercises.parsing import SYNTAX, parse_answer
from nnmath.symbolic.core import to_latex
from nnmath.symbolic.sigmoid import SIGMA

__all__ = [
    "NUMBER_TOLERANCE",
    "TYPED_ANSWERS",
    "AnswerType",
    "Exercise",
    "Kind",
    "expected_answers",
]

Kind = Literal["derive", "compute", "predict-then-run", "explain", "implement"]
AnswerType = Literal["expression", "number", "integer", "array", "argument", "code"]

#: The answer types that are typed in and checked (an argument or code is not typed in).
TYPED_ANSWERS = frozenset({"expression", "number", "integer", "array"})

#: Tolerance of number and array answers (relative, and absolute below 1).
NUMBER_TOLERANCE = 1e-9


#: What an answer is, for a learner, by answer type (an expression's names its variables).
_ANSWER_FORMS = {
    "array": "a list of numbers in brackets, e.g. [1, 1/2, -3]",
    "integer": "a whole number",
    "number": "a number; fractions such as 2/7 and exp, log and sqrt are fine",
    "argument": "a short argument, on paper; then compare it with the model argument",
}
#: How an answer is compared, by answer type.
_COMPARED = {
    "expression": "symbolic (SymPy), else numerically at 20 seeded random points (relative 1e-12)",
    "integer": "exact",
    "number": f"relative {NUMBER_TOLERANCE:g} (absolute below 1)",
    "array": f"relative {NUMBER_TOLERANCE:g} (absolute below 1)",
    "argument": "by the reader, against the model argument",
    "code": "against the package's own function on seeded random inputs (nm.exercises.check_code)",
}


def expected_answers() -> Mapping[str, Any]:
    """Every exercise's expected answer by id, as SymPy derives it (cached by the derivation)."""
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
    kind : {"derive", "compute", "predict-then-run", "explain", "implement"}
        *explain* asks for a short argument, which the reader compares with the model
        argument (the ``solution``); *implement* asks for a function, which
        :func:`nnmath.exercises.check_code` runs against the package's own.
    title, prompt, hint, solution : str
        Plain text (Unicode math); the solution explains the steps, and the
        expected result itself is :attr:`expected` (shown with :attr:`solution_latex`).
        Of an explain exercise, the solution is the model argument.
    answer_type : {"expression", "number", "integer", "array", "argument", "code"}
        What an answer is; the first four are typed in and checked (:data:`TYPED_ANSWERS`).
    variables : tuple of str
        The names an answer may use (for an expression).
    functions : tuple of str
        The functions an answer may call.
    assumptions : str
        What the check assumes (e.g. "all variables real; y1 + y2 + y3 = 1").
    sample : str
        The sample answer the chapter checks on the page.
    symbols : Mapping of str to sympy.Symbol
        The SymPy symbol of each variable (with its assumptions); random points of the
        numerical comparison are drawn in this order.
    substitutions : Mapping
        Applied to both answers before comparing (e.g. y3 → 1 − y1 − y2).
    factors : Mapping of str to sympy.Expr
        Factors a wrong answer may miss or have extra, by the name the feedback gives them.
    mistakes : Mapping of str to (value, str)
        Known wrong answers of a number or array exercise, with the feedback each gets.
    signature : str
        Of an implement exercise: the function asked for, e.g. ``"sgd_step(w, b, X, y, eta)"``.
    solution_code : str
        Of an implement exercise: a model solution (Python that defines the function).
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
    signature: str = ""
    solution_code: str = ""

    @property
    def is_typed(self) -> bool:
        """Whether the answer is typed in and checked (see :data:`TYPED_ANSWERS`)."""
        return self.answer_type in TYPED_ANSWERS

    @property
    def expected(self) -> Any:
        """The expected answer, as derived by SymPy in :mod:`nnmath.symbolic`.

        Raises
        ------
        ValueError
            For an exercise whose answer is not typed in (an argument or code).
        """
        self._require_typed("has no expected value")
        return expected_answers()[self.id]

    @property
    def function_name(self) -> str:
        """Of an implement exercise, the name of the function asked for (else ``""``)."""
        return self.signature.split("(")[0].strip()

    @property
    def check_line(self) -> str:
        """Of an implement exercise, the line that checks the reader's function (else ``""``)."""
        if self.answer_type != "code":
            return ""
        return f'nm.exercises.check_code("{self.id}", {self.function_name})'

    @property
    def answer_form(self) -> str:
        """What an answer is, in words for a learner (no tolerances; see :attr:`tolerance`)."""
        if self.answer_type == "code":
            return f"a Python function {self.signature}, written in the notebook"
        if self.answer_type in _ANSWER_FORMS:
            return _ANSWER_FORMS[self.answer_type]
        form = f"an expression in {', '.join(self.variables)}"
        if "sigma" in self.functions:
            form += f"; write σ as sigma({self.variables[0]})"
        return form

    @property
    def syntax(self) -> str:
        """What an answer is, then everything an answer may be written with."""
        if self.answer_type == "expression":
            return f"{self.answer_form}; {SYNTAX}"
        return self.answer_form

    @property
    def tolerance(self) -> str:
        """How the answer is compared, in words."""
        return _COMPARED[self.answer_type]

    @property
    def solution_latex(self) -> str:
        """LaTeX of the expected answer (sigmoids printed as σ).

        Raises
        ------
        ValueError
            For an exercise whose answer is not typed in.
        """
        value = self.expected
        if isinstance(value, sympy.MatrixBase):
            entries = ", ".join(to_latex(v) for v in value)
            return rf"\left[{entries}\right]"
        return to_latex(_with_sigma(value))

    def check(self, answer: Any) -> CheckResult:
        """Check ``answer`` (see :func:`check`).

        Raises
        ------
        ValueError
            For an explain exercise (the reader compares with the model argument) or an
            implement exercise (checked by :func:`nnmath.exercises.check_code`).
        """
        self._require_typed("is not checked by check()")
        value = self._parse(answer)
        expected = self.expected
        if self.answer_type == "expression":
            if isinstance(value, list):
                wrong = "Not correct: expected an expression, got an array."
                return CheckResult(self.id, False, wrong)
            return compare_expression(
                value,
                expected,
                exercise=self.id,
                symbols=list(self.symbols.values()),
                substitutions=self.substitutions,
                factors=self.factors,
                assumptions=self.assumptions,
            )
        if self.answer_type == "array":
            return compare_array(
                value, expected, exercise=self.id, tolerance=NUMBER_TOLERANCE,
                mistakes=self.mistakes,
            )  # fmt: skip
        if isinstance(value, list) or (isinstance(value, np.ndarray) and value.ndim):
            return CheckResult(
                self.id, False, "Not correct: wrong shape: expected a single number, got an array."
            )
        return compare_number(
            value, expected, exercise=self.id, tolerance=NUMBER_TOLERANCE,
            integer=self.answer_type == "integer", mistakes=self.mistakes,
        )  # fmt: skip

    def _require_typed(self, what: str) -> None:
        if self.is_typed:
            return
        if self.answer_type == "code":
            how = f"run {self.check_line} in the notebook"
        else:
            how = "compare your argument with the model argument"
        raise ValueError(f"exercise {self.id!r} ({self.kind}) {what}: {how}")

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
        if isinstance(answer, (np.ndarray, list, tuple)):
            array = np.asarray(answer, dtype=object)
            return array.tolist()
        if isinstance(answer, sympy.MatrixBase):
            return answer.tolist() if 1 not in answer.shape else list(answer)
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
