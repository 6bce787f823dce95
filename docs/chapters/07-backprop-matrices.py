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
# # Backpropagation with matrices
#
# <div class="nnmath-goals">
#
# **After this chapter** you can use the four equations of backpropagation in matrix form,
# check a gradient against finite differences, and explain why deep sigmoid networks learn
# slowly and how the initial weight scale helps.
#
# </div>
#
# The [previous chapter](06-backprop-chain-rule.py) followed the chain rule through two neurons,
# one number at a time. Real layers have many neurons, every neuron of one layer feeds every
# neuron of the next, and writing out each path by hand stops being practical. Linear algebra
# packs all those paths into a few matrix products. This chapter introduces the vocabulary
# (gradients, Jacobians, vector–Jacobian products, the Hadamard product), derives the four
# equations of <dfn id="term-backpropagation">backpropagation</dfn>, and checks the code that
# implements them in three independent ways.

# %%
import numpy as np
import sympy

import nnmath as nm
from nnmath import symbolic
from nnmath.symbolic.backprop import verify_backprop

# %% tags=["hide-input"]
# isort: split

from nnmath import notebook as nb
from nnmath import plotting

plotting.setup_notebook()


# %% [markdown]
# ## Gradients and Jacobians
#
# For a function $f:\mathbb{R}^d \to \mathbb{R}$ of several variables, the
# **<dfn id="term-gradient">gradient</dfn>** collects
# the partial derivatives into a vector:
#
#
# <div data-definition="gradient">
#
# $$
# \nabla f(\mathbf{x}) = \Bigl(\frac{\partial f}{\partial x_1}, \dots,
# \frac{\partial f}{\partial x_d}\Bigr)^\mathsf{T}.
# $$
#
# </div>
#
#
# The cost of a network is such a function of all its parameters, and its gradient is what
# gradient descent steps against. For a function with several *outputs*,
# $\mathbf{f}:\mathbb{R}^d \to \mathbb{R}^m$, each output has a gradient, and stacking them as
# rows gives the $m \times d$ **<dfn id="term-jacobian">Jacobian matrix</dfn>**
#
#
# <div data-definition="Jacobian">
#
# $$
# J_{\mathbf{f}}(\mathbf{x}) =
# \begin{pmatrix}
# \partial f_1/\partial x_1 & \cdots & \partial f_1/\partial x_d \\
# \vdots & & \vdots \\
# \partial f_m/\partial x_1 & \cdots & \partial f_m/\partial x_d
# \end{pmatrix},
# \qquad (J_{\mathbf{f}})_{ij} = \frac{\partial f_i}{\partial x_j}.
# $$
#
# </div>
#
#
# Row $i$ says how output $i$ responds to each input; column $j$ says how every output responds
# to input $j$. A gradient, written as a row, is the Jacobian of a function with one output.
#
# The **chain rule for Jacobians** is the chain rule of one variable with products of numbers
# replaced by products of matrices: for a composition $\mathbf{f}\circ\mathbf{g}$,

# %% tags=["hide-input"]
nb.derivation("jacobian-chain-rule")

# %% [markdown]
# Entry $(i, j)$ of the product is $\sum_k \frac{\partial f_i}{\partial g_k}
# \frac{\partial g_k}{\partial x_j}$: a sum over every intermediate variable through which
# $x_j$ can influence $f_i$. That sum over paths is exactly what the scalar picture of the
# previous chapter lacked.
#
# ## The Jacobian of a layer
#
# A layer $\mathbf{a} \mapsto \sigma(W\mathbf{a} + \mathbf{b})$ is the composition of two simple
# maps. The affine map $\mathbf{a} \mapsto W\mathbf{a} + \mathbf{b}$ has Jacobian $W$ (it is
# linear plus a constant). The sigmoid acts on each component separately, so output $i$
# depends only on input $i$ and its Jacobian is the diagonal matrix
# $\operatorname{diag}(\sigma'(\mathbf{z}))$. By the chain rule the layer's Jacobian is their
# product. Here it is for the second layer of a 2-2-3-2 network, compared with a
# finite-difference Jacobian computed column by column:

# %%
net = nm.Network([2, 2, 3, 2], seed=0)
W, b = net.weights[1], net.biases[1]  # the 3 x 2 middle layer
a = np.array([0.4, 0.7])
z = W @ a + b
J_chain = np.diag(nm.sigmoid_prime(z)) @ W


def layer(a):
    return nm.sigmoid(W @ a + b)


eps = 1e-6
J_numeric = np.column_stack(
    [(layer(a + eps * e) - layer(a - eps * e)) / (2 * eps) for e in np.eye(2)]
)
print("diag(sigma'(z)) @ W =")
print(J_chain)
print("max |J_chain - J_numeric|:", np.abs(J_chain - J_numeric).max())

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
assert np.abs(J_chain - J_numeric).max() < 1e-8, np.abs(J_chain - J_numeric).max()

