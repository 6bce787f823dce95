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
# # Softmax and cross-entropy
#
# <div class="nnmath-goals">
#
# **After this chapter** you can turn scores into probabilities with softmax, compute the
# cross-entropy loss without overflow, and start the backward pass from its simple output error.
#
# </div>
#
# The networks so far end in sigmoid neurons and are trained with the quadratic cost. For the
# land classifier that works, but it is not what the output of a classifier naturally is. A
# classifier should say *how likely* each class is: numbers that are positive and add up to
# one. Two sigmoid outputs are two unrelated numbers in $(0, 1)$; nothing makes them sum to 1.
#
# This chapter replaces the last layer and the cost with the pair that nearly every modern
# classifier uses: the
# **<dfn id="term-softmax">softmax</dfn>**
# function, which turns a vector of scores into a probability
# distribution, and the
# **<dfn id="term-cross-entropy">cross-entropy</dfn>** loss, which measures how much probability the
# network gives the right answer. The pair has a remarkable property: the error at the output
# becomes simply the predicted distribution minus the target one. We derive that, compute it
# without overflow, and train a network with it.

# %%
import numpy as np

import nnmath as nm
from nnmath import losses

# %% tags=["hide-input"]
# isort: split
import html

import sympy

from nnmath import notebook as nb
from nnmath import plotting, symbolic

plotting.setup_notebook()


# %% [markdown]
# ## From scores to probabilities
#
# Let the last layer of a network compute, as before, a weighted input
# $\mathbf{z} = W\mathbf{a} + \mathbf{b}$ with one entry per class, $K$ entries in all. These
# raw scores are called
# **<dfn id="term-logit">logits</dfn>**. They can be any real numbers. The softmax function turns
# them into probabilities:
#
#
# <div data-definition="softmax">
#
# $$
# p_j = \frac{e^{z_j}}{\sum_{k=1}^{K} e^{z_k}}, \qquad j = 1, \dots, K .
# $$
#
# </div>
#
#
# Every exponential is positive, so every $p_j$ is positive; dividing by their sum makes the
# $p_j$ add up to 1; and a larger logit gives a larger probability, so the class with the
# largest logit is still the predicted class. Here it is on three logits:

# %%
z = np.array([2.0, 1.0, -1.0])
p = nm.softmax(z)
print("logits        z =", z)
print("probabilities p =", p.round(4), " sum:", p.sum())

# %% [markdown]
# The name says what the function does: it is a *soft* version of "arg max". Multiplying the
# logits by a growing factor makes the largest one dominate, and the distribution approaches
# the one-hot vector of the winning class; shrinking them spreads the probability evenly.

# %%
for scale in (0.1, 1, 5, 25):
    print(f"softmax({scale:>4} z) =", nm.softmax(scale * z).round(4))

# %% [markdown]
# ## The derivative of softmax
#
# A sigmoid output depends on its own weighted input only. A softmax output depends on *every*
# logit, through the sum in the denominator, so its derivative is a $K\times K$ matrix, the
# <dfn id="term-jacobian">Jacobian</dfn>
# $\partial p_i / \partial z_j$. The quotient rule gives two cases, depending on
# whether $z_j$ also appears in the numerator; SymPy combines them with the bracket $[i = j]$,
# which is 1 when $i = j$ and 0 otherwise. (Many texts write it as the Kronecker delta
# $\delta_{ij}$; on this site $\delta$ is reserved for the error $\boldsymbol\delta^l$ of
# backpropagation, see the [notation page](../notation.md).) The derivation also proves two
# facts about softmax that we use below: adding the same constant to every logit changes
# nothing, and the logarithm of a softmax output has a simple closed form, the *log-softmax*.

# %% tags=["hide-input"]
nb.derivation("softmax")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (the class counts K that the text names)
class_counts = tuple(symbolic.derive("softmax").data["class_counts"])
assert class_counts == (2, 3, 4, 5), class_counts

# %% [markdown]
# The proofs are symbolic, each for the numbers of classes its step names, and the
# derivation's claims for $K = 2$ to $5$. Numerically, the same matrix comes out of finite
# differences. The Jacobian at the logits above, column by column, next
# to the derived formula written with NumPy (a diagonal matrix minus an outer product):

# %%
h = 1e-6
numeric = np.column_stack(
    [(nm.softmax(z + h * e) - nm.softmax(z - h * e)) / (2 * h) for e in np.eye(3)]
)
formula = np.diag(p) - np.outer(p, p)  # entry (i, j): p_i ([i = j] − p_j)
print(formula.round(4))
gap = np.abs(numeric - formula).max()
print(f"largest difference from finite differences: {gap:.1e}")
print("row sums:", formula.sum(axis=1).round(12) + 0.0)

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
assert gap < 1e-8, gap

