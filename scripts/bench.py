"""Benchmarks of nnmath against PyTorch, the symbolic checks and the site build.

Run from the repository root (``make bench``)::

    .venv/bin/pip install -e ".[bench]"     # PyTorch 2.13 (optional)
    .venv/bin/python scripts/bench.py        # everything, ~10 minutes
    .venv/bin/python scripts/bench.py --quick --no-site   # smoke run, seconds

Without PyTorch (or with ``--no-torch``) the PyTorch contenders are skipped and
the output says so. Contenders are interleaved (A, B, C, A, B, C, …) with a short
pause between runs, so that a slow spell of the machine hits all of them and the
idle worker threads of one library (OpenBLAS, OpenMP) do not steal the cores of
the next; each row reports the median over the runs with the minimum and maximum.

Measures
--------
a. ``higham_sgd``: Higham & Higham's per-sample SGD (2-2-3-2, sigmoid + quadratic,
   η = 0.05, ``Network([2, 2, 3, 2], seed=5000)``, the sample order of
   ``nnmath.sgd(seed=0)``), 10⁵ steps: ``nnmath.sgd`` (generated code), PyTorch
   with hand-written backpropagation, PyTorch autograd, and the general NumPy
   loop (``Network.backward``); all in float64 from the same parameters, and the
   final parameters must agree to 1e-10. Then ``nnmath.sgd`` for 10⁶ steps.
b. ``batched``: one mini-batch SGD step (sigmoid hidden layers, softmax +
   cross-entropy, random data) for 64-256-256-10 (batch 256) and 784-512-512-10
   (batch 512), float32 and float64: ``nnmath.batched.BatchedTrainer.step``,
   PyTorch autograd, the general NumPy path, and the matrix products of a step
   alone in NumPy and in PyTorch (the floor set by each BLAS). The FLOP rate counts
   ``6 n Σ d_in d_out`` per step (forward and backward products) and is compared
   with the NumPy matrix-product rate measured in the same run (``matmul``).
c. ``symbolic``: ``nnmath.symbolic.backprop.verify_backprop`` for width-3
   networks of depth 2..10, "layerwise" and "composed", each series in a
   subprocess; a series stops after the first run over 60 s (a run is killed
   after 150 s).
d. ``site``: ``mkdocs build --strict`` with an empty notebook cache
   (``NNMATH_CACHE_DIR``), then again with the same cache (no-change rebuild).

A full run writes ``nnmath/data/bench/latest.json`` and a copy named by date,
``nnmath/data/bench/run-YYYY-MM-DD.json``; the site's Performance page shows the
latest run and the targets of every dated one. ``--out`` writes only the file given.

JSON schema (``nnmath/data/bench/latest.json``; every measure is a list of flat rows)
---------------------------------------------------------------------------------
``schema`` : int
    1.
``date`` : str
    UTC time of the run, ISO 8601.
``machine`` : object
    ``cpu`` (model name from /proc/cpuinfo), ``load_average_at_start`` (1, 5, 15
    min), ``cores``, ``platform``, ``python``, ``numpy``, ``sympy``, ``torch``
    (version or null), ``torch_threads``, ``blas`` (NumPy's BLAS name and version),
    ``blas_threads``.
``settings`` : object
    ``quick``, ``repeats``, ``notes`` (list of str: what was skipped and why),
    ``load_average_at_end``.
``matmul`` : list of rows
    ``library``, ``dtype``, ``size``, ``gflops`` (median), ``gflops_min``, ``gflops_max``.
``higham_sgd`` : list of rows
    ``contender``, ``steps``, ``seconds`` (median), ``seconds_min``, ``seconds_max``,
    ``us_per_step``, ``runs``, ``speedup_vs_torch_autograd`` (torch autograd
    time per step / this one's, or null), ``max_abs_diff`` (final parameters vs
    ``nnmath.sgd``, or null).
``batched`` : list of rows
    ``sizes`` (e.g. "784-512-512-10"), ``batch``, ``dtype``, ``contender``,
    ``ms_per_step`` (median), ``ms_min``, ``ms_max``, ``runs``, ``steps_per_run``,
    ``gflops``, ``fraction_of_matmul_peak`` (of NumPy's best matrix-product
    rate in the run: the 2048² product of ``matmul`` or the "products only" rows,
    whichever was faster; ``settings.matmul_peak_gflops``), ``ratio_vs_torch``
    (throughput relative to PyTorch autograd: the median over the rounds of
    PyTorch's time / this contender's time in the same round, or null),
    ``ratio_vs_torch_best`` (the same from the fastest runs),
    ``max_abs_diff_vs_torch`` (final parameters after identical steps, or null).
``forward`` : list of rows
    ``sizes``, ``batch``, ``dtype``, ``contender``, ``ms_per_call`` (median),
    ``ms_min``, ``ms_max``, ``runs``, ``calls_per_run``, ``gflops``,
    ``fraction_of_matmul_peak``, ``ratio_vs_torch`` (throughput relative to PyTorch
    inference, or null), ``max_abs_diff_vs_torch`` (outputs, or null).
``symbolic`` : list of rows
    ``method``, ``depth``, ``sizes``, ``status`` ("ok", "timeout", "error",
    "skipped"), ``seconds`` (or null), ``partials_checked``, ``all_equal``, ``note``.
``site`` : list of rows
    ``build`` ("clean" or "rebuild"), ``status`` ("ok", "failed", "skipped"),
    ``seconds`` (or null), ``target_seconds``, ``note``.
``targets`` : list of rows
    ``target``, ``goal``, ``value``, ``met`` (true, false or null when not
    measured), ``note``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout even without `pip install -e .`

import bench_report  # noqa: E402  (beside this script)

import nnmath as nm  # noqa: E402
from nnmath.training.buffered import BatchedTrainer  # noqa: E402

Row = dict[str, Any]
SECTIONS = ("higham", "batched", "forward", "symbolic", "site")
MATMUL_SIZE = 2048
DEFAULT_OUT = ROOT / "nnmath" / "data" / "bench" / "latest.json"
PAUSE = 0.25  # seconds between two contenders' runs

try:  # PyTorch is optional (the `bench` extra).
    import torch
    import torch.nn.functional as F
except ImportError:  # pragma: no cover - depends on the environment
    torch = None  # type: ignore[assignment]
    F = None  # type: ignore[assignment]


# -- helpers ------------------------------------------------------------------------------


def stats(values: list[float]) -> tuple[float, float, float]:
    """Median, minimum and maximum."""
    return float(np.median(values)), float(min(values)), float(max(values))


def interleave(contenders: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Call each contender once per round, in turn; each call returns its own seconds."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            time.sleep(PAUSE)
            times[name].append(run())
    return times


def say(text: str = "") -> None:
    print(text, flush=True)


# -- the machine ------------------------------------------------------------------------


def machine_info() -> Row:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import sympy

    blas: str | None = None
    try:
        config = np.show_config(mode="dicts")
        info = config["Build Dependencies"]["blas"]  # type: ignore[index]
        blas = f"{info.get('name')} {info.get('version')}"
    except Exception:  # best effort: never fail the benchmark over it
        blas = None
    blas_threads = None
    try:
        from threadpoolctl import threadpool_info

        blas_threads = next(
            (p["num_threads"] for p in threadpool_info() if p.get("user_api") == "blas"), None
        )
    except Exception:  # threadpoolctl is optional
        pass
    try:
        load: list[float] | None = [float(x) for x in os.getloadavg()]
    except OSError:
        load = None
    return {
        "cpu": cpu,
        "load_average_at_start": load,
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "sympy": sympy.__version__,
        "torch": None if torch is None else torch.__version__,
        "torch_threads": None if torch is None else torch.get_num_threads(),
        "blas": blas,
        "blas_threads": blas_threads,
    }


def measure_matmul(rounds: int, size: int, use_torch: bool) -> list[Row]:
    """GFLOP/s of one size × size product, NumPy (and PyTorch) in float32 and float64."""
    rng = np.random.default_rng(0)
    rows: list[Row] = []
    contenders: dict[str, Callable[[], float]] = {}
    for dtype in (np.float32, np.float64):
        a = rng.standard_normal((size, size)).astype(dtype)
        b = rng.standard_normal((size, size)).astype(dtype)
        c = np.empty_like(a)

        def numpy_run(a: Any = a, b: Any = b, c: Any = c) -> float:
            np.matmul(a, b, out=c)  # warm
            t = time.perf_counter()
            for _ in range(3):
                np.matmul(a, b, out=c)
            return (time.perf_counter() - t) / 3

        contenders[f"numpy {np.dtype(dtype).name}"] = numpy_run
        if use_torch:
            ta, tb, tc = torch.from_numpy(a), torch.from_numpy(b), torch.from_numpy(c)

            def torch_run(ta: Any = ta, tb: Any = tb, tc: Any = tc) -> float:
                torch.mm(ta, tb, out=tc)
                t = time.perf_counter()
                for _ in range(3):
                    torch.mm(ta, tb, out=tc)
                return (time.perf_counter() - t) / 3

            contenders[f"torch {np.dtype(dtype).name}"] = torch_run
    flops = 2.0 * size**3
    for name, secs in interleave(contenders, rounds).items():
        library, dtype_name = name.split()
        med, lo, hi = stats([flops / s / 1e9 for s in secs])
        rows.append(
            {
                "library": library,
                "dtype": dtype_name,
                "size": size,
                "gflops": med,
                "gflops_min": lo,
                "gflops_max": hi,
            }
        )
    return rows


# -- a. Higham's per-sample SGD -----------------------------------------------------------


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


def _apply_step(net: nm.Network, dW: list[np.ndarray], db: list[np.ndarray], eta: float) -> None:
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
        _apply_step(net, dW, db, eta)
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


# -- b. batched training steps -------------------------------------------------------------


LABELS = {
    "nnmath": "nnmath.batched",
    "user_loop": "net.gradient + in-place update",
    "torch": "PyTorch autograd",
    "general": "nnmath general NumPy path",
    "np_products": "NumPy products only (floor)",
    "torch_products": "PyTorch products only (floor)",
}


class _BatchedCase:
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

    def nnmath(self) -> tuple[Callable[[int], None], Callable[[], np.ndarray]]:
        net = self.net0.copy()
        trainer = BatchedTrainer(net, self.batch)
        X, Y, eta, n = self.X, self.Y, self.eta, len(self.X)

        def step(i: int) -> None:
            trainer.step(X[i % n], Y[i % n], eta)

        return step, net.get_params

    def user_loop(self) -> tuple[Callable[[int], None], Callable[[], np.ndarray]]:
        """A user's own loop on the public API: ``net.gradient``, then ``W -= η dW``."""
        net = self.net0.copy()
        X, Y, eta, n = self.X, self.Y, self.eta, len(self.X)

        def step(i: int) -> None:
            dW, db = net.gradient(X[i % n], Y[i % n])
            for W, b, gW, gb in zip(net.weights, net.biases, dW, db, strict=True):
                W -= eta * gW
                b -= eta * gb

        return step, net.get_params

    def general(self) -> tuple[Callable[[int], None], Callable[[], np.ndarray]]:
        net = self.net0.copy()
        X, Y, eta, n = self.X, self.Y, self.eta, len(self.X)

        def step(i: int) -> None:
            dW, db = net.backward(net.forward_pass(X[i % n]), Y[i % n])
            _apply_step(net, dW, db, eta)

        return step, net.get_params

    def _product_operands(self) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
        """Fixed operands of the products of a step: activations, errors, weights."""
        rng = np.random.default_rng(3)
        ws = [w.copy() for w in self.net0.weights]
        acts = [rng.random((self.batch, w.shape[1])).astype(self.dtype) for w in ws]
        deltas = [
            (1e-3 * rng.standard_normal((self.batch, w.shape[0]))).astype(self.dtype) for w in ws
        ]
        return acts, deltas, ws

    def numpy_products(self) -> tuple[Callable[[int], None], None]:
        """The matrix products of one step and nothing else, on preallocated arrays."""
        acts, deltas, ws = self._product_operands()
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

    def torch_autograd(self) -> tuple[Callable[[int], None], Callable[[], np.ndarray]]:
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

    def torch_products(self) -> tuple[Callable[[int], None], None]:
        """The same products as :meth:`numpy_products`, with torch.mm."""
        acts_np, deltas_np, ws_np = self._product_operands()
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


