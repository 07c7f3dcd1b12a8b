"""Exact geometry of decision problems: linear separability with its max margin.

Also the exact activation regions of ReLU nets (``count_linear_regions``).
"""

from dataclasses import dataclass
from math import comb, prod

import numpy as np
from scipy.optimize import linprog, minimize
from scipy.spatial import ConvexHull, QhullError

from ._validate import as_box, as_count, as_float_array, as_labels, as_layers, as_number, as_points


@dataclass(frozen=True)
class Separability:
    """Result of :func:`linearly_separable`.

    ``separable``: is there a hyperplane with all class-1 points strictly on one side and
    all class-0 points strictly on the other? ``w``, ``b``: the max-margin hyperplane
    ``w . x + b = 0`` with ``|w| = 1`` and class 1 on the positive side (``None`` if not
    separable). ``margin``: the L2 distance from it to the nearest point (0.0 if not).
    """

    separable: bool
    margin: float
    w: np.ndarray | None
    b: float | None

    def __bool__(self):
        return self.separable


def linearly_separable(X, y):
    """Decide exactly whether the labelled points ``X`` (n, d), ``y`` in {0, 1} are separable.

    With ``s_i = 2 y_i - 1`` the points are strictly separable iff the linear program
    ``find (w, b) with s_i (w . x_i + b) >= 1 for all i`` is feasible (scale any strict
    separator up until its smallest value is 1). If so, the max margin hyperplane solves
    the hard-margin SVM ``min |w|^2 subject to the same constraints``, and the margin is
    ``1 / |w|``. Only the vertices of each class's convex hull can be support vectors,
    so the SVM is solved on those.
    """
    X = as_points(X)
    y = as_labels(y, len(X))
    if y.min() == y.max():
        raise ValueError("y must contain both classes 0 and 1")
    s = 2.0 * y - 1.0
    A = -s[:, None] * np.c_[X, np.ones(len(X))]  # -s_i [x_i, 1] . (w, b) <= -1
    lp = linprog(np.zeros(X.shape[1] + 1), A_ub=A, b_ub=-np.ones(len(X)), bounds=(None, None))
    if lp.status != 0 or np.any(A @ lp.x >= 0):
        return Separability(False, 0.0, None, None)

    Xh, sh = _hull_points(X, s)
    A = sh[:, None] * np.c_[Xh, np.ones(len(Xh))]  # A @ (w, b) >= 1
    svm = minimize(
        lambda v: v[:-1] @ v[:-1],
        lp.x,
        jac=lambda v: np.r_[2 * v[:-1], 0.0],
        constraints=[{"type": "ineq", "fun": lambda v: A @ v - 1.0, "jac": lambda v: A}],
        method="SLSQP",
        options={"ftol": 1e-14, "maxiter": 500},
    )
    v = svm.x if svm.success and np.all(A @ svm.x >= 1 - 1e-9) else lp.x
    norm = np.linalg.norm(v[:-1])
    w, b = v[:-1] / norm, v[-1] / norm
    margin = float(np.min(s * (X @ w + b)))
    return Separability(True, margin, w, float(b))


def _hull_points(X, s):
    """The distinct convex-hull vertices of each class (all distinct points if degenerate)."""
    keep_X, keep_s = [], []
    for label in (-1.0, 1.0):
        P = np.unique(X[s == label], axis=0)
        if X.shape[1] >= 2 and len(P) > X.shape[1] + 1:
            try:
                P = P[ConvexHull(P).vertices]
            except QhullError:  # flat point set (e.g. all on a line): keep them all
                pass
        keep_X.append(P)
        keep_s.append(np.full(len(P), label))
    return np.concatenate(keep_X), np.concatenate(keep_s)


# ---------------------------------------------------------------------------------------
# Activation regions of ReLU nets, counted exactly (no grid sampling).

_REL_TOL = 1e-12  # pieces shorter / smaller than this fraction of the box count as empty


def count_linear_regions(layers, box):
    """The exact number of activation regions of a ReLU net inside ``box``.

    ``layers`` is a list of ``(W, b)`` hidden layers, each followed by ReLU; ``box`` is
    ``(lo, hi)`` for 1-D input or ``((x0, x1), (y0, y1))`` for 2-D input. An activation
    region is the set of inputs with one on/off pattern of all units; only regions with
    nonempty interior count. See :func:`linear_regions` for the method.
    """
    return len(linear_regions(layers, box))


