"""Chapter 4's figure: a forward pass through the 2-2-1 network, with weights the reader sets.

For the chosen input x the page evaluates, layer by layer, the SymPy-printed
``z = W a + b`` and ``a = σ(z)`` (``"layer-2-2"`` for the hidden layer, ``"layer-1-2"``
for the output neuron), shows each layer's z and a on a drawing of the network, and
shades the unit square by the class the network predicts (1 where F(x) ≥ 1/2).

Examples
--------
>>> import nnmath as nm
>>> net = nm.Network([2, 2, 1])
>>> net.set_params([20, 20, -20, -20, -10, 30, 20, 20, -30])
>>> X, labels = nm.datasets.xor()
>>> html = forward_pass(net, X, labels, x=(0.0, 1.0))._repr_html_()
>>> html.count('type="range"')
11
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from nnmath.network import Network
from nnmath.widgets.layout import Slider, WidgetHtml, figure_html, slider_at, two_class_points

__all__ = ["PARAMETER_RANGE", "forward_pass"]

#: Every weight and bias slider runs over this interval, in steps of 1.
PARAMETER_RANGE = (-40.0, 40.0)

_SUPERSCRIPT = {1: "¹", 2: "²"}
_SUBSCRIPT = {1: "₁", 2: "₂"}


def _parameter_sliders(net: Network) -> list[Slider]:
    """W¹, b¹, W², b² as sliders named as the formulas' arguments, layer by layer."""
    low, high = PARAMETER_RANGE
    sliders = []
    for layer, (W, b) in enumerate(zip(net.weights, net.biases, strict=True), start=1):
        up = _SUPERSCRIPT[layer]
        for (j, k), value in np.ndenumerate(W):
            name = f"L{layer}W{j + 1}{k + 1}"
            label = f"W{up}{_SUBSCRIPT[j + 1]}{_SUBSCRIPT[k + 1]}"
            sliders.append(slider_at(float(value), Slider(name, label, low, high, 1, 0)))
        for j, value in enumerate(b):
            name, label = f"L{layer}b{j + 1}", f"b{up}{_SUBSCRIPT[j + 1]}"
            sliders.append(slider_at(float(value), Slider(name, label, low, high, 1, 0)))
    return sliders


def forward_pass(
    net: Network, X: ArrayLike, labels: ArrayLike, x: Sequence[float] = (0.0, 1.0)
) -> WidgetHtml:
    """One input through a 2-2-1 sigmoid network, with every weight and bias as a slider.

    Parameters
    ----------
    net : Network
        Sizes [2, 2, 1], sigmoid activations; its weights and biases are the starting
        values, each a whole number in [−40, 40].
    X : array_like, shape (n, 2)
        Points drawn over the regions, inside [0, 1]².
    labels : array_like, shape (n,)
        Their classes, 0 or 1.
    x : sequence of 2 floats
        The starting input, each entry in [0, 1].

    Returns
    -------
    WidgetHtml
        The figure: the network with z and a at every neuron, the decision regions, and
        sliders for x₁, x₂, W¹ (row by row), b¹, W² and b².

    Raises
    ------
    TypeError
        If ``net`` is not a Network, or ``x`` holds something that is not a number.
    ValueError
        If ``net`` is not a 2-2-1 sigmoid network, a weight or bias is not a whole
        number in [−40, 40], ``x`` does not have two entries in [0, 1], or ``X`` and
        ``labels`` are not as described.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a Network, got {type(net).__name__}")
    if list(net.sizes) != [2, 2, 1] or net.hidden != "sigmoid" or net.output != "sigmoid":
        raise ValueError(
            f"net must be a 2-2-1 network with sigmoid activations, got sizes {list(net.sizes)}"
            f" ({net.hidden}, {net.output})"
        )
    params = net.get_params()
    if not np.array_equal(params, np.round(params)):
        raise ValueError("net's weights and biases must be whole numbers (the sliders' steps)")
    if len(x) != 2:
        raise ValueError(f"x must have 2 entries, got {len(x)}")
    inputs = [
        slider_at(v, Slider(f"x{k}", f"input x{_SUBSCRIPT[k]}", 0, 1, 0.05, 0))
        for k, v in enumerate(x, 1)
    ]
    data = two_class_points(X, labels, "labels", "labels", 0, 1)
    config: dict[str, Any] = {**data, "layers": [["L1", "layer-2-2"], ["L2", "layer-1-2"]]}
    return figure_html(
        "forward-pass",
        [*inputs, *_parameter_sliders(net)],
        config,
        "A forward pass through the 2-2-1 network and the regions it draws",
        "The network's z and a at every layer for the input and weights set by the sliders below.",
        "Figure (interactive): left, the 2-2-1 network with the chosen input x; each neuron "
        "shows its weighted input z = W a + b (below it) and its activation a = σ(z) "
        "(inside it), and each connection is drawn solid for a positive weight and dashed "
        "for a negative one, thicker for a larger one. Right, the unit square shaded where "
        "the network outputs F(x) ≥ 1/2 (class 1), the four XOR points on top (class 0 as "
        "circles, class 1 as crosses, a ring on a point in the other class's region) and "
        "the chosen input as a diamond.",
    )
