"""The variance argument for the scale of the initial weights (LeCun, Glorot–Bengio, He).

A neuron with n_in inputs computes z = Σ_i w_i a_i (the biases start at 0). Under stated
independence assumptions, Var(z) = n_in Var(w) E[a²]. The scales follow under stated
conditions: if the next layer's inputs have E[a²] = Var(z) (approximately so for tanh near 0),
keeping the spread fixes Var(w) = 1/n_in (LeCun et al. 1998); under the matching conditions on
the backward pass, 1/n_out, and 2/(n_in + n_out) is the compromise of Glorot and Bengio (2010);
if E[a²] = Var(z)/2, as for the ReLU of a normal z, 2/n_in (He et al. 2015). SymPy proves the
algebra under these conditions, not the approximations that motivate them.
"""

from __future__ import annotations

from typing import Any

import sympy

from nnmath.symbolic.core import Claim, Derivation, build, cited, make_step, proved
from nnmath.symbolic.kinds import Reference

__all__ = ["EXPECTATION_RULES", "derive_initialisation", "expectation", "variance"]


def _operator(name: str, tex: str, left: str, right: str) -> Any:
    def latex(self: Any, printer: Any, exp: Any = None) -> str:
        inner = ", ".join(printer._print(arg) for arg in self.args)
        out = rf"{tex}\left{left}{inner}\right{right}"
        return out if exp is None else rf"{out}^{{{exp}}}"

    return sympy.Function(name, _latex=latex)


#: Linearity of expectation, and E[XY] = E[X] E[Y] for independent X and Y.
EXPECTATION_RULES = Reference(
    "G. Grimmett and D. Stirzaker",
    "Probability and Random Processes",
    2001,
    "3rd ed., chapters 3 and 4",
    anchor="grimmett2001",
)

#: E[·], for display: the proofs work with the symbols that stand for its values.
expectation = _operator("E", r"\mathbb{E}", "[", "]")
#: Var(·), for display.
variance = _operator("Var", r"\operatorname{Var}", "(", ")")


class _Count(sympy.Symbol):  # type: ignore[misc]
    """A count such as ``n_in``: printed ``n_in`` as text and ``n_\\text{in}`` in LaTeX."""

    def _latex(self, printer: Any) -> str:
        base, _, label = self.name.partition("_")
        return rf"{base}_\text{{{label}}}"


def _diagonal_only(summand: Any, i: Any, j: Any, n: Any) -> Any:
    """Σ_j of ``summand`` (holding [i = j]) with the range condition i ≤ n discharged."""
    return sympy.Sum(summand, (j, 1, n)).doit().subs(sympy.Le(i, n), sympy.true)


