"""What the tests of the book editions (test_pdf.py, test_epub.py) share: writing a book
from the built site with its script at a fixed date, writing it again to compare the bytes,
and the chapters every edition holds."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.site.conftest import chromium_path
from tests.site.sitebuild import REPO, SOURCE_DATE_EPOCH

# The date every book is written at (the site's fixed build date).
EPOCH = int(SOURCE_DATE_EPOCH)


def write_book(script: str, site_dir: Path, out: Path) -> Path:
    """Run ``scripts/<script>`` on the built site at ``site_dir``, writing ``out``."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH), NNMATH_CHROMIUM=chromium_path() or "")
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / script), str(site_dir), str(out)],
        env=env,
        check=True,
        timeout=900,
    )
    return out


def assert_written_again_the_same(
    script: str, site_dir: Path, book: Path, again: Path, *, what: str
) -> None:
    """Write the book again from the same site, to ``again``: its bytes must be ``book``'s
    (else the message says that two ``what`` differ)."""
    again = write_book(script, site_dir, again)
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (book, again)]
    assert digest[0] == digest[1], f"two {what} with the same SOURCE_DATE_EPOCH differ"


def chapters() -> list[tuple[str, str]]:
    """(file stem, title) of every chapter, from the chapter sources, in order."""
    found = []
    for path in sorted((REPO / "docs/chapters").glob("*.py")):
        match = re.search(r"^# # (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
        assert match, f"{path.name} has no title"
        found.append((path.stem, match.group(1).strip()))
    return found