# %% [markdown]
# ## The Hadamard product
#
# Multiplying by a diagonal matrix is wasteful: $\operatorname{diag}(\mathbf{u})\,\mathbf{v}$
# multiplies $\mathbf{v}$ component by component by $\mathbf{u}$ and adds a great many zeros.
# The component-wise product has its own name and symbol, the
# **<dfn id="term-hadamard-product">Hadamard product</dfn>**,
#
#
# <div data-definition="Hadamard product">
#
# $$
# (\mathbf{u}\odot\mathbf{v})_i = u_i v_i ,
# $$
#
# </div>
#
#
# and in NumPy it is plain `u * v`. It is how the derivative of an element-wise activation
# enters backpropagation: never as a matrix, always as a component-wise product.

# %%
u, v = nm.sigmoid_prime(z), np.array([1.0, -2.0, 0.5])
print("diag(u) @ v =", np.diag(u) @ v)
print("u * v       =", u * v)

# %% [markdown]
# ## Vector–Jacobian products
#
# The cost $C$ is a single number at the end of a long chain
# $\mathbf{x} \to \mathbf{a}^1 \to \mathbf{a}^2 \to \dots \to \mathbf{a}^L \to C$. By the chain
# rule for Jacobians, its gradient with respect to an early layer is a product of Jacobians,
# one per link. Matrix multiplication is associative, so we may multiply in any order, but the
# orders cost very different amounts of work:
#
# - **right to left** (from the input), each step multiplies two matrices, and the intermediate
#   result is a full Jacobian of a layer's activations with respect to something early in the
#   network;
# - **left to right** (from the cost), the first factor is the gradient of the single number
#   $C$, a row vector, and a row vector times a matrix is again a row vector. Every step is a
#   cheap **vector–Jacobian product**, and no Jacobian of two layers is ever formed.
#
# Backpropagation is the second order. Both give the same numbers; here is the gradient of the
# cost with respect to the *input* of the 2-2-3-2 network (a quantity backpropagation passes
# through on its way), computed both ways:

# %%
x, y = np.array([0.3, 0.6]), np.array([1.0, 0.0])
fp = net.forward_pass(x[np.newaxis, :])
zs = [z[0] for z in fp.zs]  # one sample: drop the batch axis
layers = zip(zs, net.weights, strict=True)
jacobians = [np.diag(nm.sigmoid_prime(z)) @ W for z, W in layers]
g = fp.activations[-1][0] - y  # gradient of the cost with respect to the output

full = jacobians[2] @ jacobians[1] @ jacobians[0]  # input-to-output Jacobian
print("full Jacobian first:     ", g @ full)
row = g
for J in reversed(jacobians):  # one vector-Jacobian product per layer
    row = row @ J
print("vector-Jacobian products:", row)

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
assert np.allclose(g @ full, row, rtol=1e-10, atol=0), (g @ full, row)

# %% [markdown]
# For this tiny network the difference in work is invisible. It is not for a realistic one.
# The table below counts multiplications for a network with 784 inputs (a 28×28 image), hidden
# layers of 128 and 64 neurons, and 10 outputs. It also lists how large the Jacobian of each
# layer's output with respect to that layer's *weights* would be if we formed it, against what
# backpropagation actually stores: the error vector of the layer and the gradient of its weight
# matrix.

# %%
sizes = [784, 128, 64, 10]
rows = []
for l in range(1, len(sizes)):
    n_out, n_in = sizes[l], sizes[l - 1]
    dense = n_out * (n_out * n_in)  # one row per output, one column per weight
    grad = n_out * n_in
    rows.append([l, f"{n_out} × {n_in}", f"{dense:,}", n_out, f"{grad:,}"])

# %% tags=["hide-input"]
nb.table(rows, header=["layer", "W", "dense ∂a/∂W", "δ", "∂C/∂W"])

# %%
n = sizes  # J_1 is n[1] x n[0], J_2 is n[2] x n[1], J_3 is n[3] x n[2]
right_to_left = n[2] * n[1] * n[0] + n[3] * n[2] * n[0] + n[3] * n[0]
left_to_right = n[3] * n[2] + n[2] * n[1] + n[1] * n[0]
print(f"full Jacobians first:     {right_to_left:>10,} multiplications")
print(f"vector-Jacobian products: {left_to_right:>10,} multiplications")
print(f"ratio: {right_to_left / left_to_right:.0f}")

