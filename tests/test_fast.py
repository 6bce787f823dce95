"""Generated straight-line SGD and vectorised many-run SGD against the general backprop."""

import math

import numpy as np
import pytest

import nnmath as nm
from nnmath import training
from nnmath.training import generated, many_seeds, record_points
from tests.reference import ACTIVATIONS


def data_for(sizes, seed=0, n=12):
    """Higham's points for 2-input two-class networks, random data otherwise."""
    if sizes[0] == 2 and sizes[-1] == 2:
        return nm.datasets.higham()
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, (n, sizes[0]))
    if sizes[-1] == 1:
        return X, rng.uniform(0.0, 1.0, (n, 1))
    return X, np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]


def reference_sgd(net, X, Y, *, learning_rate, steps, seed, record):
    """Per-sample SGD in the order ``nm.sgd`` draws, on the shared reference loop."""
    n = net.check_data(X, Y)[0].shape[0]
    order = np.random.default_rng(seed).integers(0, n, size=(steps, 1))
    plan = training.Schedule(order, learning_rate, steps, record, False)
    return training.run_reference(net, *net.check_data(X, Y), plan).cost


def assert_same_params(actual, expected):
    np.testing.assert_allclose(actual, expected, rtol=1e-10, atol=1e-13)


CASES = [(sizes, "sigmoid", "sigmoid", "quadratic") for sizes in ([2, 3, 1], [1, 1])] + [
    (sizes, *acts) for sizes in ([2, 2, 3, 2], [3, 4, 4, 2]) for acts in ACTIVATIONS
]


@pytest.mark.parametrize(("sizes", "hidden", "output", "loss"), CASES)
def test_generated_step_follows_backprop(sizes, hidden, output, loss):
    X, Y = data_for(sizes)
    net = nm.Network(sizes, hidden=hidden, output=output, loss=loss, seed=3)
    ref = net.copy()
    kwargs = {"learning_rate": 0.1, "steps": 300, "seed": 4, "record": 40}
    history = generated.sgd_fast(net, X, Y, progress=False, **kwargs)
    expected_cost = reference_sgd(ref, X, Y, **kwargs)
    assert_same_params(net.get_params(), ref.get_params())
    np.testing.assert_array_equal(history.steps, record_points(300, 40))
    np.testing.assert_allclose(history.cost, expected_cost, rtol=1e-10)
    assert history.cost.dtype == np.float64 and history.seconds >= 0


def test_higham_example_learns_and_matches_general_loop():
    X, Y = nm.datasets.higham()
    net = nm.Network([2, 2, 3, 2], seed=5000)
    general = net.copy()
    history = generated.sgd_fast(
        net, X, Y, learning_rate=0.05, steps=10_000, seed=1, progress=False
    )
    order = np.random.default_rng(1).integers(0, 10, size=(10_000, 1))
    plan = training.Schedule(order, 0.05, 10_000, 200, False)
    reference = training.run_reference(general, *general.check_data(X, Y), plan)
    assert_same_params(net.get_params(), general.get_params())
    np.testing.assert_allclose(history.cost, reference.cost, rtol=1e-10)
    assert history.final_cost < history.cost[0]


def test_same_seed_gives_bit_identical_parameters():
    X, Y = nm.datasets.higham()
    params = []
    for _ in range(2):
        net = nm.Network([2, 2, 3, 2], seed=7)
        generated.sgd_fast(net, X, Y, learning_rate=0.05, steps=2000, seed=11, progress=False)
        params.append(net.get_params())
    np.testing.assert_array_equal(params[0], params[1])
    runs = [
        many_seeds.sgd_many([2, 2, 3, 2], X, Y, seeds=[1, 2], learning_rate=0.05, steps=500).params
        for _ in range(2)
    ]
    np.testing.assert_array_equal(runs[0], runs[1])


