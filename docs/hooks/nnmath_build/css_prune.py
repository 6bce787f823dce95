"""Pruning of the shared notebook stylesheet to the rules the built pages can use.

mkdocs-jupyter inlines all of JupyterLab's CSS (about 580 KB), most of it for widgets
the static pages never contain. A rule is kept when every class and id its selector
names occurs in the pages (or in elements the site's scripts create, see
``SCRIPT_CLASSES``); selectors naming only tags, attributes or pseudo-classes are kept.
``@media`` (print too) and ``@supports`` blocks are pruned the same way; other at-rules
(``@font-face``, ``@keyframes``, ...) are kept whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import tinycss2

# Classes of elements that scripts create after the page has loaded: Material (tables
# wrapped for scrolling, copy buttons), the copy-button library, the site's own scripts.
SCRIPT_CLASSES = frozenset(
    {
        "md-typeset__scrollwrap",
        "md-typeset__table",
        "md-clipboard",
        "notice",
        "nnmath-scroll",
        "focus-visible",
    }
)

_CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
_ID_ATTR = re.compile(r'\sid="([^"]*)"')
# Functional pseudo-classes (:not(...), :is(...), :has(...)) may name classes a page does
# not have and still match; they are left out of the test (the rule is kept).
_PSEUDO_ARGS = re.compile(r":{1,2}[\w-]+\((?:[^()]|\([^()]*\))*\)")
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")


class Usage:
    """The classes and ids that occur in a set of pages."""

    def __init__(self) -> None:
        self.classes: set[str] = set(SCRIPT_CLASSES)
        self.ids: set[str] = set()

    def add_html(self, html: str) -> None:
        for value in _CLASS_ATTR.findall(html):
            self.classes.update(value.split())
        self.ids.update(_ID_ATTR.findall(html))

    def may_match(self, selector: str) -> bool:
        bare = _ATTRIBUTE.sub("", _PSEUDO_ARGS.sub("", selector))
        return all(c in self.classes for c in _CLASS.findall(bare)) and all(
            i in self.ids for i in _ID.findall(bare)
        )


def _split_selectors(prelude: str) -> list[str]:
    """``a, b:is(c, d)`` -> ``["a", "b:is(c, d)"]`` (commas inside brackets stay)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(prelude):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    parts.append(prelude[start:].strip())
    return [p for p in parts if p]


def _prune_rules(rules: Iterable[object], usage: Usage) -> list[str]:
    out = []
    for rule in rules:
        if isinstance(rule, tinycss2.ast.QualifiedRule):
            selectors = _split_selectors(tinycss2.serialize(rule.prelude))
            kept = [s for s in selectors if usage.may_match(s)]
            if kept:
                out.append(",".join(kept) + "{" + tinycss2.serialize(rule.content) + "}")
        elif isinstance(rule, tinycss2.ast.AtRule):
            keyword = rule.lower_at_keyword
            if keyword in {"media", "supports"} and rule.content is not None:
                inner = _prune_rules(tinycss2.parse_rule_list(rule.content, True, True), usage)
                if inner:
                    prelude = tinycss2.serialize(rule.prelude).strip()
                    out.append(f"@{keyword} {prelude}{{" + "".join(inner) + "}")
            elif keyword != "charset":
                out.append(tinycss2.serialize([rule]))
    return out


def prune(css: str, usage: Usage) -> str:
    """``css`` with only the rules that may match an element of the pages in ``usage``."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return '@charset "UTF-8";\n' + "\n".join(_prune_rules(rules, usage)) + "\n"
