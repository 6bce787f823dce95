"""Print the built site as one PDF book: ``python scripts/pdf.py [SITE] [OUT]``.

Each page of the book (home, the chapters, notation, glossary, references, verification)
is opened in headless Chromium (Playwright, the browser the site tests use), laid out for
print at the paper's width, and printed once its fonts are loaded, with the navigation
hidden, every tab of a tab block shown, code wrapped, and a formula or table too wide for
its box scaled down to fit. pypdf then puts the book together:

* a title page (title, subtitle, version, licence, build date from ``SOURCE_DATE_EPOCH``)
  and a table of contents listing every page and its sections with their page numbers,
  each line a link;
* the outline (bookmarks): one entry per page, with one child per section (``h2``);
* links between the pages of the book, and to an anchor inside one, jump to that place
  in the PDF; other links to the site point at the published site;
* a footer on every page: the page's title and ``N / TOTAL``.

Where an anchor is printed is read from the PDF: before printing, the element of every id
gets a 1-pixel link at the start of its text, whose rectangle in the PDF gives page and
height (the marker links are then removed). Chromium's own named destinations, written
for same-page links, leave out the page margins and more, so they serve only for ids
without text. Every destination is made explicit and the names dropped, so that the ids
of different pages cannot collide.

The PDF is untagged: the pages are printed one by one and merged, so a structure tree
would not survive the merge, and an untagged print has no DOM node ids in it. Two runs on
the same site with the same ``SOURCE_DATE_EPOCH`` write the same bytes (the test checks
it). Defaults: ``site/`` and ``site/downloads/nnmath.pdf``.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote

import book_pages
from book_pages import PAGES, ROOT, SITE_URL
from book_pages import QuietHandler as _Quiet
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    Fit,
    FloatObject,
    NameObject,
    TextStringObject,
)

# Marker links (see ANCHORS_JS) point here; they are removed from the PDF.
MARK = "https://anchor.nnmath.invalid/"
MARGIN = {"top": "16mm", "bottom": "20mm", "left": "15mm", "right": "15mm"}
MARGIN_PT = {side: float(size.removesuffix("mm")) * 72 / 25.4 for side, size in MARGIN.items()}
# A link to an anchor shows a little of what is above it (points).
ANCHOR_ROOM = 6.0
TOC_MARGIN = {"top": "18mm", "bottom": "20mm", "left": "22mm", "right": "22mm"}
FONT = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
PRINT_CSS = """
.md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .md-source, .nnmath-downloads,
.nnmath-pdf-home, .headerlink, .md-content__button, .md-clipboard, .md-code__nav,
.md-dialog, .md-source-file, .zeroclipboard-container { display: none !important; }
.md-main__inner, .md-content, .md-content__inner { margin: 0 !important; max-width: none; }
.tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }
pre, code { white-space: pre-wrap !important; word-break: break-word; }
h1, h2, h3, h4 { break-after: avoid; }
"""
# The theme's print stylesheet sets its own page margins, and Chromium lets CSS win over
# the margins it is given: the page's margins are set here too, from MARGIN.
PRINT_CSS += "@page {{ margin: {top} {right} {bottom} {left}; }}\n".format(**MARGIN)
# Runs in each page before it is printed. Every id outside figures and formulas gets a
# hidden same-page link (Chromium writes a named destination for each link target) and,
# when its element holds text, a 1-pixel link at the start of that text: Chromium's
# named destinations are not where the element is printed (they leave out the page
# margin and more), the rectangle of a printed link is. Also returns the page's title and
# sections.
ANCHORS_JS = """(mark) => {
  const content = document.querySelector('.md-content') || document.body;
  const box = document.createElement('div');
  box.hidden = true;
  const blocky = (el) => !getComputedStyle(el).display.startsWith('inline');
  for (const el of content.querySelectorAll('[id]')) {
    if (el.closest('svg, math')) continue;
    const a = document.createElement('a');
    a.href = '#' + encodeURIComponent(el.id);
    box.append(a);
    let host = el.tagName === 'TR' ? el.cells[0] : el;
    // Down to the first element that holds text itself (a block with blocks inside
    // would get a line of its own).
    while (host && host.firstChild === host.firstElementChild && host.firstElementChild
           && blocky(host.firstElementChild)) host = host.firstElementChild;
    if (!host || !host.textContent.trim() || !host.getClientRects().length
        || /^(IMG|INPUT|BR|HR|TABLE|TBODY|THEAD|TR|UL|OL|DL)$/.test(host.tagName)) continue;
    const marker = document.createElement('a');
    marker.href = mark + encodeURIComponent(el.id);
    marker.setAttribute('aria-hidden', 'true');
    marker.style.cssText = 'display:inline-block;width:1px;height:1px;margin-right:-1px;'
      + 'vertical-align:top;padding:0;border:0';
    host.prepend(marker);
  }
  document.body.append(box);
  const text = (el) => el.innerText.replace(/\\s+/g, ' ').trim();
  return {
    title: text(content.querySelector('h1')),
    sections: [...content.querySelectorAll('h2[id]')].map((h) => [h.id, text(h)]),
  };
}"""
# Runs in each page before it is printed, laid out for print at the width of the paper:
# what would scroll sideways on screen (a wide formula or table) is scaled down to fit, so
# that nothing is cut at the edge of the paper or of its box.
FIT_JS = """() => {
  const content = document.querySelector('.md-content') || document.body;
  let fitted = 0;
  // Innermost boxes first: an element is fitted to the narrowest box around it.
  for (const box of [...content.querySelectorAll('*')].reverse()) {
    if (box.closest('svg') || box.clientWidth === 0) continue;
    if (getComputedStyle(box).overflowX === 'visible') continue;
    if (box.scrollWidth <= box.clientWidth + 1) continue;
    if (box.matches('math')) {
      // A MathML formula is a row of pieces, none too wide on its own: its type is made
      // smaller until it fits (MathML is laid out from the font size).
      for (let i = 0; i < 4 && box.scrollWidth > box.clientWidth + 1; i++) {
        const size = parseFloat(getComputedStyle(box).fontSize);
        box.style.fontSize = `${(size * (box.clientWidth - 2) / box.scrollWidth).toFixed(2)}px`;
      }
      box.dataset.nnmathFitted = 'type';
      fitted += 1;
      continue;
    }
    // The outermost element inside that is wider than the box and sized by its content
    // (a block is as wide as its container: what is too wide is inside it).
    const limit = box.clientWidth + 1;
    const wide = [...box.querySelectorAll('*')].find(
      (el) => el.getBoundingClientRect().width > limit
        && !['block', 'flow-root', 'list-item'].includes(getComputedStyle(el).display));
    if (!wide || wide.closest('[data-nnmath-fitted]')) continue;
    // Scaled with a transform, and negative margins give back the room the unscaled
    // element would take.
    const rect = wide.getBoundingClientRect();
    const scale = (box.clientWidth - 2) / rect.width;
    const style = getComputedStyle(wide);
    wide.dataset.nnmathFitted = scale.toFixed(3);
    wide.style.transform = `scale(${scale.toFixed(3)})`;
    wide.style.transformOrigin = '0 0';
    wide.style.marginRight = `${parseFloat(style.marginRight) - rect.width * (1 - scale)}px`;
    wide.style.marginBottom = `${parseFloat(style.marginBottom) - rect.height * (1 - scale)}px`;
    fitted += 1;
  }
  return fitted;
}"""


@dataclass
class Part:
    """One printed page of the site: its PDF and where its anchors are in it."""

    path: str
    title: str
    sections: list[tuple[str, str]]
    reader: PdfReader
    # id -> (page index within this part, left, top)
    anchors: dict[str, tuple[int, float, float]] = field(default_factory=dict)
    start: int = 0  # index of its first page in the book


def _doc(body: str, css: str) -> str:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><style>"
        f"html, body {{ margin: 0; font-family: {FONT}; color: #222; }} {css}"
        f"</style></head><body>{body}</body></html>"
    )


def _title_html(site: Path, date: str) -> str:
    """Title, the site's description as subtitle, version, build date, authors, licence."""
    project = book_pages.project()
    subtitle = book_pages.subtitle(site)
    authors = ", ".join(a["name"] for a in project.get("authors", []))
    return _doc(
        "<div class='title'><h1>nnmath</h1>"
        f"<p class='sub'>{html.escape(subtitle)}</p>"
        f"<p class='meta'>Version {html.escape(project['version'])}<br>Built {date}</p></div>"
        f"<p class='foot'>{html.escape(authors)} &middot; {html.escape(project['license'])}"
        f" licence<br>{SITE_URL}</p>",
        ".title { margin: 75mm 25mm 0; text-align: center; }"
        " h1 { font-size: 48pt; margin: 0 0 10mm; letter-spacing: 0.02em; }"
        " .sub { font-size: 16pt; line-height: 1.4; margin: 0 0 30mm; }"
        " .meta { font-size: 12.5pt; line-height: 1.7; }"
        " .foot { position: absolute; bottom: 25mm; width: 100%; text-align: center;"
        " font-size: 9.5pt; color: #555; line-height: 1.5; }",
    )


