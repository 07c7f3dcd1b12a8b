"""nbs_utils.lessons.depth: bumps from steep sigmoids, the deep and the shallow sawtooth."""

import numpy as np
import pytest

from nbs_utils.activations import get
from nbs_utils.geometry import count_linear_regions
from nbs_utils.lessons import depth as lessons_depth
from nbs_utils.nets import forward

RELU = get("relu")


def test_bumps_approach_the_target_as_bumps_are_added():
    errors = [lessons_depth.max_error(n, 1e3) for n in [5, 10, 20, 40, 80, 100]]
    assert all(a > b for a, b in zip(errors, errors[1:]))
    assert errors[-1] < 0.02
    # extreme steepness: no overflow warnings (filterwarnings=error), still finite
    assert np.isfinite(lessons_depth.max_error(50, 1e12))


def test_steep_sigmoid_is_a_step():
    x = np.array([0.2, 0.45, 0.55, 0.8])
    one_bump = lessons_depth.bumps(x, 1, 1e6, f=lambda m: np.ones_like(m))
    assert np.allclose(one_bump, 1.0)  # a single bump spanning [0, 1] has height f


@pytest.mark.parametrize("k", range(1, 9))
def test_deep_and_shallow_sawtooth_agree_with_2_to_the_k_pieces(k):
    x = np.linspace(0, 1, 2049)
    deep, shallow = lessons_depth.sawtooth_layers(k), lessons_depth.shallow_sawtooth_layers(k)
    assert np.allclose(
        forward(deep, x[:, None], activation=RELU),
        forward(shallow, x[:, None], activation=RELU),
        atol=1e-9,
    )
    assert count_linear_regions(deep[:-1], (0.0, 1.0)) == 2**k
    assert count_linear_regions(shallow[:-1], (0.0, 1.0)) == 2**k
    assert len(shallow) == 2 and shallow[0][0].shape == (2**k, 1)
    assert lessons_depth.parameter_count(deep) == 4 + 6 * (k - 1) + 3
    assert lessons_depth.parameter_count(shallow) == 3 * 2**k + 1


def test_the_sawtooth_is_the_tent_map_composed_k_times():
    x = np.linspace(0, 1, 1025)
    t = x.copy()
    for k in range(1, 7):
        t = 2 * np.maximum(t, 0) - 4 * np.maximum(t - 0.5, 0)
        net = forward(lessons_depth.sawtooth_layers(k), x[:, None], activation=RELU)[:, 0]
        assert np.allclose(net, t, atol=1e-12)


def test_bumps_take_x_of_any_shape():
    sigmoid = get("sigmoid", k=30.0)
    heights = lessons_depth.target((np.arange(3) + 0.5) / 3)
    steps = [-1.0, 1 / 3, 2 / 3, 2.0]

    def reference(x):  # the docstring's sum, one point at a time
        return sum(h * (sigmoid(x - a) - sigmoid(x - b)) for h, a, b in zip(heights, steps, steps[1:]))  # fmt: skip

    assert lessons_depth.bumps(0.4, 3, 30.0) == pytest.approx(reference(0.4), abs=1e-15)
    grid = np.linspace(0.0, 1.0, 6).reshape(2, 3)
    out = lessons_depth.bumps(grid, 3, 30.0)
    assert out.shape == (2, 3)
    assert np.allclose(out, [[reference(x) for x in row] for row in grid], atol=1e-15)


@pytest.mark.parametrize(
    "make, largest",
    [
        (lessons_depth.sawtooth_layers, lessons_depth.MAX_DEEP_K),
        (lessons_depth.shallow_sawtooth_layers, lessons_depth.MAX_SHALLOW_K),
    ],
)
def test_a_sawtooth_too_deep_to_build_is_refused_at_once(make, largest):
    assert len(make(largest)) >= 2
    for k in (largest + 1, 2**70):  # 2**(2**70) units would never finish
        with pytest.raises(ValueError, match=f"k must be <= {largest}"):
            make(k)
