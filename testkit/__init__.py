"""Test support shared by the tests (``tests/``) and the benchmarks (``benchmarks/``).

One module per idea; each imports ``nbs_utils`` and third-party packages only, never
``tests`` or ``benchmarks``:

- :mod:`testkit.panels`: find every ``*_panel`` builder, build it, sweep its controls.
- :mod:`testkit.artists`: what a figure shows: non-finite data, points inside a region.
- :mod:`testkit.internals`: the one place that looks inside a panel (its repaint state).
- :mod:`testkit.notebooks`: the course's notebooks, both editions, by their fixed names.
- :mod:`testkit.geometry_reference`: independent references for the geometry tests.
- :mod:`testkit.netguard`: refuse every connection leaving the machine.
- :mod:`testkit.labdriver` (and :mod:`testkit.kernel_state`, run inside a notebook's
  kernel): JupyterLab in headless Chromium, for the browser tests and the latency benchmark.

Importable from the repository root: ``python -m pytest`` and ``python -m benchmarks`` run
there, and pytest's ``pythonpath = ["."]`` (pyproject.toml) covers a bare ``pytest``.
"""
