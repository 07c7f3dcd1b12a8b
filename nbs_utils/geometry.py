"""Exact geometry of decision problems: linear separability with its max margin.

Also the exact activation regions of ReLU nets (``count_linear_regions``).

What "exact" means here. Every answer is computed in coordinates where the data (or the
box) are centred and scaled to ``[-1, 1]`` (a translation and a power-of-two scaling), so
translating everything by any offset or scaling it by any factor gives the same answer,
and margins scale with the data, as long as float64 can represent the points distinctly.
Every answer is checked in float before it is returned: a separating hyperplane on the
(centred) data, "not separable" by a point common to both classes' convex hulls, the max margin
by matching lower and upper bounds, each region by an interior point. The one resolution
limit is float64 itself: two hulls closer than ``2^-43 ~ 1.1e-13`` times the data's extent,
or regions thinner than about ``1e-12`` of the box, are below what float64 can certify.
"""

from dataclasses import dataclass
from math import comb, prod

import numpy as np
from scipy.optimize import linprog, nnls

from ._validate import as_box, as_count, as_float_array, as_labels, as_layers, as_number, as_points

_TOUCH = 2.0**-43  # hulls closer than this (relative to the data's extent) touch
_REL_GAP = 1e-9  # the max margin's lower and upper bounds agree to this (relative)
_EPS = np.finfo(float).eps


@dataclass(frozen=True)
class HullWitness:
    """A point of each class's convex hull, as a convex combination of data points.

    ``point1 = weight1 @ X[index1]`` lies in the hull of class 1 and ``point0 =
    weight0 @ X[index0]`` in the hull of class 0 (weights >= 0, each summing to 1). For
    separable data they are the two nearest points of the hulls, ``|point1 - point0| =
    2 * margin``; otherwise the hulls meet: ``|point1 - point0|`` is at most ``2^-43``
    times the data's extent (zero up to rounding).
    """

    index1: np.ndarray
    weight1: np.ndarray
    index0: np.ndarray
    weight0: np.ndarray
    point1: np.ndarray
    point0: np.ndarray


@dataclass(frozen=True)
class Separability:
    """Result of :func:`linearly_separable`.

    ``separable``: is there a hyperplane with all class-1 points strictly on one side and
    all class-0 points strictly on the other? ``w``, ``b``: the max-margin hyperplane
    ``w . x + b = 0`` with ``|w| = 1`` and class 1 on the positive side (``None`` if not
    separable). ``margin``: the L2 distance from it to the nearest point (0.0 if not).
    ``witness``: the certificate, a :class:`HullWitness` (nearest hull points, or a point
    the hulls share).
    """

    separable: bool
    margin: float
    w: np.ndarray | None
    b: float | None
    witness: HullWitness | None = None

    def __bool__(self):
        return self.separable


