"""The sigmoid: its derivative σ′ = σ(1 − σ), symmetry, limits, the affine case σ(wx + b)
and the second derivative σ″ = σ(1 − σ)(1 − 2σ).

The rule σ′ = σ(1 − σ) is written here once, in :func:`sigmoid_prime`, and used by every
module that needs σ′ of a SymPy expression.
"""

from __future__ import annotations

from typing import Any

import sympy

from nnmath.symbolic.core import Claim, Derivation, Formula, Route, build, make_step, proved

__all__ = [
    "SIGMA",
    "SIGMA_PRIME",
    "Sigmoid",
    "derive_sigmoid",
    "derive_sigmoid_affine",
    "derive_sigmoid_second_derivative",
    "logistic",
    "logistic_prime",
    "sigmoid_prime",
]

#: Undefined function used to *display* σ; proofs use :func:`logistic` instead.
SIGMA = sympy.Function("sigma")


def _sigma_prime_latex(self: Any, printer: Any, exp: Any = None) -> str:
    return rf"\sigma^{{\prime}}{{\left({printer._print(self.args[0])} \right)}}"


#: Undefined function shown as σ′ (as text) and ``\sigma^{\prime}`` (as LaTeX).
SIGMA_PRIME = sympy.Function("σ′", _latex=_sigma_prime_latex)


class Sigmoid(sympy.Function):  # type: ignore[misc]
    """σ as a SymPy function that knows its derivative σ′ = σ(1 − σ).

    The derivative rule is the result of :func:`derive_sigmoid`; with it, the
    derivative of a deep composition is a polynomial in σ(…) terms, which
    ``sympy.expand`` compares quickly. ``rewrite(sympy.exp)`` gives the explicit
    ``1/(1 + e^(−t))``.
    """

    nargs = 1

    def fdiff(self, argindex: int = 1) -> Any:
        if argindex != 1:
            raise sympy.core.function.ArgumentIndexError(self, argindex)
        return _times_one_minus(self)

    def _eval_rewrite_as_exp(self, t: Any, **kwargs: Any) -> Any:
        return logistic(t)

    def _latex(self, printer: Any) -> str:
        return rf"\sigma{{\left({printer._print(self.args[0])} \right)}}"


def _times_one_minus(s: Any) -> Any:
    """``s (1 − s)``: σ′ in terms of the value ``s`` of σ (proved by :func:`derive_sigmoid`)."""
    return s * (1 - s)


def sigmoid_prime(t: Any) -> Any:
    """``σ(t)(1 − σ(t))`` with σ the function :class:`Sigmoid` (σ′ kept in σ(…) values).

    Examples
    --------
    >>> t = sympy.Symbol("t")
    >>> sigmoid_prime(t)
    (1 - Sigmoid(t))*Sigmoid(t)
    >>> sympy.diff(Sigmoid(t), t) == sigmoid_prime(t)
    True
    """
    return _times_one_minus(Sigmoid(t))


def logistic(t: Any) -> Any:
    """Explicit sigmoid ``1 / (1 + e^(−t))`` of a SymPy expression ``t``."""
    return 1 / (1 + sympy.exp(-t))


def logistic_prime(t: Any) -> Any:
    """Explicit ``σ(t)(1 − σ(t))`` (the derivative proved in :func:`derive_sigmoid`)."""
    return _times_one_minus(logistic(t))


