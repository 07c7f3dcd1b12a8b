"""Property-based tests (hypothesis) of what "exact" means in nbs_utils.geometry.

- Invariance: translating the data (and box) or scaling by any factor in [1e-9, 1e9] gives
  the same verdict and region count, and margins that scale with the data.
- Agreement with references written in the tests (testkit/geometry_reference.py): the hull
  distance by brute force, separability by the textbook LP, activation patterns by
  enumeration with one LP per pattern.
- Certificates: every result carries one, and it checks out from the data alone.

Data are drawn on a grid of eighths so that every hull distance is either 0 or clearly
positive (a ratio of small integers), and the exact transformations use powers of two.
Deterministic (derandomized, no example database): see the profile in conftest.py.
"""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nbs_utils.geometry import count_linear_regions, cut_polygon, linear_regions, linearly_separable
from testkit.geometry_reference import (
    check_certificate,
    hull_distance_2d,
    hull_distance_brute,
    patterns_by_lp,
    separable_by_lp,
    shoelace_area,
)


@st.composite
def labelled_points(draw, dims=(1, 2, 3), max_n=12):
    d = draw(st.sampled_from(dims))
    n = draw(st.integers(2, max_n))
    X = draw(hnp.arrays(np.int64, (n, d), elements=st.integers(-16, 16))) / 8.0
    y = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 1)))
    assume(0 < y.sum() < n)
    return X, y


@given(
    labelled_points(),
    st.integers(-30, 30),
    st.lists(st.integers(-(2**20), 2**20), min_size=3, max_size=3),
)
def test_exact_translation_and_scaling_change_nothing(data, k, shift):
    """Scale by 2^k (1e-9 .. 1e9) and shift by up to 2^20 extents: exact in float."""
    X, y = data
    factor = 2.0**k
    moved = X * factor + np.array(shift[: X.shape[1]]) * factor / 8
    r, s = linearly_separable(X, y), linearly_separable(moved, y)
    assert r.separable == s.separable
    assert s.margin == pytest.approx(r.margin * factor, rel=1e-9)
    if r.separable:
        assert np.allclose(r.w, s.w, atol=1e-9)
    check_certificate(moved, y, s)


@given(
    labelled_points(),
    st.floats(1e-9, 1e9),
    st.lists(st.floats(-10, 10), min_size=3, max_size=3),
)
def test_any_scale_and_offset_scale_the_margin(data, factor, shift):
    """Any factor, offsets up to 10 extents: rounding moves points by ~1e-15, far below
    the grid's smallest positive hull distance, so the verdict is the same."""
    X, y = data
    moved = X * factor + np.array(shift[: X.shape[1]]) * factor
    r, s = linearly_separable(X, y), linearly_separable(moved, y)
    assert r.separable == s.separable
    assert s.margin == pytest.approx(r.margin * factor, rel=1e-6)
    check_certificate(moved, y, s)


@given(labelled_points(dims=(1, 2, 3)))
def test_verdict_agrees_with_the_textbook_lp(data):
    X, y = data
    r = linearly_separable(X, y)
    assert r.separable == separable_by_lp(X * 8, y)  # integers: the LP is reliable there
    check_certificate(X, y, r)


@given(labelled_points(dims=(2,), max_n=10))
def test_margin_is_half_the_brute_force_hull_distance(data):
    X, y = data
    r = linearly_separable(X, y)
    assume(r.separable)
    assert 2 * r.margin == pytest.approx(hull_distance_2d(X[y == 1], X[y == 0]), rel=1e-9)


@settings(max_examples=30)
@given(labelled_points(dims=(3, 5), max_n=8), st.floats(1e-9, 1e9))
def test_margin_in_3d_and_5d_is_half_the_brute_force_hull_distance(data, factor):
    """Against least squares on every pair of faces of the two hulls, at any scale."""
    X, y = data
    r = linearly_separable(X * factor, y)
    assume(r.separable)
    reference = hull_distance_brute(X[y == 1], X[y == 0])
    assert 2 * r.margin / factor == pytest.approx(reference, rel=1e-6)


