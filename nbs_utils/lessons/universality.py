"""Universal approximation by hand (Nielsen) and its condition (Leshno et al. 1993).

- Steps and bumps: hidden unit ``i`` is a steep sigmoid ``sigma(w (x - s_i))``, a step at
  ``s_i = -b_i / w_i``. Bump ``i`` is ``h_i (sigma(w (x - s_i)) - sigma(w (x - s_{i+1})))``
  and the last bump has no right step, so neighbouring bumps share a unit: the net
  ``sum_i v_i sigma(w (x - s_i))`` with output weights ``v_i = h_i - h_{i-1}``
  (``h_{-1} = 0``) is the sum of the bumps, a staircase that reads ``h_i`` between steps.
- The distance to the target is the L2 distance on [0, 1],
  ``sqrt(int_0^1 (net(x) - f(x))^2 dx)``, by Gauss-Legendre quadrature on pieces split at
  the steps (accurate to about 1e-9 for every steepness).
- The tower (2-D): steps at ``x0, x1`` in ``x`` and ``y0, y1`` in ``y`` sum to 2 on the
  square, 1 on the arms of the cross through it, 0 elsewhere; a threshold unit
  ``sigma(w (sum - 3/2))`` keeps only the square.
- Leshno, Lin, Pinkus & Schocken 1993: one hidden layer with a continuous activation is
  dense in the continuous functions iff the activation is not a polynomial. With a
  polynomial activation of degree ``d`` every unit ``p(w x + b)`` is a polynomial of degree
  ``<= d`` in ``x``, and so is any sum of them, however wide: :func:`random_feature_fit`
  shows it by least squares.
"""

import warnings

import numpy as np

from .._validate import as_count, as_float_array, as_number, as_rng, finite_result
from ..activations import get

MAX_STEEPNESS = 1e12
"""Largest steepness ``w`` accepted (the sigmoid is overflow-free; beyond this the steps
are exact to double precision anyway)."""
MAX_NODES = 1000
"""Most Gauss-Legendre nodes per piece (computing them costs ``nodes^3``: 20,000 would take
minutes; the default 48 is already accurate to about 1e-9)."""


def target(x):
    """Nielsen's target ``f(x) = 0.2 + 0.4 x^2 + 0.3 x sin(15 x) + 0.05 cos(50 x)``."""
    x = as_float_array(x, "x")
    with np.errstate(over="ignore", invalid="ignore"):  # finite_result raises instead
        f = 0.2 + 0.4 * x**2 + 0.3 * x * np.sin(15 * x) + 0.05 * np.cos(50 * x)
    return finite_result(f, "f(x)")


def _steps_and_heights(positions, heights, steepness):
    s = as_float_array(positions, "positions", ndim=1)
    h = as_float_array(heights, "heights", ndim=1)
    if len(s) == 0 or len(s) != len(h):
        raise ValueError(
            f"positions and heights need the same length >= 1, got {len(s)} and {len(h)}"
        )
    w = as_number(steepness, "steepness", low=0.0, high=MAX_STEEPNESS)
    return s, h, w


def output_weights(heights):
    """The output weights ``v_i = h_i - h_{i-1}`` (``h_{-1} = 0``) of the staircase net."""
    h = as_float_array(heights, "heights", ndim=1)
    return np.diff(h, prepend=0.0)


def bump_parts(x, positions, heights, steepness):
    """Each bump ``h_i (sigma(w (x - s_i)) - sigma(w (x - s_{i+1})))`` at the points ``x``.

    Returns shape ``(n_bumps, len(x))``; the last bump has no right step. The rows sum
    to :func:`staircase` (the sum telescopes).
    """
    s, h, w = _steps_and_heights(positions, heights, steepness)
    x = as_float_array(x, "x").ravel()
    steps = get("sigmoid", k=w)(x[None, :] - s[:, None])  # (n_bumps, len(x))
    right = np.vstack([steps[1:], np.zeros((1, len(x)))])
    return h[:, None] * (steps - right)


