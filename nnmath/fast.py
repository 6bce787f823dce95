"""Former home of the generated-code SGD and the many-seeds runs (kept for old imports).

They now live in :mod:`nnmath.training.generated` and :mod:`nnmath.training.many_seeds`.
"""

from nnmath.training.generated import MAX_PARAMS, generated_source, sgd_fast, supports
from nnmath.training.many_seeds import ManyResult, sgd_many

__all__ = ["MAX_PARAMS", "ManyResult", "generated_source", "sgd_fast", "sgd_many", "supports"]
