"""Every check that ties the derivations to the NumPy code, in one registry.

A :class:`Check` states one fact, says how it is checked (a SymPy proof, a
comparison of a NumPy kernel with the lambdified SymPy expression, finite
differences, or exact arithmetic) and to what tolerance, and runs it. The
same registry is used by the tests, by ``python -m nnmath check`` and by the
site's verification page.

Every check compares values it computes when it runs; any exception inside a
check is reported as a failure with the error message.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from numpy.typing import ArrayLike, NDArray

from nnmath import activations, losses
from nnmath.finite_differences import gradcheck
from nnmath.network import Network
from nnmath.symbolic import Formula, derive, names, verify_backprop, worked_example

__all__ = [
    "CHECKS",
    "KINDS",
    "METHODS",
    "Check",
    "CheckResult",
    "compare_with_formula",
    "get_check",
    "relative_error",
    "run_all",
]

#: The allowed values of :attr:`Check.method`.
METHODS: tuple[str, ...] = (
    "SymPy proof",
    "SymPy proof on concrete sizes",
    "lambdified comparison",
    "finite differences",
    "numerical example",
    "exact arithmetic",
)

#: The kind of each method (:attr:`Check.kind`), in the words of
#: :data:`nnmath.symbolic.STEP_CHECK_KINDS`: proved for all values, proved on concrete sizes,
#: compared on numbers, or exact rational arithmetic.
KINDS: dict[str, str] = {
    "SymPy proof": "SymPy proof",
    "SymPy proof on concrete sizes": "sizes 1..n",
    "lambdified comparison": "numerical",
    "finite differences": "numerical",
    "numerical example": "numerical",
    "exact arithmetic": "exact arithmetic",
}

#: The method a step check of each kind reports.
_STEP_METHODS = {
    kind: method for method, kind in KINDS.items() if method != "lambdified comparison"
}
_STEP_METHODS["numerical"] = "numerical example"

KERNEL_TOLERANCE = 1e-12
BACKPROP_TOLERANCE = 1e-10
GRADCHECK_TOLERANCE = 1e-6
CLASS_COUNTS = (2, 3, 4, 5)

FloatArray = NDArray[np.float64]
_KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass(frozen=True)
class CheckResult:
    """Outcome of one check.

    Attributes
    ----------
    passed : bool
    detail : str
        What was compared and the measured error (or the error message).
    seconds : float
        Wall time of the run.
    """

    passed: bool
    detail: str
    seconds: float


@dataclass(frozen=True)
class Check:
    """One checked statement.

    Attributes
    ----------
    name : str
        Short kebab-case id, unique in :data:`CHECKS`.
    statement : str
        The fact checked, as a plain sentence (what the command line prints).
    derivation : str or None
        Registry name of the derivation it belongs to.
    method : str
        One of :data:`METHODS`.

    Raises
    ------
    ValueError
        If ``name`` is not kebab-case or ``method`` is not in :data:`METHODS`.
    tolerance : str
        What counts as agreement.
    run : callable
        Runs the check and returns a :class:`CheckResult`.
    statement_math : str
        The same sentence with its math as TeX between ``$`` signs, for the
        pages; empty when the sentence has no math.
    """

    name: str
    statement: str
    derivation: str | None
    method: str
    tolerance: str
    run: Callable[[], CheckResult]
    statement_math: str = ""

    @property
    def kind(self) -> str:
        """How strong the check is: one of :data:`nnmath.symbolic.STEP_CHECK_KINDS`."""
        return KINDS[self.method]

    @property
    def step(self) -> str | None:
        """The label of the derivation step this check verifies, or None."""
        if self.derivation is None or not self.name.startswith("step-"):
            return None
        return next((s.label for s in derive(self.derivation).steps if s.check == self.name), None)

    @property
    def display_statement(self) -> str:
        """The statement as the pages show it: with typeset math where it has any."""
        return self.statement_math or self.statement

    def __post_init__(self) -> None:
        if not _KEBAB.fullmatch(self.name):
            raise ValueError(f"check name must be kebab-case, got {self.name!r}")
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, got {self.method!r}")


def _timed(body: Callable[[], tuple[bool, str]]) -> Callable[[], CheckResult]:
    """Wrap ``body`` (returning passed, detail) so it is timed and never raises."""

    def run() -> CheckResult:
        start = time.perf_counter()
        try:
            passed, detail = body()
        except Exception as exc:  # a crash is a failed check, reported with its message
            passed, detail = False, f"raised {type(exc).__name__}: {exc}"
        return CheckResult(bool(passed), detail, time.perf_counter() - start)

    return run


# -- comparison machinery -----------------------------------------------------------------


def relative_error(actual: ArrayLike, expected: ArrayLike) -> float:
    """Largest row-wise relative error ``max|a − e| / max|e|`` over the rows.

    Each row (a sample: one value, or one vector such as a softmax output) is
    compared in the max norm relative to the size of the expected row; a
    vector entry that is tiny because of cancellation is thus not judged on
    its own.

    Parameters
    ----------
    actual, expected : array_like, shape (n, m) or (n,)
        Same shape.

    Returns
    -------
    float
        ``inf`` if ``actual`` holds NaN or infinity.

    Raises
    ------
    ValueError
        If the shapes differ or the arrays are empty.
    """
    a = np.asarray(actual, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    if a.shape != e.shape:
        raise ValueError(f"shapes differ: {a.shape} and {e.shape}")
    if a.size == 0:
        raise ValueError("cannot compare empty arrays")
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(e))):
        return float("inf")
    a2 = a.reshape(a.shape[0], -1) if a.ndim else a.reshape(1, 1)
    e2 = e.reshape(a2.shape)
    scale = np.maximum(np.max(np.abs(e2), axis=1), np.finfo(np.float64).tiny)
    return float(np.max(np.max(np.abs(a2 - e2), axis=1) / scale))


def compare_with_formula(
    kernel: Callable[[FloatArray], ArrayLike],
    formula: Formula,
    points: FloatArray,
    tolerance: float,
) -> tuple[bool, float]:
    """Evaluate ``kernel`` and the lambdified ``formula`` at ``points`` and compare.

    Parameters
    ----------
    kernel : callable
        Takes ``points`` of shape ``(n, k)`` and returns ``n`` rows of ``m``
        values (any shape that reshapes to ``(n, m)``).
    formula : Formula
        ``m`` SymPy expressions in ``k`` arguments.
    points : ndarray, shape (n, k)
    tolerance : float
        Largest accepted :func:`relative_error`.

    Returns
    -------
    passed : bool
    error : float
        The measured relative error.
    """
    expected = formula.evaluate(points)
    actual = np.asarray(kernel(points), dtype=np.float64).reshape(expected.shape)
    error = relative_error(actual, expected)
    return error < tolerance, error


def _summary(errors: dict[str, float], tolerance: float) -> tuple[bool, str]:
    worst = max(errors.values())
    parts = ", ".join(f"{key}: {err:.1e}" for key, err in errors.items())
    return worst < tolerance, f"largest relative error {worst:.2e} ({parts})"


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


# -- SymPy proofs ---------------------------------------------------------------------------


def _proof_body(name: str) -> Callable[[], tuple[bool, str]]:
    def body() -> tuple[bool, str]:
        results = derive(name).verify()
        failed = [claim.statement for claim, ok in results if not ok]
        detail = f"{len(results) - len(failed)}/{len(results)} claims proved"
        if failed:
            detail += "; not proved: " + "; ".join(failed)
        return not failed, detail

    return body


#: TeX in statements, and the plain text the command line prints for it.
_PLAIN = (
    (r"\hat y", "ŷ"),
    (r"\hat{y}", "ŷ"),
    (r"^\mathsf{T}", "ᵀ"),
    (r"\operatorname{softmax}", "softmax"),
    (r"\partial", "∂"),
    (r"\sigma", "σ"),
    (r"\theta", "θ"),
    (r"\alpha", "α"),
    (r"\beta", "β"),
    (r"\eta", "η"),
    (r"\cdot", "·"),
    (r"\times", "×"),
    (r"\,", " "),
)


#: Unicode for the other TeX commands that step justifications use.
_SYMBOLS = {
    "neq": "≠",
    "dots": "…",
    "ldots": "…",
    "cdots": "⋯",
    "prod": "Π",
    "mathcal": "",
    "boldsymbol": "",
    "ne": "≠",
    "le": "≤",
    "ge": "≥",
    "leq": "≤",
    "geq": "≥",
    "to": "→",
    "infty": "∞",
    "nabla": "∇",
    "sum": "Σ",
    "lambda": "λ",
    "gamma": "γ",
    "delta": "δ",
    "varepsilon": "ε",
    "epsilon": "ε",
    "mapsto": "↦",
    "circ": "∘",
    "odot": "⊙",
    "pm": "±",
    "sqrt": "√",
    "mathbb": "",
    "in": "∈",
    "max": "max",
    "min": "min",
    "log": "log",
    "leftarrow": "←",
    "quad": " ",
    "qquad": " ",
    "bigl": "",
    "bigr": "",
    "left": "",
    "right": "",
    "prime": "′",
    "mathsf": "",
    "tfrac": "",
    "frac": "",
    "vdots": "⋮",
}


def plain_text(tex: str) -> str:
    """A sentence with ``$…$`` math as plain Unicode text (the command line's form).

    Handles the few TeX commands the statements use: bold vectors, hats, Greek
    letters, ``∂``, ``·``, ``×`` and the transpose.

    Examples
    --------
    >>> plain_text(r"The sum and $\\mathbf{w}^\\mathsf{T}\\mathbf{x} + b$ agree.")
    'The sum and wᵀx + b agree.'
    >>> plain_text(r"The gradient is $\\mathbf{p} - \\mathbf{y}$")
    'The gradient is p − y'
    """
    text = re.sub(r"\\(?:mathbf|boldsymbol|text|operatorname|mathrm)\{([^{}]*)\}", r"\1", tex)
    text = text.replace(r"\tfrac12", "½")
    text = re.sub(r"\\t?frac\{([^{}]*)\}\{([^{}]*)\}", r"\1/\2", text)
    for command, plain in _PLAIN:
        text = text.replace(command, plain)
    # Any other command: its Unicode symbol if it has one, else its name without the backslash.
    text = re.sub(r"\\([a-zA-Z]+)", lambda m: _SYMBOLS.get(m.group(1), m.group(1)), text)
    text = re.sub(
        r"\\(.)",
        lambda m: {"|": "‖", ",": " ", ";": " ", "!": ""}.get(m.group(1), m.group(1)),
        text,
    )
    math = re.compile(r"\$([^$]*)\$")
    return math.sub(lambda m: m.group(1).replace(" - ", " − ").replace("-", "−"), text)


_WORKED_EXAMPLE_STATEMENT = (
    r"The chain-rule worked example's numbers ($z = 2$, $\hat y = 7/2$, $E = 9/8$, the "
    r"two steps up the gradient of $\hat y$ and one descent step on $E$) are exact."
)


def _proof_checks() -> list[Check]:
    out = []
    for name in names():
        derivation = derive(name)
        sentence = f"{derivation.title}: {derivation.summary}"
        out.append(
            Check(
                name=f"symbolic-{name}",
                statement=plain_text(sentence),
                derivation=name,
                method="SymPy proof",
                tolerance="exact (each difference simplifies to 0)",
                run=_timed(_proof_body(name)),
                statement_math=sentence if "$" in sentence else "",
            )
        )
    return out


def _step_checks() -> list[Check]:
    """One check per checked step of every derivation, named by the step."""
    out = []
    for name in names():
        derivation = derive(name)
        for step in derivation.checked_steps:
            assert step.verification is not None and step.check is not None
            why = step.explanation or "follows from the steps before"
            sentence = f"{derivation.title}, step “{step.label}”: {why}"
            method = _STEP_METHODS[step.verification.kind]
            out.append(
                Check(
                    name=step.check,
                    statement=plain_text(sentence),
                    derivation=name,
                    method=method,
                    tolerance=_STEP_TOLERANCE[step.verification.kind],
                    run=_timed(step.verification.run),
                    statement_math=sentence if "$" in sentence else "",
                )
            )
    return out


_STEP_TOLERANCE = {
    "SymPy proof": "exact (the difference simplifies to 0)",
    "sizes 1..n": "exact, for each size tried",
    "numerical": "as the detail states",
    "exact arithmetic": "exact (rational numbers)",
}


def _layerwise_10() -> tuple[bool, str]:
    report = verify_backprop([3] * 10, "layerwise")
    expected = 9 * (3 * 3 + 3)
    ok = report.all_equal and report.partials_checked == expected
    return ok, (
        f"{report.partials_checked} partials and {report.deltas_checked} error terms of a "
        "10-layer width-3 network proved"
        + ("" if report.all_equal else f"; not proved: {'; '.join(report.failures)}")
    )


def _composed_2232() -> tuple[bool, str]:
    report = verify_backprop([2, 2, 3, 2], "composed")
    ok = report.all_equal and report.partials_checked == 23
    return ok, (
        f"{report.partials_checked} partials of the composed cost proved"
        + ("" if report.all_equal else f"; not proved: {'; '.join(report.failures)}")
    )


# -- NumPy kernels against lambdified SymPy -------------------------------------------------


def _sigmoid_kernel() -> tuple[bool, str]:
    points = _rng(0).uniform(-6.0, 6.0, size=(1000, 1))
    formula = derive("sigmoid").formulas["sigmoid"]
    ok, err = compare_with_formula(
        lambda p: activations.sigmoid(p[:, 0]), formula, points, KERNEL_TOLERANCE
    )
    return ok, f"relative error {err:.2e} at 1000 points in [-6, 6]"


def _sigmoid_prime_kernel() -> tuple[bool, str]:
    # Within [−6, 6] the float64 kernel σ(1 − σ) is accurate to ~1e-13 relative;
    # far out 1 − σ cancels and no formula in σ can be accurate.
    points = _rng(1).uniform(-6.0, 6.0, size=(1000, 1))
    formula = derive("sigmoid").formulas["sigmoid_prime"]
    ok, err = compare_with_formula(
        lambda p: activations.sigmoid_prime(p[:, 0]), formula, points, KERNEL_TOLERANCE
    )
    return ok, f"relative error {err:.2e} at 1000 points in [-6, 6] (against SymPy's derivative)"


def _per_k(
    seed: int,
    derivation: str,
    key: str,
    kernel: Callable[[FloatArray], ArrayLike],
    make_points: Callable[[np.random.Generator, int], FloatArray],
) -> tuple[bool, str]:
    rng = _rng(seed)
    errors = {}
    for k in CLASS_COUNTS:
        formula = derive(derivation).formulas[f"{key}_{k}"]
        _, errors[f"K={k}"] = compare_with_formula(
            kernel, formula, make_points(rng, k), KERNEL_TOLERANCE
        )
    return _summary(errors, KERNEL_TOLERANCE)


def _logits(rng: np.random.Generator, k: int) -> FloatArray:
    return 3.0 * rng.standard_normal((300, k))


def _moderate_logits(rng: np.random.Generator, k: int) -> FloatArray:
    # Logits from N(0, 1): for a very confident prediction the loss −log p and the
    # gradient p − y are differences of nearly equal numbers, and neither float64
    # formula is accurate to 1e-12 relative there.
    return rng.standard_normal((300, k))


def _targets(rng: np.random.Generator, n: int, k: int) -> FloatArray:
    """Half one-hot rows, half random probability vectors (all rows sum to 1)."""
    one_hot = np.eye(k)[rng.integers(0, k, size=n // 2)]
    soft = rng.dirichlet(np.ones(k), size=n - n // 2)
    return np.vstack([one_hot, soft])


def _logits_and_targets(rng: np.random.Generator, k: int) -> FloatArray:
    z = _moderate_logits(rng, k)
    return np.hstack([z, _targets(rng, z.shape[0], k)])


def _outputs_and_targets(rng: np.random.Generator, k: int) -> FloatArray:
    return rng.uniform(0.0, 1.0, size=(300, 2 * k))


def _split(points: FloatArray) -> tuple[FloatArray, FloatArray]:
    k = points.shape[1] // 2
    return points[:, :k], points[:, k:]


def _row_by_row(loss: Callable[[FloatArray, FloatArray], float]) -> Callable[[FloatArray], Any]:
    """A per-sample kernel: the batch loss of each row on its own."""

    def kernel(points: FloatArray) -> FloatArray:
        first, second = _split(points)
        return np.array([loss(first[i : i + 1], second[i : i + 1]) for i in range(len(points))])

    return kernel


def _batch_mean(
    seed: int, derivation: str, key: str, loss: Callable[[FloatArray, FloatArray], float],
    make_points: Callable[[np.random.Generator, int], FloatArray],
) -> tuple[bool, str]:  # fmt: skip
    """The kernel's batch loss against the mean of the lambdified per-sample loss."""
    rng = _rng(seed)
    errors = {}
    for k in CLASS_COUNTS:
        points = make_points(rng, k)
        expected = derive(derivation).formulas[f"{key}_{k}"].evaluate(points).mean()
        errors[f"K={k} mean"] = relative_error([loss(*_split(points))], [expected])
    return _summary(errors, KERNEL_TOLERANCE)


def _both(*parts: tuple[bool, str]) -> tuple[bool, str]:
    return all(ok for ok, _ in parts), "; ".join(detail for _, detail in parts)


def _softmax_kernel() -> tuple[bool, str]:
    return _per_k(2, "softmax", "softmax", activations.softmax, _logits)


def _log_softmax_kernel() -> tuple[bool, str]:
    return _per_k(3, "softmax", "log_softmax", activations.log_softmax, _logits)


def _cross_entropy_grad_kernel() -> tuple[bool, str]:
    return _per_k(
        4,
        "softmax-cross-entropy",
        "cross_entropy_grad",
        lambda p: losses.cross_entropy_grad(*_split(p)),
        _logits_and_targets,
    )


def _cross_entropy_kernel() -> tuple[bool, str]:
    kernel = _row_by_row(lambda z, y: losses.cross_entropy(z, y))
    return _both(
        _per_k(5, "softmax-cross-entropy", "cross_entropy", kernel, _logits_and_targets),
        _batch_mean(
            6, "softmax-cross-entropy", "cross_entropy", losses.cross_entropy, _logits_and_targets
        ),
    )


def _quadratic_kernel() -> tuple[bool, str]:
    kernel = _row_by_row(lambda a, y: losses.quadratic(a, y))
    return _both(
        _per_k(7, "backprop", "quadratic_cost", kernel, _outputs_and_targets),
        _batch_mean(8, "backprop", "quadratic_cost", losses.quadratic, _outputs_and_targets),
    )


# -- the network against SymPy and finite differences ---------------------------------------


def _network_gradient_vector(net: Any, x: FloatArray, y: FloatArray) -> FloatArray:
    """``net.gradient`` for one sample, flattened in the order W0, b0, W1, b1, …"""
    grad_w, grad_b = net.gradient(x[np.newaxis, :], y[np.newaxis, :])
    parts: list[FloatArray] = []
    for w, b in zip(grad_w, grad_b, strict=True):
        parts += [np.asarray(w, dtype=np.float64).ravel(), np.asarray(b, dtype=np.float64)]
    return np.concatenate(parts)


def _against_symbolic(
    sizes: Sequence[int], formula: Formula, seeds: Iterable[int]
) -> tuple[bool, str]:
    errors = {}
    for seed in seeds:
        rng = _rng(100 + seed)
        net = Network(list(sizes), hidden="sigmoid", output="sigmoid", loss="quadratic", seed=seed)
        # Parameters of order 1 rather than the small initial ones.
        net.set_params(rng.normal(0.0, 1.0, size=net.n_params))
        x = rng.normal(0.0, 1.0, size=sizes[0])
        y = rng.uniform(0.0, 1.0, size=sizes[-1])
        point = np.concatenate([x, y, net.get_params()])[np.newaxis, :]
        expected = formula.evaluate(point)
        actual = _network_gradient_vector(net, x, y)[np.newaxis, :]
        errors[f"seed {seed}"] = relative_error(actual, expected)
    ok, detail = _summary(errors, BACKPROP_TOLERANCE)
    return ok, f"{formula.evaluate(point).shape[1]} partials; {detail}"


def _backprop_vs_symbolic() -> tuple[bool, str]:
    return _against_symbolic([2, 2, 3, 2], derive("backprop").formulas["gradient"], range(3))


def _chain_network_vs_symbolic() -> tuple[bool, str]:
    formula = derive("chain-rule-network").formulas["gradient"]
    # The formula's argument order is x, y, w1, b1, w2, b2 = the network's W0, b0, W1, b1.
    return _against_symbolic([1, 1, 1], formula, range(3))


def _hidden_slopes(hidden: str, z: FloatArray) -> dict[str, FloatArray]:
    """The hidden activation's derivative at each ``z`` as the backward passes use it.

    A 1-1-1 network with an identity output and the quadratic cost, with ``W¹ = 1``,
    ``W² = 1`` and the input 0, so that the hidden weighted input is its bias ``b¹ = z``, and
    the target one below the output: then ``∂C/∂b¹ = δ¹ = f′(z) · 1 · 1``. Computed with the
    readable :meth:`Network.backward` and with :meth:`Network.gradient` (the work-array code).
    """
    net = Network([1, 1, 1], hidden=hidden, output="identity", loss="quadratic")
    slopes = {"Network.backward": np.empty_like(z), "Network.gradient": np.empty_like(z)}
    x = np.zeros((1, 1))
    for i, z_i in enumerate(z):
        net.set_params([1.0, z_i, 1.0, 0.0])  # W¹, b¹, W², b²
        y = net(x) - 1.0  # a² − y = 1, so δ² = 1
        slopes["Network.backward"][i] = net.backward(net.forward_pass(x), y)[1][0][0]
        slopes["Network.gradient"][i] = net.gradient(x, y)[1][0][0]
    return slopes


#: Points where the activation derivatives are compared: 0 exactly, then both sides of it.
_SLOPE_POINTS = np.concatenate([[0.0], np.linspace(-4.0, 4.0, 80), [-1e-300, 1e-300]])


def _relu_derivative() -> tuple[bool, str]:
    d = derive("relu")
    (x,) = d.steps[0].expr.rhs.free_symbols
    # The derivative away from 0 (a Piecewise with no value at 0), and the convention at 0.
    away = sympy.lambdify(x, d.steps[1].expr.rhs, modules="numpy")
    at_zero = float(next(s for s in d.steps if s.label.startswith("At the corner")).expr.rhs)
    z = _SLOPE_POINTS
    with np.errstate(invalid="ignore"):
        expected = np.where(z == 0.0, at_zero, away(z))
    parts = []
    ok = True
    for code, actual in _hidden_slopes("relu", z).items():
        wrong = int(np.sum(actual != expected))
        ok = ok and wrong == 0
        parts.append(f"{code}: {len(z) - wrong}/{len(z)} points equal, {actual[0]:g} at 0")
    return ok, f"{'; '.join(parts)} (the derivation's convention: {at_zero:g})"


def _tanh_derivative() -> tuple[bool, str]:
    d = derive("tanh")
    (x,) = d.result.lhs.free_symbols
    slope = sympy.lambdify(x, d.result.rhs, modules="numpy")
    z = _SLOPE_POINTS
    at_zero = float(d.result.rhs.subs(x, 0))
    parts = []
    ok = True
    for code, actual in _hidden_slopes("tanh", z).items():
        error = relative_error(actual[:, np.newaxis], slope(z)[:, np.newaxis])
        ok = ok and error < KERNEL_TOLERANCE and actual[0] == at_zero
        parts.append(f"{code}: relative error {error:.2e}, {actual[0]:g} at 0")
    return ok, f"{'; '.join(parts)} ({len(z)} points in [-4, 4] and 0)"


def _gradcheck(configs: Sequence[tuple[list[int], str, int]]) -> tuple[bool, str]:
    """Finite differences for each (sizes, output, seed); softmax pairs with cross-entropy."""
    errors = {}
    for sizes, output, seed in configs:
        loss = "cross_entropy" if output == "softmax" else "quadratic"
        net = Network(sizes, hidden="sigmoid", output=output, loss=loss, seed=seed)
        rng = _rng(200 + seed)
        X = rng.normal(0.0, 1.0, size=(6, sizes[0]))
        if output == "softmax":
            Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], size=6)]
        else:
            Y = rng.uniform(0.0, 1.0, size=(6, sizes[-1]))
        key = "-".join(map(str, sizes)) + f" {output}"
        errors[key] = float(gradcheck(net, X, Y))
    return _summary(errors, GRADCHECK_TOLERANCE)


