"""What a step's check establishes: the kinds of check, their order, and the premises.

A step is either *checked* (SymPy proves it, exact arithmetic recomputes it, SymPy proves it
on listed sizes, or numbers compare) or rests on a *premise* that is not a check: a **cited
theorem** (a published result, with its reference) or a **written argument** (an induction
written on the page, resting on checked steps and on the cited theorems it uses). A premise
has no run of its own; it may carry a concrete check as *supporting evidence*, which is run
and reported as what it is and does not make the step any stronger.

The checked kinds are ranked by what they establish (:data:`KIND_RANK`): a SymPy proof of the
statement as stated and exact arithmetic on the stated numbers, then a SymPy proof on listed
sizes, then a numerical comparison. A derivation is as strong as its weakest checked step
(:func:`weakest`); its premises are named beside that kind (:func:`kind_label`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "CHECK_KINDS",
    "EVIDENCE_PHRASE",
    "KIND_RANK",
    "PREMISE_KINDS",
    "STEP_CHECK_KINDS",
    "Reference",
    "StepCheck",
    "cited",
    "kind_label",
    "weakest",
    "written_argument",
]

#: The kinds of a step that is checked when the checks run, strongest first.
CHECK_KINDS: tuple[str, ...] = ("SymPy proof", "exact arithmetic", "sizes 1..n", "numerical")

#: The kinds of a step that is a premise, not a check: it does not lower a derivation's kind.
PREMISE_KINDS: tuple[str, ...] = ("cited theorem", "written argument")

#: Every kind a step can have.
STEP_CHECK_KINDS: tuple[str, ...] = CHECK_KINDS + PREMISE_KINDS

#: What each checked kind establishes, 0 the most: a SymPy proof of the statement as stated
#: and exact arithmetic on the stated numbers (0), a SymPy proof on listed sizes only (1), a
#: numerical comparison (2).
KIND_RANK: dict[str, int] = {
    "SymPy proof": 0,
    "exact arithmetic": 0,
    "sizes 1..n": 1,
    "numerical": 2,
}

#: How a derivation of each overall kind is described in its label.
_KIND_PHRASE = {
    "SymPy proof": "proved by SymPy",
    "exact arithmetic": "exact arithmetic on the stated numbers",
    "sizes 1..n": "proved by SymPy on listed sizes only",
    "numerical": "checked numerically",
}

#: How supporting evidence of each kind is named beside its premise ("Supporting evidence (a
#: SymPy computation, not a proof)"): never "proof", since it does not prove the step.
EVIDENCE_PHRASE = {
    "SymPy proof": "a SymPy computation",
    "exact arithmetic": "exact arithmetic",
    "sizes 1..n": "SymPy on listed sizes",
    "numerical": "numerical",
}


@dataclass(frozen=True)
class Reference:
    """A published source.

    Attributes
    ----------
    author : str
        E.g. ``"W. Rudin"``.
    title : str
    year : int
    where : str
        The place in it, e.g. ``"Theorem 5.5"``; may be empty.
    anchor : str
        The entry's anchor on the references page (``docs/references.md``), or empty.

    Examples
    --------
    >>> Reference("A. B. J. Novikoff", "On convergence proofs on perceptrons", 1962).citation
    'A. B. J. Novikoff, “On convergence proofs on perceptrons” (1962)'
    """

    author: str
    title: str
    year: int
    where: str = ""
    anchor: str = ""

    def __post_init__(self) -> None:
        if not self.author.strip() or not self.title.strip():
            raise ValueError("a reference needs an author and a title")
        if not isinstance(self.year, int) or self.year < 1000:
            raise ValueError(f"year must be a four-digit int, got {self.year!r}")

    @property
    def citation(self) -> str:
        """``author, “title” (year), where``."""
        text = f"{self.author}, “{self.title}” ({self.year})"
        return f"{text}, {self.where}" if self.where else text


@dataclass(frozen=True)
class StepCheck:
    """What establishes a step: a check that runs, or a premise with no run of its own.

    Build one with :func:`~nnmath.symbolic.core.proved`, :func:`~nnmath.symbolic.core.on_sizes`,
    :func:`~nnmath.symbolic.core.numerically` or :func:`~nnmath.symbolic.core.exactly` (checks),
    or :func:`cited` or :func:`written_argument` (premises); the check registry
    (:mod:`nnmath.checks`) runs a check, or a premise's supporting evidence, under the step's
    check name.

    Attributes
    ----------
    kind : str
        One of :data:`STEP_CHECK_KINDS`.
    run : callable or None
        For a check: takes no argument, returns ``(passed, detail)`` and does the mathematics
        each time it runs. None for a premise.
    premise : str
        For a premise, what it is, as a noun phrase (``"the chain rule"``); else empty.
    reference : Reference or None
        The source of a cited theorem.
    rests_on : tuple of str
        For a written argument, the labels of the steps it rests on: checked steps, and the
        cited theorems it uses.
    scope : str
        For a written argument, what it covers (``"for every depth"``); may be empty.
    evidence : StepCheck or None
        For a premise, a concrete check run as supporting evidence (it does not prove the
        step, and the step's kind stays the premise's).

    Raises
    ------
    ValueError
        For an unknown kind; a check without a run, or with premise fields; a premise with a
        run, without its phrase, a cited theorem without a reference, a written argument
        without the steps it rests on, or evidence that is itself a premise.
    """

    kind: str
    run: Callable[[], tuple[bool, str]] | None = None
    premise: str = ""
    reference: Reference | None = None
    rests_on: tuple[str, ...] = ()
    scope: str = ""
    evidence: StepCheck | None = None

    def __post_init__(self) -> None:
        if self.kind not in STEP_CHECK_KINDS:
            raise ValueError(f"kind must be one of {STEP_CHECK_KINDS}, got {self.kind!r}")
        if self.kind in CHECK_KINDS:
            if not callable(self.run):
                raise ValueError(f"a check of kind {self.kind!r} needs a run")
            extra = self.premise or self.reference or self.rests_on or self.scope or self.evidence
            if extra:
                raise ValueError(f"a check of kind {self.kind!r} takes no premise fields")
            return
        if self.run is not None:
            raise ValueError(f"a {self.kind} is a premise, not a check: it has no run")
        if not self.premise.strip():
            raise ValueError(f"a {self.kind} needs its premise named")
        if self.kind == "cited theorem" and self.reference is None:
            raise ValueError("a cited theorem needs its reference")
        if self.kind == "written argument" and not self.rests_on:
            raise ValueError("a written argument needs the steps it rests on")
        if self.evidence is not None and self.evidence.kind not in CHECK_KINDS:
            raise ValueError(f"evidence must be a check, got kind {self.evidence.kind!r}")

    @property
    def is_premise(self) -> bool:
        """Whether this is a premise (cited theorem or written argument), not a check."""
        return self.kind in PREMISE_KINDS

    @property
    def runner(self) -> Callable[[], tuple[bool, str]] | None:
        """What the check registry runs for the step: the check, or the premise's evidence."""
        if self.evidence is not None:
            return self.evidence.runner
        return self.run

    @property
    def run_kind(self) -> str | None:
        """The kind of what :attr:`runner` runs (the evidence's kind for a premise)."""
        if self.evidence is not None:
            return self.evidence.kind
        return self.kind if self.run is not None else None

    @property
    def phrase(self) -> str:
        """How a premise is named in a label: ``"from the chain rule"``; empty for a check."""
        if self.kind == "cited theorem":
            return f"from {self.premise}"
        if self.kind == "written argument":
            return f"{self.scope} by {self.premise}".strip()
        return ""


