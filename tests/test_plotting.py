"""Figures: the right artists, small deterministic SVG/PNG, no global state, bad input."""

import hashlib
import itertools
import os
import subprocess
import sys
import textwrap

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib._pylab_helpers import Gcf
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import AxLine
from matplotlib.patches import Circle, FancyArrowPatch

import nnmath as nm
from nnmath import plotting

SVG_LIMIT = 200 * 1024

# One worker builds the shared figures once (the suite runs with `-n 2 --dist loadgroup`).
pytestmark = pytest.mark.xdist_group("plotting")


def _quadratic(w1, w2):
    return 0.5 * (w1**2 + 10 * w2**2)


def _descent(lr, steps=12):
    w = np.array([-4.0, 1.5])
    out = [w.copy()]
    for _ in range(steps):
        w = w - lr * np.array([w[0], 10 * w[1]])
        out.append(w.copy())
    return np.array(out)


def _history(scale):
    steps = np.array([0, 1, 10, 100, 1000])
    return nm.History(steps, scale / (1.0 + steps), 0.0)


def _markers(ax):
    """Lines drawn as markers only (no connecting line), keyed by marker."""
    return [ln for ln in ax.get_lines() if ln.get_linestyle() == "None"]


# Every figure the site uses, built once for the size and determinism checks.
FIGURES = {
    "sigmoid_family": lambda: plotting.sigmoid_family(),
    "dot_product_sign": lambda: plotting.dot_product_sign(),
    "perceptron_line": lambda: _perceptron_figure(),
    "decision_regions": lambda: plotting.decision_regions(
        nm.Network([2, 3, 2], seed=0), *nm.datasets.land20(), boundary=nm.datasets.land20_boundary
    ),
    "decision_regions_spirals": lambda: plotting.decision_regions(
        nm.Network([2, 8, 3], output="softmax", loss="cross_entropy", seed=0),
        *nm.datasets.spirals(60),
    ),
    "cost_history": lambda: plotting.cost_history({"SGD": _history(1.0), "GD": _history(0.5)}),
    "network_diagram": lambda: plotting.network_diagram([2, 2, 3, 2]),
    "network_diagram_wide": lambda: plotting.network_diagram([784, 30, 10]),
    "cost_contours": lambda: plotting.cost_contours(
        _quadratic, {"small": _descent(0.02), "large": _descent(0.19)}, (-5, 5), (-2.5, 2.5)
    ),
    "confusion_matrix": lambda: plotting.confusion_matrix([0, 1, 2, 2, 1], [0, 2, 2, 2, 1]),
    "learning_curve": lambda: plotting.learning_curve([0, 1, 2], [0.5, 0.8, 0.9], [0.4, 0.7, 0.8]),
    "runs_summary": lambda: plotting.runs_summary(10 ** np.linspace(-5, -1, 60), threshold=1e-3),
}


def _perceptron_figure():
    X, y = nm.datasets.linearly_separable(30, seed=1)
    result = nm.train_perceptron(X, y, max_epochs=200)
    return plotting.perceptron_line(X, y, result.weights, result.bias, path=result.path)


@pytest.fixture(scope="module")
def figures():
    return {name: make() for name, make in FIGURES.items()}


# -- every figure ----------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FIGURES))
def test_svg_is_small_deterministic_and_self_contained(figures, name):
    fig = figures[name]
    assert isinstance(fig, Figure)
    first = plotting.to_svg(fig)
    # Even when the global salt is random (matplotlib's default), to_svg fixes it.
    with matplotlib.rc_context({"svg.hashsalt": None}):
        second = plotting.to_svg(fig)
    assert first == second
    assert len(first.encode()) < SVG_LIMIT, f"{name}: {len(first.encode())} bytes"
    assert "<dc:date>" not in first
    assert "<text" not in first  # glyphs are paths: no font needed in the browser


def test_png_is_deterministic_without_software_stamp(figures):
    fig = figures["network_diagram"]
    first, second = plotting.to_png(fig, dpi=50), plotting.to_png(fig, dpi=50)
    assert first == second
    assert first.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"Software" not in first


