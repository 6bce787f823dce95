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
# # Training the land classifier
#
# <div class="nnmath-goals">
#
# **After this chapter** you can train the land classifier with stochastic gradient descent,
# read its cost curve and decision regions, and judge how often training succeeds from a random
# start.
#
# </div>
#
# Every piece is now in place: the 2-2-3-2 network of [layers and networks](04-layers-networks.py),
# the quadratic cost of [the cost chapter](05-cost-gradient-descent.py), and its gradient by
# [backpropagation](07-backprop-matrices.py). This chapter runs the experiment of section 6 of
# C. F. Higham and D. J. Higham, *Deep learning: an introduction for applied mathematicians*
# ([SIAM Review, 2019](../references.md#higham2019)), their Listing 6.1 with Figures 6.1 and 6.2,
# from start to finish: a million steps of stochastic gradient descent on ten points in the unit
# square (section 2 of the paper sets that problem up). Then we train on a larger set, compare
# with full-batch gradient descent, and ask how often training succeeds from a random start.
# The symbols are those of the [notation page](../notation.md).

# %%
import numpy as np

import nnmath as nm
from nnmath.training.many_seeds import sgd_many

# %% tags=["hide-input"]
# isort: split
import itertools

from matplotlib.figure import Figure

from nnmath import notebook as nb
from nnmath import plotting

plotting.setup_notebook()


# %% [markdown]
# ## The experiment
#
# The data are Higham and Higham's ten points: five of category A (fertile land, target
# $(1, 0)$) and five of category B (infertile, target $(0, 1)$). The network has two inputs,
# hidden layers of two and three sigmoid neurons, and two sigmoid outputs; its weights and
# biases start as independent draws from
# $0.5\cdot \mathcal{N}(0, 1)$, fixed here by a seed. The seed
# 5000 echoes the `rng(5000)` of the paper's MATLAB listing, but NumPy's random generator is
# not MATLAB's: the same seed gives other numbers, so our start, and every number below, differs
# from the paper's. The paper's listing numbers the layers from the input, layer 1, and so
# names the weights $W^{[2]}, W^{[3]}, W^{[4]}$ where this site writes $W^1, W^2, W^3$ (as
# [chapter 4](04-layers-networks.py) noted).

# %%
X, Y = nm.datasets.higham()
net = nm.Network([2, 2, 3, 2], seed=5000)
print(net)
per_layer = [w.size + b.size for w, b in zip(net.weights, net.biases, strict=True)]
print("parameters per layer:", per_layer)
print("parameters in all:   ", net.n_params)
print("cost before training:", round(net.loss(X, Y), 4))

# %% [markdown]
# ## Stochastic gradient descent
#
# The cost is an average over the $N$ data points, $C = \frac1N \sum_{i=1}^{N} C_i$ with
# $C_i = \frac12\|\mathbf{y}(\mathbf{x}_i) - F(\mathbf{x}_i)\|^2$, so its gradient is the
# average of the $N$ gradients $\nabla C_i$. Plain
# <dfn id="term-gradient-descent">gradient descent</dfn> computes all of them for
# every step.
# **<dfn id="term-sgd">Stochastic gradient descent</dfn>**
# (SGD) picks one point $k$ uniformly at random and
# steps along its gradient alone:

# %% tags=["hide-input"]
nb.step("gradient-descent", "One sample at a time")

# %% [markdown]
# where $\boldsymbol\vartheta$ collects all 23 weights and biases. A single step may well
# increase the total cost, but averaged over the random choice of $k$ the step points along
# $-\nabla C$, and each step is $N$ times cheaper. Higham and Higham use the learning rate
# $\eta = 0.05$ and $10^6$ steps. Each step is a forward pass, a backward pass through the
# equations of chapter 7 (the gradient they compute is checked against SymPy and finite
# differences) and an update:

# %% tags=["hide-input"]
nb.checked("backprop-vs-symbolic", "gradcheck-sigmoid-quadratic")

