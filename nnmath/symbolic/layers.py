"""Layers without an activation: two affine maps in a row are one affine map."""

from __future__ import annotations

from typing import Any

import sympy

from nnmath.symbolic.core import Claim, Derivation, build, make_step, on_sizes

__all__ = ["derive_affine_composition"]


def _layers(n: int) -> tuple[Any, Any, Any, Any, Any]:
    """An n-input, n-hidden, n-output pair of affine layers with symbolic entries."""

    def matrix(name: str) -> sympy.Matrix:
        return sympy.Matrix(n, n, lambda j, k: sympy.Symbol(f"{name}_{j + 1}{k + 1}", real=True))

    def vector(name: str) -> sympy.Matrix:
        return sympy.Matrix([sympy.Symbol(f"{name}_{j + 1}", real=True) for j in range(n)])

    return matrix("v"), vector("c"), matrix("u"), vector("d"), vector("x")


def _substituted(n: int) -> tuple[Any, Any]:
    """z² = W²z¹ + b² with z¹ replaced, entry by entry, by W¹x + b¹."""
    w1, b1, w2, b2, x = _layers(n)
    z1 = sympy.Matrix([sympy.Symbol(f"z_{j + 1}", real=True) for j in range(n)])
    layer_two = (w2 * z1 + b2).subs(dict(zip(z1, w1 * x + b1, strict=True)))
    return layer_two, w2 * (w1 * x + b1) + b2


def _one_map(n: int) -> tuple[Any, Any]:
    """With W = W²W¹ and b = W²b¹ + b², Wx + b is the two layers' output."""
    w1, b1, w2, b2, x = _layers(n)
    w, b = w2 * w1, w2 * b1 + b2
    return w * x + b, w2 * (w1 * x + b1) + b2


def _collected(n: int) -> tuple[Any, Any]:
    """W²(W¹x + b¹) + b² = (W²W¹)x + (W²b¹ + b²)."""
    w1, b1, w2, b2, x = _layers(n)
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
    sizes = "SymPy multiplies it out for matrices of sizes $1 \\times 1$ to $4 \\times 4$."
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
            check=on_sizes(_substituted),
            order="none",
        ),
        make_step(
            "Multiply out",
            sympy.Eq(
                z2, sympy.Add(w2 * w1 * x, sympy.Add(w2 * b1, b2, evaluate=False), evaluate=False)
            ),
            "Matrix products distribute over sums and are associative: "
            "$W^2(W^1\\mathbf{x}) = (W^2W^1)\\mathbf{x}$. " + sizes,
            check=on_sizes(_collected),
            order="none",
        ),
        make_step(
            "One affine map",
            sympy.Eq(z2, sympy.Add(w * x, b, evaluate=False)),
            "With $W = W^2W^1$ and $\\mathbf{b} = W^2\\mathbf{b}^1 + \\mathbf{b}^2$: the two "
            "layers are one layer, and by induction so are any number of them. " + sizes,
            check=on_sizes(_one_map),
            order="none",
        ),
    ]
    return build(
        name="affine-composition",
        title="Layers without an activation collapse",
        summary="Two affine layers in a row compute a single affine map.",
        steps=steps,
        result=steps[-1].expr,
        claims=[Claim("W²(W¹x + b¹) + b² = (W²W¹)x + (W²b¹ + b²) for 3 × 3", *_collected(3))],
    )
