"""Seeded toy data sets: XOR, disk-and-ring circles, and the band data of claim C6.

Every generator takes an explicit ``seed`` and returns ``(X, y)`` with ``X`` of shape
``(n, 2)`` and labels ``y`` in {0, 1}. The same seed always gives the same data.
"""

import numpy as np

from ._validate import as_count, as_number, as_rng

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
"""The four XOR inputs, in truth-table order."""
XOR_Y = np.array([0, 1, 1, 0])
"""XOR of the two inputs."""


def xor(n_per_corner=1, noise=0.0, seed=0):
    """XOR clouds: ``n_per_corner`` points around each corner of the unit square.

    With the defaults this is exactly the truth table ``(XOR_X, XOR_Y)``; ``noise`` is
    the standard deviation of Gaussian jitter added to every point.
    """
    n = as_count(n_per_corner, "n_per_corner")
    noise = as_number(noise, "noise", low=0.0)
    rng = as_rng(seed)
    X = np.repeat(XOR_X, n, axis=0) + noise * rng.standard_normal((4 * n, 2))
    return X, np.repeat(XOR_Y, n)


def circles(n=200, seed=0, r_disk=1.0, r_ring=(1.5, 2.0)):
    """A disk (label 0, radius < ``r_disk``) inside a ring (label 1, radius in ``r_ring``).

    Points are uniform by area; half are in each class. Not linearly separable in
    (x, y), but the class is decided by x^2 + y^2, so it is in the features (x^2, y^2).
    """
    n = as_count(n, "n", minimum=2)
    r_disk = as_number(r_disk, "r_disk", low=0.0)
    if isinstance(r_ring, (str, bytes)) or not hasattr(r_ring, "__len__"):
        raise TypeError(f"r_ring must be a pair (inner, outer), got {type(r_ring).__name__}")
    if len(r_ring) != 2:
        raise ValueError(f"r_ring must be a pair (inner, outer), got {len(r_ring)} values")
    r_in, r_out = (as_number(r, "r_ring") for r in r_ring)
    if not 0 < r_disk <= r_in < r_out:
        raise ValueError(f"need 0 < r_disk <= r_ring[0] < r_ring[1], got {r_disk}, {r_ring}")
    rng = as_rng(seed)
    n0 = n // 2
    lo = np.r_[np.zeros(n0), np.full(n - n0, r_in**2)]
    hi = np.r_[np.full(n0, r_disk**2), np.full(n - n0, r_out**2)]
    radius = np.sqrt(rng.uniform(lo, hi))
    angle = rng.uniform(0.0, 2 * np.pi, n)
    X = radius[:, None] * np.c_[np.cos(angle), np.sin(angle)]
    return X, np.r_[np.zeros(n0, int), np.ones(n - n0, int)]


_MAX_DRAWS = 10_000_000  # candidate points bands() may expect to draw before it refuses


def bands(n=400, seed=0, inner=0.8, outer=1.2, box=3.0):
    """The band data of claim C6: uniform points on ``[-box, box]^2``.

    Label 0 inside the diagonal band ``|x2 - x1| < inner``, label 1 outside
    ``|x2 - x1| > outer``; points in the gap between are redrawn, so exactly ``n``
    points come back. The share of the square that is kept is
    ``p = 1 - (1 - inner/L)^2 + (1 - outer/L)^2`` with ``L = 2 box``; about ``n / p``
    points are drawn, and a ``ValueError`` says so up front when that would exceed
    ten million (a gap that leaves almost nothing to sample), so the time is bounded.
    """
    n = as_count(n, "n", minimum=2)
    inner, outer, box = (
        as_number(v, k) for k, v in [("inner", inner), ("outer", outer), ("box", box)]
    )
    if not 0 < inner <= outer < 2 * box:
        raise ValueError(f"need 0 < inner <= outer < 2*box, got {inner}, {outer}, {box}")
    rng = as_rng(seed)
    side = 2.0 * box
    kept_share = inner / side * (2.0 - inner / side) + (1.0 - outer / side) ** 2
    if n > kept_share * _MAX_DRAWS:
        raise ValueError(
            f"inner={inner} and outer={outer} leave only a share {kept_share:.3g} of the "
            f"box to sample from: {n} points would take about {n / kept_share:.3g} draws "
            f"(limit {_MAX_DRAWS:.0e}); widen the band (larger inner) or the outer region "
            "(smaller outer)"
        )
    kept = np.empty((0, 2))
    for _ in range(int(3.0 / kept_share) + 100):  # expected rounds: 1 / (2 kept_share)
        cand = rng.uniform(-box, box, (2 * n, 2))
        gap = np.abs(cand[:, 1] - cand[:, 0])
        kept = np.r_[kept, cand[(gap < inner) | (gap > outer)]]
        if len(kept) >= n:
            X = kept[:n]
            return X, (np.abs(X[:, 1] - X[:, 0]) > outer).astype(int)
    raise ValueError(  # not reached in practice: six times the expected number of draws
        f"bands(n={n}) drew too few points outside the gap (share {kept_share:.3g}); "
        "widen the band or the outer region"
    )
