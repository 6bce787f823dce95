"""The import-cycle check of `make lint` finds cycles, and nnmath has none; the README's
picture of the layers is the contract `make lint` enforces."""

import importlib.util
import itertools
import re
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]


def load_checker():
    spec = importlib.util.spec_from_file_location(
        "check_import_cycles", ROOT / "scripts" / "check_import_cycles.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_cycle_through_three_modules_is_reported_once():
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.a", "pkg.b", "pkg.c", "pkg.d"):
        graph.add_module(name)
    graph.add_import(importer="pkg.b", imported="pkg.c")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.d", imported="pkg.a")  # into the cycle, not part of it
    assert load_checker().find_cycles(graph) == [("pkg.a", "pkg.b", "pkg.c", "pkg.a")]


def test_an_import_through_a_package_init_counts():
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.sub", "pkg.sub.x"):
        graph.add_module(name)
    graph.add_import(importer="pkg.sub", imported="pkg.sub.x")
    graph.add_import(importer="pkg.sub.x", imported="pkg.sub")
    assert load_checker().find_cycles(graph) == [("pkg.sub", "pkg.sub.x", "pkg.sub")]


def test_nnmath_has_no_import_cycle():
    assert load_checker().find_cycles(grimp.build_graph("nnmath")) == []


def picture_layers(picture: str) -> list[set[str]]:
    """The layers a picture of the README shows, top to bottom, each a set of module names.

    A line is one layer, or two or more joined by ``→``; its modules are separated by spaces
    (a trailing ``/`` marks a package) and three spaces or more set off the description.
    """
    layers = []
    for line in picture.splitlines():
        if not line.strip():
            continue
        names = re.split(r" {3,}", line.strip(), maxsplit=1)[0]
        layers += [{name.rstrip("/") for name in layer.split()} for layer in names.split("→")]
    return layers


def readme_picture() -> str:
    """The text block of the README's Architecture section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Architecture\n", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"```text\n(.*?)```", section, re.S)
    assert found is not None, "the Architecture section of README.md has no ```text picture"
    return found.group(1)


def contract_layers() -> list[set[str]]:
    """The layers of the import-linter contract on the whole package, top to bottom.

    ``a | b`` are siblings; a name in parentheses is a layer that may not exist yet.
    """
    with (ROOT / "pyproject.toml").open("rb") as f:
        contracts = tomllib.load(f)["tool"]["importlinter"]["contracts"]
    (contract,) = [c for c in contracts if c.get("containers") == ["nnmath"]]
    return [{name.strip().strip("()") for name in layer.split("|")} for layer in contract["layers"]]


def test_a_picture_reads_as_its_layers():
    picture = """
  __main__ → cli                      command line
  plotting/  checks                   figures │ symbolic-vs-NumPy checks
  a  b  c   the description, after three spaces
"""
    assert picture_layers(picture) == [
        {"__main__"},
        {"cli"},
        {"plotting", "checks"},
        {"a", "b", "c"},
    ]


def test_the_readme_picture_is_the_layer_contract():
    shown, enforced = picture_layers(readme_picture()), contract_layers()
    assert shown == enforced, (
        "README.md's Architecture picture and pyproject.toml's layers differ:\n"
        + "\n".join(
            f"  {' '.join(sorted(a))!s:40} {' | '.join(sorted(b))}"
            for a, b in itertools.zip_longest(shown, enforced, fillvalue=set())
        )
    )
