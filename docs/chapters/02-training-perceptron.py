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
# # Training the perceptron
#
# <div class="nnmath-goals">
#
# **After this chapter** you can train a perceptron with its learning rule, tell from a run
# whether a line separates the data, and say why the rule is not gradient descent.
#
# </div>
#
# In [the previous chapter](01-vectors-perceptron.py) we placed the perceptron's line by hand,
# because we knew where the two classes were. A learning machine has to find $\mathbf{w}$ and
# $b$ (the [notation page](../notation.md) lists every symbol) from labelled examples alone.
# Rosenblatt's learning rule does it with a strikingly simple recipe: look at one example at a time,
# and whenever the
# <dfn id="term-perceptron">perceptron</dfn>
# gets it wrong, nudge the weights towards the right answer. This
# chapter runs that rule, watches it succeed on data that a line can separate, and watches it fail,
# forever, on data that no line can.

# %%
import numpy as np

import nnmath as nm

# %% tags=["hide-input"]
# isort: split
import inspect

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from nnmath import notebook as nb
from nnmath import plotting

plotting.setup_notebook()

# %% [markdown]
# ## The learning rule
#
# Fold the bias into the weights, as in form 1 of the previous chapter: every input gets a
# constant first component $x_0 = 1$, and $w_0$ plays the part of $b$. We write the
# *augmented* input and weights with a tilde, $\tilde{\mathbf{x}} = (1, \mathbf{x})$ and
# $\tilde{\mathbf{w}} = (b, \mathbf{w})$, so that
# $\tilde{\mathbf{w}}\cdot\tilde{\mathbf{x}} = \mathbf{w}\cdot\mathbf{x} + b$. The
# perceptron's answer for an input $\mathbf{x}$ with label $y \in \{0, 1\}$ is then
#
#
# <div data-definition="perceptron with the bias folded in">
#
# $$
# \hat y = \operatorname{step}(\tilde{\mathbf{w}}\cdot\tilde{\mathbf{x}}).
# $$
#
# </div>
#
#
# There are three cases.
#
# - **Right answer** ($\hat y = y$): leave $\tilde{\mathbf{w}}$ alone.
# - **A missed positive** ($y = 1$ but $\hat y = 0$, so
#   $\tilde{\mathbf{w}}\cdot\tilde{\mathbf{x}} < 0$): the weight vector points too far away
#   from $\tilde{\mathbf{x}}$. Add $\tilde{\mathbf{x}}$ to it, scaled by a *learning rate*
#   $\eta > 0$. This turns $\tilde{\mathbf{w}}$ towards $\tilde{\mathbf{x}}$ and raises the dot
#   product with $\tilde{\mathbf{x}}$ by $\eta\,\|\tilde{\mathbf{x}}\|^2$.
# - **A wrongly accepted negative** ($y = 0$ but $\hat y = 1$): subtract
#   $\eta\,\tilde{\mathbf{x}}$, which turns $\tilde{\mathbf{w}}$ away from
#   $\tilde{\mathbf{x}}$ and lowers the dot product by the same amount.
#
# Since $y - \hat y$ is $0$, $+1$ or $-1$ in exactly these three cases, the whole rule fits in
# one line:
#
#
# <div data-definition="perceptron learning rule">
#
# $$
# \tilde{\mathbf{w}} \leftarrow \tilde{\mathbf{w}} + \eta\,(y - \hat y)\,\tilde{\mathbf{x}}.
# $$
#
# </div>
#
#
# One pass over all the examples is an
# *<dfn id="term-epoch">epoch</dfn>*. Training repeats epochs until one of them
# makes no mistake, or until we give up. Here is the heart of `nm.train_perceptron`, read
# from the module that runs on this page (the full function, with its argument checks, is in
# the [API reference](../reference/perceptron-data.md)):

# %% tags=["hide-input"]
# Two excerpts of train_perceptron, read from the module that ran.
lines, first = inspect.getsourcelines(nm.train_perceptron)
aug = next(k for k, line in enumerate(lines) if "Augment each x" in line)
loop = next(k for k, line in enumerate(lines) if line.lstrip().startswith("mistakes:"))
stop = next(k for k, line in enumerate(lines) if line.strip() == "break")
excerpt = "".join(lines[aug : aug + 2]) + "    ...\n" + "".join(lines[loop : stop + 1])
code = highlight(
    inspect.cleandoc(excerpt), PythonLexer(), HtmlFormatter(cssclass="highlight", wrapcode=True)
)
nb.Html(
    '<div class="nnmath-source"><p class="nnmath-source-title">nnmath/perceptron.py, lines '
    f"{first + aug}–{first + aug + 1} and {first + loop}–{first + stop} "
    f"(inside train_perceptron)</p>{code}</div>"
)

