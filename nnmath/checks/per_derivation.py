"""The checks every derivation brings: the proof of its claims and one check per checked step.

The statements are the derivation's own sentences (its title and summary, or a step's label
and justification), so they change when the derivation does.
"""

from __future__ import annotations

from nnmath.checks.model import KINDS, Check, make_check
from nnmath.checks.proofs import claims_of
from nnmath.symbolic import derive, names

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
    """One check per derivation, named ``symbolic-<name>``: SymPy proves its claims."""
    out = []
    for name in names():
        derivation = derive(name)
        out.append(
            make_check(
                f"symbolic-{name}",
                f"{derivation.title}: {derivation.summary}",
                name,
                "SymPy proof",
                "exact (each difference simplifies to 0)",
                claims_of(name),
            )
        )
    return out


def step_checks() -> list[Check]:
    """One check per checked step of every derivation, named by the step."""
    out = []
    for name in names():
        derivation = derive(name)
        for step in derivation.checked_steps:
            assert step.verification is not None and step.check is not None
            why = step.explanation or "follows from the steps before"
            out.append(
                make_check(
                    step.check,
                    f"{derivation.title}, step “{step.label}”: {why}",
                    name,
                    _STEP_METHODS[step.verification.kind],
                    _STEP_TOLERANCE[step.verification.kind],
                    step.verification.run,
                )
            )
    return out
