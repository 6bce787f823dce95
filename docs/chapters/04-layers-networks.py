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
# # Layers and networks
#
# <div class="nnmath-goals">
#
# **After this chapter** you can write a network as layers applied one after another, count
# its parameters from the shapes of its matrices, and explain why it needs an activation between
# its layers.
#
# </div>
#
# A single sigmoid neuron draws one soft boundary. The [previous chapter](03-sigmoid-neuron.py)
# ended with a *layer*: many neurons side by side, all reading the same input, computed at once
# as $\sigma(W\mathbf{x} + \mathbf{b})$. This chapter does the one thing that turns layers into
# a network: it feeds the output of one layer into the next, again and again. The result is a
# single function $F$ of the input, built entirely from matrix products, additions and
# sigmoids, whose weights and biases we will later tune to fit data.

# %%
import numpy as np

import nnmath as nm

# %% tags=["hide-input"]
from nnmath import notebook as nb
from nnmath import plotting

plotting.setup_notebook()

# %% [markdown]
# ## One layer, once more
#
# A layer takes a vector $\mathbf{a}$ of numbers, the outputs of the layer before it, and
# returns a vector of its own. Counting the layers with $l$ (the next sections do), layer $l$ has
# $n_l$ neurons, so it takes the $n_{l-1}$ numbers of layer $l - 1$ and returns $n_l$ numbers:
#
#
# <div data-definition="layer">
#
# $$
# \mathbf{a} \;\longmapsto\; \sigma(W\mathbf{a} + \mathbf{b}),
# \qquad W \in \mathbb{R}^{n_l\times n_{l-1}},\quad
# \mathbf{b} \in \mathbb{R}^{n_l} .
# $$
#
# </div>
#
#
# Row $j$ of $W$ holds the
# <dfn id="term-weight">weights</dfn> of neuron $j$: its dot product with the input, plus the bias
# $b_j$, is that neuron's weighted input, and $\sigma$ squashes it into $(0, 1)$. Every neuron
# of the layer sees every input, which is why such a layer is called *fully connected*.
#
# The important point for building networks is the shape. The number of columns of $W$ must
# match the length of the input, but the number of rows is ours to choose, and it *is* the
# number of neurons in the layer. A $3\times 2$ weight matrix turns two numbers into three; a
# $2\times 3$ matrix turns three back into two. Choosing the shapes of the weight matrices is
# choosing the architecture of the network.
#
# Here is one layer applied to one point, with weights drawn at random by `nnmath`:

# %%
layer = nm.Network([2, 3], seed=1)  # one layer: 2 inputs, 3 neurons
W, b = layer.weights[0], layer.biases[0]
x = np.array([0.3, 0.7])
print("W has shape", W.shape, " b has shape", b.shape)
print("sigma(W x + b) =", nm.sigmoid(W @ x + b))