def _gradcheck_sigmoid() -> tuple[bool, str]:
    return _gradcheck(
        [([2, 2, 3, 2], "sigmoid", 0), ([3, 4, 4, 2], "sigmoid", 3), ([1, 5, 1], "sigmoid", 4)]
    )


def _gradcheck_softmax() -> tuple[bool, str]:
    return _gradcheck([([3, 5, 4], "softmax", 1), ([2, 3, 3, 3], "softmax", 2)])


# -- the perceptron library against Novikoff's bound -----------------------------------------


def _perceptron_bound() -> tuple[bool, str]:
    from nnmath import datasets, perceptron

    parts, ok = [], True
    for seed, (gap, eta) in enumerate(((0.05, 1.0), (0.1, 0.1), (0.2, 1.0), (0.3, 2.0))):
        X, y = datasets.linearly_separable(40, margin=gap, seed=seed)
        run = perceptron.train_perceptron(X, y, learning_rate=eta, max_epochs=10_000)
        bound = perceptron.margin_bound(X, y, w=[1.0, 2.0], b=-1.0)["bound"]
        ok &= run.converged and run.updates <= bound
        parts.append(f"gap {gap}, η = {eta}: {run.updates} ≤ {bound:.0f}")
    return ok, "updates ≤ (R/γ)² for nnmath.train_perceptron (" + "; ".join(parts) + ")"


