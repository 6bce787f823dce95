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
# # The sigmoid neuron
#
# <div class="nnmath-goals">
#
# **After this chapter** you can differentiate the sigmoid, set how steep it is and where it
# turns with a weight and a bias, and compute a whole layer of sigmoid neurons at once.
#
# </div>
#
# The perceptron of the [last chapter](02-training-perceptron.py) decides with a step: its
# output jumps from 0 to 1 as $\mathbf{w}\cdot\mathbf{x} + b$ crosses zero and is flat
# everywhere else. Flat means that a small change of a weight changes nothing, so there is no
# slope to follow downhill. The remedy is to smooth the step into a curve that rises gently
# from 0 to 1. A classic such curve is the
# *<dfn id="term-sigmoid">sigmoid</dfn>* (or logistic) function $\sigma$ (symbols:
# [notation page](../notation.md)), and this chapter gets to know it: its derivative, how a weight
# and a bias stretch and move it, how to compute it without overflow, and how it acts on vectors.

# %%
import warnings

import numpy as np

import nnmath as nm
from nnmath import symbolic

# %% tags=["hide-input"]
# isort: split
import html

from nnmath import notebook as nb
from nnmath import plotting

plotting.setup_notebook()


# %% [markdown]
# ## A smooth step
#
# The sigmoid is defined as
#
#
# <div data-definition="sigmoid">
#
# $$
# \sigma(x) = \frac{1}{1 + e^{-x}} .
# $$
#
# </div>
#
#
# For large positive $x$ the exponential $e^{-x}$ is tiny and $\sigma(x)$ is close to 1; for
# large negative $x$ it is huge and $\sigma(x)$ is close to 0; in between the curve climbs
# smoothly. A few values from `nm.sigmoid`:

# %%
x = np.array([-6.0, -2.0, -1.0, 0.0, 1.0, 2.0, 6.0])
print("x          ", x)
print("sigma(x)   ", np.round(nm.sigmoid(x), 4))
print("1-sigma(-x)", np.round(1 - nm.sigmoid(-x), 4))

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
assert np.allclose(nm.sigmoid(x), 1 - nm.sigmoid(-x)) and nm.sigmoid(0.0) == 0.5, nm.sigmoid(x)

# %% [markdown]
# The second and third rows agree: the curve is symmetric about its midpoint, and
# $\sigma(0)$ sits exactly half-way. SymPy derives these facts from the definition, together
# with the one we will use over and over, the derivative. The short route differentiates once
# and splits the resulting fraction into two factors, each written with $\sigma$; a longer route,
# which names $u = e^{-x}$ and solves for it, is folded inside the derivation for anyone who
# wants it.

# %% tags=["hide-input"]
nb.derivation("sigmoid")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (the step numbers that the text cites)
step_labels = [step.label for step in symbolic.derive("sigmoid").steps]
assert step_labels[7:11] == ["Symmetry", "Midpoint", "Limits", "Limit at +∞"], step_labels

# %% [markdown]
# Every output lies strictly between 0 and 1, and that follows from the definition, not from
# the limits: $e^{-x} > 0$ for every real $x$, so the denominator $1 + e^{-x}$ is greater than
# 1, which makes $\sigma(x)$ positive and smaller than 1. The limits (steps 10 and 11) add that
# the outputs come arbitrarily close to 0 and to 1 without reaching them. The curve is
# symmetric about its midpoint (step 8) and passes through one half at zero (step 9). The
# derivative deserves a second look. It
# depends on $x$ only through the value $\sigma(x)$ itself, so once a network has computed
# its activations on the way forward, the slopes it needs on the way back cost one
# multiplication each. Here is the same result three ways: as derived, as SymPy checks it,
# and as the NumPy code that the networks on this site run.

# %% tags=["hide-input"]
sigmoid_derivation = symbolic.derive("sigmoid")
claim = sigmoid_derivation.claims[0]
session = "\n".join(
    [
        '>>> d = symbolic.derive("sigmoid")',
        ">>> claim = d.claims[0]",
        ">>> claim.statement",
        repr(claim.statement),
        ">>> claim.lhs          # the derivative, unevaluated",
        str(claim.lhs),
        ">>> claim.lhs.doit()   # SymPy differentiates",
        str(claim.lhs.doit()),
        ">>> claim.rhs          # sigma(1 - sigma), written out",
        str(claim.rhs),
        ">>> claim.holds()      # does lhs - rhs simplify to 0?",
        str(claim.holds()),
    ]
)
nb.tabs(
    {
        "Math": nb.result("sigmoid"),
        "SymPy": nb.Html(f"<pre><code>{html.escape(session)}</code></pre>"),
        "NumPy": nb.source(nm.sigmoid_prime),
    }
)

