"""Check a function written for an *implement* exercise against the package's own.

:func:`check_code` draws seeded random inputs of the shapes the exercise states, calls the
reader's function and the package's implementation on copies of them, and compares what
comes back: the number of results, each result's shape, then every entry. The first
difference found is the feedback: a wrong shape ("expected shape (4, 3), got (3, 4)"), an
exception the function raised (caught, and told in words), or the first differing entry
with its index, the expected value and the value returned.

Examples
--------
>>> import numpy as np
>>> import nnmath as nm
>>> def output_error(Z, Y):
...     A = nm.sigmoid(Z)
...     return (A - Y) * A * (1 - A)
>>> check_code("output-error-batch", output_error).correct
True
>>> print(check_code("output-error-batch", lambda Z, Y: (nm.sigmoid(Z) - Y).T).message)
Not correct: expected shape (4, 3), got (3, 4) (trial 1 of 5).
>>> result = check_code("output-error-batch", lambda Z, Y: nm.sigmoid(Z) - Y)
>>> result.index, round(result.expected, 4), round(result.got, 4)
((0, 0), -0.0812, -0.326)
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from nnmath.activations import sigmoid, sigmoid_prime, step
from nnmath.exercises.checking import CheckResult
from nnmath.exercises.registry import get, list_exercises
from nnmath.finite_differences import central_difference_gradient
from nnmath.losses import quadratic_grad
from nnmath.network import Network
from nnmath.perceptron import train_perceptron

__all__ = ["CODE_TASKS", "CodeCheckResult", "CodeTask", "central_difference_gradient", "check_code"]

#: Agreement asked of every entry: relative, and absolute for entries below one.
CODE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class CodeCheckResult(CheckResult):
    """The verdict on a function: :class:`CheckResult` and where it first went wrong.

    Attributes
    ----------
    index : tuple of int or None
        Index of the first differing entry (within the result named in the message).
    expected, got : float or None
        That entry, as the package computes it and as the function returned it.
    """

    index: tuple[int, ...] | None = None
    expected: float | None = None
    got: float | None = None


@dataclass(frozen=True)
class CodeTask:
    """What an implement exercise's function is run on, and what it should return.

    Attributes
    ----------
    inputs : callable
        ``inputs(rng, trial)`` returns the arguments of one trial, in the order of the
        exercise's signature.
    reference : callable
        The package's own implementation, called with the same arguments.
    results : tuple of str
        The names of the values returned, e.g. ``("w", "b")``; one name for a single value.
    tolerance : float
        Relative agreement asked of every entry (absolute below one).
    unchanged : tuple of (int, str)
        The arguments the function must leave as they were, as (position, name) pairs
        (checked after the call against an untouched copy).
    """

    inputs: Callable[[np.random.Generator, int], tuple[Any, ...]]
    reference: Callable[..., Any]
    results: tuple[str, ...]
    tolerance: float = CODE_TOLERANCE
    unchanged: tuple[tuple[int, str], ...] = ()


def _network(weights: list[np.ndarray], biases: list[np.ndarray]) -> Network:
    """A sigmoid network with quadratic cost holding the given parameters."""
    sizes = [weights[0].shape[1], *(w.shape[0] for w in weights)]
    net = Network(sizes)
    pairs = zip(weights, biases, strict=True)
    net.set_params(np.concatenate([p.ravel() for pair in pairs for p in pair]))
    return net


def _forward(X: np.ndarray, weights: list[np.ndarray], biases: list[np.ndarray]) -> np.ndarray:
    return _network(weights, biases).forward(X)


def _forward_inputs(rng: np.random.Generator, trial: int) -> tuple[Any, ...]:
    sizes = ([3, 4, 2], [2, 5, 3, 1], [4, 3])[trial % 3]
    weights = [rng.normal(size=(m, n)) for n, m in itertools.pairwise(sizes)]
    biases = [rng.normal(size=m) for m in sizes[1:]]
    return rng.normal(size=(5, sizes[0])), weights, biases


def _sgd_step(
    w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, eta: float
) -> tuple[np.ndarray, float]:
    net = _network([w[None, :]], [np.array([b])])
    dW, db = net.gradient(X, y[:, None])
    return w - eta * dW[0][0], b - eta * float(db[0][0])


def _sgd_inputs(rng: np.random.Generator, trial: int) -> tuple[Any, ...]:
    X = rng.normal(size=(5, 3))
    y = rng.integers(0, 2, size=5).astype(float)
    return rng.normal(size=3), float(rng.normal()), X, y, float(rng.uniform(0.1, 2.0))


def _perceptron_outputs(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return step(X @ w + b)


def _perceptron_inputs(rng: np.random.Generator, trial: int) -> tuple[Any, ...]:
    # Small whole numbers, so that some scores are exactly zero (the output there is 1).
    X = rng.integers(-2, 3, size=(8, 3)).astype(float)
    return X, rng.integers(-2, 3, size=3).astype(float), float(rng.integers(-2, 3))


def _perceptron_rule(
    w: np.ndarray, b: float, x: np.ndarray, y: int, eta: float
) -> tuple[np.ndarray, float]:
    run = train_perceptron(x[None, :], [y], learning_rate=eta, max_epochs=1, initial=[b, *w])
    return run.weights, run.bias


def _rule_inputs(rng: np.random.Generator, trial: int) -> tuple[Any, ...]:
    w = rng.integers(-2, 3, size=3).astype(float)
    b = float(rng.integers(-2, 3))
    x = rng.integers(-2, 3, size=3).astype(float)
    output = int(x @ w + b >= 0)
    y = 1 - output if trial % 2 == 0 else output  # every other trial is a mistake
    return w, b, x, y, float(rng.uniform(0.1, 2.0))


def _test_function(rng: np.random.Generator) -> Callable[[np.ndarray], float]:
    """A smooth function of four variables with random coefficients."""
    a, c = rng.uniform(0.5, 2.0, size=4), rng.normal(size=4)
    B = rng.normal(size=(4, 4))

    def f(v: np.ndarray) -> float:
        return float(c @ np.sin(a * v) + 0.5 * v @ B @ v)

    return f


def _gradient_inputs(rng: np.random.Generator, trial: int) -> tuple[Any, ...]:
    return _test_function(rng), rng.normal(size=4), 1e-5


def _output_error(Z: np.ndarray, Y: np.ndarray) -> np.ndarray:
    return quadratic_grad(sigmoid(Z), Y) * sigmoid_prime(Z)


def _output_error_inputs(rng: np.random.Generator, trial: int) -> tuple[Any, ...]:
    return rng.normal(size=(4, 3)), rng.uniform(0.0, 1.0, size=(4, 3))


#: The implement exercises by id: the inputs tried and the package's implementation.
CODE_TASKS: Mapping[str, CodeTask] = MappingProxyType(
    {
        "perceptron-outputs": CodeTask(_perceptron_inputs, _perceptron_outputs, ("outputs",)),
        "perceptron-rule": CodeTask(_rule_inputs, _perceptron_rule, ("w", "b")),
        "forward-pass": CodeTask(_forward_inputs, _forward, ("output",)),
        "central-difference-gradient": CodeTask(
            _gradient_inputs,
            central_difference_gradient,
            ("gradient",),
            tolerance=1e-6,
            unchanged=((1, "x"),),
        ),
        "output-error-batch": CodeTask(_output_error_inputs, _output_error, ("delta",)),
        "sgd-step-sigmoid": CodeTask(_sgd_inputs, _sgd_step, ("w", "b")),
    }
)


def _shape_words(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_shape_words(v) for v in value) + "]"
    if callable(value):
        return "a function"
    shape = np.shape(value)
    return f"an array of shape {shape}" if shape else "a number"


def _compare(
    exercise_id: str, name: str | None, expected: Any, got: Any, tolerance: float, where: str
) -> CodeCheckResult | None:
    """The verdict on one result (``name`` None when it is the only one), or None if it matches."""
    try:
        got_array = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        subject = f"{name}" if name else "the result"
        message = f"Not correct: {subject} should be numbers, got {type(got).__name__}{where}."
        return CodeCheckResult(exercise_id, False, message)
    want = np.asarray(expected, dtype=float)
    if got_array.shape != want.shape:
        subject = f"{name} of shape" if name else "shape"
        message = f"Not correct: expected {subject} {want.shape}, got {got_array.shape}{where}."
        return CodeCheckResult(exercise_id, False, message)
    close = np.isclose(got_array, want, rtol=tolerance, atol=tolerance)
    if close.all():
        return None
    index = tuple(int(i) for i in np.argwhere(~close)[0])
    e, g = float(want[index]), float(got_array[index])
    if index:
        subject = f"entry {list(index)}" + (f" of {name}" if name else "")
    else:
        subject = name or "the result"
    message = f"Not correct: {subject} is {g:.10g}, expected {e:.10g}{where}."
    return CodeCheckResult(exercise_id, False, message, index, e, g)


def _results(value: Any, names: tuple[str, ...]) -> tuple[Any, ...] | None:
    """The function's value as one entry per named result, or None if it has another count."""
    if len(names) == 1:
        return (value,)
    if isinstance(value, (tuple, list)) and len(value) == len(names):
        return tuple(value)
    return None


