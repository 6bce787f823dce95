"""Per-sample SGD of many independently seeded networks at once, vectorised with NumPy.

:func:`sgd_many` stacks the parameters of ``R`` runs of one architecture along a last axis and
advances all of them with a fixed list of NumPy operations per step, whatever ``R`` is; for a few
runs of a small network it runs the generated code of :mod:`nnmath.training.generated` once per
run instead. Run ``r`` follows ``nnmath.sgd`` with its own seeds, to rounding.
"""

from __future__ import annotations

import functools
import itertools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath._validation import check_seed, describe
from nnmath.activations import _log_softmax_unchecked
from nnmath.losses import classes
from nnmath.network import Network, _activate
from nnmath.training.generated import sgd, supports
from nnmath.training.schedule import History, Progress, check_run, record_points, sample_order

__all__ = ["ManyResult", "sgd_many"]

FloatArray = NDArray[np.floating[Any]]


@dataclass(frozen=True)
class ManyResult:
    """Outcome of :func:`sgd_many`: ``R`` independent runs of the same architecture.

    Attributes
    ----------
    seeds : tuple of int, length R
        Initialisation seed of each run (``Network(sizes, seed=s)``).
    sample_seeds : tuple of int, length R
        Seed of each run's sample order.
    params : ndarray, shape (R, n_params)
        Final parameters of each run, ordered as :meth:`Network.get_params`.
    steps : ndarray of int, shape (m,)
        Step counts at which the costs were recorded.
    cost : ndarray, shape (R, m)
        Mean cost over the data set of each run at those steps.
    correct : ndarray of int, shape (R,)
        Number of rows each final network classifies correctly (largest
        output = largest target entry).
    n_samples : int
        Number of rows in the data set.
    seconds : float
        Wall-clock time of the whole batch of runs.
    method : {"vectorized", "loop"}
        How the runs were executed.
    networks : tuple of Network, length R
        The final networks.
    """

    seeds: tuple[int, ...]
    sample_seeds: tuple[int, ...]
    params: FloatArray
    steps: NDArray[np.int64]
    cost: FloatArray
    correct: NDArray[np.int64]
    n_samples: int
    seconds: float
    method: str
    networks: tuple[Network, ...]

    @property
    def final_cost(self) -> FloatArray:
        """The cost of each run after the last step, shape ``(R,)``."""
        out: FloatArray = self.cost[:, -1].copy()
        return out

    def history(self, r: int) -> History:
        """Run ``r`` as a :class:`nnmath.History` (``seconds`` is the shared total)."""
        return History(self.steps, self.cost[r].copy(), self.seconds)


def _check_seeds(name: str, seeds: object, count: int | None = None) -> tuple[int, ...]:
    if isinstance(seeds, (str, bytes)) or not isinstance(seeds, (Sequence, np.ndarray)):
        raise TypeError(
            f"{name} must be a sequence of non-negative integers, got {describe(seeds)}"
        )
    values = list(seeds)
    if not values:
        raise ValueError(f"{name} must not be empty")
    for s in values:
        if s is None:
            raise TypeError(f"{name} must hold integers, got None")
        check_seed(name, s)
    if count is not None and len(values) != count:
        raise ValueError(f"{name} must have one seed per run ({count}), got {len(values)}")
    return tuple(int(s) for s in values)


