"""Exact geometry of decision problems: linear separability with its max margin.

(``count_linear_regions`` for ReLU nets lives here too.)
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog, minimize
from scipy.spatial import ConvexHull, QhullError

from ._validate import as_labels, as_points


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
