"""Every check that ties the derivations to the NumPy code, in one registry.

A :class:`Check` states one fact, says how it is checked (a SymPy proof, a
comparison of a NumPy kernel with the lambdified SymPy expression, finite
differences, or exact arithmetic) and to what tolerance, and runs it. The
same registry is used by the tests, by ``python -m nnmath check`` and by the
site's verification page.

Every check compares values it computes when it runs; any exception inside a
check is reported as a failure with the error message.
"""

# The modules, bottom up (the layers contract in pyproject.toml keeps imports pointing down):
#   model              Check, CheckResult, the methods and their kinds, timing a run
#   comparison         the tolerances, relative_error, compare_with_formula
#   sample_points      the seeded points the numerical checks evaluate at
#   proofs             what SymPy proves: a derivation's claims, backprop on whole networks
#   kernels            the NumPy kernels against the lambdified SymPy expressions
#   network_gradients  Network's gradients against SymPy and against finite differences
#   perceptron_bound   the perceptron library against Novikoff's bound
#   exact_arithmetic   the worked example recomputed in exact fractions
#   per_derivation     the checks every derivation brings (its proof, one per checked step)
#   registry           every check in order, built on first use (CHECKS), get_check, run_all
# The TeX-to-plain-text converter, plain_text, lives beside the printer in nnmath.symbolic.

from nnmath.checks import registry
from nnmath.checks.comparison import compare_with_formula, relative_error
from nnmath.checks.model import KINDS, METHODS, Check, CheckResult
from nnmath.checks.registry import get_check, run_all
from nnmath.symbolic.plain_text import plain_text

__all__ = [
    "CHECKS",
    "KINDS",
    "METHODS",
    "Check",
    "CheckResult",
    "compare_with_formula",
    "get_check",
    "plain_text",
    "relative_error",
    "run_all",
]


def __getattr__(name: str) -> tuple[Check, ...]:
    """``CHECKS``: every check, SymPy proofs first (built on first use)."""
    if name == "CHECKS":
        return registry.all_checks()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
