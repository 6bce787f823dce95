"""Evaluating a classifier: how far a measured success rate can be trusted.

An accuracy measured on ``n`` test samples, or a share of ``n`` training runs that succeed, is
an estimate of a probability. :func:`clopper_pearson` gives the exact confidence interval for
it, with the standard library only (no SciPy).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from typing import NamedTuple

from nnmath._validation import describe

__all__ = ["Interval", "clopper_pearson"]


class Interval(NamedTuple):
    """A confidence interval ``[low, high]`` for a probability."""

    low: float
    high: float


def clopper_pearson(successes: int, trials: int, confidence: float = 0.95) -> Interval:
    """Exact (Clopper–Pearson) confidence interval for a success probability.

    With ``k`` successes in ``n`` trials, ``K ~ Binomial(n, p)`` and ``α = 1 − confidence``,
    ``low`` is the ``p`` with ``P(K ≥ k) = α/2`` (0 when ``k = 0``) and ``high`` the ``p``
    with ``P(K ≤ k) = α/2`` (1 when ``k = n``): the interval holds every ``p`` under which
    the observed count is not in either tail. It covers the true ``p`` with probability at
    least ``confidence`` whatever ``p`` is (it is conservative). These are the quantiles of
    the beta distribution that ``scipy.stats.binomtest(k, n).proportion_ci(method="exact")``
    returns.

    Each bound is found by bisection on ``p`` to about 1e-15: both tails are monotone in
    ``p``, and each is summed in log space from the exact binomial coefficients
    (``math.comb``), so no term overflows or underflows whatever ``n`` is (the cost grows
    like ``n`` per bisection step).

    Parameters
    ----------
    successes : int
        Number of successes ``k``, ``0 ≤ k ≤ trials``.
    trials : int
        Number of trials ``n ≥ 1``.
    confidence : float
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    Interval
        ``(low, high)`` with ``0 ≤ low ≤ k/n ≤ high ≤ 1``.

    Raises
    ------
    TypeError
        If ``successes`` or ``trials`` is not an integer, or ``confidence`` not a number.
    ValueError
        If ``trials < 1``, ``successes`` lies outside ``0 .. trials``, or ``confidence`` is
        not strictly between 0 and 1.

    Examples
    --------
    436 right answers on 450 test images:

    >>> from nnmath.evaluation import clopper_pearson
    >>> low, high = clopper_pearson(436, 450)
    >>> f"{low:.1%} to {high:.1%}"
    '94.8% to 98.3%'

    When every trial succeeds the upper bound is 1 and the lower one is ``(α/2)^(1/n)``:

    >>> interval = clopper_pearson(20, 20)
    >>> round(interval.low, 4), interval.high, round(0.025 ** (1 / 20), 4)
    (0.8316, 1.0, 0.8316)
    >>> clopper_pearson(3, 2)
    Traceback (most recent call last):
    ...
    ValueError: successes must lie in 0..trials = 0..2, got 3
    """
    k, n = _check_counts(successes, trials)
    log_half_alpha = math.log((1.0 - _check_confidence(confidence)) / 2)
    # P(K ≥ k) grows with p and P(K ≤ k) falls with p: each bound is the one root.
    low = 0.0 if k == 0 else _bisect(_log_tail(n, range(k, n + 1)), log_half_alpha)
    falling = _log_tail(n, range(k + 1))
    high = 1.0 if k == n else _bisect(lambda p: -falling(p), -log_half_alpha)
    return Interval(low, high)


def _check_counts(successes: object, trials: object) -> tuple[int, int]:
    for name, value in (("successes", successes), ("trials", trials)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError(f"{name} must be an integer, got {describe(value)}")
    n, k = int(trials), int(successes)  # type: ignore[call-overload]
    if n < 1:
        raise ValueError(f"trials must be a positive integer, got {n}")
    if not 0 <= k <= n:
        raise ValueError(f"successes must lie in 0..trials = 0..{n}, got {k}")
    return k, n


def _check_confidence(confidence: object) -> float:
    if isinstance(confidence, bool) or not isinstance(confidence, numbers.Real):
        raise TypeError(f"confidence must be a number between 0 and 1, got {describe(confidence)}")
    level = float(confidence)
    if not 0.0 < level < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence!r}")
    return level


def _log_tail(n: int, counts: range) -> Callable[[float], float]:
    """``p ↦ log P(K ∈ counts)`` for ``K ~ Binomial(n, p)``, ``0 < p < 1``, summed in log space."""
    log_coefficients = []
    coefficient = math.comb(
        n, counts.start
    )  # exact; the next ones by C(n, i+1) = C(n, i)(n-i)/(i+1)
    for i in counts:
        log_coefficients.append((i, n - i, math.log(coefficient)))
        coefficient = coefficient * (n - i) // (i + 1)

    def log_probability(p: float) -> float:
        log_p, log_q = math.log(p), math.log1p(-p)
        terms = [c + i * log_p + j * log_q for i, j, c in log_coefficients]
        top = max(terms)
        return top + math.log(math.fsum(math.exp(t - top) for t in terms))

    return log_probability


def _bisect(increasing: Callable[[float], float], goal: float) -> float:
    """The ``p`` in ``(0, 1)`` where ``increasing(p)`` reaches ``goal``, to the last bit."""
    lo, hi = 0.0, 1.0
    while (mid := (lo + hi) / 2) not in (lo, hi):
        lo, hi = (mid, hi) if increasing(mid) < goal else (lo, mid)
    return mid
