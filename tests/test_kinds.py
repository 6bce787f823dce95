"""The kinds of step check, their order, and premises (cited theorems, written arguments)."""

from __future__ import annotations

import html
import json
import re

import pytest
import sympy

from nnmath.symbolic import (
    CHECK_KINDS,
    KIND_RANK,
    PREMISE_KINDS,
    STEP_CHECK_KINDS,
    Claim,
    Reference,
    StepCheck,
    cited,
    derive,
    names,
    numerically,
    on_sizes,
    proved,
    written_argument,
)
from nnmath.symbolic.core import build, make_step
from nnmath.symbolic.kinds import kind_label, weakest

RUDIN = Reference("W. Rudin", "Principles of Mathematical Analysis", 1976, "Theorem 5.5")
X = sympy.Symbol("x", real=True)


def _proof() -> StepCheck:
    return proved(sympy.Derivative(X**2, X), 2 * X)


def _toy(*checks: StepCheck, labels: tuple[str, ...] | None = None):  # type: ignore[no-untyped-def]
    labels = labels or tuple(f"step {i}" for i in range(len(checks)))
    steps = [make_step("start", X)] + [
        make_step(label, X, "because", check=check)
        for label, check in zip(labels, checks, strict=True)
    ]
    return build(
        name="toy", title="Toy", summary="A toy.", steps=steps, result=X,
        claims=[Claim("x = x", X, X)],
    )  # fmt: skip


def test_the_kinds_are_ranked_by_what_they_establish() -> None:
    assert STEP_CHECK_KINDS == CHECK_KINDS + PREMISE_KINDS
    assert set(KIND_RANK) == set(CHECK_KINDS)
    assert KIND_RANK["SymPy proof"] == KIND_RANK["exact arithmetic"]
    assert KIND_RANK["exact arithmetic"] < KIND_RANK["sizes 1..n"] < KIND_RANK["numerical"]
    assert weakest(["SymPy proof", "numerical", "sizes 1..n"]) == "numerical"
    assert weakest(["exact arithmetic"]) == "exact arithmetic"
    assert weakest(["exact arithmetic", "cited theorem", "SymPy proof"]) == "SymPy proof"
    with pytest.raises(ValueError, match="at least one checked kind"):
        weakest(["cited theorem", "written argument"])
    with pytest.raises(ValueError, match="kind must be one of"):
        weakest(["proved by hand"])


def test_a_premise_is_not_a_check_and_a_check_is_not_a_premise() -> None:
    theorem = cited("the chain rule", RUDIN)
    assert theorem.is_premise and theorem.run is None and theorem.runner is None
    assert theorem.run_kind is None
    with pytest.raises(ValueError, match="premise, not a check"):
        StepCheck("cited theorem", run=lambda: (True, ""), premise="x", reference=RUDIN)
    with pytest.raises(ValueError, match="needs its reference"):
        StepCheck("cited theorem", premise="the chain rule")
    with pytest.raises(ValueError, match="needs its premise named"):
        cited(" ", RUDIN)
    with pytest.raises(ValueError, match="steps it rests on"):
        written_argument("the induction", [])
    with pytest.raises(ValueError, match="needs a run"):
        StepCheck("SymPy proof")
    with pytest.raises(ValueError, match="takes no premise fields"):
        StepCheck("numerical", run=lambda: (True, ""), reference=RUDIN)
    with pytest.raises(ValueError, match="evidence must be a check"):
        cited("the chain rule", RUDIN, evidence=cited("the product rule", RUDIN))
    with pytest.raises(ValueError, match="four-digit"):
        Reference("W. Rudin", "Principles", 76)


def test_evidence_runs_under_a_premise_without_upgrading_it() -> None:
    sizes = on_sizes(lambda n: (sympy.Integer(n), sympy.Integer(n)), (1, 2))
    theorem = cited("Cauchy–Schwarz", RUDIN, evidence=sizes)
    assert theorem.kind == "cited theorem" and theorem.run_kind == "sizes 1..n"
    assert theorem.runner is not None and theorem.runner()[0]
    failing = cited("Cauchy–Schwarz", RUDIN, evidence=numerically(lambda: (False, "no")))
    assert failing.runner is not None and failing.runner() == (False, "no")


def test_a_derivation_is_as_strong_as_its_weakest_checked_step_premises_aside() -> None:
    proof, theorem = _proof(), cited("the chain rule", RUDIN)
    assert _toy(proof).kind == "SymPy proof"
    assert _toy(proof).kind_label == "proved by SymPy"
    sampled = on_sizes(lambda n: (sympy.Integer(n), sympy.Integer(n)), (1, 2))
    assert _toy(proof, sampled).kind == "sizes 1..n"
    assert _toy(proof, sampled, numerically(lambda: (True, "ok"))).kind == "numerical"
    with_premise = _toy(proof, theorem)
    assert with_premise.kind == "SymPy proof"
    assert with_premise.premises == (theorem,)
    assert with_premise.kind_label == "proved by SymPy, from the chain rule"
    # Evidence under a premise does not lower (nor raise) the kind: the premise is aside.
    evidenced = cited("the chain rule", RUDIN, evidence=numerically(lambda: (True, "ok")))
    assert _toy(proof, evidenced).kind == "SymPy proof"
    # Only premises: the claims are SymPy proofs, and the label names the premises.
    induction = written_argument("the written induction", ["step 0"], "for every depth")
    both = _toy(proof, theorem, induction)
    assert both.kind_label == (
        "proved by SymPy, from the chain rule and for every depth by the written induction"
    )
    assert kind_label("numerical", [theorem]) == "checked numerically, from the chain rule"


