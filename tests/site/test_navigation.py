"""Instant navigation and the dark palette, driven like a reader would."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.site.inspect_page import PageReport, check_loaded_page, watch

pytestmark = [pytest.mark.site, pytest.mark.xdist_group("site")]

TARGET = "chapters/03-sigmoid-neuron/"  # has derived math and figures
FIGURES = "article .jp-OutputArea-output img, article .jp-RenderedSVG svg, article figure img"


def test_instant_navigation_shows_the_new_pages_math(
    browser: Any, base_url: str, screenshot_dir: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    report = PageReport(url=base_url + TARGET)
    watch(page, base_url, report)
    page.goto(base_url, wait_until="load")
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(f'nav.md-nav a[href$="{TARGET}"]').first.click()
    page.wait_for_url("**/" + TARGET)
    page.wait_for_selector("article h1")
    # Instant navigation swaps the content without reloading the document.
    assert page.evaluate("() => window.__sameDocument === true"), "the page was fully reloaded"
    html = page.content()
    check_loaded_page(page, report, html, expect_math=True)
    page.screenshot(path=str(screenshot_dir / "instant-navigation.png"), full_page=True)
    context.close()
    assert report.typeset > 0, "no math on the chapter after instant navigation"
    problems = [p for p in report.problems() if "status" not in p and "HTML is" not in p]
    assert not problems, "after instant navigation:\n  " + "\n  ".join(problems)


def _luminance_spread(png: bytes, background: tuple[int, int, int]) -> float:
    """Fraction of pixels that differ clearly from the page background colour."""
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)
    distance = np.linalg.norm(pixels - np.array(background, dtype=float), axis=-1)
    return float(np.mean(distance > 60))


def test_figures_stay_visible_in_the_dark_palette(
    browser: Any, base_url: str, screenshot_dir: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + TARGET, wait_until="networkidle")
    figure = page.locator(FIGURES).first
    figure.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "palette-light.png"), full_page=True)
    for _ in range(3):  # the toggle cycles through its palettes
        if page.evaluate("() => document.body.dataset.mdColorScheme") == "slate":
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
    page.screenshot(path=str(screenshot_dir / "palette-dark.png"), full_page=True)
    rgb = page.evaluate(
        "() => getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3)"
    )
    shot = figure.screenshot()
    context.close()
    spread = _luminance_spread(shot, tuple(int(c) for c in rgb))
    assert spread > 0.2, f"the figure blends into the dark background ({spread:.0%} differs)"
