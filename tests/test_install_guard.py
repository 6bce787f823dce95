"""The install guard that the build adds as the first code cell of every chapter notebook."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "docs" / "hooks"))

from nnmath_build.install_guard import (  # noqa: E402  (the hooks folder is not a package)
    GUARD_ID,
    GUARD_SOURCE,
    with_install_guard,
)

CHAPTERS = sorted((REPO / "docs" / "chapters").glob("*.py"))


def _notebook(*kinds: str) -> str:
    cells = [{"cell_type": k, "metadata": {}, "source": f"{k} {i}"} for i, k in enumerate(kinds)]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_the_guard_comes_before_the_first_code_cell_and_only_once() -> None:
    guarded = with_install_guard(_notebook("markdown", "code", "markdown", "code"))
    cells = json.loads(guarded)["cells"]
    assert [c.get("id") for c in cells][1] == GUARD_ID
    assert [c["source"] for c in cells if c.get("id") != GUARD_ID] == [
        "markdown 0",
        "code 1",
        "markdown 2",
        "code 3",
    ]
    assert "".join(cells[1]["source"]) == GUARD_SOURCE
    assert with_install_guard(guarded) == guarded
    only_text = json.loads(with_install_guard(_notebook("markdown")))["cells"]
    assert [c.get("id") for c in only_text] == [None, GUARD_ID]


def test_the_guard_stops_with_the_install_line_only_without_nnmath() -> None:
    hidden = "import sys; sys.modules['nnmath'] = None\n"  # makes `import nnmath` fail
    without = subprocess.run(
        [sys.executable, "-c", hidden + GUARD_SOURCE], capture_output=True, text=True, check=False
    )
    assert without.returncode == 1
    assert "needs the nnmath package" in without.stderr
    assert "-m pip install -r requirements.txt" in without.stderr
    assert "Traceback" not in without.stderr
    with_it = subprocess.run(
        [sys.executable, "-c", GUARD_SOURCE], capture_output=True, text=True, check=False, cwd=REPO
    )
    assert with_it.returncode == 0, with_it.stderr


def test_the_chapter_sources_leave_the_guard_to_the_build() -> None:
    assert len(CHAPTERS) == 10
    carrying = [p.name for p in CHAPTERS if "needs the nnmath package" in p.read_text("utf-8")]
    assert carrying == []


def test_bad_notebooks_are_refused() -> None:
    with pytest.raises(TypeError, match="ipynb must be a string of JSON, got bytes"):
        with_install_guard(b"{}")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="with a list of cells"):
        with_install_guard("[]")
