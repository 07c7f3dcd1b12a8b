import numpy as np
import pytest

from nbs_utils.activations import get
from nbs_utils.datasets import XOR_X, XOR_Y, bands, circles
from nbs_utils.geometry import linearly_separable


def test_pair_at_distance_two_has_margin_one():
    r = linearly_separable([[0.0, 0.0], [2.0, 0.0]], [0, 1])
    assert r.separable and r.margin == pytest.approx(1.0, abs=1e-7)
    assert np.allclose(r.w, [1, 0], atol=1e-6) and r.b == pytest.approx(-1.0, abs=1e-6)


def test_xor_is_not_separable():
    r = linearly_separable(XOR_X, XOR_Y)
    assert not r.separable and r.margin == 0.0 and r.w is None and not r


def test_xor_with_an_and_feature_is_separable():
    X = np.c_[XOR_X, XOR_X[:, 0] * XOR_X[:, 1]]
    r = linearly_separable(X, XOR_Y)
    assert r.separable and r.margin > 0.2
    assert np.all((X @ r.w + r.b > 0) == (XOR_Y == 1))


def test_margin_of_a_known_square():
    # class 0 at x <= 0, class 1 at x >= 3: margin 1.5, whatever the y spread
    X = np.array([[0, 0], [0, 5], [-1, 2], [3, 1], [4, 4], [3, -2]], float)
    y = np.array([0, 0, 0, 1, 1, 1])
    assert linearly_separable(X, y).margin == pytest.approx(1.5, abs=1e-7)


def test_one_dimensional_and_duplicate_points():
    assert linearly_separable([[0.0], [0.0], [1.0]], [0, 0, 1]).margin == pytest.approx(0.5)
    assert not linearly_separable([[1.0], [1.0]], [0, 1]).separable


def test_circles_separable_only_after_squaring():
    X, y = circles(n=300, seed=0)
    assert not linearly_separable(X, y).separable
    assert linearly_separable(X**2, y).separable


def test_band_data_margins_in_hidden_space():
    X, y = bands(n=4000, seed=0)
    Z = np.c_[-X[:, 0] + X[:, 1] - 1, X[:, 0] - X[:, 1] - 1]
    margins = {
        a: linearly_separable(get(a)(Z), y).margin for a in ["identity", "relu", "tanh", "sigmoid"]
    }
    assert margins["identity"] == 0.0
    assert margins["tanh"] > margins["relu"] > margins["sigmoid"] > 0


def test_margin_is_achieved_by_the_returned_hyperplane():
    rng = np.random.default_rng(0)
    X = np.r_[rng.normal(size=(40, 3)), rng.normal(size=(40, 3)) + 6]
    y = np.r_[np.zeros(40), np.ones(40)]
    r = linearly_separable(X, y)
    dist = (2 * y - 1) * (X @ r.w + r.b)
    assert np.linalg.norm(r.w) == pytest.approx(1.0)
    assert dist.min() == pytest.approx(r.margin) and r.margin > 0


@pytest.mark.parametrize(
    "X, y, error",
    [
        ([[0.0, 0.0], [1.0, 1.0]], [0, 2], ValueError),
        ([[0.0, 0.0], [1.0, 1.0]], [0, 0], ValueError),
        ([[0.0, 0.0], [1.0, 1.0]], [0], ValueError),
        ([0.0, 1.0], [0, 1], ValueError),
        (np.empty((0, 2)), [], ValueError),
        ([[0.0, np.nan], [1.0, 1.0]], [0, 1], ValueError),
        ("points", [0, 1], TypeError),
    ],
)
def test_bad_input_is_rejected(X, y, error):
    with pytest.raises(error):
        linearly_separable(X, y)
