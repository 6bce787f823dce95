"""Data sets: the published numbers, determinism and the stated properties."""

import numpy as np
import pytest

import nnmath as nm
from nnmath.datasets import land20_boundary


def test_higham_points_are_the_published_ones():
    X, Y = nm.datasets.higham()
    np.testing.assert_array_equal(X[:, 0], [0.1, 0.3, 0.1, 0.6, 0.4, 0.6, 0.5, 0.9, 0.4, 0.7])
    np.testing.assert_array_equal(X[:, 1], [0.1, 0.4, 0.5, 0.9, 0.2, 0.3, 0.6, 0.2, 0.4, 0.6])
    np.testing.assert_array_equal(Y[:5], [[1, 0]] * 5)
    np.testing.assert_array_equal(Y[5:], [[0, 1]] * 5)


def test_land20_is_separated_by_its_curve():
    X, Y = nm.datasets.land20()
    assert X.shape == (20, 2) and Y.shape == (20, 2)
    assert np.all((X > 0) & (X < 1))
    below = X[:, 1] < land20_boundary(X[:, 0])
    np.testing.assert_array_equal(below, Y[:, 0] == 1)


def test_linearly_separable_margin_and_determinism():
    X, y = nm.datasets.linearly_separable(50, margin=0.2, seed=3)
    X2, y2 = nm.datasets.linearly_separable(50, margin=0.2, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    signed = (X @ [1.0, 2.0] - 1.0) / np.sqrt(5.0)
    assert np.all(np.abs(signed) >= 0.2)
    np.testing.assert_array_equal(signed > 0, y == 1)
    assert abs(int(y.sum()) - 25) <= 1


def test_spirals_and_exactly_two():
    X, y = nm.datasets.spirals(50, 4, seed=0)
    assert X.shape == (200, 2) and np.bincount(y).tolist() == [50] * 4
    X, Y = nm.datasets.exactly_two()
    assert X.shape == (8, 3)
    assert Y[:, 0].tolist() == [0, 0, 0, 1, 0, 1, 1, 0]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: nm.datasets.linearly_separable(1), ValueError),
        (lambda: nm.datasets.linearly_separable(10, margin=0), ValueError),
        (lambda: nm.datasets.spirals(10, 1), ValueError),
        (lambda: nm.datasets.spirals(10, 3, noise=-1.0), ValueError),
        (lambda: nm.datasets.spirals(10.5), TypeError),
    ],
)
def test_bad_arguments(call, error):
    with pytest.raises(error):
        call()
