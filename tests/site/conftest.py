"""Fixtures for the site tests: one strict build per session, a local server, Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site.sitebuild import serve, shared_build

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

INSTALL_HINT = (
    "Chromium not found: the browser tests need it. Install it with "
    "`sudo apt-get install chromium` (Debian/Ubuntu), or point NNMATH_CHROMIUM at a "
    "Chrome/Chromium binary."
)


def chromium_path() -> str | None:
    """The Chromium binary to drive, or None when there is none."""
    candidates = [os.environ.get("NNMATH_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once with ``mkdocs build --strict`` and a fresh cache."""
    # Under xdist, the parent of basetemp is shared by the workers of this session only.
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "nnmath-site"
    return shared_build(root)


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """URL of the built site served on 127.0.0.1 at a free port."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium driven by Playwright (Debian's chromium, not a download)."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(INSTALL_HINT + " CI is set, so a missing browser is a failure.")
        pytest.skip(INSTALL_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $NNMATH_SCREENSHOT_DIR (kept by CI) or a temporary folder."""
    wanted = os.environ.get("NNMATH_SCREENSHOT_DIR")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