def test_same_bytes_in_a_fresh_process(figures):
    script = textwrap.dedent(
        """
        import hashlib
        import matplotlib
        matplotlib.use("Agg")
        from nnmath import plotting
        fig = plotting.network_diagram([2, 2, 3, 2])
        print(hashlib.sha256(plotting.to_svg(fig).encode()).hexdigest())
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "123"},
    )
    here = hashlib.sha256(plotting.to_svg(figures["network_diagram"]).encode()).hexdigest()
    assert out.stdout.strip() == here


def test_figures_are_opaque_light_cards_and_not_in_pyplot(figures):
    for fig in figures.values():
        assert fig.get_facecolor() == (1.0, 1.0, 1.0, 1.0)
    assert Gcf.get_num_fig_managers() == 0


def test_style_does_not_leak_into_global_rcparams():
    before = dict(matplotlib.rcParams)
    plotting.learning_curve([0, 1], [0.2, 0.4])
    assert dict(matplotlib.rcParams) == before


def test_import_nnmath_does_not_import_matplotlib():
    code = "import sys, nnmath; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_draws_into_a_given_axes():
    fig = Figure()
    ax = fig.add_subplot()
    assert plotting.learning_curve([0, 1], [0.2, 0.4], ax=ax) is fig
    assert len(ax.get_lines()) == 1
    sub = fig.subfigures(1, 1).add_subplot()  # the root figure is returned
    assert plotting.network_diagram([1, 1], ax=sub) is fig


# -- each figure's content -------------------------------------------------------------


def test_sigmoid_family_marks_each_transition(figures):
    left, right = figures["sigmoid_family"].axes
    assert [ln.get_xdata()[0] for ln in _markers(left)] == [0.0] * 4  # b = 0: all at x = 0
    assert [ln.get_xdata()[0] for ln in _markers(right)] == [4.0, 2.0, 0.0, -2.0, -4.0]
    for ax in (left, right):  # the step function, dashed, in both panels
        assert any(ln.get_linestyle() == "--" for ln in ax.get_lines())
    fig = plotting.sigmoid_family(weights=(0.5, 2), biases=(-2, 3), weight=2.0, bias=1.0)
    assert sorted(ln.get_xdata()[0] for ln in _markers(fig.axes[0])) == [-2.0, -0.5]
    assert sorted(ln.get_xdata()[0] for ln in _markers(fig.axes[1])) == [-1.5, 1.0]


def test_dot_product_sign_groups_by_sign(figures):
    right = figures["dot_product_sign"].axes[1]  # b at -150°, -120°, ..., 180° from a
    counts = {ln.get_label(): sorted(ln.get_xdata()) for ln in _markers(right)}
    assert list(counts.values()) == [[-60, -30, 0, 30, 60], [-90, 90], [-150, -120, 120, 150, 180]]


def test_perceptron_line_draws_the_line_normal_and_path():
    X = np.array([[0.0, 0.0], [1.0, 0.2], [0.1, 1.0], [1.0, 1.0]])
    y = np.array([0, 0, 1, 1])
    w, b = np.array([0.0, 2.0]), -1.0
    path = [[0.0, 0.0, 0.0], [-1.0, 0.5, 1.0], [-1.0, 0.0, 2.0]]
    fig = plotting.perceptron_line(X, y, w, b, path=path)
    ax = fig.axes[0]
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sorted(len(c.get_offsets()) for c in scatters) == [2, 2]
    (line,) = [ln for ln in ax.get_lines() if "=" in ln.get_label()]
    pts = np.column_stack([line.get_xdata(), line.get_ydata()])
    np.testing.assert_allclose(pts @ w + b, 0.0, atol=1e-12)
    # The zero initial weights have no line; the other two epochs are drawn faded.
    assert sum(isinstance(a, AxLine) for a in ax.get_lines()) == 2
    arrow = next(p for p in ax.patches if isinstance(p, FancyArrowPatch))
    (x0, y0), (x1, y1) = arrow._posA_posB
    assert x1 - x0 == pytest.approx(0.0) and y1 > y0  # along w = (0, 2)


def test_decision_regions_shows_every_point_and_the_regions():
    X, Y = nm.datasets.higham()
    net = nm.Network([2, 2, 3, 2], seed=1)
    fig = plotting.decision_regions(net, X, Y, resolution=40, title="t")
    ax = fig.axes[0]
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in scatters) == 10
    assert [len(c.get_offsets()) for c in scatters] == [5, 5]
    (image,) = [im for im in ax.get_images() if isinstance(im, AxesImage)]
    grid = np.asarray(image.get_array())
    assert grid.shape == (40, 40)
    assert set(np.unique(grid)) <= {0, 1}
    assert ax.get_xlim() == (0.0, 1.0) and ax.get_title() == "t"


def test_decision_regions_accepts_labels_and_one_output_and_boundary():
    X, y = nm.datasets.spirals(20)
    net = nm.Network([2, 4, 3], output="softmax", loss="cross_entropy", seed=0)
    ax = plotting.decision_regions(net, X, y, resolution=20).axes[0]
    assert len([c for c in ax.collections if isinstance(c, PathCollection)]) == 3
    assert ax.get_xlim()[0] < X[:, 0].min()  # the padded bounding box, not the unit square
    X2, Y2 = nm.datasets.land20()
    single = nm.Network([2, 3, 1], seed=0)
    ax = plotting.decision_regions(
        single, X2, Y2[:, 1:], resolution=20, boundary=nm.datasets.land20_boundary
    ).axes[0]
    assert any(ln.get_label() == "true boundary" for ln in ax.get_lines())


def test_decision_regions_names_the_classes_as_asked():
    X, labels = nm.datasets.xor()
    y = labels[:, np.newaxis].astype(float)  # one output: targets as a column
    net = nm.Network([2, 2, 1], seed=0)
    default = plotting.decision_regions(net, X, y, resolution=10).axes[0]
    assert [t.get_text() for t in default.get_legend().get_texts()][:2] == [
        "category A",
        "category B",
    ]
    named = plotting.decision_regions(net, X, y, resolution=10, class_names=["class 0", "class 1"])
    texts = [t.get_text() for t in named.axes[0].get_legend().get_texts()]
    assert texts == ["class 0", "class 1", "predicted 0", "predicted 1"]
    with pytest.raises(ValueError, match="each of the 2 classes, got 3"):
        plotting.decision_regions(net, X, y, class_names=["a", "b", "c"])
    with pytest.raises(TypeError, match="class_names must be a sequence"):
        plotting.decision_regions(net, X, y, class_names="ab")


def test_cost_history_is_log_log_and_compares_runs(figures):
    ax = figures["cost_history"].axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert [ln.get_label() for ln in ax.get_lines()] == ["SGD", "GD"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["SGD", "GD"]
    (line,) = plotting.cost_history([("a", _history(1.0))]).axes[0].get_lines()
    assert list(line.get_xdata()) == [1, 10, 100, 1000]  # step 0 cannot be on a log axis


@pytest.mark.parametrize("sizes", [[2, 2, 3, 2], [3, 1], [1, 5, 5, 5, 2]])
def test_network_diagram_draws_every_neuron_and_connection(sizes):
    ax = plotting.network_diagram(sizes).axes[0]
    assert sum(isinstance(p, Circle) for p in ax.patches) == sum(sizes)
    segments = sum(len(c.get_segments()) for c in ax.collections if isinstance(c, LineCollection))
    assert segments == sum(a * b for a, b in itertools.pairwise(sizes))
    texts = [t.get_text() for t in ax.texts]
    for d_in, d_out in itertools.pairwise(sizes):
        assert f"{d_out}·{d_in} + {d_out} = {d_out * d_in + d_out}" in texts
    assert texts[0].startswith("input") and texts[len(sizes) - 1].startswith("output")


def test_network_diagram_without_labels_and_wide_layers():
    ax = plotting.network_diagram([2, 3], labels=False).axes[0]
    assert len(ax.texts) == 0 and ax.get_title() == ""
    ax = plotting.network_diagram([784, 30, 10], max_shown=6).axes[0]
    assert sum(isinstance(p, Circle) for p in ax.patches) == 6 + 6 + 6
    assert ax.get_title() == "network [784, 30, 10]: 23,860 parameters"


def test_cost_contours_draws_contours_and_each_path(figures):
    ax = figures["cost_contours"].axes[0]
    assert any(isinstance(c, ContourSet) for c in ax.collections)
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    np.testing.assert_array_equal(lines["small (12 steps)"].get_xdata(), _descent(0.02)[:, 0])
    np.testing.assert_array_equal(lines["large (12 steps)"].get_ydata(), _descent(0.19)[:, 1])
    assert "start" in lines
    single = plotting.cost_contours(
        _quadratic, _descent(0.1), (-5, 5), (-3, 3), levels=[1, 5, 9], resolution=20
    )
    contour = next(c for c in single.axes[0].collections if isinstance(c, ContourSet))
    assert list(contour.levels) == [1, 5, 9]
    assert single.axes[0].get_lines()[0].get_label() == "iterates (12 steps)"


def test_confusion_matrix_annotates_counts():
    fig = plotting.confusion_matrix([0, 0, 1, 1, 1], [0, 1, 1, 1, 0], class_names=["A", "B"])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["1", "1", "1", "2"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["A", "B"]
    assert ax.get_title() == "accuracy 0.6 (3 of 5)"
    ax = plotting.confusion_matrix([0], [0], n_classes=3).axes[0]
    assert len(ax.texts) == 9


def test_learning_curve_and_runs_summary(figures):
    ax = figures["learning_curve"].axes[0]
    assert [ln.get_label() for ln in ax.get_lines()] == ["training", "test"]
    assert ax.get_ylim() == (-0.02, 1.02)
    ax = figures["runs_summary"].axes[0]
    assert ax.get_xscale() == "log"
    below = int(np.sum(10 ** np.linspace(-5, -1, 60) < 1e-3))
    assert ax.get_title().startswith(f"{below} of 60 runs ({100 * below / 60:.0f} %) end below")


# -- notebooks -------------------------------------------------------------------------


def test_setup_notebook_outside_ipython_does_nothing():
    before = dict(matplotlib.rcParams)
    assert plotting.setup_notebook() is None
    assert dict(matplotlib.rcParams) == before


def test_setup_notebook_makes_ipython_show_figures_as_deterministic_svg():
    # In a separate process: it switches that process's backend to inline.
    script = textwrap.dedent(
        """
        import warnings
        warnings.simplefilter("error")
        from IPython.core.interactiveshell import InteractiveShell
        from nnmath import plotting
        shell = InteractiveShell.instance()
        plotting.setup_notebook()
        fig = plotting.network_diagram([2, 2, 3, 2])
        data, _ = shell.display_formatter.format(fig)
        assert set(data) == {"image/svg+xml", "text/plain"}, set(data)
        assert data["image/svg+xml"] == plotting.to_svg(fig)
        print("ok")
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


# -- bad input -------------------------------------------------------------------------

X2 = np.array([[0.0, 0.0], [1.0, 1.0]])


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: plotting.sigmoid_family(weights=(1, 0)), ValueError, r"weights\[1\]"),
        (lambda: plotting.sigmoid_family(weights="ab"), TypeError, "weights"),
        (lambda: plotting.sigmoid_family(x=[1.0, 0.0]), ValueError, "x must"),
        (lambda: plotting.dot_product_sign(a=(0, 0)), ValueError, "non-zero"),
        (lambda: plotting.dot_product_sign(b_norm=-1), ValueError, "b_norm"),
        (lambda: plotting.dot_product_sign(angles=[270]), ValueError, "angles"),
        (lambda: plotting.perceptron_line(X2, [0, 2], [1, 1], 0), ValueError, "y must"),
        (lambda: plotting.perceptron_line(X2, [0, 1], [0, 0], 0), ValueError, "weights"),
        (lambda: plotting.perceptron_line(X2, [0, 1], [1, 1], "0"), TypeError, "bias"),
        (lambda: plotting.perceptron_line(X2, [0, 1], [1, 1], 0, ax=1), TypeError, "ax must"),
        (
            lambda: plotting.perceptron_line(X2, [0, 1], [1, 1], 0, path=[[1, 2]]),
            ValueError,
            "path",
        ),
        (lambda: plotting.decision_regions("net", X2, [0, 1]), TypeError, "net must"),
        (lambda: plotting.decision_regions(nm.Network([3, 2]), X2, [0, 1]), ValueError, "2 inputs"),
        (
            lambda: plotting.decision_regions(nm.Network([2, 2]), X2, [0, 1], resolution=1),
            ValueError,
            "resolution",
        ),
        (
            lambda: plotting.decision_regions(nm.Network([2, 2]), X2, [0, 1], boundary=3),
            TypeError,
            "boundary",
        ),
        (
            lambda: plotting.decision_regions(
                nm.Network([2, 2]), X2, [0, 1], boundary=lambda x: x[:3]
            ),
            ValueError,
            "boundary",
        ),
        (lambda: plotting.decision_regions(nm.Network([2, 2]), X2, [0, 1, 1]), ValueError, "Y"),
        (lambda: plotting.cost_history([1, 2]), TypeError, r"history\[0\]"),
        (lambda: plotting.cost_history({}), ValueError, "at least one"),
        (lambda: plotting.cost_history({"a": 1}), TypeError, "History"),
        (lambda: plotting.cost_history({"a": _history(1.0)}, label="x"), ValueError, "label"),
        (lambda: plotting.network_diagram([2]), ValueError, "at least"),
        (lambda: plotting.network_diagram([2, 0]), ValueError, r"sizes\[1\]"),
        (lambda: plotting.network_diagram([2, 1.5]), TypeError, r"sizes\[1\]"),
        (lambda: plotting.network_diagram([2, 2], labels="yes"), TypeError, "labels"),
        (lambda: plotting.cost_contours(3, X2, (0, 1), (0, 1)), TypeError, "cost_fn"),
        (
            lambda: plotting.cost_contours(lambda a, b: 1.0, X2, (0, 1), (0, 1)),
            ValueError,
            "vectorised",
        ),
        (
            lambda: plotting.cost_contours(_quadratic, X2[:, :1], (0, 1), (0, 1)),
            ValueError,
            r"\(m, 2\)",
        ),
        (lambda: plotting.cost_contours(_quadratic, X2, (1, 0), (0, 1)), ValueError, "xlim"),
        (lambda: plotting.cost_contours(_quadratic, X2, (0, 1), "ab"), TypeError, "ylim"),
        (
            lambda: plotting.cost_contours(_quadratic, X2, (0, 1), (0, 1), levels=[2, 1]),
            ValueError,
            "levels",
        ),
        (lambda: plotting.confusion_matrix([0.5], [0]), TypeError, "y_true"),
        (lambda: plotting.confusion_matrix([0, 1], [0]), ValueError, "same shape"),
        (lambda: plotting.confusion_matrix([0, 3], [0, 1], n_classes=2), ValueError, "n_classes"),
        (
            lambda: plotting.confusion_matrix([0, 1], [0, 1], class_names=["a"]),
            ValueError,
            "class_names",
        ),
        (lambda: plotting.learning_curve([0, 1], [0.5]), ValueError, "train"),
        (lambda: plotting.learning_curve([0, 1], [0.5, 0.6], ylabel=3), TypeError, "ylabel"),
        (lambda: plotting.runs_summary([1.0, 0.0]), ValueError, "final_costs"),
        (lambda: plotting.runs_summary([1.0, np.nan]), ValueError, "final_costs"),
        (lambda: plotting.runs_summary([1.0], threshold=-1), ValueError, "threshold"),
        (lambda: plotting.to_svg("fig"), TypeError, "fig must"),
        (lambda: plotting.to_png(Figure(), dpi=0), ValueError, "dpi"),
    ],
)
def test_invalid_input_raises_a_named_error(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_layer_profile_draws_one_line_per_run_on_a_log_axis() -> None:
    fig = plotting.layer_profile({"a": [1.0, 0.5, 0.25], "b": [2.0, 2.0, 2.0]}, ylabel="Var(z)")
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.get_lines()] == ["a", "b"]
    assert ax.get_yscale() == "log" and ax.get_ylabel() == "Var(z)"
    assert list(ax.get_lines()[0].get_xdata()) == [1, 2, 3]
    assert plotting.to_svg(fig) == plotting.to_svg(fig)


@pytest.mark.parametrize(
    ("series", "error"),
    [
        ({}, ValueError),
        ({"a": [1.0, 0.0]}, ValueError),
        ({"a": [1.0], "b": [1.0, 2.0]}, ValueError),
        ([1.0, 2.0], TypeError),
        ({1: [1.0]}, TypeError),
    ],
)
def test_layer_profile_rejects_bad_series(series: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        plotting.layer_profile(series)  # type: ignore[arg-type]


def test_layer_profile_can_leave_out_the_legend() -> None:
    fig = plotting.layer_profile({"a": [1.0, 2.0]}, legend=False)
    assert fig.axes[0].get_legend() is None
    with pytest.raises(TypeError, match="legend"):
        plotting.layer_profile({"a": [1.0, 2.0]}, legend="no")  # type: ignore[arg-type]