# %% [markdown]
# ## Applying it again and again
#
# Nothing stops us from treating the output of a layer as the input of another layer. Names
# help to keep track:
#
# - the **input layer** is the input $\mathbf{x}$ itself; it computes nothing;
# - each
# **<dfn id="term-hidden-layer">hidden layer</dfn>**
# computes $\sigma(W\mathbf{a} + \mathbf{b})$ from the layer before it.
#   "Hidden" because its values are neither given (like the input) nor compared with targets
#   (like the output); the network is free to use them however training finds useful;
# - the **output layer** is the last one; its values are the network's answer $F(\mathbf{x})$.
#
# Each new layer brings its own weight matrix and bias vector. A network with many hidden
# layers is *deep*, which is where the name deep learning comes from.
#
# ## The 2-2-3-2 network
#
# Higham and Higham's classifier, which
# [*Simple Mathematics behind Deep Learning*](../references.md#simple-maths) retells, has two
# inputs (the two
# coordinates of a point of land), two hidden layers with two and three neurons, and two
# outputs. This site numbers the layers from 0 (the input) to $L$ (the output), here $L = 3$,
# and names each weight matrix and bias after the layer it produces, so the whole network is
# the function
#
#
# <div data-definition="network function">
#
# $$
# F(\mathbf{x}) = \sigma\Bigl(W^{3}\,\sigma\bigl(W^{2}\,\sigma(W^{1}\mathbf{x} +
# \mathbf{b}^{1}) + \mathbf{b}^{2}\bigr) + \mathbf{b}^{3}\Bigr),
# \qquad \mathbf{x} \in \mathbb{R}^2,\; F(\mathbf{x}) \in \mathbb{R}^2 .
# $$
#
# </div>
#
#
# The superscripts are labels, not powers. (Higham and Higham number the same layers from 1
# to 4 and write $W^{[2]}, W^{[3]}, W^{[4]}$; their $W^{[l + 1]}$ is our $W^{l}$. The
# [notation page](../notation.md) lists the conventions.)
#
# Read it from the inside out: the innermost bracket is the first hidden layer, and each
# $\sigma(W\,[\dots] + \mathbf{b})$ around it is one more layer. In general, layer $l$ has
# $n_l$ neurons ($n_0 = d$, the inputs), weights $W^l$ of shape $n_l \times n_{l-1}$ and biases
# $\mathbf{b}^l$ of length $n_l$; it turns the activations $\mathbf{a}^{l-1}$ of the layer before
# it into the weighted input $\mathbf{z}^l = W^l\mathbf{a}^{l-1} + \mathbf{b}^l$ and the
# activations $\mathbf{a}^l = \sigma(\mathbf{z}^l)$, starting from $\mathbf{a}^0 = \mathbf{x}$
# and ending with $F(\mathbf{x}) = \mathbf{a}^L$. Here $(n_0, n_1, n_2, n_3) = (2, 2, 3, 2)$.
#
# In `nnmath` the network is `nm.Network([2, 2, 3, 2])`: the list gives the width of every
# layer, input and output included. Its weights and biases are lists with one entry per layer
# of weights, so `net.weights[0]` is $W^{1}$, `net.weights[1]` is $W^{2}$ and
# `net.weights[2]` is $W^{3}$ (Python counts from 0). The shapes below are read off the
# network that `nnmath` built, together with the number of parameters each layer contributes:

# %%
net = nm.Network([2, 2, 3, 2], seed=0)
names = ["1 (hidden)", "2 (hidden)", "3 (output)"]
rows = []
for name, W, b in zip(names, net.weights, net.biases, strict=True):
    params = f"{W.size} + {b.size} = {W.size + b.size}"
    rows.append([name, W.shape, b.shape, params])

# %% tags=["hide-input"]
nb.table(rows, header=["layer", "shape of W", "shape of b", "weights + biases"])

# %% tags=["hide-input"]
counts = [W.size + b.size for W, b in zip(net.weights, net.biases, strict=True)]
nb.Html(
    f"<p>Adding up the parameters of the three layers: {' + '.join(map(str, counts))} = "
    f"<strong>{sum(counts)}</strong> parameters, the same as <code>net.n_params</code> = "
    f"{net.n_params}. A layer $l$ with $n_{{l-1}}$ inputs and $n_l$ neurons has "
    "$n_l\\,n_{l-1}$ weights and $n_l$ biases, so the count grows "
    "with the product of neighbouring widths.</p>"
)

# %% [markdown]
# Every one of these numbers is a knob. Training, the subject of the next chapters, means
# turning all of them at once so that $F$ sends each point of the data to the right answer.
#
# The picture below draws the same network the usual way: a circle per neuron, a line per
# weight. The boxes above each band of connections give that layer's parameter count.

# %% tags=["hide-input"]
nb.figure(
    plotting.network_diagram([2, 2, 3, 2]),
    alt=(
        "Diagram of a network with four layers of 2, 2, 3 and 2 neurons drawn as labelled "
        "circles, each neuron joined by a line to every neuron of the next layer."
    ),
    caption=(
        "The 2-2-3-2 network as layers of neurons. Each line is one weight; each neuron of the "
        "hidden and output layers also has a bias. The labels are computed from the layer "
        "sizes."
    ),
)

# %% [markdown]
# The count depends only on the widths, so it is easy to see how quickly networks grow. A
# few examples, each counted by building the network:

# %%
for sizes in ([2, 2, 3, 2], [2, 2, 3, 1], [2, 20, 20, 2], [784, 30, 10]):
    print(f"{sizes!s:>16}: {nm.Network(sizes, seed=0).n_params:>6} parameters")

# %% [markdown]
# The last one is a classic network for 28×28-pixel images of digits; even with a single
# small hidden layer it has far more parameters than our land classifier.