# %% [markdown]
# The dense Jacobian with respect to the weights is almost entirely zeros: weight $w_{jk}$
# only touches neuron $j$. Backpropagation never builds it. The error vector of the layer and
# the activations of the layer before it contain all the information, and their outer product
# is the gradient of the weights.
#
# ## The four equations
#
# Number the weight layers $1, \dots, L$, with $\mathbf{a}^0 = \mathbf{x}$, and write each
# layer and the cost as
#
#
# <div data-definition="network and cost">
#
# $$
# \mathbf{z}^l = W^l\mathbf{a}^{l-1} + \mathbf{b}^l, \qquad
# \mathbf{a}^l = \sigma(\mathbf{z}^l), \qquad
# C = \tfrac12\,\bigl\|\mathbf{a}^L - \mathbf{y}\bigr\|^2 .
# $$
#
# </div>
#
#
# Chapter 6 wrote the layer as a subscript ($w_2$, $\delta_1$) because each of its layers held
# one number; here a layer holds a vector, so the layer moves up into a superscript ($W^l$,
# $\boldsymbol\delta^l$) and a subscript numbers an entry ($\delta^l_j$). As in the previous
# chapter, the **<dfn id="term-error">error</dfn>** of layer $l$ is the gradient of the cost with
# respect to its weighted inputs, $\boldsymbol\delta^l = \partial C/\partial\mathbf{z}^l$. The
# derivation below gives the output error (BP1), the rule that carries an error one layer back
# (BP2), and the gradients of the biases and weights (BP3, BP4). BP1 comes in two forms. The
# general one, $\boldsymbol\delta^L = \nabla_{\mathbf{a}} C \odot \sigma'(\mathbf{z}^L)$, holds
# for any cost of the output $\mathbf{a}^L$; the quadratic cost above makes its first factor
# $\mathbf{a}^L - \mathbf{y}$, and that second form is the one this chapter's networks and
# code use. BP2 to BP4 do not involve the cost at all. SymPy then proves every entry for the
# 2-2-3-2 network with the quadratic cost, one layer at a time, with the next layer's errors as
# free symbols.

# %% tags=["hide-input"]
nb.derivation("backprop")

# %% tags=["hide-input"]
d = symbolic.derive("backprop")
nb.Html(
    f"<p>That is {d.data['partials']} weight and bias partials and {d.data['deltas']} error "
    f"terms of the {'-'.join(map(str, d.data['sizes']))} network, each proved by SymPy. "
    "Read against the previous sections: BP1 is the gradient of the cost with respect to the "
    "output, passed through the sigmoid with a Hadamard product (for the quadratic cost that "
    "gradient is $\\mathbf{a}^L - \\mathbf{y}$); BP2 is one vector–Jacobian "
    "product through the layer above (its weight matrix, transposed because the error travels "
    "backwards) followed by a Hadamard product with $\\sigma'$; BP3 and BP4 read the "
    "parameters' gradients off the error, BP4 as an outer product with the layer's input.</p>"
)

# %% [markdown]
# ## The code that ran
#
# `nnmath` stores a batch with one sample per **row**, so the matrices in the code are the
# transposes of the column-vector formulas: the errors of a batch form a matrix `delta` of shape
# `(n, width)`, BP2 becomes `delta @ W` followed by an element-wise product, and BP4 summed over
# the batch becomes `delta.T @ A`. The cost is the mean over the batch, hence the division by
# `n`. The tabs show the equations next to the method that computed every gradient on this site.

# %% tags=["hide-input"]
# The matrix-form steps of the derivation, each with the name shown in the tab.
shown = {
    "BP1 as vectors": "BP1 (any cost)",
    "BP1 for the quadratic cost, as vectors": "BP1 (quadratic cost)",
    "BP2 as vectors": "BP2",
    "BP3 as vectors": "BP3",
    "BP4 as a matrix": "BP4",
}
equations = [(shown[s.label], s.latex) for s in d.steps if s.label in shown]
assert len(equations) == len(shown), [s.label for s in d.steps]
nb.tabs(
    {
        "Math": nb.derived(
            "backprop",
            nb.math(
                r"\begin{aligned}"
                + r" \\ ".join(rf"\text{{{name}}}\quad & {tex}" for name, tex in equations)
                + r"\end{aligned}"
            ),
        ),
        "NumPy (nnmath)": nb.source(nm.Network.backward),
        "forward pass": nb.source(nm.Network.forward_pass),
    }
)

# %% [markdown]
# ## Checking the code
#
# A symbolic proof says the equations are right; it does not say the code implements them
# correctly. Two numerical checks close that gap. The first compares the network's gradient
# for one sample with every partial derivative that SymPy obtains by differentiating the
# fully composed cost, turned into a NumPy function:

# %%
d = symbolic.derive("backprop")
gradient = d.formulas["gradient"]  # the composed partials, lambdified
X, Y = nm.datasets.higham()
point = np.concatenate([X[0], Y[0], net.get_params()])
from_sympy = gradient.evaluate(point[np.newaxis, :])[0]
from_network = net.gradient_vector(X[:1], Y[:1])
error = np.abs(from_network - from_sympy).max() / np.abs(from_sympy).max()
print("partials compared:", from_sympy.size)
print("largest difference, relative to the largest partial:", error)

# %% [markdown]
# The second needs no calculus at all: nudge each parameter up and down, recompute the cost on
# all ten of Higham and Higham's points, and compare the slope with backpropagation
# (`nm.gradcheck`, which uses a fourth-order central difference). It returns the largest
# relative error over all parameters:

# %%
print("gradcheck on the land data:", nm.gradcheck(net, X, Y))

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (SymPy and the network agree to rounding; gradcheck "around 1e-9 or smaller")
assert error < 1e-12 and nm.gradcheck(net, X, Y) < 1e-8, (error, nm.gradcheck(net, X, Y))

# %% [markdown]
# A correct float64 gradient gives a relative error around $10^{-9}$ or smaller; a wrong index
# or a missing transpose gives errors of order one. The build runs these checks, and the
# symbolic proofs, for several networks:

# %% tags=["hide-input"]
nb.checked(
    "backprop-vs-symbolic",
    "gradcheck-sigmoid-quadratic",
    "symbolic-backprop",
    "backprop-layerwise-10-layers",
)

# %% [markdown]
# ## Deep networks: the vanishing gradient
#
# BP2 passes the error down one layer at a time, and each layer multiplies it by its weights and
# by $\sigma'$. Follow that through a chain with one neuron per layer and the factors pile up.
# How large can each factor $\sigma'$ be? The derivation answers it and bounds the product:

# %% tags=["hide-input"]
nb.derivation("vanishing-gradient")

# %% [markdown]
# The bound is about one neuron per layer; real layers mix many. So we measure. Take a network
# with ten weight layers (8 inputs, nine hidden layers of 16 sigmoid neurons, one sigmoid
# output), 100 random inputs with random targets, and record the size of each layer's error.
# The layers differ in width (16 neurons in each hidden layer, one at the output), so we
# measure the error *per neuron*, as the root mean square of its $n_l$ entries,
# $\|\boldsymbol\delta^l\|/\sqrt{n_l}$; for layers of equal width this compares exactly as
# the norms do. BP3 gives a way to read the error off without new code: for a single sample
# the gradient of the biases *is* the error, $\partial C/\partial\mathbf{b}^l =
# \boldsymbol\delta^l$.

# %%
sizes = [8] + [16] * 9 + [1]
rng = np.random.default_rng(0)
X_deep = rng.standard_normal((100, sizes[0]))
Y_deep = rng.random((100, 1))


def error_norms(net):
    """‖δ^l‖/√n_l for l = 1..L: the geometric mean over the samples of the root mean square
    of ∂C/∂b^l (BP3), the error per neuron of each layer."""
    norms = []
    for x, y in zip(X_deep, Y_deep, strict=True):
        _, db = net.gradient(x[np.newaxis], y[np.newaxis])
        norms.append([np.linalg.norm(g) / np.sqrt(g.size) for g in db])
    return np.exp(np.log(norms).mean(axis=0))


def deep_network(hidden, scale):
    """Weights and biases drawn from 𝒩(0, 1), then scaled: "0.5" as in chapter 5, or a
    per-layer scale from the numbers of inputs and outputs of the layer (biases then start
    at 0)."""
    net = nm.Network(sizes, hidden=hidden, output="sigmoid", seed=0, init_scale=1.0)
    for W, b in zip(net.weights, net.biases, strict=True):
        fan_out, fan_in = W.shape
        factor = {
            "0.5": 0.5,
            "LeCun": np.sqrt(1 / fan_in),
            "Glorot": np.sqrt(2 / (fan_in + fan_out)),
            "He": np.sqrt(2 / fan_in),
        }
        W *= factor[scale]
        b *= 0.5 if scale == "0.5" else 0.0
    return net


sigmoid_norms = error_norms(deep_network("sigmoid", "0.5"))
for layer, norm in enumerate(sigmoid_norms, start=1):
    print(f"layer {layer:2d}: ‖δ‖/√n = {norm:.2e}")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (layers 1 to 9 have the same width; the error per neuron grows from each to the next)
shrink = sigmoid_norms[0] / sigmoid_norms[-2]
per_layer = shrink ** (1 / (len(sizes) - 3))
assert shrink < 1e-2 and np.all(np.diff(sigmoid_norms[:-1]) > 0), sigmoid_norms
assert 1 / per_layer < 4, per_layer  # less than the one-neuron bound's fourfold
nb.Html(
    "<p>Down the nine hidden layers, all 16 neurons wide, the error per neuron shrinks at "
    f"every layer, by a factor of {1 / shrink:,.0f} from layer 9 to layer 1 (on average "
    f"{1 / per_layer:.1f} per layer). That is less than the fourfold of the one-neuron "
    "bound: with 16 neurons, BP2 adds 16 terms of the form $w\\,\\sigma'$, so a layer's "
    "factor is not bounded by a single $|w|/4$.</p>"
)

# %% [markdown]
# The gradients of the first layers' weights (BP4) shrink with the error: gradient descent
# barely moves them, and the first layers learn far more slowly than the last. This is the
# **vanishing gradient**, analysed by [Hochreiter (1991)](../references.md#hochreiter1991) and
# by [Bengio, Simard and Frasconi (1994)](../references.md#bengio1994) for recurrent networks,
# which are deep in time, and one of the reasons deep sigmoid networks were hard to train
# ([Glorot and Bengio, 2010](../references.md#glorot2010)).

# %% [markdown]
# ## Other activations: tanh and the ReLU
#
# The remedy starts with the activation. The hyperbolic tangent is a sigmoid stretched to the
# range $(-1, 1)$, and its slope reaches 1:

# %% tags=["hide-input"]
nb.derivation("tanh")

# %% [markdown]
# The rectified linear unit (ReLU) $\max(0, x)$ is simpler still: its slope is 1 wherever it is
# active, so BP2 passes the error through an active neuron unchanged except for the weights. At
# $x = 0$ itself it has no derivative; the last step below records the value that `nnmath`'s
# backward pass uses there, and a check under the derivation compares that code with it.

# %% tags=["hide-input"]
nb.derivation("relu")

