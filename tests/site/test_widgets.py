"""The interactive figures in Chromium: formulas, keyboard, text alternative, navigation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy

import nnmath as nm
from nnmath import widgets
from tests.site.inspect_page import PageReport, navigate_instantly, watch
from tests.site.sitebuild import sitemap_paths

pytestmark = [pytest.mark.site, pytest.mark.xdist_group("site")]

# Every page with an interactive figure, and its figures in page order.
WIDGET_PAGES = {
    "chapters/01-vectors-perceptron/": ["perceptron"],
    "chapters/02-training-perceptron/": ["perceptron-steps"],
    "chapters/03-sigmoid-neuron/": ["sigmoid-affine"],
    "chapters/04-layers-networks/": ["forward-pass"],
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
        if '<figure class="nnmath-widget"'
        in (site_dir / p / "index.html").read_text(encoding="utf-8")
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
        page.wait_for_load_state("networkidle")  # Material's instant navigation is set up
        page.evaluate("() => { window.__sameDocument = true; }")
        for k, path in enumerate(WIDGET_PAGES):
            navigate_instantly(page, path)
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


def _fmt(value: float, digits: int = 2) -> str:
    """A number as the page writes it (fmt in widgets.js): fixed digits, a true minus sign."""
    text = f"{value:.{digits}f}"
    return ("0" + text[2:] if re.fullmatch(r"-0(\.0+)?", text) else text).replace("-", "\u2212")


def package_updates(X: np.ndarray, y: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """Each update of nm.train_perceptron (row, then (b, w1, w2) after it), one row at a time.

    Every single step is the package's own rule (train_perceptron on one row for one epoch,
    from the current weights); the weights after each epoch must equal the package's path.
    """
    result = nm.train_perceptron(X, y, learning_rate=1.0)
    w, updates = result.path[0], []
    for epoch in range(result.epochs):
        for i in range(len(X)):
            one = nm.train_perceptron(X[i : i + 1], y[i : i + 1], max_epochs=1, initial=w)
            if one.mistakes[0]:
                w = one.path[-1]
                updates.append((i, w))
        np.testing.assert_allclose(w, result.path[epoch + 1], rtol=0, atol=1e-12)
    assert len(updates) == result.updates
    return updates


def _open(browser: Any, base_url: str, path: str) -> tuple[Any, Any, Any, PageReport]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    report = PageReport(url=base_url + path)
    watch(page, base_url, report)
    page.goto(base_url + path, wait_until="load")
    page.wait_for_selector(READY)
    return context, page, page.locator("article [data-widget]").first, report


def _summary(root: Any) -> str:
    return str(root.locator(".nnmath-widget-summary").text_content())


def test_perceptron_steps_follow_the_package_with_buttons_and_keys(
    browser: Any, base_url: str
) -> None:
    """Chapter 2: each Next update names the package's next update, its weights and count."""
    X, y = nm.datasets.linearly_separable()
    expected = package_updates(X, y)
    context, page, root, report = _open(browser, base_url, "chapters/02-training-perceptron/")
    try:
        assert _summary(root).startswith("Before any update")
        assert root.locator(".culprit").count() == 0
        slider = root.locator("input[type=range]")
        assert slider.get_attribute("max") == str(len(expected))
        root.get_by_role("button", name="Next update").focus()
        said = []
        for _ in expected:
            page.keyboard.press("Enter")
            said.append(_summary(root))
            assert root.locator(".culprit").count() == 1
        page.keyboard.press("Enter")  # past the last update: nothing changes
        assert _summary(root) == said[-1]
        root.get_by_role("button", name="Previous update").focus()
        page.keyboard.press("Space")
        after_previous = _summary(root)
        slider.focus()
        page.keyboard.press("Home")
        at_home = _summary(root)
        page.keyboard.press("End")
        at_end = _summary(root)
    finally:
        context.close()
    for k, ((row, w), text) in enumerate(zip(expected, said, strict=True), start=1):
        where = f"Update {k} of {len(expected)}, in epoch "
        assert text.startswith(where), text
        assert (
            f"point {row + 1} at ({_fmt(X[row, 0])}, {_fmt(X[row, 1])}), labelled {y[row]}" in text
        )
        assert f"makes w = ({_fmt(w[1])}, {_fmt(w[2])}) and b = {_fmt(w[0])}." in text, text
        assert f" {k} {'mistake' if k == 1 else 'mistakes'} so far" in text, text
    assert said[-1].endswith("training has converged."), said[-1]
    assert after_previous == said[-2]
    assert at_home.startswith("Before any update") and at_end == said[-1]
    assert not report.console_errors, report.console_errors


def test_forward_pass_states_each_layer_for_the_chosen_input(browser: Any, base_url: str) -> None:
    """Chapter 4: the keys set x and a bias; the text gives z and a of each layer as nnmath does."""
    net = nm.Network([2, 2, 1])
    net.set_params([20, 20, -20, -20, -10, 30, 20, 20, -30])
    context, page, root, report = _open(browser, base_url, "chapters/04-layers-networks/")
    try:
        root.locator('input[data-arg="x1"]').focus()
        page.keyboard.press("End")  # x = (1, 1)
        at_corner = _summary(root)
        root.locator('input[data-arg="x2"]').focus()
        page.keyboard.press("Home")  # x = (1, 0)
        page.keyboard.press("ArrowRight")  # x = (1, 0.05)
        near_corner = _summary(root)
        root.locator('input[data-arg="L2b1"]').focus()
        for _ in range(20):  # b²₁ from −30 to −10
            page.keyboard.press("ArrowRight")
        or_output = _summary(root)
        class_0_cells = root.locator(".region-a").count()
    finally:
        context.close()
    for x, text in (((1.0, 1.0), at_corner), ((1.0, 0.05), near_corner)):
        passed = net.forward_pass(np.array([x]))
        z1, a1 = passed.zs[0][0], passed.activations[1][0]
        z2, a2 = passed.zs[1][0, 0], passed.activations[2][0, 0]
        assert text.startswith(f"x = ({_fmt(x[0])}, {_fmt(x[1])}). "), text
        assert f"z¹ = W¹x + b¹ = ({_fmt(z1[0])}, {_fmt(z1[1])})" in text, text
        assert f"a¹ = σ(z¹) = ({_fmt(a1[0], 3)}, {_fmt(a1[1], 3)})" in text, text
        assert f"z² = W²a¹ + b² = {_fmt(z2)}, a² = σ(z²) = {_fmt(a2, 3)}" in text, text
        assert f"class {int(a2 >= 0.5)}." in text, text
        assert "4 of 4 points lie in their class's region" in text, text
    assert "b² = −10" in or_output and "2 of 4 points" in or_output, or_output
    assert class_0_cells == 0, "with b²₁ = −10 the whole square should be class 1"
    assert not report.console_errors, report.console_errors
