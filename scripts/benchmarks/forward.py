"""The forward pass of a batch (inference): ``Network.forward`` against PyTorch under no_grad.

The same configurations as the batched measure; the FLOP rate counts one product per layer,
``2 n Σ d_in d_out`` per call, and the outputs of every contender on the same batch are
compared with PyTorch's.
"""

from __future__ import annotations

import numpy as np

from .batched import BatchedCase, Throughput
from .optional_torch import torch
from .timing import Result, Step

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


#: One forward pass of a batch: one product per layer instead of a training step's three.
FORWARD_PASS = Throughput(_forward_contenders, FORWARD_LABELS, "call", 1, 3, False, True)
