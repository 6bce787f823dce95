"""Data types shared by every derivation: steps, claims, formulas and the derivation itself.

A :class:`Derivation` is an ordered list of :class:`Step` objects (each an
expression with its LaTeX, made by ``sympy.latex``), a final ``result``, the
:class:`Claim` objects that state what the derivation proves, and the
:class:`Formula` objects that the numerical checks compare NumPy kernels with.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np
import sympy
from numpy.typing import NDArray
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE

from nnmath.symbolic.kinds import (
    STEP_CHECK_KINDS,
    Reference,
    StepCheck,
    check_written_arguments,
    cited,
    kind_label,
    weakest,
    written_argument,
)
from nnmath.symbolic.zero import Reduction, differs_by_zero, proves_zero

__all__ = [
    "STEP_CHECK_KINDS",
    "Claim",
    "Derivation",
    "Formula",
    "Reference",
    "Route",
    "Step",
    "StepCheck",
    "cited",
    "differs_by_zero",
    "exactly",
    "freeze",
    "make_step",
    "numbered_symbols",
    "numerically",
    "on_sizes",
    "proved",
    "proves_zero",
    "step_check_name",
    "to_latex",
    "written_argument",
]


class _Printer(LatexPrinter):  # type: ignore[misc]
    """``sympy.latex`` with a few display tweaks (see :func:`to_latex`)."""

    def _print_HadamardProduct(self, expr: Any) -> str:
        # ⊙ for the element-wise product: ∘ is kept for composition.
        prec = PRECEDENCE["Pow"]
        return r" \odot ".join(self.parenthesize(arg, prec, strict=True) for arg in expr.args)

    def _print_Transpose(self, expr: Any) -> str:
        # The site writes the transpose as ^\mathsf{T} (the notation page), not SymPy's ^{T}.
        return str(super()._print_Transpose(expr)).replace("^{T}", r"^\mathsf{T}")

    def _print_MatrixSymbol(self, expr: Any) -> str:
        # A column vector is bold (\mathbf{a}, \boldsymbol\delta), as on the notation page;
        # a matrix (W) and a 1×1 matrix standing for a number (b) are printed as SymPy does.
        if expr.shape[1] != 1 or expr.shape[0] == 1:
            return str(super()._print_MatrixSymbol(expr))
        name, supers, subs = self._split_super_sub(expr.name)
        base = str(self._print_Symbol(sympy.Symbol(name)))
        tex = rf"\boldsymbol{{{base}}}" if base.startswith("\\") else rf"\mathbf{{{base}}}"
        if supers:
            tex += "^{" + " ".join(self._deal_with_super_sub(s) for s in supers) + "}"
        if subs:
            tex += "_{" + " ".join(self._deal_with_super_sub(s) for s in subs) + "}"
        return tex

    def _print_Indexed(self, expr: Any) -> str:
        # b^l indexed by j prints as b^{l}_{j}, the indices stacked, not SymPy's {b^{l}}_{j}
        # (which sets the subscript after the superscript).
        tex = str(super()._print_Indexed(expr))
        label = str(expr.base.label)
        if "^" in label and "_" not in label:
            name, sup = label.split("^", 1)
            base = str(self._print_Symbol(sympy.Symbol(name)))
            head = f"{{{base}^{{{sup}}}}}"
            if tex.startswith(head):
                return f"{base}^{{{sup}}}" + tex[len(head) :]
        return tex

    def _print_KroneckerDelta(self, expr: Any, exp: Any = None) -> str:
        # The bracket [i = j] (1 when i = j, else 0): δ is kept for the error δ^l.
        tex = rf"[{self._print(expr.args[0])} = {self._print(expr.args[1])}]"
        return tex if exp is None else rf"{tex}^{{{exp}}}"

    def _print_Derivative(self, expr: Any) -> str:
        names = (sympy.Symbol, sympy.Indexed, sympy.MatrixSymbol)
        if isinstance(expr.expr, names) and len(expr.variable_count) == 1:
            var, order = expr.variable_count[0]
            if order == 1 and isinstance(var, names):
                # ∂L/∂w rather than SymPy's d/dw L for a named quantity.
                return rf"\frac{{\partial {self._print(expr.expr)}}}{{\partial {self._print(var)}}}"
        return str(super()._print_Derivative(expr))

    def _print_ElementwiseApplyFunction(self, expr: Any) -> str:
        func, arg = expr.function, expr.expr
        if (
            isinstance(func, sympy.Lambda)
            and len(func.variables) == 1
            and isinstance(func.expr, sympy.core.function.AppliedUndef)
            and func.expr.args == func.variables
            and isinstance(arg, sympy.MatrixSymbol)
        ):
            # Print f(z) rather than SymPy's (d ↦ f(d))∘(z), with z printed as a vector.
            placeholder = sympy.Symbol("ARGUMENT")
            tex = str(self._print(func.expr.func(placeholder)))
            return tex.replace("ARGUMENT", self._print(arg), 1)
        return str(super()._print_ElementwiseApplyFunction(expr))


def to_latex(expr: Any, **options: Any) -> str:
    """LaTeX of a SymPy object: ``sympy.latex`` with the same options.

    The differences: the derivative of a named quantity (a symbol, indexed
    symbol or matrix symbol) by one variable prints as ``\\frac{\\partial L}{\\partial w}``
    instead of ``\\frac{d}{d w} L``, and an element-wise undefined function of
    a matrix symbol prints as ``σ′(z^L)``, the element-wise (Hadamard) product
    prints as ``⊙`` (``∘`` means composition on this site) and the Kronecker
    delta ``δ_ij`` as the bracket ``[i = j]`` (``δ`` means the error δ^l). The
    output is valid MathJax 3 input for display math.
    """
    return str(_Printer(options).doprint(expr))


def proved(lhs: Any, rhs: Any, reduction: Reduction = "auto") -> StepCheck:
    """A step SymPy proves for all values: ``lhs − rhs`` simplifies to 0.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> proved(sympy.Derivative(x**2, x), 2 * x).run()
    (True, 'SymPy reduces the difference of the two sides to 0')
    """

    def run() -> tuple[bool, str]:
        ok = differs_by_zero(lhs, rhs, reduction)
        return ok, (
            "SymPy reduces the difference of the two sides to 0"
            if ok
            else "SymPy did not reduce the difference to 0"
        )

    return StepCheck("SymPy proof", run)


def on_sizes(
    sides: Callable[[int], tuple[Any, Any]], sizes: Sequence[int] = (1, 2, 3, 4)
) -> StepCheck:
    """A step proved by SymPy for each concrete size ``n`` in ``sizes``.

    Parameters
    ----------
    sides : callable
        ``sides(n)`` returns the two sides ``(lhs, rhs)`` for size ``n``.
    sizes : sequence of int
        The sizes tried, e.g. ``(1, 2, 3, 4)``.

    Examples
    --------
    >>> def sides(n):
    ...     k = sympy.Symbol("k", integer=True)
    ...     return sympy.Sum(k, (k, 1, n)), sympy.Rational(n * (n + 1), 2)
    >>> on_sizes(sides, (1, 2, 3)).run()
    (True, 'SymPy proves it for n = 1, 2, 3')
    """
    sizes = tuple(sizes)
    if not sizes:
        raise ValueError("sizes must not be empty")

    def run() -> tuple[bool, str]:
        failed = [n for n in sizes if not differs_by_zero(*sides(n))]
        shown = ", ".join(map(str, sizes))
        if failed:
            return False, f"not proved for n = {', '.join(map(str, failed))} (of {shown})"
        return True, f"SymPy proves it for n = {shown}"

    return StepCheck("sizes 1..n", run)


def numerically(run: Callable[[], tuple[bool, str]]) -> StepCheck:
    """A step checked on numbers: ``run()`` returns ``(passed, detail)``.

    For a result SymPy cannot reach (the step's justification cites the
    argument); the detail says what was compared and how closely.
    """
    return StepCheck("numerical", run)


def exactly(lhs: Any, rhs: Any) -> StepCheck:
    """A step of exact rational arithmetic: ``lhs`` and ``rhs`` are equal numbers.

    Examples
    --------
    >>> exactly(sympy.Rational(1, 2) + sympy.Rational(1, 3), sympy.Rational(5, 6)).run()
    (True, 'the two sides are the same exact number')
    """

    def run() -> tuple[bool, str]:
        ok = differs_by_zero(sympy.sympify(lhs), sympy.sympify(rhs))
        return ok, "the two sides are the same exact number" if ok else "the numbers differ"

    return StepCheck("exact arithmetic", run)


@dataclass(frozen=True)
class Step:
    """One displayed step of a derivation.

    Attributes
    ----------
    label : str
        Short heading, e.g. ``"Differentiate"``.
    expr : sympy.Basic
        The expression or ``sympy.Eq`` shown in this step.
    latex : str
        ``sympy.latex(expr)`` (via :func:`to_latex`), ready to be put inside ``$$ ... $$``.
    explanation : str
        Why the step follows from the ones before it ("chain rule", "substitute (2)", ...);
        may hold ``$…$`` math. Empty for a starting point.
    verification : StepCheck or None
        What establishes the step: a check, or a premise (a cited theorem or a
        written argument); None for a definition or starting point.
    check : str or None
        The name under which :mod:`nnmath.checks` runs the check (or a premise's
        supporting evidence), set by :func:`build` from the derivation and step
        names; None when nothing runs (a definition, or a premise without evidence).
    """

    label: str
    expr: Any
    latex: str
    explanation: str = ""
    verification: StepCheck | None = None
    check: str | None = None

    @property
    def justification(self) -> str:
        """Why the step follows (the same text as :attr:`explanation`)."""
        return self.explanation


def make_step(
    label: str,
    expr: Any,
    explanation: str = "",
    check: StepCheck | None = None,
    **latex_options: Any,
) -> Step:
    """Build a :class:`Step`, producing its LaTeX with ``sympy.latex``.

    Parameters
    ----------
    label : str
        Short heading.
    expr : sympy.Basic
        Expression or equation to show.
    explanation : str, optional
        Why the step follows from the ones before it (``$…$`` for math).
    check : StepCheck, optional
        What checks it (:func:`proved`, :func:`on_sizes`, :func:`numerically`,
        :func:`exactly`) or the premise it rests on (:func:`cited`,
        :func:`written_argument`); None for a definition or starting point.
    **latex_options
        Passed to the LaTeX printer, as for ``sympy.latex`` (e.g. ``order="none"``
        keeps the order of factors).

    Raises
    ------
    TypeError
        If ``label`` or ``explanation`` is not a string, or ``check`` is not a
        :class:`StepCheck`.
    ValueError
        If ``expr`` is a bare truth value (an ``Eq`` that SymPy evaluated to
        True or False; build such steps with ``evaluate=False``).

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> step = make_step("Differentiate", sympy.Eq(sympy.Derivative(x**2, x), 2 * x),
    ...                  "power rule", check=proved(sympy.Derivative(x**2, x), 2 * x))
    >>> print(step.latex)
    \\frac{d}{d x} x^{2} = 2 x
    >>> step.verification.kind
    'SymPy proof'
    """
    if not isinstance(label, str) or not isinstance(explanation, str):
        raise TypeError("label and explanation must be strings")
    if check is not None and not isinstance(check, StepCheck):
        raise TypeError(f"check must be a StepCheck or None, got {type(check).__name__}")
    if isinstance(expr, (bool, sympy.logic.boolalg.BooleanAtom)):
        raise ValueError(f"step {label!r} shows a bare truth value; use Eq(..., evaluate=False)")
    return Step(label, expr, to_latex(expr, **latex_options), explanation, check)


def step_check_name(derivation: str, label: str) -> str:
    """The check name of a derivation's step: ``step-<derivation>-<label as kebab-case>``.

    Examples
    --------
    >>> step_check_name("sigmoid", "Solve σ = 1/(1 + u) for u")
    'step-sigmoid-solve-1-1-u-for-u'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    return f"step-{derivation}-{slug or 'step'}"