def _toc_html(parts: list[Part], base: str) -> str:
    def row(href: str, label: str, page: int, cls: str) -> str:
        return (
            f"<a class='row {cls}' href='{html.escape(href)}'><span class='t'>{label}</span>"
            f"<span class='dots'></span><span class='n'>{page + 1}</span></a>"
        )

    items = []
    for part in parts:
        label = html.escape(part.title)
        if part.path.startswith("chapters/"):
            number = int(part.path.split("/")[1].split("-")[0])
            label = f"<span class='no'>{number}</span>{label}"
        lines = [row(base + part.path, label, part.start, "part")]
        for anchor, heading in part.sections:
            page = part.start + part.anchors.get(anchor, (0, 0.0, 0.0))[0]
            lines.append(row(f"{base}{part.path}#{anchor}", html.escape(heading), page, "sec"))
        items.append(f"<div class='entry'>{''.join(lines)}</div>")
    return _doc(
        f"<h1>Contents</h1>{''.join(items)}",
        "h1 { font-size: 24pt; margin: 0 0 8mm; }"
        " .entry { break-inside: avoid; margin: 0 0 3mm; }"
        " .row { display: flex; align-items: baseline; color: inherit; text-decoration: none; }"
        " .part { font-size: 11.5pt; font-weight: bold; padding: 1.2mm 0 0.6mm; }"
        " .sec { font-size: 9.5pt; padding: 0.35mm 0 0.35mm 9mm; color: #333; }"
        " .no { display: inline-block; width: 9mm; }"
        " .dots { flex: 1; border-bottom: 0.6pt dotted #999; margin: 0 2mm; }"
        " .n { min-width: 8mm; text-align: right; }",
    )


