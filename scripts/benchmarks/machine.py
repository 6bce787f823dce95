"""The machine the benchmark runs on, and its matrix-product rate."""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from .optional_torch import torch
from .timing import Row, interleave, stats


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
