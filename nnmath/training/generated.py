"""Fast per-sample SGD for small networks: generated straight-line code.

The reference loop :func:`nnmath.training.run_reference` calls NumPy a few dozen times per
step. For Higham & Higham's 2-2-3-2 network (23 parameters) each call handles
only a handful of numbers, so the per-call overhead dominates: 10⁶ steps take
tens of seconds. This module writes, for a given architecture, one Python
function whose loop body is the forward pass, the backpropagation equations
and the update spelled out on scalar float locals, e.g.::

    z1_0 = w1_0_0 * x0 + w1_0_1 * x1 + b1_0                # z^l = W^l a^(l−1) + b^l
    ...
    d3_0 = eta * (a3_0 * (1.0 - a3_0) * (a3_0 - y0))       # η δ^L = η σ′(z^L) ⊙ (a^L − y)
    d2_0 = a2_0 * (1.0 - a2_0) * (d3_0 * w3_0_0 + d3_1 * w3_1_0) # η δ^l = σ′ ⊙ (W^(l+1))ᵀ η δ^(l+1)
    w3_0_0 -= d3_0 * a2_0                                  # W^l −= η δ^l (a^(l−1))ᵀ

Every activation and error is computed once and reused, the whole run (all
steps) happens inside that one function, and it is compiled once per
architecture and cached. :func:`generated_source` returns the code. :func:`sgd` (the public
:func:`nnmath.sgd`, also importable under its former name ``sgd_fast``) runs it, and hands
the networks :func:`supports` rejects to the buffered engine.

The operations are those of :meth:`nnmath.Network.backward`, with one change of
order: the learning rate multiplies the output error once instead of every
gradient (backpropagation is linear in the error), so the fast path follows the
general one to rounding, about 1e-15 relative per step.
"""

from __future__ import annotations

import functools
import textwrap
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnmath.network import Network
from nnmath.training import buffered
from nnmath.training.schedule import (
    History,
    Progress,
    Schedule,
    check_training,
    record_points,
    sample_order,
)

__all__ = ["MAX_PARAMS", "generated_source", "sgd", "sgd_fast", "supports"]

FloatArray = NDArray[np.floating[Any]]

#: Largest network (weights + biases) the generated scalar code is used for.
MAX_PARAMS = 200


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
    """Backpropagation and the update ``ϑ ← ϑ − η ∇C`` for one sample.

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
            lines.append(f"# η δ^{l - 1} = f'(z^{l - 1}) ⊙ (W^{l})ᵀ η δ^{l}")
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
    """Whether :func:`sgd` runs ``net`` with generated code.

    True for a float64 :class:`nnmath.Network` of at most :data:`MAX_PARAMS`
    parameters (every activation and loss a Network accepts is generated).
    Other networks run on the buffered engine, :mod:`nnmath.training.buffered`.
    """
    return isinstance(net, Network) and net.dtype == np.float64 and net.n_params <= MAX_PARAMS


# -- one run ------------------------------------------------------------------------------


def _rows(X: FloatArray, Y: FloatArray, output: str) -> list[tuple[float, ...]]:
    """Each sample as one tuple of Python floats: x, then y (then Σy for softmax)."""
    parts = [X, Y]
    if output == "softmax":
        parts.append(np.sum(Y, axis=-1, keepdims=True))
    return [tuple(r) for r in np.hstack(parts).tolist()]


def sgd(
    net: Network,
    X: ArrayLike,
    Y: ArrayLike,
    *,
    learning_rate: float,
    steps: int,
    seed: int | None = None,
    record: int = 200,
    progress: bool | None = None,
) -> History:
    """Stochastic gradient descent with one randomly chosen sample per step.

    Step ``i`` picks row ``k_i`` uniformly at random (with replacement),
    ``k_i = default_rng(seed).integers(0, n, size=(steps, 1))[i, 0]``, and moves every
    parameter by ``−η ∇C_{k_i}``, as in Higham & Higham's example. Small float64 networks
    (see :func:`~nnmath.training.generated.supports`) run on generated straight-line code
    that computes the same updates in the same order; larger ones run the buffered engine
    of :mod:`nnmath.training.buffered`.

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
        Seeds the sample order; the same seed and initial network give
        bit-identical results.
    record : int
        About how many costs to record (log-spaced).
    progress : bool, optional
        Force the progress bar on or off; by default it shows for runs of at
        least 10⁴ steps in a terminal and never in a notebook.

    Returns
    -------
    History
        The mean cost over all rows at :func:`~nnmath.training.record_points`, and the wall
        time.

    Raises
    ------
    TypeError
        If ``net`` is not an :class:`~nnmath.Network`, or for non-numeric data or settings.
    ValueError
        For invalid data (see :meth:`Network.check_data`), a non-positive learning rate,
        step count or record count, or a negative seed.

    Examples
    --------
    Higham & Higham's network and data, a thousand single-sample steps:

    >>> import nnmath as nm
    >>> X, Y = nm.datasets.higham()
    >>> net = nm.Network([2, 2, 3, 2], seed=5000)
    >>> history = nm.sgd(net, X, Y, learning_rate=0.05, steps=1000, seed=0)
    >>> int(history.steps[-1]), bool(history.final_cost < history.cost[0])
    (1000, True)
    """
    Xa, Ya = check_training(net, X, Y, learning_rate, steps, seed, record)
    order = sample_order(Xa.shape[0], steps, seed)
    if not supports(net):
        plan = Schedule(order, learning_rate, steps, record, progress, "sgd")
        return buffered.run(net, Xa, Ya, plan)

    loop = _compiled(net.sizes, net.hidden, net.output, net.loss_name)
    marks = record_points(steps, record)

    with Progress(steps, "sgd", progress) as bar:

        def report(step: int, params: tuple[float, ...]) -> float:
            net._write_params(params)
            cost = net.loss(Xa, Ya)
            bar.at(step, cost)
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
        net._write_params(params)
        seconds = time.perf_counter() - start
    return History(marks.astype(np.int64), np.array(costs), seconds)


#: :func:`sgd` under its former name (``nnmath.fast.sgd_fast``), kept for old imports.
sgd_fast = sgd
