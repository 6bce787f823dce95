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

This file is the command line; each family of measures is a module of
``scripts/benchmarks/`` (``timing`` holds what they share), and the tables are
``scripts/bench_report.py``, which the site's Performance page uses too.

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
import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout even without `pip install -e .`

import bench_report  # noqa: E402  (beside this script)
from bench_report import batched_table, forward_table  # noqa: E402
from benchmarks import timing  # noqa: E402  (the measures, beside this script)
from benchmarks.batched import TRAINING_STEP, batched_cases, bench_throughput  # noqa: E402
from benchmarks.forward import FORWARD_PASS  # noqa: E402
from benchmarks.higham import bench_higham  # noqa: E402
from benchmarks.machine import machine_info, measure_matmul  # noqa: E402
from benchmarks.optional_torch import torch  # noqa: E402
from benchmarks.site import bench_site  # noqa: E402
from benchmarks.symbolic import bench_symbolic  # noqa: E402
from benchmarks.targets import rescale_peaks, targets  # noqa: E402
from benchmarks.timing import say  # noqa: E402

SECTIONS = ("higham", "batched", "forward", "symbolic", "site")
MATMUL_SIZE = 2048
DEFAULT_OUT = ROOT / "nnmath" / "data" / "bench" / "latest.json"


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
    if quick:
        timing.PAUSE = 0.02

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
    # Training steps and forward passes: the same cases, the same rounds; steps or calls per run.
    configs = [([64, 256, 256, 10], 256), ([784, 512, 512, 10], 512)]
    rounds = repeats if quick else 2 * repeats + 1
    throughput = {
        "batched": (TRAINING_STEP, {"64-256-256-10": 100, "784-512-512-10": 15}, batched_table),
        "forward": (FORWARD_PASS, {"64-256-256-10": 300, "784-512-512-10": 40}, forward_table),
    }
    for name, (measure, counts, table) in throughput.items():
        results[name] = []
        if name in sections:
            counts = dict.fromkeys(counts, 3) if quick else counts
            cases = batched_cases(configs, [np.float32, np.float64])
            results[name] = bench_throughput(measure, cases, counts, rounds, peaks, use_torch)
            say(bench_report.text(table(results)))
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
