"""MkDocs hooks for the nnmath site (registered under ``hooks:`` in mkdocs.yml).

What they do, in build order:

``on_config``
    Sets the environment the notebook kernels inherit (``PYTHONHASHSEED``, a shared
    ``matplotlibrc`` that fixes the SVG id salt), checks that the ``python3`` kernel runs
    this interpreter, and wraps mkdocs-jupyter's converter with a cache of our own
    (mkdocs-jupyter's cache is turned off in mkdocs.yml): the key covers the chapter
    source, the conversion options, every file under ``nnmath/`` and
    ``scripts/`` (the committed benchmark results and their tables), the library versions
    and ``SOURCE_DATE_EPOCH``, so a change in the library re-executes the chapters.
    The wrapper also keeps the executed notebook for the ``.ipynb`` download. The
    cache lives in ``.cache/`` or in ``$NNMATH_CACHE_DIR``.

``on_files``
    Starts executing, in parallel (one kernel per core), every notebook page whose
    cached conversion is missing. mkdocs-jupyter still converts the pages one after the
    other; when it comes to execute a notebook, the hook hands it the outputs of the
    run already under way or done (the HTML export itself stays sequential: it keeps
    global state). A clean build takes about as long as its longest chapters rather
    than the sum of all of them.

``on_page_content``
    On notebook pages, moves the ~590 KB of CSS that mkdocs-jupyter inlines into one
    shared, content-hashed stylesheet (linked from the page head by
    ``overrides/main.html``), drops its scripts (a MathJax 2 loader pointing nowhere, a
    CDN mermaid loader, the copy-button library, which the site loads once instead),
    the random cell ids nbconvert emits and the hidden second copy of every code cell
    (the copy buttons copy the highlighted code itself). Relative links in markdown cells
    (``02-training-perceptron.py#some-heading``, ``../reference.md``) are turned into
    page URLs and checked like links in Markdown pages, and the page's ids are handed
    to mkdocs so that links *to* a notebook page's anchors are checked too.

``on_env``
    On the API reference pages, turns the Sphinx roles of the docstrings (``:func:`sgd```),
    which mkdocstrings leaves as text, into links to the objects they name.

``on_post_page``
    Writes the executed notebook as ``<chapter>.ipynb`` next to the page (the page shows
    a download button for it, see ``overrides/main.html``).

``on_post_build``
    Writes the shared notebook stylesheet, copies the part of MathJax 3 the site uses
    from the installed ``mathjax`` package (django-static-mathjax) into
    ``assets/mathjax/``, copies the copy-button library, and evicts stale cache entries.
"""

from __future__ import annotations

import copy
import hashlib
import html as html_lib
import importlib.metadata
import json
import logging
import os
import posixpath
import re
import shutil
import sys
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import unquote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.nnmath")

# Folders whose files executed pages depend on: a change to any file re-executes them.
DEPENDENCY_DIRS = ("nnmath", "scripts")

# Bump when the hook changes what it stores in the notebook cache.
CACHE_FORMAT = "2"

# Packages whose version can change what an executed chapter shows.
KEY_PACKAGES = (
    "numpy",
    "sympy",
    "matplotlib",
    "scikit-learn",
    "ipython",
    "ipykernel",
    "jupytext",
    "nbconvert",
    "nbformat",
    "mkdocs-jupyter",
    "matplotlib-inline",
)

# Parts of MathJax 3 (es5 build) that the pages load: the combined TeX+MathML→CHTML
# component, its web fonts, the TeX extensions `autoload` pulls in on demand
# (\boldsymbol, \cancel, \color, ...), and the accessibility extensions the MathJax
# menu can switch on (explorer and speech, English rules only).
MATHJAX_FILES = (
    "tex-mml-chtml.js",
    "sre/mathmaps/base.json",
    "sre/mathmaps/en.json",
    "sre/mathmaps/nemeth.json",
)
MATHJAX_DIRS = (
    "output/chtml/fonts/woff-v2",
    "input/tex/extensions",
    "a11y",
)

NOTEBOOK_CSS_DIR = "assets/stylesheets"
CLIPBOARD_JS = "assets/javascripts/clipboard-copy.js"