def _timed(step: Callable[[int], None], count: int) -> Callable[[], float]:
    """A run of ``count`` calls ``step(1) … step(count)``, returning seconds per call."""

    def run() -> float:
        t = time.perf_counter()
        for i in range(1, count + 1):
            step(i)
        return (time.perf_counter() - t) / count

    return run


def bench_batched(
    configs: list[tuple[list[int], int]],
    dtypes: list[Any],
    steps: dict[str, int],
    rounds: int,
    peaks: dict[str, float],
    use_torch: bool,
) -> list[Row]:
    rows: list[Row] = []
    for sizes, batch in configs:
        for dtype in dtypes:
            case = _BatchedCase(sizes, batch, dtype)
            arch = "-".join(map(str, sizes))
            n_steps = steps[arch] * (2 if case.dtype == np.float64 else 1)
            builders: dict[str, Callable[[], tuple[Callable[[int], None], Any]]] = {
                "nnmath": case.nnmath,
                "user_loop": case.user_loop,
            }
            if use_torch:
                builders["torch"] = case.torch_autograd
            builders["general"] = case.general
            builders["np_products"] = case.numpy_products
            if use_torch:
                builders["torch_products"] = case.torch_products
            steppers: dict[str, Callable[[int], None]] = {}
            getters: dict[str, Any] = {}
            for key, build in builders.items():
                steppers[key], getters[key] = build()
                steppers[key](0)  # warm up (one step, the same for every contender)

            times = interleave({k: _timed(s, n_steps) for k, s in steppers.items()}, rounds)
            torch_times = times.get("torch")
            torch_params = getters["torch"]() if "torch" in getters else None
            for key, secs in times.items():
                med, lo, hi = stats(secs)
                gflops = case.flops / med / 1e9
                diff = ratio = best_ratio = None
                if torch_params is not None and getters[key] is not None and key != "torch":
                    diff = float(np.max(np.abs(getters[key]() - torch_params)))
                if torch_times is not None:
                    # Paired: PyTorch's run and this one are neighbours in the same round.
                    ratio = float(np.median(np.array(torch_times) / np.array(secs)))
                    best_ratio = min(torch_times) / lo
                rows.append(
                    {
                        "sizes": arch,
                        "batch": batch,
                        "dtype": case.dtype.name,
                        "contender": LABELS[key],
                        "ms_per_step": med * 1e3,
                        "ms_min": lo * 1e3,
                        "ms_max": hi * 1e3,
                        "runs": len(secs),
                        "steps_per_run": n_steps,
                        "gflops": gflops,
                        "fraction_of_matmul_peak": gflops / peaks[case.dtype.name],
                        "ratio_vs_torch": ratio,
                        "ratio_vs_torch_best": best_ratio,
                        "max_abs_diff_vs_torch": diff,
                    }
                )
    return rows