# %% tags=["hide-input"]
nb.checked("symbolic-sigmoid", "sigmoid-derivative-kernel")

# %% [markdown]
# The kernel check compares `nm.sigmoid_prime` with the derivative that SymPy computed, turned
# into a NumPy function by `sympy.lambdify`. You can do the same in a few lines:

# %%
# SymPy's derivative, lambdified for NumPy
formula = symbolic.derive("sigmoid").formulas["sigmoid_prime"]
points = np.linspace(-6, 6, 601)
kernel = nm.sigmoid_prime(points)
derived = formula.evaluate(points[:, None])[:, 0]
same = np.allclose(kernel, derived, rtol=1e-12, atol=0)
print("kernel equals SymPy's derivative:", same)
print("largest slope, at x = 0:", nm.sigmoid_prime(0.0))


# %% [markdown]
# The check, like this cell, stays within $[-6, 6]$. Far out in the tails no formula written
# in terms of $\sigma$ can be accurate to the last digit: for large $x$, $\sigma(x)$ is so close
# to 1 that $1 - \sigma(x)$ keeps only a few correct digits. At $x = 30$ the kernel and SymPy's
# expression agree in their leading digits only, though the absolute difference is far below
# anything that matters for training:

# %%
tail = np.array([30.0])
kernel = nm.sigmoid_prime(tail)[0]
derived = formula.evaluate(tail[:, None])[0, 0]
print(f"at x = 30: kernel {kernel:.4g}, SymPy {derived:.4g}")

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
# (leading digits only: relative gap between 1e-6 and 1e-2; absolute gap below 1e-12)
gap = abs(kernel - derived)
assert 1e-6 < gap / derived < 1e-2 and gap < 1e-12, (kernel, derived)

# %% [markdown]
# The slope is largest in the middle, where $\sigma = 1/2$ (of two numbers $\sigma$ and
# $1 - \sigma$ with sum 1, the product is largest when they are equal), and fades on both
# sides. When $\sigma(x)$ is close to 0 or to 1, one of the two factors of the derivative is
# close to 0, and so is the derivative: a
# *<dfn id="term-saturation">saturated</dfn>* sigmoid barely responds to its input,
# a fact that comes back to haunt the training of deep networks.
#
# ## Weight and bias: stretching and shifting
#
# One input $x$, one weight $w$ and one bias $b$ make the simplest sigmoid neuron,
# $\sigma(wx + b)$. The figure shows what the two numbers do. (The first of our source texts,
# [*Simple Mathematics behind Deep Learning*](../references.md#simple-maths), writes
# $\sigma(ax + b)$; on this site the letter $a$ is kept for activations.)

# %% tags=["hide-input"]
nb.figure(
    plotting.sigmoid_family(),
    alt=(
        "Two panels of S-shaped sigmoid curves. Left: curves that get steeper as the weight "
        "grows, approaching a dashed step function. Right: the same curve shifted sideways by "
        "different biases. A dot marks each curve's midpoint."
    ),
    caption=(
        "Left, $\\sigma(wx)$ for several weights $w$: the larger the weight, the steeper the "
        "curve, approaching the step function (dashed). Right, $\\sigma(x + b)$ for several "
        "biases $b$: the bias slides the curve sideways without changing its shape. Each dot "
        "marks the curve's transition point, where it crosses one half."
    ),
)

# %% [markdown]
# The weight sets the steepness, and the weight and the bias together set the place: the
# transition sits at $x = -b/w$. SymPy makes that precise: the curve crosses one half where
# $wx + b = 0$, and its slope there is proportional to $w$. The same
# derivation records the three partial derivatives of the neuron, with respect to its input,
# its weight and its bias, the pieces backpropagation will multiply together later.

# %% tags=["hide-input"]
nb.derivation("sigmoid-affine")

