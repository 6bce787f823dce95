"""Files the pages load that are not in ``docs/``, written into the built site.

The shared notebook stylesheet (collected by ``notebook_html``), the part of MathJax 3
the site uses from the installed ``mathjax`` package (django-static-mathjax), the
copy-button library of mkdocs-jupyter, each notebook page's ``.ipynb`` download, and the
interactive figures' formulas, printed as JavaScript by SymPy from ``nnmath.widgets``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

# Parts of MathJax 3 (es5 build) that the pages load: the combined TeX+MathML→CHTML
# component, its web fonts, the TeX extensions `autoload` pulls in on demand
# (\boldsymbol, \cancel, \color, ...), and the accessibility extensions the MathJax
# menu can switch on (explorer and speech, English rules only).
MATHJAX_FILES = (
    "tex-mml-chtml.js",
    "sre/mathmaps/base.json",
    "sre/mathmaps/en.json",
    "sre/mathmaps/nemeth.json",
)
MATHJAX_DIRS = (
    "output/chtml/fonts/woff-v2",
    "input/tex/extensions",
    "a11y",
)
MATHJAX_DEST = "assets/mathjax"
CLIPBOARD_JS = "assets/javascripts/clipboard-copy.js"
WIDGET_FORMULAS_JS = "assets/javascripts/widget-formulas.js"


def write_stylesheets(site: Path, stylesheets: dict[str, str]) -> None:
    """Write each stylesheet (site path -> text) into the site."""
    for rel, css in sorted(stylesheets.items()):
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(css, encoding="utf-8")


def copy_mathjax(site: Path) -> None:
    """Copy the MathJax files the pages load into ``assets/mathjax/``."""
    import mathjax

    dest = site / MATHJAX_DEST
    src = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    if not (src / "tex-mml-chtml.js").is_file():
        raise PluginError(f"nnmath hooks: MathJax not found under {src}")
    if dest.exists():
        shutil.rmtree(dest)
    for rel in MATHJAX_FILES:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / rel, dest / rel)
    for rel in MATHJAX_DIRS:
        shutil.copytree(src / rel, dest / rel, copy_function=shutil.copyfile)


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
