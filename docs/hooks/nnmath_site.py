"""MkDocs hooks for the nnmath site (registered under ``hooks:`` in mkdocs.yml).

Each event hands its work to one part in ``nnmath_build/`` (one job per module):

``on_config``
    ``kernel`` sets the environment the notebook kernels inherit and checks that the
    ``python3`` kernel runs this interpreter; ``nbcache`` wraps mkdocs-jupyter's
    converter with the notebook cache; ``execution`` patches nbconvert's executor.
``on_files``
    ``execution`` starts executing, in parallel, every notebook page whose cached
    conversion is missing.
``on_page_content``
    ``notebook_html`` cleans a notebook page's HTML (CSS, scripts, links); ``formulas``
    fails the build on a chapter's display formula that is neither derived nor a definition.
``on_env``
    ``api_refs`` turns the docstrings' Sphinx roles into links.
``on_post_page``
    ``notebook_html`` notes the classes a notebook page uses (the notebook stylesheet
    keeps only rules for those); ``assets`` writes the executed notebook as
    ``<chapter>.ipynb`` next to the page.
``on_post_build``
    ``mathml`` turns every page's TeX into MathML and writes the math font, cut down to
    the characters used; ``assets`` writes the notebook stylesheet, the copy-button
    library and the interactive figures' formulas; ``downloads`` writes the wheel and
    the chapters' notebook archive; ``nbcache`` evicts stale cache entries.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from nnmath_build import (
    api_refs,
    assets,
    downloads,
    execution,
    formulas,
    kernel,
    mathml,
    nbcache,
    notebook_html,
)

_notebook_files: set[str] = set()  # src_uri of every notebook page in the site
_built_pages: list[Path] = []  # every page this build wrote, for the math typesetting


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    # NNMATH_CACHE_DIR (used by the site tests) moves the cache; default: .cache/
    cache_root = Path(os.environ.get("NNMATH_CACHE_DIR") or root / ".cache").resolve()
    execution.reset(root)
    _built_pages.clear()
    notebook_html.reset()
    downloads.reset()
    kernel.configure(cache_root)

    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        raise PluginError("nnmath hooks: the mkdocs-jupyter plugin is not configured")
    if jupyter.config["cache"]:
        raise PluginError(
            "nnmath hooks: set `cache: false` for mkdocs-jupyter; its cache ignores the "
            "nnmath sources, the hook caches executed notebooks itself"
        )
    kernel.check_kernel(jupyter.config["kernel_name"] or "python3")
    nbcache.reset(root, cache_root)  # after kernel.configure: the key covers its settings
    nbcache.install()
    execution.install()
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Runs after mkdocs-jupyter's on_files, which wraps the notebooks in NotebookFile.
    global _notebook_files
    notebooks = [f for f in files if type(f).__name__ == "NotebookFile"]
    _notebook_files = {f.src_uri for f in notebooks}
    jupyter = config.plugins["mkdocs-jupyter"].config
    execution.prefetch([f.abs_src_path for f in notebooks if f.abs_src_path], jupyter)
    downloads.register(files, config, Path(config.config_file_path).resolve().parent)
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not notebook_html.is_notebook(page):
        return html
    if page.file.src_uri.startswith("chapters/"):
        missing = formulas.unmarked(html)
        if missing:
            raise PluginError(
                f"{page.file.src_uri}: {len(missing)} display formula(s) neither rendered from "
                "nnmath.symbolic (data-derivation) nor marked as a definition "
                "(data-definition): " + "; ".join(missing)
            )
    return notebook_html.clean(html, page, files)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    api_refs.link_roles_in(f.page for f in files if f.page is not None)
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _built_pages.append(Path(page.file.abs_dest_path))
    if notebook_html.is_notebook(page):
        notebook_html.note_page(output)
        ipynb = nbcache.executed_notebook(page.file.abs_src_path or "")
        if ipynb is None:
            raise PluginError(f"nnmath hooks: no notebook kept for {page.file.src_uri}")
        name = page.nnmath_ipynb  # type: ignore[attr-defined]
        assets.write_notebook(Path(page.file.abs_dest_path), name, ipynb)
        if page.file.src_uri.startswith("chapters/"):
            downloads.add_chapter(name, ipynb)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    assets.write_stylesheets(site, notebook_html.stylesheets())
    root = Path(config.config_file_path).resolve().parent
    mathml.write_font(root, site, mathml.typeset(_built_pages))
    assets.copy_clipboard_library(site)
    assets.write_widget_formulas(site)
    downloads.write(Path(config.config_file_path).resolve().parent, site)
    nbcache.evict_stale(full_build=notebook_html.built_pages() == _notebook_files)