# -- overflow and edge cases ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("hidden", "output", "loss"), [acts for acts in ACTIVATIONS if acts[1] != "identity"]
)
@pytest.mark.parametrize("scale", [1e4, -1e4])
def test_huge_weighted_inputs_stay_finite(hidden, output, loss, scale):
    # z = ±1e4 and beyond: exp(1e4) would overflow; the generated code never computes it.
    # (Bounded outputs only: an identity output with such weights diverges to inf.)
    X, Y = nm.datasets.higham()
    net = nm.Network([2, 2, 3, 2], hidden=hidden, output=output, loss=loss, seed=0)
    params = net.get_params()
    net.set_params(np.where(np.arange(params.size) % 2 == 0, scale, -scale))
    ref = net.copy()
    kwargs = {"learning_rate": 0.05, "steps": 50, "seed": 2, "record": 10}
    history = generated.sgd_fast(net, X, Y, progress=False, **kwargs)
    expected = reference_sgd(ref, X, Y, **kwargs)
    assert np.all(np.isfinite(net.get_params())) and np.all(np.isfinite(history.cost))
    assert_same_params(net.get_params(), ref.get_params())
    np.testing.assert_allclose(history.cost, expected, rtol=1e-10)
    many = many_seeds.sgd_many(
        [2, 2, 3, 2], X, Y, seeds=[0], learning_rate=0.05, steps=1, hidden=hidden,
        output=output, loss=loss, method="vectorized",
    )  # fmt: skip
    assert np.all(np.isfinite(many.cost))


def test_generated_sigmoid_at_extreme_inputs():
    # A 1-1 sigmoid network: with b = ±1e4 or ±1e300, a = σ(z) is exactly 0 or 1.
    source = generated.generated_source([1, 1])
    namespace: dict = {}
    exec(compile(source, "<test>", "exec"), namespace)
    loop = namespace["sgd_loop"]
    for bias, expected in [(1e4, 1.0), (-1e4, 0.0), (1e300, 1.0), (-1e300, 0.0), (-745.5, 0.0)]:
        params, costs = loop((0.0, bias), [(0.5, expected)], [0], [1], 0.1, lambda step, p: 0.0)
        # σ(z) = y exactly, so the error δ is 0 and nothing moves.
        assert params == (0.0, bias) and costs == [0.0]
    assert math.isfinite(loop((0.0, -800.0), [(0.5, 1.0)], [0], [1], 0.1, lambda s, p: 0.0)[0][1])


def test_relu_and_identity_handle_zero_and_negative_inputs():
    X = np.array([[-1.0, 0.0], [0.0, 0.0], [2.0, -3.0]])
    Y = np.array([[0.5], [0.0], [1.0]])
    net = nm.Network([2, 3, 1], hidden="relu", output="identity", seed=1)
    ref = net.copy()
    kwargs = {"learning_rate": 0.1, "steps": 200, "seed": 0, "record": 20}
    history = generated.sgd_fast(net, X, Y, progress=False, **kwargs)
    np.testing.assert_allclose(history.cost, reference_sgd(ref, X, Y, **kwargs), rtol=1e-10)
    assert_same_params(net.get_params(), ref.get_params())


# -- many runs ------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["vectorized", "loop"])
@pytest.mark.parametrize(
    ("sizes", "hidden", "output", "loss"),
    [
        ([2, 2, 3, 2], "sigmoid", "sigmoid", "quadratic"),
        ([3, 4, 4, 2], "tanh", "softmax", "cross_entropy"),
        ([2, 3, 1], "relu", "identity", "quadratic"),
    ],
)
def test_many_runs_equal_single_runs(method, sizes, hidden, output, loss):
    X, Y = data_for(sizes)
    seeds, sample_seeds = [0, 5, 17], [3, 3, 40]
    kwargs = {"learning_rate": 0.1, "steps": 400, "record": 30}
    result = many_seeds.sgd_many(
        sizes, X, Y, seeds=seeds, sample_seeds=sample_seeds, hidden=hidden, output=output,
        loss=loss, method=method, **kwargs,
    )  # fmt: skip
    assert result.method == method
    assert result.cost.shape == (3, result.steps.size)
    np.testing.assert_array_equal(result.steps, record_points(400, 30))
    for r, (s, order_seed) in enumerate(zip(seeds, sample_seeds, strict=True)):
        net = nm.Network(sizes, hidden=hidden, output=output, loss=loss, seed=s)
        expected_cost = reference_sgd(net, X, Y, seed=order_seed, **kwargs)
        assert_same_params(result.params[r], net.get_params())
        assert_same_params(result.networks[r].get_params(), net.get_params())
        np.testing.assert_allclose(result.cost[r], expected_cost, rtol=1e-10)
        np.testing.assert_allclose(result.history(r).cost, expected_cost, rtol=1e-10)
        assert result.final_cost[r] == result.cost[r, -1]
        assert result.correct[r] == round(net.accuracy(X, Y) * len(X))


