"""The perceptron's geometry: the distance |b|/‖w‖ of its line, and Novikoff's bound (R/γ)²."""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from nnmath.symbolic.core import Claim, Derivation, build, make_step, numerically, proved

__all__ = ["derive_perceptron_convergence", "derive_perceptron_distance", "perceptron_run"]


def _vec(name: str) -> sympy.Symbol:
    return sympy.Symbol(rf"\mathbf{{{name}}}")


def derive_perceptron_distance() -> Derivation:
    """The distance from the origin to the line w·x + b = 0 is |b|/‖w‖ (for w ≠ 0).

    In the plane, with ``w = (w1, w2) ≠ 0``: the point ``x* = −b w/‖w‖²`` is on
    the line, every point of the line is ``x* + s d`` with ``d = (−w2, w1)``
    perpendicular to ``w``, so ``‖x* + s d‖² = ‖x*‖² + s²‖d‖²`` is smallest at
    ``s = 0``, and ``‖x*‖ = |b|/‖w‖``.
    """
    w1, w2, b, x1, x2, s = sympy.symbols("w_1 w_2 b x_1 x_2 s", real=True)
    w = sympy.Matrix([w1, w2])
    d = sympy.Matrix([-w2, w1])
    norm2 = w.dot(w)
    foot = -b * w / norm2
    point = foot + s * d
    distance = sympy.Abs(b) / sympy.sqrt(norm2)
    norm_w = sympy.Symbol(r"\|\mathbf{w}\|")
    x_star = sympy.Symbol(r"\mathbf{x}^{*}")
    steps = [
        make_step(
            "The line",
            sympy.Eq(w1 * x1 + w2 * x2 + b, 0),
            r"The points $\mathbf{x}$ with $\mathbf{w}\cdot\mathbf{x} + b = 0$; we assume "
            r"$\mathbf{w} \neq \mathbf{0}$ (otherwise there is no line).",
        ),
        make_step(
            "Direction of the line",
            sympy.Eq(sympy.Symbol(r"\mathbf{w}\cdot\mathbf{d}"), w.dot(d)),
            r"Moving along the line keeps $\mathbf{w}\cdot\mathbf{x} + b$ at 0, so a direction "
            r"$\mathbf{d}$ of the line is perpendicular to $\mathbf{w}$: $\mathbf{d} = (-w_2, "
            r"w_1)$.",
            check=proved(w.dot(d), 0),
        ),
        make_step(
            "The foot of the perpendicular",
            sympy.Eq(x_star, -b * _vec("w") / norm_w**2, evaluate=False),
            r"Try a point $t\,\mathbf{w}$ along the normal: $t\|\mathbf{w}\|^2 + b = 0$ gives "
            r"$t = -b/\|\mathbf{w}\|^2$ (here $\mathbf{w} \neq \mathbf{0}$ is needed). SymPy "
            r"checks that $\mathbf{x}^{*}$ satisfies the equation of step 1.",
            check=proved(w.dot(foot) + b, 0),
        ),
        make_step(
            "It is the nearest point",
            sympy.Eq(
                sympy.Symbol(r"\|\mathbf{x}^{*} + s\,\mathbf{d}\|^2"),
                sympy.Symbol(r"\|\mathbf{x}^{*}\|^2") + s**2 * sympy.Symbol(r"\|\mathbf{d}\|^2"),
                evaluate=False,
            ),
            r"Every point of the line is $\mathbf{x}^{*} + s\,\mathbf{d}$ (steps 2 and 3). "
            r"$\mathbf{x}^{*}$ is a multiple of $\mathbf{w}$, so "
            r"$\mathbf{x}^{*}\cdot\mathbf{d} = 0$ "
            r"and the cross term vanishes: the distance is smallest at $s = 0$.",
            check=proved(point.dot(point), foot.dot(foot) + s**2 * d.dot(d)),
        ),
        make_step(
            "Distance",
            sympy.Eq(sympy.Symbol(r"\|\mathbf{x}^{*}\|"), sympy.Abs(b) / norm_w),
            r"$\|\mathbf{x}^{*}\| = |b|\,\|\mathbf{w}\|/\|\mathbf{w}\|^2$ from step 3.",
            check=proved(sympy.sqrt(foot.dot(foot)), distance),
        ),
    ]
    claims = [
        Claim("x* = −b w/‖w‖² lies on the line w·x + b = 0", w.dot(foot) + b, 0),
        Claim(
            "the distance from the origin to the line is |b|/‖w‖",
            sympy.sqrt(foot.dot(foot)),
            distance,
        ),
    ]
    return build(
        name="perceptron-distance",
        title="The distance from the origin to the perceptron's line",
        summary=(
            r"For $\mathbf{w} \neq \mathbf{0}$ the line $\mathbf{w}\cdot\mathbf{x} + b = 0$ is at "
            r"distance $|b|/\|\mathbf{w}\|$ from the origin."
        ),
        steps=steps,
        result=steps[-1].expr,
        claims=claims,
        symbols={"w1": w1, "w2": w2, "b": b},
        data={"distance": distance, "foot": foot},
    )


