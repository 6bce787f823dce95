"""The parts of the site build, one job each; ``docs/hooks/nnmath_site.py`` calls them.

``kernel``
    The environment the notebook kernels run in (hash seed, matplotlibrc, IPython
    profile) and a check that the kernel runs this interpreter.
``nbcache``
    The cache of executed notebooks, keyed on the chapter and everything it depends on;
    keeps each executed notebook for the page's ``.ipynb`` download.
``execution``
    Runs the uncached notebooks in parallel ahead of their pages.
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