def cited(premise: str, reference: Reference, evidence: StepCheck | None = None) -> StepCheck:
    """A step that is a published theorem: a premise with its reference, not a check.

    Parameters
    ----------
    premise : str
        The theorem as a noun phrase, e.g. ``"the chain rule"``.
    reference : Reference
    evidence : StepCheck, optional
        A concrete check run as supporting evidence (it does not prove the step).

    Examples
    --------
    >>> rudin = Reference("W. Rudin", "Principles of Mathematical Analysis", 1976, "Theorem 5.5")
    >>> step = cited("the chain rule", rudin)
    >>> step.kind, step.phrase, step.runner is None
    ('cited theorem', 'from the chain rule', True)
    """
    return StepCheck("cited theorem", premise=premise, reference=reference, evidence=evidence)


def written_argument(
    premise: str,
    rests_on: Sequence[str],
    scope: str = "",
    evidence: StepCheck | None = None,
) -> StepCheck:
    """A step that is an argument written on the page (an induction), resting on earlier steps.

    Parameters
    ----------
    premise : str
        The argument as a noun phrase, e.g. ``"the written induction over the layers"``.
    rests_on : sequence of str
        The labels of the steps it rests on: checked steps, and the cited theorems it uses
        (every premise of the argument is named); the derivation checks that they are
        earlier checked or cited steps.
    scope : str, optional
        What it covers, e.g. ``"for every depth"``.
    evidence : StepCheck, optional
        A concrete check run as supporting evidence (it does not prove the step).

    Examples
    --------
    >>> written_argument("the written induction", ["BP2"], "for every depth").phrase
    'for every depth by the written induction'
    """
    return StepCheck(
        "written argument",
        premise=premise,
        rests_on=tuple(rests_on),
        scope=scope,
        evidence=evidence,
    )