# %% [markdown]
# The weights matter as much as the activation: the factor per layer is a weight times a slope.
# We repeat the measurement for each activation and four scales of the initial weights, $W$
# drawn from $\mathcal{N}(0, 1)$ and multiplied by:
#
# - $0.5$, as in chapter 5 (with the biases drawn and scaled the same way);
# - $\sqrt{1/n_\text{in}}$, where $n_\text{in}$ is the number of inputs of each neuron, so
#   that its weighted input keeps the spread of its inputs: the rule of
#   [LeCun et al. (1998)](../references.md#lecun1998) for tanh-like activations;
# - $\sqrt{2/(n_\text{in} + n_\text{out})}$, the compromise between the forward and the
#   backward pass of [Glorot and Bengio (2010)](../references.md#glorot2010), also derived
#   for tanh;
# - $\sqrt{2/n_\text{in}}$, the rule of [He et al. (2015)](../references.md#he2015) for the
#   ReLU, whose factor 2 makes up for the ReLU setting about half of its inputs to zero.
#
# At the last three scales the biases start at 0. The table gives the error per neuron of the
# first layer divided by that of the ninth, the last hidden layer (both 16 wide): below 1 the
# error vanishes on its way down through the hidden layers, above 1 it grows.

# %%
scales = ["0.5", "LeCun", "Glorot", "He"]
activations = ["sigmoid", "tanh", "relu"]
norms = {(h, s): error_norms(deep_network(h, s)) for h in activations for s in scales}
ratio = {key: value[0] / value[-2] for key, value in norms.items()}  # layer 1 against layer 9

# %% tags=["hide-input"]
nb.table(
    [[h] + [f"{ratio[h, s]:.2g}" for s in scales] for h in activations],
    header=["hidden activation", *(f"weights: {s}" for s in scales)],
)

# %% tags=["hide-input"]
# The text below states these outcomes; the build fails if they change.
relu_output_error = norms["relu", "0.5"][-1]
hidden = slice(0, len(sizes) - 2)  # layers 1 to 9
assert all(ratio["sigmoid", s] < 1e-2 for s in scales), ratio
assert 0.5 < ratio["tanh", "0.5"] < 2 and 0.2 < ratio["relu", "He"] < 2, ratio
assert all(0.1 < ratio["tanh", s] < min(ratio["tanh", "0.5"], 1) for s in ("LeCun", "Glorot"))
assert ratio["relu", "LeCun"] < 0.1 and relu_output_error < 1e-4 * norms["tanh", "0.5"][-1]
# (the figure's caption: the sigmoid's error falls layer by layer at every scale drawn)
assert all(np.all(np.diff(norms["sigmoid", s][hidden]) > 0) for s in scales), norms
nb.Html(
    "<p>The sigmoid loses the error whatever the scale (at best the first layer keeps "
    f"{max(ratio['sigmoid', s] for s in scales):.2g} of the ninth's error per neuron): a factor "
    "of at most 1/4 per layer cannot be made up by weights that are not large. With tanh at "
    "the 0.5 scale there is no geometric decay through the hidden layers: the first layer's "
    f"error per neuron is {ratio['tanh', '0.5']:.2f} times the ninth's. At LeCun's and Glorot's "
    "scales, which keep tanh's weighted inputs small, the error still shrinks, though slowly "
    f"(by factors of {1 / ratio['tanh', 'LeCun']:.1f} and {1 / ratio['tanh', 'Glorot']:.1f} over "
    "eight layers): tanh's slope is below 1 away from 0, and weights that only preserve the "
    "spread do not make up for it. For the ReLU, He's scale, made for it, keeps the error "
    f"within a small factor ({ratio['relu', 'He']:.2f}); at LeCun's scale the ReLU network "
    f"loses a factor {1 / ratio['relu', 'LeCun']:.0f}, and at the large scale 0.5 its "
    "activations grow from layer to layer until the sigmoid output saturates: its output "
    f"error is only {relu_output_error:.1e}, so its ratio of {ratio['relu', '0.5']:.2g} in the "
    "table compares two tiny numbers, and nothing useful reaches any layer. One network, one "
    "set of inputs and one seed: the numbers show what scale and activation can do, not which "
    "is best in general.</p>"
)

# %% tags=["hide-input"]
fig = plotting.layer_profiles(
    {
        f"weights: {scale}": {
            h: norms[h, scale][hidden] / norms[h, scale][hidden][-1] for h in activations
        }
        for scale in ("0.5", "LeCun", "He")
    },
    ylabel="‖δˡ‖ / ‖δ⁹‖",
)
nb.figure(
    fig,
    alt=(
        "Three line charts on a logarithmic axis, the error per neuron of each hidden layer "
        "relative to the ninth layer's, against the layer number 1 to 9. The sigmoid line falls "
        "steeply towards layer 1 in all three. Weights times 0.5: tanh stays near 1 and the "
        "ReLU line rises towards layer 1. LeCun's scale: tanh falls gently, ReLU steeply. He's "
        "scale: tanh and ReLU both stay within a small factor of 1."
    ),
    caption=(
        "The error per neuron of each hidden layer relative to the ninth (the last hidden "
        "layer; all nine are 16 neurons wide), for a ten-layer network with sigmoid, tanh or "
        "ReLU hidden layers, at three scales of the initial weights (log scale). The sigmoid's "
        "error falls at every layer towards the first; tanh keeps it at the 0.5 scale and the "
        "ReLU at He's."
    ),
)

