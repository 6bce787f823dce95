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
# # The cost function and gradient descent
#
# <div class="nnmath-goals">
#
# **After this chapter** you can write the quadratic cost of a network on a data set, take
# steps of gradient descent on a two-parameter cost and on a small chain of weights, and say
# why each step goes against the gradient and how long it may be.
#
# </div>
#
# The [previous chapter](04-layers-networks.py) built a function $F$ with a few dozen knobs,
# its weights and biases. With random knobs it answers nonsense. This chapter sets up the two
# things that turn "choose good knobs" into a computation: a
# **<dfn id="term-cost">cost</dfn>**, one number that measures
# how badly $F$ fits the data, and **gradient descent**, a rule that changes every knob a
# little in the direction that lowers the cost. It ends with a small example worked out in
# exact numbers, so that every step can be followed by hand. The symbols ($C$, $\nabla C$,
# $\eta$, ...) are collected on the [notation page](../notation.md).

# %%
import numpy as np
import sympy

import nnmath as nm
from nnmath import symbolic

# %% tags=["hide-input"]
# isort: split
from nnmath import losses, plotting
from nnmath import notebook as nb
from nnmath.symbolic.backprop import quadratic_cost_formula

plotting.setup_notebook()


# %% [markdown]
# ## The land data
#
# Higham and Higham's example asks a network to tell fertile land from infertile land. Each data
# point is a position $\mathbf{x} = (x_1, x_2)$ in the unit square, labelled **category A**
# (fertile, drawn as circles) or **category B** (infertile, drawn as crosses). Because the
# network has two outputs, each label becomes a two-component *target*, a
# <dfn id="term-one-hot">one-hot</dfn> vector (1 in the place of its category, 0 elsewhere):
#
#
# <div data-definition="target vectors">
#
# $$
# \mathbf{y}(\mathbf{x}) = \begin{pmatrix} 1 \\ 0 \end{pmatrix} \text{ for category A},
# \qquad
# \mathbf{y}(\mathbf{x}) = \begin{pmatrix} 0 \\ 1 \end{pmatrix} \text{ for category B}.
# $$
#
# </div>
#
#
# The ten points of their paper ship with `nnmath` as `nm.datasets.higham()`, which returns the
# positions `X` (one row per point) and the targets `Y`. The table is printed from those arrays:

# %%
X, Y = nm.datasets.higham()
rows = []
for i, (x, y) in enumerate(zip(X, Y, strict=True), start=1):
    category = "A (fertile)" if y[0] == 1 else "B (infertile)"
    target = f"({y[0]:g}, {y[1]:g})"
    rows.append([i, f"{x[0]:g}", f"{x[1]:g}", f"{category}, y = {target}"])

# %% tags=["hide-input"]
nb.table(rows, header=["point", "x1", "x2", "category and target"])

# %% [markdown]
# A fresh network, with its weights and biases drawn from
# $0.5\cdot \mathcal{N}(0, 1)$, assigns every
# point of the square to the class whose output is larger. The figure shades the square by that
# decision and puts the data on top.

# %%
net = nm.Network([2, 2, 3, 2], seed=0)

# %% tags=["hide-input"]
nb.figure(
    plotting.decision_regions(net, X, Y, title="an untrained 2-2-3-2 network"),
    alt=(
        "Ten points, circles and crosses, over a plane split into two shaded regions by an "
        "untrained network; the regions do not follow the points."
    ),
    caption=(
        "Higham and Higham's ten points (circles: category A, crosses: category B) over the "
        "regions that an untrained 2-2-3-2 network assigns to each class. With random "
        "parameters the decision has nothing to do with the data."
    ),
)

# %% [markdown]
# ## The cost
#
# To improve the network we first need to say, with one number, how far it is from the targets.
# For a single point the natural measure is the squared distance between the output and the
# target, $\|\mathbf{y}(\mathbf{x}) - F(\mathbf{x})\|^2$. Averaging over the $N$ data points,
# with a factor $\tfrac12$ whose purpose appears in a moment, gives the **quadratic cost**
#
#
# <div data-definition="quadratic cost">
#
# $$
# C(W, \mathbf{b}) = \frac{1}{N}\sum_{i=1}^{N} \frac12
# \bigl\|\mathbf{y}(\mathbf{x}_i) - F(\mathbf{x}_i)\bigr\|^2 .
# $$
#
# </div>
#
#
# It is written as a function of the weights and biases because those are what we change; the
# data are fixed. It is never negative, and it is zero only if the network reproduces every
# target exactly. Here it is three ways: as the formula, as the SymPy expression that the
# checks use (for one point of a two-output network, whose outputs $a_k = F_k(\mathbf{x})$ it
# writes $a_1$ and $a_2$), and as the NumPy function that `net.loss` calls.

