"""What a check is: :class:`Check` (one checked statement), :class:`CheckResult` (its outcome).

A check's body returns ``(passed, detail)``; :func:`timed` turns it into the ``run`` of a
:class:`Check`, which times it and reports any exception as a failure. :func:`make_check`
builds a check from one sentence written with TeX math and derives the plain text from it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from nnmath.symbolic import derive
from nnmath.symbolic.plain_text import plain_text

__all__ = ["KINDS", "METHODS", "Body", "Check", "CheckResult", "make_check", "timed"]

#: The allowed values of :attr:`Check.method`.
METHODS: tuple[str, ...] = (
    "SymPy proof",
    "SymPy proof on concrete sizes",
    "lambdified comparison",
    "finite differences",
    "numerical example",
    "exact arithmetic",
)

#: The kind of each method (:attr:`Check.kind`), in the words of
#: :data:`nnmath.symbolic.STEP_CHECK_KINDS`: proved for all values, proved on concrete sizes,
#: compared on numbers, or exact rational arithmetic.
KINDS: dict[str, str] = {
    "SymPy proof": "SymPy proof",
    "SymPy proof on concrete sizes": "sizes 1..n",
    "lambdified comparison": "numerical",
    "finite differences": "numerical",
    "numerical example": "numerical",
    "exact arithmetic": "exact arithmetic",
}

#: What a check runs: it returns whether the check passed and a sentence saying what was
#: compared and the measured error.
Body = Callable[[], tuple[bool, str]]

_KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass(frozen=True)
class CheckResult:
    """Outcome of one check.

    Attributes
    ----------
    passed : bool
    detail : str
        What was compared and the measured error (or the error message).
    seconds : float
        Wall time of the run.
    """

    passed: bool
    detail: str
    seconds: float


@dataclass(frozen=True)
class Check:
    """One checked statement.

    Attributes
    ----------
    name : str
        Short kebab-case id, unique in :data:`CHECKS`.
    statement : str
        The fact checked, as a plain sentence (what the command line prints).
    derivation : str or None
        Registry name of the derivation it belongs to.
    method : str
        One of :data:`METHODS`.
    tolerance : str
        What counts as agreement.
    run : callable
        Runs the check and returns a :class:`CheckResult`.
    statement_math : str
        The same sentence with its math as TeX between ``$`` signs, for the
        pages; empty when the sentence has no math.
    supports : str
        For supporting evidence of a premise (a cited theorem or a written
        argument, which no check proves): that premise, e.g. ``"cited theorem:
        the chain rule"``; the check's kind is the evidence's own and does not
        make the step stronger. Empty for a check of the step itself.
    overall_kind : str
        For the check of a whole derivation (its claims): the derivation's overall kind,
        the weakest of its checked steps (:attr:`nnmath.symbolic.Derivation.kind`), which
        :attr:`kind` reports instead of the kind of the method. Empty for other checks.
    label : str
        For the check of a whole derivation: the label of its overall kind, naming the
        premises it rests on ("proved by SymPy, from the chain rule"). Empty otherwise.

    Raises
    ------
    ValueError
        If ``name`` is not kebab-case, ``method`` is not in :data:`METHODS` or
        ``overall_kind`` is not a kind.
    """

    name: str
    statement: str
    derivation: str | None
    method: str
    tolerance: str
    run: Callable[[], CheckResult]
    statement_math: str = ""
    supports: str = ""
    overall_kind: str = ""
    label: str = ""

    @property
    def kind(self) -> str:
        """How strong it is: one of :data:`nnmath.symbolic.CHECK_KINDS`.

        The kind of its method, or for a whole derivation its overall kind.
        """
        return self.overall_kind or KINDS[self.method]

    @property
    def step(self) -> str | None:
        """The label of the derivation step this check verifies, or None."""
        if self.derivation is None or not self.name.startswith("step-"):
            return None
        return next((s.label for s in derive(self.derivation).steps if s.check == self.name), None)

    @property
    def display_statement(self) -> str:
        """The statement as the pages show it: with typeset math where it has any."""
        return self.statement_math or self.statement

    def __post_init__(self) -> None:
        if not _KEBAB.fullmatch(self.name):
            raise ValueError(f"check name must be kebab-case, got {self.name!r}")
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, got {self.method!r}")
        if self.overall_kind and self.overall_kind not in set(KINDS.values()):
            raise ValueError(
                f"overall_kind must be one of {sorted(set(KINDS.values()))}, "
                f"got {self.overall_kind!r}"
            )


def timed(body: Body) -> Callable[[], CheckResult]:
    """Wrap ``body`` (returning passed, detail) so it is timed and never raises.

    Examples
    --------
    >>> def broken() -> tuple[bool, str]:
    ...     raise RuntimeError("kernel exploded")
    >>> result = timed(broken)()
    >>> result.passed, result.detail
    (False, 'raised RuntimeError: kernel exploded')
    """

    def run() -> CheckResult:
        start = time.perf_counter()
        try:
            passed, detail = body()
        except Exception as exc:  # a crash is a failed check, reported with its message
            passed, detail = False, f"raised {type(exc).__name__}: {exc}"
        return CheckResult(bool(passed), detail, time.perf_counter() - start)

    return run


def make_check(
    name: str,
    sentence: str,
    derivation: str | None,
    method: str,
    tolerance: str,
    body: Body,
    supports: str = "",
) -> Check:
    """A check stated once: ``sentence`` may hold TeX math between ``$`` signs.

    The plain :attr:`Check.statement` is :func:`~nnmath.symbolic.plain_text.plain_text` of
    ``sentence``; :attr:`Check.statement_math` is ``sentence`` if it has math, else empty.
    ``body`` is run through :func:`timed`; ``supports`` is as for :class:`Check`.

    Raises
    ------
    ValueError
        As :class:`Check` does, for a name that is not kebab-case or an unknown method.

    Examples
    --------
    >>> check = make_check(
    ...     "p-minus-y", r"The gradient is $\\mathbf{p} - \\mathbf{y}$.", None,
    ...     "numerical example", "exact", lambda: (True, "equal"))
    >>> check.statement
    'The gradient is p − y.'
    >>> print(check.statement_math)
    The gradient is $\\mathbf{p} - \\mathbf{y}$.
    >>> check.run().passed
    True
    """
    return Check(
        name=name,
        statement=plain_text(sentence),
        derivation=derivation,
        method=method,
        tolerance=tolerance,
        run=timed(body),
        statement_math=sentence if "$" in sentence else "",
        supports=supports,
    )