# %% [markdown]
# ## Why these scales: the variance argument
#
# Where do the three rules come from? Mainly from asking the forward pass to keep the spread of
# the weighted inputs the same from layer to layer (Glorot and Bengio's rule also weighs the
# same demand on the backward pass): if
# $z^l$ grows layer after layer the activations saturate (or explode, for the ReLU), and if it
# shrinks they all collapse to the same value. At the start of training the weights are random,
# so the spread of $z$ is a variance, and under stated independence assumptions it has a short
# formula. For any number of inputs $n_\text{in}$ (the fan-in), SymPy proves the algebra that
# follows from the assumptions. The expansion of the square applies two theorems of probability
# (cited there).
# The rules themselves are proved only as conditions ("if $\mathbb{E}[a^2] = q$, then
# $1/n_\text{in}$ keeps $q$"): the approximations that make the conditions hold, such as
# $\tanh z \approx z$ near 0, are stated but not proved.

# %% tags=["hide-input"]
nb.derivation("weight-initialisation")

# %% [markdown]
# The three rules differ in what they assume about $\mathbb{E}[a^2]$, the second moment of a
# neuron's inputs. For tanh near 0, $a \approx z$ and $\mathbb{E}[a^2] \approx
# \operatorname{Var}(z)$: hence $1/n_\text{in}$ ([LeCun et al., 1998](../references.md#lecun1998))
# and, balancing the backward pass, $2/(n_\text{in} + n_\text{out})$
# ([Glorot and Bengio, 2010](../references.md#glorot2010)). For the ReLU only half of the
# second moment survives, hence $2/n_\text{in}$ ([He et al., 2015](../references.md#he2015)).
# The scales of the table above are the square roots of these variances, evaluated for each
# layer:

# %%
rules = symbolic.derive("weight-initialisation")
n_in_sym, n_out_sym = rules.symbols["n_in"], rules.symbols["n_out"]
variance_rule = {
    scale: sympy.lambdify((n_in_sym, n_out_sym), rules.data[key])
    for scale, key in (("LeCun", "lecun"), ("Glorot", "glorot"), ("He", "he"))
}
variance_rule["0.5"] = lambda fan_in, fan_out: 0.25  # (0.5)² whatever the layer
for scale in scales:
    print(f"{scale:>6}: Var(w) = {variance_rule[scale](16, 16):.4g} for a 16 → 16 layer")

# %% tags=["hide-input"]
# The scales drawn by deep_network above are the square roots of the derived variances.
for scale in scales:
    drawn = deep_network("tanh", scale)
    start = nm.Network(sizes, hidden="tanh", output="sigmoid", seed=0, init_scale=1.0)
    for W, W0 in zip(drawn.weights, start.weights, strict=True):
        fan_out, fan_in = W.shape
        assert np.allclose(W, W0 * np.sqrt(variance_rule[scale](fan_in, fan_out)), rtol=1e-14)

# %% [markdown]
# Now the measurement. For each scale we draw 20 networks of the shape above (seeds 0 to 19),
# with tanh and with ReLU hidden layers, feed them 1000 inputs drawn from $\mathcal{N}(0, 1)$,
# and record the variance of the weighted inputs of every hidden layer over all inputs and
# neurons, averaged over the 20 networks. Next to it, the right-hand side of the formula,
# $n_\text{in}\operatorname{Var}(w)\,\mathbb{E}[a^2]$, with $\mathbb{E}[a^2]$ measured on the
# activations that feed the layer.

# %%
X_spread = np.random.default_rng(1).standard_normal((1000, sizes[0]))
n_networks = 20


def spread(hidden, scale):
    """Var(z^l) for the nine hidden layers, and the formula's n_in Var(w) E[a²] for them,
    each averaged over n_networks networks."""
    measured, formula = [], []
    for seed in range(n_networks):
        net = nm.Network(sizes, hidden=hidden, output="sigmoid", seed=seed, init_scale=1.0)
        for W, b in zip(net.weights, net.biases, strict=True):
            W *= np.sqrt(variance_rule[scale](W.shape[1], W.shape[0]))
            b *= 0.5 if scale == "0.5" else 0.0
        fp = net.forward_pass(X_spread)
        hidden_z = fp.zs[:-1]
        inputs = fp.activations[: len(hidden_z)]  # a^(l−1) feeds z^l
        measured.append([z.var() for z in hidden_z])
        formula.append(
            [
                W.shape[1] * variance_rule[scale](W.shape[1], W.shape[0]) * np.mean(a**2)
                for W, a in zip(net.weights[:-1], inputs, strict=True)
            ]
        )
    return np.mean(measured, axis=0), np.mean(formula, axis=0)


spreads = {(h, s): spread(h, s) for h in ("tanh", "relu") for s in scales}
agreement = np.array([m / f for m, f in spreads.values()])
print(
    "measured Var(z) / formula, every layer, scale and activation:",
    f"{agreement.min():.2f} to {agreement.max():.2f}",
)