# -- exact arithmetic -----------------------------------------------------------------------

#: The worked example's numbers as stated on the site.
STATED_WORKED_EXAMPLE = {
    "z": Fraction(2),
    "L": Fraction(7, 2),
    "E": Fraction(9, 8),
    "dL_dw1": Fraction(3),
    "dL_dw2": Fraction(2),
    "w1_up_large": Fraction(11, 10),
    "w2_up_large": Fraction(19, 10),
    "L_up_large": Fraction(329, 50),
    "w1_up_small": Fraction(4, 5),
    "w2_up_small": Fraction(17, 10),
    "L_up_small": Fraction(123, 25),
    "w1_descent": Fraction(19, 20),
    "w2_descent": Fraction(9, 5),
    "L_descent": Fraction(143, 25),
    "E_descent": Fraction(162, 625),
}


def _fraction_example() -> dict[str, Fraction]:
    """The worked example recomputed with Python fractions, independently of SymPy."""
    x, b1, b2, t = Fraction(2), Fraction(1), Fraction(1, 2), Fraction(5)
    w1, w2 = Fraction(1, 2), Fraction(3, 2)

    def forward(w1: Fraction, w2: Fraction) -> tuple[Fraction, Fraction, Fraction]:
        z = x * w1 + b1
        big_l = z * w2 + b2
        return z, big_l, (big_l - t) ** 2 / 2

    z, big_l, error = forward(w1, w2)
    out = {"z": z, "L": big_l, "E": error, "dL_dw1": w2 * x, "dL_dw2": z}
    for tag, eta in (("up_large", Fraction(1, 5)), ("up_small", Fraction(1, 10))):
        new = (w1 + eta * out["dL_dw1"], w2 + eta * out["dL_dw2"])
        out.update({f"w1_{tag}": new[0], f"w2_{tag}": new[1], f"L_{tag}": forward(*new)[1]})
    eta = Fraction(1, 10)
    new = (w1 - eta * (big_l - t) * w2 * x, w2 - eta * (big_l - t) * z)
    _, new_l, new_e = forward(*new)
    out.update(w1_descent=new[0], w2_descent=new[1], L_descent=new_l, E_descent=new_e)
    return out


