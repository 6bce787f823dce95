"""Three short derivations: cost scaling, the perceptron rule, and the geometric dot product."""

from __future__ import annotations

from typing import Any

import sympy
from sympy.matrices.expressions.dotproduct import DotProduct

from nnmath.symbolic.core import Claim, Derivation, build, make_step, on_sizes, proved
from nnmath.symbolic.display import tex

__all__ = ["Norm", "derive_cost_scaling", "derive_dot_product", "derive_perceptron"]

#: The perceptron's step function (displayed; both sides of every claim use it).
STEP = sympy.Function("step")


class Norm(sympy.Function):  # type: ignore[misc]
    """Display-only Euclidean norm ``‖a‖`` of a vector named by a symbol."""

    nargs = 1

    def _latex(self, printer: Any) -> str:
        return rf"\left\| {printer._print(self.args[0])} \right\|"


def derive_cost_scaling() -> Derivation:
    """A positive factor c on the cost scales the gradient by c and keeps its zeros.

    Uses a generic cost ``C(w1, w2)`` and a positive symbol ``c`` (such as the
    ``1/N`` of a mean or the ``½`` of the quadratic cost).
    """
    w1, w2, g = sympy.symbols("w_1 w_2 g", real=True)
    c = sympy.Symbol("c", positive=True)
    cost = sympy.Function("C")(w1, w2)
    weights = (w1, w2)
    grad_scaled = sympy.Matrix([sympy.Derivative(c * cost, w) for w in weights])
    grad = sympy.Matrix([sympy.Derivative(cost, w) for w in weights])
    # An example with several stationary points: a double well in w1, a bowl in w2.
    example = w1**4 / 4 - w1**2 / 2 + w2**2

    def stationary(f: Any) -> Any:
        solutions = sympy.solve([sympy.diff(f, w) for w in weights], weights, dict=True)
        return sympy.FiniteSet(*(sympy.Tuple(s[w1], s[w2]) for s in solutions))

    scaled_zero = sympy.solveset(sympy.Eq(c * g, 0), g, sympy.S.Reals)
    zero = sympy.solveset(sympy.Eq(g, 0), g, sympy.S.Reals)
    result = sympy.Eq(grad_scaled, c * grad, evaluate=False)
    example_grad = sympy.Matrix([sympy.diff(example, w) for w in weights])
    example_points = sympy.FiniteSet(sympy.Tuple(-1, 0), sympy.Tuple(0, 0), sympy.Tuple(1, 0))
    c_sym = sympy.Symbol("C")
    steps = [
        make_step(
            "The scaled cost",
            sympy.Eq(sympy.Symbol(r"\tilde{C}"), c * cost),
            r"A cost $C$ times a constant $c > 0$, such as the $1/N$ of a mean or the $\tfrac12$ "
            "of the quadratic cost.",
        ),
        make_step(
            "Scale the cost",
            sympy.Eq(sympy.Derivative(c * cost, w1), c * sympy.Derivative(cost, w1)),
            "A constant factor comes out of a derivative (linearity of differentiation).",
            check=proved(sympy.Derivative(c * cost, w1), c * sympy.Derivative(cost, w1)),
        ),
        make_step(
            "The whole gradient",
            result,
            r"Step 2 for each component, $w_1$ and $w_2$.",
            check=proved(grad_scaled, c * grad),
        ),
        make_step(
            "Stationary points",
            sympy.Equivalent(sympy.Eq(c * g, 0), sympy.Eq(g, 0), evaluate=False),
            (
                r"For $c > 0$ and each gradient component $g$ of step 3: divide by $c$, so "
                r"$c\,g = 0$ has the single solution $g = 0$."
            ),
            check=proved(scaled_zero, zero),
        ),
        make_step(
            "Example",
            sympy.Eq(
                sympy.Matrix([sympy.Derivative(c_sym, w) for w in weights]),
                example_grad,
                evaluate=False,
            ),
            r"For $C = w_1^4/4 - w_1^2/2 + w_2^2$, differentiate each term (power rule).",
            check=proved(
                sympy.Matrix([sympy.Derivative(example, w) for w in weights]), example_grad
            ),
        ),
        make_step(
            "Stationary points of the example",
            sympy.Eq(sympy.Symbol(r"\{\nabla C = 0\}"), example_points, evaluate=False),
            r"Solve $w_1^3 - w_1 = w_1(w_1 - 1)(w_1 + 1) = 0$ and $2 w_2 = 0$. By step 4 the "
            r"same points are the stationary points of $cC$, for every $c > 0$.",
            check=proved(stationary(c * example), example_points),
        ),
    ]
    claims = [
        Claim(
            f"∂(cC)/∂{w} = c ∂C/∂{w}", sympy.Derivative(c * cost, w), c * sympy.Derivative(cost, w)
        )
        for w in weights
    ]
    claims += [
        Claim("for c > 0: c·g = 0 exactly when g = 0", scaled_zero, zero),
        Claim(
            "the example has the same stationary points for C and c·C",
            stationary(c * example),
            stationary(example),
        ),
        Claim(
            "the example's stationary points are (−1, 0), (0, 0), (1, 0)",
            stationary(example),
            sympy.FiniteSet(sympy.Tuple(-1, 0), sympy.Tuple(0, 0), sympy.Tuple(1, 0)),
        ),
    ]
    return build(
        name="cost-scaling",
        title="Scaling the cost by a constant",
        summary=(
            "Multiplying the cost by $c > 0$ multiplies the gradient by $c$ and leaves the "
            "stationary points where they are."
        ),
        steps=steps,
        result=result,
        claims=claims,
        symbols={"w1": w1, "w2": w2, "c": c, "C": cost},
        data={"example": example},
    )