def _many_costs(
    sizes: tuple[int, ...],
    hidden: str,
    output: str,
    loss: str,
    params: FloatArray,
    X: FloatArray,
    Y: FloatArray,
) -> tuple[FloatArray, NDArray[np.int64]]:
    """Mean cost and number of correctly classified rows of every run.

    ``params`` has shape ``(R, n_params)`` (get_params order); returns two ``(R,)`` arrays.
    """
    R, n = params.shape[0], X.shape[0]
    a: FloatArray = np.broadcast_to(X, (R, *X.shape))
    z = a
    i = 0
    L = len(sizes) - 1
    for l in range(1, L + 1):
        d_in, d_out = sizes[l - 1], sizes[l]
        W = params[:, i : i + d_out * d_in].reshape(R, d_out, d_in)
        i += d_out * d_in
        b = params[:, i : i + d_out]
        i += d_out
        z = a @ W.transpose(0, 2, 1) + b[:, np.newaxis, :]  # (R, n, d_out)
        a = _activate(output if l == L else hidden, z)
    if loss == "quadratic":
        diff = a - Y
        cost: FloatArray = 0.5 * np.sum(diff * diff, axis=(1, 2)) / n
    else:
        cost = -np.sum(Y * _log_softmax_unchecked(z), axis=(1, 2)) / n
    correct = np.sum(classes(a) == classes(Y), axis=1).astype(np.int64)
    return cost, correct


