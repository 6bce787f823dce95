"""Notebook execution: every chapter from the repository root, the uncached ones in parallel.

At ``on_files`` the notebooks whose cached conversion is missing start executing, one
kernel per core. mkdocs-jupyter still converts the pages one after the other; when it
comes to execute a notebook, nbconvert's executor (patched here) hands it the outputs
of the run already under way or done (the HTML export itself stays sequential: it keeps
global state). A clean build takes about as long as its longest chapters rather than
the sum of all of them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path, PurePath
from typing import Any

from . import kernel, nbcache

log = logging.getLogger("mkdocs.hooks.nnmath")

PREFETCH_THREADS = "nnmath-execute"


class _Runs:
    """The executions of one build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # Cells key (see _cells_key) -> the executed notebook, being run ahead of its page.
        self.prefetched: dict[str, Future[Any]] = {}


_runs = _Runs(Path.cwd())


def reset(root: Path) -> None:
    """Start a build whose notebooks run from ``root``."""
    global _runs
    _runs = _Runs(root)


def install() -> None:
    """Patch nbconvert's executor: local sockets, cwd, prefetched outputs, capture (idempotent)."""
    from nbconvert.preprocessors.execute import ExecutePreprocessor

    if getattr(ExecutePreprocessor.preprocess, "_nnmath", False):
        return
    original_preprocess = ExecutePreprocessor.preprocess

    def preprocess(self: Any, nb: Any, resources: Any = None, km: Any = None) -> Any:
        kernel.use_local_sockets(self)
        # Run every chapter from the repository root, wherever mkdocs was started.
        if resources is not None and not resources.get("metadata", {}).get("path"):
            resources.setdefault("metadata", {})["path"] = str(_runs.root)
        if _is_prefetch():  # a run ahead of its page (see prefetch)
            nb, resources = original_preprocess(self, nb, resources, km)
            return _coalesce_streams(nb), resources
        future = _runs.prefetched.pop(_cells_key(nb), None)
        if future is not None:
            _copy_outputs(future.result(), nb)  # re-raises a failing cell's error
        else:
            nb, resources = original_preprocess(self, nb, resources, km)
            nb = _coalesce_streams(nb)
        nbcache.capture(nb)
        return nb, resources

    preprocess._nnmath = True  # type: ignore[attr-defined]
    ExecutePreprocessor.preprocess = preprocess  # type: ignore[method-assign]


def _coalesce_streams(nb: Any) -> Any:
    """Merge consecutive stream outputs of a cell into one.

    The kernel flushes stdout on a timer, so one ``print`` can arrive as two messages
    (text, then its newline) when the machine is busy; merged, the page and the
    download are the same whatever the timing.
    """
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    return nb


def _is_prefetch() -> bool:
    return threading.current_thread().name.startswith(PREFETCH_THREADS)


def _cells_key(nb: Any) -> str:
    """Identifies a notebook by its cells, as read from the source and as exported."""
    cells = [(cell.cell_type, cell.source) for cell in nb.cells]
    return hashlib.sha256(json.dumps(cells).encode()).hexdigest()


def _copy_outputs(executed: Any, nb: Any) -> None:
    """Give ``nb`` the outputs of ``executed``, the same notebook run ahead of its page.

    Only what execution changes is copied; the marks earlier preprocessors left on
    ``nb`` (hidden inputs) stay.
    """
    for source, target in zip(executed.cells, nb.cells, strict=True):
        if target.cell_type == "code":
            target.outputs = source.outputs
            target.execution_count = source.execution_count
    for key in ("language_info", "widgets"):
        if key in executed.metadata:
            nb.metadata[key] = executed.metadata[key]


def prefetch(paths: list[str], jupyter: Any) -> None:
    """Start executing the notebooks whose cached page is missing, one kernel per core.

    ``jupyter`` is mkdocs-jupyter's plugin configuration.
    """
    import jupytext
    from nbconvert.preprocessors.execute import ExecutePreprocessor

    if not jupyter["execute"]:
        return
    todo = []
    for path in paths:
        ignored = any(PurePath(path).match(p) for p in jupyter["execute_ignore"] or ())
        if not ignored and not nbcache.entry(path, (), _converter_options(jupyter)).is_file():
            todo.append(path)
    workers = min(len(todo), os.cpu_count() or 1)
    if workers < 2:  # nothing to overlap: the pages execute their notebooks themselves
        return

    def execute(nb: Any) -> Any:
        runner = ExecutePreprocessor(
            kernel_name=jupyter["kernel_name"],
            allow_errors=jupyter["allow_errors"],
            store_widget_state=True,
        )
        nb, _ = runner.preprocess(nb, {"metadata": {"path": str(_runs.root)}})
        return nb

    pool = ThreadPoolExecutor(workers, thread_name_prefix=PREFETCH_THREADS)
    for path in todo:
        nb = jupytext.read(path)
        _runs.prefetched[_cells_key(nb)] = pool.submit(execute, nb)
    pool.shutdown(wait=False)
    log.info("nnmath: executing %d notebooks on %d cores", len(todo), workers)


def _converter_options(jupyter: Any) -> dict[str, Any]:
    """The keyword arguments mkdocs-jupyter passes to ``convert.nb2html`` (its on_pre_page)."""
    return {
        "execute": jupyter["execute"],
        "kernel_name": jupyter["kernel_name"],
        "theme": jupyter["theme"],
        "allow_errors": jupyter["allow_errors"],
        "show_input": jupyter["show_input"],
        "no_input": jupyter["no_input"],
        "no_prompt": jupyter["no_prompt"],
        "remove_tag_config": jupyter["remove_tag_config"],
        "highlight_extra_classes": jupyter["highlight_extra_classes"],
        "include_requirejs": jupyter["include_requirejs"],
        "custom_mathjax_url": jupyter["custom_mathjax_url"],
    }
