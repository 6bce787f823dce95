"""The later exercises of each chapter: their answers against closed forms computed here.

Each expected answer is derived by SymPy (nnmath/symbolic/exercise_problems.py); here the
same quantity is computed another way, in floating point with NumPy, scikit-learn or the
package's own functions, from the numbers the prompt states.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from sklearn import metrics

import nnmath as nm
from nnmath import exercises
from nnmath.exercises.page import is_checked_on_page
from nnmath.symbolic.exercise_problems import GIVENS

#: The two typed exercises appended to each chapter, in order.
NEW = {
    1: ("cosine-of-angle", "perceptron-margin"),
    2: ("perceptron-two-updates", "mistake-bound"),
    3: ("sigmoid-weight-derivative", "tanh-from-sigmoid"),
    4: ("parameter-count-dhk", "layer-forward"),
    5: ("quadratic-gradient", "quadratic-descent-step"),
    6: ("two-neuron-input-gradient", "two-neuron-cost-number"),
    7: ("hidden-layer-delta", "weight-gradient"),
    8: ("softmax-ce-gradient-numbers", "log-sum-exp"),
    9: ("precision", "f1-score"),
    10: ("glorot-std", "batch-preactivations"),
}


def _value(exercise_id: str) -> np.ndarray:
    """The expected answer as floats (a matrix keeps its shape, a vector is 1-D)."""
    value = exercises.get(exercise_id).expected
    if isinstance(value, sympy.MatrixBase):
        array = np.array(value.evalf(30).tolist(), dtype=float)
        return array.reshape(-1) if 1 in array.shape else array
    return np.array(float(sympy.N(value, 30)))


def _function(exercise_id: str) -> object:
    """The expected expression as a NumPy function of the exercise's variables, in their order."""
    e = exercises.get(exercise_id)
    return sympy.lambdify(list(e.symbols.values()), e.expected, "numpy")


def test_each_chapter_ends_with_its_two_typed_exercises_after_the_first_three() -> None:
    for chapter, ids in NEW.items():
        typed = [e.id for e in exercises.list(chapter) if is_checked_on_page(e)]
        assert len(typed) >= 5 and tuple(typed[3:5]) == ids, chapter
        for exercise_id in ids:
            assert exercises.get(exercise_id).kind in ("derive", "compute")


def test_chapters_1_and_2() -> None:
    u, v = np.array([1.0, 2, 2]), np.array([2.0, -1, 2])
    assert _value("cosine-of-angle") == pytest.approx(u @ v / np.linalg.norm(u) / np.linalg.norm(v))
    X, labels = np.array([[1.0, 1], [0, 0], [1, 0]]), np.array([1, 0, 1])
    w, b = np.array([3.0, 4]), -2.0
    distances = (2 * labels - 1) * (X @ w + b) / np.linalg.norm(w)
    assert _value("perceptron-margin") == pytest.approx(distances.min())
    weights = np.zeros(3)
    for x, y in (([1.0, 2, -1], 0), ([1.0, 1, -2], 1)):
        weights += 0.5 * (y - float(weights @ x >= 0)) * np.array(x)
    np.testing.assert_allclose(_value("perceptron-two-updates"), weights)
    bound = nm.margin_bound([[2, 1], [1, 2], [0, 0]], [1, 1, 0], w=[1.0, 1.0], b=-2.0)
    assert _value("mistake-bound") == pytest.approx(bound["bound"])


def test_chapters_3_and_4() -> None:
    rng = np.random.default_rng(0)
    w, x, b = rng.uniform(-2, 2, (3, 20))
    h = 1e-6
    slope = (nm.sigmoid((w + h) * x + b) ** 2 - nm.sigmoid((w - h) * x + b) ** 2) / (2 * h)
    np.testing.assert_allclose(_function("sigmoid-weight-derivative")(w, x, b), slope, rtol=1e-6)
    np.testing.assert_allclose(_function("tanh-from-sigmoid")(x), np.tanh(x), rtol=1e-12)
    count = _function("parameter-count-dhk")
    for sizes in ([2, 2, 1], [64, 32, 10], [3, 7, 5]):
        assert count(*sizes) == nm.Network(sizes).n_params
    for exercise_id, sizes in (
        ("parameter-count-2232", [3, 4, 4, 2]),
        ("network-parameter-count", [784, 100, 10]),
    ):
        assert exercises.get(exercise_id).expected == nm.Network(sizes).n_params
    w = np.where(np.abs(w) < 0.1, 1.0, w)  # the two exercises below take w ≠ 0
    where = _function("sigmoid-transition")(w, b)
    np.testing.assert_allclose(nm.sigmoid(w * where + b), 0.75, rtol=1e-12)
    rise = (nm.sigmoid(w * (where + h) + b) - nm.sigmoid(w * (where - h) + b)) / (2 * h)
    np.testing.assert_allclose(_function("sigmoid-steepness")(w), rise, rtol=1e-6)
    W, bias = np.array([[1.0, -1, 0], [2, 1, 3]]), np.array([1.0, 1])
    np.testing.assert_allclose(_value("layer-forward"), nm.sigmoid(W @ [1, 2, -1] + bias))


