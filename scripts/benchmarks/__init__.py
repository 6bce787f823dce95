"""The families of benchmarks that ``scripts/bench.py`` runs, one module each.

``timing`` holds what they share (interleaved runs, medians, ratios to PyTorch, the rows of a
throughput table); ``machine`` describes the machine and its matrix-product rate; ``higham``,
``batched``, ``forward``, ``symbolic`` and ``site`` are the measures; ``targets`` turns the
results into goals met or missed. The tables are printed by ``scripts/bench_report.py``, which
the site's Performance page shares.
"""
