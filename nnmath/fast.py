"""Fast per-sample SGD for small networks: generated straight-line code.

The general loop in :mod:`nnmath.training` calls NumPy a few dozen times per
step. For Higham & Higham's 2-2-3-2 network (23 parameters) each call handles
only a handful of numbers, so the per-call overhead dominates: 10⁶ steps take
tens of seconds. This module writes, for a given architecture, one Python
function whose loop body is the forward pass, the backpropagation equations
and the update spelled out on scalar float locals, e.g.::

    z1_0 = w1_0_0 * x0 + w1_0_1 * x1 + b1_0                # z^l = W^l a^(l−1) + b^l
    ...
    d3_0 = eta * (a3_0 * (1.0 - a3_0) * (a3_0 - y0))       # η δ^L = η σ′(z^L) ∘ (a^L − y)
    d2_0 = a2_0 * (1.0 - a2_0) * (d3_0 * w3_0_0 + d3_1 * w3_1_0) # η δ^l = σ′ ∘ (W^(l+1))ᵀ η δ^(l+1)
    w3_0_0 -= d3_0 * a2_0                                  # W^l −= η δ^l (a^(l−1))ᵀ

Every activation and error is computed once and reused, the whole run (all
steps) happens inside that one function, and it is compiled once per
architecture and cached. :func:`generated_source` returns the code.

The operations are those of :meth:`nnmath.Network.backward`, with one change of
order: the learning rate multiplies the output error once instead of every
gradient (backpropagation is linear in the error), so the fast path follows the
general one to rounding, about 1e-15 relative per step.

:func:`sgd_many` trains many independently seeded copies of a network at once,
vectorised across the runs with NumPy.
"""

from __future__ import annotations

import functools
import itertools
import sys
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath import training
from nnmath._progress import ProgressBar, should_show
from nnmath._validation import check_seed, describe
from nnmath.activations import _log_softmax_unchecked
from nnmath.network import Network, _activate

__all__ = [
    "MAX_PARAMS",
    "ManyResult",
    "generated_source",
    "sgd_fast",
    "sgd_many",
    "supports",
]

FloatArray = NDArray[np.floating[Any]]

#: Largest network (weights + biases) the generated scalar code is used for.
MAX_PARAMS = 200

_HIDDEN = ("sigmoid", "tanh", "relu")
_PAIRS = (("sigmoid", "quadratic"), ("identity", "quadratic"), ("softmax", "cross_entropy"))

# report(step, params) -> mean cost over the data, called at every recording mark.
Report = Callable[[int, tuple[float, ...]], float]
Loop = Callable[
    [tuple[float, ...], list[tuple[float, ...]], list[int], list[int], float, Report],
    tuple[tuple[float, ...], list[float]],
]


# -- code generation ----------------------------------------------------------------------


def _weight(l: int, i: int, j: int) -> str:
    return f"w{l}_{i}_{j}"


def _bias(l: int, i: int) -> str:
    return f"b{l}_{i}"


def _act(l: int, i: int) -> str:
    return f"x{i}" if l == 0 else f"a{l}_{i}"


def _param_names(sizes: tuple[int, ...]) -> list[str]:
    """Names in the order of :meth:`Network.get_params`: W^1 (row-major), b^1, W^2, …"""
    names: list[str] = []
    for l in range(1, len(sizes)):
        names += [_weight(l, i, j) for i in range(sizes[l]) for j in range(sizes[l - 1])]
        names += [_bias(l, i) for i in range(sizes[l])]
    return names


def _forward_lines(sizes: tuple[int, ...], hidden: str, output: str) -> list[str]:
    """Forward pass ``z^l = W^l a^(l−1) + b^l``, ``a^l = f(z^l)`` for one sample."""
    L = len(sizes) - 1
    lines: list[str] = []
    for l in range(1, L + 1):
        f = output if l == L else hidden
        lines.append(f"# layer {l}: z^{l} = W^{l} a^{l - 1} + b^{l}, a^{l} = {f}(z^{l})")
        for i in range(sizes[l]):
            terms = " + ".join(
                f"{_weight(l, i, j)} * {_act(l - 1, j)}" for j in range(sizes[l - 1])
            )
            z, a = f"z{l}_{i}", _act(l, i)
            lines.append(f"{z} = {terms} + {_bias(l, i)}")
            if f == "sigmoid":
                # exp of a non-positive number only: no overflow for any finite z.
                lines += [
                    f"if {z} >= 0.0:",
                    f"    e = exp(-{z})",
                    f"    {a} = 1.0 / (1.0 + e)",
                    "else:",
                    f"    e = exp({z})",
                    f"    {a} = e / (1.0 + e)",
                ]
            elif f == "tanh":
                lines.append(f"{a} = tanh({z})")
            elif f == "relu":
                lines.append(f"{a} = {z} if {z} > 0.0 else 0.0")
            elif f == "identity":
                lines.append(f"{a} = {z}")
        if f == "softmax":
            # softmax(z) = softmax(z − max z): every exponent is ≤ 0.
            zs = [f"z{l}_{i}" for i in range(sizes[l])]
            lines.append(f"m = {zs[0]}")
            lines += [f"if {z} > m:\n    m = {z}" for z in zs[1:]]
            lines += [f"e{l}_{i} = exp({z} - m)" for i, z in enumerate(zs)]
            lines.append("s = " + " + ".join(f"e{l}_{i}" for i in range(sizes[l])))
            lines += [f"{_act(l, i)} = e{l}_{i} / s" for i in range(sizes[l])]
    return lines


