"""The built files: links and anchors, reproducibility, and fresh outputs after a change."""

from __future__ import annotations

import filecmp
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.site.sitebuild import build, copy_repo

pytestmark = [pytest.mark.site, pytest.mark.xdist_group("rebuild")]


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(values[key] or "")
        for key in ("href", "src"):
            value = values.get(key)
            if value:
                self.links.append(value)


def _parse(path: Path) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def _target(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "javascript:")):
        return None
    base = page.parent
    path = unquote(parts.path)
    if not path:
        target = page
    elif path.startswith("/"):
        target = site / path.lstrip("/")
    else:
        target = (base / path).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_no_broken_internal_links_or_anchors(site_dir: Path) -> None:
    # 404.html is served for any missing path, so MkDocs gives it root-absolute links.
    parsed = {page: _parse(page) for page in site_dir.rglob("*.html") if page.name != "404.html"}
    broken = []
    for page, parser in parsed.items():
        for link in parser.links:
            found = _target(site_dir, page, link)
            if found is None:
                continue
            target, anchor = found
            where = page.relative_to(site_dir)
            if not target.exists():
                broken.append(f"{where}: {link} (no file {target})")
            elif anchor and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if anchor not in ids:
                    broken.append(f"{where}: {link} (no anchor #{anchor})")
    assert not broken, "broken links:\n  " + "\n  ".join(broken)


def _differences(a: Path, b: Path) -> list[str]:
    out = []
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    out += [f"only in the first build: {p}" for p in sorted(files_a - files_b)]
    out += [f"only in the second build: {p}" for p in sorted(files_b - files_a)]
    for rel in sorted(files_a & files_b):
        if not filecmp.cmp(a / rel, b / rel, shallow=False):
            out.append(f"differs: {rel}")
    return out


@pytest.mark.slow
def test_two_clean_builds_are_byte_identical(site_dir: Path, tmp_path: Path) -> None:
    second = tmp_path / "site"
    build(Path(__file__).resolve().parents[2], second, tmp_path / "cache")
    diffs = _differences(site_dir, second)
    assert not diffs, "two builds with the same SOURCE_DATE_EPOCH differ:\n  " + "\n  ".join(diffs)


# The chapter that prints Higham & Higham's data, and the value the test changes.
FRESH_PAGE = "chapters/05-cost-gradient-descent/index.html"
FRESH_FILE = "nnmath/datasets.py"
FRESH_OLD = "_HIGHAM_X1 = (0.1, 0.3,"
FRESH_NEW = "_HIGHAM_X1 = (0.125, 0.3,"


@pytest.mark.slow
def test_changing_nnmath_reexecutes_the_pages_that_use_it(site_dir: Path, tmp_path: Path) -> None:
    before = (site_dir / FRESH_PAGE).read_text()
    assert re.search(r"\b0\.125\b", before) is None
    repo = copy_repo(tmp_path / "repo")
    source = repo / FRESH_FILE
    text = source.read_text()
    assert FRESH_OLD in text
    source.write_text(text.replace(FRESH_OLD, FRESH_NEW))
    cache = tmp_path / "cache"
    shutil.copytree(site_dir.parent / "cache", cache)  # the first build's cache, in place
    build(repo, tmp_path / "site", cache)
    after = (tmp_path / "site" / FRESH_PAGE).read_text()
    assert re.search(r"\b0\.125\b", after), f"{FRESH_PAGE} still shows the old data"
