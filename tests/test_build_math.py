"""The build step that typesets TeX as MathML Core (docs/hooks/nnmath_build/mathml.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "docs" / "hooks"))

from nnmath_build import BuildError, mathml  # noqa: E402  (the hooks folder is not a package)

if not (REPO / "node_modules" / "mathjax-full").is_dir():
    pytest.fail("node_modules is missing: run the set-up (`make .venv/.installed` runs `npm ci`)")

PAGE = """<!doctype html><html><head><title>t</title></head><body>
<nav class="md-nav">$\\alpha$ in the navigation</nav>
<article class="md-content__inner">
<p>Inline $x^2$ and \\(\\mathbf{W}\\boldsymbol{\\delta}\\), a dollar: \\$5.</p>
<div class="arithmatex">\\[ f\\left(g(x)\\right) = \\left(\\frac{a}{b}\\right) \\]</div>
<p>$$\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}$$</p>
<pre><code>$not math$</code></pre>
<p class="tex2jax_ignore">$kept$</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def typeset(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    page = tmp_path_factory.mktemp("site") / "index.html"
    page.write_text(PAGE, encoding="utf-8")
    characters = mathml.typeset([page])
    return page.read_text(encoding="utf-8"), characters


def article(html: str) -> str:
    match = re.search(r"<article[^>]*>(.*)</article>", html, re.S)
    assert match, "no article"
    return match.group(1)


def test_tex_in_the_article_becomes_mathml(typeset: tuple[str, str]) -> None:
    html, _ = typeset
    body = article(html)
    assert body.count("<math") == 4
    assert body.count('<math display="block">') == 2
    assert "$x^2$" not in body and "\\frac" not in body and "\\begin" not in body
    assert "a dollar: $5." in body  # \$ is a literal dollar
    assert "<code>$not math$</code>" in body  # code is never typeset
    assert "$kept$" in body  # nor is an element marked tex2jax_ignore
    assert "$\\alpha$ in the navigation" in html  # only the article is typeset


def test_mathml_is_core_only(typeset: tuple[str, str]) -> None:
    body = article(typeset[0])
    assert "data-mjx" not in body and 'mathvariant="bold' not in body
    # \mathbf{W} and \boldsymbol{\delta}: the Unicode bold letters MathML Core renders.
    assert "<mi>𝐖</mi>" in body and "<mi>𝜹</mi>" in body
    # aligned: right-aligned then left-aligned cells, as TeX sets them.
    cells = re.findall(r'<mtd style="text-align: (\w+)', body)
    assert cells == ["right", "left", "right", "left"]


def test_small_fences_keep_the_text_size_and_tall_ones_stretch(typeset: tuple[str, str]) -> None:
    body = article(typeset[0])
    display = re.search(r'<div class="arithmatex"><math display="block">(.*?)</math>', body, re.S)
    assert display, "no display formula in the arithmatex block"
    formula = display.group(1)
    left_of_fraction = formula.split("<mfrac>")[0]
    # f\left(g(x)\right): both \left( and \right) at text size.
    assert left_of_fraction.count('<mo stretchy="false">(</mo>') == 2
    # \left(\frac{a}{b}\right): the bracket around the fraction stretches.
    assert re.search(r"<mo>\(</mo><mfrac>", formula)


def test_the_font_keeps_what_the_formulas_show(typeset: tuple[str, str], tmp_path: Path) -> None:
    _, characters = typeset
    # x is shown as the mathematical italic x, which the font must carry.
    assert {"x", "\U0001d465", "𝐖", "="} <= set(characters)
    mathml.write_font(REPO, tmp_path, characters)
    from fontTools.ttLib import TTFont

    with TTFont(tmp_path / mathml.FONT) as font:
        assert "MATH" in font, "the math table (stretchy brackets, script sizes) was dropped"
        cmap = font.getBestCmap()
    missing = [c for c in characters if c.strip() and ord(c) not in cmap]
    assert not missing, f"glyphs missing from the font: {missing}"
    assert (tmp_path / mathml.FONT_LICENSE).read_text().startswith("Copyright")


@pytest.mark.parametrize(
    ("tex", "message"),
    [("\\nosuchmacro x", "Undefined control sequence"), ("\\frac{1}", "Missing argument")],
)
def test_bad_tex_fails_naming_the_page_and_formula(tmp_path: Path, tex: str, message: str) -> None:
    page = tmp_path / "bad.html"
    page.write_text(f"<article><p>${tex}$</p></article>")
    with pytest.raises(BuildError, match=rf"bad\.html: TeX error.*{message}"):
        mathml.typeset([page])


def test_mathml_outside_core_fails_the_build(tmp_path: Path) -> None:
    page = tmp_path / "enclose.html"
    page.write_text("<article><p>$\\cancel{x}$</p></article>")
    with pytest.raises(BuildError, match=r"menclose.*not MathML Core"):
        mathml.typeset([page])


def test_function_names_and_roots_are_set_as_tex_sets_them(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text("<article><p>$\\log x$, $\\sin(x)$ and $\\sqrt{u}$</p></article>")
    characters = mathml.typeset([page])
    body = page.read_text(encoding="utf-8")
    # \log x: a thin space after the name; \sin(x): none before the bracket.
    assert '<mi>log</mi><mo rspace="0.1667em">\u2061</mo><mi>x</mi>' in body
    assert "<mi>sin</mi><mo>\u2061</mo><mo" in body
    # The radical sign is drawn from the font, though it is not in the text.
    assert "<msqrt>" in body and "√" in characters


def test_bars_and_slashes_are_ordinary_symbols(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text("<article><p>$\\|\\mathbf{u}\\| = |x|$</p></article>")
    mathml.typeset([page])
    body = page.read_text(encoding="utf-8")
    # ‖u‖ as TeX sets it: no relation spacing around the bars, which do not stretch.
    assert body.count('<mo lspace="0" rspace="0" stretchy="false">∥</mo>') == 2
    assert body.count('lspace="0" rspace="0">|</mo>') == 2