class _Vectorised:
    """Buffers and the operations of one SGD step for ``R`` networks at once.

    Layer ``l`` keeps ``[W^l | b^l]`` as one ``(d_out, d_in + 1, R)`` view of a
    flat ``(n_params, R)`` array, and every activation ``a^(l−1)`` gets a
    trailing row of ones, so ``z = Σ_j [W|b]_ij [a;1]_j`` is one product and one
    sum (bias added last, as in ``W a + b``) and the gradient ``δ [a;1]ᵀ`` holds
    both ``∂C/∂W = δ aᵀ`` and ``∂C/∂b = δ``. The run index is the last axis.

    A step is a fixed list of NumPy calls on these buffers (the "tape"), built
    once, so each step costs the same few dozen calls whatever ``R`` is.
    """

    def __init__(
        self, sizes: tuple[int, ...], hidden: str, output: str, R: int, eta: float
    ) -> None:
        L = len(sizes) - 1
        # perm[k] = index in get_params order of the k-th entry of the augmented layout.
        perm: list[NDArray[np.intp]] = []
        offset = 0
        for l in range(1, L + 1):
            d_in, d_out = sizes[l - 1], sizes[l]
            w = offset + np.arange(d_out * d_in).reshape(d_out, d_in)
            b = offset + d_out * d_in + np.arange(d_out)
            perm.append(np.column_stack([w, b]).ravel())
            offset += d_out * (d_in + 1)
        self.perm = np.concatenate(perm)
        self.P = np.empty((offset, R))
        G = np.empty((offset, R))
        W: list[FloatArray] = [np.empty(0)]
        dW: list[FloatArray] = [np.empty(0)]
        offset = 0
        for l in range(1, L + 1):
            shape = (sizes[l], sizes[l - 1] + 1, R)
            size = shape[0] * shape[1]
            W.append(self.P[offset : offset + size].reshape(shape))
            dW.append(G[offset : offset + size].reshape(shape))
            offset += size
        # One sample per run: rows [x; 1; y (; Σy)], copied in before each step.
        d_in, d_out = sizes[0], sizes[-1]
        self.sample = np.empty((d_in + 1 + d_out + (output == "softmax"), R))
        y = self.sample[d_in + 1 : d_in + 1 + d_out]
        # A[l]: activations (hidden ones with a last row of ones), Z: weighted inputs,
        # D: errors δ, E/F/M: scratch, T: products [W|b] ⊙ [a;1], U: products W ⊙ δ,
        # S: (W^l)ᵀ δ^l.
        A = [self.sample[: d_in + 1]] + [np.ones((sizes[l] + (l < L), R)) for l in range(1, L + 1)]
        Z, D, E, F = ([np.empty((n, R)) for n in sizes] for _ in range(4))
        M = [np.empty((n, R), dtype=bool) for n in sizes]
        T = [np.empty(0)] + [np.empty(w.shape) for w in W[1:]]
        U = [np.empty(0)] + [np.empty((w.shape[0], w.shape[1] - 1, R)) for w in W[1:]]
        S = [np.empty((n, R)) for n in sizes]
        per_run = np.empty(R)  # softmax: max and sum over the units
        tape: list[Callable[[], object]] = []
        op = functools.partial

        def activate(f: str, l: int) -> None:
            z, e, out = Z[l], E[l], A[l][: sizes[l]]
            if f == "sigmoid":
                # As in nnmath.activations: e = exp(−|z|), σ = (1 if z ≥ 0 else e)/(1 + e).
                tape.extend([
                    op(np.copysign, z, -1.0, out=e),
                    op(np.exp, e, out=e),
                    op(np.add, e, 1.0, out=F[l]),
                    op(np.greater_equal, z, 0.0, out=M[l]),
                    op(np.copyto, e, 1.0, where=M[l]),
                    op(np.divide, e, F[l], out=out),
                ])  # fmt: skip
            elif f == "tanh":
                tape.append(op(np.tanh, z, out=out))
            elif f == "relu":
                tape.append(op(np.maximum, z, 0.0, out=out))
            elif f == "identity":
                tape.append(op(np.copyto, out, z))
            else:  # softmax over the units (axis 0), shifted by the largest logit
                tape.extend([
                    op(np.maximum.reduce, z, axis=0, out=per_run),
                    op(np.subtract, z, per_run, out=e),
                    op(np.exp, e, out=e),
                    op(np.add.reduce, e, axis=0, out=per_run),
                    op(np.divide, e, per_run, out=out),
                ])  # fmt: skip

        def prime_times(f: str, l: int, factor: FloatArray) -> None:
            # D[l] = f′(z^l) ⊙ factor, with f′ from a = f(z) as in Network.backward.
            a, fp, d = A[l][: sizes[l]], F[l], D[l]
            if f == "sigmoid":
                tape.extend([
                    op(np.subtract, 1.0, a, out=fp),
                    op(np.multiply, a, fp, out=fp),
                    op(np.multiply, fp, factor, out=d),
                ])  # fmt: skip
            elif f == "tanh":
                tape.extend([
                    op(np.multiply, a, a, out=fp),
                    op(np.subtract, 1.0, fp, out=fp),
                    op(np.multiply, fp, factor, out=d),
                ])  # fmt: skip
            elif f == "relu":
                tape.extend([
                    op(np.greater, Z[l], 0.0, out=M[l]),
                    op(np.multiply, factor, M[l], out=d),
                ])  # fmt: skip
            else:  # identity
                tape.append(op(np.copyto, d, factor))

        for l in range(1, L + 1):
            tape.append(op(np.multiply, W[l], A[l - 1], out=T[l]))
            tape.append(op(np.add.reduce, T[l], axis=1, out=Z[l]))
            activate(output if l == L else hidden, l)
        if output == "softmax":  # cross-entropy: δ = p Σy − y
            tape.append(op(np.multiply, A[L], self.sample[-1], out=D[L]))
            tape.append(op(np.subtract, D[L], y, out=D[L]))
        else:
            tape.append(op(np.subtract, A[L], y, out=E[L]))
            prime_times(output, L, E[L])
        for l in range(L, 0, -1):
            d = D[l][:, np.newaxis, :]
            tape.append(op(np.multiply, d, A[l - 1], out=dW[l]))
            if l > 1:
                # δ^(l−1) = f′(z^(l−1)) ⊙ (W^l)ᵀ δ^l: sum over the units of layer l.
                tape.append(op(np.multiply, W[l][:, : sizes[l - 1], :], d, out=U[l]))
                tape.append(op(np.add.reduce, U[l], axis=0, out=S[l - 1]))
                prime_times(hidden, l - 1, S[l - 1])
        # ϑ ← ϑ − η (δ a) for every layer and run at once, as in the general loop.
        tape.append(op(np.multiply, G, eta, out=G))
        tape.append(op(np.subtract, self.P, G, out=self.P))
        self.tape = tape

    def set_params(self, params: FloatArray) -> None:
        """Load ``(R, n_params)`` parameters in get_params order."""
        self.P[...] = params.T[self.perm]

    def get_params(self) -> FloatArray:
        """The current ``(R, n_params)`` parameters in get_params order."""
        out = np.empty_like(self.P)
        out[self.perm] = self.P
        result: FloatArray = out.T.copy()
        return result

    def step(self, sample: FloatArray) -> None:
        """One SGD step of every run on ``sample``, rows ``[x; 1; y (; Σy)]`` × R."""
        np.copyto(self.sample, sample)
        for operation in self.tape:
            operation()


