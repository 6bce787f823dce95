"""HTML of an exercise for a chapter: prompt, then hint and worked solution folded.

The folds are native ``<details>``/``<summary>`` elements (keyboard-operable
without any script) with the classes Material for MkDocs styles as collapsible
admonitions. Math is written as ``$$ … $$``: the site typesets it when it is built, and
Jupyter when a reader runs the notebook. The answer syntax common to all
exercises (``nnmath.exercises.SYNTAX``) is stated once, not under each exercise.
"""

from __future__ import annotations

import html

from nnmath.exercises.exercise import Exercise
from nnmath.exercises.registry import get, list_exercises
from nnmath.markup import Html

__all__ = ["ExerciseHtml", "exercise_html", "exercises_html"]

_KIND = {"derive": "Derive", "compute": "Compute", "predict-then-run": "Predict, then run"}


class ExerciseHtml(Html):
    """The HTML of exercises, displayed as such by Jupyter (``_repr_html_``)."""


def _one(exercise: Exercise, number: int) -> str:
    e = exercise
    esc = html.escape
    if e.answer_type == "expression":
        answer_with = f"an expression in {', '.join(e.variables)}"
    else:
        answer_with = e.syntax.split(";")[0]
    checks = (
        f'<p class="nnmath-exercise-check">Answer with {esc(answer_with)} '
        f"(compared: {esc(e.tolerance)}).</p>"
    )
    return (
        f'<div class="nnmath-exercise" id="exercise-{esc(e.id)}" data-exercise="{esc(e.id)}">'
        f'<p class="nnmath-exercise-title"><strong>Exercise {e.chapter}.{number} '
        f"({esc(_KIND[e.kind])}): {esc(e.title)}</strong></p>"
        f"<p>{esc(e.prompt)}</p>{checks}"
        f'<details class="tip"><summary>Hint</summary><p>{esc(e.hint)}</p></details>'
        f'<details class="success"><summary>Worked solution</summary><p>{esc(e.solution)}</p>'
        f"<p>Result, as SymPy derives it:</p>"
        f'<div class="nnmath-math" data-derivation="exercise-answers">$$\n'
        f"{html.escape(e.solution_latex, quote=False)}\n$$</div></details></div>"
    )


def exercise_html(exercise_id: str) -> ExerciseHtml:
    """One exercise, numbered within its chapter.

    Raises
    ------
    ValueError
        If there is no such exercise.
    """
    e = get(exercise_id)
    number = [x.id for x in list_exercises(e.chapter)].index(e.id) + 1
    return ExerciseHtml(_one(e, number))


def exercises_html(chapter: int) -> ExerciseHtml:
    """Every exercise of a chapter, in order."""
    items = list_exercises(chapter)
    return ExerciseHtml("".join(_one(e, k) for k, e in enumerate(items, 1)))