# %% [markdown]
# Two details: `Xb` holds the inputs with the column of ones in front, so `w[0]` is the bias;
# and the weights start at zero unless you pass `initial` (the lines left out above handle that
# and set up the random order used with `shuffle=True`). The function returns the final
# weights and bias, the number of mistakes in every epoch, and the weights after every epoch
# (`path`), which we use below to draw the line moving.
#
# ## Training on separable data
#
# We use the data set of the previous chapter: points in the square $[-1, 1]^2$, labelled 1 on
# one side of a line and 0 on the other. This time the perceptron does not know the line.

# %%
X, y = nm.datasets.linearly_separable()
result = nm.train_perceptron(X, y, learning_rate=1.0, max_epochs=100)

print("mistakes per epoch:", result.mistakes)
print("converged:", result.converged, " epochs:", result.epochs)
print("updates:", result.updates)
print("learned w =", result.weights, " b =", result.bias)

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (most mistakes in the first epoch, then a clean epoch, and every example right)
first_worst = result.mistakes[0] == max(result.mistakes)
all_right = np.all(result.predict(X) == y)
assert result.converged and first_worst and all_right, result.mistakes

# %% [markdown]
# The first epoch is the clumsy one: the perceptron starts from $\mathbf{w} = \mathbf{0}$,
# knowing nothing, and trips over many examples. After it the counts are small, though they
# need not fall from one epoch to the next (each update can undo the work of an earlier one),
# until an epoch goes by without any mistake, and training stops. The final line classifies every
# example correctly:

# %%
print("training accuracy:", np.mean(result.predict(X) == y))

# %% tags=["hide-input"]
nb.figure(
    plotting.perceptron_line(X, y, result.weights, result.bias, path=result.path),
    alt=(
        "The same two classes of points with one line per training epoch, from faint to black; "
        "the final black line separates the classes and the plane is shaded by the final "
        "decision."
    ),
    caption=(
        "The line $\\mathbf{w}\\cdot\\mathbf{x} + b = 0$ after each epoch of training, the "
        "earliest faintest, the final one in black with its weight vector $\\mathbf{w}$; the "
        "shading shows the final decision, which puts every point on its class's side."
    ),
)

# %% [markdown]
# The figure below runs the same training one update at a time, in your browser. Press
# *Next update* (or focus the slider and use the arrow keys, Home and End) to apply the rule to
# the next misclassified point: the square marks that point, the dashed line is where the line
# was before the update, and the text under the figure says which point it was, what the rule
# made of $\mathbf{w}$ and $b$, and how many mistakes have been made so far. The prediction
# and the update the page evaluates are $\operatorname{step}(\mathbf{w}\cdot\mathbf{x} + b)$
# and $\mathbf{w} + \eta\,(y - \hat y)\,\mathbf{x}$ as SymPy writes them, printed as
# JavaScript when the site is built; the page visits the points in the order
# `nm.train_perceptron` does and checks that it makes the same mistakes in every epoch.

# %% tags=["hide-input"]
nm.widgets.perceptron_steps(X, y, learning_rate=1.0)

# %% [markdown]
# The learned line is not the line the data were generated from, and it need not be: the rule
# stops at the *first* line that separates the examples, not at the best one. Any line that
# threads between the two clouds is an equally valid answer as far as the perceptron is
# concerned. Choosing a line with a wide margin on both sides is the job of later methods
# (support vector machines, for instance).
#
# ### The learning rate does not matter here
#
# Starting from $\mathbf{w} = \mathbf{0}$, every update adds a multiple of $\eta$ to the weights,
# so the weights after any number of steps are $\eta$ times what they would be with
# $\eta = 1$. The step function only looks at the sign of
# $\tilde{\mathbf{w}}\cdot\tilde{\mathbf{x}}$, which a
# positive factor does not change, so every decision, every mistake and the final line are the
# same for every $\eta$. Running it confirms this:

# %%
w_eta_1 = np.append(result.weights, result.bias)  # from the run above
for eta in (0.01, 1.0, 100.0):
    run = nm.train_perceptron(X, y, learning_rate=eta)
    scaled = np.allclose(np.append(run.weights, run.bias), eta * w_eta_1)
    print(f"eta = {eta:<6} mistakes {run.mistakes}  eta * w_eta_1: {scaled}")

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
assert all(
    r.mistakes == result.mistakes and np.allclose(np.append(r.weights, r.bias), eta * w_eta_1)
    for eta in (0.01, 1.0, 100.0)
    for r in [nm.train_perceptron(X, y, learning_rate=eta)]
), "the learning rate changed the run"

# %% [markdown]
# (The learning rate starts to matter once the initial weights are not zero, and it matters
# very much for the gradient methods of the later chapters.)
#
# ## Why this is not gradient descent
#
# From the XOR example of [chapter 4](04-layers-networks.py#what-the-sigmoid-buys-xor) on,
# networks learn by *gradient descent*: they measure their error with a differentiable cost and
# step against its gradient ([chapter 5](05-cost-gradient-descent.py) defines both and says
# why). It is natural
# to ask whether the perceptron rule is the same thing. It is not, and the reason is the step
# function. Its derivative is zero everywhere except at $0$, where it does not exist. So any
# error built from $\operatorname{step}(\tilde{\mathbf{w}}\cdot\tilde{\mathbf{x}})$, such as
# the number of misclassified examples, is flat almost everywhere as a function of
# $\tilde{\mathbf{w}}$: it jumps
# when the line crosses a data point and is constant in between.
#
# We can see it numerically. Take the weights after the first epoch, whose line still
# misclassifies part of the data, and nudge each weight up and down by a tiny amount:

# %%
X_aug = np.column_stack([np.ones(len(X)), X])  # x_0 = 1 for the bias


def n_mistakes(w_aug):
    return int(np.sum(nm.step(X_aug @ w_aug) != y))


w_epoch1 = result.path[1]  # (b, w1, w2) after the first epoch
h = 1e-6


def slope(e):  # central difference along the direction e
    return (n_mistakes(w_epoch1 + h * e) - n_mistakes(w_epoch1 - h * e)) / (2 * h)


slopes = [slope(e) for e in np.eye(3)]
print("mistakes at these weights:", n_mistakes(w_epoch1))
print("finite-difference slope in w0, w1, w2:", slopes)

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
assert n_mistakes(w_epoch1) > 0 and slopes == [0.0, 0.0, 0.0], (n_mistakes(w_epoch1), slopes)

# %% [markdown]
# The error is not zero, yet its slope in every direction is zero: a gradient would give
# no hint about which way to move. The perceptron rule does not use a gradient at all; it
# uses the misclassified example itself as the direction of the update.
#
# This is the reason the next chapters replace the step by a smooth function, the sigmoid,
# whose derivative is positive everywhere, so that every weight gets a direction to move in.
# Positive is not the same as large: far from its midpoint the sigmoid *saturates* and its
# derivative becomes tiny, a weakness [chapter 3](03-sigmoid-neuron.py) returns to.

# %% tags=["hide-input"]
nb.Html(
    '<div class="admonition note"><p class="admonition-title">A different reading</p>'
    "<p>The rule <em>can</em> be read as stochastic gradient descent on another, piecewise "
    "linear loss, the so-called perceptron criterion, which charges each misclassified example "
    "by how far it lies on the wrong side of the line. That loss is not the error of the step "
    "output, and its gradient is what the rule uses. The point stands: the step function "
    "itself gives no useful derivative.</p></div>"
)

# %% [markdown]
# ## When no line exists: XOR
#
# The
# *<dfn id="term-xor">exclusive or</dfn>*
# of two bits is 1 when exactly one of them is 1. As a data set it is the
# four corners of the unit square:

# %%
X_xor, y_xor = nm.datasets.xor()
for point, label in zip(X_xor, y_xor, strict=True):
    print(point, "->", label)

# %% [markdown]
# No line separates the two 1s from the two 0s. Suppose one did, with weights $w_1, w_2$ and
# bias $b$, and with the 1s on the side where $w_1 x_1 + w_2 x_2 + b \ge 0$. The corners
# $(0,1)$ and $(1,0)$ give $w_2 + b \ge 0$ and $w_1 + b \ge 0$; adding them,
# $w_1 + w_2 + 2b \ge 0$. The corners $(0,0)$ and $(1,1)$ give $b < 0$ and $w_1 + w_2 + b < 0$;
# adding these, $w_1 + w_2 + 2b < 0$. Both cannot hold. (Putting the 1s on the negative side
# instead leads to the same contradiction with the inequalities reversed.)
#
# So the perceptron cannot succeed. Let us watch it try for a hundred epochs:

# %%
xor_run = nm.train_perceptron(X_xor, y_xor, max_epochs=100)
print("mistakes in the first ten epochs:", xor_run.mistakes[:10])
print("fewest mistakes in any epoch:", min(xor_run.mistakes))
print("converged:", xor_run.converged, "after", xor_run.epochs, "epochs")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
assert min(xor_run.mistakes) > 0 and not xor_run.converged, xor_run.mistakes

# %% [markdown]
# It never has a clean epoch. In fact we can prove from the run that it never will. The rule is
# deterministic: if the weights at the start of an epoch are the same as at the start of an
# earlier one, the perceptron replays that epoch exactly, mistakes included, and so on forever.
# Let us look for a repeat in the weights after each epoch:

# %%
path = np.array(xor_run.path)  # rows (b, w1, w2): start, then each epoch
# the first epoch k that ends with the weights it started with
k = next(k for k in range(1, len(path)) if np.all(path[k] == path[k - 1]))
print(f"weights after epoch {k - 1}:", path[k - 1])
print(f"weights after epoch {k}:", path[k])
print(f"mistakes in epoch {k}:", xor_run.mistakes[k - 1])

# %% [markdown]
# From then on every epoch starts and ends at the same weights and makes the same mistakes, so
# the rule cycles for ever. Inside such an epoch every update repairs the point that was just
# misclassified, and most updates put points that were right on the wrong side. We can replay
# one epoch with the rule written out by hand, count for each update the points it repairs and
# the points it breaks, and draw the line after each update:

# %%
X_xor_aug = np.column_stack([np.ones(4), X_xor])
w = path[k].copy()  # (b, w1, w2) at the start of the cycle
states, broken, repairs = [], [], []
for x, target in zip(X_xor_aug, y_xor, strict=True):
    wrong_before = (X_xor_aug @ w >= 0) != y_xor
    predicted = 1 if w @ x >= 0 else 0
    w = w + (target - predicted) * x  # learning rate 1
    wrong_after = (X_xor_aug @ w >= 0) != y_xor
    states.append(w)
    broken.append(int(np.sum(wrong_after & ~wrong_before)))
    repaired = int(np.sum(wrong_before & ~wrong_after))
    repairs.append(repaired)
    print(f"update on {x[1:]}: repairs {repaired} point(s), breaks {broken[-1]}")
print("back to the start:", np.array_equal(states[-1], path[k]))

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (all four points are misclassified when seen, and the epoch ends where it began)
assert np.array_equal(states[-1], path[k]) and xor_run.mistakes[k - 1] == 4, states
# (each update repairs one point; most break some, one breaks two and one breaks none)
breaking = sum(b > 0 for b in broken)
assert repairs == [1] * 4 and breaking > 2 and broken[1] == 2 and broken[2] == 0, broken

# %% [markdown]
# The second update breaks two points at once, the third breaks none; over the whole epoch the
# repairs and the breakages cancel, and the four points are wrong again when they come round.

# %% tags=["hide-input"]
fig = Figure(figsize=(9.0, 7.2), layout="constrained")
panels = zip(fig.subplots(2, 2).flat, states, X_xor, y_xor, strict=True)
for ax, state, seen, label in panels:
    plotting.perceptron_line(X_xor, y_xor, state[1:], state[0], ax=ax)
    wrong = int(np.sum((X_xor_aug @ state >= 0) != y_xor))
    ax.set_title(
        f"after seeing ({seen[0]:g}, {seen[1]:g}) with y = {label}\n"
        f"b = {state[0]:g}, w = ({state[1]:g}, {state[2]:g}): {wrong} of 4 wrong",
        fontsize=10,
    )
    ax.get_legend().remove()
nb.figure(
    fig,
    alt=(
        "Four panels, one per update during an epoch on the four XOR points, each with the "
        "perceptron's line and its shaded half-planes; in every panel some point lies on the "
        "wrong side."
    ),
    caption=(
        "The four updates of one epoch on XOR (class 0 as circles, class 1 as crosses; the "
        "shaded half-planes show the perceptron's answer). Each update moves the line to fix "
        "the point just seen, and other points may end up on the wrong side (the counts printed "
        "above); after the fourth update the weights are back where the epoch began."
    ),
)

# %% [markdown]
# The mistakes per epoch tell the two stories side by side:

# %% tags=["hide-input"]
fig = Figure(figsize=(9.0, 3.4), layout="constrained")
left, right = fig.subplots(1, 2)
runs = [(left, result, "separable data: converged"), (right, xor_run, "XOR: never converges")]
for ax, run, title in runs:
    shown = run.mistakes[:20]
    plotting.learning_curve(np.arange(1, len(shown) + 1), shown, ax=ax, ylabel="mistakes")
    ax.get_legend().remove()
    ax.set_ylim(-0.5, max(shown) + 0.5)
    ax.set_xlabel("epoch")
    ax.set_title(title)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def counts_in_words(counts):
    """'3, 3, then 4 in every later epoch': the counts, their constant tail said once."""
    counts = [int(c) for c in counts]
    start = len(counts) - 1
    while start > 0 and counts[start - 1] == counts[-1]:
        start -= 1
    if start == 0:
        return f"{counts[-1]} in every epoch"
    tail = "" if start == len(counts) - 1 else " in every later epoch"
    return f"{', '.join(map(str, counts[:start]))}, then {counts[-1]}{tail}"


nb.figure(
    fig,
    alt=(
        "Two line charts of misclassified examples per epoch. Left, the separable data: "
        f"{counts_in_words(result.mistakes)}, where training stops. Right, XOR: "
        f"{counts_in_words(xor_run.mistakes)} of the {xor_run.epochs} epochs run; never zero."
    ),
    caption=(
        "Misclassified examples in each epoch. Left, the linearly separable data set: the count "
        "falls to zero and training stops. Right, XOR (first twenty of the hundred epochs run): "
        "the count never reaches zero."
    ),
)

# %% [markdown]
# The limitation is the one the previous chapter predicted: a single perceptron draws a single line.
# [Minsky and Papert's 1969 book](../references.md#minsky1969) made XOR the standard example of it.
# The way out, which the next chapters build, is to stack neurons in layers, and to make them smooth
# so that the layers can be trained together.
#
# ## How many updates? The convergence bound
#
# *This section is optional depth.*
#
# On separable data the rule always stops, and there is a classical bound on how long it can take
# ([Novikoff, 1962](../references.md#novikoff1962)). Work with the augmented inputs
# $\tilde{\mathbf{x}} = (1, \mathbf{x})$ and let
#
# - $R$ be the largest length of an augmented input, and
# - $\gamma$ be the *margin* of some separating hyperplane through the origin of the augmented
#   space with unit normal $\mathbf{u}$: the smallest distance of an example from it,
#   measured positively on the example's own side.
#
# Then the perceptron, started from zero weights, makes at most $(R/\gamma)^2$ updates, for any
# learning rate. Widely separated classes (large $\gamma$) are learned quickly; a hairline gap
# may take many updates. `nm.margin_bound` computes $R$, $\gamma$ and the bound for any
# separating weights. The data set generator takes the minimum distance of its points from
# their line as a parameter, so we can compare the bound with the updates actually made as the
# gap widens. For $\mathbf{u}$ we use the generating line, $\mathbf{w} = (1, 2)$ and
# $b = -1$, made a unit vector of the augmented space, bias first:
# $\mathbf{u} = (b, \mathbf{w})/\|(b, \mathbf{w})\| = (-1, 1, 2)/\sqrt6$ (the code below
# computes it). First the argument, step by step; it writes $\mathbf{w}_k$ for the augmented
# weights $\tilde{\mathbf{w}}$ after $k$ updates. Its two inequalities need induction on the
# updates, which SymPy does not do, so the induction is cited and SymPy proves its step:

# %% tags=["hide-input"]
nb.derivation("perceptron-convergence")

# %%
w_line, b_line = np.array([1.0, 2.0]), -1.0  # the generating line
u = np.append(b_line, w_line) / np.linalg.norm(np.append(b_line, w_line))  # bias first
print("u =", u, " sqrt(6) * u =", np.sqrt(6) * u)

rows, radii = [], []
for gap in (0.05, 0.1, 0.2, 0.3):
    X_g, y_g = nm.datasets.linearly_separable(40, margin=gap)
    updates = nm.train_perceptron(X_g, y_g).updates
    bound = nm.margin_bound(X_g, y_g, w=w_line, b=b_line)
    # distance of the nearest point from the line x1 + 2 x2 = 1
    nearest = np.min(np.abs(X_g @ [1.0, 2.0] - 1.0)) / np.sqrt(5.0)
    gamma, n_max = bound["gamma"], bound["bound"]
    rows.append((f"{nearest:.3f}", f"{gamma:.3f}", f"{n_max:.0f}", updates))
    radii.append(bound["R"])