class _State:
    """What one build learns, for the later events of the same build."""

    def __init__(self) -> None:
        self.root = Path.cwd()
        self.cache_dir = self.root / ".cache" / "nnmath-notebooks"
        self.env_digest = ""
        self.used_cache_entries: set[str] = set()
        self.notebooks: dict[str, str] = {}  # realpath of the source -> .ipynb JSON text
        self.css: dict[str, str] = {}  # site path -> stylesheet text
        self.notebook_pages: set[str] = set()  # src_uri of every notebook page built
        self.notebook_files: set[str] = set()  # src_uri of every notebook page in the site
        # Cells key (see _cells_key) -> the executed notebook, being run ahead of its page.
        self.prefetched: dict[str, Future[Any]] = {}


_state = _State()
_local = threading.local()  # .captured: notebooks executed by this thread's conversion


def _captured() -> list[Any]:
    if not hasattr(_local, "captured"):
        _local.captured = []
    return _local.captured  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- on_config


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state
    _state = _State()
    root = Path(config.config_file_path).resolve().parent
    _state.root = root
    # NNMATH_CACHE_DIR (used by the site tests) moves the cache; default: .cache/
    cache_root = Path(os.environ.get("NNMATH_CACHE_DIR") or root / ".cache").resolve()
    _state.cache_dir = cache_root / "nnmath-notebooks"

    # The kernels inherit this process's environment.
    _set_env("PYTHONHASHSEED", "0")  # order of sets and str-keyed dicts in printed output
    _set_env("MATPLOTLIBRC", str(Path(__file__).with_name("matplotlibrc")))
    _set_env("IPYTHONDIR", str(_write_ipython_profile(cache_root)))
    _set_env("JUPYTER_PLATFORM_DIRS", "1")  # silences jupyter_core's deprecation warning

    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        raise PluginError("nnmath hooks: the mkdocs-jupyter plugin is not configured")
    if jupyter.config["cache"]:
        raise PluginError(
            "nnmath hooks: set `cache: false` for mkdocs-jupyter; its cache ignores the "
            "nnmath sources, the hook caches executed notebooks itself"
        )
    _check_kernel(jupyter.config["kernel_name"] or "python3")
    _state.env_digest = _environment_digest(root)
    _install_patches()
    return config


_own_env: dict[str, str] = {}


def _set_env(var: str, value: str) -> None:
    """Set a variable for the kernels, unless the user set it (their value wins)."""
    if var in os.environ and os.environ[var] != _own_env.get(var):
        return
    os.environ[var] = value
    _own_env[var] = value


# IPython kernel configuration for the build: figures carry no creation date (matplotlib
# would write the current time into every SVG unless SOURCE_DATE_EPOCH is set).
KERNEL_CONFIG = """\
# Written by docs/hooks/nnmath_site.py for the site build; do not edit.
c = get_config()  # noqa: F821
c.InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "metadata": {"Date": None}}
"""


def _write_ipython_profile(cache_root: Path) -> Path:
    ipython_dir = cache_root / "nnmath-ipython"
    cfg = ipython_dir / "profile_default" / "ipython_kernel_config.py"
    if not cfg.is_file() or cfg.read_text(encoding="utf-8") != KERNEL_CONFIG:
        _write_atomically(cfg, KERNEL_CONFIG)
    return ipython_dir


