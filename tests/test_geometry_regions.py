"""``geometry.count_linear_regions`` and its parts: the exact activation regions of ReLU
nets, their known bounds (``region_bounds``) and the polygon cut they are built from.

Mirrors the second part of nbs_utils/geometry.py (test_geometry_separability.py: the first).
"""

from math import comb

import numpy as np
import pytest
from scipy.optimize import linprog

from nbs_utils.geometry import count_linear_regions, cut_polygon, linear_regions, region_bounds
from nbs_utils.nets import random_layers
from testkit.geometry_reference import patterns_by_lp, relu_patterns, shoelace_area

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
    on = relu_patterns(layers, np.c_[xx.ravel(), yy.ravel()])
    return set(map(bytes, np.packbits(on, axis=1)))


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
        assert np.array_equal(relu_patterns(layers, piece.mean(axis=0, keepdims=True))[0], pattern)


@pytest.mark.parametrize("seed", range(4))
def test_one_dimensional_count_matches_pattern_changes(seed):
    layers = random_layers([1, 6, 6, 6], seed=seed, scale=2.0)
    pieces = [piece for piece, _ in linear_regions(layers, (-3.0, 3.0))]
    assert sum(hi - lo for lo, hi in pieces) == pytest.approx(6.0)
    on = relu_patterns(layers, np.linspace(-3, 3, 200_001)[:, None])
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
    "layers, box, error, pattern",
    [
        ([(np.ones((2, 2)), np.zeros(2))], (0.0, 1.0), ValueError, "takes 2-D input but box is 1-D"),
        ([(np.ones((2, 1)), np.zeros(2))], BOX_2D, ValueError, "takes 1-D input but box is 2-D"),
        ([(np.ones((2, 3)), np.zeros(2))], ((0, 1), (0, 1), (0, 1)), ValueError, r"for 2-D input, got shape \(3, 2\)"),
        ([(np.ones((2, 1)), np.zeros(2))], (1.0, 1.0), ValueError, "lo < hi"),  # empty box
        ([(np.ones((2, 1)), np.zeros(2))], (1.0, 0.0), ValueError, "lo < hi"),  # reversed box
        ([(np.ones((2, 2)), np.zeros(2))], ((0, 1), (2, 2)), ValueError, "lo < hi"),  # flat box
        ([(np.ones((2, 1)), np.zeros(2))], (0.0, np.nan), ValueError, "box must contain only finite"),
        ([(np.ones((2, 1)), np.array([0.0, np.nan]))], (0.0, 1.0), ValueError, "b must contain only finite"),
        ([(np.ones((2, 1)), np.zeros(3))], (0.0, 1.0), ValueError, "2 entries, got 3"),  # b wrong length
        ([(np.ones((2, 1)), np.zeros(2)), (np.ones((2, 3)), np.zeros(2))], (0, 1), ValueError, "previous layer's outputs"),
        ([], (0.0, 1.0), ValueError, "at least one"),
        ((np.ones((2, 1)), np.zeros(2)), (0.0, 1.0), TypeError, "wrap a single layer"),
        ([(np.ones((2, 1)), np.zeros(2))], "box", TypeError, "box must be"),
        ([(np.ones((2, 1)), np.zeros(2))], (0.0, 1.0, 2.0), ValueError, r"got shape \(3,\)"),
    ],
)  # fmt: skip
def test_count_rejects_bad_input(layers, box, error, pattern):
    with pytest.raises(error, match=pattern):
        count_linear_regions(layers, box)


# --- region_bounds -----------------------------------------------------------------------


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
    with pytest.raises(ValueError, match="at least one hidden layer"):
        region_bounds(2, [])
    with pytest.raises(ValueError, match="n_in must be >= 1"):
        region_bounds(0, [3])
    with pytest.raises(TypeError, match="width must be an integer"):
        region_bounds(2, [2.5])


# --- cut_polygon -------------------------------------------------------------------------


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


# --- the reproducers of past failures: big, tiny and far-away boxes ----------------------


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


def test_regions_near_the_largest_float():
    """Centres and scales are formed without overflow (halves first, powers of two)."""
    huge = 1.7e308
    cross = [(np.eye(2), np.array([0.0, 1e307]))]
    assert count_linear_regions(cross, ((-huge, huge), (-huge, huge))) == 4
    square = huge * np.array([[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]])
    assert len(cut_polygon(square, [1.0, 0.0], 0.0)) == 2


