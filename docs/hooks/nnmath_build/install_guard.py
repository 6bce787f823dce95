"""The install guard: the first code cell of every downloadable chapter notebook.

A chapter downloaded on its own (or from the notebook archive) may be opened where the
``nnmath`` package is not installed. Its first code cell then stops with one message that
says how to install it, instead of a ``ModuleNotFoundError`` deep in a later cell. The cell
is the same for every chapter, so it is written here once and added to the notebooks as they
are written for download; the chapters' sources and pages do not carry it.
"""

from __future__ import annotations

import json

GUARD_SOURCE = """\
# Needs the nnmath package: if it is missing, say how to install it, and stop.
try:
    import nnmath  # noqa: F401
except ModuleNotFoundError:
    import sys

    raise SystemExit(
        "This notebook needs the nnmath package. In the folder where nnmath-notebooks.zip\\n"
        "was unpacked (download it from the site's home page), run\\n"
        f"    {sys.executable} -m pip install -r requirements.txt\\n"
        "then restart the kernel."
    ) from None"""

#: The cell's id in the notebook (nbformat 4.5 cell ids).
GUARD_ID = "nnmath-install-guard"


def with_install_guard(ipynb: str) -> str:
    """The notebook ``ipynb`` (JSON text) with the install guard as its first code cell.

    Parameters
    ----------
    ipynb : str
        A notebook in nbformat 4, as JSON text.

    Returns
    -------
    str
        The same notebook with the guard cell inserted before its first code cell (at the
        end if it has none); a notebook that already has the guard is returned unchanged.

    Raises
    ------
    TypeError
        If ``ipynb`` is not a string.
    ValueError
        If ``ipynb`` is not a notebook's JSON (no list of cells).

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Title"},
    ...                 {"cell_type": "code", "metadata": {}, "source": "x = 1",
    ...                  "outputs": [], "execution_count": 1}],
    ...       "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    >>> cells = json.loads(with_install_guard(json.dumps(nb)))["cells"]
    >>> [c.get("id", c["cell_type"]) for c in cells]
    ['markdown', 'nnmath-install-guard', 'code']
    """
    if not isinstance(ipynb, str):
        raise TypeError(f"ipynb must be a string of JSON, got {type(ipynb).__name__}")
    notebook = json.loads(ipynb)
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise ValueError("ipynb must be a notebook: a JSON object with a list of cells")
    if any(cell.get("id") == GUARD_ID for cell in cells):
        return ipynb
    guard = {
        "cell_type": "code",
        "execution_count": None,
        "id": GUARD_ID,
        "metadata": {"tags": ["hide-input"]},
        "outputs": [],
        "source": GUARD_SOURCE.splitlines(keepends=True),
    }
    first_code = next((k for k, c in enumerate(cells) if c.get("cell_type") == "code"), len(cells))
    cells.insert(first_code, guard)
    return json.dumps(notebook, ensure_ascii=False, indent=1, sort_keys=True)
