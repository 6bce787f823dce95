"""A minimal progress bar for long training runs in a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _in_notebook() -> bool:
    return "ipykernel" in sys.modules


def should_show(progress: bool | None, total: int, stream: TextIO) -> bool:
    """Whether to draw a bar: forced by ``progress``, else only on a TTY, outside
    notebooks, for runs of at least 10⁴ steps."""
    if progress is not None:
        return progress
    isatty = getattr(stream, "isatty", None)
    return total >= 10_000 and bool(isatty and isatty()) and not _in_notebook()


class ProgressBar:
    """Redraws ``label [#####.....] 42% 4.2e+05/1.0e+06 cost 0.0123`` on one line.

    Updates are throttled to ten a second, so calling :meth:`update` often is cheap.
    """

    def __init__(self, total: int, label: str = "train", stream: TextIO | None = None) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.start = time.perf_counter()
        self._last = 0.0

    def update(self, done: int, cost: float | None = None, *, force: bool = False) -> None:
        """Show ``done`` of ``total`` steps and, if given, the current cost."""
        now = time.perf_counter()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        frac = done / self.total if self.total else 1.0
        width = 30
        filled = round(width * frac)
        bar = "#" * filled + "." * (width - filled)
        text = f"\r{self.label} [{bar}] {100 * frac:3.0f}% {done:.1e}/{self.total:.1e}"
        if cost is not None:
            text += f" cost {cost:.4g}"
        text += f" {now - self.start:.1f}s"
        self.stream.write(text)
        self.stream.flush()

    def close(self, cost: float | None = None) -> None:
        """Draw the finished bar and end the line."""
        self.update(self.total, cost, force=True)
        self.stream.write("\n")
        self.stream.flush()