# %%
history = nm.sgd(net, X, Y, learning_rate=0.05, steps=10**6, seed=5000)
labels = np.argmax(Y, axis=1)  # 0 for category A, 1 for category B
correct = int(np.sum(net.predict(X) == labels))
print(f"correct: {correct}/{len(X)}   final cost: {history.final_cost:.3g}")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (every point right, and the fall of the cost stated below is more than a thousandfold)
assert correct == len(X) and history.cost[0] > 1000 * history.final_cost, correct

# %% tags=["hide-input"]
nb.Html(
    f"<p>All ten points are classified correctly, and the cost has fallen by a factor of "
    f"{history.cost[0] / history.final_cost:,.0f}, from {history.cost[0]:.3g} to "
    f"{history.final_cost:.3g}. The run recorded the cost at {len(history.steps)} step "
    "counts spaced about evenly on a logarithmic scale, so that each of the first few steps "
    "has its own record; on log–log axes the whole run fits in one picture.</p>"
)


# %% tags=["hide-input"]
# The caption below states this outcome; the build fails if it changes.
# (flat for the first 20 000 steps; a plateau between 3·10⁴ and 5·10⁴ steps; still falling
# between 5·10⁵ steps and the end)
def cost_at(run, step):
    return run.cost[np.searchsorted(run.steps, step)]


flat = cost_at(history, 20_000) > 0.95 * history.cost[0]
plateau = 0.8 < cost_at(history, 50_000) / cost_at(history, 30_000) < 1
assert flat and plateau and history.final_cost < 0.9 * cost_at(history, 500_000), history.cost

# %% tags=["hide-input"]
nb.figure(
    plotting.cost_history(history, label="SGD, η = 0.05"),
    alt=(
        "Line chart on logarithmic axes of the cost against SGD steps: a long flat stretch, "
        "then two drops separated by a short plateau."
    ),
    caption=(
        "The cost over all ten points against the number of SGD steps, both axes logarithmic. "
        "For tens of thousands of steps the cost hardly moves; then it falls in two stages, "
        "with a short plateau between them where the network has found part of the answer, and "
        "it keeps falling until the last step."
    ),
)

# %% [markdown]
# The paper shows its own run in section 6, as a picture only. Its MATLAB code records the
# cost as the sum over the ten points of $\|\mathbf{y}(\mathbf{x}_i) - F(\mathbf{x}_i)\|^2$,
# without the factor $\frac{1}{N}\cdot\frac12 = \frac1{20}$ of the cost $C$ defined in its
# equation (2.6) and used on this site, so its numbers are 20 times ours for the same network.
# Its text gives no cost values: the two "paper" figures below are our readings of its
# Figure 6.1, which plots that recorded cost on a logarithmic axis at every $10^4$-th step
# (steps 1, 10 001, …, 990 001, so "before training" is after one step and "after $10^6$"
# is at step 990 001). Read off a log axis, they are good to perhaps 10 or 20 per cent, so
# compare orders of magnitude, not digits. Side by side, converted to our units:

# %%
MATLAB_UNITS = 2 * len(X)  # the paper's recorded cost is 2N = 20 times C
# Read off Higham & Higham's Fig. 6.1 (log axis), not stated in the paper's text.
paper = {"before training": 5.3, "after 10⁶ steps": 7.3e-4}
ours = {"before training": history.cost[0], "after 10⁶ steps": history.final_cost}
rows = [
    [stage, f"{value:.2g}", f"{value / MATLAB_UNITS:.2g}", f"{ours[stage]:.3g}"]
    for stage, value in paper.items()
]

# %% tags=["hide-input"]
nb.table(rows, header=["cost", "paper, Fig. 6.1 (its units)", "paper ÷ 20", "this page"])

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (the same orders of magnitude as the paper: within a factor of 2 at both ends)
ratios = [ours[k] / (v / MATLAB_UNITS) for k, v in paper.items()]
assert all(0.5 < r < 2 for r in ratios), ratios

