"""The exercises: the safe answer parser, the checking, the feedback, the registry, the CLI."""

from __future__ import annotations

import ast
import doctest
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import sympy

import nnmath as nm
from nnmath import exercises, symbolic
from nnmath.cli import main
from nnmath.exercises import catalogue, checking, parsing, registry
from nnmath.exercises.catalogue import forms, mistakes
from nnmath.symbolic import exercise_answers

# The chain of chain-rule-w1 puts σ(z), z = x·w1 + b1, between the two weights.
S = "sigma(w1*x+b1)"
CHAIN_W1 = f"w2*x*{S}*(1-{S})*(w2*{S}+b2-t)"

REQUIRED = {
    "sigmoid-second-derivative": ("x",),
    "network-parameter-count": (),
    "chain-rule-w1": ("x", "w1", "w2", "b1", "b2", "t"),
    "output-error-sigmoid-quadratic": ("z", "y"),
    "softmax-ce-gradient": ("z1", "z2", "z3", "y1", "y2", "y3"),
    "perceptron-update": (),
}


# The exercises with a typed answer (explain and implement exercises have none).
TYPED = [e.id for e in registry.list_exercises() if e.is_typed]

# -- the registry -------------------------------------------------------------------------


def test_required_exercises_exist_with_their_variables() -> None:
    for exercise_id, variables in REQUIRED.items():
        assert set(variables) <= set(exercises.get(exercise_id).variables), exercise_id
    assert exercises.get("network-parameter-count").answer_type == "integer"
    assert exercises.get("perceptron-update").answer_type == "array"


def test_every_chapter_has_three_to_eight_exercises() -> None:
    for chapter in range(1, 11):
        assert 3 <= len(exercises.list(chapter)) <= 8, chapter


def test_list_states_prompt_variables_and_syntax() -> None:
    items = exercises.list()
    assert [e.id for e in items] == exercises.ids()
    assert len({e.id for e in items}) == len(items)
    for e in items:
        assert e.prompt and e.hint and e.solution and e.title
        assert e.kind in ("derive", "compute", "predict-then-run", "explain", "implement")
        assert e.syntax and e.tolerance and e.answer_form
        assert "tolerance" not in e.answer_form and "points" not in e.answer_form
        if e.answer_type == "expression":
            assert e.variables and set(e.variables) == set(e.symbols)
            assert "sigma(...)" in e.syntax and all(v in e.syntax for v in e.variables)
            assert e.answer_form.startswith(f"an expression in {', '.join(e.variables)}")
            assert f"write σ as sigma({e.variables[0]})" in e.answer_form


def test_expected_answers_come_from_the_symbolic_derivation() -> None:
    answers = symbolic.derive("exercise-answers").data["answers"]
    assert set(answers) == set(TYPED)
    for e in exercises.list():
        if e.is_typed:
            assert e.expected is answers[e.id]
    assert [ok for _, ok in symbolic.derive("exercise-answers").verify()] == [True] * 9
    assert all(ok for _, ok in symbolic.derive("sigmoid-second-derivative").verify())


def test_the_derived_answers_have_the_closed_forms() -> None:
    x = sympy.Symbol("x", real=True)
    s = 1 / (1 + sympy.exp(-x))
    second = exercises.get("sigmoid-second-derivative").expected
    assert sympy.simplify(second - s * (1 - s) * (1 - 2 * s)) == 0
    assert exercises.get("network-parameter-count").expected == 784 * 100 + 100 + 100 * 10 + 10
    assert list(exercises.get("perceptron-update").expected) == [
        1,
        sympy.Rational(1, 2),
        sympy.Rational(9, 4),
    ]
    assert exercise_answers.parameter_count([2, 2, 3, 2]) == nm.Network([2, 2, 3, 2]).n_params


@pytest.mark.parametrize("exercise_id", TYPED)
def test_the_expected_answer_is_accepted(exercise_id: str) -> None:
    e = exercises.get(exercise_id)
    value = e.expected
    answer = value
    if isinstance(value, sympy.MatrixBase):  # a vector as a list, a matrix as nested lists
        answer = list(value) if 1 in value.shape else value.tolist()
    result = exercises.check(exercise_id, answer)
    assert result.correct, result.message
    assert result.message.startswith("Correct")


