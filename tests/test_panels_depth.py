import warnings

import numpy as np
import pytest

from nbs_utils.datasets import circles
from nbs_utils.geometry import count_linear_regions
from nbs_utils.panels import depth
from nbs_utils.train import train_classifier
from testkit.artists import artist_problems


def finite_artists(fig):
    assert not artist_problems(fig, line_gaps=False)


def test_approximation_panel_sweep_is_finite_and_in_place():
    panel = depth.approximation_panel()
    fig = panel.fig
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # every slider value (update is the redraw step without drawing; set draws too)
        steep = np.arange(0.0, 4.01, 0.25)
        sweep = [(n, s) for n in range(1, 101) for s in (0.0, 4.0)]
        sweep += [(n, float(s)) for n in (1, 37, 100) for s in steep]
        for n, s in sweep:
            assert "nan" not in panel.update(n_bumps=n, log_steepness=s)
            finite_artists(fig)
        panel.set(n_bumps=100, log_steepness=4.0)
        panel.set(n_bumps=1, log_steepness=0.0)
    assert panel.fig is fig and "max error" in panel.readout.value


def test_bumps_approach_the_target_as_bumps_are_added():
    errors = [depth.max_error(n, 1e3) for n in [5, 10, 20, 40, 80, 100]]
    assert all(a > b for a, b in zip(errors, errors[1:]))
    assert errors[-1] < 0.02
    # extreme steepness: no overflow warnings (filterwarnings=error), still finite
    assert np.isfinite(depth.max_error(50, 1e12))


def test_steep_sigmoid_is_a_step():
    x = np.array([0.2, 0.45, 0.55, 0.8])
    one_bump = depth.bumps(x, 1, 1e6, f=lambda m: np.ones_like(m))
    assert np.allclose(one_bump, 1.0)  # a single bump spanning [0, 1] has height f


@pytest.mark.parametrize("k", range(1, 9))
def test_deep_and_shallow_sawtooth_agree_with_2_to_the_k_pieces(k):
    x = np.linspace(0, 1, 2049)
    deep, shallow = depth.sawtooth_layers(k), depth.shallow_sawtooth_layers(k)
    assert np.allclose(depth.relu_net(*deep, x), depth.relu_net(*shallow, x), atol=1e-9)
    assert count_linear_regions(deep[0], (0.0, 1.0)) == 2**k
    assert count_linear_regions(shallow[0], (0.0, 1.0)) == 2**k
    assert shallow[0][0][0].shape[0] == 2**k
    assert depth.parameter_count(*deep) == 4 + 6 * (k - 1) + 3
    assert depth.parameter_count(*shallow) == 3 * 2**k + 1


def test_sawtooth_panel_sweep():
    panel = depth.sawtooth_panel()
    fig = panel.fig
    for k in range(1, 9):
        panel.set(depth=k)
        finite_artists(fig)
        assert f"{2**k} pieces" in panel.readout.value
    assert panel.fig is fig


def test_width_lab_panel_sweep():
    X, y = circles(n=100, seed=0)
    trainings = {f"width {w}": train_classifier(X, y, [w], steps=50, seed=0) for w in (2, 3)}
    panel = depth.width_lab_panel(trainings, X, y, n=40)
    fig = panel.fig
    for label in trainings:
        panel.set(net=label)
        finite_artists(fig)
        assert label in panel.readout.value
    assert panel.fig is fig
