"""Files the pages load that are not in ``docs/``, written into the built site.

The shared notebook stylesheet (collected by ``notebook_html``), the
copy-button library of mkdocs-jupyter, each notebook page's ``.ipynb`` download, and the
interactive figures' formulas, printed as JavaScript by SymPy from ``nnmath.widgets``, and
what the pages need to check typed answers to the exercises (``nnmath.exercises.page``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

CLIPBOARD_JS = "assets/javascripts/clipboard-copy.js"
WIDGET_FORMULAS_JS = "assets/javascripts/widget-formulas.js"
EXERCISE_CHECKS_JS = "assets/javascripts/exercise-checks.js"


def write_stylesheets(site: Path, stylesheets: dict[str, str]) -> None:
    """Write each stylesheet (site path -> text) into the site."""
    for rel, css in sorted(stylesheets.items()):
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(css, encoding="utf-8")


def copy_clipboard_library(site: Path) -> None:
    """Copy mkdocs-jupyter's copy-button library (the ``<clipboard-copy>`` element)."""
    import mkdocs_jupyter

    clip = Path(mkdocs_jupyter.__file__).parent / "templates/mkdocs_html/assets/clipboard.umd.js"
    (site / CLIPBOARD_JS).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(clip, site / CLIPBOARD_JS)


def write_notebook(page_dest: Path, name: str, ipynb: str) -> None:
    """Write the executed notebook ``name`` next to the page built at ``page_dest``."""
    dest = page_dest.parent / name
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(ipynb, encoding="utf-8")


def write_widget_formulas(site: Path) -> None:
    """Write ``window.nnmath.formulas`` (every formula of ``nnmath.widgets``) into the site."""
    from nnmath import widgets

    target = site / WIDGET_FORMULAS_JS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(widgets.formulas_script(), encoding="utf-8")


def write_exercise_checks(site: Path) -> None:
    """Write ``window.nnmath.exerciseChecks`` (every typed exercise's payload) into the site."""
    from nnmath.exercises import page

    target = site / EXERCISE_CHECKS_JS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page.checks_script(), encoding="utf-8")
