"""Perceptron: convergence on separable data, failure on XOR, the bound, bad input."""

import numpy as np
import pytest

import nnmath as nm


def test_converges_on_separable_data():
    X, y = nm.datasets.linearly_separable(60, margin=0.1, seed=4)
    result = nm.train_perceptron(X, y, max_epochs=1000)
    assert result.converged
    assert result.mistakes[-1] == 0
    np.testing.assert_array_equal(result.predict(X), y)
    assert len(result.path) == result.epochs + 1


def test_update_count_respects_novikoff_bound():
    X, y = nm.datasets.linearly_separable(60, margin=0.1, seed=4)
    result = nm.train_perceptron(X, y, max_epochs=1000)
    # The generating line x1 + 2 x2 = 1 separates the data with margin ≥ 0.1.
    bound = nm.margin_bound(X, y, np.array([1.0, 2.0]), -1.0)["bound"]
    assert result.updates <= bound


def test_does_not_converge_on_xor():
    X, y = nm.datasets.xor()
    result = nm.train_perceptron(X, y, max_epochs=25)
    assert not result.converged
    assert result.epochs == 25
    assert min(result.mistakes) > 0


def test_rule_is_w_plus_eta_error_x():
    # One mistake on a positive example moves the augmented weights by η·(1, x).
    result = nm.train_perceptron([[2.0, -1.0]], [1], learning_rate=0.5, max_epochs=1,
                                 initial=[-1.0, 0.0, 0.0])  # fmt: skip
    np.testing.assert_allclose(result.path[1], [-1.0 + 0.5, 1.0, -0.5])


@pytest.mark.parametrize(
    ("X", "y", "kwargs", "error", "fragment"),
    [
        ([[0.0, 1.0]], [2], {}, ValueError, "y must hold only 0 and 1"),
        ([[0.0, 1.0]], [1, 0], {}, ValueError, r"y must have shape \(1,\)"),
        ([[np.nan, 1.0]], [1], {}, ValueError, "X must be finite"),
        ([[0.0, 1.0]], [1], {"learning_rate": 0}, ValueError, "learning_rate"),
        ([[0.0, 1.0]], [1], {"max_epochs": 0}, ValueError, "max_epochs"),
        ([[0.0, 1.0]], [1], {"initial": [0.0, 1.0]}, ValueError, r"initial must have shape \(3,\)"),
        ([0.0, 1.0], [1], {}, ValueError, "X must have 2 dimension"),
    ],
)
def test_bad_input(X, y, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        nm.train_perceptron(X, y, **kwargs)
