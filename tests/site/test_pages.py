"""Every page of the built site, as a reader's browser sees it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.inspect_page import inspect
from tests.site.sitebuild import sitemap_paths, source_pages

pytestmark = [pytest.mark.site, pytest.mark.xdist_group("site")]

PAGES = source_pages()


def test_sitemap_lists_every_source_page(site_dir: Path) -> None:
    assert sitemap_paths(site_dir) == sorted(PAGES)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_page_renders_cleanly(browser: Any, base_url: str, screenshot_dir: Path, path: str) -> None:
    name = (path.strip("/").replace("/", "--") or "home") + ".png"
    report = inspect(browser, base_url, path, screenshot=screenshot_dir / name)
    problems = report.problems()
    assert not problems, f"page /{path} has problems:\n  " + "\n  ".join(problems)
    assert (screenshot_dir / name).stat().st_size > 0
