"""The exact (Clopper–Pearson) confidence interval of a success rate."""

import math

import numpy as np
import pytest

from nnmath.evaluation import Interval, clopper_pearson


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        # scipy.stats.binomtest(k, n).proportion_ci(method="exact"), SciPy 1.17
        (436, 450, 0.948351371278314, 0.9828889917900286),
        (3, 7, 0.09898827844243689, 0.81594843235993),
        (5, 1000, 0.001625419517373302, 0.011629470559812206),
    ],
)
def test_matches_the_beta_quantiles(successes, trials, low, high):
    interval = clopper_pearson(successes, trials)
    assert isinstance(interval, Interval)
    assert interval.low == pytest.approx(low, rel=1e-11)
    assert interval.high == pytest.approx(high, rel=1e-11)


def test_the_chapter_ten_interval_to_the_printed_digits():
    low, high = clopper_pearson(436, 450)
    assert (f"{low:.1%}", f"{high:.1%}") == ("94.8%", "98.3%")


@pytest.mark.parametrize("n", [1, 10, 20])
def test_all_or_nothing_have_closed_forms(n):
    # k = 0: high solves (1 − p)^n = α/2; k = n: low solves p^n = α/2.
    assert clopper_pearson(0, n) == (0.0, pytest.approx(1 - 0.025 ** (1 / n), rel=1e-13))
    assert clopper_pearson(n, n) == (pytest.approx(0.025 ** (1 / n), rel=1e-13), 1.0)


def test_the_bounds_put_the_count_at_the_edge_of_each_tail():
    k, n, confidence = 7, 20, 0.9
    low, high = clopper_pearson(k, n, confidence)

    def pmf(i, p):
        return math.comb(n, i) * p**i * (1 - p) ** (n - i)

    assert math.fsum(pmf(i, low) for i in range(k, n + 1)) == pytest.approx(0.05, rel=1e-12)
    assert math.fsum(pmf(i, high) for i in range(k + 1)) == pytest.approx(0.05, rel=1e-12)


def test_a_higher_confidence_gives_a_wider_interval_around_the_rate():
    widths = []
    for confidence in (0.5, 0.9, 0.95, 0.99):
        low, high = clopper_pearson(30, 40, confidence)
        assert low < 30 / 40 < high
        widths.append(high - low)
    assert np.all(np.diff(widths) > 0)


def test_large_counts_neither_overflow_nor_underflow():
    low, high = clopper_pearson(9990, 10000)
    assert 0.998 < low < 0.999 < 0.9995 < high < 0.9996


def test_numpy_integers_are_counts():
    assert clopper_pearson(np.int64(436), np.int32(450)) == clopper_pearson(436, 450)


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((1.0, 10), TypeError, "successes must be an integer, got float 1.0"),
        ((1, "10"), TypeError, "trials must be an integer, got str '10'"),
        ((True, 10), TypeError, "successes must be an integer, got bool True"),
        ((0, 0), ValueError, "trials must be a positive integer, got 0"),
        ((-1, 10), ValueError, r"successes must lie in 0\.\.trials = 0\.\.10, got -1"),
        ((11, 10), ValueError, r"successes must lie in 0\.\.trials = 0\.\.10, got 11"),
        ((1, 10, "95%"), TypeError, "confidence must be a number between 0 and 1, got str"),
        ((1, 10, 95), ValueError, "confidence must lie strictly between 0 and 1, got 95"),
        ((1, 10, 1.0), ValueError, "confidence must lie strictly between 0 and 1, got 1.0"),
        ((1, 10, math.nan), ValueError, "confidence must lie strictly between 0 and 1, got nan"),
    ],
)
def test_bad_input_names_the_argument(args, error, message):
    with pytest.raises(error, match=message):
        clopper_pearson(*args)
