"""Drive every interactive panel without a browser: discover, build, sweep its controls.

Shared by the benchmarks and the panel tests, so both see the same panels. Discovery is generic: every module in :mod:`nbs_utils.panels`, every public
function whose name ends in ``_panel``. Builders are called with their defaults; a
required data argument is filled by name from :data:`EXAMPLE_DATA` (seeded two-class
points), anything else required makes :func:`build` raise ``TypeError``.
"""

import importlib
import inspect
import math
import pkgutil

import numpy as np

EXAMPLE_SEED = 0


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
                    f"give it a default or add it to testkit.panels.EXAMPLE_DATA"
                )
            kwargs[p.name] = EXAMPLE_DATA[p.name]()
    return kwargs


def build(builder):
    """The panel from ``builder`` with default arguments (data arguments from EXAMPLE_DATA)."""
    return builder(**builder_kwargs(builder))


def control_grid(control):
    """Every value a control can take, in order (slider positions on its step grid).

    Supports int/float (log) sliders, selection widgets (toggles, dropdowns, radio
    buttons, ``widgets.GridSlider``: ``(label, value)`` options) and check boxes; anything
    else raises ``TypeError``.
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
    if hasattr(control, "options") and hasattr(control, "index"):  # toggles, dropdowns...
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