def linearly_separable(X, y):
    """Decide exactly whether the labelled points ``X`` (n, d), ``y`` in {0, 1} are separable.

    Let ``P`` be the class-1 points and ``Q`` the class-0 points. They are strictly
    separable iff their convex hulls are disjoint, and then the max margin is half the
    distance between the hulls,
    ``delta = min |p - q|`` over ``p`` in conv(P), ``q`` in conv(Q)
    (the hard-margin SVM, dual form). Method, on data centred and scaled to ``[-1, 1]``:

    1. The nearest points: ``delta`` is the norm of the point of the polytope
       ``conv(P) - conv(Q)`` nearest 0, a convex QP over the differences ``p_i - q_j``.
       It is solved exactly on a small working set of pairs by non-negative least squares
       (``min |D^T u|^2 + (sum u - 1)^2`` over ``u >= 0``, an active-set method that ends
       in finitely many steps), adding the pair ``(argmin_i u . p_i, argmax_j u . q_j)``
       while it improves the current point ``z`` (Wolfe's nearest-point method), starting
       from the pair extreme along the difference of the class means.
    2. If that does not certify its answer within ``20 + 10 d`` rounds, an LP,
       ``max t`` subject to ``s_i (w . x_i + b) >= t`` and ``|w_k| <= 1``
       (``s_i = 2 y_i - 1``), gives a separating direction or, through its dual, the few
       points where the hulls meet, and the search starts again from those pairs.
    3. Certificate, checked in float: ``|z|`` is an upper bound on ``delta`` (``z`` is a
       difference of hull points) and ``min_i u . p_i - max_j u . q_j`` for a unit
       direction ``u`` (``z / |z|``, or the normal of the working pairs when that is more
       accurate) is a lower bound. The result is returned only when they agree to
       ``1e-9`` relative (or to rounding, ``~1e-14`` of the extent, for gaps that small);
       the margin is half the lower bound, achieved by the returned hyperplane, which is
       checked to separate the data, shifted by a multiple of the power-of-two scale (a
       shift without rounding when the coordinates share a magnitude, e.g. far from the
       origin). The returned ``b`` is that hyperplane's offset rounded to float64: with a
       gap of a few units in the last place of the coordinates no float ``b`` separates
       exactly, though the data are separable. "Not separable" is returned only with
       ``|z| <= 2^-43`` of the extent: then ``result.witness`` holds a point of each
       hull, equal up to rounding (a Farkas certificate: the hulls meet).
    """
    X = as_points(X)
    y = as_labels(y, len(X))
    if y.min() == y.max():
        raise ValueError("y must contain both classes 0 and 1")
    middle = X.max(axis=0) / 2 + X.min(axis=0) / 2  # halves first: no overflow near 1e308
    scale = _power_of_two_above(np.max(np.abs(X - middle)))
    centre = np.round(middle / scale) * scale  # a multiple of scale: X - centre is exact
    Xn = (X - centre) / scale  # in [-1.5, 1.5]^d; when coordinates share a magnitude
    # (e.g. data far from the origin) no rounding at all, so Xn is the data itself
    ones = y == 1
    P, Q = Xn[ones], Xn[~ones]
    found = _nearest_points(
        P, Q, [_extreme_pair(P, Q, P.mean(axis=0) - Q.mean(axis=0))], quick=True
    )
    if found is None:  # not certified within a few rounds: start again from the LP's pairs
        found = _nearest_points(P, Q, _lp_seed_pairs(Xn, 2.0 * y - 1.0, P, Q))
    pairs, weights, z = found
    index1, index0 = np.flatnonzero(ones), np.flatnonzero(~ones)
    witness = _witness(X, index1[pairs[:, 0]], index0[pairs[:, 1]], weights)
    upper = float(np.linalg.norm(z))
    if upper <= _TOUCH:
        return Separability(False, 0.0, None, None, witness)
    u = _best_direction(P, Q, z / upper, P[pairs[:, 0]] - Q[pairs[:, 1]])
    lo1, hi0 = float(np.min(P @ u)), float(np.max(Q @ u))
    offset = -(lo1 + hi0) / 2  # u . xn + offset = 0 halfway between the classes
    if not np.all((2.0 * y - 1.0) * (Xn @ u + offset) > 0):
        raise ArithmeticError("the max-margin hyperplane does not separate; please report")
    b = float(scale * offset - u @ centre)  # the same hyperplane in the data's coordinates
    return Separability(True, float(scale * ((lo1 - hi0) / 2)), u, b, witness)  # no overflow


def _power_of_two_above(x):
    """A power of two in ``[x, 2 x)`` (1.0 for ``x == 0``): scaling by it is exact.

    Capped at ``2^1023`` (the largest float power of two), so at most ``2 x`` as well.
    """
    if x == 0:
        return 1.0
    mantissa, exponent = np.frexp(x)  # x = mantissa 2^exponent, mantissa in [0.5, 1)
    return float(np.ldexp(1.0, min(exponent - (mantissa == 0.5), 1023)))


def _extreme_pair(P, Q, v):
    """``(argmin_i v . p_i, argmax_j v . q_j)``: the pair that best closes the gap along ``v``."""
    return int(np.argmin(P @ v)), int(np.argmax(Q @ v))


