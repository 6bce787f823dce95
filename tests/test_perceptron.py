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


def test_novikoffs_inequalities_hold_after_every_epoch_and_bad_input_is_rejected():
    # The two inequalities the perceptron-convergence derivation proves by induction:
    # w_k·u ≥ k η γ and ‖w_k‖² ≤ k η² R² after k updates from w_0 = 0.
    X, y = nm.datasets.linearly_separable(60, margin=0.15, seed=5)
    eta = 0.7
    result = nm.train_perceptron(X, y, learning_rate=eta, max_epochs=1000)
    bound = nm.margin_bound(X, y, np.array([1.0, 2.0]), -1.0)
    assert result.converged and 0 < result.updates <= bound["bound"]
    u = np.array([-1.0, 1.0, 2.0]) / np.sqrt(6.0)
    k = np.cumsum([0, *result.mistakes])
    w = np.array(result.path)
    assert np.all(w @ u >= k * eta * bound["gamma"] - 1e-9)
    assert np.all(np.sum(w**2, axis=1) <= k * (eta * bound["R"]) ** 2 + 1e-9)
    with pytest.raises(ValueError, match="learning_rate"):
        nm.train_perceptron(X, y, learning_rate=0.0)
    with pytest.raises(ValueError, match="separate"):
        nm.margin_bound(X, 1 - y, np.array([1.0, 2.0]), -1.0)


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