# %% tags=["hide-input"]
start_paper, end_paper = (paper[k] / MATLAB_UNITS for k in paper)
nb.Html(
    "<p>The two runs start from different random parameters and see the points in a different "
    f"order, yet both begin near a quarter ({start_paper:.2g} and {ours['before training']:.3g}) "
    f"and end within a factor of two of each other ({end_paper:.2g} and "
    f"{ours['after 10⁶ steps']:.3g}), which is as close as readings off the paper's figure "
    "allow us to compare.</p>"
)

# %% [markdown]
# The outputs themselves show what "classified correctly" means. The network predicts the
# category whose output is larger, and after training the outputs are close to the targets:

# %%
F = net(X)
predicted = net.predict(X)
rows = [
    [f"({x1:g}, {x2:g})", "AB"[k], f"({f1:.3f}, {f2:.3f})", "AB"[c]]
    for (x1, x2), k, (f1, f2), c in zip(X, labels, F, predicted, strict=True)
]

# %% tags=["hide-input"]
nb.table(rows, header=["point x", "category", "output F(x)", "predicted"])

# %% [markdown]
# The trained network is a function on the whole square, not only on the ten points. Shading
# every point of the square by the category it predicts shows the
# <dfn id="term-decision-boundary">boundary</dfn> it has learned:

# %% tags=["hide-input"]
nb.figure(
    plotting.decision_regions(net, X, Y),
    alt=(
        "The unit square shaded in two colours by the trained network, with ten points on top, "
        "circles and crosses, and a smooth curved boundary between the two groups."
    ),
    caption=(
        "The unit square shaded by the trained network's prediction (category A lighter blue, "
        "category B lighter vermillion) with the ten training points on top, A as circles and B "
        "as crosses. The boundary is a smooth curve that threads between the two groups."
    ),
)

# %% [markdown]
# That boundary took shape during training. To watch it form, the next cell trains the same
# starting network again and saves its 23 parameters at a handful of step counts. The slider
# picks one of those snapshots; the page then evaluates the network's output
# $F(\mathbf{x})$ (the forward pass, printed as JavaScript by SymPy from the derivation of
# chapter 7) on a grid over the square and shades each cell by the larger output. The replay
# trains in segments, each with its own seed, so it visits the points in a different order
# from the run above; its snapshots are of a run like that one, not of that run itself.

# %% tags=["hide-input"]
SNAPSHOT_STEPS = [0, 100, 1_000, 10_000, 30_000, 100_000, 300_000, 10**6]
replay = nm.Network([2, 2, 3, 2], seed=5000)
snapshots = [(0, replay.get_params())]
for k, (done, until) in enumerate(itertools.pairwise(SNAPSHOT_STEPS), start=1):
    nm.sgd(replay, X, Y, learning_rate=0.05, steps=until - done, seed=5000 + k, progress=False)
    snapshots.append((until, replay.get_params()))
assert np.array_equal(replay.predict(X), labels), "the replay does not end with every point right"
nm.widgets.land_boundary(X, labels, snapshots)

# %% tags=["hide-input"]
nb.Html(
    '<div class="admonition note"><p class="admonition-title">A note on '
    '<a href="../references.md#simple-maths"><em>Simple Mathematics behind Deep Learning</em></a>'
    "</p><p>The text that retells this example draws twenty points in its figure where Higham "
    "and Higham have ten, and reads the network as if it had one output; "
    '<a href="04-layers-networks.py">chapter 4</a> set both straight, and this chapter follows '
    "Higham and Higham. The text's twenty points are not given as numbers, so the next section "
    "uses a fixed "
    "twenty-point set that ships with <code>nnmath</code>.</p></div>"
)

# %% [markdown]
# ## Twenty points and a curved boundary
#
# `nm.datasets.land20()` holds twenty points, ten fertile and ten infertile, separated by a
# known parabola, `nm.datasets.land20_boundary`. We train a network from the same start with
# the same settings.