def weakest(kinds: Iterable[str]) -> str:
    """The weakest of checked kinds (premises aside); a tie goes to the first of CHECK_KINDS.

    Raises
    ------
    ValueError
        If no checked kind is given, or a kind is unknown.

    Examples
    --------
    >>> weakest(["SymPy proof", "cited theorem", "sizes 1..n", "exact arithmetic"])
    'sizes 1..n'
    >>> weakest(["exact arithmetic", "SymPy proof"])
    'SymPy proof'
    """
    checked = []
    for kind in kinds:
        if kind not in STEP_CHECK_KINDS:
            raise ValueError(f"kind must be one of {STEP_CHECK_KINDS}, got {kind!r}")
        if kind in CHECK_KINDS:
            checked.append(kind)
    if not checked:
        raise ValueError("weakest needs at least one checked kind")
    worst = max(KIND_RANK[k] for k in checked)
    return next(k for k in CHECK_KINDS if KIND_RANK[k] == worst and k in checked)


def kind_label(kind: str, premises: Iterable[StepCheck] = ()) -> str:
    """A derivation's label: its overall kind in words, then the premises it rests on.

    Examples
    --------
    >>> rudin = Reference("W. Rudin", "Principles of Mathematical Analysis", 1976)
    >>> kind_label("SymPy proof", [cited("the chain rule", rudin)])
    'proved by SymPy, from the chain rule'
    >>> kind_label("numerical")
    'checked numerically'
    """
    if kind not in CHECK_KINDS:
        raise ValueError(f"kind must be one of {CHECK_KINDS}, got {kind!r}")
    premises = [p for p in premises if p.is_premise]
    theorems = list(dict.fromkeys(p.premise for p in premises if p.kind == "cited theorem"))
    phrases = [f"from {_and(theorems)}"] if theorems else []
    phrases += dict.fromkeys(p.phrase for p in premises if p.kind == "written argument")
    if not phrases:
        return _KIND_PHRASE[kind]
    return f"{_KIND_PHRASE[kind]}, {_and(phrases)}"


def _and(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def check_written_arguments(name: str, steps: Sequence[tuple[str, StepCheck | None]]) -> None:
    """Raise ValueError unless every written argument rests on earlier checked or cited steps.

    ``steps`` are a derivation's ``(label, verification)`` pairs in order; a written argument
    may not rest on another written argument or on a later step.

    Examples
    --------
    >>> check_written_arguments("toy", [("a", None), ("b", written_argument("x", ["a"]))])
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: derivation 'toy', step 'b': a written argument must rest on earlier ...
    """
    allowed_before: set[str] = set()
    for label, verification in steps:
        if verification is not None and verification.kind == "written argument":
            missing = [r for r in verification.rests_on if r not in allowed_before]
            if missing:
                raise ValueError(
                    f"derivation {name!r}, step {label!r}: a written argument must rest "
                    f"on earlier checked steps or cited theorems, not {missing}"
                )
        if verification is not None and verification.kind != "written argument":
            allowed_before.add(label)
