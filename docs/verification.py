# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Verification
#
# Every check that ties a formula on this site to the code that computes it, run during this
# build. The same registry, `nnmath.checks`, is what `pytest` runs and what
# `python -m nnmath check` prints, so this table, the test suite and the command line cannot
# disagree about what is checked.
#
# - **SymPy proof**: SymPy reduces the difference between the derived and the stated form to
#   exactly zero.
# - **Lambdified comparison**: the derived SymPy expression, turned into a NumPy function with
#   `sympy.lambdify`, is compared with the `nnmath` kernel at random points.
# - **Finite differences**: backpropagation is compared with a fourth-order central difference of
#   the cost.
# - **Exact arithmetic**: numbers are computed with rationals, so no rounding is involved.
#
# Each check's running time varies from run to run, so it is left out here (a build must give
# the same page every time); `python -m nnmath check` prints it.

# %% tags=["hide-input"]
import html

from nnmath import checks
from nnmath.notebook import Html

results = checks.run_all()
failed = [check.name for check, outcome in results if not outcome.passed]
passed = len(results) - len(failed)
# Timings are left out so that two builds give the same page; `python -m nnmath check`
# prints them.
Html(f"<p><strong>{passed} of {len(results)} checks passed in this build.</strong></p>")

# %% tags=["hide-input"]
# Three columns, so that the table fits the width of the text: the check and how it is done,
# what it states, and its outcome with the tolerance. Check names may break after a hyphen.
rows = []
for check, outcome in results:
    status = "✅ pass" if outcome.passed else "❌ FAIL"
    name = "-<wbr>".join(html.escape(part) for part in check.name.split("-"))
    derivation = (
        f"; derivation <code>{html.escape(check.derivation)}</code>" if check.derivation else ""
    )
    rows.append(
        f'<tr id="{html.escape(check.name)}"><td><code>{name}</code><br>'
        f"<small>{html.escape(check.method)}{derivation}</small></td>"
        f"<td>{html.escape(check.display_statement)}</td>"
        f"<td>{status}<br><small>{html.escape(check.tolerance)}. "
        f"{html.escape(outcome.detail)}</small></td></tr>"
    )
Html(
    '<div class="nnmath-wide-table"><table><thead><tr><th>check and method</th>'
    "<th>what it states</th><th>result</th></tr></thead>"
    f"<tbody>{''.join(rows)}</tbody></table></div>"
)

# %% tags=["hide-input"]
# A failed check fails the build: the site is never published with a broken proof.
assert not failed, f"checks failed: {', '.join(failed)}"
