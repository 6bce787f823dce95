"""Display helpers for the site's executable chapters (and for readers' notebooks).

Each helper returns an object that Jupyter displays as HTML, so a chapter
renders a derivation, the note naming the checks behind it, or the nnmath
source code that implements a formula with one call. Math is written as
``$$ … $$`` inside the HTML and typeset by the page's math engine.
"""

from __future__ import annotations

import base64
import html
import inspect
import itertools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from nnmath.markup import Html

__all__ = [
    "Html",
    "checked",
    "definition",
    "derivation",
    "derived",
    "figure",
    "math",
    "result",
    "source",
    "step",
    "table",
    "tabs",
]

_ids = itertools.count(1)


def _content(part: Any) -> str:
    if isinstance(part, Html):
        return part.markup
    if isinstance(part, str):
        return f"<p>{html.escape(part)}</p>"
    raise TypeError(f"a tab or cell must be Html or str, got {type(part).__name__}")


def math(latex: str) -> Html:
    """Display math ``$$ latex $$``.

    Raises
    ------
    TypeError
        If ``latex`` is not a string.
    """
    if not isinstance(latex, str):
        raise TypeError(f"latex must be a str, got {type(latex).__name__}")
    return Html(f'<div class="nnmath-math">$$\n{html.escape(latex, quote=False)}\n$$</div>')


def checked(*names: str) -> Html:
    """The "checked" note: which checks of :mod:`nnmath.checks` stand behind the result above.

    Parameters
    ----------
    *names : str
        Check names, as on the verification page.

    Raises
    ------
    ValueError
        If no name is given or a name is not a registered check.
    """
    from nnmath import checks

    if not names:
        raise ValueError("checked needs at least one check name")
    items = []
    for name in names:
        check = checks.get_check(name)
        items.append(
            f'<li><a href="../verification.py#{html.escape(check.name)}"><code>'
            f"{html.escape(check.name)}</code></a>: {html.escape(check.display_statement)} "
            f"<em>({html.escape(_how_checked(check))})</em></li>"
        )
    return Html(
        '<div class="admonition success nnmath-checked"><p class="admonition-title">Checked</p>'
        f"<ul>{''.join(items)}</ul></div>"
    )


def _how_checked(check: Any) -> str:
    """How a check in the note is checked; for a whole derivation, its overall kind first.

    A whole derivation is as strong as its weakest checked step, whatever proves its claims:
    its label ("proved by SymPy on listed sizes only", "proved by SymPy, from the chain
    rule") comes first, never a stronger word.
    """
    if check.label:
        return f"{check.label}, as its weakest step; its claims: {check.method}, {check.tolerance}"
    if check.supports:
        return (
            f"supporting evidence for the {check.supports}, not a proof: {check.method}, "
            f"{check.tolerance}"
        )
    return f"{check.method}, {check.tolerance}"


def derivation(name: str, *, steps: bool = True, note: bool = True) -> Html:
    """Render a derivation of :mod:`nnmath.symbolic`: its steps, result and checks.

    Parameters
    ----------
    name : str
        Registry name, e.g. ``"sigmoid"``.
    steps : bool
        Show every step (else only the result).
    note : bool
        Add the "checked" note naming every check attached to this derivation.

    Raises
    ------
    ValueError, TypeError
        For an unknown or non-string name.
    """
    from nnmath import checks, symbolic

    d = symbolic.derive(name)
    parts = [f'<div class="nnmath-derivation" data-derivation="{html.escape(d.name)}">']
    if steps:
        parts.append("<ol>")
        for step in d.steps:
            parts.append(_step_item(step))
        parts.append("</ol>")
    parts.append(f"<p><strong>Result.</strong></p>{math(d.result_latex).markup}")
    parts.append("</div>")
    if note:
        # The step checks are named under their steps; the note lists the others.
        names = [c.name for c in checks.CHECKS if c.derivation == name and c.step is None]
        if names:
            parts.append(checked(*names).markup)
    return Html("".join(parts))


#: How each kind of step check is named in a step's note.
_STEP_KIND_NOTE = {
    "SymPy proof": "✓ SymPy proof",
    "sizes 1..n": "✓ SymPy proof on listed sizes only",
    "numerical": "✓ checked numerically",
    "exact arithmetic": "✓ exact arithmetic",
}


def _check_link(name: str) -> str:
    escaped = html.escape(name)
    return f'<a href="../verification.py#{escaped}">{escaped}</a>'