# %% [markdown]
# Let us test both results on a few neurons, evaluating SymPy's formulas for the transition and
# the steepness and comparing them with `nm.sigmoid` and a finite-difference slope. A negative
# weight mirrors the curve: it falls instead of rising, and its slope is negative.

# %%
affine = symbolic.derive("sigmoid-affine")
w_, b_ = affine.symbols["w"], affine.symbols["b"]
h = 1e-5
rows = []
for w, b in [(1.0, 0.0), (2.0, -4.0), (5.0, 2.0), (0.5, 1.0), (-2.0, 0.0)]:
    values = {w_: w, b_: b}
    x0 = float(affine.data["transition"].subs(values)) + 0.0  # where σ = 1/2
    steepness = float(affine.data["steepness"].subs(values))  # slope there
    at_x0 = nm.sigmoid(w * x0 + b)
    up, down = nm.sigmoid(w * (x0 + h) + b), nm.sigmoid(w * (x0 - h) + b)
    slope = (up - down) / (2 * h)
    rows.append((f"({w:g}, {b:g})", x0, at_x0, f"{steepness:g} / {slope:.6f}"))

# %% tags=["hide-input"]
header = ["(w, b)", "transition x₀", "σ(w x₀ + b)", "slope: derived / measured"]
nb.table(rows, header)

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
# (σ = 1/2 at every transition, derived and measured slopes agree, the last is negative)
pairs = [[float(s) for s in r[3].split(" / ")] for r in rows]
at_half = all(np.isclose(r[2], 0.5) for r in rows)
assert at_half and all(np.isclose(d, m, atol=1e-6) for d, m in pairs) and pairs[-1][1] < 0, rows

# %% [markdown]
# In the language of neural networks, $w$ is the
# **<dfn id="term-weight">weight</dfn>** of the input and $b$ the
# **<dfn id="term-bias">bias</dfn>**. Training a network means choosing them, for every neuron at
# once, so that the
# curves rise in the right places with the right steepness. A very large weight brings back
# the perceptron's step, a small one gives a gentle ramp. As $w \to \infty$, $\sigma(wx)$
# tends to the step function at every $x \neq 0$ (at $x = 0$ it stays at one half), so the
# perceptron is the limit of the sigmoid neuron as its weights grow.
#
# ## Computing the sigmoid safely
#
# The formula $1/(1 + e^{-x})$ is fine on paper but not on a computer. For $x = -1000$ it
# asks for $e^{1000}$, far beyond the largest double-precision number, and NumPy overflows.
# The final answer happens to come out right, but only after an infinity and a warning:

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    xs = np.array([-1000.0, 1000.0])
    naive = 1 / (1 + np.exp(-xs))
print("naive formula:", naive)
print("warnings:", [str(warning.message) for warning in caught])

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
overflowed = any("overflow" in str(warning.message) for warning in caught)
assert np.array_equal(naive, [0.0, 1.0]) and overflowed, (naive, caught)

# %% [markdown]
# In a long training run a flood of such warnings hides the ones that matter, and in other
# formulas (the softmax of [chapter 8](08-softmax-cross-entropy.py)) an overflow gives
# `inf / inf`, which is `nan`. The way out is to never exponentiate a positive number. For
# $x \ge 0$ we use the formula as written, with $e^{-x} \le 1$; for $x < 0$ we multiply the
# numerator and denominator by $e^{x}$, which gives $\sigma(x) = e^{x}/(1 + e^{x})$, with
# $e^{x} < 1$. Both cases need only $e^{-|x|}$, and that is how `nm.sigmoid` computes it (its
# code is on the [performance page](../performance.py#a-sigmoid-that-never-overflows)). With
# overflow, division by zero and invalid operations turned from warnings into errors, the
# extreme inputs go through. (The one thing that
# does happen is an *underflow*: $e^{-1000}$ rounds to 0. That is harmless, the correctly
# rounded result, and NumPy stays silent about it by default.)

# %%
with np.errstate(over="raise", divide="raise", invalid="raise"):
    print("sigma(-1000) =", nm.sigmoid(-1000.0))
    print("sigma(1000)  =", nm.sigmoid(1000.0))

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
assert nm.sigmoid(-1000.0) == 0.0 and nm.sigmoid(1000.0) == 1.0, nm.sigmoid([-1000.0, 1000.0])

