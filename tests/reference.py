"""Shared by the engine tests: the activation cases every engine runs.

The loop the engines are tested against is the public one, :func:`nnmath.training.run_reference`.
"""

# (hidden, output, loss) combinations the engine tests run: every hidden activation and every
# output/loss pair a Network accepts appear at least once.
ACTIVATIONS = [
    ("sigmoid", "sigmoid", "quadratic"),
    ("sigmoid", "identity", "quadratic"),
    ("sigmoid", "softmax", "cross_entropy"),
    ("tanh", "sigmoid", "quadratic"),
    ("tanh", "softmax", "cross_entropy"),
    ("relu", "identity", "quadratic"),
    ("relu", "softmax", "cross_entropy"),
]
