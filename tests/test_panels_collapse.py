import numpy as np
import pytest

from nbs_utils.nets import forward
from nbs_utils.panels.collapse import collapse_panel, leaky_slope_panel
from testkit.artists import artist_problems
from testkit.internals import blits


def _line_data(fig):
    """The grid's polylines in both pictures (one line collection per axes)."""
    return [seg for ax in fig.axes for c in ax.collections for seg in c.get_segments()]


def test_collapse_panel_identity_pictures_coincide():
    panel = collapse_panel()
    left, right = np.array(_line_data(panel.fig)).reshape(2, 18, -1, 2)
    assert np.allclose(left, right, atol=1e-12)
    assert "<b>is</b> one affine map" in panel.readout.value


@pytest.mark.parametrize("activation", ["relu", "leaky_relu", "tanh"])
def test_collapse_panel_activation_breaks_the_collapse(activation):
    panel = collapse_panel()
    fig, artists = panel.fig, list(panel.fig.axes[0].collections)
    panel.set(activation=activation)
    assert panel.fig is fig and list(panel.fig.axes[0].collections) == artists  # in place
    assert "<b>not</b> affine" in panel.readout.value


def test_collapse_panel_whole_range_is_finite():
    panel = collapse_panel()
    for depth in range(1, 9):
        for _label, activation in panel.controls["activation"].options:
            for seed in (0, 20):
                panel.update(depth=depth, seed=seed, activation=activation)  # no drawing: fast
                assert not artist_problems(panel.fig, line_gaps=False)


def test_a_grid_mapped_to_one_point_still_shows():
    panel = collapse_panel(depth=7, seed=13, activation="relu")  # every ReLU path is dead
    grid = np.concatenate(panel.fig.axes[0].collections[0].get_segments())
    assert np.ptp(grid, axis=0).max() == 0.0  # zero-length lines: nothing drawn
    (speck,) = panel.fig.axes[0].lines
    assert np.allclose(np.c_[speck.get_data()], grid[:1]) and "one point" in panel.readout.value
    panel.set(seed=1)  # a grid with extent again: no dot
    assert len(speck.get_xdata()) == 0 and "one point" not in panel.readout.value


def test_one_layer_is_always_affine():
    panel = collapse_panel(depth=1, activation="relu")
    assert "<b>is</b> one affine map" in panel.readout.value


def test_leaky_slope_panel_reaches_the_line_at_slope_one():
    panel = leaky_slope_panel()
    curve = panel.fig.axes[0].get_lines()[1]
    dashed = panel.fig.axes[0].get_lines()[0]
    assert not np.allclose(curve.get_ydata(), dashed.get_ydata())
    panel.set(alpha=1.0)
    assert np.allclose(curve.get_ydata(), dashed.get_ydata(), atol=1e-12)


def test_leaky_slope_panel_whole_range_is_finite():
    panel = leaky_slope_panel()
    for alpha in np.linspace(0, 1, 21):
        panel.set(alpha=float(alpha))
        assert not artist_problems(panel.fig, line_gaps=False)


def test_leaky_slope_panel_matches_forward():
    from nbs_utils.activations import get
    from nbs_utils.nets import random_layers

    panel = leaky_slope_panel(alpha=0.25, seed=2)
    x = np.linspace(-3, 3, 601)[:, None]
    expected = forward(
        random_layers([1, 16, 16, 1], seed=2), x, activation=get("leaky_relu", alpha=0.25)
    )
    assert np.allclose(panel.fig.axes[0].get_lines()[1].get_ydata(), expected[:, 0])


def test_slider_steps_blit_once_the_limits_hold_both_states():
    panel = collapse_panel()
    panel.fig.canvas.draw()
    panel.set(depth=6)
    panel.set(depth=5)
    assert blits(panel, depth=6) and blits(panel, depth=5)
    slope = leaky_slope_panel()
    slope.fig.canvas.draw()
    assert all(blits(slope, alpha=a) for a in (0.05, 0.5, 1.0))  # y limits cover all α
