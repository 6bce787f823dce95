"""The checks every derivation brings: the proof of its claims and one check per checked step.

The statements are the derivation's own sentences (its title and summary, or a step's label
and justification), so they change when the derivation does.
"""

from __future__ import annotations

import dataclasses

from nnmath.checks.model import KINDS, Check, make_check
from nnmath.checks.proofs import claims_of
from nnmath.symbolic import StepCheck, derive, names

__all__ = ["proof_checks", "step_checks"]

#: The method a step check of each kind reports.
_STEP_METHODS = {
    kind: method for method, kind in KINDS.items() if method != "lambdified comparison"
}
_STEP_METHODS["numerical"] = "numerical example"

#: What counts as agreement for a step check of each kind.
_STEP_TOLERANCE = {
    "SymPy proof": "exact (the difference simplifies to 0)",
    "sizes 1..n": "exact, for each size tried",
    "numerical": "as the detail states",
    "exact arithmetic": "exact (rational numbers)",
}


def proof_checks() -> list[Check]:
    """One check per derivation, named ``symbolic-<name>``: SymPy proves its claims.

    It stands for the whole derivation, so its kind is the derivation's overall kind (the
    weakest of its checked steps, premises aside) and its label names the premises.
    """
    out = []
    for name in names():
        derivation = derive(name)
        check = make_check(
            f"symbolic-{name}",
            f"{derivation.title}: {derivation.summary}",
            name,
            "SymPy proof",
            "exact (each difference simplifies to 0)",
            claims_of(name),
        )
        out.append(
            dataclasses.replace(check, overall_kind=derivation.kind, label=derivation.kind_label)
        )
    return out


def _premise(verification: StepCheck) -> str:
    """What a premise is, for the evidence under it: ``"cited theorem: the chain rule (…)"``."""
    text = f"{verification.kind}: {verification.premise}"
    if verification.reference is not None:
        text += f" ({verification.reference.citation})"
    return text


def step_checks() -> list[Check]:
    """One check per step that runs something, named by the step.

    A checked step runs its check. A premise (a cited theorem or a written argument) is not
    a check: it has none, unless it carries supporting evidence, which runs under the step's
    name as what it is (its own kind, with ``supports`` naming the premise).
    """
    out = []
    for name in names():
        derivation = derive(name)
        for step in derivation.checked_steps:
            verification = step.verification
            assert verification is not None
            runner, kind = verification.runner, verification.run_kind
            if runner is None or kind is None or step.check is None:
                continue  # a premise without evidence: nothing to run
            why = step.explanation or "follows from the steps before"
            supports = _premise(verification) if verification.is_premise else ""
            sentence = f"{derivation.title}, step “{step.label}”: {why}"
            if supports:
                sentence = (
                    f"{derivation.title}, step “{step.label}” (a {verification.kind}; "
                    f"supporting evidence, not a proof of the step): {why}"
                )
            out.append(
                make_check(
                    step.check,
                    sentence,
                    name,
                    _STEP_METHODS[kind],
                    _STEP_TOLERANCE[kind],
                    runner,
                    supports,
                )
            )
    return out
