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
# # A network from scratch, then real data
#
# <div class="nnmath-goals">
#
# **After this chapter** you can write a complete network in plain NumPy, check its gradient
# against a library's, and measure a classifier on data it has never seen.
#
# </div>
#
# Until now `nnmath` has done the work: `Network` ran the forward and backward passes, `sgd`
# and `gradient_descent` ran the loop. This last chapter takes the library away. First we
# write a complete two-layer network in plain NumPy, forward pass, backpropagation and
# training loop, in about twenty lines, and check it against `nnmath`. Then we put the library
# back and train a softmax classifier on real data: images of handwritten digits. There we ask
# the question that matters in practice, how well the network does on examples it has never
# seen. The symbols and the row-batch convention are those of the
# [notation page](../notation.md).

# %%
import numpy as np

import nnmath as nm

# %% tags=["hide-input"]
from nnmath import notebook as nb
from nnmath import plotting

plotting.setup_notebook()


# %% [markdown]
# ## Part 1: a network in plain NumPy
#
# ### The task
#
# Three inputs, each 0 or 1; the answer should be 1 when *exactly two* of them are 1 and 0
# otherwise. All eight input patterns form the data set:

# %%
X, Y = nm.datasets.exactly_two()

# %% tags=["hide-input"]
nb.table(
    [[*x.astype(int), int(y[0])] for x, y in zip(X, Y, strict=True)],
    header=["x1", "x2", "x3", "target"],
)

# %% [markdown]
# No single neuron can do this. The task treats the three inputs alike, so if some plane
# separated the classes, the plane averaged over the ways of reordering the inputs would too,
# and its score would be a linear function of the *number* of ones alone. A linear function
# cannot be higher at two than both at one and at three; so no plane works, and a perceptron
# would fail just as on XOR in [chapter 2](02-training-perceptron.py). One hidden layer is
# enough. We use four hidden sigmoid neurons and one sigmoid output, so the weight matrices
# are $W^1$ of shape $4\times 3$ and $W^2$ of shape $1\times 4$, and the quadratic cost
# averaged over the eight patterns.
#
# ### Forward and backward, written out
#
# The layout is the one used throughout the site: the examples are the rows of `X`, so a layer
# computes `A @ W.T + b` for the whole batch at once. The backward pass is the four equations
# of [backpropagation with matrices](07-backprop-matrices.py), for a batch: the output error
# is $\sigma'$ times the difference between output and target, the hidden error is the output
# error sent back through $W^2$ and multiplied by $\sigma'$, and each weight gradient is an
# error times the activations feeding into it, averaged over the batch. The derivative of the
# sigmoid needs no exponential of its own: [the sigmoid chapter](03-sigmoid-neuron.py)
# derived it from the sigmoid's value,

# %% tags=["hide-input"]
nb.Html(nb.result("sigmoid").markup + nb.checked("symbolic-sigmoid").markup)

# %% [markdown]
# so in the code below it is computed from the activations `A1` and `A2`.


# %%
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(params, X):
    W1, b1, W2, b2 = params
    A1 = sigmoid(X @ W1.T + b1)  # hidden layer, shape (n, 4)
    A2 = sigmoid(A1 @ W2.T + b2)  # output layer, shape (n, 1)
    return A1, A2


def gradients(params, X, Y):
    W2 = params[2]
    A1, A2 = forward(params, X)
    n = len(X)
    D2 = A2 * (1 - A2) * (A2 - Y)  # output error
    D1 = A1 * (1 - A1) * (D2 @ W2)  # hidden error: sent back through W2
    return [D1.T @ X / n, D1.mean(axis=0), D2.T @ A1 / n, D2.mean(axis=0)]


def cost(params, X, Y):
    return 0.5 * np.sum((forward(params, X)[1] - Y) ** 2) / len(X)


# %% [markdown]
# (This `sigmoid` is the textbook formula. For large negative inputs `np.exp(-z)` overflows;
# the `nnmath` version from [the sigmoid chapter](03-sigmoid-neuron.py) avoids that, but
# with the small weights here it never matters.)
#
# The parameters start as they do in `nnmath`, each weight and bias drawn from
# $0.5\cdot \mathcal{N}(0, 1)$ with a fixed seed:

# %%
rng = np.random.default_rng(0)
shapes = [(4, 3), (4,), (1, 4), (1,)]  # W1, b1, W2, b2
params = [0.5 * rng.standard_normal(shape) for shape in shapes]
print("cost at the start:", round(cost(params, X, Y), 4))