def _premise_note(premise: Any, check: str | None) -> str:
    """A premise's note: what it is, its reference or the steps it rests on, its evidence."""
    if premise.reference is not None:
        ref = premise.reference
        source = html.escape(ref.citation)
        if ref.anchor:
            source = f'<a href="../references.md#{html.escape(ref.anchor)}">{source}</a>'
    else:
        source = "resting on the steps " + ", ".join(
            f"“{html.escape(label)}”" for label in premise.rests_on
        )
    note = f"{html.escape(premise.kind.capitalize())}, not checked here: {source}"
    if premise.evidence is not None and check is not None:
        kind = html.escape(premise.evidence.kind)
        note += f". Supporting evidence ({kind}, not a proof): {_check_link(check)}"
    return f'<p class="nnmath-step-check nnmath-premise">{note}</p>'


def _step_item(step: Any, context: str = "") -> str:
    """One step as a list item: label, justification, the math, and how it was checked."""
    explanation = (
        f' <span class="nnmath-why">{html.escape(step.explanation)}</span>'
        if step.explanation
        else ""
    )
    note = ""
    verification = step.verification
    if verification is not None and verification.is_premise:
        note = _premise_note(verification, step.check)
    elif verification is not None and step.check is not None:
        kind = verification.kind
        note = (
            f'<p class="nnmath-step-check">{html.escape(_STEP_KIND_NOTE.get(kind, kind))}: '
            f"{_check_link(step.check)}</p>"
        )
    return (
        f"<li><strong>{html.escape(step.label)}.</strong>{context}{explanation}"
        f"{math(step.latex).markup}{note}</li>"
    )


def step(name: str, label: str) -> Html:
    """One step of a derivation (its math, justification and check note), marked as derived.

    Parameters
    ----------
    name : str
        Registry name of the derivation.
    label : str
        The step's label.

    Raises
    ------
    ValueError
        If the derivation has no step with that label.

    Examples
    --------
    >>> "data-derivation" in step("gradient-descent", "Gradient descent").markup
    True
    """
    from nnmath import symbolic

    d = symbolic.derive(name)
    for number, item in enumerate(d.steps, 1):
        if item.label == label:
            # The justification may cite earlier steps by number: say which derivation it is in.
            context = (
                f" <em>(step {number} of the derivation “{html.escape(d.title)}”, "
                f"<code>{html.escape(name)}</code>)</em>"
            )
            return Html(
                f'<div class="nnmath-derivation nnmath-step" data-derivation="{html.escape(name)}">'
                f"<ul>{_step_item(item, context)}</ul></div>"
            )
    labels = ", ".join(repr(s.label) for s in d.steps)
    raise ValueError(f"derivation {name!r} has no step {label!r}; its steps are: {labels}")