# %% [markdown]
# The true values differ from 0 and 1 by about $e^{-1000}$, far below what a double can
# resolve near 1, so exactly 0 and 1 are the correctly rounded answers. Mathematically the
# sigmoid never reaches 0 or 1; numerically it does, which is also why the kernel's docstring
# promises values in $[0, 1]$ rather than $(0, 1)$.

# %% tags=["hide-input"]
nb.checked("sigmoid-kernel")

# %% [markdown]
# ## From scalars to vectors: a layer
#
# A neural network applies the sigmoid to many numbers at once. For a vector
# $\mathbf{z} = (z_1, \dots, z_m)$ we let $\sigma$ act on each component separately:
#
#
# <div data-definition="sigmoid of a vector">
#
# $$
# \sigma(\mathbf{z}) = \bigl(\sigma(z_1), \sigma(z_2), \dots, \sigma(z_m)\bigr).
# $$
#
# </div>
#
#
# NumPy does this with no extra effort, since `nm.sigmoid` works element-wise on arrays of any
# shape. Now give each of $m$ neurons its own weight vector over the same $d$ inputs and its
# own bias. Stacking the weight vectors as the *rows* of a matrix $W$ and the biases in a
# vector $\mathbf{b}$, the $m$ neurons together compute
#
#
# <div data-definition="layer of sigmoid neurons">
#
# $$
# \mathbf{a} = \sigma(W\mathbf{x} + \mathbf{b}),
# \qquad W \in \mathbb{R}^{m \times d},\quad \mathbf{x} \in \mathbb{R}^{d},\quad
# \mathbf{b}, \mathbf{a} \in \mathbb{R}^{m}.
# $$
#
# </div>
#
#
# This is a **layer**. Row $j$ of $W\mathbf{x} + \mathbf{b}$ is the dot product
# $\mathbf{w}_j\cdot\mathbf{x} + b_j$ of [chapter 1](01-vectors-perceptron.py), so each neuron
# is a perceptron with its step smoothed out. The shape of $W$ is always
# (outputs × inputs): it has one row per neuron of the layer and one column per input. The
# entries of $\mathbf{a}$, the outputs of the neurons, are the layer's
# <dfn id="term-activation">activations</dfn>.
#
# `nm.Network` stores exactly these matrices. A network with sizes `[3, 2]` is a single layer
# from three inputs to two neurons:

# %%
net = nm.Network([3, 2], seed=0)
W, b = net.weights[0], net.biases[0]
print("W has shape", W.shape, " b has shape", b.shape)
print("parameters:", net.n_params)

x = np.array([1.0, 0.5, -1.0])
by_hand = nm.sigmoid(W @ x + b)
print("sigma(W x + b)        =", by_hand)
one_by_one = [nm.sigmoid(W[j] @ x + b[j]) for j in range(2)]  # neuron j
print("neuron by neuron      =", np.array(one_by_one))
print("net.forward(x)        =", net.forward(x))

# %% [markdown]
# The network returns a $1 \times 2$ array rather than a vector of length 2 because it works on
# *<dfn id="term-batch">batches</dfn>*:
# several inputs at once, one per row of a matrix $X$ of shape $n \times d$
# ($n$ inputs of $d$ components each).
# Applying the layer to every row means $\mathbf{z}_i = W\mathbf{x}_i + \mathbf{b}$ for each
# row $\mathbf{x}_i$, which for the whole batch reads $Z = X W^\mathsf{T} + \mathbf{b}$,
# with $\mathbf{b}$ added to every row (NumPy's broadcasting). Entry $(i, j)$ of $XW^\mathsf{T}$
# is the dot product of sample $i$ with the weights of neuron $j$.

# %%
X = np.random.default_rng(1).normal(size=(4, 3))  # 4 samples as rows
Z = X @ W.T + b
print("Z has shape", Z.shape)
print("same as net.forward(X):", np.allclose(nm.sigmoid(Z), net.forward(X)))

# %% [markdown]
# That is the whole forward computation of a network, one line per layer; here it is in the
# `Network` class, with the layer loop that the next chapter will put to work:

