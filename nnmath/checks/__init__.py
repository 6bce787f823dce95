"""Every check that ties the derivations to the NumPy code, in one registry.

A :class:`Check` states one fact, says how it is checked (a SymPy proof, a
comparison of a NumPy kernel with the lambdified SymPy expression, finite
differences, or exact arithmetic) and to what tolerance, and runs it. The
same registry is used by the tests, by ``python -m nnmath check`` and by the
site's verification page.

Every check compares values it computes when it runs; any exception inside a
check is reported as a failure with the error message.

==============================================  ==============================================
:mod:`~nnmath.checks.model`                     :class:`Check`, :class:`CheckResult`, the
                                                methods and their kinds, timing a run
:mod:`~nnmath.checks.comparison`                the tolerances, :func:`relative_error`,
                                                :func:`compare_with_formula`
:mod:`~nnmath.checks.sample_points`             the seeded points the numerical checks use
:mod:`~nnmath.checks.proofs`                    what SymPy proves: a derivation's claims,
                                                backpropagation on whole networks
:mod:`~nnmath.checks.kernels`                   the NumPy kernels against SymPy
:mod:`~nnmath.checks.network_gradients`         ``Network``'s gradients against SymPy and
                                                finite differences
:mod:`~nnmath.checks.perceptron_bound`          the perceptron against Novikoff's bound
:mod:`~nnmath.checks.exact_arithmetic`          the worked example in exact fractions
:mod:`~nnmath.checks.per_derivation`            the checks every derivation brings
:mod:`~nnmath.checks.registry`                  every check in order, built on first use
==============================================  ==============================================

The registry is built on first use (it derives every derivation), so importing this package
is cheap; :data:`CHECKS` builds it.
"""

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
