"""Explain and implement exercises: their records, their pages, and ``check_code``."""

from __future__ import annotations

import ast
import doctest
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import nnmath as nm
from nnmath import exercises
from nnmath.exercises import code_checking
from nnmath.exercises.catalogue import forms

IMPLEMENT = [e for e in exercises.list_exercises() if e.kind == "implement"]
EXPLAIN = [e for e in exercises.list_exercises() if e.kind == "explain"]


def _model(exercise_id: str) -> Callable[..., Any]:
    """The model solution of an implement exercise, as the page shows it."""
    e = exercises.get(exercise_id)
    namespace: dict[str, Any] = {"np": np, "nm": nm}
    exec(compile(e.solution_code, e.id, "exec"), namespace)  # the catalogue's own code
    function: Callable[..., Any] = namespace[e.function_name]
    return function


# -- the catalogue -------------------------------------------------------------------------


def test_the_site_has_the_new_kinds_where_the_material_is_taught() -> None:
    assert {e.id for e in IMPLEMENT} >= {
        "forward-pass",
        "sgd-step-sigmoid",
        "central-difference-gradient",
        "output-error-batch",
    }
    assert {e.id for e in EXPLAIN} >= {
        "sigmoid-slope-bound",
        "linear-layers-stay-affine",
        "zero-start-symmetry",
        "cross-entropy-stays-positive",
    }
    chapters = {e.id: e.chapter for e in IMPLEMENT + EXPLAIN}
    assert chapters["sigmoid-slope-bound"] == 3 and chapters["output-error-batch"] == 7
    for chapter in range(1, 11):  # every chapter has at least one
        assert any(e.kind in ("explain", "implement") for e in exercises.list(chapter)), chapter


def test_every_implement_exercise_has_a_task_and_every_task_an_exercise() -> None:
    assert set(code_checking.CODE_TASKS) == {e.id for e in IMPLEMENT}
    for e in IMPLEMENT:
        assert e.answer_type == "code" and e.signature.startswith(e.function_name + "(")
        assert e.check_line == f'nm.exercises.check_code("{e.id}", {e.function_name})'
        assert e.function_name in e.prompt and e.hint and e.solution
    for e in EXPLAIN:
        assert e.answer_type == "argument" and e.solution and e.check_line == ""


def test_new_kinds_are_not_checked_as_typed_answers() -> None:
    with pytest.raises(ValueError, match=r"check_code\(\"forward-pass\", forward\)"):
        exercises.check("forward-pass", "x")
    with pytest.raises(ValueError, match="compare your argument with the model argument"):
        exercises.check("sigmoid-slope-bound", "because")
    with pytest.raises(ValueError, match="has no expected value"):
        _ = exercises.get("sigmoid-slope-bound").expected


def test_the_forms_refuse_malformed_records() -> None:
    chapter = forms.Chapter(4)
    with pytest.raises(ValueError, match="must not be empty"):
        chapter.explain("x", title="t", prompt="p", hint="h", solution=" ")
    fields = {"title": "t", "prompt": "p", "hint": "h", "solution": "s"}
    with pytest.raises(ValueError, match="must read like f"):
        chapter.implement("x", signature="f(a", solution_code="def f(a): ...", **fields)
    with pytest.raises(ValueError, match=r"must define g\(\)"):
        chapter.implement("x", signature="g(a)", solution_code="def f(a): ...", **fields)
    with pytest.raises(ValueError, match="kind of 'x' must be"):
        from nnmath.exercises.catalogue import _record

        _record(chapter, {"id": "x", "kind": "prove", **fields})


def test_no_module_of_the_package_binds_the_name_list() -> None:
    root = Path(nm.__file__).parent
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else []
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            defined = getattr(node, "name", None) if isinstance(node, ast.FunctionDef) else None
            assert "list" not in names and defined != "list", path
    assert exercises.list is exercises.list_exercises
    from nnmath.exercises import list as public_list

    assert public_list(3) == exercises.list_exercises(3)


