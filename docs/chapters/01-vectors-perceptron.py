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
# # Vectors, the dot product and the perceptron
#
# <div class="nnmath-goals">
#
# **After this chapter** you can compute a dot product in two ways and read its sign as an
# angle, and tell on which side of a perceptron's boundary $\mathbf{w}\cdot\mathbf{x} + b = 0$
# a point falls.
#
# </div>
#
# The oldest artificial neuron, Rosenblatt's perceptron ([1958](../references.md#rosenblatt1958)),
# needs only two ideas from linear algebra: a vector and the dot product of two vectors. With them
# it can split a space of examples into two halves, one for each class. Every network on this site,
# however deep, is built from the same pieces, so this chapter takes them slowly: what the dot
# product computes, what its sign tells us, and how a weight vector with a bias draws a boundary.

# %%
import numpy as np

import nnmath as nm

# %% tags=["hide-input"]
from nnmath import notebook as nb
from nnmath import plotting

plotting.setup_notebook()


# %% [markdown]
# ## Vectors
#
# A vector in $\mathbb{R}^d$ is an ordered list of $d$ real numbers, its *components*. We write
# it as a column; in the plane $\mathbb{R}^2$, for example,
#
#
# <div data-definition="vector">
#
# $$
# \mathbf{u} = \begin{bmatrix} u_1 \\ u_2 \end{bmatrix},
# $$
#
# </div>
#
#
# and in $\mathbb{R}^d$ the column simply has $d$ entries. We read a vector either as a point
# in space or as an arrow from the origin to that point; the arrow has a length
# $\|\mathbf{u}\| = \sqrt{u_1^2 + \dots + u_d^2}$ and a direction. In two and three
# dimensions we can draw it; in more dimensions (a feature vector of a leaf, a flattened image)
# we cannot, but the algebra is exactly the same, and that is what makes it useful.
#
# In NumPy a vector is a one-dimensional array. Here are two vectors in the plane and their
# lengths. We call them $\mathbf{u}$ and $\mathbf{v}$, because the letters $\mathbf{a}$ and
# $b$ have other jobs later (activations and the bias); the [notation page](../notation.md)
# lists every symbol the site uses, each with its one meaning.

# %%
u = np.array([2.0, 1.0])
v = np.array([1.0, 3.0])
print("u =", u, " length", np.linalg.norm(u))
print("v =", v, " length", np.linalg.norm(v))

# %% [markdown]
# ## The dot product, two ways
#
# **Algebraically**, the
# <dfn id="term-dot-product">dot product</dfn> of two vectors of the same length is the sum of the
# products of their components:
#
#
# <div data-definition="dot product">
#
# $$
# \mathbf{u}\cdot\mathbf{v} = \sum_{i=1}^{d} u_i v_i = u_1 v_1 + u_2 v_2 + \dots + u_d v_d .
# $$
#
# </div>
#
#
# In NumPy it is `u @ v` (or `np.dot(u, v)`), which is the same number as multiplying
# component-wise and adding up:

# %%
print("u @ v          =", u @ v)
print("sum of u_i v_i =", np.sum(u * v))

# %% [markdown]
# **Geometrically**, the dot product is the length of one vector times the length of the other
# times the cosine of the angle $\theta$ between them. That the two descriptions give the same
# number is not obvious from the definitions: one is a sum of products of coordinates, the other
# mentions lengths and angles. In two dimensions it follows from writing each vector in polar
# form and using the cosine of a difference. SymPy carries out that derivation:

# %% tags=["hide-input"]
nb.derivation("dot-product")

# %% [markdown]
# The derivation works with symbols, so it holds for every pair of plane vectors. We can still
# watch it happen with numbers. For the vector $\mathbf{u}$ above and a few vectors
# $\mathbf{v}$, the table computes the direction of each vector from its own coordinates (with
# `np.arctan2`, without any dot product), takes $\theta$ as the angle from $\mathbf{u}$ to
# $\mathbf{v}$ as the derivation does, forms $\|\mathbf{u}\|\,\|\mathbf{v}\|\cos\theta$, and
# compares it with `u @ v`, the sum of products.


# %%
def angle_deg(v):
    """Direction of a plane vector in degrees, from its coordinates."""
    return np.degrees(np.arctan2(v[1], v[0]))