def staircase(x, positions, heights, steepness):
    """The one-hidden-layer net ``sum_i v_i sigma(w (x - s_i))``, ``v`` from :func:`output_weights`."""
    s, h, w = _steps_and_heights(positions, heights, steepness)
    x = as_float_array(x, "x")
    steps = get("sigmoid", k=w)(x[..., None] - s)
    return steps @ output_weights(h)


def _quadrature_pieces(positions, steepness):
    """Break points in [0, 1]: the ends, each step and points ``k / w`` either side of it
    (the sigmoid turns within a few ``1 / w``; between break points everything is smooth)."""
    offsets = np.array([0.0, 1.0, 3.0, 8.0, 20.0, 50.0])
    if steepness > 0:
        with np.errstate(over="ignore"):  # a tiny steepness: +-inf, clipped to the ends below
            offsets = np.r_[-offsets[1:], offsets] / steepness
    else:
        offsets = np.zeros(1)
    points = (np.asarray(positions)[:, None] + offsets[None, :]).ravel()
    points = np.clip(np.r_[0.0, 1.0, points], 0.0, 1.0)
    return np.unique(points)


def _quadrature(positions, steepness, nodes):
    """Gauss-Legendre points and weights on [0, 1], ``nodes`` per piece between the
    break points of :func:`_quadrature_pieces`."""
    xg, wg = np.polynomial.legendre.leggauss(as_count(nodes, "nodes", maximum=MAX_NODES))
    edges = _quadrature_pieces(positions, steepness)
    a, b = edges[:-1, None], edges[1:, None]
    return ((a + b + (b - a) * xg) / 2).ravel(), ((b - a) / 2 * wg).ravel()


def l2_distance(positions, heights, steepness, f=target, nodes=48):
    """``sqrt(int_0^1 (staircase(x) - f(x))^2 dx)`` by :func:`_quadrature`."""
    s, h, w = _steps_and_heights(positions, heights, steepness)
    x, weights = _quadrature(s, w, nodes)
    residual = staircase(x, s, h, w) - f(x)
    return float(np.sqrt(np.sum(weights * residual**2)))


def best_heights(positions, steepness, f=target, nodes=48):
    """The heights minimising :func:`l2_distance` for steps at ``positions``.

    The net is linear in the heights, ``sum_i h_i B_i(x)`` with the bumps ``B_i``, so the
    best ones solve the normal equations ``G h = r`` with ``G_ij = int_0^1 B_i B_j dx``
    and ``r_i = int_0^1 B_i f dx`` (least squares, so coinciding steps are fine). For hard
    steps each height is the mean of ``f`` between its step and the next.
    """
    s, _, w = _steps_and_heights(positions, np.zeros(np.size(positions)), steepness)
    x, weights = _quadrature(s, w, nodes)
    B = bump_parts(x, s, np.ones(len(s)), w)  # (n_bumps, n_points)
    G, r = (B * weights) @ B.T, (B * weights) @ f(x)
    return np.linalg.lstsq(G, r, rcond=None)[0]


# --- the tower ---------------------------------------------------------------------------


def tower(X, Y, square=((0.4, 0.6), (0.4, 0.6)), steepness=1000.0, threshold_steepness=50.0):
    """Four steps and a threshold: ``(steps, tower)`` at the points ``(X, Y)``.

    ``steps = sigma(w(x-x0)) - sigma(w(x-x1)) + sigma(w(y-y0)) - sigma(w(y-y1))``
    (2 on the square, 1 on the cross's arms, 0 elsewhere) and
    ``tower = sigma(w2 (steps - 3/2))`` with ``w2 = threshold_steepness``.
    """
    X, Y = as_float_array(X, "X"), as_float_array(Y, "Y")
    if X.shape != Y.shape:
        raise ValueError(f"X and Y must have the same shape, got {X.shape} and {Y.shape}")
    corners = as_float_array(square, "square")
    if corners.shape != (2, 2):
        raise ValueError(f"square must be ((x0, x1), (y0, y1)), got shape {corners.shape}")
    (x0, x1), (y0, y1) = corners
    if not (x0 < x1 and y0 < y1):
        raise ValueError(f"square must be ((x0, x1), (y0, y1)) with x0 < x1, y0 < y1, got {square}")
    sig = get("sigmoid", k=as_number(steepness, "steepness", low=0.0, high=MAX_STEEPNESS))
    steps = sig(X - x0) - sig(X - x1) + sig(Y - y0) - sig(Y - y1)
    w2 = as_number(threshold_steepness, "threshold_steepness", low=0.0, high=MAX_STEEPNESS)
    return steps, get("sigmoid", k=w2)(steps - 1.5)


