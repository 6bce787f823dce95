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
