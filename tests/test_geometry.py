import numpy as np
import pytest
from geometry_reference import check_certificate, patterns_by_lp, shoelace_area

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


# --- count_linear_regions ---------------------------------------------------------------

from math import comb  # noqa: E402

from scipy.optimize import linprog  # noqa: E402

from nbs_utils.geometry import count_linear_regions, linear_regions, region_bounds  # noqa: E402
from nbs_utils.nets import random_layers  # noqa: E402

BOX_2D = ((-1.0, 1.0), (-1.0, 1.0))


def tent_layers(k, n_in=1):
    """k hidden layers of 2 ReLUs computing the tent map t(x) = 2relu(x) - 4relu(x - 1/2)
    composed k times (the last layer's units, not yet combined, are relu(t^{k-1}) and
    relu(t^{k-1} - 1/2)); with n_in = 2 the first layer reads only the first coordinate."""
    W1 = np.zeros((2, n_in))
    W1[:, 0] = 1.0
    first = (W1, np.array([0.0, -0.5]))
    rest = (np.array([[2.0, -4.0], [2.0, -4.0]]), np.array([0.0, -0.5]))
    return [first] + [rest] * (k - 1)


def grid_patterns(layers, box, n):
    """Distinct on/off patterns of all units seen on an n x n grid (a lower bound)."""
    (x0, x1), (y0, y1) = box
    xx, yy = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    H = np.c_[xx.ravel(), yy.ravel()]
    on = []
    for W, b in layers:
        Z = H @ W.T + b
        on.append(Z > 0)
        H = np.maximum(Z, 0.0)
    return set(map(bytes, np.packbits(np.concatenate(on, axis=1), axis=1)))


def key(pattern):
    """A hashable key for an on/off pattern, as :func:`grid_patterns` makes them."""
    return bytes(np.packbits(pattern))


def inradius(poly):
    """Radius of the largest disk inside a convex polygon (CCW vertices), by LP."""
    edges = np.roll(poly, -1, axis=0) - poly
    normals = np.c_[edges[:, 1], -edges[:, 0]]
    normals /= np.linalg.norm(normals, axis=1, keepdims=True)  # outward for CCW order
    A = np.c_[normals, np.ones(len(poly))]  # n . x + r <= n . v
    res = linprog([0, 0, -1], A_ub=A, b_ub=np.sum(normals * poly, axis=1), bounds=(None, None))
    return res.x[2]


@pytest.mark.parametrize("k", range(1, 10))
def test_tent_composition_has_two_to_the_k_pieces(k):
    assert count_linear_regions(tent_layers(k), (0.0, 1.0)) == 2**k
    assert count_linear_regions(tent_layers(k, n_in=2), ((0.0, 1.0), (0.0, 1.0))) == 2**k


def test_leaky_relu_passes_the_off_side_on():
    """h = act(x), z = -h - 0.005 on [-1, 1]: with ReLU z < 0 everywhere (2 regions, split
    at x = 0); leaky ReLU with alpha = 0.1 turns z on for x < -0.05 (3 regions)."""
    layers = [(np.array([[1.0]]), np.array([0.0])), (np.array([[-1.0]]), np.array([-0.005]))]
    assert count_linear_regions(layers, (-1.0, 1.0)) == 2
    assert count_linear_regions(layers, (-1.0, 1.0), negative_slopes=0.1) == 3
    pieces = [piece for piece, _ in linear_regions(layers, (-1.0, 1.0), [0.1, 0.1])]
    assert np.allclose(sorted(float(p.min()) for p in pieces), [-1.0, -0.05, 0.0])


def test_leaky_relu_regions_match_lp_enumeration_on_random_nets():
    for seed in range(5):
        layers = random_layers([2, 3, 3], seed=seed)
        patterns = {key(p) for _, p in linear_regions(layers, BOX_2D, 0.2)}
        assert patterns == patterns_by_lp(layers, BOX_2D, negative_slopes=0.2)


@pytest.mark.parametrize(
    "slopes, error",
    [("a", TypeError), (float("nan"), ValueError), ([0.1], ValueError), ([0.1, None], TypeError)],
)
def test_negative_slopes_bad_input(slopes, error):
    layers = random_layers([2, 3, 3], seed=0)
    with pytest.raises(error, match="slope"):
        count_linear_regions(layers, BOX_2D, slopes)


def test_tent_pieces_are_the_dyadic_intervals():
    pieces = [piece for piece, _ in linear_regions(tent_layers(4), (0.0, 1.0))]
    ends = np.unique(np.concatenate(pieces))
    assert np.allclose(ends, np.arange(17) / 16, atol=1e-12)