# --- polynomial activations (Leshno et al.) ----------------------------------------------


def square_activation(z):
    """The degree-2 polynomial activation ``z^2``."""
    return as_float_array(z, "z") ** 2


FEATURE_ACTIVATIONS = {"square": square_activation, "tanh": get("tanh"), "relu": get("relu")}
"""Activations :func:`random_feature_fit` knows: one polynomial, two that are not."""


def random_features(x, width, activation="square", seed=0):
    """Hidden units ``act(w_j (x - c_j))``, shape ``(len(x), width)``.

    Centres ``c_j`` uniform over the range of ``x`` (a unit's kink or turn sits there),
    slopes ``w_j`` normal with standard deviation ``3 / (range of x)`` (seeded).
    """
    x = as_float_array(x, "x", ndim=1)
    width = as_count(width, "width")
    if activation not in FEATURE_ACTIVATIONS:
        raise ValueError(
            f"activation must be one of {sorted(FEATURE_ACTIVATIONS)}, got {activation!r}"
        )
    rng = as_rng(seed)
    lo, hi = float(x.min()), float(x.max())
    span = hi - lo if hi > lo else 1.0
    # w_j (x - c_j) with c_j = lo + span u_j, w_j = 3 g_j / span: in units of the range, so
    # the same units at any scale of x (u_j uniform in [0, 1], g_j standard normal)
    centres, slopes = rng.uniform(0.0, 1.0, width), rng.normal(0.0, 3.0, width)
    return FEATURE_ACTIVATIONS[activation](slopes * ((x[:, None] - lo) / span - centres))


def random_feature_fit(x, y, width, activation="square", seed=0):
    """Least-squares output layer (weights and a bias) on :func:`random_features`.

    Returns ``(fit, rms)``: the net's values at ``x`` and ``sqrt(mean((fit - y)^2))``.
    The best output layer for these hidden units; with ``"square"`` and width >= 2 the
    units and the bias span every polynomial of degree <= 2, so the fit is the best
    quadratic, whatever the width.
    """
    x = as_float_array(x, "x", ndim=1)
    y = as_float_array(y, "y", ndim=1)
    if len(x) != len(y) or len(x) < 2:
        raise ValueError(f"x and y need the same length >= 2, got {len(x)} and {len(y)}")
    A = np.c_[random_features(x, width, activation, seed), np.ones(len(x))]
    scale = np.linalg.norm(A, axis=0)
    scale[scale == 0] = 1.0  # a unit that is 0 on every x (all x equal): the column stays 0
    coef = np.linalg.lstsq(A / scale, y, rcond=None)[0]
    fit = (A / scale) @ coef
    return fit, float(np.sqrt(np.mean((fit - y) ** 2)))


def polynomial_fit_rms(x, y, degree):
    """RMS error of the least-squares polynomial of ``degree`` through ``(x, y)``."""
    x = as_float_array(x, "x", ndim=1)
    y = as_float_array(y, "y", ndim=1)
    degree = as_count(degree, "degree", minimum=0)
    with warnings.catch_warnings():  # fewer distinct x than coefficients: lstsq still gives
        warnings.simplefilter("ignore", np.exceptions.RankWarning)  # a least-squares fit
        fit = np.polynomial.Polynomial.fit(x, y, degree)(x)
    return float(np.sqrt(np.mean((fit - y) ** 2)))