# %% tags=["hide-input"]
sympy_cost = quadratic_cost_formula(2).outputs[0]
nb.tabs(
    {
        "Math": nb.definition(
            r"C = \frac{1}{N}\sum_{i=1}^{N}\frac12\sum_{k}\bigl(y_k(\mathbf{x}_i) "
            r"- F_k(\mathbf{x}_i)\bigr)^2",
            "quadratic cost",
        ),
        "SymPy": nb.Html(f"<pre><code>{sympy_cost}</code></pre>"),
        "NumPy": nb.source(losses.quadratic),
    }
)

# %% tags=["hide-input"]
nb.checked("quadratic-loss-kernel")

# %% [markdown]
# For the untrained network, the cost on the ten points is:

# %%
print("net.loss(X, Y) =", net.loss(X, Y))
print("by hand        =", np.mean(0.5 * np.sum((Y - net(X)) ** 2, axis=1)))

# %% [markdown]
# Training the network means finding weights and biases that make this number small.
#
# ## Why the constant factors do not matter
#
# [*Simple Mathematics behind Deep Learning*](../references.md#simple-maths) asks the reader
# why the normalising factor and the $\tfrac12$ are harmless. The answer is that both are
# positive constants, and multiplying a function by a
# positive constant $c$ stretches its graph vertically without moving any of its low points.
# SymPy makes this precise for a general cost $C(\vartheta_1, \vartheta_2)$ of two parameters:
# the gradient of $cC$ is $c$ times the gradient of $C$, and a gradient component vanishes for
# $cC$ exactly when it vanishes for $C$. The example at the end, a cost with three stationary
# points, shows them staying put.

# %% tags=["hide-input"]
nb.derivation("cost-scaling")

# %% [markdown]
# So $\tfrac1N$ only makes costs comparable between data sets of different sizes, and the
# $\tfrac12$ only cancels the 2 that differentiating a square brings down. Neither changes which
# parameters are best. They do change the *size* of the gradient, which is worth remembering
# when choosing a learning rate below. We can see the factor $N$ directly: adding up the
# gradients of the ten single-point costs gives the gradient of the *summed* cost, and it is the
# gradient of the mean cost times $N$.

# %%
g_mean = net.gradient_vector(X, Y)  # gradient of the mean cost
g_sum = sum(net.gradient_vector(X[[i]], Y[[i]]) for i in range(len(X)))
print("N =", len(X))
print("ratio of summed to mean gradient, entry by entry:")
print(np.round(g_sum / g_mean, 12))

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
assert np.allclose(g_sum, len(X) * g_mean), g_sum / g_mean

# %% [markdown]
# ## Gradient descent
#
# The cost is a function of all the parameters at once, collected in one vector
# $\boldsymbol\vartheta$. Its
# <dfn id="term-gradient">gradient</dfn> $\nabla C(\boldsymbol\vartheta)$ is the vector of partial
# derivatives, one per parameter. It points in the direction in which $C$ increases fastest, so
# a small step in the opposite direction decreases $C$.
# **<dfn id="term-gradient-descent">Gradient descent</dfn>** repeats such steps,
# each one the update
#
#
# <div data-definition="gradient descent">
#
# $$
# \boldsymbol\vartheta \;\leftarrow\; \boldsymbol\vartheta - \eta\,\nabla C(\boldsymbol\vartheta) .
# $$
#
# </div>
#
#
# The update is a definition; that a short enough step of it lowers the cost is a claim, derived
# below. The positive number $\eta$ is the
# **<dfn id="term-learning-rate">learning rate</dfn>**.
# The gradient only describes the cost
# near the current point, so the step has to be short enough for that local picture to remain
# roughly true, yet long enough to make progress. (How `nnmath` applies this update to a
# network's weight matrices and bias vectors in place is shown on the
# [performance page](../performance.py#one-gradient-step).)
#
# ### Why the negative gradient?
#
# "Fastest" and "decreases" are claims, and both follow from the dot product of
# [chapter 1](01-vectors-perceptron.py). Move the parameters a little along a direction of length
# 1; the slope of the cost in that direction is the *directional derivative*. The derivation
# computes it, finds the direction where it is most negative, and shows that a short step that
# way lowers the cost:

# %% tags=["hide-input"]
nb.derivation("steepest-descent")

# %% [markdown]
# The last two steps are also why the learning rate must be small enough: the first-order term
# promises a decrease of about $\eta\|\nabla C\|^2$, and only the rest, which is $o(\eta)$
# (small compared with $\eta$; $O(\eta^2)$ if $C$ is twice differentiable) and grows with
# $\eta$, can spoil it.
#
# To *see* what the learning rate does we need a cost of only two parameters, so that it can be
# drawn as a contour map. The figure uses a quadratic bowl,
# $C(\boldsymbol\vartheta) = \tfrac12(\boldsymbol\vartheta - \boldsymbol\vartheta^*)^\mathsf{T}
# H (\boldsymbol\vartheta - \boldsymbol\vartheta^*)$ of the parameter vector
# $\boldsymbol\vartheta = (\vartheta_1, \vartheta_2)$, with minimum $\boldsymbol\vartheta^*$
# and a symmetric positive definite matrix $H$ that makes the bowl steeper in one direction
# than in the other, the typical situation in a network. Its gradient
# $H(\boldsymbol\vartheta - \boldsymbol\vartheta^*)$ is computed with NumPy (in the code
# `p` is $\boldsymbol\vartheta$ and `p_star` is $\boldsymbol\vartheta^*$), and the same start
# point is used for three learning rates.

# %%
H = np.array([[3.0, 2.0], [2.0, 6.0]])
p_star = np.array([1.0, 0.5])


def bowl(p1, p2):
    """The cost on a grid of (p1, p2) values."""
    d1, d2 = p1 - p_star[0], p2 - p_star[1]
    return 0.5 * (H[0, 0] * d1**2 + 2 * H[0, 1] * d1 * d2 + H[1, 1] * d2**2)


def descend(eta, steps=15, start=(-1.5, -1.0)):
    """Gradient descent on the bowl; returns every iterate p as a row."""
    p = np.array(start)
    path = [p]
    for _ in range(steps):
        p = p - eta * H @ (p - p_star)
        path.append(p)
    return np.array(path)


runs = {f"η = {eta}": descend(eta) for eta in (0.02, 0.12, 0.26)}
for name, path in runs.items():
    print(f"{name}: cost after {len(path) - 1} steps = {bowl(*path[-1]):.2e}")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (η = 0.02 still far from ϑ*, η = 0.12 there, η = 0.26 jumps across the steep direction)
slow, good, fast = (runs[f"η = {eta}"] for eta in (0.02, 0.12, 0.26))
steep = np.linalg.eigh(H)[1][:, -1]  # direction of the largest curvature
across = (fast - p_star) @ steep
distances = np.linalg.norm(slow[-1] - p_star), np.linalg.norm(good[-1] - p_star)
assert distances[0] > 0.5 and distances[1] < 0.05 and np.all(across[1:] * across[:-1] < 0), (
    distances,
    across,
)

# %% tags=["hide-input"]
nb.figure(
    plotting.cost_contours(bowl, runs, xlim=(-2.0, 3.0), ylim=(-1.5, 2.5), levels=12),
    alt=(
        "Contour ellipses of a quadratic bowl with three gradient descent paths from one start: "
        "a short one that stops far from the centre, one that reaches the centre, and one that "
        "zigzags across the narrow valley."
    ),
    caption=(
        "Gradient descent on a two-parameter quadratic bowl (minimum at the centre of the "
        "ellipses) from the same start with three learning rates. The smallest crawls along and "
        "is still far from the minimum after fifteen steps; the middle one gets there; the "
        "largest overshoots across the narrow valley at every step and zigzags."
    ),
)

# %% [markdown]
# The zigzag has a simple cause. Each step multiplies the component of the offset
# $\boldsymbol\vartheta - \boldsymbol\vartheta^*$ from the minimum along an eigenvector of $H$ by
# $1 - \eta\lambda$, where $\lambda$ is the curvature in that direction (the eigenvalue); the
# steep direction has the largest $\lambda$. When $\eta\lambda$ is above 1 this factor is
# negative and the iterate jumps to the other side; when it is above 2 the jumps grow and the
# iteration diverges. Step by step:

# %% tags=["hide-input"]
nb.derivation("quadratic-descent")

# %% [markdown]
# For this bowl:

# %%
lam = np.linalg.eigvalsh(H)
print("curvatures (eigenvalues of H):", lam)
for eta in (0.02, 0.12, 0.26):
    print(f"eta = {eta}: factors 1 - eta*lambda =", np.round(1 - eta * lam, 3))
print("diverges for eta above 2 / largest curvature =", 2 / lam.max())

# %% [markdown]
# A network's cost is not a bowl, but near a minimum it looks like one, and the same trade-off
# applies: a learning rate that is too small wastes steps, one that is too large makes the cost
# jump about or blow up. In practice $\eta$ is found by trying a few values.
#
# ## A worked example, in exact numbers
#
# Everything above needs derivatives of the cost with respect to the parameters, and a network
# is a chain of simple functions. The smallest interesting chain has two weights:
#
#
# <div data-definition="two-weight chain">
#
# $$
# z = x\,w_1 + b_1, \qquad \hat y = z\,w_2 + b_2, \qquad E = \tfrac12 (\hat y - t)^2 ,
# $$
#
# </div>
#
#
# with input $x$, target $t$, and $E$ the error of the output $\hat y$. (The second of our source
# texts, [Punnen's *The Maths behind Neural Networks*](../references.md#punnen), calls this
# output $L$; on this site $L$ is the number of layers.) The derivation below
# evaluates it at $x = 2$, $b_1 = 1$, $b_2 = \tfrac12$, $w_1 = \tfrac12$, $w_2 = \tfrac32$ and
# $t = 5$, in rational arithmetic so that no rounding is involved. It first does what a
# beginner might try, and what [Punnen's text](../references.md#punnen) does: the output is
# below the target, so push
# the weights *up the gradient of $\hat y$* to make $\hat y$ larger, with two step sizes. Then it
# does it properly, with a step of gradient descent on the error $E$. Like the source, these steps
# change the two weights only and keep the biases $b_1$ and $b_2$ fixed; the end of the section
# takes the step on all four parameters.

# %% tags=["hide-input"]
nb.derivation("chain-rule")

# %% [markdown]
# The same numbers as a table, read from the derivation's data
# (`symbolic.derive("chain-rule").data["worked_example"]`). Each column is one set of
# weights; the last row, the error $E = \tfrac12(\hat y - t)^2$, is computed with SymPy rationals.
# All these fractions have denominators made of 2s and 5s, so their decimals are exact.

# %% tags=["hide-input"]
ex = symbolic.derive("chain-rule").data["worked_example"]


def exact(v):
    """A SymPy rational as 'p/q = decimal'."""
    v = sympy.nsimplify(v)
    return f"{v}" if v.is_integer else f"{v} = {float(v):g}"


def decimal(v):
    """A SymPy rational whose decimal expansion terminates, as that decimal."""
    text = f"{float(v):g}"
    assert sympy.Rational(text) == v, f"{v} is not exactly {text}"
    return text


def error(y_hat):
    return (y_hat - ex["t"]) ** 2 / 2


stages = {"start": "", "up_large": "_up_large", "up_small": "_up_small", "descent": "_descent"}
header = [
    "",
    "start",
    f"up ŷ, η = {ex['eta_up_large']}",
    f"up ŷ, η = {ex['eta_up_small']}",
    f"descent, η = {ex['eta_descent']}",
]
rows = []
for name, shown in (("w1", "w1"), ("w2", "w2"), ("z", "z"), ("y_hat", "ŷ")):
    rows.append([shown, *(decimal(ex[name + suffix]) for suffix in stages.values())])
rows.append(["E", *(decimal(error(ex["y_hat" + suffix])) for suffix in stages.values())])
nb.table(rows, header=header)

# %% tags=["hide-input"]
nb.checked("worked-example")

