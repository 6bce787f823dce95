"""The chain-rule worked example recomputed in exact fractions, independently of SymPy.

The chapter states the numbers of the worked example; :func:`worked_example_check` holds them
equal to SymPy's (:func:`nnmath.symbolic.worked_example`) and to a recomputation with Python's
:class:`fractions.Fraction` that shares no code with the derivation.
"""

from __future__ import annotations

from fractions import Fraction

from nnmath.symbolic import worked_example

__all__ = ["STATED_WORKED_EXAMPLE", "fraction_example", "worked_example_check"]

#: The worked example's numbers as stated on the site.
STATED_WORKED_EXAMPLE = {
    "z": Fraction(2),
    "y_hat": Fraction(7, 2),
    "E": Fraction(9, 8),
    "dyhat_dw1": Fraction(3),
    "dyhat_dw2": Fraction(2),
    "w1_up_large": Fraction(11, 10),
    "w2_up_large": Fraction(19, 10),
    "y_hat_up_large": Fraction(329, 50),
    "w1_up_small": Fraction(4, 5),
    "w2_up_small": Fraction(17, 10),
    "y_hat_up_small": Fraction(123, 25),
    "w1_descent": Fraction(19, 20),
    "w2_descent": Fraction(9, 5),
    "y_hat_descent": Fraction(143, 25),
    "E_descent": Fraction(162, 625),
}


def fraction_example() -> dict[str, Fraction]:
    """The worked example recomputed with Python fractions, independently of SymPy.

    Examples
    --------
    >>> values = fraction_example()
    >>> values["y_hat"], values["E_descent"]
    (Fraction(7, 2), Fraction(162, 625))
    """
    x, b1, b2, t = Fraction(2), Fraction(1), Fraction(1, 2), Fraction(5)
    w1, w2 = Fraction(1, 2), Fraction(3, 2)

    def forward(w1: Fraction, w2: Fraction) -> tuple[Fraction, Fraction, Fraction]:
        z = x * w1 + b1
        y_hat = z * w2 + b2
        return z, y_hat, (y_hat - t) ** 2 / 2

    z, y_hat, error = forward(w1, w2)
    out = {"z": z, "y_hat": y_hat, "E": error, "dyhat_dw1": w2 * x, "dyhat_dw2": z}
    for tag, eta in (("up_large", Fraction(1, 5)), ("up_small", Fraction(1, 10))):
        new = (w1 + eta * out["dyhat_dw1"], w2 + eta * out["dyhat_dw2"])
        out.update({f"w1_{tag}": new[0], f"w2_{tag}": new[1], f"y_hat_{tag}": forward(*new)[1]})
    eta = Fraction(1, 10)
    new = (w1 - eta * (y_hat - t) * w2 * x, w2 - eta * (y_hat - t) * z)
    _, new_y_hat, new_e = forward(*new)
    out.update(w1_descent=new[0], w2_descent=new[1], y_hat_descent=new_y_hat, E_descent=new_e)
    return out


def worked_example_check() -> tuple[bool, str]:
    """The stated numbers, SymPy's and the fractions' agree, and descent lowers E."""
    sympy_values = worked_example()
    fraction_values = fraction_example()
    wrong = []
    for key, stated in STATED_WORKED_EXAMPLE.items():
        value = sympy_values[key]
        as_fraction = Fraction(int(value.p), int(value.q))
        if not (as_fraction == stated == fraction_values[key]):
            wrong.append(f"{key}: SymPy {value}, fractions {fraction_values[key]}, stated {stated}")
    if sympy_values["E_descent"] >= sympy_values["E"]:
        wrong.append("the descent step did not lower E")
    if wrong:
        return False, "; ".join(wrong)
    return True, (
        f"{len(STATED_WORKED_EXAMPLE)} numbers agree (SymPy, Python fractions, stated): "
        "z = 2, ŷ = 7/2, E = 9/8; up by 1/5: ŷ = 329/50; up by 1/10: ŷ = 123/25; "
        "descent: E = 162/625"
    )
