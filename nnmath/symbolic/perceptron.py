"""The perceptron: its rule written three ways, the distance |b|/‖w‖ of its line, and
Novikoff's bound (R/γ)² on the number of updates.

Also the exact update (:func:`perceptron_step`) and score (:func:`perceptron_score`) that
the exercises and the perceptron figure use. The rule itself is trained by
:func:`nnmath.perceptron.train_perceptron`; the check ``perceptron-bound-train-perceptron``
runs it against the bound derived here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy
from sympy.matrices.expressions.dotproduct import DotProduct
from sympy.matrices.expressions.matexpr import MatrixElement

from nnmath.symbolic.core import (
    Claim,
    Derivation,
    StepCheck,
    build,
    cited,
    differs_by_zero,
    make_step,
    proved,
)
from nnmath.symbolic.references import CAUCHY_SCHWARZ, NOVIKOFF
from nnmath.symbolic.sums import entrywise, proved_for_all_sizes

__all__ = [
    "PERCEPTRON_EXAMPLE",
    "derive_perceptron",
    "derive_perceptron_convergence",
    "derive_perceptron_distance",
    "perceptron_score",
    "perceptron_step",
]

#: The perceptron's step function (displayed; both sides of every claim use it).
STEP = sympy.Function("step")

#: The numbers of the perceptron-update exercise (bias folded in as w[0], x[0] = 1).
PERCEPTRON_EXAMPLE: dict[str, Any] = {
    "w": (sympy.Rational(1, 2), -1, 2),
    "x": (1, 3, sympy.Rational(1, 2)),
    "y": 1,
    "eta": sympy.Rational(1, 2),
}


def _perceptron_arguments(n: int) -> tuple[Any, Any, Any]:
    """The three written arguments of the step function for d inputs, as expressions."""
    w = sympy.IndexedBase("w", real=True)
    x = sympy.IndexedBase("x", real=True)
    i = sympy.Symbol("i", integer=True)
    b = sympy.Symbol("b", real=True)
    w_vec = sympy.Matrix([w[k] for k in range(1, n + 1)])
    x_vec = sympy.Matrix([x[k] for k in range(1, n + 1)])
    with_bias_input = sympy.Sum(w[i] * x[i], (i, 0, n)).doit().subs({x[0]: 1, w[0]: b})
    dot = w_vec.dot(x_vec) + b
    transpose = (w_vec.T * x_vec)[0, 0] + b
    return with_bias_input, dot, transpose


def _indexed_vectors() -> tuple[Any, Any, Any, Any, Any]:
    """n (a symbol), the index i, the entries w_i and x_i, and the bias b."""
    n = sympy.Symbol("d", integer=True, positive=True)
    i = sympy.Symbol("i", integer=True)
    w, x = sympy.IndexedBase("w", real=True), sympy.IndexedBase("x", real=True)
    return n, i, w, x, sympy.Symbol("b", real=True)


def _bias_split_off() -> tuple[bool, str]:
    """Σ_(i=0..n) w_i x_i = w_0 x_0 + Σ_(i=1..n) w_i x_i, and w_0 x_0 = b for x_0 = 1, w_0 = b."""
    n, i, w, x, b = _indexed_vectors()
    whole = sympy.Sum(w[i] * x[i], (i, 0, n))
    first, rest = sympy.Sum(w[i] * x[i], (i, 0, 0)), sympy.Sum(w[i] * x[i], (i, 1, n))
    # SymPy's simplify joins the adjacent ranges 0..0 and 1..n (before doit evaluates 0..0).
    split = sympy.simplify(first + rest - whole) == 0
    bias = differs_by_zero(first.doit().subs({x[0]: 1, w[0]: b}), b)
    ok = split and bias
    return ok, (
        "SymPy proves that the sums over i = 0 and over 1..d make the sum over 0..d, "
        "d a symbol, and that the term i = 0 is b"
        if ok
        else "SymPy did not prove the split of the sum"
    )


def _dot_is_matrix_product() -> tuple[bool, str]:
    """Σ_(i=1..d) w_i x_i + b is the single entry of wᵀx plus b, d a symbol."""
    n, i, w, x, b = _indexed_vectors()
    w_vec, x_vec = sympy.MatrixSymbol("w", n, 1), sympy.MatrixSymbol("x", n, 1)
    entries = {w_vec: w, x_vec: x}  # row k of a column vector is its entry k + 1
    product = ((w_vec.T * x_vec)[0, 0] + b).replace(
        lambda e: isinstance(e, MatrixElement) and e.parent in entries,
        lambda e: entries[e.parent][e.i + 1],
    )
    return entrywise(sympy.Sum(w[i] * x[i], (i, 1, n)) + b, product)


def derive_perceptron() -> Derivation:
    """The three written forms of the perceptron rule are one function.

    Proved for a symbolic number of inputs d, and written out for d = 2.

    ``step(Σ_(i=0..d) w_i x_i)`` with ``x_0 = 1, w_0 = b``; ``step(w·x + b)``;
    ``step(wᵀx + b)``.
    """
    n = sympy.Symbol("d", integer=True, positive=True)
    i = sympy.Symbol("i", integer=True)
    w_idx = sympy.IndexedBase("w")
    x_idx = sympy.IndexedBase("x")
    w_vec = sympy.MatrixSymbol("w", n, 1)
    x_vec = sympy.MatrixSymbol("x", n, 1)
    b_mat = sympy.MatrixSymbol("b", 1, 1)
    b = sympy.Symbol("b", real=True)
    forms = (
        STEP(sympy.Sum(w_idx[i] * x_idx[i], (i, 0, n))),
        STEP(DotProduct(w_vec, x_vec) + b),
    )
    args_2 = _perceptron_arguments(2)

    steps = [
        make_step(
            "Form 1: a bias input",
            forms[0],
            "With the constant input $x_0 = 1$ and its weight $w_0 = b$.",
        ),
        make_step(
            "Form 2: dot product plus bias",
            forms[1],
            r"Split off the term $i = 0$ of the sum in step 1: it is $w_0 x_0 = b \cdot 1$, "
            r"and the rest, $\sum_{i=1}^{d} w_i x_i$, is $\mathbf{w}\cdot\mathbf{x}$. An identity "
            r"for every "
            r"$d$, proved by SymPy for $d$ a symbol.",
            check=StepCheck("SymPy proof", _bias_split_off),
        ),
        make_step(
            "Form 3: matrix product plus bias",
            STEP(w_vec.T * x_vec + b_mat),
            (
                r"The $1\times 1$ matrix $\mathbf{w}^\mathsf{T}\mathbf{x}$ has the single entry "
                r"$\sum_{i=1}^{d} w_i x_i = \mathbf{w}\cdot\mathbf{x}$ of step 2; proved by SymPy "
                r"for $d$ a symbol."
            ),
            check=StepCheck("SymPy proof", _dot_is_matrix_product),
        ),
        make_step(
            "Form 1 for two inputs",
            sympy.Eq(STEP(sympy.Sum(w_idx[i] * x_idx[i], (i, 0, 2))), STEP(args_2[1])),
            r"Write out the sum of step 1 for $d = 2$ with $x_0 = 1$ and $w_0 = b$: it is the "
            r"argument of step 2, $b + \mathbf{w}\cdot\mathbf{x}$, term by term.",
            check=proved(STEP(args_2[0]), STEP(args_2[1])),
        ),
    ]
    claims = []
    for size in (2, 3):
        first, second, third = _perceptron_arguments(size)
        claims += [
            Claim(
                f"d = {size}: Σ_(i=0..d) w_i x_i with x_0 = 1, w_0 = b equals w·x + b",
                first,
                second,
            ),
            Claim(f"d = {size}: w·x + b equals wᵀx + b", second, third),
            Claim(f"d = {size}: the three step functions are the same", STEP(first), STEP(third)),
        ]
    return build(
        name="perceptron",
        title="Three ways to write the perceptron",
        summary=(
            r"The sum with a bias input ($x_0 = 1$, $w_0 = b$), the dot product plus bias and "
            r"$\mathbf{w}^\mathsf{T}\mathbf{x} + b$ are one function."
        ),
        steps=steps,
        # The first form equals the last for every d (steps 2 and 3); a result written out for
        # d = 2 would show the same expression on both sides.
        result=sympy.Eq(forms[0], STEP(w_vec.T * x_vec + b_mat), evaluate=False),
        claims=claims,
        symbols={"w": w_idx, "x": x_idx, "b": b, "d": n},
    )


def _vec(name: str) -> sympy.Symbol:
    return sympy.Symbol(rf"\mathbf{{{name}}}")


def derive_perceptron_distance() -> Derivation:
    """The distance from the origin to the line w·x + b = 0 is |b|/‖w‖ (for w ≠ 0).

    In the plane, with ``w = (w1, w2) ≠ 0``: the point ``x* = −b w/‖w‖²`` is on
    the line, every point of the line is ``x* + s r`` with ``r = (−w2, w1)``
    perpendicular to ``w``, so ``‖x* + s r‖² = ‖x*‖² + s²‖r‖²`` is smallest at
    ``s = 0``, and ``‖x*‖ = |b|/‖w‖``.
    """
    w1, w2, b, x1, x2, s = sympy.symbols("w_1 w_2 b x_1 x_2 s", real=True)
    w = sympy.Matrix([w1, w2])
    r = sympy.Matrix([-w2, w1])
    norm2 = w.dot(w)
    foot = -b * w / norm2
    point = foot + s * r
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
            sympy.Eq(sympy.Symbol(r"\mathbf{w}\cdot\mathbf{r}"), w.dot(r)),
            r"Moving along the line keeps $\mathbf{w}\cdot\mathbf{x} + b$ at 0, so a direction "
            r"$\mathbf{r}$ of the line is perpendicular to $\mathbf{w}$: $\mathbf{r} = (-w_2, "
            r"w_1)$.",
            check=proved(w.dot(r), 0),
        ),
        make_step(
            "The foot of the perpendicular",
            sympy.Eq(x_star, -b * _vec("w") / norm_w**2, evaluate=False),
            r"Try a point $c\,\mathbf{w}$ along the normal: $c\|\mathbf{w}\|^2 + b = 0$ gives "
            r"$c = -b/\|\mathbf{w}\|^2$ (here $\mathbf{w} \neq \mathbf{0}$ is needed). SymPy "
            r"checks that $\mathbf{x}^{*}$ satisfies the equation of step 1.",
            check=proved(w.dot(foot) + b, 0),
        ),
        make_step(
            "It is the nearest point",
            sympy.Eq(
                sympy.Symbol(r"\|\mathbf{x}^{*} + s\,\mathbf{r}\|^2"),
                sympy.Symbol(r"\|\mathbf{x}^{*}\|^2") + s**2 * sympy.Symbol(r"\|\mathbf{r}\|^2"),
                evaluate=False,
            ),
            r"Every point of the line is $\mathbf{x}^{*} + s\,\mathbf{r}$ for a number $s$ "
            r"(steps 2 and 3). "
            r"$\mathbf{x}^{*}$ is a multiple of $\mathbf{w}$, so "
            r"$\mathbf{x}^{*}\cdot\mathbf{r} = 0$ "
            r"and the cross term vanishes: the distance is smallest at $s = 0$.",
            check=proved(point.dot(point), foot.dot(foot) + s**2 * r.dot(r)),
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


# -- the induction steps of Novikoff's argument, one update at a time --------------------------
# The induction itself (from w_0 = 0 over k updates) is Novikoff's (1962), cited; SymPy proves
# the algebra of one update for inputs of d components, d a symbol, as supporting evidence.


def _columns(*names: str) -> tuple[Any, ...]:
    """Columns of d components, d a symbol."""
    n = sympy.Symbol("d", integer=True, positive=True)
    return tuple(sympy.MatrixSymbol(name, n, 1) for name in names)


def _update_along_u() -> tuple[bool, str]:
    """One update ``w + η s x`` changes ``w·u`` by ``η s (u·x)``, d a symbol."""
    w, u, x = _columns("w", "u", "x")
    eta, s = sympy.Symbol("eta", positive=True), sympy.Symbol("s")
    return entrywise((w + eta * s * x).T * u - w.T * u, eta * s * (u.T * x))


def _update_length() -> tuple[bool, str]:
    """One update ``w + η s x`` changes ``‖w‖²`` by ``2η s (w·x) + η²‖x‖²`` for ``s = ±1``."""
    w, x = _columns("w", "x")
    eta = sympy.Symbol("eta", positive=True)
    results = [
        entrywise(
            (w + eta * s * x).T * (w + eta * s * x) - w.T * w,
            2 * eta * s * (w.T * x) + eta**2 * (x.T * x),
        )
        for s in (1, -1)
    ]
    return all(ok for ok, _ in results), results[0][1] + ", for s = 1 and s = −1"


def _lagrange_identity() -> tuple[Any, Any]:
    """``‖w‖²‖u‖² − (w·u)² = ½ Σ_i Σ_j (w_i u_j − w_j u_i)²``, d a symbol."""
    w, u = _columns("w", "u")
    i, j = sympy.symbols("i j", integer=True, nonnegative=True)
    n = w.shape[0]
    squares = sympy.Sum((w[i, 0] * u[j, 0] - w[j, 0] * u[i, 0]) ** 2, (i, 0, n - 1), (j, 0, n - 1))
    return (w.T * w)[0, 0] * (u.T * u)[0, 0] - (w.T * u)[0, 0] ** 2, squares / 2


def derive_perceptron_convergence() -> Derivation:
    """Novikoff's bound: on separable data the perceptron makes at most (R/γ)² updates.

    The two inequalities of the argument follow by induction on the updates
    (Novikoff, 1962), cited with the Cauchy–Schwarz inequality that links them;
    SymPy proves, as supporting evidence, the algebra of one update (the
    induction step) and Lagrange's identity for inputs of d components, d a
    symbol, and proves the algebra that turns them into the bound. That
    :func:`nnmath.perceptron.train_perceptron` keeps to the bound on separable data is the check
    ``perceptron-bound-train-perceptron``.
    """
    k, eta, gamma, radius = sympy.symbols("k eta gamma R", positive=True)
    x_t, s = sympy.Symbol(r"\tilde{\mathbf{x}}"), sympy.Symbol("s")
    w_k = sympy.Symbol(r"\mathbf{w}_{k}")
    w_prev = sympy.Symbol(r"\mathbf{w}_{k-1}")
    along = sympy.Symbol(r"\mathbf{w}_{k}\cdot\mathbf{u}")
    length = sympy.Symbol(r"\|\mathbf{w}_{k}\|")
    bound = (radius / gamma) ** 2
    novikoff = "Novikoff's argument (1962), by induction on the updates, a cited theorem"
    one_update = (
        " Supporting evidence: SymPy proves the one-update identity, the induction step, for "
        "inputs of $d$ components, $d$ a symbol; the induction from "
        "$\\mathbf{w}_0 = \\mathbf{0}$ is Novikoff's."
    )
    induction = "Novikoff's induction on the updates"
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
            r"\eta\gamma$, since $s\,\mathbf{u}\cdot\tilde{\mathbf{x}} \ge \gamma$ for every "
            r"example." + one_update,
            check=cited(induction, NOVIKOFF, evidence=StepCheck("SymPy proof", _update_along_u)),
        ),
        make_step(
            "The length grows slowly",
            sympy.LessThan(length**2, k * eta**2 * radius**2),
            novikoff + r": $\|\mathbf{w}_{k}\|^2 = \|\mathbf{w}_{k-1}\|^2 + 2\eta\,s\,"
            r"\mathbf{w}_{k-1}\cdot\tilde{\mathbf{x}} + \eta^2\|\tilde{\mathbf{x}}\|^2$ "
            r"($s^2 = 1$), where the middle term is $\le 0$ on a mistake and "
            r"$\|\tilde{\mathbf{x}}\| \le R$." + one_update,
            check=cited(induction, NOVIKOFF, evidence=StepCheck("SymPy proof", _update_length)),
        ),
        make_step(
            "Combine",
            sympy.LessThan(k * eta * gamma, sympy.sqrt(k) * eta * radius),
            r"Step 2, then $\mathbf{w}_{k}\cdot\mathbf{u} \le \|\mathbf{w}_{k}\|$ "
            r"(Cauchy–Schwarz, a cited theorem, $\|\mathbf{u}\| = 1$), then the square root of "
            r"step 3. Supporting evidence: SymPy proves Lagrange's identity "
            r"$\|\mathbf{w}\|^2\|\mathbf{u}\|^2 - (\mathbf{w}\cdot\mathbf{u})^2 = "
            r"\tfrac12\sum_{i,j} (w_i u_j - w_j u_i)^2 \ge 0$ for $d$ components, $d$ a symbol.",
            check=cited(
                "the Cauchy–Schwarz inequality",
                CAUCHY_SCHWARZ,
                evidence=proved_for_all_sizes(_lagrange_identity),
            ),
        ),
        make_step(
            "The bound",
            sympy.LessThan(k, bound),
            r"After $k \ge 1$ updates, with $\eta > 0$, $\gamma > 0$ and $R > 0$, both sides "
            r"of step 4 are positive, so compare their squares: SymPy proves "
            r"$(\sqrt{k}\,\eta R)^2 - (k\eta\gamma)^2 = "
            r"k\eta^2\gamma^2\bigl((R/\gamma)^2 - k\bigr)$, "
            r"which is $\ge 0$ exactly when $k \le (R/\gamma)^2$. The learning rate cancels.",
            check=proved(
                (sympy.sqrt(k) * eta * radius) ** 2 - (k * eta * gamma) ** 2,
                k * eta**2 * gamma**2 * (bound - k),
            ),
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
            r"$R$, the perceptron makes at most $(R/\gamma)^2$ updates (Novikoff's argument)."
        ),
        steps=steps,
        result=sympy.LessThan(k, bound),
        claims=claims,
        symbols={"k": k, "eta": eta, "gamma": gamma, "R": radius},
        order="none",
    )


def perceptron_step(w: Sequence[Any], x: Sequence[Any], y: Any, eta: Any) -> sympy.Matrix:
    """``w + η (y − step(w·x)) x`` in exact arithmetic (the rule of chapter 2).

    >>> perceptron_step([0, 1], [1, -2], 1, 1).T
    Matrix([[1, -1]])
    """
    wv, xv = sympy.Matrix(w), sympy.Matrix(x)
    y_hat = 1 if wv.dot(xv) >= 0 else 0
    return wv + sympy.nsimplify(eta) * (y - y_hat) * xv


def perceptron_score() -> tuple[tuple[sympy.Symbol, ...], Any, list[Any]]:
    """Chapter 1's score ``w·x + b`` in the plane and its gradient in ``x`` (the normal ``w``).

    Returns
    -------
    args : tuple of sympy.Symbol
        ``(w1, w2, b, x1, x2)``, all real.
    score : sympy.Expr
        ``w·x + b``, the dot product of the two vectors plus the bias.
    normal : list of sympy.Expr
        ``[∂score/∂x1, ∂score/∂x2]``, obtained by differentiation.

    Examples
    --------
    >>> (w1, w2, b, x1, x2), score, normal = perceptron_score()
    >>> score
    b + w1*x1 + w2*x2
    >>> normal
    [w1, w2]
    """
    w1, w2, b, x1, x2 = sympy.symbols("w1 w2 b x1 x2", real=True)
    score = sympy.Matrix([w1, w2]).dot(sympy.Matrix([x1, x2])) + b
    return (w1, w2, b, x1, x2), score, [sympy.diff(score, x) for x in (x1, x2)]
