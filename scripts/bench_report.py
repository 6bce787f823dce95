"""The benchmark's tables, defined once for the console and for the site.

``scripts/bench.py`` prints these tables while it measures; the site's Performance
page (``docs/performance.py``) renders the same tables from the committed
``nnmath/data/bench/latest.json``. Both call :func:`tables` on the same results
dictionary (the JSON schema is documented in ``scripts/bench.py``) and format
every number with :func:`fmt`, so the page and the console cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]


@dataclass(frozen=True)
class Table:
    """One table of results.

    Attributes
    ----------
    key : str
        The section of the results JSON it shows (``"higham_sgd"``, ``"batched"``, …).
    title : str
    header : list of str
    rows : list of list
        Raw values (numbers, strings, booleans or None); :func:`fmt` formats them.
    note : str
        How to read the table, or "".
    """

    key: str
    title: str
    header: list[str]
    rows: list[list[Any]]
    note: str = ""


def fmt(value: Any) -> str:
    """A number as the tables show it: 3 significant digits, whole numbers from 100 up.

    ``None`` is shown as "—" and booleans as "yes"/"NO".
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        if value == 0:
            return "0"
        if abs(value) >= 100:
            return f"{value:.0f}"
        if abs(value) >= 0.01:
            return f"{value:.3g}"
        return f"{value:.2e}"
    return str(value)


