"""Helpers for the site tests: building the site, serving it, reading it."""

from __future__ import annotations

import fcntl
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# A fixed date so that two builds can be compared byte for byte.
SOURCE_DATE_EPOCH = "1700000000"
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "site", ".cache", "__pycache__", ".pytest_cache", ".mypy_cache",
    ".ruff_cache", ".hypothesis", "*.ipynb",
)  # fmt: skip

sys.path.append(str(REPO / "scripts"))
import book_pages  # noqa: E402  (scripts/ is not a package)

# The built site is served as the book scripts serve it to Chromium: on 127.0.0.1 at a free
# port, quietly (``with serve(folder) as base_url``).
serve = book_pages.serve


def build(
    repo: Path, out: Path, cache: Path, *, timeout: float = 900, log: Path | None = None
) -> float:
    """Run ``mkdocs build --strict`` for ``repo`` into ``out`` with its own cache folder.

    Returns the wall-clock seconds; ``log`` receives everything the build printed (stderr,
    then stdout). Raises ``AssertionError`` with mkdocs' output on failure.
    """
    import time

    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    env["NNMATH_CACHE_DIR"] = str(cache)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner about MkDocs 2 (mkdocs<2 is pinned)
    env.pop("MPLBACKEND", None)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(out)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    seconds = time.perf_counter() - start
    if log is not None:
        log.write_text(proc.stderr + proc.stdout, encoding="utf-8")
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
    return seconds


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock shared by the test processes (pytest-xdist workers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared_build(root: Path) -> Path:
    """Build the site once per test session (whichever worker comes first) and return it."""
    out, cache, done = root / "site", root / "cache", root / "built"
    with locked(root / "lock"):
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
            seconds = build(REPO, out, cache, log=root / "build.log")
            done.write_text(f"{seconds:.1f}")
    return out


def copy_repo(dest: Path) -> Path:
    """A copy of the working tree without caches, virtualenvs or build output."""
    shutil.copytree(REPO, dest, ignore=COPY_IGNORE)
    return dest


def sitemap_paths(site: Path) -> list[str]:
    """Page paths relative to the site root, from the built sitemap.xml."""
    urls = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text())
    assert urls, "sitemap.xml lists no page"
    home = min(urls, key=len)  # site_url itself
    return sorted(url[len(home) :] for url in urls)


def notebook_patterns() -> list[str]:
    """The ``include`` patterns of mkdocs-jupyter in mkdocs.yml: the .py files that are pages."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^\s+include:\s*(\[.*\])\s*$", config, re.MULTILINE)
    assert match, "mkdocs.yml: no `include: [...]` line for mkdocs-jupyter"
    return list(json.loads(match.group(1)))


def source_pages() -> list[str]:
    """Page paths the docs folder should produce (``a/b.md`` and ``a/b.py`` → ``a/b/``)."""
    docs = REPO / "docs"
    pages = []
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs)
        if rel.parts[0] in {"hooks", "overrides"} or path.suffix not in {".md", ".py"}:
            continue
        is_notebook = any(fnmatch.fnmatch(rel.as_posix(), p) for p in notebook_patterns())
        if path.suffix == ".py" and not is_notebook:
            continue
        stem = rel.with_suffix("").as_posix()
        if stem == "index" or stem.endswith("/index"):
            stem = stem[: -len("index")].rstrip("/")
        pages.append(stem + "/" if stem else "")
    return pages


DATA_URI = re.compile(rb"data:[a-zA-Z0-9.+/-]+;base64,[A-Za-z0-9+/=]+")


def html_weight(html: bytes) -> int:
    """Bytes of HTML with embedded (data: URI) images left out."""
    return len(DATA_URI.sub(b"", html))


SCRIPT_OR_CODE = re.compile(r"<(script|style|pre|code)\b.*?</\1>", re.S | re.I)
MATH_SIGNS = re.compile(r"\$\$|\\\(|\\\[|(?<![\w$])\$[^$\s][^$<]*\$")


def source_has_math(html: str) -> bool:
    """Whether HTML has TeX in it outside code (served HTML has none: the build typesets it)."""
    return bool(MATH_SIGNS.search(SCRIPT_OR_CODE.sub("", html)))


FENCED_CODE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
TEX_SIGNS = re.compile(r"\$|\\\(|\\\[")


def page_source(path: str) -> Path:
    """The file in ``docs/`` that the page at site path ``path`` is built from."""
    docs = REPO / "docs"
    stem = path.rstrip("/")
    candidates = [docs / f"{stem}.md", docs / f"{stem}.py", docs / stem / "index.md"]
    if not stem:
        candidates = [docs / "index.md"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no source in docs/ for the page /{path}")


def page_source_has_math(path: str) -> bool:
    """Whether the page's source has TeX (``$``, ``\\(`` or ``\\[``) outside fenced code."""
    text = page_source(path).read_text(encoding="utf-8")
    return bool(TEX_SIGNS.search(FENCED_CODE.sub("", text)))