# %% [markdown]
# ### The same gradient as the package
#
# Before training, one comparison. `nm.Network([3, 4, 1])` has the same architecture, and
# `set_params` loads our numbers into it (the order is $W^1, \mathbf{b}^1, W^2, \mathbf{b}^2$,
# each matrix row by row). If our twenty lines are right, its backpropagation, which the
# [verification](../verification.py) page checks against SymPy and finite differences, must
# give the same gradient.

# %%
net = nm.Network([3, 4, 1])
net.set_params(np.concatenate([p.ravel() for p in params]))
ours = np.concatenate([g.ravel() for g in gradients(params, X, Y)])
theirs = net.gradient_vector(X, Y)
print("parameters:", net.n_params)
print("cost, ours and nnmath:", cost(params, X, Y), net.loss(X, Y))
print("every gradient entry within 1e-12:", bool(np.abs(ours - theirs).max() < 1e-12))

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
same_cost = np.isclose(cost(params, X, Y), net.loss(X, Y), rtol=1e-12, atol=0)
assert np.abs(ours - theirs).max() < 1e-12 and same_cost, np.abs(ours - theirs).max()

# %% [markdown]
# Agreement to rounding error, for every parameter. (The two codes do the same arithmetic,
# sometimes in a different order, which is why the difference need not be exactly zero; its
# size, around 10⁻¹⁸, depends on the machine's arithmetic library, so the page prints only
# that it is within 10⁻¹².)
#
# ### Training until the answers are right
#
# Now the loop: full-batch gradient descent with learning rate 2, until every output is on the
# correct side of $\tfrac12$ with a clear margin: within 0.1 of its target, so that every
# output that should be 1 is above 0.9 and every output that should be 0 is below 0.1.

# %%
learning_rate = 2.0
step = 0
output = forward(params, X)[1]
margin = 0.1
while not np.all(np.abs(output - Y) < margin) and step < 100_000:
    grads = gradients(params, X, Y)
    params = [p - learning_rate * g for p, g in zip(params, grads, strict=True)]
    output = forward(params, X)[1]
    step += 1
print("steps:", step, "  cost:", round(cost(params, X, Y), 4))

# %%
predictions = (output >= 0.5).astype(int)
print("all eight right:", bool(np.all(predictions == Y)))

# %% tags=["hide-input"]
rows = [
    ["".join(str(int(v)) for v in x), int(y[0]), f"{a[0]:.4g}", int(c[0])]
    for x, y, a, c in zip(X, Y, output, predictions, strict=True)
]
nb.table(rows, header=["input", "target", "output", "prediction"])

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (the loop stopped because every output is within 0.1 of its target, not at the step cap)
within = np.all(np.abs(output - Y) < margin)
assert np.all(predictions == Y) and within and step < 100_000, (step, output.ravel())

# %% tags=["hide-input"]
last = int(np.argmax(np.abs(output - Y)))  # the output that got inside the margin last
pattern = "".join(str(int(v)) for v in X[last])
nb.Html(
    f"<p>The loop stops at the first step at which the last output gets inside the margin: "
    f"that is the output for {pattern}, {output[last, 0]:.5f}, only just within {margin:g} of "
    f"its target {Y[last, 0]:g}. Every output is at least {np.abs(output - 0.5).min():.3f} "
    "away from ½, so no decision is a near thing.</p>"
)

# %% [markdown]
# All eight patterns are classified correctly. That is the whole of a neural network: a
# forward pass, the backward pass that reuses it, and a step downhill, repeated. Everything
# else in `nnmath` (input checks, other activations and losses, float32, the fast paths)
# makes this loop safer, more general or faster, not different.
#
# ## Part 2: handwritten digits
#
# ### The data
#
# scikit-learn ships a small classic data set, with no download needed: 1797 images of
# handwritten digits, each 8×8 pixels with grey levels from 0 to 16, and the digit each
# shows. Each image is a row of 64 numbers. We divide by 16 so that every input lies in
# $[0, 1]$: large inputs would push the sigmoids of the first layer onto their flat tails,
# where, as the last chapters showed, gradients vanish.

# %%
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
X_all = digits.data / 16  # grey levels 0..16 scaled to [0, 1]
y_all = digits.target  # the digit, 0..9
print("images:", X_all.shape, " labels:", np.bincount(y_all))

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
# (1797 images of 8×8 pixels, grey levels 0 to 16)
levels = digits.data.min(), digits.data.max()
assert X_all.shape == (1797, 64) and levels == (0.0, 16.0), (X_all.shape, levels)

# %% [markdown]
# Printed with one character per pixel, darker characters for darker ink, the first image
# looks like this:


# %%
def show_digit(pixels, shades=" .:-=+*#%@"):
    """Print 64 grey levels in [0, 1] as an 8×8 block of characters."""
    for row in pixels.reshape(8, 8):
        print(" ".join(shades[round(v * (len(shades) - 1))] for v in row))


show_digit(X_all[0])
print("label:", y_all[0])

# %% [markdown]
# ### Held-out data
#
# A network with thousands of parameters can memorise a training set. What we want to know is
# how it does on images it has not been trained on, so before training we set a quarter of the
# images aside as a
# **<dfn id="term-held-out-data">test set</dfn>**,
# drawn at random but with a fixed seed (so the page is the
# same on every build) and with each digit in the same proportion as in the whole set.

# %%
X_train, X_test, y_train, y_test = train_test_split(
    X_all, y_all, test_size=0.25, random_state=0, stratify=y_all
)
print("training images:", len(X_train), "  test images:", len(X_test))

# %% [markdown]
# The test set is for the very end. Anything we choose while watching training, here the
# number of epochs, we choose on a **validation set** instead: a quarter of the training
# images, split off the same way, on which the network is not trained either. The learning
# rate, 1 as for the spirals of chapter 8, and the batch size are fixed in the code below
# and carried over unchanged; nothing on this page is chosen by looking at the test set.

# %%
X_fit, X_val, y_fit, y_val = train_test_split(
    X_train, y_train, test_size=0.25, random_state=0, stratify=y_train
)
print("trained on:", len(X_fit), "  validation:", len(X_val), "  test:", len(X_test))

# %% [markdown]
# ### The network and its training
#
# Sixty-four inputs, one hidden layer of 32 sigmoid neurons, and a softmax output of ten
# classes trained with cross-entropy, exactly as in
# [softmax and cross-entropy](08-softmax-cross-entropy.py). The labels can be given as
# integers; `nnmath` turns them into one-hot targets.

# %%
net = nm.Network(
    [64, 32, 10],
    hidden="sigmoid",
    output="softmax",
    loss="cross_entropy",
    seed=0,
)
print(net.n_params, "parameters")

# %% [markdown]
# We train with
# <dfn id="term-mini-batch">mini-batches</dfn>
# of 32 images. One call of `nm.gradient_descent` with as many
# steps as there are batches in the images it trains on is one
# **<dfn id="term-epoch">epoch</dfn>**: one pass over the
# shuffled data. Calling it once per epoch lets us measure the accuracy on the training and
# validation images after every pass, and keep the parameters of the epoch with the best
# validation accuracy.

# %%
batch = 32
steps_per_epoch = int(np.ceil(len(X_fit) / batch))
epochs = np.arange(31)  # epoch 0 is the untrained network
train_acc = [net.accuracy(X_fit, y_fit)]
val_acc = [net.accuracy(X_val, y_val)]
snapshots = [net.get_params()]
for epoch in epochs[1:]:
    nm.gradient_descent(
        net,
        X_fit,
        y_fit,
        learning_rate=1.0,
        steps=steps_per_epoch,
        batch_size=batch,
        seed=int(epoch),  # a new shuffle every epoch
        record=1,
    )
    train_acc.append(net.accuracy(X_fit, y_fit))
    val_acc.append(net.accuracy(X_val, y_val))
    snapshots.append(net.get_params())
best = int(np.argmax(val_acc))  # the first epoch with the highest validation accuracy
net.set_params(snapshots[best])
print(f"untrained: training accuracy {train_acc[0]:.1%}")
print(f"after {epochs[-1]} epochs: training accuracy {train_acc[-1]:.1%}")
print(f"chosen on the validation images: epoch {best}, validation accuracy {val_acc[best]:.1%}")
drops = np.diff(train_acc)
worst = int(np.argmin(drops)) + 1  # the epoch after which training accuracy fell most
print(
    f"largest fall of the training accuracy: from {train_acc[worst - 1]:.1%} after epoch "
    f"{worst - 1} to {train_acc[worst]:.1%} after epoch {worst}"
)
print(f"generalisation gap at epoch {best}: {train_acc[best] - val_acc[best]:.1%}")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# ("rarely right" untrained; both above 90 % after five epochs; the validation curve a
# little, under 5 points, below the training curve at the chosen epoch; the climb is not
# monotone: the training accuracy falls by more than 1 point at least once)
gap = train_acc[best] - val_acc[best]
climbed = min(train_acc[5], val_acc[5]) > 0.9
assert train_acc[0] < 0.2 and climbed and 0 <= gap < 0.05, (train_acc, val_acc)
assert drops.min() < -0.01, drops