print("R for the four data sets:", np.round(radii, 3))

# %% tags=["hide-input"]
nb.table(rows, ["nearest", "γ", "(R/γ)²", "updates"])

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (updates ≤ bound / 5 for "far fewer"; the bound shrinks; γ < nearest)
bounds = [float(r[2]) for r in rows]
assert np.allclose(np.sqrt(6) * u, [-1, 1, 2]), u
assert np.all(np.diff(bounds) < 0) and all(
    5 * r[3] <= float(r[2]) and float(r[1]) < float(r[0]) for r in rows
), rows


# %% [markdown]
# The bound always holds and shrinks as the gap widens, but it is loose: the perceptron needs
# far fewer updates than the worst case allows. Two remarks on reading the table. The first
# column is the distance of the closest point from the line, in the plane (at least the gap we
# asked the generator for). The margin $\gamma$ is measured in the augmented space,
# where the extra coordinate 1 lengthens the normal vector, so it comes out smaller than
# "nearest". And the bound depends
# on the separating hyperplane we plug in; every separator gives a valid bound, the one with the
# widest margin the best.
#
# On XOR there is no separating hyperplane, so there is no positive margin and no bound;
# `margin_bound` refuses the perceptron's last weights:

# %%
try:
    nm.margin_bound(X_xor, y_xor, xor_run.weights, xor_run.bias)
except ValueError as error:
    print("ValueError:", error)

# %% [markdown]
# ## Summary
#
# - The perceptron rule changes the weights only after a mistake, towards a missed positive
#   example and away from a wrongly accepted negative one.
# - On linearly separable data it stops with every example right; started from zero weights,
#   the learning rate only scales the weights it finds.
# - It is not gradient descent: the step function is flat wherever it has a derivative, so the
#   count of mistakes offers no slope to follow.
# - On XOR no line exists, and the rule falls into a cycle of epochs that repeats for ever.
# - On separable data the number of updates is bounded by the data's radius and margin, and the
#   runs above stay far below that bound.
#
# ## What's next
#
# The perceptron's weaknesses both come from the step function: it offers no gradient to learn
# from, and a single thresholded neuron can only draw a line. In
# [The sigmoid neuron](03-sigmoid-neuron.py) we replace the step by a smooth curve with a
# simple derivative, the first move towards networks that learn by gradient descent.

# %% [markdown]
# ## Exercises

# %% tags=["hide-input"]
nm.exercises.exercises_html(2)

# %%
from IPython.display import display

display(nm.exercises.check("perceptron-update", "[1, 1/2, 9/4]"))
display(nm.exercises.check("perceptron-unchanged", "[1, 1/2, 9/4]"))
display(nm.exercises.check("perceptron-score-rise", "1/2 (1 + 9 + 1/4)"))
display(nm.exercises.check("perceptron-two-updates", "[0, -1/2, -1/2]"))
nm.exercises.check("mistake-bound", "6*6")


# %% [markdown]
# ## Further reading
#
# Full citations are on the [references page](../references.md).
#
# - [Nielsen (2015)](../references.md#nielsen2015), chapter 1, "Perceptrons": what a perceptron
#   network can compute, including a NAND gate, and why small changes of weights can flip its
#   output.
# - [Novikoff (1962)](../references.md#novikoff1962): the convergence proof behind the bound on
#   the number of updates.
# - [Minsky and Papert (1969)](../references.md#minsky1969): the book that made XOR and the limits
#   of one perceptron well known.
# - [*Dive into Deep Learning*](../references.md#zhang2023), section "Multilayer Perceptrons": how
#   hidden layers overcome the single perceptron's limits, in code.
# - [Higham and Higham (2019)](../references.md#higham2019), section 2: the sigmoid introduced
#   as a smoothed step function, the way round the step's missing derivative that the next
#   chapter takes.
# - [3Blue1Brown](../references.md#sanderson2017), lesson 2, "Gradient descent, how neural
#   networks learn": why a network's cost must vary smoothly, and so why its neurons have
#   continuous activations rather than a perceptron's on–off output.
# - [Parr and Howard (2018)](../references.md#parr2018), section "The gradient of neuron
#   activation": the derivative of a neuron with a kink in its activation, taken piece by piece;
#   compare the step function, whose derivative is zero wherever it exists.