# %% tags=["hide-input"]
nb.Html(
    '<div class="admonition note"><p class="admonition-title">Not element by element</p>'
    "<p>Some texts give only the diagonal of this Jacobian, the case $i = j$, as if softmax "
    "acted on each logit separately like the sigmoid. The off-diagonal entries are not zero: "
    "raising one logit takes probability away from every other class. A backward pass that "
    "multiplies element-wise by the diagonal computes the wrong gradient. As we will see, "
    "with the cross-entropy loss the full Jacobian never has to be formed at all.</p></div>"
)

# %% [markdown]
# ## Computing softmax without overflow
#
# Written straight from the definition, softmax fails on perfectly reasonable inputs. The
# largest double-precision number is printed below; any logit above its logarithm has an
# exponential that overflows to infinity, and infinity divided by infinity is "not a number":


# %%
def naive_softmax(z):
    e = np.exp(z)
    return e / e.sum()


biggest = np.finfo(np.float64).max
print("largest float64:", biggest, "  its logarithm:", np.log(biggest))
with np.errstate(all="ignore"):  # keep NumPy's overflow warning out of the way
    print("naive softmax:", naive_softmax(np.array([1000.0, 1000.0])))
print("nm.softmax:   ", nm.softmax([1000.0, 1000.0]))

# %% [markdown]
# The cure is the shift invariance proved above. Subtracting the largest logit from every
# logit does not change the result, and afterwards the largest exponent is $e^0 = 1$ and all
# the others lie in $(0, 1]$: nothing can overflow, and the sum is at least 1, so the division
# is safe. Very negative shifted logits may *underflow* to 0, which is the right probability to
# double precision.
#
# For the loss we need the *logarithm* of a probability, and there underflow does hurt: a
# probability that rounds to 0 has logarithm $-\infty$. The log-softmax form from the
# derivation avoids computing the probability at all: it subtracts the logarithm of the sum of
# exponentials from the logit, and that sum is computed after the same shift. That is what
# `nm.log_softmax` does (its code is on the
# [performance page](../performance.py#a-sigmoid-that-never-overflows)).
#
# With two logits $-10^{308}$ and $0$, the first class has probability
# $e^{-10^{308}}$, which no floating-point number can hold. Taking the logarithm of the
# computed probability gives $-\infty$; log-softmax gives the exact, finite answer.

# %%
z_far = [-1e308, 0.0]
with np.errstate(divide="ignore"):  # log(0) would warn
    print("log(softmax(z)) =", np.log(nm.softmax(z_far)).tolist())
print("log_softmax(z)  =", nm.log_softmax(z_far).tolist())

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
with np.errstate(divide="ignore"):
    from_probability = np.log(nm.softmax(z_far))
assert np.isneginf(from_probability[0]) and nm.log_softmax(z_far).tolist() == z_far, z_far

# %% [markdown]
# ## Cross-entropy
#
# A classifier is given a target distribution $\mathbf{y}$ for each example, usually one-hot:
# $y_k = 1$ for the true class and 0 for the others. The **cross-entropy** between the target
# and the prediction is
#
#
# <div data-definition="cross-entropy">
#
# $$
# C = -\sum_{k=1}^{K} y_k \log p_k .
# $$
#
# </div>
#
#
# We call it $C$, like the quadratic cost of [chapter 5](05-cost-gradient-descent.py), because
# it plays the same part: the number training makes small.
#
# With a one-hot target only the term of the true class survives: the loss is minus the
# logarithm of the probability the network gives the right answer. It is 0 when that
# probability is 1 and grows without bound as it falls to 0, so confident mistakes cost the
# most:

# %%
for p_true in (0.99, 0.9, 0.5, 0.1, 0.01, 1e-6):
    print(f"p(true class) = {p_true:<6g}  loss = {-np.log(p_true):6.3f}")

# %% [markdown]
# Nothing in the definition needs a one-hot target: any probability vector works, for
# example a "softened" label that keeps a little probability for the other classes. In
# `nnmath` the loss takes the logits, not the probabilities, and goes through log-softmax, so
# it is finite for every finite input. Averaged over a batch (rows are examples):

# %% tags=["hide-input"]
nb.source(losses.cross_entropy)

# %% [markdown]
# For the three logits from the start of the chapter, with class 1 as the true class (the
# first entry, which NumPy calls index 0):

# %%
y = nm.one_hot([0], 3)  # one row: the target (1, 0, 0)
print("loss from logits:      ", losses.cross_entropy(z[np.newaxis, :], y))
print("-log of probability p_1:", -np.log(p[0]))

