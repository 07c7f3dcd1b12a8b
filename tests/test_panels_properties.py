"""Property sweep over every interactive panel, found generically (see testkit/panels.py).

Each panel is driven through the ends of every control's range and through seeded
random joint settings of all controls at once. After every update: no warning (pytest
runs with warnings as errors), no floating-point overflow / invalid / divide-by-zero
(``np.errstate(... = "raise")``), only finite artist data, a readout without ``nan``,
the same figure (updated in place), and no artists leaked.
"""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axis import Tick

from testkit.artists import NON_FINITE_TEXT, artist_problems
from testkit.panels import build, control_grid, endpoint_values, panel_builders, random_values

BUILDERS = panel_builders()
RANDOM_SETTINGS = 5


def count_artists(fig):
    """Artists in ``fig`` apart from axis ticks: limits may depend on the path taken
    (sticky limits, see nbs_utils.plots.sticky_limits), and with them the tick count."""
    in_ticks = {id(a) for tick in fig.findobj(Tick) for a in tick.findobj()}
    return sum(id(a) not in in_ticks for a in fig.findobj())


def drive(panel, values):
    """Set the controls (which runs update and draws) with warnings and FP errors raising."""
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        panel.set(**values)
    readout = panel.readout.value
    assert not NON_FINITE_TEXT.search(readout), (
        f"readout shows a non-finite number at {values}: {readout}"
    )
    problems = artist_problems(panel.fig)
    assert not problems, f"non-finite artist data at {values}: {problems}"


def _panel_factories():
    """``module.function`` of every public function in ``nbs_utils.panels`` that builds a
    ``Panel`` (its source calls ``Panel(``), whatever its name."""
    import importlib
    import inspect
    import pkgutil

    import nbs_utils.panels as package

    found = set()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, obj in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(obj):
                continue
            if obj.__module__ == module.__name__ and "Panel(" in inspect.getsource(obj):
                found.add(f"{info.name}.{name}")
    return found


def _panels_the_notebooks_call():
    """Names of the ``*_panel(...)`` calls in the English notebooks' code cells."""
    import json
    import re

    from testkit.notebooks import expected

    calls = set()
    for path in expected(edition="en"):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "code":
                calls |= set(re.findall(r"\b(\w+_panel)\(", "".join(cell["source"])))
    return calls


def test_discovery_finds_every_panel_the_package_builds_and_the_notebooks_use():
    """The sweeps below cover a panel only if discovery finds it: a builder named otherwise
    than ``*_panel`` (or private) would escape every sweep, benchmark and accessibility test."""
    assert BUILDERS, "no *_panel builders found in nbs_utils.panels"
    missed = _panel_factories() - set(BUILDERS)
    assert not missed, f"these build a Panel but are not discovered (name them *_panel): {missed}"
    shown = {name.split(".")[1] for name in BUILDERS}
    unswept = _panels_the_notebooks_call() - shown
    assert not unswept, f"the notebooks call panels that discovery does not find: {unswept}"


@pytest.mark.parametrize("name", BUILDERS)
def test_panel_sweep_is_finite_in_place_and_warning_free(name):
    figures_before = len(plt.get_fignums())
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        panel = build(BUILDERS[name])
    fig, defaults = panel.fig, panel.values
    try:
        assert panel.controls, "a panel needs at least one control"
        assert not artist_problems(fig)
        n_artists = count_artists(fig)
        rng = np.random.default_rng(0)
        settings = endpoint_values(panel) + random_values(panel, rng, RANDOM_SETTINGS)
        for values in settings:
            drive(panel, values)
            assert panel.fig is fig, "update must change the figure in place, not replace it"
            assert len(plt.get_fignums()) <= figures_before + 1, "update opened a new figure"
        drive(panel, defaults)
        assert count_artists(fig) == n_artists, "back at the defaults the figure has extra artists"
    finally:
        plt.close(fig)


def test_control_grids_cover_whole_ranges():
    from nbs_utils.widgets import slider, toggle

    assert control_grid(slider("s", -1.0, 1.0, 0.5, 0.0)) == [-1.0, -0.5, 0.0, 0.5, 1.0]
    assert control_grid(slider("n", 1, 7, 3, 1, integer=True)) == [1, 4, 7]
    assert control_grid(slider("t", 0.0, 1.0, 0.3, 0.0))[-1] == 1.0  # max off the grid
    assert control_grid(toggle("a", ["relu", "tanh"])) == ["relu", "tanh"]


def _toy_panel(make_y):
    """A one-slider panel whose update plots ``make_y(x, a)`` (built harmless, then swapped)."""
    from nbs_utils.plots import new_figure
    from nbs_utils.widgets import Panel, slider

    fig, ax = new_figure()
    x = np.linspace(-1.0, 1.0, 5)
    (line,) = ax.plot(x, x)
    dots = ax.scatter(x, x)

    def update(a):
        y = make_y(x, a)
        line.set_ydata(y)
        dots.set_offsets(np.c_[x, y])

    panel = Panel(fig, {"a": slider("a", 0.0, 1.0, 0.5, 0.5)}, lambda a: None)
    panel.update = update
    return panel


@pytest.mark.parametrize(
    "make_y, error",
    [
        (lambda x, a: x / (a * x), FloatingPointError),  # 0/0
        (lambda x, a: np.exp(x * 1e3 * (a + 1)), FloatingPointError),  # overflow
        (lambda x, a: np.where(x > 0, np.inf, x), AssertionError),  # inf as data
        (lambda x, a: np.full_like(x, np.nan), AssertionError),  # NaN scatter offsets
        (lambda x, a: np.sqrt(x - 2 + 0 * a) if a > 0.9 else x, FloatingPointError),  # at max
    ],
)
def test_the_sweep_catches_broken_updates(make_y, error):
    panel = _toy_panel(make_y)
    try:
        with pytest.raises(error):
            for values in endpoint_values(panel):
                drive(panel, values)
    finally:
        plt.close(panel.fig)
