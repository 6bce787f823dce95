"""What a reader does with the notebook archive: unpack it, install it, run every chapter.

The archive comes from the strictly built site. One fresh virtual environment per test
session gets ``requirements.txt`` (the wheel from the archive; the other pinned packages
from pip's cache, or offline from ``$NNMATH_WHEELHOUSE`` when set). Every notebook is then
executed with nbclient in a kernel of that environment and its stream and ``text/plain``
outputs are compared, cell for cell, with the notebook the site serves.

How the outputs stay machine-independent: the kernel gets none of the build's environment
(no PYTHONHASHSEED, MATPLOTLIBRC or IPython profile: a fresh HOME and IPYTHONDIR), so a
printed set or a figure's size that depended on it would differ here; the chapters seed
every random generator, print no timings and format floats to fixed digits, and figures'
text output (``<Figure size ...>``) follows the dpi that ``plotting.setup_notebook`` sets.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.site, pytest.mark.slow]

ARCHIVE = "downloads/nnmath-notebooks.zip"


@pytest.fixture(scope="session")
def unpacked(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reader")
    with zipfile.ZipFile(site_dir / ARCHIVE) as archive:
        archive.extractall(folder)
    return folder / "nnmath-notebooks"


def _clean_env(home: Path) -> dict[str, str]:
    keep = ("PATH", "LANG", "LC_ALL", "TMPDIR")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env |= {"HOME": str(home), "IPYTHONDIR": str(home / ".ipython"), "JUPYTER_PLATFORM_DIRS": "1"}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="session")
def reader_venv(unpacked: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh venv; first it checks each notebook's guard cell, then installs the archive."""
    root = tmp_path_factory.mktemp("reader-venv")
    venv.create(root / "venv", with_pip=True)
    yield root / "venv"


def _python(env_dir: Path) -> Path:
    return env_dir / "bin" / "python"


def _notebooks(folder: Path) -> list[Path]:
    found = sorted(folder.glob("*.ipynb"))
    assert len(found) == 10, f"the archive holds {len(found)} notebooks, not the ten chapters"
    return found


def _code_cells(nb: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _source(cell: dict[str, Any]) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else str(src)


def _text_outputs(cell: dict[str, Any]) -> list[tuple[str, str]]:
    """The cell's stream and text/plain outputs, streams of one name joined."""
    out: list[tuple[str, str]] = []
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream":
            text = "".join(o["text"]) if isinstance(o["text"], list) else o["text"]
            if out and out[-1][0] == o["name"]:
                out[-1] = (o["name"], out[-1][1] + text)
            else:
                out.append((o["name"], text))
        elif "text/plain" in o.get("data", {}):
            t = o["data"]["text/plain"]
            out.append(("text/plain", "".join(t) if isinstance(t, list) else t))
    return out


def test_the_archive_holds_what_the_readme_says(unpacked: Path, site_dir: Path) -> None:
    names = {p.name for p in unpacked.iterdir()}
    wheels = sorted(n for n in names if n.endswith("-py3-none-any.whl"))
    assert wheels and (site_dir / "downloads" / wheels[0]).is_file(), names
    assert {"README.md", "requirements.txt"} <= names
    reqs = (unpacked / "requirements.txt").read_text(encoding="utf-8")
    version = wheels[0].split("-")[1]
    for pin in (f"nnmath=={version}", "numpy==", "sympy==", "matplotlib==", "ipykernel=="):
        assert pin in reqs, f"requirements.txt pins no {pin}"
    assert "pip install -r requirements.txt" in (unpacked / "README.md").read_text()
    for path in _notebooks(unpacked):
        served = site_dir / "chapters" / path.stem / path.name
        assert path.read_bytes() == served.read_bytes(), f"{path.name} differs from the page's"
        # No code reads a file of the repository by a relative path.
        for cell in _code_cells(json.loads(path.read_text(encoding="utf-8"))):
            for folder in ("scripts/", "docs/"):
                assert f'"{folder}' not in _source(cell), f"{path.name} reads from {folder}"


def test_without_nnmath_the_first_cell_says_how_to_install_it(
    unpacked: Path, reader_venv: Path
) -> None:
    # The venv is still bare here (pytest runs this file's tests in order).
    for path in _notebooks(unpacked):
        first = _source(_code_cells(json.loads(path.read_text(encoding="utf-8")))[0])
        proc = subprocess.run(
            [str(_python(reader_venv)), "-c", first],
            cwd=unpacked,
            env=_clean_env(reader_venv.parent),
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 1, f"{path.name}: the first cell ran on without nnmath"
        assert "-m pip install -r requirements.txt" in proc.stderr, (path.name, proc.stderr)
        assert "Traceback" not in proc.stderr, (path.name, proc.stderr)


def test_every_notebook_runs_in_a_fresh_venv_with_the_pages_outputs(
    unpacked: Path, reader_venv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nbformat
    from nbclient import NotebookClient

    home = reader_venv.parent
    python = _python(reader_venv)
    pip = [str(python), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"]
    if os.environ.get("NNMATH_WHEELHOUSE"):
        pip += ["--no-index", "--find-links", os.environ["NNMATH_WHEELHOUSE"]]
    subprocess.run(pip, cwd=unpacked, env=_clean_env(home), check=True, timeout=900)

    # A kernel spec that runs the venv's interpreter, found through JUPYTER_PATH.
    spec = home / "kernels" / "reader"
    spec.mkdir(parents=True, exist_ok=True)
    argv = [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(home))

    for path in _notebooks(unpacked):
        served = nbformat.read(path, as_version=4)
        nb = nbformat.read(path, as_version=4)
        for cell in _code_cells(nb):
            cell["outputs"] = []
        client = NotebookClient(nb, timeout=600, kernel_name="reader")
        with client.setup_kernel(env=_clean_env(home), cwd=str(unpacked)):
            for index, cell in enumerate(nb.cells):
                try:
                    client.execute_cell(cell, index)
                except Exception as exc:  # a failing cell: name the chapter and the cell
                    pytest.fail(f"{path.name}, cell {index}: {type(exc).__name__}: {exc}")
        for index, (mine, theirs) in enumerate(zip(nb.cells, served.cells, strict=True)):
            if mine.cell_type != "code":
                continue
            assert _text_outputs(mine) == _text_outputs(theirs), (
                f"{path.name}, cell {index} ({_source(mine)[:60]!r}): its text output in a "
                "fresh environment differs from the page's"
            )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