def _perceptron_arguments(n: int) -> tuple[Any, Any, Any]:
    """The three written arguments of the step function for n inputs, as expressions."""
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


def derive_perceptron() -> Derivation:
    """The three written forms of the perceptron rule are one function (n = 2 and 3).

    ``step(Σ_(i=0..n) w_i x_i)`` with ``x_0 = 1, w_0 = b``; ``step(w·x + b)``;
    ``step(wᵀx + b)``.
    """
    n = sympy.Symbol("n", integer=True, positive=True)
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

    def sides(first: int, second: int) -> Any:
        return lambda size: tuple(_perceptron_arguments(size)[k] for k in (first, second))

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
            r"and the rest, $\sum_{i=1}^{n} w_i x_i$, is $\mathbf{w}\cdot\mathbf{x}$. An identity "
            r"for every "
            r"$n$, checked by SymPy for $n = 1, 2, 3, 4$.",
            check=on_sizes(sides(0, 1)),
        ),
        make_step(
            "Form 3: matrix product plus bias",
            STEP(w_vec.T * x_vec + b_mat),
            (
                r"The $1\times 1$ matrix $\mathbf{w}^\mathsf{T}\mathbf{x}$ has the single entry "
                r"$\sum_{i=1}^{n} w_i x_i = \mathbf{w}\cdot\mathbf{x}$ of step 2; checked by SymPy "
                r"for $n = 1, 2, 3, 4$."
            ),
            check=on_sizes(sides(1, 2)),
        ),
        make_step(
            "Form 1 for two inputs",
            sympy.Eq(STEP(args_2[0]), STEP(args_2[1]), evaluate=False),
            r"Write out the sum of step 1 for $n = 2$: the same argument as step 2, term by term.",
            check=proved(STEP(args_2[0]), STEP(args_2[1])),
        ),
    ]
    claims = []
    for size in (2, 3):
        first, second, third = _perceptron_arguments(size)
        claims += [
            Claim(
                f"n = {size}: Σ_(i=0..n) w_i x_i with x_0 = 1, w_0 = b equals w·x + b",
                first,
                second,
            ),
            Claim(f"n = {size}: w·x + b equals wᵀx + b", second, third),
            Claim(f"n = {size}: the three step functions are the same", STEP(first), STEP(third)),
        ]
    return build(
        name="perceptron",
        title="Three ways to write the perceptron",
        summary=(
            r"The sum with a bias input, the dot product plus bias and "
            r"$\mathbf{w}^\mathsf{T}\mathbf{x} + b$ are one function."
        ),
        steps=steps,
        result=sympy.Eq(STEP(args_2[0]), STEP(args_2[2]), evaluate=False),
        claims=claims,
        symbols={"w": w_idx, "x": x_idx, "b": b, "n": n},
    )


