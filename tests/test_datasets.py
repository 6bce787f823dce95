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


def test_spirals_radii_grid_is_the_default():
    X, y = nm.datasets.spirals(50, 3, seed=4)
    X_grid, y_grid = nm.datasets.spirals(50, 3, seed=4, radii="grid")
    assert np.array_equal(X, X_grid) and np.array_equal(y, y_grid)
    # every arm has the same evenly spaced radii, whatever the seed
    radius = np.hypot(X[:, 0], X[:, 1])
    assert np.allclose(radius, np.tile(np.linspace(0, 1, 50), 3), rtol=0, atol=1e-15)


def test_spirals_uniform_radii_avoid_the_grid():
    X, y = nm.datasets.spirals(100, 3, seed=1, radii="uniform")
    assert X.shape == (300, 2) and np.bincount(y).tolist() == [100] * 3
    radius = np.hypot(X[:, 0], X[:, 1])
    assert radius.min() >= 0 and radius.max() < 1
    grid = np.linspace(0, 1, 100)
    gap = np.abs(radius[:, None] - grid[None, :]).min(axis=1)
    assert gap.min() > 1e-9  # no point sits at a radius of the default grid
    assert np.median(gap) > 1e-3  # and typically a visible fraction of the grid step away
    # each point lies on its arm: angle 4 (c + r) up to the angular noise
    X0, _ = nm.datasets.spirals(100, 3, seed=1, radii="uniform", noise=0.0)
    r0 = np.hypot(X0[:, 0], X0[:, 1])
    theta = 4.0 * (y + r0)
    assert np.allclose(X0, np.column_stack([r0 * np.sin(theta), r0 * np.cos(theta)]))
    again, _ = nm.datasets.spirals(100, 3, seed=1, radii="uniform")
    other, _ = nm.datasets.spirals(100, 3, seed=2, radii="uniform")
    assert np.array_equal(X, again) and not np.allclose(X, other)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: nm.datasets.linearly_separable(1), ValueError),
        (lambda: nm.datasets.linearly_separable(10, margin=0), ValueError),
        (lambda: nm.datasets.spirals(10, 1), ValueError),
        (lambda: nm.datasets.spirals(10, 3, noise=-1.0), ValueError),
        (lambda: nm.datasets.spirals(10.5), TypeError),
        (lambda: nm.datasets.spirals(10, radii="random"), ValueError),
        (lambda: nm.datasets.spirals(10, radii=1), TypeError),
    ],
)
def test_bad_arguments(call, error):
    with pytest.raises(error):
        call()
