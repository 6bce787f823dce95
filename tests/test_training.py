"""Training loops: convergence, determinism, recording and bad input."""

import numpy as np
import pytest

import nnmath as nm
from nnmath import training
from nnmath.training import buffered, generated, record_points


def test_record_points_are_log_spaced_and_bounded():
    pts = record_points(10**6, 50)
    assert pts[0] == 0 and pts[-1] == 10**6
    assert np.all(np.diff(pts) > 0)
    assert 40 <= pts.size <= 52


def test_sgd_reduces_cost_and_is_deterministic():
    X, Y = nm.datasets.higham()
    runs = []
    for _ in range(2):
        net = nm.Network([2, 2, 3, 2], seed=5000)
        history = nm.sgd(net, X, Y, learning_rate=0.05, steps=5000, seed=1, progress=False)
        runs.append((net.get_params(), history))
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    history = runs[0][1]
    assert history.steps[0] == 0 and history.steps[-1] == 5000
    assert history.cost.shape == history.steps.shape
    assert history.final_cost < history.cost[0]


def test_sgd_follows_per_sample_updates():
    # The loop must be exactly "pick row k, step against its gradient".
    X, Y = nm.datasets.higham()
    net = nm.Network([2, 2, 3, 2], seed=3)
    ref = net.copy()
    nm.sgd(net, X, Y, learning_rate=0.1, steps=200, seed=9, progress=False)
    order = np.random.default_rng(9).integers(0, 10, size=(200, 1))
    for k in order[:, 0]:
        dW, db = ref.gradient(X[k : k + 1], Y[k : k + 1])
        for w, b, gw, gb in zip(ref.weights, ref.biases, dW, db, strict=True):
            w -= 0.1 * gw
            b -= 0.1 * gb
    np.testing.assert_allclose(net.get_params(), ref.get_params(), rtol=1e-10, atol=1e-12)


def test_full_batch_gradient_descent_step_is_the_mean_gradient():
    X, Y = nm.datasets.higham()
    net = nm.Network([2, 2, 3, 2], seed=5000)
    before = net.get_params()
    grad = net.gradient_vector(X, Y)
    nm.gradient_descent(net, X, Y, learning_rate=0.5, steps=1, progress=False)
    np.testing.assert_allclose(net.get_params(), before - 0.5 * grad, rtol=1e-14)


def test_minibatch_covers_each_epoch():
    X, y = nm.datasets.spirals(30, 3, seed=1)
    net = nm.Network([2, 16, 3], output="softmax", loss="cross_entropy", seed=0)
    history = nm.gradient_descent(
        net, X, y, learning_rate=1.0, steps=600, batch_size=16, seed=0, progress=False
    )
    assert history.final_cost < 0.8 * history.cost[0]


def test_float32_training_stays_float32():
    X, y = nm.datasets.spirals(20, 3, seed=2)
    net = nm.Network([2, 8, 3], output="softmax", loss="cross_entropy", dtype=np.float32, seed=0)
    nm.gradient_descent(net, X, y, learning_rate=0.5, steps=20, progress=False)
    assert {w.dtype for w in net.weights + net.biases} == {np.dtype(np.float32)}


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"learning_rate": 0.0, "steps": 10}, ValueError, "learning_rate must be a positive"),
        ({"learning_rate": -1.0, "steps": 10}, ValueError, "learning_rate"),
        ({"learning_rate": "0.1", "steps": 10}, TypeError, "learning_rate"),
        ({"learning_rate": 0.1, "steps": 0}, ValueError, "steps must be a positive integer"),
        ({"learning_rate": 0.1, "steps": 1.5}, TypeError, "steps must be a positive integer"),
        ({"learning_rate": 0.1, "steps": 10, "seed": -3}, ValueError, "seed"),
    ],
)
@pytest.mark.parametrize("loop", [nm.sgd, nm.gradient_descent])
def test_training_rejects_bad_settings(loop, kwargs, error, fragment):
    X, Y = nm.datasets.higham()
    with pytest.raises(error, match=fragment):
        loop(nm.Network([2, 2, 3, 2], seed=0), X, Y, **kwargs)


def test_training_rejects_mismatched_data():
    X, Y = nm.datasets.higham()
    with pytest.raises(ValueError, match="X must have 2 columns"):
        nm.sgd(nm.Network([2, 2], seed=0), np.ones((10, 3)), Y, learning_rate=0.1, steps=5)
    with pytest.raises(ValueError, match="batch_size must be a positive integer"):
        nm.gradient_descent(
            nm.Network([2, 2], seed=0), X, Y, learning_rate=0.1, steps=5, batch_size=0
        )


def test_higham_example_classifies_all_ten_points():
    # Higham & Higham's experiment: 2-2-3-2 network, η = 0.05, 10⁶ single-sample steps.
    X, Y = nm.datasets.higham()
    net = nm.Network([2, 2, 3, 2], seed=5000)
    history = nm.sgd(net, X, Y, learning_rate=0.05, steps=10**6, seed=5000, progress=False)
    assert net.accuracy(X, Y) == 1.0
    assert history.final_cost < 1e-3 < history.cost[0]


