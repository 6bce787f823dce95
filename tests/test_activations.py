"""Kernels: values, stability at extreme inputs, and hypothesis properties."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nnmath as nm

finite = st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False)
moderate = st.floats(-700, 700, allow_nan=False)


def test_sigmoid_values_and_saturation():
    assert nm.sigmoid(0.0) == 0.5
    assert nm.sigmoid(-1000.0) == 0.0
    assert nm.sigmoid(1000.0) == 1.0
    np.testing.assert_allclose(nm.sigmoid([-2.0, 2.0]), 1 / (1 + np.exp([2.0, -2.0])), rtol=1e-15)


def test_sigmoid_keeps_float32():
    out = nm.sigmoid(np.array([0.5, -3.0], dtype=np.float32))
    assert out.dtype == np.float32


@given(arrays(np.float64, st.integers(1, 20), elements=finite))
def test_sigmoid_in_unit_interval_without_warnings(x):
    s = nm.sigmoid(x)
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(nm.sigmoid(-x), 1 - s, atol=1e-15)


@given(arrays(np.float64, st.integers(1, 20), elements=finite))
def test_sigmoid_prime_bounded(x):
    d = nm.sigmoid_prime(x)
    assert np.all((d >= 0) & (d <= 0.25))


def test_step_is_one_at_zero():
    np.testing.assert_array_equal(nm.step([-1e-300, 0.0, 3.0]), [0.0, 1.0, 1.0])


@pytest.mark.parametrize("z", [[1000.0, 1000.0], [-1e308, 0.0], [1e308, 1e308]])
def test_softmax_extremes(z):
    p = nm.softmax(z)
    assert np.all(np.isfinite(p))
    assert p.sum() == pytest.approx(1.0)
    assert np.all(np.isfinite(nm.log_softmax(z)))


def test_log_softmax_of_underflowing_probability_is_finite():
    assert nm.log_softmax([-1e308, 0.0])[0] == -1e308
    assert nm.softmax([-1e308, 0.0])[0] == 0.0


@given(
    arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 6)), elements=moderate),
    st.floats(-1e3, 1e3),
)
def test_softmax_rows_sum_to_one_and_shift_invariant(z, c):
    p = nm.softmax(z)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(nm.softmax(z + c), p, atol=1e-12)


@given(arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(2, 6)), elements=finite))
def test_log_softmax_matches_softmax_where_representable(z):
    lp = nm.log_softmax(z)
    assert np.all(lp <= 0)
    np.testing.assert_allclose(np.exp(lp), nm.softmax(z), atol=1e-12)


@pytest.mark.parametrize("fn", [nm.sigmoid, nm.sigmoid_prime, nm.step, nm.softmax, nm.log_softmax])
@pytest.mark.parametrize(
    ("bad", "error", "fragment"),
    [
        ([np.nan, 1.0], ValueError, "must be finite"),
        ([np.inf], ValueError, "must be finite"),
        ([], ValueError, "must not be empty"),
        ("abc", TypeError, "array of numbers"),
        (np.array(["a"], dtype=object), TypeError, "real numbers"),
        ([1 + 2j], TypeError, "real numbers"),
    ],
)
def test_kernels_reject_bad_input(fn, bad, error, fragment):
    with pytest.raises(error, match=fragment):
        fn(bad)


def test_softmax_rejects_scalar():
    with pytest.raises(ValueError, match="z must have"):
        nm.softmax(3.0)


# -- hidden-activation derivatives at 0: every training engine uses the derivations' values ---


def _derivative_at_zero(hidden: str) -> float:
    """f′(0) as the derivation states it: the ReLU's convention, tanh′ = 1 − tanh² at 0."""
    from nnmath.symbolic import derive

    if hidden == "relu":
        corner = next(s for s in derive("relu").steps if s.label.startswith("At the corner"))
        return float(corner.expr.rhs)
    result = derive("tanh").result  # d/dx tanh(x) = 1 − tanh(x)²
    (x,) = result.lhs.free_symbols
    return float(result.rhs.subs(x, 0))


def _zero_input_net(hidden: str, dtype: type = np.float64) -> nm.Network:
    """1-1-1, identity output: with input 0 and b¹ = 0 the hidden weighted input is exactly 0."""
    net = nm.Network([1, 1, 1], hidden=hidden, output="identity", loss="quadratic", dtype=dtype)
    net.set_params([1.0, 0.0, 1.0, 0.0])  # W¹ = 1, b¹ = 0, W² = 1, b² = 0
    return net


@pytest.mark.parametrize("hidden", ["relu", "tanh"])
def test_network_backward_uses_the_derived_slope_at_zero(hidden):
    assert _derivative_at_zero(hidden) == (0.0 if hidden == "relu" else 1.0)
    net = _zero_input_net(hidden)
    x, y = np.zeros((1, 1)), -np.ones((1, 1))  # output 0, so a² − y = 1 = δ²
    grad_w, grad_b = net.gradient(x, y)
    # δ¹ = f′(0) · W² · δ² = f′(0); ∂C/∂b¹ = δ¹, ∂C/∂W² = δ² a¹ = 0 (a¹ = f(0) = 0).
    assert grad_b[0][0] == _derivative_at_zero(hidden)
    assert grad_w[1][0, 0] == 0.0 and grad_b[1][0] == 1.0


@pytest.mark.parametrize("hidden", ["relu", "tanh"])
@pytest.mark.parametrize(
    ("loop", "dtype"),
    [("sgd", np.float64), ("sgd", np.float32), ("gradient_descent", np.float64)],
)
def test_every_engine_steps_with_the_derived_slope_at_zero(hidden, loop, dtype):
    net = _zero_input_net(hidden, dtype)
    engine = nm.training.engine(net, loop)
    x, y = np.zeros((1, 1)), -np.ones((1, 1))
    eta = 0.5
    run = nm.sgd if loop == "sgd" else nm.gradient_descent
    run(net, x, y, learning_rate=eta, steps=1, record=1, progress=False)
    # One step: b¹ ← 0 − η f′(0) δ², with δ² = 1; the other parameters follow BP3 and BP4.
    expected_b1 = -eta * _derivative_at_zero(hidden)
    assert net.biases[0][0] == pytest.approx(expected_b1, abs=1e-7), engine
    assert net.biases[1][0] == pytest.approx(-eta, abs=1e-7), engine
    assert net.weights[0][0, 0] == 1.0 and net.weights[1][0, 0] == 1.0, engine


def test_the_engines_covered_above():
    nets = [_zero_input_net("relu"), _zero_input_net("relu", np.float32)]
    used = {nm.training.engine(nets[0]), nm.training.engine(nets[1])}
    used.add(nm.training.engine(nets[0], "gradient_descent"))
    assert used == {"nnmath.training.generated", "nnmath.training.buffered"}
