"""The HTML every interactive figure shares: a drawing area, labelled controls, a live summary.

A figure's root element carries ``data-widget="KEY"``, ``data-formulas`` (the formula keys
it evaluates, :data:`nnmath.widgets.formulas.WIDGETS`) and ``data-config`` (its data, as
JSON); ``docs/javascripts/widgets.js`` draws it and keeps its summary up to date.
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from nnmath.markup import Html
from nnmath.widgets.formulas import WIDGETS

__all__ = ["Slider", "WidgetHtml", "figure_html", "slider_at", "two_class_points"]

_ids = itertools.count(1)


class WidgetHtml(Html):
    """The HTML of one interactive figure, displayed as such by Jupyter (``_repr_html_``)."""


@dataclass(frozen=True)
class Slider:
    """A labelled range input: its argument name, label, bounds, step and starting value."""

    name: str
    label: str
    low: float
    high: float
    step: float
    value: float


def as_number(value: Any, name: str) -> float:
    """``value`` as a finite float; TypeError or ValueError naming ``name`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    out = float(value)
    if not np.isfinite(out):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return out


def slider_at(value: Any, slider: Slider) -> Slider:
    """``slider`` starting at ``value``; ValueError if ``value`` is outside its bounds."""
    v = as_number(value, slider.name)
    if not slider.low <= v <= slider.high:
        raise ValueError(
            f"{slider.name} must be in [{slider.low:g}, {slider.high:g}], got {value!r}"
        )
    return Slider(slider.name, slider.label, slider.low, slider.high, slider.step, v)


def two_class_points(
    X: ArrayLike, y: ArrayLike, y_name: str, y_noun: str, low: float, high: float
) -> dict[str, list[Any]]:
    """The ``points`` and ``labels`` of a figure's configuration, checked.

    ``X`` must be (n, 2) inside ``[low, high]²`` and ``y`` (n,) of 0 and 1; ``y_name`` is
    the argument's name and ``y_noun`` what its values are called in the errors ("labels",
    "categories").

    Raises
    ------
    ValueError
        If ``X`` is not (n, 2), ``y`` not (n,), a value of ``y`` is not 0 or 1, or a point
        is outside the square.
    """
    points = np.asarray(X, dtype=np.float64)
    classes = np.asarray(y)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2), got shape {points.shape}")
    if classes.shape != (points.shape[0],):
        raise ValueError(
            f"{y_name} must have shape ({points.shape[0]},), got shape {classes.shape}"
        )
    if not np.all(np.isin(classes, (0, 1))):
        raise ValueError(f"{y_name} must hold only the {y_noun} 0 and 1")
    if not np.all((points >= low) & (points <= high)):
        raise ValueError(f"X must lie inside [{low:g}, {high:g}]^2")
    return {
        "points": [[round(float(v), 6) for v in row] for row in points],
        "labels": [int(v) for v in classes],
    }


def figure_html(
    widget: str,
    sliders: Sequence[Slider],
    config: dict[str, Any],
    title: str,
    summary: str,
    caption: str,
    *,
    buttons: Sequence[tuple[int, str]] = (),
) -> WidgetHtml:
    """The HTML of one figure.

    ``buttons`` are (step, label) pairs: each button moves the first slider by ``step``
    (``docs/javascripts/widgets.js`` does it), so a figure can be stepped with buttons as
    well as with the slider's keys.
    """
    esc = html.escape
    uid = f"nnmath-widget-{next(_ids)}"
    controls = []
    for s in sliders:
        sid = f"{uid}-{s.name}"
        controls.append(
            f'<div class="nnmath-widget-slider"><label for="{sid}">{esc(s.label)}</label>'
            f'<input type="range" id="{sid}" data-arg="{esc(s.name)}" min="{s.low:g}" '
            f'max="{s.high:g}" step="{s.step:g}" value="{s.value:g}">'
            f'<output for="{sid}" id="{sid}-value">{s.value:g}</output></div>'
        )
    if buttons:
        steps = "".join(
            f'<button type="button" data-step="{step:d}">{esc(label)}</button>'
            for step, label in buttons
        )
        controls.insert(0, f'<div class="nnmath-widget-buttons">{steps}</div>')
    return WidgetHtml(
        f'<figure class="nnmath-widget" id="{uid}" data-widget="{esc(widget)}" '
        f'data-formulas="{esc(" ".join(WIDGETS[widget]))}" '
        f"data-config='{esc(json.dumps(config, separators=(',', ':')), quote=False)}'>"
        f'<svg class="nnmath-widget-plot" viewBox="0 0 480 300" role="img" '
        f'aria-labelledby="{uid}-title" aria-describedby="{uid}-summary">'
        f'<title id="{uid}-title">{esc(title)}</title></svg>'
        f'<div class="nnmath-widget-controls">{"".join(controls)}</div>'
        f'<p class="nnmath-widget-summary" id="{uid}-summary" aria-live="polite">'
        f"{esc(summary)}</p>"
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )
