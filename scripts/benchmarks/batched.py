"""One mini-batch SGD step: ``BatchedTrainer.step`` against PyTorch autograd and the floors.

Sigmoid hidden layers, softmax + cross-entropy, random data; the matrix products of a step
alone, in NumPy and in PyTorch, are the floor set by each BLAS. The FLOP rate counts
``6 n Σ d_in d_out`` per step (forward and backward products).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

import nnmath as nm
from nnmath.training.buffered import BatchedTrainer

from .higham import apply_step
from .optional_torch import F, torch
from .timing import Result, Row, Step, throughput_rows, time_steps

LABELS = {
    "nnmath": "nnmath.batched",
    "user_loop": "net.gradient + in-place update",
    "torch": "PyTorch autograd",
    "general": "nnmath general NumPy path",
    "np_products": "NumPy products only (floor)",
    "torch_products": "PyTorch products only (floor)",
}


class BatchedCase:
    """Random data, a starting network and the contenders for one configuration."""

    def __init__(self, sizes: list[int], batch: int, dtype: Any, n_batches: int = 4) -> None:
        rng = np.random.default_rng(1)
        self.sizes, self.batch, self.dtype = sizes, batch, np.dtype(dtype)
        self.eta = 0.1
        k = sizes[-1]
        self.X = [rng.standard_normal((batch, sizes[0])).astype(dtype) for _ in range(n_batches)]
        self.labels = [rng.integers(0, k, batch) for _ in range(n_batches)]
        self.Y = [np.eye(k, dtype=dtype)[y] for y in self.labels]
        self.net0 = nm.Network(
            sizes, hidden="sigmoid", output="softmax", loss="cross_entropy", seed=2, dtype=dtype
        )
        self.flops = 6.0 * batch * sum(a * b for a, b in itertools.pairwise(sizes))

    def nnmath(self) -> tuple[Step, Result]:
        net = self.net0.copy()
        trainer = BatchedTrainer(net, self.batch)
        X, Y, eta, n = self.X, self.Y, self.eta, len(self.X)

        def step(i: int) -> None:
            trainer.step(X[i % n], Y[i % n], eta)

        return step, net.get_params

    def user_loop(self) -> tuple[Step, Result]:
        """A user's own loop on the public API: ``net.gradient``, then ``W -= η dW``."""
        net = self.net0.copy()
        X, Y, eta, n = self.X, self.Y, self.eta, len(self.X)

        def step(i: int) -> None:
            dW, db = net.gradient(X[i % n], Y[i % n])
            for W, b, gW, gb in zip(net.weights, net.biases, dW, db, strict=True):
                W -= eta * gW
                b -= eta * gb

        return step, net.get_params

    def general(self) -> tuple[Step, Result]:
        net = self.net0.copy()
        X, Y, eta, n = self.X, self.Y, self.eta, len(self.X)

        def step(i: int) -> None:
            dW, db = net.backward(net.forward_pass(X[i % n]), Y[i % n])
            apply_step(net, dW, db, eta)

        return step, net.get_params

    def product_operands(self) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
        """Fixed operands of the products of a step: activations, errors, weights."""
        rng = np.random.default_rng(3)
        ws = [w.copy() for w in self.net0.weights]
        acts = [rng.random((self.batch, w.shape[1])).astype(self.dtype) for w in ws]
        deltas = [
            (1e-3 * rng.standard_normal((self.batch, w.shape[0]))).astype(self.dtype) for w in ws
        ]
        return acts, deltas, ws

    def numpy_products(self) -> tuple[Step, Result]:
        """The matrix products of one step and nothing else, on preallocated arrays."""
        acts, deltas, ws = self.product_operands()
        zs = [np.empty((self.batch, w.shape[0]), self.dtype) for w in ws]
        gs = [np.empty_like(w) for w in ws]
        back = [np.empty_like(a) for a in acts]
        X, n = self.X, len(self.X)

        def step(i: int) -> None:
            for l, w in enumerate(ws):  # Z^l = A^(l−1) (W^l)ᵀ
                np.matmul(X[i % n] if l == 0 else acts[l], w.T, out=zs[l])
            for l in range(len(ws) - 1, -1, -1):  # (Δ^l)ᵀ A^(l−1) and Δ^l W^l
                np.matmul(deltas[l].T, X[i % n] if l == 0 else acts[l], out=gs[l])
                if l > 0:
                    np.matmul(deltas[l], ws[l], out=back[l])

        return step, None

    def torch_autograd(self) -> tuple[Step, Result]:
        Ws = [torch.tensor(w, requires_grad=True) for w in self.net0.weights]
        bs = [torch.tensor(b, requires_grad=True) for b in self.net0.biases]
        ps = [p for pair in zip(Ws, bs, strict=True) for p in pair]
        X = [torch.from_numpy(x) for x in self.X]
        y = [torch.from_numpy(t) for t in self.labels]
        eta, n, last = self.eta, len(X), len(Ws) - 1

        def step(i: int) -> None:
            a = X[i % n]
            for l, (W, b) in enumerate(zip(Ws, bs, strict=True)):
                z = a @ W.T + b
                a = torch.sigmoid(z) if l < last else z
            loss = F.cross_entropy(a, y[i % n])  # mean over the batch, from logits
            loss.backward()
            with torch.no_grad():
                for p in ps:
                    p.sub_(p.grad, alpha=eta)
                    p.grad = None

        def params() -> np.ndarray:
            return np.concatenate([p.detach().numpy().ravel() for p in ps])

        return step, params

    def torch_products(self) -> tuple[Step, Result]:
        """The same products as :meth:`numpy_products`, with torch.mm."""
        acts_np, deltas_np, ws_np = self.product_operands()
        acts, deltas, ws = (
            [torch.from_numpy(a) for a in group] for group in (acts_np, deltas_np, ws_np)
        )
        zs = [torch.empty((self.batch, w.shape[0]), dtype=w.dtype) for w in ws]
        gs = [torch.empty_like(w) for w in ws]
        back = [torch.empty_like(a) for a in acts]
        X, n = [torch.from_numpy(x) for x in self.X], len(self.X)

        def step(i: int) -> None:
            for l, w in enumerate(ws):
                torch.mm(X[i % n] if l == 0 else acts[l], w.T, out=zs[l])
            for l in range(len(ws) - 1, -1, -1):
                torch.mm(deltas[l].T, X[i % n] if l == 0 else acts[l], out=gs[l])
                if l > 0:
                    torch.mm(deltas[l], ws[l], out=back[l])

        return step, None


