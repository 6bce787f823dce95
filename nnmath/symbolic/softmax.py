"""Softmax: its Jacobian, shift invariance, log-softmax, and the cross-entropy gradient p − y."""

from __future__ import annotations

from typing import Any

import sympy

from nnmath.symbolic.core import (
    Claim,
    Derivation,
    Formula,
    StepCheck,
    build,
    make_step,
    numbered_symbols,
    proved,
)
from nnmath.symbolic.indexed import proved_for_symbolic_sizes

__all__ = ["CLASS_COUNTS", "derive_softmax", "derive_softmax_cross_entropy", "softmax_symbols"]

#: Numbers of classes K for which every statement is proved.
CLASS_COUNTS = (2, 3, 4, 5)


def softmax_symbols(k: int) -> tuple[tuple[sympy.Symbol, ...], list[Any]]:
    """Logits ``z_1 … z_K`` (real) and the explicit ``p_i = e^(z_i) / Σ_k e^(z_k)``.

    Raises
    ------
    ValueError
        If ``k < 1``.
    """
    z = numbered_symbols("z", k)
    total = sum(sympy.exp(zk) for zk in z)
    return z, [sympy.exp(zi) / total for zi in z]


def _jacobian(outputs: list[Any], variables: tuple[Any, ...]) -> sympy.Matrix:
    """Matrix of unevaluated ∂outputs[i]/∂variables[j]."""
    return sympy.Matrix([[sympy.Derivative(out, var) for var in variables] for out in outputs])


def _jacobian_rule(p: list[Any] | tuple[Any, ...]) -> sympy.Matrix:
    """Matrix with entries p_i(δ_ij − p_j)."""
    size = len(p)
    return sympy.Matrix(size, size, lambda a, b: p[a] * (sympy.KroneckerDelta(a, b) - p[b]))


# -- the checks of the steps, for a symbolic number of classes K ------------------------------
# Sums run over symbolic ranges, each index stated to be in 1..K (see nnmath.symbolic.indexed).

_I, _J, _K, _Q = sympy.symbols("i j k q", integer=True)
_CLASSES = sympy.Symbol("K", integer=True, positive=True)
_Z = sympy.IndexedBase("z", real=True)
_Y = sympy.IndexedBase("y", real=True)
_SUM_Y = sympy.Sum(_Y[_K], (_K, 1, _CLASSES))


def _normaliser() -> Any:
    """S = Σ_q e^(z_q) over K classes."""
    return sympy.Sum(sympy.exp(_Z[_Q]), (_Q, 1, _CLASSES))


def _p(index: Any) -> Any:
    """p_index = e^(z_index) / S."""
    return sympy.exp(_Z[index]) / _normaliser()


def _in_classes(*indices: Any) -> list[tuple[Any, Any, Any]]:
    return [(index, 1, _CLASSES) for index in indices]


def _diagonal() -> StepCheck:
    lhs = sympy.Derivative(_p(_I), _Z[_I])
    return proved_for_symbolic_sizes(lhs, _p(_I) * (1 - _p(_I)), _in_classes(_I))


def _off_diagonal() -> StepCheck:
    lhs = sympy.Derivative(_p(_I), _Z[_J])
    distinct = {sympy.KroneckerDelta(_I, _J): 0}  # i ≠ j
    return proved_for_symbolic_sizes(lhs, -_p(_I) * _p(_J), _in_classes(_I, _J), given=distinct)


def _full_jacobian() -> StepCheck:
    lhs = sympy.Derivative(_p(_I), _Z[_J])
    rhs = _p(_I) * (sympy.KroneckerDelta(_I, _J) - _p(_J))
    return proved_for_symbolic_sizes(lhs, rhs, _in_classes(_I, _J))


def _shift() -> StepCheck:
    c = sympy.Symbol("c", real=True)
    shifted = sympy.exp(_Z[_I] + c) / sympy.Sum(sympy.exp(_Z[_Q] + c), (_Q, 1, _CLASSES))
    return proved_for_symbolic_sizes(shifted, _p(_I), _in_classes(_I))


def _log_softmax() -> StepCheck:
    rhs = _Z[_J] - sympy.log(_normaliser())
    return proved_for_symbolic_sizes(sympy.log(_p(_J)), rhs, _in_classes(_J))