# %% [markdown]
# Now a badly wrong network: the true class has logit $-800$ and the other class $0$. Its
# probability $e^{-800}/(1 + e^{-800})$ is below the smallest positive double, so it rounds to
# 0, and the loss computed from that probability is infinite. From the logits it is simply
# 800, a large but finite number that gradient descent can work with.

# %%
far = np.array([[-800.0, 0.0]])
target = np.array([[1.0, 0.0]])
with np.errstate(divide="ignore"):  # log(0) would warn
    print("-log of the probability:", -np.log(nm.softmax(far))[0, 0])
print("loss from logits:       ", losses.cross_entropy(far, target))

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
with np.errstate(divide="ignore"):
    from_probability = -np.log(nm.softmax(far))[0, 0]
from_logits = losses.cross_entropy(far, target)
assert np.isinf(from_probability) and np.isclose(from_logits, 800.0), from_logits

# %% [markdown]
# ### Why the logarithm: cross-entropy is a negative log-likelihood
#
# Read the outputs as what they claim to be, the probabilities of the classes under the model.
# The probability the model gives an observed label is then its **likelihood**: for a one-hot
# target it is the probability of the true class, and the product $\prod_k p_k^{y_k}$ writes
# that for any one-hot target at once, since $p_k^0 = 1$. (It is the likelihood of the labels
# given the inputs, a conditional likelihood: the model says nothing about how likely the
# inputs are.) Training should make the observed labels likely. The logarithm turns the product
# into a sum without changing which parameters are best (it is increasing), and the minus sign
# turns "maximise" into "minimise":

# %% tags=["hide-input"]
nb.derivation("cross-entropy-likelihood")

# %% [markdown]
# So minimising the cross-entropy averaged over a data set, as `nnmath` does, is *maximum
# likelihood*: it finds the parameters under which the observed labels are most probable,
# assuming the points were labelled independently. The mean instead of the sum only divides
# by $N$. On numbers: five points with random logits and random labels, the probability of
# all five labels taken as a product, against $e^{-N\bar C}$ from the batch loss $\bar C$:

# %%
rng_labels = np.random.default_rng(1)
Z5 = rng_labels.standard_normal((5, 3))
Y5 = nm.one_hot(rng_labels.integers(0, 3, size=5), 3)
likelihood = np.prod(nm.softmax(Z5) ** Y5)
mean_loss = losses.cross_entropy(Z5, Y5)
print(f"product of the probabilities of the labels: {likelihood:.6e}")
print(f"exp(-N × mean cross-entropy):               {np.exp(-len(Z5) * mean_loss):.6e}")

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
assert np.isclose(likelihood, np.exp(-len(Z5) * mean_loss), rtol=1e-12, atol=0), likelihood

# %% [markdown]
# The product of many probabilities underflows: two thousand points, each given probability
# one half, have likelihood $2^{-2000}$, far below the smallest positive double. The sum of
# the logarithms, the negative of the summed loss, is an ordinary number:

# %%
halves = np.full(2000, 0.5)
print("product of 2000 probabilities 1/2:", np.prod(halves))
print("sum of their logarithms:          ", np.log(halves).sum())
print("smallest positive double:         ", np.nextafter(0.0, 1.0))

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
assert np.prod(halves) == 0.0 and np.isclose(np.log(halves).sum(), -2000 * np.log(2))

# %% [markdown]
# ## The gradient with respect to the logits
#
# Backpropagation needs the derivative of the loss with respect to the output layer's
# weighted input, the logits. The loss depends on each logit through every probability, so a
# priori this is the softmax Jacobian multiplied by the derivative of the loss with respect to
# the probabilities. Going through log-softmax instead makes the computation short, and the
# final step uses only that the targets add up to one:

# %% tags=["hide-input"]
nb.derivation("softmax-cross-entropy")

# %% [markdown]
# The output error is the predicted distribution minus the target: no exponentials, no
# Jacobian, no division. The tabs show the result, the expressions SymPy works with for
# $K = 3$ (each of the three components of the gradient, fully written out) and the NumPy code
# that computes it for a batch.

# %% tags=["hide-input"]
sce = symbolic.derive("softmax-cross-entropy")
grad3 = sce.formulas["cross_entropy_grad_3"].outputs
sympy_text = "\n".join(f"dC/dz_{j} = {sympy.sstr(g)}" for j, g in enumerate(grad3, start=1))
nb.tabs(
    {
        "Math": nb.derived(
            "softmax-cross-entropy",
            nb.result("softmax-cross-entropy"),
            "Component by component:",
            nb.math(symbolic.to_latex(sce.data["component"])),
        ),
        "SymPy (K = 3)": nb.Html(f"<pre><code>{html.escape(sympy_text)}</code></pre>"),
        "NumPy": nb.source(losses.cross_entropy_grad),
    }
)

