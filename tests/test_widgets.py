"""nbs_utils.widgets: labelled controls and the Panel wiring (observe, update, repaint)."""

import base64
import io

import ipywidgets as W
import numpy as np
from PIL import Image

from nbs_utils.plots import new_figure
from nbs_utils.widgets import Panel, slider, slider_layout, toggle


def _panel(calls):
    fig, ax = new_figure()
    (line,) = ax.plot([0, 1], [0, 0])
    ax.set_ylim(0, 1)

    def update(height, kind):
        calls.append((height, kind))
        line.set_ydata([height, height])
        return f"{kind} at {height}"

    controls = {"height": slider("height", 0.0, 1.0, 0.1, 0.5), "kind": toggle("kind", ["a", "b"])}
    return Panel(fig, controls, update, animated=[line]), line


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


def test_every_update_is_repainted():
    panel, line = _panel([])
    panel.fig.canvas.draw()
    before = np.asarray(panel.fig.canvas.buffer_rgba()).copy()
    panel.set(height=0.9)
    assert panel.painter.can_blit  # the line alone was repainted
    assert (np.asarray(panel.fig.canvas.buffer_rgba()) != before).any()


def test_panel_widget_holds_controls_readout_and_figure():
    panel, _ = _panel([])
    box = panel.widget
    assert isinstance(box, W.VBox) and len(box.children) == 3
    assert panel.readout in box.children


def test_slider_and_toggle_are_labelled():
    assert slider("weight w", -1.0, 1.0, 0.1, 0.0).description == "weight w"
    assert isinstance(slider("n", 1, 5, 1, 2, integer=True), W.IntSlider)
    assert toggle("act", ["relu", "tanh"]).value == "relu"


def _titled_panel(animated):
    fig, (ax, ax2) = new_figure(ncols=2)
    (line,) = ax.plot([0, 1], [0, 0], label="moving")
    ax.legend(loc="center")
    (other,) = ax2.plot([0, 1], [0, 1])
    ax.set(title="moving line at $h_{0}$", xlabel="x", ylabel=r"$\theta$")

    def update(height):
        line.set_ydata([height, -height])
        other.set_ydata([0, 1 + height])
        ax2.set_ylim(0, 1 + height)

    controls = {"height": slider("height", 0.0, 1.0, 0.1, 0.5)}
    return Panel(fig, controls, update, animated=[line, ax2] if animated else [])


def test_panel_output_carries_a_png_of_the_current_figure_with_alt_text():
    panel = _titled_panel(animated=True)
    panel.set(height=0.9)
    data, metadata = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data  # the live view is still there
    alt = "Figure: moving line at h_0 (x: x, y: theta)"  # the second axes has no labels
    assert metadata == {"image/png": {"alt": alt}} and data["text/plain"] == alt
    png = np.asarray(Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).convert("RGBA"))
    reference = _titled_panel(animated=False)  # the same state drawn in full, nothing animated
    reference.set(height=0.9)
    reference.fig.canvas.draw()
    shown = np.asarray(reference.fig.canvas.buffer_rgba())
    np.testing.assert_array_equal(png, shown)  # the current figure, complete
    panel.set(height=0.2)  # one full redraw after the PNG, then blitting again
    panel.set(height=0.3)
    assert panel.painter.can_blit
    blitted = np.asarray(panel.fig.canvas.buffer_rgba()).copy()
    panel.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, np.asarray(panel.fig.canvas.buffer_rgba()))


def test_a_slider_is_wide_enough_for_its_description_and_a_track_in_either_script():
    def em(layout):
        return float(layout.width.removesuffix("em"))

    assert em(slider_layout("w", min_em=22)) == 22  # short: the course's usual width
    long = slider_layout("morph t within the layer", min_em=22)
    assert em(long) >= 0.6 * len("morph t within the layer") + 4 + 8 > 22
    assert em(slider_layout("层内变形参数 t")) > em(slider_layout("ab t"))  # CJK is wide
    assert em(slider_layout("层内变形参数 t")) >= 6 * 1.0 + 2 * 0.6 + 4 + 8
    assert slider("morph t within the layer", 0.0, 1.0, 0.05, 0.5).layout.width == long.width
