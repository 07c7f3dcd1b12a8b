import warnings

import numpy as np

from nbs_utils.datasets import circles
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
