"""nbs_utils.checks.shown: reading back what a panel shows, and refusing what it should not."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nbs_utils.checks import drawn_points, truth_table
from nbs_utils.datasets import bands
from nbs_utils.lessons.hidden import hidden_points
from nbs_utils.lessons.warped_grid import grid_lines
from nbs_utils.panels.hidden import BOX, morph_panel
from nbs_utils.panels.xor import xor_builder_panel


@pytest.fixture
def builder():
    panel = xor_builder_panel()
    yield panel
    plt.close(panel.fig)


def test_the_truth_table_follows_the_sliders(builder):
    assert [tuple(r[:5]) for r in truth_table(builder)] == [
        (0, 0, 0, 0, 0), (0, 1, 0, 1, 1), (1, 0, 0, 1, 1), (1, 1, 1, 0, 0)
    ]  # fmt: skip
    builder.set(b_h=-0.5)
    assert [r.right for r in truth_table(builder)] == [True, False, False, True]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda html: html.replace("</tr>", "", 1),  # a row fewer
        lambda html: html.replace("background", "colour"),  # a wrong row not shaded
        lambda html: html.replace("<b>no</b>", "yes", 1),  # a wrong row marked right
    ],
)
def test_a_table_that_disagrees_with_itself_is_refused(builder, tamper):
    builder.set(b_h=-0.5)
    builder.readout.value = tamper(builder.readout.value)
    with pytest.raises(ValueError):
        truth_table(builder)


def test_drawn_points_are_the_warped_grid_and_the_scatter():
    X, y = bands(100, seed=0)
    panel = morph_panel(X, y, activation="tanh", t=0.5)
    try:
        lines = grid_lines(BOX)
        expected = hidden_points(lines.reshape(-1, 2), activation="tanh", t=0.5)
        assert np.allclose(drawn_points(panel, plot=2), expected)
        class_0 = hidden_points(X[y == 0], activation="tanh", t=0.5)
        assert np.allclose(drawn_points(panel, plot=1), class_0)
    finally:
        plt.close(panel.fig)