def _check_kernel(name: str) -> None:
    """Fail early if the kernel would run another interpreter (without nnmath)."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel as exc:
        raise PluginError(f"nnmath hooks: no Jupyter kernel named {name!r}") from exc
    exe = spec.argv[0]
    # jupyter_client replaces a bare "python"/"python3"/"python3.X" by sys.executable.
    bare = {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info)}
    if exe not in bare and os.path.realpath(exe) != os.path.realpath(sys.executable):
        raise PluginError(
            f"nnmath hooks: kernel {name!r} runs {exe}, not {sys.executable}; remove the "
            f"kernelspec in {spec.resource_dir} or point it at this interpreter"
        )


def _environment_digest(root: Path) -> str:
    """Hash of everything outside the chapter source that an executed chapter depends on."""
    h = hashlib.sha256()
    h.update(f"format={CACHE_FORMAT}\n".encode())
    h.update(Path(__file__).read_bytes())  # any change to these hooks re-executes
    h.update(f"python={sys.version}\n".encode())
    for pkg in KEY_PACKAGES:
        try:
            version = importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{pkg}={version}\n".encode())
    # No absolute paths in the key: a copy of the repository can reuse the cache.
    for var in ("SOURCE_DATE_EPOCH", "PYTHONHASHSEED"):
        h.update(f"{var}={os.environ.get(var, '')}\n".encode())
    ipython_dir = os.environ.get("IPYTHONDIR", "")
    if ipython_dir != _own_env.get("IPYTHONDIR"):  # the user's own profile, not KERNEL_CONFIG
        h.update(f"IPYTHONDIR={ipython_dir}\n".encode())
    rc = os.environ.get("MATPLOTLIBRC", "")
    if rc and Path(rc).is_file():
        h.update(Path(rc).read_bytes())
    # The library the chapters run; the benchmark results and tables the Performance page reads.
    for path in sorted(p for d in DEPENDENCY_DIRS for p in (root / d).rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _install_patches() -> None:
    """Wrap mkdocs-jupyter's converter (cache) and nbconvert's executor (capture, cwd).

    Idempotent: ``mkdocs serve`` keeps this module loaded across rebuilds.
    """
    from mkdocs_jupyter import convert
    from nbconvert.preprocessors.execute import ExecutePreprocessor

    if not getattr(convert.nb2html, "_nnmath", False):
        original_nb2html = convert.nb2html

        def nb2html(nb_path: str, *args: Any, **kwargs: Any) -> str:
            return _cached_nb2html(original_nb2html, nb_path, *args, **kwargs)

        nb2html._nnmath = True  # type: ignore[attr-defined]
        convert.nb2html = nb2html

    if not getattr(ExecutePreprocessor.preprocess, "_nnmath", False):
        original_preprocess = ExecutePreprocessor.preprocess

        def preprocess(self: Any, nb: Any, resources: Any = None, km: Any = None) -> Any:
            # Run every chapter from the repository root, wherever mkdocs was started.
            if resources is not None and not resources.get("metadata", {}).get("path"):
                resources.setdefault("metadata", {})["path"] = str(_state.root)
            if _is_prefetch():  # a run ahead of its page (see _prefetch)
                nb, resources = original_preprocess(self, nb, resources, km)
                return _coalesce_streams(nb), resources
            future = _state.prefetched.pop(_cells_key(nb), None)
            if future is not None:
                _copy_outputs(future.result(), nb)  # re-raises a failing cell's error
            else:
                nb, resources = original_preprocess(self, nb, resources, km)
                nb = _coalesce_streams(nb)
            _captured().append(copy.deepcopy(nb))
            return nb, resources

        preprocess._nnmath = True  # type: ignore[attr-defined]
        ExecutePreprocessor.preprocess = preprocess  # type: ignore[method-assign]


def _coalesce_streams(nb: Any) -> Any:
    """Merge consecutive stream outputs of a cell into one.

    The kernel flushes stdout on a timer, so one ``print`` can arrive as two messages
    (text, then its newline) when the machine is busy; merged, the page and the
    download are the same whatever the timing.
    """
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    return nb


def _is_prefetch() -> bool:
    return threading.current_thread().name.startswith(PREFETCH_THREADS)


def _cells_key(nb: Any) -> str:
    """Identifies a notebook by its cells, as read from the source and as exported."""
    cells = [(cell.cell_type, cell.source) for cell in nb.cells]
    return hashlib.sha256(json.dumps(cells).encode()).hexdigest()


def _copy_outputs(executed: Any, nb: Any) -> None:
    """Give ``nb`` the outputs of ``executed``, the same notebook run ahead of its page.

    Only what execution changes is copied; the marks earlier preprocessors left on
    ``nb`` (hidden inputs) stay.
    """
    for source, target in zip(executed.cells, nb.cells, strict=True):
        if target.cell_type == "code":
            target.outputs = source.outputs
            target.execution_count = source.execution_count
    for key in ("language_info", "widgets"):
        if key in executed.metadata:
            nb.metadata[key] = executed.metadata[key]


def _cache_entry(nb_path: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Path:
    """The cache file of one conversion: chapter source, options and environment."""
    h = hashlib.sha256()
    h.update(_state.env_digest.encode())
    h.update(hashlib.sha256(Path(nb_path).read_bytes()).digest())
    h.update(repr(args).encode())
    h.update(repr(sorted(kwargs.items())).encode())
    return _state.cache_dir / f"{h.hexdigest()}.json"


def _cached_nb2html(original: Any, nb_path: str, *args: Any, **kwargs: Any) -> str:
    source = Path(nb_path).read_bytes()
    entry = _cache_entry(nb_path, args, kwargs)
    _state.used_cache_entries.add(entry.name)
    real = os.path.realpath(nb_path)

    if entry.is_file():
        data = json.loads(entry.read_text(encoding="utf-8"))
        log.info("nnmath: notebook cache hit for %s", nb_path)
        _state.notebooks[real] = data["ipynb"]
        return str(data["html"])

    captured = _captured()
    captured.clear()
    html = original(nb_path, *args, **kwargs)
    if captured:
        nb = captured[-1]
    else:  # not executed (execute: false or execute_ignore): offer the bare notebook
        import jupytext

        nb = jupytext.reads(source.decode("utf-8"), fmt="py:percent")
    captured.clear()
    ipynb = _notebook_json(nb)
    _state.notebooks[real] = ipynb

    _write_atomically(entry, json.dumps({"html": html, "ipynb": ipynb}))
    return str(html)


def _write_atomically(path: Path, text: str) -> None:
    """Write via a private temporary file: concurrent builds never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _notebook_json(nb: Any) -> str:
    """The executed notebook as a reader downloads it: deterministic, valid nbformat 4."""
    import nbformat

    nb = copy.deepcopy(nb)
    nb.metadata.pop("jupytext", None)
    if not nb.metadata.get("widgets"):
        nb.metadata.pop("widgets", None)
    nb.nbformat, nb.nbformat_minor = 4, 5
    for i, cell in enumerate(nb.cells):
        cell.pop("transient", None)  # set by nbconvert's TagRemovePreprocessor
        cell["id"] = f"cell-{i}"  # jupytext draws random ids
        cell.metadata.pop("execution", None)  # timestamps
        cell.metadata.pop("transient", None)
        if "hide-input" in cell.metadata.get("tags", ()):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    nbformat.validate(nb)
    return str(nbformat.writes(nb, version=4))


