"""The figures of chapters 2 and 4: the perceptron rule step by step, and the forward pass."""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np
import pytest
import sympy

import nnmath as nm
from nnmath import widgets
from nnmath.symbolic.perceptron import perceptron_step

# Chapter 4's hand-chosen XOR weights: W¹ row by row, b¹, W², b² (Network.get_params order).
XOR_PARAMS = [20, 20, -20, -20, -10, 30, 20, 20, -30]


def _config(html: Any) -> dict[str, Any]:
    match = re.search(r"data-config='([^']*)'", html._repr_html_())
    assert match
    return json.loads(match.group(1).replace("&amp;", "&"))


def _lambdified(key: str) -> Any:
    args, expr = widgets.formula(key)
    return sympy.lambdify(args, expr, modules="math")


def replay(X: np.ndarray, y: np.ndarray, eta: float, max_epochs: int) -> dict[str, Any]:
    """The rule run as the page runs it: the printed prediction and update, rows in order."""
    predict, update = _lambdified("perceptron-prediction"), _lambdified("perceptron-update")
    w = (0.0, 0.0, 0.0)
    mistakes, path, rows = [], [np.array(w)], []
    for _ in range(max_epochs):
        count = 0
        for i, (x, label) in enumerate(zip(X, y, strict=True)):
            if predict(*w, *x) != label:
                w = tuple(update(*w, *x, label, eta))
                count += 1
                rows.append(i)
        mistakes.append(count)
        path.append(np.array(w))
        if count == 0:
            break
    return {"mistakes": mistakes, "path": path, "rows": rows}


def test_update_formula_is_the_symbolic_rule() -> None:
    """The printed update equals perceptron_step (exact) for both labels and both sides."""
    args, outputs = widgets.formula("perceptron-update")
    rng = np.random.default_rng(3)
    for _ in range(20):
        w = [sympy.Rational(int(v), 4) for v in rng.integers(-8, 9, size=3)]
        x = [sympy.Rational(int(v), 4) for v in rng.integers(-8, 9, size=2)]
        label, eta = int(rng.integers(0, 2)), sympy.Rational(int(rng.integers(1, 8)), 2)
        values = dict(zip(args, [*w, *x, label, eta], strict=True))
        got = [out.subs(values) for out in outputs]
        assert got == list(perceptron_step(w, [1, *x], label, eta)), values


@pytest.mark.parametrize("data", ["linearly_separable", "xor"])
def test_printed_rule_replays_train_perceptron(data: str) -> None:
    """The formulas the page evaluates, in the page's order, give the package's run."""
    X, y = getattr(nm.datasets, data)()
    result = nm.train_perceptron(X, y, learning_rate=1.0, max_epochs=6)
    run = replay(X, y, 1.0, 6)
    assert run["mistakes"] == result.mistakes
    assert len(run["rows"]) == result.updates > 0
    for mine, theirs in zip(run["path"], result.path, strict=True):
        np.testing.assert_allclose(mine, theirs, rtol=0, atol=1e-12)


def test_perceptron_steps_carries_the_packages_counts() -> None:
    X, y = nm.datasets.linearly_separable()
    result = nm.train_perceptron(X, y, learning_rate=1.0)
    config = _config(widgets.perceptron_steps(X, y))
    assert config["updates"] == result.updates
    assert config["mistakes"] == result.mistakes
    assert config["converged"] is True
    assert config["initial"] == [0.0, 0.0, 0.0]
    np.testing.assert_array_equal(np.array(config["points"]), np.round(X, 6))
    html = widgets.perceptron_steps(X, y)._repr_html_()
    assert f'max="{result.updates}"' in html
    assert 'data-step="-1"' in html and 'data-step="1"' in html