rows = []
for v in ([3.0, 1.0], [1.0, 3.0], [-1.0, 2.0], [-2.0, 1.0], [-2.0, -1.0]):
    v = np.array(v)
    theta = angle_deg(v) - angle_deg(u)  # from u to v
    lengths = np.linalg.norm(u) * np.linalg.norm(v)
    geometric = lengths * np.cos(np.radians(theta))
    geometric = np.round(geometric, 12) + 0.0  # show 0.000, not -0.000
    rows.append((v, u @ v, f"{theta:.1f}°", f"{geometric:.3f}"))

# %% tags=["hide-input"]
header = ["v", "u·v", "angle θ from u to v", "‖u‖ ‖v‖ cos θ"]
nb.table(rows, header)

# %% tags=["hide-input"]
# The text below states this outcome; the build fails if it changes.
# (the two columns agree, and the dot products take all three signs)
signs = {float(np.sign(row[1])) for row in rows}
assert signs == {-1.0, 0.0, 1.0} and all(np.isclose(float(r[3]), r[1]) for r in rows), rows


# %% [markdown]
# ## What the sign of the dot product says
#
# Lengths are never negative, so the sign of $\mathbf{u}\cdot\mathbf{v}$ is the sign of
# $\cos\theta$:
#
# - positive when the angle between the vectors is below 90°: they point roughly the same way;
# - zero when the angle is exactly 90°: they are perpendicular;
# - negative when the angle is above 90°: they point roughly in opposite directions.
#
# The table above shows all three cases. The figure turns $\mathbf{v}$ all the way round
# $\mathbf{u}$.

# %% tags=["hide-input"]
nb.figure(
    plotting.dot_product_sign(u),
    alt=(
        "Two panels. Left: arrows of equal length at different angles around a fixed vector u; "
        "those within 90 degrees of u lie in a shaded half-plane, a dotted line perpendicular "
        "to u bounds it. Right: the dot product of u and v against the angle between them, a "
        "cosine curve."
    ),
    caption=(
        "Left, vectors $\\mathbf{v}$ of equal length at different angles from $\\mathbf{u}$; "
        "those in the shaded half-plane on the side of $\\mathbf{u}$ have a positive dot product "
        "with it, those on the other side a negative one, and the dotted line perpendicular to "
        "$\\mathbf{u}$ separates the two. Right, $\\mathbf{u}\\cdot\\mathbf{v}$ against the angle: "
        "a cosine curve that changes sign at ±90°."
    ),
)

# %% [markdown]
# Look again at the left panel: the vectors with $\mathbf{u}\cdot\mathbf{v} = 0$ form a line
# through the origin, and that line splits the plane into a positive and a negative side. This
# is the whole idea of the perceptron.

# %% tags=["hide-input"]
nb.Html(
    '<div class="admonition note"><p class="admonition-title">A note on '
    '<a href="../references.md#punnen">Punnen\'s <em>The Maths behind Neural Networks</em></a>'
    "</p><p>Punnen's text, one of the two this site started from, writes a vector both as a "
    "column and as a row and sets the two equal. Strictly, a row is the <em>transpose</em> of "
    "a column: "
    "$[u_1\\;u_2\\;u_3] = \\mathbf{u}^\\mathsf{T}$. The distinction matters as soon as vectors "
    "meet matrices, which is why this site always writes vectors as columns and uses "
    "$\\mathbf{u}^\\mathsf{T}\\mathbf{v}$ for the dot product in matrix notation. It also says "
    "that vectors pointing the same way have a positive dot product and vectors pointing "
    "opposite ways a negative one; the precise statement is about the angle, as above: below "
    "90° positive, exactly 90° zero, above 90° negative.</p></div>"
)

