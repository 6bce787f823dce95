"""Clean-up of the HTML mkdocs-jupyter makes of a notebook page.

Moves the ~590 KB of CSS that mkdocs-jupyter inlines into one shared, content-hashed
stylesheet (linked from the page head by ``overrides/main.html``, written by
``assets``), drops its scripts (a MathJax 2 loader pointing nowhere, a CDN mermaid
loader, the copy-button library, which the site loads once instead), the random cell
ids nbconvert emits, its empty tab stops (``tabindex=0`` on cell wrappers) and the
hidden second copy of every code cell (the copy buttons copy the highlighted code itself).
Relative links in markdown cells (``02-training-perceptron.py#some-heading``,
``../reference.md``) are turned into page URLs and checked like links in Markdown pages
(:func:`fix_links`, given a function that finds a page's URL), and :func:`anchor_ids`
lists the page's ids, so that links *to* a notebook page's anchors are checked too.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import logging
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from . import BuildError, css_prune

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


def clean(html: str, src_uri: str) -> tuple[str, str]:
    """The notebook page's content without its inlined CSS, scripts and duplicates.

    ``src_uri`` is the page's source path in the docs folder (``chapters/03-x.py``).
    Returns the content and the site path of the shared stylesheet its CSS went to.

    Raises
    ------
    BuildError
        If the HTML is not laid out as the pinned mkdocs-jupyter writes it.
    """
    head, sep, body = html.partition(_WRAPPER)
    if not sep:
        raise BuildError(f"nnmath hooks: no {_WRAPPER} in {src_uri}")

    blocks = [b.strip() for b in _STYLE.findall(head)]
    rest = _COMMENT.sub("", _SCRIPT.sub("", _STYLE.sub("", head))).strip()
    if rest or not blocks:
        raise BuildError(
            f"nnmath hooks: unexpected notebook header in {src_uri} "
            f"(mkdocs-jupyter changed?): {rest[:200]!r}"
        )
    css = '@charset "UTF-8";\n' + "\n".join(b.replace('@charset "UTF-8";', "") for b in blocks)
    digest = hashlib.sha256(css.encode()).hexdigest()[:12]
    css_path = f"{NOTEBOOK_CSS_DIR}/notebook.{digest}.css"
    _pages.css[css_path] = css + "\n"
    _pages.built.add(src_uri)

    body = _COPY_TEXT.sub(r'\1 id="\3"\2', _CELL_ID.sub("", body))
    body = _EMPTY_TAB_STOP.sub(r"\1", body)
    if "clipboard-copy-txt" in body:
        raise BuildError(f"nnmath hooks: a copy button's text was left in {src_uri}")
    return sep + _share_copy_icon(body), css_path


def _share_copy_icon(body: str) -> str:
    """Define the copy buttons' icon once (a hidden SVG symbol) and point each button at it."""
    icons = set(_COPY_ICON.findall(body))
    if not icons:
        return body
    if len(icons) > 1:
        raise BuildError("nnmath hooks: the copy buttons use different icons")
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


@dataclass(frozen=True)
class Target:
    """What a link in a page points at: its URL from the linking page, and whether it is a
    page (whose anchors are then checked)."""

    url: str
    is_page: bool


@dataclass(frozen=True)
class AnchorLink:
    """A link to an anchor: ``target`` is a source path ("" for the linking page itself)."""

    target: str
    fragment: str
    raw: str


def fix_links(
    body: str, src_uri: str, find: Callable[[str], Target | None]
) -> tuple[str, list[AnchorLink]]:
    """Resolve and check relative links in notebook markdown cells, as mkdocs does for
    Markdown pages.

    ``find`` maps a source path (``chapters/02-x.py``) to its :class:`Target`, or None if
    there is no such file. ``other-chapter.py#anchor`` and ``../reference.md`` become page
    URLs; a missing target is a warning (an error under --strict). Returns the body and
    the links to anchors, for the caller to check.
    """
    anchors: list[AnchorLink] = []
    base = posixpath.dirname(src_uri)

    def fix(m: re.Match[str]) -> str:
        raw = html_lib.unescape(m.group(2))
        url = urlsplit(raw)
        if url.scheme or url.netloc or raw.startswith(("/", "data:")) or not raw:
            return m.group(0)
        if not url.path:  # same-page anchor
            if url.fragment:
                anchors.append(AnchorLink("", url.fragment, raw))
            return m.group(0)
        path = posixpath.normpath(posixpath.join(base, unquote(url.path)))
        target = find(path)
        if target is None:
            log.warning(
                "Doc file '%s' contains a link '%s', but the target '%s' is not found "
                "among documentation files.",
                src_uri,
                raw,
                path,
            )
            return m.group(0)
        new = target.url
        if url.fragment:
            new += "#" + url.fragment
            if target.is_page:
                anchors.append(AnchorLink(path, url.fragment, raw))
        return m.group(1) + html_lib.escape(new) + m.group(3)

    return _LINK.sub(fix, body), anchors


class _IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if v and (k == "id" or (k == "name" and tag == "a")):
                self.ids.add(v)


def anchor_ids(body: str) -> set[str]:
    """The ids a link can point at in ``body`` (``id`` attributes, ``<a name>``)."""
    parser = _IdCollector()
    parser.feed(body)
    parser.close()
    return parser.ids