@pytest.mark.parametrize("exercise_id", TYPED)
def test_the_sample_answer_gets_a_verdict_without_raising(exercise_id: str) -> None:
    result = exercises.check(exercise_id, exercises.get(exercise_id).sample)
    assert isinstance(result.correct, bool)
    assert result.message and "\n" not in result.message
    assert ("Correct" if result.correct else "Not correct") in result.message
    assert exercise_id in result._repr_html_()


def test_unknown_id_lists_close_matches() -> None:
    with pytest.raises(ValueError, match=r"close matches: .*chain-rule-w1"):
        exercises.check("chain-rule-w", "x")
    with pytest.raises(ValueError, match="unknown exercise"):
        exercises.get("zzzzzz")
    with pytest.raises(TypeError, match="string"):
        exercises.get(3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="chapter"):
        exercises.list(11)


def test_catalogue_records_carry_their_chapter_and_every_wrong_answer_is_filled_in() -> None:
    for number, chapter in enumerate(catalogue.CHAPTERS, 1):
        assert [e.chapter for e in chapter] == [number] * len(chapter)
    assert [e.id for chapter in catalogue.CHAPTERS for e in chapter] == exercises.ids()
    derived = [
        name for e in exercises.list() for name, (value, _) in e.mistakes.items()
        if isinstance(value, forms.FromAnswers) or value is None
    ]  # fmt: skip
    assert derived == []
    update = exercises.get("perceptron-update")
    assert list(update.mistakes["no-eta"][0]) == [
        sympy.Rational(3, 2),
        sympy.Integer(2),
        sympy.Rational(5, 2),
    ]


def test_catalogue_forms_refuse_what_they_cannot_make() -> None:
    with pytest.raises(ValueError, match="chapter number"):
        forms.Chapter(11)
    chapter = forms.Chapter(1)
    with pytest.raises(ValueError, match="answer must be"):
        chapter.compute(
            "x", answer="expression", title="", prompt="", hint="", solution="", sample=""
        )
    with pytest.raises(ValueError, match="nonzero must name"):
        chapter.derive(
            "x", answer_in="a b", nonzero="c", title="", prompt="", hint="", solution="", sample=""
        )
    derived = chapter.derive(
        "x", answer_in="a b", nonzero="a", title="", prompt="", hint="", solution="", sample=""
    )
    assert derived.assumptions == "a real and nonzero, b real"
    assert derived.symbols["a"].is_nonzero and derived.symbols["b"].is_nonzero is None


def test_catalogue_forms_read_expressions_and_mistakes_as_written() -> None:
    chapter = forms.Chapter(5)
    blank = {"title": "", "prompt": "", "hint": "", "solution": "", "sample": ""}
    derived = chapter.derive(
        "x", answer_in="a b", symbols="b a", nonzero="a", factors={"2a": "2a"},
        substitutions={"b": "1 - a"}, **blank,
    )  # fmt: skip
    a, b = derived.symbols["a"], derived.symbols["b"]
    assert list(derived.symbols) == ["b", "a"] and a.is_nonzero and b.is_real
    assert dict(derived.factors) == {"2a": 2 * a} and dict(derived.substitutions) == {b: 1 - a}
    with pytest.raises(ValueError, match="symbols must name"):
        chapter.derive("x", answer_in="a b", symbols="a c", **blank)
    with pytest.raises(ValueError, match="substitutions must replace"):
        chapter.derive("x", answer_in="a b", substitutions={"c": "a"}, **blank)
    with pytest.raises(ValueError, match="unknown name 'c'"):
        chapter.derive("x", answer_in="a b", factors={"c": "c"}, **blank)
    counted = chapter.compute(
        "x", answer="integer", mistakes={"short": {"weights_of": [2, 3], "feedback": "f"}}, **blank
    )
    assert dict(counted.mistakes) == {"short": (6, "f")}
    ruled = chapter.compute(
        "x", answer="array", **blank,
        mistakes={"t": {"rule": "weight-shape-transposed", "feedback": "f"}},
    )  # fmt: skip
    value, _ = ruled.mistakes["t"]
    assert isinstance(value, forms.FromAnswers)
    assert value.rule({"layer-weight-shape": sympy.Matrix([[30, 784]])}) == [784, 30]
    with pytest.raises(ValueError, match="names no rule"):
        chapter.compute("x", answer="array", mistakes={"t": {"rule": "z", "feedback": ""}}, **blank)
    with pytest.raises(ValueError, match="either a rule or weights_of"):
        chapter.compute("x", answer="array", mistakes={"t": {"feedback": ""}}, **blank)
    with pytest.raises(TypeError, match="unexpected keyword"):
        chapter.compute("x", answer="array", mistake={}, **blank)  # type: ignore[call-arg]


