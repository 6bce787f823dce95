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
# # Backpropagation with the chain rule
#
# <div class="nnmath-goals">
#
# **After this chapter** you can differentiate a small network's cost with the chain rule,
# one local derivative at a time, and order the work from the output backwards, as
# backpropagation does.
#
# </div>
#
# Gradient descent, from the [previous chapter](05-cost-gradient-descent.py), needs the
# derivative of the cost with respect to every weight and every bias. A network is a long chain
# of simple functions, so these derivatives all come from one rule of calculus, the
# <dfn id="term-chain-rule">chain rule</dfn>.
# This chapter applies it to the smallest network that still has the structure of a real one:
# two sigmoid neurons in a row. Two things will become clear: each derivative is a product of
# *local* derivatives, and if we collect those products starting from the output, the later
# layers hand their work to the earlier ones. That reuse is what the word
# *<dfn id="term-backpropagation">backpropagation</dfn>*
# means. (The [notation page](../notation.md) lists the symbols, among them $\circ$ for
# composition and $\delta$ for the error.)

# %%
import numpy as np
import sympy

import nnmath as nm
from nnmath import symbolic
from nnmath.symbolic.sigmoid import SIGMA, SIGMA_PRIME, logistic

# %% tags=["hide-input"]
# isort: split
import html
import itertools

from nnmath import notebook as nb
from nnmath import plotting

plotting.setup_notebook()


# %% [markdown]
# ## Compositions and the chain rule
#
# A composition applies one function to the result of another: $(f\circ g)(x) = f(g(x))$. A
# network is a composition of many functions: multiply by a weight, add a bias, apply $\sigma$,
# multiply by the next weight, and so on, ending with the cost. The **chain rule** says how
# derivatives of compositions behave:

# %% tags=["hide-input"]
nb.step("jacobian-chain-rule", "One variable")

# %% [markdown]
# In Leibniz's notation, with $u = g(x)$ and $v = f(u)$, this reads
# $\frac{dv}{dx} = \frac{dv}{du}\,\frac{du}{dx}$.
#
# For a longer chain $x \to u_1 \to u_2 \to \dots \to u_k$ the derivative of the end with
# respect to the start is the product of the $k$ local derivatives, each taken at the point the
# chain actually passes through. In the worked example of the previous chapter, $\hat y$ depended on
# $w_1$ only through $z$, and its derivative was the product of the two links.
#
# A quick numerical check with two sigmoids in a row, $x \mapsto \sigma(\sigma(x))$: the product
# of the local derivatives `sigmoid_prime(u) * sigmoid_prime(x)`, with $u = \sigma(x)$, matches
# a finite-difference estimate of the slope of the composition.


# %%
def twice(x):
    return nm.sigmoid(nm.sigmoid(x))


x0, h = 0.7, 1e-6
u = nm.sigmoid(x0)
chain = nm.sigmoid_prime(u) * nm.sigmoid_prime(x0)
slope = (twice(x0 + h) - twice(x0 - h)) / (2 * h)
print(f"product of local derivatives: {chain:.10f}")
print(f"finite-difference slope:      {slope:.10f}")

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
assert abs(chain - slope) < 1e-8, (chain, slope)

# %% [markdown]
# ## Two sigmoid neurons in a row
#
# The smallest network with a hidden layer has one input, one hidden neuron and one output
# neuron: `nm.Network([1, 1, 1])`. It has a weight and a bias per neuron.

# %% tags=["hide-input"]
nb.figure(
    plotting.network_diagram([1, 1, 1]),
    alt=(
        "Diagram of a chain of three circles: the input x, one hidden neuron and one output "
        "neuron, joined by lines."
    ),
    caption=(
        "The 1-1-1 network. One input $x$, a hidden neuron with weight $w_1$ and bias $b_1$, "
        "and an output neuron with weight $w_2$ and bias $b_2$."
    ),
)

