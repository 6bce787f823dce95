"""The notation and glossary pages, filled in from the package's tables when the site is built.

``docs/notation.md`` and ``docs/glossary.md`` hold their introductions and a marker line;
:func:`fill` puts the generated part in place of the marker. The notation tables come from
:data:`nnmath.notation.SYMBOLS`; the glossary's meanings from :data:`nnmath.glossary.TERMS`,
and its "taught in" links from the ``<dfn id="term-KEY">`` marks in the chapters'
sources, so no chapter number is typed.
"""

from __future__ import annotations

import re
from pathlib import Path

from nnmath import glossary, notation

from . import BuildError

#: The line of a page that the generated part replaces.
MARKERS = {
    "notation.md": "<!-- nnmath: notation tables -->",
    "glossary.md": "<!-- nnmath: glossary entries -->",
}

_CHAPTER_FILE = re.compile(r"(\d\d)-[a-z0-9-]+\.py")
_DFN_ID = re.compile(r"<dfn\b[^>]*?\bid=\"([^\"]*)\"")
_BARE_PIPE = re.compile(r"(?<!\\)\|")


def chapter_pages(docs: Path) -> dict[int, str]:
    """Each chapter's number and its page's path relative to ``docs`` (``chapters/NN-….py``)."""
    pages = {}
    for path in sorted((docs / "chapters").glob("*.py")):
        match = _CHAPTER_FILE.fullmatch(path.name)
        if match:
            pages[int(match.group(1))] = f"chapters/{path.name}"
    return pages


def defining_uses(docs: Path) -> dict[str, list[int]]:
    """For each glossary key, the chapters whose source marks its defining use, in order.

    Raises
    ------
    BuildError
        If a ``<dfn>`` id lacks the ``term-`` prefix, names no glossary term, or is used twice
        in one chapter; or a glossary term is marked in no chapter.
    """
    known = {term.key for term in glossary.TERMS}
    uses: dict[str, list[int]] = {key: [] for key in sorted(known)}
    for number, page in chapter_pages(docs).items():
        for element_id in _DFN_ID.findall((docs / page).read_text(encoding="utf-8")):
            key = glossary.key_of_dfn_id(element_id)
            if key is None or key not in known:
                raise BuildError(
                    f"{page}: <dfn id={element_id!r}> names no glossary term (expected "
                    f"{glossary.DFN_PREFIX}KEY with KEY a key of nnmath.glossary.TERMS)"
                )
            if number in uses[key]:
                raise BuildError(f"{page}: the term {key!r} is marked with <dfn> twice")
            uses[key].append(number)
    unmarked = [key for key, chapters in uses.items() if not chapters]
    if unmarked:
        raise BuildError(
            'glossary terms that no chapter marks with <dfn id="term-KEY">: ' + ", ".join(unmarked)
        )
    return uses


def _link(pages: dict[int, str], chapter: int, anchor: str) -> str:
    if chapter not in pages:
        raise BuildError(f"no page for chapter {chapter} in docs/chapters/")
    return f"[chapter {chapter}]({pages[chapter]}#{anchor})"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def notation_tables(pages: dict[int, str]) -> str:
    """The notation page's tables, one per section of :data:`nnmath.notation.SECTIONS`."""
    try:
        notation.check_one_meaning(notation.SYMBOLS)
    except ValueError as exc:
        raise BuildError(f"nnmath.notation: {exc}") from exc
    parts = []
    for section in notation.SECTIONS:
        parts += [
            f"## {section}",
            "",
            "| symbol | meaning | shape | introduced in |",
            "|---|---|---|---|",
        ]
        for s in notation.symbols_in(section):
            cells = (f"${s.tex}$", s.meaning, s.shape, _link(pages, s.chapter, s.anchor))
            if any(_BARE_PIPE.search(cell) for cell in cells):
                raise BuildError(f"nnmath.notation: {s.tex!r}: write | as \\| in a table cell")
            parts.append("| " + " | ".join(cells) + " |")
        parts.append("")
    return "\n".join(parts)


def glossary_entries(pages: dict[int, str], uses: dict[str, list[int]]) -> str:
    """The glossary as a definition list, each entry linked to the chapters that mark it."""
    parts = []
    for term in glossary.TERMS:
        links = [_link(pages, n, glossary.dfn_id(term.key)) for n in uses[term.key]]
        parts += [term.term, f":   {term.meaning}", f"    Taught in {_and(links)}.", ""]
    return "\n".join(parts)


def fill(markdown: str, src_uri: str, docs: Path) -> str:
    """``markdown`` of the page ``src_uri`` with its generated part in place of its marker.

    Pages other than the notation and glossary pages come back unchanged.

    Raises
    ------
    BuildError
        If the page lacks its marker line, or a table is wrong (see :func:`defining_uses`).
    """
    marker = MARKERS.get(src_uri)
    if marker is None:
        return markdown
    if markdown.count(marker) != 1:
        raise BuildError(f"{src_uri}: expected the line {marker} exactly once")
    pages = chapter_pages(docs)
    if src_uri == "notation.md":
        generated = notation_tables(pages)
    else:
        generated = glossary_entries(pages, defining_uses(docs))
    return markdown.replace(marker, generated)