def _worked_example() -> tuple[bool, str]:
    sympy_values = worked_example()
    fraction_values = _fraction_example()
    wrong = []
    for key, stated in STATED_WORKED_EXAMPLE.items():
        value = sympy_values[key]
        as_fraction = Fraction(int(value.p), int(value.q))
        if not (as_fraction == stated == fraction_values[key]):
            wrong.append(f"{key}: SymPy {value}, fractions {fraction_values[key]}, stated {stated}")
    if sympy_values["E_descent"] >= sympy_values["E"]:
        wrong.append("the descent step did not lower E")
    if wrong:
        return False, "; ".join(wrong)
    return True, (
        f"{len(STATED_WORKED_EXAMPLE)} numbers agree (SymPy, Python fractions, stated): "
        "z = 2, ŷ = 7/2, E = 9/8; up by 1/5: ŷ = 329/50; up by 1/10: ŷ = 123/25; "
        "descent: E = 162/625"
    )


# -- the registry ---------------------------------------------------------------------------


def _build() -> tuple[Check, ...]:
    rel = f"relative error < {KERNEL_TOLERANCE:.0e} (max-norm per sample)"
    checks = _proof_checks() + _step_checks()
    checks += [
        Check(
            "backprop-layerwise-10-layers",
            "The four backprop equations hold entry by entry for a 10-layer, width-3 "
            "sigmoid network, proved one layer at a time.",
            "backprop",
            "SymPy proof",
            "exact (each difference simplifies to 0)",
            _timed(_layerwise_10),
        ),
        Check(
            "backprop-composed-2-2-3-2",
            "Differentiating the fully composed cost of the 2-2-3-2 network gives the "
            "backprop formula for all 23 weights and biases.",
            "backprop",
            "SymPy proof",
            "exact (each difference expands to 0)",
            _timed(_composed_2232),
        ),
        Check(
            "sigmoid-kernel",
            "nnmath.sigmoid equals the SymPy expression 1/(1 + e^-x).",
            "sigmoid",
            "lambdified comparison",
            rel,
            _timed(_sigmoid_kernel),
            statement_math=r"nnmath.sigmoid equals the SymPy expression $1/(1 + e^{-x})$.",
        ),
        Check(
            "sigmoid-derivative-kernel",
            "nnmath.sigmoid_prime equals the SymPy derivative of the sigmoid.",
            "sigmoid",
            "lambdified comparison",
            rel,
            _timed(_sigmoid_prime_kernel),
        ),
        Check(
            "softmax-kernel",
            "nnmath.softmax equals the SymPy softmax for K = 2, 3, 4, 5.",
            "softmax",
            "lambdified comparison",
            rel,
            _timed(_softmax_kernel),
            statement_math="nnmath.softmax equals the SymPy softmax for $K = 2, 3, 4, 5$.",
        ),
        Check(
            "log-softmax-kernel",
            "nnmath.log_softmax equals z_j minus the log of the sum of exponentials, "
            "for K = 2, 3, 4, 5.",
            "softmax",
            "lambdified comparison",
            rel,
            _timed(_log_softmax_kernel),
            statement_math=(
                "nnmath.log_softmax equals $z_j$ minus the log of the sum of exponentials, "
                "for $K = 2, 3, 4, 5$."
            ),
        ),
        Check(
            "cross-entropy-kernel",
            "The cross-entropy loss equals the SymPy expression, per sample and as a "
            "batch mean, for K = 2, 3, 4, 5.",
            "softmax-cross-entropy",
            "lambdified comparison",
            rel,
            _timed(_cross_entropy_kernel),
            statement_math=(
                "The cross-entropy loss equals the SymPy expression, per sample and as a "
                "batch mean, for $K = 2, 3, 4, 5$."
            ),
        ),
        Check(
            "cross-entropy-gradient-kernel",
            "The cross-entropy gradient with respect to the logits equals p - y for "
            "targets that sum to 1, for K = 2, 3, 4, 5.",
            "softmax-cross-entropy",
            "lambdified comparison",
            rel,
            _timed(_cross_entropy_grad_kernel),
            statement_math=(
                r"The cross-entropy gradient with respect to the logits equals "
                r"$\mathbf{p} - \mathbf{y}$ for targets that sum to 1, for $K = 2, 3, 4, 5$."
            ),
        ),
        Check(
            "quadratic-loss-kernel",
            "The quadratic loss equals one half of the squared distance between output "
            "and target, per sample and as a batch mean, for 2 to 5 outputs.",
            "backprop",
            "lambdified comparison",
            rel,
            _timed(_quadratic_kernel),
        ),
        Check(
            "backprop-vs-symbolic",
            "Network.gradient of the 2-2-3-2 sigmoid network equals all 23 SymPy partial "
            "derivatives of the composed cost, for one sample at random parameters.",
            "backprop",
            "lambdified comparison",
            f"relative error < {BACKPROP_TOLERANCE:.0e} (max-norm over the 23 partials)",
            _timed(_backprop_vs_symbolic),
        ),
        Check(
            "chain-rule-network-vs-symbolic",
            "Network.gradient of the 1-1-1 sigmoid network equals the SymPy partial "
            "derivatives of the two-neuron chain.",
            "chain-rule-network",
            "lambdified comparison",
            f"relative error < {BACKPROP_TOLERANCE:.0e} (max-norm over the 4 partials)",
            _timed(_chain_network_vs_symbolic),
        ),
        Check(
            "relu-derivative-network",
            "The ReLU derivative that the network's backward pass uses is the SymPy derivative of "
            "max(0, x) away from 0 (1 for x > 0, 0 for x < 0) and the derivation's "
            "convention ReLU'(0) = 0 at 0.",
            "relu",
            "lambdified comparison",
            "exact (every value equal)",
            _timed(_relu_derivative),
            statement_math=(
                "The ReLU derivative that the network's backward pass uses is the SymPy derivative "
                r"of $\max(0, x)$ away from 0 (1 for $x > 0$, 0 for $x < 0$) and the derivation's "
                r"convention $\operatorname{ReLU}'(0) = 0$ at 0."
            ),
        ),
        Check(
            "tanh-derivative-network",
            "The tanh derivative that the network's backward pass uses, 1 - a^2 with a = tanh(z), "
            "equals the SymPy derivative of tanh, also at 0, where it is 1.",
            "tanh",
            "lambdified comparison",
            f"relative error < {KERNEL_TOLERANCE:.0e}; exactly 1 at 0",
            _timed(_tanh_derivative),
            statement_math=(
                "The tanh derivative that the network's backward pass uses, $1 - a^2$ with "
                r"$a = \tanh z$, equals the SymPy derivative of tanh, also at 0, where it is 1."
            ),
        ),
        Check(
            "gradcheck-sigmoid-quadratic",
            "Backpropagation agrees with central finite differences for sigmoid networks "
            "with quadratic cost (2-2-3-2, 3-4-4-2, 1-5-1).",
            "backprop",
            "finite differences",
            f"gradcheck relative error < {GRADCHECK_TOLERANCE:.0e}",
            _timed(_gradcheck_sigmoid),
        ),
        Check(
            "gradcheck-softmax-cross-entropy",
            "Backpropagation agrees with central finite differences for softmax networks "
            "with cross-entropy cost (3-5-4, 2-3-3-3).",
            "softmax-cross-entropy",
            "finite differences",
            f"gradcheck relative error < {GRADCHECK_TOLERANCE:.0e}",
            _timed(_gradcheck_softmax),
        ),
        Check(
            "perceptron-bound-train-perceptron",
            "nnmath.train_perceptron, run to convergence on separable data, makes no more "
            "updates than Novikoff's bound (R/γ)² computed by nnmath.margin_bound.",
            "perceptron-convergence",
            "numerical example",
            "the update count is at most the bound",
            _timed(_perceptron_bound),
            statement_math=(
                "nnmath.train_perceptron, run to convergence on separable data, makes no more "
                r"updates than Novikoff's bound $(R/\gamma)^2$ computed by nnmath.margin_bound."
            ),
        ),
        Check(
            "worked-example",
            plain_text(_WORKED_EXAMPLE_STATEMENT),
            "chain-rule",
            "exact arithmetic",
            "exact (rational numbers equal)",
            _timed(_worked_example),
            statement_math=_WORKED_EXAMPLE_STATEMENT,
        ),
    ]
    return tuple(checks)


#: Every check, SymPy proofs first.
CHECKS: tuple[Check, ...] = _build()


def get_check(name: str) -> Check:
    """The check called ``name``.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If no check has that name; the message lists the valid names.
    """
    if not isinstance(name, str):
        raise TypeError(f"check name must be a string, got {type(name).__name__} {name!r}")
    for check in CHECKS:
        if check.name == name:
            return check
    raise ValueError(
        f"unknown check {name!r}; valid names are: {', '.join(c.name for c in CHECKS)}"
    )


def run_all() -> list[tuple[Check, CheckResult]]:
    """Run every check in order; return each with its result."""
    return [(check, check.run()) for check in CHECKS]
