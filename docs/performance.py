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
# # Performance
#
# How fast does `nnmath` run what this site teaches, next to PyTorch on the same CPU? The
# benchmark script `scripts/bench.py` measures it: every contender runs the same work, in turns
# within one run, and each table reports the median with the fastest and slowest run. The script
# writes its results to `nnmath/data/bench/latest.json`, and this page shows the committed file. It
# does not measure anything while the site is built: timings taken on a busy build machine would
# be misleading, and two builds of the site must give the same page.
#
# To measure on your own machine, install the optional `bench` extra (it adds PyTorch, which the
# package and the site never need) and run the script:
#
# ```bash
# .venv/bin/pip install -e ".[bench]"
# .venv/bin/python scripts/bench.py          # all measures, about ten minutes
# .venv/bin/python scripts/bench.py --quick  # a smoke run in well under a minute
# ```
#
# It prints the tables below as text and overwrites `nnmath/data/bench/latest.json`; the console
# and this page format the results with the same code (`scripts/bench_report.py`).

# %%
import numpy as np

import nnmath as nm

# %% tags=["hide-input"]
# isort: split
import html
import inspect
import json
import sys
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from nnmath import notebook as nb
from nnmath import plotting, training
from nnmath.training.generated import generated_source

plotting.setup_notebook()
sys.path.insert(0, "scripts")
import bench_report  # scripts/bench_report.py: the tables of the benchmark

results = json.loads(Path("nnmath/data/bench/latest.json").read_text(encoding="utf-8"))
machine = results["machine"]


def render(table):
    """A benchmark table as HTML, every cell formatted as the console shows it."""
    body = nb.table(
        [[bench_report.fmt(cell) for cell in row] for row in table.rows], header=table.header
    ).markup
    note = f"<p><small>{html.escape(table.note)}</small></p>" if table.note else ""
    return nb.Html(f'<div class="nnmath-wide-table nnmath-numbers">{body}</div>{note}')


tables = {t.key: t for t in bench_report.tables(results)}
quick = " (a quick run: small step counts, one repeat)" if results["settings"]["quick"] else ""
nb.Html(
    '<div class="admonition info"><p class="admonition-title">Measured on</p><p>'
    f"{html.escape(results['date'][:10])}{quick}: {html.escape(machine['cpu'])}, "
    f"{machine['cores']} cores; Python {machine['python']}, NumPy {machine['numpy']} "
    f"({html.escape(machine['blas'])}, {machine['blas_threads']} threads), "
    f"PyTorch {machine['torch']} ({machine['torch_threads']} threads), "
    f"SymPy {machine['sympy']}.</p></div>"
)

# %% [markdown]
# ## Targets
#
# The goals the package is built to: single-sample training of the small networks of the early
# chapters faster than straight-line Python and far faster than PyTorch, batched training of
# mid-size networks on par with PyTorch, through the engine and through the public
# `net.gradient` and `net.forward` alike, and a site quick enough to rebuild many times a day.
# Each row says whether the committed run met its goal and, where it did not, by how much and
# where the time goes.

# %% tags=["hide-input"]
target_rows = tables["targets"].rows
met = sum(1 for row in target_rows if row[3] is True)
missed = [row for row in target_rows if row[3] is False]
summary = f"<p><strong>{met} of {len(target_rows)} targets met in this run.</strong></p>"
if missed:
    items = "".join(
        f"<li>{html.escape(row[0])}: {bench_report.fmt(row[2])}, goal {html.escape(row[1])}. "
        f"{html.escape(row[4])}</li>"
        for row in missed
    )
    summary += (
        '<div class="admonition warning"><p class="admonition-title">Not met</p>'
        f"<ul>{items}</ul></div>"
    )
nb.Html(summary + render(tables["targets"]).markup)

# %% [markdown]
# The same goals on every run that was kept (`nnmath/data/bench/run-*.json`). The outcome depends on
# the machine: most of a mini-batch step is matrix products, and how fast NumPy's OpenBLAS does
# them next to the Intel MKL and oneDNN routines inside PyTorch differs from one processor to
# the next.

# %% tags=["hide-input"]
archived = [
    json.loads(path.read_text(encoding="utf-8"))
    for path in sorted(Path("nnmath/data/bench").glob("run-*.json"))
]
render(bench_report.history_table(archived))

