"""The training loop written out with Network.backward: the independent reference of the tests."""

import numpy as np


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
