"""The registry of derivations: every derivation by name, built once and cached."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection

from nnmath.symbolic.backprop import derive_backprop
from nnmath.symbolic.binary_cross_entropy import derive_binary_cross_entropy
from nnmath.symbolic.chain_rule import derive_chain_rule, derive_chain_rule_network
from nnmath.symbolic.core import Derivation
from nnmath.symbolic.cost_scaling import derive_cost_scaling
from nnmath.symbolic.descent import derive_gradient_descent, derive_quadratic_descent
from nnmath.symbolic.dot_product import derive_dot_product
from nnmath.symbolic.exercise_answers import derive_exercise_answers
from nnmath.symbolic.initialisation import derive_initialisation
from nnmath.symbolic.jacobian import derive_jacobian_chain_rule
from nnmath.symbolic.layers import derive_affine_composition
from nnmath.symbolic.likelihood import derive_cross_entropy_likelihood
from nnmath.symbolic.perceptron import (
    derive_perceptron,
    derive_perceptron_convergence,
    derive_perceptron_distance,
)
from nnmath.symbolic.relu import derive_relu
from nnmath.symbolic.sigmoid import (
    derive_sigmoid,
    derive_sigmoid_affine,
    derive_sigmoid_second_derivative,
)
from nnmath.symbolic.softmax import derive_softmax, derive_softmax_cross_entropy
from nnmath.symbolic.steepest import derive_steepest_descent
from nnmath.symbolic.tanh import derive_tanh
from nnmath.symbolic.vanishing_gradient import derive_vanishing_gradient

__all__ = ["REGISTRY", "derive", "names", "registered_name"]

#: Every derivation, by registry name, in the order of the site.
REGISTRY: dict[str, Callable[[], Derivation]] = {
    "dot-product": derive_dot_product,
    "perceptron": derive_perceptron,
    "perceptron-distance": derive_perceptron_distance,
    "perceptron-convergence": derive_perceptron_convergence,
    "sigmoid": derive_sigmoid,
    "sigmoid-affine": derive_sigmoid_affine,
    "affine-composition": derive_affine_composition,
    "gradient-descent": derive_gradient_descent,
    "steepest-descent": derive_steepest_descent,
    "quadratic-descent": derive_quadratic_descent,
    "chain-rule": derive_chain_rule,
    "chain-rule-network": derive_chain_rule_network,
    "jacobian-chain-rule": derive_jacobian_chain_rule,
    "backprop": derive_backprop,
    "vanishing-gradient": derive_vanishing_gradient,
    "tanh": derive_tanh,
    "relu": derive_relu,
    "weight-initialisation": derive_initialisation,
    "cost-scaling": derive_cost_scaling,
    "softmax": derive_softmax,
    "softmax-cross-entropy": derive_softmax_cross_entropy,
    "binary-cross-entropy": derive_binary_cross_entropy,
    "cross-entropy-likelihood": derive_cross_entropy_likelihood,
    "sigmoid-second-derivative": derive_sigmoid_second_derivative,
    "exercise-answers": derive_exercise_answers,
}


def names() -> list[str]:
    """Registry names of every derivation, in site order."""
    return list(REGISTRY)


@functools.cache
def derive(name: str) -> Derivation:
    """Build the derivation called ``name`` (cached: built once per process).

    Parameters
    ----------
    name : str
        One of :func:`names`.

    Returns
    -------
    Derivation

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If no derivation has that name; the message lists the valid names.

    Examples
    --------
    >>> from nnmath.symbolic import derive
    >>> d = derive("sigmoid")
    >>> d.result
    Eq(Derivative(sigma(x), x), (1 - sigma(x))*sigma(x))
    >>> d.steps[0].label
    'Definition'
    >>> derive("sigmoid") is d  # built once per process
    True
    """
    return REGISTRY[registered_name("derivation", name, REGISTRY)]()


def registered_name(kind: str, name: object, valid: Collection[str]) -> str:
    """``name``, checked to be one of the names ``valid`` of a registry of ``kind`` things.

    Parameters
    ----------
    kind : str
        What the registry holds, for the messages: ``"derivation"``, ``"check"``.
    name : object
        The name asked for.
    valid : collection of str
        The registered names, in the order the message lists them.

    Returns
    -------
    str
        ``name``.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If ``name`` is not in ``valid``; the message lists the valid names.

    Examples
    --------
    >>> registered_name("derivation", "sigmoid", ["sigmoid", "tanh"])
    'sigmoid'
    >>> registered_name("derivation", "relu", ["sigmoid", "tanh"])
    Traceback (most recent call last):
    ...
    ValueError: unknown derivation 'relu'; valid names are: sigmoid, tanh
    """
    if not isinstance(name, str):
        raise TypeError(f"{kind} name must be a string, got {type(name).__name__} {name!r}")
    if name not in valid:
        raise ValueError(f"unknown {kind} {name!r}; valid names are: {', '.join(valid)}")
    return name