def _footer_html(labels: list[str]) -> str:
    total = len(labels)
    pages = "".join(
        f"<div class='p'><div class='f'><span>{html.escape(label)}</span>"
        f"<span>{n} / {total}</span></div></div>"
        for n, label in enumerate(labels, start=1)
    )
    return _doc(
        pages,
        "@page { margin: 0; } .p { height: 296mm; position: relative; break-after: page; }"
        " .p:last-child { break-after: auto; }"
        " .f { position: absolute; left: 15mm; right: 15mm; bottom: 9mm; display: flex;"
        " justify-content: space-between; font-size: 8.5pt; color: #666;"
        " border-top: 0.5pt solid #bbb; padding-top: 1.8mm; }",
    )


def _print(page: Any, html_text: str, margin: dict[str, str] | None = None) -> PdfReader:
    page.set_content(html_text)
    page.evaluate("document.fonts.ready.then(() => 1)")
    pdf = page.pdf(format="A4", print_background=True, margin=margin or {})
    return PdfReader(BytesIO(pdf))


def _take_anchors(reader: PdfReader) -> dict[str, tuple[int, float, float]]:
    """Where each id of one printed page is (page index in the part, left, top): from its
    marker link, else from Chromium's named destination moved by the page margins. Each
    link to a named destination is made explicit and the names and markers are removed."""
    anchors: dict[str, tuple[int, float, float]] = {}
    for index, page in enumerate(reader.pages):
        kept = ArrayObject()
        for ref in page.get("/Annots") or []:
            uri = str(ref.get_object().get("/A", {}).get("/URI", ""))
            if not uri.startswith(MARK):
                kept.append(ref)
                continue
            x0, _, _, y1 = (float(v) for v in ref.get_object()["/Rect"])
            anchors.setdefault(unquote(uri[len(MARK) :]), (index, x0, y1 + ANCHOR_ROOM))
        if "/Annots" in page:
            page[NameObject("/Annots")] = kept
    by_name: dict[str, ArrayObject] = {}
    for name, dest in reader.named_destinations.items():
        key = unquote(name.lstrip("/"))
        if key not in anchors:
            index = reader.get_destination_page_number(dest) or 0
            left = float(dest.left or 0) + MARGIN_PT["left"]
            anchors[key] = (index, left, float(dest.top or 0) - MARGIN_PT["top"])
        index, left, top = anchors[key]
        by_name[name] = _xyz(reader.pages[index].indirect_reference, left, top)
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            name = annot.get("/Dest")
            if isinstance(name, str):  # a target Chromium did not place: the page's start
                top = float(reader.pages[0].mediabox.top)
                fallback = _xyz(reader.pages[0].indirect_reference, 0, top)
                annot[NameObject("/Dest")] = by_name.get(name, fallback)
    root = cast(DictionaryObject, reader.trailer["/Root"])
    for key in ("/Dests", "/Names"):
        if key in root:
            del root[key]
    return anchors


def _xyz(page_ref: Any, left: float, top: float) -> ArrayObject:
    return ArrayObject(
        [page_ref, NameObject("/XYZ"), FloatObject(left), FloatObject(top), FloatObject(0)]
    )


