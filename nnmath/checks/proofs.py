"""Checks SymPy proves: a derivation's claims, and backpropagation on whole networks.

Each function returns the body of a check or is one: it returns ``(passed, detail)``, with
the statements SymPy could not prove in the detail.
"""

from __future__ import annotations

from nnmath.checks.model import Body
from nnmath.symbolic import derive, verify_backprop

__all__ = ["backprop_composed_2232", "backprop_layerwise_10", "claims_of"]


def claims_of(name: str) -> Body:
    """The body that proves every claim of the derivation called ``name``."""

    def body() -> tuple[bool, str]:
        results = derive(name).verify()
        failed = [claim.statement for claim, ok in results if not ok]
        detail = f"{len(results) - len(failed)}/{len(results)} claims proved"
        if failed:
            detail += "; not proved: " + "; ".join(failed)
        return not failed, detail

    return body


def backprop_layerwise_10() -> tuple[bool, str]:
    """The four backprop equations, entry by entry, for a 10-layer width-3 network."""
    report = verify_backprop([3] * 10, "layerwise")
    expected = 9 * (3 * 3 + 3)
    ok = report.all_equal and report.partials_checked == expected
    return ok, (
        f"{report.partials_checked} partials and {report.deltas_checked} error terms of a "
        "10-layer width-3 network proved"
        + ("" if report.all_equal else f"; not proved: {'; '.join(report.failures)}")
    )


def backprop_composed_2232() -> tuple[bool, str]:
    """The 23 partial derivatives of the composed cost of the 2-2-3-2 network."""
    report = verify_backprop([2, 2, 3, 2], "composed")
    ok = report.all_equal and report.partials_checked == 23
    return ok, (
        f"{report.partials_checked} partials of the composed cost proved"
        + ("" if report.all_equal else f"; not proved: {'; '.join(report.failures)}")
    )