def lines_in_general_position(n, seed=0):
    """n lines a . x + d = 0 with all C(n, 2) crossings inside [-1, 1]^2, no three concurrent."""
    rng = np.random.default_rng(seed)
    angles = np.pi * (np.arange(n) + rng.uniform(0.2, 0.8, n)) / n
    W = np.c_[np.cos(angles), np.sin(angles)]
    b = rng.uniform(-0.2, 0.2, n)
    crossings = [np.linalg.solve(W[[i, j]], -b[[i, j]]) for i in range(n) for j in range(i + 1, n)]
    return W, b, np.array(crossings)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8])
def test_lines_in_general_position_give_zaslavsky_count(n):
    W, b, crossings = lines_in_general_position(n)
    if n > 1:  # the hypothesis of the formula: every crossing inside, all distinct
        assert np.all(np.abs(crossings) < 1)
        assert np.min(np.linalg.norm(crossings[:, None] - crossings[None], axis=-1)
                      + np.eye(len(crossings))) > 1e-3  # fmt: skip
    assert count_linear_regions([(W, b)], BOX_2D) == 1 + n + comb(n, 2)


def test_eight_lines_give_37():
    W, b, _ = lines_in_general_position(8, seed=3)
    assert count_linear_regions([(W, b)], BOX_2D) == 37


def test_lines_missing_the_box_do_not_cut_it():
    W = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    b = np.array([5.0, -5.0, 1.0])  # x = -5, y = 5, and a unit with zero weights
    assert count_linear_regions([(W, b)], BOX_2D) == 1
    assert count_linear_regions([(W[:, :1], b)], (-1.0, 1.0)) == 1


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_deep_net_count_bounds_the_grid_count(seed):
    layers = random_layers([2, 16, 16, 16], seed=seed)
    regions = linear_regions(layers, BOX_2D)
    exact = {key(p) for _, p in regions}
    assert len(exact) == len(regions)  # one region per pattern
    n = 400
    seen = grid_patterns(layers, BOX_2D, n)
    assert seen <= exact and len(seen) <= len(regions)
    # every region the grid missed is too thin to hold a grid point
    h = 2.0 / (n - 1)
    missed = [piece for piece, p in regions if key(p) not in seen]
    assert all(inradius(piece) < h / np.sqrt(2) for piece in missed)


def test_grid_count_equals_exact_count_when_fine_enough():
    layers = random_layers([2, 5, 5], seed=4)
    regions = linear_regions(layers, BOX_2D)
    assert min(inradius(piece) for piece, _ in regions) > 0.01  # fat regions only
    assert len(grid_patterns(layers, BOX_2D, 400)) == len(regions)


@pytest.mark.parametrize("seed", range(4))
def test_regions_tile_the_box_and_carry_their_pattern(seed):
    layers = random_layers([2, 8, 8, 8], seed=seed, scale=1.5)
    regions = linear_regions(layers, ((-2.0, 1.0), (0.0, 3.0)))
    area = sum(shoelace_area(q) for q, _ in regions)
    assert area == pytest.approx(9.0, rel=1e-9)
    for piece, pattern in regions:
        H, on = piece.mean(axis=0, keepdims=True), []
        for W, b in layers:
            Z = H @ W.T + b
            on.append(Z[0] > 0)
            H = np.maximum(Z, 0.0)
        assert np.array_equal(np.concatenate(on), pattern)


@pytest.mark.parametrize("seed", range(4))
def test_one_dimensional_count_matches_pattern_changes(seed):
    layers = random_layers([1, 6, 6, 6], seed=seed, scale=2.0)
    pieces = [piece for piece, _ in linear_regions(layers, (-3.0, 3.0))]
    assert sum(hi - lo for lo, hi in pieces) == pytest.approx(6.0)
    H, on = np.linspace(-3, 3, 200_001)[:, None], []
    for W, b in layers:
        Z = H @ W.T + b
        on.append(Z > 0)
        H = np.maximum(Z, 0.0)
    on = np.concatenate(on, axis=1)
    changes = np.any(on[1:] != on[:-1], axis=1).sum()
    assert changes + 1 <= len(pieces) <= np.prod([n + 1 for n in [6, 6, 6]])
    widths = np.array([hi - lo for lo, hi in pieces])
    if widths.min() > 1e-4:  # every piece wider than the sampling step is seen
        assert changes + 1 == len(pieces)