def per_layer_factor(values):
    """Geometric mean of Var(z^(l+1)) / Var(z^l) over layers 2 to 9 (all 16 → 16)."""
    return (values[-1] / values[1]) ** (1 / (len(values) - 2))


relu_predicted = {s: 16 * variance_rule[s](16, 16) / 2 for s in scales}  # n_in Var(w) · ½
factor_rows = [
    [
        s,
        f"{relu_predicted[s]:.2g}",
        f"{per_layer_factor(spreads['relu', s][0]):.2f}",
        f"{per_layer_factor(spreads['tanh', s][0]):.2f}",
    ]
    for s in scales
]
for row in factor_rows:
    print(row)

# %% tags=["hide-input"]
nb.table(factor_rows, header=["weights", "ReLU, predicted", "ReLU, measured", "tanh, measured"])

# %% tags=["hide-input"]
# The text below states these outcomes; the build fails if they change.
# (formula within 20 % at every layer; ReLU factors within 15 % of the prediction; tanh's
# variance falls at LeCun's and Glorot's scales and stays within a factor 1.5 at 0.5)
relu_factor = {s: per_layer_factor(spreads["relu", s][0]) for s in scales}
tanh_factor = {s: per_layer_factor(spreads["tanh", s][0]) for s in scales}
assert agreement.min() > 0.8 and agreement.max() < 1.2, agreement
assert all(abs(relu_factor[s] / relu_predicted[s] - 1) < 0.15 for s in scales), relu_factor
assert tanh_factor["LeCun"] < 0.9 and tanh_factor["Glorot"] < 0.9, tanh_factor
tanh_half = spreads["tanh", "0.5"][0]
assert tanh_half.max() / tanh_half.min() < 1.5, tanh_half
nb.Html(
    "<p>Layer by layer the measured variance is within "
    f"{max(1 - agreement.min(), agreement.max() - 1):.0%} of "
    "$n_\\text{in}\\operatorname{Var}(w)\\,\\mathbb{E}[a^2]$. The formula is an expectation "
    "over random weights, and 20 networks with 16 inputs per neuron reach it only "
    "approximately. The table gives the factor by which the variance changes per layer "
    "through the hidden layers (a geometric mean over layers 2 to 9). For the ReLU the "
    "predicted factor is $n_\\text{in}\\operatorname{Var}(w)/2$: the scale 0.5 should double "
    f"the variance at every layer and multiplies it by {relu_factor['0.5']:.2f}; LeCun's and "
    f"Glorot's should halve it and multiply it by {relu_factor['LeCun']:.2f} and "
    f"{relu_factor['Glorot']:.2f} (here $n_\\text{{in}} = n_\\text{{out}}$, so the two rules "
    f"agree); He's should keep it and multiplies it by {relu_factor['He']:.2f}, far from the "
    "halving at the other two rules. At the scale 0.5 the biases are drawn too, with "
    "$\\operatorname{Var}(b) = 0.5^2 = 0.25$, which adds a term $\\operatorname{Var}(b)$ to "
    "$\\operatorname{Var}(z)$ that the formula (biases 0, step 1) and the predicted factor "
    "both leave out, and that can only raise the factor; the other scales start the biases at "
    "0. For tanh, LeCun's and "
    "Glorot's rules keep the variance only as long as tanh is nearly linear; tanh squashes "
    "its large inputs, so "
    "$\\mathbb{E}[\\tanh(z)^2] < \\operatorname{Var}(z)$, and the variance shrinks on "
    f"average per layer (by factors {tanh_factor['LeCun']:.2f} and "
    f"{tanh_factor['Glorot']:.2f}). At the larger scale 0.5, "
    "$n_\\text{in}\\operatorname{Var}(w) = 16 \\cdot 0.25 = 4$ in the hidden layers would "
    "make the variance grow fourfold per layer if tanh were linear, and its squashing cancels "
    "that growth: the variance stays between "
    f"{tanh_half.min():.2f} and {tanh_half.max():.2f} through the nine layers, which fits "
    "tanh keeping its error best at that scale in the table above. The argument is about the "
    "start of training and about averages over random weights; it says nothing of a trained "
    "network.</p>"
)

# %% tags=["hide-input"]
fig = plotting.layer_profiles(
    {
        f"{'ReLU' if hidden == 'relu' else hidden} hidden layers": {
            f"weights: {s}": spreads[hidden, s][0] for s in scales
        }
        for hidden in ("tanh", "relu")
    },
    ylabel="Var(zˡ)",
)
nb.figure(
    fig,
    alt=(
        "Two line charts on a logarithmic axis of the variance of the weighted inputs against "
        "the layer number 1 to 9, one line per weight scale. Left, tanh: the 0.5 scale stays "
        "level near 2, the other scales fall. Right, ReLU: the 0.5 scale rises steeply, LeCun's "
        "and Glorot's fall steeply, He's falls only slowly."
    ),
    caption=(
        "The variance of $z^l$ in each hidden layer at the start, over 1000 random inputs and "
        "averaged over 20 random networks, for four scales of the initial weights (log scale). "
        "With ReLU hidden layers the variance changes by the factor "
        "$n_\\text{in}\\operatorname{Var}(w)/2$ per layer that the derivation predicts, "
        "and only He's scale keeps it nearly level. With tanh the rules made for the linear regime "
        "let it shrink; the larger scale 0.5 holds it level."
    ),
)

