"""Course benchmarks: ``python -m benchmarks`` (``make bench``) times the notebooks under
nbval, every panel's slider step against a full re-plot, and the exact region count, then
writes ``benchmarks/results.json`` and prints a table. Benchmarks report; they never fail.

:mod:`benchmarks.harness` (panel discovery and sampling) is shared with the tests.
"""
