"""Notebook 04 panels: Nielsen's bumps by hand, the tower, polynomial activations."""

import re

import numpy as np
import pytest

from nbs_utils.lessons import universality as u
from nbs_utils.panels import universality as P
from testkit.internals import blits


def test_nielsen_panel_defaults_draw_the_staircase_and_its_distance():
    panel = P.nielsen_panel()
    x = panel.fig.axes[0].get_lines()[0].get_xdata()
    total = [ln for ln in panel.fig.axes[0].get_lines() if ln.get_label() == "net = sum of bumps"][
        0
    ]
    s, h = np.array(P.DEFAULT_POSITIONS), np.array(P.DEFAULT_HEIGHTS)
    assert np.allclose(total.get_ydata(), u.staircase(x, s, h, 1e3))
    assert f"{u.l2_distance(s, h, 1e3):.4f}" in panel.readout.value
    assert "challenge: get under 0.07" in panel.readout.value
    assert f"{u.l2_distance(s, h, 1e3):.4f}" in panel.fig.axes[0].get_title()


def test_nielsen_panel_challenge_is_met_with_moved_steps():
    panel = P.nielsen_panel()
    panel.set(s2=0.46, s3=0.65, s4=0.83, s5=0.87, h1=0.21, h2=0.43, h3=0.25, h4=0.51, h5=0.79)
    assert "challenge met" in panel.readout.value


def test_nielsen_panel_fewer_bumps_hide_the_rest():
    panel = P.nielsen_panel()
    panel.set(n_bumps=2)
    polygons = panel.fig.axes[0].collections[0].get_paths()
    assert [bool(np.any(p.vertices[:, 1] > 0.05)) for p in polygons] == [True] * 2 + [False] * 3
    assert [panel.controls[f"h{i}"].disabled for i in range(1, 6)] == [False] * 2 + [True] * 3
    assert len(panel.fig.axes[0].get_lines()[-1].get_xdata()) == 2  # two step marks


def test_nielsen_panel_slider_steps_blit():
    panel = P.nielsen_panel()
    panel.fig.canvas.draw()
    assert blits(panel, h1=0.3) and blits(panel, s3=0.5) and blits(panel, n_bumps=4)


def test_nielsen_panel_rejects_wrong_lengths():
    with pytest.raises(ValueError, match="5 values"):
        P.nielsen_panel(positions=(0.0, 0.5))


def test_tower_figure_shows_both_surfaces():
    fig, (ax_steps, ax_tower) = P.tower_figure(n=21)
    assert ax_steps.get_zlim() == (0.0, 2.0) and ax_tower.get_zlim() == (0.0, 1.0)
    assert len(ax_steps.collections) == len(ax_tower.collections) == 1


def test_tower_figure_speaks_the_chosen_language():
    from nbs_utils.language import use_language

    use_language("zh-CN")
    try:
        fig, axes = P.tower_figure(n=5)
    finally:
        use_language("en")
    for ax in axes:  # the zh-CN edition showed these in English
        assert re.search("[\u4e00-\u9fff]", ax.get_title() + ax.get_zlabel()), ax.get_title()


@pytest.mark.parametrize("activation", ["square", "tanh", "relu"])
def test_polynomial_activation_panel_shows_the_fit(activation):
    panel = P.polynomial_activation_panel()
    panel.set(activation=activation, width=50)
    x = np.linspace(-np.pi, np.pi, 801)
    fit, rms = u.random_feature_fit(x, np.sin(x), 50, activation)
    line = [ln for ln in panel.fig.axes[0].get_lines() if ln.get_label().startswith("one hidden")][
        0
    ]
    assert np.allclose(line.get_ydata(), fit)
    assert f"{rms:.4f}" in panel.fig.axes[0].get_title()


def test_polynomial_activation_panel_square_stays_at_the_best_quadratic():
    panel = P.polynomial_activation_panel()
    titles = set()
    for width in (2, 10, 100):
        panel.set(width=width)
        titles.add(panel.fig.axes[0].get_title().split(": ")[1])
    assert len(titles) == 1  # the same error, whatever the width
    panel.fig.canvas.draw()
    assert blits(panel, width=11) and blits(panel, activation="tanh")