# --------------------------------------------------------------------- notebook pages


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Runs after mkdocs-jupyter's on_files, which wraps the notebooks in NotebookFile.
    notebooks = [f for f in files if type(f).__name__ == "NotebookFile"]
    _state.notebook_files = {f.src_uri for f in notebooks}
    _prefetch([f.abs_src_path for f in notebooks if f.abs_src_path], config)
    return files


PREFETCH_THREADS = "nnmath-execute"


def _prefetch(paths: list[str], config: MkDocsConfig) -> None:
    """Start executing the notebooks whose cached page is missing, one kernel per core."""
    import jupytext
    from nbconvert.preprocessors.execute import ExecutePreprocessor

    jupyter = config.plugins["mkdocs-jupyter"].config
    if not jupyter["execute"]:
        return
    todo = []
    for path in paths:
        ignored = any(PurePath(path).match(p) for p in jupyter["execute_ignore"] or ())
        if not ignored and not _cache_entry(path, (), _converter_options(jupyter)).is_file():
            todo.append(path)
    workers = min(len(todo), os.cpu_count() or 1)
    if workers < 2:  # nothing to overlap: the pages execute their notebooks themselves
        return

    def execute(nb: Any) -> Any:
        runner = ExecutePreprocessor(
            kernel_name=jupyter["kernel_name"],
            allow_errors=jupyter["allow_errors"],
            store_widget_state=True,
        )
        nb, _ = runner.preprocess(nb, {"metadata": {"path": str(_state.root)}})
        return nb

    pool = ThreadPoolExecutor(workers, thread_name_prefix=PREFETCH_THREADS)
    for path in todo:
        nb = jupytext.read(path)
        _state.prefetched[_cells_key(nb)] = pool.submit(execute, nb)
    pool.shutdown(wait=False)
    log.info("nnmath: executing %d notebooks on %d cores", len(todo), workers)


def _converter_options(jupyter: Any) -> dict[str, Any]:
    """The keyword arguments mkdocs-jupyter passes to ``convert.nb2html`` (its on_pre_page)."""
    return {
        "execute": jupyter["execute"],
        "kernel_name": jupyter["kernel_name"],
        "theme": jupyter["theme"],
        "allow_errors": jupyter["allow_errors"],
        "show_input": jupyter["show_input"],
        "no_input": jupyter["no_input"],
        "no_prompt": jupyter["no_prompt"],
        "remove_tag_config": jupyter["remove_tag_config"],
        "highlight_extra_classes": jupyter["highlight_extra_classes"],
        "include_requirejs": jupyter["include_requirejs"],
        "custom_mathjax_url": jupyter["custom_mathjax_url"],
    }