# %% tags=["hide-input"]
one_output = nm.Network([2, 2, 3, 1])
n_last_one = one_output.weights[2].size + one_output.biases[2].size
n_higham = len(nm.datasets.higham()[0])
n_land20 = len(nm.datasets.land20()[0])
nb.Html(
    '<div class="admonition note"><p class="admonition-title">A note on '
    '<a href="../references.md#simple-maths"><em>Simple Mathematics behind Deep Learning</em></a>'
    "</p><p>That text counts the parameters of this network correctly, but then says "
    "that a point is fertile when $F(\\mathbf{x})$ is close to 1 and infertile when it is close "
    "to 0, as if the network had one output. The parameter count only adds up with "
    f"<em>two</em> outputs: with a single output neuron the last layer would have "
    f"{n_last_one} parameters instead of {net.weights[2].size + net.biases[2].size}, "
    f"and the network {one_output.n_params} in total. This site follows Higham and Higham: two "
    "outputs, target $(1, 0)$ for category A (fertile) and $(0, 1)$ for category B "
    "(infertile), and a point is assigned to the class whose output is larger.</p>"
    f"<p>The text also mentions 20 data points; Higham and Higham's example has {n_higham} "
    "(the next chapter lists them). The package "
    f"has a separate {n_land20}-point set, <code>nm.datasets.land20()</code>, used in "
    "chapter 9.</p></div>"
)

# %% [markdown]
# ## The forward pass in code
#
# Evaluating $F$ is called the *forward pass*: start with the input and apply the layers in
# order. In practice we evaluate many inputs at once. `nnmath` stores a batch of $n$ inputs as
# the **rows** of a matrix $X$ of shape $(n, 2)$. For one column vector the layer computes
# $W\mathbf{a} + \mathbf{b}$; for a batch whose rows are the $\mathbf{a}$'s, transposing gives
# $Z = A\,W^\mathsf{T} + \mathbf{b}$, with $\mathbf{b}$ added to every row. That single line is
# the heart of the code that ran to build this page:

# %% tags=["hide-input"]
nb.tabs(
    {
        "Math": nb.definition(
            r"\mathbf{a}^{0} = \mathbf{x}, \qquad "
            r"\mathbf{a}^{l} = \sigma\bigl(W^{l}\mathbf{a}^{l-1} + \mathbf{b}^{l}\bigr)"
            r"\quad (l = 1, \dots, L), \qquad F(\mathbf{x}) = \mathbf{a}^{L}",
            "forward pass",
        ),
        "NumPy (nnmath)": nb.source(nm.Network.forward_pass),
    }
)

# %% [markdown]
# `forward_pass` keeps every weighted input $Z$ and every
# <dfn id="term-activation">activation</dfn> $A$, because
# backpropagation will need them; `net(X)` (the same as `net.forward(X)`) returns only the
# last activation. The hidden layers use the sigmoid; the output layer uses the network's
# output activation, which is also the sigmoid for this network. Here are the shapes of the
# activations when Higham and Higham's ten points go through the network as one batch:

# %%
X, Y = nm.datasets.higham()
fp = net.forward_pass(X)
for l, A in enumerate(fp.activations):
    print(f"A[{l}] has shape {A.shape}")

# %% [markdown]
# The nested formula and the loop compute the same thing. Writing the formula out literally,
# one `nm.sigmoid` per layer, gives the same outputs as the network:

# %%
(W1, W2, W3), (b1, b2, b3) = net.weights, net.biases
F = nm.sigmoid(nm.sigmoid(nm.sigmoid(X @ W1.T + b1) @ W2.T + b2) @ W3.T + b3)
print("largest difference from net(X):", np.max(np.abs(F - net(X))))
print("F(x) for the first three points:")
print(F[:3])

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (the literal formula equals net(X); the outputs spread by less than 0.01 over the points)
spread = np.ptp(F, axis=0).max()
assert np.abs(F - net(X)).max() < 1e-12 and spread < 0.01, (np.abs(F - net(X)).max(), spread)

# %% [markdown]
# These outputs mean nothing yet: the weights are random, drawn from
# $0.5\cdot \mathcal{N}(0, 1)$ as in
# Higham and Higham, so the network gives nearly the same answer everywhere. Its predicted
# class (the index of the larger output, `net.predict`) for all ten points is:

# %%
print(net.predict(X))