def derive_sigmoid() -> Derivation:
    """σ(x) = 1/(1 + e^(−x)) and σ′(x) = σ(x)(1 − σ(x)), reached explicitly in σ.

    ``sympy.simplify`` on the raw derivative gives ``1/(4 cosh²(x/2))``, so
    the derivation instead writes ``e^(−x)`` in terms of ``s = σ(x)``
    (``e^(−x) = (1 − s)/s``) and substitutes.
    """
    x = sympy.Symbol("x", real=True)
    s = sympy.Symbol("sigma", positive=True)
    u = sympy.Symbol("u", positive=True)  # stands for e^(−x)
    sig = logistic(x)
    sigma_x = SIGMA(x)

    raw = sympy.diff(sig, x)
    in_u = raw.subs(sympy.exp(-x), u)
    (u_in_s,) = sympy.solve(sympy.Eq(s, 1 / (1 + u)), u)
    in_s = sympy.factor(sympy.cancel(in_u.subs(u, u_in_s)))
    target_s = sympy.Mul(s, 1 - s, evaluate=False)
    derivative = sympy.Derivative(sigma_x, x)
    result = sympy.Eq(derivative, sympy.Mul(sigma_x, 1 - sigma_x, evaluate=False))

    # Each step is checked against the one before it; σ stands for the value σ(x), so
    # putting σ = 1/(1 + e^(−x)) back into a step in σ must give the step before.
    back = {s: sig}
    steps = [
        make_step("Definition", sympy.Eq(sigma_x, sig)),
        make_step(
            "Differentiate",
            sympy.Eq(derivative, raw),
            r"Chain rule on $(1 + e^{-x})^{-1}$: the outer power gives $-(1 + e^{-x})^{-2}$ "
            r"and the inner derivative is $-e^{-x}$.",
            check=proved(sympy.Derivative(sig, x), raw),
        ),
        make_step(
            "Name the exponential",
            sympy.Eq(derivative, in_u),
            r"Write $u = e^{-x}$ in step 2, so the derivative is $u/(1 + u)^2$.",
            check=proved(in_u.subs(u, sympy.exp(-x)), raw),
        ),
        make_step(
            "Solve σ = 1/(1 + u) for u",
            sympy.Eq(u, u_in_s),
            r"By step 1, $\sigma = 1/(1 + u)$, where $\sigma$ stands for the value $\sigma(x)$, "
            r"strictly between 0 and 1; so $1 + u = 1/\sigma$. Putting this $u$ back into "
            r"$1/(1 + u)$ gives $\sigma$.",
            check=proved(1 / (1 + u_in_s), s),
        ),
        make_step(
            "Substitute",
            sympy.Eq(derivative, in_u.subs(u, u_in_s), evaluate=False),
            r"Replace $u$ in step 3 by $(1 - \sigma)/\sigma$ from step 4; with "
            r"$\sigma = \sigma(x)$ this is the derivative of step 2 again.",
            check=proved(in_u.subs(u, u_in_s).subs(back), raw),
        ),
        make_step(
            "Simplify",
            sympy.Eq(derivative, target_s, evaluate=False),
            r"Multiply out step 5: the derivative depends on $x$ only through "
            r"$\sigma = \sigma(x)$.",
            check=proved(in_u.subs(u, u_in_s), target_s),
            order="none",
        ),
        make_step(
            "Result",
            result,
            r"Split the fraction of step 2: $\frac{e^{-x}}{(1 + e^{-x})^2} = \frac{1}{1 + e^{-x}}"
            r" \cdot \frac{e^{-x}}{1 + e^{-x}}$, and $\frac{e^{-x}}{1 + e^{-x}} = 1 - "
            r"\frac{1}{1 + e^{-x}} = 1 - \sigma(x)$: so $\sigma' = \sigma(1 - \sigma)$, for "
            "every real $x$ (steps 3 to 6 reach it the long way, by naming $u = e^{-x}$).",
            check=proved(sympy.Derivative(sig, x), target_s.subs(back)),
            order="none",
        ),
        make_step(
            "Symmetry",
            sympy.Eq(SIGMA(-x), 1 - sigma_x),
            r"From step 1: $\sigma(-x) = 1/(1 + e^{x})$; multiply top and bottom by $e^{-x}$ to "
            r"get $e^{-x}/(1 + e^{-x}) = 1 - \sigma(x)$.",
            check=proved(sig.subs(x, -x), 1 - sig),
        ),
        make_step(
            "Midpoint",
            sympy.Eq(SIGMA(0), sympy.Rational(1, 2)),
            r"Put $x = 0$ in step 1: $e^{0} = 1$, so $\sigma(0) = 1/(1 + 1)$.",
            check=proved(sympy.Subs(sig, x, 0), sympy.Rational(1, 2)),
        ),
        make_step(
            "Limits",
            sympy.Eq(sympy.Limit(sigma_x, x, -sympy.oo), 0),
            r"As $x \to -\infty$, $e^{-x}$ grows without bound, so $1/(1 + e^{-x}) \to 0$. The "
            r"outputs come arbitrarily close to 0 (they stay above it because $e^{-x} > 0$).",
            check=proved(sympy.Limit(sig, x, -sympy.oo), 0),
        ),
        make_step(
            "Limit at +∞",
            sympy.Eq(sympy.Limit(sigma_x, x, sympy.oo), 1),
            r"As $x \to +\infty$, $e^{-x} \to 0$, so $\sigma(x) \to 1/(1 + 0) = 1$.",
            check=proved(sympy.Limit(sig, x, sympy.oo), 1),
        ),
    ]
    claims = [
        Claim("σ′(x) = σ(x)(1 − σ(x))", sympy.Derivative(sig, x), logistic_prime(x)),
        Claim("u/(1 + u)² with u = (1 − σ)/σ equals σ(1 − σ)", in_s, s * (1 - s)),
        Claim("e^(−x) = (1 − σ(x))/σ(x)", sympy.exp(-x), u_in_s.subs(s, sig)),
        Claim("σ(−x) = 1 − σ(x)", sig.subs(x, -x), 1 - sig),
        Claim("σ(0) = 1/2", sympy.Subs(sig, x, 0), sympy.Rational(1, 2)),
        Claim("σ(x) → 0 as x → −∞", sympy.Limit(sig, x, -sympy.oo), 0),
        Claim("σ(x) → 1 as x → +∞", sympy.Limit(sig, x, sympy.oo), 1),
    ]
    return build(
        name="sigmoid",
        title="The sigmoid and its derivative",
        summary="The derivative of the sigmoid is the sigmoid times one minus itself.",
        steps=steps,
        result=result,
        claims=claims,
        symbols={"x": x, "sigma": s, "u": u},
        formulas={
            "sigmoid": Formula((sig,), (x,)),
            "sigmoid_prime": Formula((raw,), (x,)),
        },
        data={"derivative_in_sigma": target_s, "raw_derivative": raw},
        long_route=Route(
            r"The long way to the same result: name $u = e^{-x}$, solve $\sigma = 1/(1 + u)$ "
            r"for $u$ and write the derivative in $\sigma$ alone.",
            ("Name the exponential", "Solve σ = 1/(1 + u) for u", "Substitute", "Simplify"),
        ),
        order="none",
    )


