"""Write an EPUB 3 container: the package document, the navigation document and the zip.

Used by scripts/epub.py. The zip is reproducible: ``mimetype`` first and stored, every
other entry compressed, in a fixed order, with the build time as its date.
"""

from __future__ import annotations

import html
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

XHTML_NS = "http://www.w3.org/1999/xhtml"
MEDIA_TYPES = {
    ".xhtml": "application/xhtml+xml",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".woff2": "font/woff2",
}
CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


@dataclass
class Document:
    """One XHTML file of the book: its name, title, sections (id, heading), its body."""

    name: str
    title: str
    body: str
    sections: list[tuple[str, str]] = field(default_factory=list)
    in_toc: bool = True
    linear: bool = True


@dataclass
class Metadata:
    """What the package document says about the book."""

    title: str
    subtitle: str
    language: str
    identifier: str  # a URL: the identifier is the UUID (version 5) of it
    creators: list[str]
    rights: str
    modified: int  # seconds since the epoch
    accessibility_summary: str
    features: list[str]


def xhtml(title: str, body: str, css: str = "book.css", epub_ns: bool = False) -> str:
    """A complete XHTML content document."""
    ns = ' xmlns:epub="http://www.idpf.org/2007/ops"' if epub_ns else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="{XHTML_NS}"{ns} lang="en" xml:lang="en">\n<head>\n'
        f'<meta charset="utf-8"/>\n<title>{html.escape(title)}</title>\n'
        f'<link rel="stylesheet" type="text/css" href="{css}"/>\n</head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def nav_document(documents: list[Document], toc_name: str, body_name: str) -> str:
    """The navigation document: the contents (every page and its sections) and landmarks."""
    items = []
    for doc in documents:
        if not doc.in_toc:
            continue
        sub = "".join(
            f'<li><a href="{doc.name}#{html.escape(anchor)}">{html.escape(heading)}</a></li>'
            for anchor, heading in doc.sections
        )
        items.append(
            f'<li><a href="{doc.name}">{html.escape(doc.title)}</a>'
            + (f"<ol>{sub}</ol>" if sub else "")
            + "</li>"
        )
    body = (
        '<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">'
        f'<h1 id="toc-title">Contents</h1>\n<ol>\n{chr(10).join(items)}\n</ol></nav>\n'
        '<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="">'
        '<h2 id="landmarks-title">Landmarks</h2><ol>'
        f'<li><a epub:type="titlepage" href="{documents[0].name}">Title page</a></li>'
        f'<li><a epub:type="toc" href="{toc_name}#toc">Contents</a></li>'
        f'<li><a epub:type="bodymatter" href="{body_name}">Start of the book</a></li>'
        "</ol></nav>"
    )
    return xhtml("Contents", body, epub_ns=True)


def _properties(name: str, text: str | None) -> str:
    props = []
    if name == "nav.xhtml":
        props.append("nav")
    if text is not None:
        if "<math" in text:
            props.append("mathml")
        if "<svg" in text:
            props.append("svg")
    return f' properties="{" ".join(props)}"' if props else ""


def package_document(meta: Metadata, documents: list[Document], files: dict[str, bytes]) -> str:
    """The package document (EPUB/package.opf) for ``files`` (name -> bytes, relative to
    EPUB/), read in the order of ``documents``."""
    modified = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(meta.modified))
    ident = uuid.uuid5(uuid.NAMESPACE_URL, meta.identifier)
    esc = html.escape
    lines = [
        f'<dc:identifier id="pub-id">urn:uuid:{ident}</dc:identifier>',
        f'<dc:title id="title">{esc(meta.title)}</dc:title>',
        '<meta refines="#title" property="title-type">main</meta>',
        f'<dc:title id="subtitle">{esc(meta.subtitle)}</dc:title>',
        '<meta refines="#subtitle" property="title-type">subtitle</meta>',
        f"<dc:language>{esc(meta.language)}</dc:language>",
        *(f"<dc:creator>{esc(c)}</dc:creator>" for c in meta.creators),
        f"<dc:description>{esc(meta.subtitle)}</dc:description>",
        f"<dc:rights>{esc(meta.rights)}</dc:rights>",
        f'<meta property="dcterms:modified">{modified}</meta>',
        '<meta property="schema:accessMode">textual</meta>',
        '<meta property="schema:accessMode">visual</meta>',
        '<meta property="schema:accessModeSufficient">textual</meta>',
        '<meta property="schema:accessModeSufficient">textual,visual</meta>',
        *(f'<meta property="schema:accessibilityFeature">{f}</meta>' for f in meta.features),
        '<meta property="schema:accessibilityHazard">none</meta>',
        f'<meta property="schema:accessibilitySummary">{esc(meta.accessibility_summary)}</meta>',
    ]
    manifest = []
    for n, name in enumerate(sorted(files)):
        media = MEDIA_TYPES[Path(name).suffix]
        text = files[name].decode("utf-8") if name.endswith(".xhtml") else None
        item_id = "nav" if name == "nav.xhtml" else f"item-{n}"
        manifest.append(
            f'<item id="{item_id}" href="{esc(name)}" media-type="{media}"'
            f"{_properties(name, text)}/>"
        )
    ids = {name: i for i, name in enumerate(sorted(files))}
    spine = [
        f'<itemref idref="{"nav" if d.name == "nav.xhtml" else f"item-{ids[d.name]}"}"'
        + ("" if d.linear else ' linear="no"')
        + "/>"
        for d in documents
    ]
    nl = "\n    "
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id"'
        ' xml:lang="en">\n'
        '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        f"    {nl.join(lines)}\n  </metadata>\n"
        f"  <manifest>\n    {nl.join(manifest)}\n  </manifest>\n"
        f"  <spine>\n    {nl.join(spine)}\n  </spine>\n</package>\n"
    )


def write_zip(out: Path, files: dict[str, bytes], epoch: int) -> None:
    """The EPUB container at ``out``: ``mimetype`` first and stored, META-INF/container.xml,
    then ``files`` under EPUB/ in name order, all dated ``epoch``."""
    date = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980

    def entry(name: str, compress: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=date)
        info.compress_type = compress
        info.external_attr = 0o644 << 16
        info.create_system = 3
        return info

    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as book:
        book.writestr(entry("mimetype", zipfile.ZIP_STORED), b"application/epub+zip")
        book.writestr(entry("META-INF/container.xml", zipfile.ZIP_DEFLATED), CONTAINER)
        for name in sorted(files):
            book.writestr(entry(f"EPUB/{name}", zipfile.ZIP_DEFLATED), files[name])
