"""The import-cycle check of `make lint` finds cycles, and nnmath has none."""

import importlib.util
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
