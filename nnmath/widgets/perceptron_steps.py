"""Chapter 2's figure: the perceptron learning rule, one update at a time.

The page replays :func:`nnmath.train_perceptron` on the chapter's data: it visits the
points in the package's order (row by row, epoch after epoch, from w = 0), asks the
SymPy-printed prediction ``ŷ = step(w·x + b)`` for each, and on a mistake applies the
SymPy-printed rule ``w ← w + η (y − ŷ) x`` (bias folded in). The number of updates and
the mistakes per epoch computed here by the package travel with the figure; the page
refuses to draw if its own replay disagrees with them.

Examples
--------
>>> import nnmath as nm
>>> X, y = nm.datasets.linearly_separable()
>>> html = perceptron_steps(X, y)._repr_html_()
>>> 'data-widget="perceptron-steps"' in html
True
"""

from __future__ import annotations

from numpy.typing import ArrayLike

from nnmath.perceptron import train_perceptron
from nnmath.widgets.layout import Slider, WidgetHtml, as_number, figure_html, two_class_points

__all__ = ["MAX_UPDATES", "perceptron_steps"]

#: The step control goes through at most this many updates.
MAX_UPDATES = 200


def perceptron_steps(
    X: ArrayLike, y: ArrayLike, *, learning_rate: float = 1.0, max_epochs: int = 100
) -> WidgetHtml:
    """The perceptron's line after each update of its learning rule, stepped by the reader.

    Parameters
    ----------
    X, y : array_like, shapes (n, 2) and (n,)
        The training points, each inside [−1.2, 1.2]², and their labels 0 or 1.
    learning_rate : float
        η > 0, as for :func:`nnmath.train_perceptron`.
    max_epochs : int
        At most this many passes over the points, as for :func:`nnmath.train_perceptron`.

    Returns
    -------
    WidgetHtml
        The figure: the points, the current line and weight vector, the point that caused
        the last update marked, buttons and a slider that choose the update shown.

    Raises
    ------
    TypeError, ValueError
        As :func:`nnmath.train_perceptron`; also ValueError if a point is outside
        [−1.2, 1.2]² or training makes more than :data:`MAX_UPDATES` updates.
    """
    data = two_class_points(X, y, "y", "labels", -1.2, 1.2)
    eta = as_number(learning_rate, "learning_rate")
    result = train_perceptron(X, y, learning_rate=eta, max_epochs=max_epochs)
    if result.updates > MAX_UPDATES:
        raise ValueError(
            f"training must make at most {MAX_UPDATES} updates to be stepped through, "
            f"got {result.updates}"
        )
    config = {
        "lim": [-1.2, 1.2],
        **data,
        "eta": eta,
        "initial": [0.0, 0.0, 0.0],
        "max_epochs": int(max_epochs),
        "updates": result.updates,
        "mistakes": result.mistakes,
        "converged": result.converged,
    }
    n = len(data["points"])
    slider = Slider("update", "update shown", 0, result.updates, 1, 0)
    outcome = (
        f"after {result.updates} updates in {result.epochs - 1} epochs the next epoch makes "
        "no mistake"
        if result.converged
        else f"{max_epochs} epochs end with {result.mistakes[-1]} mistakes in the last"
    )
    return figure_html(
        "perceptron-steps",
        [slider],
        config,
        "The perceptron's line after the chosen update of the learning rule",
        f"Before any update: w = 0 and b = 0. Step through the {result.updates} updates "
        "with the buttons or the slider below.",
        f"Figure (interactive): the learning rule w ← w + η(y − ŷ)x run on the {n} points "
        "of this chapter in the order nm.train_perceptron visits them, from w = 0. Class 0 "
        "as circles, class 1 as crosses; the line w·x + b = 0 after the chosen update "
        "(solid), the line before it (dashed), and the weight vector w pointing into the "
        "shaded half-plane where ŷ = 1. A square marks the misclassified point that caused "
        f"the update, a ring every point now on the wrong side; {outcome}.",
        buttons=[(-1, "Previous update"), (1, "Next update")],
    )
