"""Notebook execution: every chapter from the repository root, the uncached ones in parallel.

nbconvert runs a notebook's cells with the preprocessor named in ``Exporter.default_preprocessors``
(a setting of its configuration, which mkdocs-jupyter reads from the Jupyter config path:
``get_nbconvert_app`` loads "the user's nbconvert configuration"). :func:`configure` writes a
``jupyter_nbconvert_config.json`` naming :class:`NnmathExecutePreprocessor` in
``ExecutePreprocessor``'s place and puts its folder first on ``JUPYTER_CONFIG_PATH``; the
subclass inherits every ``ExecutePreprocessor`` setting mkdocs-jupyter passes (``enabled``,
``kernel_name``, ``allow_errors``). It runs the kernels over local sockets, from the
repository root, merges split stream outputs and hands the executed notebook to ``nbcache``.

At ``on_files`` the notebooks whose cached conversion is missing start executing, one
kernel per core (:func:`prefetch`). mkdocs-jupyter still converts the pages one after the
other; when it comes to execute a notebook, the executor hands it the outputs of the run
already under way or done (the HTML export itself stays sequential: it keeps global state).
A clean build takes about as long as its longest chapters rather than the sum of all of them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path, PurePath
from typing import Any

from nbconvert.exporters import Exporter
from nbconvert.preprocessors import ExecutePreprocessor

from . import BuildError, kernel, nbcache
from .files import write_atomically

log = logging.getLogger("mkdocs.hooks.nnmath")

PREFETCH_THREADS = "nnmath-execute"
NBCONVERT_EXECUTOR = "nbconvert.preprocessors.ExecutePreprocessor"
CONFIG_FILE = "jupyter_nbconvert_config.json"


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


class NnmathExecutePreprocessor(ExecutePreprocessor):
    """nbconvert's executor with local sockets, the repository root as working directory,
    prefetched outputs and merged streams; it records each executed notebook in ``nbcache``."""

    def preprocess(self, nb: Any, resources: Any = None, km: Any = None) -> Any:
        kernel.use_local_sockets(self)
        # Run every chapter from the repository root, wherever mkdocs was started.
        if resources is not None and not resources.get("metadata", {}).get("path"):
            resources.setdefault("metadata", {})["path"] = str(_runs.root)
        if _is_prefetch():  # a run ahead of its page (see prefetch)
            nb, resources = super().preprocess(nb, resources, km)
            return _coalesce_streams(nb), resources
        future = _runs.prefetched.pop(_cells_key(nb), None)
        if future is not None:
            _copy_outputs(future.result(), nb)  # re-raises a failing cell's error
        else:
            nb, resources = super().preprocess(nb, resources, km)
            nb = _coalesce_streams(nb)
        nbcache.capture(nb)
        return nb, resources


def nbconvert_config() -> dict[str, Any]:
    """The nbconvert configuration that puts :class:`NnmathExecutePreprocessor` in place.

    Raises
    ------
    BuildError
        If nbconvert's default preprocessors no longer name its executor.
    """
    defaults = list(Exporter.class_traits()["default_preprocessors"].default() or ())
    if NBCONVERT_EXECUTOR not in defaults:
        raise BuildError(
            f"nnmath hooks: nbconvert's default preprocessors no longer include "
            f"{NBCONVERT_EXECUTOR} (nbconvert changed?): {defaults}"
        )
    ours = f"{__name__}.{NnmathExecutePreprocessor.__name__}"
    return {
        "Exporter": {
            "default_preprocessors": [ours if p == NBCONVERT_EXECUTOR else p for p in defaults]
        }
    }


def configure(cache_root: Path) -> Path:
    """Write the nbconvert configuration into ``cache_root`` and put it on the Jupyter config path.

    Returns the folder of the configuration. A configuration of the user's own (in
    ``JUPYTER_CONFIG_DIR``) still comes first.
    """
    folder = cache_root / "nnmath-jupyter"
    text = json.dumps(nbconvert_config(), indent=1) + "\n"
    target = folder / CONFIG_FILE
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        write_atomically(target, text)
    paths = [p for p in os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]
    if str(folder) not in paths:
        os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(folder), *paths])
    return folder


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


def prefetch(paths: list[str], jupyter: Mapping[str, Any]) -> None:
    """Start executing the notebooks whose cached page is missing, one kernel per core.

    ``jupyter`` holds mkdocs-jupyter's settings (``execute``, ``kernel_name``, ...).
    """
    import jupytext

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
        runner = NnmathExecutePreprocessor(  # type: ignore[no-untyped-call]
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


def _converter_options(jupyter: Mapping[str, Any]) -> dict[str, Any]:
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