# %% [markdown]
# The NumPy code computes the "Collect terms" form of the derivation, the probabilities times
# the sum of the targets minus the targets. That is the correct gradient for *any* target,
# and the same as the result above whenever the targets sum to one. A finite-difference
# check for our three logits and a softened target:

# %%
y_soft = np.array([[0.8, 0.1, 0.1]])
Z = z[np.newaxis, :]


def loss_at(logits):
    return losses.cross_entropy(logits, y_soft)


numeric = [(loss_at(Z + h * e) - loss_at(Z - h * e)) / (2 * h) for e in np.eye(3)]
print("finite differences:", np.round(numeric, 6))
print("cross_entropy_grad:", losses.cross_entropy_grad(Z, y_soft).round(6))
print("p - y             :", (p - y_soft).round(6))

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (the three rows agree to the six decimals printed)
grad_soft = losses.cross_entropy_grad(Z, y_soft)
assert np.allclose(numeric, grad_soft[0], rtol=0, atol=5e-7), (numeric, grad_soft)
assert np.allclose(grad_soft, p - y_soft, rtol=0, atol=1e-15), grad_soft

# %% [markdown]
# The three rows agree to the six decimals printed: the softened target sums to one, so the
# general form and $\mathbf{p} - \mathbf{y}$ coincide.
#
# ### Why this pair, and not sigmoid with the quadratic cost?
#
# Compare the output error of the previous chapters. With sigmoid outputs and the quadratic
# cost, backpropagation starts from BP1 in the form
# [chapter 7](07-backprop-matrices.py) derived for that cost:

# %% tags=["hide-input"]
nb.step("backprop", "BP1 for the quadratic cost, as vectors")

# %% [markdown]
# which carries the factor $\sigma'(\mathbf{z}^L)$. When an output neuron is *confidently
# wrong*, its weighted input sits far out on the flat tail of the sigmoid, that factor is
# nearly zero, and the neuron hardly learns from its biggest mistakes. The softmax error has no
# such factor.
#
# A fair comparison needs the same prediction on both sides. With two classes and logits
# $(z, 0)$, softmax gives the first class the same probability as a single sigmoid neuron with
# weighted input $z$ (the first two lines printed below agree). Take $z = -10$ while the true
# class is the first one:

# %%
z0 = -10.0
quadratic = nm.sigmoid_prime(z0) * (nm.sigmoid(z0) - 1.0)
logits, target = np.array([[z0, 0.0]]), np.array([[1.0, 0.0]])
cross_entropy = losses.cross_entropy_grad(logits, target)[0, 0]
print("sigmoid(z)              :", nm.sigmoid(z0))
print("softmax([z, 0]), first  :", nm.softmax([z0, 0.0])[0])
print("quadratic error at z    :", quadratic)
print("cross-entropy error at z:", cross_entropy)
print(f"ratio: {cross_entropy / quadratic:.0f}")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (same prediction both ways; "tens of thousands" as a ratio from 1e4 to 1e5)
same = np.isclose(nm.sigmoid(z0), nm.softmax([z0, 0.0])[0], rtol=1e-12, atol=0)
assert same and 1e4 <= cross_entropy / quadratic < 1e5, cross_entropy / quadratic

# %% [markdown]
# Same prediction, same mistake; the quadratic cost's error signal is smaller by the printed
# ratio, a factor of tens of thousands. The cross-entropy gradient stays large until the
# prediction is right.
#
# ### A sigmoid output with cross-entropy
#
# The same cure works without softmax. A single sigmoid output $a = \sigma(z)$ says how likely
# the first of two classes is; give it the target $y$ (1 for that class, 0 for the other) and
# measure it with the **binary cross-entropy**, the cross-entropy of the two-entry
# distribution $(a, 1 - a)$ against $(y, 1 - y)$. Its derivative with respect to $a$ has the
# denominator $a(1 - a)$, and that is exactly $\sigma'(z)$: the factor that slowed the
# quadratic cost cancels. The derivation also puts the quadratic cost's error beside it, and
# closes the circle with softmax.

# %% tags=["hide-input"]
nb.derivation("binary-cross-entropy")

