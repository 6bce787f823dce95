"""What the book editions (scripts/pdf.py, scripts/epub.py) share: which pages of the built
site make the book, in order, where the site is published, the project's metadata, and a
quiet local server for the built site (the pages are read from it by Chromium)."""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import threading
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Links to pages outside the book point here.
SITE_URL = "https://nnmath.github.io/nnmath/"
# The pages of the book, as paths of the built site, in reading order.
PAGES = [
    "",
    *(f"chapters/{p.stem}/" for p in sorted((ROOT / "docs/chapters").glob("*.py"))),
    "notation/",
    "glossary/",
    "references/",
    "verification/",
]


def project() -> dict[str, Any]:
    """The ``[project]`` table of pyproject.toml (name, version, description, authors...)."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        return dict(tomllib.load(f)["project"])


def subtitle(site: Path) -> str:
    """The book's subtitle: the site's description (the home page's meta description),
    else the project's description."""
    home = (site / "index.html").read_text(encoding="utf-8")
    meta = re.search(r'<meta name="description" content="([^"]*)"', home)
    return html.unescape(meta.group(1)) if meta else str(project()["description"])


def build_epoch() -> int:
    """The build time: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    return int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())


def chromium() -> str:
    """The Chromium binary that reads the pages: ``NNMATH_CHROMIUM`` or Debian's."""
    return os.environ.get("NNMATH_CHROMIUM") or "/usr/bin/chromium"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve the folder ``site`` on 127.0.0.1 at a free port; yield its base URL."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
