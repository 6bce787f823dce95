"""Every page of the built site, as a reader's browser sees it."""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.site.inspect_page import inspect
from tests.site.sitebuild import REPO, sitemap_paths, source_pages

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


def test_performance_page_shows_the_committed_benchmark_results(
    browser: Any, base_url: str
) -> None:
    """Every table of nnmath/data/bench/latest.json, cell for cell, and the machine and date."""
    sys.path.insert(0, str(REPO / "scripts"))
    import bench_report

    results = json.loads((REPO / "nnmath/data/bench/latest.json").read_text(encoding="utf-8"))
    archived = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in (REPO / "nnmath/data/bench").glob("run-*.json")
    ]
    tables = [*bench_report.tables(results), bench_report.history_table(archived)]
    expected = [
        [table.header] + [[bench_report.fmt(cell) for cell in row] for row in table.rows]
        for table in tables
    ]
    page = browser.new_page()
    try:
        page.goto(base_url + "performance/", wait_until="load")
        shown = page.eval_on_selector_all(
            "article .nnmath-numbers table",
            "ts => ts.map(t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim())))",
        )
        text = page.inner_text("article")
    finally:
        page.close()
    key = json.dumps
    assert sorted(map(key, shown)) == sorted(map(key, expected)), (
        "the Performance page's tables differ from nnmath/data/bench/latest.json"
    )
    for fact in (results["date"][:10], results["machine"]["cpu"], results["machine"]["numpy"]):
        assert fact in text, f"the Performance page does not state {fact!r}"


def test_api_pages_show_no_sphinx_roles(site_dir: Path) -> None:
    """Docstring roles (:func:`sgd`) become links, never text a reader sees."""
    leftover = {
        str(page.relative_to(site_dir)): found
        for page in sorted(site_dir.glob("reference/**/index.html"))
        if (found := re.findall(r":(?:func|mod|meth|class|data|attr|obj|exc):<", page.read_text()))
    }
    assert not leftover, f"Sphinx roles left as text: {leftover}"


CHAPTERS = [p for p in PAGES if p.startswith("chapters/")]

#: Every display formula (MathML from the build) in the article, with whether an ancestor
#: marks it as rendered from nnmath.symbolic or as a definition.
_DISPLAY_FORMULAS_JS = """() => [...document.querySelectorAll('article math[display="block"]')]
  .map(el => ({
    marked: !!el.closest('[data-derivation], [data-definition]'),
    tex: el.textContent.slice(0, 60),
  }))"""


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_display_formula_is_derived_or_a_definition(
    browser: Any, base_url: str, path: str
) -> None:
    page = browser.new_page()
    try:
        page.goto(base_url + path, wait_until="load")
        formulas = page.evaluate(_DISPLAY_FORMULAS_JS)
    finally:
        page.close()
    assert formulas, f"/{path} shows no display formula"
    unmarked = [f["tex"] for f in formulas if not f["marked"]]
    assert not unmarked, f"/{path}: display formulas neither derived nor definitions: {unmarked}"


class _Text(HTMLParser):
    """The text a reader sees (no tags, attributes, scripts or styles)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def test_no_chapter_names_a_check_by_its_id(site_dir: Path) -> None:
    """Check ids (``step-sigmoid-differentiate``, ``symbolic-sigmoid``, ``sigmoid-kernel``)
    belong to the verification page; a chapter says in words what was checked and links
    to the row (the id is in the link's address only). Each derivation has one marker."""
    from nnmath.checks import CHECKS

    ids = "|".join(re.escape(check.name) for check in CHECKS)
    pattern = re.compile(
        rf"(?<![\w-])(?:{ids}|step-[a-z0-9]+-[a-z0-9-]+|symbolic-[a-z0-9-]+)(?![\w-])"
    )
    found = {}
    markers = 0
    for page in sorted((site_dir / "chapters").glob("*/index.html")):
        markup = page.read_text(encoding="utf-8")
        parser = _Text()
        parser.feed(markup)
        if hits := sorted(set(pattern.findall(" ".join(parser.parts)))):
            found[page.parent.name] = hits
        markers += markup.count('<details class="nnmath-marker"')
        assert "✓ SymPy proof" not in markup, page.parent.name
    assert not found, f"check ids in the text of chapters: {found}"
    assert markers >= 20, f"only {markers} verification markers in the chapters"