def _loss() -> Any:
    """C = −Σ_k y_k log p_k."""
    return -sympy.Sum(_Y[_K] * sympy.log(_p(_K)), (_K, 1, _CLASSES))


def _through_log_softmax() -> Any:
    """−Σ_k y_k([k = j] − p_j)."""
    return -sympy.Sum(_Y[_K] * (sympy.KroneckerDelta(_K, _J) - _p(_J)), (_K, 1, _CLASSES))


def _ce_differentiate() -> StepCheck:
    lhs = sympy.Derivative(_loss(), _Z[_J])
    return proved_for_symbolic_sizes(lhs, _through_log_softmax(), _in_classes(_J))


def _ce_collect() -> StepCheck:
    rhs = _p(_J) * _SUM_Y - _Y[_J]
    return proved_for_symbolic_sizes(_through_log_softmax(), rhs, _in_classes(_J))


def _ce_each() -> StepCheck:
    lhs = _p(_J) * _SUM_Y - _Y[_J]
    return proved_for_symbolic_sizes(lhs, _p(_J) - _Y[_J], _in_classes(_J), given={_SUM_Y: 1})


def _ce_vector() -> StepCheck:
    lhs = sympy.Derivative(_loss(), _Z[_J])
    return proved_for_symbolic_sizes(lhs, _p(_J) - _Y[_J], _in_classes(_J), given={_SUM_Y: 1})


def _general_symbols() -> dict[str, Any]:
    i, j, k = sympy.symbols("i j k", integer=True, positive=True)
    return {
        "i": i,
        "j": j,
        "k": k,
        "K": sympy.Symbol("K", integer=True, positive=True),
        "z": sympy.IndexedBase("z", real=True),
        "p": sympy.IndexedBase("p", positive=True),
        "y": sympy.IndexedBase("y", real=True),
        "c": sympy.Symbol("c", real=True),
    }


