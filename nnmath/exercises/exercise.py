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
...     sample="", variables=("x",), symbols={"x": x},
... )
>>> e.syntax.split(";")[0]
'an expression in x'
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

__all__ = ["NUMBER_TOLERANCE", "AnswerType", "Exercise", "Kind", "expected_answers"]

Kind = Literal["derive", "compute", "predict-then-run"]
AnswerType = Literal["expression", "number", "integer", "array"]

#: Tolerance of number and array answers (relative, and absolute below 1).
NUMBER_TOLERANCE = 1e-9


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
    symbols : Mapping of str to sympy.Symbol
        The SymPy symbol of each variable (with its assumptions); random points of the
        numerical comparison are drawn in this order.
    substitutions : Mapping
        Applied to both answers before comparing (e.g. y3 → 1 − y1 − y2).
    factors : Mapping of str to sympy.Expr
        Factors a wrong answer may miss or have extra, by the name the feedback gives them.
    mistakes : Mapping of str to (value, str)
        Known wrong answers of a number or array exercise, with the feedback each gets.
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
        return expected_answers()[self.id]

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
