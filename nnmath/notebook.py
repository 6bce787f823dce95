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


_VERIFICATION = "../verification.py"


def _row_link(check_name: str, text: str) -> str:
    """A link to a check's row on the verification page (the id is in the address only)."""
    return f'<a href="{_VERIFICATION}#{html.escape(check_name)}">{html.escape(text)}</a>'


def _marker(summary: str, body: str, *, kind: str = "") -> str:
    """The quiet verification marker: one line that opens (``<details>``) on the checks."""
    data = f' data-kind="{html.escape(kind)}"' if kind else ""
    return (
        f'<details class="nnmath-marker"{data}><summary>✓ {html.escape(summary)}</summary>'
        f'<div class="nnmath-marker-body">{body}</div></details>'
    )


def _check_sentence(check: Any) -> str:
    """One check in words: what it states, how it is compared, and a link to its result."""
    from nnmath.checks.words import how_compared

    how = how_compared(check)
    if check.label:
        how = f"{check.label}, as its weakest step; each claim it states: {how}"
    elif check.supports:
        how = f"supporting evidence for the {check.supports}, not a proof: {how}"
    return (
        f"<li>{html.escape(check.display_statement)} <em>{html.escape(how[0].upper() + how[1:])}"
        f".</em> ({_row_link(check.name, 'result')})</li>"
    )


def checked(*names: str) -> Html:
    """The verification marker of the code or result above: one line that opens on its checks.

    The line says what the checks establish (:func:`nnmath.checks.words.summary_phrase`);
    opened, each check is a sentence in words (what it states, how it is compared, to what
    tolerance) linked to its row on the verification page. No check is named by its id.

    Parameters
    ----------
    *names : str
        Check names, as on the verification page.

    Raises
    ------
    ValueError
        If no name is given or a name is not a registered check.

    Examples
    --------
    >>> shown = checked("sigmoid-kernel").markup
    >>> shown.startswith('<details class="nnmath-marker"')
    True
    >>> ">sigmoid-kernel<" in shown, 'href="../verification.py#sigmoid-kernel"' in shown
    (False, True)
    """
    from nnmath import checks
    from nnmath.checks.words import summary_phrase

    if not names:
        raise ValueError("checked needs at least one check name")
    found = [checks.get_check(name) for name in names]
    summary = "; ".join(dict.fromkeys(summary_phrase(check) for check in found))
    body = f"<ul>{''.join(_check_sentence(check) for check in found)}</ul>"
    return Html(_marker(summary, body))


def derivation(name: str, *, steps: bool = True, note: bool = True) -> Html:
    """Render a derivation of :mod:`nnmath.symbolic`: its steps, result and marker.

    The steps are numbered, each with its justification; the result is stated once, by the
    step that reaches it (set apart), or after the steps when no step does. A long route
    that the derivation marks (:attr:`~nnmath.symbolic.Derivation.long_route`) is folded.
    The verification is one marker: the derivation's overall kind, which opens on the
    per-step checks and the comparisons with the code, in words.

    Parameters
    ----------
    name : str
        Registry name, e.g. ``"sigmoid"``.
    steps : bool
        Show every step (else only the result).
    note : bool
        Add the verification marker.

    Raises
    ------
    ValueError, TypeError
        For an unknown or non-string name.

    Examples
    --------
    >>> shown = derivation("sigmoid").markup
    >>> shown.count('class="nnmath-marker"'), shown.count("nnmath-result")
    (1, 1)
    >>> "step-sigmoid" in shown.replace('href="../verification.py#step-sigmoid', "")
    False
    """
    from nnmath import symbolic

    d = symbolic.derive(name)
    parts = [f'<div class="nnmath-derivation" data-derivation="{html.escape(d.name)}">']
    if steps:
        parts.append(_steps_markup(d))
    else:
        parts.append(math(d.result_latex).markup)
    if note:
        parts.append(_derivation_marker(d))
    parts.append("</div>")
    return Html("".join(parts))


def _result_index(d: Any) -> int | None:
    """The step that states the derivation's result (the last such), or None."""
    found = [i for i, s in enumerate(d.steps) if s.latex == d.result_latex]
    return found[-1] if found else None


def _steps_markup(d: Any) -> str:
    """The numbered steps; the long route folded, the result set apart."""
    result = _result_index(d)
    route = d.long_route.labels if d.long_route is not None else ()
    items: list[tuple[bool, int, str]] = []  # (in the long route, number, markup)
    for number, item in enumerate(d.steps, 1):
        css = ' class="nnmath-result"' if number - 1 == result else ""
        items.append((item.label in route, number, _step_item(item, css=css)))
    out = []
    for folded, group in itertools.groupby(items, key=lambda x: x[0]):
        block = list(group)
        lists = f'<ol start="{block[0][1]}">{"".join(m for _, _, m in block)}</ol>'
        if folded:
            first, last = block[0][1], block[-1][1]
            text = d.long_route.summary
            summary = f"Steps {first} to {last}: {text[:1].lower()}{text[1:]}"
            lists = (
                f'<details class="nnmath-route"><summary>{html.escape(summary, quote=False)}'
                f"</summary>{lists}</details>"
            )
        out.append(lists)
    if result is None:
        out.append(
            f'<div class="nnmath-result"><p><strong>Result.</strong></p>'
            f"{math(d.result_latex).markup}</div>"
        )
    return "".join(out)