def _separable(seed: int, gap: float, n: int = 60) -> tuple[Any, Any]:
    """Points in [−2, 2]² at least ``gap`` from the line x1 + 2 x2 = 1, labelled by side."""
    rng = np.random.default_rng(seed)
    normal, bias = np.array([1.0, 2.0]), -1.0
    points = rng.uniform(-2.0, 2.0, size=(20 * n, 2))
    signed = (points @ normal + bias) / np.linalg.norm(normal)
    keep = points[np.abs(signed) >= gap][:n]
    labels = (keep @ normal + bias > 0).astype(np.float64)
    return keep, labels


def perceptron_run(X: Any, y: Any, eta: float, max_epochs: int = 10_000) -> dict[str, Any]:
    """Run the perceptron rule from zero weights and record what Novikoff's argument bounds.

    The rule is ``w ← w + η (y − ŷ) x̃`` on the augmented input ``x̃ = (1, x)``,
    with ``ŷ = 1`` when ``w·x̃ ≥ 0``; ``u`` is the unit normal of the line
    ``x1 + 2 x2 = 1`` that generated the data.

    Parameters
    ----------
    X : ndarray, shape (n, 2)
    y : ndarray, shape (n,)
        Labels 0 or 1.
    eta : float
        Learning rate, positive.
    max_epochs : int
        Passes over the data before giving up.

    Returns
    -------
    dict
        ``updates`` (count), ``R``, ``gamma``, ``bound`` ``(R/γ)²`` and ``trace``:
        one row ``(k, w·u, ‖w‖)`` after each update.

    Raises
    ------
    ValueError
        If ``eta`` is not positive or the data are not separated by the line.

    Examples
    --------
    >>> X, y = _separable(0, 0.2)
    >>> run = perceptron_run(X, y, 1.0)
    >>> run["updates"] <= run["bound"]
    True
    """
    if not eta > 0:
        raise ValueError(f"eta must be positive, got {eta!r}")
    Xa = np.column_stack([np.ones(len(X)), np.asarray(X, dtype=np.float64)])
    signs = 2 * np.asarray(y, dtype=np.float64) - 1
    u = np.array([-1.0, 1.0, 2.0]) / np.sqrt(6.0)
    gamma = float(np.min(signs * (Xa @ u)))
    if gamma <= 0:
        raise ValueError(f"the data must be separated by the line, got margin {gamma}")
    radius = float(np.max(np.linalg.norm(Xa, axis=1)))
    w = np.zeros(3)
    trace: list[tuple[int, float, float]] = []
    for _ in range(max_epochs):
        mistakes = 0
        for xi, si, yi in zip(Xa, signs, y, strict=True):
            predicted = 1.0 if w @ xi >= 0 else 0.0
            if predicted != yi:
                w = w + eta * si * xi
                mistakes += 1
                trace.append((len(trace) + 1, float(w @ u), float(np.linalg.norm(w))))
        if mistakes == 0:
            break
    return {
        "updates": len(trace),
        "R": radius,
        "gamma": gamma,
        "bound": (radius / gamma) ** 2,
        "trace": np.array(trace).reshape(-1, 3),
    }


#: (seed, gap, learning rate) of the runs that check Novikoff's argument.
RUNS = ((0, 0.05, 1.0), (1, 0.1, 0.5), (2, 0.2, 0.1), (3, 0.3, 2.0))


def _runs() -> list[tuple[tuple[int, float, float], dict[str, Any]]]:
    return [(spec, perceptron_run(*_separable(spec[0], spec[1]), spec[2])) for spec in RUNS]


def _invariant(which: str) -> tuple[bool, str]:
    """Check one inequality of the argument after every update of every run."""
    worst = np.inf
    total = 0
    for (_, _, eta), run in _runs():
        k, along, length = run["trace"].T
        low, high = k * eta * run["gamma"], np.sqrt(k) * eta * run["R"]
        tol = 1e-9 * (1 + high)
        if which == "progress":
            slack = along - low
        elif which == "length":
            slack = high**2 - length**2
        else:
            slack = np.minimum.reduce([along - low, length - along, high - length])
        worst = min(worst, float(slack.min() + tol.max()))
        total += len(k)
    return worst >= 0, f"holds after each of {total} updates in {len(RUNS)} runs"


def _bound() -> tuple[bool, str]:
    parts, ok = [], True
    for (_, gap, eta), run in _runs():
        ok &= run["updates"] <= run["bound"]
        parts.append(f"gap {gap}, η = {eta}: {run['updates']} ≤ {run['bound']:.0f}")
    return ok, "updates ≤ (R/γ)² in every run (" + "; ".join(parts) + ")"