def text(table: Table, width: int = 110) -> str:
    """The table as plain text (cells cut at ``width`` characters; the JSON keeps them whole)."""
    cells = [list(table.header)] + [[fmt(c)[:width] for c in row] for row in table.rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(table.header))]
    lines = [table.title, "  ".join(h.ljust(w) for h, w in zip(cells[0], widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells[1:]]
    if table.note:
        lines.append(table.note)
    return "\n".join(lines)


def _rows(results: dict[str, Any], key: str, columns: list[str]) -> list[list[Any]]:
    return [[row[c] for c in columns] for row in results.get(key) or []]


def matmul_table(results: dict[str, Any]) -> Table:
    size = results["matmul"][0]["size"] if results.get("matmul") else "?"
    return Table(
        "matmul",
        f"Matrix product {size}×{size} (GFLOP/s; median, min–max)",
        ["library", "dtype", "GFLOP/s", "min", "max"],
        _rows(results, "matmul", ["library", "dtype", "gflops", "gflops_min", "gflops_max"]),
    )


def higham_table(results: dict[str, Any]) -> Table:
    return Table(
        "higham_sgd",
        "a. Higham per-sample SGD, 2-2-3-2, η = 0.05, float64 (median of runs)",
        ["contender", "steps", "seconds", "min", "max", "µs/step", "× vs autograd", "max |Δθ|"],
        _rows(
            results,
            "higham_sgd",
            [
                "contender",
                "steps",
                "seconds",
                "seconds_min",
                "seconds_max",
                "us_per_step",
                "speedup_vs_torch_autograd",
                "max_abs_diff",
            ],
        ),
        "× vs autograd: how many times faster than PyTorch autograd; max |Δθ|: largest "
        "difference of the final parameters from nnmath.sgd's after the same steps.",
    )


def batched_table(results: dict[str, Any]) -> Table:
    machine = results.get("machine", {})
    size = results["matmul"][0]["size"] if results.get("matmul") else "?"
    return Table(
        "batched",
        "b. One mini-batch SGD step, sigmoid hidden, softmax + cross-entropy "
        f"(PyTorch threads: {machine.get('torch_threads')}, BLAS threads: "
        f"{machine.get('blas_threads')})",
        [
            "sizes",
            "batch",
            "dtype",
            "contender",
            "ms/step",
            "min",
            "max",
            "GFLOP/s",
            "of peak",
            "÷ PyTorch",
            "(best)",
            "max |Δθ|",
        ],
        _rows(
            results,
            "batched",
            [
                "sizes",
                "batch",
                "dtype",
                "contender",
                "ms_per_step",
                "ms_min",
                "ms_max",
                "gflops",
                "fraction_of_matmul_peak",
                "ratio_vs_torch",
                "ratio_vs_torch_best",
                "max_abs_diff_vs_torch",
            ],
        ),
        "÷ PyTorch: throughput relative to PyTorch autograd (> 1 is faster), the median of "
        "the rounds' ratios; (best): the same from each one's fastest run; of peak: the "
        f"fraction of NumPy's best matrix-product rate in the run ({size}² or a step's "
        "products, whichever was faster).",
    )


def forward_table(results: dict[str, Any]) -> Table:
    size = results["matmul"][0]["size"] if results.get("matmul") else "?"
    return Table(
        "forward",
        "b2. One forward pass of a batch (inference), sigmoid hidden, softmax output",
        ["sizes", "batch", "dtype", "contender", "ms/call", "min", "max", "GFLOP/s",
         "of peak", "÷ PyTorch", "max |Δŷ|"],
        _rows(
            results,
            "forward",
            ["sizes", "batch", "dtype", "contender", "ms_per_call", "ms_min", "ms_max",
             "gflops", "fraction_of_matmul_peak", "ratio_vs_torch", "max_abs_diff_vs_torch"],
        ),
        "÷ PyTorch: throughput relative to PyTorch under torch.no_grad (> 1 is faster), the "
        "median of the rounds' ratios; max |Δŷ|: largest difference of the outputs; of peak: "
        f"the fraction of NumPy's best matrix-product rate in the run ({size}² or a step's "
        "products, whichever was faster).",
    )  # fmt: skip


def symbolic_table(results: dict[str, Any]) -> Table:
    return Table(
        "symbolic",
        "c. Symbolic backprop proof, width-3 networks (seconds)",
        ["method", "depth", "status", "seconds", "partials", "all equal", "note"],
        _rows(
            results,
            "symbolic",
            ["method", "depth", "status", "seconds", "partials_checked", "all_equal", "note"],
        ),
    )


def site_table(results: dict[str, Any]) -> Table:
    return Table(
        "site",
        "d. Site build (mkdocs build --strict)",
        ["build", "status", "seconds", "target", "note"],
        [
            [r["build"], r["status"], r["seconds"], f"< {r['target_seconds']:g} s", r["note"]]
            for r in results.get("site") or []
        ],
    )


def targets_table(results: dict[str, Any]) -> Table:
    return Table(
        "targets",
        "Targets",
        ["target", "goal", "value", "met", "note"],
        _rows(results, "targets", ["target", "goal", "value", "met", "note"]),
    )


def history_table(runs: list[dict[str, Any]]) -> Table:
    """The targets of several runs side by side (one column per run, oldest first).

    Parameters
    ----------
    runs : list of dict
        Results dictionaries, e.g. every ``nnmath/data/bench/run-*.json``.
    """
    runs = sorted(runs, key=lambda r: r["date"])
    goals: dict[str, str] = {}
    for run in runs:
        for row in run.get("targets") or []:
            goals.setdefault(row["target"], row["goal"])
    rows = []
    for target, goal in goals.items():
        cells: list[Any] = [target, goal]
        for run in runs:
            row = next((r for r in run.get("targets") or [] if r["target"] == target), None)
            cells.append("—" if row is None else f"{fmt(row['value'])} ({fmt(row['met'])})")
        rows.append(cells)
    header = ["target", "goal"] + [f"{r['date'][:10]}, {r['machine']['cpu']}" for r in runs]
    return Table(
        "history",
        "Targets of every archived run",
        header,
        rows,
        "Each column is one full run of the benchmark on the machine named in its heading.",
    )


TABLES: list[Callable[[dict[str, Any]], Table]] = [
    matmul_table,
    higham_table,
    batched_table,
    forward_table,
    symbolic_table,
    site_table,
    targets_table,
]


def tables(results: dict[str, Any]) -> list[Table]:
    """Every table that has rows, in the order the benchmark measures them."""
    return [t for t in (make(results) for make in TABLES) if t.rows]
