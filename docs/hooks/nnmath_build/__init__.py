"""The parts of the site build, one job each; ``docs/hooks/nnmath_site.py`` calls them.

The parts take and give paths and strings, never MkDocs objects, and fail with
:class:`BuildError`; the MkDocs hook module is the only place that knows MkDocs (README,
"How the site is built").

``kernel``
    The environment the notebook kernels run in (hash seed, matplotlibrc, IPython
    profile) and a check that the kernel runs this interpreter.
``nbcache``
    The cache of executed notebooks, keyed on the chapter and everything it depends on;
    keeps each executed notebook for the page's ``.ipynb`` download.
``execution``
    nbconvert's executor, put in place through nbconvert's configuration; runs the
    uncached notebooks in parallel ahead of their pages.
``patches``
    The one library function replaced at run time (mkdocs-jupyter's converter, wrapped
    with the notebook cache), with the record of the version it was written for.
``reference_pages``
    The notation tables and the glossary, generated from ``nnmath.notation`` and
    ``nnmath.glossary``; the glossary's links found from the chapters' ``<dfn>`` marks.
``formulas``
    Finds the display formulas of a chapter that are neither derived nor definitions.
``notebook_html``
    Cleans the HTML mkdocs-jupyter makes of a notebook: CSS out into one shared
    stylesheet, scripts and duplicates out, relative links resolved and checked.
``api_refs``
    Turns the docstrings' Sphinx roles on the API reference pages into links.
``assets``
    Writes the files the pages load that are not in ``docs/``: the notebook stylesheet,
    the copy-button library, the ``.ipynb`` downloads.
``mathml``
    Typesets the built pages' TeX as MathML (Node, MathJax's TeX parser, ``typeset.js``)
    and writes the math font, cut down to the characters the formulas use.
``downloads``
    The package as a wheel and the chapters' executed notebooks as one archive, with
    the wheel, a pinned requirements.txt and a README.
``files``
    Writing a file atomically (shared by the parts that write files).
"""


class BuildError(Exception):
    """A build step failed; the message names the page or file and what was wrong."""
