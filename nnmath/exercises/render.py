"""HTML of an exercise for a chapter: prompt, then hint and worked solution folded.

The folds are native ``<details>``/``<summary>`` elements (keyboard-operable
without any script) with the classes Material for MkDocs styles as collapsible
admonitions. Math is written as ``$$ … $$``: the site typesets it when it is built, and
Jupyter when a reader runs the notebook. Under each exercise one line says what an answer
is, in words for a learner (``Exercise.answer_form``); the full syntax
(``nnmath.exercises.SYNTAX``) and the tolerances are stated once, on the API page.

An *explain* exercise has no answer box: the reader writes a short argument and unfolds the
model argument. An *implement* exercise names the function to write and shows, as a listing
(not a code cell: the chapter's visible code runs on its own), the one line that checks it
in the notebook with :func:`nnmath.exercises.check_code`; hint and model solution are folded.

An exercise with a typed answer carries ``data-answer-type``: on the site, the page's
script (``docs/javascripts/exercises.js``) adds an answer box, a live preview, a Check
button and a verdict (``role="status"``) to it, and checks the answer in the browser with
what :mod:`nnmath.exercises.page` writes at build time. Without the script (or in
Jupyter) the exercise shows its prompt, hint and solution as before.
"""

from __future__ import annotations

import html

from nnmath.exercises.exercise import Exercise
from nnmath.exercises.page import is_checked_on_page, page_method, page_note
from nnmath.exercises.registry import get, list_exercises
from nnmath.markup import Html

__all__ = ["ExerciseHtml", "exercise_html", "exercises_html"]

_KIND = {
    "derive": "Derive",
    "compute": "Compute",
    "predict-then-run": "Predict, then run",
    "explain": "Explain",
    "implement": "Implement",
}


class ExerciseHtml(Html):
    """The HTML of exercises, displayed as such by Jupyter (``_repr_html_``)."""


def _paragraphs(text: str) -> str:
    """Plain text as paragraphs (a blank line separates them)."""
    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in parts)


def _hint(e: Exercise) -> str:
    return f'<details class="tip"><summary>Hint</summary>{_paragraphs(e.hint)}</details>'


def _typed(e: Exercise) -> str:
    """The answer line, hint and worked solution of an exercise with a typed answer."""
    esc = html.escape
    # A few words on how the page compares, shown by the page's script (which does the
    # checking); the whole sentence is the tooltip, the tolerances are on the API page.
    note = (
        f' <small class="nnmath-exercise-method" hidden title="{esc(page_method(e))}">'
        f"{esc(page_note(e))}</small>"
    )
    return (
        f'<p class="nnmath-exercise-check">Answer with {esc(e.answer_form)}.{note}</p>'
        f"{_hint(e)}"
        f'<details class="success"><summary>Worked solution</summary><p>{esc(e.solution)}</p>'
        f"<p>Result, as SymPy derives it:</p>"
        f'<div class="nnmath-math" data-derivation="exercise-answers">$$\n'
        f"{html.escape(e.solution_latex, quote=False)}\n$$</div></details>"
    )


def _explain(e: Exercise) -> str:
    """The answer line, hint and model argument of an explain exercise (nothing is typed)."""
    return (
        '<p class="nnmath-exercise-check">Write a short argument on paper, then compare it '
        "with the model argument.</p>"
        f"{_hint(e)}"
        f'<details class="success"><summary>Model argument</summary>{_paragraphs(e.solution)}'
        "</details>"
    )


def _implement(e: Exercise) -> str:
    """The function asked for, the line that checks it, hint and model solution."""
    esc = html.escape
    code = esc(e.solution_code.strip(), quote=False)
    return (
        f'<p class="nnmath-exercise-check">Write <code>{esc(e.signature)}</code> in this '
        "chapter's notebook, then run this line there to check it:</p>"
        # Each listing sits in an element with an id of its own: Material names a code
        # block after the closest id (for its copy button), and two blocks must not share one.
        f'<div id="exercise-{esc(e.id)}-check"><pre class="nnmath-exercise-call"><code>'
        f"{esc(e.check_line, quote=False)}</code></pre></div>"
        f"{_hint(e)}"
        f'<details class="success"><summary>Model solution</summary>{_paragraphs(e.solution)}'
        f'<div id="exercise-{esc(e.id)}-solution"><pre><code class="language-python">{code}'
        "</code></pre></div></details>"
    )


def _one(exercise: Exercise, number: int) -> str:
    e = exercise
    esc = html.escape
    typed = is_checked_on_page(e)
    answer_type = f' data-answer-type="{esc(e.answer_type)}"' if typed else ""
    if e.kind == "explain":
        body = _explain(e)
    elif e.kind == "implement":
        body = _implement(e)
    else:
        body = _typed(e)
    return (
        f'<div class="nnmath-exercise" id="exercise-{esc(e.id)}" data-exercise="{esc(e.id)}"'
        f' data-exercise-kind="{esc(e.kind)}"{answer_type}>'
        f'<p class="nnmath-exercise-title"><strong>Exercise {e.chapter}.{number} '
        f"({esc(_KIND[e.kind])}): {esc(e.title)}</strong></p>"
        f"<p>{esc(e.prompt)}</p>{body}</div>"
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


def _intro(kinds: set[str]) -> str:
    """How to work a chapter's exercises: one paragraph, naming only the kinds it has."""
    ways = [
        "check a typed answer: on the site in the box under its exercise (press Enter), in the "
        "notebook with <code>nm.exercises.check</code>"
    ]
    if "explain" in kinds:
        ways.append("compare an argument you wrote with the model argument")
    if "implement" in kinds:
        ways.append("run an implement exercise's line in this chapter's notebook")
    return (
        '<p class="nnmath-exercises-intro">Work these out on paper first, then '
        f"{'; '.join(ways)}. Hints and solutions stay folded until you open them, and each "
        "result is the one SymPy derives in <code>nnmath.symbolic</code>. How to write an "
        'answer is on the <a href="../reference/exercises.md">API reference page</a>. The '
        "code cell after the exercises checks sample answers, some of them wrong, with "
        "<code>nm.exercises.check</code>, so that you can see its feedback; in the downloaded "
        "notebook, put your own answers in their place.</p>"
    )


def exercises_html(chapter: int) -> ExerciseHtml:
    """Every exercise of a chapter, in order, after a paragraph on how to work them.

    Raises
    ------
    ValueError
        If ``chapter`` is not a chapter number with exercises.

    Examples
    --------
    >>> page = exercises_html(3).markup
    >>> page.startswith('<p class="nnmath-exercises-intro">Work these out on paper first')
    True
    >>> page.count('class="nnmath-exercise"') == len(list_exercises(3))
    True
    """
    items = list_exercises(chapter)
    intro = _intro({e.kind for e in items})
    return ExerciseHtml(intro + "".join(_one(e, k) for k, e in enumerate(items, 1)))