def linear_regions(layers, box):
    """The activation regions of a ReLU net in ``box``: a list of ``(piece, pattern)``.

    ``piece`` is an interval ``array([lo, hi])`` (1-D input) or the vertices ``(m, 2)`` of
    a convex polygon in counter-clockwise order (2-D input); ``pattern`` is the boolean
    on/off vector of all units, layer after layer.

    Method (exact refinement, layer by layer): on a region where the earlier units'
    pattern is fixed, the net so far is one affine map ``x -> A x + c`` (inactive units
    give zero rows), so each unit of the next layer has an *affine* pre-activation
    ``z(x) = a . x + d`` there and its zero set is a point (1-D) or a line (2-D). Cutting
    every region by every such zero set, keeping the pieces with nonempty interior
    (length or area above ``1e-12`` of the box's), gives the regions of the next layer.
    In 1-D this is breakpoint tracking; in 2-D it is exact convex-polygon clipping. Two
    distinct leaves differ in the sign of the unit that separated them, so their
    patterns differ, and each pattern's region is convex (an intersection of half-planes).
    """
    layers = as_layers(layers)
    lo, hi, dim = as_box(box)
    n_in = layers[0][0].shape[1]
    if n_in != dim:
        raise ValueError(
            f"the first layer takes {n_in}-D input but box is {dim}-D; "
            "box must be (lo, hi) for 1-D input or ((x0, x1), (y0, y1)) for 2-D input"
        )
    if dim == 1:
        start = np.array([lo[0], hi[0]])
        min_size = _REL_TOL * (hi[0] - lo[0])
        split = _split_interval
    else:
        (x0, y0), (x1, y1) = lo, hi
        start = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
        min_size = _REL_TOL * (x1 - x0) * (y1 - y0)
        split = _split_polygon
    scale = float(np.max(np.abs(np.r_[lo, hi])))  # |x| <= scale on the box
    # each region: (piece, A, c, pattern) with the net so far equal to A x + c on it
    regions = [(start, np.eye(dim), np.zeros(dim), np.zeros(0, bool))]
    for W, b in layers:
        next_regions = []
        for piece, A, c, pattern in regions:
            Z_A, Z_c = W @ A, W @ c + b  # pre-activations z_j(x) = Z_A[j] . x + Z_c[j]
            pieces = [piece]
            for a, d in zip(Z_A, Z_c):
                tol = _zero_tolerance(a, d, scale)
                pieces = [q for p in pieces for q in split(p, a, d, tol, min_size)]
            for p in pieces:
                on = Z_A @ _interior_point(p) + Z_c > 0
                next_regions.append((p, Z_A * on[:, None], Z_c * on, np.r_[pattern, on]))
        regions = next_regions
    return [(piece, pattern) for piece, _, _, pattern in regions]


def cut_polygon(polygon, a, d):
    """The pieces of the convex polygon ``polygon`` on either side of ``a . x + d = 0``.

    ``polygon``: vertices ``(m, 2)`` in order, ``m >= 3``. Returns one piece (the polygon
    itself) if the line misses its interior, else two convex polygons, one where
    ``a . x + d >= 0`` and one where it is ``<= 0`` (which is which: evaluate the line at
    a piece's vertex mean, an interior point). Exact up to rounding, as in
    :func:`linear_regions`; slivers below ``1e-12`` of the area are not cut off.
    """
    poly = as_points(polygon, "polygon")
    a = as_float_array(a, "a").ravel()
    d = as_number(d, "d")
    if poly.shape[0] < 3 or poly.shape[1] != 2 or a.shape != (2,):
        raise ValueError(
            f"polygon must be (m, 2) vertices with m >= 3 and a two numbers, got "
            f"polygon {poly.shape} and a {a.shape}"
        )
    tol = _zero_tolerance(a, d, float(np.abs(poly).max()))
    return _split_polygon(poly, a, d, tol, _REL_TOL * _polygon_area(poly))


def _zero_tolerance(a, d, scale):
    """How close to 0 ``a . x + d`` counts as 0 for ``|x| <= scale`` (rounding, not geometry)."""
    return 1e-12 * (np.abs(a).sum() * scale + abs(d))


def _interior_point(piece):
    """A point strictly inside an interval or convex polygon (the vertex mean)."""
    return piece.mean(axis=0, keepdims=piece.ndim == 1)


def _split_interval(piece, a, d, tol, min_size):
    """Cut the interval ``piece`` at the zero of ``z(x) = a x + d`` if it lies inside."""
    lo, hi = piece
    if abs(a[0]) * (hi - lo) <= tol:  # z constant (or nearly) on the piece: no cut
        return [piece]
    x = -d / a[0]
    if x - lo <= min_size or hi - x <= min_size:
        return [piece]
    return [np.array([lo, x]), np.array([x, hi])]


def _split_polygon(poly, a, d, tol, min_size):
    """Cut the convex polygon ``poly`` by the line ``a . x + d = 0``; drop empty pieces."""
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
    out = [s for s in out if _polygon_area(s) > min_size]
    return out if out else [poly]


def _polygon_area(poly):
    """Shoelace area of a polygon given by its vertices in order."""
    x, y = poly[:, 0], poly[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


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