def check_code(
    exercise_id: str, func: Callable[..., Any], *, trials: int = 5, seed: int = 0
) -> CodeCheckResult:
    """Run ``func`` on random inputs and compare it with the package's own implementation.

    Parameters
    ----------
    exercise_id : str
        An implement exercise, e.g. ``"sgd-step-sigmoid"`` (see
        ``nnmath.exercises.list()``; its ``signature`` says what ``func`` takes).
    func : callable
        The reader's function.
    trials : int
        How many sets of random inputs to try, 1 to 100.
    seed : int
        Seeds the inputs (the same seed gives the same inputs).

    Returns
    -------
    CodeCheckResult
        ``.correct``, and a one-line ``.message``: what matched, or the first thing that
        did not (a wrong number of results, a wrong shape, an exception, an entry).

    Raises
    ------
    ValueError
        If ``exercise_id`` is not an implement exercise (naming it), or ``trials`` is out
        of range.
    TypeError
        If ``func`` is not callable, or ``trials`` or ``seed`` is not an integer.

    Examples
    --------
    >>> def perceptron_outputs(X, w, b):
    ...     return (X @ w + b > 0).astype(float)  # 0 where the score is exactly 0
    >>> print(check_code("perceptron-outputs", perceptron_outputs).message)
    Not correct: entry [4] is 0, expected 1 (trial 1 of 5).
    >>> check_code("chain-rule-w1", perceptron_outputs)
    Traceback (most recent call last):
    ...
    ValueError: exercise_id must name an implement exercise, got 'chain-rule-w1' (derive); ...
    """
    if not isinstance(exercise_id, str):
        raise TypeError(f"exercise_id must be a string, got {type(exercise_id).__name__}")
    exercise = get(exercise_id)
    if exercise.kind != "implement" or exercise_id not in CODE_TASKS:
        names = ", ".join(e.id for e in list_exercises() if e.kind == "implement")
        raise ValueError(
            f"exercise_id must name an implement exercise, got {exercise_id!r} "
            f"({exercise.kind}); the implement exercises are {names}"
        )
    if not callable(func):
        raise TypeError(f"func must be a function, got {type(func).__name__}")
    for name, value in (("trials", trials), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if not 1 <= trials <= 100:
        raise ValueError(f"trials must be from 1 to 100, got {trials}")
    task = CODE_TASKS[exercise_id]
    for trial in range(trials):
        rng = np.random.default_rng([abs(seed), trial])
        args = task.inputs(rng, trial)
        where = f" (trial {trial + 1} of {trials})"
        reference = task.reference(*copy.deepcopy(args))
        expected = (reference,) if len(task.results) == 1 else tuple(reference)
        passed = copy.deepcopy(args)  # the function gets its own arrays; args stay untouched
        try:
            value = func(*passed)
        except Exception as exc:  # the reader's code may raise anything
            shapes = ", ".join(_shape_words(a) for a in args)
            message = (
                f"Not correct: your function raised {type(exc).__name__} ({exc}) when called "
                f"with {shapes}{where}."
            )
            return CodeCheckResult(exercise_id, False, message)
        if value is None:
            message = (
                f"Not correct: your function returned None (is a return statement missing?){where}."
            )
            return CodeCheckResult(exercise_id, False, message)
        changed = [
            name
            for position, name in task.unchanged
            if not np.array_equal(passed[position], args[position])
        ]
        if changed:
            message = f"Not correct: your function changed {changed[0]}{where}; leave it as it was."
            return CodeCheckResult(exercise_id, False, message)
        got = _results(value, task.results)
        if got is None:
            wanted = f"{len(task.results)} results ({', '.join(task.results)})"
            message = f"Not correct: expected {wanted}, got {_shape_words(value)}{where}."
            return CodeCheckResult(exercise_id, False, message)
        single = len(task.results) == 1
        for name, want, have in zip(task.results, expected, got, strict=True):
            verdict = _compare(
                exercise_id, None if single else name, want, have, task.tolerance, where
            )
            if verdict is not None:
                return verdict
    message = (
        f"Correct: your function matches nnmath's own on {trials} random inputs "
        f"(every entry within relative {task.tolerance:g})."
    )
    return CodeCheckResult(exercise_id, True, message)