# %% tags=["hide-input"]
steps = symbolic.derive("chain-rule").steps
error_step = next(s for s in steps if s.label == "Gradient of the error")
nb.Html(
    "<p>Three things stand out. First, the large step up the gradient of $\\hat y$ overshoots: "
    "$\\hat y$ "
    f"jumps from {exact(ex['y_hat'])} past the target {ex['t']} to "
    f"{exact(ex['y_hat_up_large'])}, and the error grows from {exact(ex['E'])} to "
    f"{exact(error(ex['y_hat_up_large']))}. The smaller step lands at "
    f"{exact(ex['y_hat_up_small'])}. Second, pushing $\\hat y$ up was a choice we made "
    "by looking at the numbers; had the output been above the target, we would have had to push "
    "the other way. Third, descent on $E$ makes that choice by itself: by the chain rule "
    f"(the step <em>{error_step.label}</em> above) ${error_step.latex}$, and $\\hat y - t$ = "
    f"{exact(ex['dE_dyhat'])} is negative, so moving <em>against</em> the gradient of $E$ moves "
    "<em>along</em> the gradient of $\\hat y$, with a step scaled by how far $\\hat y$ is from "
    "$t$. With "
    f"η = {exact(ex['eta_descent'])} that scaled step is a little too long here ($\\hat y$ ends at "
    f"{exact(ex['y_hat_descent'])}, past the target), yet the error still falls from "
    f"{exact(ex['E'])} to {exact(ex['E_descent'])}, which is what the descent step promises "
    "for a small enough learning rate.</p>"
)

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
# (the large step overshoots and raises E; descent also passes t, yet lowers E)
overshoots = ex["y_hat"] < ex["t"] < ex["y_hat_up_large"] and error(ex["y_hat_up_large"]) > ex["E"]
descends = ex["dE_dyhat"] < 0 and ex["y_hat_descent"] > ex["t"] and ex["E_descent"] < ex["E"]
assert overshoots and descends, ex

# %% [markdown]
# ### Descent on all four parameters
#
# The biases are parameters too, and a full gradient step moves them as well. The chain rule
# gives their derivatives the same way, $\partial E/\partial b_1 = (\hat y - t)\,w_2$ and
# $\partial E/\partial b_2 = \hat y - t$. SymPy differentiates the error of the derivation above
# with respect to all four parameters and takes the step with the same $\eta$, in exact
# arithmetic:


# %%
def exact(v):
    """A SymPy number as a fraction, followed by its decimal unless it is a whole number."""
    v = sympy.nsimplify(v)
    return f"{v}" if v.is_integer else f"{v} = {float(v):g}"


chain = symbolic.derive("chain-rule")
ex = chain.data["worked_example"]  # the numbers of the worked example, as exact fractions
sym = chain.symbols
E_expr = chain.formulas["E"].outputs[0]
y_hat_expr = chain.formulas["y_hat"].outputs[0]
point = {sym[k]: ex[k] for k in ("x", "w1", "b1", "w2", "b2", "t")}
params = ("w1", "b1", "w2", "b2")
eta = ex["eta_descent"]
updated = dict(point)
for name in params:
    slope = sympy.diff(E_expr, sym[name]).subs(point)
    updated[sym[name]] = point[sym[name]] - eta * slope
    print(f"dE/d{name} = {slope}:  {name} = {point[sym[name]]} -> {updated[sym[name]]}")
y_hat_all, E_all = y_hat_expr.subs(updated), E_expr.subs(updated)
print(f"weights only:  ŷ = {exact(ex['y_hat_descent'])},  E = {exact(ex['E_descent'])}")
print(f"all four:      ŷ = {exact(y_hat_all)},  E = {exact(E_all)} (from E = {exact(ex['E'])})")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (with the biases the step overshoots further, to ŷ = 6.275, and E falls less, to about 0.813)
assert y_hat_all == sympy.Rational(251, 40) and ex["t"] < ex["y_hat_descent"] < y_hat_all, y_hat_all
assert ex["E_descent"] < E_all < ex["E"] and abs(float(E_all) - 0.813) < 5e-4, E_all

# %% [markdown]
# Moving the biases as well makes the step longer: $\hat y$ passes the target by more than before
# and the error, though it still falls from $\tfrac98$, falls less. With all four parameters
# free, $\eta = \tfrac1{10}$ is already on the large side for this chain.
#
# In floating point, the same steps take three lines of Python each. The results agree with the
# exact values up to rounding, which is why the check above uses rationals instead:

# %%
x, b1, b2, t = 2.0, 1.0, 0.5, 5.0
for eta in (0.2, 0.1):
    w1, w2 = 0.5, 1.5
    z = x * w1 + b1
    dyhat_dw1, dyhat_dw2 = w2 * x, z  # the gradient of ŷ at the start
    w1, w2 = w1 + eta * dyhat_dw1, w2 + eta * dyhat_dw2  # a step up that gradient
    y_hat = (x * w1 + b1) * w2 + b2
    print(f"step {eta} up: w1 = {w1:.4g}, w2 = {w2:.4g}, ŷ = {y_hat:.4g}")

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
# (the last run, η = 1/10, against the exact values of the table)
exact_small = [
    float(ex[k]) for k in ("eta_up_small", "w1_up_small", "w2_up_small", "y_hat_up_small")
]
assert np.allclose([eta, w1, w2, y_hat], exact_small, rtol=1e-12, atol=0), (y_hat, ex)

