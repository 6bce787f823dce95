"""The build check that every display formula on a chapter page is derived or a definition."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "hooks"))

from nnmath_build.formulas import unmarked

from nnmath import notebook as nb


def test_unmarked_display_math_is_found_and_marked_math_is_not() -> None:
    page = (
        "<p>$$a = b$$</p>"
        '<div data-definition="cost"><p>$$C = 1$$</p></div>'
        '<div data-derivation="sigmoid"><div><p>\\[ s \\]</p></div></div>'
        "<p>inline $x$ and \\[ y = 2 \\]</p><pre>$$ in code $$</pre>"
    )
    assert unmarked(page) == ["a = b", "y = 2"]


def test_the_notebook_helpers_mark_their_math() -> None:
    assert unmarked(nb.derivation("sigmoid").markup) == []
    assert unmarked(nb.step("gradient-descent", "Gradient descent").markup) == []
    assert unmarked(nb.definition(r"C = \tfrac12 (a - y)^2", "cost").markup) == []
    assert unmarked(nb.derived("softmax", nb.math("p = 1")).markup) == []
    assert unmarked(nb.math("p = 1").markup) == ["p = 1"]


def test_helpers_reject_bad_input() -> None:
    with pytest.raises(ValueError, match="no step"):
        nb.step("sigmoid", "Nonexistent")
    with pytest.raises(ValueError, match="unknown derivation"):
        nb.derived("nope", nb.math("x"))
    with pytest.raises(ValueError, match="empty"):
        nb.definition("x", "")
    with pytest.raises(TypeError):
        unmarked(3)  # type: ignore[arg-type]