# %% [markdown]
# ## Why the proof goes layer by layer
#
# There are two ways to prove the equations with SymPy. The obvious one is to build the fully
# composed cost, differentiate it by every parameter and compare with the backpropagation
# formulas ("composed"). The other proves the equations one layer at a time: it treats the
# next layer's errors as unknown symbols and lets SymPy apply the chain rule through a single
# layer ("layer by layer"). The work per layer then depends only on the layer's width, so it
# grows linearly with depth. The composed expressions nest once per layer, and each nesting
# multiplies their size. Below, the layer-by-layer proof runs for depths 3 to 10 and the composed
# one for depths 3 and 4; how long each takes against depth is on the
# [Performance](../performance.py#symbolic-proofs-against-depth) page.


# %%
def network(depth):
    """2 inputs, hidden layers of width 3, 2 outputs."""
    return [2] + [3] * (depth - 2) + [2]


depths = range(3, 11)
layerwise = {k: verify_backprop(network(k), method="layerwise") for k in depths}
composed = {k: verify_backprop(network(k), method="composed") for k in (3, 4)}
assert all(r.all_equal for r in [*layerwise.values(), *composed.values()])
print({k: r.partials_checked for k, r in layerwise.items()})

# %% [markdown]
# This is also why backpropagation is computed the way it is. The composed expression is what
# we would get by differentiating the whole network naively; its size explodes with depth. The
# backward pass computes the same numbers with a fixed amount of work per layer, by reusing
# each layer's error for the layer before it.

# %% [markdown]
# ## Summary
#
# - The chain rule for vector functions multiplies Jacobians. Backpropagation multiplies a row
#   vector into them one at a time (vector–Jacobian products) and never forms a full Jacobian.
# - The four equations of backpropagation give the error at the output, pass it back one layer
#   at a time with the Hadamard product, and read off the gradients of the biases and the
#   weights. They hold for every width and depth, and the code that ran agrees with them entry by
#   entry and with finite differences.
# - Each layer back multiplies the error by a sigmoid derivative of at most a quarter, so in a
#   deep sigmoid network the gradient fades towards the input. tanh and the ReLU change that
#   factor; the initial weight scale decides how the variance of the signal carries from layer to
#   layer.
# - Differentiating the fully composed cost grows explosively with depth; the backward pass does a
#   fixed amount of work per layer.
#
# ## What's next
#
# The networks of this chapter have sigmoid outputs and the quadratic cost, which is where the
# factor $\mathbf{a}^L - \mathbf{y}$ in BP1 comes from. For classification there is a better
# pair: [Softmax and cross-entropy](08-softmax-cross-entropy.py) replaces both, and with it the
# output error becomes remarkably simple, while BP2–BP4 stay exactly as they are.

# %% [markdown]
# ## Exercises

# %% tags=["hide-input"]
nm.exercises.exercises_html(7)

# %%
from IPython.display import display

display(nm.exercises.check("output-error-sigmoid-quadratic", "sigma(z) - y"))
display(nm.exercises.check("hadamard-product", "[4, -10, 3/2]"))
display(nm.exercises.check("layer-jacobian-shape", "[2, 3]"))
display(nm.exercises.check("hidden-layer-delta", "[-2/4, 3/16]"))
nm.exercises.check("weight-gradient", "[[1, 2, 6], [-1/2, -1, -3]]")


# %% [markdown]
# ## Further reading
#
# Full citations are on the [references page](../references.md).
#
# - [Higham and Higham (2019)](../references.md#higham2019), section 5, "Back propagation": the
#   four equations as a lemma with a short proof (they write the Hadamard product as $\circ$ and
#   number the layers from 2).
# - [Nielsen (2015)](../references.md#nielsen2015), chapter 2: the four equations proved index by
#   index, and why the algorithm is fast.
# - [Parr and Howard (2018)](../references.md#parr2018), sections "Matrix calculus" and "The
#   gradient of the neural network loss function": Jacobians, element-wise operations and the
#   vector chain rule in full.
# - [*Dive into Deep Learning*](../references.md#zhang2023), section "Forward Propagation,
#   Backward Propagation, and Computational Graphs": the same computation as a graph, as automatic
#   differentiation does it.
# - [Glorot and Bengio (2010)](../references.md#glorot2010) and [He et al.
#   (2015)](../references.md#he2015): the initial scales of the last section,
#   derived from the variance of the weighted inputs and of the errors; [LeCun et al.
#   (1998)](../references.md#lecun1998), section "Initializing the weights", the rule for
#   tanh-like activations before them.
# - [3Blue1Brown](../references.md#sanderson2017), lesson 4, "Backpropagation calculus": the
#   chain rule along a chain of one neuron per layer, then the indices that several neurons per
#   layer bring, which this chapter's matrices collect.
