"""Network: shapes, parameters, backprop against finite differences, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnmath as nm


@pytest.fixture
def higham_net():
    return nm.Network([2, 2, 3, 2], seed=5000)


def test_shapes_follow_the_math_convention(higham_net):
    net = higham_net
    assert [w.shape for w in net.weights] == [(2, 2), (3, 2), (2, 3)]
    assert [b.shape for b in net.biases] == [(2,), (3,), (2,)]
    assert net.n_params == 23
    X, Y = nm.datasets.higham()
    assert net.forward(X).shape == (10, 2)
    assert isinstance(net.loss(X, Y), float)


def test_forward_is_the_layer_formula(higham_net):
    net = higham_net
    x = np.array([0.3, 0.7])
    a = x
    for w, b in zip(net.weights, net.biases, strict=True):
        a = 1 / (1 + np.exp(-(w @ a + b)))
    np.testing.assert_allclose(net.forward(x)[0], a, rtol=1e-14)


def test_quadratic_loss_is_mean_half_squared_norm(higham_net):
    X, Y = nm.datasets.higham()
    F = higham_net.forward(X)
    expected = np.mean([0.5 * np.sum((y - f) ** 2) for y, f in zip(Y, F, strict=True)])
    assert higham_net.loss(X, Y) == pytest.approx(expected, rel=1e-14)


def test_cross_entropy_loss_and_integer_labels():
    net = nm.Network([3, 4, 3], output="softmax", loss="cross_entropy", seed=0)
    X = np.random.default_rng(0).random((5, 3))
    labels = np.array([0, 2, 1, 1, 0])
    P = net.forward(X)
    expected = -np.mean(np.log(P[np.arange(5), labels]))
    assert net.loss(X, labels) == pytest.approx(expected, rel=1e-12)
    assert net.loss(X, nm.one_hot(labels, 3)) == pytest.approx(expected, rel=1e-12)


def test_cross_entropy_finite_for_huge_logits():
    net = nm.Network([1, 2], output="softmax", loss="cross_entropy", seed=0)
    net.weights[0][...] = [[1e300], [-1e300]]
    net.biases[0][...] = 0
    loss = net.loss([[1.0]], [1])
    assert np.isfinite(loss)
    dW, db = net.gradient([[1.0]], [1])
    assert all(np.all(np.isfinite(g)) for g in dW + db)


def test_params_round_trip(higham_net):
    v = higham_net.get_params()
    assert v.shape == (23,)
    twin = nm.Network([2, 2, 3, 2], seed=1)
    twin.set_params(v)
    np.testing.assert_array_equal(twin.get_params(), v)
    assert twin.weights[1][2, 1] == v[6 + 2 * 2 + 1]  # W0 (4), b0 (2), then W1 row-major


def test_same_seed_same_weights():
    a, b = nm.Network([2, 5, 2], seed=3), nm.Network([2, 5, 2], seed=3)
    np.testing.assert_array_equal(a.get_params(), b.get_params())


def test_float32_end_to_end():
    net = nm.Network([64, 32, 10], output="softmax", loss="cross_entropy", dtype=np.float32, seed=0)
    X = np.random.default_rng(0).random((8, 64))
    y = np.arange(8) % 10
    assert net.forward(X).dtype == np.float32
    dW, db = net.gradient(X, y)
    assert {g.dtype for g in dW + db} == {np.dtype(np.float32)}
    assert net.get_params().dtype == np.float32


def _random_case(rng, depth, output):
    sizes = [int(s) for s in rng.integers(1, 9, size=depth + 1)]
    if output == "softmax":
        sizes[-1] = max(sizes[-1], 2)
    loss = "cross_entropy" if output == "softmax" else "quadratic"
    net = nm.Network(sizes, output=output, loss=loss, seed=int(rng.integers(1 << 30)))
    X = rng.normal(size=(4, sizes[0]))
    Y = rng.integers(0, sizes[-1], size=4) if output == "softmax" else rng.random((4, sizes[-1]))
    return net, X, Y


@pytest.mark.parametrize("case", range(24))
def test_backprop_matches_finite_differences(case):
    rng = np.random.default_rng(case)
    output = ("sigmoid", "softmax", "identity")[case % 3]
    net, X, Y = _random_case(rng, depth=1 + case % 5, output=output)
    assert nm.gradcheck(net, X, Y) < 1e-6


@pytest.mark.parametrize("hidden", ["tanh", "relu"])
def test_backprop_other_hidden_activations(hidden):
    rng = np.random.default_rng(7)
    net = nm.Network([3, 5, 4, 2], hidden=hidden, seed=2)
    assert nm.gradcheck(net, rng.normal(size=(6, 3)) + 0.05, rng.random((6, 2))) < 1e-6


@settings(max_examples=25, deadline=None)
@given(scale=st.floats(1.0, 1e6), seed=st.integers(0, 1000))
def test_gradients_finite_for_extreme_inputs(scale, seed):
    rng = np.random.default_rng(seed)
    for output, loss in (("sigmoid", "quadratic"), ("softmax", "cross_entropy")):
        net = nm.Network([3, 4, 3], output=output, loss=loss, seed=seed)
        X = scale * rng.normal(size=(5, 3))
        dW, db = net.gradient(X, rng.integers(0, 3, 5))
        assert all(np.all(np.isfinite(g)) for g in dW + db)


def test_cross_entropy_is_non_negative():
    rng = np.random.default_rng(0)
    for seed in range(20):
        net = nm.Network([2, 3, 4], output="softmax", loss="cross_entropy", seed=seed)
        assert net.loss(rng.normal(size=(6, 2)) * 50, rng.integers(0, 4, 6)) >= 0


BAD_CONSTRUCTORS = [
    ({"sizes": [2]}, ValueError, "at least an input and an output"),
    ({"sizes": [2, 0, 2]}, ValueError, "at least 1"),
    ({"sizes": "22"}, TypeError, "sequence of integers"),
    ({"sizes": [2, 2.5]}, TypeError, "must be integers"),
    ({"sizes": [2, 2], "hidden": "swish"}, ValueError, "hidden must be one of"),
    ({"sizes": [2, 2], "loss": "hinge"}, ValueError, "loss must be one of"),
    ({"sizes": [2, 2], "output": 3}, TypeError, "output must be one of"),
    ({"sizes": [2, 2], "output": "softmax"}, ValueError, "does not pair"),
    ({"sizes": [2, 2], "loss": "cross_entropy"}, ValueError, "does not pair"),
    ({"sizes": [2, 1], "output": "softmax", "loss": "cross_entropy"}, ValueError, "2 units"),
    ({"sizes": [2, 2], "dtype": np.int32}, ValueError, "float32 or float64"),
    ({"sizes": [2, 2], "seed": -1}, ValueError, "seed"),
]


@pytest.mark.parametrize(("kwargs", "error", "fragment"), BAD_CONSTRUCTORS)
def test_constructor_rejects_bad_arguments(kwargs, error, fragment):
    sizes = kwargs.pop("sizes")
    with pytest.raises(error, match=fragment):
        nm.Network(sizes, **kwargs)


def test_data_errors_name_the_argument(higham_net):
    X, Y = nm.datasets.higham()
    net = higham_net
    with pytest.raises(ValueError, match=r"X must have 2 columns .* got shape \(10, 3\)"):
        net.forward(np.ones((10, 3)))
    with pytest.raises(ValueError, match=r"Y must have shape \(10, 2\).*got shape \(10, 3\)"):
        net.loss(X, np.ones((10, 3)))
    with pytest.raises(ValueError, match=r"Y must have 10 labels"):
        net.loss(X, np.zeros(9, dtype=int))
    with pytest.raises(ValueError, match=r"Y labels must lie in 0..1"):
        net.loss(X, np.full(10, 2))
    with pytest.raises(ValueError, match="X must be finite"):
        net.gradient(np.full((10, 2), np.nan), Y)
    with pytest.raises(ValueError, match="Y must be finite"):
        net.gradient(X, np.full((10, 2), np.inf))
    with pytest.raises(ValueError, match="X must not be empty"):
        net.forward(np.empty((0, 2)))
    with pytest.raises(ValueError, match=r"params must have shape \(23,\).*got shape \(22,\)"):
        net.set_params(np.zeros(22))
    with pytest.raises(TypeError, match="X must be an array of numbers"):
        net.forward("0.1, 0.2")


def test_gradcheck_rejects_float32_and_non_networks():
    X, Y = nm.datasets.higham()
    with pytest.raises(ValueError, match="float64"):
        nm.gradcheck(nm.Network([2, 2], dtype=np.float32), X, Y)
    with pytest.raises(TypeError, match=r"nnmath\.Network"):
        nm.gradcheck("net", X, Y)  # type: ignore[arg-type]


# -- the public gradient and forward run on the workspace ---------------------------------

from tests.reference import ACTIVATIONS  # noqa: E402


def random_case(acts, n, seed=0, sizes=(5, 7, 6, 3)):
    hidden, output, loss = acts
    net = nm.Network(list(sizes), hidden=hidden, output=output, loss=loss, seed=seed)
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, sizes[0]))
    Y = (
        np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]
        if output != "identity"
        else (rng.standard_normal((n, sizes[-1])))
    )
    return net, X, Y


@pytest.mark.parametrize("n", [1, 4, 33])
@pytest.mark.parametrize("acts", ACTIVATIONS)
def test_gradient_equals_the_readable_backward_to_1e12(acts, n):
    net, X, Y = random_case(acts, n)
    dW, db = net.gradient(X, Y)
    rW, rb = net.backward(net.forward_pass(X), Y)
    for fast, readable in zip(dW + db, rW + rb, strict=True):
        assert fast.dtype == np.float64 and fast.shape == readable.shape
        scale = np.max(np.abs(readable))
        np.testing.assert_allclose(fast, readable, rtol=1e-12, atol=1e-12 * scale)


@pytest.mark.parametrize("acts", ACTIVATIONS)
def test_forward_equals_the_readable_forward_pass_to_1e12(acts):
    net, X, _ = random_case(acts, 9, seed=3)
    np.testing.assert_allclose(
        net.forward(X), net.forward_pass(X).activations[-1], rtol=1e-12, atol=1e-300
    )


def test_every_returned_array_is_the_callers_own():
    net, X, Y = random_case(("tanh", "softmax", "cross_entropy"), 8)
    dW1, db1 = net.gradient(X, Y)
    out1 = net.forward(X)
    kept = [a.copy() for a in [*dW1, *db1, out1]]
    dW2, db2 = net.gradient(2 * X, Y[::-1].copy())  # same shape: the same work arrays
    out2 = net.forward(-X)
    for before, after in zip(kept, [*dW1, *db1, out1], strict=True):
        np.testing.assert_array_equal(before, after)  # a later call changed nothing
    for a in [*dW1, *db1, out1]:
        for b in [*dW2, *db2, out2, *net.weights, *net.biases, X, Y]:
            assert not np.shares_memory(a, b)


def test_gradient_and_forward_keep_float32_and_see_replaced_parameters():
    net = nm.Network([3, 4, 2], seed=0, dtype=np.float32)
    X = np.ones((2, 3), np.float32)
    assert all(g.dtype == np.float32 for g in net.gradient(X, np.eye(2))[0])
    assert net.forward(X).dtype == np.float32
    net.weights[0] = np.zeros((4, 3), np.float32)  # a new array of the same shape is used
    np.testing.assert_allclose(net.forward(X), net.forward_pass(X).activations[-1], rtol=1e-6)
    net.weights[0] = np.zeros((5, 3), np.float32)
    with pytest.raises(ValueError, match=r"net.weights\[0\] and net.biases\[0\] must keep"):
        net.forward(X)


def test_copies_and_pickles_do_not_share_work_arrays():
    import pickle

    net, X, Y = random_case(("relu", "identity", "quadratic"), 5)
    expected = net.gradient(X, Y)
    for twin in (net.copy(), pickle.loads(pickle.dumps(net))):
        got = twin.gradient(X, Y)
        for a, b in zip(got[0] + got[1], expected[0] + expected[1], strict=True):
            np.testing.assert_array_equal(a, b)
        assert twin._workspaces is not net._workspaces
        mine = next(iter(net._workspaces.values()))._z
        theirs = next(iter(twin._workspaces.values()))._z
        assert not any(np.shares_memory(a, b) for a in mine for b in theirs)


def test_unknown_activation_names_raise():
    from nnmath.network import _activate

    with pytest.raises(ValueError, match="unknown activation 'swish'"):
        _activate("swish", np.zeros(3))


def test_a_single_output_predicts_class_one_at_one_half_and_above():
    net = nm.Network([2, 1], output="identity", seed=0)
    net.weights[0][...] = [[1.0, 0.0]]
    net.biases[0][...] = [0.0]
    X = np.array([[0.2, 5.0], [0.5, -3.0], [0.9, 0.0]])
    assert net.predict(X).tolist() == [0, 1, 1]
    assert net.accuracy(X, np.array([[0.0], [1.0], [0.0]])) == pytest.approx(2 / 3)


def test_central_difference_gradient_is_second_order_and_checks_its_arguments():
    def f(v):
        return float(np.sum(np.sin(v)))

    x = np.array([0.3, -1.2, 2.0])
    exact = np.cos(x)
    errors = [np.max(np.abs(nm.central_difference_gradient(f, x, h) - exact)) for h in (1e-2, 5e-3)]
    assert 3.5 < errors[0] / errors[1] < 4.5  # halving h quarters the error
    with pytest.raises(TypeError, match="f must be a function of an array, got int"):
        nm.central_difference_gradient(3, x, 1e-3)
    with pytest.raises(ValueError, match="x"):
        nm.central_difference_gradient(f, np.ones((2, 2)), 1e-3)
    with pytest.raises(ValueError, match="h"):
        nm.central_difference_gradient(f, x, 0.0)