def _prime_times(f: str, l: int, i: int, factor: str) -> str:
    """``f′(z^l_i) · factor``, with ``f′`` written in terms of ``a = f(z)`` where possible."""
    a, z = _act(l, i), f"z{l}_{i}"
    if f == "sigmoid":
        return f"{a} * (1.0 - {a}) * {factor}"
    if f == "tanh":
        return f"(1.0 - {a} * {a}) * {factor}"
    if f == "relu":
        return f"{factor} if {z} > 0.0 else 0.0"
    return factor  # identity


def _backward_lines(sizes: tuple[int, ...], hidden: str, output: str) -> list[str]:
    """Backpropagation and the update ``θ ← θ − η ∇C`` for one sample.

    The variables ``d{l}_{i}`` hold ``η δ^l_i``: the output error is multiplied by
    ``η`` once, and since every ``δ^(l−1)`` is linear in ``δ^l``, all the others
    carry the factor too. Each update is then a single subtraction, which saves
    one multiplication per parameter and step.
    """
    L = len(sizes) - 1
    lines = [f"# output error, times the learning rate: η δ^{L}"]
    for i in range(sizes[L]):
        a, y = _act(L, i), f"y{i}"
        if output == "softmax":
            # ∂C/∂z for cross-entropy from logits: p Σ_k y_k − y.
            lines.append(f"d{L}_{i} = eta * ({a} * sy - {y})")
        else:
            lines.append(f"d{L}_{i} = eta * ({_prime_times(output, L, i, f'({a} - {y})')})")
    for l in range(L, 0, -1):
        if l > 1:
            # δ^(l−1) needs W^l before its update, so it comes first.
            lines.append(f"# η δ^{l - 1} = f'(z^{l - 1}) ∘ (W^{l})ᵀ η δ^{l}")
            for j in range(sizes[l - 1]):
                total = " + ".join(f"d{l}_{i} * {_weight(l, i, j)}" for i in range(sizes[l]))
                lines.append(f"d{l - 1}_{j} = {_prime_times(hidden, l - 1, j, f'({total})')}")
        lines.append(f"# W^{l} -= η δ^{l} (a^{l - 1})ᵀ, b^{l} -= η δ^{l}")
        for i in range(sizes[l]):
            for j in range(sizes[l - 1]):
                lines.append(f"{_weight(l, i, j)} -= d{l}_{i} * {_act(l - 1, j)}")
            lines.append(f"{_bias(l, i)} -= d{l}_{i}")
    return lines


def _tuple(names: list[str], indent: int) -> str:
    """``(n1, n2, …,)`` wrapped to lines of at most 100 characters."""
    pad = " " * (indent + 4)
    lines = textwrap.wrap(", ".join(names) + ",", width=100 - len(pad), break_on_hyphens=False)
    return "(\n" + "".join(f"{pad}{line}\n" for line in lines) + " " * indent + ")"


def _source(sizes: tuple[int, ...], hidden: str, output: str, loss: str) -> str:
    names = _param_names(sizes)
    row = [f"x{j}" for j in range(sizes[0])] + [f"y{k}" for k in range(sizes[-1])]
    if output == "softmax":
        row.append("sy")
    body = _forward_lines(sizes, hidden, output) + _backward_lines(sizes, hidden, output)
    arch = "-".join(map(str, sizes))
    code = "\n".join(body)
    uses_exp, uses_tanh = "exp(" in code, "tanh(" in code
    row_doc = "(x..., y..., sum(y))" if output == "softmax" else "(x..., y...)"
    head = [
        "from math import exp as _exp, tanh as _tanh",
        "",
        "",
        "def sgd_loop(params, rows, order, marks, eta, report):",
        f'    """Per-sample SGD on a {arch} network: {hidden} hidden layers, {output} output,',
        f"    {loss.replace('_', '-')} loss.",
        "",
        "    params: every weight and bias, in the order of Network.get_params().",
        f"    rows: one tuple {row_doc} of floats per sample.",
        "    order: the row used by each step; eta: the learning rate.",
        "    marks: increasing step counts; report(step, params) is called at each",
        "    and returns the cost there.",
        "    Returns the final parameters and the reported costs.",
        '    """',
        *(["    exp = _exp  # a local name is faster than a global"] if uses_exp else []),
        *(["    tanh = _tanh"] if uses_tanh else []),
        f"    {_tuple(names, 4)} = params",
        "    costs = []",
        "    start = 0",
        "    for stop in marks:",
        "        for k in order[start:stop]:",
        f"            {', '.join(row)} = rows[k]",
    ]
    indented = ["\n".join(" " * 12 + part for part in line.split("\n")) for line in body]
    tail = [
        "        start = stop",
        f"        costs.append(report(stop, {_tuple(names, 8)}))",
        f"    return {_tuple(names, 4)}, costs",
    ]
    return "\n".join(head + indented + tail) + "\n"


