"""Shared by the engine tests: the training loop written out with Network.backward, and cases."""

import numpy as np

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


def reference_train(net, X, Y, batches, learning_rate, marks=None):
    """Apply ``θ −= η ∇θ C(batch)`` for each index array in ``batches``.

    Returns the cost over all rows before the first step and after every step
    (or only after the steps listed in ``marks``, counted from 1).
    """
    Xa, Ya = net.check_data(X, Y)
    costs = [net.loss(Xa, Ya)]
    for i, idx in enumerate(batches, start=1):
        dW, db = net.backward(net.forward_pass(Xa[idx]), Ya[idx])
        for w, b, gw, gb in zip(net.weights, net.biases, dW, db, strict=True):
            w -= learning_rate * gw
            b -= learning_rate * gb
        if marks is None or i in marks:
            costs.append(net.loss(Xa, Ya))
    return np.array(costs)