def _stamp(writer: PdfWriter, page: PageObject, footer: PageObject) -> None:
    """Draw ``footer`` over ``page`` as a form XObject; the page's own content streams are
    kept as they are (still compressed), between q and Q."""
    form = DecodedStreamObject()
    form.set_data(footer.get_contents().get_data())  # type: ignore[union-attr]
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): footer.mediabox,
            NameObject("/Resources"): footer["/Resources"].clone(writer),
        }
    )
    name = NameObject("/NnmathFooter")
    resources = cast(DictionaryObject, page["/Resources"].get_object())
    xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject()).get_object()
    xobjects[name] = writer._add_object(form.flate_encode())
    contents = page["/Contents"].get_object()
    own = list(contents) if isinstance(contents, ArrayObject) else [page.raw_get("/Contents")]
    before, after = DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data(b"\nQ q " + name.encode() + b" Do Q\n")
    page[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(before), *own, writer._add_object(after)]
    )


def _relink(writer: PdfWriter, base: str, parts: dict[str, Part]) -> None:
    """Links to a page of the book (and to an anchor in it) jump there in the PDF; other
    links to the local server point at the published site (no port number in the file)."""
    top = float(writer.pages[0].mediabox.top)
    for page in writer.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action else ""
            if not uri.startswith(base):
                continue
            path, _, anchor = uri[len(base) :].partition("#")
            path = path.removesuffix("index.html")
            part = parts.get(path)
            if part is None:
                action[NameObject("/URI")] = TextStringObject(SITE_URL + uri[len(base) :])
                continue
            index, left, y = part.anchors.get(unquote(anchor), (0, 0.0, top))
            del annot["/A"]
            annot[NameObject("/Dest")] = _xyz(
                writer.pages[part.start + index].indirect_reference, left, y
            )


def _print_site(page: Any, base: str) -> list[Part]:
    parts = []
    for path in PAGES:
        page.goto(base + path, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => 1)")
        page.add_style_tag(content=PRINT_CSS)
        page.evaluate(FIT_JS)
        info = page.evaluate(ANCHORS_JS, MARK)
        pdf = page.pdf(format="A4", print_background=True, margin=MARGIN)
        reader = PdfReader(BytesIO(pdf))
        sections = [(str(a), str(t)) for a, t in info["sections"]]
        part = Part(path, str(info["title"]), sections, reader)
        part.anchors = _take_anchors(reader)
        parts.append(part)
    return parts


def main(site: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    date = time.strftime("%Y-%m-%d", time.gmtime(epoch))
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    chromium = os.environ.get("NNMATH_CHROMIUM", "/usr/bin/chromium")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            # Laid out at the width the paper leaves between the margins (96 px an inch).
            width = round((210 - sum(float(MARGIN[k][:-2]) for k in ("left", "right"))) / 25.4 * 96)
            page = browser.new_page(viewport={"width": width, "height": 1000})
            page.emulate_media(media="print")
            parts = _print_site(page, base)
            title = _print(page, _title_html(site, date))
            # The contents' length moves every page number: print it until it is stable.
            toc_pages, toc = 1, None
            while toc is None or len(toc.pages) != toc_pages:
                toc_pages = len(toc.pages) if toc else toc_pages
                start = len(title.pages) + toc_pages
                for part in parts:
                    part.start, start = start, start + len(part.reader.pages)
                toc = _print(page, _toc_html(parts, base), TOC_MARGIN)
            labels = ["", *["Contents"] * len(toc.pages)]
            for part in parts:
                labels += [part.title] * len(part.reader.pages)
            footers = _print(page, _footer_html(labels))
            browser.close()
    finally:
        server.shutdown()
    if len(footers.pages) != len(labels):
        raise RuntimeError(f"{len(footers.pages)} footers printed for {len(labels)} pages")

    writer = PdfWriter()
    for reader in (title, toc, *(part.reader for part in parts)):
        writer.append(reader, import_outline=False)
    _relink(writer, base, {part.path: part for part in parts})
    for book_page, footer in zip(writer.pages, footers.pages, strict=True):
        _stamp(writer, book_page, footer)

    top = float(writer.pages[0].mediabox.top)
    writer.add_outline_item("nnmath", 0, fit=Fit.xyz(0, top, 0))
    writer.add_outline_item("Contents", len(title.pages), fit=Fit.xyz(0, top, 0))
    for part in parts:
        entry = writer.add_outline_item(part.title, part.start, fit=Fit.xyz(0, top, 0))
        for anchor, heading in part.sections:
            index, left, y = part.anchors.get(anchor, (0, 0.0, top))
            writer.add_outline_item(heading, part.start + index, entry, fit=Fit.xyz(left, y, 0))
    writer.page_mode = "/UseOutlines"
    stamp = time.strftime("D:%Y%m%d%H%M%SZ", time.gmtime(epoch))
    writer.add_metadata({"/Title": "nnmath", "/CreationDate": stamp, "/ModDate": stamp})
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as f:
        writer.write(f)
    print(f"{out}: {len(writer.pages)} pages, {out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    main(site, Path(sys.argv[2]) if len(sys.argv) > 2 else site / "downloads" / "nnmath.pdf")