def _lp_seed_pairs(Xn, s, P, Q):
    """Pairs (i in P, j in Q) to start the nearest-point search from, found by one LP.

    ``max t`` s.t. ``s_i (w . x_i + b) >= t``, ``|w_k| <= 1``, ``t <= 1``: if ``t > 0``,
    ``w`` separates and the pair of extreme points along ``w`` seeds the search; if not,
    the points with nonzero dual weight are where the hulls meet, and all their pairs do.
    """
    n, d = Xn.shape
    A = np.c_[-s[:, None] * np.c_[Xn, np.ones(n)], np.ones(n)]  # -s_i (w . x_i + b) + t <= 0
    c = np.r_[np.zeros(d + 1), -1.0]
    bounds = [(-1.0, 1.0)] * d + [(-2.0 * d - 2.0, 2.0 * d + 2.0), (None, 1.0)]
    lp = linprog(c, A_ub=A, b_ub=np.zeros(n), bounds=bounds, method="highs")
    if lp.status == 0 and lp.x[-1] > 0:
        return [_extreme_pair(P, Q, lp.x[:d])]
    dual = -lp.ineqlin.marginals if lp.status == 0 else np.ones(n)
    support = dual > 1e-9 * max(dual.max(), 1e-300)
    ones = s > 0
    i_idx = np.flatnonzero(support[ones])  # positions within P
    j_idx = np.flatnonzero(support[~ones])  # positions within Q
    if len(i_idx) == 0 or len(j_idx) == 0:
        return [(0, 0)]
    return [(int(i), int(j)) for i in i_idx[: d + 2] for j in j_idx[: d + 2]]


def _nearest_points(P, Q, seeds, quick=False):
    """The point ``z`` of ``conv(P) - conv(Q)`` nearest 0: ``(pairs, weights, z)``.

    ``z = sum_k weights_k (P[i_k] - Q[j_k])`` over ``pairs = [(i_k, j_k)]``. Working-set
    method (Wolfe's): solve exactly on the current pairs (NNLS), drop pairs of weight 0,
    add the pair that most improves ``z``; stop when no pair improves it (the lower bound
    of :func:`linearly_separable` meets ``|z|``) or ``z`` is 0 up to rounding. Each added
    pair strictly decreases ``|z|``, so it ends after finitely many rounds. With
    ``quick``, give up (return ``None``) after ``20 + 10 d`` rounds or on a stall.
    """
    d = P.shape[1]
    pairs = list(dict.fromkeys(seeds))
    max_rounds = 20 + 10 * d if quick else 50 * (d + 1) + 2 * (len(P) + len(Q))
    best = np.inf
    target = np.r_[np.zeros(d), 1.0]
    for _ in range(max_rounds):
        idx = np.array(pairs)
        D = P[idx[:, 0]] - Q[idx[:, 1]]  # differences, each computed from the points
        u, _ = nnls(np.r_[D.T, np.ones((1, len(idx)))], target)
        keep = u > 0
        if not np.any(keep):
            keep, u = np.ones(len(idx), bool), np.ones(len(idx))
        idx, D, weights = idx[keep], D[keep], u[keep] / u[keep].sum()
        z = weights @ D
        norm = float(np.linalg.norm(z))
        if norm <= _TOUCH:
            return idx, weights, z
        u = _best_direction(P, Q, z / norm, D)
        i, j = _extreme_pair(P, Q, u)
        lower = float(P[i] @ u - Q[j] @ u)
        rounding = 16 * _EPS * (1.0 + float(np.abs(D).max()))
        if norm - lower <= _REL_GAP * norm + rounding:
            return idx, weights, z
        if norm >= best * (1.0 - 4 * _EPS) or (i, j) in {tuple(p) for p in idx}:
            break  # no progress in float
        best = norm
        pairs = [tuple(p) for p in idx] + [(i, j)]
    if quick:
        return None
    raise ArithmeticError(
        f"the nearest-point search did not certify its answer (|z| = {norm:.3g}, lower "
        f"bound {lower:.3g}); please report the data"
    )


def _best_direction(P, Q, u, D):
    """Of ``u`` and the normal of the affine hull of the working differences ``D``, the unit
    direction with the larger gap ``min P u - max Q u`` (both are lower bounds on delta).

    Near a tiny gap ``z`` is a small combination of long vectors and its direction has
    absolute error ~eps |D| / |z|; when the differences span a hyperplane, its normal comes
    from the long edges ``D_k - D_0`` and is accurate to eps.
    """
    d = P.shape[1]
    if len(D) < d or d == 1:
        return u
    edges = D[1:] - D[0]
    _, sv, Vt = np.linalg.svd(edges, full_matrices=True)
    if len(sv) < d - 1 or sv[d - 2] <= 1e-8 * sv[0] or (len(sv) == d and sv[-1] > 1e-8 * sv[0]):
        return u  # the differences do not span exactly a hyperplane
    normal = Vt[-1] if Vt[-1] @ u >= 0 else -Vt[-1]
    gap_normal = np.min(P @ normal) - np.max(Q @ normal)
    return normal if gap_normal > np.min(P @ u) - np.max(Q @ u) else u


