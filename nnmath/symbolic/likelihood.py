"""Cross-entropy is the negative log-likelihood of the labels under the model's probabilities.

For one point with a one-hot target y the likelihood of its label given the input (a
conditional likelihood) is ∏_k p_k^(y_k);
its negative logarithm is the cross-entropy −Σ_k y_k log p_k. For N independent points the
likelihood is the product over the points, and its negative logarithm the sum of their
losses. Every step is proved by SymPy for a symbolic number of classes K and of points N.
"""

from __future__ import annotations

from typing import Any

import sympy

from nnmath.symbolic.core import Claim, Derivation, build, make_step, proved

__all__ = ["derive_cross_entropy_likelihood"]


def _in_range(expr: Any, condition: Any) -> Any:
    """``expr`` with ``condition`` (an index range, e.g. ``K ≥ c``) taken as true."""
    return expr.subs(condition, sympy.true)


def derive_cross_entropy_likelihood() -> Derivation:
    """−log ∏_k p_k^(y_k) = −Σ_k y_k log p_k, and over N points the sum of the losses."""
    k, i, c = sympy.symbols("k i c", integer=True, positive=True)
    big_k, big_n = sympy.symbols("K N", integer=True, positive=True)
    p = sympy.IndexedBase("p", positive=True)
    y = sympy.IndexedBase("y", real=True)
    loss_sym = sympy.Symbol("C", real=True)
    likelihood_sym = sympy.Symbol("L", positive=True)
    one_point = sympy.Product(p[k] ** y[k], (k, 1, big_k))
    cross_entropy = -sympy.Sum(y[k] * sympy.log(p[k]), (k, 1, big_k))
    neg_log = -sympy.expand_log(sympy.log(one_point))
    # A one-hot target: y_k = [k = c] for a class c in 1..K.
    one_hot = sympy.Product(p[k] ** sympy.KroneckerDelta(k, c), (k, 1, big_k))
    one_hot_log = sympy.expand_log(sympy.log(one_hot)).doit()
    one_hot_log = _in_range(one_hot_log, sympy.Ge(big_k, c))
    # N points: probabilities P[i, k] and targets Y[i, k] of point i.
    big_p = sympy.IndexedBase("P", positive=True)
    big_y = sympy.IndexedBase("Y", real=True)
    data_likelihood = sympy.Product(
        sympy.Product(big_p[i, k] ** big_y[i, k], (k, 1, big_k)), (i, 1, big_n)
    )
    per_point = -sympy.Sum(big_y[i, k] * sympy.log(big_p[i, k]), (k, 1, big_k))
    data_loss = sympy.Sum(per_point, (i, 1, big_n))
    data_neg_log = -sympy.expand_log(sympy.log(data_likelihood))
    loss_i = sympy.Indexed(sympy.IndexedBase("C"), i)
    steps = [
        make_step(
            "Likelihood of one label",
            sympy.Eq(likelihood_sym, one_point),
            r"For a one-hot target $\mathbf{y}$, the probability the model gives the observed "
            r"label of one input: the likelihood of the label given the input (a conditional "
            r"likelihood; the inputs are not modelled). For a target that is not one-hot this "
            r"product is not a likelihood, though steps 3 and 4 hold as identities.",
        ),
        make_step(
            "A one-hot label",
            sympy.Eq(sympy.log(one_hot), sympy.log(p[c]), evaluate=False),
            r"With $y_k = [k = c]$ for the true class $c$, every factor but the $c$-th is "
            r"$p_k^0 = 1$: the likelihood is the probability the model gives the true class. "
            r"SymPy sums $[k = c] \log p_k$ over $k = 1, \dots, K$ and keeps $\log p_c$ under "
            r"the condition $c \le K$, which holds because $c$ is one of the classes.",
            check=proved(one_hot_log, sympy.log(p[c])),
        ),
        make_step(
            "Negative log",
            sympy.Eq(-sympy.log(likelihood_sym), cross_entropy, evaluate=False),
            r"The logarithm of a product is the sum of the logarithms and "
            r"$\log p_k^{y_k} = y_k \log p_k$ (valid since $p_k > 0$): minus the log-likelihood "
            r"of step 1 is the cross-entropy, for any number of classes $K$.",
            check=proved(neg_log, cross_entropy),
        ),
        make_step(
            "Independent points",
            sympy.Eq(
                -sympy.log(data_likelihood),
                sympy.Sum(loss_i, (i, 1, big_n)),
                evaluate=False,
            ),
            r"For $N$ points labelled independently, the likelihood of all the labels is the "
            r"product of the likelihoods of step 1, one per point; its negative log is the sum "
            r"over the points of their cross-entropies $C_i$ (step 3), for any $N$ and $K$.",
            check=proved(data_neg_log, data_loss),
        ),
    ]
    claims = [
        Claim("−log ∏_k p_k^(y_k) = −Σ_k y_k log p_k", neg_log, cross_entropy),
        Claim("log ∏_k p_k^[k = c] = log p_c for 1 ≤ c ≤ K", one_hot_log, sympy.log(p[c])),
        Claim("−log ∏_i ∏_k P_ik^(Y_ik) = Σ_i (−Σ_k Y_ik log P_ik)", data_neg_log, data_loss),
    ]
    return build(
        name="cross-entropy-likelihood",
        title="Cross-entropy is a negative log-likelihood",
        summary=(
            "Minus the logarithm of the probability the model gives the observed labels is the "
            "cross-entropy, summed over independent points."
        ),
        steps=steps,
        result=steps[2].expr,
        claims=claims,
        symbols={"k": k, "K": big_k, "N": big_n, "p": p, "y": y, "C": loss_sym},
        data={"likelihood": one_point, "data_likelihood": data_likelihood},
    )
