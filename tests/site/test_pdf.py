"""The book PDF (scripts/pdf.py) printed from the strictly built site."""

from __future__ import annotations

import html
import re
import subprocess
import time
import tomllib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.site.books import EPOCH, assert_written_again_the_same, chapters, write_book
from tests.site.conftest import chromium_path
from tests.site.sitebuild import REPO

pytestmark = [pytest.mark.site, pytest.mark.slow]

HEADERLINK = re.compile(r'<a class="(?:headerlink|anchor-link)"[^>]*>.*?</a>', re.S)


@pytest.fixture(scope="session")
def book(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if chromium_path() is None:
        pytest.skip("Chromium not found: the PDF is printed with it")
    return write_book("pdf.py", site_dir, tmp_path_factory.mktemp("pdf") / "nnmath.pdf")


@pytest.fixture(scope="session")
def reader(book: Path) -> Any:
    from pypdf import PdfReader

    return PdfReader(book)


@pytest.fixture(scope="session")
def page_texts(book: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    out = subprocess.run(["pdftotext", str(book), "-"], capture_output=True, text=True, check=True)
    pages = out.stdout.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


@pytest.fixture(scope="session")
def body_text(page_texts: list[str]) -> str:
    """The text of the book without its footers (page title and number), flattened: a
    paragraph that runs over a page break reads on."""
    footer = re.compile(r"\n[^\n]*\n\s*\d+ / \d+\s*$")
    return _flat(" ".join([page_texts[0], *(footer.sub("", text) for text in page_texts[1:])]))


@dataclass
class Entry:
    title: str
    page: int  # 0-based
    children: list[tuple[str, int]]


@pytest.fixture(scope="session")
def outline(reader: Any) -> list[Entry]:
    """The outline's top-level entries, each with its children (title, 0-based page)."""
    entries: list[Entry] = []
    for item in reader.outline:
        if isinstance(item, list):
            assert entries, "the outline starts with a list of children"
            for child in item:
                assert not isinstance(child, list), "the outline is deeper than two levels"
                entries[-1].children.append(
                    (child.title, reader.get_destination_page_number(child))
                )
        else:
            entries.append(Entry(item.title, reader.get_destination_page_number(item), []))
    return entries


def _chapters() -> list[tuple[str, str]]:
    """(site path, title) of every chapter, from the chapter sources."""
    return [(f"chapters/{stem}", title) for stem, title in chapters()]


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", HEADERLINK.sub("", fragment))).split())


def _sections(site_dir: Path, path: str) -> list[str]:
    """The h2 headings of a built page, as text."""
    page = (site_dir / path / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    return [_plain(h) for h in re.findall(r"<h2 id=[^>]*>(.*?)</h2>", article, re.S)]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_has_every_chapter_typeset_with_embedded_fonts(
    book: Path, reader: Any, page_texts: list[str], outline: list[Entry]
) -> None:
    assert len(reader.pages) > 1 + 15, f"{len(reader.pages)} pages for 15 printed pages"
    assert book.stat().st_size < 20e6
    text = "\f".join(page_texts)
    flat = _flat(text)
    titles = [entry.title for entry in outline]
    for _, title in _chapters():
        assert title in flat, f"chapter {title!r} is not in the PDF's text"
        assert title in titles, f"chapter {title!r} has no outline entry"
    for raw in ("\\frac", "$$", "\\(", "\\mathbf"):
        assert raw not in text, f"raw TeX {raw!r} in the PDF's text"
    fonts = subprocess.run(["pdffonts", str(book)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts.stdout


def test_every_figure_of_the_chapters_is_printed(site_dir: Path, body_text: str) -> None:
    """Each figure caption of a chapter page is in the text of the PDF: its longest run of
    plain words (captions can hold TeX, which the PDF has typeset)."""
    flat = body_text
    checked = 0
    for page in sorted((site_dir / "chapters").glob("*/index.html")):
        source = page.read_text(encoding="utf-8")
        figures = re.findall(r"<figure\b.*?</figure>", source, re.S)
        captions = re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", source, re.S)
        assert len(captions) == len(figures), f"{page.parent.name}: a figure has no caption"
        for caption in captions:
            # Formulas (MathML, or TeX for MathJax) split the caption into runs of words.
            caption = re.sub(r"<math\b.*?</math>", " $$ ", caption, flags=re.S)
            runs = re.split(r"\$[^$]*\$|\\\(.*?\\\)", _plain(caption))
            words = max(runs, key=len).split()[:8]
            assert len(" ".join(words)) >= 12, f"{page.parent.name}: caption {caption!r}"
            assert " ".join(words) in flat, f"{page.parent.name}: figure {caption!r} is missing"
            checked += 1
    assert checked >= len(_chapters()), f"only {checked} figures in the chapters"


class _Tabs(HTMLParser):
    """The text pieces of each tab of each tab block of a page: ``sets[i][j]`` is the
    list of text pieces (between tags) of tab j of block i."""

    def __init__(self) -> None:
        super().__init__()
        self.sets: list[list[list[str]]] = []
        self.depth = 0
        self.set_depth: int | None = None
        self.block_depth: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        self.depth += 1
        classes = (dict(attrs).get("class") or "").split()
        if "tabbed-set" in classes and self.set_depth is None:
            self.set_depth = self.depth
            self.sets.append([])
        elif "tabbed-block" in classes and self.set_depth is not None and self.block_depth is None:
            self.block_depth = self.depth
            self.sets[-1].append([])

    def handle_endtag(self, tag: str) -> None:
        if tag != "div":
            return
        if self.depth == self.block_depth:
            self.block_depth = None
        if self.depth == self.set_depth:
            self.set_depth = None
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.block_depth is not None:
            self.sets[-1][-1].append(_flat(data))


def test_every_tab_of_a_tab_block_is_printed(site_dir: Path, body_text: str) -> None:
    """The hidden tabs too: in every tab but the first (the one a reader sees), the first
    run of plain text is in the text of the PDF (a tab of formulas only is left to the
    raw-TeX check)."""
    # Without spaces: wrapped code breaks lines inside a token.
    packed = "".join(body_text.split())
    checked = 0
    for page in sorted((site_dir / "chapters").glob("*/index.html")):
        parser = _Tabs()
        parser.feed(page.read_text(encoding="utf-8"))
        for tabs in parser.sets:
            assert len(tabs) >= 2, f"{page.parent.name}: a tab block with one tab"
            for pieces in tabs[1:]:
                plain = [x for x in pieces if len(x) >= 12 and not re.search(r"[$\\]", x)]
                if plain:
                    start = "".join(plain[0].split())[:60]
                    assert start in packed, f"{page.parent.name}: tab {plain[0]!r} is missing"
                    checked += 1
    assert checked >= 3, f"only {checked} hidden tabs checked"


def test_the_title_page_has_the_version_and_the_build_date(page_texts: list[str]) -> None:
    with (REPO / "pyproject.toml").open("rb") as f:
        version = tomllib.load(f)["project"]["version"]
    title = _flat(page_texts[0])
    assert title.startswith("nnmath"), title
    assert f"Version {version}" in title, title
    assert f"Built {time.strftime('%Y-%m-%d', time.gmtime(EPOCH))}" in title, title


def test_every_page_has_its_number(page_texts: list[str], reader: Any) -> None:
    total = len(reader.pages)
    assert len(page_texts) == total
    for number, text in enumerate(page_texts, start=1):
        assert f"{number} / {total}" in text, f"page {number} has no page number"
        # The footer is the last line of the page: nothing of the page is printed over it.
        assert text.strip().endswith(f"{number} / {total}"), f"page {number}: {text[-200:]!r}"


def test_the_outline_has_every_chapter_and_its_sections(
    outline: list[Entry], site_dir: Path
) -> None:
    by_title = {entry.title: entry for entry in outline}
    starts = [entry.page for entry in outline]
    assert starts == sorted(starts), "the outline is not in page order"
    for path, title in _chapters():
        entry = by_title[title]
        sections = _sections(site_dir, path)
        assert sections, f"{path} has no sections"
        assert [t for t, _ in entry.children] == sections, f"{title}: outline children"
        end = starts[starts.index(entry.page) + 1] if entry is not outline[-1] else 10**9
        pages = [page for _, page in entry.children]
        assert pages == sorted(pages), f"{title}: sections out of order"
        assert entry.page <= pages[0] and pages[-1] < end, f"{title}: sections outside it"
        assert pages[-1] > pages[0], f"{title}: every section points at one page"


def _words(book: Path, first: int, last: int) -> list[list[tuple[float, float, float, float, str]]]:
    """Words of pages first..last (1-based) with their boxes in PDF coordinates
    (x0, y0, x1, y1, origin at the bottom left)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(first), "-l", str(last), str(book), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = []
    for height, body in re.findall(r'<page width="[^"]+" height="([^"]+)">(.*?)</page>', out, re.S):
        h = float(height)
        pages.append(
            [
                (float(x0), h - float(y1), float(x1), h - float(y0), html.unescape(word))
                for x0, y0, x1, y1, word in re.findall(
                    r'<word xMin="([^"]+)" yMin="([^"]+)" xMax="([^"]+)" yMax="([^"]+)">'
                    r"([^<]*)</word>",
                    body,
                )
            ]
        )
    return pages


def _links(reader: Any, index: int) -> list[tuple[list[float], Any]]:
    """(rectangle, annotation) of the link annotations of a page."""
    links = []
    for ref in reader.pages[index].get("/Annots") or []:
        annot = ref.get_object()
        if annot.get("/Subtype") == "/Link":
            links.append(([float(v) for v in annot["/Rect"]], annot))
    return links


def _target(reader: Any, annot: Any) -> tuple[int, float]:
    """The page (0-based) and height an internal link jumps to."""
    dest = annot.get("/Dest")
    if dest is None and "/A" in annot and annot["/A"].get("/S") == "/GoTo":
        dest = annot["/A"]["/D"]
    assert dest is not None, f"not an internal link: {annot}"
    dest = dest.get_object()
    assert dest[1] == "/XYZ", dest
    return reader.get_page_number(dest[0].get_object()), float(dest[3])


def _inside(word: tuple[float, float, float, float, str], rect: list[float]) -> bool:
    cx, cy = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
    return rect[0] <= cx <= rect[2] and rect[1] <= cy <= rect[3]


def test_the_contents_lists_every_chapter_with_its_page_and_links_to_it(
    book: Path, reader: Any, outline: list[Entry]
) -> None:
    titles = [entry.title for entry in outline]
    contents = outline[titles.index("Contents")].page
    first = outline[titles.index("Contents") + 1].page
    assert 0 < contents < first, "the contents are not between the title page and the book"
    layout = subprocess.run(
        ["pdftotext", "-layout", "-f", str(contents + 1), "-l", str(first), str(book), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # (word, links of its page) for every word of the contents
    words = [
        (w, _links(reader, contents + offset))
        for offset, page in enumerate(_words(book, contents + 1, first))
        for w in page
    ]
    for _, title in _chapters():
        entry = outline[titles.index(title)]
        line = re.search(rf"^.*{re.escape(title)}\s+(\d+)$", layout, re.MULTILINE)
        assert line, f"the contents do not list {title!r}"
        assert int(line.group(1)) == entry.page + 1, f"{title!r}: page {line.group(1)}"
        # The line is a link to the chapter's first page.
        n = len(title.split())
        at = [i for i in range(len(words)) if [w[4] for w, _ in words[i : i + n]] == title.split()]
        assert at, f"{title!r} is not a line of words in the contents"
        word, links = words[at[0]]
        targets = [_target(reader, a) for rect, a in links if _inside(word, rect)]
        assert len(targets) == 1 and targets[0][0] == entry.page, f"{title!r}: link {targets}"


#: The text of a link from a verification marker to a row of the verification page.
_MARKER_LINK = re.compile(r"^(?:result|Step \d+, .*|Every check of this derivation.*)$")


def test_links_between_pages_land_on_their_anchor(book: Path, reader: Any, site_dir: Path) -> None:
    """Every internal link jumps to a page of the book, none to the local server; and each
    link from a chapter's verification marker to a check of the verification page (the
    link text says it in words: "result", "Step 2, “Differentiate”", "Every check of this
    derivation…"; the check's id is on the verification page only) lands on the row of a
    check, not only on the page."""
    page_ids = {page.indirect_reference.idnum for page in reader.pages}
    internal = 0
    for index in range(len(reader.pages)):
        for _, annot in _links(reader, index):
            uri = str(annot.get("/A", {}).get("/URI", ""))
            assert "127.0.0.1" not in uri and "localhost" not in uri, uri
            if not uri:
                dest = annot.get("/Dest") or annot["/A"]["/D"]
                # An explicit destination: names could collide between the printed pages.
                assert isinstance(dest, list), f"page {index + 1}: link to {dest!r}"
                assert dest[0].idnum in page_ids, f"page {index + 1}: link out of the book"
                internal += 1
    assert internal > 100, f"only {internal} internal links"

    ids = set(
        re.findall(r'<tr id="([a-z0-9-]+)"', (site_dir / "verification/index.html").read_text())
    )
    words = _words(book, 1, len(reader.pages))
    checked = 0
    for index, page_words in enumerate(words):
        for rect, annot in _links(reader, index):
            text = " ".join(w[4] for w in page_words if _inside(w, rect))
            if not _MARKER_LINK.match(text):
                continue
            page, top = _target(reader, annot)
            # A check's id starts its row: the first piece of one is just below `top`
            # (rows are more than 30 points high, so a neighbouring row does not count).
            starts = [
                w
                for w in words[page]
                if len(w[4]) >= 4
                and top - 15 <= w[3] <= top
                and any(i.startswith(w[4]) for i in ids)
            ]
            assert starts, f"{text}: link lands on page {page + 1} at {top:.0f}, not on its row"
            checked += 1
    assert checked >= 20, f"only {checked} links to the verification page checked"


def test_two_prints_of_the_same_site_are_the_same_bytes(
    book: Path, site_dir: Path, tmp_path: Path
) -> None:
    assert_written_again_the_same("pdf.py", site_dir, book, tmp_path / "again.pdf", what="prints")