def _witness(X, index1, index0, weights):
    """The hull points ``sum w_k X[index1_k]`` and ``sum w_k X[index0_k]``, weights merged."""
    i1, inv1 = np.unique(index1, return_inverse=True)
    i0, inv0 = np.unique(index0, return_inverse=True)
    w1, w0 = np.zeros(len(i1)), np.zeros(len(i0))
    np.add.at(w1, inv1, weights)
    np.add.at(w0, inv0, weights)
    return HullWitness(i1, w1, i0, w0, w1 @ X[i1], w0 @ X[i0])


# ---------------------------------------------------------------------------------------
# Activation regions of ReLU nets, counted exactly (no grid sampling).

_REL_TOL = 1e-12  # |a . x + d| below this fraction of |a|_1 + |d| (for |x| <= 1) counts as 0


def count_linear_regions(layers, box, negative_slopes=0.0):
    """The exact number of activation regions of a ReLU (or leaky-ReLU) net inside ``box``.

    ``layers`` is a list of ``(W, b)`` hidden layers, each followed by ReLU; ``box`` is
    ``(lo, hi)`` for 1-D input or ``((x0, x1), (y0, y1))`` for 2-D input. An activation
    region is the set of inputs with one on/off pattern of all units; only regions with
    nonempty interior count. ``negative_slopes``: the slope ``alpha`` of each layer's
    activation below 0 (one number for all layers, or one per layer): 0 is ReLU,
    ``alpha`` is leaky ReLU ``z if z > 0 else alpha z``, with the same breakpoints.
    See :func:`linear_regions` for the method and what "exact" means.
    """
    return len(linear_regions(layers, box, negative_slopes))


def _as_slopes(negative_slopes, n_layers):
    """One finite negative-side slope per layer, from one number or a sequence of them."""
    if np.ndim(negative_slopes) == 0:
        negative_slopes = [negative_slopes] * n_layers
    slopes = [as_number(a, "negative slope") for a in negative_slopes]
    if len(slopes) != n_layers:
        raise ValueError(
            f"negative_slopes needs one slope per layer ({n_layers}), got {len(slopes)}"
        )
    return slopes


def linear_regions(layers, box, negative_slopes=0.0):
    """The activation regions of a ReLU net in ``box``: a list of ``(piece, pattern)``.

    ``piece`` is an interval ``array([lo, hi])`` (1-D input) or the vertices ``(m, 2)`` of
    a convex polygon in counter-clockwise order (2-D input); ``pattern`` is the boolean
    on/off vector of all units, layer after layer.

    Method (exact refinement, layer by layer): on a region where the earlier units'
    pattern is fixed, the net so far is one affine map ``x -> A x + c`` (inactive units
    give zero rows), so each unit of the next layer has an *affine* pre-activation
    ``z(x) = a . x + d`` there and its zero set is a point (1-D) or a line (2-D). Cutting
    every region by every such zero set, keeping the pieces with nonempty interior, gives
    the regions of the next layer. In 1-D this is breakpoint tracking; in 2-D it is exact
    convex-polygon clipping. A leaky-ReLU layer (``negative_slopes``) has the same zero
    sets; only its off units pass ``alpha z`` instead of 0 on, so the affine map carried to
    the next layer has rows scaled by ``alpha`` instead of zeroed. Two distinct leaves differ in the sign of the unit that
    separated them, so their patterns differ, and each pattern's region is convex.

    Exact at every scale: the work is done in box coordinates ``x = centre + half * u``
    with ``u`` in ``[-1, 1]^d``, so translating or scaling the net's input and the box
    together gives the same count; each layer is rescaled by a power of two (exactly, and
    keeping every sign) to entries below 1, so weights of any magnitude neither overflow
    nor round to 0. Each cut line is scaled to largest coefficient 1 and
    a piece is cut only if some vertex lies strictly on each side, ``|z| > 1e-12
    (|a|_1 + |d|)`` in box coordinates (rounding, not geometry: regions of any size above
    float64's resolution count, with no area threshold).
    Checked before returning: a forward pass of the net at each region's interior point
    (its vertex mean) gives the region's pattern, and no two regions share a pattern.
    """
    layers = as_layers(layers)
    slopes = _as_slopes(negative_slopes, len(layers))
    lo, hi, dim = as_box(box)
    n_in = layers[0][0].shape[1]
    if n_in != dim:
        raise ValueError(
            f"the first layer takes {n_in}-D input but box is {dim}-D; "
            "box must be (lo, hi) for 1-D input or ((x0, x1), (y0, y1)) for 2-D input"
        )
    centre, half = lo / 2 + hi / 2, hi / 2 - lo / 2  # halves first: no overflow near 1e308
    (W0, b0), *rest = layers
    A0, c0, shift = _in_box_coordinates(W0, b0, centre, half)
    local = [(A0, c0), *_powers_of_two_to_unit(rest, shift)]  # the net in box coordinates u
    if dim == 1:
        start, cut = np.array([-1.0, 1.0]), _cut_interval
    else:
        start = np.array([[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]])
        cut = _cut_polygon_by_all
    # each region: (piece in box coordinates, A, c, pattern), the net so far A u + c on it
    regions = [(start, np.eye(dim), np.zeros(dim), np.zeros(0, bool))]
    for (W, b), alpha in zip(local, slopes):
        next_regions = []
        for piece, A, c, pattern in regions:
            Z_A, Z_c = W @ A, W @ c + b  # pre-activations z_j(u) = Z_A[j] . u + Z_c[j]
            unit_A, unit_c = _unit_rows(Z_A, Z_c)  # the same signs, no underflow
            for p in cut(piece, Z_A, Z_c):
                on = unit_A @ _interior_point(p) + unit_c > 0
                gain = np.where(on, 1.0, alpha)  # the unit's slope on this piece
                next_regions.append(
                    (p, Z_A * gain[:, None], Z_c * gain, np.concatenate((pattern, on)))
                )
        regions = next_regions
    patterns = [pattern for *_, pattern in regions]
    _check_patterns(local, slopes, [piece for piece, *_ in regions], patterns)
    return [
        (centre + half * piece.reshape(-1, dim), p) for (piece, *_), p in zip(regions, patterns)
    ]


