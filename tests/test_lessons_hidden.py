"""nbs_utils.lessons.hidden: notebook 03's two hidden units (C6) and ReLU patterns (C7)."""

import numpy as np
import pytest

from nbs_utils.activations import get
from nbs_utils.datasets import bands
from nbs_utils.geometry import linearly_separable
from nbs_utils.lessons.hidden import ACTIVATIONS, C6_B, C6_W, activation_patterns, hidden_points


@pytest.fixture(scope="module")
def data():
    return bands(400, seed=0)


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_morph_ends_are_the_linear_and_the_activated_hidden_points(name, data):
    X, _ = data
    z = X @ C6_W.T + C6_B
    assert np.allclose(hidden_points(X, activation=name, t=0.0), z)
    assert np.allclose(hidden_points(X, activation=name, t=1.0), get(name)(z))


def test_identity_hidden_points_lie_on_the_line_h1_plus_h2_is_minus_2(data):
    X, _ = data
    for t in np.linspace(0, 1, 5):
        H = hidden_points(X, activation="identity", t=t)
        assert np.allclose(H.sum(axis=1), -2.0)


def test_c6_facts_on_4000_points():
    X, y = bands(4000, seed=0)
    margins = {}
    for name in ACTIVATIONS:
        r = linearly_separable(hidden_points(X, activation=name), y)
        assert r.separable == (name != "identity")
        margins[name] = r.margin
    assert margins["tanh"] > margins["relu"] > margins["sigmoid"] > 0
    assert margins["tanh"] == pytest.approx(0.13, abs=0.01)
    assert margins["relu"] == pytest.approx(0.071, abs=0.01)
    assert margins["sigmoid"] == pytest.approx(0.021, abs=0.005)


def test_activation_patterns_encode_unit_i_as_bit_i():
    W = np.array([[1.0, 0.0], [0.0, 1.0]])
    b = np.zeros(2)
    pts = np.array([[-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0], [1.0, 1.0]])
    assert activation_patterns(pts, W, b).tolist() == [0, 1, 2, 3]


def test_activation_patterns_never_merge_two_patterns():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(2000, 2))
    for units in (62, 63):
        W, b = rng.normal(size=(units, 2)), rng.normal(size=units)
        on = points @ W.T + b > 0
        ids = activation_patterns(points, W, b)
        assert ids.min() >= 0
        assert len(np.unique(ids)) == len(np.unique(on, axis=0))  # one id per pattern
    W, b = rng.normal(size=(80, 2)), rng.normal(size=80)  # 2^64 wrapped to 0: ids merged
    with pytest.raises(ValueError, match="at most 63 rows"):
        activation_patterns(points, W, b)