# %% [markdown]
# Written out, with a target $y$ and the quadratic cost for one data point:
#
#
# <div data-definition="two-neuron network">
#
# $$
# \begin{aligned}
# z_1 &= w_1 x + b_1, & a_1 &= \sigma(z_1), \\
# z_2 &= w_2 a_1 + b_2, & a_2 &= \sigma(z_2), & C &= \tfrac12 (a_2 - y)^2 .
# \end{aligned}
# $$
#
# </div>
#
#
# Each parameter reaches the cost along a single path. The output bias $b_2$ has the shortest
# one, $b_2 \to z_2 \to a_2 \to C$. The first weight has the longest,
# $w_1 \to z_1 \to a_1 \to z_2 \to a_2 \to C$, and its derivative is a product of five local
# derivatives, one per arrow. The last two arrows of that path, $z_2 \to a_2 \to C$, are shared
# by every parameter. The two before them, $z_1 \to a_1 \to z_2$, are shared by both parameters
# of the first neuron.

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
# (each parameter's path to the cost as a list of arrows; count the arrows they share)
paths = {
    "w1": ["w1", "z1", "a1", "z2", "a2", "C"],
    "b1": ["b1", "z1", "a1", "z2", "a2", "C"],
    "w2": ["w2", "z2", "a2", "C"],
    "b2": ["b2", "z2", "a2", "C"],
}
arrows = {name: set(itertools.pairwise(path)) for name, path in paths.items()}
shared_by_all = set.intersection(*arrows.values())
first_neuron = (arrows["w1"] & arrows["b1"]) - shared_by_all
assert shared_by_all == {("z2", "a2"), ("a2", "C")}, shared_by_all
assert first_neuron == {("z1", "a1"), ("a1", "z2")} and len(arrows["w1"]) == 5, first_neuron

# %% [markdown]
# It pays to give the shared part a name. The derivative of the cost with respect to a neuron's
# weighted input $z$ is called that neuron's
# **<dfn id="term-error">error</dfn>**, $\delta = \partial C/\partial z$. Once
# the error of the output neuron is known, the error of the neuron before it needs only two
# more local derivatives; and the derivative with respect to a weight or bias needs only one
# more. SymPy carries out this bookkeeping below, from the output backwards. It then proves
# that every result equals the derivative of the whole composition with respect to that
# parameter, obtained by differentiating the composed cost directly.

# %% tags=["hide-input"]
nb.derivation("chain-rule-network")

# %% [markdown]
# Here $\sigma'$ is the derivative of the sigmoid, which the chapter on
# [the sigmoid neuron](03-sigmoid-neuron.py) derived in terms of $\sigma$ itself:

# %% tags=["hide-input"]
nb.result("sigmoid")

# %% [markdown]
# so every local derivative is available from numbers the forward pass has already computed:
# $\sigma'(z_1)$ from $a_1$ and $\sigma'(z_2)$ from $a_2$.
#
# Only the output error $\delta_2$ depends on the cost. With the quadratic cost it is the
# difference between output and target times the slope of the sigmoid (written here for an
# output neuron with weighted input $z$ and output $a = \sigma(z)$; above, $z_2$ and $a_2$):

# %% tags=["hide-input"]
nb.step("binary-cross-entropy", "The quadratic cost, for comparison")

# %% [markdown]
# With the *binary cross-entropy* $C = -[y \log a_2 + (1 - y)\log(1 - a_2)]$, the cost of
# [chapter 8](08-softmax-cross-entropy.py) for a single sigmoid output, the slope cancels and
# the output error is the bare difference:

# %% tags=["hide-input"]
nb.step("binary-cross-entropy", "The σ′ factor cancels")

# %% [markdown]
# Everything behind the output neuron, $\delta_1$ and the four derivatives, is computed from
# $\delta_2$ in the same way for either cost. Chapter 8 derives the second form and measures
# what the missing factor $\sigma'$ changes in training.
#
# ## The same gradient, three ways
#
# What does "differentiating the whole composition" look like? SymPy can do it without any
# cleverness: substitute everything into $C$ and differentiate by each parameter. The result is
# correct, and the tabs below show it next to the backward form and next to the `nnmath` code
# that computes it. The composed form spells out the forward pass again inside every
# derivative: the same exponentials appear over and over, and the expressions for the first
# layer contain those for the second.

# %% tags=["hide-input"]
d = symbolic.derive("chain-rule-network")
params = ["w_1", "b_1", "w_2", "b_2"]
composed = d.formulas["gradient"].outputs
composed_math = r" \\[4pt] ".join(
    rf"\frac{{\partial C}}{{\partial {p}}} &= {symbolic.to_latex(g)}"
    for p, g in zip(params, composed, strict=True)
)
composed_code = "\n\n".join(
    f"dC/d{p} = {sympy.sstr(g)}" for p, g in zip(params, composed, strict=True)
)
nb.tabs(
    {
        "Backward (δ)": nb.result("chain-rule-network"),
        "Whole composition": nb.derived(
            "chain-rule-network", nb.math(r"\begin{aligned}" + composed_math + r"\end{aligned}")
        ),
        "SymPy": nb.Html(f"<pre><code>{html.escape(composed_code)}</code></pre>"),
        "NumPy (nnmath)": nb.source(nm.Network.backward),
    }
)