def _in_box_coordinates(W, b, centre, half):
    """``(A, c, -E)`` with ``A u + c = 2^-E (W (centre + half u) + b)``: the first layer read
    in box coordinates ``u``, scaled by a power of two ``2^-E`` so that its entries are below
    1 (huge weights on a huge box do not overflow, tiny ones on a tiny box do not round to
    0). Each factor is split into a power of two and a mantissa in ``[1/2, 1)``, exactly."""

    def split(x):  # x = mantissa * 2^exponent with |mantissa| < 1 (exponent None for x = 0)
        e = int(np.frexp(np.abs(x).max())[1]) if np.any(x) else None
        return (np.ldexp(x, -e), e) if e is not None else (x, None)

    (Wm, eW), (hm, eh), (cm, ec), (bm, eb) = map(split, (W, half, centre, b))
    if eW is None:  # a layer of constant units
        return np.zeros_like(W), bm, -(eb or 0)
    E = max(e for e in (eW + eh, eW + ec + 1 if ec is not None else None, eb) if e is not None)
    c = np.ldexp(bm, eb - E) if eb is not None else np.zeros_like(b)
    if ec is not None:  # |Wm @ cm| < 2 in the plane: 2^(eW + ec - E) <= 1/2 keeps it below 1
        c = c + np.ldexp(Wm @ cm, eW + ec - E)
    return np.ldexp(Wm * hm, eW + eh - E), c, -E


def _powers_of_two_to_unit(layers, shift=0):
    """The same regions from layers rescaled exactly (by powers of two) to entries of size < 1.

    Layer ``l``'s ``(W, b)`` becomes ``(2^(a_l - a_{l-1}) W, 2^a_l b)``: its pre-activations
    are ``2^a_l z_l``, the same signs, and (ReLU and leaky ReLU being positively
    homogeneous) the next layer sees ``2^a_l h_l``. ``a_l`` makes the largest entry lie in
    ``[1/2, 1)``, so a deep net of huge weights does not overflow and one of tiny weights
    does not round to 0 (an entry below ``2^-1074`` of its layer's largest does).
    ``shift``: ``a_0``, the power of two the layers' input is already scaled by.
    """
    out = []  # the hidden values so far are 2^shift times the net's
    for W, b in layers:
        exponents = [shift - np.frexp(np.abs(W).max())[1]] if W.any() else []
        exponents += [-np.frexp(np.abs(b).max())[1]] if b.any() else []
        new = int(min(exponents)) if exponents else shift
        out.append((np.ldexp(W, new - shift), np.ldexp(b, new)))
        shift = new
    return out