# %% [markdown]
# ## What the sigmoid buys: XOR
#
# [Chapter 2](02-training-perceptron.py) ended with four points that no line separates: XOR,
# where $(0, 1)$ and $(1, 0)$ belong to class 1 and $(0, 0)$ and $(1, 1)$ to class 0. Could
# stacking layers help even without the sigmoid? No: two affine maps in a row are a single
# affine map, so a network without activations draws one straight boundary, however many layers
# it has.

# %% tags=["hide-input"]
nb.derivation("affine-composition")

# %% [markdown]
# With the sigmoid in between, two hidden neurons are enough. Choose the weights by hand: the
# first hidden neuron is close to 1 when at least one input is 1 (an OR), the second when not
# both are (a NAND), and the output neuron fires only when both hidden neurons do (an AND). OR
# and NAND together are exactly XOR:

# %%
X_xor, labels_xor = nm.datasets.xor()
Y_xor = labels_xor[:, np.newaxis].astype(float)
xor_net = nm.Network([2, 2, 1], seed=0)
xor_net.weights[0][...] = [[20.0, 20.0], [-20.0, -20.0]]  # OR, NAND
xor_net.biases[0][...] = [-10.0, 30.0]
xor_net.weights[1][...] = [[20.0, 20.0]]  # AND
xor_net.biases[1][...] = [-30.0]
for point, output in zip(X_xor, xor_net.forward(X_xor)[:, 0], strict=True):
    print(f"x = {point}: F(x) = {output:.5f}")
print("predicted classes:", xor_net.predict(X_xor), " targets:", labels_xor)

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
assert np.array_equal(xor_net.predict(X_xor), labels_xor)

# %% [markdown]
# The figure below is this network, computed in your browser. Choose the input with the
# sliders $x_1$ and $x_2$ and change any weight or bias (each slider is named as its entry:
# $W^1_{jk}$ is row $j$, column $k$ of $W^1$, which the code above holds in
# `xor_net.weights[0][j - 1, k - 1]`). Every neuron shows its weighted input
# $z = W\mathbf{a} + \mathbf{b}$ and its activation $a = \sigma(z)$, the text under the figure
# reads them out layer by layer, and the square on the right is shaded where the network
# outputs class 1. The two layers the page evaluates are
# $\mathbf{z}^l = W^l\mathbf{a}^{l-1} + \mathbf{b}^l$ and $\mathbf{a}^l = \sigma(\mathbf{z}^l)$
# as SymPy writes them, printed as JavaScript when the site is built. Try moving the output
# bias $b^2_1$ from $-30$ to $-10$: the output neuron then computes an OR of the two hidden
# neurons instead of an AND, and since OR or NAND is 1 everywhere the whole square turns to
# class 1.

# %% tags=["hide-input"]
nm.widgets.forward_pass(xor_net, X_xor, labels_xor, x=(0.0, 1.0))

# %% [markdown]
# Weights found by hand do not scale to real problems. The same 2-2-1 network can also *learn*
# XOR from its four points with
# [gradient descent](05-cost-gradient-descent.py#gradient-descent), the method that the next
# chapter defines: it measures the error with the
# [quadratic cost](05-cost-gradient-descent.py#the-cost) (half the squared difference between
# output and target, averaged over the points) and moves every weight and bias again and again a
# little against the cost's gradient, by steps whose length a *learning rate* sets. Starting from
# random weights (drawn from $\mathcal{N}(0, 1)$), 5000 *full-batch* steps (each one computed
# from all four points) with learning rate 2:

# %%
learned = nm.Network([2, 2, 1], seed=1, init_scale=1.0)
history = nm.gradient_descent(learned, X_xor, Y_xor, learning_rate=2.0, steps=5000)
print("outputs:", np.round(learned.forward(X_xor)[:, 0], 3))
print("predicted classes:", learned.predict(X_xor), " final cost:", f"{history.final_cost:.2g}")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
assert np.array_equal(learned.predict(X_xor), labels_xor)
successes = 0
for seed in range(20):
    trial = nm.Network([2, 2, 1], seed=seed, init_scale=1.0)
    nm.gradient_descent(trial, X_xor, Y_xor, learning_rate=2.0, steps=5000)
    successes += bool(np.array_equal(trial.predict(X_xor), labels_xor))