# %% [markdown]
# Steps 6 and 7 draw the conclusion that the comparison above only hinted at. With logits
# $(z, 0)$, softmax gives the first class $\sigma(z)$ and the second $1 - \sigma(z)$, and the
# two-class cross-entropy is the binary cross-entropy of $\sigma(z)$. A sigmoid output trained
# with binary cross-entropy *is* a two-class softmax output trained with cross-entropy, one of
# whose logits is held at 0, and its error $a - y$ is the first entry of $\mathbf{p} -
# \mathbf{y}$. Nothing about the pair is special to many classes.
#
# ### A neuron started badly wrong
#
# How much does the $\sigma'$ factor cost in practice?
# [Nielsen (2015)](../references.md#nielsen2015), chapter 3, runs the smallest experiment that
# shows it, and we repeat it: one sigmoid neuron with one input $x = 1$ and target $y = 0$,
# started with weight and bias both 2, so that its output $\sigma(4) \approx 0.98$ is badly
# wrong. Gradient descent with $\eta = 0.15$ runs for 300 steps, once with each cost. The only
# difference is the output error: $(a - y)\,\sigma'(z)$ for the quadratic cost, $a - y$ for
# the binary cross-entropy; both are computed with `nnmath`'s kernels.

# %%
x_one, y_one = np.array([[1.0]]), np.array([[0.0]])
eta, n_steps = 0.15, 300


def train_neuron(output_error):
    """Weighted inputs z of the neuron after 0, 1, …, n_steps steps from w = b = 2."""
    w = b = 2.0
    zs = []
    for _ in range(n_steps + 1):
        z_now = np.array([[w * x_one[0, 0] + b]])
        zs.append(z_now[0, 0])
        error = output_error(z_now)[0, 0]  # ∂C/∂z, the output error δ
        w -= eta * error * x_one[0, 0]
        b -= eta * error
    return np.array(zs)


z_quadratic = train_neuron(
    lambda z: losses.quadratic_grad(nm.sigmoid(z), y_one) * nm.sigmoid_prime(z)
)
z_entropy = train_neuron(lambda z: losses.binary_cross_entropy_grad(z, y_one))
a_quadratic, a_entropy = nm.sigmoid(z_quadratic), nm.sigmoid(z_entropy)
print("step   output a: quadratic cost   cross-entropy")
for k in [0, 10, 25, 50, 100, 150, 200, 250, 300]:
    print(f"{k:4d}   {a_quadratic[k]:24.3f}   {a_entropy[k]:13.3f}")

# %% tags=["hide-input"]
# The text below states these outcomes; the build fails if they change.
# (the quadratic neuron still above 0.9 after 150 steps; the cross-entropy neuron below 0.3
# after 25; the first-step errors and the step at which each output first falls below 1/2)
first_quadratic = a_quadratic[0] * nm.sigmoid_prime(z_quadratic[0])
below_half = {
    "quadratic": int(np.argmax(a_quadratic < 0.5)),
    "cross-entropy": int(np.argmax(a_entropy < 0.5)),
}
assert a_quadratic[150] > 0.9 and a_entropy[25] < 0.3, (a_quadratic[150], a_entropy[25])
assert 0 < below_half["cross-entropy"] < below_half["quadratic"], below_half
nb.Html(
    f"<p>At the start the quadratic cost's output error is $(a - y)\\,\\sigma'(z) = "
    f"{first_quadratic:.4f}$, while the cross-entropy's is $a - y = {a_entropy[0]:.4f}$, "
    f"{a_entropy[0] / first_quadratic:.0f} times larger. Under the cross-entropy the output "
    f"falls below one half after {below_half['cross-entropy']} steps; under the quadratic "
    f"cost it takes {below_half['quadratic']} steps, and for the first 100 it hardly moves "
    f"(from {a_quadratic[0]:.3f} to {a_quadratic[100]:.3f}). This is the learning slowdown "
    "Nielsen describes: saturated and wrong, the neuron gets an error scaled by the small "
    "$\\sigma'(z)$ under the quadratic cost, and the full $a - y$ under the cross-entropy. "
    "After 300 steps the "
    f"outputs are {a_quadratic[-1]:.3f} and {a_entropy[-1]:.3f}.</p>"
)

# %% [markdown]
# The same two runs with `nnmath`'s `Network` and `gradient_descent`, which record the cost:
# the quadratic one on a network with a single sigmoid output, and the cross-entropy one, by
# the conclusion of the derivation, on a two-class softmax network whose second logit starts
# at 0. Its second row of parameters is trained too, in the opposite direction to the first
# (the two entries of $\mathbf{p} - \mathbf{y}$ are opposite), so the difference of the
# logits moves twice as fast; half the learning rate gives the sigmoid neuron's run exactly.

