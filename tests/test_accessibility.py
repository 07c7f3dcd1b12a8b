"""Accessibility of every interactive panel, found generically (``*_panel`` builders in
``nbs_utils.panels``, built with defaults by testkit/panels.py): every control has a
visible description, every figure a title and axis labels, drawn in the course palette.
"""

import ipywidgets as W
import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex

from nbs_utils.plots import PALETTE
from testkit.panels import build, panel_builders

BUILDERS = panel_builders()


@pytest.fixture(scope="module")
def panels():
    built = {name: build(builder) for name, builder in BUILDERS.items()}
    yield built
    for panel in built.values():
        plt.close(panel.fig)


def test_panels_are_found():
    assert len(BUILDERS) >= 5, sorted(BUILDERS)


@pytest.mark.parametrize("name", BUILDERS)
def test_every_control_has_a_description(panels, name):
    controls = panels[name].controls
    assert controls, f"{name} has no controls"
    for key, control in controls.items():
        assert isinstance(control, W.ValueWidget), f"{name}.{key} is not a control"
        assert control.description.strip(), f"{name}: control {key!r} has no description label"


def _plot_axes(fig):
    """Axes that show data: colorbars are labelled, not titled, so they are checked apart."""
    return [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]


@pytest.mark.parametrize("name", BUILDERS)
def test_every_figure_has_a_title_and_axis_labels(panels, name):
    fig = panels[name].fig
    axes = _plot_axes(fig)
    assert axes, f"{name}: figure has no visible axes"
    for i, ax in enumerate(axes):
        title = ax.get_title() or ax.get_title("left") or ax.get_title("right")
        what = f"{name}: axes #{i} ({title or 'untitled'})"
        assert (title or fig.get_suptitle()).strip(), f"{what} has no title"
        if not ax.axison:  # a table or text panel: no axes to label
            continue
        assert ax.get_xlabel().strip(), f"{what} has no x label"
        assert ax.get_ylabel().strip(), f"{what} has no y label"
        if hasattr(ax, "get_zlabel"):
            assert ax.get_zlabel().strip(), f"{what} has no z label"


GREYS_OK = {"#000000", "#ffffff"}


def _is_grey(hex_colour):
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return r == g == b


@pytest.mark.parametrize("name", BUILDERS)
def test_lines_use_the_colour_blind_safe_palette(panels, name):
    """Data lines are Okabe-Ito colours or greys (reference lines, grids)."""
    allowed = {c.lower() for c in PALETTE.values()} | GREYS_OK
    for ax in _plot_axes(panels[name].fig):
        for line in ax.get_lines():
            colour = to_hex(line.get_color()).lower()
            assert colour in allowed or _is_grey(colour), (
                f"{name}: line {line.get_label()!r} in {ax.get_title()!r} has colour {colour}"
            )