def test_single_layer_respects_zaslavsky_bound():
    for seed in range(5):
        layers = random_layers([2, 10], seed=seed, scale=2.0)
        assert count_linear_regions(layers, ((-3, 3), (-3, 3))) <= 1 + 10 + comb(10, 2)


@pytest.mark.parametrize(
    "layers, box, error",
    [
        ([(np.ones((2, 2)), np.zeros(2))], (0.0, 1.0), ValueError),  # 2-D net, 1-D box
        ([(np.ones((2, 1)), np.zeros(2))], BOX_2D, ValueError),  # 1-D net, 2-D box
        ([(np.ones((2, 3)), np.zeros(2))], ((0, 1), (0, 1), (0, 1)), ValueError),  # 3-D
        ([(np.ones((2, 1)), np.zeros(2))], (1.0, 1.0), ValueError),  # empty box
        ([(np.ones((2, 1)), np.zeros(2))], (1.0, 0.0), ValueError),  # reversed box
        ([(np.ones((2, 2)), np.zeros(2))], ((0, 1), (2, 2)), ValueError),  # flat box
        ([(np.ones((2, 1)), np.zeros(2))], (0.0, np.nan), ValueError),
        ([(np.ones((2, 1)), np.array([0.0, np.nan]))], (0.0, 1.0), ValueError),
        ([(np.ones((2, 1)), np.zeros(3))], (0.0, 1.0), ValueError),  # b wrong length
        ([(np.ones((2, 1)), np.zeros(2)), (np.ones((2, 3)), np.zeros(2))], (0, 1), ValueError),
        ([], (0.0, 1.0), ValueError),
        ((np.ones((2, 1)), np.zeros(2)), (0.0, 1.0), TypeError),  # not wrapped in a list
        ([(np.ones((2, 1)), np.zeros(2))], "box", TypeError),
        ([(np.ones((2, 1)), np.zeros(2))], (0.0, 1.0, 2.0), ValueError),
    ],
)
def test_count_rejects_bad_input(layers, box, error):
    with pytest.raises(error):
        count_linear_regions(layers, box)


def test_region_bounds_known_values():
    assert region_bounds(2, [8]) == {"product": 37, "serra": 37, "zaslavsky": 37, "montufar": 37}
    assert region_bounds(2, [2, 2, 2])["serra"] == 30  # worked by hand from Theorem 1
    assert region_bounds(2, [2, 2, 2])["product"] == 4**3
    for widths in ([2, 2], [3, 5, 4], [7, 7, 7]):  # 1-D: Serra equals prod(n_l + 1)
        assert region_bounds(1, widths)["serra"] == np.prod([n + 1 for n in widths])
    assert "montufar" not in region_bounds(3, [2, 4])  # needs every width >= n_in


@pytest.mark.parametrize("widths", [[4, 4], [8, 8], [16, 16, 16], [3, 3, 3, 3], [2, 6, 2]])
def test_exact_counts_respect_the_bounds(widths):
    b = region_bounds(2, widths)
    assert b["serra"] <= b["product"]
    for seed in range(2):
        layers = random_layers([2, *widths], seed=seed, scale=2.0)
        assert count_linear_regions(layers, ((-2, 2), (-2, 2))) <= b["serra"]


def test_region_bounds_reject_bad_input():
    with pytest.raises(ValueError):
        region_bounds(2, [])
    with pytest.raises(ValueError):
        region_bounds(0, [3])
    with pytest.raises(TypeError):
        region_bounds(2, [2.5])


from nbs_utils.geometry import cut_polygon  # noqa: E402

UNIT_SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])


def test_cut_polygon_splits_along_the_line_and_keeps_theshoelace_area():
    pieces = cut_polygon(UNIT_SQUARE, [1.0, 1.0], -0.5)  # x1 + x2 = 0.5: a corner triangle
    assert len(pieces) == 2
    assert sorted(shoelace_area(p) for p in pieces) == pytest.approx([0.125, 0.875])
    for p in pieces:  # each piece lies on one side: its vertices' signs never disagree
        z = p @ [1.0, 1.0] - 0.5
        assert np.all(z >= -1e-12) or np.all(z <= 1e-12)


def test_cut_polygon_leaves_a_polygon_the_line_misses():
    for a, d in [([1.0, 0.0], -2.0), ([0.0, 0.0], 1.0), ([1.0, 0.0], 0.0)]:  # x = 0: an edge
        (piece,) = cut_polygon(UNIT_SQUARE, a, d)
        np.testing.assert_array_equal(piece, UNIT_SQUARE)


# ---------------------------------------------------------------------------------------
# The reproducers (one per class of failure) and the certificates.


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


