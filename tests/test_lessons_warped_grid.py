"""nbs_utils.lessons.warped_grid: the input grid of the warped-grid pictures."""

import numpy as np

from nbs_utils.lessons.warped_grid import grid_lines


def test_grid_lines_cover_the_box_edges_and_stay_inside():
    lines = grid_lines(((-3.0, 3.0), (-2.0, 1.0)), n_lines=5, n_points=11)
    assert lines.shape == (10, 11, 2)
    vertical, horizontal = lines[:5], lines[5:]
    assert np.array_equal(vertical[:, 0, 0], np.linspace(-3, 3, 5))  # x of each vertical line
    assert np.all(vertical[:, :, 0] == vertical[:, :1, 0])  # ... constant along it
    assert np.array_equal(horizontal[:, 0, 1], np.linspace(-2, 1, 5))
    assert np.all(horizontal[:, :, 1] == horizontal[:, :1, 1])
    for line in lines:  # edge to edge
        assert {tuple(line[0]), tuple(line[-1])} <= {
            (x, y) for x in np.linspace(-3, 3, 5) for y in (-2.0, 1.0)
        } | {(x, y) for x in (-3.0, 3.0) for y in np.linspace(-2, 1, 5)}
    pts = lines.reshape(-1, 2)
    assert pts[:, 0].min() == -3.0 and pts[:, 0].max() == 3.0
    assert pts[:, 1].min() == -2.0 and pts[:, 1].max() == 1.0