@dataclass(frozen=True)
class Claim:
    """An identity ``lhs = rhs`` that the derivation states and SymPy proves.

    ``lhs`` may hold unevaluated operations (``sympy.Derivative``,
    ``sympy.Limit``), so that :meth:`holds` does the calculus each time it
    runs rather than trusting a stored answer.

    Attributes
    ----------
    statement : str
        Plain-text sentence, e.g. ``"σ′(x) = σ(x)(1 − σ(x))"``.
    lhs, rhs : sympy.Basic or sympy.Matrix
        Both sides, written with explicit formulas (no undefined functions
        that the other side does not also contain).
    reduction : {"auto", "expand"}
        How :func:`proves_zero` reduces the difference.
    """

    statement: str
    lhs: Any
    rhs: Any
    reduction: Reduction = "auto"

    def holds(self) -> bool:
        """Return whether SymPy proves ``lhs − rhs = 0``."""
        return differs_by_zero(self.lhs, self.rhs, self.reduction)


@dataclass(frozen=True)
class Formula:
    """A SymPy expression (or several) with its ordered arguments, for NumPy.

    Attributes
    ----------
    outputs : tuple of sympy.Basic
        ``m`` expressions, evaluated together.
    args : tuple of sympy.Symbol
        ``k`` symbols, in the order of the columns passed to :meth:`evaluate`.
    """

    outputs: tuple[Any, ...]
    args: tuple[Any, ...]

    @cached_property
    def _function(self) -> Callable[..., Any]:
        return sympy.lambdify(self.args, list(self.outputs), modules="numpy")  # type: ignore[no-any-return]

    def evaluate(self, points: NDArray[np.float64]) -> NDArray[np.float64]:
        """Evaluate the lambdified outputs at ``n`` points.

        Parameters
        ----------
        points : ndarray, shape (n, k)
            One row per point, one column per argument.

        Returns
        -------
        ndarray, shape (n, m)

        Raises
        ------
        ValueError
            If ``points`` is not 2-D with ``k`` columns.
        """
        pts = np.asarray(points, dtype=np.float64)
        if pts.ndim != 2 or pts.shape[1] != len(self.args):
            raise ValueError(f"points must have shape (n, {len(self.args)}), got shape {pts.shape}")
        values = self._function(*pts.T)
        columns = np.broadcast_arrays(*[np.asarray(v, dtype=np.float64) for v in values])
        out = np.empty((pts.shape[0], len(columns)))
        for j, column in enumerate(columns):
            out[:, j] = np.broadcast_to(column, (pts.shape[0],))
        return out