@given(labelled_points(dims=(1,)))
def test_one_dimensional_margin_is_half_the_gap(data):
    X, y = data
    x1, x0 = X[y == 1, 0], X[y == 0, 0]
    gap = max(x1.min() - x0.max(), x0.min() - x1.max())
    r = linearly_separable(X, y)
    assert r.separable == (gap > 0)
    assert r.margin == pytest.approx(max(gap, 0.0) / 2, abs=1e-12)


@given(st.integers(0, 2**32 - 1), st.sampled_from([2, 3, 5]))
def test_random_clouds_certified(seed, d):
    """Gaussian clouds in 2-5-D at random distance: the certificate always checks out."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 60))
    X = rng.normal(size=(n, d)) * rng.uniform(0.1, 3)
    y = (np.arange(n) % 2).astype(int)
    X[y == 1] += rng.normal(size=d) * rng.uniform(0, 6)
    check_certificate(X, y, linearly_separable(X, y))


# ---------------------------------------------------------------------------------------
# Activation regions


@st.composite
def small_integer_nets(draw, n_in=2):
    """ReLU nets with small integer weights and half-integer biases: many degenerate
    configurations (concurrent lines, lines through corners, parallel units)."""
    widths = draw(st.sampled_from([[3], [4], [5], [2, 2], [3, 2], [2, 3], [2, 2, 2]]))
    layers = []
    for n in widths:
        W = draw(hnp.arrays(np.int64, (n, n_in), elements=st.integers(-2, 2))).astype(float)
        b = draw(hnp.arrays(np.int64, n, elements=st.integers(-3, 3))) / 2.0
        layers.append((W, b))
        n_in = n
    return layers


def _pattern_keys(layers, box):
    return {bytes(np.packbits(p)) for _, p in linear_regions(layers, box)}


def _moved(layers, factor, offset):
    """The same net read in coordinates x = offset + factor * u (box moved alike)."""
    (W, b), *rest = layers
    W = W / factor
    return [(W, b - W @ offset), *rest]


@settings(max_examples=40)
@given(small_integer_nets())
def test_regions_agree_with_pattern_enumeration(layers):
    box = ((-1.0, 1.0), (-1.0, 1.0))
    found = _pattern_keys(layers, box)
    assert found == patterns_by_lp(layers, box)


@settings(max_examples=40)
@given(small_integer_nets(), st.data())
def test_leaky_relu_regions_agree_with_pattern_enumeration(layers, data):
    """Leaky ReLU (one negative slope per layer): same breakpoints, other values passed on."""
    slopes = data.draw(st.lists(st.sampled_from([0.01, 0.125, 0.5, 2.0]), min_size=len(layers),
                                max_size=len(layers)))  # fmt: skip
    box = ((-1.0, 1.0), (-1.0, 1.0))
    found = {bytes(np.packbits(p)) for _, p in linear_regions(layers, box, slopes)}
    assert found == patterns_by_lp(layers, box, negative_slopes=slopes)
    assert count_linear_regions(layers, box, slopes) == len(found)


@settings(max_examples=40)
@given(small_integer_nets(n_in=1))
def test_one_dimensional_regions_agree_with_pattern_enumeration(layers):
    found = _pattern_keys(layers, (-1.0, 1.0))
    assert found == patterns_by_lp(layers, (-1.0, 1.0))


@given(
    small_integer_nets(),
    st.integers(-30, 30),
    st.lists(st.integers(-(2**20), 2**20), min_size=2, max_size=2),
)
def test_region_count_exactly_invariant(layers, k, shift):
    factor, offset = 2.0**k, np.array(shift, float) * 2.0**k
    box = ((-1.0, 1.0), (-1.0, 1.0))
    moved_box = tuple(tuple(offset[i] + factor * np.array(box[i])) for i in range(2))
    assert count_linear_regions(_moved(layers, factor, offset), moved_box) == count_linear_regions(
        layers, box
    )


@given(
    st.integers(0, 2**32 - 1),
    st.floats(1e-9, 1e9),
    st.lists(st.floats(-10, 10), min_size=2, max_size=2),
)
def test_region_count_invariant_at_any_scale(seed, factor, shift):
    """Random nets (general position), any factor, offsets up to 10 box widths: the same
    count, and the regions tile the moved box."""
    from nbs_utils.nets import random_layers

    layers = random_layers([2, 6, 5], seed=seed, scale=2.0)
    box = ((-1.0, 1.0), (-1.0, 1.0))
    offset = np.array(shift) * factor
    moved_box = tuple(tuple(offset[i] + factor * np.array(box[i])) for i in range(2))
    regions = linear_regions(_moved(layers, factor, offset), moved_box)
    assert len(regions) == count_linear_regions(layers, box)
    area = sum(shoelace_area((piece - offset) / factor) for piece, _ in regions)
    assert area == pytest.approx(4.0, rel=1e-9)


@given(
    st.floats(-1e8, 1e8),
    st.floats(-1e8, 1e8),
    st.floats(1e-6, 1e6),
    st.floats(-1, 1),
    st.floats(0, 2 * np.pi),
)
def test_cut_polygon_keeps_area_anywhere(cx, cy, size, where, angle):
    assume(size > 1e-6 * max(abs(cx), abs(cy), 1.0))  # the square is representable
    square = np.array([[cx, cy], [cx + size, cy], [cx + size, cy + size], [cx, cy + size]])
    a = np.array([np.cos(angle), np.sin(angle)])
    centre = square.mean(axis=0)
    d = -(a @ centre) - 0.4 * where * size  # a line through the square's middle part
    pieces = cut_polygon(square, a, d)
    assert len(pieces) == 2
    local = [(p - centre) / size for p in pieces]
    assert sum(shoelace_area(p) for p in local) == pytest.approx(1.0, rel=1e-6)
    for p in pieces:  # each piece on one side of the line
        side = (p.mean(axis=0) - centre) @ a - 0.4 * where * size
        z = (p - centre) @ a - 0.4 * where * size
        assert np.all(z * np.sign(side) >= -1e-9 * size)


@given(small_integer_nets(), st.data())
def test_scaling_the_pre_activations_by_any_power_of_two_changes_no_region(layers, data):
    """``relu(s z) = s relu(z)`` for ``s > 0``: scaling layer l's W by ``2^e_l`` and its b by
    ``2^(e_1 + ... + e_l)`` scales its pre-activations by that (as the layer below's outputs
    are), so every region stays. With small integer weights all products are exact, down to
    the subnormals (2^-1071) and up to 2^999, so the count is exactly the same."""
    extreme = st.sampled_from([-357, -356, 330, 333])
    exponents = [data.draw(extreme | st.integers(-357, 333)) for _ in layers]
    scaled = [
        (np.ldexp(W, e), np.ldexp(b, sum(exponents[: i + 1])))
        for i, ((W, b), e) in enumerate(zip(layers, exponents))
    ]
    box = ((-1.0, 1.0), (-1.0, 1.0))
    assert count_linear_regions(scaled, box) == count_linear_regions(layers, box)


@settings(max_examples=30)
@given(
    st.lists(st.integers(0, 89), min_size=1, max_size=9, unique=True),
    st.floats(1e-9, 1e9),
    st.lists(st.floats(-10, 10), min_size=2, max_size=2),
)
def test_tangent_lines_give_the_zaslavsky_count_at_any_scale(steps, radius, centre):
    """Lines tangent to a circle at distinct angles (multiples of 2 degrees in [0, 180)):
    no two parallel, no three through one point (a point outside a circle lies on exactly
    two tangents), every crossing within radius / cos(89 degrees) < 58 radius of the
    centre. In a box of 100 radii around it, n lines make exactly 1 + n + C(n, 2) regions."""
    from math import comb

    angles = np.deg2rad(2.0 * np.array(steps) + 0.5)
    W = np.c_[np.cos(angles), np.sin(angles)]
    c = np.array(centre) * radius
    b = -(W @ c) - radius  # W_k . x + b_k = 0: the tangent at angle k
    box = tuple((c[i] - 100 * radius, c[i] + 100 * radius) for i in range(2))
    n = len(steps)
    assert count_linear_regions([(W, b)], box) == 1 + n + comb(n, 2)
