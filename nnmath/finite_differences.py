"""Central finite differences: of any function, and of a network's loss to check backpropagation."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from nnmath._validation import as_float_array, check_positive_number
from nnmath.network import Network


def central_difference_gradient(
    f: Callable[[np.ndarray], float], x: ArrayLike, h: float
) -> np.ndarray:
    """The gradient of ``f`` at ``x`` by central differences, ``(f(x + h eᵢ) − f(x − h eᵢ))/2h``.

    The readable second-order rule, one coordinate at a time (the error is O(h²));
    :func:`numerical_gradient` uses a fourth-order rule on a network's loss.

    Parameters
    ----------
    f : callable
        Takes an array shaped like ``x``, returns a number.
    x : array_like, shape (n,)
        The point; finite numbers.
    h : float
        The step, ``h > 0``.

    Returns
    -------
    ndarray, shape (n,)

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``x`` is not an array of numbers.
    ValueError
        If ``x`` is not 1-D and finite, or ``h`` is not a positive number.

    Examples
    --------
    >>> central_difference_gradient(lambda v: float(v @ v), np.array([1.0, -2.0]), 1e-3)
    array([ 2., -4.])
    """
    if not callable(f):
        raise TypeError(f"f must be a function of an array, got {type(f).__name__}")
    point = as_float_array("x", x, ndim=1, dtype=np.float64)
    check_positive_number("h", h)
    grad = np.empty(point.shape)
    for i in range(point.size):
        shift = np.zeros(point.shape)
        shift[i] = h
        grad[i] = (f(point + shift) - f(point - shift)) / (2 * h)
    return grad


def numerical_gradient(
    net: Network, X: ArrayLike, Y: ArrayLike, *, eps: float = 1e-3
) -> np.ndarray:
    """Fourth-order central-difference gradient of ``net.loss``.

    ``∂C/∂ϑ_i ≈ (−C(ϑ+2εe_i) + 8C(ϑ+εe_i) − 8C(ϑ−εe_i) + C(ϑ−2εe_i)) / 12ε``,
    whose truncation error is ``O(ε⁴)``; with ``ε = 10⁻³`` both it and the
    rounding error stay near ``10⁻¹²``, so even tiny gradient entries are
    checked meaningfully.

    Parameters
    ----------
    net : Network
        Left unchanged on return.
    X, Y : array_like
        Data as for :meth:`Network.loss`.
    eps : float
        Step size ``ε > 0``.

    Returns
    -------
    ndarray, shape (net.n_params,)
        In the order of :meth:`Network.get_params`.

    Raises
    ------
    TypeError, ValueError
        For invalid data or a non-positive ``eps``.
    """
    check_positive_number("eps", eps)
    Xa, Ya = net.check_data(X, Y)
    theta = net.get_params()
    grad = np.empty_like(theta)
    probe = net.copy()
    stencil = ((2.0, -1.0), (1.0, 8.0), (-1.0, -8.0), (-2.0, 1.0))

    for i in range(theta.size):
        total = 0.0
        for offset, weight in stencil:
            shifted = theta.copy()
            shifted[i] += offset * eps
            probe.set_params(shifted)
            total += weight * probe.loss(Xa, Ya)
        grad[i] = total / (12 * eps)
    return grad


def gradcheck(net: Network, X: ArrayLike, Y: ArrayLike, *, eps: float = 1e-3) -> float:
    """Largest relative error between backpropagation and central differences.

    The relative error of entry ``i`` is ``|g_i − n_i| / max(|g_i| + |n_i|, 10⁻⁶)``,
    with ``g`` from :meth:`Network.gradient` and ``n`` from
    :func:`numerical_gradient`. Entries smaller than about 10⁻⁶ are thus
    compared absolutely (to 10⁻¹² for a result below 10⁻⁶), because there both
    sides hold little more than rounding noise. A correct float64 gradient
    gives about 10⁻⁹ or less.

    Parameters
    ----------
    net : Network
        A float64 network (finite differences are meaningless in float32).
    X, Y : array_like
        Data as for :meth:`Network.loss`.
    eps : float
        Finite-difference step.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``net`` is not a :class:`Network`.
    ValueError
        For invalid data, a non-positive ``eps`` or a float32 network.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be an nnmath.Network, got {type(net).__name__}")
    if net.dtype != np.float64:
        raise ValueError(f"gradcheck needs a float64 network, got dtype {net.dtype}")
    analytic = net.gradient_vector(X, Y)
    numeric = numerical_gradient(net, X, Y, eps=eps)
    denom = np.maximum(np.abs(analytic) + np.abs(numeric), 1e-6)
    return float(np.max(np.abs(analytic - numeric) / denom))