# -- check_code ------------------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", [e.id for e in IMPLEMENT])
def test_the_model_solution_passes(exercise_id: str) -> None:
    result = exercises.check_code(exercise_id, _model(exercise_id))
    assert result.correct, result.message
    assert result.message.startswith("Correct") and result.index is None


def _perceptron_rule_loop(w: Any, b: float, x: Any, y: int, eta: float) -> tuple[Any, float]:
    score = sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b
    error = y - (1 if score >= 0 else 0)
    return np.array([wi + eta * error * xi for wi, xi in zip(w, x, strict=True)]), b + eta * error


def _forward_recursive(X: Any, Ws: list[Any], bs: list[Any]) -> Any:
    if not Ws:
        return X
    return _forward_recursive(nm.sigmoid(X @ Ws[0].T + bs[0]), Ws[1:], bs[1:])


# Other right answers, written differently from the model solutions.
RIGHT: dict[str, Callable[..., Any]] = {
    "perceptron-outputs": lambda X, w, b: np.where(np.einsum("nd,d->n", X, w) + b >= 0, 1, 0),
    "perceptron-rule": _perceptron_rule_loop,
    "forward-pass": lambda X, Ws, bs: _forward_recursive(X, list(Ws), list(bs)),
    "central-difference-gradient": lambda f, x, h: np.array(
        [(f(x + h * e) - f(x - h * e)) / (2 * h) for e in np.eye(len(x))]
    ),
    "output-error-batch": lambda Z, Y: (nm.sigmoid(Z) - Y) * nm.sigmoid_prime(Z),
    "sgd-step-sigmoid": lambda w, b, X, y, eta: (
        w - eta * ((nm.sigmoid(X @ w + b) - y) * nm.sigmoid_prime(X @ w + b)) @ X / len(y),
        b - eta * float(np.mean((nm.sigmoid(X @ w + b) - y) * nm.sigmoid_prime(X @ w + b))),
    ),
}


@pytest.mark.parametrize("exercise_id", sorted(RIGHT))
def test_another_right_implementation_passes(exercise_id: str) -> None:
    result = exercises.check_code(exercise_id, RIGHT[exercise_id])
    assert result.correct, result.message


def _sigmoid_step(w: Any, b: float, X: Any, y: Any, eta: float, *, scale: float = 1.0) -> Any:
    a = nm.sigmoid(X @ w + b)
    delta = (a - y) * a * (1 - a)
    return w - scale * eta * delta @ X / len(X), b - eta * delta.mean()


