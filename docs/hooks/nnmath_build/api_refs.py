"""API reference pages: the docstrings' Sphinx roles become links to the objects they name.

The docstrings use Sphinx roles (:func:`sgd`), which mkdocstrings leaves as text
(":func:" before the code). Run at ``on_env``, when every page is rendered and before
mkdocs-autorefs resolves links (later, at a lower priority), so a role can point at an
object documented on another page.
"""

from __future__ import annotations

import re

_ROLE = re.compile(r":(?:func|mod|meth|class|data|attr|obj|exc):<code>(~?)\.?([\w.]+)</code>")
_OBJECT_ID = re.compile(r'<h[1-6] id="([\w.]+)" class="doc doc-heading"')
_LITERAL_MARK = re.compile(r"::</p>")  # numpydoc "e.g.::" before a literal block


def link_roles(bodies: list[str]) -> list[str]:
    """Link the Sphinx roles of every API page among ``bodies`` (pages' HTML), across pages.

    Returns the bodies in the same order; a page that documents no object is unchanged.
    """
    known = {i for body in bodies for i in _OBJECT_ID.findall(body)}
    return [_link_roles(body, known) if _OBJECT_ID.search(body) else body for body in bodies]


def _link_roles(body: str, known: set[str]) -> str:
    """Replace ``:role:<code>name</code>`` by an autoref to the object ``name`` means here.

    ``name`` is looked up as Sphinx would: inside the enclosing object and its
    parents (nearest first), then as a unique suffix of a documented path.
    Names that match nothing (``matplotlib.pyplot``) stay plain code.
    """
    headings = [(m.start(), m.group(1)) for m in _OBJECT_ID.finditer(body)]

    def resolve(name: str, at: int) -> str | None:
        context = next((i for pos, i in reversed(headings) if pos < at), "")
        parts = context.split(".") if context else []
        for k in range(len(parts), -1, -1):
            candidate = ".".join([*parts[:k], name])
            if candidate in known:
                return candidate
        short = name.removeprefix("nnmath.")
        matches = [i for i in known if i.endswith("." + short)]
        return matches[0] if len(matches) == 1 else None

    def link(match: re.Match[str]) -> str:
        tilde, name = match.groups()
        shown = name.rsplit(".", 1)[-1] if tilde else name
        target = resolve(name, match.start())
        code = f"<code>{shown}</code>"
        return f'<autoref identifier="{target}" optional>{code}</autoref>' if target else code

    return _LITERAL_MARK.sub(":</p>", _ROLE.sub(link, body))
