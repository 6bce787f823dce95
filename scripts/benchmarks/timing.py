"""What every measure shares: interleaved runs, medians, ratios to PyTorch, throughput rows.

Contenders are interleaved (A, B, C, A, B, C, …) with a short pause between runs, so that a
slow spell of the machine hits all of them and the idle worker threads of one library
(OpenBLAS, OpenMP) do not steal the cores of the next.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

Row = dict[str, Any]
Step = Callable[[int], None]
"""One call of a contender on batch ``i`` (every contender sees the same batches)."""
Result = Callable[[], np.ndarray] | None
"""What a contender computed (parameters or outputs), to compare with PyTorch's; or None."""

PAUSE = 0.25  # seconds between two contenders' runs; ``scripts/bench.py --quick`` lowers it


def say(text: str = "") -> None:
    """Print a line of the console report at once."""
    print(text, flush=True)


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


def timed(step: Step, count: int) -> Callable[[], float]:
    """A run of ``count`` calls ``step(1) … step(count)``, returning seconds per call."""

    def run() -> float:
        t = time.perf_counter()
        for i in range(1, count + 1):
            step(i)
        return (time.perf_counter() - t) / count

    return run


def time_steps(steps: dict[str, Step], count: int, rounds: int) -> dict[str, list[float]]:
    """Warm each contender up with ``step(0)``, then time runs of ``count`` calls, interleaved."""
    for step in steps.values():
        step(0)  # warm up (one call, the same for every contender)
    return interleave({key: timed(step, count) for key, step in steps.items()}, rounds)


def paired_ratio(theirs: list[float], ours: list[float]) -> float:
    """Median over the rounds of their time / ours: the two runs are neighbours in a round."""
    return float(np.median(np.array(theirs) / np.array(ours)))


def throughput_rows(
    case: Any,
    times: dict[str, list[float]],
    results: dict[str, Result],
    *,
    labels: dict[str, str],
    unit: str,
    count: int,
    flops: float,
    peaks: dict[str, float],
    best_ratio: bool,
) -> list[Row]:
    """One row per contender: time per ``unit`` ("step" or "call"), GFLOP/s, ratio to PyTorch.

    ``case`` has ``sizes``, ``batch`` and ``dtype``; ``times`` and ``results`` are keyed alike,
    PyTorch's contender under ``"torch"`` (absent when PyTorch is not measured). With
    ``best_ratio`` a row also has ``ratio_vs_torch_best`` (the ratio of the fastest runs).
    """
    arch = "-".join(map(str, case.sizes))
    torch_times = times.get("torch")
    torch_result = results.get("torch")
    reference = None if torch_result is None else torch_result()
    rows: list[Row] = []
    for key, secs in times.items():
        med, lo, hi = stats(secs)
        gflops = flops / med / 1e9
        ratio = None if torch_times is None else paired_ratio(torch_times, secs)
        result = results[key]
        diff = None
        if reference is not None and result is not None and key != "torch":
            diff = float(np.max(np.abs(result() - reference)))
        row: Row = {
            "sizes": arch,
            "batch": case.batch,
            "dtype": case.dtype.name,
            "contender": labels[key],
            f"ms_per_{unit}": med * 1e3,
            "ms_min": lo * 1e3,
            "ms_max": hi * 1e3,
            "runs": len(secs),
            f"{unit}s_per_run": count,
            "gflops": gflops,
            "fraction_of_matmul_peak": gflops / peaks[case.dtype.name],
            "ratio_vs_torch": ratio,
        }
        if best_ratio:
            row["ratio_vs_torch_best"] = None if torch_times is None else min(torch_times) / lo
        row["max_abs_diff_vs_torch"] = diff
        rows.append(row)
    return rows
