"""Write the built site as an EPUB 3 book: ``python scripts/epub.py [SITE] [OUT]``.

The book has the pages of the PDF (scripts/book_pages.py: home, chapters, notation,
glossary, references, verification), each one XHTML file read from the built site by
headless Chromium (scripts/epub_read.py: the interactive figures in their initial state,
tabs and folded blocks shown, worked solutions at the end of each page behind a link).
The formulas stay the MathML the site is built with, set in the site's subset of STIX
Two Math (embedded; SIL Open Font License, whose text the book carries); the figures are
SVG files with their alternative text and captions.

Links between the pages, and to an anchor in one, stay inside the book; links to other
pages of the site point at the published site. A title page, a navigation document with
every page and its sections and the landmarks, and the accessibility metadata of EPUB
Accessibility 1.1 complete it (scripts/epub_package.py writes the package and the zip).
The modification date is ``SOURCE_DATE_EPOCH``: two runs on the same site with the same
``SOURCE_DATE_EPOCH`` write the same bytes. Defaults: ``site/`` and
``site/downloads/nnmath.epub``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import sys
import time
from pathlib import Path
from urllib.parse import unquote

import book_pages
from book_pages import PAGES, ROOT, SITE_URL
from epub_package import Document, Metadata, nav_document, package_document, write_zip, xhtml
from epub_read import ReadPage, read_pages

FONT = "assets/fonts/nnmath-math.woff2"
FONT_LICENCE = "assets/fonts/STIXTwoMath-OFL.txt"
SUMMARY = (
    "A textbook on the mathematics of neural networks. Formulas are MathML; every figure "
    "has a text alternative and a caption, and each interactive figure of the website is "
    "shown in its initial state with the text that describes it. Code and its output are "
    "text, tables have header cells, and the worked solution of each exercise is reached "
    "by a link from the exercise. The navigation lists every chapter and its sections."
)
FEATURES = [
    "MathML",
    "alternativeText",
    "tableOfContents",
    "structuralNavigation",
    "readingOrder",
    "displayTransformability",
]
CSS = """
body { font-family: serif; line-height: 1.5; margin: 0 0.5em; color: #1a1a1a; }
h1, h2, h3, h4 { font-family: sans-serif; line-height: 1.25; }
a { color: #0b4f9c; }
math { font-family: "nnmath math", math; }
math[display="block"] { margin: 0.6em 0; }
pre, code { font-family: monospace; font-size: 0.9em; }
pre { white-space: pre-wrap; overflow-wrap: break-word; background: #f4f4f4;
  padding: 0.5em; border-left: 3px solid #999; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { border: 1px solid #999; padding: 0.2em 0.4em; vertical-align: top; }
th { background: #eee; }
figure { margin: 1em 0; }
figure img, figure svg, img { max-width: 100%; height: auto; }
figcaption { font-size: 0.92em; margin-top: 0.3em; }
.admonition, .nnmath-details, .nnmath-exercise, .nnmath-tabs {
  border-left: 3px solid #888; padding: 0.1em 0.8em; margin: 0.8em 0; }
.admonition-title, .nnmath-details-title, .nnmath-tab-title { font-weight: bold; }
.nnmath-widget-setting { margin: 0.2em 0; font-family: sans-serif; }
.titlepage { text-align: center; margin-top: 20%; }
.titlepage h1 { font-size: 2.5em; }
.highlight .c, .highlight .c1, .highlight .cm, .highlight .sd { font-style: italic; }
.highlight .k, .highlight .kn, .highlight .kc, .highlight .ow { font-weight: bold; }
"""
FONT_FACE = (
    '@font-face { font-family: "nnmath math"; src: url("fonts/nnmath-math.woff2") '
    'format("woff2"); }\n'
)
DATA_IMAGE = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]+)"')
LINK = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)"')
ID = re.compile(r'\sid="([^"]+)"')
DOCTYPE = re.compile(rb"<!DOCTYPE[^>[]*(\[[^]]*\])?>\s*")


def file_name(path: str) -> str:
    """The book's file for the site path ``path`` ("" is the home page)."""
    return (path.strip("/").split("/")[-1] or "home") + ".xhtml"


class Book:
    """The files of the book (name relative to EPUB/ -> bytes) as they are collected."""

    def __init__(self, site: Path, base: str) -> None:
        self.site, self.base = site, base
        self.files: dict[str, bytes] = {}
        self.names = {path: file_name(path) for path in PAGES}

    def image(self, src: str) -> str:
        """Store the image at ``src`` (a data: URI or a file of the site) in images/."""
        src = html.unescape(src)
        if src.startswith("data:"):
            head, _, payload = src.partition(",")
            data = base64.b64decode(payload) if head.endswith(";base64") else unquote(payload)
            subtype = head[5:].split(";")[0].split("/")[-1]
            suffix = ".svg" if subtype == "svg+xml" else "." + subtype.replace("jpeg", "jpg")
        elif src.startswith(self.base):
            rel = unquote(src[len(self.base) :].split("#")[0].split("?")[0])
            data, suffix = (self.site / rel).read_bytes(), Path(rel).suffix
        else:
            raise ValueError(f"an image outside the site: {src[:80]!r}")
        if isinstance(data, str):
            data = data.encode("utf-8")
        if suffix == ".svg":  # EPUB forbids external DTDs: the SVG needs none
            data = DOCTYPE.sub(b"", data, count=1)
        name = f"images/{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
        self.files[name] = data
        return name

    def link(self, url: str, here: str) -> str:
        """Where the link ``url`` of the page ``here`` points in the book."""
        url = html.unescape(url)
        if not url.startswith(self.base):
            return url
        rest = url[len(self.base) :]
        path, hash_, anchor = rest.partition("#")
        name = self.names.get(path.removesuffix("index.html"))
        if name is None:
            return SITE_URL + rest
        if name == here and anchor:
            return f"#{anchor}"
        return f"{name}{hash_}{anchor}"

    def page(self, read: ReadPage) -> Document:
        here = self.names[read.path]
        body = DATA_IMAGE.sub(lambda m: f'{m[1]}{html.escape(self.image(m[2]))}"', read.body)
        body = LINK.sub(lambda m: f'{m[1]}{html.escape(self.link(m[2], here))}"', body)
        return Document(here, read.title, body, read.sections)


def check_fragments(documents: list[Document]) -> int:
    """Drop the fragment of every link to an id that its file does not have (the link then
    opens the file); returns how many were dropped."""
    ids = {doc.name: set(ID.findall(doc.body)) for doc in documents}
    dropped = 0

    def fix(match: re.Match[str], here: str) -> str:
        nonlocal dropped
        target, _, anchor = html.unescape(match[2]).partition("#")
        if not anchor or target not in ("", *ids) or unquote(anchor) in ids[target or here]:
            return match[0]
        dropped += 1
        print(f"  {here}: no #{anchor} in {target or here}; the link opens the page")
        return f'{match[1]}{html.escape(target or here)}"'

    for doc in documents:
        doc.body = LINK.sub(lambda m, here=doc.name: fix(m, here), doc.body)
    return dropped


def title_page(site: Path, epoch: int) -> Document:
    project = book_pages.project()
    authors = ", ".join(a["name"] for a in project.get("authors", []))
    date = time.strftime("%Y-%m-%d", time.gmtime(epoch))
    body = (
        '<div class="titlepage"><h1>nnmath</h1>'
        f'<p class="subtitle">{html.escape(book_pages.subtitle(site))}</p>'
        f"<p>Version {html.escape(project['version'])}<br/>Built {date}</p>"
        f"<p>{html.escape(authors)} · {html.escape(project['license'])} licence</p>"
        f'<p>Online, with the interactive figures: <a href="{SITE_URL}">{SITE_URL}</a></p>'
    )
    if (site / FONT).is_file():
        body += (
            '<p>Formulas are set in STIX Two Math (<a href="font-licence.xhtml">SIL Open '
            "Font License</a>).</p>"
        )
    return Document("title.xhtml", "nnmath", body + "</div>", in_toc=True)


def main(site: Path, out: Path) -> None:
    epoch = book_pages.build_epoch()
    with book_pages.serve(site) as base:
        read = read_pages(base, PAGES, book_pages.chromium())
        book = Book(site, base)
        pages = [book.page(page) for page in read]
    front = [title_page(site, epoch), Document("nav.xhtml", "Contents", "")]
    extra = []
    css = CSS
    if (site / FONT).is_file():
        book.files["fonts/nnmath-math.woff2"] = (site / FONT).read_bytes()
        css = FONT_FACE + css
        licence = html.escape((site / FONT_LICENCE).read_text(encoding="utf-8"))
        extra.append(
            Document(
                "font-licence.xhtml",
                "STIX Two Math: licence",
                f"<h1>STIX Two Math: licence</h1><pre>{licence}</pre>",
                in_toc=False,
                linear=False,
            )
        )
    documents = [*front, *pages, *extra]
    dropped = check_fragments(documents)
    for doc in documents:
        if doc.name != "nav.xhtml":
            book.files[doc.name] = xhtml(doc.title, doc.body).encode("utf-8")
    book.files["nav.xhtml"] = nav_document(documents, "nav.xhtml", pages[0].name).encode()
    book.files["book.css"] = css.encode("utf-8")
    project = book_pages.project()
    meta = Metadata(
        title="nnmath",
        subtitle=book_pages.subtitle(site),
        language="en",
        identifier=SITE_URL,
        creators=[a["name"] for a in project.get("authors", [])],
        rights=f"{project['license']} licence",
        modified=epoch,
        accessibility_summary=SUMMARY,
        features=FEATURES,
    )
    book.files["package.opf"] = package_document(
        meta, documents, {k: v for k, v in book.files.items()}
    ).encode("utf-8")
    write_zip(out, book.files, epoch)
    size = out.stat().st_size / 1e6
    print(f"{out}: {len(pages)} pages, {dropped} links to missing anchors, {size:.1f} MB")


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    main(site, Path(sys.argv[2]) if len(sys.argv) > 2 else site / "downloads" / "nnmath.epub")