def test_check_names_go_to_steps_that_run_something() -> None:
    evidenced = cited("the chain rule", RUDIN, evidence=numerically(lambda: (True, "ok")))
    d = _toy(_proof(), cited("the chain rule", RUDIN), evidenced)
    checks = [s.check for s in d.steps]
    assert checks == [None, "step-toy-step-0", None, "step-toy-step-2"]


def test_a_written_argument_rests_on_earlier_checked_or_cited_steps() -> None:
    induction = written_argument("the written induction", ["step 0"])
    assert _toy(_proof(), induction).kind == "SymPy proof"
    with pytest.raises(ValueError, match="earlier checked steps"):
        _toy(induction, _proof())
    # It names every premise it uses: an earlier cited theorem, too.
    uses_the_rule = written_argument("the written induction", ["step 0", "step 1"])
    d = _toy(_proof(), cited("the chain rule", RUDIN), uses_the_rule)
    assert d.kind_label == "proved by SymPy, from the chain rule and by the written induction"
    with pytest.raises(ValueError, match="earlier checked steps or cited theorems"):
        _toy(uses_the_rule, _proof(), cited("the chain rule", RUDIN))
    # Not on another written argument, nor on a later cited theorem.
    on_an_argument = written_argument("a second induction", ["step 1"])
    with pytest.raises(ValueError, match="earlier checked steps or cited theorems"):
        _toy(_proof(), induction, on_an_argument)


def test_every_registered_derivation_has_a_kind_and_a_label() -> None:
    for name in names():
        d = derive(name)
        assert d.kind in CHECK_KINDS
        kinds = [s.verification.kind for s in d.checked_steps]
        assert d.kind == weakest(["SymPy proof", *kinds]), name
        assert d.kind_label.startswith(kind_label(d.kind)), name