# -- correct answers in every accepted form -------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        CHAIN_W1,
        "w2 x sigma(w1 x + b1)(1 - sigma(w1 x + b1))(w2 sigma(w1 x + b1) + b2 - t)",
        "x w2 (sigma(w1 x + b1) - sigma(w1 x + b1)^2)(w2 sigma(w1 x + b1) + b2 - t)",
        "w2x sigma(w1x+b1)(1-sigma(w1x+b1))(w2 sigma(w1x+b1)+b2-t)",
        "w2 x exp(-w1 x - b1)/(1 + exp(-w1 x - b1))^2 (w2/(1 + exp(-w1 x - b1)) + b2 - t)",
    ],
)
def test_chain_rule_w1_accepts_equivalent_forms(answer: str) -> None:
    assert exercises.check("chain-rule-w1", answer).correct


def test_a_sigma_answer_equals_an_exp_answer() -> None:
    with_sigma = exercises.check("sigmoid-second-derivative", "sigma(x)(1-sigma(x))(1-2sigma(x))")
    with_exp = exercises.check("sigmoid-second-derivative", "exp(-x)(exp(-x) - 1)/(1 + exp(-x))^3")
    assert with_sigma.correct and with_exp.correct
    assert "SymPy proves" in with_sigma.message


def test_sympy_expression_and_numpy_answers() -> None:
    x = sympy.Symbol("x")  # no assumptions: matched by name
    sigma = sympy.Function("sigma")
    assert exercises.check(
        "sigmoid-second-derivative", sigma(x) * (1 - sigma(x)) * (1 - 2 * sigma(x))
    ).correct
    assert exercises.check("perceptron-update", np.array([1.0, 0.5, 2.25])).correct
    assert exercises.check("perceptron-update", [1, 0.5, 2.25]).correct
    assert exercises.check("network-parameter-count", 79510).correct
    assert exercises.check("network-parameter-count", np.int64(79510)).correct
    assert exercises.check("bowl-stable-rate", 1 / 3).correct
    with pytest.raises(ValueError, match="unknown name"):
        exercises.check("chain-rule-w1", sympy.Symbol("q"))
    with pytest.raises(TypeError, match="answer must be"):
        exercises.check("chain-rule-w1", object())


def test_softmax_gradient_uses_the_constraint() -> None:
    result = exercises.check("softmax-ce-gradient", "exp(z1)/(exp(z1)+exp(z2)+exp(z3)) - y1")
    assert result.correct and "y1 + y2 + y3 = 1" in result.message
    # Without the constraint the gradient is p1(y1 + y2 + y3) − y1: also right under it.
    longer = "exp(z1)/(exp(z1)+exp(z2)+exp(z3))(y1 + y2 + y3) - y1"
    assert exercises.check("softmax-ce-gradient", longer).correct


def test_numerical_fallback_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checking, "_proved_zero", lambda difference: False)
    result = exercises.check("chain-rule-w1", CHAIN_W1)
    assert result.correct
    assert f"equal at {checking.NUMERIC_POINTS} random points; not proved symbolically" in (
        result.message
    )
    wrong = exercises.check("chain-rule-w1", CHAIN_W1 + " + 1e-6")
    assert not wrong.correct