# %%
neuron = nm.Network([1, 1], seed=0)  # sigmoid output, quadratic cost
neuron.set_params([2.0, 2.0])  # w, b
run_quadratic = nm.gradient_descent(
    neuron, x_one, y_one, learning_rate=eta, steps=n_steps, progress=False
)
pair = nm.Network([1, 2], output="softmax", loss="cross_entropy", seed=0)
pair.set_params([2.0, 0.0, 2.0, 0.0])  # W = (2, 0)ᵀ, b = (2, 0): logits (z, 0)
run_entropy = nm.gradient_descent(
    pair, x_one, np.array([[0.0, 1.0]]), learning_rate=eta / 2, steps=n_steps, progress=False
)
cost_quadratic = 0.5 * (a_quadratic - y_one[0, 0]) ** 2
cost_entropy = np.array([losses.binary_cross_entropy(np.array([[v]]), y_one) for v in z_entropy])
gap_quadratic = np.abs(run_quadratic.cost - cost_quadratic[run_quadratic.steps]).max()
gap_entropy = np.abs(run_entropy.cost - cost_entropy[run_entropy.steps]).max()
print(f"quadratic cost, Network against the loop above:   largest difference {gap_quadratic:.1e}")
print(f"cross-entropy, two-class softmax against the loop: largest difference {gap_entropy:.1e}")

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
assert gap_quadratic < 1e-12 and gap_entropy < 1e-12, (gap_quadratic, gap_entropy)
# (the caption: the quadratic cost within 10 % of its start after 100 steps; the cross-entropy
# below half of its start after 10)
assert cost_quadratic[100] > 0.9 * cost_quadratic[0] and cost_entropy[10] < 0.5 * cost_entropy[0]

# %% tags=["hide-input"]
nb.figure(
    plotting.cost_history({"quadratic cost": run_quadratic, "cross-entropy": run_entropy}),
    alt=(
        "Line chart on logarithmic axes of the cost of one sigmoid neuron against gradient "
        "descent steps: the quadratic cost stays flat for about a hundred steps and then "
        "falls; the cross-entropy falls from the first steps."
    ),
    caption=(
        "The cost of the neuron started at $w = b = 2$ (output 0.98, target 0) against the "
        "number of gradient descent steps, both axes logarithmic, for the quadratic cost and "
        "for the cross-entropy (run as a two-class softmax network, as explained above). The "
        "two costs are different functions, so compare the shapes, not the heights: the "
        "cross-entropy falls from the first steps, while the quadratic cost stays almost flat "
        "for the first hundred steps, the slow start of a saturated, wrong neuron."
    ),
)

# %% [markdown]
# ## A network with a softmax output
#
# Nothing else changes. The hidden layers are sigmoid layers as before, the last layer's
# activation is softmax, and the backward pass starts from the output error $\mathbf{p} -
# \mathbf{y}$ and then continues with exactly the equations of
# [backpropagation with matrices](07-backprop-matrices.py): multiply by the next layer's
# weights transposed, by $\sigma'$ element-wise, and form the weight and bias gradients. In
# `Network.backward` the only difference is the first branch:

# %% tags=["hide-input"]
nb.source(nm.Network.backward)

# %% [markdown]
# The classic test problem for a softmax classifier is the spiral: three arms of 100 points
# each, wound around each other, that no straight line can separate. We give a network two
# hidden sigmoid layers of 16 neurons and a softmax output of 3.

# %%
X, labels = nm.datasets.spirals(n_per_class=100, n_classes=3, noise=0.2, seed=0)
net = nm.Network(
    [2, 16, 16, 3],
    hidden="sigmoid",
    output="softmax",
    loss="cross_entropy",
    seed=0,
)
print(net, "with", net.n_params, "parameters")
print("initial loss:", round(net.loss(X, labels), 4))
print("log 3:       ", round(np.log(3), 4))
print("initial accuracy:", net.accuracy(X, labels))
print("predictions per class:", np.bincount(net.predict(X), minlength=3))

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# ("a little worse" than log 3: within 50 % of it; one class predicted for every point)
initial = net.loss(X, labels)
one_class = np.count_nonzero(np.bincount(net.predict(X), minlength=3)) == 1
one_third = np.isclose(net.accuracy(X, labels), 1 / 3)
assert np.log(3) < initial < 1.5 * np.log(3) and one_class and one_third, initial

# %% [markdown]
# For comparison, $\log 3$ is the loss of a network that spreads its probability evenly over
# the three classes. The random start does a little worse than that: it already leans towards
# one class, which it predicts for every point, so its accuracy is one in three. (The targets
# are given as integer labels here; `nnmath` turns them into one-hot rows.)
#
# Before training, the gradient check: `nm.gradcheck` compares the backpropagated gradient of
# all parameters with central finite differences of the loss, here on every tenth point.

