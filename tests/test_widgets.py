import ipywidgets as W
import numpy as np
from matplotlib.layout_engine import PlaceHolderLayoutEngine

from nbs_utils.plots import new_figure
from nbs_utils.widgets import Panel, slider, toggle


def _panel(calls):
    fig, ax = new_figure()
    (line,) = ax.plot([0, 1], [0, 0])

    def update(height, kind):
        calls.append((height, kind))
        line.set_ydata([height, height])
        return f"{kind} at {height}"

    controls = {"height": slider("height", 0.0, 1.0, 0.1, 0.5), "kind": toggle("kind", ["a", "b"])}
    return Panel(fig, controls, update), line


def test_panel_updates_in_place_on_every_control_change():
    calls = []
    panel, line = _panel(calls)
    assert calls == [(0.5, "a")] and panel.readout.value == "a at 0.5"
    fig = panel.fig
    panel.controls["height"].value = 0.9
    assert calls[-1] == (0.9, "a") and np.allclose(line.get_ydata(), 0.9)
    assert panel.fig is fig and panel.readout.value == "a at 0.9"


def test_set_changes_several_controls_with_one_update():
    calls = []
    panel, _ = _panel(calls)
    panel.set(height=0.2, kind="b")
    assert calls[-1] == (0.2, "b") and len(calls) == 2
    assert panel.values == {"height": 0.2, "kind": "b"}


def test_layout_is_frozen_after_the_first_draw():
    panel, _ = _panel([])
    # new_figure asks for constrained layout; after the first draw the panel keeps that layout
    assert isinstance(panel.fig.get_layout_engine(), PlaceHolderLayoutEngine)


def test_panel_widget_holds_controls_readout_and_figure():
    panel, _ = _panel([])
    box = panel.widget
    assert isinstance(box, W.VBox) and len(box.children) == 3
    assert panel.readout in box.children


def test_slider_and_toggle_are_labelled():
    assert slider("weight w", -1.0, 1.0, 0.1, 0.0).description == "weight w"
    assert isinstance(slider("n", 1, 5, 1, 2, integer=True), W.IntSlider)
    assert toggle("act", ["relu", "tanh"]).value == "relu"
