"""nnmath: the mathematics of neural networks, derived with SymPy and executed with NumPy.

The names most readers need are here: :class:`Network`, the kernels, the training loops
:func:`sgd` and :func:`gradient_descent`, :func:`gradcheck`. The symbolic derivations live in
:mod:`nnmath.symbolic`, the checks that tie them to the NumPy code in :mod:`nnmath.checks`,
the figures in :mod:`nnmath.plotting`; those (and the other documented submodules) are
imported on first use, so ``import nnmath`` loads neither SymPy nor matplotlib.

Examples
--------
>>> import nnmath as nm
>>> X, Y = nm.datasets.higham()
>>> net = nm.Network([2, 2, 3, 2], seed=5000)
>>> bool(nm.gradcheck(net, X, Y) < 1e-6)
True
>>> nm.symbolic.derive("sigmoid").name
'sigmoid'
"""

import importlib
from types import ModuleType

from nnmath import datasets
from nnmath.activations import log_softmax, sigmoid, sigmoid_prime, softmax, step
from nnmath.finite_differences import central_difference_gradient, gradcheck, numerical_gradient
from nnmath.losses import one_hot
from nnmath.network import Network
from nnmath.perceptron import PerceptronResult, margin_bound, train_perceptron
from nnmath.training import History, gradient_descent, sgd

__version__ = "0.1.0"

__all__ = [
    "History",
    "Network",
    "PerceptronResult",
    "central_difference_gradient",
    "datasets",
    "gradcheck",
    "gradient_descent",
    "log_softmax",
    "margin_bound",
    "numerical_gradient",
    "one_hot",
    "sgd",
    "sigmoid",
    "sigmoid_prime",
    "softmax",
    "step",
    "train_perceptron",
]

# Submodules reachable as attributes (nm.symbolic, nm.plotting, …), imported on first use.
_LAZY_SUBMODULES = frozenset(
    {
        "activations",
        "batched",
        "checks",
        "cli",
        "evaluation",
        "exercises",
        "fast",
        "finite_differences",
        "losses",
        "network",
        "notebook",
        "perceptron",
        "plotting",
        "symbolic",
        "training",
        "widgets",
        "workspace",
    }
)


def __getattr__(name: str) -> ModuleType:
    if name in _LAZY_SUBMODULES:
        return importlib.import_module(f"nnmath.{name}")
    raise AttributeError(f"module 'nnmath' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY_SUBMODULES})