# %% tags=["hide-input"]
nb.source(nm.Network.forward_pass)

# %% tags=["hide-input"]
nb.Html(
    '<div class="admonition note"><p class="admonition-title">A note on '
    '<a href="../references.md#simple-maths"><em>Simple Mathematics behind Deep Learning</em></a>'
    "</p><p><em>Simple Mathematics behind Deep Learning</em>, the text that retells Higham and "
    "Higham's example, calls the weight matrix of a layer "
    "&ldquo;of order $m \\times m$&rdquo;. That is only true when a layer has as many neurons as "
    "inputs. In general $W$ has one row per neuron and one column per input, and it is exactly "
    "this freedom in its shape that lets a network widen or narrow from layer to layer, as the "
    "next chapter shows. The same text says that the sigmoid outputs 1 when its input is large "
    "enough; strictly, it only approaches 1, as derived above, although in floating point it "
    "rounds to 1.</p></div>"
)

# %% [markdown]
# ## Summary
#
# - The sigmoid is a smooth step: its values lie strictly between 0 and 1, it passes through
#   one half at zero, and it is symmetric about that point.
# - A weight sets how steep it is, and the weight $w$ and bias $b$ together place its
#   transition at $x = -b/w$ (both derived above).
# - It is computed in one of two forms, chosen by the sign of its input, so that it never
#   overflows.
# - A layer applies it to each component of $W\mathbf{x} + \mathbf{b}$, with one row of $W$
#   per neuron and one column per input.
# - Its derivative depends on its input only through its own value, which is why a network's
#   backward pass can reuse the activations of its forward pass:

# %% tags=["hide-input"]
nb.result("sigmoid")

# %% [markdown]
# ## What's next
#
# A layer maps $d$ inputs to $m$ outputs. Nothing stops us from feeding its output into
# another layer, and another. In [Layers and networks](04-layers-networks.py) we stack layers
# into the 2-2-3-2 network of Higham and Higham, count its parameters, and see what such a
# composition of sigmoids can express.

# %% [markdown]
# ## Try it: stretch and shift the sigmoid
#
# Change the weight $w$ and the bias $b$ of $\sigma(wx + b)$ with the sliders (or the arrow
# keys). A larger $|w|$ makes the step steeper, a negative $w$ turns it around, and $b$ moves
# the point where the curve crosses one half. The function the page evaluates is the
# expression of the derivation above, printed as JavaScript by SymPy when the site is built.

# %% tags=["hide-input"]
nm.widgets.sigmoid_affine(w=1.0, b=0.0)

# %% [markdown]
# ## Exercises

# %% tags=["hide-input"]
nm.exercises.exercises_html(3)

# %%
from IPython.display import display

display(nm.exercises.check("sigmoid-second-derivative", "sigma(x)(1 - sigma(x))(1 - 2sigma(x))"))
display(nm.exercises.check("sigmoid-transition", "(log(3) - b)/w"))
display(nm.exercises.check("sigmoid-steepness", "w/4"))
display(nm.exercises.check("sigmoid-weight-derivative", "x sigma(w x + b)(1 - sigma(w x + b))"))
nm.exercises.check("tanh-from-sigmoid", "2 sigma(2x) - 1")


# %% [markdown]
# ## Further reading
#
# Full citations are on the [references page](../references.md).
#
# - [Higham and Higham (2019)](../references.md#higham2019), section 2: the sigmoid and a scaled
#   and shifted copy of it, the starting point of this chapter.
# - [Nielsen (2015)](../references.md#nielsen2015), chapter 1, "Sigmoid neurons": why a smooth
#   activation makes small weight changes cause small output changes.
# - [*Dive into Deep Learning*](../references.md#zhang2023), section "Multilayer Perceptrons",
#   subsection on activation functions: the sigmoid next to tanh and ReLU, with their derivatives
#   plotted.
# - [Parr and Howard (2018)](../references.md#parr2018), section "The gradient of neuron
#   activation": the derivative of one neuron with respect to its weights and bias, in vector
#   form.
# - [3Blue1Brown](../references.md#sanderson2017), lesson 1, "But what is a neural network?":
#   the sigmoid squashing a weighted sum into $(0, 1)$ and the bias as a threshold for activity,
#   drawn; and why many modern networks use the ReLU instead.