@dataclass(frozen=True)
class Route:
    """Consecutive steps that reach a later step the long way, which the page folds.

    The later step's justification gives the short way; these steps stay checked, numbered.

    Attributes
    ----------
    summary : str
        What the long way does, as a sentence (``$…$`` for math).
    labels : tuple of str
        The labels of the steps, in order.
    """

    summary: str
    labels: tuple[str, ...]


def numbered_symbols(letter: str, k: int) -> tuple[sympy.Symbol, ...]:
    """The ``k`` real symbols ``letter_1 … letter_k`` (outputs, logits, targets of a layer).

    Raises
    ------
    ValueError
        If ``k < 1``.

    Examples
    --------
    >>> numbered_symbols("z", 3)
    (z_1, z_2, z_3)
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    return tuple(sympy.symbols(f"{letter}_1:{k + 1}", real=True))


def freeze(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    """Read-only copy of ``mapping`` (for the dict-valued fields of a derivation)."""
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Derivation:
    """A derivation: its steps, its result and what it proves.

    Attributes
    ----------
    name : str
        Registry key, e.g. ``"sigmoid"``.
    title : str
        Human title.
    summary : str
        One sentence.
    steps : tuple of Step
        In order; each carries its LaTeX.
    result : sympy.Basic
        Final result (usually a ``sympy.Eq``).
    result_latex : str
        ``sympy.latex(result)``.
    claims : tuple of Claim
        Every identity the derivation states; :meth:`verify` proves them.
    symbols : Mapping[str, sympy.Basic]
        The named symbols used (read-only).
    formulas : Mapping[str, Formula]
        Expressions the numerical checks lambdify (read-only).
    data : Mapping[str, Any]
        Anything else the site prints (e.g. worked-example numbers).
    long_route : Route or None
        Steps that reach a result the long way, which a page shows folded.
    """

    name: str
    title: str
    summary: str
    steps: tuple[Step, ...]
    result: Any
    result_latex: str
    claims: tuple[Claim, ...]
    symbols: Mapping[str, Any] = field(default_factory=lambda: freeze({}))
    formulas: Mapping[str, Formula] = field(default_factory=lambda: freeze({}))
    data: Mapping[str, Any] = field(default_factory=lambda: freeze({}))
    long_route: Route | None = None

    def verify(self) -> list[tuple[Claim, bool]]:
        """Prove every claim; return each with whether SymPy proved it."""
        return [(claim, claim.holds()) for claim in self.claims]

    @property
    def checked_steps(self) -> tuple[Step, ...]:
        """The steps after the starting points: each carries a check or a premise."""
        return tuple(step for step in self.steps if step.verification is not None)

    @property
    def premises(self) -> tuple[StepCheck, ...]:
        """The premises it rests on (cited theorems, written arguments), in step order."""
        return tuple(
            step.verification
            for step in self.steps
            if step.verification is not None and step.verification.is_premise
        )

    @property
    def kind(self) -> str:
        """The overall kind: the weakest of its checked steps' kinds, premises aside.

        The claims (:meth:`verify`) are SymPy proofs of the statements as stated, so a
        derivation whose steps are all premises is a SymPy proof from them.
        """
        kinds = [s.verification.kind for s in self.checked_steps if s.verification is not None]
        return weakest(["SymPy proof", *kinds])

    @property
    def kind_label(self) -> str:
        """Its overall kind in words, with the premises it rests on.

        E.g. ``"proved by SymPy, from the chain rule"`` (see :func:`kind_label`).
        """
        return kind_label(self.kind, self.premises)


def _check_long_route(name: str, steps: Sequence[Step], route: Route | None) -> None:
    """Raise ValueError unless ``route`` names consecutive steps followed by another step."""
    if route is None:
        return
    labels = [step.label for step in steps]
    wanted = list(route.labels)
    starts = [i for i in range(len(labels)) if labels[i : i + len(wanted)] == wanted]
    if not wanted or not starts or starts[0] + len(wanted) >= len(labels):
        raise ValueError(
            f"derivation {name!r}: the long route must be consecutive steps before a later "
            f"one, got {wanted}; the steps are {labels}"
        )


def build(
    *,
    name: str,
    title: str,
    summary: str,
    steps: Iterable[Step],
    result: Any,
    claims: Sequence[Claim],
    symbols: Mapping[str, Any] | None = None,
    formulas: Mapping[str, Formula] | None = None,
    data: Mapping[str, Any] | None = None,
    long_route: Route | None = None,
    **latex_options: Any,
) -> Derivation:
    """Assemble a :class:`Derivation`, rendering ``result`` with ``sympy.latex``.

    Raises
    ------
    ValueError
        If there are no steps or no claims, two checked steps share a label, a
        written argument rests on a step that is not an earlier checked step or cited
        theorem, or the
        ``long_route`` is not a run of consecutive steps before the last one.
    """
    step_tuple = tuple(
        dataclasses.replace(step, check=step.check or step_check_name(name, step.label))
        if step.verification is not None and step.verification.runner is not None
        else step
        for step in steps
    )
    if not step_tuple or not claims:
        raise ValueError(f"derivation {name!r} needs at least one step and one claim")
    check_written_arguments(name, [(st.label, st.verification) for st in step_tuple])
    _check_long_route(name, step_tuple, long_route)
    checked_names = [step.check for step in step_tuple if step.check is not None]
    if len(set(checked_names)) != len(checked_names):
        raise ValueError(f"derivation {name!r}: two checked steps share a label")
    return Derivation(
        name=name,
        title=title,
        summary=summary,
        steps=step_tuple,
        result=result,
        result_latex=to_latex(result, **latex_options),
        claims=tuple(claims),
        symbols=freeze(symbols or {}),
        formulas=freeze(formulas or {}),
        data=freeze(data or {}),
        long_route=long_route,
    )