# %%
print(f"largest relative error: {nm.gradcheck(net, X[::10], labels[::10]):.1e}")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
assert nm.gradcheck(net, X[::10], labels[::10]) < 1e-6, nm.gradcheck(net, X[::10], labels[::10])

# %% [markdown]
# Agreement to many digits, so the backward pass that starts from the softmax error is right
# for this network too (the verification page runs the same check on other shapes).
# Training uses
# <dfn id="term-mini-batch">mini-batch</dfn>
# gradient descent: each step takes the gradient over 32 points, and
# every pass through the shuffled data is one epoch.

# %%
steps, batch = 20_000, 32
history = nm.gradient_descent(
    net, X, labels, learning_rate=1.0, steps=steps, batch_size=batch, seed=0
)
print("epochs:", round(steps * batch / len(X)))
print("final loss:", round(history.final_cost, 4))
near_guess = history.steps[history.cost > 0.9 * np.log(3)]
print("last recorded step with the loss above 0.9 log 3:", near_guess.max())
print("training accuracy:", net.accuracy(X, labels))
some = [60, 160, 260]  # one point from the outer part of each arm
print("labels:", labels[some], " probabilities:\n", net(X[some]).round(3))

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (close to log 3 for the first 30 steps, only for "a few dozen" of the 20 000 steps (under 100),
# then a steady fall to below a tenth; boundaries that follow the arms)
early = history.cost[history.steps <= 30].min()
drop = history.final_cost < 0.1 * history.cost[0]
assert early > 0.9 * np.log(3) and drop and net.accuracy(X, labels) > 0.95, history.cost
assert 30 <= near_guess.max() < 100 and history.steps[-1] == steps, near_guess

# %% tags=["hide-input"]
nb.figure(
    plotting.cost_history(history, label="mini-batches of 32"),
    alt=(
        "Jagged line chart on logarithmic axes of the cross-entropy loss against mini-batch "
        "steps: flat at first, then falling steeply, then levelling off."
    ),
    caption=(
        "The cross-entropy over all 300 points against the number of mini-batch steps, both "
        "axes logarithmic, from the initial loss printed above to the final one. The loss stays "
        "near $\\log 3$, the loss of an even guess, only for the first few dozen of the 20 000 "
        "steps (the last recorded step above 90 % of $\\log 3$ is printed above); from then on "
        "it falls, most steeply between a few hundred and a few thousand steps, and then levels "
        "off. The curve is jagged because each step follows the gradient of only 32 points, "
        "which is not quite the gradient of the whole loss."
    ),
)

# %% [markdown]
# Accuracy on the 300 training points says how well the network fits them, not how well it
# classifies points it has never seen. The training set puts the 100 points of each arm at
# evenly spaced radii, the same on every arm and for every seed, so a second draw of the same
# kind would only put new angular noise on the same radii. For
# <dfn id="term-held-out-data">held-out</dfn> points we draw
# instead with `radii="uniform"`: 100 fresh points per arm, each at a radius drawn at random
# between 0 and 1 (so none at a training radius), with fresh angular noise (another seed).

# %%
X_new, labels_new = nm.datasets.spirals(
    n_per_class=100, n_classes=3, noise=0.2, seed=1, radii="uniform"
)
grid_radii = np.linspace(0.0, 1.0, 100)  # the training radii of every arm
off_grid = np.abs(np.hypot(*X_new.T)[:, None] - grid_radii[None, :]).min(axis=1)


def nearest(points, among, skip_self=False):
    """Distance from each point to the nearest of `among`."""
    distance = np.linalg.norm(points[:, None, :] - among[None, :, :], axis=2)
    if skip_self:
        np.fill_diagonal(distance, np.inf)
    return distance.min(axis=1)


to_training = np.median(nearest(X_new, X))
within_training = np.median(nearest(X, X, skip_self=True))
print("held-out points:", len(X_new))
print(f"smallest distance from a held-out radius to a training radius: {off_grid.min():.1e}")
print(f"median distance to the nearest training point: held-out {to_training:.3f}, ", end="")
print(f"training points among themselves {within_training:.3f}")
print("training accuracy:", net.accuracy(X, labels))
print("held-out accuracy:", round(net.accuracy(X_new, labels_new), 4))

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (no held-out point at a training radius; held out as far from the training points as they
# are from each other, within 20 %; held-out accuracy above 95 % and within 3 points of the
# training accuracy)
held_out = net.accuracy(X_new, labels_new)
assert off_grid.min() > 1e-6 and 0.8 < to_training / within_training < 1.2, off_grid.min()
assert held_out > 0.95 and abs(net.accuracy(X, labels) - held_out) < 0.03, held_out
nb.Html(
    f"<p>On the held-out points the network is right {held_out:.1%} of the time, against "
    f"{net.accuracy(X, labels):.1%} on the training points. A held-out point is typically as "
    "far from its nearest training point as the training points are from one another, so "
    "this measures how the network classifies new positions along the arms, between and "
    "beside the points it was trained on; it does not measure anything beyond the ends of the "
    "arms, outside the unit disc, where there were no training points to follow.</p>"
)

# %% tags=["hide-input"]
nb.figure(
    plotting.decision_regions(net, X, labels, class_names=["arm 0", "arm 1", "arm 2"]),
    alt=(
        "Three interleaved spiral arms of points over a plane shaded in three colours by the "
        "trained network's prediction; the curved boundaries between the colours follow the "
        "arms."
    ),
    caption=(
        "The class the trained network predicts at every point of the plane (shaded), with the "
        "three spiral arms on top (arms 0, 1 and 2). The boundaries "
        "are curved and follow the arms; a single softmax layer without hidden layers could "
        "only draw straight ones."
    ),
)

# %% [markdown]
# ## Summary
#
# - Softmax turns a vector of scores into positive numbers that sum to one. Adding the same
#   constant to every score leaves it unchanged, which is how it is computed without overflow.
# - Cross-entropy is the negative log-likelihood of the labels under the model's probabilities,
#   computed from the logits through the log-softmax so that it stays finite.
# - A sigmoid output with binary cross-entropy loses the $\sigma'$ factor of the quadratic cost,
#   and with it the slow start of a neuron that begins badly wrong.
# - A network with a softmax output learns the spirals, and held-out points test it at positions
#   it was not trained on.
# - With softmax and cross-entropy the backward pass starts from this error at the logits, and
#   the equations of chapter 7 carry it back unchanged:

# %% tags=["hide-input"]
nb.result("softmax-cross-entropy")

# %% [markdown]
# ## What's next
#
# We now have every piece: layers, a cost, its gradient by backpropagation, and a classifier
# head that outputs probabilities. In [Training the land classifier](09-land-classifier.py) we
# go back to Higham and Higham's experiment and run it in full: a million steps of stochastic
# gradient descent, a comparison with full-batch descent, and a look at how often training
# succeeds from a random start.

# %% [markdown]
# ## Try it: three logits
#
# Set three logits with the sliders (or the arrow keys) and read the probabilities softmax
# makes of them. Raising one logit takes probability from the other two, and adding the same
# amount to all three changes nothing, as the derivation showed. The page evaluates the
# three probabilities as SymPy writes them, printed as JavaScript when the site is built.

# %% tags=["hide-input"]
nm.widgets.softmax_bars(z=(1.0, 0.0, -1.0))

# %% [markdown]
# ## Exercises

# %% tags=["hide-input"]
nm.exercises.exercises_html(8)

# %%
from IPython.display import display

display(nm.exercises.check("softmax-ce-gradient", "exp(z1)/(exp(z1) + exp(z2) + exp(z3)) - y1"))
display(nm.exercises.check("softmax-diagonal", "exp(z1)/(exp(z1)+exp(z2)+exp(z3))"))
display(nm.exercises.check("softmax-shift", "1/3"))
display(nm.exercises.check("softmax-ce-gradient-numbers", "[1/4, 1/8, 5/8]"))
nm.exercises.check("log-sum-exp", "800 + log(3)")


# %% [markdown]
# ## Further reading
#
# Full citations are on the [references page](../references.md).
#
# - [Nielsen (2015)](../references.md#nielsen2015), chapter 3, "The cross-entropy cost function"
#   and "Softmax": why cross-entropy avoids the learning slowdown of a saturated sigmoid output.
# - [*Dive into Deep Learning*](../references.md#zhang2023), section "Softmax Regression": softmax
#   and cross-entropy from the side of information theory, with the same gradient $\mathbf{p} -
#   \mathbf{y}$.
# - [Parr and Howard (2018)](../references.md#parr2018), section "The gradient of the neural
#   network loss function": the gradient of a loss with respect to one neuron's weights and bias.
# - [Higham and Higham (2019)](../references.md#higham2019), sections 2 to 6: a classifier
#   with sigmoid outputs and the quadratic cost throughout, the pair this chapter replaces; read
#   beside it, the difference at the output layer is plain.
# - [3Blue1Brown](../references.md#sanderson2017), lesson 5, "But what is a GPT?": softmax
#   turning a language model's scores into a probability distribution, with a temperature that
#   sharpens or flattens it.
