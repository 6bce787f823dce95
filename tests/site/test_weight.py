"""What a first visit to each page costs: every file it loads, gzip-compressed."""

from __future__ import annotations

import gzip
import statistics
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.site.inspect_page import math_state, navigate_instantly
from tests.site.sitebuild import html_weight, source_pages

pytestmark = [pytest.mark.site, pytest.mark.xdist_group("site")]

PAGES = source_pages()
KIB = 1024
MEDIAN_BUDGET = 350 * KIB  # gzip-compressed bytes of a first visit, median over the pages
PAGE_BUDGET = 500 * KIB  # the same, for every page
HTML_BUDGET = 300_000  # bytes of one page's HTML, uncompressed, embedded (data:) images aside
MATH_FONT = "assets/fonts/nnmath-math.woff2"
# Names of the scripts a math engine would add (MathJax, KaTeX): none is loaded any more.
MATH_ENGINES = ("mathjax", "katex", "tex-mml", "tex-chtml", "tex-svg")
NO_MATH_PAGE = "references/"  # a page without formulas
MATH_PAGE = "chapters/03-sigmoid-neuron/"


def _site_file(site_dir: Path, base_url: str, url: str) -> Path | None:
    if not url.startswith(base_url):
        return None
    path = site_dir / unquote(urlsplit(url).path).lstrip("/")
    return path / "index.html" if path.is_dir() else path


def first_visit(browser: Any, base_url: str, site_dir: Path, path: str) -> dict[str, int]:
    """Site path -> gzip-compressed bytes, for every file a first visit to ``path`` loads.

    The files are read from the built site, so what a worker fetches (the search index)
    counts the same as what the page fetches.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    loaded: set[str] = set()
    context.on("request", lambda request: loaded.add(request.url.split("#")[0]))
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="load")
        math_state(page)  # waits for the fonts
        page.wait_for_load_state("networkidle")
        # Material fetches the search index from a worker once the page has loaded.
        page.wait_for_timeout(500)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    sizes = {}
    for url in loaded:
        file = _site_file(site_dir, base_url, url)
        if file is not None and file.is_file():
            sizes[file.relative_to(site_dir).as_posix()] = len(gzip.compress(file.read_bytes()))
    return sizes


@pytest.fixture(scope="module")
def weights(browser: Any, base_url: str, site_dir: Path) -> dict[str, dict[str, int]]:
    return {path: first_visit(browser, base_url, site_dir, path) for path in PAGES}


def _kib(n: float) -> str:
    return f"{n / KIB:.0f} KiB"


def test_every_page_is_within_the_weight_budget(weights: dict[str, dict[str, int]]) -> None:
    totals = {path: sum(files.values()) for path, files in weights.items()}
    assert all(files for files in weights.values()), "a page loaded no file of the site"
    heavy = []
    for path, total in sorted(totals.items()):
        if total > PAGE_BUDGET:
            biggest = sorted(weights[path].items(), key=lambda kv: -kv[1])[:5]
            parts = ", ".join(f"{name} {_kib(size)}" for name, size in biggest)
            heavy.append(f"/{path}: {_kib(total)} gzip (largest: {parts})")
    assert not heavy, f"pages over {_kib(PAGE_BUDGET)}:\n  " + "\n  ".join(heavy)
    median = statistics.median(totals.values())
    assert median <= MEDIAN_BUDGET, f"median first visit {_kib(median)} > {_kib(MEDIAN_BUDGET)}"


def test_search_index_counts_in_the_weight(weights: dict[str, dict[str, int]]) -> None:
    """The measurement sees what a worker loads: the search index is in every visit."""
    missing = [p for p, files in weights.items() if "search/search_index.json" not in files]
    assert not missing, f"the search index was not loaded on {missing}"


def test_no_page_loads_a_math_engine(weights: dict[str, dict[str, int]]) -> None:
    engines = {
        path: [name for name in files if any(e in name.lower() for e in MATH_ENGINES)]
        for path, files in weights.items()
    }
    assert not any(engines.values()), (
        f"math engines loaded: { {p: e for p, e in engines.items() if e} }"
    )


def test_only_pages_with_math_load_the_math_font(weights: dict[str, dict[str, int]]) -> None:
    assert MATH_FONT in weights[MATH_PAGE], f"/{MATH_PAGE} did not load {MATH_FONT}"
    assert MATH_FONT not in weights[NO_MATH_PAGE], (
        f"/{NO_MATH_PAGE} has no math but loads {MATH_FONT}"
    )


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_page_html_is_within_budget(site_dir: Path, path: str) -> None:
    size = html_weight((site_dir / path / "index.html").read_bytes())
    assert size <= HTML_BUDGET, f"/{path}: HTML is {size} bytes without images (max {HTML_BUDGET})"


def test_math_shows_after_instant_navigation_from_a_page_without_math(
    browser: Any, base_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base_url + NO_MATH_PAGE, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.evaluate("() => { window.__sameDocument = true; }")
        navigate_instantly(page, MATH_PAGE)
        state = math_state(page)
        same = page.evaluate("() => window.__sameDocument === true")
    finally:
        context.close()
    assert same, "the page was fully reloaded (no instant navigation)"
    assert state["typeset"] > 0, f"no math on /{MATH_PAGE} after instant navigation"
    assert state["errors"] == 0, f"{state['errors']} math errors on /{MATH_PAGE}"
    # The font was not needed on the first page; it loads when the formulas appear.
    assert state["font"] == "loaded", f"math font after instant navigation: {state['font']}"
