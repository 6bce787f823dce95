"""One meaning per symbol (nnmath.notation), and the glossary's links found from the chapters."""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pytest

from nnmath import glossary, notation

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
sys.path.insert(0, str(DOCS / "hooks"))

from nnmath_build import BuildError, reference_pages  # noqa: E402  (the hooks folder is not a package)

_HEADING = re.compile(r"^# #+ (.+)$", re.MULTILINE)
_ID = re.compile(r"\bid=\"([^\"]+)\"")


def _slug(heading: str) -> str:
    words = re.sub(r"[^\w\s-]", "", heading.lower())
    return re.sub(r"\s+", "-", words.strip())


def _ids(page: str) -> set[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return {_slug(h) for h in _HEADING.findall(text)} | set(_ID.findall(text))


def test_every_symbol_has_one_meaning_and_a_place_that_introduces_it() -> None:
    notation.check_one_meaning(notation.SYMBOLS)
    pages = reference_pages.chapter_pages(DOCS)
    assert sorted(pages) == list(range(1, 11))
    missing = [
        (s.tex, s.chapter, s.anchor)
        for s in notation.SYMBOLS
        if s.anchor not in _ids(pages[s.chapter])
    ]
    assert missing == []
    assert {s.section for s in notation.SYMBOLS} == set(notation.SECTIONS)


def test_the_contested_letters_are_settled() -> None:
    assert "angle" in notation.lookup(r"\theta").meaning
    assert "parameters" in notation.lookup(r"\boldsymbol\vartheta").meaning
    assert "batch" in notation.lookup("n").meaning
    assert "data set" in notation.lookup("N").meaning
    assert "dimension" in notation.lookup("d").meaning
    assert "layers" in notation.lookup("L").meaning
    assert "normal" in notation.lookup(r"\mathcal{N}(0, 1)").meaning


def test_a_symbol_listed_twice_or_an_incomplete_entry_fails() -> None:
    first = notation.SYMBOLS[0]
    with pytest.raises(ValueError, match="more than once"):
        notation.check_one_meaning([*notation.SYMBOLS, dataclasses.replace(first, meaning="x")])
    with pytest.raises(ValueError, match="chapter must be 1 to 10"):
        notation.check_one_meaning([dataclasses.replace(first, chapter=11)])
    with pytest.raises(ValueError, match="section"):
        notation.symbols_in("Nowhere")
    with pytest.raises(KeyError, match="no notation entry"):
        notation.lookup(r"\omega")


def test_every_glossary_term_is_marked_in_a_chapter_and_every_mark_has_a_term() -> None:
    uses = reference_pages.defining_uses(DOCS)
    assert set(uses) == {t.key for t in glossary.TERMS}
    assert uses["one-hot"][0] == 5  # the target vectors of the land data
    assert uses["batch"][0] == 3


def test_a_mark_without_a_term_and_a_term_without_a_mark_fail(tmp_path: Path) -> None:
    chapters = tmp_path / "chapters"
    chapters.mkdir()
    (chapters / "01-a.py").write_text('# <dfn id="term-nonsense">x</dfn>\n', encoding="utf-8")
    with pytest.raises(BuildError, match="names no glossary term"):
        reference_pages.defining_uses(tmp_path)
    (chapters / "01-a.py").write_text('# <dfn id="term-xor">XOR</dfn>\n', encoding="utf-8")
    with pytest.raises(BuildError, match="no chapter marks") as failure:
        reference_pages.defining_uses(tmp_path)
    assert "one-hot" in str(failure.value) and "xor" not in str(failure.value)


def test_the_pages_are_filled_in_from_the_tables() -> None:
    notation_md = (DOCS / "notation.md").read_text(encoding="utf-8")
    page = reference_pages.fill(notation_md, "notation.md", DOCS)
    assert reference_pages.MARKERS["notation.md"] not in page
    assert r"| $\boldsymbol\vartheta$ |" in page
    assert "[chapter 5](chapters/05-cost-gradient-descent.py#gradient-descent)" in page
    glossary_md = (DOCS / "glossary.md").read_text(encoding="utf-8")
    page = reference_pages.fill(glossary_md, "glossary.md", DOCS)
    assert "[chapter 5](chapters/05-cost-gradient-descent.py#term-one-hot)" in page
    assert page.count("Taught in") == len(glossary.TERMS)
    assert reference_pages.fill("# Home", "index.md", DOCS) == "# Home"
    with pytest.raises(BuildError, match="exactly once"):
        reference_pages.fill("# Notation", "notation.md", DOCS)
