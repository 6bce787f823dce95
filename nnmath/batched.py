"""Former home of the buffered mini-batch engine (kept for old imports).

It now lives in :mod:`nnmath.training.buffered`.
"""

from nnmath.training.buffered import BatchedTrainer, run, supports

__all__ = ["BatchedTrainer", "run", "supports"]
