"""MkDocs hooks for the nnmath site (registered under ``hooks:`` in mkdocs.yml).

The only module of the build that knows MkDocs: it takes what each event hands it (the
config, files, pages), passes paths and strings to the steps in ``nnmath_build/`` (one
job per module) and puts their results back; a step's ``BuildError`` becomes MkDocs'
``PluginError``. README.md, "How the site is built", lists the steps in order.

``on_config``
    ``kernel`` sets the environment the notebook kernels inherit and checks that the
    ``python3`` kernel runs this interpreter; ``execution`` puts its executor into
    nbconvert's configuration; ``patches`` wraps mkdocs-jupyter's converter with the
    notebook cache (``nbcache``).
``on_files``
    ``execution`` starts executing, in parallel, every notebook page whose cached
    conversion is missing.
``on_page_markdown``
    ``reference_pages`` fills in the notation tables and the glossary from the package's
    tables, the glossary's links from the chapters' ``<dfn>`` marks.
``on_page_content``
    ``formulas`` fails the build on a chapter's display formula that is neither derived
    nor a definition; ``notebook_html`` cleans a notebook page's HTML (CSS, scripts, links).
``on_env``
    ``api_refs`` turns the docstrings' Sphinx roles into links.
``on_post_page``
    ``notebook_html`` notes the classes a notebook page uses (the notebook stylesheet
    keeps only rules for those); ``assets`` writes the executed notebook as
    ``<chapter>.ipynb`` next to the page.
``on_post_build``
    ``mathml`` turns every page's TeX into MathML and writes the math font, cut down to
    the characters used; ``assets`` writes the notebook stylesheet, the copy-button
    library, the interactive figures' formulas and the exercises' checks; ``downloads``
    writes the wheel and the chapters' notebook archive; ``nbcache`` evicts stale cache
    entries.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from nnmath_build import (
    BuildError,
    api_refs,
    assets,
    downloads,
    execution,
    formulas,
    install_guard,
    kernel,
    mathml,
    nbcache,
    notebook_html,
    patches,
    reference_pages,
)

log = logging.getLogger("mkdocs.hooks.nnmath")

_notebook_files: set[str] = set()  # src_uri of every notebook page in the site
_built_pages: list[Path] = []  # every page this build wrote, for the math typesetting

_Hook = TypeVar("_Hook", bound=Callable[..., Any])


def _reported(hook: _Hook) -> _Hook:
    """Report a build step's failure as MkDocs does a plugin's (a message, no traceback)."""

    @functools.wraps(hook)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return hook(*args, **kwargs)
        except BuildError as exc:
            raise PluginError(str(exc)) from exc

    return run  # type: ignore[return-value]


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _is_notebook(page: Page) -> bool:
    """Whether mkdocs-jupyter made this page from a notebook."""
    return type(page.file).__name__ == "NotebookFile"


@_reported
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = _root(config)
    # NNMATH_CACHE_DIR (used by the site tests) moves the cache; default: .cache/
    cache_root = Path(os.environ.get("NNMATH_CACHE_DIR") or root / ".cache").resolve()
    execution.reset(root)
    _built_pages.clear()
    notebook_html.reset()
    downloads.reset()
    kernel.configure(cache_root)

    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        raise BuildError("nnmath hooks: the mkdocs-jupyter plugin is not configured")
    if jupyter.config["cache"]:
        raise BuildError(
            "nnmath hooks: set `cache: false` for mkdocs-jupyter; its cache ignores the "
            "nnmath sources, the hook caches executed notebooks itself"
        )
    kernel.check_kernel(jupyter.config["kernel_name"] or "python3")
    nbcache.reset(root, cache_root)  # after kernel.configure: the key covers its settings
    execution.configure(cache_root)
    for difference in patches.changed():
        log.warning("nnmath hooks: a replaced library function changed: %s", difference)
    patches.install()
    return config


@_reported
def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Runs after mkdocs-jupyter's on_files, which wraps the notebooks in NotebookFile.
    global _notebook_files
    notebooks = [f for f in files if type(f).__name__ == "NotebookFile"]
    _notebook_files = {f.src_uri for f in notebooks}
    jupyter = config.plugins["mkdocs-jupyter"].config
    execution.prefetch([f.abs_src_path for f in notebooks if f.abs_src_path], jupyter)
    # The downloads are written after the build; known now, links to them are checked.
    for path in downloads.site_paths(_root(config)):
        files.append(File.generated(config, path, content=b""))
    return files


@_reported
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return reference_pages.fill(markdown, page.file.src_uri, Path(config.docs_dir))


@_reported
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not _is_notebook(page):
        return html
    src_uri = page.file.src_uri
    if src_uri.startswith("chapters/"):
        missing = formulas.unmarked(html)
        if missing:
            raise BuildError(
                f"{src_uri}: {len(missing)} display formula(s) neither rendered from "
                "nnmath.symbolic (data-derivation) nor marked as a definition "
                "(data-definition): " + "; ".join(missing)
            )
    body, css_path = notebook_html.clean(html, src_uri)
    name = Path(src_uri).name
    # Read by overrides/main.html: the stylesheet link and the download buttons.
    page.nnmath_css = css_path  # type: ignore[attr-defined]
    page.nnmath_source = name  # type: ignore[attr-defined]
    page.nnmath_ipynb = Path(name).stem + ".ipynb"  # type: ignore[attr-defined]

    def find(path: str) -> notebook_html.Target | None:
        file = files.get_file_from_path(path)
        if file is None:
            return None
        return notebook_html.Target(file.url_relative_to(page.file), file.is_documentation_page())

    body, anchor_links = notebook_html.fix_links(body, src_uri, find)
    anchors = page.links_to_anchors = page.links_to_anchors or {}
    for link in anchor_links:
        target = files.get_file_from_path(link.target) if link.target else page.file
        if target is not None:
            anchors.setdefault(target, {}).setdefault(link.fragment, link.raw)
    page.present_anchor_ids = notebook_html.anchor_ids(body)  # links *to* this page
    return body


@_reported
def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    pages = [f.page for f in files if f.page is not None and f.page.content]
    for page, body in zip(
        pages, api_refs.link_roles([p.content or "" for p in pages]), strict=True
    ):
        page.content = body
    return env


@_reported
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _built_pages.append(Path(page.file.abs_dest_path))
    if _is_notebook(page):
        notebook_html.note_page(output)
        ipynb = nbcache.executed_notebook(page.file.abs_src_path or "")
        if ipynb is None:
            raise BuildError(f"nnmath hooks: no notebook kept for {page.file.src_uri}")
        name = page.nnmath_ipynb  # type: ignore[attr-defined]
        if page.file.src_uri.startswith("chapters/"):
            ipynb = install_guard.with_install_guard(ipynb)
            downloads.add_chapter(name, ipynb)
        assets.write_notebook(Path(page.file.abs_dest_path), name, ipynb)
    return output


@_reported
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    root = _root(config)
    assets.write_stylesheets(site, notebook_html.stylesheets())
    mathml.write_font(root, site, mathml.typeset(_built_pages))
    assets.copy_clipboard_library(site)
    assets.write_widget_formulas(site)
    assets.write_exercise_checks(site)
    downloads.write(root, site)
    nbcache.evict_stale(full_build=notebook_html.built_pages() == _notebook_files)
