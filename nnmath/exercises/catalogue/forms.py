"""The forms an exercise takes, so that a record of the catalogue states only what is its own.

A chapter's file ``chNN.toml`` holds one table per exercise; the catalogue makes each with
``Chapter(N).derive(...)`` (``answer = "expression"``: an expression to derive, its
variables real unless said otherwise; ``sigma``, ``exp``, ``log`` and ``sqrt`` allowed) or
``Chapter(N).compute(...)`` (a number, whole number or array to work out; with
``predict_then_run = true``, the reader predicts it, then runs the chapter's code),
``Chapter(N).explain(...)`` (``kind = "explain"``: a short argument, compared by the reader
with the model argument) or ``Chapter(N).implement(...)`` (``kind = "implement"``: a function
written in the notebook and run by :func:`nnmath.exercises.check_code`).
Expressions in a record (factors, substitutions) are written in the answer syntax and read
by :func:`nnmath.exercises.parsing.parse_answer` with the exercise's own symbols. A known
wrong answer names a rule of :mod:`nnmath.exercises.catalogue.mistakes` (it becomes a
:class:`FromAnswers` the registry fills in from the answers SymPy derives) or the layer sizes
whose weights it counts; so no answer is typed in.

>>> chapter = Chapter(3)
>>> e = chapter.derive(
...     "sigmoid-transition",
...     title="Where σ(wx + b) crosses one half",
...     prompt="At which x is σ(wx + b) = 1/2?",
...     answer_in="w b",
...     hint="",
...     solution="",
...     sample="-b/w",
...     factors={"w": "2w"},
... )
>>> e.chapter, e.kind, e.answer_type, e.variables, dict(e.factors)
(3, 'derive', 'expression', ('w', 'b'), {'w': 2*w})
>>> weights_only([784, 30, 10])
23820
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import sympy

from nnmath.exercises.catalogue.mistakes import RULES
from nnmath.exercises.exercise import AnswerType, Exercise, Kind
from nnmath.exercises.parsing import parse_answer

__all__ = ["ANSWER_FUNCTIONS", "Chapter", "FromAnswers", "real", "weights_only"]

#: The functions an expression answer may call.
ANSWER_FUNCTIONS = ("exp", "log", "sqrt", "sigma")


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


def weights_only(sizes: Sequence[int]) -> int:
    """The common wrong count of a network's parameters: the weights without the biases.

    Parameters
    ----------
    sizes : sequence of int
        The layer sizes, inputs first (e.g. ``[784, 30, 10]``).
    """
    return sum(n * m for n, m in itertools.pairwise(sizes))


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
        symbols: str = "",
        assumptions: str | None = None,
        substitutions: Mapping[str, str] | None = None,
        factors: Mapping[str, str] | None = None,
    ) -> Exercise:
        """An expression to derive, in the variables ``answer_in`` names (space-separated).

        The variables are real symbols, nonzero too for those ``nonzero`` names; the
        numerical comparison draws them in the order ``symbols`` names them (that of
        ``answer_in`` unless given), and the ``assumptions`` say so in words unless given.
        ``factors`` names the factors the feedback looks for, ``substitutions`` what a
        variable is replaced with in both answers before comparing; both are written in the
        answer syntax, in the exercise's variables.

        Raises
        ------
        ValueError
            If ``nonzero`` names a variable that ``answer_in`` does not, ``symbols`` does not
            name exactly the variables, ``substitutions`` replaces something else, or a
            factor or substitution does not parse.
        """
        variables = tuple(answer_in.split())
        if not set(nonzero.split()) <= set(variables):
            raise ValueError(
                f"nonzero must name variables of answer_in ({answer_in!r}) for "
                f"{exercise_id!r}, got {nonzero!r}"
            )
        if symbols and sorted(symbols.split()) != sorted(variables):
            raise ValueError(
                f"symbols must name the variables of answer_in ({answer_in!r}) for "
                f"{exercise_id!r}, got {symbols!r}"
            )
        by_name = {
            n: sympy.Symbol(n, real=True, nonzero=True) if n in nonzero.split() else symbol
            for n, symbol in real(symbols or answer_in).items()
        }
        unknown = sorted(set(substitutions or {}) - set(variables))
        if unknown:
            raise ValueError(
                f"substitutions must replace variables of answer_in ({answer_in!r}) for "
                f"{exercise_id!r}, got {', '.join(unknown)}"
            )
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
            symbols=MappingProxyType(by_name),
            functions=ANSWER_FUNCTIONS,
            assumptions=assumptions,
            substitutions=MappingProxyType(
                {by_name[n]: parse_answer(t, by_name) for n, t in (substitutions or {}).items()}
            ),
            factors=MappingProxyType(
                {name: parse_answer(text, by_name) for name, text in (factors or {}).items()}
            ),
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
        mistakes: Mapping[str, Mapping[str, Any]] | None = None,
        predict_then_run: bool = False,
    ) -> Exercise:
        """A number, whole number or array to work out (``answer`` says which).

        With ``predict_then_run`` the reader predicts it, then sees it by running the
        chapter's code. ``mistakes`` are known wrong answers by name, each with its
        ``feedback`` and either the ``rule`` of :data:`~nnmath.exercises.catalogue.mistakes.RULES`
        that computes it from the derived answers or the layer sizes ``weights_of`` whose
        weights (without the biases) it counts.

        Raises
        ------
        ValueError
            If ``answer`` is ``"expression"`` (that is :meth:`derive`), or a mistake is not
            written as said.
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
            mistakes=MappingProxyType(
                {name: _mistake(exercise_id, name, m) for name, m in (mistakes or {}).items()}
            ),
        )

    def explain(
        self, exercise_id: str, /, *, title: str, prompt: str, hint: str, solution: str
    ) -> Exercise:
        """A short argument or proof; the ``solution`` is the model argument.

        >>> Chapter(3).explain("x", title="t", prompt="Why?", hint="h", solution="s").answer_type
        'argument'

        Raises
        ------
        ValueError
            If the model argument is empty.
        """
        if not solution.strip():
            raise ValueError(f"solution (the model argument) of {exercise_id!r} must not be empty")
        return Exercise(
            id=exercise_id, chapter=self.number, kind="explain", title=title, prompt=prompt,
            answer_type="argument", hint=hint, solution=solution, sample="",
        )  # fmt: skip

    def implement(
        self,
        exercise_id: str,
        /,
        *,
        title: str,
        prompt: str,
        signature: str,
        hint: str,
        solution: str,
        solution_code: str,
    ) -> Exercise:
        """A function to write in the notebook, e.g. ``signature="forward(X, weights, biases)"``.

        ``solution`` says in words how the model solution ``solution_code`` works; the
        function is checked by :func:`nnmath.exercises.check_code`.

        >>> e = Chapter(4).implement(
        ...     "forward-pass", title="t", prompt="p", signature="forward(X, weights, biases)",
        ...     hint="h", solution="s", solution_code="def forward(X, weights, biases): ...",
        ... )
        >>> print(e.check_line)
        nm.exercises.check_code("forward-pass", forward)

        Raises
        ------
        ValueError
            If ``signature`` is not a Python call such as ``f(a, b)``, or ``solution_code``
            does not define that function.
        """
        if not re.fullmatch(r"[A-Za-z_]\w*\([\w, ]*\)", signature):
            raise ValueError(
                f"signature of {exercise_id!r} must read like f(a, b), got {signature!r}"
            )
        name = signature.split("(")[0]
        if f"def {name}(" not in solution_code:
            raise ValueError(f"solution_code of {exercise_id!r} must define {name}()")
        return Exercise(
            id=exercise_id, chapter=self.number, kind="implement", title=title, prompt=prompt,
            answer_type="code", hint=hint, solution=solution, sample="", signature=signature,
            solution_code=solution_code,
        )  # fmt: skip


def _mistake(exercise_id: str, name: str, mistake: Mapping[str, Any]) -> tuple[Any, str]:
    """A known wrong answer of a record as (its value, its feedback).

    >>> _mistake("x", "short", {"weights_of": [2, 3], "feedback": "no biases."})
    (6, 'no biases.')
    >>> _mistake("x", "short", {"feedback": "no biases."})
    Traceback (most recent call last):
    ...
    ValueError: mistake 'short' of 'x' must have a feedback and either a rule or weights_of, ...
    """
    keys = set(mistake)
    if keys not in ({"feedback", "rule"}, {"feedback", "weights_of"}):
        raise ValueError(
            f"mistake {name!r} of {exercise_id!r} must have a feedback and either a rule or "
            f"weights_of, got {', '.join(sorted(keys)) or 'nothing'}"
        )
    if "weights_of" in mistake:
        return weights_only(mistake["weights_of"]), mistake["feedback"]
    if mistake["rule"] not in RULES:
        raise ValueError(
            f"mistake {name!r} of {exercise_id!r} names no rule: {mistake['rule']!r}; the "
            f"rules are {', '.join(RULES)}"
        )
    return FromAnswers(RULES[mistake["rule"]]), mistake["feedback"]