def test_large_networks_take_the_numpy_path_with_the_same_semantics():
    from nnmath.training import generated as fast

    X, y = nm.datasets.spirals(10, 3, seed=0)
    net = nm.Network([2, 20, 20, 3], output="softmax", loss="cross_entropy", seed=1)
    assert not fast.supports(net)
    ref = net.copy()
    nm.sgd(net, X, y, learning_rate=0.2, steps=50, seed=4, progress=False)
    Y = nm.one_hot(y, 3)
    for k in np.random.default_rng(4).integers(0, 30, size=(50, 1))[:, 0]:
        dW, db = ref.gradient(X[k : k + 1], Y[k : k + 1])
        for w, b, gw, gb in zip(ref.weights, ref.biases, dW, db, strict=True):
            w -= 0.2 * gw
            b -= 0.2 * gb
    np.testing.assert_allclose(net.get_params(), ref.get_params(), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("batch_size", [None, 7])
def test_gradient_descent_runs_on_the_buffered_engine_with_the_readable_loops_result(
    monkeypatch, batch_size
):
    from nnmath import training
    from nnmath.training import buffered

    calls = []
    original = buffered.run
    monkeypatch.setattr(buffered, "run", lambda *a: calls.append(a[-1].label) or original(*a))
    X, y = nm.datasets.spirals(10, 3, seed=0)
    net = nm.Network([2, 9, 3], hidden="tanh", output="softmax", loss="cross_entropy", seed=2)
    ref = net.copy()
    kwargs = {"learning_rate": 0.3, "steps": 25, "record": 25, "progress": False}
    history = nm.gradient_descent(net, X, y, batch_size=batch_size, seed=6, **kwargs)
    Xa, Ya = ref.check_data(X, y)
    batches = None if batch_size is None else training.minibatches(30, batch_size, 25, 6)
    expected = training.run_reference(ref, Xa, Ya, training.Schedule(batches, 0.3, 25, 25, False))
    assert calls == ["gd" if batch_size is None else "minibatch"]
    np.testing.assert_allclose(net.get_params(), ref.get_params(), rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(history.cost, expected.cost, rtol=1e-10)


def test_old_import_paths_still_give_the_moved_objects():
    import nnmath.batched
    import nnmath.fast
    from nnmath.training import many_seeds

    assert nnmath.fast.sgd_fast is generated.sgd_fast
    assert nnmath.fast.generated_source is generated.generated_source
    assert nnmath.fast.supports is generated.supports
    assert nnmath.fast.sgd_many is many_seeds.sgd_many
    assert nnmath.fast.ManyResult is many_seeds.ManyResult
    assert nnmath.batched.BatchedTrainer is buffered.BatchedTrainer
    assert nnmath.batched.run is buffered.run
    assert nm.training.sgd is nm.sgd and nm.training.gradient_descent is nm.gradient_descent


def test_engine_names_the_module_a_loop_runs_on():
    small, large = nm.Network([2, 2, 3, 2]), nm.Network([784, 30, 10])
    assert nm.training.engine(small) == "nnmath.training.generated"
    assert nm.training.engine(small, "gradient_descent") == "nnmath.training.buffered"
    assert nm.training.engine(large) == "nnmath.training.buffered"
    assert nm.training.engine(nm.Network([2, 2, 3, 2], dtype=np.float32)) == (
        "nnmath.training.buffered"
    )
    with pytest.raises(ValueError, match="loop must be 'sgd' or 'gradient_descent', got 'adam'"):
        nm.training.engine(small, "adam")
    with pytest.raises(TypeError, match=r"net must be an nnmath\.Network, got list"):
        nm.training.engine([2, 2, 3, 2])


_X, _Y = nm.datasets.higham()
_PLAN = training.Schedule(None, 0.1, 10)


@pytest.mark.parametrize(
    "call",
    [
        lambda net: nm.sgd(net, _X, _Y, learning_rate=0.1, steps=10),
        lambda net: nm.gradient_descent(net, _X, _Y, learning_rate=0.1, steps=10),
        lambda net: nm.gradient_descent(net, _X, _Y, learning_rate=0.1, steps=10, batch_size=2),
        lambda net: generated.sgd_fast(net, _X, _Y, learning_rate=0.1, steps=10),
        lambda net: training.run_reference(net, _X, _Y, _PLAN),
        lambda net: buffered.run(net, _X, _Y, _PLAN),
        lambda net: buffered.BatchedTrainer(net, 4),
        lambda net: training.engine(net),
    ],
    ids=["sgd", "gd", "minibatch", "sgd_fast", "run_reference", "run", "BatchedTrainer", "engine"],
)
@pytest.mark.parametrize("not_a_network", ["not a network", [2, 2, 3, 2], None])
def test_every_training_entry_point_rejects_a_non_network(call, not_a_network):
    with pytest.raises(TypeError) as caught:
        call(not_a_network)
    message = str(caught.value)
    assert message.startswith("net must be an nnmath.Network, got ")
    assert type(not_a_network).__name__ in message
