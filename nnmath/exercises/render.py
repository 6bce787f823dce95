"""HTML of an exercise for a chapter: prompt, then hint and worked solution folded.

The folds are native ``<details>``/``<summary>`` elements (keyboard-operable
without any script) with the classes Material for MkDocs styles as collapsible
admonitions. Math is written as ``$$ … $$``: the site typesets it when it is built, and
Jupyter when a reader runs the notebook. The answer syntax common to all
exercises (``nnmath.exercises.SYNTAX``) is stated once, not under each exercise.

An exercise with a typed answer carries ``data-answer-type``: on the site, the page's
script (``docs/javascripts/exercises.js``) adds an answer box, a live preview, a Check
button and a verdict (``role="status"``) to it, and checks the answer in the browser with
what :mod:`nnmath.exercises.page` writes at build time. Without the script (or in
Jupyter) the exercise shows its prompt, hint and solution as before.
"""

from __future__ import annotations

import html

from nnmath.exercises.exercise import Exercise
from nnmath.exercises.page import is_checked_on_page, page_method
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
        if "sigma" in e.functions:
            answer_with += "; write σ(t) as sigma(t)"
    else:
        answer_with = e.syntax.split(";")[0]
    typed = is_checked_on_page(e)
    # Shown by the page's script, which does the checking it describes.
    method = f' <span class="nnmath-exercise-method" hidden>{esc(page_method(e))}</span>'
    method = method if typed else ""
    checks = f'<p class="nnmath-exercise-check">Answer with {esc(answer_with)}.{method}</p>'
    answer_type = f' data-answer-type="{esc(e.answer_type)}"' if typed else ""
    return (
        f'<div class="nnmath-exercise" id="exercise-{esc(e.id)}" data-exercise="{esc(e.id)}"'
        f"{answer_type}>"
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
