"""The forms an exercise takes, so that a record of the catalogue states only what is its own.

A chapter module writes ``chapter = Chapter(5)`` and then one short record per exercise:
``chapter.derive(...)`` for an expression to derive (its variables real unless said
otherwise; ``sigma``, ``exp``, ``log`` and ``sqrt`` allowed), ``chapter.compute(...)`` for a
number, whole number or array to work out (with ``predict_then_run=True``, the reader
predicts it, then runs the chapter's code). A known wrong answer that depends on the
expected answers is written as :class:`FromAnswers`; the registry fills it in from the
answers SymPy derives, so no answer is typed in.

>>> chapter = Chapter(3)
>>> e = chapter.derive(
...     "sigmoid-transition",
...     title="Where σ(ax + b) crosses one half",
...     prompt="At which x is σ(ax + b) = 1/2?",
...     answer_in="a b",
...     hint="",
...     solution="",
...     sample="-b/a",
... )
>>> e.chapter, e.kind, e.answer_type, e.variables
(3, 'derive', 'expression', ('a', 'b'))
>>> weights_only([784, 30, 10], "each of the 30 + 10 neurons")["weights-only"][0]
23820
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import sympy

from nnmath.exercises.exercise import AnswerType, Exercise, Kind

__all__ = ["ANSWER_FUNCTIONS", "Chapter", "FromAnswers", "Mistakes", "real", "weights_only"]

#: The functions an expression answer may call.
ANSWER_FUNCTIONS = ("exp", "log", "sqrt", "sigma")

#: Known wrong answers by name: (the wrong value, the feedback it gets).
Mistakes = Mapping[str, tuple[Any, str]]


@dataclass(frozen=True)
class FromAnswers:
    """A wrong answer computed from the derived answers (so it is never typed in).

    Attributes
    ----------
    rule : callable
        Takes the mapping of every exercise id to its expected answer, returns the wrong
        value (e.g. the expected update taken the other way).
    """

    rule: Callable[[Mapping[str, Any]], Any]


def real(names: str) -> dict[str, sympy.Symbol]:
    """Real SymPy symbols by name, in the order given (names separated by spaces).

    >>> list(real("x w1"))
    ['x', 'w1']
    """
    return {n: sympy.Symbol(n, real=True) for n in names.split()}


def weights_only(sizes: Sequence[int], each: str) -> dict[str, tuple[int, str]]:
    """The common wrong count of a network's parameters: the weights without the biases.

    Parameters
    ----------
    sizes : sequence of int
        The layer sizes, inputs first (e.g. ``[784, 30, 10]``).
    each : str
        Which neurons the feedback says also have a bias, e.g. ``"each neuron"``.
    """
    count = sum(n * m for n, m in itertools.pairwise(sizes))
    return {"weights-only": (count, f"that counts only the weights; {each} also has a bias.")}


def _assumed(variables: Sequence[str], nonzero: Sequence[str]) -> str:
    """What the check assumes of the variables, in words.

    >>> _assumed(["a", "b"], ["a"])
    'a real and nonzero, b real'
    """
    if not nonzero:
        return "all variables real"
    return ", ".join(f"{n} real and nonzero" if n in nonzero else f"{n} real" for n in variables)


@dataclass(frozen=True)
class Chapter:
    """Makes the exercises of one chapter.

    Attributes
    ----------
    number : int
        The chapter (1–10) whose end the exercises are.

    Raises
    ------
    ValueError
        If ``number`` is not an integer from 1 to 10.
    """

    number: int

    def __post_init__(self) -> None:
        if isinstance(self.number, bool) or self.number not in range(1, 11):
            raise ValueError(f"chapter number must be an integer from 1 to 10, got {self.number!r}")

    def derive(
        self,
        exercise_id: str,
        /,
        *,
        title: str,
        prompt: str,
        answer_in: str,
        hint: str,
        solution: str,
        sample: str,
        nonzero: str = "",
        symbols: Mapping[str, sympy.Symbol] | None = None,
        assumptions: str | None = None,
        substitutions: Mapping[Any, Any] | None = None,
        factors: Mapping[str, Any] | None = None,
    ) -> Exercise:
        """An expression to derive, in the variables ``answer_in`` names (space-separated).

        The variables are real symbols, nonzero too for those ``nonzero`` names, unless
        ``symbols`` gives them (in the order the numerical comparison draws them); the
        ``assumptions`` say so in words unless given. ``factors`` names the factors the
        feedback looks for, ``substitutions`` what both answers are rewritten with before
        comparing.

        Raises
        ------
        ValueError
            If ``nonzero`` names a variable that ``answer_in`` does not.
        """
        variables = tuple(answer_in.split())
        if not set(nonzero.split()) <= set(variables):
            raise ValueError(
                f"nonzero must name variables of answer_in ({answer_in!r}) for "
                f"{exercise_id!r}, got {nonzero!r}"
            )
        if symbols is None:
            symbols = {
                n: sympy.Symbol(n, real=True, nonzero=True) if n in nonzero.split() else symbol
                for n, symbol in real(answer_in).items()
            }
        if assumptions is None:
            assumptions = _assumed(variables, nonzero.split())
        return Exercise(
            id=exercise_id,
            chapter=self.number,
            kind="derive",
            title=title,
            prompt=prompt,
            answer_type="expression",
            hint=hint,
            solution=solution,
            sample=sample,
            variables=variables,
            symbols=MappingProxyType(dict(symbols)),
            functions=ANSWER_FUNCTIONS,
            assumptions=assumptions,
            substitutions=MappingProxyType(dict(substitutions or {})),
            factors=MappingProxyType(dict(factors or {})),
        )

    def compute(
        self,
        exercise_id: str,
        /,
        *,
        answer: AnswerType,
        title: str,
        prompt: str,
        hint: str,
        solution: str,
        sample: str,
        mistakes: Mistakes | None = None,
        predict_then_run: bool = False,
    ) -> Exercise:
        """A number, whole number or array to work out (``answer`` says which).

        With ``predict_then_run`` the reader predicts it, then sees it by running the
        chapter's code. ``mistakes`` are known wrong answers with their feedback.

        Raises
        ------
        ValueError
            If ``answer`` is ``"expression"`` (that is :meth:`derive`).
        """
        if answer == "expression":
            raise ValueError(
                f"answer must be 'number', 'integer' or 'array' for {exercise_id!r}, got "
                "'expression' (an expression is derived: use Chapter.derive)"
            )
        kind: Kind = "predict-then-run" if predict_then_run else "compute"
        return Exercise(
            id=exercise_id,
            chapter=self.number,
            kind=kind,
            title=title,
            prompt=prompt,
            answer_type=answer,
            hint=hint,
            solution=solution,
            sample=sample,
            mistakes=MappingProxyType(dict(mistakes or {})),
        )
