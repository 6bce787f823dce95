"""The targets of the benchmark: each goal, the value measured and whether it is met."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .batched import LABELS
from .forward import FORWARD_LABELS
from .timing import Row


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