def derive_dot_product() -> Derivation:
    """In 2-D, u·v = ‖u‖ ‖v‖ cos θ with θ the angle between u and v.

    Writes ``u = r1 (cos α, sin α)``, ``v = r2 (cos β, sin β)``, ``θ = β − α``
    (the angle from u to v; the cosine is even, so the sign does not matter).
    """
    r1, r2 = sympy.symbols("r_1 r_2", positive=True)
    alpha, beta, theta = sympy.symbols("alpha beta theta", real=True)
    u = r1 * sympy.Matrix([sympy.cos(alpha), sympy.sin(alpha)])
    v = r2 * sympy.Matrix([sympy.cos(beta), sympy.sin(beta)])
    dot = u.dot(v)
    norm_a, norm_b = sympy.sqrt(u.dot(u)), sympy.sqrt(v.dot(v))
    a_sym, b_sym = sympy.MatrixSymbol("u", 2, 1), sympy.MatrixSymbol("v", 2, 1)
    a_name, b_name = tex(r"\mathbf{u}"), tex(r"\mathbf{v}")  # displayed bold, as vectors
    result = sympy.Eq(
        DotProduct(a_sym, b_sym),
        sympy.Mul(Norm(a_name), Norm(b_name), sympy.cos(theta), evaluate=False),
        evaluate=False,
    )
    cos_diff = sympy.expand_trig(sympy.cos(alpha - beta))
    steps = [
        make_step("Polar form of u", sympy.Eq(a_sym, u, evaluate=False)),
        make_step("Polar form of v", sympy.Eq(b_sym, v, evaluate=False)),
        make_step(
            "Dot product",
            sympy.Eq(DotProduct(a_sym, b_sym), sympy.factor(dot), evaluate=False),
            r"Multiply the entries of steps 1 and 2 pairwise and add, $u_1 v_1 + u_2 v_2$; take "
            r"out the common factor $r_1 r_2$.",
            check=proved(u[0] * v[0] + u[1] * v[1], sympy.factor(dot)),
        ),
        make_step(
            "Difference formula",
            sympy.Eq(sympy.cos(alpha - beta), cos_diff),
            r"The addition theorem of the cosine, $\cos(\alpha - \beta) = \cos\alpha\cos\beta + "
            r"\sin\alpha\sin\beta$.",
            check=proved(sympy.cos(alpha - beta), cos_diff),
        ),
        make_step(
            "Combine",
            sympy.Eq(
                DotProduct(a_sym, b_sym),
                sympy.Mul(r1, r2, sympy.cos(alpha - beta), evaluate=False),
                evaluate=False,
            ),
            r"The bracket in step 3 is the right-hand side of step 4.",
            check=proved(sympy.factor(dot), r1 * r2 * sympy.cos(alpha - beta)),
            order="none",
        ),
        make_step(
            "Lengths",
            sympy.Eq(Norm(a_name), r1),
            r"$\|\mathbf{u}\|^2 = r_1^2(\cos^2\alpha + \sin^2\alpha) = r_1^2$ and $r_1 > 0$; in "
            r"the same way $\|\mathbf{v}\| = r_2$.",
            check=proved(norm_a, r1),
        ),
        make_step(
            "Result",
            result,
            (
                r"Put the lengths of step 6 into step 5. $\theta = \beta - \alpha$ is the angle "
                r"from $\mathbf{u}$ to $\mathbf{v}$; $\cos$ is even, so $\cos(\alpha - \beta) = "
                r"\cos\theta$, whichever way the angle is measured."
            ),
            check=proved(dot, norm_a * norm_b * sympy.cos(beta - alpha)),
            order="none",
        ),
    ]
    claims = [
        Claim("‖u‖ = r1", norm_a, r1),
        Claim("‖v‖ = r2", norm_b, r2),
        Claim("u·v = ‖u‖ ‖v‖ cos(β − α)", dot, norm_a * norm_b * sympy.cos(beta - alpha)),
    ]
    return build(
        name="dot-product",
        title="The dot product measures the angle",
        summary=(
            r"In two dimensions $\mathbf{u}\cdot\mathbf{v}$ equals the product of the lengths "
            r"times the cosine of the angle."
        ),
        steps=steps,
        result=result,
        claims=claims,
        symbols={"r1": r1, "r2": r2, "alpha": alpha, "beta": beta, "theta": theta},
        order="none",
    )
