"""Layers without an activation: two affine maps in a row are one affine map."""

from __future__ import annotations

from typing import Any

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

from nnmath.symbolic.core import Claim, Derivation, build, make_step
from nnmath.symbolic.sums import proved_for_all_sizes

__all__ = ["derive_affine_composition"]


def _layers() -> tuple[Any, Any, Any, Any, Any]:
    """A pair of affine layers of widths n0 (inputs), n1 (hidden), n2 (outputs), all symbols."""
    n0, n1, n2 = sympy.symbols("n_0 n_1 n_2", integer=True, positive=True)
    return (
        sympy.MatrixSymbol("W1", n1, n0),
        sympy.MatrixSymbol("b1", n1, 1),
        sympy.MatrixSymbol("W2", n2, n1),
        sympy.MatrixSymbol("b2", n2, 1),
        sympy.MatrixSymbol("x", n0, 1),
    )


def _substituted() -> tuple[Any, Any]:
    """z² = W²z¹ + b² with each entry of z¹ replaced by that entry of W¹x + b¹."""
    w1, b1, w2, b2, x = _layers()
    z1 = sympy.MatrixSymbol("z1", *b1.shape)
    first = w1 * x + b1
    i = sympy.Symbol("i", integer=True, nonnegative=True)
    entry = (w2 * z1 + b2)[i, 0].replace(
        lambda e: isinstance(e, MatrixElement) and e.parent == z1,
        lambda e: first[e.i, e.j],
    )
    return entry, (w2 * (w1 * x + b1) + b2)[i, 0]


def _one_map() -> tuple[Any, Any]:
    """With W = W²W¹ and b = W²b¹ + b², Wx + b is the two layers' output."""
    w1, b1, w2, b2, x = _layers()
    w, b = w2 * w1, w2 * b1 + b2
    return w * x + b, w2 * (w1 * x + b1) + b2


def _collected() -> tuple[Any, Any]:
    """W²(W¹x + b¹) + b² = (W²W¹)x + (W²b¹ + b²)."""
    w1, b1, w2, b2, x = _layers()
    return w2 * (w1 * x + b1) + b2, (w2 * w1) * x + (w2 * b1 + b2)


def _collected_3() -> tuple[Any, Any]:
    """The identity of :func:`_collected` for 3 × 3 matrices of symbols (the claim)."""

    def matrix(name: str) -> sympy.Matrix:
        return sympy.Matrix(3, 3, lambda j, k: sympy.Symbol(f"{name}_{j + 1}{k + 1}", real=True))

    def vector(name: str) -> sympy.Matrix:
        return sympy.Matrix([sympy.Symbol(f"{name}_{j + 1}", real=True) for j in range(3)])

    w1, b1, w2, b2, x = matrix("v"), vector("c"), matrix("u"), vector("d"), vector("x")
    return w2 * (w1 * x + b1) + b2, (w2 * w1) * x + (w2 * b1 + b2)


def derive_affine_composition() -> Derivation:
    """Two layers with no activation compute one affine map, ``W = W²W¹``, ``b = W²b¹ + b²``.

    Examples
    --------
    >>> from nnmath.symbolic import derive
    >>> print(derive("affine-composition").steps[-1].latex)
    \\mathbf{z}^{2} = W \\mathbf{x} + \\mathbf{b}
    """
    x, z1, z2 = (
        sympy.Symbol(rf"\mathbf{{{n}}}", commutative=False) for n in ("x", "z}^{1", "z}^{2")
    )
    w1, w2, w = (sympy.Symbol(n, commutative=False) for n in ("W^1", "W^2", "W"))
    b1, b2 = (sympy.Symbol(rf"\mathbf{{b}}^{{{n}}}", commutative=False) for n in (1, 2))
    b = sympy.Symbol(r"\mathbf{b}", commutative=False)
    sizes = (
        "SymPy proves it entry by entry for a pair of layers with $n_0$ inputs, $n_1$ hidden "
        "neurons and $n_2$ outputs, $n_0$, $n_1$, $n_2$ symbols."
    )
    steps = [
        make_step(
            "Two layers without σ (definition)",
            sympy.Tuple(
                sympy.Eq(z1, sympy.Add(w1 * x, b1, evaluate=False)),
                sympy.Eq(z2, sympy.Add(w2 * z1, b2, evaluate=False)),
            ),
            "The first layer's weighted input feeds the second directly.",
            order="none",
        ),
        make_step(
            "Substitute",
            sympy.Eq(z2, sympy.Add(w2 * sympy.Add(w1 * x, b1, evaluate=False), b2, evaluate=False)),
            "Replace $\\mathbf{z}^1$ by its definition. " + sizes,
            check=proved_for_all_sizes(_substituted),
            order="none",
        ),
        make_step(
            "Multiply out",
            sympy.Eq(
                z2, sympy.Add(w2 * w1 * x, sympy.Add(w2 * b1, b2, evaluate=False), evaluate=False)
            ),
            "Matrix products distribute over sums and are associative: "
            "$W^2(W^1\\mathbf{x}) = (W^2W^1)\\mathbf{x}$. " + sizes,
            check=proved_for_all_sizes(_collected),
            order="none",
        ),
        make_step(
            "One affine map",
            sympy.Eq(z2, sympy.Add(w * x, b, evaluate=False)),
            "With $W = W^2W^1$ and $\\mathbf{b} = W^2\\mathbf{b}^1 + \\mathbf{b}^2$: the two "
            "layers are one layer. Merging the first two of any number of layers this way, "
            "again and again, collapses them all (an induction on the number of layers; this "
            "two-layer identity is its step). " + sizes,
            check=proved_for_all_sizes(_one_map),
            order="none",
        ),
    ]
    return build(
        name="affine-composition",
        title="Layers without an activation collapse",
        summary="Two affine layers in a row compute a single affine map.",
        steps=steps,
        result=steps[-1].expr,
        claims=[Claim("W²(W¹x + b¹) + b² = (W²W¹)x + (W²b¹ + b²) for 3 × 3", *_collected_3())],
    )