def test_subnormal_weights_give_the_same_regions():
    """Weights of 5e-324 (the smallest float) draw the same lines as weights of 1: each
    unit's sign at a region's interior point is read from its line scaled to size 1, not
    from products that round to 0 (which gave every region the pattern "all off")."""
    tiny = 5e-324
    assert count_linear_regions([(tiny * np.eye(2), np.zeros(2))], BOX_2D) == 4
    assert (
        count_linear_regions([(np.array([[tiny], [-tiny]]), np.array([0.0, 2 * tiny]))], (-1, 1))
        == 2
    )


@pytest.mark.parametrize("scale", [2.0**-1073, 1e150])
def test_nets_of_tiny_or_huge_weights_keep_their_regions(scale):
    """Scaling every pre-activation by s > 0 keeps every region (relu(s z) = s relu(z)).
    2^-1073: the check's forward pass rounded hidden values to the few bits a subnormal has
    (an ArithmeticError); 1e150 in three layers: pre-activations of 1e450 overflowed."""
    W1, b1 = np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([0.0, 0.0])
    W2, b2 = np.array([[-1.0, -1.0], [-1.0, -1.0]]), np.array([0.5, 1.0])
    W3, b3 = np.array([[1.0, -3.0], [-2.0, 1.0]]), np.array([1.0, -1.0])
    plain = [(W1, b1), (W2, b2), (W3, b3)]
    if scale < 1:  # the first layer's outputs are tiny; the rest scale the biases alike
        scaled = [(scale * W1, scale * b1), (W2, scale * b2), (W3, scale * b3)]
    else:  # every layer multiplies by the scale: z_3 is scale^3 z_3
        scaled = [(scale * W1, scale * b1), (scale * W2, scale**2 * b2), (scale * W3, 0 * b3)]
        plain[2] = (W3, 0 * b3)
    assert count_linear_regions(scaled, BOX_2D) == count_linear_regions(plain, BOX_2D)
    assert len(patterns_by_lp(plain, BOX_2D)) == count_linear_regions(plain, BOX_2D)


@pytest.mark.parametrize(
    "weight, size", [(1e-300, 1e-300), (1e300, 1e300), (1e-300, 1e300), (1e300, 1e-300)]
)
def test_weights_and_box_of_any_magnitudes(weight, size):
    """The first layer in box coordinates was formed as W * half: 1e-600 rounded to 0 (every
    line gone, 1 region, silently) and 1e600 overflowed. Two lines through the box's centre."""
    W, b = weight * np.array([[1.0, 1.0], [1.0, -1.0]]), np.zeros(2)
    box = ((-size, size), (-size, size))
    assert count_linear_regions([(W, b)], box) == 4
    assert count_linear_regions([(W[:1, :1], b[:1])], box[0]) == 2


DEGENERATE = {  # name: (W, b) on [-1, 1]^2, the exact count by hand
    "a zero row (constant units)": ([[0.0, 0.0], [0.0, 0.0], [1.0, 0.0]], [1.0, -1.0, 0.0], 2),
    "parallel lines, one doubled": ([[1.0, 0.0], [2.0, 0.0], [1.0, 0.0]], [0.0, -1.0, -0.5], 3),
    "four lines through one point": ([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, -1.0]], [0.0] * 4, 8),
    "a line through a corner only": ([[1.0, 1.0], [1.0, 0.0]], [-2.0, 0.0], 2),
    "a line along an edge": ([[0.0, 1.0], [1.0, -1.0]], [-1.0, 0.0], 2),
    "three lines through a corner": ([[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]], [-1.0, -1.0, 0.0], 2),
}  # fmt: skip


@pytest.mark.parametrize("name", DEGENERATE)
@pytest.mark.parametrize("factor, offset", [(1.0, 0.0), (1e-9, 3e-9), (1e9, -7e9), (2.0**-30, 1e3)])
def test_degenerate_units_at_any_scale(name, factor, offset):
    """Hand counts; the same net read in coordinates x = offset + factor * u (box alike)."""
    W, b, count = DEGENERATE[name]
    W, b = np.array(W), np.array(b)
    shift = np.array([offset, -offset])
    moved_W = W / factor
    box = tuple((s - factor, s + factor) for s in shift)
    assert count_linear_regions([(moved_W, b - moved_W @ shift)], box) == count
