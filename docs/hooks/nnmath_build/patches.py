"""The one library function the build replaces at run time, and what it was written against.

mkdocs-jupyter renders a notebook page by calling ``mkdocs_jupyter.convert.nb2html`` from
its ``on_pre_page``. Its own cache (the ``cache`` option, turned off in mkdocs.yml) keys
on the notebook file and the plugin settings only, so a change in ``nnmath/`` would leave
stale pages, and it keeps no executed notebook for the ``.ipynb`` download; it offers no
other way in. :func:`install` therefore wraps ``nb2html`` with ``nbcache.cached_nb2html``.
(The notebook execution needs no replacement: nbconvert's configuration names the
executor, see ``execution``.)

The wrapper relies on how the pinned mkdocs-jupyter calls ``nb2html`` (the path first,
the settings as keywords, see ``execution._converter_options``). :data:`REPLACED` records,
for the version pinned in constraints.txt, a digest of the source of the function replaced
and of its caller; :func:`changed` names those that differ in the installed version, and
``tests/test_build_patches.py`` and the build (a warning, an error under ``--strict``)
fail on any. After upgrading mkdocs-jupyter, read the new ``nb2html`` and ``on_pre_page``,
adapt the wrapper, then record their digests (``source_digest``).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import inspect
from dataclasses import dataclass
from typing import Any

from . import nbcache

__all__ = ["REPLACED", "Recorded", "changed", "install", "source_digest"]


@dataclass(frozen=True)
class Recorded:
    """A library function as the build's replacement expects it."""

    distribution: str  # the package that ships it, as pinned in constraints.txt
    version: str
    sha256: str  # of inspect.getsource(function)


REPLACED: dict[str, Recorded] = {
    # Replaced: wrapped with the notebook cache.
    "mkdocs_jupyter.convert:nb2html": Recorded(
        "mkdocs-jupyter",
        "0.26.3",
        "9b6ea53416ce34412b8a97ce3f94200a7cf4e1c4a73101345e3595931e2adfd5",
    ),
    # Its caller: the arguments it passes are part of the cache key.
    "mkdocs_jupyter.plugin:Plugin.on_pre_page": Recorded(
        "mkdocs-jupyter",
        "0.26.3",
        "efe78837a6c61e538dcd3e3329fece2aa0c1fd19824a05ebb361418297c53abf",
    ),
}


def resolve(name: str) -> Any:
    """The object ``module:qualified.name`` names (the original, even once wrapped)."""
    module_name, _, qualname = name.partition(":")
    obj: Any = importlib.import_module(module_name)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return getattr(obj, "__wrapped__", obj)


def source_digest(name: str) -> str:
    """SHA-256 of the source of the function ``module:qualified.name``."""
    return hashlib.sha256(inspect.getsource(resolve(name)).encode()).hexdigest()


def changed() -> list[str]:
    """What differs from :data:`REPLACED` in the installed libraries, one line each."""
    out = []
    for name, record in REPLACED.items():
        installed = importlib.metadata.version(record.distribution)
        if installed != record.version:
            out.append(
                f"{name}: {record.distribution} {installed} installed, {record.version} recorded"
            )
        elif source_digest(name) != record.sha256:
            out.append(f"{name}: its source differs from {record.distribution} {record.version}'s")
    return out


def install() -> None:
    """Wrap mkdocs-jupyter's converter with the notebook cache (idempotent: ``mkdocs serve``)."""
    from mkdocs_jupyter import convert

    if getattr(convert.nb2html, "_nnmath", False):
        return
    original_nb2html = convert.nb2html

    def nb2html(nb_path: str, *args: Any, **kwargs: Any) -> str:
        return nbcache.cached_nb2html(original_nb2html, nb_path, *args, **kwargs)

    nb2html._nnmath = True  # type: ignore[attr-defined]
    nb2html.__wrapped__ = original_nb2html  # type: ignore[attr-defined]
    convert.nb2html = nb2html
