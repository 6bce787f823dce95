"""What every chapter's text carries, read from the chapter sources (no build needed).

Each chapter opens with what the reader will be able to do, closes with a summary beside
"What's next", names the source text behind each of its notes and links to its entry on the
references page, and ends with further reading from the five texts that cover the whole site.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
CHAPTERS = sorted((DOCS / "chapters").glob("[0-9][0-9]-*.py"))
REFERENCES = (DOCS / "references.md").read_text(encoding="utf-8")

#: The two introductory source texts: how a chapter names each, and its anchor.
SOURCE_TEXTS = {
    "Simple Mathematics behind Deep Learning": "simple-maths",
    "Punnen": "punnen",
}
#: The texts every chapter's further reading draws on (content brief, reference pages).
FURTHER_READING = ("higham2019", "nielsen2015", "zhang2023", "sanderson2017", "parr2018")
#: Ways of mentioning a source text without saying which one.
UNNAMED_SOURCE = re.compile(
    r"one of the (?:source )?texts|(?:first|second) source|the source texts?\b|"
    r"texts? (?:behind|this site draws on)",
    re.IGNORECASE,
)


def _cells(text: str) -> list[str]:
    return re.split(r"^# %%.*$", text, flags=re.MULTILINE)[1:]


def _ids(paths: list[Path]) -> list[str]:
    return [path.name[:2] for path in paths]


def test_there_are_ten_chapters() -> None:
    assert len(CHAPTERS) == 10, [path.name for path in CHAPTERS]


@pytest.mark.parametrize("path", CHAPTERS, ids=_ids(CHAPTERS))
def test_chapter_opens_with_what_the_reader_will_be_able_to_do(path: Path) -> None:
    first = _cells(path.read_text(encoding="utf-8"))[0]
    title, rest = first.split("\n#\n", 1)
    assert title.strip().startswith("# # "), title
    assert rest.startswith('# <div class="nnmath-goals">\n#\n# **After this chapter** you can'), (
        rest[:200]
    )
    goals = rest[: rest.index("# </div>")]
    lines = [line for line in goals.splitlines()[2:] if line.strip("# ")]
    assert 1 <= len(lines) <= 3, lines  # two lines or so, not a paragraph


@pytest.mark.parametrize("path", CHAPTERS, ids=_ids(CHAPTERS))
def test_chapter_summarises_its_results_beside_whats_next(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    headings = re.findall(r"^# (## .+)$", text, flags=re.MULTILINE)
    assert headings.count("## Summary") == 1, headings
    assert headings[headings.index("## Summary") + 1] == "## What's next", headings
    summary = text[text.index("# ## Summary") : text.index("# ## What's next")]
    assert summary.count("\n# - ") >= 2, summary  # its results, one per item


@pytest.mark.parametrize("path", CHAPTERS, ids=_ids(CHAPTERS))
def test_notes_name_their_source_and_link_to_its_reference(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not UNNAMED_SOURCE.findall(text)
    for cell in _cells(text):
        for name, anchor in SOURCE_TEXTS.items():
            if name in cell:
                assert f"references.md#{anchor}" in cell, (name, cell[:300])


def test_the_source_texts_have_entries_on_the_references_page() -> None:
    for anchor in SOURCE_TEXTS.values():
        assert f"{{ #{anchor} }}" in REFERENCES, anchor
    assert "{ #higham2019 }" in REFERENCES


def test_a_source_correction_is_made_once() -> None:
    """The first source's "m × m" weight matrix is corrected where a layer is first built."""
    square = re.compile(r"\bm\s*\\\\times\s*m\b")  # m \\times m in a chapter's Python source
    correcting = [path.name for path in CHAPTERS if square.search(path.read_text("utf-8"))]
    assert correcting == ["03-sigmoid-neuron.py"], correcting


@pytest.mark.parametrize("path", CHAPTERS, ids=_ids(CHAPTERS))
def test_further_reading_covers_the_five_texts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    reading = text[text.index("# ## Further reading\n") :]
    items = re.split(r"^# - ", reading, flags=re.MULTILINE)[1:]
    for anchor in FURTHER_READING:
        found = [item for item in items if f"references.md#{anchor})" in item]
        assert found, f"{path.name}: no further reading from {anchor}"
        # one line on what the text adds: after the citation, a colon, then words
        said = [re.sub(r"\n#\s*", " ", item) for item in found]
        assert all(re.search(r"\)[^:]*: \w", item) for item in said), said


def test_no_page_lists_a_private_function() -> None:
    pages = [*CHAPTERS, DOCS / "performance.py", DOCS / "verification.py"]
    listed = {
        path.name: re.findall(r"nb\.source\([^)]*\b_\w+", path.read_text(encoding="utf-8"))
        for path in pages
    }
    assert not any(listed.values()), listed
