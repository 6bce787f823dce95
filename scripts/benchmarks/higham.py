"""Higham & Higham's per-sample SGD: ``nnmath.sgd`` against PyTorch and the general NumPy loop.

The 2-2-3-2 network (sigmoid + quadratic, η = 0.05, ``Network([2, 2, 3, 2], seed=5000)``) is
trained from the same parameters in float64 in the sample order of ``nnmath.sgd(seed=0)``;
the final parameters of every contender must agree with ``nnmath.sgd``'s to 1e-10.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

import nnmath as nm

from .optional_torch import torch
from .timing import Row, interleave, stats


def _torch_manual(
    params: list[np.ndarray], X: np.ndarray, Y: np.ndarray, order: list[int], eta: float
) -> tuple[float, np.ndarray]:
    """Per-sample SGD with hand-written backpropagation on float64 torch tensors."""
    Ws = [torch.tensor(w) for w in params[0::2]]
    bs = [torch.tensor(b) for b in params[1::2]]
    xs = [torch.tensor(x) for x in X]
    ys = [torch.tensor(y) for y in Y]
    L = len(Ws)
    start = time.perf_counter()
    with torch.no_grad():
        for k in order:
            acts = [xs[k]]
            for W, b in zip(Ws, bs, strict=True):
                acts.append(torch.sigmoid(torch.addmv(b, W, acts[-1])))
            a = acts[-1]
            delta = a * (1 - a) * (a - ys[k])  # δ^L = σ′(z^L) ∘ (a^L − y)
            for l in range(L - 1, -1, -1):
                grad_w = torch.outer(delta, acts[l])
                grad_b = delta
                if l > 0:  # δ^(l−1) = σ′(z^(l−1)) ∘ (W^l)ᵀ δ^l, before W^l changes
                    a_prev = acts[l]
                    delta = a_prev * (1 - a_prev) * torch.mv(Ws[l].T, delta)
                Ws[l].sub_(grad_w, alpha=eta)
                bs[l].sub_(grad_b, alpha=eta)
    seconds = time.perf_counter() - start
    final = np.concatenate([t.numpy().ravel() for pair in zip(Ws, bs, strict=True) for t in pair])
    return seconds, final


def _torch_autograd(
    params: list[np.ndarray], X: np.ndarray, Y: np.ndarray, order: list[int], eta: float
) -> tuple[float, np.ndarray]:
    """Per-sample SGD with autograd: loss.backward(), update under no_grad."""
    Ws = [torch.tensor(w, requires_grad=True) for w in params[0::2]]
    bs = [torch.tensor(b, requires_grad=True) for b in params[1::2]]
    ps = [p for pair in zip(Ws, bs, strict=True) for p in pair]
    xs = [torch.tensor(x) for x in X]
    ys = [torch.tensor(y) for y in Y]
    start = time.perf_counter()
    for k in order:
        a = xs[k]
        for W, b in zip(Ws, bs, strict=True):
            a = torch.sigmoid(W @ a + b)
        loss = 0.5 * torch.sum((a - ys[k]) ** 2)
        loss.backward()
        with torch.no_grad():
            for p in ps:
                p.sub_(p.grad, alpha=eta)
                p.grad = None
    seconds = time.perf_counter() - start
    final = np.concatenate([p.detach().numpy().ravel() for p in ps])
    return seconds, final


def apply_step(net: nm.Network, dW: list[np.ndarray], db: list[np.ndarray], eta: float) -> None:
    """``θ −= η ∇θ`` in place, as the reference loop :func:`nnmath.training.run_reference` does."""
    for w, b, gw, gb in zip(net.weights, net.biases, dW, db, strict=True):
        w -= eta * gw
        b -= eta * gb


def _general_loop(
    net: nm.Network, X: np.ndarray, Y: np.ndarray, order: np.ndarray, eta: float
) -> float:
    """The general NumPy path, written out: Network.backward on each sample, then the update."""
    start = time.perf_counter()
    for idx in order:
        dW, db = net.backward(net.forward_pass(X[idx]), Y[idx])
        apply_step(net, dW, db, eta)
    return time.perf_counter() - start


def bench_higham(steps: int, long_steps: int, rounds: int, use_torch: bool) -> list[Row]:
    X, Y = nm.datasets.higham()
    eta, seed = 0.05, 0
    start_net = nm.Network([2, 2, 3, 2], seed=5000)
    params = [
        a.copy() for pair in zip(start_net.weights, start_net.biases, strict=True) for a in pair
    ]
    order_2d = np.random.default_rng(seed).integers(0, X.shape[0], size=(steps, 1))
    order = order_2d[:, 0].tolist()
    finals: dict[str, np.ndarray] = {}

    def run_sgd(n_steps: int, label: str) -> Callable[[], float]:
        def run() -> float:
            net = start_net.copy()
            t = time.perf_counter()
            nm.sgd(net, X, Y, learning_rate=eta, steps=n_steps, seed=seed, record=2, progress=False)
            seconds = time.perf_counter() - t
            finals[label] = net.get_params()
            return seconds

        return run

    def run_general() -> float:
        net = start_net.copy()
        seconds = _general_loop(net, X, Y, order_2d, eta)
        finals["general"] = net.get_params()
        return seconds

    def run_torch(fn: Callable[..., tuple[float, np.ndarray]], label: str) -> Callable[[], float]:
        def run() -> float:
            seconds, final = fn(params, X, Y, order, eta)
            finals[label] = final
            return seconds

        return run

    names = {
        "sgd": "nnmath.sgd (generated code)",
        "manual": "PyTorch, hand-written backprop",
        "autograd": "PyTorch autograd",
        "general": "nnmath general NumPy path",
        "sgd_long": "nnmath.sgd (generated code)",
    }
    contenders: dict[str, Callable[[], float]] = {"sgd": run_sgd(steps, "sgd")}
    if use_torch:
        contenders["manual"] = run_torch(_torch_manual, "manual")
        contenders["autograd"] = run_torch(_torch_autograd, "autograd")
    contenders["general"] = run_general
    contenders["sgd_long"] = run_sgd(long_steps, "sgd_long")
    times = interleave(contenders, rounds)
    reference = finals["sgd"]
    auto = np.median(times["autograd"]) / steps if "autograd" in times else None
    rows: list[Row] = []
    for key, secs in times.items():
        n_steps = long_steps if key == "sgd_long" else steps
        med, lo, hi = stats(secs)
        per_step = med / n_steps
        diff = None if key == "sgd_long" else float(np.max(np.abs(finals[key] - reference)))
        rows.append(
            {
                "contender": names[key],
                "steps": n_steps,
                "seconds": med,
                "seconds_min": lo,
                "seconds_max": hi,
                "us_per_step": per_step * 1e6,
                "runs": len(secs),
                "speedup_vs_torch_autograd": None if auto is None else float(auto / per_step),
                "max_abs_diff": diff,
            }
        )
    if "autograd" in times:  # PyTorch autograd extrapolated to the long run
        med, lo, hi = stats([s * long_steps / steps for s in times["autograd"]])
        rows.append(
            {
                "contender": f"PyTorch autograd (extrapolated ×{long_steps / steps:g})",
                "steps": long_steps,
                "seconds": med,
                "seconds_min": lo,
                "seconds_max": hi,
                "us_per_step": med / long_steps * 1e6,
                "runs": len(times["autograd"]),
                "speedup_vs_torch_autograd": 1.0,
                "max_abs_diff": None,
            }
        )
    return rows