# %% [markdown]
# SymPy can count the operations in each composed derivative. A fair comparison counts the
# same work on the other side: the composed derivatives start from $x$ and the parameters, so
# the backward form must pay for the forward pass that gives it $a_1$ and $a_2$ (steps 1 and
# 2 of the derivation, with $\sigma$ written out as $1/(1 + e^{-z})$, as in the composed
# forms) as well as for the backward steps 4 to 9 (with each $\sigma'(z)$ written as
# $a(1 - a)$ from the forward values, and each error used as the symbol that stands for it
# once it has been computed). The cost itself, step 3, is needed by neither.

# %%
d = symbolic.derive("chain-rule-network")
gradient = d.formulas["gradient"]
composed_ops = [sympy.count_ops(g) for g in gradient.outputs]
for p, ops in zip(gradient.args[2:], composed_ops, strict=True):
    print(f"dC/d{p}: {ops} operations when written out in full")
print(f"all four composed partials: {sum(composed_ops)} operations")

forward_steps, backward_steps = d.steps[:2], d.steps[3:]  # steps 1-2 and 4-9
forward_ops = sum(sympy.count_ops(step.expr.rhs.replace(SIGMA, logistic)) for step in forward_steps)
names = {str(s): s for step in backward_steps for s in step.expr.free_symbols}
from_forward = {
    SIGMA_PRIME(names[f"z_{i}"]): names[f"a_{i}"] * (1 - names[f"a_{i}"]) for i in (1, 2)
}
backward_ops = sum(sympy.count_ops(step.expr.rhs.subs(from_forward)) for step in backward_steps)
print(f"forward pass (steps 1 and 2): {forward_ops} operations")
print(f"backward steps 4 to 9, all four partials together: {backward_ops} operations")
print(f"forward and backward together: {forward_ops + backward_ops} operations")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (forward and backward together cost less than the shortest composed partial; the backward
# steps cost no more than twice the forward pass)
together = forward_ops + backward_ops
assert together < min(composed_ops) and backward_ops <= 2 * forward_ops, (together, backward_ops)
nb.Html(
    f"<p>Forward and backward together take {together} operations for all four partials, "
    f"fewer than the {min(composed_ops)} of even the shortest composed derivative (and the "
    f"{sum(composed_ops)} of all four composed derivatives), because "
    "the backward form computes each forward value and each error once and then reuses it, "
    "where the composed forms write them out again in every derivative. The backward steps "
    f"alone take {backward_ops} operations against {forward_ops} for the forward pass.</p>"
)

# %% [markdown]
# That last comparison is the general rule. Each backward step does about as much work as the
# forward step it reverses (for a layer of many neurons, BP2's product with the transposed
# weights and BP4's outer product are each as large as the forward product with the weights),
# so one backward sweep costs a small constant multiple of one forward pass, however many
# parameters the network has. Differentiating the composition separately for each parameter
# costs at least one forward pass *per parameter*.

# %% [markdown]
# ## Why backwards
#
# Look at the order of the steps in the derivation. The output error $\delta_2$ is computed once
# and then used three times: for the output weight, for the output bias, and to compute
# $\delta_1$. The hidden error $\delta_1$ is in turn used for both parameters of the first
# neuron. Nothing is computed twice. Had we started from the input instead, following each
# parameter forward to the cost, the shared end of the chain would be recomputed for every
# parameter.
#
# For two neurons the saving is small. For a network with millions of parameters and a single
# cost, it is the difference between one backward sweep and millions of forward ones. That is
# the whole idea of backpropagation:
#
# 1. run the network forward and keep every $z$ and $a$;
# 2. compute the error of the output layer;
# 3. step backwards through the layers, turning each layer's error into the error of the layer
#    before it with one more pair of local derivatives;
# 4. read off each parameter's derivative from its neuron's error and the input it multiplies.
#
# The method `nm.Network.backward` in the last tab is exactly this loop, written for layers of
# any width; the [next chapter](07-backprop-matrices.py) explains its matrix form.
#
# ## Checking the numbers
#
# The derivation is symbolic, so it holds for all inputs and parameters; the check below is
# about the *code*. Pick an input, a target and four parameters, and compute the gradient four
# ways: by following the derivation's steps by hand, from the composed SymPy derivatives (turned
# into a NumPy function with `lambdify`), with `nnmath`'s backpropagation on a 1-1-1 network
# holding the same parameters, and with finite differences of the cost.

# %%
x, y = 0.8, 1.0
w1, b1, w2, b2 = 1.5, -0.5, -2.0, 0.3

# By hand, following the derivation from the output backwards.
a1 = nm.sigmoid(w1 * x + b1)
a2 = nm.sigmoid(w2 * a1 + b2)
delta2 = (a2 - y) * a2 * (1 - a2)
delta1 = delta2 * w2 * a1 * (1 - a1)
by_hand = np.array([delta1 * x, delta1, delta2 * a1, delta2])

# The composed SymPy partials, lambdified; arguments (x, y, w1, b1, w2, b2).
from_sympy = gradient.evaluate(np.array([[x, y, w1, b1, w2, b2]]))[0]

# nnmath's backpropagation on a 1-1-1 network with the same parameters.
net = nm.Network([1, 1, 1])
net.set_params([w1, b1, w2, b2])  # W and b of layer 1, then of layer 2
from_network = net.gradient_vector([[x]], [[y]])
from_differences = nm.numerical_gradient(net, [[x]], [[y]])

# %% tags=["hide-input"]
columns = zip(params, from_sympy, by_hand, from_network, from_differences, strict=True)
rows = [[f"∂C/∂{p.replace('_', '')}", *(f"{v:.9f}" for v in values)] for p, *values in columns]
nb.table(rows, header=["partial", "SymPy", "by hand", "nnmath", "finite diff."])

# %%
scale = np.abs(from_sympy).max()
print("largest difference from SymPy, relative to the largest partial:")
for name, g in [
    ("by hand", by_hand),
    ("nnmath", from_network),
    ("finite differences", from_differences),
]:
    print(f"  {name:<19} {np.abs(g - from_sympy).max() / scale:.1e}")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# ("to the last digits" as below 1e-14 relative; "many digits" as below 1e-8)
rel = [np.abs(g - from_sympy).max() / scale for g in (by_hand, from_network, from_differences)]
assert rel[0] < 1e-14 and rel[1] < 1e-14 and rel[2] < 1e-8, rel

# %% [markdown]
# The first three agree to the last digits of double precision; finite differences, which only
# approximate a derivative, agree to many digits. The build checks the same agreement at random
# parameters every time it runs:

# %% tags=["hide-input"]
nb.checked("chain-rule-network-vs-symbolic", "symbolic-chain-rule-network")

# %% [markdown]
# ## Summary
#
# - The chain rule multiplies local derivatives along the path from a parameter to the cost.
# - For two sigmoid neurons in a row, each partial derivative found by differentiating the whole
#   composition equals the product of local derivatives (SymPy checks it), and the numbers agree
#   with finite differences.
# - Computed from the output backwards, each layer's error is reused by the layer before it; that
#   reuse is backpropagation. The four derivatives, written with the errors:

# %% tags=["hide-input"]
nb.result("chain-rule-network")

# %% [markdown]
# ## What's next
#
# Real layers have many neurons, and every neuron of one layer feeds every neuron of the next.
# A hidden neuron then reaches the cost along *many* paths, and the chain rule adds their
# contributions. [Backpropagation with matrices](07-backprop-matrices.py) writes this sum as a
# matrix product, and arrives at the four equations that `nm.Network.backward` implements.

# %% [markdown]
# ## Exercises

# %% tags=["hide-input"]
nm.exercises.exercises_html(6)

# %%
from IPython.display import display

display(
    nm.exercises.check(
        "two-neuron-w1", "sigma(w2 sigma(w1 x + b1) + b2)(1 - sigma(w2 sigma(w1 x + b1) + b2)) w2 x"
    )
)
display(
    nm.exercises.check(
        "two-neuron-b2", "sigma(w2 sigma(w1 x + b1) + b2)(1 - sigma(w2 sigma(w1 x + b1) + b2))"
    )
)
display(nm.exercises.check("chain-rule-number", "-3/2 * 3/2 * 2"))
display(nm.exercises.check("two-neuron-input-gradient", "(a2 - y) a2 (1 - a2) w2 a1 (1 - a1)"))
nm.exercises.check("two-neuron-cost-number", "-1/2 * 1/4 * 2")


# %% [markdown]
# ## Further reading
#
# Full citations are on the [references page](../references.md).
#
# - [3Blue1Brown](../references.md#sanderson2017), lessons 3 and 4, "What is backpropagation
#   really doing?" and "Backpropagation calculus": the same chain of one neuron per layer,
#   animated, then with the derivatives written out.
# - [Nielsen (2015)](../references.md#nielsen2015), chapter 2, "How the backpropagation algorithm
#   works": the step from this scalar chain to whole layers.
# - [Parr and Howard (2018)](../references.md#parr2018), section "The Chain Rules": the
#   single-variable total-derivative chain rule that lets one weight reach the cost along several
#   paths.
# - [Rumelhart, Hinton and Williams (1986)](../references.md#rumelhart1986): the paper that made
#   backpropagation the standard way to train networks.
# - [Higham and Higham (2019)](../references.md#higham2019), section 5, "Back propagation":
#   the same chain-rule argument made for a whole network at once, with a short proof of each of
#   its equations.
# - [*Dive into Deep Learning*](../references.md#zhang2023), section "Forward Propagation,
#   Backward Propagation, and Computational Graphs": backpropagation drawn as a graph of
#   operations, for a network with one hidden layer.
