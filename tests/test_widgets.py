"""nnmath.widgets: the figures' formulas, their JavaScript, and the figures' HTML."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from html.parser import HTMLParser

import numpy as np
import pytest
import sympy

import nnmath as nm
from nnmath import symbolic, widgets
from nnmath.symbolic import descent

ARGS = {
    "sigmoid-affine": ("w", "b", "x"),
    "softmax": ("z1", "z2", "z3"),
    "bowl-cost": ("w1", "w2"),
    "bowl-gradient": ("w1", "w2"),
    "perceptron-score": ("w1", "w2", "b", "x1", "x2"),
    "perceptron-normal": ("w1", "w2", "b", "x1", "x2"),
    "land-network": (
        "x1", "x2",
        "w1_11", "w1_12", "w1_21", "w1_22", "b1_1", "b1_2",
        "w2_11", "w2_12", "w2_21", "w2_22", "w2_31", "w2_32", "b2_1", "b2_2", "b2_3",
        "w3_11", "w3_12", "w3_13", "w3_21", "w3_22", "w3_23", "b3_1", "b3_2",
    ),
    "perceptron-prediction": ("b", "w1", "w2", "x1", "x2"),
    "perceptron-update": ("b", "w1", "w2", "x1", "x2", "y", "eta"),
    "layer-2-2": ("W11", "W12", "W21", "W22", "b1", "b2", "a1", "a2"),
    "layer-1-2": ("W11", "W12", "b1", "a1", "a2"),
}  # fmt: skip

# What may appear in a printed formula besides its argument names (a step function is
# printed as "((score >= 0) ? (1) : (0))").
JS_TOKEN = re.compile(
    r"\s+|Math\.(?:exp|pow|log|sqrt)|\d+(?:\.\d+)?(?:e[+-]?\d+)?|[A-Za-z_]\w*|>=|[-+*/(),\[\]?:]"
)
# The printed step function, and the same in Python.
JS_STEP = re.compile(r"\(\(([^()?:]*) >= 0\) \? \((\d)\) : \((\d)\)\)")
PY_STEP = r"(\2 if (\1) >= 0 else \3)"


def _points(n_args: int, n: int = 25, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).uniform(*widgets.DOMAIN, size=(n, n_args))


def _python_values(key: str, points: np.ndarray) -> np.ndarray:
    args, expr = widgets.formula(key)
    f = sympy.lambdify(args, expr, modules="numpy")
    return np.array([np.asarray(f(*p), dtype=float) for p in points])


def _js_body(key: str) -> tuple[list[str], str]:
    match = re.fullmatch(r"\(([\w, ]*)\) => (.+)", widgets.javascript(key))
    assert match, widgets.javascript(key)
    return match.group(1).split(", "), match.group(2)


def test_keys_and_argument_names() -> None:
    assert set(ARGS) <= set(widgets.formula_keys())
    for key, names in ARGS.items():
        args, expr = widgets.formula(key)
        assert tuple(str(a) for a in args) == names, key
        assert all(isinstance(a, sympy.Symbol) for a in args)
        exprs = expr if isinstance(expr, list) else [expr]
        assert all(e.free_symbols <= set(args) for e in exprs), key


def test_every_widget_names_formulas_that_exist() -> None:
    for widget, formulas in widgets.WIDGETS.items():
        assert formulas and set(formulas) <= set(widgets.formula_keys()), widget
    assert {"sigmoid-affine", "softmax", "perceptron", "bowl-descent"} <= set(widgets.WIDGETS)


def test_formulas_equal_the_derivations() -> None:
    w, b, x = widgets.formula("sigmoid-affine")[0]
    assert (
        sympy.simplify(widgets.formula("sigmoid-affine")[1] - 1 / (1 + sympy.exp(-(w * x + b))))
        == 0
    )
    assert (
        sympy.simplify(
            widgets.formula("sigmoid-affine")[1]
            - symbolic.derive("sigmoid-affine").formulas["sigmoid_affine"].outputs[0]
        )
        == 0
    )
    zs, ps = widgets.formula("softmax")
    ref = symbolic.derive("softmax").formulas["softmax_3"]
    rename = dict(zip(ref.args, zs, strict=True))
    assert [sympy.simplify(p - q.subs(rename)) for p, q in zip(ps, ref.outputs, strict=True)] == [
        0,
        0,
        0,
    ]
    (w1, w2), cost, gradient = descent.quadratic_bowl()
    assert widgets.formula("bowl-cost")[1] == cost
    assert widgets.formula("bowl-gradient")[1] == [sympy.diff(cost, w1), sympy.diff(cost, w2)]
    # The bowl's gradient vanishes at its minimum w* and its Hessian is H.
    at_min = dict(zip((w1, w2), descent.BOWL_MINIMUM, strict=True))
    assert [g.subs(at_min) for g in gradient] == [0, 0]
    assert sympy.hessian(cost, (w1, w2)) == descent.BOWL_CURVATURE
    (pw1, pw2, pb, px1, px2), score = widgets.formula("perceptron-score")
    assert sympy.expand(score - (pw1 * px1 + pw2 * px2 + pb)) == 0
    assert widgets.formula("perceptron-normal")[1] == [
        sympy.diff(score, px1),
        sympy.diff(score, px2),
    ]


def test_land_network_formula_is_the_networks_forward_pass() -> None:
    """F(x) in the page equals Network.forward for the parameters laid out as get_params."""
    args, outputs = widgets.formula("land-network")
    f = sympy.lambdify(args, outputs, modules="numpy")
    rng = np.random.default_rng(7)
    for seed in range(5):
        net = nm.Network([2, 2, 3, 2], seed=seed)
        net.set_params(rng.normal(0, 2, size=net.n_params))
        x = rng.uniform(0, 1, size=(6, 2))
        expected = net.forward(x)
        got = np.array([f(*row, *net.get_params()) for row in x])
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("key", list(ARGS))
def test_formulas_are_finite_on_the_domain(key: str) -> None:
    n_args = len(ARGS[key])
    values = _python_values(key, _points(n_args, n=200, seed=1))
    if n_args <= 8:
        corners = np.array(np.meshgrid(*[widgets.DOMAIN] * n_args)).reshape(n_args, -1).T
    else:  # 2^25 corners are too many: 500 of them at random
        signs = np.random.default_rng(2).integers(0, 2, size=(500, n_args))
        corners = np.asarray(widgets.DOMAIN)[signs]
    assert np.all(np.isfinite(values))
    assert np.all(np.isfinite(_python_values(key, corners)))


@pytest.mark.parametrize("key", list(ARGS))
def test_printed_javascript_is_only_arithmetic_and_matches(key: str) -> None:
    names, body = _js_body(key)
    assert tuple(names) == ARGS[key]
    tokens = JS_TOKEN.findall(body)
    assert "".join(tokens) == body, f"unexpected characters in {body!r}"
    identifiers = {t for t in tokens if re.fullmatch(r"[A-Za-z_]\w*", t)}
    assert identifiers <= set(names), identifiers - set(names)
    assert body.count("(") == body.count(")") and body.count("[") == body.count("]")
    # Evaluate the printed text (the same arithmetic in Python) against the lambdified SymPy.
    python_text = JS_STEP.sub(PY_STEP, body).replace("Math.", "")
    code = compile(python_text, key, "eval")
    env = {"__builtins__": {}, "exp": math.exp, "pow": math.pow, "log": math.log, "sqrt": math.sqrt}
    points = _points(len(names))
    got = np.array(
        [np.asarray(eval(code, env, dict(zip(names, p, strict=True))), dtype=float) for p in points]
    )
    np.testing.assert_allclose(got, _python_values(key, points), rtol=1e-12, atol=1e-15)


def test_formulas_script_defines_every_key() -> None:
    script = widgets.formulas_script()
    for key in widgets.formula_keys():
        args = json.dumps([str(a) for a in widgets.formula(key)[0]])
        line = f"window.nnmath.formulas[{json.dumps(key)}] = {{args: {args}, f: "
        assert line + widgets.javascript(key) + "};" in script


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_formulas_script_runs_in_node() -> None:
    points = {key: _points(len(a), n=10, seed=2).tolist() for key, a in ARGS.items()}
    program = (
        "var window = {};\n"
        + widgets.formulas_script()
        + f"var pts = {json.dumps(points)};\nvar out = {{}};\n"
        + "for (var k in pts) out[k] = pts[k].map(p => window.nnmath.formulas[k].f(...p));\n"
        + "console.log(JSON.stringify(out));\n"
    )
    proc = subprocess.run(
        ["node", "-e", program], capture_output=True, text=True, check=True, timeout=60
    )
    out = json.loads(proc.stdout)
    for key in ARGS:
        expected = _python_values(key, np.array(points[key]))
        np.testing.assert_allclose(np.array(out[key]), expected, rtol=1e-12, atol=1e-15)


def test_unknown_key_and_wrong_type() -> None:
    with pytest.raises(ValueError, match="sigmoid-affine"):
        widgets.formula("sigmoid")
    with pytest.raises(TypeError, match="key must be a str"):
        widgets.formula(3)  # type: ignore[arg-type]


class _Figure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.roots: list[dict[str, str | None]] = []
        self.inputs: list[dict[str, str | None]] = []
        self.labels: list[str | None] = []
        self.outputs: list[str | None] = []
        self.live = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "data-widget" in a:
            self.roots.append(a)
        if tag == "input":
            self.inputs.append(a)
        if tag == "label":
            self.labels.append(a.get("for"))
        if tag == "output":
            self.outputs.append(a.get("for"))
        if a.get("aria-live") == "polite":
            self.live += 1


def _whole_weights() -> nm.Network:
    net = nm.Network([2, 2, 1], seed=0)
    net.set_params(np.round(10 * net.get_params()))
    return net


FIGURES = {
    "sigmoid-affine": lambda: widgets.sigmoid_affine(w=2.0, b=-1.0),
    "bowl-descent": lambda: widgets.bowl_descent(eta=0.3, start=(2.0, 2.0)),
    "perceptron": lambda: widgets.perceptron(*nm.datasets.linearly_separable()),
    "softmax": lambda: widgets.softmax_bars(z=(0.5, -1.0, 2.0)),
    "land-boundary": lambda: widgets.land_boundary(
        nm.datasets.higham()[0],
        np.argmax(nm.datasets.higham()[1], axis=1),
        [(0, np.zeros(23)), (10, np.ones(23))],
    ),
    "perceptron-steps": lambda: widgets.perceptron_steps(*nm.datasets.linearly_separable()),
    "forward-pass": lambda: widgets.forward_pass(_whole_weights(), *nm.datasets.xor()),
}


@pytest.mark.parametrize("name", list(FIGURES))
def test_figure_html_is_labelled_and_names_its_formulas(name: str) -> None:
    parser = _Figure()
    parser.feed(FIGURES[name]()._repr_html_())
    (root,) = parser.roots
    assert root["data-widget"] == name
    assert (root["data-formulas"] or "").split() == list(widgets.WIDGETS[name])
    json.loads(root["data-config"] or "")
    ranges = [i for i in parser.inputs if i.get("type") == "range"]
    assert ranges and all(float(i["min"] or 0) <= float(i["value"] or 0) for i in ranges)
    ids = [i["id"] for i in ranges]
    assert ids == parser.labels == parser.outputs  # one label and one shown value per slider
    assert parser.live == 1


def test_bowl_caption_states_the_derived_stable_rate() -> None:
    args, cost, _ = descent.quadratic_bowl()
    hessian = np.array(sympy.hessian(cost, args).tolist(), dtype=float)
    stable = sympy.Rational(2) / sympy.nsimplify(max(np.linalg.eigvalsh(hessian)))
    assert f"2/λmax = {stable}" in str(widgets.bowl_descent())


def test_figures_validate_their_arguments() -> None:
    with pytest.raises(ValueError, match=r"w must be in \[-3, 3\], got 5"):
        widgets.sigmoid_affine(w=5)
    with pytest.raises(TypeError, match="b must be a number, got str"):
        widgets.sigmoid_affine(b="1")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="z must have 3 entries, got 2"):
        widgets.softmax_bars(z=(1.0, 2.0))
    with pytest.raises(ValueError, match=r"X must have shape \(n, 2\)"):
        widgets.perceptron(np.zeros((3, 3)), np.zeros(3))
    with pytest.raises(ValueError, match="y must hold only the labels 0 and 1"):
        widgets.perceptron(np.zeros((2, 2)), [0, 2])
    with pytest.raises(ValueError, match="steps must be from 1 to 100"):
        widgets.bowl_descent(steps=0)
    X, Y = nm.datasets.higham()
    labels = np.argmax(Y, axis=1)
    with pytest.raises(ValueError, match="at least 2 entries, got 1"):
        widgets.land_boundary(X, labels, [(0, np.zeros(23))])
    with pytest.raises(ValueError, match=r"snapshots\[1\] parameters must have shape \(23,\)"):
        widgets.land_boundary(X, labels, [(0, np.zeros(23)), (5, np.zeros(22))])
    with pytest.raises(ValueError, match="increasing step counts, got 5 at 2"):
        widgets.land_boundary(X, labels, [(0, np.zeros(23)), (5, np.zeros(23)), (5, np.zeros(23))])
    with pytest.raises(TypeError, match=r"snapshots\[0\] step count must be an integer"):
        widgets.land_boundary(X, labels, [(0.5, np.zeros(23)), (5, np.zeros(23))])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="X must lie inside"):
        widgets.land_boundary(X + 1, labels, [(0, np.zeros(23)), (5, np.zeros(23))])
    with pytest.raises(ValueError, match="must be finite"):
        widgets.land_boundary(X, labels, [(0, np.zeros(23)), (5, np.full(23, np.nan))])