# %% tags=["hide-input"]
fig = plotting.learning_curve(epochs, train_acc, val_acc)
fig.axes[0].get_lines()[1].set_label("validation")
fig.axes[0].legend()
fig.axes[0].axvline(best, color="#4D4D4D", ls=":", lw=1.0)
fig.axes[0].set_xlabel("epoch")
nb.figure(
    fig,
    alt=(
        "Line chart of accuracy against epoch for the training images (solid) and the "
        "validation images (dashed): both climb steeply in the first epochs and level off, the "
        "validation curve a little lower, with a few dips; a dotted vertical line marks the "
        "chosen epoch."
    ),
    caption=(
        "The learning curve, accuracy on the images trained on (solid) and on the validation "
        "images (dashed) after each epoch; the dotted line marks the epoch with the best "
        "validation accuracy, whose parameters we keep. The untrained network is rarely right "
        "(printed above). Within a few epochs both curves climb steeply, then they level off, "
        "the validation curve a little below the training curve. The climb is not steady: "
        "after some epochs the accuracy falls back, once by the amount printed above, before it "
        "recovers."
    ),
)

# %% [markdown]
# A step of mini-batch gradient descent follows the gradient of 32 images, not of the whole
# loss, and with a learning rate as large as 1 a single epoch can make things worse before
# the next ones make them better. The gap between the two curves is the
# **<dfn id="term-generalisation-gap">generalisation gap</dfn>**,
# training accuracy minus accuracy on images the network was not
# trained on: it has fitted its own images a little better than the digits in general. Here
# the gap is small; with fewer training images or a much larger network it can grow, and the
# training accuracy then says less about the accuracy on new images.

# %% tags=["hide-input"]
nb.Html(
    '<div class="admonition note"><p class="admonition-title">Keep the test set for the '
    "end</p><p>The test accuracy is an honest estimate only if nothing about the network "
    "or its training was chosen by looking at it. Tuning the learning rate, the number of "
    "epochs or the size of the hidden layer to make the test accuracy as high as possible "
    "would quietly turn the test set into training data. That is why the epoch above was "
    "chosen on the validation set, and why the test set is not touched until the network "
    "is final, below.</p></div>"
)

# %% [markdown]
# Now the network is final, and we measure it on the test set. With 450 test images the
# accuracy is itself an estimate, so we give it with the exact (Clopper–Pearson) 95 % interval of
# [chapter 9](09-land-classifier.py#how-often-does-training-succeed)
# (`nm.evaluation.clopper_pearson`), and its standard error $\sqrt{p(1 - p)/n}$.

# %%
right = int(np.sum(net.predict(X_test) == y_test))
test_accuracy = right / len(y_test)
interval = nm.evaluation.clopper_pearson(right, len(y_test), confidence=0.95)
standard_error = np.sqrt(test_accuracy * (1 - test_accuracy) / len(y_test))
print(f"test accuracy: {right}/{len(y_test)} = {test_accuracy:.1%}")
print(f"standard error: {standard_error:.1%}")
print(f"exact 95 % interval: {interval.low:.1%} to {interval.high:.1%}")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (the validation and test accuracies agree within the test interval, widened by 2 points)
assert interval.low - 0.02 < val_acc[best] < interval.high + 0.02, (val_acc[best], interval)
nb.Html(
    f"<p>On the {len(y_test)} test images the network is right {test_accuracy:.1%} of the time, "
    f"give or take {standard_error:.1%} (one standard error); the exact 95&nbsp;% interval "
    f"runs from {interval.low:.1%} to {interval.high:.1%}. A test set of this size cannot "
    "tell apart two networks whose accuracies differ by much less than that.</p>"
)

# %% [markdown]
# ### Which digits get confused?
#
# Accuracy is one number. The **confusion matrix** shows where the mistakes are: row $i$,
# column $j$ counts the test images of digit $i$ that the network called $j$. Correct
# answers lie on the diagonal.

# %%
predicted = net.predict(X_test)
counts = np.zeros((10, 10), dtype=int)
np.add.at(counts, (y_test, predicted), 1)
off = counts - np.diag(np.diag(counts))  # mistakes only
i, j = np.unravel_index(np.argmax(off), off.shape)
print("test images misclassified:", off.sum(), "of", len(y_test))
print(f"most frequent mistake: {i} taken for {j} ({off[i, j]} times)")

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# ("nearly all" on the diagonal: under 10 % of the test images misclassified)
assert off.sum() < 0.1 * len(y_test), off.sum()

