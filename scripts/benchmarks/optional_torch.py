"""PyTorch if it is installed (the ``bench`` extra), else ``None``: its contenders are skipped."""

from __future__ import annotations

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # pragma: no cover - depends on the environment
    torch = None  # type: ignore[assignment]
    F = None  # type: ignore[assignment]

__all__ = ["F", "torch"]