# %% [markdown]
# ## Time per step at a glance
#
# Top: one training step of the 2-2-3-2 network of chapter 5 on one sample. `nnmath.sgd` runs it
# on straight-line code generated from the network's shape (see `nnmath.training.generated`),
# which avoids the fixed cost of every NumPy and PyTorch call; on arrays of two or three numbers
# that cost is all there is. Bottom: the throughput of one mini-batch step relative to PyTorch
# autograd (the dashed line), for the two mid-size networks. Here the matrix products dominate,
# and the "products only" bars show the ceiling each library's matrix routines set.

# %% tags=["hide-input"]
shortest = min(r["steps"] for r in results["higham_sgd"])
higham = [r for r in results["higham_sgd"] if r["steps"] == shortest]
batched = [r for r in results["batched"] if r["ratio_vs_torch"] is not None]
configs = sorted({(r["sizes"], r["dtype"]) for r in batched}, key=lambda c: (len(c[0]), c))
series = [c for c in dict.fromkeys(r["contender"] for r in batched) if c != "PyTorch autograd"]
colours = [plotting.BLUE, plotting.GREY, plotting.SKY_BLUE, plotting.VERMILLION]

with matplotlib.rc_context(plotting.STYLE):
    fig = Figure(figsize=(6.4, 7.2), layout="constrained")
    top, bottom = fig.subplots(2, 1, height_ratios=[1, 1.7])
    names = [r["contender"] for r in higham]
    top.barh(names, [r["us_per_step"] for r in higham],
             xerr=[[r["us_per_step"] * (1 - r["seconds_min"] / r["seconds"]) for r in higham],
                   [r["us_per_step"] * (r["seconds_max"] / r["seconds"] - 1) for r in higham]],
             color=[plotting.BLUE if n.startswith("nnmath.sgd") else plotting.GREY
                    for n in names])  # fmt: skip
    top.set_xscale("log")
    top.invert_yaxis()
    top.set_xlabel("µs per step (log scale)")
    top.set_title("Higham's network, one sample per step")
    height = 0.8 / len(series)
    for k, (name, colour) in enumerate(zip(series, colours, strict=False)):
        ratios = []
        for sizes, dtype in configs:
            row = next(r for r in batched if (r["sizes"], r["dtype"], r["contender"])
                       == (sizes, dtype, name))  # fmt: skip
            ratios.append(row["ratio_vs_torch"])
        positions = [i + (k - (len(series) - 1) / 2) * height for i in range(len(configs))]
        bottom.barh(positions, ratios, height=height, color=colour, label=name)
    bottom.axvline(1.0, color=plotting.BLACK, linestyle="--", linewidth=1)
    bottom.set_yticks(range(len(configs)), [f"{s}\n{d}" for s, d in configs])
    bottom.invert_yaxis()
    bottom.set_xlabel("throughput ÷ PyTorch autograd (> 1 is faster)")
    bottom.set_title("One mini-batch step, softmax + cross-entropy")
    bottom.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2, frameon=False)
nb.figure(
    fig,
    alt=(
        "Two charts. Top: microseconds per single-sample step for each implementation, as "
        "points with whiskers. Bottom: mini-batch throughput relative to PyTorch for each "
        "network and floating-point type, with a dashed line at parity."
    ),
    caption=(
        "Top, microseconds per single-sample step for each contender (median; the whiskers span "
        "the fastest and slowest run). Bottom, mini-batch throughput relative to PyTorch "
        "autograd for each network and floating-point type; the dashed line marks parity."
    ),
)

# %% [markdown]
# ## Single-sample training of a small network
#
# Higham & Higham's experiment from chapter 9: the 2-2-3-2 sigmoid network, learning rate 0.05,
# one randomly chosen point per step. All contenders start from the same parameters and visit the
# samples in the same order, so they should do the same arithmetic; the last column is the largest
# difference of their final parameters from those of `nnmath.sgd`, which shows that they did the
# same arithmetic up to rounding. "General NumPy path" is `Network.backward` called once per step,
# as the chapters write it. The longest run is measured for `nnmath.sgd` only; the PyTorch
# autograd row at that length is its shorter run scaled up.

