"""The library code the site build replaces or configures is the code it was written against.

docs/hooks/nnmath_build/patches.py wraps mkdocs-jupyter's converter; execution.py puts its
executor into nbconvert's configuration. These tests fail when an upgrade changes what
either relies on, before a build quietly does something else.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "docs" / "hooks"))

from nnmath_build import execution, patches  # noqa: E402  (the hooks folder is not a package)


def pins() -> dict[str, str]:
    out = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        name, sep, version = line.partition("==")
        if sep:
            out[name.strip().lower().replace("_", "-")] = version.strip()
    return out


@pytest.mark.parametrize("name", sorted(patches.REPLACED))
def test_the_record_is_for_the_pinned_version(name: str) -> None:
    record = patches.REPLACED[name]
    assert pins()[record.distribution] == record.version, (
        f"constraints.txt pins another {record.distribution} than the one {name} was "
        "recorded for: read the new source, adapt patches.py, record its digest"
    )


@pytest.mark.parametrize("name", sorted(patches.REPLACED))
def test_the_replaced_function_is_unchanged(name: str) -> None:
    record = patches.REPLACED[name]
    assert importlib.metadata.version(record.distribution) == record.version
    assert patches.source_digest(name) == record.sha256, (
        f"{name} in {record.distribution} {record.version} is not the code patches.py was "
        "written against"
    )
    assert patches.changed() == []


def test_the_converter_is_called_as_the_cache_key_expects() -> None:
    # The wrapper passes everything through; the cache key (execution._converter_options)
    # names the converter's keyword arguments.
    parameters = inspect.signature(patches.resolve("mkdocs_jupyter.convert:nb2html")).parameters
    options = execution._converter_options({name: None for name in parameters} | {"execute": 1})
    assert set(options) <= set(parameters)
    assert next(iter(parameters)) == "nb_path"


def test_install_wraps_once_and_keeps_the_original() -> None:
    from mkdocs_jupyter import convert

    original = convert.nb2html
    try:
        patches.install()
        patches.install()
        assert convert.nb2html is not original
        assert convert.nb2html.__wrapped__ is patches.resolve("mkdocs_jupyter.convert:nb2html")
        assert patches.changed() == []  # the check looks through the wrapper
    finally:
        convert.nb2html = original


def test_the_executor_replaces_only_nbconverts_executor() -> None:
    from nbconvert.exporters import Exporter

    defaults = Exporter.class_traits()["default_preprocessors"].default()
    configured = execution.nbconvert_config()["Exporter"]["default_preprocessors"]
    assert len(configured) == len(defaults)
    changed = [(a, b) for a, b in zip(defaults, configured, strict=True) if a != b]
    assert changed == [
        (execution.NBCONVERT_EXECUTOR, "nnmath_build.execution.NnmathExecutePreprocessor")
    ]


def test_mkdocs_jupyter_runs_the_configured_executor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As mkdocs-jupyter builds its exporter: the user's nbconvert configuration, then its
    # own settings (execute, kernel name) on ExecutePreprocessor, which the subclass inherits.
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "user"))
    monkeypatch.delenv("JUPYTER_CONFIG_PATH", raising=False)
    folder = execution.configure(tmp_path)
    assert (folder / execution.CONFIG_FILE).is_file()
    from mkdocs_jupyter.convert import get_nbconvert_app
    from nbconvert.exporters.html import HTMLExporter

    app = get_nbconvert_app(execute=True, kernel_name="python3", allow_errors=False)
    exporter = HTMLExporter(config=app.config)
    runners = [
        p for p in exporter._preprocessors if type(p).__name__.endswith("ExecutePreprocessor")
    ]
    assert [type(p).__name__ for p in runners] == ["NnmathExecutePreprocessor"]
    assert runners[0].enabled and runners[0].kernel_name == "python3"
    assert runners[0].allow_errors is False


def test_a_conversion_that_executed_nothing_fails(tmp_path: Path) -> None:
    # If a Jupyter configuration of the user's own replaced the build's executor, nothing
    # reaches the cache: the build stops instead of offering an unexecuted notebook.
    from nnmath_build import BuildError, nbcache

    chapter = tmp_path / "chapter.py"
    chapter.write_text("# %%\nprint(1)\n", encoding="utf-8")
    nbcache.reset(tmp_path, tmp_path / "cache")

    def convert(nb_path: str, **kwargs: object) -> str:
        return "<div>converted</div>"

    with pytest.raises(BuildError, match=r"chapter\.py was converted without the build's executor"):
        nbcache.cached_nb2html(convert, str(chapter), execute=True)
    assert nbcache.cached_nb2html(convert, str(chapter), execute=False) == "<div>converted</div>"
    assert nbcache.executed_notebook(str(chapter)) is not None  # the bare notebook
