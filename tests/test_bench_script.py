"""scripts/bench.py runs end to end and writes the documented JSON (speed is not asserted)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_quick_run_writes_the_documented_json(tmp_path):
    out = tmp_path / "results" / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--no-site", "--no-torch",
         "--out", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PyTorch contenders skipped" in proc.stdout
    assert "Targets" in proc.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == 1
    expected = {"machine", "date", "settings", "matmul", "higham_sgd", "batched", "forward"}
    expected |= {"symbolic"}
    assert expected | {"site", "targets"} <= set(data)
    for key in ("cpu", "cores", "python", "numpy", "sympy", "torch", "blas"):
        assert key in data["machine"]
    assert data["settings"]["quick"] is True
    assert any("--no-site" in note for note in data["settings"]["notes"])
    assert data["site"] == []
    # Without PyTorch: NumPy contenders only, and no ratio to PyTorch.
    contenders = {r["contender"] for r in data["batched"]}
    assert "nnmath.batched" in contenders and not any("PyTorch" in c for c in contenders)
    assert all(r["ratio_vs_torch"] is None for r in data["batched"])
    assert {(r["sizes"], r["dtype"]) for r in data["batched"]} == {
        (s, d) for s in ("64-256-256-10", "784-512-512-10") for d in ("float32", "float64")
    }
    for row in data["batched"]:
        assert row["ms_per_step"] > 0 and row["fraction_of_matmul_peak"] > 0
    assert "net.gradient + in-place update" in contenders
    # The forward pass: net.forward and the bare products, both configurations and dtypes.
    assert {(r["sizes"], r["dtype"], r["contender"]) for r in data["forward"]} == {
        (s, d, c)
        for s in ("64-256-256-10", "784-512-512-10")
        for d in ("float32", "float64")
        for c in ("net.forward", "NumPy products only (floor)")
    }
    for row in data["forward"]:
        assert row["ms_per_call"] > 0 and row["ratio_vs_torch"] is None
    # The Higham trajectories of every contender agree with nnmath.sgd.
    diffs = [r["max_abs_diff"] for r in data["higham_sgd"] if r["max_abs_diff"] is not None]
    assert diffs and max(diffs) <= 1e-10
    assert {r["status"] for r in data["symbolic"]} <= {"ok", "timeout", "error", "skipped"}
    for row in data["targets"]:
        assert set(row) == {"target", "goal", "value", "met", "note"}