# -- b2. the forward pass (inference) ---------------------------------------------------------

FORWARD_LABELS = {
    "nnmath": "net.forward",
    "torch": "PyTorch inference (no_grad)",
    "np_products": "NumPy products only (floor)",
}


def _forward_contenders(
    case: _BatchedCase, use_torch: bool
) -> dict[str, tuple[Callable[[int], None], Callable[[], np.ndarray] | None]]:
    """``net.forward`` on the public API, PyTorch under ``no_grad``, and the bare products."""
    net = case.net0.copy()
    X, n = case.X, len(case.X)
    out: dict[str, np.ndarray] = {}

    def nnmath_step(i: int) -> None:
        out["nnmath"] = net.forward(X[i % n])

    contenders: dict[str, tuple[Callable[[int], None], Callable[[], np.ndarray] | None]] = {
        "nnmath": (nnmath_step, lambda: out["nnmath"])
    }
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
    acts, _, ws = case._product_operands()
    zs = [np.empty((case.batch, w.shape[0]), case.dtype) for w in ws]

    def products_step(i: int) -> None:
        for l, w in enumerate(ws):
            np.matmul(X[i % n] if l == 0 else acts[l], w.T, out=zs[l])

    contenders["np_products"] = (products_step, None)
    return contenders


def bench_forward(
    configs: list[tuple[list[int], int]],
    dtypes: list[Any],
    calls: dict[str, int],
    rounds: int,
    peaks: dict[str, float],
    use_torch: bool,
) -> list[Row]:
    """Time one forward pass of a batch: ``Network.forward`` against PyTorch inference."""
    rows: list[Row] = []
    for sizes, batch in configs:
        for dtype in dtypes:
            case = _BatchedCase(sizes, batch, dtype)
            arch = "-".join(map(str, sizes))
            n_calls = calls[arch]
            contenders = _forward_contenders(case, use_torch)
            for step, _ in contenders.values():
                step(0)  # warm up

            times = interleave({k: _timed(s, n_calls) for k, (s, _) in contenders.items()}, rounds)
            for step, _ in contenders.values():
                step(0)  # the same batch for every contender, to compare the outputs
            flops = case.flops / 3  # one product per layer instead of three
            torch_times = times.get("torch")
            for key, secs in times.items():
                med, lo, hi = stats(secs)
                gflops = flops / med / 1e9
                ratio = diff = None
                if torch_times is not None:
                    ratio = float(np.median(np.array(torch_times) / np.array(secs)))
                    output = contenders[key][1]
                    if key not in ("torch",) and output is not None:
                        theirs = contenders["torch"][1]
                        assert theirs is not None
                        diff = float(np.max(np.abs(output() - theirs())))
                rows.append(
                    {
                        "sizes": arch,
                        "batch": batch,
                        "dtype": case.dtype.name,
                        "contender": FORWARD_LABELS[key],
                        "ms_per_call": med * 1e3,
                        "ms_min": lo * 1e3,
                        "ms_max": hi * 1e3,
                        "runs": len(secs),
                        "calls_per_run": n_calls,
                        "gflops": gflops,
                        "fraction_of_matmul_peak": gflops / peaks[case.dtype.name],
                        "ratio_vs_torch": ratio,
                        "max_abs_diff_vs_torch": diff,
                    }
                )
    return rows