# %% [markdown]
# ## A weight vector and a bias split the space
#
# Take a
# *<dfn id="term-weight">weight</dfn> vector* $\mathbf{w} \neq \mathbf{0}$ and a number $b$, the
# *<dfn id="term-bias">bias</dfn>*. The points
# $\mathbf{x}$ with
#
#
# <div data-definition="decision boundary">
#
# $$
# \mathbf{w}\cdot\mathbf{x} + b = 0
# $$
#
# </div>
#
#
# form a
# *<dfn id="term-hyperplane">hyperplane</dfn>*:
# in $\mathbb{R}^2$ a line, in $\mathbb{R}^3$ a plane, in $\mathbb{R}^d$ a
# flat set of dimension $d-1$. (The weight vector must not be zero: with $\mathbf{w} = \mathbf{0}$
# the equation reads $b = 0$, which every point satisfies if $b = 0$ and no point otherwise.)
# The vector $\mathbf{w}$ is perpendicular to it (its *normal*),
# and the bias moves it away from the origin; with $b = 0$ it is exactly the line of the
# previous figure, the vectors perpendicular to $\mathbf{w}$.
#
# Every point off the hyperplane lies on one of its two sides, and the sign of
# $\mathbf{w}\cdot\mathbf{x} + b$ says which: positive on the side $\mathbf{w}$ points to,
# negative on the other. The two sides are called *half-spaces*, and the hyperplane between them
# is the <dfn id="term-decision-boundary">decision boundary</dfn> of any classifier that answers
# by the side a point lies on. A set of examples from two
# classes is
# **<dfn id="term-linearly-separable">linearly separable</dfn>**
# when some hyperplane has all the examples of one class on
# one side and all the examples of the other class on the other side.
#
# The package ships a small linearly separable data set: points in the square $[-1, 1]^2$,
# labelled 1 above a line and 0 below it. We pick the weight vector and bias of that line and
# check the sign of $\mathbf{w}\cdot\mathbf{x} + b$ at every point. Note the layout used
# throughout the site: the examples are the *rows* of `X`, so `X @ w` computes every
# dot product at once.

# %%
X, y = nm.datasets.linearly_separable()
w = np.array([1.0, 2.0])
bias = -1.0
scores = X @ w + bias  # one dot product per row of X
print("X has shape", X.shape, "and the labels are", np.unique(y))
print("class 1 points on the positive side:", np.all(scores[y == 1] > 0))
print("class 0 points on the negative side:", np.all(scores[y == 0] < 0))

# %% [markdown]
# ## The perceptron
#
# The
# <dfn id="term-perceptron">perceptron</dfn>
# turns that sign into a decision. It computes the weighted sum of its inputs,
# adds the bias, and passes the result through the **step function**:
#
#
# <div data-definition="perceptron">
#
# $$
# \operatorname{step}(z) = \begin{cases} 1 & \text{if } z \ge 0, \\ 0 & \text{otherwise,}
# \end{cases}
# \qquad
# \hat y = \operatorname{step}(\mathbf{w}\cdot\mathbf{x} + b).
# $$
#
# </div>
#
#
# So the perceptron answers 1 on one closed half-space and 0 on the other: it *is* the
# hyperplane, read as a classifier. In `nnmath` it is `nm.step`, whose body is the single
# comparison `x >= 0` turned into 0.0 and 1.0; note that it answers 1 at $z = 0$:

# %%
z = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
print("z       =", z)
print("step(z) =", nm.step(z))

# %% [markdown]
# ### Three ways to write the same neuron
#
# Books and papers write the perceptron in three ways, and it helps to recognise all of them.
#
# 1. **With a bias input.** Add a constant input $x_0 = 1$ whose weight $w_0$ plays the part of
#    the bias; then the neuron is $\operatorname{step}\bigl(\sum_{i=0}^{d} w_i x_i\bigr)$, a sum
#    with no separate bias term. This is how the perceptron's learning rule in the next chapter
#    treats the bias, as one more weight.
# 2. **Dot product plus bias:** $\operatorname{step}(\mathbf{w}\cdot\mathbf{x} + b)$.
# 3. **Matrix product plus bias:** $\operatorname{step}(\mathbf{w}^\mathsf{T}\mathbf{x} + b)$,
#    where $\mathbf{w}^\mathsf{T}\mathbf{x}$ is a $1\times d$ matrix times a $d \times 1$
#    matrix, a $1 \times 1$ matrix holding the number $\mathbf{w}\cdot\mathbf{x}$.
#
# They are the same function. SymPy proves form 1 = form 2 = form 3 for a symbolic number of
# inputs $d$ (steps 2 and 3): split off the term $i = 0$ of the sum in form 1, with $x_0 = 1$ and
# $w_0 = b$, and the rest is $\mathbf{w}\cdot\mathbf{x}$. Step 4 writes form 1 out for $d = 2$,
# term by term. The result joins the first form to the last, for any number of inputs.

