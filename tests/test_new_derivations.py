"""The derivations of binary cross-entropy, the likelihood and the initial weight scale."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from nnmath import losses
from nnmath.checks.registry import get_check
from nnmath.symbolic import derive

NEW = ("binary-cross-entropy", "cross-entropy-likelihood", "weight-initialisation")


@pytest.mark.parametrize("name", NEW)
def test_every_checked_step_is_a_proof_and_passes(name: str) -> None:
    derivation = derive(name)
    assert derivation.checked_steps
    for step in derivation.checked_steps:
        assert step.verification is not None
        if step.verification.is_premise:
            continue
        assert step.verification.kind == "SymPy proof", step.label
        assert step.verification.run is not None
        ok, detail = step.verification.run()
        assert ok, (step.label, detail)
    assert all(ok for _, ok in derivation.verify())


def test_binary_cross_entropy_error_has_no_sigma_prime() -> None:
    d = derive("binary-cross-entropy")
    z, y = d.symbols["z"], d.symbols["y"]
    grad = d.formulas["binary_cross_entropy_grad"].outputs[0]
    assert sympy.simplify(grad - (1 / (1 + sympy.exp(-z)) - y)) == 0
    assert r"\sigma{\left(z \right)} - y" in d.result_latex


def test_binary_cross_entropy_kernels_match_the_derivation() -> None:
    z = np.array([[-30.0, -2.0, 0.0, 3.0]])
    y = np.array([[1.0, 0.0, 0.5, 1.0]])
    sig = 1 / (1 + np.exp(-z))
    direct = -(y * np.log(sig) + (1 - y) * np.log(1 - sig)).sum()
    assert losses.binary_cross_entropy(z, y) == pytest.approx(direct, rel=1e-12)
    assert np.allclose(losses.binary_cross_entropy_grad(z, y), sig - y, rtol=0, atol=1e-15)
    assert np.isfinite(losses.binary_cross_entropy(np.array([[-1e6]]), np.array([[1.0]])))


def test_two_class_softmax_is_the_sigmoid_case() -> None:
    d = derive("binary-cross-entropy")
    assert "p_{1}" in d.steps[-1].latex and d.steps[-1].verification is not None


def test_likelihood_result_is_the_cross_entropy() -> None:
    d = derive("cross-entropy-likelihood")
    assert r"- \log{\left(L \right)}" in d.result_latex
    assert r"\sum_{k=1}^{K}" in d.result_latex


def test_initialisation_scales() -> None:
    d = derive("weight-initialisation")
    n_in, n_out = d.symbols["n_in"], d.symbols["n_out"]
    assert d.data["lecun"] == 1 / n_in
    assert d.data["he"] == 2 / n_in
    assert sympy.simplify(d.data["glorot"] - 2 / (n_in + n_out)) == 0
    assert d.result_latex.startswith(r"\operatorname{Var}\left(z\right) = n_\text{in}")


def test_initialisation_rests_on_stated_assumptions_and_one_cited_theorem() -> None:
    d = derive("weight-initialisation")
    unchecked = [s.label for s in d.steps if s.verification is None]
    assert unchecked == ["A neuron at the start", "Assumptions"]
    premises = [s for s in d.steps if s.verification is not None and s.verification.is_premise]
    assert [s.label for s in premises] == ["Expand the square"]
    assert premises[0].verification.kind == "cited theorem"
    assert premises[0].verification.reference.anchor == "grimmett2001"


@pytest.mark.parametrize("name", ["binary-cross-entropy-kernel", "cross-entropy-likelihood-kernel"])
def test_new_kernel_checks_pass(name: str) -> None:
    result = get_check(name).run()
    assert result.passed, result.detail
