"""Typed answers checked on the page, in Chromium, with the verdicts of ``nm.exercises.check``.

Every exercise with a typed answer is worked on its page with its sample answer, an
equivalent rewriting, each mistake the Python checker recognises and malformed input
(tests/exercise_cases.py), and the page's verdict and feedback must be Python's. The
checker loads when an answer box is first focused, answers within 100 ms, remembers
solved exercises, works from the keyboard and fetches nothing from another host.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from nnmath import exercises
from nnmath.exercises.page import is_checked_on_page
from tests.exercise_cases import TABLE, cases_for, feedback_key, python_verdict

pytestmark = [pytest.mark.site, pytest.mark.xdist_group("site")]

REPO = Path(__file__).resolve().parents[2]
# Chapter n's page, from its source docs/chapters/NN-name.py.
CHAPTER_PAGES = {
    int(source.name[:2]): f"chapters/{source.stem}/"
    for source in sorted((REPO / "docs" / "chapters").glob("[0-9][0-9]-*.py"))
}

CHECK_JS = """async ([id, answer]) => {
  const root = document.querySelector(`[data-exercise="${id}"]`);
  const input = root.querySelector('input, textarea');
  const status = root.querySelector('[role=status]');
  status.removeAttribute('data-verdict');
  input.focus();
  input.value = answer;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  const start = performance.now();
  input.form.requestSubmit();
  if (!status.dataset.verdict) {
    await new Promise(resolve => {
      const seen = new MutationObserver(() => {
        if (status.dataset.verdict) { seen.disconnect(); resolve(); }
      });
      seen.observe(status, {attributes: true});
    });
  }
  return [status.dataset.verdict, status.textContent, performance.now() - start];
}"""


def _table_rows(exercise_id: str) -> list[str]:
    rows = json.loads(TABLE.read_text(encoding="utf-8"))["answers"]
    return [row["answer"] for row in rows if row["exercise"] == exercise_id]


@contextmanager
def _opened(browser: Any, url: str) -> Iterator[tuple[Any, list[str], list[str]]]:
    """The page at ``url`` once its exercises have their verdict areas, with the page's
    errors and requests so far; its browser context is closed on leaving."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        errors: list[str] = []
        requests: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("request", lambda request: requests.append(request.url))
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, url
        page.wait_for_selector("[data-answer-type] [role=status]", state="attached")
        yield page, errors, requests
    finally:
        context.close()


def _page_for(chapter: int) -> str:
    if chapter not in CHAPTER_PAGES:
        pytest.fail(f"chapter {chapter} has no page in CHAPTER_PAGES")
    return CHAPTER_PAGES[chapter]


@pytest.mark.parametrize("chapter", sorted(CHAPTER_PAGES))
def test_every_typed_exercise_gets_python_s_verdict(
    browser: Any, base_url: str, chapter: int
) -> None:
    typed = [e for e in exercises.list_exercises(chapter) if is_checked_on_page(e)]
    with _opened(browser, base_url + _page_for(chapter)) as (page, errors, requests):
        on_page = page.eval_on_selector_all(
            "[data-answer-type]", "els => els.map(e => e.dataset.exercise)"
        )
        assert on_page == [e.id for e in typed]
        # The checker loads on the first focus; the 100 ms are for a verdict after that.
        page.focus("[data-answer-type] input")
        page.wait_for_function(
            "() => window.nnmath && window.nnmath.exerciseChecker && window.nnmath.exerciseChecks"
        )
        disagreements, times = [], []
        for e in typed:
            for answer in cases_for(e) + _table_rows(e.id):
                verdict, message, ms = page.evaluate(CHECK_JS, [e.id, answer])
                times.append(ms)
                expected, expected_message = python_verdict(e.id, answer)
                assert message.strip(), f"{e.id} {answer!r}: a verdict without words"
                if verdict != expected or (
                    verdict == "incorrect"
                    and feedback_key(message) != feedback_key(expected_message)
                ):
                    disagreements.append((e.id, answer, verdict, message, expected_message))
        assert not disagreements, "\n".join(map(repr, disagreements))
        times.sort()
        assert times[len(times) // 2] < 100, (
            f"the median verdict took {times[len(times) // 2]:.0f} ms"
        )
        assert times[-1] < 500, f"a verdict took {times[-1]:.0f} ms"
        print(
            f"chapter {chapter}: verdicts in {times[len(times) // 2]:.1f} ms (median), "
            f"{times[-1]:.1f} ms (slowest) over {len(times)} answers"
        )
        assert not errors, errors
        host = urlsplit(base_url).netloc
        assert all(urlsplit(u).netloc in ("", host) for u in requests if u.startswith("http"))


