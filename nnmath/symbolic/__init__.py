r"""Symbolic derivations of the formulas on the site, made and proved with SymPy.

Each derivation is a :class:`Derivation`: ordered steps with their LaTeX, each
after the first with its justification and a :class:`StepCheck` (a check that
:mod:`nnmath.checks` runs under the step's check name, or a premise: a cited
theorem or a written argument, see :mod:`nnmath.symbolic.kinds`), a final result, the
claims it proves (:meth:`Derivation.verify`), and the formulas that the
numerical checks compare NumPy kernels with.

>>> from nnmath import symbolic
>>> d = symbolic.derive("sigmoid")
>>> print(d.steps[0].latex)
\sigma{\left(x \right)} = \frac{1}{1 + e^{- x}}
"""

from nnmath.symbolic.backprop_network import BackpropReport, verify_backprop
from nnmath.symbolic.chain_rule import worked_example
from nnmath.symbolic.core import (
    STEP_CHECK_KINDS,
    Claim,
    Derivation,
    Formula,
    Reference,
    Step,
    StepCheck,
    cited,
    differs_by_zero,
    exactly,
    numerically,
    on_sizes,
    proved,
    proves_zero,
    to_latex,
    written_argument,
)
from nnmath.symbolic.kinds import CHECK_KINDS, KIND_RANK, PREMISE_KINDS
from nnmath.symbolic.registry import REGISTRY, derive, names

__all__ = [
    "CHECK_KINDS",
    "KIND_RANK",
    "PREMISE_KINDS",
    "REGISTRY",
    "STEP_CHECK_KINDS",
    "BackpropReport",
    "Claim",
    "Derivation",
    "Formula",
    "Reference",
    "Step",
    "StepCheck",
    "cited",
    "derive",
    "differs_by_zero",
    "exactly",
    "names",
    "numerically",
    "on_sizes",
    "proved",
    "proves_zero",
    "to_latex",
    "verify_backprop",
    "worked_example",
    "written_argument",
]
