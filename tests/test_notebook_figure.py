"""nnmath.notebook.figure: a figure with its text alternative and caption."""

from __future__ import annotations

import base64
import doctest
import re

import pytest
from matplotlib.figure import Figure

import nnmath.notebook as nb


def _figure() -> Figure:
    fig = Figure()
    fig.add_subplot().plot([0.0, 1.0], [1.0, 0.0])
    return fig


def test_figure_embeds_the_svg_with_alt_text_and_caption() -> None:
    shown = nb.figure(_figure(), alt='A line "falling" <right>.', caption="Cost $c < 1$ & more")
    markup = shown._repr_html_()
    src = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', markup)
    assert src is not None
    assert base64.b64decode(src.group(1)).decode("utf-8").lstrip().startswith("<?xml")
    assert 'alt="A line &quot;falling&quot; &lt;right&gt;."' in markup
    assert "<figcaption>Cost $c &lt; 1$ &amp; more</figcaption>" in markup
    assert markup.startswith("<figure") and markup.endswith("</figure>")


def test_figure_is_the_same_from_run_to_run() -> None:
    first = nb.figure(_figure(), alt="a line", caption="c").markup
    assert nb.figure(_figure(), alt="a line", caption="c").markup == first


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"alt": "", "caption": "c"}, ValueError, "alt must be a non-empty text"),
        ({"alt": "a", "caption": "  "}, ValueError, "caption must be a non-empty text"),
        ({"alt": 1, "caption": "c"}, TypeError, "alt must be a str, got int"),
        ({"alt": "a", "caption": None}, TypeError, "caption must be a str, got NoneType"),
    ],
)
def test_figure_rejects_missing_text(kwargs: dict[str, object], error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        nb.figure(_figure(), **kwargs)  # type: ignore[arg-type]


def test_figure_rejects_what_is_not_a_figure() -> None:
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure, got"):
        nb.figure("not a figure", alt="a", caption="c")


def test_doctests() -> None:
    assert doctest.testmod(nb).failed == 0
