"""The site's glossary: each word with a short meaning.

Where a word is taught is not typed here: a chapter marks the defining use of a word with
``<dfn id="term-KEY">``, and the build links each entry of the glossary page to every chapter
that marks it. The build fails on an entry no chapter marks and on a mark with no entry.

Examples
--------
>>> from nnmath import glossary
>>> glossary.lookup("one-hot").meaning
'A target vector with a 1 for the true class and 0 elsewhere.'
>>> glossary.dfn_id("one-hot")
'term-one-hot'
>>> glossary.key_of_dfn_id("term-one-hot")
'one-hot'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DFN_PREFIX", "TERMS", "Term", "dfn_id", "key_of_dfn_id", "lookup"]

#: The id of a chapter's ``<dfn>`` for the term ``KEY`` is ``DFN_PREFIX + KEY``.
DFN_PREFIX = "term-"


@dataclass(frozen=True)
class Term:
    """One entry of the glossary.

    Attributes
    ----------
    key : str
        Lower-case words joined by hyphens; a chapter's ``<dfn id="term-KEY">`` marks it.
    term : str
        The word as the page shows it; may hold ``$…$`` math.
    meaning : str
        A short meaning, one or two sentences; may hold ``$…$`` math.
    """

    key: str
    term: str
    meaning: str


#: Every word of the glossary, in alphabetical order.
TERMS: tuple[Term, ...] = (
    Term(
        "activation",
        "activation",
        r"The output of a neuron, $\mathbf{a}^l = \sigma(\mathbf{z}^l)$; also the function "
        r"$\sigma$ itself (the *activation function*).",
    ),
    Term(
        "backpropagation",
        "backpropagation",
        "Computing every partial derivative of the cost from the output layer backwards, so "
        "that each layer reuses the error of the layer after it.",
    ),
    Term("batch", "batch", "Several inputs processed at once, stored as the rows of a matrix $X$."),
    Term(
        "bias",
        "bias",
        "The number $b$ added to a neuron's weighted sum; it shifts the neuron's boundary or "
        "curve.",
    ),
    Term(
        "chain-rule",
        "chain rule",
        "The derivative of a composition is the product of the local derivatives along it.",
    ),
    Term(
        "cost",
        "cost (loss)",
        "One number that measures how badly a network fits the data; training makes it small.",
    ),
    Term(
        "cross-entropy",
        "cross-entropy",
        r"The cost $C = -\sum_k y_k \log p_k$ of a predicted distribution $\mathbf{p}$ against "
        r"a target $\mathbf{y}$.",
    ),
    Term(
        "decision-boundary",
        "decision boundary",
        "The set of inputs where a classifier's answer changes; for a perceptron a hyperplane.",
    ),
    Term(
        "dot-product",
        "dot product",
        r"$\mathbf{u}\cdot\mathbf{v} = \sum_i u_i v_i$, equal to "
        r"$\|\mathbf{u}\|\,\|\mathbf{v}\|\cos\theta$.",
    ),
    Term("epoch", "epoch", "One pass through the whole training set."),
    Term(
        "error",
        r"error ($\boldsymbol\delta^l$)",
        r"The derivative of the cost with respect to a layer's weighted input, "
        r"$\boldsymbol\delta^l = \partial C/\partial \mathbf{z}^l$.",
    ),
    Term(
        "generalisation-gap",
        "generalisation gap",
        "Accuracy on the training data minus accuracy on held-out data.",
    ),
    Term(
        "gradient",
        "gradient",
        r"The vector $\nabla C$ of all partial derivatives of a function; it points where the "
        "function grows fastest.",
    ),
    Term(
        "gradient-descent",
        "gradient descent",
        r"Repeated small steps against the gradient, $\boldsymbol\vartheta \leftarrow "
        r"\boldsymbol\vartheta - \eta\,\nabla C$.",
    ),
    Term(
        "hadamard-product",
        "Hadamard product",
        r"Entry-by-entry multiplication of two arrays of the same shape, written $\odot$.",
    ),
    Term(
        "held-out-data",
        "held-out (test) data",
        "Data kept out of training, used only to measure how well a network does on inputs it "
        "has not seen.",
    ),
    Term("hidden-layer", "hidden layer", "A layer between the input and the output."),
    Term(
        "hyperplane",
        "hyperplane",
        r"The set of points $\mathbf{x}$ with $\mathbf{w}\cdot\mathbf{x} + b = 0$ "
        r"($\mathbf{w} \neq \mathbf{0}$): a line in the plane, a plane in space.",
    ),
    Term(
        "jacobian",
        "Jacobian",
        "The matrix of all partial derivatives of a vector-valued function, one row per output.",
    ),
    Term("learning-rate", "learning rate", r"The step size $\eta$ of gradient descent."),
    Term(
        "linearly-separable",
        "linearly separable",
        "Two classes that some hyperplane puts on opposite sides.",
    ),
    Term(
        "logit",
        "logit",
        r"An entry of the output layer's weighted input $\mathbf{z}$ before softmax turns it "
        "into a probability.",
    ),
    Term(
        "mini-batch",
        "mini-batch",
        "A small random subset of the training data whose gradient stands in for the full one.",
    ),
    Term("one-hot", "one-hot", "A target vector with a 1 for the true class and 0 elsewhere."),
    Term(
        "perceptron",
        "perceptron",
        r"The neuron $\operatorname{step}(\mathbf{w}\cdot\mathbf{x} + b)$.",
    ),
    Term(
        "saturation",
        "saturation",
        "A sigmoid whose input is far from 0 has a derivative close to 0 and barely responds.",
    ),
    Term(
        "sigmoid",
        "sigmoid",
        r"$\sigma(x) = 1/(1 + e^{-x})$, a smooth step with values strictly between 0 and 1.",
    ),
    Term(
        "softmax",
        "softmax",
        r"$p_j = e^{z_j}/\sum_k e^{z_k}$: turns $K$ logits into probabilities.",
    ),
    Term(
        "sgd",
        "stochastic gradient descent (SGD)",
        "Gradient descent that steps along the gradient of one randomly chosen data point (or a "
        "mini-batch) at a time.",
    ),
    Term(
        "weight",
        "weight",
        "A number that multiplies an input of a neuron; a layer's weights form the matrix $W^l$.",
    ),
    Term(
        "xor",
        "XOR",
        "Exclusive or: 1 when exactly one of two inputs is 1. No perceptron computes it.",
    ),
)


def dfn_id(key: str) -> str:
    """The ``id`` a chapter's ``<dfn>`` carries for the term ``key``.

    Raises
    ------
    KeyError
        If ``key`` is not a term of the glossary.
    """
    return DFN_PREFIX + lookup(key).key


def key_of_dfn_id(element_id: str) -> str | None:
    """The glossary key a ``<dfn>`` id names, or None if the id lacks :data:`DFN_PREFIX`."""
    if not element_id.startswith(DFN_PREFIX):
        return None
    return element_id[len(DFN_PREFIX) :]


def lookup(key: str) -> Term:
    """The term whose key is ``key``.

    Raises
    ------
    KeyError
        If no term has that key.
    """
    for term in TERMS:
        if term.key == key:
            return term
    raise KeyError(f"no glossary term has the key {key!r}")
