"""HTML that Jupyter displays as HTML: the one class behind every rendered piece of a page.

:class:`Html` is shown by Jupyter (and by the site's notebook pages) through its
``_repr_html_``; its ``repr`` is fixed text, so a saved notebook's plain-text output does
not change from run to run. :mod:`nnmath.notebook`, :mod:`nnmath.widgets` and
:mod:`nnmath.exercises` return it (the last two as subclasses named for what they hold).
"""

from __future__ import annotations

__all__ = ["Html"]


class Html:
    """A piece of HTML that Jupyter displays as such (``_repr_html_``).

    Parameters
    ----------
    markup : str
        The HTML.

    Raises
    ------
    TypeError
        If ``markup`` is not a string.

    Examples
    --------
    >>> piece = Html("<b>bold</b>")
    >>> piece._repr_html_()
    '<b>bold</b>'
    >>> piece
    <Html: 11 characters>
    """

    def __init__(self, markup: str) -> None:
        if not isinstance(markup, str):
            raise TypeError(f"markup must be a str, got {type(markup).__name__}")
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        # Fixed text (no memory address): it is the text/plain output in saved notebooks.
        return f"<{type(self).__name__}: {len(self.markup)} characters>"
