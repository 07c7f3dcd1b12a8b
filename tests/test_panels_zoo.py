import numpy as np
import pytest

from nbs_utils.activations import NAMES, get
from nbs_utils.lessons.zoo import raw_measurements
from nbs_utils.panels.zoo import (
    activation_explorer_panel,
    saturation_panel,
    vanishing_gradient_panel,
    zoo_gallery_figure,
)
from testkit.artists import artist_problems
from testkit.internals import blits
from testkit.panels import control_grid


def _skip_redraws(panel):
    """Sweeps check the data; rendering each of hundreds of states would take minutes.

    Returns a function that renders the figure for real (to catch draw-time warnings).
    """
    draw = panel.fig.canvas.draw
    panel.fig.canvas.draw_idle = lambda: None
    return draw


def _artist_data_finite(fig):
    assert not artist_problems(fig, line_gaps=False)
    assert all(ax.get_ylim()[0] < ax.get_ylim()[1] for ax in fig.axes)


@pytest.fixture
def raw_data():
    return raw_measurements(n=200, seed=0)


def test_explorer_every_activation_and_parameter_is_finite_and_in_place():
    panel = activation_explorer_panel()
    draw = _skip_redraws(panel)
    fig, lines = panel.fig, [ln for ax in panel.fig.axes for ln in ax.lines]
    with np.errstate(all="raise"):
        for name in NAMES:
            for alpha in control_grid(panel.controls["alpha"]):
                panel.set(name=name, alpha=alpha)
                _artist_data_finite(fig)
            for k in control_grid(panel.controls["k"]):
                panel.set(name=name, k=k)
                _artist_data_finite(fig)
            draw()
    assert panel.fig is fig and [ln for ax in fig.axes for ln in ax.lines] == lines


def test_explorer_lines_show_the_chosen_activation():
    panel = activation_explorer_panel()
    panel.set(name="sigmoid", k=3.0)
    f_line, df_line = panel.fig.axes[0].lines[-2:]
    x = f_line.get_xdata()
    assert np.allclose(f_line.get_ydata(), get("sigmoid", k=3.0)(x))
    assert np.allclose(df_line.get_ydata(), get("sigmoid", k=3.0).derivative(x))
    assert panel.controls["alpha"].disabled and not panel.controls["k"].disabled


def test_leaky_relu_with_alpha_one_makes_the_net_linear():
    panel = activation_explorer_panel()
    ax_net = panel.fig.axes[1]
    affine, net = ax_net.lines
    panel.set(name="leaky_relu", alpha=1.0)
    assert np.allclose(net.get_ydata(), affine.get_ydata(), atol=1e-9)
    assert "linear" in panel.readout.value and "nonlinear" not in panel.readout.value
    panel.set(alpha=0.5)
    assert not np.allclose(net.get_ydata(), affine.get_ydata(), atol=1e-3)
    assert "nonlinear" in panel.readout.value


def test_saturation_panel_sweep_is_finite_and_in_place(raw_data):
    panel = saturation_panel(raw_data)
    draw = _skip_redraws(panel)
    fig, dots = panel.fig, panel.fig.axes[0].collections[0]
    with np.errstate(all="raise"):
        for name in ("sigmoid", "tanh"):
            for scale in control_grid(panel.controls["scale"]):
                panel.set(name=name, scale=scale)
                _artist_data_finite(fig)
            draw()
    assert panel.fig is fig and panel.fig.axes[0].collections[0] is dots


def test_saturation_share_in_readout_rises_with_scale(raw_data):
    panel = saturation_panel(raw_data)
    _skip_redraws(panel)

    def share():
        return int(panel.readout.value.split("<b>")[1].split("%")[0])

    panel.set(name="tanh", scale=1.0)
    low = share()
    panel.set(scale=30.0)
    assert share() > low + 50


def test_saturation_panel_rejects_constant_column():
    X = np.c_[np.ones(10), np.arange(10.0)]
    with pytest.raises(ValueError, match="constant column"):
        saturation_panel(X)


def test_vanishing_panel_sweep_is_positive_finite_and_in_place():
    panel = vanishing_gradient_panel(max_depth=12)
    _skip_redraws(panel)
    fig, ax = panel.fig, panel.fig.axes[0]
    lines = list(ax.lines)
    with np.errstate(all="raise"):
        for depth in control_grid(panel.controls["depth"]):
            for gain in control_grid(panel.controls["gain"])[::3] + [panel.controls["gain"].max]:
                panel.set(depth=depth, gain=gain)
                _artist_data_finite(fig)
                for line in lines:
                    y = np.asarray(line.get_ydata(), dtype=float)
                    assert len(y) == depth and np.all(y > 0)
    assert panel.fig is fig and list(ax.lines) == lines and ax.get_yscale() == "log"


def test_vanishing_panel_full_depth_extremes():
    panel = vanishing_gradient_panel()
    draw = _skip_redraws(panel)
    with np.errstate(all="raise"):
        for depth in range(1, panel.controls["depth"].max + 1):
            for gain in (panel.controls["gain"].min, panel.controls["gain"].max):
                panel.set(depth=depth, gain=gain)
                _artist_data_finite(panel.fig)
        draw()


def test_gallery_has_one_visible_axes_per_activation():
    fig = zoo_gallery_figure()
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == len(NAMES)
    assert all(ax.get_title() and ax.get_xlabel() and ax.get_ylabel() for ax in visible)


def test_parameter_and_small_steps_blit():
    explorer = activation_explorer_panel()
    explorer.fig.canvas.draw()
    assert all(blits(explorer, alpha=a) for a in (0.0, 0.55, 1.0))  # limits cover every α
    explorer.set(name="sigmoid")
    explorer.fig.canvas.draw()
    assert all(blits(explorer, k=k) for k in (0.25, 4.0, 8.0))  # and every k
    vanishing = vanishing_gradient_panel()
    vanishing.fig.canvas.draw()
    vanishing.set(depth=11)
    vanishing.set(depth=10)
    assert blits(vanishing, depth=11) and blits(vanishing, depth=10)
    assert blits(vanishing, gain=1.5) and blits(vanishing, gain=1.4)


def test_vanishing_limits_hold_the_norms_at_whole_decades():
    panel = vanishing_gradient_panel()
    for depth, gain in [(30, 0.5), (3, 4.0), (30, 4.0), (1, 1.0), (12, 2.0)]:
        panel.set(depth=depth, gain=gain)
        ax = panel.fig.axes[0]
        y = np.concatenate([line.get_ydata() for line in ax.get_lines()])
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        assert x0 < 1 and depth < x1 and y0 <= y.min() and y.max() <= y1
        assert np.allclose(np.log10([y0, y1]) % 1, 0)