def test_many_runs_default_to_init_seeds_and_auto_method():
    X, Y = nm.datasets.higham()
    result = many_seeds.sgd_many([2, 2, 3, 2], X, Y, seeds=[4, 9], learning_rate=0.05, steps=300)
    assert result.sample_seeds == (4, 9) and result.method == "loop"
    for r, s in enumerate([4, 9]):
        net = nm.Network([2, 2, 3, 2], seed=s)
        generated.sgd_fast(net, X, Y, learning_rate=0.05, steps=300, seed=s, progress=False)
        assert_same_params(result.params[r], net.get_params())
    many = many_seeds.sgd_many([2, 2, 3, 2], X, Y, seeds=range(200), learning_rate=0.05, steps=2)
    assert many.method == "vectorized" and many.params.shape == (200, 23)
    big = many_seeds.sgd_many([2, 20, 20, 2], X, Y, seeds=[0], learning_rate=0.05, steps=2)
    assert big.method == "vectorized"


# -- support and validation -----------------------------------------------------------------


def test_supports_only_small_float64_networks():
    assert generated.supports(nm.Network([2, 2, 3, 2]))
    assert generated.supports(nm.Network([2, 8, 8, 8, 2], output="softmax", loss="cross_entropy"))
    assert not generated.supports(nm.Network([2, 20, 20, 2]))  # 522 parameters
    assert not generated.supports(nm.Network([2, 2, 3, 2], dtype=np.float32))
    assert not generated.supports("a network")
    with pytest.raises(ValueError, match="at most 200 parameters"):
        generated.generated_source([2, 20, 20, 2])
    with pytest.raises(ValueError, match="hidden must be one of"):
        generated.generated_source([2, 2], hidden="swish")


@pytest.mark.parametrize(
    "net",
    [nm.Network([2, 20, 20, 2], seed=0), nm.Network([2, 2, 3, 2], seed=0, dtype=np.float32)],
    ids=["large", "float32"],
)
def test_unsupported_networks_fall_back_to_the_general_loop(net):
    X, Y = nm.datasets.higham()
    twin = net.copy()
    history = generated.sgd_fast(net, X, Y, learning_rate=0.1, steps=30, seed=1, progress=False)
    expected = training.sgd(twin, X, Y, learning_rate=0.1, steps=30, seed=1, progress=False)
    np.testing.assert_array_equal(net.get_params(), twin.get_params())
    np.testing.assert_array_equal(history.cost, expected.cost)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"learning_rate": 0.0, "steps": 10},
        {"learning_rate": -1.0, "steps": 10},
        {"learning_rate": "0.1", "steps": 10},
        {"learning_rate": 0.1, "steps": 0},
        {"learning_rate": 0.1, "steps": 1.5},
        {"learning_rate": 0.1, "steps": 10, "seed": -3},
        {"learning_rate": 0.1, "steps": 10, "seed": 1.0},
        {"learning_rate": 0.1, "steps": 10, "record": 0},
        {"learning_rate": 0.1, "steps": 10, "X": np.ones((10, 3))},
        {"learning_rate": 0.1, "steps": 10, "Y": np.ones((9, 2))},
        {"learning_rate": 0.1, "steps": 10, "X": np.full((10, 2), np.nan)},
        {"learning_rate": 0.1, "steps": 10, "X": "points"},
    ],
)
def test_bad_input_raises_like_sgd(kwargs):
    X, Y = nm.datasets.higham()
    kwargs = {"X": X, "Y": Y, **kwargs}
    X, Y = kwargs.pop("X"), kwargs.pop("Y")
    with pytest.raises((TypeError, ValueError)) as general:
        training.sgd(nm.Network([2, 2, 3, 2], seed=0), X, Y, **kwargs)
    with pytest.raises(general.type) as ours:
        generated.sgd_fast(nm.Network([2, 2, 3, 2], seed=0), X, Y, **kwargs)
    assert str(ours.value) == str(general.value)


