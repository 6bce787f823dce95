"""Every display formula on a chapter page is accounted for: derived, or a definition.

A display formula (``$$ … $$`` or ``\\[ … \\]`` in the page's HTML, before the build
typesets it) must sit inside an element with a ``data-derivation`` attribute
(rendered from :mod:`nnmath.symbolic`) or a ``data-definition`` attribute (a
definition or notation that nothing derives). :func:`unmarked` finds the others.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["unmarked"]

_MARKS = ("data-derivation", "data-definition")
_SKIP = {"script", "style", "code", "pre", "textarea"}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_DISPLAY = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]", re.S)


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, marked)
        self.found: list[str] = []
        self.text: list[str] = []

    def _marked(self) -> bool:
        return any(marked for _, marked in self.stack)

    def _skipped(self) -> bool:
        return any(tag in _SKIP for tag, _ in self.stack)

    def _flush(self) -> None:
        text = "".join(self.text)
        self.text = []
        for match in _DISPLAY.finditer(text):
            self.found.append(" ".join((match.group(1) or match.group(2)).split())[:80])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        self._flush()
        self.stack.append((tag, any(name in _MARKS for name, _ in attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self._flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if not self._marked() and not self._skipped():
            self.text.append(data)


def unmarked(html: str) -> list[str]:
    """The display formulas in ``html`` with no ``data-derivation``/``data-definition`` ancestor.

    Parameters
    ----------
    html : str
        A page's HTML.

    Returns
    -------
    list of str
        The start of each unmarked formula's TeX, in page order.

    Raises
    ------
    TypeError
        If ``html`` is not a string.

    Examples
    --------
    >>> unmarked('<p>$$a = b$$</p><div data-definition="x"><p>$$c$$</p></div>')
    ['a = b']
    """
    if not isinstance(html, str):
        raise TypeError(f"html must be a str, got {type(html).__name__}")
    finder = _Finder()
    finder.feed(html)
    finder.close()
    finder._flush()
    return finder.found