# %% tags=["hide-input"]
render(tables["higham_sgd"])

# %% [markdown]
# ## Mini-batch training of mid-size networks
#
# One step of mini-batch gradient descent with sigmoid hidden layers and a softmax output with
# cross-entropy, on random data: the buffered engine `nnmath.training.buffered` (what
# `nnmath.gradient_descent` runs; the benchmark labels it "nnmath.batched"), PyTorch autograd, and
# the general NumPy path. The FLOP rate counts `6 n Σ d_in d_out` operations per
# step (for each layer one matrix product forward and two backward, each of `2 n d_in d_out`),
# and "of peak" divides it by NumPy's own rate for a large square matrix product, measured in the
# same run. The two "products only" rows time the matrix
# products of a step and nothing else: no implementation on top of that library can be faster.

# %% tags=["hide-input"]
render(tables["batched"])

# %% [markdown]
# ## The public API
#
# Users and the chapters call `Network.gradient` and write the update themselves. The row
# "net.gradient + in-place update" in the table above is that loop: `dW, db = net.gradient(X, Y)`,
# then `W -= η dW` and `b -= η db` for every layer. `Network.gradient` and `Network.forward` run on
# work arrays kept for each batch shape (`nnmath.workspace`), and every array they return is the
# caller's own. The forward pass alone, next to PyTorch inference under `torch.no_grad`, on the
# same networks and batches; "of peak" counts `2 n Σ d_in d_out` operations per call:

# %% tags=["hide-input"]
render(tables["forward"])

# %% tags=["hide-input"]
render(tables["matmul"])

# %% [markdown]
# ## Symbolic proofs against depth
#
# Chapter 7 proves the backpropagation equations with SymPy in two ways: one layer at a time, and
# by differentiating the fully composed cost. The first grows with the number of layers; the
# second with the size of the nested expression, which multiplies with every layer. The composed
# series stops after the first proof that takes longer than a minute.

# %% tags=["hide-input"]
render(tables["symbolic"])

# %% [markdown]
# ## How the code is arranged
#
# The chapters show the mathematics and the public functions that compute it. Three pieces of
# implementation sit underneath them, shown here because they explain the numbers above.
#
# ### A sigmoid that never overflows
#
# [Chapter 3](chapters/03-sigmoid-neuron.py) explains why $1/(1 + e^{-x})$ is evaluated as
# $e^{x}/(1 + e^{x})$ for $x < 0$. `nm.sigmoid` checks its input (a number, finite, not empty)
# and hands it to a kernel that does the work: it computes $e^{-|x|}$, which is at most 1 and so
# never overflows, and divides either 1 (for $x \ge 0$) or that number (for $x < 0$) by
# $1 + e^{-|x|}$, in place, keeping the input's float type. The network code calls the kernel
# directly, since its arrays are already known to be valid. At $x = -1000$, where $e^{-x}$
# itself would overflow, the sigmoid answers 0 without a warning, and at large positive inputs
# it rounds to 1:

# %%
x = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])
print(nm.sigmoid(x))
print(nm.sigmoid(x.astype(np.float32)).dtype)

# %% [markdown]
# The log-softmax of [chapter 8](chapters/08-softmax-cross-entropy.py) works the same way: its
# kernel shifts the logits by their maximum before it exponentiates, so the largest exponent is
# $e^0 = 1$, and it never forms the probabilities whose logarithm it returns. Logits a thousand
# apart give a finite log-probability where the probability itself underflows to zero:

# %%
z = np.array([[1000.0, 0.0, -1000.0]])
print(nm.log_softmax(z))
print(nm.softmax(z))

# %% [markdown]
# ### One gradient step
#
# [Chapter 5](chapters/05-cost-gradient-descent.py)'s update
# $\boldsymbol\vartheta \leftarrow \boldsymbol\vartheta - \eta\,\nabla C$ is applied to a network's
# weight matrices and bias vectors in place, without building the long vector
# $\boldsymbol\vartheta$. The reference loop does exactly that, one readable step after another:

# %% tags=["hide-input"]
nb.source(training.run_reference, title="nnmath/training/reference.py: the reference loop")

