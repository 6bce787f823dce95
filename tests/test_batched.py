"""The buffered engine (nnmath.training.buffered) against Network.backward and run_reference."""

import numpy as np
import pytest

import nnmath as nm
from nnmath.training import Schedule, buffered, minibatches, record_points, run_reference
from nnmath.training.buffered import BatchedTrainer
from tests.reference import ACTIVATIONS

SIZES = [[5, 7, 6, 3], [4, 3], [3, 8, 2]]


def make(sizes, acts, dtype=np.float64, seed=3):
    hidden, output, loss = acts
    return nm.Network(sizes, hidden=hidden, output=output, loss=loss, seed=seed, dtype=dtype)


def data_for(net, n=13, seed=0):
    """Inputs in [−2, 2]; one-hot targets for softmax, values in [0, 1] otherwise."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2.0, 2.0, (n, net.sizes[0]))
    k = net.sizes[-1]
    Y = np.eye(k)[rng.integers(0, k, n)] if net.output == "softmax" else rng.uniform(0, 1, (n, k))
    return X, Y


def assert_grads_close(actual, expected, rtol, atol_scale):
    for got, want in zip([*actual[0], *actual[1]], [*expected[0], *expected[1]], strict=True):
        assert got.shape == want.shape and got.dtype == want.dtype
        scale = max(float(np.max(np.abs(want))), 1e-30)
        np.testing.assert_allclose(got, want, rtol=rtol, atol=atol_scale * scale)


# -- one batch ---------------------------------------------------------------------------


@pytest.mark.parametrize("acts", ACTIVATIONS)
@pytest.mark.parametrize("sizes", SIZES)
def test_gradient_equals_network_gradient_float64(sizes, acts):
    net = make(sizes, acts)
    X, Y = data_for(net)
    before = net.get_params()
    grads = BatchedTrainer(net, 16).gradient(X, Y)
    assert_grads_close(grads, net.gradient(X, Y), rtol=1e-10, atol_scale=1e-12)
    np.testing.assert_array_equal(net.get_params(), before)  # gradient() does not train


@pytest.mark.parametrize("acts", ACTIVATIONS)
def test_gradient_float32_stays_float32_and_matches(acts):
    net = make([5, 7, 6, 3], acts, dtype=np.float32)
    X, Y = data_for(net)
    dW, db = BatchedTrainer(net, 13).gradient(X.astype(np.float32), Y)
    assert all(g.dtype == np.float32 for g in dW + db)
    assert_grads_close((dW, db), net.gradient(X, Y), rtol=1e-4, atol_scale=1e-5)
    # The float32 result is the float64 gradient of the same parameters, to float32 accuracy.
    net64 = make([5, 7, 6, 3], acts)
    net64.set_params(net.get_params().astype(np.float64))
    exact = net64.gradient(X.astype(np.float32).astype(np.float64), Y)
    assert_grads_close(
        ([g.astype(np.float64) for g in dW], [g.astype(np.float64) for g in db]),
        exact,
        rtol=1e-4,
        atol_scale=1e-5,
    )


def test_integer_labels_and_a_smaller_batch_than_the_buffers():
    net = make([4, 6, 3], ("sigmoid", "softmax", "cross_entropy"))
    X, Y = data_for(net, n=5)
    labels = np.argmax(Y, axis=1)
    trainer = BatchedTrainer(net, 32)
    assert_grads_close(trainer.gradient(X, labels), net.gradient(X, Y), 1e-10, 1e-12)
    assert_grads_close(
        trainer.gradient(X[:2], labels[:2]), net.gradient(X[:2], Y[:2]), 1e-10, 1e-12
    )
    # A single sample is a batch of one, as for Network.
    assert_grads_close(trainer.gradient(X[0], labels[:1]), net.gradient(X[:1], Y[:1]), 1e-10, 1e-12)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("acts", ACTIVATIONS)
def test_step_is_one_general_update_in_place(acts, dtype):
    net = make([5, 7, 6, 3], acts, dtype=dtype)
    ref = net.copy()
    X, Y = data_for(net)
    arrays = [*net.weights, *net.biases]
    trainer = BatchedTrainer(net, 13)
    # A NumPy float64 scalar as the step size must not widen float32 parameters.
    trainer.step(X, Y, np.float64(0.3))
    run_reference(ref, *ref.check_data(X, Y), Schedule([np.arange(13)], 0.3, 1, 1, False))
    assert all(a is b for a, b in zip(arrays, [*net.weights, *net.biases], strict=True))
    assert all(a.dtype == dtype for a in arrays)
    tol = 1e-10 if dtype == np.float64 else 1e-5
    np.testing.assert_allclose(net.get_params(), ref.get_params(), rtol=tol, atol=tol)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("acts", ACTIVATIONS)
def test_saturated_units_give_no_warnings_and_the_stable_result(acts, dtype):
    # Inputs of ±300 push every pre-activation far past where e^(−z) overflows float32
    # (and for some units float64); pytest turns any floating-point warning into an error.
    net = make([3, 5, 4, 3], acts, dtype=dtype, seed=1)
    net.weights[0] *= 10
    X = np.array([[300.0, -300.0, 200.0], [-300.0, 300.0, -250.0], [1.0, 2.0, -3.0]])
    Y = np.eye(3)
    grads = BatchedTrainer(net, 3).gradient(X, Y)
    assert all(np.all(np.isfinite(g)) for g in grads[0] + grads[1])
    tol = 1e-10 if dtype == np.float64 else 1e-4
    assert_grads_close(grads, net.gradient(X, Y), rtol=tol, atol_scale=tol)


# -- whole runs ---------------------------------------------------------------------------


@pytest.mark.parametrize("acts", ACTIVATIONS)
def test_train_follows_gradient_descent_and_the_general_loop(acts):
    net = make([5, 7, 6, 3], acts)
    X, Y = data_for(net, n=23)
    kwargs = {"learning_rate": 0.2, "steps": 17, "seed": 8}
    via_gd, ref = net.copy(), net.copy()
    history = BatchedTrainer(net, 5).train(X, Y, record=17, progress=False, **kwargs)
    gd_history = nm.gradient_descent(
        via_gd, X, Y, batch_size=5, record=17, progress=False, **kwargs
    )
    plan = Schedule(minibatches(23, 5, 17, 8), 0.2, 17, 17, False)
    expected = run_reference(ref, *ref.check_data(X, Y), plan)
    np.testing.assert_allclose(net.get_params(), ref.get_params(), rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(net.get_params(), via_gd.get_params(), rtol=1e-10, atol=1e-13)
    np.testing.assert_array_equal(history.steps, record_points(17, 17))
    np.testing.assert_array_equal(history.steps, gd_history.steps)
    np.testing.assert_array_equal(history.steps, expected.steps)
    np.testing.assert_allclose(history.cost, expected.cost, rtol=1e-10)
    np.testing.assert_allclose(history.cost, gd_history.cost, rtol=1e-10)
    assert history.cost.dtype == np.float64 and history.seconds >= 0


def test_minibatches_shuffle_each_epoch_like_gradient_descent():
    batches = minibatches(10, 4, 7, seed=2)
    assert [len(b) for b in batches] == [4, 4, 2, 4, 4, 2, 4]
    rng = np.random.default_rng(2)
    first, second = rng.permutation(10), rng.permutation(10)
    np.testing.assert_array_equal(np.concatenate(batches[:3]), first)
    np.testing.assert_array_equal(np.concatenate(batches[3:6]), second)
    assert [len(b) for b in minibatches(3, 5, 2, None)] == [3, 3]


def test_run_matches_the_general_loop_for_full_batches_and_single_samples():
    net = make([4, 6, 2], ("tanh", "sigmoid", "quadratic"), dtype=np.float32)
    X, Y = (a.astype(np.float32) for a in data_for(net, n=9))
    for batches in (None, np.random.default_rng(1).integers(0, 9, size=(12, 1))):
        fast, ref = net.copy(), net.copy()
        history = buffered.run(fast, X, Y, Schedule(batches, 0.5, 12, 12, False, "test"))
        expected = run_reference(ref, X, Y, Schedule(batches, 0.5, 12, 12, False))
        np.testing.assert_allclose(fast.get_params(), ref.get_params(), rtol=1e-5, atol=1e-6)
        np.testing.assert_array_equal(history.steps, expected.steps)
        np.testing.assert_allclose(history.cost, expected.cost, rtol=1e-5)
        assert all(w.dtype == np.float32 for w in fast.weights + fast.biases)


def test_run_grows_its_buffers_and_indexes_like_numpy():
    net = make([3, 4, 2], ("relu", "softmax", "cross_entropy"))
    X, Y = data_for(net, n=8)
    batches = [np.array([0, 1]), np.arange(8), np.array([3]), np.array([-1, 2])]
    fast, ref = net.copy(), net.copy()
    buffered.run(fast, X, Y, Schedule(batches, 0.1, 4, 4, False))
    run_reference(ref, X, Y, Schedule(batches, 0.1, 4, 4, False))
    np.testing.assert_allclose(fast.get_params(), ref.get_params(), rtol=1e-10, atol=1e-13)


def test_train_learns_a_separable_problem():
    X, y = nm.datasets.spirals(40, 3, seed=1)
    net = nm.Network([2, 32, 3], hidden="tanh", output="softmax", loss="cross_entropy", seed=0)
    history = BatchedTrainer(net, 16).train(
        X, y, learning_rate=1.0, steps=400, seed=0, record=20, progress=False
    )
    assert history.final_cost < 0.7 * history.cost[0]


def test_supports_every_network_and_nothing_else():
    for acts in ACTIVATIONS:
        for dtype in (np.float32, np.float64):
            assert buffered.supports(make([3, 4, 2], acts, dtype=dtype))
    assert not buffered.supports("network")
    assert not buffered.supports(None)


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda net: BatchedTrainer("net", 4), TypeError, r"net must be an nnmath\.Network"),
        (lambda net: BatchedTrainer(net, 0), ValueError, "batch_size must be a positive"),
        (lambda net: BatchedTrainer(net, 2.5), TypeError, "batch_size must be a positive"),
        (lambda net: BatchedTrainer(net, True), TypeError, "batch_size"),
        (lambda net: BatchedTrainer(net, 2).step(np.ones((3, 3)), [0, 1, 1], 0.1), ValueError,
         "X must have at most batch_size=2 rows"),
        (lambda net: BatchedTrainer(net, 4).step(np.ones((3, 2)), [0, 1, 1], 0.1), ValueError,
         "X must have 3 columns"),
        (lambda net: BatchedTrainer(net, 4).step([[np.nan, 0, 0]], [0], 0.1), ValueError,
         "X must be finite"),
        (lambda net: BatchedTrainer(net, 4).step("abc", [0], 0.1), TypeError, "X must be"),
        (lambda net: BatchedTrainer(net, 4).step(np.ones((2, 3)), [0, 5], 0.1), ValueError,
         "Y labels must lie in"),
        (lambda net: BatchedTrainer(net, 4).step(np.ones((2, 3)), [0, 1], -1.0), ValueError,
         "learning_rate must be a positive"),
        (lambda net: BatchedTrainer(net, 4).step(np.ones((2, 3)), [0, 1], "fast"), TypeError,
         "learning_rate must be a positive"),
        (lambda net: BatchedTrainer(net, 4).train(np.ones((2, 3)), [0, 1], learning_rate=0.1,
         steps=0), ValueError, "steps must be a positive integer"),
        (lambda net: BatchedTrainer(net, 4).train(np.ones((2, 3)), [0, 1], learning_rate=0.1,
         steps=3, seed=-1), ValueError, "seed must be a non-negative"),
        (lambda net: buffered.run("net", np.ones((2, 3)), np.eye(2), Schedule(None, 0.1, 1)),
         TypeError, r"net must be an nnmath\.Network"),
        (lambda net: minibatches(0, 2, 3, None), ValueError, "n must be a positive integer"),
    ],
)  # fmt: skip
def test_bad_input_names_the_argument(call, error, fragment):
    net = nm.Network([3, 4, 2], output="softmax", loss="cross_entropy", seed=0)
    with pytest.raises(error, match=fragment):
        call(net)


def test_replaced_parameter_arrays_are_rejected():
    net = nm.Network([3, 4, 2], seed=0, dtype=np.float32)
    trainer = BatchedTrainer(net, 4)
    net.weights[0] = net.weights[0].astype(np.float64)
    with pytest.raises(ValueError, match=r"net.weights\[0\] and net.biases\[0\] must keep"):
        trainer.step(np.ones((2, 3)), np.ones((2, 2)), 0.1)
    net.weights[0] = np.zeros((5, 3), np.float32)
    with pytest.raises(ValueError, match="must keep shapes"):
        trainer.gradient(np.ones((2, 3)), np.ones((2, 2)))
