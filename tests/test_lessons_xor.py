"""nbs_utils.lessons.xor: notebook 02's skip net of threshold units and its regions (C5)."""

import numpy as np
import pytest
from matplotlib.path import Path

from nbs_utils.checks import check_xor_threshold_net
from nbs_utils.datasets import XOR_X, XOR_Y
from nbs_utils.lessons.xor import BOX, SEED_WEIGHTS, skip_net, y_one_polygons

SLIDER_VALUES = np.round(np.arange(-3.0, 3.05, 0.1), 1)  # the builder panel's weights


def test_seed_solution_matches_the_seed_post():
    h, y = skip_net(XOR_X, **SEED_WEIGHTS)
    assert h.tolist() == [0, 0, 0, 1]  # h = H(x1 + x2 - 1.5) is AND
    assert y.tolist() == XOR_Y.tolist()


def _y_one(polygons, points):
    """Whether each point lies in one of ``polygons``."""
    inside = np.zeros(len(points), bool)
    for polygon in polygons:
        inside |= Path(polygon).contains_points(points)
    return inside


def test_regions_are_exactly_where_the_net_outputs_one():
    rng = np.random.default_rng(0)
    (x0, x1), (y0, y1) = BOX
    points = np.c_[rng.uniform(x0, x1, 2000), rng.uniform(y0, y1, 2000)]
    settings = [SEED_WEIGHTS] + [
        dict(zip(SEED_WEIGHTS, rng.choice(SLIDER_VALUES, size=7))) for _ in range(200)
    ]
    for weights in settings:  # random points miss the lines, where H(0) = 0 decides
        y = skip_net(points, **weights)[1].astype(bool)
        np.testing.assert_array_equal(_y_one(y_one_polygons(**weights), points), y)
    assert len(y_one_polygons(**SEED_WEIGHTS)) == 2  # the band and the far corner


def test_step_of_zero_is_zero_despite_float_noise():
    # 0.1 + 0.2 - 0.3 is 5.6e-17 in floating point; on the slider grid it is exactly 0
    h, _ = skip_net(XOR_X, 0.1, 0.2, -0.3, 0, 0, 0, 0)
    assert h.tolist() == [0, 0, 0, 0]
    _, y = skip_net(XOR_X, 0, 0, 0, 0.1, 0.2, 0, -0.3)
    assert y.tolist() == [0, 0, 0, 0]


def test_skip_net_is_exact_on_the_slider_grid():
    """Weights k/10 make every pre-activation (integer)/10: compare signs in integers."""
    rng = np.random.default_rng(1)
    for _ in range(300):
        k = rng.integers(-30, 31, 7)
        h, y = skip_net(XOR_X, *(k / 10))
        hz = XOR_X.astype(int) @ k[:2] + k[2]
        h_int = (hz > 0).astype(int)
        yz = XOR_X.astype(int) @ k[3:5] + k[5] * h_int + k[6]
        assert h.tolist() == h_int.tolist() and y.tolist() == (yz > 0).astype(int).tolist()


def test_checker_agrees_with_the_panel_net(capsys):
    rng = np.random.default_rng(2)
    for _ in range(300):
        w = rng.integers(-30, 31, 7) / 10
        expected = bool(np.all(skip_net(XOR_X, *w)[1] == XOR_Y))
        assert check_xor_threshold_net.passes(w[:3], w[3:]) is expected
    assert check_xor_threshold_net.passes([1, 1, -1.5], [1, 1, -2, -0.5]) is True


@pytest.mark.parametrize("scale", [1e-12, 1e-6, 1e6, 1e300])
def test_skip_net_is_the_same_net_at_any_scale_of_its_weights(scale):
    # H(c z) = H(z) for c > 0; 1e-12 weights rounded to H(0) = 0 everywhere, 1e300 overflowed
    seed = list(SEED_WEIGHTS.values())
    h, y = skip_net(XOR_X, *(scale * w for w in seed))
    assert h.tolist() == [0, 0, 0, 1] and y.tolist() == XOR_Y.tolist()
    grid = np.random.default_rng(0).uniform(-0.5, 1.5, (200, 2))
    for got, want in zip(skip_net(grid, *(scale * w for w in seed)), skip_net(grid, *seed)):
        assert np.array_equal(got, want)