def derive_softmax() -> Derivation:
    """∂p_i/∂z_j = p_i(δ_ij − p_j), softmax(z + c) = softmax(z), log p_j = z_j − log Σ e^(z_k).

    Every step is proved by SymPy for a symbolic number K of classes; the claims compare
    the whole Jacobian entry by entry for K = 2, 3, 4, 5.
    """
    g = _general_symbols()
    i, j, k, big_k, z, p, c = (g[n] for n in ("i", "j", "k", "K", "z", "p", "c"))
    total = sympy.Sum(sympy.exp(z[k]), (k, 1, big_k))
    jacobian_rule = sympy.Eq(
        sympy.Derivative(p[i], z[j]), p[i] * (sympy.KroneckerDelta(i, j) - p[j]), evaluate=False
    )
    z3, p3 = softmax_symbols(3)
    p3_sym = sympy.symbols("p_1:4", positive=True)
    sizes = r"proved by SymPy for a symbolic number $K$ of classes ($1 \le i, j \le K$)"
    steps = [
        make_step("Definition", sympy.Eq(p[i], sympy.exp(z[i]) / total)),
        make_step(
            "Quotient rule on the diagonal",
            sympy.Eq(
                sympy.Derivative(p[i], z[i]),
                sympy.Mul(p[i], 1 - p[i], evaluate=False),
                evaluate=False,
            ),
            r"Quotient rule on step 1 with $S = \sum_k e^{z_k}$: $z_i$ appears in the numerator "
            r"and in $S$, so the derivative is $(e^{z_i} S - e^{z_i} e^{z_i})/S^2 = p_i - p_i^2$; "
            + sizes
            + ".",
            check=_diagonal(),
        ),
        make_step(
            "Quotient rule off the diagonal",
            sympy.Eq(sympy.Derivative(p[i], z[j]), -p[i] * p[j], evaluate=False),
            r"$z_j$ appears only in $S$: the derivative is $-e^{z_i} e^{z_j}/S^2 = -p_i p_j$; "
            + sizes
            + r", with $i \neq j$ stated ($[i = j] = 0$).",
            check=_off_diagonal(),
        ),
        make_step(
            "Both cases at once",
            jacobian_rule,
            r"The bracket $[i = j]$ is 1 when $i = j$ (step 2) and 0 otherwise (step 3); "
            + sizes
            + ".",
            check=_full_jacobian(),
        ),
        make_step(
            "The Jacobian for three classes",
            sympy.Eq(
                sympy.Matrix(3, 3, lambda a, b: sympy.Derivative(p[a + 1], z[b + 1])),
                _jacobian_rule(p3_sym),
                evaluate=False,
            ),
            r"Step 4 for $i, j = 1, 2, 3$. Symmetric, and every row sums to 0 because the "
            "probabilities sum to 1.",
            check=proved(_jacobian(p3, z3), _jacobian_rule(p3)),
        ),
        make_step(
            "Shift invariance",
            sympy.Eq(
                sympy.exp(z[i] + c) / sympy.Sum(sympy.exp(z[k] + c), (k, 1, big_k)),
                sympy.exp(z[i]) / total,
                evaluate=False,
            ),
            (
                r"In step 1 with every $z_k + c$: $e^{z_k + c} = e^{c} e^{z_k}$, and the factor "
                r"$e^c$ cancels between numerator and sum; this is why "
                r"$\operatorname{softmax}(\mathbf{z} - \max_k z_k)$ is safe to compute; "
            )
            + sizes
            + ".",
            check=_shift(),
        ),
        make_step(
            "Log-softmax",
            sympy.Eq(sympy.log(p[j]), z[j] - sympy.log(total), evaluate=False),
            r"The logarithm of step 1: the log of a quotient is the difference of the logs, and "
            r"$\log e^{z_j} = z_j$; " + sizes + ".",
            check=_log_softmax(),
        ),
    ]
    claims: list[Claim] = []
    formulas: dict[str, Formula] = {}
    for size in CLASS_COUNTS:
        zs, ps = softmax_symbols(size)
        claims.append(
            Claim(
                f"K = {size}: ∂p_i/∂z_j = p_i(δ_ij − p_j) for every i, j",
                _jacobian(ps, zs),
                _jacobian_rule(ps),
            )
        )
        shifted = [expr.subs({zk: zk + c for zk in zs}, simultaneous=True) for expr in ps]
        claims.append(
            Claim(
                f"K = {size}: softmax(z + c) = softmax(z)",
                sympy.Matrix(shifted),
                sympy.Matrix(ps),
            )
        )
        claims.append(Claim(f"K = {size}: Σ_i p_i = 1", sum(ps), 1))
        total_k = sum(sympy.exp(zk) for zk in zs)
        log_softmax = [zk - sympy.log(total_k) for zk in zs]
        claims.append(
            Claim(
                f"K = {size}: log p_j = z_j − log Σ_k e^(z_k)",
                sympy.Matrix([sympy.log(pk) for pk in ps]),
                sympy.Matrix(log_softmax),
            )
        )
        formulas[f"softmax_{size}"] = Formula(tuple(ps), zs)
        formulas[f"log_softmax_{size}"] = Formula(tuple(log_softmax), zs)
    return build(
        name="softmax",
        title="Softmax and its Jacobian",
        summary=(
            r"The derivative of each softmax output is $p_i([i = j] - p_j)$, and adding a "
            "constant to every logit changes nothing."
        ),
        steps=steps,
        result=jacobian_rule,
        claims=claims,
        symbols=g,
        formulas=formulas,
        data={"class_counts": CLASS_COUNTS, "example_logits": z3, "example_softmax": p3},
    )


