"""The site's notation: every symbol with its one meaning, its shape and where it is introduced.

The table itself is ``nnmath/data/notation.toml``. The notation page is generated from
:data:`SYMBOLS` when the site is built, so the page, the chapters and the table cannot drift
apart unnoticed: the build links each entry to the place in its chapter that introduces it (a
link to a missing place fails the strict build), and :func:`check_one_meaning` fails on a
symbol listed twice.

Examples
--------
>>> from nnmath import notation
>>> theta = notation.lookup(r"\\theta")
>>> theta.meaning
'the angle between two vectors (and nothing else on this site)'
>>> theta.chapter, theta.anchor
(1, 'the-dot-product-two-ways')
>>> notation.lookup(r"\\boldsymbol\\vartheta").shape
'$P$'
>>> notation.check_one_meaning(notation.SYMBOLS)
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

__all__ = ["SECTIONS", "SYMBOLS", "Symbol", "check_one_meaning", "lookup", "symbols_in"]


@dataclass(frozen=True)
class Symbol:
    """One row of the notation page.

    Attributes
    ----------
    tex : str
        The symbol in TeX, without dollar signs (several symbols that belong together may
        share a row, separated by commas).
    meaning : str
        What it means; may hold ``$…$`` math.
    shape : str
        Its shape: ``"number"``, a vector's length, a matrix's rows × columns; may hold math.
    chapter : int
        The chapter that introduces it, 1 to 10.
    anchor : str
        The id of the heading (or ``<dfn>``) in that chapter where it is introduced.
    section : str
        The group of the page it is listed in, one of :data:`SECTIONS`.
    """

    tex: str
    meaning: str
    shape: str
    chapter: int
    anchor: str
    section: str


def _load() -> tuple[tuple[str, ...], tuple[Symbol, ...]]:
    text = resources.files("nnmath").joinpath("data/notation.toml").read_text(encoding="utf-8")
    sections = tomllib.loads(text)["section"]
    names = tuple(str(section["name"]) for section in sections)
    symbols = tuple(
        Symbol(
            tex=row["tex"],
            meaning=row["meaning"],
            shape=row["shape"],
            chapter=int(row["chapter"]),
            anchor=row["anchor"],
            section=str(section["name"]),
        )
        for section in sections
        for row in section["symbol"]
    )
    return names, symbols


#: The groups of the notation page, in the order the page shows them, and every symbol of the
#: site in table order (read from ``nnmath/data/notation.toml``).
SECTIONS, SYMBOLS = _load()


def symbols_in(section: str) -> tuple[Symbol, ...]:
    """The symbols of one section of the page, in table order.

    Raises
    ------
    ValueError
        If ``section`` is not one of :data:`SECTIONS`.
    """
    if section not in SECTIONS:
        raise ValueError(f"section must be one of {SECTIONS}, got {section!r}")
    return tuple(s for s in SYMBOLS if s.section == section)


def lookup(tex: str) -> Symbol:
    """The entry whose TeX is exactly ``tex``.

    Raises
    ------
    KeyError
        If no entry is written ``tex``.
    """
    for symbol in SYMBOLS:
        if symbol.tex == tex:
            return symbol
    raise KeyError(f"no notation entry is written {tex!r}")


def check_one_meaning(symbols: Iterable[Symbol]) -> None:
    """Fail when a symbol is listed twice or an entry is incomplete.

    Raises
    ------
    ValueError
        If two entries share their TeX, an entry has an empty symbol, meaning or anchor, a
        chapter outside 1 to 10, or a section outside :data:`SECTIONS`.
    """
    rows = list(symbols)
    twice = sorted(tex for tex, count in Counter(s.tex for s in rows).items() if count > 1)
    if twice:
        raise ValueError(f"symbols listed more than once (one meaning each): {twice}")
    for s in rows:
        if not (s.tex and s.meaning and s.anchor):
            raise ValueError(f"entry {s.tex!r}: symbol, meaning and anchor must not be empty")
        if not 1 <= s.chapter <= 10:
            raise ValueError(f"entry {s.tex!r}: chapter must be 1 to 10, got {s.chapter}")
        if s.section not in SECTIONS:
            raise ValueError(
                f"entry {s.tex!r}: section must be one of {SECTIONS}, got {s.section!r}"
            )
