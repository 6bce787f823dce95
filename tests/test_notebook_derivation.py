"""nnmath.notebook.derivation, step and checked: steps to read, one verification marker each."""

from __future__ import annotations

import html
import re

import pytest

from nnmath import checks
from nnmath import notebook as nb
from nnmath.symbolic import derive, names

#: The text a reader sees: the markup without its tags' attributes (ids stay in addresses).
_ATTRIBUTES = re.compile(r"<[^>]*>")


def _text(markup: str) -> str:
    return _ATTRIBUTES.sub(" ", markup)


def _check_ids() -> list[str]:
    return [check.name for check in checks.CHECKS]


@pytest.mark.parametrize("name", names())
def test_a_derivation_has_one_marker_with_its_overall_kind(name: str) -> None:
    d = derive(name)
    shown = nb.derivation(name).markup
    assert shown.count('<details class="nnmath-marker"') == 1, name
    summary = re.search(r'class="nnmath-marker"[^>]*><summary>(.*?)</summary>', shown)
    assert summary is not None and html.unescape(summary.group(1)) == f"✓ {d.kind_label}", name
    # The marker opens on every step that is checked or a premise, one line each.
    body = shown[shown.index('class="nnmath-marker"') :]
    assert body.count("<li>Step ") + body.count("<li><a") >= len(d.checked_steps), name
    # The marker links to the derivation's row on the verification page.
    assert f'href="../verification.py#symbolic-{name}"' in body, name


@pytest.mark.parametrize("name", names())
def test_a_derivation_names_no_check_by_its_id(name: str) -> None:
    text = _text(nb.derivation(name).markup)
    shown = [check for check in _check_ids() if re.search(rf"(?<![\w-]){check}(?![\w-])", text)]
    assert not shown, f"{name}: check ids in the text: {shown}"
    assert "SymPy proof:" not in text and "✓ SymPy proof" not in text, name


@pytest.mark.parametrize("name", names())
def test_the_result_is_stated_once(name: str) -> None:
    d = derive(name)
    shown = nb.derivation(name).markup
    assert shown.count(html.escape(d.result_latex, quote=False)) == 1, name
    assert shown.count("nnmath-result") == 1, name
    assert "Checked</p>" not in shown and "admonition" not in shown, name


def test_the_long_way_to_the_sigmoid_derivative_is_folded() -> None:
    shown = nb.derivation("sigmoid").markup
    route = re.search(
        r'<details class="nnmath-route"><summary>(.*?)</summary>(.*?)</details>', shown, re.S
    )
    assert route is not None
    assert route.group(1).startswith("Steps 3 to 6: the long way")
    assert route.group(2).startswith('<ol start="3">') and route.group(2).count("<li") == 4
    steps = shown[: shown.index('<details class="nnmath-marker"')]
    assert "Name the exponential" in route.group(2)
    assert "Name the exponential" not in steps.replace(route.group(0), "")
    # The steps after the fold keep their numbers, which the text cites.
    assert '<ol start="7"><li class="nnmath-result"><strong>Result.' in shown


def test_checked_is_one_line_that_opens_on_sentences_in_words() -> None:
    shown = nb.checked("symbolic-sigmoid", "sigmoid-derivative-kernel").markup
    assert shown.startswith('<details class="nnmath-marker">') and shown.count("<details") == 1
    assert re.search(
        r"<summary>✓ proved by SymPy; the code agrees with the derived formula<", shown
    )
    assert "to within a relative error of 10⁻¹² (12 digits), sample by sample" in shown
    assert 'href="../verification.py#sigmoid-derivative-kernel"' in shown
    text = _text(shown)
    assert "sigmoid-derivative-kernel" not in text and "symbolic-sigmoid" not in text
    assert "lambdified" not in text and "max-norm" not in text


def test_a_single_step_has_its_own_marker() -> None:
    shown = nb.step("gradient-descent", "Gradient descent").markup
    assert shown.count('<details class="nnmath-marker"') == 1
    # The update rule is a definition; that it lowers C for small η is the written argument.
    assert "<summary>✓ a written argument</summary>" in shown
    assert 'href="../verification.py#step-gradient-descent-gradient-descent"' in shown
    assert "step-gradient-descent" not in _text(shown)


def test_checked_and_step_reject_what_they_cannot_show() -> None:
    with pytest.raises(ValueError, match="at least one"):
        nb.checked()
    with pytest.raises(ValueError, match="no step"):
        nb.step("sigmoid", "Nonexistent")