def eight_tangent_lines(radius):
    """8 lines tangent to a circle of ``radius`` at angles k pi / 8: no two parallel."""
    angles = np.pi * np.arange(8) / 8 + 0.1
    return [(np.c_[np.cos(angles), np.sin(angles)], -radius * np.ones(8))]


@pytest.mark.parametrize("radius", [1.0, 1e-2, 1e3])
def test_regions_in_a_big_box(radius):
    assert count_linear_regions(eight_tangent_lines(radius), ((-1e5, 1e5), (-1e5, 1e5))) == 37


def test_a_tiny_triangle_is_kept():
    side = 3e-6
    angles = np.pi / 2 + 2 * np.pi * np.arange(3) / 3
    W = np.c_[np.cos(angles), np.sin(angles)]
    b = -side / (2 * np.sqrt(3)) * np.ones(3)  # the inradius: an equilateral triangle at 0
    regions = linear_regions([(W, b)], BOX_2D)
    assert len(regions) == 7
    inside = [piece for piece, pattern in regions if not pattern.any()]  # all three off
    assert len(inside) == 1
    assert shoelace_area(inside[0]) == pytest.approx(np.sqrt(3) / 4 * side**2, rel=1e-6)


def test_far_from_the_origin():
    line = [(np.array([[1.0, 0.0]]), np.array([-(1e8 + 0.3)]))]  # x1 = 1e8 + 0.3
    box = ((1e8 - 1, 1e8 + 1), (1e8 - 1, 1e8 + 1))
    regions = linear_regions(line, box)
    assert len(regions) == 2
    assert sorted(shoelace_area(p - 1e8) for p, _ in regions) == pytest.approx([1.4, 2.6], rel=1e-7)
    assert count_linear_regions([(line[0][0][:, :1], line[0][1])], (1e8 - 1, 1e8 + 1)) == 2
    square = np.array(
        [[1e8 - 1, 1e8 - 1], [1e8 + 1, 1e8 - 1], [1e8 + 1, 1e8 + 1], [1e8 - 1, 1e8 + 1]]
    )
    pieces = cut_polygon(square, [1.0, 0.0], -(1e8 + 0.3))
    assert sorted(shoelace_area(p - 1e8) for p in pieces) == pytest.approx([1.4, 2.6], rel=1e-7)


def test_the_lp_fallback_certifies_the_same_answer():
    """The search normally certifies from the class means; the LP's pairs (its separating
    direction, or its dual's meeting points) lead to the same certified answer."""
    from nbs_utils.geometry import _lp_seed_pairs, _nearest_points

    X, y = bands(n=400, seed=0)
    Z = np.c_[-X[:, 0] + X[:, 1] - 1, X[:, 0] - X[:, 1] - 1]
    cases = [(XOR_X, XOR_Y), circles(n=300, seed=0)] + [
        (get(a)(Z), y) for a in ["identity", "relu", "tanh"]
    ]
    for X, y in cases:
        P, Q = X[y == 1], X[y == 0]
        seeds = _lp_seed_pairs(X, 2.0 * y - 1.0, P, Q)
        _, _, z = _nearest_points(P, Q, seeds)
        r = linearly_separable(X, y)
        assert np.linalg.norm(z) == pytest.approx(2 * r.margin, rel=1e-9, abs=1e-12)


def test_near_the_largest_float():
    """Centres and scales are formed without overflow (halves first, powers of two)."""
    huge = 1.7e308
    r = linearly_separable(XOR_X * huge, [0, 1, 1, 1])
    assert r.separable and r.margin / huge == pytest.approx(np.sqrt(2) / 4, rel=1e-9)
    cross = [(np.eye(2), np.array([0.0, 1e307]))]
    assert count_linear_regions(cross, ((-huge, huge), (-huge, huge))) == 4
    square = huge * np.array([[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]])
    assert len(cut_polygon(square, [1.0, 0.0], 0.0)) == 2


def test_a_gap_of_one_unit_in_the_last_place_far_from_the_origin():
    """At 1e6 the point (1e6 + 1 + 1e-10, ...) is one float step right of the square's
    edge: separable (the shift to the centre is exact), with a margin of half a step."""
    offset = 1e6
    X = np.array([[0, 0], [1, 0], [1, 1], [0, 1], [1 + 1e-10, 0.5]]) + offset
    r = linearly_separable(X, [0, 0, 0, 0, 1])
    step = np.spacing(offset + 1)
    assert r.separable and r.margin == pytest.approx(step / 2, rel=1e-6)
