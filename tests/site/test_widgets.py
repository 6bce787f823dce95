"""The interactive figures in Chromium: formulas, keyboard, text alternative, navigation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy

from nnmath import widgets
from tests.site.inspect_page import PageReport, watch
from tests.site.sitebuild import sitemap_paths

pytestmark = [pytest.mark.site, pytest.mark.xdist_group("site")]

# Every page with an interactive figure, and its figures in page order.
WIDGET_PAGES = {
    "chapters/01-vectors-perceptron/": ["perceptron"],
    "chapters/03-sigmoid-neuron/": ["sigmoid-affine"],
    "chapters/05-cost-gradient-descent/": ["bowl-descent"],
    "chapters/08-softmax-cross-entropy/": ["softmax"],
    "chapters/09-land-classifier/": ["land-boundary"],
}
READY = "[data-widget][data-nnmath-ready]"

STATE_JS = """root => ({
  svg: root.querySelector('svg.nnmath-widget-plot').innerHTML,
  summary: root.querySelector('.nnmath-widget-summary').textContent,
})"""

SLIDERS_JS = """root => [...root.querySelectorAll('input[type=range]')].map(i => ({
  id: i.id, value: i.value, max: i.max,
  label: (document.querySelector(`label[for="${i.id}"]`) || {}).textContent || '',
  shown: (root.querySelector(`output[for="${i.id}"]`) || {}).textContent || '',
}))"""

EVALUATE_JS = """([key, points]) => {
  const f = window.nnmath.formulas[key];
  return {args: f.args, values: points.map(p => f.f(...p))};
}"""


def _python_values(key: str, points: np.ndarray) -> np.ndarray:
    args, expr = widgets.formula(key)
    f = sympy.lambdify(args, expr, modules="numpy")
    return np.array([np.asarray(f(*p), dtype=float) for p in points])


def _check_formulas(page: Any, root: Any, seed: int) -> int:
    """The page's formulas against the Python ones at random points; returns how many."""
    keys = (root.get_attribute("data-formulas") or "").split()
    assert keys, "a figure names no formula"
    rng = np.random.default_rng(seed)
    for key in keys:
        names = [str(a) for a in widgets.formula(key)[0]]
        points = rng.uniform(*widgets.DOMAIN, size=(50, len(names)))
        got = page.evaluate(EVALUATE_JS, [key, points.tolist()])
        assert got["args"] == names, key
        np.testing.assert_allclose(
            np.array(got["values"], dtype=float), _python_values(key, points), rtol=1e-12, atol=0
        )
    return len(keys)


def _check_keyboard(page: Any, root: Any) -> int:
    """Each slider, moved by one arrow key, changes its value, the drawing and the summary."""
    sliders = root.evaluate(SLIDERS_JS)
    assert sliders, "a figure has no slider"
    for slider in sliders:
        assert slider["label"].strip(), f"slider {slider['id']} has no label"
        assert slider["shown"].strip(), f"slider {slider['id']} shows no value"
        before = root.evaluate(STATE_JS)
        key = "ArrowLeft" if slider["value"] == slider["max"] else "ArrowRight"
        page.locator(f"#{slider['id']}").focus()
        page.keyboard.press(key)
        after_slider = next(s for s in root.evaluate(SLIDERS_JS) if s["id"] == slider["id"])
        after = root.evaluate(STATE_JS)
        assert after_slider["value"] != slider["value"], f"{slider['id']}: {key} did nothing"
        assert after_slider["shown"] != slider["shown"], f"{slider['id']}: value text unchanged"
        assert after["svg"] != before["svg"], f"{slider['id']}: the drawing did not change"
        assert after["summary"] != before["summary"], f"{slider['id']}: summary unchanged"
        assert re.search(r"\d", after["summary"]), after["summary"]
    return len(sliders)


def _check_figures(page: Any, path: str, seed: int) -> tuple[int, int]:
    page.wait_for_selector(READY)
    roots = page.locator("article [data-widget]")
    names = [roots.nth(i).get_attribute("data-widget") for i in range(roots.count())]
    assert names == WIDGET_PAGES[path]
    live = page.eval_on_selector_all(
        "article [data-widget] [aria-live=polite]", "nodes => nodes.length"
    )
    assert live == len(names), "each figure needs one live text alternative"
    formulas = sliders = 0
    for i in range(roots.count()):
        root = roots.nth(i).element_handle()
        assert root.get_attribute("data-nnmath-ready") == "true"
        formulas += _check_formulas(page, root, seed + i)
        sliders += _check_keyboard(page, root)
    return formulas, sliders


def test_the_pages_with_figures_are_the_expected_ones(site_dir: Path) -> None:
    found = [
        p
        for p in sitemap_paths(site_dir)
        if '<figure class="nnmath-widget"' in (site_dir / p / "index.html").read_text(encoding="utf-8")
    ]
    assert sorted(found) == sorted(WIDGET_PAGES)
    script = (site_dir / "assets/javascripts/widget-formulas.js").read_text(encoding="utf-8")
    assert script == widgets.formulas_script()


@pytest.mark.parametrize("path", list(WIDGET_PAGES), ids=lambda p: p.split("/")[1][:2])
def test_figures_match_python_and_respond_to_the_keyboard(
    browser: Any, base_url: str, screenshot_dir: Path, path: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    report = PageReport(url=base_url + path)
    watch(page, base_url, report)
    try:
        page.goto(base_url + path, wait_until="load")
        formulas, sliders = _check_figures(page, path, seed=sum(map(ord, path)))
        root = page.locator("article [data-widget]").first
        root.scroll_into_view_if_needed()
        root.screenshot(path=str(screenshot_dir / f"widget-{path.split('/')[1]}.png"))
    finally:
        context.close()
    assert formulas >= 1 and sliders >= 1
    assert not report.console_errors, report.console_errors


def test_figures_work_after_instant_navigation(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    report = PageReport(url=base_url)
    watch(page, base_url, report)
    try:
        page.goto(base_url, wait_until="load")
        page.evaluate("() => { window.__sameDocument = true; }")
        for k, path in enumerate(WIDGET_PAGES):
            page.locator(f'nav.md-nav a[href$="{path}"]').first.click()
            page.wait_for_url("**/" + path)
            page.wait_for_selector("article h1")
            _check_figures(page, path, seed=k)
        same = page.evaluate("() => window.__sameDocument === true")
    finally:
        context.close()
    assert same, "the pages were fully reloaded: instant navigation was not used"
    assert not report.console_errors, report.console_errors


def _luminance(rgb: str) -> float:
    r, g, b = (int(c) / 255 for c in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_figures_are_readable_in_both_palettes(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    contrast = {}
    try:
        page.goto(base_url + "chapters/03-sigmoid-neuron/", wait_until="load")
        page.wait_for_selector(READY)
        for _ in range(4):  # the toggle cycles through its palettes
            scheme = page.evaluate("() => document.body.dataset.mdColorScheme")
            colours = page.evaluate(
                """() => [getComputedStyle(document.body).backgroundColor,
                   getComputedStyle(document.querySelector('[data-widget] .curve')).stroke,
                   getComputedStyle(document.querySelector('[data-widget] .label')).fill]"""
            )
            contrast[scheme] = [abs(_luminance(c) - _luminance(colours[0])) for c in colours[1:]]
            page.locator("form[data-md-component=palette] label:visible").first.click()
    finally:
        context.close()
    assert {"default", "slate"} <= set(contrast), contrast
    for scheme, values in contrast.items():
        assert min(values) > 0.25, f"{scheme}: curve or labels too close to the background"
