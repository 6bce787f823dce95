"""Clean-up of the HTML mkdocs-jupyter makes of a notebook page.

Moves the ~590 KB of CSS that mkdocs-jupyter inlines into one shared, content-hashed
stylesheet (linked from the page head by ``overrides/main.html``, written by
``assets``), drops its scripts (a MathJax 2 loader pointing nowhere, a CDN mermaid
loader, the copy-button library, which the site loads once instead), the random cell
ids nbconvert emits, its empty tab stops (``tabindex=0`` on cell wrappers) and the
hidden second copy of every code cell (the copy buttons copy the highlighted code itself).
Relative links in markdown cells (``02-training-perceptron.py#some-heading``,
``../reference.md``) are turned into page URLs and checked like links in Markdown pages,
and the page's ids are handed to mkdocs so that links *to* a notebook page's anchors are
checked too.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import logging
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from . import css_prune

log = logging.getLogger("mkdocs.hooks.nnmath")

NOTEBOOK_CSS_DIR = "assets/stylesheets"


class _Pages:
    """What one build learns from its notebook pages."""

    def __init__(self) -> None:
        self.css: dict[str, str] = {}  # site path -> stylesheet text
        self.built: set[str] = set()  # src_uri of every notebook page built
        self.usage = css_prune.Usage()  # classes and ids of the notebook pages


_pages = _Pages()


def reset() -> None:
    """Start a build."""
    global _pages
    _pages = _Pages()


def stylesheets() -> dict[str, str]:
    """The shared notebook stylesheets the pages built so far link: site path -> text.

    Each keeps only the rules that may match an element of the notebook pages (see
    ``css_prune``); its name is a digest of the whole stylesheet mkdocs-jupyter inlined.
    """
    return {path: css_prune.prune(css, _pages.usage) for path, css in _pages.css.items()}


def note_page(output: str) -> None:
    """Record the classes and ids of a notebook page's final HTML (for ``stylesheets``)."""
    _pages.usage.add_html(output)


def built_pages() -> set[str]:
    """The ``src_uri`` of every notebook page built so far."""
    return set(_pages.built)


def is_notebook(page: Page) -> bool:
    """Whether mkdocs-jupyter made this page from a notebook."""
    return type(page.file).__name__ == "NotebookFile"


_WRAPPER = '<div class="jupyter-wrapper">'
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CELL_ID = re.compile(r'\s+id="cell-id=[^"]*"')
# nbconvert makes every cell wrapper and output a tab stop with nothing to do there; the
# site's script makes the regions that scroll focusable instead (javascripts/notebook.js).
_EMPTY_TAB_STOP = re.compile(r'(<div class="jp-[^"]*"[^>]*?)\s+tabindex="0"')
# Every copy button carries the same ~700-byte icon; the page defines it once and each
# button refers to it (keeps long chapters within the page-weight budget). The reference
# is xlink:href: Material rewrites the `href` of elements it finds by `[href]`.
_COPY_ICON = re.compile(
    r'<svg aria-hidden="true" class="clipboard-copy-icon"[^>]*>(.*?)</svg>', re.S
)
_ICON_ID = "nnmath-copy-icon"
# Each code cell carries a hidden copy of its source for the copy button; point the
# button at the highlighted <pre> instead (same text) and drop the copy.
_COPY_TEXT = re.compile(
    r'(<div class="highlight-ipynb[^"]*"><pre)(>.*?</pre>\s*</div>)\s*'
    r'<div class="clipboard-copy-txt" id="([^"]+)">.*?</div>',
    re.S,
)