def derive_sigmoid_affine() -> Derivation:
    """σ(wx + b): partial derivatives, the transition x = −b/w and its steepness w/4."""
    x = sympy.Symbol("x", real=True)
    w = sympy.Symbol("w", real=True, nonzero=True)
    b = sympy.Symbol("b", real=True)
    t = w * x + b
    sig = logistic(t)
    shown = SIGMA(t)
    sigma_prime = SIGMA_PRIME(t)
    (transition,) = sympy.solve(sympy.Eq(sig, sympy.Rational(1, 2)), x)
    slope = sympy.simplify(sympy.diff(sig, x).subs(x, transition))

    steps = [
        make_step("Definition", sympy.Eq(shown, sig)),
        make_step(
            "Derivative in x",
            sympy.Eq(sympy.Derivative(shown, x), w * sigma_prime),
            r"Chain rule: the outer derivative is $\sigma'(wx + b)$, with $\sigma' = "
            r"\sigma(1 - \sigma)$ from the sigmoid derivation, and the inner function $wx + b$ has "
            r"derivative $w$ with respect to $x$.",
            check=proved(sympy.Derivative(sig, x), w * logistic_prime(t)),
        ),
        make_step(
            "Derivative in w",
            sympy.Eq(sympy.Derivative(shown, w), x * sigma_prime),
            r"Chain rule as in step 2; with respect to the weight $w$ the inner derivative is $x$.",
            check=proved(sympy.Derivative(sig, w), x * logistic_prime(t)),
        ),
        make_step(
            "Derivative in b",
            sympy.Eq(sympy.Derivative(shown, b), sigma_prime),
            r"Chain rule as in step 2; with respect to the bias $b$ the inner derivative is 1.",
            check=proved(sympy.Derivative(sig, b), logistic_prime(t)),
        ),
        make_step(
            "Transition",
            sympy.Eq(x, transition),
            r"$\sigma(0) = 1/2$ and $\sigma$ is strictly increasing, so $\sigma(wx + b) = 1/2$ "
            r"exactly when $wx + b = 0$; solve for $x$ (here $w \neq 0$).",
            check=proved(sympy.Subs(sig, x, transition), sympy.Rational(1, 2)),
        ),
        make_step(
            "Steepness at the transition",
            sympy.Eq(sympy.Subs(sympy.Derivative(shown, x), x, transition), slope),
            r"Put $x = -b/w$ into step 2: $wx + b = 0$ and $\sigma'(0) = \sigma(0)(1 - \sigma(0)) "
            r"= 1/4$, times the inner derivative $w$.",
            check=proved(sympy.Subs(w * logistic_prime(t), x, transition), slope),
        ),
    ]
    claims = [
        Claim("∂σ(wx + b)/∂x = w σ′(wx + b)", sympy.Derivative(sig, x), w * logistic_prime(t)),
        Claim("∂σ(wx + b)/∂w = x σ′(wx + b)", sympy.Derivative(sig, w), x * logistic_prime(t)),
        Claim("∂σ(wx + b)/∂b = σ′(wx + b)", sympy.Derivative(sig, b), logistic_prime(t)),
        Claim("σ(wx + b) = 1/2 at x = −b/w", sympy.Subs(sig, x, -b / w), sympy.Rational(1, 2)),
        Claim(
            "the slope at x = −b/w is w/4",
            sympy.Subs(sympy.Derivative(sig, x), x, -b / w),
            w / 4,
        ),
    ]
    return build(
        name="sigmoid-affine",
        title=r"A sigmoid neuron with one input: $\sigma(wx + b)$",
        summary=(
            "The weight $w$ sets the steepness $w/4$ and the bias moves the transition to "
            "$x = -b/w$."
        ),
        steps=steps,
        result=sympy.Eq(x, transition),
        claims=claims,
        symbols={"x": x, "w": w, "b": b},
        formulas={"sigmoid_affine": Formula((sig,), (x, w, b))},
        data={"transition": transition, "steepness": slope},
    )