def derive_softmax_cross_entropy() -> Derivation:
    """For C = −Σ_k y_k log p_k with Σ_k y_k = 1: ∂C/∂z = p − y.

    The steps are proved by SymPy for a symbolic number K of classes, the assumption
    Σ_k y_k = 1 substituted where a step states it; the claims prove it for K = 2..5.

    Without the constraint the gradient is ``p_j Σ_k y_k − y_j``; substituting
    ``y_K = 1 − Σ_(k<K) y_k`` gives ``p_j − y_j``.
    """
    g = _general_symbols()
    j, k, big_k, z, p, y = (g[n] for n in ("j", "k", "K", "z", "p", "y"))
    loss_sym = sympy.Symbol("C", real=True)
    z_vec = sympy.MatrixSymbol("z", big_k, 1)
    p_vec = sympy.MatrixSymbol("p", big_k, 1)
    y_vec = sympy.MatrixSymbol("y", big_k, 1)
    component = sympy.Eq(sympy.Derivative(loss_sym, z[j]), p[j] - y[j], evaluate=False)
    vector = sympy.Eq(sympy.Derivative(loss_sym, z_vec), p_vec - y_vec, evaluate=False)
    sum_y = sympy.Sum(y[k], (k, 1, big_k))
    sizes = r"proved by SymPy for a symbolic number $K$ of classes ($1 \le j \le K$)"
    steps = [
        make_step(
            "Cross-entropy", sympy.Eq(loss_sym, -sympy.Sum(y[k] * sympy.log(p[k]), (k, 1, big_k)))
        ),
        make_step(
            "Targets sum to one",
            sympy.Eq(sum_y, 1),
            "Assumed: true for a one-hot label and for any probability vector.",
        ),
        make_step(
            "Differentiate through log-softmax",
            sympy.Eq(
                sympy.Derivative(loss_sym, z[j]),
                -sympy.Sum(y[k] * (sympy.KroneckerDelta(k, j) - p[j]), (k, 1, big_k)),
                evaluate=False,
            ),
            (
                r"By the softmax derivation $\log p_k = z_k - \log \sum_m e^{z_m}$, so "
                r"$\partial \log p_k/\partial z_j = [k = j] - p_j$; "
            )
            + sizes
            + ".",
            check=_ce_differentiate(),
        ),
        make_step(
            "Collect terms",
            sympy.Eq(sympy.Derivative(loss_sym, z[j]), p[j] * sum_y - y[j], evaluate=False),
            r"Sum over $k$: the bracket keeps only $k = j$, giving $-y_j$, and the $p_j$ terms "
            r"give $p_j \sum_k y_k$; " + sizes + ".",
            check=_ce_collect(),
        ),
        make_step(
            "Each logit",
            component,
            r"Substitute $\sum_k y_k = 1$ (step 2) into step 4; " + sizes + ", with the "
            r"assumption of step 2 substituted.",
            check=_ce_each(),
        ),
        make_step(
            "As a vector",
            vector,
            r"Stack the $K$ components of step 5; SymPy differentiates the whole loss for a "
            r"symbolic number $K$ of classes and substitutes $\sum_k y_k = 1$ (step 2): entry "
            r"$j$ is $p_j - y_j$ ($1 \le j \le K$).",
            check=_ce_vector(),
        ),
    ]
    claims: list[Claim] = []
    formulas: dict[str, Formula] = {}
    for size in CLASS_COUNTS:
        zs, ps = softmax_symbols(size)
        ys = sympy.symbols(f"y_1:{size + 1}", real=True)
        loss = -sum(yk * sympy.log(pk) for yk, pk in zip(ys, ps, strict=True))
        claims.append(
            Claim(
                f"K = {size}: ∂L/∂z_j = p_j Σ_k y_k − y_j (no constraint)",
                sympy.Matrix([sympy.Derivative(loss, zj) for zj in zs]),
                sympy.Matrix([pj * sum(ys) - yj for pj, yj in zip(ps, ys, strict=True)]),
            )
        )
        last = {ys[-1]: 1 - sum(ys[:-1])}  # y_K = 1 − Σ_(k<K) y_k
        claims.append(
            Claim(
                f"K = {size}: ∂L/∂z_j = p_j − y_j when Σ_k y_k = 1",
                sympy.Matrix([sympy.Derivative(loss.subs(last), zj) for zj in zs]),
                sympy.Matrix([pj - yj.subs(last) for pj, yj in zip(ps, ys, strict=True)]),
            )
        )
        formulas[f"cross_entropy_{size}"] = Formula((loss,), (*zs, *ys))
        formulas[f"cross_entropy_grad_{size}"] = Formula(
            tuple(pj - yj for pj, yj in zip(ps, ys, strict=True)), (*zs, *ys)
        )
    return build(
        name="softmax-cross-entropy",
        title=r"Softmax with cross-entropy: the gradient is $\mathbf{p} - \mathbf{y}$",
        summary=(
            "With targets that sum to one, the gradient of the cross-entropy with "
            "respect to the logits is the predicted minus the target distribution."
        ),
        steps=steps,
        result=vector,
        claims=claims,
        symbols={**g, "C": loss_sym, "z_vec": z_vec, "p_vec": p_vec, "y_vec": y_vec},
        formulas=formulas,
        data={"class_counts": CLASS_COUNTS, "component": component},
    )