def clean(html: str, page: Page, files: Files) -> str:
    """The notebook page's content without its inlined CSS, scripts and duplicates."""
    head, sep, body = html.partition(_WRAPPER)
    if not sep:
        raise PluginError(f"nnmath hooks: no {_WRAPPER} in {page.file.src_uri}")

    blocks = [b.strip() for b in _STYLE.findall(head)]
    rest = _COMMENT.sub("", _SCRIPT.sub("", _STYLE.sub("", head))).strip()
    if rest or not blocks:
        raise PluginError(
            f"nnmath hooks: unexpected notebook header in {page.file.src_uri} "
            f"(mkdocs-jupyter changed?): {rest[:200]!r}"
        )
    css = '@charset "UTF-8";\n' + "\n".join(b.replace('@charset "UTF-8";', "") for b in blocks)
    digest = hashlib.sha256(css.encode()).hexdigest()[:12]
    css_path = f"{NOTEBOOK_CSS_DIR}/notebook.{digest}.css"
    _pages.css[css_path] = css + "\n"
    page.nnmath_css = css_path  # type: ignore[attr-defined]

    name = Path(page.file.src_uri).name
    page.nnmath_source = name  # type: ignore[attr-defined]
    page.nnmath_ipynb = Path(name).stem + ".ipynb"  # type: ignore[attr-defined]
    _pages.built.add(page.file.src_uri)

    body = _COPY_TEXT.sub(r'\1 id="\3"\2', _CELL_ID.sub("", body))
    body = _EMPTY_TAB_STOP.sub(r"\1", body)
    if "clipboard-copy-txt" in body:
        raise PluginError(f"nnmath hooks: a copy button's text was left in {page.file.src_uri}")
    body = _share_copy_icon(body)
    body = _fix_links(body, page, files)
    page.present_anchor_ids = _anchor_ids(body)  # lets mkdocs check links *to* this page
    return sep + body


def _share_copy_icon(body: str) -> str:
    """Define the copy buttons' icon once (a hidden SVG symbol) and point each button at it."""
    icons = set(_COPY_ICON.findall(body))
    if not icons:
        return body
    if len(icons) > 1:
        raise PluginError("nnmath hooks: the copy buttons use different icons")
    use = (
        '<svg aria-hidden="true" class="clipboard-copy-icon" height="20" width="20" '
        f'viewBox="0 0 16 16"><use xlink:href="#{_ICON_ID}"></use></svg>'
    )
    symbol = (
        '<svg aria-hidden="true" style="display: none"><symbol id="'
        f'{_ICON_ID}" viewBox="0 0 16 16">{icons.pop().strip()}</symbol></svg>'
    )
    return symbol + _COPY_ICON.sub(use, body)


_LINK = re.compile(r'(<(?:a|img)\b[^>]*?\s(?:href|src)=")([^"]*)(")')


def _fix_links(body: str, page: Page, files: Files) -> str:
    """Resolve and check relative links in notebook markdown cells, like mkdocs does
    for Markdown pages: `other-chapter.py#anchor` and `../reference.md` become page
    URLs, a missing target or anchor is a warning (an error under --strict)."""
    anchors = page.links_to_anchors = page.links_to_anchors or {}
    base = posixpath.dirname(page.file.src_uri)

    def fix(m: re.Match[str]) -> str:
        raw = html_lib.unescape(m.group(2))
        url = urlsplit(raw)
        if url.scheme or url.netloc or raw.startswith(("/", "data:")) or not raw:
            return m.group(0)
        if not url.path:  # same-page anchor
            if url.fragment:
                anchors.setdefault(page.file, {}).setdefault(url.fragment, raw)
            return m.group(0)
        target = posixpath.normpath(posixpath.join(base, unquote(url.path)))
        file = files.get_file_from_path(target)
        if file is None:
            log.warning(
                "Doc file '%s' contains a link '%s', but the target '%s' is not found "
                "among documentation files.",
                page.file.src_uri,
                raw,
                target,
            )
            return m.group(0)
        new = file.url_relative_to(page.file)
        if url.fragment:
            new += "#" + url.fragment
            if file.is_documentation_page():
                anchors.setdefault(file, {}).setdefault(url.fragment, raw)
        return m.group(1) + html_lib.escape(new) + m.group(3)

    return _LINK.sub(fix, body)


class _IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if v and (k == "id" or (k == "name" and tag == "a")):
                self.ids.add(v)


def _anchor_ids(body: str) -> set[str]:
    parser = _IdCollector()
    parser.feed(body)
    parser.close()
    return parser.ids
