"""``geometry.linearly_separable``: the verdict, the max margin and its certificate.

Mirrors the first part of nbs_utils/geometry.py. The regions of ReLU nets (its second
part) are tested in test_geometry_regions.py, random properties in
test_geometry_properties.py.
"""

import numpy as np
import pytest

from nbs_utils.activations import get
from nbs_utils.datasets import XOR_X, XOR_Y, bands, circles
from nbs_utils.geometry import linearly_separable
from testkit.geometry_reference import check_certificate
from testkit.internals import lp_fallback_gap


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
    "X, y, error, pattern",
    [
        ([[0.0, 0.0], [1.0, 1.0]], [0, 2], ValueError, "only the labels 0 and 1"),
        ([[0.0, 0.0], [1.0, 1.0]], [0, 0], ValueError, "both classes"),
        ([[0.0, 0.0], [1.0, 1.0]], [0], ValueError, "one per row of X"),
        ([0.0, 1.0], [0, 1], ValueError, "X must be 2-D"),
        (np.empty((0, 2)), [], ValueError, r"n, d >= 1"),
        ([[0.0, np.nan], [1.0, 1.0]], [0, 1], ValueError, "finite numbers"),
        ("points", [0, 1], TypeError, "numeric array of real numbers"),
    ],
)
def test_bad_input_is_rejected(X, y, error, pattern):
    with pytest.raises(error, match=pattern):
        linearly_separable(X, y)


# --- the reproducers of past failures, each checked by its certificate -------------------


def test_max_margin_does_not_stop_short():
    X, y = [[1000, 1000], [1001, 1000], [1000, 1001], [1003, 1003]], [0, 0, 0, 1]
    r = linearly_separable(X, y)
    assert r.margin == pytest.approx(2.5 / np.sqrt(2), rel=1e-9)
    check_certificate(X, y, r)


@pytest.mark.parametrize("d", [2, 3])
def test_random_sets_get_the_full_margin(d):
    """Margins were 2-12 % low; now each equals half the distance of the nearest points,
    and no direction does better (a grid of directions in 2-D, random ones in 3-D)."""
    rng = np.random.default_rng(d)
    for _ in range(10):
        n = int(rng.integers(10, 41))
        X = rng.normal(size=(n, d))
        y = (X @ rng.normal(size=d) > 0).astype(int)
        if y.min() == y.max():
            continue
        r = linearly_separable(X, y)
        check_certificate(X, y, r)
        U = rng.normal(size=(20000, d))
        U /= np.linalg.norm(U, axis=1, keepdims=True)
        gaps = np.min(X[y == 1] @ U.T, axis=0) - np.max(X[y == 0] @ U.T, axis=0)
        assert gaps.max() / 2 <= r.margin * (1 + 1e-9)


def test_separable_at_tiny_and_huge_scales():
    X = [[0, 0], [1, 0], [1, 1], [0, 1], [1 + 1e-10, 0.5]]
    r = linearly_separable(X, [0, 0, 0, 0, 1])
    assert r.separable and r.margin == pytest.approx(0.5e-10, rel=1e-6)
    check_certificate(X, [0, 0, 0, 0, 1], r)
    y_or = [0, 1, 1, 1]
    reference = linearly_separable(XOR_X, y_or).margin
    assert reference == pytest.approx(np.sqrt(2) / 4, rel=1e-12)
    for factor in [1e-300, 1e-9, 1e9, 1e15, 1e300]:
        r = linearly_separable(XOR_X * factor, y_or)
        assert r.separable and r.margin == pytest.approx(reference * factor, rel=1e-9)
        check_certificate(XOR_X * factor, y_or, r)


def test_not_separable_comes_with_a_common_point():
    for X, y in [(XOR_X, XOR_Y), (XOR_X * 1e12 + 5e12, XOR_Y), ([[1.0], [1.0]], [0, 1])]:
        r = linearly_separable(X, y)
        assert not r.separable
        check_certificate(X, y, r)
    X, y = circles(n=300, seed=0)
    check_certificate(X, y, linearly_separable(X, y))


def test_the_lp_fallback_certifies_the_same_answer():
    """The search normally certifies from the class means; the LP's pairs (its separating
    direction, or its dual's meeting points) lead to the same certified answer."""
    X, y = bands(n=400, seed=0)
    Z = np.c_[-X[:, 0] + X[:, 1] - 1, X[:, 0] - X[:, 1] - 1]
    cases = [(XOR_X, XOR_Y), circles(n=300, seed=0)] + [
        (get(a)(Z), y) for a in ["identity", "relu", "tanh"]
    ]
    for X, y in cases:
        r = linearly_separable(X, y)
        assert lp_fallback_gap(X, y) == pytest.approx(2 * r.margin, rel=1e-9, abs=1e-12)


def test_separable_near_the_largest_float():
    """Centres and scales are formed without overflow (halves first, powers of two)."""
    huge = 1.7e308
    r = linearly_separable(XOR_X * huge, [0, 1, 1, 1])
    assert r.separable and r.margin / huge == pytest.approx(np.sqrt(2) / 4, rel=1e-9)


def test_a_gap_of_one_unit_in_the_last_place_far_from_the_origin():
    """At 1e6 the point (1e6 + 1 + 1e-10, ...) is one float step right of the square's
    edge: separable (the shift to the centre is exact), with a margin of half a step."""
    offset = 1e6
    X = np.array([[0, 0], [1, 0], [1, 1], [0, 1], [1 + 1e-10, 0.5]]) + offset
    r = linearly_separable(X, [0, 0, 0, 0, 1])
    step = np.spacing(offset + 1)
    assert r.separable and r.margin == pytest.approx(step / 2, rel=1e-6)


def test_a_margin_near_the_largest_float_does_not_overflow():
    """Two points 3.4e308 apart (beyond float64) have a margin of 1.7e308 (within it)."""
    X, y = np.array([[-1.7e308], [1.7e308]]), np.array([0, 1])
    r = linearly_separable(X, y)
    assert r.separable and r.margin == pytest.approx(1.7e308, rel=1e-12)
    assert np.all((2 * y - 1) * (X @ r.w + r.b) > 0)
    X = np.array([[-1e308, -1e308], [1e308, 1e308]])
    assert linearly_separable(X, y).margin == pytest.approx(np.sqrt(2) * 1e308, rel=1e-12)