def test_derive_json_gives_the_overall_kind_and_the_premises(capsys) -> None:  # type: ignore[no-untyped-def]
    from nnmath.cli import main

    for name in names():
        assert main(["derive", name, "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        d = derive(name)
        assert data["kind"] == d.kind and data["label"] == d.kind_label
        assert [p["premise"] for p in data["premises"]] == [p.premise for p in d.premises]
        for shown, step in zip(data["steps"], d.steps, strict=True):
            if step.verification is not None and step.verification.is_premise:
                assert shown["premise"]["kind"] == step.verification.kind


def test_premise_evidence_is_a_check_that_says_what_it_supports(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from nnmath.checks import per_derivation

    evidenced = cited("the chain rule", RUDIN, evidence=numerically(lambda: (True, "ok")))
    toy = _toy(_proof(), cited("Cauchy–Schwarz", RUDIN), evidenced)
    monkeypatch.setattr(per_derivation, "names", lambda: ("toy",))
    monkeypatch.setattr(per_derivation, "derive", lambda name: toy)
    checks = {c.name: c for c in per_derivation.step_checks()}
    assert set(checks) == {"step-toy-step-0", "step-toy-step-2"}
    evidence = checks["step-toy-step-2"]
    assert evidence.kind == "numerical" and evidence.supports.startswith("cited theorem: ")
    assert "W. Rudin" in evidence.supports and "not a proof" in evidence.statement
    assert evidence.run().passed
    assert checks["step-toy-step-0"].supports == "" and checks["step-toy-step-0"].run().passed


def test_a_premise_step_shows_its_reference_in_the_marker() -> None:
    from nnmath.notebook import _step_item, _step_line

    anchored = Reference("A. B. J. Novikoff", "On convergence proofs", 1962, anchor="novikoff1962")
    theorem = cited("Novikoff's induction", anchored, evidence=numerically(lambda: (True, "")))
    d = _toy(_proof(), theorem)
    shown = _step_line(3, d.steps[2])
    assert "a cited theorem, not checked here" in shown
    assert 'href="../references.md#novikoff1962"' in shown
    evidence = "As supporting evidence, not a proof of the step, a related statement is checked"
    assert f"{evidence} numerically" in shown
    # The check id is only in the link's address, never in the text a reader sees.
    assert 'href="../verification.py#step-toy-step-1"' in shown
    assert "step-toy-step-1" not in re.sub(r'href="[^"]*"', "", shown)
    # The step itself shows its math and justification, not how it is checked.
    assert "not checked here" not in _step_item(d.steps[2])


def test_the_check_of_a_whole_derivation_has_its_overall_kind_never_a_stronger_one() -> None:
    from nnmath.checks import CHECKS

    for name in names():
        d = derive(name)
        whole = next(c for c in CHECKS if c.name == f"symbolic-{name}")
        assert whole.kind == d.kind and whole.label == d.kind_label, name
        steps = [c for c in CHECKS if c.derivation == name and c.step is not None]
        ranks = [KIND_RANK[c.kind] for c in steps if not c.supports]
        assert KIND_RANK[whole.kind] == max([0, *ranks]), name


def test_the_marker_shows_the_overall_label_never_a_stronger_one() -> None:
    from nnmath.notebook import checked, derivation

    for name in names():
        d = derive(name)
        for shown in (checked(f"symbolic-{name}").markup, derivation(name).markup):
            summary = re.search(
                r'<details class="nnmath-marker"[^>]*><summary>(.*?)</summary>', shown
            )
            assert summary is not None, name
            assert summary.group(1).startswith(f"✓ {html.escape(d.kind_label)}"), name
            if d.kind != "SymPy proof":
                assert not summary.group(1).startswith("✓ proved by SymPy,"), name


def test_sums_with_symbolic_bounds_are_compared_soundly() -> None:
    from nnmath.symbolic.sums import entrywise, sum_normal_form

    n, m = sympy.symbols("n m", integer=True, positive=True)
    w1, w2 = sympy.MatrixSymbol("W1", m, n), sympy.MatrixSymbol("W2", n, m)
    x, b = sympy.MatrixSymbol("x", n, 1), sympy.MatrixSymbol("b", m, 1)
    assert entrywise(w2 * (w1 * x + b), (w2 * w1) * x + w2 * b)[0]
    assert not entrywise(w2 * (w1 * x + b), (w2 * w1) * x)[0]
    assert not entrywise(w1.T * b, w1.T * b + w1.T * b)[0]
    k = sympy.Symbol("k", integer=True)
    assert sum_normal_form(sympy.Sum(1, (k, 0, n - 1)) - n) == 0  # n terms of 1
    with pytest.raises(ValueError, match="shapes differ"):
        entrywise(w1, w2)


def test_derive_json_kind_is_the_weakest_of_its_own_checked_steps(capsys) -> None:  # type: ignore[no-untyped-def]
    from nnmath.cli import main

    for name in names():
        assert main(["derive", name, "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        # Read from the JSON alone: the kinds of its steps, premises aside.
        step_kinds = [step["kind"] for step in data["steps"] if step.get("kind")]
        checked = [kind for kind in step_kinds if kind in CHECK_KINDS]
        assert data["kind"] == weakest(["SymPy proof", *checked]), name
        assert data["label"].startswith(kind_label(data["kind"])), name
        premises = [kind for kind in step_kinds if kind in PREMISE_KINDS]
        assert len(premises) == len(data["premises"]), name


def _anchors_on_the_references_page() -> set[str]:
    """The ids the references page gives its entries: attribute lists ``{ #id }``."""
    import re
    from pathlib import Path

    page = Path(__file__).resolve().parents[1] / "docs" / "references.md"
    return set(re.findall(r"^\{ *#([A-Za-z][\w-]*) *\}$", page.read_text(), re.MULTILINE))


def test_every_cited_reference_is_on_the_references_page() -> None:
    from nnmath.symbolic import references

    anchors = _anchors_on_the_references_page()
    assert {"novikoff1962", "rudin1976", "higham2019"} <= anchors
    listed = [getattr(references, n) for n in references.__all__]
    cited_by_steps = [p.reference for n in names() for p in derive(n).premises if p.reference]
    assert cited_by_steps, "no derivation cites a reference"
    for ref in [*listed, *cited_by_steps]:
        assert ref.anchor, f"{ref.citation} has no anchor on the references page"
        assert ref.anchor in anchors, f"#{ref.anchor} ({ref.citation}) is not on the page"


def test_the_headline_derivations_sample_no_general_statement() -> None:
    from nnmath.checks import CHECKS

    headline = {"backprop", "softmax", "softmax-cross-entropy", "jacobian-chain-rule"}
    sampled = [c for c in CHECKS if c.kind == "sizes 1..n"]
    assert len(sampled) <= 5, [c.name for c in sampled]
    assert not [c.name for c in sampled if c.derivation in headline]
    for name in headline:
        assert derive(name).kind == "SymPy proof", name
        whole = next(c for c in CHECKS if c.name == f"symbolic-{name}")
        assert whole.kind == "SymPy proof", name


def test_the_derivations_outside_the_headline_four_sample_no_general_statement() -> None:
    from nnmath.checks import CHECKS

    headline = {"backprop", "softmax", "softmax-cross-entropy", "jacobian-chain-rule"}
    sampled = [c.name for c in CHECKS if c.kind == "sizes 1..n" and c.derivation not in headline]
    # Only evidence under the written induction of the vanishing gradient remains.
    assert sampled == ["step-vanishing-gradient-unrolled-to-the-output"]
    assert next(c for c in CHECKS if c.name == sampled[0]).supports