# %% [markdown]
# This loop is what the tests hold the fast engines to: `nm.gradient_descent` runs the same
# updates on the buffered engine (`nnmath.training.buffered`), and `nm.sgd` on straight-line code
# generated for small float64 networks (`nnmath.training.generated`), else on the buffered engine.
# `nm.training.engine` names the engine a call would use; for the 2-2-3-2 network of chapter 9
# and a wider one:

# %%
for sizes, loop in (
    ([2, 2, 3, 2], "sgd"),
    ([2, 2, 3, 2], "gradient_descent"),
    ([784, 100, 10], "sgd"),
):
    print(f"{sizes}, {loop}:", nm.training.engine(nm.Network(sizes, seed=0), loop))

# %% [markdown]
# ### Straight-line code for a small network
#
# The general training loop calls NumPy a few dozen times per step. For a network with 23
# parameters each call handles a handful of numbers, so most of the time would go into call
# overhead, and the million steps of [chapter 9](chapters/09-land-classifier.py) would take far
# longer than the seconds it spends on them. For small networks `nm.sgd` therefore generates,
# once per architecture, a Python function whose loop body is the forward pass, the backward
# pass and the update written out on plain floating-point variables, one line per neuron and
# weight. Here is how that code begins for the 2-2-3-2 network:

# %% tags=["hide-input"]
source = generated_source([2, 2, 3, 2], hidden="sigmoid", output="sigmoid", loss="quadratic")
lines = source.splitlines()
excerpt = "\n".join(lines[:40])
nb.Html(
    '<div class="nnmath-source"><p class="nnmath-source-title">'
    f"nnmath.training.generated.generated_source([2, 2, 3, 2]), lines 1–40 of {len(lines)}</p>"
    + highlight(excerpt, PythonLexer(), HtmlFormatter(cssclass="highlight", wrapcode=True))
    + "</div>"
)

# %% [markdown]
# Further down, the backward pass is spelled out the same way, with each error $\delta$
# computed once and reused:

# %% tags=["hide-input"]
start = next(i for i, line in enumerate(lines) if "# output error" in line)
backward = inspect.cleandoc("\n".join(lines[start : start + 12]))
nb.Html(
    '<div class="nnmath-source"><p class="nnmath-source-title">'
    f"nnmath.training.generated.generated_source([2, 2, 3, 2]), lines {start + 1}–{start + 12}</p>"
    + highlight(backward, PythonLexer(), HtmlFormatter(cssclass="highlight", wrapcode=True))
    + "</div>"
)

# %% [markdown]
# Generated code is only trustworthy if it is checked. The test suite runs it side by side with
# the general backpropagation of `Network.backward` for several architectures and activations
# (including Higham and Higham's example) and requires the parameters to agree to rounding.
# The same comparison fits on this page: a thousand SGD steps through `nm.sgd`, and a thousand
# steps with the same sample order through the general `Network.gradient`.

# %%
X, Y = nm.datasets.higham()
steps = 1000
fast_net = nm.Network([2, 2, 3, 2], seed=1)
general = fast_net.copy()
nm.sgd(fast_net, X, Y, learning_rate=0.05, steps=steps, seed=7)

# The sample order nm.sgd draws for seed 7: one row index per step.
order = np.random.default_rng(7).integers(0, len(X), size=(steps, 1))[:, 0]
for k in order:
    dW, db = general.gradient(X[k : k + 1], Y[k : k + 1])
    for w, gw in zip(general.weights, dW, strict=True):
        w -= 0.05 * gw
    for b, gb in zip(general.biases, db, strict=True):
        b -= 0.05 * gb
difference = np.abs(fast_net.get_params() - general.get_params()).max()
print(f"largest difference between the parameters: {difference:.1e}")

# %% tags=["hide-input"]
# The text above states this outcome ("agree to rounding"); the build fails if it changes.
assert difference < 1e-12, difference

# %% [markdown]
# ## Building this site
#
# A clean build executes every chapter; a rebuild with nothing changed takes every executed
# chapter from the notebook cache, whose key covers the chapter, the `nnmath` sources and the
# committed benchmark results.

# %% tags=["hide-input"]
if "site" in tables:
    shown = render(tables["site"])
else:
    shown = nb.Html("<p>The site build was not measured in this run.</p>")
shown