def _check_patterns(layers, slopes, pieces, patterns):
    """A forward pass at each piece's interior point gives its pattern; all are distinct."""
    H = np.array([_interior_point(piece).ravel() for piece in pieces])
    Z = []
    for (W, b), alpha in zip(layers, slopes):
        Z.append(H @ W.T + b)
        H = np.where(Z[-1] > 0, Z[-1], alpha * Z[-1])
    Z, patterns = np.concatenate(Z, axis=1), np.array(patterns)
    decided = np.abs(Z) > 1e-9 * np.abs(Z).max(axis=1, keepdims=True)  # not ~0 there
    if np.any(decided & ((Z > 0) != patterns)):
        raise ArithmeticError("a region's interior point has another pattern; please report")
    if len({bytes(np.packbits(p)) for p in patterns}) != len(patterns):
        raise ArithmeticError("two regions share a pattern; please report")


def cut_polygon(polygon, a, d):
    """The pieces of the convex polygon ``polygon`` on either side of ``a . x + d = 0``.

    ``polygon``: vertices ``(m, 2)`` in order, ``m >= 3``. Returns one piece (the polygon
    itself) if the line misses its interior, else two convex polygons, one where
    ``a . x + d >= 0`` and one where it is ``<= 0`` (which is which: evaluate the line at
    a piece's vertex mean, an interior point). Exact up to rounding at every scale, as in
    :func:`linear_regions`: the cut is done in the polygon's own centred, scaled
    coordinates, and pieces of any size above float64's resolution are kept.
    """
    poly = as_points(polygon, "polygon")
    a = as_float_array(a, "a").ravel()
    d = as_number(d, "d")
    if poly.shape[0] < 3 or poly.shape[1] != 2 or a.shape != (2,):
        raise ValueError(
            f"polygon must be (m, 2) vertices with m >= 3 and a two numbers, got "
            f"polygon {poly.shape} and a {a.shape}"
        )
    centre = poly.max(axis=0) / 2 + poly.min(axis=0) / 2
    half = float(np.max(poly.max(axis=0) / 2 - poly.min(axis=0) / 2)) or 1.0
    local_a, local_d = _unit_line(a * half, float(a @ centre + d))  # a . (centre + half u) + d
    if local_a is None:
        return [poly]
    pieces = _split_polygon(
        (poly - centre) / half, local_a, local_d, _zero_tolerance(local_a, local_d)
    )
    if len(pieces) == 1:
        return [poly]
    return [centre + half * piece for piece in pieces]


def _zero_tolerance(a, d):
    """How close to 0 ``a . u + d`` counts as 0 for ``|u| <= 1`` (rounding, not geometry)."""
    return _REL_TOL * (np.abs(a).sum() + abs(d))


def _interior_point(piece):
    """A point strictly inside an interval or convex polygon (the vertex mean)."""
    if piece.ndim == 1:
        return np.array([0.5 * (piece[0] + piece[1])])
    return piece.sum(axis=0) / len(piece)


def _cut_interval(piece, Z_A, Z_c):
    """Cut the interval ``piece`` at every zero of ``z_j(u) = a_j u + d_j`` strictly inside.

    A zero counts if ``z_j`` has strictly opposite signs (beyond its tolerance) at the two
    ends, and is merged with the previous cut when ``z_j`` is within tolerance of 0 there.
    """
    lo, hi = piece
    size = np.maximum(np.abs(Z_A[:, 0]), np.abs(Z_c))  # scale each unit to at most 1
    live = size > 0
    a, d = Z_A[live, 0] / size[live], Z_c[live] / size[live]
    tol = _REL_TOL * (np.abs(a) + np.abs(d))
    z_lo, z_hi = a * lo + d, a * hi + d
    crossing = ((z_lo > tol) & (z_hi < -tol)) | ((z_lo < -tol) & (z_hi > tol))
    if not np.any(crossing):
        return [piece]
    a, d, tol = a[crossing], d[crossing], tol[crossing]
    x = np.clip(-d / a, lo, hi)
    order = np.argsort(x)
    ends = [lo]
    for k in order:
        if abs(a[k]) * (x[k] - ends[-1]) > tol[k] and x[k] < hi:
            ends.append(float(x[k]))
    ends.append(hi)
    return [np.array(pair) for pair in zip(ends[:-1], ends[1:])]