def _check_architecture(
    sizes: Sequence[int], hidden: str, output: str, loss: str
) -> tuple[int, ...]:
    # Network validates sizes and names with the usual messages.
    net = Network(sizes, hidden=hidden, output=output, loss=loss)
    if hidden not in _HIDDEN or (output, loss) not in _PAIRS:
        raise ValueError(
            f"the fast path does not support hidden={hidden!r}, output={output!r}, loss={loss!r}"
        )
    if net.n_params > MAX_PARAMS:
        raise ValueError(
            f"the fast path handles networks of at most {MAX_PARAMS} parameters, "
            f"sizes {list(net.sizes)} have {net.n_params}"
        )
    return net.sizes


def generated_source(
    sizes: Sequence[int],
    *,
    hidden: str = "sigmoid",
    output: str = "sigmoid",
    loss: str = "quadratic",
) -> str:
    """Python source of the generated SGD loop for an architecture.

    The source defines ``sgd_loop(params, rows, order, marks, eta, report)``
    whose loop body is one per-sample step (forward pass, backpropagation,
    update) written out on scalar locals.

    Parameters
    ----------
    sizes : sequence of int
        Layer widths, as for :class:`nnmath.Network`.
    hidden, output, loss : str
        Activations and loss, as for :class:`nnmath.Network`.

    Returns
    -------
    str
        Self-contained module source (it imports ``math.exp`` and ``math.tanh``).

    Raises
    ------
    TypeError, ValueError
        As for :class:`nnmath.Network`; ``ValueError`` also if the network has
        more than :data:`MAX_PARAMS` parameters.
    """
    arch = _check_architecture(sizes, hidden, output, loss)
    return _source(arch, hidden, output, loss)


@functools.lru_cache(maxsize=32)
def _compiled(sizes: tuple[int, ...], hidden: str, output: str, loss: str) -> Loop:
    source = _source(sizes, hidden, output, loss)
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<nnmath.fast {'-'.join(map(str, sizes))}>", "exec"), namespace)
    loop: Loop = namespace["sgd_loop"]
    return loop


def supports(net: object) -> bool:
    """Whether :func:`sgd_fast` runs ``net`` with generated code.

    True for a float64 :class:`nnmath.Network` of at most :data:`MAX_PARAMS`
    parameters with a sigmoid, tanh or ReLU hidden layer and a sigmoid or
    identity output with quadratic loss, or a softmax output with
    cross-entropy. Other networks go through the general NumPy loop.
    """
    return (
        isinstance(net, Network)
        and net.dtype == np.float64
        and net.n_params <= MAX_PARAMS
        and net.hidden in _HIDDEN
        and (net.output, net.loss_name) in _PAIRS
    )


# -- one run ------------------------------------------------------------------------------


def _rows(X: FloatArray, Y: FloatArray, output: str) -> list[tuple[float, ...]]:
    """Each sample as one tuple of Python floats: x, then y (then Σy for softmax)."""
    parts = [X, Y]
    if output == "softmax":
        parts.append(np.sum(Y, axis=-1, keepdims=True))
    return [tuple(r) for r in np.hstack(parts).tolist()]


def _store(net: Network, params: ArrayLike) -> None:
    """Write a parameter vector into ``net`` (no checks: NaN from a diverged run is kept)."""
    vec = np.asarray(params, dtype=np.float64)
    i = 0
    for w, b in zip(net.weights, net.biases, strict=True):
        w[...] = vec[i : i + w.size].reshape(w.shape)
        i += w.size
        b[...] = vec[i : i + b.size]
        i += b.size


