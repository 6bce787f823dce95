"""Interactive figures: their formulas come from :mod:`nnmath.symbolic`, printed as JavaScript.

Each formula of an interactive figure is a SymPy expression taken from a derivation
(:func:`formula`); the site build prints every one with SymPy's JavaScript code printer
(:func:`formulas_script`) into a script that defines
``window.nnmath.formulas[KEY] = {args: [...], f: (...values) => number | number[]}``.
No formula is typed in JavaScript by hand: ``docs/javascripts/widgets.js`` only
evaluates these functions and draws the result.

The figure functions return the HTML of one figure: an SVG drawing area, labelled
controls (``<input type="range">`` with its value shown as text, and buttons where a
figure is stepped) and a summary that the script keeps up to date (``aria-live``). The
root element carries ``data-widget="KEY"`` and ``data-formulas`` (the formula keys it
evaluates). The modules: :mod:`~nnmath.widgets.formulas` (the formulas and their
JavaScript), :mod:`~nnmath.widgets.layout` (the shared HTML),
:mod:`~nnmath.widgets.figures` (the slider figures of chapters 1, 3, 5, 8 and 9),
:mod:`~nnmath.widgets.perceptron_steps` (chapter 2) and
:mod:`~nnmath.widgets.forward_pass` (chapter 4).

Examples
--------
>>> from nnmath import widgets
>>> args, expr = widgets.formula("sigmoid-affine")
>>> args
(w, b, x)
>>> print(widgets.javascript("sigmoid-affine"))
(w, b, x) => 1/(Math.exp(-b - w*x) + 1)
"""

from nnmath.widgets.figures import (
    bowl_descent,
    land_boundary,
    perceptron,
    sigmoid_affine,
    softmax_bars,
)
from nnmath.widgets.formulas import (
    DOMAIN,
    WIDGETS,
    formula,
    formula_keys,
    formulas_script,
    javascript,
)
from nnmath.widgets.forward_pass import forward_pass
from nnmath.widgets.layout import WidgetHtml
from nnmath.widgets.perceptron_steps import perceptron_steps

__all__ = [
    "DOMAIN",
    "WIDGETS",
    "WidgetHtml",
    "bowl_descent",
    "formula",
    "formula_keys",
    "formulas_script",
    "forward_pass",
    "javascript",
    "land_boundary",
    "perceptron",
    "perceptron_steps",
    "sigmoid_affine",
    "softmax_bars",
]
