"""Course benchmarks: ``python -m benchmarks`` (``make bench``) times the notebooks under
nbval, every panel's slider step against a full re-plot, and the exact region count, then
writes ``benchmarks/results.json`` and prints a table. Benchmarks report; they never fail.

Panel discovery and sampling (:mod:`testkit.panels`) and the browser driver
(:mod:`testkit.labdriver`) come from the shared test support, which never imports benchmarks.
"""
