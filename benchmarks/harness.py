"""Drive every interactive panel without a browser: discover, build, sample, inspect.

Shared by the benchmarks and by tests/test_panels_properties.py, so both see the same
panels. Discovery is generic: every module in :mod:`nbs_utils.panels`, every public
function whose name ends in ``_panel``. Builders are called with their defaults; a
required data argument is filled by name from :data:`EXAMPLE_DATA` (seeded two-class
points), anything else required makes :func:`build` raise ``TypeError``.
"""

import importlib
import inspect
import math
import pkgutil
import re

import numpy as np

EXAMPLE_SEED = 0
NON_FINITE_TEXT = re.compile(r"\b(nan|[+-]?inf)\b", re.IGNORECASE)
"""``nan`` or ``inf`` printed as a number (in a readout or a figure text)."""


def _example_points():
    from nbs_utils.datasets import bands

    return bands(n=400, seed=EXAMPLE_SEED)


def _example_trainings():
    from nbs_utils.train import train_classifier

    X, y = _example_points()
    return {f"width {w}": train_classifier(X, y, [w], steps=50, seed=EXAMPLE_SEED) for w in (2, 8)}


EXAMPLE_DATA = {
    "X": lambda: _example_points()[0],
    "X_raw": lambda: _example_points()[0],
    "y": lambda: _example_points()[1],
    "trainings": _example_trainings,
}
"""Required builder arguments filled by name: seeded 2-D two-class points (``bands``) and,
for panels that compare trained nets, two small nets trained on them."""


def panel_builders():
    """``{"module.function": builder}`` for every public ``*_panel`` in ``nbs_utils.panels``."""
    import nbs_utils.panels as package

    found = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, obj in vars(module).items():
            if (
                name.endswith("_panel")
                and not name.startswith("_")
                and inspect.isfunction(obj)
                and obj.__module__ == module.__name__
            ):
                found[f"{info.name}.{name}"] = obj
    return found


def builder_kwargs(builder):
    """The arguments :func:`build` passes: required data arguments from EXAMPLE_DATA."""
    kwargs = {}
    for p in inspect.signature(builder).parameters.values():
        if p.default is inspect.Parameter.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            if p.name not in EXAMPLE_DATA:
                raise TypeError(
                    f"{builder.__module__}.{builder.__name__} needs argument {p.name!r}: "
                    f"give it a default or add it to benchmarks.harness.EXAMPLE_DATA"
                )
            kwargs[p.name] = EXAMPLE_DATA[p.name]()
    return kwargs


def build(builder):
    """The panel from ``builder`` with default arguments (data arguments from EXAMPLE_DATA)."""
    return builder(**builder_kwargs(builder))


def control_grid(control):
    """Every value a control can take, in order (slider positions on its step grid).

    Supports int/float (log) sliders, selection widgets (toggles, dropdowns, radio
    buttons) and check boxes; anything else raises ``TypeError``.
    """
    import ipywidgets as W

    if isinstance(control, (W.IntSlider, W.FloatSlider, W.FloatLogSlider, W.BoundedIntText)):
        lo, hi, step = control.min, control.max, control.step
        n = int(math.floor((hi - lo) / step + 1e-9))
        values = [lo + k * step for k in range(n + 1)]
        if not math.isclose(values[-1], hi, rel_tol=1e-9, abs_tol=1e-12):
            values.append(hi)
        if isinstance(control, W.FloatLogSlider):
            return [control.base**v for v in values]
        if isinstance(control, (W.IntSlider, W.BoundedIntText)):
            return [int(v) for v in values]
        return [float(round(v, 12)) for v in values]
    if isinstance(control, W.widgets.widget_selection._Selection):
        return [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in control.options]
    if isinstance(control, (W.Checkbox, W.ToggleButton)):
        return [False, True]
    raise TypeError(f"no value grid for control type {type(control).__name__}")


def endpoint_values(panel):
    """Value sets with one control at an end of its range (others at their defaults)."""
    defaults = panel.values
    out = []
    for name, control in panel.controls.items():
        grid = control_grid(control)
        for value in dict.fromkeys([grid[0], grid[-1]]):
            out.append({**defaults, name: value})
    return out


def random_values(panel, rng, n):
    """``n`` value sets, every control drawn uniformly from its grid (seeded ``rng``)."""
    grids = {name: control_grid(c) for name, c in panel.controls.items()}
    return [{name: g[rng.integers(len(g))] for name, g in grids.items()} for _ in range(n)]


def single_steps(panel, rng, n):
    """A random walk of ``n`` one-notch moves: each moves one control to a neighbour value."""
    grids = {name: control_grid(c) for name, c in panel.controls.items()}
    names = [name for name, g in grids.items() if len(g) > 1]
    current = panel.values
    index = {k: _nearest(grids[k], v) for k, v in current.items()}
    out = []
    for _ in range(n):
        name = names[rng.integers(len(names))]
        i, last = index[name], len(grids[name]) - 1
        i = i + 1 if i == 0 else i - 1 if i == last else i + (1 if rng.random() < 0.5 else -1)
        index[name] = i
        current = {**current, name: grids[name][i]}
        out.append(current)
    return out


def _nearest(grid, value):
    try:
        return grid.index(value)
    except ValueError:
        return int(np.argmin([abs(g - value) for g in grid]))


def artist_problems(fig):
    """Descriptions of non-finite data in the visible artists of ``fig`` (empty if all is well).

    NaN is matplotlib's gap marker, so lines (``Line2D``, ``LineCollection``) may contain
    NaN to break or hide a polyline; nothing may contain inf, and points, images, meshes,
    patches, axis limits and texts must be finite (no ``nan`` printed either).
    """
    from matplotlib.collections import Collection, LineCollection
    from matplotlib.image import AxesImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    problems = []

    def check(what, data, gaps_allowed=False):
        arr = np.ma.filled(np.ma.asarray(data, dtype=float).astype(float), 0.0)
        if np.isinf(arr).any() or (not gaps_allowed and np.isnan(arr).any()):
            problems.append(f"{what}: non-finite values")

    for ax in fig.axes:
        for lim_name, lim in [("xlim", ax.get_xlim()), ("ylim", ax.get_ylim())]:
            check(f"{ax.get_title()!r} {lim_name}", lim)
    for artist in fig.findobj():
        if not artist.get_visible():
            continue
        label = f"{type(artist).__name__} {artist.get_label()!r}"
        if isinstance(artist, Line2D):
            check(label, artist.get_xydata(), gaps_allowed=True)
        elif isinstance(artist, LineCollection):
            for seg in artist.get_segments():
                check(label, seg, gaps_allowed=True)
        elif isinstance(artist, Collection):
            check(label + " offsets", artist.get_offsets())
            if artist.get_array() is not None:
                check(label + " array", artist.get_array())
            for path in artist.get_paths():
                check(label + " path", path.vertices)
        elif isinstance(artist, AxesImage):
            check(label, artist.get_array())
        elif isinstance(artist, Patch) and artist.axes is not None:
            check(label, artist.get_path().vertices)
            check(label + " transform", artist.get_patch_transform().get_matrix())
        elif isinstance(artist, Text):
            if NON_FINITE_TEXT.search(artist.get_text()):
                problems.append(f"Text {artist.get_text()!r} shows a non-finite number")
    return problems