def test_chapters_5_and_6() -> None:
    def cost(w: np.ndarray) -> float:
        return float(w[0] ** 2 + w[0] * w[1] + 2 * w[1] ** 2 - 3 * w[1])

    start, h = np.array([1.0, -1.0]), 1e-6
    gradient = np.array([(cost(start + h * e) - cost(start - h * e)) / (2 * h) for e in np.eye(2)])
    np.testing.assert_allclose(_value("quadratic-gradient"), gradient, rtol=1e-8)
    largest = np.linalg.eigvalsh(np.array([[5.0, 2], [2, 2]])).max()
    assert _value("bowl-stable-rate") == pytest.approx(2 / largest)
    step = _value("quadratic-descent-step")
    np.testing.assert_allclose(step, start - gradient / 4, rtol=1e-8)
    assert cost(step) < cost(start)

    def chain_cost(x: float, w1: float, b1: float, w2: float, b2: float, y: float) -> float:
        return float(0.5 * (nm.sigmoid(w2 * nm.sigmoid(w1 * x + b1) + b2) - y) ** 2)

    rng = np.random.default_rng(1)
    d_x = _function("two-neuron-input-gradient")  # of a1, a2, w1, w2, y
    for x, w1, b1, w2, b2, y in rng.uniform(-2, 2, (5, 6)):
        numeric = (chain_cost(x + h, w1, b1, w2, b2, y) - chain_cost(x - h, w1, b1, w2, b2, y)) / (
            2 * h
        )
        a1 = nm.sigmoid(w1 * x + b1)
        a2 = nm.sigmoid(w2 * a1 + b2)
        assert d_x(a1, a2, w1, w2, y) == pytest.approx(numeric, rel=1e-6, abs=1e-10)
    numbers = GIVENS["two-neuron-cost-number"]
    at = {k: float(numbers[k]) for k in ("x", "w1", "b1", "w2", "b2", "y")}
    up, down = dict(at, w1=at["w1"] + h), dict(at, w1=at["w1"] - h)
    numeric = (chain_cost(**up) - chain_cost(**down)) / (2 * h)
    assert _value("two-neuron-cost-number") == pytest.approx(numeric, rel=1e-6)


def test_chapters_7_and_8() -> None:
    W3, delta3, z2 = np.array([[1.0, -2], [3, 1], [0, 2]]), np.array([1.0, -1, 2]), [0, np.log(3)]
    np.testing.assert_allclose(_value("hidden-layer-delta"), nm.sigmoid_prime(z2) * (W3.T @ delta3))
    np.testing.assert_allclose(_value("weight-gradient"), np.outer([2, -1], [0.5, 1, 3]))
    assert _value("weight-gradient").shape == (2, 3)  # the shape of W: 2 neurons, 3 inputs
    z, y = np.log([2.0, 1.0, 5.0]), np.array([0.0, 0, 1])
    np.testing.assert_allclose(_value("softmax-ce-gradient-numbers"), nm.softmax(z) - y)
    assert _value("log-sum-exp") == pytest.approx(np.logaddexp(800.0, 800.0 + np.log(3)))


def test_chapters_9_and_10() -> None:
    # 40 A called A, 10 A called B, 5 B called A, 45 B called B (A is class 1 here).
    truth = np.repeat([1, 1, 0, 0], [40, 10, 5, 45])
    called = np.repeat([1, 0, 1, 0], [40, 10, 5, 45])
    assert _value("precision") == pytest.approx(metrics.precision_score(truth, called))
    assert _value("f1-score") == pytest.approx(metrics.f1_score(truth, called))
    assert _value("glorot-std") == pytest.approx(np.sqrt(2 / (64 + 32)))
    X, W, b = np.array([[1.0, 2], [0, -1]]), np.array([[1.0, 0], [2, -1], [0, 3]]), [1.0, 0, -2]
    np.testing.assert_allclose(_value("batch-preactivations"), X @ W.T + b)


@pytest.mark.parametrize("exercise_id", [i for ids in NEW.values() for i in ids])
def test_each_known_mistake_is_recognised_and_the_answer_accepted(exercise_id: str) -> None:
    e = exercises.get(exercise_id)
    expected = e.expected
    if isinstance(expected, sympy.MatrixBase):
        expected = list(expected) if 1 in expected.shape else expected.tolist()
    assert exercises.check(exercise_id, expected).correct
    for value, feedback in e.mistakes.values():
        if isinstance(value, sympy.MatrixBase):
            value = list(value) if 1 in value.shape else value.tolist()
        assert exercises.check(exercise_id, value).message == f"Not correct: {feedback}"
