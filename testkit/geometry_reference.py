"""Independent references for the geometry tests: written here, not in nbs_utils.

- :func:`shoelace_area`, :func:`relu_patterns`: a polygon's area, a net's on/off units.
- :func:`check_certificate`: what a :class:`~nbs_utils.geometry.Separability` claims,
  checked from the data alone.
- :func:`hull_distance_2d`: the distance between two disjoint convex hulls in the plane
  by brute force over vertex-to-segment distances (one of the two nearest points is a
  vertex, the other on an edge; segments between any two points lie in the hull).
- :func:`hull_distance_brute`: the same distance in any dimension, by least squares on
  every pair of faces (tiny sets only).
- :func:`separable_by_lp`: the textbook feasibility LP ``s_i (w . x_i + b) >= 1``.
- :func:`patterns_by_lp`: the activation patterns of a small (leaky) ReLU net with a region of
  nonempty interior, by enumerating every pattern and solving one LP (the largest disk
  inside the region it defines) for each.
"""

import itertools

import numpy as np
import pytest
from scipy.optimize import linprog

from nbs_utils.geometry import HullWitness


def shoelace_area(poly):
    """Area of a simple polygon ``(m, 2)``: ``|sum x_i y_{i+1} - y_i x_{i+1}| / 2``."""
    x, y = poly[:, 0], poly[:, 1]
    return 0.5 * abs(x @ np.roll(y, -1) - y @ np.roll(x, -1))


def relu_patterns(layers, points):
    """On/off pattern of every unit of a ReLU net at each point: bool ``(n, total units)``.

    A unit is on where its pre-activation ``W h + b`` is > 0 (layer by layer, ``h = relu``).
    """
    H, on = np.asarray(points, float), []
    for W, b in layers:
        Z = H @ W.T + b
        on.append(Z > 0)
        H = np.maximum(Z, 0.0)
    return np.concatenate(on, axis=1)


def check_certificate(X, y, r):
    """The witness is two convex combinations of the data, as the result says."""
    X, y = np.asarray(X, float), np.asarray(y)
    wit = r.witness
    assert isinstance(wit, HullWitness)
    for index, weight, point, label in [
        (wit.index1, wit.weight1, wit.point1, 1),
        (wit.index0, wit.weight0, wit.point0, 0),
    ]:
        assert np.all(y[index] == label) and np.all(weight >= 0)
        assert weight.sum() == pytest.approx(1.0, abs=1e-12)
        assert np.allclose(weight @ X[index], point, rtol=1e-12, atol=0)
    extent = np.ptp(X, axis=0).max() or 1.0
    gap = np.linalg.norm((wit.point1 - wit.point0) / extent) * extent  # no underflow at 1e-300
    if r.separable:  # the nearest hull points are 2 * margin apart, the hyperplane separates
        s = 2 * y - 1
        assert np.all(s * (X @ r.w + r.b) > 0)
        assert np.linalg.norm(r.w) == pytest.approx(1.0, abs=1e-12)
        assert np.min(s * (X @ r.w + r.b)) == pytest.approx(r.margin, rel=1e-9, abs=1e-12 * extent)
        assert gap == pytest.approx(2 * r.margin, rel=1e-6, abs=1e-13 * extent)
    else:  # the hulls meet: the two points coincide up to rounding (a Farkas certificate)
        assert r.margin == 0.0 and r.w is None and r.b is None
        assert gap <= 2.0**-42 * extent + 8 * np.finfo(float).eps * np.abs(X).max()


def _point_segment(p, a, b):
    ab = b - a
    t = np.clip((p - a) @ ab / (ab @ ab), 0.0, 1.0) if ab @ ab > 0 else 0.0
    return np.linalg.norm(p - (a + t * ab))


def hull_distance_2d(P, Q):
    """Distance between conv(P) and conv(Q) in 2-D, assuming they are disjoint."""
    best = np.inf
    for A, B in [(P, Q), (Q, P)]:
        for p in A:
            for i, j in itertools.combinations_with_replacement(range(len(B)), 2):
                best = min(best, _point_segment(p, B[i], B[j]))
    return best


