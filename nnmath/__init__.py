"""nnmath: the mathematics of neural networks, derived with SymPy and executed with NumPy.

The NumPy engine lives at the top level (:class:`Network`, the kernels, the
training loops); the symbolic derivations live in :mod:`nnmath.symbolic` and
the checks that tie the two together in :mod:`nnmath.checks`.
"""

from nnmath import datasets
from nnmath.activations import log_softmax, sigmoid, sigmoid_prime, softmax, step
from nnmath.gradcheck import gradcheck, numerical_gradient
from nnmath.losses import one_hot
from nnmath.network import Network
from nnmath.perceptron import PerceptronResult, margin_bound, train_perceptron
from nnmath.training import History, gradient_descent, sgd

__version__ = "0.1.0"

#: Subpackages imported on first use (they load SymPy): ``nm.exercises``, ``nm.widgets``.
_LAZY = ("exercises", "widgets")


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return importlib.import_module(f"nnmath.{name}")
    raise AttributeError(f"module 'nnmath' has no attribute {name!r}")


__all__ = [
    "History",
    "Network",
    "PerceptronResult",
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