# -- c. symbolic backprop check against depth ------------------------------------------

_SYMBOLIC_CHILD = r"""
import json, sys
from nnmath.symbolic.backprop import verify_backprop
method = sys.argv[1]
for depth in map(int, sys.argv[2:]):
    sizes = [3] * (depth + 1)
    r = verify_backprop(sizes, method=method)
    print(json.dumps({"depth": depth, "seconds": r.seconds, "partials": r.partials_checked,
                      "deltas": r.deltas_checked, "all_equal": r.all_equal}), flush=True)
"""


def bench_symbolic(depths: list[int], stop_after: float, kill_after: float) -> list[Row]:
    rows: list[Row] = []
    for method in ("layerwise", "composed"):
        proc = subprocess.Popen(
            [sys.executable, "-c", _SYMBOLIC_CHILD, method, *map(str, depths)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def reader(stream: Any = proc.stdout, out: queue.Queue[str | None] = lines) -> None:
            for line in stream:
                out.put(line)
            out.put(None)

        threading.Thread(target=reader, daemon=True).start()
        stopped: str | None = None
        for depth in depths:
            sizes = "-".join(["3"] * (depth + 1))
            base = {"method": method, "depth": depth, "sizes": sizes}
            if stopped is not None:
                rows.append(
                    {
                        **base,
                        "status": "skipped",
                        "seconds": None,
                        "partials_checked": None,
                        "all_equal": None,
                        "note": stopped,
                    }
                )
                continue
            try:
                line = lines.get(timeout=kill_after)
            except queue.Empty:
                proc.kill()
                stopped = f"not run: depth {depth} took over {kill_after:g} s"
                rows.append(
                    {
                        **base,
                        "status": "timeout",
                        "seconds": None,
                        "partials_checked": None,
                        "all_equal": None,
                        "note": f"killed after {kill_after:g} s",
                    }
                )
                continue
            if line is None:  # the child failed
                proc.wait()
                err = (proc.stderr.read() if proc.stderr else "").strip().splitlines()
                note = err[-1] if err else f"exit code {proc.returncode}"
                stopped = f"not run: the series stopped ({note})"
                rows.append(
                    {
                        **base,
                        "status": "error",
                        "seconds": None,
                        "partials_checked": None,
                        "all_equal": None,
                        "note": note,
                    }
                )
                continue
            r = json.loads(line)
            rows.append(
                {
                    **base,
                    "status": "ok",
                    "seconds": r["seconds"],
                    "partials_checked": r["partials"],
                    "all_equal": r["all_equal"],
                    "note": None,
                }
            )
            if r["seconds"] > stop_after:
                stopped = f"not run: depth {depth} took over {stop_after:g} s"
                proc.kill()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    return rows


# -- d. site build --------------------------------------------------------------------------


def bench_site(timeout: float) -> tuple[list[Row], list[str]]:
    """Clean build, then a no-change rebuild, of a snapshot of the working tree.

    The snapshot (without ``.git``, ``.venv``, ``.cache``, ``site``) keeps edits made
    while the benchmark runs from invalidating the notebook cache between the two
    builds; ``NNMATH_CACHE_DIR`` points the cache at a new, empty folder.
    """
    hook = ROOT / "docs" / "hooks" / "nnmath_site.py"
    honours_env = hook.is_file() and "NNMATH_CACHE_DIR" in hook.read_text(encoding="utf-8")
    notes = [
        "site: built from a snapshot of the working tree with an empty notebook cache "
        + ("(NNMATH_CACHE_DIR)" if honours_env else "(the hook keeps it in .cache/)")
    ]
    tmp = Path(tempfile.mkdtemp(prefix="nnmath-bench-site-"))
    rows: list[Row] = []
    try:
        repo = tmp / "repo"
        ignore = shutil.ignore_patterns(
            ".git", ".venv", "site", ".cache", "__pycache__", ".*_cache", ".hypothesis", "*.ipynb"
        )
        shutil.copytree(ROOT, repo, ignore=ignore)
        env = dict(os.environ, NNMATH_CACHE_DIR=str(tmp / "cache"))
        failed: str | None = None
        for build, target in (("clean", 90.0), ("rebuild", 10.0)):
            base = {"build": build, "target_seconds": target}
            if failed is not None:
                rows.append({**base, "status": "skipped", "seconds": None, "note": failed})
                continue
            cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp / "site")]
            t = time.perf_counter()
            try:
                proc = subprocess.run(
                    cmd, cwd=repo, env=env, capture_output=True, text=True, timeout=timeout,
                    check=False,
                )  # fmt: skip
            except subprocess.TimeoutExpired:
                failed = f"the {build} build took over {timeout:g} s"
                rows.append({**base, "status": "failed", "seconds": None, "note": failed})
                continue
            seconds = time.perf_counter() - t
            output = proc.stderr + "\n" + proc.stdout
            if proc.returncode != 0:
                lines = output.strip().splitlines()
                problems = [ln.strip() for ln in lines if "WARNING" in ln or "ERROR" in ln]
                shown = problems[:5] or lines[-3:]
                failed = (
                    f"the {build} build failed ({len(problems)} warning/error lines): "
                    + " | ".join(" ".join(ln.split()) for ln in shown)
                )[:1500]
                rows.append({**base, "status": "failed", "seconds": seconds, "note": failed})
                continue
            hits = output.count("notebook cache hit")
            rows.append(
                {**base, "status": "ok", "seconds": seconds, "note": f"{hits} notebook cache hits"}
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows, notes


# -- targets ----------------------------------------------------------------------------------


def rescale_peaks(results: dict[str, Any]) -> None:
    """Make ``fraction_of_matmul_peak`` a fraction of NumPy's best product rate in the run.

    The best rate is the fastest of the square product (``matmul``) and of the "products only"
    rows of the batched and forward measures, per dtype: on a shared machine the square
    product, timed once at the start, can be measured below what the same BLAS reaches later.
    """
    peaks: dict[str, float] = {}
    for r in results.get("matmul") or []:
        if r["library"] == "numpy":
            peaks[r["dtype"]] = max(peaks.get(r["dtype"], 0.0), r["gflops_max"])
    for key, label in (
        ("batched", LABELS["np_products"]),
        ("forward", FORWARD_LABELS["np_products"]),
    ):
        for r in results.get(key) or []:
            if r["contender"] == label:
                best = r["gflops"] * r["ms_per_" + ("step" if key == "batched" else "call")]
                best /= r["ms_min"]
                peaks[r["dtype"]] = max(peaks.get(r["dtype"], 0.0), best)
    for key in ("batched", "forward"):
        for r in results.get(key) or []:
            r["fraction_of_matmul_peak"] = r["gflops"] / peaks[r["dtype"]]
    results.setdefault("settings", {})["matmul_peak_gflops"] = peaks


def _ratio_target(
    add: Callable[..., None],
    name: str,
    goal: float,
    row: Row | None,
    floor: Row | None,
    theirs: Row | None,
    unit: str,
) -> None:
    """A throughput target against PyTorch, with the fraction of NumPy's product rate.

    ``floor`` is the row of NumPy's matrix products alone and ``theirs`` PyTorch's row, in the
    same run; where the goal is missed, the note says where the time goes.
    """
    ratio = None if row is None else row["ratio_vs_torch"]
    if row is None or ratio is None:
        add(name, f"≥ {goal}×", None, None, "PyTorch not measured")
        return
    note = f"{row['fraction_of_matmul_peak']:.0%} of NumPy's matrix-product rate"
    if ratio < goal:
        note = f"gap: {goal / ratio:.2f}× too slow; " + note
        if floor is not None and theirs is not None:
            ours, base, their = row[unit], floor[unit], theirs[unit]
            what = "call" if unit == "ms_per_call" else "step"
            note += (
                f"; NumPy's matrix products alone take {base:.2f} ms, PyTorch's whole {what} "
                f"{their:.2f} ms; the rest of ours, {ours - base:.2f} ms, is element-wise NumPy "
                "work on one thread"
            )
    add(name, f"≥ {goal}×", round(ratio, 3), ratio >= goal, note)


def targets(results: dict[str, Any]) -> list[Row]:
    """Each target with its goal, the measured value and whether it is met (None: not assessed)."""
    out: list[Row] = []
    quick = results["settings"]["quick"]

    def add(target: str, goal: str, value: Any, met: bool | None, note: str = "") -> None:
        if quick and met is not None and "agree" not in target:
            met, note = None, "quick run: not assessed"
        out.append({"target": target, "goal": goal, "value": value, "met": met, "note": note})

    def find(rows: list[Row], **keys: Any) -> Row | None:
        return next((r for r in rows if all(r[k] == v for k, v in keys.items())), None)

    higham = results["higham_sgd"]
    long_run = next(
        (r for r in higham if r["contender"].startswith("nnmath") and r["max_abs_diff"] is None),
        None,
    )
    if long_run is not None:
        seconds, speedup = long_run["seconds"], long_run["speedup_vs_torch_autograd"]
        add(
            f"nnmath.sgd, {long_run['steps']:.0e} Higham steps",
            "< 2 s",
            round(seconds, 3),
            seconds < 2.0,
            "" if seconds < 2.0 else f"gap: {seconds - 2.0:.2f} s over",
        )
        add(
            "nnmath.sgd vs PyTorch autograd (same run)",
            "≥ 30× faster",
            None if speedup is None else round(speedup, 1),
            None if speedup is None else speedup >= 30,
            "PyTorch not measured"
            if speedup is None
            else ("" if speedup >= 30 else f"gap: {30 / speedup:.2f}× short"),
        )
    diffs = [r["max_abs_diff"] for r in higham if r["max_abs_diff"] is not None]
    if diffs:
        add("Higham trajectories agree (max |Δθ| after the run)", "≤ 1e-10", max(diffs),
            max(diffs) <= 1e-10)  # fmt: skip
    batched = results["batched"]
    for arch, goal in (("784-512-512-10", 1.0), ("64-256-256-10", 0.9)) if batched else ():
        name = f"batched {arch} float32 throughput vs PyTorch autograd"
        row = find(batched, sizes=arch, dtype="float32", contender="nnmath.batched")
        ratio = None if row is None else row["ratio_vs_torch"]
        if ratio is None:
            add(name, f"≥ {goal}×", None, None, "PyTorch not measured")
            continue
        note = "" if ratio >= goal else f"gap: {goal / ratio:.2f}× too slow"
        floor = find(batched, sizes=arch, dtype="float32", contender=LABELS["np_products"])
        theirs = find(batched, sizes=arch, dtype="float32", contender=LABELS["torch"])
        their_floor = find(batched, sizes=arch, dtype="float32", contender=LABELS["torch_products"])
        if None not in (floor, theirs, their_floor) and ratio < goal:
            assert floor is not None and theirs is not None and their_floor is not None
            note += (
                f"; the matrix products alone take {floor['ms_per_step']:.2f} ms in NumPy, "
                f"{their_floor['ms_per_step']:.2f} ms in PyTorch; the rest of the step "
                f"{row['ms_per_step'] - floor['ms_per_step']:.2f} ms in nnmath, "
                f"{theirs['ms_per_step'] - their_floor['ms_per_step']:.2f} ms in PyTorch "
                f"(with free element-wise work the ratio could reach at most "
                f"{theirs['ms_per_step'] / floor['ms_per_step']:.2f}×)"
            )
        add(name, f"≥ {goal}×", round(ratio, 3), ratio >= goal, note)
    for arch, goal in (("784-512-512-10", 1.0), ("64-256-256-10", 0.9)) if batched else ():
        name = f"net.gradient user loop {arch} float32 vs PyTorch autograd"
        row = find(batched, sizes=arch, dtype="float32", contender=LABELS["user_loop"])
        floor = find(batched, sizes=arch, dtype="float32", contender=LABELS["np_products"])
        theirs = find(batched, sizes=arch, dtype="float32", contender=LABELS["torch"])
        _ratio_target(add, name, goal, row, floor, theirs, "ms_per_step")
    forward = results.get("forward") or []
    for arch in ("784-512-512-10", "64-256-256-10") if forward else ():
        name = f"net.forward {arch} float32 vs PyTorch inference (no_grad)"
        row = find(forward, sizes=arch, dtype="float32", contender=FORWARD_LABELS["nnmath"])
        floor = find(forward, sizes=arch, dtype="float32", contender=FORWARD_LABELS["np_products"])
        theirs = find(forward, sizes=arch, dtype="float32", contender=FORWARD_LABELS["torch"])
        _ratio_target(add, name, 1.0, row, floor, theirs, "ms_per_call")
    for r in results["site"]:
        ok = r["status"] == "ok"
        met = (r["seconds"] < r["target_seconds"]) if ok else None
        if r["status"] == "failed":
            met = False
        add(
            ("site clean build" if r["build"] == "clean" else "site no-change rebuild"),
            f"< {r['target_seconds']:g} s",
            None if r["seconds"] is None else round(r["seconds"], 1),
            met,
            (f"gap: {r['seconds'] - r['target_seconds']:.1f} s over; " if met is False and ok
             else "") + (r["note"] or ""),
        )  # fmt: skip
    return out


# -- main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small step counts, one repeat")
    parser.add_argument("--no-site", action="store_true", help="skip the site build")
    parser.add_argument("--no-torch", action="store_true", help="skip the PyTorch contenders")
    parser.add_argument("--no-symbolic", action="store_true", help="skip the symbolic checks")
    parser.add_argument("--repeats", type=int, default=None, help="runs per contender")
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated measures to run (default: all of {','.join(SECTIONS)})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="JSON file to write (default: nnmath/data/bench/latest.json)",
    )
    args = parser.parse_args(argv)
    quick = args.quick
    notes: list[str] = []
    sections = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(sections) - set(SECTIONS))
    if unknown:
        parser.error(f"--only: unknown measure(s) {', '.join(unknown)}; choose from {SECTIONS}")
    for flag, name in ((args.no_site, "site"), (args.no_symbolic, "symbolic")):
        if flag and name in sections:
            sections.remove(name)
    for name in SECTIONS:
        if name not in sections:
            notes.append(f"{name}: skipped (--only/--no-{name})")
    use_torch = torch is not None and not args.no_torch
    if torch is None:
        notes.append(
            "PyTorch is not installed: PyTorch contenders skipped (pip install -e '.[bench]')"
        )
    elif args.no_torch:
        notes.append("--no-torch: PyTorch contenders skipped")
    repeats = args.repeats or (1 if quick else 5)
    global PAUSE
    if quick:
        PAUSE = 0.02

    machine = machine_info()
    results: dict[str, Any] = {
        "schema": 1,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "settings": {"quick": quick, "repeats": repeats, "notes": notes},
    }
    say(f"nnmath benchmarks, {results['date']}")
    for key, value in machine.items():
        say(f"  {key}: {value}")
    for note in notes:
        say(f"  NOTE: {note}")
    say()

    size = 512 if quick else MATMUL_SIZE
    results["matmul"] = measure_matmul(repeats, size, use_torch)
    # The machine's matrix-product rate: NumPy's best run (a slow spell only lowers it).
    peaks = {r["dtype"]: r["gflops_max"] for r in results["matmul"] if r["library"] == "numpy"}
    say(bench_report.text(bench_report.matmul_table(results)))
    say()

    steps, long_steps = (2_000, 20_000) if quick else (100_000, 1_000_000)
    results["higham_sgd"] = []
    if "higham" in sections:
        results["higham_sgd"] = bench_higham(steps, long_steps, repeats, use_torch)
        report_higham(results)
    results["batched"] = []
    if "batched" in sections:
        configs = [([64, 256, 256, 10], 256), ([784, 512, 512, 10], 512)]
        batch_steps = {"64-256-256-10": 3 if quick else 100, "784-512-512-10": 3 if quick else 15}
        rounds = repeats if quick else 2 * repeats + 1
        results["batched"] = bench_batched(
            configs, [np.float32, np.float64], batch_steps, rounds, peaks, use_torch
        )
        say(bench_report.text(bench_report.batched_table(results)))
        say()
    results["forward"] = []
    if "forward" in sections:
        configs = [([64, 256, 256, 10], 256), ([784, 512, 512, 10], 512)]
        forward_calls = {"64-256-256-10": 3 if quick else 300, "784-512-512-10": 3 if quick else 40}
        rounds = repeats if quick else 2 * repeats + 1
        results["forward"] = bench_forward(
            configs, [np.float32, np.float64], forward_calls, rounds, peaks, use_torch
        )
        say(bench_report.text(bench_report.forward_table(results)))
        say()
    results["symbolic"] = []
    if "symbolic" in sections:
        depths = [2, 3] if quick else list(range(2, 11))
        results["symbolic"] = bench_symbolic(depths, stop_after=60.0, kill_after=150.0)
        say(bench_report.text(bench_report.symbolic_table(results)))
        say()

    results["site"] = []
    if "site" in sections:
        results["site"], site_notes = bench_site(timeout=900.0)
        notes.extend(site_notes)
        say(bench_report.text(bench_report.site_table(results)))
        say()

    rescale_peaks(results)
    try:
        results["settings"]["load_average_at_end"] = [float(x) for x in os.getloadavg()]
    except OSError:
        results["settings"]["load_average_at_end"] = None
    results["targets"] = targets(results)
    say(bench_report.text(bench_report.targets_table(results)))
    for note in notes:
        say(f"NOTE: {note}")
    text = json.dumps(results, indent=1, ensure_ascii=False) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    say(f"\nwrote {args.out}")
    if args.out.resolve() == DEFAULT_OUT.resolve() and not quick:
        # Full runs are also kept by date: the Performance page compares their targets.
        archive = DEFAULT_OUT.with_name(f"run-{results['date'][:10]}.json")
        archive.write_text(text, encoding="utf-8")
        say(f"wrote {archive}")
    return 0


def report_higham(results: dict[str, Any]) -> None:
    say(bench_report.text(bench_report.higham_table(results)))
    diffs = [r["max_abs_diff"] for r in results["higham_sgd"] if r["max_abs_diff"] is not None]
    if diffs and max(diffs) > 1e-10:
        say(f"ERROR: the trajectories differ by {max(diffs):.3g} > 1e-10")
    say()


if __name__ == "__main__":
    sys.exit(main())