def test_sgd_fast_rejects_a_non_network():
    X, Y = nm.datasets.higham()
    with pytest.raises(TypeError, match=r"net must be an nnmath\.Network"):
        generated.sgd_fast([2, 2, 3, 2], X, Y, learning_rate=0.1, steps=10)


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"seeds": "012"}, TypeError, "seeds must be a sequence"),
        ({"seeds": []}, ValueError, "seeds must not be empty"),
        ({"seeds": [1, -2]}, ValueError, "seeds must be a non-negative integer"),
        ({"seeds": [1, 2.5]}, TypeError, "seeds must be a non-negative integer"),
        ({"seeds": [1, None]}, TypeError, "seeds must hold integers"),
        ({"sample_seeds": [1]}, ValueError, "sample_seeds must have one seed per run"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate must be a positive"),
        ({"steps": 0}, ValueError, "steps must be a positive integer"),
        ({"method": "gpu"}, ValueError, "method must be"),
        ({"sizes": [2, 20, 20, 2], "method": "loop"}, ValueError, "method='loop' needs"),
        ({"sizes": [2, 0, 2]}, ValueError, "sizes must all be at least 1"),
        ({"hidden": "swish"}, ValueError, "hidden must be one of"),
        ({"output": "softmax"}, ValueError, "does not pair"),
        ({"X": np.ones((10, 3))}, ValueError, "X must have 2 columns"),
    ],
)
def test_sgd_many_rejects_bad_input(kwargs, error, fragment):
    X, Y = nm.datasets.higham()
    args = {"sizes": [2, 2, 3, 2], "X": X, "Y": Y, "seeds": [0, 1]}
    args |= {"learning_rate": 0.1, "steps": 5}
    args |= kwargs
    with pytest.raises(error, match=fragment):
        many_seeds.sgd_many(args.pop("sizes"), args.pop("X"), args.pop("Y"), **args)


# -- the generated code itself --------------------------------------------------------------


def test_generated_source_is_readable_python():
    source = generated.generated_source([2, 2, 3, 2])
    compile(source, "<generated>", "exec")
    assert "def sgd_loop(params, rows, order, marks, eta, report):" in source
    assert "z1_0 = w1_0_0 * x0 + w1_0_1 * x1 + b1_0" in source
    assert "d3_0 = eta * (a3_0 * (1.0 - a3_0) * (a3_0 - y0))" in source  # η δ^L
    assert "d2_0 = a2_0 * (1.0 - a2_0) * (d3_0 * w3_0_0 + d3_1 * w3_1_0)" in source
    assert "w3_0_0 -= d3_0 * a2_0" in source  # η is already in d3_0
    # Each error δ is computed once per step, and there is no call besides exp.
    assert source.count("d2_0 = ") == 1
    assert "tanh = _tanh" not in source
    softmax = generated.generated_source([2, 3, 2], output="softmax", loss="cross_entropy")
    assert "d2_0 = eta * (a2_0 * sy - y0)" in softmax


def test_compiled_loop_is_cached():
    arch = ((2, 2, 3, 2), "sigmoid", "sigmoid", "quadratic")
    assert generated._compiled(*arch) is generated._compiled(*arch)


def test_progress_bar_is_drawn(capsys):
    X, Y = nm.datasets.higham()
    generated.sgd_fast(
        nm.Network([2, 2, 3, 2], seed=0), X, Y, learning_rate=0.1, steps=50, progress=True
    )
    many_seeds.sgd_many([2, 2], X, Y, seeds=[0, 1], learning_rate=0.1, steps=50, progress=True)
    err = capsys.readouterr().err
    assert "sgd [" in err and "sgd_many [" in err and "100%" in err