def _derivation_marker(d: Any) -> str:
    """The marker of a derivation: its overall kind, opening on every check behind it."""
    from nnmath import checks

    lines = [
        f"<li>{_step_line(number, item)}</li>"
        for number, item in enumerate(d.steps, 1)
        if item.verification is not None
    ]
    body = ""
    if lines:
        body += f"<p>Each step, against the steps before it:</p><ul>{''.join(lines)}</ul>"
    others = [c for c in checks.CHECKS if c.derivation == d.name and c.step is None]
    whole = [c for c in others if c.label]
    code = [c for c in others if not c.label and c.method in _CODE_METHODS]
    more = [c for c in others if not c.label and c.method not in _CODE_METHODS]
    if code:
        body += f"<p>The NumPy code against it:</p><ul>{''.join(map(_check_sentence, code))}</ul>"
    if more:
        body += f"<p>Further checks:</p><ul>{''.join(map(_check_sentence, more))}</ul>"
    anchor = whole[0].name if whole else (others[0].name if others else "")
    if anchor:
        body += f"<p>{_row_link(anchor, 'Every check of this derivation, with its result')}</p>"
    return _marker(d.kind_label, body, kind=d.kind)


#: The methods that compare the NumPy code with a derivation.
_CODE_METHODS = ("lambdified comparison", "finite differences", "numerical example")


def _step_line(number: int, item: Any) -> str:
    """How one step is established, in words, linked to its row on the verification page."""
    from nnmath.checks.words import kind_phrase

    verification = item.verification
    head = f"Step {number}, “{html.escape(item.label)}”"
    if item.check is not None:
        head = f'<a href="{_VERIFICATION}#{html.escape(item.check)}">{head}</a>'
    if verification.is_premise:
        return f"{head}: {_premise_words(verification)}"
    return f"{head}: {html.escape(kind_phrase(verification.kind))}."


def _premise_words(premise: Any) -> str:
    """A premise in words: what it is, its reference or the steps it rests on, its evidence."""
    from nnmath.checks.words import kind_phrase

    if premise.reference is not None:
        ref = premise.reference
        source = html.escape(ref.citation)
        if ref.anchor:
            source = f'<a href="../references.md#{html.escape(ref.anchor)}">{source}</a>'
    else:
        source = "resting on the steps " + ", ".join(
            f"“{html.escape(label)}”" for label in premise.rests_on
        )
    note = f"a {html.escape(premise.kind)}, not checked here: {source}."
    if premise.evidence is not None:
        kind = html.escape(kind_phrase(premise.evidence.kind))
        note += f" As supporting evidence, not a proof of the step, a related statement is {kind}."
    return note


def _step_item(step: Any, context: str = "", *, css: str = "") -> str:
    """One step as a list item: label, justification and the math (its check is in the marker)."""
    explanation = (
        f' <span class="nnmath-why">{html.escape(step.explanation)}</span>'
        if step.explanation
        else ""
    )
    return (
        f"<li{css}><strong>{html.escape(step.label)}.</strong>{context}{explanation}"
        f"{math(step.latex).markup}</li>"
    )


def step(name: str, label: str) -> Html:
    """One step of a derivation (its math and justification), marked as derived, with its marker.

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
    >>> shown = step("gradient-descent", "Gradient descent").markup
    >>> "data-derivation" in shown, shown.count('class="nnmath-marker"')
    (True, 1)
    """
    from nnmath import symbolic
    from nnmath.checks.words import kind_phrase

    d = symbolic.derive(name)
    for number, item in enumerate(d.steps, 1):
        if item.label == label:
            # The justification may cite earlier steps by number: say which derivation it is in.
            context = f" <em>(step {number} of the derivation “{html.escape(d.title)}”)</em>"
            marker = ""
            verification = item.verification
            if verification is not None:
                summary = (
                    f"a {verification.kind}"
                    if verification.is_premise
                    else kind_phrase(verification.kind)
                )
                body = f"<p>{_step_line(number, item)}</p>"
                marker = _marker(summary, body, kind=verification.kind)
            return Html(
                f'<div class="nnmath-derivation nnmath-step" data-derivation="{html.escape(name)}">'
                f"<ul>{_step_item(item, context)}</ul>{marker}</div>"
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
    """Only the final result of a derivation, as display math (no marker)."""
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
