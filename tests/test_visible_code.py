"""The code a page shows is the code a reader can run.

A page's visible code cells are its code cells without the tag that hides their input
(``hide-input``, the ``remove_input_tags`` of mkdocs.yml). Hidden cells may render derivations,
tables and figures, but the visible cells must run on their own, in order, in a fresh kernel
(the slow test), open with their imports, and call no private name and no page-rendering helper
(the fast, static tests).
"""

from __future__ import annotations

import ast
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "docs" / "hooks"))
from nnmath_build import kernel  # noqa: E402  (the hooks folder is not a package)

HIDDEN_TAG = "hide-input"
PAGES = [
    *sorted((REPO / "docs" / "chapters").glob("*.py")),
    REPO / "docs" / "performance.py",
    REPO / "docs" / "verification.py",
]
# Old import paths kept for compatibility only: the pages teach the current modules.
OLD_MODULES = {"nnmath.fast", "nnmath.batched"}
CELL_TIMEOUT = 1200  # seconds; chapter 9 trains for a million steps twice


@dataclass(frozen=True)
class VisibleCell:
    page: Path
    number: int  # 1-based, among the page's visible code cells
    line: int  # of the cell's "# %%" marker in the page's source
    source: str

    def where(self) -> str:
        return f"{self.page.relative_to(REPO)}:{self.line} (visible code cell {self.number})"


def visible_cells(page: Path) -> list[VisibleCell]:
    """The code cells that ``page`` shows with their code, in order."""
    notebook = jupytext.read(page)
    markers = [
        i + 1
        for i, line in enumerate(page.read_text(encoding="utf-8").splitlines())
        if line.startswith("# %%")
    ]
    assert len(markers) == len(notebook.cells), f"{page}: a cell without a '# %%' marker"
    shown = [
        (line, cell)
        for line, cell in zip(markers, notebook.cells, strict=True)
        if cell.cell_type == "code" and HIDDEN_TAG not in cell.metadata.get("tags", ())
    ]
    return [
        VisibleCell(page, number, line, cell.source)
        for number, (line, cell) in enumerate(shown, start=1)
    ]


PAGES_WITH_CODE = [page for page in PAGES if visible_cells(page)]


def page_id(page: Path) -> str:
    return page.stem


def test_the_build_hides_the_input_of_cells_with_the_tag() -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(rf"remove_input_tags:\s*\n\s*- {HIDDEN_TAG}\s*\n", config), (
        f"mkdocs.yml no longer hides the input of cells tagged {HIDDEN_TAG!r}"
    )


def test_every_chapter_shows_code() -> None:
    chapters = [page for page in PAGES if page.parent.name == "chapters"]
    assert len(chapters) >= 10 and all(page in PAGES_WITH_CODE for page in chapters)


def _problems(cell: VisibleCell) -> list[str]:
    """What ``cell`` uses that a reader's copy of it should not."""
    try:
        tree = ast.parse(cell.source)
    except SyntaxError as error:
        return [f"not plain Python: {error}"]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if node.attr.startswith("_") and not node.attr.endswith("__"):
                found.append(f"private name .{node.attr}")
            package = node.value.id if isinstance(node.value, ast.Name) else ""
            if package in {"nm", "nnmath"} and f"nnmath.{node.attr}" in OLD_MODULES:
                found.append(f"old module nnmath.{node.attr}")
        elif isinstance(node, ast.Name) and node.id == "nb":
            found.append("page-rendering helper nb")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            module = getattr(node, "module", None) or ""
            names = [alias.name for alias in node.names]
            full = [f"{module}.{name}" if module else name for name in names]
            for name in [module, *names, *full]:
                parts = name.split(".")
                if any(part.startswith("_") for part in parts if part):
                    found.append(f"private import {name}")
                if name in OLD_MODULES:
                    found.append(f"old module {name}")
                if name == "nnmath.notebook":
                    found.append("page-rendering helpers nnmath.notebook")
    return sorted(set(found))


def test_visible_cells_use_no_private_name_rendering_helper_or_old_module() -> None:
    problems = [
        f"{cell.where()}: {problem}"
        for page in PAGES
        for cell in visible_cells(page)
        for problem in _problems(cell)
    ]
    assert not problems, "\n".join(problems)


def test_the_static_check_finds_what_it_looks_for() -> None:
    def cell(source: str) -> VisibleCell:
        return VisibleCell(PAGES[0], 1, 1, source)

    assert _problems(cell("nm.activations._sigmoid_unchecked(x)")) == [
        "private name ._sigmoid_unchecked"
    ]
    assert _problems(cell("nb.table(rows, header)")) == ["page-rendering helper nb"]
    assert "old module nnmath.fast" in _problems(cell("from nnmath import fast"))
    assert "private import _log_softmax_unchecked" in _problems(
        cell("from nnmath.activations import _log_softmax_unchecked")
    )
    assert _problems(cell("import numpy as np\nprint(np.__version__, x.shape)")) == []


@pytest.mark.parametrize("page", PAGES_WITH_CODE, ids=page_id)
def test_page_opens_with_its_imports(page: Path) -> None:
    first = visible_cells(page)[0]
    body = ast.parse(first.source).body
    assert body and all(isinstance(node, ast.Import | ast.ImportFrom) for node in body), (
        f"{first.where()}: the first visible code cell should hold the page's imports, "
        f"and only them:\n{first.source}"
    )


def _visible_notebook(cells: list[VisibleCell]) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(cell.source) for cell in cells],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )


def _first_error(notebook: nbformat.NotebookNode) -> tuple[int, str] | None:
    """The index of the first cell with an error output, and the error, if any."""
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", ()):
            if output.output_type == "error":
                return index, f"{output.ename}: {output.evalue}"
    return None


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES_WITH_CODE, ids=page_id)
def test_visible_code_runs_alone_in_a_fresh_kernel(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the cells a reader sees, in order, from the repository root: no error."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    monkeypatch.setenv("PYTHONHASHSEED", "0")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    cells = visible_cells(page)
    notebook = _visible_notebook(cells)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        allow_errors=False,
        resources={"metadata": {"path": os.fspath(REPO)}},
    )
    kernel.use_local_sockets(client)
    failure = None
    try:
        client.execute()
    except CellExecutionError as error:
        failure = re.sub(r"\x1b\[[0-9;]*m", "", str(error))  # the traceback, without colours
    failed = _first_error(notebook)
    if failed is not None:
        index, message = failed
        pytest.fail(
            f"{cells[index].where()} fails when the page's visible cells run alone: "
            f"{message}\n{failure}",
            pytrace=False,
        )
    assert failure is None, failure
    assert _first_error(notebook) is None
    ran = [cell for cell in notebook.cells if cell.get("execution_count")]
    assert len(ran) == len(cells), f"{page.name}: {len(ran)} of {len(cells)} visible cells ran"
