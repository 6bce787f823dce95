"""``verify_backprop`` against depth, each series in a subprocess that is killed when slow."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from .timing import Row

ROOT = Path(__file__).resolve().parents[2]


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
