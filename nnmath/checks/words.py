"""The checks in plain words, for the chapter pages: what a check compares and how closely.

A chapter names no check by its id (the ids belong to the verification page); it says what
was compared, by which method and to what tolerance, in a sentence built from the check's
``statement``, ``method`` and ``tolerance``.
"""

from __future__ import annotations

import re

from nnmath.checks.model import Check
from nnmath.symbolic.kinds import CHECK_KINDS, kind_label

__all__ = ["how_compared", "kind_phrase", "summary_phrase", "tolerance_words"]

#: How each method compares, as the start of a sentence.
_METHOD_WORDS = {
    "SymPy proof": "SymPy reduces the difference of the two sides to 0",
    "SymPy proof on concrete sizes": "SymPy proves it for each size tried, and only for those",
    "lambdified comparison": (
        "the derived formula, turned into NumPy code, is compared with it at sample points"
    ),
    "finite differences": "compared with central finite differences of the cost",
    "numerical example": "checked on a worked example",
    "exact arithmetic": "recomputed in exact rational arithmetic",
}

#: How a check of each method is named in a one-line summary.
_SUMMARY_WORDS = {
    "lambdified comparison": "the code agrees with the derived formula",
    "finite differences": "backpropagation agrees with finite differences",
    "numerical example": "checked on a worked example",
}

#: Qualifiers of a tolerance, in words.
_QUALIFIERS = {
    "max-norm per sample": "sample by sample",
    "each difference simplifies to 0": "",
    "each difference expands to 0": "",
    "rational numbers equal": "",
    "rational numbers": "",
    "the difference simplifies to 0": "",
}

_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def kind_phrase(kind: str) -> str:
    """A kind of check in words: ``"proved by SymPy"``, ``"checked numerically"``…

    Raises
    ------
    ValueError
        If ``kind`` is not one of :data:`nnmath.symbolic.CHECK_KINDS`.

    Examples
    --------
    >>> kind_phrase("sizes 1..n")
    'proved by SymPy on listed sizes only'
    """
    if kind not in CHECK_KINDS:
        raise ValueError(f"kind must be one of {CHECK_KINDS}, got {kind!r}")
    return kind_label(kind)


def tolerance_words(tolerance: str) -> str:
    """A tolerance in words: powers of ten written out, with the digits they mean.

    Examples
    --------
    >>> tolerance_words("relative error < 1e-12 (max-norm per sample)")
    'to within a relative error of 10⁻¹² (12 digits), sample by sample'
    >>> tolerance_words("gradcheck relative error < 1e-06")
    'to within a relative error of 10⁻⁶ (6 digits)'
    >>> tolerance_words("exact (rational numbers equal)")
    'exactly'
    >>> tolerance_words("the update count is at most the bound")
    'the update count is at most the bound'
    """

    def power(match: re.Match[str]) -> str:
        digits = int(match.group(1))
        exponent = f"-{digits}".translate(_SUPERSCRIPTS)
        return f"to within a relative error of 10{exponent} ({digits} digits)"

    words = tolerance
    qualifier = re.search(r"\s*\(([^)]*)\)", words)
    if qualifier is not None:
        inner = qualifier.group(1)
        replacement = _QUALIFIERS.get(inner, inner)
        replacement = re.sub(
            r"^max-norm over the (\d+) partials$", r"over all \1 partial derivatives", replacement
        )
        tail = f", {replacement}" if replacement else ""
        words = words[: qualifier.start()] + tail + words[qualifier.end() :]
    words = re.sub(r"(?:gradcheck )?relative error < 1e-0*(\d+)", power, words)
    words = re.sub(r"^exact\b", "exactly", words)
    return words


def how_compared(check: Check) -> str:
    """How ``check`` is made and how closely it must agree, as one clause.

    Examples
    --------
    >>> from nnmath.checks import get_check
    >>> text = how_compared(get_check("sigmoid-kernel"))
    >>> text.startswith("the derived formula, turned into NumPy code, is compared")
    True
    >>> text.endswith("to within a relative error of 10⁻¹² (12 digits), sample by sample")
    True
    """
    tolerance = tolerance_words(check.tolerance)
    if tolerance == "exactly" and check.method in ("SymPy proof", "exact arithmetic"):
        return _METHOD_WORDS[check.method]
    return f"{_METHOD_WORDS[check.method]}, {tolerance}"


def summary_phrase(check: Check) -> str:
    """What ``check`` establishes, in a few words for a one-line summary.

    A whole derivation is named by its label (its weakest step and its premises); other
    checks by their kind, or for a comparison with the code, what agrees with what.

    Examples
    --------
    >>> from nnmath.checks import get_check
    >>> summary_phrase(get_check("sigmoid-kernel"))
    'the code agrees with the derived formula'
    """
    if check.label:
        return check.label
    return _SUMMARY_WORDS.get(check.method) or kind_phrase(check.kind)
