"""The downloads a reader needs to run the chapters outside this repository.

Writes ``downloads/nnmath-<version>-py3-none-any.whl`` (the package, built offline with
the pinned setuptools) and ``downloads/nnmath-notebooks.zip``: every chapter's executed
notebook as its page shows it, the wheel, a ``requirements.txt`` pinned from
``constraints.txt`` and a README. Both are reproducible: the wheel's and the archive's
timestamps come from ``SOURCE_DATE_EPOCH`` (1980-01-01 when unset), entries are sorted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

from . import BuildError

DEST = "downloads"
ARCHIVE = "nnmath-notebooks.zip"
FOLDER = "nnmath-notebooks"  # the archive's top folder
# What the notebooks import (and what those need at run time), pinned from constraints.txt.
RUNTIME = ("numpy", "sympy", "mpmath", "matplotlib", "scikit-learn", "tqdm", "ipykernel")
FRONT_END = "notebook==7.6.5"  # optional: a browser front end for the notebooks
_ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can hold

_chapters: dict[str, str] = {}  # notebook file name -> executed notebook (JSON)


def reset() -> None:
    """Start a build."""
    _chapters.clear()


def add_chapter(name: str, ipynb: str) -> None:
    """Put a chapter's executed notebook into the archive."""
    _chapters[name] = ipynb


def site_paths(root: Path) -> list[str]:
    """The files :func:`write` writes, as paths in the site (for checking links to them)."""
    return [f"{DEST}/{name}" for name in (ARCHIVE, wheel_name(root))]


def version(root: Path) -> str:
    """The package version from pyproject.toml."""
    with (root / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def wheel_name(root: Path) -> str:
    return f"nnmath-{version(root)}-py3-none-any.whl"


def _epoch() -> int:
    return max(int(os.environ.get("SOURCE_DATE_EPOCH") or _ZIP_EPOCH), _ZIP_EPOCH)


def build_wheel(root: Path, out: Path) -> Path:
    """Build the wheel into ``out`` from a copy of the sources (no network, no build dir)."""
    with tempfile.TemporaryDirectory(prefix="nnmath-wheel-") as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copyfile(root / name, src / name)
        shutil.copytree(
            root / "nnmath", src / "nnmath", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(_epoch()))
        code = "import sys; from setuptools import build_meta as b; b.build_wheel(sys.argv[1])"
        proc = subprocess.run(
            [sys.executable, "-c", code, str(Path(tmp) / "dist")],
            cwd=src,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        built = Path(tmp) / "dist" / wheel_name(root)
        if proc.returncode != 0 or not built.is_file():
            raise BuildError(f"nnmath hooks: building the wheel failed:\n{proc.stderr[-2000:]}")
        out.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copyfile(built, out / built.name))


def requirements(root: Path) -> str:
    """requirements.txt: the wheel (found next to the file) and the pinned run-time packages."""
    pins = {}
    for line in (root / "constraints.txt").read_text(encoding="utf-8").splitlines():
        name, sep, ver = line.partition("==")
        if sep:
            pins[name.strip().lower()] = ver.strip()
    missing = [n for n in RUNTIME if n not in pins]
    if missing:
        raise BuildError(f"nnmath hooks: constraints.txt pins none of {missing}")
    lines = [
        "# What the nnmath notebooks need (in this folder: pip install -r requirements.txt)",
        "--find-links .",
        f"nnmath=={version(root)}",
        *(f"{n}=={pins[n]}" for n in RUNTIME),
        f"# A notebook front end, if you have none: {FRONT_END}",
    ]
    return "\n".join(lines) + "\n"


def readme(root: Path) -> str:
    return f"""\
# nnmath notebooks

The ten chapters of nnmath {version(root)} as Jupyter notebooks, with the outputs the site
shows. They need Python 3.11 or newer. In this folder, set up a virtual environment with the
package and what the notebooks import, then open them:

    python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.txt {FRONT_END}
    .venv/bin/jupyter notebook

(On Windows: `py -m venv .venv`, then `.venv\\Scripts\\python -m pip ...` and
`.venv\\Scripts\\jupyter notebook`.) In a Jupyter you already have, install
`requirements.txt` into the kernel's Python instead. Run a notebook from the top
(Run All) and you get the outputs it shows.
"""


def _zip_entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(f"{FOLDER}/{name}", time.gmtime(_epoch())[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def write(root: Path, site: Path) -> None:
    """Write the wheel and the notebook archive into ``site/downloads/``."""
    if not _chapters:
        return  # a build without chapter pages
    wheel = build_wheel(root, site / DEST)
    files = {name: text.encode() for name, text in _chapters.items()}
    files |= {
        "README.md": readme(root).encode(),
        "requirements.txt": requirements(root).encode(),
        wheel.name: wheel.read_bytes(),
    }
    with zipfile.ZipFile(site / DEST / ARCHIVE, "w") as archive:
        for name in sorted(files):
            archive.writestr(_zip_entry(name), files[name])
