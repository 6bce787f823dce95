"""Print the built site as one PDF book: ``python scripts/pdf.py [SITE] [OUT]``.

Each page (home, the chapters, notation, glossary, verification) is opened in headless
Chromium (Playwright, the browser the site tests use), printed after MathJax has typeset
it, with navigation hidden and every tab of a tab block shown; pypdf merges the pages
behind a title page (version and build date from ``SOURCE_DATE_EPOCH``) and adds an
outline entry per page. Defaults: ``site/`` and ``site/downloads/nnmath.pdf``.
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
import time
import tomllib
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://nnmath.github.io/nnmath/"
PAGES = [
    "",
    *(f"chapters/{p.stem}/" for p in sorted((ROOT / "docs/chapters").glob("*.py"))),
    "notation/",
    "glossary/",
    "verification/",
]
PRINT_CSS = """
.md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .md-source, .nnmath-downloads,
.headerlink, .md-content__button { display: none !important; }
.md-main__inner, .md-content, .md-content__inner { margin: 0 !important; max-width: none; }
.tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }
pre, code { white-space: pre-wrap !important; word-break: break-word; }
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def _title_html(date: str) -> str:
    return (
        "<html><body style='font-family: DejaVu Sans, sans-serif; text-align: center;"
        " padding-top: 35%'><h1>nnmath</h1><p>How neural networks work: the results derived"
        f" with SymPy, executed with NumPy, and checked by tests.</p><p>Version {_version()}"
        f" &middot; built {date}</p></body></html>"
    )


def _relink(writer: PdfWriter, base: str, starts: dict[str, int]) -> None:
    """Links to a printed page jump to its first page in the book; other links to the
    local server point at the published site (no port number left in the file)."""
    for page in writer.pages:
        for ref in page.get("/Annots") or []:
            action = ref.get_object().get("/A")
            uri = str(action.get("/URI", "")) if action else ""
            if not uri.startswith(base):
                continue
            path = uri[len(base) :].split("#")[0]
            if path in starts:
                goto = {"/S": NameObject("/GoTo"), "/D": ArrayObject(
                    [writer.pages[starts[path]].indirect_reference, NameObject("/XYZ"),
                     NumberObject(0), NumberObject(842), NumberObject(0)])}  # fmt: skip
                ref.get_object()[NameObject("/A")] = DictionaryObject(
                    {NameObject(k): v for k, v in goto.items()}
                )
            else:
                action[NameObject("/URI")] = TextStringObject(SITE_URL + uri[len(base) :])


def main(site: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    date = time.strftime("%Y-%m-%d", time.gmtime(epoch))
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    chromium = os.environ.get("NNMATH_CHROMIUM", "/usr/bin/chromium")
    writer = PdfWriter()
    starts: dict[str, int] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page()
            page.set_content(_title_html(date))
            writer.append(PdfReader(BytesIO(page.pdf(format="A4"))))
            for path in PAGES:
                page.goto(base + path, wait_until="load")
                page.wait_for_function(
                    "window.MathJax && MathJax.startup && MathJax.startup.promise"
                )
                page.evaluate("MathJax.startup.promise")
                page.add_style_tag(content=PRINT_CSS)
                page.emulate_media(media="print")
                title = page.locator("h1").first.inner_text().strip()
                start = starts[path] = len(writer.pages)
                pdf = page.pdf(
                    format="A4",
                    print_background=True,
                    margin={"top": "18mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
                )
                writer.append(PdfReader(BytesIO(pdf)))
                writer.add_outline_item(title, start)
            browser.close()
    finally:
        server.shutdown()
    _relink(writer, base, starts)
    stamp = time.strftime("D:%Y%m%d%H%M%SZ", time.gmtime(epoch))
    writer.add_metadata({"/Title": "nnmath", "/CreationDate": stamp, "/ModDate": stamp})
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as f:
        writer.write(f)
    print(f"{out}: {len(writer.pages)} pages, {out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    main(site, Path(sys.argv[2]) if len(sys.argv) > 2 else site / "downloads" / "nnmath.pdf")
