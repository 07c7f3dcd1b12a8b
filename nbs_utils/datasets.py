"""Seeded toy data sets: XOR, disk-and-ring circles, and the band data of claim C6.

Every generator takes an explicit ``seed`` and returns ``(X, y)`` with ``X`` of shape
``(n, 2)`` and labels ``y`` in {0, 1} (the regression sets :func:`plane` and
:func:`multi_gaussian`: targets in [-1, 1]). The same seed always gives the same data.
"""

import numpy as np

from ._validate import as_count, as_float_array, as_number, as_rng

MAX_SCALE = 1e150
"""Largest length a generator accepts (a radius, a box, a spread, noise): coordinates stay
below about 1e151, so squares and products of two of them (``x1 x2``, the features) are
finite."""

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
    noise = as_number(noise, "noise", low=0.0, high=MAX_SCALE)
    rng = as_rng(seed)
    X = np.repeat(XOR_X, n, axis=0) + noise * rng.standard_normal((4 * n, 2))
    return X, np.repeat(XOR_Y, n)


def circles(n=200, seed=0, r_disk=1.0, r_ring=(1.5, 2.0)):
    """A disk (label 0, radius < ``r_disk``) inside a ring (label 1, radius in ``r_ring``).

    Points are uniform by area; half are in each class. Not linearly separable in
    (x, y), but the class is decided by x^2 + y^2, so it is in the features (x^2, y^2).
    """
    n = as_count(n, "n", minimum=2)
    r_disk = as_number(r_disk, "r_disk", low=0.0, high=MAX_SCALE)
    if isinstance(r_ring, (str, bytes, set, frozenset, dict)) or not hasattr(r_ring, "__len__"):
        raise TypeError(f"r_ring must be a pair (inner, outer), got {type(r_ring).__name__}")
    if len(r_ring) != 2:
        raise ValueError(f"r_ring must be a pair (inner, outer), got {len(r_ring)} values")
    r_in, r_out = (as_number(r, "r_ring", high=MAX_SCALE) for r in r_ring)
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
        as_number(v, k, high=MAX_SCALE)
        for k, v in [("inner", inner), ("outer", outer), ("box", box)]
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


# ---------------------------------------------------------------------------------------
# TensorFlow Playground's data sets, on the square [-6, 6]^2 (as there). ``noise`` is the
# standard deviation of Gaussian jitter added to the points after labelling, in input units.

PLAYGROUND_HALF_WIDTH = 6.0
"""Half the side of the playground's input square ``[-6, 6]^2``."""


def _jitter(X, noise, rng):
    noise = as_number(noise, "noise", low=0.0, high=PLAYGROUND_HALF_WIDTH)
    return X + noise * rng.standard_normal(X.shape) if noise else X


def circle(n=500, noise=0.0, seed=0, radius=5.0):
    """A disk (label 1, r < radius/2) inside a ring (label 0, 0.7 radius < r < radius).

    Angles uniform, radii uniform in each band (TFP's construction); half per class.
    """
    n = as_count(n, "n", minimum=2)
    radius = as_number(radius, "radius", low=0.0, high=MAX_SCALE)
    rng = as_rng(seed)
    n1 = n // 2
    r = np.r_[rng.uniform(0.0, 0.5 * radius, n1), rng.uniform(0.7 * radius, radius, n - n1)]
    angle = rng.uniform(0.0, 2 * np.pi, n)
    X = r[:, None] * np.c_[np.cos(angle), np.sin(angle)]
    return _jitter(X, noise, rng), np.r_[np.ones(n1, int), np.zeros(n - n1, int)]


def xor_quadrants(n=500, noise=0.0, seed=0, half_width=5.0, padding=0.3):
    """Uniform points on ``[-half_width, half_width]^2`` away from the axes (``padding``);
    label 1 where ``x1 x2 > 0`` (TFP's XOR)."""
    n = as_count(n, "n", minimum=2)
    half_width = as_number(half_width, "half_width", low=0.0, high=MAX_SCALE)
    padding = as_number(padding, "padding", low=0.0, high=half_width)
    rng = as_rng(seed)
    X = rng.uniform(-half_width, half_width, (n, 2))
    X += np.where(X > 0, padding, -padding)
    return _jitter(X, noise, rng), (X[:, 0] * X[:, 1] > 0).astype(int)


def gauss(n=500, noise=0.0, seed=0, center=2.0, spread=1.0):
    """Two Gaussian clouds of standard deviation ``spread`` around ``(center, center)``
    (label 1) and ``(-center, -center)`` (label 0), half the points each."""
    n = as_count(n, "n", minimum=2)
    center = as_number(center, "center", low=-MAX_SCALE, high=MAX_SCALE)
    spread = as_number(spread, "spread", low=0.0, high=MAX_SCALE)
    rng = as_rng(seed)
    n1 = n // 2
    y = np.r_[np.ones(n1, int), np.zeros(n - n1, int)]
    X = np.where(y[:, None] == 1, center, -center) + spread * rng.standard_normal((n, 2))
    return _jitter(X, noise, rng), y