def _is_notebook(page: Page) -> bool:
    return type(page.file).__name__ == "NotebookFile"


_WRAPPER = '<div class="jupyter-wrapper">'
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CELL_ID = re.compile(r'\s+id="cell-id=[^"]*"')
# Each code cell carries a hidden copy of its source for the copy button; point the
# button at the highlighted <pre> instead (same text) and drop the copy.
_COPY_TEXT = re.compile(
    r'(<div class="highlight-ipynb[^"]*"><pre)(>.*?</pre>\s*</div>)\s*'
    r'<div class="clipboard-copy-txt" id="([^"]+)">.*?</div>',
    re.S,
)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not _is_notebook(page):
        return html
    head, sep, body = html.partition(_WRAPPER)
    if not sep:
        raise PluginError(f"nnmath hooks: no {_WRAPPER} in {page.file.src_uri}")

    blocks = [b.strip() for b in _STYLE.findall(head)]
    rest = _COMMENT.sub("", _SCRIPT.sub("", _STYLE.sub("", head))).strip()
    if rest or not blocks:
        raise PluginError(
            f"nnmath hooks: unexpected notebook header in {page.file.src_uri} "
            f"(mkdocs-jupyter changed?): {rest[:200]!r}"
        )
    css = '@charset "UTF-8";\n' + "\n".join(b.replace('@charset "UTF-8";', "") for b in blocks)
    digest = hashlib.sha256(css.encode()).hexdigest()[:12]
    css_path = f"{NOTEBOOK_CSS_DIR}/notebook.{digest}.css"
    _state.css[css_path] = css + "\n"
    page.nnmath_css = css_path  # type: ignore[attr-defined]

    name = Path(page.file.src_uri).name
    page.nnmath_source = name  # type: ignore[attr-defined]
    page.nnmath_ipynb = Path(name).stem + ".ipynb"  # type: ignore[attr-defined]
    _state.notebook_pages.add(page.file.src_uri)

    body = _COPY_TEXT.sub(r'\1 id="\3"\2', _CELL_ID.sub("", body))
    if "clipboard-copy-txt" in body:
        raise PluginError(f"nnmath hooks: a copy button's text was left in {page.file.src_uri}")
    body = _fix_links(body, page, files)
    page.present_anchor_ids = _anchor_ids(body)  # lets mkdocs check links *to* this page
    return sep + body


_LINK = re.compile(r'(<(?:a|img)\b[^>]*?\s(?:href|src)=")([^"]*)(")')


def _fix_links(body: str, page: Page, files: Files) -> str:
    """Resolve and check relative links in notebook markdown cells, like mkdocs does
    for Markdown pages: `other-chapter.py#anchor` and `../reference.md` become page
    URLs, a missing target or anchor is a warning (an error under --strict)."""
    anchors = page.links_to_anchors = page.links_to_anchors or {}
    base = posixpath.dirname(page.file.src_uri)

    def fix(m: re.Match[str]) -> str:
        raw = html_lib.unescape(m.group(2))
        url = urlsplit(raw)
        if url.scheme or url.netloc or raw.startswith(("/", "data:")) or not raw:
            return m.group(0)
        if not url.path:  # same-page anchor
            if url.fragment:
                anchors.setdefault(page.file, {}).setdefault(url.fragment, raw)
            return m.group(0)
        target = posixpath.normpath(posixpath.join(base, unquote(url.path)))
        file = files.get_file_from_path(target)
        if file is None:
            log.warning(
                "Doc file '%s' contains a link '%s', but the target '%s' is not found "
                "among documentation files.",
                page.file.src_uri,
                raw,
                target,
            )
            return m.group(0)
        new = file.url_relative_to(page.file)
        if url.fragment:
            new += "#" + url.fragment
            if file.is_documentation_page():
                anchors.setdefault(file, {}).setdefault(url.fragment, raw)
        return m.group(1) + html_lib.escape(new) + m.group(3)

    return _LINK.sub(fix, body)


class _IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if v and (k == "id" or (k == "name" and tag == "a")):
                self.ids.add(v)


def _anchor_ids(body: str) -> set[str]:
    parser = _IdCollector()
    parser.feed(body)
    parser.close()
    return parser.ids


