"""The published results that derivation steps cite (premises, not checks)."""

from __future__ import annotations

from nnmath.symbolic.kinds import Reference

__all__ = ["CAUCHY_SCHWARZ", "CHAIN_RULE", "CHAIN_RULE_SEVERAL", "NOVIKOFF", "SUM_RULE"]

_RUDIN = ("W. Rudin", "Principles of Mathematical Analysis", 1976)

#: The chain rule in one variable.
CHAIN_RULE = Reference(*_RUDIN, "3rd ed., Theorem 5.5")
#: The chain rule in several variables.
CHAIN_RULE_SEVERAL = Reference(*_RUDIN, "3rd ed., Theorem 9.15")
#: The derivative of a sum is the sum of the derivatives.
SUM_RULE = Reference(*_RUDIN, "3rd ed., Theorem 5.3")
#: The Cauchy–Schwarz inequality, for vectors of any length.
CAUCHY_SCHWARZ = Reference(*_RUDIN, "3rd ed., Theorem 1.35")
#: The perceptron convergence theorem and its induction on the updates.
NOVIKOFF = Reference(
    "A. B. J. Novikoff", "On convergence proofs on perceptrons", 1962, anchor="novikoff1962"
)
