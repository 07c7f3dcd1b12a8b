"""Notebook 04 panel: each layer's representation of the disk-and-ring data (Olah)."""

import io

import numpy as np
import pytest

from nbs_utils.datasets import circles
from nbs_utils.panels.layers import layers_panel
from nbs_utils.representations import layer_stages, morph
from nbs_utils.train import train_classifier
from testkit.internals import repaint_path


@pytest.fixture(scope="module")
def nets():
    X, y = circles(n=200, seed=0)
    trainings = {
        "width 2": train_classifier(X, y, [2, 2], steps=400, seed=0),
        "width 3": train_classifier(X, y, [3], steps=1500, seed=1),
        "width 5": train_classifier(X, y, [5], steps=50, seed=0),
    }
    return trainings, X, y


def test_defaults_show_the_last_layer_of_the_first_net(nets):
    trainings, X, y = nets
    panel = layers_panel(trainings, X, y)
    assert panel.values == {"net": "width 2", "layer": 2, "t": 1.0}
    ax2, ax3 = panel.fig.axes[1], panel.fig.axes[2]
    assert ax2.get_visible() and not ax3.get_visible()
    H = layer_stages(trainings["width 2"].layers, X)[-1][1]
    shown = np.concatenate([c.get_offsets() for c in ax2.collections[1:3]])
    assert np.allclose(np.sort(shown, axis=0), np.sort(H, axis=0))
    assert "not linearly separable" in panel.readout.value and "output line" in panel.readout.value


def test_morph_and_layers_move_the_points(nets):
    trainings, X, y = nets
    panel = layers_panel(trainings, X, y)
    panel.set(layer=1, t=0.4)
    Z = layer_stages(trainings["width 2"].layers, X)[0][0]
    shown = panel.fig.axes[1].collections[1].get_offsets()
    assert np.allclose(shown, morph(Z, 0.4)[y == 0])
    panel.set(layer=0)
    assert np.allclose(panel.fig.axes[1].collections[1].get_offsets(), X[y == 0])
    assert "the input" in panel.readout.value
    assert panel.controls["t"].disabled
    panel.set(layer=1)
    assert not panel.controls["t"].disabled


def test_width_3_is_drawn_in_3d_with_the_output_plane(nets):
    trainings, X, y = nets
    panel = layers_panel(trainings, X, y, net="width 3", layer=1)
    ax3 = panel.fig.axes[2]
    assert ax3.get_visible() and not panel.fig.axes[1].get_visible()
    plane = ax3.collections[-1]
    assert plane.get_visible()
    assert "output plane: 100.0% right" in panel.readout.value
    assert "<b>linearly separable</b>" in panel.readout.value
    panel.set(t=0.5)
    assert not plane.get_visible()  # the output unit reads the layer's output only


def test_wider_layers_are_projected_to_3d(nets):
    trainings, X, y = nets
    panel = layers_panel(trainings, X, y, net="width 5")
    assert panel.fig.axes[2].get_visible()
    assert "width 5" in panel.readout.value and "output hyperplane" in panel.readout.value
    assert "principal axes" in panel.readout.value


def test_a_morph_step_blits(nets):
    trainings, X, y = nets
    panel = layers_panel(trainings, X, y, t=0.5)
    panel.fig.canvas.draw()
    panel.set(t=0.55)  # limits may move once
    assert [repaint_path(panel, t=t) for t in (0.5, 0.55)] == ["blit", "blit"]
    panel.set(net="width 3", layer=1, t=0.5)
    panel.set(t=0.55)
    # 3-D: the whole axes is redrawn (its view follows the data), still without a full draw
    assert "full draw" not in [repaint_path(panel, t=t) for t in (0.5, 0.55)]


def test_depth_beyond_a_net_shows_its_last_layer(nets):
    trainings, X, y = nets
    panel = layers_panel(trainings, X, y, net="width 3", layer=2)
    assert "layer 1 of 1" in panel.readout.value


def test_a_blitted_3d_frame_equals_a_full_draw(nets):
    trainings, X, y = nets
    panel = layers_panel(trainings, X, y, net="width 3", layer=1, t=0.5)
    canvas = panel.fig.canvas
    canvas.draw()
    panel.set(t=0.55)
    panel.set(t=0.6)
    assert not panel.fig.stale  # the last step was blitted
    blitted = np.asarray(canvas.buffer_rgba()).copy()
    panel.fig.savefig(full := io.BytesIO(), format="rgba")  # a full draw, every artist in it
    assert np.array_equal(blitted.ravel(), np.frombuffer(full.getvalue(), np.uint8))