def _cut_polygon_by_all(piece, Z_A, Z_c):
    """Cut the convex polygon ``piece`` by every line ``Z_A[j] . u + Z_c[j] = 0``."""
    pieces = [piece]
    for a, d in zip(Z_A, Z_c):
        a, d = _unit_line(a, d)
        if a is not None:
            pieces = [q for p in pieces for q in _split_polygon(p, a, d, _zero_tolerance(a, d))]
    return pieces


def _unit_rows(Z_A, Z_c):
    """Each unit's ``(a, d)`` scaled to largest entry 1 in size (zero rows stay zero): the
    sign of ``a . u + d`` at a point, without tiny weights' products rounding to 0."""
    size = np.maximum(np.abs(Z_A).max(axis=1), np.abs(Z_c))
    size = np.where(size > 0, size, 1.0)
    return Z_A / size[:, None], Z_c / size


def _unit_line(a, d):
    """``(a, d)`` scaled so that its largest entry is 1 in size (the same line and sides,
    no overflow in the cut); ``(None, None)`` for ``a = 0, d = 0``."""
    size = max(float(np.max(np.abs(a))), abs(d))
    return (a / size, d / size) if size > 0 else (None, None)


def _split_polygon(poly, a, d, tol):
    """Cut the convex polygon ``poly`` by the line ``a . u + d = 0``; pieces with interior."""
    z = poly @ a + d
    if not np.any(z > tol) or not np.any(z < -tol):
        return [poly]
    sides = ([], [])  # (z >= 0 side, z <= 0 side)
    m = len(poly)
    for i in range(m):
        p, zp = poly[i], z[i]
        q, zq = poly[(i + 1) % m], z[(i + 1) % m]
        if zp >= -tol:
            sides[0].append(p)
        if zp <= tol:
            sides[1].append(p)
        if (zp > tol and zq < -tol) or (zp < -tol and zq > tol):
            cut = p + (zp / (zp - zq)) * (q - p)
            sides[0].append(cut)
            sides[1].append(cut)
    out = [np.array(s) for s in sides if len(s) >= 3]
    return out if len(out) == 2 else [poly]


def region_bounds(n_in, widths):
    """Known bounds on the *maximum* number of regions of a ReLU net, as a dict.

    ``n_in`` inputs, hidden ``widths = [n_1, ..., n_L]``; ``S(n, d) = sum_{j<=d} C(n, j)``.

    - ``"zaslavsky"`` (one layer, exact maximum): ``S(n_1, n_in)``, the number of regions of
      ``n_1`` hyperplanes in general position in ``R^n_in`` (1 + n + C(n, 2) in 2-D).
    - ``"product"`` (upper): ``prod_l S(n_l, n_in)``; each layer cuts every region by at
      most ``n_l`` hyperplanes of an at most ``n_in``-dimensional space.
    - ``"serra"`` (upper, Serra, Tjandraatmadja & Ramalingam 2018, Theorem 1):
      ``sum over (j_1..j_L) of prod_l C(n_l, j_l)`` with
      ``0 <= j_l <= min(n_in, n_1 - j_1, ..., n_{l-1} - j_{l-1}, n_l)``; in 1-D it equals
      ``prod_l (n_l + 1)`` when all widths are at least 2.
    - ``"montufar"`` (lower bound on the maximum, Montufar et al. 2014, needs every
      ``n_l >= n_in``): ``prod_{l<L} floor(n_l / n_in)^n_in * S(n_L, n_in)``; some choice of
      weights reaches at least this many; random weights usually do not.
    """
    n_in = as_count(n_in, "n_in")
    widths = [as_count(n, "width") for n in widths]
    if not widths:
        raise ValueError("widths must list at least one hidden layer")

    def S(n):
        return sum(comb(n, j) for j in range(min(n_in, n) + 1))

    def serra(layer, cap):
        if layer == len(widths):
            return 1
        n = widths[layer]
        return sum(
            comb(n, j) * serra(layer + 1, min(cap, n - j)) for j in range(min(n_in, cap, n) + 1)
        )

    bounds = {"product": prod(S(n) for n in widths), "serra": serra(0, n_in)}
    if len(widths) == 1:
        bounds["zaslavsky"] = S(widths[0])
    if all(n >= n_in for n in widths):
        bounds["montufar"] = prod((n // n_in) ** n_in for n in widths[:-1]) * S(widths[-1])
    return bounds
