"""Fail if any import cycle exists among the modules of a package (default: nnmath).

A layers contract (``lint-imports``) forbids upward imports between layers but cannot see a
cycle between two modules of one layer, nor one through a package's ``__init__``. This check
looks at every module: an import ``a → b`` closes a cycle when ``b`` imports ``a`` again,
directly or through other modules. Imports inside functions count too, so a function-level
import cannot hide a cycle. Run by ``make lint``::

    python scripts/check_import_cycles.py [package]
"""

from __future__ import annotations

import sys

import grimp


def find_cycles(graph: grimp.ImportGraph) -> list[tuple[str, ...]]:
    """Every import cycle of ``graph``, each as the shortest chain ``a → b → … → a``.

    One cycle is reported per first import that closes it, sorted, so the output is stable.
    """
    cycles: set[tuple[str, ...]] = set()
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back is not None:
                chain = (importer, *back)
                # The same cycle is found from each of its imports: keep one rotation.
                start = chain.index(min(chain[:-1]))
                cycles.add(chain[start:-1] + chain[:start] + (chain[start],))
    return sorted(cycles)


def main(argv: list[str]) -> int:
    package = argv[1] if len(argv) > 1 else "nnmath"
    graph = grimp.build_graph(package)
    cycles = find_cycles(graph)
    for chain in cycles:
        print("import cycle: " + " -> ".join(chain))
    if cycles:
        return 1
    print(f"no import cycles in {package} ({len(graph.modules)} modules)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
