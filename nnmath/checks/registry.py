"""The registry: every check in order, built on first use, found by name and run.

Building it derives every derivation (seconds of SymPy), so it is built when first asked
for, by :func:`all_checks`, not when :mod:`nnmath.checks` is imported. Each statement is
written once, with its math as TeX between ``$`` signs; the plain text is derived from it.
"""

from __future__ import annotations

import functools

from nnmath.checks import kernels, network_gradients, proofs
from nnmath.checks.comparison import BACKPROP_TOLERANCE, GRADCHECK_TOLERANCE, KERNEL_TOLERANCE
from nnmath.checks.exact_arithmetic import worked_example_check
from nnmath.checks.model import Check, CheckResult, make_check
from nnmath.checks.per_derivation import proof_checks, step_checks
from nnmath.checks.perceptron_bound import perceptron_bound
from nnmath.symbolic.registry import registered_name

__all__ = ["all_checks", "get_check", "run_all"]


def _network_checks() -> list[Check]:
    """The checks written for the NumPy code, after those every derivation brings."""
    rel = f"relative error < {KERNEL_TOLERANCE:.0e} (max-norm per sample)"
    return [
        make_check(
            "backprop-layerwise-10-layers",
            "The four backprop equations hold entry by entry for a 10-layer, width-3 "
            "sigmoid network, proved one layer at a time.",
            "backprop",
            "SymPy proof",
            "exact (each difference simplifies to 0)",
            proofs.backprop_layerwise_10,
        ),
        make_check(
            "backprop-composed-2-2-3-2",
            "Differentiating the fully composed cost of the 2-2-3-2 network gives the "
            "backprop formula for all 23 weights and biases.",
            "backprop",
            "SymPy proof",
            "exact (each difference expands to 0)",
            proofs.backprop_composed_2232,
        ),
        make_check(
            "sigmoid-kernel",
            r"nnmath.sigmoid equals the SymPy expression $1/(1 + e^{-x})$.",
            "sigmoid",
            "lambdified comparison",
            rel,
            kernels.sigmoid_kernel,
        ),
        make_check(
            "sigmoid-derivative-kernel",
            "nnmath.sigmoid_prime equals the SymPy derivative of the sigmoid.",
            "sigmoid",
            "lambdified comparison",
            rel,
            kernels.sigmoid_prime_kernel,
        ),
        make_check(
            "softmax-kernel",
            "nnmath.softmax equals the SymPy softmax for $K = 2, 3, 4, 5$.",
            "softmax",
            "lambdified comparison",
            rel,
            kernels.softmax_kernel,
        ),
        make_check(
            "log-softmax-kernel",
            "nnmath.log_softmax equals $z_j$ minus the log of the sum of exponentials, "
            "for $K = 2, 3, 4, 5$.",
            "softmax",
            "lambdified comparison",
            rel,
            kernels.log_softmax_kernel,
        ),
        make_check(
            "cross-entropy-kernel",
            "The cross-entropy loss equals the SymPy expression, per sample and as a "
            "batch mean, for $K = 2, 3, 4, 5$.",
            "softmax-cross-entropy",
            "lambdified comparison",
            rel,
            kernels.cross_entropy_kernel,
        ),
        make_check(
            "cross-entropy-gradient-kernel",
            r"The cross-entropy gradient with respect to the logits equals "
            r"$\mathbf{p} - \mathbf{y}$ for targets that sum to 1, for $K = 2, 3, 4, 5$.",
            "softmax-cross-entropy",
            "lambdified comparison",
            rel,
            kernels.cross_entropy_grad_kernel,
        ),
        make_check(
            "binary-cross-entropy-kernel",
            r"nnmath.losses.binary_cross_entropy and its gradient $\sigma(z) - y$ equal the SymPy "
            "expressions, per sample, at 200 points.",
            "binary-cross-entropy",
            "lambdified comparison",
            rel,
            kernels.binary_cross_entropy_kernel,
        ),
        make_check(
            "cross-entropy-likelihood-kernel",
            "N times the batch cross-entropy equals minus the log of the product over 20 "
            "one-hot points of the probabilities of their labels, for $K = 2, 3, 4, 5$.",
            "cross-entropy-likelihood",
            "lambdified comparison",
            rel,
            kernels.cross_entropy_likelihood_kernel,
        ),
        make_check(
            "quadratic-loss-kernel",
            "The quadratic loss equals one half of the squared distance between output "
            "and target, per sample and as a batch mean, for 2 to 5 outputs.",
            "backprop",
            "lambdified comparison",
            rel,
            kernels.quadratic_kernel,
        ),
        make_check(
            "backprop-vs-symbolic",
            "Network.gradient of the 2-2-3-2 sigmoid network equals all 23 SymPy partial "
            "derivatives of the composed cost, for one sample at random parameters.",
            "backprop",
            "lambdified comparison",
            f"relative error < {BACKPROP_TOLERANCE:.0e} (max-norm over the 23 partials)",
            network_gradients.backprop_vs_symbolic,
        ),
        make_check(
            "chain-rule-network-vs-symbolic",
            "Network.gradient of the 1-1-1 sigmoid network equals the SymPy partial "
            "derivatives of the two-neuron chain.",
            "chain-rule-network",
            "lambdified comparison",
            f"relative error < {BACKPROP_TOLERANCE:.0e} (max-norm over the 4 partials)",
            network_gradients.chain_network_vs_symbolic,
        ),
        make_check(
            "relu-derivative-network",
            "The ReLU derivative that the network's backward pass uses is the SymPy derivative "
            r"of $\max(0, x)$ away from 0 (1 for $x > 0$, 0 for $x < 0$) and the derivation's "
            r"convention $\operatorname{ReLU}'(0) = 0$ at 0.",
            "relu",
            "lambdified comparison",
            "exact (every value equal)",
            network_gradients.relu_derivative,
        ),
        make_check(
            "tanh-derivative-network",
            "The tanh derivative that the network's backward pass uses, $1 - a^2$ with "
            r"$a = \tanh z$, equals the SymPy derivative of tanh, also at 0, where it is 1.",
            "tanh",
            "lambdified comparison",
            f"relative error < {KERNEL_TOLERANCE:.0e}; exactly 1 at 0",
            network_gradients.tanh_derivative,
        ),
        make_check(
            "gradcheck-sigmoid-quadratic",
            "Backpropagation agrees with central finite differences for sigmoid networks "
            "with quadratic cost (2-2-3-2, 3-4-4-2, 1-5-1).",
            "backprop",
            "finite differences",
            f"gradcheck relative error < {GRADCHECK_TOLERANCE:.0e}",
            network_gradients.gradcheck_sigmoid,
        ),
        make_check(
            "gradcheck-softmax-cross-entropy",
            "Backpropagation agrees with central finite differences for softmax networks "
            "with cross-entropy cost (3-5-4, 2-3-3-3).",
            "softmax-cross-entropy",
            "finite differences",
            f"gradcheck relative error < {GRADCHECK_TOLERANCE:.0e}",
            network_gradients.gradcheck_softmax,
        ),
        make_check(
            "perceptron-bound-train-perceptron",
            "nnmath.train_perceptron, run to convergence on separable data, makes no more "
            r"updates than Novikoff's bound $(R/\gamma)^2$ computed by nnmath.margin_bound.",
            "perceptron-convergence",
            "numerical example",
            "the update count is at most the bound",
            perceptron_bound,
        ),
        make_check(
            "worked-example",
            r"The chain-rule worked example's numbers ($z = 2$, $\hat y = 7/2$, $E = 9/8$, the "
            r"two steps up the gradient of $\hat y$ and one descent step on $E$) are exact.",
            "chain-rule",
            "exact arithmetic",
            "exact (rational numbers equal)",
            worked_example_check,
        ),
    ]


@functools.cache
def all_checks() -> tuple[Check, ...]:
    """Every check, SymPy proofs first; built on the first call (it derives every derivation).

    Examples
    --------
    >>> checks = all_checks()
    >>> len({check.name for check in checks}) == len(checks)
    True
    """
    return tuple(proof_checks() + step_checks() + _network_checks())


def get_check(name: str) -> Check:
    """The check called ``name``.

    Raises
    ------
    TypeError, ValueError
        As for :func:`~nnmath.symbolic.registry.registered_name`: ``name`` is not a string,
        or no check has that name (the message lists the valid names).
    """
    by_name = {check.name: check for check in all_checks()}
    return by_name[registered_name("check", name, by_name)]


def run_all() -> list[tuple[Check, CheckResult]]:
    """Run every check in order; return each with its result."""
    return [(check, check.run()) for check in all_checks()]