def _run_vectorised(
    sizes: tuple[int, ...],
    hidden: str,
    output: str,
    params: FloatArray,
    data: FloatArray,
    orders: NDArray[np.integer[Any]],
    marks: NDArray[np.int64],
    eta: float,
    report: Callable[[int, FloatArray], None],
    chunk: int = 1024,
) -> FloatArray:
    """Train ``R`` runs; ``data`` rows are ``[x, 1, y(, Σy)]``, ``orders`` is ``(R, steps)``."""
    R = orders.shape[0]
    engine = _Vectorised(sizes, hidden, output, R, eta)
    engine.set_params(params)
    report(0, engine.get_params())
    for start, stop in itertools.pairwise(marks.tolist()):
        for t0 in range(start, stop, chunk):
            t1 = min(t0 + chunk, stop)
            # The samples of steps t0..t1 of every run, as (t1 − t0, width, R).
            block = np.ascontiguousarray(data[orders[:, t0:t1]].transpose(1, 2, 0))
            for sample in block:
                engine.step(sample)
        report(stop, engine.get_params())
    return engine.get_params()


def sgd_many(
    sizes: Sequence[int],
    X: ArrayLike,
    Y: ArrayLike,
    *,
    seeds: Sequence[int],
    learning_rate: float,
    steps: int,
    record: int = 200,
    hidden: str = "sigmoid",
    output: str = "sigmoid",
    loss: str = "quadratic",
    sample_seeds: Sequence[int] | None = None,
    init_scale: float = 0.5,
    method: Literal["auto", "vectorized", "loop"] = "auto",
    progress: bool | None = None,
) -> ManyResult:
    """Per-sample SGD on many independently seeded networks at once.

    Run ``r`` is exactly ::

        net = Network(sizes, hidden=hidden, output=output, loss=loss, seed=seeds[r])
        sgd(net, X, Y, learning_rate=learning_rate, steps=steps, seed=sample_seeds[r])

    (equal to rounding), but the runs advance together: the parameters of all
    runs are stacked along a last axis of length ``R`` and each step is a fixed
    number of NumPy operations on those stacks, whatever ``R`` is.

    Parameters
    ----------
    sizes : sequence of int
        Layer widths, as for :class:`nnmath.Network`.
    X : array_like, shape (n, sizes[0])
    Y : array_like, shape (n, sizes[-1]) or integer labels (n,)
    seeds : sequence of int, length R
        Initialisation seed of each run.
    learning_rate : float
        Step size ``η > 0``.
    steps : int
        Number of updates per run, ``≥ 1``.
    record : int
        About how many costs to record (log-spaced, as in :func:`nnmath.sgd`).
    hidden, output, loss : str
        As for :class:`nnmath.Network`.
    sample_seeds : sequence of int, length R, optional
        Seed of each run's sample order; by default the same as ``seeds``.
    init_scale : float
        As for :class:`nnmath.Network`.
    method : {"auto", "vectorized", "loop"}
        ``"vectorized"`` advances all runs together with NumPy; ``"loop"`` runs
        :func:`~nnmath.sgd` once per run (needs :func:`supports`). ``"auto"``
        picks the loop for few runs of a small network and vectorises otherwise.
    progress : bool, optional
        Force the progress bar on or off.

    Returns
    -------
    ManyResult

    Raises
    ------
    TypeError
        If ``seeds`` is not a sequence of integers, or as for :func:`nnmath.sgd`.
    ValueError
        If ``seeds`` is empty or holds a negative seed, ``sample_seeds`` has a
        different length, ``method`` is unknown or ``"loop"`` is asked for a
        network the fast path does not support, or as for :func:`nnmath.sgd`.
    """
    seed_list = _check_seeds("seeds", seeds)
    R = len(seed_list)
    order_seeds = (
        seed_list if sample_seeds is None else _check_seeds("sample_seeds", sample_seeds, R)
    )
    check_run(learning_rate, steps, None, record)
    if method not in ("auto", "vectorized", "loop"):
        raise ValueError(f"method must be 'auto', 'vectorized' or 'loop', got {method!r}")
    nets = [
        Network(sizes, hidden=hidden, output=output, loss=loss, seed=s, init_scale=init_scale)
        for s in seed_list
    ]
    Xa, Ya = nets[0].check_data(X, Y)
    if method == "loop" and not supports(nets[0]):
        raise ValueError(f"method='loop' needs a network that supports() accepts, got {nets[0]}")
    if method == "auto":
        method = "loop" if supports(nets[0]) and _loop_limit(nets[0]) >= R else "vectorized"
    arch = nets[0].sizes
    marks = record_points(steps, record)
    n = Xa.shape[0]
    with Progress(steps * R, "sgd_many", progress) as bar:
        start = time.perf_counter()

        costs = np.empty((R, marks.size))
        if method == "loop":
            for r, (net, s) in enumerate(zip(nets, order_seeds, strict=True)):
                history = sgd(
                    net,
                    Xa,
                    Ya,
                    learning_rate=learning_rate,
                    steps=steps,
                    seed=s,
                    record=record,
                    progress=False,
                )
                costs[r] = history.cost
                bar.at((r + 1) * steps, history.final_cost)
            final = np.stack([net.get_params() for net in nets])
        else:
            column = 0

            def report(step: int, params: FloatArray) -> None:
                nonlocal column
                costs[:, column] = _many_costs(arch, hidden, output, loss, params, Xa, Ya)[0]
                column += 1
                bar.at(step * R, float(np.median(costs[:, column - 1])))

            dtype = np.min_scalar_type(n - 1)
            orders = np.empty((R, steps), dtype=dtype)
            for r, s in enumerate(order_seeds):
                # The same draw as nnmath.sgd, so run r sees exactly its samples.
                orders[r] = sample_order(n, steps, s)[:, 0]
            parts = [Xa, np.ones((n, 1)), Ya]
            if output == "softmax":
                parts.append(np.sum(Ya, axis=1, keepdims=True))
            final = _run_vectorised(
                arch,
                hidden,
                output,
                np.stack([net.get_params() for net in nets]),
                np.hstack(parts),
                orders,
                marks,
                float(learning_rate),
                report,
            )
            for net, p in zip(nets, final, strict=True):
                net._write_params(p)
        seconds = time.perf_counter() - start
    _, correct = _many_costs(arch, hidden, output, loss, final, Xa, Ya)
    return ManyResult(
        seeds=seed_list,
        sample_seeds=order_seeds,
        params=final,
        steps=marks.astype(np.int64),
        cost=costs,
        correct=correct,
        n_samples=n,
        seconds=seconds,
        method=method,
        networks=tuple(nets),
    )


def _loop_limit(net: Network) -> int:
    """Most runs for which one generated scalar loop per run beats vectorising.

    Measured with CPython 3.11 and NumPy 2.4: a generated step costs about
    0.065 µs per parameter; a vectorised step about 10 µs per layer for a few
    dozen runs (2-2-3-2: one loop per run up to about 20 runs).
    """
    return max(1, int(10.0 * net.n_layers / (0.065 * net.n_params)))