def test_random_points_are_seeded_and_respect_assumptions() -> None:
    a = sympy.Symbol("a", nonzero=True, real=True)
    p = sympy.Symbol("p", positive=True)
    first = checking.random_points([a, p], "seed")
    assert first == checking.random_points([a, p], "seed")
    assert all(abs(pt[a]) >= 0.3 and pt[p] > 0 for pt in first)


# -- feedback that teaches --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exercise_id", "answer", "expected"),
    [
        ("chain-rule-w1", f"2*{CHAIN_W1}", "constant factor: your answer is 2 times"),
        ("chain-rule-w1", f"w2*x*{S}*(1-{S})*(t-w2*{S}-b2)", "sign is wrong"),
        ("chain-rule-w1", f"x*{S}*(1-{S})*(w2*{S}+b2-t)", "factor w2"),
        ("chain-rule-w1", f"w2*x*(w2*{S}+b2-t)", "factor σ′(z)"),
        ("chain-rule-w1", f"w2*x*{S}*(1-{S})*(w2*{S}-t)", "does not depend on b2"),
        ("chain-rule-w1", f"{CHAIN_W1} - w2^2 x {S}^2", "term is missing"),
        ("chain-rule-w1", f"{CHAIN_W1} + 1", "by the constant 1"),
        ("output-error-sigmoid-quadratic", "sigma(z) - y", "factor σ′(z)"),
        ("two-neuron-w1", exercises.get("two-neuron-w1").sample, "factor σ′(z1)"),
        ("sigmoid-second-derivative", "sigma(x)(1 - sigma(x))", "factor (1 − 2σ(x))"),
        ("softmax-ce-gradient", "exp(z1)/(exp(z1)+exp(z2)+exp(z3))", "does not depend on y1"),
        ("quadratic-cost-gradient", "2(a1 - y1)", "2 times"),
        ("chain-rule-w2", "(w2 sigma(w1 x + b1) + b2 - t)", "factor a = σ(x·w1 + b1)"),
        ("sigmoid-transition", "(b - log(3))/w", "sign is wrong"),
        ("sigmoid-transition", "(log(3) - b)/w + w2", None),
        ("network-parameter-count", "784*100 + 100*10", "only the weights"),
        ("network-parameter-count", "79510.5", "whole number"),
        ("network-parameter-count", "-79510", "sign"),
        ("perceptron-score-rise", "1/2 (1 + 9 + 1/4)", "the score of x itself"),
        ("bowl-stable-rate", "2/1", "that is 2/λmin"),
        ("dot-product", "1", "too large"),
        ("perceptron-update", "[0, -5/2, 7/4]", "wrong way"),
        ("perceptron-update", "[1, 1/2]", "wrong shape: expected an array of shape (3,)"),
        ("perceptron-update", "[1, 2, 9/4]", "entry 2 is off"),
        ("perceptron-update", "3", "wrong shape"),
        ("perceptron-unchanged", "[1, 1/2, 9/4]", "leaves w unchanged"),
        ("layer-weight-shape", "[784, 30]", "rows and columns are swapped"),
        ("gradient-step", "[2, -9/4]", "up the gradient"),
        ("dot-product", "[1, 2]", "wrong shape"),
        ("chain-rule-w1", "[1, 2]", "got an array"),
    ],
)
def test_wrong_answers_get_feedback(exercise_id: str, answer: str, expected: str | None) -> None:
    if expected is None:  # an unknown variable is bad input, not a wrong answer
        with pytest.raises(ValueError, match="unknown name 'w2'"):
            exercises.check(exercise_id, answer)
        return
    result = exercises.check(exercise_id, answer)
    assert not result.correct
    assert result.message.startswith("Not correct: ")
    assert expected in result.message, result.message


def test_feedback_falls_back_to_a_point_where_the_answers_differ() -> None:
    result = exercises.check("chain-rule-w1", f"w1*x*{S}*(1-{S})*(w2*{S}+b2-t)")
    assert (
        not result.correct
        and "your answer is" in result.message
        and "correct value" in (result.message)
    )


def test_answer_undefined_at_a_point_is_reported() -> None:
    result = exercises.check("chain-rule-w1", "log(x - 5)")
    assert not result.correct and "not a finite real number" in result.message


# -- the parser ---------------------------------------------------------------------------------


