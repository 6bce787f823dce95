"""Every page, in both palettes, checked with axe-core as assistive technology meets it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.site.inspect_page import math_state
from tests.site.sitebuild import REPO, source_pages

pytestmark = [pytest.mark.site, pytest.mark.xdist_group("site")]

PAGES = source_pages()
# axe-core, pinned in package-lock.json and installed by the set-up (`npm ci`).
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# Material's first palette follows the system preference: the browser's colour scheme
# picks the light ("default") or dark ("slate") palette.
PALETTES = {"light": "default", "dark": "slate"}
FAILING_IMPACTS = ("serious", "critical")

RUN_AXE_JS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}"""


def run_axe(browser: Any, url: str, scheme: str) -> tuple[str, list[dict[str, Any]]]:
    """The page's palette and axe's violations, once the page and its math are ready."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run the set-up (`make .venv/.installed` runs `npm ci`)")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: no page"
        math_state(page)  # the math font has loaded
        page.wait_for_load_state("networkidle")
        palette = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        page.add_script_tag(path=str(AXE))
        violations: list[dict[str, Any]] = page.evaluate(RUN_AXE_JS)
    finally:
        context.close()
    return palette, violations


@pytest.mark.parametrize("scheme", sorted(PALETTES))
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_no_serious_accessibility_violations(
    browser: Any, base_url: str, path: str, scheme: str
) -> None:
    palette, violations = run_axe(browser, base_url + path, scheme)
    assert palette == PALETTES[scheme], f"/{path}: {scheme} shows palette {palette!r}"
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    lines = [
        f"{v['impact']} {v['id']} ({v['help']}): {node['target']}"
        for v in failing
        for node in v["nodes"]
    ]
    assert not lines, (
        f"/{path} ({scheme} palette): {len(lines)} serious or critical axe violation(s):\n  "
        + "\n  ".join(lines[:60])
    )


PLACEHOLDER_ALT = "No description has been provided for this image"
IMG = re.compile(r"<img\b[^>]*>", re.S)
ALT = re.compile(r'\salt="([^"]*)"')


def test_every_figure_has_real_alt_text_and_a_caption(site_dir: Path) -> None:
    problems = []
    figures = 0
    for html_file in sorted(site_dir.rglob("index.html")):
        where = html_file.parent.relative_to(site_dir).as_posix() or "home"
        html = html_file.read_text(encoding="utf-8")
        article = html[html.find("<article") : html.find("</article>")]
        for tag in IMG.findall(article):
            alt = ALT.search(tag)
            text = alt.group(1).strip() if alt else ""
            if not text or PLACEHOLDER_ALT in text:
                problems.append(f"/{where}: image without real alt text: {tag[:100]}")
        for figure in re.findall(r"<figure\b.*?</figure>", article, re.S):
            figures += 1
            if "<figcaption" not in figure:
                problems.append(f"/{where}: figure without a caption: {figure[:100]}")
    assert not problems, "\n  ".join(["figures without text alternatives:", *problems])
    assert figures > 0, "no <figure> found on any page"


FORMULA_PAGE = "chapters/03-sigmoid-neuron/"


def test_formulas_reach_assistive_technology_as_mathml(browser: Any, base_url: str) -> None:
    """Chromium's accessibility tree holds each formula's structure (what screen readers read)."""
    page = browser.new_page()
    try:
        page.goto(base_url + FORMULA_PAGE, wait_until="load")
        first = page.locator("article math[display='block']").first
        snapshot = first.aria_snapshot()
        cdp = page.context.new_cdp_session(page)
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        page.close()
    roles = [node.get("role", {}).get("value") for node in nodes]
    assert snapshot.startswith("- math"), f"the first display formula is exposed as {snapshot!r}"
    assert "σ" in snapshot, f"the sigmoid's definition reads {snapshot!r}"
    for role in ("MathMLMath", "MathMLFraction", "MathMLSup", "MathMLIdentifier"):
        assert role in roles, f"/{FORMULA_PAGE}: no {role} node in the accessibility tree"