def derive_initialisation() -> Derivation:
    """Var(z) = n_in Var(w) E[a²] and the scales 1/n_in, 2/(n_in + n_out), 2/n_in.

    The expectation of a product of independent factors is written as the product of their
    expectations (the independence assumptions, stated in the steps); SymPy then does the
    sums for a symbolic number of inputs n_in and the Gaussian integral of the ReLU step. The
    scales are stated conditionally ("if E[a²] = q, then v = 1/n_in keeps q"): SymPy proves
    exactly that, and the approximations that make the condition hold are named, not proved.
    """
    i, j = sympy.symbols("i j", integer=True, positive=True)
    n_in = _Count("n_in", integer=True, positive=True)
    n = n_in  # the neuron's inputs: its fan-in (the notation keeps a bare n for batch rows)
    n_out = _Count("n_out", integer=True, positive=True)
    v = sympy.Symbol("v", positive=True)  # Var(w)
    second = sympy.Symbol("m", positive=True)  # E[a²], the same for every input
    q = sympy.Symbol("q", positive=True)  # Var(z) of the layer below
    s = sympy.Symbol("s", positive=True)  # standard deviation of z
    x = sympy.Symbol("x", real=True)
    w = sympy.IndexedBase("w", real=True)
    a = sympy.IndexedBase("a", real=True)
    moments = sympy.IndexedBase("M", real=True)  # M[i, j] stands for E[a_i a_j]
    z = sympy.Symbol("z", real=True)
    e_z2 = expectation(z**2)
    e_a2 = expectation(sympy.Symbol("a", real=True) ** 2)
    var_w, var_z = variance(sympy.Symbol("w", real=True)), variance(z)

    double = sympy.Sum(v * sympy.KroneckerDelta(i, j) * moments[i, j], (j, 1, n), (i, 1, n))
    diagonal = sympy.Sum(
        _diagonal_only(v * sympy.KroneckerDelta(i, j) * moments[i, j], i, j, n), (i, 1, n)
    )
    identical = sympy.Sum(v * second, (i, 1, n))
    forward = n * v * second
    (lecun,) = sympy.solve(sympy.Eq(n_in * v * q, q), v)
    (backward,) = sympy.solve(sympy.Eq(n_out * v * q, q), v)
    glorot = 2 / (n_in + n_out)
    density = sympy.exp(-(x**2) / (2 * s**2)) / sympy.sqrt(2 * sympy.pi * s**2)
    relu_second = sympy.Integral(x**2 * density, (x, 0, sympy.oo))
    (he,) = sympy.solve(sympy.Eq(n_in * v * q / 2, q), v)

    steps = [
        make_step(
            "A neuron at the start",
            sympy.Eq(z, sympy.Sum(w[i] * a[i], (i, 1, n))),
            r"The weighted input of a neuron with $n_\text{in}$ inputs; the biases start at 0.",
        ),
        make_step(
            "Assumptions",
            sympy.Eq(expectation(w[i] * w[j]), v * sympy.KroneckerDelta(i, j)),
            r"The weights are independent, identically distributed, symmetric about 0 (so of "
            r"mean 0) and of variance $v = \operatorname{Var}(w)$, so $\mathbb{E}[w_i w_j]$ is "
            r"$v$ for $i = j$ and "
            r"$\mathbb{E}[w_i]\,\mathbb{E}[w_j] = 0$ otherwise; they are independent of the "
            r"inputs $a_i$, which are identically distributed. Symmetric weights independent of "
            r"the inputs make $z$ symmetric about 0 ($-z$ is $z$ with the weights negated; He "
            r"et al. 2015, §2.2), which the ReLU step uses. These are assumptions about the "
            "start of training, not facts about a trained network.",
        ),
        make_step(
            "Expand the square",
            sympy.Eq(e_z2, double, evaluate=False),
            r"$z^2 = \sum_i \sum_j w_i w_j a_i a_j$; the expectation of a sum is the sum of the "
            r"expectations, and each term factors as $\mathbb{E}[w_i w_j]\,\mathbb{E}[a_i a_j]$ "
            r"because the weights are independent of the inputs (step 2). $M_{ij}$ stands for "
            r"$\mathbb{E}[a_i a_j]$. SymPy does not prove this step: it applies two theorems of "
            "probability, linearity of expectation and the product rule for independent "
            "factors, to the assumptions of step 2.",
            check=cited(
                "linearity of expectation and the expectation of independent products",
                EXPECTATION_RULES,
            ),
        ),
        make_step(
            "Only i = j survives",
            sympy.Eq(e_z2, diagonal, evaluate=False),
            r"The bracket keeps $j = i$ in the inner sum; SymPy sums it for a symbolic "
            r"$n_\text{in}$ and keeps the term under the condition $i \le n_\text{in}$, which "
            "holds inside the outer sum.",
            check=proved(double.doit().xreplace({sympy.Le(i, n): sympy.true}), diagonal),
        ),
        make_step(
            "Identically distributed inputs",
            sympy.Eq(e_z2, identical, evaluate=False),
            r"Every input has the same second moment $m = \mathbb{E}[a^2] = M_{ii}$.",
            check=proved(diagonal.xreplace({moments[i, i]: second}), identical),
        ),
        make_step(
            "The variance of z",
            sympy.Eq(var_z, sympy.Mul(n, var_w, e_a2, evaluate=False), evaluate=False),
            r"$\mathbb{E}[z] = \sum_i \mathbb{E}[w_i]\,\mathbb{E}[a_i] = 0$, so "
            r"$\operatorname{Var}(z) = \mathbb{E}[z^2]$, the sum of step 5: $n_\text{in}$ equal "
            r"terms $v m$, for any $n_\text{in}$.",
            check=proved(identical, forward),
            order="none",
        ),
        make_step(
            "Keep the spread: LeCun",
            sympy.Eq(v, lecun),
            r"A condition, not a consequence: suppose the inputs of the next layer have "
            r"$\mathbb{E}[a^2] = q$, the $\operatorname{Var}(z)$ of this layer. Then step 6 "
            r"gives the next layer $n_\text{in} v q$, and it equals $q$ exactly when "
            r"$v = 1/n_\text{in}$ (LeCun et al. 1998); that is what SymPy proves. For tanh the "
            r"condition holds only approximately, near 0, where $\tanh z \approx z$; this "
            "approximation is not part of the proof.",
            check=proved(n_in * lecun * q, q),
        ),
        make_step(
            "The backward pass",
            sympy.Eq(v, backward),
            r"BP2 forms $\delta^l_j = f'(z^l_j) \sum_k W^{l+1}_{kj} \delta^{l+1}_k$ for the "
            r"activation $f$, a sum of $n_\text{out}$ products of the same kind. Suppose, as "
            r"Glorot and Bengio (2010) do, that the $\delta^{l+1}_k$ are independent of "
            r"$W^{l+1}$ and of $f'(z^l_j)$, have mean 0 and the same variance $q$, and that "
            r"$\mathbb{E}[f'(z^l_j)^2] = 1$. Then steps 1–6 give "
            r"$\operatorname{Var}(\delta^l_j) = n_\text{out} v q$, which equals $q$ exactly "
            r"when $v = 1/n_\text{out}$. The last condition holds approximately for tanh near "
            r"0 ($\tanh'(0) = 1$), not for the sigmoid ($\sigma'(0) = 1/4$).",
            check=proved(n_out * backward * q, q),
        ),
        make_step(
            "The compromise: Glorot and Bengio",
            sympy.Eq(
                1 / v,
                sympy.Mul(
                    sympy.Add(n_in, n_out, evaluate=False),
                    sympy.Pow(2, -1, evaluate=False),
                    evaluate=False,
                ),
                evaluate=False,
            ),
            r"Under the conditions of steps 7 and 8, both spreads are kept only when "
            r"$n_\text{in} = n_\text{out}$. Glorot and Bengio (2010) choose $1/v$ as the mean "
            r"of the two values; SymPy proves that this choice is "
            r"$v = 2/(n_\text{in} + n_\text{out})$. It is a compromise, keeping neither spread "
            "exactly when the widths differ.",
            check=proved(1 / glorot, (1 / lecun + 1 / backward) / 2),
            order="none",
        ),
        make_step(
            "Half of a symmetric z",
            sympy.Eq(
                expectation(sympy.Max(0, z) ** 2),
                sympy.Eq(
                    relu_second, sympy.Eq(s**2 / 2, var_z / 2, evaluate=False), evaluate=False
                ),
                evaluate=False,
            ),
            r"The ReLU keeps the positive half of $z$ and sets the rest to 0, so "
            r"$\mathbb{E}[\max(0, z)^2] = \mathbb{E}[z^2; z > 0]$. For any $z$ symmetric about 0 "
            r"(step 2) the two halves $\mathbb{E}[z^2; z > 0]$ and $\mathbb{E}[z^2; z < 0]$ are "
            r"equal, so each is $\mathbb{E}[z^2]/2 = \operatorname{Var}(z)/2$; that general "
            r"argument is written here, not checked. What SymPy proves is the worked case shown: "
            r"for $z$ normal with mean 0 and variance $s^2$ it integrates $x^2$ against the "
            r"density over $x > 0$ and gets $s^2/2$.",
            check=proved(relu_second, s**2 / 2),
        ),
        make_step(
            "ReLU: He",
            sympy.Eq(v, he),
            r"A condition again: suppose the next layer's inputs are ReLUs of a layer with "
            r"$\operatorname{Var}(z) = q$ and $\mathbb{E}[a^2] = q/2$, as step 10 gives for a "
            r"normal (or any symmetric) $z$. Then step 6 gives $n_\text{in} v q / 2$, which "
            r"equals $q$ exactly when $v = 2/n_\text{in}$ (He et al. 2015), twice LeCun's.",
            check=proved(n_in * he * q / 2, q),
        ),
    ]
    claims = [
        Claim(
            "Σ_j v [i = j] M_ij = v M_ii inside Σ_i",
            double.doit().xreplace({sympy.Le(i, n): sympy.true}),
            diagonal,
        ),
        Claim("Σ_i v m = n_in v m", diagonal.xreplace({moments[i, i]: second}), forward),
        Claim("n_in v q = q for v = 1/n_in", n_in * lecun * q, q),
        Claim("1/v = (n_in + n_out)/2 for v = 2/(n_in + n_out)", 1 / glorot, (n_in + n_out) / 2),
        Claim("∫_0^∞ x² N(0, s²) dx = s²/2", relu_second, s**2 / 2),
        Claim("n_in v q/2 = q for v = 2/n_in", n_in * he * q / 2, q),
    ]
    return build(
        name="weight-initialisation",
        title="The scale of the initial weights",
        summary=(
            r"$\operatorname{Var}(z) = n_\text{in} \operatorname{Var}(w)\,\mathbb{E}[a^2]$; if "
            r"$\mathbb{E}[a^2]$ is $\operatorname{Var}(z)$ (or half of it, for the ReLU), "
            r"keeping it from layer to layer gives $\operatorname{Var}(w) = 1/n_\text{in}$, "
            r"$2/(n_\text{in} + n_\text{out})$ as a compromise, or $2/n_\text{in}$."
        ),
        steps=steps,
        result=steps[5].expr,
        claims=claims,
        symbols={"n": n, "n_in": n_in, "n_out": n_out, "v": v, "m": second, "s": s},
        data={"lecun": lecun, "glorot": glorot, "he": he, "backward": backward},
    )