# ------------------------------------------------------------- API reference pages

# The docstrings use Sphinx roles (:func:`sgd`), which mkdocstrings leaves as text
# (":func:" before the code). on_env turns each into a link to the documented object.
_ROLE = re.compile(r":(?:func|mod|meth|class|data|attr|obj|exc):<code>(~?)\.?([\w.]+)</code>")
_OBJECT_ID = re.compile(r'<h[1-6] id="([\w.]+)" class="doc doc-heading"')
_LITERAL_MARK = re.compile(r"::</p>")  # numpydoc "e.g.::" before a literal block


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Link the Sphinx roles of every API page, before mkdocs-autorefs resolves links.

    Runs when every page is rendered (mkdocs-autorefs fixes links later, at a lower
    priority), so a role can point at an object documented on another page.
    """
    pages = [f.page for f in files if f.page is not None and f.page.content]
    known = {i for page in pages for i in _OBJECT_ID.findall(page.content or "")}
    for page in pages:
        if _OBJECT_ID.search(page.content or ""):
            page.content = _link_roles(page.content or "", known)
    return env


def _link_roles(body: str, known: set[str]) -> str:
    """Replace ``:role:<code>name</code>`` by an autoref to the object ``name`` means here.

    ``name`` is looked up as Sphinx would: inside the enclosing object and its
    parents (nearest first), then as a unique suffix of a documented path.
    Names that match nothing (``matplotlib.pyplot``) stay plain code.
    """
    headings = [(m.start(), m.group(1)) for m in _OBJECT_ID.finditer(body)]

    def resolve(name: str, at: int) -> str | None:
        context = next((i for pos, i in reversed(headings) if pos < at), "")
        parts = context.split(".") if context else []
        for k in range(len(parts), -1, -1):
            candidate = ".".join([*parts[:k], name])
            if candidate in known:
                return candidate
        short = name.removeprefix("nnmath.")
        matches = [i for i in known if i.endswith("." + short)]
        return matches[0] if len(matches) == 1 else None

    def link(match: re.Match[str]) -> str:
        tilde, name = match.groups()
        shown = name.rsplit(".", 1)[-1] if tilde else name
        target = resolve(name, match.start())
        code = f"<code>{shown}</code>"
        return f'<autoref identifier="{target}" optional>{code}</autoref>' if target else code

    return _LITERAL_MARK.sub(":</p>", _ROLE.sub(link, body))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _is_notebook(page):
        ipynb = _state.notebooks.get(os.path.realpath(page.file.abs_src_path or ""))
        if ipynb is None:
            raise PluginError(f"nnmath hooks: no notebook kept for {page.file.src_uri}")
        dest = Path(page.file.abs_dest_path).parent / page.nnmath_ipynb  # type: ignore[attr-defined]
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(ipynb, encoding="utf-8")
    return output


# ----------------------------------------------------------------------- post build


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for rel, css in sorted(_state.css.items()):
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(css, encoding="utf-8")

    _copy_mathjax(site / "assets" / "mathjax")

    import mkdocs_jupyter

    clip = Path(mkdocs_jupyter.__file__).parent / "templates/mkdocs_html/assets/clipboard.umd.js"
    (site / CLIPBOARD_JS).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(clip, site / CLIPBOARD_JS)

    _evict_stale_cache(config)


def _copy_mathjax(dest: Path) -> None:
    import mathjax

    src = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    if not (src / "tex-mml-chtml.js").is_file():
        raise PluginError(f"nnmath hooks: MathJax not found under {src}")
    if dest.exists():
        shutil.rmtree(dest)
    for rel in MATHJAX_FILES:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / rel, dest / rel)
    for rel in MATHJAX_DIRS:
        shutil.copytree(src / rel, dest / rel, copy_function=shutil.copyfile)


def _evict_stale_cache(config: MkDocsConfig) -> None:
    """Drop cache entries this build did not use, but only after a full build."""
    cache = _state.cache_dir
    if not cache.is_dir():
        return
    # A dirty `mkdocs serve` rebuild renders only some pages; then keep everything.
    if _state.notebook_pages != _state.notebook_files:
        return
    for entry in sorted(cache.glob("*.json")):
        if entry.name not in _state.used_cache_entries:
            entry.unlink(missing_ok=True)
            log.info("nnmath: evicted stale notebook cache entry %s", entry.name)