# %%
X20, Y20 = nm.datasets.land20()
net20 = nm.Network([2, 2, 3, 2], seed=5000)
history20 = nm.sgd(net20, X20, Y20, learning_rate=0.05, steps=10**6, seed=5000)
labels20 = np.argmax(Y20, axis=1)
wrong = np.flatnonzero(net20.predict(X20) != labels20)
correct20 = len(X20) - len(wrong)
print(f"correct: {correct20}/20   final cost: {history20.final_cost:.3g}")
for i in wrong:
    print("misclassified:", X20[i], "category", "AB"[labels20[i]])
    print("output F(x):  ", net20(X20[i])[0].round(3))

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (one fertile point wrong, near the top of the parabola, whose peak is at x1 = 0.45)
near_top = abs(X20[wrong[0], 0] - 0.45) < 0.1
assert len(wrong) == 1 and labels20[wrong[0]] == 0 and near_top, wrong

# %% tags=["hide-input"]
nb.figure(
    plotting.decision_regions(net20, X20, Y20, boundary=nm.datasets.land20_boundary),
    alt=(
        "Twenty points, circles and crosses, with a dashed parabola as the true boundary and "
        "the network's almost straight boundary between two shaded regions; one point is on the "
        "wrong side."
    ),
    caption=(
        "The twenty-point set with the true boundary (dashed parabola) and the regions of the "
        "network trained from the same start as before. The learned boundary is almost a "
        "straight line, which puts every point but one on the correct side."
    ),
)

# %% [markdown]
# This time the paper's budget of $10^6$ steps does not get every point right. The network
# ends it with an almost straight boundary, and the fertile point near the top of the
# parabola, printed above, is on the wrong side. Set beside the ten-point run, the cost
# history looks like a dead end:

# %% tags=["hide-input"]
# The caption below states this outcome; the build fails if it changes.
# (the twenty-point cost is lower at 10⁴ steps, then changes by under 10 % over the last
# 5·10⁵ steps and ends more than a hundred times above the ten-point run)
earlier = cost_at(history20, 10_000) < cost_at(history, 10_000)
levels_off = history20.final_cost > 0.9 * cost_at(history20, 500_000)
assert earlier and levels_off and history20.final_cost > 100 * history.final_cost, history20.cost

# %% tags=["hide-input"]
nb.figure(
    plotting.cost_history({"ten points": history, "twenty points": history20}),
    alt=(
        "Two cost curves on logarithmic axes: the twenty-point run falls earlier but levels off "
        "on a plateau above the ten-point run."
    ),
    caption=(
        "The cost histories of the two runs. On the twenty points the cost drops earlier but "
        "then levels off on a plateau well above the ten-point run, and it is still on that "
        "plateau when the budget of $10^6$ steps runs out. Whether the plateau ends is not "
        "something this picture can tell; the next cell trains on to find out."
    ),
)

# %% [markdown]
# A flat cost says only that these steps made no progress, not that more steps would make
# none. So we carry on from where the run stopped, with the same learning rate, and check
# after every 5000 further steps whether all twenty points are right. Further steps visit the
# points in a new random order, and the order matters, so we try four orders (four seeds),
# each from the same stopping point; the first is then trained on to $5\cdot 10^5$ further
# steps in all.


# %%
CHUNK = 5_000


def continue_until_right(order, limit=100_000):
    """Train a copy of net20 on; return it and the further steps until all 20 are right."""
    copy = nm.Network([2, 2, 3, 2])
    copy.set_params(net20.get_params())
    done = 0
    while not np.array_equal(copy.predict(X20), labels20) and done < limit:
        seed = 10_000 * (order + 1) + done // CHUNK
        nm.sgd(copy, X20, Y20, learning_rate=0.05, steps=CHUNK, seed=seed, progress=False)
        done += CHUNK
    return copy, done


