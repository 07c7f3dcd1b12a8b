import io

import ipywidgets as W
import numpy as np
from matplotlib.layout_engine import PlaceHolderLayoutEngine

from nbs_utils.plots import new_figure
from nbs_utils.widgets import Panel, set_sticky_limits, slider, sticky_limits, toggle


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


def _blit_panel(animated):
    fig, (ax, ax2) = new_figure(ncols=2)
    (line,) = ax.plot([0, 1], [0, 0], label="moving")
    ax.legend(loc="center")  # drawn above the line: must be animated with it
    (other,) = ax2.plot([0, 1], [0, 1])

    def update(height):
        line.set_ydata([height, -height])
        other.set_ydata([0, 1 + height])
        ax2.set_ylim(0, 1 + height)

    controls = {"height": slider("height", 0.0, 1.0, 0.1, 0.5)}
    return Panel(fig, controls, update, animated=[line, ax2] if animated else [])


def _pixels(fig):
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_blitted_frame_equals_a_full_draw_and_savefig_keeps_animated_artists():
    panel = _blit_panel(animated=True)
    fig = panel.fig
    assert fig.axes[0].get_legend().get_animated()  # pulled in: drawn above the line
    fig.canvas.draw()
    before = _pixels(fig)
    panel.set(height=0.9)
    assert panel._background is not None and not fig.stale  # blitted, no full draw pending
    blitted = _pixels(fig)
    assert (blitted != before).any()
    fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(fig))
    reference = _blit_panel(animated=False)
    reference.set(height=0.9)
    fig.savefig(a := io.BytesIO(), format="png")
    reference.fig.savefig(b := io.BytesIO(), format="png")
    assert a.getvalue() == b.getvalue()  # nothing animated is missing from a saved figure


def test_static_artists_above_are_rendered_once_then_laid_from_a_layer():
    panel = _blit_panel(animated=True)
    fig, legend = panel.fig, panel.fig.axes[0].get_legend()
    assert legend in panel._overlay  # static, above the line: kept as a layer
    fig.canvas.draw()
    renders = []
    draw = legend.draw
    legend.draw = lambda renderer: (renders.append(1), draw(renderer))
    panel.set(height=0.2)
    panel.set(height=0.3)
    assert renders == [] and not fig.stale  # blitted twice, legend layer reused
    legend.get_texts()[0].set_text("renamed")  # a change to it: rendered again, once
    panel.set(height=0.4)
    panel.set(height=0.5)
    assert renders == [1]
    blitted = _pixels(fig)
    fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(fig))


def test_transparent_figures_draw_artists_above_live():
    fig, ax = new_figure()
    fig.patch.set_alpha(0.0)  # no opaque pixels to lay a layer over
    (line,) = ax.plot([0, 1], [0, 0], label="moving")
    legend = ax.legend(loc="center")
    panel = Panel(fig, {"h": slider("h", 0.0, 1.0, 0.1, 0.5)}, lambda h: None, [line])
    assert panel._overlay == [] and legend in panel._artists


def test_changes_outside_the_animated_artists_redraw_the_whole_figure():
    panel = _blit_panel(animated=True)
    panel.fig.canvas.draw()
    panel.fig.axes[0].set_title("changed")  # static artist touched: the background is stale
    assert panel.fig.stale
    calls = []
    panel.fig.canvas.draw_idle = lambda: calls.append(1)
    panel.set(height=0.1)
    assert calls == [1]


def test_sticky_limits_stay_while_the_data_fits_and_fills_them():
    current = [(0.0, 10.0)]
    assert sticky_limits(current, 2.0, 8.0) == current  # small change: limits stay
    assert sticky_limits(current, 4.9, 5.1) != current  # data shrank to 2 %: zoom in
    grown = sticky_limits(current, 5.0, 12.0)  # data left: grow to hold old and new
    assert grown[0][0] <= 0.0 and grown[0][1] >= 12.0
    assert sticky_limits(grown, 0.0, 10.0) == grown  # going back needs no change


def test_sticky_limits_square_have_equal_spans_and_hold_the_data():
    rng = np.random.default_rng(0)
    limits = [(0.0, 1.0), (0.0, 1.0)]
    for _ in range(50):
        pts = rng.normal(size=(20, 2)) * rng.uniform(0.1, 5, 2) + rng.normal(size=2)
        limits = sticky_limits(limits, pts.min(0), pts.max(0), square=True)
        (x0, x1), (y0, y1) = limits
        assert np.isclose(x1 - x0, y1 - y0)
        assert x0 <= pts[:, 0].min() and pts[:, 0].max() <= x1
        assert y0 <= pts[:, 1].min() and pts[:, 1].max() <= y1


def test_set_sticky_limits_leaves_the_figure_fresh_when_nothing_moves():
    fig, ax = new_figure()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    fig.canvas.draw()
    assert set_sticky_limits(ax, [[2.0, 3.0], [8.0, 7.0]]) == [(0.0, 10.0), (0.0, 10.0)]
    assert not fig.stale
    set_sticky_limits(ax, [[2.0, 3.0], [18.0, 7.0]])
    assert fig.stale and ax.get_xlim()[1] >= 18.0


def test_panel_output_carries_a_png_of_the_current_figure_with_alt_text():
    import base64

    from PIL import Image

    panel = _blit_panel(animated=True)
    panel.fig.axes[0].set(title="moving line at $h_{0}$", xlabel="x", ylabel=r"$\theta$")
    panel.set(height=0.9)
    data, metadata = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data  # the live view is still there
    alt = "Figure: moving line at h_0 (x: x, y: theta)"  # the second axes has no labels
    assert metadata == {"image/png": {"alt": alt}} and data["text/plain"] == alt
    png = np.asarray(Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).convert("RGBA"))
    reference = _blit_panel(animated=False)  # the same state drawn in full, nothing animated
    reference.fig.axes[0].set(title="moving line at $h_{0}$", xlabel="x", ylabel=r"$\theta$")
    reference.set(height=0.9)
    reference.fig.canvas.draw()
    np.testing.assert_array_equal(png, _pixels(reference.fig))  # the current figure, complete
    panel.set(height=0.2)  # one full redraw after the PNG, then blitting again
    panel.set(height=0.3)
    assert panel._background is not None and not panel.fig.stale
    blitted = _pixels(panel.fig)
    panel.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(panel.fig))