def test_the_checker_loads_on_first_focus_and_works_from_the_keyboard(
    browser: Any, base_url: str
) -> None:
    with _opened(browser, base_url + _page_for(3)) as (page, errors, requests):
        assert not [u for u in requests if "exercise-check" in u], "loaded before any focus"
        root = page.locator('[data-exercise="sigmoid-transition"]')
        label = root.locator("label").inner_text()
        box = root.get_by_label(label)
        box.focus()
        page.wait_for_function("() => window.nnmath && window.nnmath.exerciseChecker")
        assert [u for u in requests if u.endswith("exercise-checker.js")]
        page.keyboard.type("(b - log(3))/w")
        page.wait_for_selector('[data-exercise="sigmoid-transition"] .nnmath-exercise-preview math')
        page.keyboard.press("Enter")
        status = root.locator("[role=status]")
        page.wait_for_function(
            "() => document.querySelector('[data-exercise=sigmoid-transition] [role=status]')"
            ".dataset.verdict"
        )
        assert status.get_attribute("data-verdict") == "incorrect"
        assert "sign" in status.inner_text()
        assert status.get_attribute("aria-live") == "polite"
        box.fill("")
        page.keyboard.type("(log(3) - b)/w")
        page.keyboard.press("Tab")  # to the Check button
        assert page.evaluate("() => document.activeElement.textContent") == "Check"
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => document.querySelector('[data-exercise=sigmoid-transition] [role=status]')"
            ".dataset.verdict === 'correct'"
        )
        progress = page.locator(".nnmath-exercise-progress")
        n = len([e for e in exercises.list_exercises(3) if is_checked_on_page(e)])
        assert progress.inner_text().startswith(f"1 of {n} solved")
        page.reload(wait_until="load")
        page.wait_for_selector(".nnmath-exercise-progress")
        assert page.locator(".nnmath-exercise-progress").inner_text().startswith(f"1 of {n} solved")
        assert page.get_attribute('[data-exercise="sigmoid-transition"]', "data-solved") == "true"
        page.get_by_role("button", name=re.compile("Reset")).click()
        assert page.locator(".nnmath-exercise-progress").inner_text().startswith(f"0 of {n} solved")
        solved_keys = page.evaluate(
            "() => Object.keys(localStorage).filter(k => k.startsWith('nnmath-exercise-solved:'))"
        )
        assert solved_keys == []
        assert not errors, errors


def test_without_javascript_an_exercise_keeps_prompt_hint_and_solution(
    browser: Any, base_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + _page_for(5), wait_until="load")
        root = page.locator('[data-exercise="chain-rule-w1"]')
        assert "∂E/∂w1" in root.inner_text()
        assert root.locator("summary").all_inner_texts() == ["Hint", "Worked solution"]
        assert root.locator("input").count() == 0
        assert not root.locator(".nnmath-exercise-method").is_visible()
    finally:
        context.close()


def test_explain_and_implement_exercises_fold_their_models_and_work_from_the_keyboard(
    browser: Any, base_url: str
) -> None:
    with _opened(browser, base_url + _page_for(4)) as (page, errors, _):
        untyped = [e for e in exercises.list_exercises(4) if not is_checked_on_page(e)]
        assert {e.kind for e in untyped} == {"explain", "implement"}
        for e in untyped:
            root = page.locator(f'[data-exercise="{e.id}"]')
            assert root.get_attribute("data-answer-type") is None
            assert root.locator("input").count() == 0  # nothing to type: no answer box
            model = "Model solution" if e.kind == "implement" else "Model argument"
            summaries = root.locator("summary")
            assert summaries.all_inner_texts() == ["Hint", model]
            folded = root.locator("details").nth(1)
            assert not folded.evaluate("d => d.open")
            summaries.nth(1).focus()
            page.keyboard.press("Enter")
            assert folded.evaluate("d => d.open")
            if e.kind == "implement":  # the line to run in the notebook, as a listing
                listing = root.locator("pre.nnmath-exercise-call")
                assert listing.inner_text().strip() == e.check_line
        note = page.locator("[data-answer-type] .nnmath-exercise-method").first
        assert note.is_visible() and note.inner_text().startswith("Checked")
        assert note.get_attribute("title")  # the whole sentence, as a tooltip
        assert not errors, errors