# %% tags=["hide-input"]
nb.derivation("perceptron")

# %% [markdown]
# The proof is symbolic; here are the three forms evaluated on numbers, for one input with three
# features, exactly as written: form 1 on the input with a 1 in front of it, form 2 with NumPy's
# dot product, form 3 as a genuine matrix product of a $1 \times 3$ row with a $3 \times 1$
# column.

# %%
x = np.array([0.5, -1.0, 2.0])
w_3d = np.array([1.0, 0.5, -0.25])
b_3d = 0.75

form1 = np.concatenate([[1.0], x]) @ np.concatenate([[b_3d], w_3d])  # x_0 = 1, w_0 = b
form2 = w_3d @ x + b_3d
form3 = (w_3d.reshape(1, 3) @ x.reshape(3, 1)).item() + b_3d  # a 1×1 matrix, then its number
print("arguments:", form1, form2, form3)
print("outputs:  ", nm.step(form1), nm.step(form2), nm.step(form3))


# %% tags=["hide-input"]
# The same on a thousand random inputs; the build fails if the three forms ever disagree.
def three_forms_agree():
    rng = np.random.default_rng(0)
    X3 = rng.normal(size=(1000, 3))  # 1000 inputs, one per row
    w_3d = rng.normal(size=3)
    b_3d = rng.normal()
    X_aug = np.column_stack([np.ones(len(X3)), X3])  # x_0 = 1 before each x
    form1 = nm.step(X_aug @ np.concatenate([[b_3d], w_3d]))  # w_0 = b
    form2 = nm.step(X3 @ w_3d + b_3d)
    products = [(w_3d.reshape(1, 3) @ x.reshape(3, 1)).item() for x in X3]  # 1×1 matrices
    form3 = nm.step(np.array(products) + b_3d)
    return np.array_equal(form1, form2) and np.array_equal(form2, form3)


assert three_forms_agree()


# %% [markdown]
# On other inputs the three arguments can differ in the last bit, because the additions happen
# in a different order; but on a thousand random inputs (tested when this page is built) none
# lies close enough to the hyperplane for that to change a decision.
#
# ### The perceptron as a picture
#
# Back to the plane. With the weight vector and bias chosen above, the perceptron answers 1 in
# the shaded half-plane that $\mathbf{w}$ points into and 0 in the other; every example of the
# data set falls on its own class's side.

# %%
prediction = nm.step(X @ w + bias)
print("correctly classified:", int(np.sum(prediction == y)), "of", len(y))

# %% tags=["hide-input"]
# The text above states this outcome; the build fails if it changes.
assert np.all(prediction == y), int(np.sum(prediction != y))

# %% tags=["hide-input"]
nb.figure(
    plotting.perceptron_line(X, y, w, bias),
    alt=(
        "Scatter plot of two classes of points, blue circles and vermillion crosses, separated "
        "by a black straight line, with the weight vector drawn as an arrow perpendicular to "
        "the line."
    ),
    caption=(
        "The linearly separable data set, class 0 as blue circles and class 1 as vermillion "
        "crosses, with the perceptron's line $\\mathbf{w}\\cdot\\mathbf{x} + b = 0$ (black) and "
        "its weight vector $\\mathbf{w}$ drawn perpendicular to the line, pointing into the "
        "half-plane where the perceptron outputs 1."
    ),
)

# %% [markdown]
# Two details of the picture are worth saying out loud. The arrow is drawn from the line, not
# from the origin, because only its direction matters: scaling $\mathbf{w}$ and $b$ by the same
# positive number gives the same line and the same decisions. And the line does not pass
# through the origin, because $b \neq 0$; the distance from the origin to the line is
# $|b| / \|\mathbf{w}\|$, derived here step by step:

# %% tags=["hide-input"]
nb.derivation("perceptron-distance")

