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
# # Vectors and the perceptron
#
# *Placeholder chapter: it shows what a chapter page can do. The real chapter replaces it.*
#
# A neuron weighs its inputs with a vector $\mathbf{w}$ and adds a bias $b$:
#
# $$z = \mathbf{w}\cdot\mathbf{x} + b = \sum_{i=1}^{n} w_i x_i + b$$
#
# ## Executed code
#
# The code below runs when the site is built; its output is what `nnmath` returns today.

# %%
import numpy as np

from nnmath.activations import sigmoid

z = np.array([-2.0, 0.0, 2.0])
print(sigmoid(z))

# %% [markdown]
# ## A derivation rendered as math
#
# `IPython.display.Math` output is typeset like the markdown math above.

# %%
from IPython.display import Math, display

display(Math(r"\sigma'(x) = \frac{e^{-x}}{(1+e^{-x})^2} = \sigma(x)\,\bigl(1-\sigma(x)\bigr)"))

# %% [markdown]
# ## A figure with its code hidden
#
# The next cell is tagged `hide-input`: the page shows its figure, not its code.

# %% tags=["hide-input"]
import matplotlib.pyplot as plt

xs = np.linspace(-6, 6, 200)
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(xs, sigmoid(xs), label=r"$\sigma(x)$")
ax.axhline(0.5, color="grey", linewidth=0.5)
ax.set_xlabel("$x$")
ax.legend()
plt.show()
