"""Open a page in Chromium and list everything a reader would see go wrong."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from tests.site.sitebuild import html_weight, page_source_has_math, source_has_math

# Raw TeX that survived in the visible text means the build did not typeset it.
RAW_MATH = ("$$", "\\(", "\\)", "\\[", "\\]")

VISIBLE_TEXT_JS = """() => {
  const root = document.querySelector('article') || document.body;
  const clone = root.cloneNode(true);
  // Code is allowed to contain dollars and backslashes; math output and scripts are not text.
  clone.querySelectorAll('pre, code, script, style, math, .highlight, textarea')
       .forEach(n => n.remove());
  return clone.innerText;
}"""

IMAGES_JS = """() => Array.from(document.querySelectorAll('article img')).map(img => ({
  src: img.currentSrc || img.src, complete: img.complete, width: img.naturalWidth}))"""

# The math is MathML written by the build; the browser needs only the math font for it.
MATH_STATE_JS = """async () => {
  await document.fonts.ready;
  const font = [...document.fonts].find(f => f.family.replace(/"/g, '') === 'nnmath math');
  return {
    typeset: document.querySelectorAll('article math').length,
    errors: document.querySelectorAll('article merror').length,
    engine: !!window.MathJax,
    font: font ? font.status : 'not declared',
  };
}"""


@dataclass
class PageReport:
    """What one page load produced."""

    url: str
    status: int | None = None
    html_bytes: int = 0
    expect_math: bool = False
    tex_in_html: bool = False
    typeset: int = 0
    engine: bool = False
    font: str = ""
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    raw_math: list[str] = field(default_factory=list)
    math_errors: int = 0

    def problems(self) -> list[str]:
        """Human-readable problems; empty when the page is fine."""
        out = []
        if self.status != 200:
            out.append(f"HTTP status {self.status}")
        out += [f"console error: {e}" for e in self.console_errors]
        out += [f"failed request: {r}" for r in self.failed_requests]
        out += [f"request to another host: {r}" for r in self.foreign_requests]
        out += [f"image did not load: {src}" for src in self.broken_images]
        out += [f"raw math left in the text: {snippet!r}" for snippet in self.raw_math]
        if self.math_errors:
            out.append(f"{self.math_errors} math error node(s)")
        if self.tex_in_html:
            out.append("the served HTML has TeX in it: the build did not typeset it")
        if self.expect_math and self.typeset == 0:
            out.append("the page source has math but the page shows no MathML")
        if self.engine:
            out.append("a math engine (window.MathJax) was loaded; math is typeset by the build")
        if self.typeset and self.font != "loaded":
            out.append(f"the math font did not load (status: {self.font})")
        # A resource the page asks for again (e.g. while the screenshot is taken) counts once.
        return list(dict.fromkeys(out))


def watch(page: Any, base_url: str, report: PageReport) -> None:
    """Record console errors and requests that fail or leave the local server."""
    local = urlsplit(base_url).netloc

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            report.console_errors.append(msg.text)

    def on_request(request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != local:
            report.foreign_requests.append(request.url)

    def on_failed(request: Any) -> None:
        if urlsplit(request.url).netloc == local:
            report.failed_requests.append(f"{request.url} ({request.failure})")

    def on_response(response: Any) -> None:
        if response.status >= 400:
            report.failed_requests.append(f"{response.url} (HTTP {response.status})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: report.console_errors.append(f"uncaught: {exc}"))
    page.on("request", on_request)
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    # Nothing may leave the machine: abort foreign requests (they are recorded above).
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if urlsplit(route.request.url).netloc == local else route.abort()
        ),
    )


def math_state(page: Any) -> dict[str, Any]:
    """The page's formulas (MathML elements, errors) and its math font, once fonts have loaded."""
    state: dict[str, Any] = page.evaluate(MATH_STATE_JS)
    return state


def check_loaded_page(page: Any, report: PageReport, html: str, expect_math: bool) -> None:
    """Fill ``report`` from a page that has finished loading (``html``: what was served)."""
    report.expect_math = expect_math
    report.tex_in_html = source_has_math(html)
    state = math_state(page)
    report.typeset = state["typeset"]
    report.math_errors = state["errors"]
    report.engine = state["engine"]
    report.font = state["font"]
    text = page.evaluate(VISIBLE_TEXT_JS)
    for token in RAW_MATH:
        at = text.find(token)
        if at >= 0:
            report.raw_math.append(text[max(0, at - 30) : at + 40])
    for image in page.evaluate(IMAGES_JS):
        if not image["complete"] or image["width"] == 0:
            report.broken_images.append(image["src"][:120])


def inspect(browser: Any, base_url: str, path: str, screenshot: Any = None) -> PageReport:
    """Load ``base_url + path`` in a fresh page and report what went wrong."""
    report = PageReport(url=base_url + path)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        watch(page, base_url, report)
        response = page.goto(report.url, wait_until="load")
        report.status = response.status if response else None
        body = response.body() if response else b""
        report.html_bytes = html_weight(body)
        check_loaded_page(page, report, body.decode("utf-8", "replace"), page_source_has_math(path))
        page.wait_for_load_state("networkidle")
        if screenshot is not None:
            page.screenshot(path=str(screenshot), full_page=True)
    finally:
        context.close()
    return report


def navigate_instantly(page: Any, path: str) -> None:
    """Follow the navigation link to ``path`` and wait until its article has replaced the old one.

    The address changes before Material swaps the article in, so waiting for the URL alone
    could read the previous page.
    """
    before = page.locator("article h1").first.inner_text()
    page.locator(f'nav.md-nav a[href$="{path}"]').first.click()
    page.wait_for_url("**/" + path)
    page.wait_for_function(
        "old => { const h = document.querySelector('article h1'); "
        "return h !== null && h.innerText !== old; }",
        arg=before,
    )
