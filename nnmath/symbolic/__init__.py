r"""Symbolic derivations of the formulas on the site, made and proved with SymPy.

Each derivation is a :class:`Derivation`: ordered steps with their LaTeX, a
final result, the claims it proves (:meth:`Derivation.verify`), and the
formulas that the numerical checks compare NumPy kernels with.

>>> from nnmath import symbolic
>>> d = symbolic.derive("sigmoid")
>>> print(d.steps[0].latex)
\sigma{\left(x \right)} = \frac{1}{1 + e^{- x}}
"""

from nnmath.symbolic.backprop import BackpropReport, verify_backprop
from nnmath.symbolic.chain_rule import worked_example
from nnmath.symbolic.core import (
    Claim,
    Derivation,
    Formula,
    Step,
    differs_by_zero,
    proves_zero,
    to_latex,
)
from nnmath.symbolic.registry import REGISTRY, derive, names

__all__ = [
    "REGISTRY",
    "BackpropReport",
    "Claim",
    "Derivation",
    "Formula",
    "Step",
    "derive",
    "differs_by_zero",
    "names",
    "proves_zero",
    "to_latex",
    "verify_backprop",
    "worked_example",
]