assert 0 < successes < 20, successes
# (the caption: class 0 along the diagonal band, class 1 in the two off-diagonal corners)
probe = np.array([[0.5, 0.5], [0.1, 0.1], [0.9, 0.9], [0.05, 0.95], [0.95, 0.05]])
assert learned.predict(probe).tolist() == [0, 0, 0, 1, 1], learned.predict(probe)
nb.Html(
    f"<p>Not every start succeeds: of 20 random starts (seeds 0 to 19), {successes} learn "
    f"XOR and {20 - successes} end in a local minimum or on a flat stretch of the cost, "
    "classifying only some of the points. The learned network draws two boundaries and cuts "
    "off the two class-1 corners:</p>"
)

# %% tags=["hide-input"]
nb.figure(
    plotting.decision_regions(
        learned,
        X_xor,
        Y_xor,
        title="2-2-1 network trained on XOR",
        class_names=["class 0", "class 1"],
    ),
    alt=(
        "The unit square shaded by the trained network's prediction: a diagonal band from the "
        "bottom-left to the top-right corner is class 0, the two other corners are class 1; the "
        "four XOR points sit in the regions of their own class."
    ),
    caption=(
        "The class the trained 2-2-1 network predicts at each point of the unit square (class 1 "
        "where $F(\\mathbf{x}) \\ge 1/2$), with the four XOR points on top: circles are class 0, "
        "crosses class 1. Class 0 is a band from (0, 0) to (1, 1) "
        "between two boundaries and class 1 lies on either side of it, something no single line "
        "can draw."
    ),
)

# %% [markdown]
# To make $F$ useful we need two things: a number that says how wrong the network is on the
# data, and a way to change the parameters so that this number goes down.
#
# ## Summary
#
# - A network applies layer after layer; the shape of each weight matrix sets the width of the
#   next layer.
# - Without an activation between them, layers collapse: a composition of affine maps is one
#   affine map (derived), so depth adds nothing.
# - With sigmoids in between, a 2-2-1 network computes XOR, which no single perceptron can, with
#   weights chosen by hand, and gradient descent learns it from some random starts but not all.
# - Higham and Higham's network, its parameters counted by `nnmath`:

# %% tags=["hide-input"]
land_net = nm.Network([2, 2, 3, 2])
per_layer = [W.size + b.size for W, b in zip(land_net.weights, land_net.biases, strict=True)]
nb.Html(
    f"<p>The 2-2-3-2 network has {' + '.join(map(str, per_layer))} = {land_net.n_params} "
    "weights and biases, and each is a knob that the next chapters tune.</p>"
)

# %% [markdown]
# ## What's next
#
# [The cost function and gradient descent](05-cost-gradient-descent.py) defines that number,
# the cost, for Higham and Higham's data, and shows how gradient descent walks downhill on it.

# %% [markdown]
# ## Exercises

# %% tags=["hide-input"]
nm.exercises.exercises_html(4)

# %%
from IPython.display import display

display(nm.exercises.check("parameter-count-2232", "3*4 + 4*4 + 4*2"))
display(nm.exercises.check("layer-weight-shape", "[784, 30]"))
display(nm.exercises.check("network-parameter-count", "784*100 + 100*10"))
display(nm.exercises.check("parameter-count-dhk", "(d + 1) h + (h + 1) k"))
nm.exercises.check("layer-forward", "[1/2, 1/(1 + exp(-2))]")


# %% [markdown]
# ## Further reading
#
# Full citations are on the [references page](../references.md).
#
# - [Higham and Higham (2019)](../references.md#higham2019), sections 2 and 3: the 2-2-3-2 network
#   of this chapter and the general layer-by-layer set-up.
# - [Nielsen (2015)](../references.md#nielsen2015), chapter 1, "The architecture of neural
#   networks": input, hidden and output layers, with a network for digit images.
# - [*Dive into Deep Learning*](../references.md#zhang2023), section "Multilayer Perceptrons": why
#   stacking affine maps without a nonlinearity adds nothing, and the same model in a
#   deep-learning library.
# - [3Blue1Brown](../references.md#sanderson2017), lesson 1, "But what is a neural network?":
#   layers as a picture, and a network's parameters counted for a digit classifier.
# - [Parr and Howard (2018)](../references.md#parr2018), "Introduction": a neuron's activation
#   as a dot product plus a bias, and the step from single neurons to layers of them that makes
#   vectors and matrices the natural language.
