"""The cache of executed notebooks (mkdocs-jupyter's own cache is turned off in mkdocs.yml).

mkdocs-jupyter's converter is wrapped (``patches``) with :func:`cached_nb2html`: the key
of a conversion covers the chapter source, the conversion options, every file under
``nnmath/`` and ``scripts/`` (the committed benchmark results and their tables), the
library versions, these hooks and ``SOURCE_DATE_EPOCH``, so a change in the library
re-executes the chapters. The wrapper also keeps the executed notebook for the ``.ipynb``
download. The cache lives in ``.cache/`` or in ``$NNMATH_CACHE_DIR``.
"""

from __future__ import annotations

import copy
import hashlib
import importlib.metadata
import json
import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import BuildError, kernel
from .files import write_atomically

log = logging.getLogger("mkdocs.hooks.nnmath")

# Folders whose files executed pages depend on: a change to any file re-executes them.
DEPENDENCY_DIRS = ("nnmath", "scripts")

# Bump when the hook changes what it stores in the notebook cache.
CACHE_FORMAT = "2"

# The build hooks: any change to them re-executes.
HOOKS_DIR = Path(__file__).parents[1]

# Packages whose version can change what an executed chapter shows.
KEY_PACKAGES = (
    "numpy",
    "sympy",
    "matplotlib",
    "scikit-learn",
    "ipython",
    "ipykernel",
    "jupytext",
    "nbconvert",
    "nbformat",
    "mkdocs-jupyter",
    "matplotlib-inline",
)


class _Cache:
    """What one build learns about its notebooks."""

    def __init__(self, cache_dir: Path) -> None:
        self.dir = cache_dir
        self.env_digest = ""
        self.used_entries: set[str] = set()
        self.notebooks: dict[str, str] = {}  # realpath of the source -> .ipynb JSON text


_cache = _Cache(Path.cwd() / ".cache" / "nnmath-notebooks")
_local = threading.local()  # .captured: notebooks executed by this thread's conversion


def reset(root: Path, cache_root: Path) -> None:
    """Start a build: a fresh record, the digest of the environment (set it up first)."""
    global _cache
    _cache = _Cache(cache_root / "nnmath-notebooks")
    _cache.env_digest = _environment_digest(root)


def capture(nb: Any) -> None:
    """Record a notebook just executed, for the conversion under way in this thread."""
    _captured().append(copy.deepcopy(nb))


def _captured() -> list[Any]:
    if not hasattr(_local, "captured"):
        _local.captured = []
    return _local.captured  # type: ignore[no-any-return]


def _environment_digest(root: Path) -> str:
    """Hash of everything outside the chapter source that an executed chapter depends on."""
    h = hashlib.sha256()
    h.update(f"format={CACHE_FORMAT}\n".encode())
    for path in sorted(HOOKS_DIR.rglob("*.py")):
        h.update(path.read_bytes())
    h.update(f"python={sys.version}\n".encode())
    for pkg in KEY_PACKAGES:
        try:
            version = importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{pkg}={version}\n".encode())
    # No absolute paths in the key: a copy of the repository can reuse the cache.
    for var in ("SOURCE_DATE_EPOCH", "PYTHONHASHSEED"):
        h.update(f"{var}={os.environ.get(var, '')}\n".encode())
    ipython_dir = os.environ.get("IPYTHONDIR", "")
    if ipython_dir != kernel.own_env.get("IPYTHONDIR"):  # the user's own profile
        h.update(f"IPYTHONDIR={ipython_dir}\n".encode())
    rc = os.environ.get("MATPLOTLIBRC", "")
    if rc and Path(rc).is_file():
        h.update(Path(rc).read_bytes())
    # The library the chapters run; the benchmark results and tables the Performance page reads.
    for path in sorted(p for d in DEPENDENCY_DIRS for p in (root / d).rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def entry(nb_path: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Path:
    """The cache file of one conversion: chapter source, options and environment."""
    h = hashlib.sha256()
    h.update(_cache.env_digest.encode())
    h.update(hashlib.sha256(Path(nb_path).read_bytes()).digest())
    h.update(repr(args).encode())
    h.update(repr(sorted(kwargs.items())).encode())
    return _cache.dir / f"{h.hexdigest()}.json"


def cached_nb2html(original: Callable[..., Any], nb_path: str, *args: Any, **kwargs: Any) -> str:
    """``original(nb_path, *args, **kwargs)`` (mkdocs-jupyter's converter), from the cache if
    the chapter and its environment are unchanged; keeps the executed notebook.

    Raises
    ------
    BuildError
        If the conversion was to execute the notebook and the build's executor did not run
        (a Jupyter configuration of the user's own replaced it).
    """
    source = Path(nb_path).read_bytes()
    path = entry(nb_path, args, kwargs)
    _cache.used_entries.add(path.name)
    real = os.path.realpath(nb_path)

    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        log.info("nnmath: notebook cache hit for %s", nb_path)
        _cache.notebooks[real] = data["ipynb"]
        return str(data["html"])

    captured = _captured()
    captured.clear()
    html = original(nb_path, *args, **kwargs)
    if captured:
        nb = captured[-1]
    elif kwargs.get("execute"):
        raise BuildError(
            f"nnmath hooks: {nb_path} was converted without the build's executor; does a "
            "jupyter_nbconvert_config in JUPYTER_CONFIG_DIR set Exporter.default_preprocessors?"
        )
    else:  # not executed (execute: false or execute_ignore): offer the bare notebook
        import jupytext

        nb = jupytext.reads(source.decode("utf-8"), fmt="py:percent")
    captured.clear()
    ipynb = _notebook_json(nb)
    _cache.notebooks[real] = ipynb

    write_atomically(path, json.dumps({"html": html, "ipynb": ipynb}))
    return str(html)


def executed_notebook(src_path: str) -> str | None:
    """The executed notebook (nbformat JSON) of a page's source, once converted."""
    return _cache.notebooks.get(os.path.realpath(src_path))


def _notebook_json(nb: Any) -> str:
    """The executed notebook as a reader downloads it: deterministic, valid nbformat 4."""
    import nbformat

    nb = copy.deepcopy(nb)
    nb.metadata.pop("jupytext", None)
    if not nb.metadata.get("widgets"):
        nb.metadata.pop("widgets", None)
    nb.nbformat, nb.nbformat_minor = 4, 5
    for i, cell in enumerate(nb.cells):
        cell.pop("transient", None)  # set by nbconvert's TagRemovePreprocessor
        cell["id"] = f"cell-{i}"  # jupytext draws random ids
        cell.metadata.pop("execution", None)  # timestamps
        cell.metadata.pop("transient", None)
        if "hide-input" in cell.metadata.get("tags", ()):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    nbformat.validate(nb)
    return str(nbformat.writes(nb, version=4))


def evict_stale(full_build: bool) -> None:
    """Drop cache entries this build did not use, but only after a full build.

    A dirty ``mkdocs serve`` rebuild renders only some pages; then keep everything.
    """
    cache = _cache.dir
    if not cache.is_dir() or not full_build:
        return
    for path in sorted(cache.glob("*.json")):
        if path.name not in _cache.used_entries:
            path.unlink(missing_ok=True)
            log.info("nnmath: evicted stale notebook cache entry %s", path.name)