def test_layer_formulas_make_the_networks_forward_pass() -> None:
    """layer-2-2 then layer-1-2 give Network.forward_pass's z and a at every layer."""
    hidden, output = _lambdified("layer-2-2"), _lambdified("layer-1-2")
    rng = np.random.default_rng(5)
    net = nm.Network([2, 2, 1])
    for _ in range(5):
        net.set_params(rng.normal(0, 5, size=net.n_params))
        (W1, W2), (b1, b2) = net.weights, net.biases
        x = rng.uniform(0, 1, size=(4, 2))
        passed = net.forward_pass(x)
        for row, point in enumerate(x):
            h = hidden(*W1.ravel(), *b1, *point)
            o = output(*W2.ravel(), *b2, *h[2:])
            np.testing.assert_allclose(h[:2], passed.zs[0][row], rtol=1e-12)
            np.testing.assert_allclose(h[2:], passed.activations[1][row], rtol=1e-12)
            np.testing.assert_allclose(o, [passed.zs[1][row, 0], passed.activations[2][row, 0]])


def _xor_net(params: list[float]) -> nm.Network:
    net = nm.Network([2, 2, 1])
    net.set_params(params)
    return net


def test_forward_pass_starts_at_the_networks_weights() -> None:
    X, labels = nm.datasets.xor()
    html = widgets.forward_pass(_xor_net(XOR_PARAMS), X, labels, x=(1.0, 0.0))._repr_html_()
    values = re.findall(
        r'data-arg="(\w+)" min="[^"]*" max="[^"]*" step="[^"]*" value="([^"]*)"', html
    )
    names = ["x1", "x2"] + [
        f"L{layer}{entry}"
        for layer, entries in (
            (1, ["W11", "W12", "W21", "W22", "b1", "b2"]),
            (2, ["W11", "W12", "b1"]),
        )
        for entry in entries
    ]
    assert [n for n, _ in values] == names
    assert [float(v) for _, v in values] == [1.0, 0.0, *XOR_PARAMS]
    # Every weight slider is named after a formula argument: prefix + W or b entry.
    layer_args = {str(a) for key in ("layer-2-2", "layer-1-2") for a in widgets.formula(key)[0]}
    assert {n[2:] for n in names[2:]} <= layer_args
    for label in ("W¹₁₁", "W¹₂₂", "b¹₂", "W²₁₂", "b²₁", "input x₁"):
        assert f">{label}</label>" in html


def test_chapter_4_claim_output_bias_minus_10_gives_class_1_everywhere() -> None:
    """Chapter 4 says: with b²₁ = −10 the output is an OR of OR and NAND, class 1 everywhere."""
    grid = np.stack(np.meshgrid(np.linspace(0, 1, 41), np.linspace(0, 1, 41)), -1).reshape(-1, 2)
    assert np.all(_xor_net([*XOR_PARAMS[:-1], -10]).forward(grid) >= 0.5)
    assert not np.all(_xor_net(XOR_PARAMS).forward(grid) >= 0.5)


def test_new_figures_validate_their_arguments() -> None:
    X, labels = nm.datasets.xor()
    with pytest.raises(ValueError, match="at most 200 updates"):
        widgets.perceptron_steps(X, labels, max_epochs=100)
    with pytest.raises(ValueError, match="X must lie inside"):
        widgets.perceptron_steps(X * 2, labels)
    with pytest.raises(TypeError, match="net must be a Network, got list"):
        widgets.forward_pass(XOR_PARAMS, X, labels)  # type: ignore[arg-type]
    with pytest.raises(
        ValueError, match=r"2-2-1 network with sigmoid activations, got sizes \[2, 3, 1\]"
    ):
        widgets.forward_pass(nm.Network([2, 3, 1]), X, labels)
    with pytest.raises(ValueError, match="whole numbers"):
        widgets.forward_pass(_xor_net([*XOR_PARAMS[:-1], 0.5]), X, labels)
    with pytest.raises(ValueError, match=r"L2b1 must be in \[-40, 40\], got -50"):
        widgets.forward_pass(_xor_net([*XOR_PARAMS[:-1], -50]), X, labels)
    with pytest.raises(ValueError, match="x must have 2 entries, got 3"):
        widgets.forward_pass(_xor_net(XOR_PARAMS), X, labels, x=(0.0, 1.0, 0.0))
    with pytest.raises(ValueError, match=r"x2 must be in \[0, 1\], got 2"):
        widgets.forward_pass(_xor_net(XOR_PARAMS), X, labels, x=(0.0, 2.0))