def derive_sigmoid_second_derivative() -> Derivation:
    """σ″(x) = σ(x)(1 − σ(x))(1 − 2σ(x)), by differentiating σ′ = σ(1 − σ) once more."""
    x = sympy.Symbol("x", real=True)
    s = Sigmoid(x)
    first = sympy.diff(s, x)  # σ(1 − σ), the rule proved in the "sigmoid" derivation
    second = sympy.diff(first, x)
    factored = sympy.factor(second)
    shown_first = sympy.Derivative(SIGMA(x), x)
    shown_second = sympy.Derivative(SIGMA(x), (x, 2))
    to_shown = {s: SIGMA(x)}
    explicit = {s: logistic(x)}
    steps = [
        make_step(
            "First derivative",
            sympy.Eq(shown_first, first.subs(to_shown)),
            r"The result of the sigmoid derivation, $\sigma' = \sigma(1 - \sigma)$.",
            check=proved(sympy.Derivative(logistic(x), x), first.subs(explicit)),
        ),
        make_step(
            "Differentiate again",
            sympy.Eq(shown_second, sympy.expand(second).subs(to_shown)),
            r"Product rule on $\sigma(1 - \sigma)$ of step 1, with $\sigma' = \sigma(1 - \sigma)$ "
            r"for each inner derivative: $\sigma'(1 - \sigma) - \sigma\sigma'$.",
            check=proved(
                sympy.Derivative(logistic_prime(x), x), sympy.expand(second).subs(explicit)
            ),
        ),
        make_step(
            "Factor",
            sympy.Eq(shown_second, factored.subs(to_shown)),
            r"Take the common factor $\sigma(1 - \sigma)$ out of step 2.",
            check=proved(sympy.expand(second), factored, reduction="expand"),
        ),
        make_step(
            "Inflection point",
            sympy.Eq(sympy.Subs(shown_second, x, 0), 0),
            r"At $x = 0$, $\sigma = 1/2$, so the factor $1 - 2\sigma$ of step 3 is 0: the slope "
            r"is largest there.",
            check=proved(sympy.Subs(sympy.Derivative(logistic(x), (x, 2)), x, 0), 0),
        ),
    ]
    claims = [
        Claim(
            "σ″(x) = σ(x)(1 − σ(x))(1 − 2σ(x))",
            sympy.Derivative(logistic(x), (x, 2)),
            factored.subs(s, logistic(x)),
        ),
        Claim(
            "σ″(0) = 0 (the inflection point)",
            sympy.Subs(sympy.Derivative(logistic(x), (x, 2)), x, 0),
            0,
        ),
    ]
    return build(
        name="sigmoid-second-derivative",
        title="The second derivative of the sigmoid",
        summary=(
            r"$\sigma'' = \sigma(1 - \sigma)(1 - 2\sigma)$: zero at $x = 0$, where the sigmoid is "
            "steepest."
        ),
        steps=steps,
        result=steps[2].expr,
        claims=claims,
        symbols={"x": x},
        data={"second_derivative": factored, "in_exp": factored.subs(s, logistic(x))},
    )