# %% tags=["hide-input"]
nb.Html(
    '<div class="admonition note"><p class="admonition-title">Up the gradient of $\\hat y$, or '
    "down the gradient of $E$?</p>"
    '<p><a href="../references.md#punnen">Punnen\'s text</a>, the source of this example, moves '
    "the weights along the gradient of the output $\\hat y$ "
    "because $\\hat y$ is below its target. That works here, but it is not gradient descent on "
    "anything: it ignores the target except for deciding the direction by hand, and its step "
    "does not shrink as $\\hat y$ approaches $t$. The correct formulation is to define an error "
    "such as $E = \\tfrac12(\\hat y - t)^2$ and descend on it; the chain rule then supplies both "
    "the direction and the size of each step. That is the method used for every network on this "
    "site.</p></div>"
)

# %% [markdown]
# The key step of the worked example was the
# <dfn id="term-chain-rule">chain rule</dfn>: $\hat y$ depends on $w_1$ only through $z$,
# so its derivative is a product of two local derivatives. A network is a much longer chain,
# with a sigmoid at every link, but the principle is the same.
#
# ## Summary
#
# - The quadratic cost averages, over the data, half the squared distance between each target
#   and the network's output. Its constant factors scale the gradient but do not move its
#   minimisers (derived).
# - Gradient descent repeats steps against the gradient. The learning rate sets their length:
#   too large overshoots, too small crawls.
# - In the worked example, pushing the weights up the gradient of the output overshoots the
#   target with the longer step; descent on the error is the method used from here on.
# - The negative gradient is the direction of steepest descent, and a short enough step along it
#   lowers the cost. The steepest slope downhill, over all directions of length 1:

# %% tags=["hide-input"]
nb.result("steepest-descent")

# %% [markdown]
# ## What's next
#
# [Backpropagation with the chain rule](06-backprop-chain-rule.py) applies the chain rule to a
# network of two sigmoid neurons and shows how computing the derivatives from the output
# backwards lets every layer reuse the work of the layer after it.

# %% [markdown]
# ## Try it: the learning rate on the bowl
#
# The bowl of this chapter once more, with the learning rate and the starting point on
# sliders. The page evaluates the cost and its gradient as SymPy derives them from
# $\tfrac12(\boldsymbol\vartheta - \boldsymbol\vartheta^*)^\mathsf{T} H
# (\boldsymbol\vartheta - \boldsymbol\vartheta^*)$. Push
# $\eta$ past the stable bound named in the caption and watch the iterates jump further out
# at every step.

# %% tags=["hide-input"]
nm.widgets.bowl_descent(eta=0.12, start=(-1.5, -1.0), steps=15)

# %% [markdown]
# ## Exercises

# %% tags=["hide-input"]
nm.exercises.exercises_html(5)

# %%
from IPython.display import display

display(nm.exercises.check("chain-rule-w1", "w2 x (w2 sigma(w1 x + b1) + b2 - t)"))
display(nm.exercises.check("chain-rule-w2", "(w2 sigma(w1 x + b1) + b2 - t) sigma(w1 x + b1)"))
display(nm.exercises.check("bowl-stable-rate", "2/6"))
display(nm.exercises.check("quadratic-gradient", "[1, -6]"))
nm.exercises.check("quadratic-descent-step", "[1 + 1/4, -1 - 6/4]")


# %% [markdown]
# ## Further reading
#
# Full citations are on the [references page](../references.md).
#
# - [Higham and Higham (2019)](../references.md#higham2019), section 4, "Stochastic gradient": the
#   cost, the gradient step and the Taylor argument for why a small step lowers the cost.
# - [Nielsen (2015)](../references.md#nielsen2015), chapter 1, "Learning with gradient descent":
#   the quadratic cost and gradient descent, with the ball-rolling-downhill picture.
# - [*Dive into Deep Learning*](../references.md#zhang2023), section "Gradient Descent" (chapter
#   "Optimization Algorithms"): learning rates, convergence and the effect of curvature, with
#   experiments.
# - [3Blue1Brown](../references.md#sanderson2017), lesson 2, "Gradient descent, how neural
#   networks learn": the cost as a landscape over all the weights.
# - [Parr and Howard (2018)](../references.md#parr2018), section "The Chain Rules": the
#   single-variable chain rule behind the worked example, then its vector form.