# %% tags=["hide-input"]
nb.Html(
    '<div class="admonition note"><p class="admonition-title">Sign conventions</p>'
    "<p>Some texts write the perceptron with a threshold instead of a bias, often calling it "
    "$\\theta$; on this site $\\theta$ is the angle between two vectors, so here the threshold "
    "is $\\tau$: output 1 when $\\mathbf{w}\\cdot\\mathbf{x} \\ge \\tau$. That is the same "
    "neuron with $b = -\\tau$. "
    '<a href="../references.md#punnen">Punnen\'s text</a> mixes the two, writing the '
    "half-spaces as $\\mathbf{w}\\cdot\\mathbf{x} > b$ while its perceptron adds $b$; with a "
    "bias, the boundary is $\\mathbf{w}\\cdot\\mathbf{x} = -b$. It also calls the step "
    "function $\\sigma$; on this site $\\sigma$ is reserved for the sigmoid of "
    '<a href="03-sigmoid-neuron.py">chapter 3</a>.</p></div>'
)

# %% [markdown]
# ## The limitation, in one sentence
#
# A perceptron can only ever draw one hyperplane. If no hyperplane separates the two classes,
# no choice of $\mathbf{w}$ and $b$ classifies every example correctly. The next chapter meets
# the smallest example of that, the exclusive or, right after showing how a perceptron *learns*
# its weights when a separating hyperplane does exist.
#
# ## Summary
#
# - A vector is a column of numbers. The dot product of two vectors is the sum of the products
#   of their components, and it equals the product of their lengths times the cosine of the
#   angle between them (derived in the plane).
# - Its sign says whether two vectors point within 90° of each other, are perpendicular, or
#   point apart.
# - A weight vector and a bias split the space along a hyperplane. The perceptron answers 1 on
#   one side and 0 on the other, and its three usual notations are one function.
# - The bias moves the boundary away from the origin, by the size of the bias over the length of
#   the weight vector; one perceptron can only ever draw one such boundary.
#
# ## What's next
#
# So far we chose $\mathbf{w}$ and $b$ by hand, knowing where the classes lie. In
# [Training the perceptron](02-training-perceptron.py) the perceptron finds them itself, one
# mistake at a time, and we see when that succeeds and when it cannot.

# %% [markdown]
# ## Try it: move the line
#
# The figure below is the perceptron of this chapter over the same data set, drawn in your
# browser. Move the sliders (or focus one and use the arrow keys) to change $w_1$, $w_2$ and
# $b$: the line $\mathbf{w}\cdot\mathbf{x} + b = 0$, the weight vector and the shaded
# half-plane follow, and the text under the figure counts the points on their class's side.
# The score the page evaluates is $\mathbf{w}\cdot\mathbf{x} + b$ as SymPy writes it,
# printed as JavaScript when the site is built.

# %% tags=["hide-input"]
nm.widgets.perceptron(X, y, w=tuple(w), b=bias)

# %% [markdown]
# ## Exercises

# %% tags=["hide-input"]
nm.exercises.exercises_html(1)

# %%
from IPython.display import display

display(nm.exercises.check("dot-product", "2 - 4 + 3/2"))
display(nm.exercises.check("perceptron-output", "1"))
display(nm.exercises.check("perceptron-boundary", "-(w1 x1 + b)/w2"))
display(nm.exercises.check("cosine-of-angle", "4/(3*3)"))
nm.exercises.check("perceptron-margin", "1")


# %% [markdown]
# ## Further reading
#
# Full citations are on the [references page](../references.md).
#
# - [Nielsen (2015)](../references.md#nielsen2015), chapter 1, "Perceptrons": the perceptron as a
#   device that weighs evidence, and why a bias is the same as a threshold.
# - [*Dive into Deep Learning*](../references.md#zhang2023), section "Linear Algebra": dot
#   products and norms as operations on arrays in code.
# - [Parr and Howard (2018)](../references.md#parr2018), section "Introduction to vector calculus
#   and partial derivatives": vectors as the objects later differentiated, in the notation used
#   for matrix calculus.
# - [3Blue1Brown](../references.md#sanderson2017), lesson 1, "But what is a neural network?": a
#   visual picture of weights and biases as knobs on a neuron.
# - [Rosenblatt (1958)](../references.md#rosenblatt1958): the original perceptron paper, for its
#   historical framing.
# - [Higham and Higham (2019)](../references.md#higham2019), section 2: the same vectors and
#   weights put straight to work in a small network that separates two classes of points in the
#   plane by a curve, where one line is not enough.