def derive_perceptron_convergence() -> Derivation:
    """Novikoff's bound: on separable data the perceptron makes at most (R/γ)² updates.

    The two inequalities of the argument need induction on the updates, which
    SymPy does not do: they are cited and checked numerically after every update
    of several runs; the algebra that turns them into the bound is proved.
    """
    k, eta, gamma, radius = sympy.symbols("k eta gamma R", positive=True)
    x_t, s = sympy.Symbol(r"\tilde{\mathbf{x}}"), sympy.Symbol("s")
    w_k = sympy.Symbol(r"\mathbf{w}_{k}")
    w_prev = sympy.Symbol(r"\mathbf{w}_{k-1}")
    along = sympy.Symbol(r"\mathbf{w}_{k}\cdot\mathbf{u}")
    length = sympy.Symbol(r"\|\mathbf{w}_{k}\|")
    bound = (radius / gamma) ** 2
    novikoff = "Novikoff's argument (1962), by induction on the updates"
    steps = [
        make_step(
            "The update",
            sympy.Eq(
                w_k, sympy.Add(w_prev, sympy.Mul(eta, s, x_t, evaluate=False), evaluate=False)
            ),
            r"On a mistake on the augmented input $\tilde{\mathbf{x}} = (1, \mathbf{x})$ with "
            r"$s = 2y - 1 = \pm 1$; a mistake means $s\,\mathbf{w}_{k-1}\cdot\tilde{\mathbf{x}} "
            r"\le 0$. Start from $\mathbf{w}_0 = \mathbf{0}$; $R$ is the largest "
            r"$\|\tilde{\mathbf{x}}\|$ and "
            r"$\gamma = \min s\,\mathbf{u}\cdot\tilde{\mathbf{x}} > 0$ "
            r"the margin of a separating unit vector $\mathbf{u}$.",
            order="none",
        ),
        make_step(
            "Progress along u",
            sympy.GreaterThan(along, k * eta * gamma),
            novikoff + r": $\mathbf{w}_{k}\cdot\mathbf{u} = \mathbf{w}_{k-1}\cdot\mathbf{u} + "
            r"\eta\,s\,\mathbf{u}\cdot\tilde{\mathbf{x}} \ge \mathbf{w}_{k-1}\cdot\mathbf{u} + "
            r"\eta\gamma$. Not proved by SymPy: checked numerically after every update of "
            r"perceptron runs on separable data.",
            check=numerically(lambda: _invariant("progress")),
        ),
        make_step(
            "The length grows slowly",
            sympy.LessThan(length**2, k * eta**2 * radius**2),
            novikoff + r": $\|\mathbf{w}_{k}\|^2 = \|\mathbf{w}_{k-1}\|^2 + 2\eta\,s\,"
            r"\mathbf{w}_{k-1}\cdot\tilde{\mathbf{x}} + \eta^2\|\tilde{\mathbf{x}}\|^2$, where the "
            r"middle term is $\le 0$ on a mistake and $\|\tilde{\mathbf{x}}\| \le R$. Checked "
            "numerically after every update.",
            check=numerically(lambda: _invariant("length")),
        ),
        make_step(
            "Combine",
            sympy.LessThan(k * eta * gamma, sympy.sqrt(k) * eta * radius),
            r"Step 2, then $\mathbf{w}_{k}\cdot\mathbf{u} \le \|\mathbf{w}_{k}\|$ "
            r"(Cauchy–Schwarz, $\|\mathbf{u}\| = 1$), then the square root of step 3. Checked "
            "numerically, link by link, after every update.",
            check=numerically(lambda: _invariant("chain")),
        ),
        make_step(
            "The bound",
            sympy.LessThan(k, bound),
            r"Both sides of step 4 are positive, so compare their squares: SymPy proves "
            r"$(\sqrt{k}\,\eta R)^2 - (k\eta\gamma)^2 = "
            r"k\eta^2\gamma^2\bigl((R/\gamma)^2 - k\bigr)$, "
            r"which is $\ge 0$ exactly when $k \le (R/\gamma)^2$. The learning rate cancels.",
            check=proved(
                (sympy.sqrt(k) * eta * radius) ** 2 - (k * eta * gamma) ** 2,
                k * eta**2 * gamma**2 * (bound - k),
            ),
        ),
        make_step(
            "On separable data",
            sympy.LessThan(sympy.Symbol(r"\text{updates}"), bound),
            r"The perceptron run to convergence on separable data sets with gaps 0.05 to 0.3 "
            r"and learning rates 0.1 to 2: the number of updates it makes is compared with "
            r"$(R/\gamma)^2$.",
            check=numerically(_bound),
        ),
    ]
    claims = [
        Claim(
            "(√k η R)² − (k η γ)² = k η² γ² ((R/γ)² − k)",
            (sympy.sqrt(k) * eta * radius) ** 2 - (k * eta * gamma) ** 2,
            k * eta**2 * gamma**2 * (bound - k),
        )
    ]
    return build(
        name="perceptron-convergence",
        title="How many updates: the perceptron convergence bound",
        summary=(
            r"On data separated with margin $\gamma$ by a unit vector, inputs of length at most "
            r"$R$, the perceptron makes at most $(R/\gamma)^2$ updates (Novikoff's argument, "
            "checked numerically)."
        ),
        steps=steps,
        result=sympy.LessThan(k, bound),
        claims=claims,
        symbols={"k": k, "eta": eta, "gamma": gamma, "R": radius},
        order="none",
        data={"runs": RUNS},
    )