def batched_cases(configs: list[tuple[list[int], int]], dtypes: list[Any]) -> list[BatchedCase]:
    """A case per configuration (sizes, batch) and dtype, in that order."""
    return [BatchedCase(sizes, batch, dtype) for sizes, batch in configs for dtype in dtypes]


def training_contenders(case: BatchedCase, use_torch: bool) -> dict[str, tuple[Step, Result]]:
    """Every contender of a training step, PyTorch's only with ``use_torch``, built at once."""
    builders: dict[str, Callable[[], tuple[Step, Result]]] = {
        "nnmath": case.nnmath,
        "user_loop": case.user_loop,
    }
    if use_torch:
        builders["torch"] = case.torch_autograd
    builders["general"] = case.general
    builders["np_products"] = case.numpy_products
    if use_torch:
        builders["torch_products"] = case.torch_products
    return {key: build() for key, build in builders.items()}


@dataclass(frozen=True)
class Throughput:
    """A measure over the batched cases: its contenders, what one call is and how it counts.

    ``count_factor`` multiplies the calls per run of a float64 case; ``flops_divisor`` divides
    :attr:`BatchedCase.flops` (the products of a training step) to give those of one call.
    With ``compare_on_first_batch`` every contender runs batch 0 once more after the timing,
    so that the results compared are outputs of the same batch.
    """

    contenders: Callable[[BatchedCase, bool], dict[str, tuple[Step, Result]]]
    labels: dict[str, str]
    unit: str
    count_factor: int
    flops_divisor: int
    best_ratio: bool
    compare_on_first_batch: bool


#: One mini-batch training step; float64 runs twice as many steps.
TRAINING_STEP = Throughput(training_contenders, LABELS, "step", 2, 1, True, False)


def bench_throughput(
    measure: Throughput,
    cases: list[BatchedCase],
    counts: dict[str, int],
    rounds: int,
    peaks: dict[str, float],
    use_torch: bool,
) -> list[Row]:
    """Time the contenders of ``measure`` on each case; rows compare their results with PyTorch's.

    ``counts`` is the number of calls per run by sizes ("784-512-512-10"), times
    ``measure.count_factor`` for float64; ``peaks`` NumPy's matrix-product rate by dtype name,
    in GFLOP/s.
    """
    rows: list[Row] = []
    for case in cases:
        count = counts["-".join(map(str, case.sizes))]
        count *= measure.count_factor if case.dtype == np.float64 else 1
        contenders = measure.contenders(case, use_torch)
        times = time_steps({key: step for key, (step, _) in contenders.items()}, count, rounds)
        if measure.compare_on_first_batch:
            for step, _ in contenders.values():
                step(0)
        rows += throughput_rows(
            case,
            times,
            {key: result for key, (_, result) in contenders.items()},
            labels=measure.labels,
            unit=measure.unit,
            count=count,
            flops=case.flops / measure.flops_divisor,
            peaks=peaks,
            best_ratio=measure.best_ratio,
        )
    return rows
