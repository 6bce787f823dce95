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
# - **SymPy proof on concrete sizes**: an identity stated for every size, proved only for each
#   size tried (for example $n = 1, 2, 3, 4$).
# - **Numerical example**: a statement checked on numbers.
#
# Each check's *kind* says what it establishes, in this order: a SymPy proof of the statement as
# stated, or exact arithmetic on the stated numbers, establishes it; a SymPy proof on listed
# sizes establishes it only for those sizes; a numerical comparison only at the points tried.
# A derivation is labelled with the weakest kind among its checked steps, never a stronger one,
# and the label names the premises it rests on: a **cited theorem** (a published result, such as
# the chain rule, given with its reference) or a **written argument** (an induction written on
# the page from proved steps) is not a check, so it has no row of its own here; a concrete check
# under it is listed as supporting evidence, which does not make it stronger.
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
# The checks of single derivation steps are listed further down, grouped by derivation.
def kind_and_method(check):
    # The kind says how strong the check is; the method, when it says more, how it is done.
    # A whole derivation shows its label: the weakest of its steps, with its premises.
    if check.label:
        return f"{check.label} (the weakest of its steps; claims by {check.method})"
    if check.supports:
        return f"{check.kind} ({check.method}), supporting evidence for the {check.supports}"
    if check.method == check.kind:
        return check.kind
    return f"{check.kind} ({check.method})"


def row(check, outcome, *, statement=None):
    status = "✅ pass" if outcome.passed else "❌ FAIL"
    name = "-<wbr>".join(html.escape(part) for part in check.name.split("-"))
    derivation = (
        f"; derivation <code>{html.escape(check.derivation)}</code>"
        if check.derivation and statement is None
        else ""
    )
    return (
        f'<tr id="{html.escape(check.name)}"><td><code>{name}</code><br>'
        f"<small>{html.escape(kind_and_method(check))}{derivation}</small></td>"
        f"<td>{statement if statement is not None else html.escape(check.display_statement)}</td>"
        f"<td>{status}<br><small>{html.escape(check.tolerance)}. "
        f"{html.escape(outcome.detail)}</small></td></tr>"
    )


def table(rows):
    return (
        '<div class="nnmath-wide-table"><table><thead><tr><th>check and kind</th>'
        "<th>what it states</th><th>result</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


Html(table([row(c, o) for c, o in results if c.step is None]))

# %% [markdown]
# ## Step by step
#
# Each step of a derivation after its definitions is checked against the steps before it, under
# its own name: by a SymPy proof (of the step as stated), by SymPy proofs on listed sizes only,
# numerically, or in exact arithmetic (the numbers of a worked example); or it is a premise (a
# cited theorem or a written argument), listed with its reference above the derivation's table.
# Open a derivation to see its steps.

# %% tags=["hide-input"]
from nnmath import symbolic


def premise_text(premise):
    # What a premise is, and its reference or the checked steps it rests on.
    if premise.reference is not None:
        source = premise.reference.citation
    else:
        source = "resting on the steps " + ", ".join(f"“{label}”" for label in premise.rests_on)
    return f"{premise.kind}, {premise.premise}: {source}"


blocks = []
for name in symbolic.names():
    derivation = symbolic.derive(name)
    steps = [(c, o) for c, o in results if c.derivation == name and c.step is not None]
    if not steps:
        continue
    kinds = sorted({c.kind for c, _ in steps})
    ok = sum(o.passed for _, o in steps)
    rows = [
        row(
            c,
            o,
            statement=f"<strong>{html.escape(c.step)}</strong>: "
            + html.escape(next(s.explanation for s in derivation.steps if s.check == c.name)),
        )
        for c, o in steps
    ]
    premises = "".join(
        f"<li><strong>{html.escape(s.label)}</strong>: {html.escape(premise_text(s.verification))}"
        "</li>"
        for s in derivation.steps
        if s.verification is not None and s.verification.is_premise
    )
    if premises:
        premises = f"<p>Premises, not checks:</p><ul>{premises}</ul>"
    blocks.append(
        f'<details class="nnmath-step-checks" data-derivation-checks="{html.escape(name)}">'
        f"<summary><code>{html.escape(name)}</code>: {ok} of {len(steps)} step checks pass "
        f"<small>({html.escape(', '.join(kinds))}; overall: "
        f"{html.escape(derivation.kind_label)})</small></summary>{premises}{table(rows)}</details>"
    )
Html("".join(blocks))

# %% tags=["hide-input"]
# A failed check fails the build: the site is never published with a broken proof.
assert not failed, f"checks failed: {', '.join(failed)}"
