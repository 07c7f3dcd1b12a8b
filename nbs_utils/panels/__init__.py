"""The notebooks' interactive panels, one module per notebook topic.

Each builder returns a :class:`nbs_utils.widgets.Panel` whose ``update(**values)``
changes artists in place; tests and benchmarks drive it without a browser.
"""