def sgd_fast(
    net: Network,
    X: ArrayLike,
    Y: ArrayLike,
    *,
    learning_rate: float,
    steps: int,
    seed: int | None = None,
    record: int = 200,
    progress: bool | None = None,
) -> training.History:
    """:func:`nnmath.sgd` through generated straight-line code.

    Same arguments, sample order, recording points, checks and result as
    :func:`nnmath.sgd`: step ``i`` uses row ``default_rng(seed).integers(0, n,
    size=(steps, 1))[i, 0]``. Networks that :func:`supports` rejects (too large,
    float32, …) run through the general NumPy loop instead.

    Parameters
    ----------
    net : Network
        Updated in place.
    X : array_like, shape (n, sizes[0])
    Y : array_like, shape (n, sizes[-1]) or integer labels (n,)
    learning_rate : float
        Step size ``η > 0``.
    steps : int
        Number of updates, ``≥ 1``.
    seed : int, optional
        Seeds the sample order.
    record : int
        About how many costs to record (log-spaced).
    progress : bool, optional
        Force the progress bar on or off (default: on for long runs in a terminal).

    Returns
    -------
    History
        Costs (mean over all rows) at :func:`nnmath.training.record_points`.

    Raises
    ------
    TypeError
        If ``net`` is not a :class:`Network`, or for non-numeric data or settings.
    ValueError
        For invalid data, a non-positive learning rate or step count, or a
        negative seed.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a Network, got {describe(net)}")
    training._check_run(learning_rate, steps, seed, record)
    Xa, Ya = net.check_data(X, Y)
    order = np.random.default_rng(seed).integers(0, Xa.shape[0], size=(steps, 1))
    if not supports(net):
        plan = training.Schedule(order, learning_rate, steps, record, progress, "sgd")
        return training._train(net, Xa, Ya, plan)

    loop = _compiled(net.sizes, net.hidden, net.output, net.loss_name)
    marks = training.record_points(steps, record)
    bar = ProgressBar(steps, "sgd") if should_show(progress, steps, sys.stderr) else None

    def report(step: int, params: tuple[float, ...]) -> float:
        _store(net, params)
        cost = net.loss(Xa, Ya)
        if bar is not None:
            bar.update(step, cost)
        return cost

    start = time.perf_counter()
    params, costs = loop(
        tuple(net.get_params().tolist()),
        _rows(Xa, Ya, net.output),
        order[:, 0].tolist(),
        marks.tolist(),
        float(learning_rate),
        report,
    )
    _store(net, params)
    seconds = time.perf_counter() - start
    if bar is not None:
        bar.close(costs[-1])
    return training.History(marks.astype(np.int64), np.array(costs), seconds)


# -- many runs at once --------------------------------------------------------------------


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

    def history(self, r: int) -> training.History:
        """Run ``r`` as a :class:`nnmath.training.History` (``seconds`` is the shared total)."""
        return training.History(self.steps, self.cost[r].copy(), self.seconds)


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
    correct = np.sum(np.argmax(a, axis=2) == np.argmax(Y, axis=1), axis=1).astype(np.int64)
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
        # D: errors δ, E/F/M: scratch, T: products [W|b] ∘ [a;1], U: products W ∘ δ,
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
            # D[l] = f′(z^l) ∘ factor, with f′ from a = f(z) as in Network.backward.
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
                # δ^(l−1) = f′(z^(l−1)) ∘ (W^l)ᵀ δ^l: sum over the units of layer l.
                tape.append(op(np.multiply, W[l][:, : sizes[l - 1], :], d, out=U[l]))
                tape.append(op(np.add.reduce, U[l], axis=0, out=S[l - 1]))
                prime_times(hidden, l - 1, S[l - 1])
        # θ ← θ − η (δ a) for every layer and run at once, as in the general loop.
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
        :func:`sgd_fast` once per run (needs :func:`supports`). ``"auto"``
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
    training._check_run(learning_rate, steps, None, record)
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
    marks = training.record_points(steps, record)
    n = Xa.shape[0]
    bar = (
        ProgressBar(steps * R, "sgd_many") if should_show(progress, steps * R, sys.stderr) else None
    )
    start = time.perf_counter()

    costs = np.empty((R, marks.size))
    if method == "loop":
        for r, (net, s) in enumerate(zip(nets, order_seeds, strict=True)):
            history = sgd_fast(
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
            if bar is not None:
                bar.update((r + 1) * steps, history.final_cost)
        final = np.stack([net.get_params() for net in nets])
    else:
        column = 0

        def report(step: int, params: FloatArray) -> None:
            nonlocal column
            costs[:, column] = _many_costs(arch, hidden, output, loss, params, Xa, Ya)[0]
            column += 1
            if bar is not None:
                bar.update(step * R, float(np.median(costs[:, column - 1])))

        dtype = np.min_scalar_type(n - 1)
        orders = np.empty((R, steps), dtype=dtype)
        for r, s in enumerate(order_seeds):
            # The same draw as nnmath.sgd, so run r sees exactly its samples.
            orders[r] = np.random.default_rng(s).integers(0, n, size=(steps, 1))[:, 0]
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
            _store(net, p)
    seconds = time.perf_counter() - start
    if bar is not None:
        bar.close(float(np.median(costs[:, -1])))
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