X = sympy.Symbol("x")
VARS = {"x": X}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2x", 2 * X),
        ("2(x+1)", 2 * X + 2),
        ("(x+1)(x-1)", (X + 1) * (X - 1)),
        ("x^2", X**2),
        ("x**2", X**2),
        ("2^3^2", sympy.Integer(2) ** 9),
        ("-x^2", -(X**2)),
        ("0.5x", X / 2),
        ("1e-3", sympy.Rational(1, 1000)),
        ("2exp(x)", 2 * sympy.exp(X)),
        ("sqrt(4)", sympy.Integer(2)),
        ("log(exp(2))", sympy.Integer(2)),
        ("[1, 2, 3]", [1, 2, 3]),
        ("[[1, 2], [3, x]]", [[1, 2], [3, X]]),
    ],
)
def test_parser_accepts_math(text: str, value: object) -> None:
    assert parsing.parse_answer(text, VARS) == value


def test_parser_sigma_is_the_sigmoid() -> None:
    parsed = parsing.parse_answer("sigma(x)", VARS)
    assert sympy.simplify(checking.to_exp(parsed) - 1 / (1 + sympy.exp(-X))) == 0


MALICIOUS = [
    "__import__('os').system('echo pwned')",
    "__import__",
    "().__class__.__bases__[0].__subclasses__()",
    "x.__class__",
    "x.real",
    "exp.__globals__",
    "lambda: 1",
    "lambda x: x",
    "open('/etc/passwd')",
    "eval('1')",
    "exec('1')",
    "getattr(x, 'real')",
    "[x for x in [1]]",
    "'a' * 3",
    '"abc"',
    "x if 1 else 2",
    "x == 1",
    "x < 1",
    "x and 1",
    "not x",
    "x; import os",
    "import os",
    "(x := 2)",
    "{1: 2}",
    "{1, 2}",
    "(1, 2)",
    "x[0]",
    "f'{x}'",
    "1j",
    "True",
    "None",
    "x @ x",
    "x % 2",
    "x // 2",
    "~x",
    "exp(x=1)",
    "sigma(*[x])",
    "#",
    "\\x",
    "x\n__import__('os')",
]


@pytest.mark.parametrize("text", MALICIOUS)
def test_parser_rejects_python(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    called: list[object] = []

    def trap(*args: object, **kwargs: object) -> None:
        called.append(args)
        raise AssertionError("eval/sympify must never be called")

    import builtins

    monkeypatch.setattr(builtins, "eval", trap)
    monkeypatch.setattr(sympy, "sympify", trap)
    monkeypatch.setattr(parsing.sympy, "sympify", trap)
    with pytest.raises(ValueError) as info:
        parsing.parse_answer(text, VARS)
    message = str(info.value)
    assert message and not called
    if "not allowed" in message:
        assert "allowed are" in message


def test_rejection_says_what_is_allowed() -> None:
    with pytest.raises(ValueError, match="not allowed in an answer; allowed are numbers"):
        exercises.check("chain-rule-w1", "__import__('os').system('echo pwned')")
    with pytest.raises(ValueError, match="attribute access"):
        parsing.parse_answer("x.real", VARS)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("sigma(x", "unclosed '('"),
        ("x)", "no matching '('"),
        ("x +", "ends with an operator"),
        ("[1, 2", "brackets"),
        ("", "empty"),
        ("   ", "empty"),
        ("y", "unknown name 'y'"),
        ("exp", "exp is a function"),
        ("exp(x, 2)", "exactly one argument"),
        ("9^9^9", "exponents larger than"),
        ("x^1000", "exponents larger than"),
        ("1/0", "division by zero"),
        ("log(-1)", "not positive"),
        ("x" * 2000, "longer than"),
        ("-" * 70 + "x", "nested"),
        ("-" * 900 + "x", "nested"),
        ("(" * 300 + "x" + ")" * 300, "parse|nested"),
    ],
)
def test_parser_names_the_problem(text: str, problem: str) -> None:
    pattern = problem if "|" in problem else problem.replace("(", r"\(").replace(")", r"\)")
    with pytest.raises(ValueError, match=pattern):
        parsing.parse_answer(text, VARS)


