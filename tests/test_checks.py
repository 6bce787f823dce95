"""The check registry: every check passes, and every kind of check can fail."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import numpy as np
import pytest
import sympy

import nnmath
from nnmath import activations, losses
from nnmath.checks import (
    CHECKS,
    METHODS,
    Check,
    CheckResult,
    exact_arithmetic,
    get_check,
    proofs,
    registry,
    relative_error,
    run_all,
)
from nnmath.checks.model import timed
from nnmath.symbolic import Claim, derive, names
from nnmath.workspace import Workspace

CHECK_NAMES = [check.name for check in CHECKS]


@pytest.mark.parametrize("name", CHECK_NAMES)
def test_check_passes(name: str) -> None:
    result = get_check(name).run()
    assert isinstance(result, CheckResult)
    assert result.passed, result.detail
    assert result.detail
    assert result.seconds >= 0


def test_names_are_unique_and_kebab_case() -> None:
    assert len(set(CHECK_NAMES)) == len(CHECK_NAMES)
    for name in CHECK_NAMES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name


def test_fields_are_well_formed() -> None:
    valid = set(names())
    for check in CHECKS:
        assert check.method in METHODS
        assert check.derivation is None or check.derivation in valid
        assert check.statement and "$" not in check.statement and "\\" not in check.statement
        assert check.tolerance


def test_every_method_and_derivation_is_covered() -> None:
    assert {c.method for c in CHECKS} == set(METHODS)
    proved = {c.derivation for c in CHECKS if c.method == "SymPy proof"}
    assert proved == set(names())
    for required in (
        "sigmoid-kernel",
        "sigmoid-derivative-kernel",
        "softmax-kernel",
        "log-softmax-kernel",
        "cross-entropy-gradient-kernel",
        "quadratic-loss-kernel",
        "backprop-vs-symbolic",
        "gradcheck-sigmoid-quadratic",
        "gradcheck-softmax-cross-entropy",
        "worked-example",
        "backprop-layerwise-10-layers",
    ):
        assert required in CHECK_NAMES


def test_check_rejects_bad_fields() -> None:
    def run() -> CheckResult:
        return CheckResult(True, "", 0.0)

    with pytest.raises(ValueError, match="method"):
        Check("x", "s", None, "eyeballing", "none", run)
    with pytest.raises(ValueError, match="kebab"):
        Check("Not Kebab", "s", None, "SymPy proof", "none", run)


def test_get_check_errors() -> None:
    with pytest.raises(ValueError, match="sigmoid-kernel"):
        get_check("nope")
    with pytest.raises(TypeError):
        get_check(3)  # type: ignore[arg-type]


def test_run_all_passes() -> None:
    # How long the registry takes is measured by scripts/bench.py, not asserted here.
    results = run_all()
    assert [c.name for c, _ in results] == CHECK_NAMES
    assert all(r.passed for _, r in results), [(c.name, r.detail) for c, r in results]


def test_relative_error() -> None:
    assert relative_error([[1.0, 2.0]], [[1.0, 2.0]]) == 0.0
    assert relative_error([[1.0, 2.2]], [[1.0, 2.0]]) == pytest.approx(0.1)
    assert relative_error([np.nan], [1.0]) == float("inf")
    with pytest.raises(ValueError, match="shapes"):
        relative_error([1.0, 2.0], [1.0])


# -- every kind of check can fail -------------------------------------------------------------


def _fails(name: str) -> CheckResult:
    result = get_check(name).run()
    assert not result.passed, result.detail
    return result


def test_perturbed_sigmoid_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    original = activations.sigmoid
    monkeypatch.setattr(activations, "sigmoid", lambda x: original(x) * (1 + 1e-9))
    _fails("sigmoid-kernel")


def test_perturbed_sigmoid_prime_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    # σ(1 − σ) evaluated with a slightly wrong σ is wrong by far more than 1e-12.
    monkeypatch.setattr(activations, "sigmoid_prime", lambda x: np.exp(-x) / (1 + np.exp(-x)))
    _fails("sigmoid-derivative-kernel")


def test_perturbed_softmax_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    original = activations.softmax
    monkeypatch.setattr(activations, "softmax", lambda z: original(z + np.arange(z.shape[-1])))
    _fails("softmax-kernel")


def test_perturbed_log_softmax_and_losses_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    log_sm, ce_grad, quad = activations.log_softmax, losses.cross_entropy_grad, losses.quadratic
    monkeypatch.setattr(activations, "log_softmax", lambda z: log_sm(z) + 1e-10)
    monkeypatch.setattr(losses, "cross_entropy_grad", lambda z, y: ce_grad(z, y) * (1 + 1e-9))
    monkeypatch.setattr(losses, "quadratic", lambda a, y: 2 * quad(a, y))
    _fails("log-softmax-kernel")
    _fails("cross-entropy-gradient-kernel")
    _fails("quadratic-loss-kernel")


def test_a_crashing_kernel_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(z: Any) -> Any:
        raise RuntimeError("kernel exploded")

    monkeypatch.setattr(activations, "softmax", broken)
    result = _fails("softmax-kernel")
    assert "kernel exploded" in result.detail


def test_wrong_backprop_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    # Network.gradient runs the backpropagation of nnmath.workspace (tests/test_network.py
    # holds it equal to the readable Network.backward); break that one.
    original = Workspace.backprop

    def backprop(self: Workspace, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        dW = args[5]
        dW[0] *= 1 + 1e-5  # one layer off by 1e-5 relative

    monkeypatch.setattr(Workspace, "backprop", backprop)
    _fails("backprop-vs-symbolic")
    _fails("chain-rule-network-vs-symbolic")
    _fails("gradcheck-sigmoid-quadratic")
    _fails("gradcheck-softmax-cross-entropy")


def test_wrong_worked_example_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong() -> dict[str, sympy.Rational]:
        values = nnmath.symbolic.worked_example()
        values["y_hat_up_large"] = sympy.Rational(13, 2)
        return values

    monkeypatch.setattr(exact_arithmetic, "worked_example", wrong)
    result = _fails("worked-example")
    assert "y_hat_up_large" in result.detail


def test_false_claim_fails_the_proof_check(monkeypatch: pytest.MonkeyPatch) -> None:
    x = sympy.Symbol("x", real=True)
    real = derive("sigmoid")
    tampered = dataclasses.replace(
        real, claims=(*real.claims, Claim("σ(0) = 1", sympy.Subs(1 / (1 + sympy.exp(-x)), x, 0), 1))
    )
    monkeypatch.setattr(proofs, "derive", lambda name: tampered)
    result = _fails("symbolic-sigmoid")
    assert "σ(0) = 1" in result.detail


def test_failed_backprop_proof_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    import nnmath.symbolic.backprop_network as bp

    # A wrong BP1 (missing σ′) must not be proved.
    monkeypatch.setattr(bp, "logistic_prime", lambda t: sympy.Integer(1))
    _fails("backprop-layerwise-10-layers")


def test_check_json_lists_every_check_with_status_and_kind(capsys) -> None:
    from nnmath.cli import main

    code = main(["check", "--json"])
    records = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [r["name"] for r in records] == CHECK_NAMES
    assert {r["status"] for r in records} == {"pass"}
    assert {r["kind"] for r in records} <= {"SymPy proof", "sizes 1..n", "numerical",
                                           "exact arithmetic"}  # fmt: skip
    step_records = [r for r in records if r["step"] is not None]
    for record in step_records:
        step = next(s for s in derive(record["derivation"]).steps if s.label == record["step"])
        assert step.check == record["name"] and step.verification.run_kind == record["kind"]
        # Evidence under a premise says what it supports; a step's own check does not.
        assert bool(record["supports"]) == step.verification.is_premise


def test_a_wrong_step_fails_check_json_with_exit_code_1(monkeypatch, capsys) -> None:
    from nnmath.cli import main
    from nnmath.symbolic import proved

    x = sympy.Symbol("x", real=True)
    wrong = proved(sympy.Derivative(x**2, x), x)  # d(x²)/dx = x is false
    target = "step-sigmoid-differentiate"
    tampered = tuple(
        dataclasses.replace(c, run=timed(wrong.run)) if c.name == target else c for c in CHECKS
    )
    monkeypatch.setattr(registry, "all_checks", lambda: tampered)
    code = main(["check", "--json"])
    records = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert code == 1
    assert records[target]["status"] == "fail" and records[target]["kind"] == "SymPy proof"
    assert "did not reduce" in records[target]["detail"]
    assert {r["status"] for n, r in records.items() if n != target} == {"pass"}


def test_step_checks_cover_every_kind() -> None:
    # Every kind of check; the premise kinds are not checks, so no check has them.
    from nnmath.symbolic import CHECK_KINDS, PREMISE_KINDS

    kinds = {c.kind for c in CHECKS if c.step is not None}
    assert kinds == set(CHECK_KINDS)
    assert not kinds & set(PREMISE_KINDS)


def test_perceptron_over_the_bound_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from nnmath import perceptron

    original = perceptron.margin_bound

    def too_small(*args: Any, **kwargs: Any) -> dict[str, Any]:
        out = dict(original(*args, **kwargs))
        out["bound"] = 1.0  # every run here needs more than one update
        return out

    monkeypatch.setattr(perceptron, "margin_bound", too_small)
    result = _fails("perceptron-bound-train-perceptron")
    assert "≤ 1" in result.detail


def test_relu_derivative_with_another_convention_at_zero_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # ReLU′(0) = 1 instead of the derivation's 0: the network check must notice.
    from nnmath import network

    original = network._activation_prime

    def prime(name: str, z: Any, a: Any) -> Any:
        return (z >= 0).astype(z.dtype) if name == "relu" else original(name, z, a)

    monkeypatch.setattr(network, "_activation_prime", prime)
    assert "1 at 0" in _fails("relu-derivative-network").detail


def test_wrong_tanh_derivative_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from nnmath import network

    original = network._activation_prime

    def prime(name: str, z: Any, a: Any) -> Any:
        return 1 - a**2 / 2 if name == "tanh" else original(name, z, a)

    monkeypatch.setattr(network, "_activation_prime", prime)
    _fails("tanh-derivative-network")


def test_importing_the_package_builds_no_derivation() -> None:
    # The registry derives every derivation; it is built on first use, not on import.
    import subprocess
    import sys

    code = (
        "import nnmath.checks\n"
        "from nnmath.symbolic.registry import derive\n"
        "print(derive.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
