"""The forward pass of a batch (inference): ``Network.forward`` against PyTorch under no_grad.

The same configurations as the batched measure; the FLOP rate counts one product per layer,
``2 n Σ d_in d_out`` per call, and the outputs of every contender on the same batch are
compared with PyTorch's.
"""

from __future__ import annotations

import numpy as np

from .batched import BatchedCase
from .optional_torch import torch
from .timing import Result, Row, Step, throughput_rows, time_steps

FORWARD_LABELS = {
    "nnmath": "net.forward",
    "torch": "PyTorch inference (no_grad)",
    "np_products": "NumPy products only (floor)",
}


def _forward_contenders(case: BatchedCase, use_torch: bool) -> dict[str, tuple[Step, Result]]:
    """``net.forward`` on the public API, PyTorch under ``no_grad``, and the bare products."""
    net = case.net0.copy()
    X, n = case.X, len(case.X)
    out: dict[str, np.ndarray] = {}

    def nnmath_step(i: int) -> None:
        out["nnmath"] = net.forward(X[i % n])

    contenders: dict[str, tuple[Step, Result]] = {"nnmath": (nnmath_step, lambda: out["nnmath"])}
    if use_torch:
        Ws = [torch.from_numpy(w.copy()) for w in case.net0.weights]
        bs = [torch.from_numpy(b.copy()) for b in case.net0.biases]
        tX, last = [torch.from_numpy(x) for x in X], len(Ws) - 1

        def torch_step(i: int) -> None:
            with torch.no_grad():
                a = tX[i % n]
                for l, (W, b) in enumerate(zip(Ws, bs, strict=True)):
                    z = torch.addmm(b, a, W.T)
                    a = torch.sigmoid(z) if l < last else torch.softmax(z, dim=1)
                out["torch"] = a.numpy()

        contenders["torch"] = (torch_step, lambda: out["torch"])
    acts, _, ws = case.product_operands()
    zs = [np.empty((case.batch, w.shape[0]), case.dtype) for w in ws]

    def products_step(i: int) -> None:
        for l, w in enumerate(ws):
            np.matmul(X[i % n] if l == 0 else acts[l], w.T, out=zs[l])

    contenders["np_products"] = (products_step, None)
    return contenders


def bench_forward(
    cases: list[BatchedCase],
    calls: dict[str, int],
    rounds: int,
    peaks: dict[str, float],
    use_torch: bool,
) -> list[Row]:
    """Time one forward pass of a batch: ``Network.forward`` against PyTorch inference.

    ``calls`` is the number of calls per run by sizes ("784-512-512-10"); ``peaks`` NumPy's
    matrix-product rate by dtype name, in GFLOP/s.
    """
    rows: list[Row] = []
    for case in cases:
        n_calls = calls["-".join(map(str, case.sizes))]
        contenders = _forward_contenders(case, use_torch)
        times = time_steps({key: step for key, (step, _) in contenders.items()}, n_calls, rounds)
        for step, _ in contenders.values():
            step(0)  # the same batch for every contender, to compare the outputs
        rows += throughput_rows(
            case,
            times,
            {key: output for key, (_, output) in contenders.items()},
            labels=FORWARD_LABELS,
            unit="call",
            count=n_calls,
            flops=case.flops / 3,  # one product per layer instead of three
            peaks=peaks,
            best_ratio=False,
        )
    return rows
