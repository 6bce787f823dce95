"""The symbolic derivations: they build, their claims are proved, their LaTeX is usable."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy

import nnmath
from nnmath import symbolic
from nnmath.symbolic import Claim, Formula, derive, names, verify_backprop, worked_example
from nnmath.symbolic.backprop_network import chain_rule_through, network_symbols
from nnmath.symbolic.core import make_step, proves_zero, to_latex
from nnmath.symbolic.sigmoid import SIGMA, logistic

REQUIRED = (
    "sigmoid",
    "sigmoid-affine",
    "chain-rule",
    "backprop",
    "softmax",
    "softmax-cross-entropy",
    "cost-scaling",
    "perceptron",
    "dot-product",
)
R = sympy.Rational


def _mathjax_ok(tex: str) -> bool:
    """Cheap well-formedness test: balanced braces and \\left/\\right pairs."""
    depth = 0
    for char in re.sub(r"\\[{}]", "", tex):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    lefts = len(re.findall(r"\\left\b", tex))
    rights = len(re.findall(r"\\right\b", tex))
    return depth == 0 and lefts == rights and r"\operatorname*" not in tex


# -- the registry ---------------------------------------------------------------------------


def test_registry_has_every_required_name() -> None:
    assert set(REQUIRED) <= set(names())
    assert names() == list(symbolic.REGISTRY)


def test_unknown_name_raises_value_error_listing_valid_names() -> None:
    with pytest.raises(ValueError, match="no-such-thing") as info:
        derive("no-such-thing")
    for name in REQUIRED:
        assert name in str(info.value)


@pytest.mark.parametrize("bad", [3, None, b"sigmoid", 1.5])
def test_non_string_name_raises_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="string"):
        derive(bad)  # type: ignore[arg-type]


def test_unhashable_name_raises_type_error() -> None:
    with pytest.raises(TypeError):
        derive(["sigmoid"])  # type: ignore[arg-type]


def test_derive_is_cached() -> None:
    assert derive("sigmoid") is derive("sigmoid")


# -- every derivation -----------------------------------------------------------------------


@pytest.mark.parametrize("name", names())
def test_derivation_builds_with_latex(name: str) -> None:
    d = derive(name)
    assert d.name == name
    assert d.title and d.summary and d.steps and d.claims
    for step in d.steps:
        assert step.label
        assert step.latex.strip(), step.label
        assert step.latex == to_latex(step.expr, order="none") or step.latex == to_latex(step.expr)
        assert _mathjax_ok(step.latex), step.latex
        assert step.latex not in (r"\text{True}", r"\text{False}")
    assert d.result_latex.strip()
    assert _mathjax_ok(d.result_latex)


@pytest.mark.parametrize("name", names())
def test_every_claim_is_proved(name: str) -> None:
    failed = [claim.statement for claim, ok in derive(name).verify() if not ok]
    assert not failed


def test_a_false_claim_is_not_proved() -> None:
    x = sympy.Symbol("x", real=True)
    assert not Claim("σ′ = σ", sympy.Derivative(logistic(x), x), logistic(x)).holds()
    assert not Claim("off by one", sympy.Matrix([x, 1]), sympy.Matrix([x, 2])).holds()
    assert not proves_zero(sympy.sin(x) ** 2 - 1)


def test_step_refuses_a_bare_truth_value() -> None:
    x = sympy.Symbol("x")
    with pytest.raises(ValueError, match="truth value"):
        make_step("evaluated", sympy.Eq(x, x))


# -- specific results -----------------------------------------------------------------------


def test_sigmoid_derivative_is_sigma_times_one_minus_sigma() -> None:
    d = derive("sigmoid")
    x = d.symbols["x"]
    s = SIGMA(x)
    lhs, rhs = d.result.lhs, d.result.rhs
    assert lhs == sympy.Derivative(s, x)
    assert sympy.expand(rhs - s * (1 - s)) == 0
    assert not rhs.has(sympy.exp)
    sig = d.symbols["sigma"]
    assert d.data["derivative_in_sigma"] == sig * (1 - sig)
    assert d.result_latex.endswith(
        r"\sigma{\left(x \right)} \left(1 - \sigma{\left(x \right)}\right)"
    )
    # The raw derivative really is the derivative, and equals σ(1 − σ) once σ is explicit.
    assert proves_zero(d.data["raw_derivative"] - sympy.diff(logistic(x), x))
    assert proves_zero(rhs.subs(s, logistic(x)) - sympy.diff(logistic(x), x))


def test_sigmoid_affine_transition_and_steepness() -> None:
    d = derive("sigmoid-affine")
    w, b = d.symbols["w"], d.symbols["b"]
    assert d.data["transition"] == -b / w
    assert d.data["steepness"] == w / 4


def test_softmax_cross_entropy_result_is_p_minus_y() -> None:
    d = derive("softmax-cross-entropy")
    p, y = d.symbols["p_vec"], d.symbols["y_vec"]
    assert d.result.rhs == p - y
    assert d.result_latex == r"\frac{\partial C}{\partial \mathbf{z}} = \mathbf{p} - \mathbf{y}"
    component = d.data["component"]
    j = d.symbols["j"]
    assert component.rhs == d.symbols["p"][j] - d.symbols["y"][j]


def test_worked_example_numbers() -> None:
    ex = worked_example()
    expected = {
        "z": R(2),
        "y_hat": R(7, 2),
        "E": R(9, 8),
        "dyhat_dw1": R(3),
        "dyhat_dw2": R(2),
        "w1_up_large": R(11, 10),
        "w2_up_large": R(19, 10),
        "y_hat_up_large": R(329, 50),
        "w1_up_small": R(4, 5),
        "w2_up_small": R(17, 10),
        "y_hat_up_small": R(123, 25),
    }
    for key, value in expected.items():
        assert ex[key] == value, key
        assert isinstance(ex[key], sympy.Rational)
    assert ex["y_hat_up_large"] > ex["t"] > ex["y_hat_up_small"]  # 6.58 overshoots 5; 4.92 does not
    assert ex["dE_dw1"] == (ex["y_hat"] - ex["t"]) * ex["dyhat_dw1"]
    assert ex["w1_descent"] == ex["w1"] - ex["eta_descent"] * ex["dE_dw1"]
    assert ex["E_descent"] < ex["E"]
    assert derive("chain-rule").data["worked_example"] == ex


# -- backprop -------------------------------------------------------------------------------


def test_backprop_layerwise_2232() -> None:
    report = verify_backprop([2, 2, 3, 2])
    assert report.all_equal, report.failures
    assert report.partials_checked == 23
    assert report.deltas_checked == 7
    assert report.method == "layerwise"
    assert derive("backprop").data["partials"] == 23


def test_backprop_layerwise_ten_layers() -> None:
    report = verify_backprop([3] * 10, method="layerwise")
    assert report.all_equal, report.failures
    assert report.partials_checked == 9 * 12
    assert report.seconds < 20


def test_backprop_composed_2232() -> None:
    report = verify_backprop((2, 2, 3, 2), "composed")
    assert report.all_equal and report.partials_checked == 23


@pytest.mark.slow
def test_layerwise_is_much_faster_than_composed() -> None:
    sizes = [2, 3, 3, 3, 2]
    layerwise = verify_backprop(sizes, "layerwise")
    composed = verify_backprop(sizes, "composed")
    assert layerwise.all_equal and composed.all_equal
    assert layerwise.partials_checked == composed.partials_checked == 41
    assert 5 * layerwise.seconds < composed.seconds


@pytest.mark.parametrize(
    ("sizes", "method", "error"),
    [
        ([2], "layerwise", ValueError),
        ([2, 0, 1], "layerwise", ValueError),
        ("223", "layerwise", TypeError),
        ([2, 2.0], "layerwise", TypeError),
        ([2, True], "layerwise", TypeError),
        ([2, 2], "fast", ValueError),
        ([2, 2], 1, TypeError),
    ],
)
def test_verify_backprop_rejects_bad_input(sizes: object, method: object, error: type) -> None:
    with pytest.raises(error):
        verify_backprop(sizes, method)  # type: ignore[arg-type]


def test_chain_rule_through_an_unknown_function() -> None:
    x, p1, p2 = sympy.symbols("x p1 p2")
    got = chain_rule_through([x**2, sympy.sin(x)], [p1, p2], x)
    assert sympy.expand(got - (2 * x * p1 + sympy.cos(x) * p2)) == 0


def test_network_symbols_order_matches_network_params() -> None:
    net = network_symbols([2, 2, 3, 2])
    params = net.params()
    assert len(params) == 23
    assert params[:6] == [*net.W[1], *net.b[1]]
    assert str(params[0]) == "w^1_1,1" and str(params[1]) == "w^1_1,2"


# -- kernels against lambdified expressions --------------------------------------------------


def _rel(actual: np.ndarray, expected: np.ndarray) -> float:
    return float(np.max(np.abs(actual - expected) / np.abs(expected)))


def test_sigmoid_kernels_match_lambdified() -> None:
    x = np.random.default_rng(11).uniform(-6, 6, size=(500, 1))
    forms = derive("sigmoid").formulas
    assert _rel(nnmath.sigmoid(x[:, 0]), forms["sigmoid"].evaluate(x)[:, 0]) < 1e-12
    assert _rel(nnmath.sigmoid_prime(x[:, 0]), forms["sigmoid_prime"].evaluate(x)[:, 0]) < 1e-12


@pytest.mark.parametrize("k", [2, 3, 4, 5])
def test_softmax_kernels_match_lambdified(k: int) -> None:
    z = 2.0 * np.random.default_rng(k).standard_normal((200, k))
    forms = derive("softmax").formulas
    assert _rel(nnmath.softmax(z), forms[f"softmax_{k}"].evaluate(z)) < 1e-12
    want = forms[f"log_softmax_{k}"].evaluate(z)
    assert np.max(np.abs(nnmath.log_softmax(z) - want)) < 1e-12 * np.max(np.abs(want))


def test_formula_evaluate_checks_shape_and_broadcasts_constants() -> None:
    x = sympy.Symbol("x")
    formula = Formula((x**2, sympy.Integer(3)), (x,))
    out = formula.evaluate(np.array([[1.0], [2.0]]))
    assert out.tolist() == [[1.0, 3.0], [4.0, 3.0]]
    with pytest.raises(ValueError, match="shape"):
        formula.evaluate(np.ones((2, 2)))


def test_derivative_of_a_named_quantity_prints_as_partial() -> None:
    big_l, w = sympy.symbols("L w")
    assert to_latex(sympy.Derivative(big_l, w)) == r"\frac{\partial L}{\partial w}"


# -- every step checked against the ones before it ---------------------------------------------


@pytest.mark.parametrize("name", names())
def test_every_step_after_the_definitions_is_justified_and_checked(name: str) -> None:
    from nnmath.symbolic import STEP_CHECK_KINDS

    d = derive(name)
    checked = [step.verification is not None for step in d.steps]
    # The unchecked steps are the definitions or starting points, and they come first.
    first = checked.index(True)
    assert all(checked[first:]), [s.label for s in d.steps if s.verification is None]
    assert d.checked_steps, name
    for step in d.steps[first:]:
        assert step.explanation.strip(), step.label
        assert step.verification.kind in STEP_CHECK_KINDS
        if step.verification.is_premise and step.verification.runner is None:
            # A premise with nothing to run: it names its reference or the steps it rests on.
            assert step.check is None
            assert step.verification.reference or step.verification.rests_on, step.label
            continue
        assert step.check and step.check.startswith(f"step-{name}-")
        passed, detail = step.verification.runner()
        assert passed, (step.label, detail)


def test_a_step_proving_a_false_identity_fails() -> None:
    from nnmath.symbolic import exactly, on_sizes, proved

    x = sympy.Symbol("x", real=True)
    assert proved(sympy.Derivative(x**3, x), 3 * x**2).run()[0]
    assert not proved(sympy.Derivative(x**3, x), 3 * x).run()[0]
    assert not on_sizes(lambda n: (sympy.Integer(n), sympy.Integer(1))).run()[0]
    assert not exactly(sympy.Rational(1, 3), sympy.Rational(1, 2)).run()[0]


def test_latex_follows_the_notation_page() -> None:
    # Vectors bold, matrices upright capitals, the transpose as ^\mathsf{T} (docs/notation.md).
    n = sympy.Symbol("n")
    a, delta = sympy.MatrixSymbol("a^l-1", n, 1), sympy.MatrixSymbol("delta^l", n, 1)
    w, b = sympy.MatrixSymbol("W^l", n, n), sympy.MatrixSymbol("b", 1, 1)
    assert (
        to_latex(delta * a.T) == r"\boldsymbol{\delta}^{l} \left(\mathbf{a}^{l-1}\right)^\mathsf{T}"
    )
    assert to_latex(w.T * a) == r"\left(W^{l}\right)^\mathsf{T} \mathbf{a}^{l-1}"
    assert to_latex(b) == "b"
    assert "^{T}" not in "".join(s.latex for name in names() for s in derive(name).steps)


def test_bp1_is_shown_for_any_cost_and_for_the_quadratic_cost() -> None:
    steps = {s.label: s for s in derive("backprop").steps}
    general = steps["BP1 as vectors"]
    quadratic = steps["BP1 for the quadratic cost, as vectors"]
    assert r"\nabla_{\mathbf{a}} C \odot" in general.latex
    assert r"\left(\mathbf{a}^{L} - \mathbf{y}\right) \odot" in quadratic.latex
    for step in (general, quadratic):
        assert step.verification is not None and step.verification.run()[0], step.label


# -- proofs for symbolic sizes ------------------------------------------------------------------


def _index_symbols() -> tuple[sympy.Symbol, sympy.Symbol, sympy.Symbol]:
    j, k = sympy.symbols("j k", integer=True)
    return j, k, sympy.Symbol("n", integer=True, positive=True)


def test_in_range_takes_a_branch_only_when_the_ranges_imply_its_condition() -> None:
    from nnmath.symbolic.indexed import in_range

    j, k, n = _index_symbols()
    x = sympy.IndexedBase("x")
    picked = sympy.Sum(sympy.KroneckerDelta(j, k) * x[k], (k, 1, n)).doit()
    assert isinstance(picked, sympy.Piecewise)
    assert in_range(picked, [(j, 1, n)]) == x[j]
    assert in_range(picked, [(j, 2, n)]) == x[j]
    # Out of range, the first branch's condition is false and the second is taken.
    assert in_range(picked, [(j, n + 1, n + 3)]) == 0
    for undecided in ([(j, 0, n)], [(j, 1, n + 1)], []):
        with pytest.raises(ValueError, match="do not decide"):
            in_range(picked, undecided)
    with pytest.raises(ValueError, match="bound twice"):
        in_range(sympy.Sum(sympy.Sum(picked, (k, 1, n)), (k, 1, n)), [(j, 1, n)])
    with pytest.raises(TypeError, match=r"sympy\.Symbol"):
        in_range(picked, [(x[j], 1, n)])
    with pytest.raises(ValueError, match="index, low, high"):
        in_range(picked, [(j, 1)])


def test_tidy_sums_compares_sums_whatever_their_index_names() -> None:
    from nnmath.symbolic.indexed import tidy_sums

    j, k, n = _index_symbols()
    m = sympy.Symbol("m", integer=True)
    w = sympy.IndexedBase("w")
    c = sympy.Symbol("c")
    assert tidy_sums(sympy.Sum(c * w[k, j], (k, 1, n)) - c * sympy.Sum(w[m, j], (m, 1, n))) == 0
    assert tidy_sums(sympy.Sum(c, (k, 1, n))) == c * n
    assert tidy_sums(sympy.Sum(w[k, j], (k, 1, n)) - sympy.Sum(w[j, k], (k, 1, n))) != 0


def test_a_symbolic_size_proof_of_a_false_identity_fails() -> None:
    from nnmath.symbolic.indexed import proved_for_symbolic_sizes

    j, k, n = _index_symbols()
    m = sympy.Symbol("m", integer=True, positive=True)
    w, delta = sympy.MatrixSymbol("W", m, n), sympy.MatrixSymbol("delta", m, 1)
    entry = (w.T * delta)[j, 0]
    right = sympy.Sum(w[k, j] * delta[k, 0], (k, 0, m - 1))
    wrong = sympy.Sum(w[j, k] * delta[k, 0], (k, 0, m - 1))
    assert proved_for_symbolic_sizes(entry, right, [(j, 0, n - 1)]).run()[0]
    assert not proved_for_symbolic_sizes(entry, wrong, [(j, 0, n - 1)]).run()[0]
    # p_j Σ y_k − y_j = p_j − y_j only with the stated assumption Σ_k y_k = 1.
    p, y = sympy.IndexedBase("p"), sympy.IndexedBase("y")
    total = sympy.Sum(y[k], (k, 1, n))
    lhs, rhs = p[j] * total - y[j], p[j] - y[j]
    assert proved_for_symbolic_sizes(lhs, rhs, [(j, 1, n)], given={total: 1}).run()[0]
    assert not proved_for_symbolic_sizes(lhs, rhs, [(j, 1, n)]).run()[0]
    # An index that might be out of range is not discharged: the check fails, it does not raise.
    x = sympy.IndexedBase("x")
    passed, detail = proved_for_symbolic_sizes(
        sympy.Sum(sympy.KroneckerDelta(j, k) * x[k], (k, 1, n)), x[j], [(j, 0, n)]
    ).run()
    assert not passed and "do not decide" in detail


@pytest.mark.parametrize("name", ["softmax", "softmax-cross-entropy"])
def test_softmax_steps_are_proved_for_a_symbolic_number_of_classes(name: str) -> None:
    d = derive(name)
    assert {s.verification.kind for s in d.checked_steps} == {"SymPy proof"}
    sized = [s.label for s in d.checked_steps if "K = 1, 2, 3, 4" in s.explanation]
    assert not sized


def test_backprop_steps_are_proved_for_symbolic_widths() -> None:
    d = derive("backprop")
    sized = [s.label for s in d.checked_steps if s.verification.kind == "sizes 1..n"]
    assert sized == []
    # The chain rule through the next layer is the multivariable chain rule itself: cited, and
    # not "checked" by SymPy's differentiation of an unknown cost, which applies that rule.
    chain = next(s for s in d.steps if s.label == "BP2, chain rule through the next layer")
    assert chain.verification.kind == "cited theorem"
    assert chain.verification.premise == "the chain rule"
    assert "Theorem 9.15" in chain.verification.reference.where
    assert chain.verification.runner is None
    # A step whose statement is the chain rule is cited; the collapse of its sum to one term
    # is proved for symbolic widths, as supporting evidence.
    for label in ("BP1, chain rule at the output", "BP3 in index form", "BP4 in index form",
                  "BP3 as vectors"):  # fmt: skip
        step = next(s for s in d.steps if s.label == label)
        assert step.verification.kind == "cited theorem", label
        assert "Theorem 9.15" in step.verification.reference.where, label
        assert step.verification.run_kind == "SymPy proof", label
        assert step.verification.runner()[0], label
    # The depth: a written induction over the layers, resting on proved one-layer steps and
    # naming the cited chain rule it uses.
    induction = next(s for s in d.checked_steps if s.verification.kind == "written argument")
    assert induction.verification.scope == "for every depth"
    proved_labels = {s.label for s in d.checked_steps if s.verification.kind == "SymPy proof"}
    cited_labels = {s.label for s in d.checked_steps if s.verification.kind == "cited theorem"}
    assert set(induction.verification.rests_on) <= proved_labels | cited_labels
    assert "BP2 in index form" in induction.verification.rests_on
    assert "BP2, chain rule through the next layer" in induction.verification.rests_on
    # The 23 partials and 7 errors of the 2-2-3-2 network: explicit costs, no unknown function.
    whole = d.steps[-1]
    assert whole.verification.kind == "SymPy proof" and whole.verification.run()[0]
    assert d.data["partials"] == 23 and d.data["deltas"] == 7 and len(d.claims) == 30
    for claim in d.claims:
        assert not claim.lhs.has(sympy.core.function.AppliedUndef), claim.statement
    # A hidden error with the next layer's weights untransposed is not proved.
    from nnmath.symbolic.backprop_network import _composed_delta_claims
    from nnmath.symbolic.sigmoid import sigmoid_prime

    net = network_symbols([2, 2, 2])
    hidden = _composed_delta_claims(net)[2]
    assert hidden.holds()
    z, w, out = net.z[1][0], net.W[2], _composed_delta_claims(net)[:2]
    wrong = sigmoid_prime(z) * sum(w[0, i] * c.rhs for i, c in enumerate(out))
    assert not Claim("W untransposed", hidden.lhs, wrong, reduction="expand").holds()
    assert d.kind == "SymPy proof"
    assert d.kind_label == (
        "proved by SymPy, from the chain rule and for every depth by the written induction "
        "over the layers"
    )


def test_the_jacobian_chain_rule_cites_the_rule_and_proves_the_rest() -> None:
    d = derive("jacobian-chain-rule")
    steps = {s.label: s for s in d.steps}
    for label, where, evidence in (
        ("One entry", "Theorem 9.15", None),
        ("One variable", "Theorem 5.5", None),
    ):
        premise = steps[label].verification
        assert premise.kind == "cited theorem" and premise.premise == "the chain rule", label
        assert where in premise.reference.where and premise.run_kind == evidence, label
        assert premise.runner is None if evidence is None else premise.runner()[0], label
    assert d.kind == "SymPy proof" and d.kind_label == "proved by SymPy, from the chain rule"
    # The claim is an instance on explicit non-square maps (ℝ² → ℝ³ → ℝ²), not SymPy's own
    # chain rule on undefined functions; a wrong right side is not proved.
    (claim,) = d.claims
    assert claim.holds() and not claim.lhs.has(sympy.core.function.AppliedUndef)
    assert claim.lhs.shape == (2, 2)
    assert not Claim("transposed", claim.lhs, claim.rhs.T).holds()


def test_jacobian_matrix_steps_are_proved_for_non_square_symbolic_sizes() -> None:
    from nnmath.symbolic.indexed import proved_for_symbolic_sizes

    steps = {s.label: s for s in derive("jacobian-chain-rule").steps}
    for label in ("As matrices", "A scalar at the end", "Through two maps"):
        assert steps[label].verification.kind == "SymPy proof", label
        assert "n = 1, 2, 3" not in steps[label].explanation
    # Two nested sums in either order (Σ_r Σ_q and Σ_q Σ_r) are the same sum; a wrong side is not.
    j = sympy.Symbol("j", integer=True)
    n, m, p = sympy.symbols("n m p", integer=True, positive=True)
    grad, j_h = sympy.MatrixSymbol("c", p, 1), sympy.MatrixSymbol("H", p, m)
    j_g = sympy.MatrixSymbol("G", m, n)
    lhs = (grad.T * j_h * j_g)[0, j]
    assert proved_for_symbolic_sizes(lhs, (j_g.T * (j_h.T * grad))[j, 0], [(j, 0, n - 1)]).run()[0]
    wrong = (j_g.T * (j_h.T * (2 * grad)))[j, 0]
    assert not proved_for_symbolic_sizes(lhs, wrong, [(j, 0, n - 1)]).run()[0]


@pytest.mark.parametrize("k", [0, -2])
def test_numbered_symbols_need_at_least_one(k: int) -> None:
    from nnmath.symbolic.backprop_network import quadratic_cost_formula
    from nnmath.symbolic.softmax import softmax_symbols

    for make in (quadratic_cost_formula, softmax_symbols):
        with pytest.raises(ValueError, match=f"k must be at least 1, got {k}"):
            make(k)
    assert len(softmax_symbols(3)[0]) == 3
    assert quadratic_cost_formula(2).args == sympy.symbols("a_1:3 y_1:3", real=True)