# %% tags=["hide-input"]
nb.figure(
    plotting.confusion_matrix(y_test, predicted, n_classes=10),
    alt=(
        "A ten by ten grid of counts, true digit against predicted digit, with large counts "
        "along the diagonal and small ones elsewhere."
    ),
    caption=(
        "Confusion matrix of the trained network on the held-out test images (rows: true digit, "
        "columns: predicted digit). Nearly all counts lie on the diagonal; the few off the "
        "diagonal are the network's mistakes, the largest of them printed above."
    ),
)

# %% [markdown]
# The softmax output gives more than a label: it says how sure the network is. Here is the
# test image it gets wrong with the most confidence, and the probabilities it assigns:

# %%
probabilities = net(X_test)
wrong = np.flatnonzero(predicted != y_test)
worst = wrong[np.argmax(probabilities[wrong].max(axis=1))]
show_digit(X_test[worst])
print("true digit:", y_test[worst], "  predicted:", predicted[worst])
print("probabilities:", probabilities[worst].round(3))

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
assert probabilities[worst].max() > 0.9, probabilities[worst]

# %% [markdown]
# At 8×8 pixels some handwriting is ambiguous even to a person, so a few confident mistakes
# are no surprise. Still, a probability close to 1 on a wrong answer is a reminder that the
# softmax output measures the network's confidence, not how often it is right.

# %% [markdown]
# ## Summary
#
# - A two-layer network, its forward pass, backpropagation and training loop, fits in about
#   twenty lines of NumPy, and its gradient agrees with `nnmath`'s to rounding error.
# - A softmax classifier trained on the 8×8 digits is measured on a test set kept aside until the
#   end; the confusion matrix shows which digits it mixes up, and the accuracy comes with an
#   exact confidence interval:

# %% tags=["hide-input"]
nb.Html(
    f"<p>On {len(y_test)} test images it is right {test_accuracy:.1%} of the time (exact "
    f"95&nbsp;% interval {interval.low:.1%} to {interval.high:.1%}).</p>"
)

# %% [markdown]
# ## What's next
#
# This is the end of the road from the perceptron to a working classifier. Every displayed
# formula on the way is either a definition, marked as one, or rendered from a derivation in
# `nnmath.symbolic`, and every step of a derivation after its starting definitions names its
# check: for most, a SymPy proof (for all values, or for each of a few concrete sizes); exact
# arithmetic for worked numbers; and a numerical check where SymPy cannot follow the
# argument, such as the induction behind the perceptron's convergence bound or the inequality
# of the vanishing gradient. Those checks, and the ones that tie each formula to the code that
# computes it, are listed with their results in this build on the
# [verification page](../verification.py).
# To go further with the library itself, start from the [API reference](../reference/index.md):
# the networks, kernels, training loops, data sets and figures used on these pages are all
# documented there.

# %% [markdown]
# ## Exercises

# %% tags=["hide-input"]
nm.exercises.exercises_html(10)

# %%
from IPython.display import display

display(nm.exercises.check("cross-entropy-value", "-log(1/2)"))
display(nm.exercises.check("batch-shape", "[5, 30]"))
display(nm.exercises.check("digits-output-count", "300"))
display(nm.exercises.check("glorot-std", "sqrt(2/96)"))
nm.exercises.check("batch-preactivations", "[[2, 0, 4], [1, 1, -5]]")


# %% [markdown]
# ## Further reading
#
# Full citations are on the [references page](../references.md).
#
# - [Nielsen (2015)](../references.md#nielsen2015), chapter 1, "Implementing our network to
#   classify digits": a network written from scratch in NumPy for the larger MNIST digits.
# - [*Dive into Deep Learning*](../references.md#zhang2023), sections "Softmax Regression" and
#   "Generalization in Classification": training, test and validation sets, and the generalisation
#   gap.
# - [3Blue1Brown](../references.md#sanderson2017), lessons 1 and 2: what the hidden neurons of a
#   digit classifier were hoped to do, and what they turn out to do.
# - [Alpaydin and Kaynak (1998)](../references.md#alpaydin1998): the handwritten-digit data set
#   used here.
# - [Higham and Higham (2019)](../references.md#higham2019), section 6, "Full MATLAB example":
#   a complete network and its training loop in a few dozen lines, the exercise of this
#   chapter's first part in another language.
# - [Parr and Howard (2018)](../references.md#parr2018), section "The gradient of the neural
#   network loss function": the gradient of a loss summed over many inputs, which the
#   from-scratch code computes for all rows of `X` at once.