def separable_by_lp(X, y):
    s = 2.0 * np.asarray(y) - 1.0
    A = -s[:, None] * np.c_[X, np.ones(len(X))]
    lp = linprog(np.zeros(X.shape[1] + 1), A_ub=A, b_ub=-np.ones(len(X)), bounds=(None, None))
    return lp.status == 0


def patterns_by_lp(layers, box, min_radius=1e-7, negative_slopes=0.0):
    """Every on/off pattern whose region (inside ``box``) holds a ball of ``min_radius``.

    ``box``: ``(lo, hi)`` for 1-D input or ``((x0, x1), (y0, y1))`` for 2-D input;
    ``negative_slopes``: one ``alpha`` per layer (leaky ReLU ``z if z > 0 else alpha z``;
    0 is ReLU), or one for all. Given a pattern, every unit's slope is fixed, so each
    pre-activation is affine in the input and the region is an LP's feasible set.
    """
    slopes = np.broadcast_to(np.asarray(negative_slopes, float), (len(layers),))
    bounds = np.array(box, float).reshape(-1, 2)
    dim = len(bounds)
    sizes = [len(b) for _, b in layers]
    found = set()
    for bits in itertools.product([False, True], repeat=sum(sizes)):
        bits = np.array(bits)
        A, c, rows, k, possible = np.eye(dim), np.zeros(dim), [], 0, True
        for (W, b), n, alpha in zip(layers, sizes, slopes):
            Z_A, Z_c = W @ A, W @ c + b
            on = bits[k : k + n]
            k += n
            for a, d, o in zip(Z_A, Z_c, on):
                norm = np.linalg.norm(a)
                if norm == 0:  # a constant unit: on iff its value is > 0
                    possible &= bool(d > 0) == bool(o)
                elif o:  # a . x + d >= r |a|
                    rows.append((np.r_[-a, norm], d))
                else:  # a . x + d <= -r |a|
                    rows.append((np.r_[a, norm], -d))
            gain = np.where(on, 1.0, alpha)
            A, c = Z_A * gain[:, None], Z_c * gain
        if not possible:
            continue
        for axis, (lo, hi) in enumerate(bounds):  # lo + r <= x_axis <= hi - r
            e = np.eye(dim)[axis]
            rows += [(np.r_[-e, 1.0], -lo), (np.r_[e, 1.0], hi)]
        A_ub = np.array([r for r, _ in rows], float)
        b_ub = np.array([v for _, v in rows], float)
        cost = np.r_[np.zeros(dim), -1.0]
        lp = linprog(cost, A_ub=A_ub, b_ub=b_ub, bounds=[(None, None)] * dim + [(0, None)])
        if lp.status == 0 and lp.x[-1] > min_radius:
            found.add(bytes(np.packbits(bits)))
    return found


def _subsets(points):
    points = np.unique(points, axis=0)
    for k in range(1, len(points) + 1):
        for idx in itertools.combinations(range(len(points)), k):
            yield points[list(idx)]


def hull_distance_brute(P, Q):
    """Distance between conv(P) and conv(Q) in any dimension, by brute force (tiny sets).

    The nearest points lie in a face of each hull: for every pair of subsets ``S`` of P and
    ``T`` of Q, find the nearest points of their affine hulls by least squares; where both
    have barycentric weights >= 0 they are hull points, and the least such distance is the
    answer (the subsets of the true nearest faces are among those tried).
    """
    best = np.inf
    for S in _subsets(P):
        for T in _subsets(Q):
            U, V = (S[1:] - S[0]).T, (T[1:] - T[0]).T
            M = np.c_[U, -V]
            coef = np.linalg.lstsq(M, T[0] - S[0], rcond=None)[0] if M.size else np.zeros(0)
            alpha, beta = coef[: U.shape[1]], coef[U.shape[1] :]
            weights = np.r_[1 - alpha.sum(), alpha, 1 - beta.sum(), beta]
            if np.all(weights >= -1e-12):
                best = min(best, float(np.linalg.norm(S[0] + U @ alpha - T[0] - V @ beta)))
    return best