def test_parser_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="string"):
        parsing.parse_answer(3, VARS)  # type: ignore[arg-type]


# -- rendering -----------------------------------------------------------------------------------


def test_chapter_html_folds_hint_and_solution() -> None:
    markup = exercises.exercises_html(5).markup
    assert markup.count("<details") == 2 * len(exercises.list(5))
    assert "<details open" not in markup and "<summary>Hint</summary>" in markup
    assert "Worked solution" in markup and "$$" in markup
    assert 'data-exercise="chain-rule-w1"' in markup
    one = exercises.exercise_html("chain-rule-w1").markup
    assert "Exercise 5.1" in one


def test_solution_latex_prints_sigma() -> None:
    assert r"\sigma" in exercises.get("output-error-sigmoid-quadratic").solution_latex


# -- the command line ----------------------------------------------------------------------------


def _run(*argv: str) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "nnmath", "exercise", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_cli_acceptance_correct_and_wrong() -> None:
    code, out, err = _run("check", "chain-rule-w1", CHAIN_W1)
    assert code == 0 and out.startswith("Correct") and len(out.splitlines()) == 1, (out, err)
    code, out, err = _run("check", "chain-rule-w1", f"x*{S}*(1-{S})*(w2*{S}+b2-t)")
    assert code == 1 and "factor w2" in out and len(out.splitlines()) == 1, (out, err)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["check", "chain-rule-w1", "__import__('os').system('echo pwned')"], "not allowed"),
        (["check", "chain-rule-w1", "sigma(x"], "unclosed"),
        (["check", "chain-rul", "x"], "close matches"),
        (["check", "chain-rule-w1"], "expected exercise list"),
        (["frobnicate"], "expected exercise list"),
        ([], "expected exercise list"),
        (["show"], "expected exercise list"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["exercise", *argv]) == 2
    captured = capsys.readouterr()
    assert expected in captured.err and len(captured.err.strip().splitlines()) == 1
    assert "Traceback" not in captured.err and "pwned" not in captured.out


def test_cli_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exercise", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(exercises.ids()) and lines[0].startswith(exercises.ids()[0])
    assert main(["exercise", "show", "softmax-ce-gradient"]) == 0
    out = capsys.readouterr().out
    assert "y1 + y2 + y3 = 1" in out and "sigma(...)" in out


def test_cli_answer_may_start_with_a_minus(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exercise", "check", "sigmoid-transition", "-(b - log(3))/w"]) == 0
    assert capsys.readouterr().out.startswith("Correct")


# -- doctests ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "module", [exercises, parsing, registry, catalogue, forms, mistakes, exercise_answers]
)
def test_doctests(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.failed == 0 and result.attempted > 0


# -- the chapters' exercise sections -------------------------------------------------------------

CHAPTERS = sorted((Path(__file__).resolve().parents[1] / "docs" / "chapters").glob("[01]*.py"))
CHECK_CALL = re.compile(r'nm\.exercises\.check\(\s*"([\w-]+)",\s*("(?:[^"\\]|\\.)*"),?\s*\)')


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name[:2])
def test_chapter_ends_with_its_exercises_before_further_reading(path: Path) -> None:
    chapter = int(path.name[:2])
    text = path.read_text(encoding="utf-8")
    start, end = text.index("# ## Exercises\n"), text.index("# ## Further reading\n")
    assert start < end and "\n# ## " not in text[start + 1 : end]  # no other section between
    section = text[start:end]
    assert f"nm.exercises.exercises_html({chapter})" in section
    checked = CHECK_CALL.findall(section)
    wanted = [e.id for e in exercises.list(chapter) if e.is_typed]
    assert 3 <= len(wanted) <= 6
    assert [i for i, _ in checked] == wanted
    for exercise_id, literal in checked:  # the page checks the registry's sample answer
        assert ast.literal_eval(literal) == exercises.get(exercise_id).sample


def test_the_chapters_show_right_and_wrong_sample_answers() -> None:
    verdicts = [exercises.check(e.id, e.sample).correct for e in exercises.list() if e.is_typed]
    assert any(verdicts) and not all(verdicts)