# Wrong answers per exercise, with what the feedback must say.
WRONG: list[tuple[str, Callable[..., Any], str]] = [
    ("perceptron-outputs", lambda X, w, b: (X @ w + b > 0).astype(float), "entry ["),
    ("perceptron-outputs", lambda X, w, b: (X @ w + b >= 0)[:, None] * 1.0, "shape (8,), got"),
    ("perceptron-outputs", lambda X, w, b: w @ X, "raised ValueError"),
    ("perceptron-rule", lambda w, b, x, y, eta: (w, b), "of w is"),
    ("perceptron-rule", lambda w, b, x, y, eta: (w + eta * x, b + eta), "of w is"),
    (
        "perceptron-rule",
        lambda w, b, x, y, eta: (w + eta * (y - (x @ w + b >= 0)) * x, b),
        "b is",
    ),
    ("perceptron-rule", lambda w, b, x, y, eta: w, "expected 2 results (w, b)"),
    ("forward-pass", lambda X, Ws, bs: X @ Ws[0].T + bs[0], "expected shape (5, 2), got (5, 4)"),
    ("forward-pass", lambda X, Ws, bs: _forward_recursive(X, Ws[:-1], bs[:-1]), "shape"),
    (
        "forward-pass",
        lambda X, Ws, bs: _forward_recursive(X, [W.T for W in Ws], bs),
        "raised ValueError",
    ),
    (
        "central-difference-gradient",
        lambda f, x, h: np.array([(f(x + h * e) - f(x)) / h for e in np.eye(len(x))]),
        "entry [",
    ),
    (
        "central-difference-gradient",
        lambda f, x, h: np.array([(f(x + h * e) - f(x - h * e)) / h for e in np.eye(len(x))]),
        "entry [0] is",
    ),
    ("central-difference-gradient", lambda f, x, h: f(x), "expected shape (4,), got ()"),
    ("output-error-batch", lambda Z, Y: (nm.sigmoid(Z) - Y).T, "expected shape (4, 3), got (3, 4)"),
    ("output-error-batch", lambda Z, Y: nm.sigmoid(Z) - Y, "entry [0, 0] is"),
    ("output-error-batch", lambda Z, Y: (nm.sigmoid(Z) - Y) * nm.sigmoid(Z), "entry [0, 0] is"),
    ("output-error-batch", lambda Z, Y: None, "returned None (is a return statement missing?)"),
    ("output-error-batch", lambda Z, Y: "abc", "should be numbers, got str"),
    ("sgd-step-sigmoid", lambda w, b, X, y, eta: _sigmoid_step(w, b, X, y, -eta), "of w is"),
    ("sgd-step-sigmoid", lambda w, b, X, y, eta: _sigmoid_step(w, b, X, y, eta, scale=5), "of w"),
    ("sgd-step-sigmoid", lambda w, b, X, y, eta: (_sigmoid_step(w, b, X, y, eta)[0], b), "b is"),
    ("sgd-step-sigmoid", lambda w, b, X, y, eta: (w[:, None], b), "expected w of shape (3,)"),
    ("sgd-step-sigmoid", lambda w, b, X: (w, b), "raised TypeError"),
]


@pytest.mark.parametrize(("exercise_id", "func", "says"), WRONG)
def test_a_wrong_implementation_gets_feedback(
    exercise_id: str, func: Callable[..., Any], says: str
) -> None:
    result = exercises.check_code(exercise_id, func)
    assert not result.correct
    assert result.message.startswith("Not correct: ") and "\n" not in result.message
    assert says in result.message, result.message
    assert "(trial " in result.message


def _gradient_that_scales_x(f: Callable[..., float], x: Any, h: float) -> Any:
    """The right central differences, after which x is left halved."""
    gradient = RIGHT["central-difference-gradient"](f, x, h)
    x *= 0.5
    return gradient


def test_a_gradient_that_changes_x_is_caught() -> None:
    result = exercises.check_code("central-difference-gradient", _gradient_that_scales_x)
    assert not result.correct
    assert "your function changed x" in result.message, result.message
    assert exercises.check_code(
        "central-difference-gradient", RIGHT["central-difference-gradient"]
    ).correct


def test_the_first_differing_entry_is_reported_with_both_values() -> None:
    result = exercises.check_code("output-error-batch", lambda Z, Y: nm.sigmoid(Z) - Y)
    assert result.index == (0, 0) and result.expected is not None and result.got is not None
    assert f"{result.got:.10g}" in result.message and f"{result.expected:.10g}" in result.message
    assert abs(result.expected - result.got) > 1e-3
    rule = _model("perceptron-rule")
    wrong_b = exercises.check_code("perceptron-rule", lambda *args: (rule(*args)[0], 0.125))
    assert wrong_b.index == () and "b is" in wrong_b.message


def test_inputs_are_seeded_and_every_trial_is_tried() -> None:
    seen: list[float] = []

    def spy(Z: Any, Y: Any) -> Any:
        seen.append(float(Z[0, 0]))
        return _model("output-error-batch")(Z, Y)

    assert exercises.check_code("output-error-batch", spy, trials=3, seed=7).correct
    first = list(seen)
    exercises.check_code("output-error-batch", spy, trials=3, seed=7)
    assert len(first) == 3 and seen[3:] == first and len(set(first)) == 3
    exercises.check_code("output-error-batch", spy, trials=3, seed=8)
    assert seen[6:] != first


