"""The book PDF (scripts/pdf.py) printed from the strictly built site."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.site.conftest import chromium_path
from tests.site.sitebuild import REPO

pytestmark = [pytest.mark.site, pytest.mark.slow]


@pytest.fixture(scope="session")
def book(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if chromium_path() is None:
        pytest.skip("Chromium not found: the PDF is printed with it")
    out = tmp_path_factory.mktemp("pdf") / "nnmath.pdf"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NNMATH_CHROMIUM=chromium_path() or "")
    subprocess.run(
        [sys.executable, str(REPO / "scripts/pdf.py"), str(site_dir), str(out)],
        env=env,
        check=True,
        timeout=900,
    )
    return out


def _chapter_titles() -> list[str]:
    titles = []
    for path in sorted((REPO / "docs/chapters").glob("*.py")):
        match = re.search(r"^# # (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
        assert match, f"{path.name} has no title"
        titles.append(match.group(1).strip())
    return titles


def test_the_pdf_has_every_chapter_typeset_with_embedded_fonts(book: Path, site_dir: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(book)
    assert len(reader.pages) > 1 + 14, f"{len(reader.pages)} pages for 14 printed pages"
    assert book.stat().st_size < 20e6
    text = subprocess.run(["pdftotext", str(book), "-"], capture_output=True, text=True, check=True)
    flat = " ".join(text.stdout.split())
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    for title in _chapter_titles():
        assert title in flat, f"chapter {title!r} is not in the PDF's text"
        assert title in outline, f"chapter {title!r} has no outline entry"
    for raw in ("\\frac", "$$", "\\("):
        assert raw not in text.stdout, f"raw TeX {raw!r} in the PDF's text"
    fonts = subprocess.run(["pdffonts", str(book)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts.stdout
    # Every figure of the chapter pages (inline SVG images) is printed as drawing commands:
    # each chapter with figures has its figure captions in the text.
    for page in sorted((site_dir / "chapters").glob("*/index.html")):
        for caption in re.findall(r"<em>Figure: ([^<$\\&]{12,60})", page.read_text("utf-8")):
            assert " ".join(caption.split()) in flat, f"{page.parent.name}: figure {caption!r}"