continued = [continue_until_right(order) for order in range(4)]
further = [done for _, done in continued]
print("further steps until all 20 points are right, per order:", further)
longer, LIMIT = continued[0][0], 500_000
rest = nm.sgd(longer, X20, Y20, learning_rate=0.05, steps=LIMIT - further[0], seed=6000)
right = int(np.sum(longer.predict(X20) == labels20))
print(f"order 0 after {LIMIT:,} further steps: cost {rest.final_cost:.3g}, {right}/20 correct")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (every order ends the plateau within a tenth of the original budget; the cost then falls
# more than a hundredfold, to within a factor of 2 of the ten-point run's final cost, with
# every point still right)
assert max(further) < 10**5 and right == len(X20), (further, right)
assert rest.final_cost < history20.final_cost / 100, rest.final_cost
assert 0.5 < rest.final_cost / history.final_cost < 2, rest.final_cost
nb.Html(
    f"<p>The plateau ends just past the budget: the four orders put every point on the "
    f"correct side after {min(further):,} to {max(further):,} further steps (checked every "
    f"{CHUNK:,}), less than a tenth of the million already taken, and after {LIMIT:,} "
    f"further steps the first continuation's cost is {rest.final_cost:.2g}, down from "
    f"{history20.final_cost:.2g} and close to the {history.final_cost:.2g} at the end of the "
    "ten-point run. What the twenty points met was not a poor minimum but a longer plateau: "
    "the same matter of patience as the ten-point runs below.</p>"
)

# %% [markdown]
# Gradient descent only ever looks downhill from where it stands, so where it ends up, and
# how long it takes to get there, depends on where it starts. The section after next measures
# how often a random start succeeds within the budget.
#
# ## Full-batch gradient descent for comparison
#
# Instead of one random point per step, full-batch gradient descent uses the exact gradient of
# the cost, the average over all ten points, at every step. To compare the two fairly we must
# decide what to hold equal. Holding the *number of steps* equal would give full batch ten
# times the work, since each of its steps evaluates ten per-point gradients. We hold the
# *work* equal instead: $10^5$ full-batch steps evaluate as many per-point gradients as the
# $10^6$ SGD steps above. Same start, same learning rate.

# %%
net_gd = nm.Network([2, 2, 3, 2], seed=5000)
history_gd = nm.gradient_descent(net_gd, X, Y, learning_rate=0.05, steps=10**5)
correct_gd = int(np.sum(net_gd.predict(X) == labels))
print(f"full batch: {correct_gd}/10 correct, cost {history_gd.final_cost:.3g}")
print(f"SGD:        {correct}/10 correct, cost {history.final_cost:.3g}")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
assert history_gd.final_cost > 10 * history.final_cost, (history_gd.final_cost, history.final_cost)

# %% [markdown]
# To draw the two runs on a common axis we count per-point gradients rather than steps: an
# SGD step is one, a full-batch step is ten.

# %% tags=["hide-input"]
per_point = {
    "SGD (1 point per step)": nm.History(history.steps, history.cost, history.seconds),
    "full batch (10 points per step)": nm.History(
        history_gd.steps * len(X), history_gd.cost, history_gd.seconds
    ),
}
fig = plotting.cost_history(per_point)
fig.axes[0].set_xlabel("per-point gradients evaluated")
nb.figure(
    fig,
    alt=(
        "Two cost curves against work, for SGD and for full-batch gradient descent, of the same "
        "shape; the full-batch curve lies to the right of the SGD curve."
    ),
    caption=(
        "Cost against work for SGD and full-batch gradient descent from the same start with the "
        "same learning rate. The two curves have the same shape, a long plateau and then two "
        "drops, but the full-batch curve is shifted to the right: it needs about ten times the "
        "work for the same progress, and at the end of the budget its cost is far higher."
    ),
)

# %% [markdown]
# What about the other comparison, per update? The SGD history was recorded at log-spaced step
# counts; the one nearest to $10^5$ steps is close enough to set beside the full-batch run:

# %%
i = np.argmin(np.abs(history.steps - 10**5))
print(f"SGD, {history.steps[i]} steps:        cost {history.cost[i]:.3g}")
print(f"full batch, {history_gd.steps[-1]} steps: cost {history_gd.final_cost:.3g}")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# ("about as much progress": the two costs within a factor of 2 of each other)
assert 0.5 < history.cost[i] / history_gd.final_cost < 2, (history.cost[i], history_gd.final_cost)

# %% [markdown]
# On this problem an SGD step, though it looks at a single point, makes about as much progress
# as a full-batch step that looks at all ten. Per unit of work SGD is therefore about ten times
# cheaper, and the advantage grows with the size of the data set. The noise is not all bad
# either: it can shake the parameters off a plateau. A full-batch step could also afford a
# larger learning rate, since its direction is exact; we keep both at 0.05 so that the runs
# differ in one thing only.
#
# ## How often does training succeed?
#
# One run shows little: the start was one draw of the 23 parameters. `sgd_many`, from
# `nnmath.training.many_seeds`, trains many independently seeded networks side by side (run `r`
# is exactly `nm.sgd(nm.Network([2, 2, 3, 2], seed=r), X, Y, ..., seed=r)`). We give 20 random
# starts the paper's budget of $10^6$ steps, and, to see what a smaller budget does, the same 20
# starts a tenth of it.

# %%
starts = range(20)
settings = dict(seeds=starts, learning_rate=0.05)
short = sgd_many([2, 2, 3, 2], X, Y, steps=10**5, **settings)
full = sgd_many([2, 2, 3, 2], X, Y, steps=10**6, **settings)
for name, runs in (("10⁵ steps", short), ("10⁶ steps", full)):
    counts = np.bincount(runs.correct, minlength=len(X) + 1)
    by_correct = {k: int(c) for k, c in enumerate(counts) if c}
    print(f"{name}: runs by number of points correct {by_correct}")
successes, n_runs = int(np.sum(full.correct == len(X))), len(starts)
print(f"at 10⁶ steps, {successes} of {n_runs} runs classify all {len(X)} points correctly")


# %% tags=["hide-input"]
low, high = nm.evaluation.clopper_pearson(successes, n_runs)
ok_short = short.correct == len(X)
nb.Html(
    f"<p>At the paper's budget <strong>{successes} of {n_runs}</strong> random starts end with "
    f"every point classified correctly. Twenty starts cannot pin a rate down exactly: the exact "
    f"(Clopper–Pearson) 95&nbsp;% confidence interval for the success rate of this setup is "
    f"{low:.0%} to {high:.0%}. With a tenth of the budget only {int(ok_short.sum())} of the "
    f"same {n_runs} starts had got every point right. The others were not stuck for good: "
    f"given ten times as many steps, they all got there.</p>"
)

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
# (every start succeeds at 10⁶ steps; some that fail at 10⁵ steps succeed later)
assert successes == n_runs and 0 < ok_short.sum() < n_runs, (successes, ok_short.sum())
assert np.all(full.correct[~ok_short] == len(X)), full.correct

# %% tags=["hide-input"]
fig = Figure(figsize=(6.4, 4.0))
ax = fig.subplots()
for r in range(n_runs):
    style = dict(color="#0072B2", lw=1.0) if ok_short[r] else dict(color="#D55E00", lw=1.4)
    ax.loglog(full.steps[1:], full.cost[r, 1:], alpha=0.8, **style)
ax.axvline(10**5, color="#4D4D4D", ls="--", lw=1.0)
ax.plot([], [], color="#0072B2", label="all points correct at 10⁵ steps")
ax.plot([], [], color="#D55E00", label="not yet at 10⁵ steps")
ax.set_xlabel("SGD steps")
ax.set_ylabel("cost C")
ax.set_title(f"{n_runs} random starts, η = 0.05")
ax.legend(loc="lower left")
nb.figure(
    fig,
    alt=(
        "Twenty cost curves on logarithmic axes against SGD steps, with a dashed vertical line "
        "at ten to the fifth steps; a few vermillion curves stay longer on the early plateau "
        "before falling with the others."
    ),
    caption=(
        "The cost of each of the 20 runs against the number of SGD steps, both axes "
        "logarithmic; the dashed line marks $10^5$ steps. The runs drawn in vermillion had at "
        "least one point on the wrong side at $10^5$ steps: they sit longer on the early "
        "plateau, but by $10^6$ steps they have come down with the others."
    ),
)

# %% [markdown]
# So with Higham and Higham's settings a random start usually succeeds if it is given enough
# steps, and the plateau is a matter of patience more than of luck; how much patience a start
# needs varies a great deal. Twenty successes in twenty starts do not rule out occasional failures
# (the interval above says how rare they must be), and a plateau can outlast a fixed budget, as on
# the twenty points above; from inside the budget, a long plateau and a poor minimum look alike,
# and only training on tells them apart. Gradient descent can also end in a poor local minimum;
# these runs give no example of one. In practice one trains several times from different starts,
# trains longer, or makes the network a little wider; and much of modern practice (better
# initialisations, other activations, adaptive step sizes) exists to make the outcome depend less
# on the start.
#
# How `nnmath` makes a million steps of this small network take seconds (code generated for
# the architecture, checked against the general backpropagation) is described on the
# [performance page](../performance.py#straight-line-code-for-a-small-network).
#
# ## Summary
#
# - Stochastic gradient descent, one random point per step, trains Higham and Higham's 2-2-3-2
#   network on their ten points; the cost falls over a million steps.
# - On the twenty-point set the boundary curves, and the last misclassified point sat on a
#   plateau that more steps end, not in a local minimum.
# - For the same work, full-batch gradient descent ends at a far higher cost: per step it makes
#   about the progress of one SGD step, at ten times the price.
# - How often a random start succeeds, counted over the runs above:

# %% tags=["hide-input"]
nb.Html(
    f"<p>With the paper's budget of a million steps, {successes} of {n_runs} random starts "
    f"classify all {len(X)} points correctly; the exact 95&nbsp;% interval for the success rate "
    f"runs from {low:.0%} to {high:.0%}. Starts not yet right at a tenth of the budget sit "
    "longer on a plateau; they are slow, not stuck.</p>"
)

# %% [markdown]
# ## What's next
#
# The 2-2-3-2 network is small enough to follow every number, but its code hides in a
# library. In [a network from scratch, then real data](10-network-from-scratch.py) we write a
# network in a few lines of plain NumPy, check it against `nnmath`, and then train a softmax
# classifier on real handwritten digits.

# %% [markdown]
# ## Exercises

# %% tags=["hide-input"]
nm.exercises.exercises_html(9)

# %%
from IPython.display import display

display(nm.exercises.check("quadratic-cost-gradient", "2(a1 - y1)"))
display(nm.exercises.check("gradient-step", "[0, -7/4]"))
display(nm.exercises.check("sgd-visits", "10^6/20"))
display(nm.exercises.check("precision", "40/45"))
nm.exercises.check("f1-score", "(8/9 + 4/5)/2")


# %% [markdown]
# ## Further reading
#
# Full citations are on the [references page](../references.md).
#
# - [Higham and Higham (2019)](../references.md#higham2019), section 6 (Listing 6.1, Figures 6.1
#   and 6.2): the MATLAB code and the run this chapter reproduces; section 2 sets up the problem.
# - [Nielsen (2015)](../references.md#nielsen2015), chapter 1, "Implementing our network to
#   classify digits": the same training loop with mini-batches, on a larger problem.
# - [*Dive into Deep Learning*](../references.md#zhang2023), sections "Stochastic Gradient
#   Descent" and "Minibatch Stochastic Gradient Descent": the noise of SGD and why it pays per
#   unit of work.
# - [Clopper and Pearson (1934)](../references.md#clopper1934): the exact confidence interval used
#   for the success rate.
# - [3Blue1Brown](../references.md#sanderson2017), lesson 3, "What is backpropagation really
#   doing?": stochastic gradient descent on small batches of examples, pictured as a quick,
#   slightly erratic walk downhill in place of a careful one.
# - [Parr and Howard (2018)](../references.md#parr2018), section "The gradient of the neural
#   network loss function": the gradient of a cost averaged over all the inputs, for one neuron,
#   and the descent step built from it; this chapter takes that average one point at a time.
