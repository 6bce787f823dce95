"""The site build: a clean ``mkdocs build --strict``, then a no-change rebuild."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .timing import Row

ROOT = Path(__file__).resolve().parents[2]


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
