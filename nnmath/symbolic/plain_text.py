"""TeX to plain Unicode text: how the command line prints a sentence with ``$…$`` math.

The pages typeset a statement's math (:func:`nnmath.symbolic.to_latex` writes it); the command
line and the JSON report print the same sentence as plain text. :func:`plain_text` handles the
TeX the statements and step justifications use: bold vectors, hats, Greek letters, fractions,
``∂``, ``·``, ``×``, the transpose, and a Unicode symbol for the other commands it knows.
"""

from __future__ import annotations

import re

__all__ = ["plain_text"]

#: TeX in statements, and the plain text the command line prints for it.
_PLAIN = (
    (r"\hat y", "ŷ"),
    (r"\hat{y}", "ŷ"),
    (r"^\mathsf{T}", "ᵀ"),
    (r"\operatorname{softmax}", "softmax"),
    (r"\partial", "∂"),
    (r"\sigma", "σ"),
    (r"\vartheta", "ϑ"),
    (r"\theta", "θ"),
    (r"\alpha", "α"),
    (r"\beta", "β"),
    (r"\eta", "η"),
    (r"\cdot", "·"),
    (r"\times", "×"),
    (r"\,", " "),
)


#: Unicode for the other TeX commands that step justifications use.
_SYMBOLS = {
    "neq": "≠",
    "dots": "…",
    "ldots": "…",
    "cdots": "⋯",
    "prod": "Π",
    "mathcal": "",
    "boldsymbol": "",
    "ne": "≠",
    "le": "≤",
    "ge": "≥",
    "leq": "≤",
    "geq": "≥",
    "to": "→",
    "infty": "∞",
    "nabla": "∇",
    "sum": "Σ",
    "lambda": "λ",
    "gamma": "γ",
    "delta": "δ",
    "varepsilon": "ε",
    "epsilon": "ε",
    "mapsto": "↦",
    "circ": "∘",
    "odot": "⊙",
    "pm": "±",
    "sqrt": "√",
    "mathbb": "",
    "in": "∈",
    "max": "max",
    "min": "min",
    "log": "log",
    "leftarrow": "←",
    "quad": " ",
    "qquad": " ",
    "bigl": "",
    "bigr": "",
    "left": "",
    "right": "",
    "prime": "′",
    "mathsf": "",
    "tfrac": "",
    "frac": "",
    "vdots": "⋮",
}


def plain_text(tex: str) -> str:
    """A sentence with ``$…$`` math as plain Unicode text (the command line's form).

    Handles the few TeX commands the statements use: bold vectors, hats, Greek
    letters, ``∂``, ``·``, ``×`` and the transpose.

    Examples
    --------
    >>> plain_text(r"The sum and $\\mathbf{w}^\\mathsf{T}\\mathbf{x} + b$ agree.")
    'The sum and wᵀx + b agree.'
    >>> plain_text(r"The gradient is $\\mathbf{p} - \\mathbf{y}$")
    'The gradient is p − y'
    """
    text = re.sub(r"\\(?:mathbf|boldsymbol|text|operatorname|mathrm)\{([^{}]*)\}", r"\1", tex)
    text = text.replace(r"\tfrac12", "½")
    text = re.sub(r"\\t?frac\{([^{}]*)\}\{([^{}]*)\}", r"\1/\2", text)
    for command, plain in _PLAIN:
        text = text.replace(command, plain)
    # Any other command: its Unicode symbol if it has one, else its name without the backslash.
    text = re.sub(r"\\([a-zA-Z]+)", lambda m: _SYMBOLS.get(m.group(1), m.group(1)), text)
    text = re.sub(
        r"\\(.)",
        lambda m: {"|": "‖", ",": " ", ";": " ", "!": ""}.get(m.group(1), m.group(1)),
        text,
    )
    math = re.compile(r"\$([^$]*)\$")
    return math.sub(lambda m: m.group(1).replace(" - ", " − ").replace("-", "−"), text)