def spiral(n=500, noise=0.0, seed=0, radius=5.0, turns=1.75):
    """Two interleaved spirals ``r = radius t``, angle ``2 pi turns t + delta`` for
    ``t`` in [0, 1): ``delta = 0`` is label 1, ``delta = pi`` label 0 (TFP's spiral)."""
    n = as_count(n, "n", minimum=2)
    radius = as_number(radius, "radius", low=0.0, high=MAX_SCALE)
    turns = as_number(turns, "turns", low=0.0, high=MAX_SCALE)
    rng = as_rng(seed)
    n1 = n // 2
    t = np.r_[np.arange(n1) / n1, np.arange(n - n1) / (n - n1)]
    delta = np.r_[np.zeros(n1), np.full(n - n1, np.pi)]
    angle = 2 * np.pi * turns * t + delta
    X = radius * t[:, None] * np.c_[np.sin(angle), np.cos(angle)]
    return _jitter(X, noise, rng), np.r_[np.ones(n1, int), np.zeros(n - n1, int)]


# TFP's two regression data sets: uniform points on [-6, 6]^2 and a target in [-1, 1] each.
# As there, ``noise`` moves the place where the target is read, not the point itself.

GAUSSIAN_BUMPS = ((-4.0, 2.5, 1.0), (0.0, 2.5, -1.0), (4.0, 2.5, 1.0),
                  (-4.0, -2.5, -1.0), (0.0, -2.5, 1.0), (4.0, -2.5, -1.0))  # fmt: skip
"""``(centre x1, centre x2, sign)`` of :func:`multi_gaussian`'s six bumps (TFP's)."""


def _uniform_targets(n, noise, seed, target):
    n = as_count(n, "n", minimum=2)
    rng = as_rng(seed)
    X = rng.uniform(-PLAYGROUND_HALF_WIDTH, PLAYGROUND_HALF_WIDTH, (n, 2))
    return X, np.clip(target(_jitter(X, noise, rng)), -1.0, 1.0)


def plane(n=500, noise=0.0, seed=0):
    """Regression: target ``(x1 + x2) / 12``, a plane from -1 to 1 over the square."""
    return _uniform_targets(n, noise, seed, lambda X: (X[:, 0] + X[:, 1]) / 12.0)


def multi_gaussian(n=500, noise=0.0, seed=0):
    """Regression: six bumps of height +1 or -1 (:data:`GAUSSIAN_BUMPS`), each falling
    linearly to 0 at distance 2 from its centre; the target is the bump of largest |value|."""

    def target(X):
        bumps = np.stack(
            [s * np.clip(1.0 - np.hypot(X[:, 0] - a, X[:, 1] - b) / 2.0, 0.0, 1.0)
             for a, b, s in GAUSSIAN_BUMPS], axis=1,
        )  # fmt: skip
        return bumps[np.arange(len(X)), np.argmax(np.abs(bumps), axis=1)]

    return _uniform_targets(n, noise, seed, target)


FEATURES = {
    "x1": lambda X: X[:, 0],
    "x2": lambda X: X[:, 1],
    "x1^2": lambda X: X[:, 0] ** 2,
    "x2^2": lambda X: X[:, 1] ** 2,
    "x1x2": lambda X: X[:, 0] * X[:, 1],
    "sin x1": lambda X: np.sin(X[:, 0]),
    "sin x2": lambda X: np.sin(X[:, 1]),
}
"""TFP's input features of a point ``(x1, x2)``, by name."""


def feature_map(X, names):
    """The columns ``[phi(X) for phi in names]`` (names from :data:`FEATURES`), shape (n, k)."""
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (x1, x2), got shape {X.shape}")
    names = as_feature_names(names)
    return np.stack([FEATURES[name](X) for name in names], axis=1)


def as_feature_names(names):
    """``names`` as a tuple of distinct known feature names, at least one, in order (so a
    set, whose order of strings changes from run to run, is refused)."""
    if isinstance(names, (str, set, frozenset, dict)) or not hasattr(names, "__iter__"):
        raise TypeError(f"features must be a list of names, got {type(names).__name__}")
    names = tuple(names)
    unknown = [f for f in names if not isinstance(f, str) or f not in FEATURES]
    if unknown:
        raise ValueError(f"unknown features {unknown}; known features: {', '.join(FEATURES)}")
    if not names or len(set(names)) != len(names):
        raise ValueError(f"features must be at least one name, each once, got {names}")
    return names