def test_the_perceptron_rule_is_tried_on_mistakes_and_on_right_answers() -> None:
    never_updates = exercises.check_code("perceptron-rule", lambda w, b, x, y, eta: (w, b))
    always_updates = exercises.check_code(
        "perceptron-rule",
        lambda w, b, x, y, eta: (w + eta * (2 * y - 1) * x, b + eta * (2 * y - 1)),
    )
    assert not never_updates.correct and not always_updates.correct


def test_a_changed_input_does_not_change_the_reference() -> None:
    def in_place(w: Any, b: float, X: Any, y: Any, eta: float) -> Any:
        new_w, new_b = _sigmoid_step(w, b, X, y, eta)
        X[...] = 0.0  # the reader's function may scribble on its inputs
        w[...] = new_w
        return w, new_b

    assert exercises.check_code("sgd-step-sigmoid", in_place).correct


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (("no-such-exercise", len), {}, ValueError, "unknown exercise 'no-such-exercise'"),
        (("chain-rule-w1", len), {}, ValueError, "implement exercise, got 'chain-rule-w1'"),
        (("sigmoid-slope-bound", len), {}, ValueError, "'sigmoid-slope-bound' \\(explain\\)"),
        (("forward-pass", "forward"), {}, TypeError, "func must be a function, got str"),
        ((3, len), {}, TypeError, "exercise_id must be a string"),
        (("forward-pass", len), {"trials": 0}, ValueError, "trials must be from 1 to 100"),
        (("forward-pass", len), {"trials": 2.5}, TypeError, "trials must be an integer"),
        (("forward-pass", len), {"seed": "1"}, TypeError, "seed must be an integer"),
    ],
)
def test_arguments_are_validated(
    args: tuple[Any, ...], kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        exercises.check_code(*args, **kwargs)


def test_doctests() -> None:
    result = doctest.testmod(code_checking, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


# -- the page ---------------------------------------------------------------------------------


def test_an_implement_exercise_shows_the_line_to_run_as_a_listing() -> None:
    markup = exercises.exercise_html("sgd-step-sigmoid").markup
    assert 'data-exercise="sgd-step-sigmoid"' in markup and "data-answer-type" not in markup
    assert "(Implement)" in markup and "<code>sgd_step(w, b, X, y, eta)</code>" in markup
    listing = re.search(r'<pre class="nnmath-exercise-call"><code>(.*?)</code></pre>', markup)
    assert listing is not None
    assert listing.group(1) == 'nm.exercises.check_code("sgd-step-sigmoid", sgd_step)'
    summaries = re.findall(r"<summary>(.*?)</summary>", markup)
    assert summaries == ["Hint", "Model solution"] and "<details open" not in markup
    assert "def sgd_step(w, b, X, y, eta):" in markup and "<input" not in markup


def test_an_explain_exercise_folds_the_model_argument_and_has_no_answer_box() -> None:
    markup = exercises.exercise_html("sigmoid-slope-bound").markup
    assert "(Explain)" in markup and "data-answer-type" not in markup and "<input" not in markup
    assert re.findall(r"<summary>(.*?)</summary>", markup) == ["Hint", "Model argument"]
    assert "4s(1 − s) = 1 − (2s − 1)²" in markup


def test_the_answer_line_speaks_to_a_learner_and_the_method_is_a_short_note() -> None:
    markup = exercises.exercise_html("sigmoid-second-derivative").markup
    line = re.search(r'<p class="nnmath-exercise-check">(.*?)</p>', markup)
    assert line is not None
    assert line.group(1).startswith("Answer with an expression in x; write σ as sigma(x).")
    note = re.search(r'<small class="nnmath-exercise-method" hidden title="([^"]*)">(.*?)<', markup)
    assert note is not None
    assert "23 points" in note.group(2) and "SymPy" in note.group(2)  # how the page compares
    assert "every variable −1, 0 and 1" in note.group(1)  # the whole sentence, as a tooltip
    assert "1e-" not in line.group(1) and "relative" not in line.group(1)
    count = exercises.exercise_html("network-parameter-count").markup
    assert "Answer with a whole number." in count and "Checked exactly." in count