def definition(latex: str, name: str) -> Html:
    """Display math for a definition or notation (nothing derives it), marked as such.

    Parameters
    ----------
    latex : str
        The formula.
    name : str
        What it defines, e.g. ``"quadratic cost"`` (the ``data-definition`` attribute).

    Raises
    ------
    TypeError
        If ``latex`` or ``name`` is not a string.
    ValueError
        If ``name`` is empty.

    Examples
    --------
    >>> definition("C = 1", "cost").markup.startswith('<div data-definition="cost">')
    True
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    if not name:
        raise ValueError("name must not be empty")
    return Html(f'<div data-definition="{html.escape(name)}">{math(latex).markup}</div>')


def derived(name: str, *parts: Html) -> Html:
    """Wrap display math computed from derivation ``name`` so that it is marked as derived.

    Raises
    ------
    ValueError
        If ``name`` is not a registered derivation.
    """
    from nnmath import symbolic

    if name not in symbolic.names():
        raise ValueError(f"unknown derivation {name!r}; valid names are: {symbolic.names()}")
    inner = "".join(_content(p) for p in parts)
    return Html(f'<div class="nnmath-derived" data-derivation="{html.escape(name)}">{inner}</div>')


def result(name: str) -> Html:
    """Only the final result of a derivation, as display math (no note)."""
    return derivation(name, steps=False, note=False)


def source(obj: Any, *, title: str | None = None) -> Html:
    """The source code of an nnmath function, class or method, highlighted.

    The code shown is read from the module that ran, so it is the code the
    page executed.

    Raises
    ------
    TypeError
        If ``obj`` has no retrievable source.
    """
    try:
        lines, start = inspect.getsourcelines(obj)
        filename = inspect.getsourcefile(obj)
    except (OSError, TypeError) as exc:
        raise TypeError(
            f"obj must be a function, class or method with source, got {obj!r}"
        ) from exc
    code = "".join(lines)
    path = Path(filename or "?")
    parts = path.parts
    shown = "/".join(parts[parts.index("nnmath") :]) if "nnmath" in parts else path.name
    caption = title or f"{shown}, lines {start}–{start + len(lines) - 1}"
    return Html(
        f'<div class="nnmath-source"><p class="nnmath-source-title">{html.escape(caption)}</p>'
        f"{_highlight(code)}</div>"
    )


def _highlight(code: str) -> str:
    try:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer
    except ImportError:  # pragma: no cover - pygments comes with IPython
        return f'<div class="highlight"><pre><code>{html.escape(code)}</code></pre></div>'
    formatter = HtmlFormatter(cssclass="highlight", wrapcode=True)
    return str(highlight(code, PythonLexer(), formatter))


def tabs(panels: Mapping[str, Html | str]) -> Html:
    """Content tabs (Material's tabbed set), e.g. ``{"Math": …, "SymPy": …, "NumPy": …}``.

    Raises
    ------
    ValueError
        If ``panels`` is empty.
    TypeError
        If a panel is not :class:`Html` or ``str``.
    """
    if not panels:
        raise ValueError("tabs needs at least one panel")
    set_id = next(_ids)
    inputs, labels, blocks = [], [], []
    for i, (label, body) in enumerate(panels.items(), 1):
        tab_id = f"__nnmath_tab_{set_id}_{i}"
        checked_attr = " checked" if i == 1 else ""
        inputs.append(
            f'<input{checked_attr} id="{tab_id}" name="__nnmath_tab_{set_id}" type="radio">'
        )
        labels.append(f'<label for="{tab_id}">{html.escape(label)}</label>')
        blocks.append(f'<div class="tabbed-block">{_content(body)}</div>')
    return Html(
        f'<div class="tabbed-set tabbed-alternate" data-tabs="{set_id}:{len(panels)}">'
        + "".join(inputs)
        + f'<div class="tabbed-labels">{"".join(labels)}</div>'
        + f'<div class="tabbed-content">{"".join(blocks)}</div></div>'
    )


def table(rows: Iterable[Sequence[Any]], header: Sequence[str]) -> Html:
    """A plain HTML table; cells that are :class:`Html` are inserted as they are.

    Raises
    ------
    ValueError
        If a row does not have one cell per header column.
    """
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = []
    for row in rows:
        cells = list(row)
        if len(cells) != len(header):
            raise ValueError(f"each row must have {len(header)} cells, got {len(cells)}: {cells!r}")
        body.append(
            "<tr>"
            + "".join(
                f"<td>{c.markup if isinstance(c, Html) else html.escape(str(c))}</td>"
                for c in cells
            )
            + "</tr>"
        )
    return Html(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def figure(fig: Any, *, alt: str, caption: str) -> Html:
    """A figure with its text alternative and its caption, as ``<figure>`` HTML.

    The figure is embedded as SVG (:func:`nnmath.plotting.export.to_svg`, identical
    from run to run). ``alt`` says what the figure shows, for readers who cannot see
    it; ``caption`` is shown below it for every reader and may contain inline math
    (``$...$``), typeset by the page's math engine.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    alt : str
        Text alternative: what the figure shows, in a sentence or two.
    caption : str
        The caption (plain text; ``<``, ``>`` and ``&`` are escaped).

    Returns
    -------
    Html
        ``<figure><img alt=...><figcaption>...</figcaption></figure>``.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure, or ``alt`` or ``caption`` is not a string.
    ValueError
        If ``alt`` or ``caption`` is empty or only whitespace.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> _ = fig.add_subplot().plot([0, 1], [0, 1])
    >>> shown = figure(fig, alt="A straight line rising from left to right.", caption="y = x")
    >>> shown.markup.startswith('<figure class="nnmath-figure"><img src="data:image/svg+xml')
    True
    >>> 'alt="A straight line rising from left to right."' in shown.markup
    True
    """
    from nnmath.plotting.export import to_svg

    for name, value in (("alt", alt), ("caption", caption)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a str, got {type(value).__name__}")
        if not value.strip():
            raise ValueError(f"{name} must be a non-empty text, got {value!r}")
    svg = to_svg(fig)  # raises TypeError if fig is not a Figure
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Html(
        f'<figure class="nnmath-figure"><img src="data:image/svg+xml;base64,{data}" '
        f'alt="{html.escape(" ".join(alt.split()))}">'
        f"<figcaption>{html.escape(' '.join(caption.split()), quote=False)}</figcaption></figure>"
    )
