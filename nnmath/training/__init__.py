"""Training: the public loops, the reference loop they are tested against, and their engines.

=========================================  ===================================================
:mod:`~nnmath.training.schedule`           :class:`Schedule` (what a run does), :class:`History`
                                           (what it records), the shared step loop
:mod:`~nnmath.training.reference`          :func:`run_reference`, the readable loop the chapters
                                           show: :meth:`Network.backward`, then ``ϑ −= η ∇ϑ``
:mod:`~nnmath.training.buffered`           the same steps on work arrays allocated once
                                           (:class:`~nnmath.training.buffered.BatchedTrainer`)
:mod:`~nnmath.training.generated`          :func:`sgd`: per-sample SGD, for small float64
                                           networks as generated straight-line Python
:mod:`~nnmath.training.many_seeds`         many seeded runs of one architecture at once
:mod:`~nnmath.training.loops`              :func:`gradient_descent`, :func:`engine` (which
                                           engine a loop runs on), and :func:`sgd` re-exported
=========================================  ===================================================

:func:`sgd` runs a float64 network of at most
:data:`~nnmath.training.generated.MAX_PARAMS` parameters on the generated code and every other
network on the buffered engine; :func:`gradient_descent` always runs the buffered engine. Both
are tested against :func:`run_reference`; :func:`engine` says which engine a call uses.
"""

from nnmath.training.loops import engine, gradient_descent, sgd
from nnmath.training.reference import run_reference
from nnmath.training.schedule import History, Schedule, minibatches, record_points

__all__ = [
    "History",
    "Schedule",
    "engine",
    "gradient_descent",
    "minibatches",
    "record_points",
    "run_reference",
    "sgd",
]
