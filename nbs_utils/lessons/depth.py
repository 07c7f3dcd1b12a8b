"""Notebook 04's constructions: bumps from steep sigmoids (Nielsen), the sawtooth (Telgarsky).

- A steep sigmoid ``sigma(w (x - s))`` is a step at ``s``; two steps make a bump; ``n``
  bumps of heights ``f(midpoint)`` approximate ``f`` (:func:`bumps`).
- The tent ``t(x) = 2 relu(x) - 4 relu(x - 1/2)`` composed ``k`` times uses 2 units per
  layer and has ``2^k`` linear pieces on [0, 1] (:func:`sawtooth_layers`); one hidden
  layer needs ``2^k`` units for the same function (:func:`shallow_sawtooth_layers`).

Nets are lists of ``(W, b)`` as everywhere in the course (:mod:`nbs_utils.nets`): ReLU
hidden layers, then a linear output layer.
"""

import numpy as np

from .._validate import as_count, as_float_array, as_layers, as_number
from ..activations import get
from .universality import MAX_STEEPNESS, target

MAX_DEEP_K = 53
"""Largest ``k`` of :func:`sawtooth_layers`: ``t^k`` has pieces of width ``2^-k``; beyond
``k = 53`` they are narrower than the spacing of float64 numbers near 1 (``2^-53``)."""
MAX_SHALLOW_K = 20
"""Largest ``k`` of :func:`shallow_sawtooth_layers`: ``2^k`` units, about a million (its
arrays grow as ``2^k``, so ``k = 40`` would need terabytes)."""


def bumps(x, n_bumps, steepness, f=target):
    """One hidden layer of ``2 n`` steep sigmoids approximating ``f`` on [0, 1].

    Bump ``i`` covers ``[i/n, (i+1)/n]`` with height ``h_i = f((i + 1/2)/n)``:
    ``sum_i h_i (sigma(w (x - s_i)) - sigma(w (x - s_{i+1})))`` with steps at
    ``s_i = i/n``, except that the outermost steps sit at -1 and 2 (outside [0, 1]) so the
    ends are not halved. ``sigma`` is the overflow-free sigmoid of
    :mod:`nbs_utils.activations`, so any steepness ``w`` is safe.
    """
    x = as_float_array(x, "x")  # any shape; the result has the same shape
    n = as_count(n_bumps, "n_bumps")
    steps = np.r_[-1.0, np.arange(1, n) / n, 2.0]
    heights = f((np.arange(n) + 0.5) / n)
    sig = get("sigmoid", k=as_number(steepness, "steepness", low=0.0, high=MAX_STEEPNESS))
    S = sig(x[..., None] - steps)  # (*x.shape, n + 1) step outputs
    return (S[..., :-1] - S[..., 1:]) @ heights


def max_error(n_bumps, steepness, n_points=2001):
    """``max |bumps(x) - f(x)|`` over ``n_points`` evenly spaced x in [0, 1]."""
    x = np.linspace(0.0, 1.0, as_count(n_points, "n_points", minimum=2))
    return float(np.max(np.abs(bumps(x, n_bumps, steepness) - target(x))))


def sawtooth_layers(k):
    """The net ``[(W, b), ...]`` computing ``t^k``, the tent map composed ``k`` times:
    ``k`` hidden ReLU layers of 2 units, then the linear output ``t = 2 h_1 - 4 h_2``.

    The first layer computes ``(relu(x), relu(x - 1/2))``; every later one reads the tent
    of the last pair, ``2 h_1 - 4 h_2``, and computes the same pair of it.
    """
    k = as_count(k, "k", maximum=MAX_DEEP_K)
    first = (np.array([[1.0], [1.0]]), np.array([0.0, -0.5]))
    rest = (np.array([[2.0, -4.0], [2.0, -4.0]]), np.array([0.0, -0.5]))
    return [first] + [rest] * (k - 1) + [(np.array([[2.0, -4.0]]), np.array([0.0]))]


def shallow_sawtooth_layers(k):
    """One hidden layer of ``2^k`` ReLUs computing the same ``t^k`` on [0, 1], then the output.

    ``t^k`` is 0 at even multiples of ``2^-k``, 1 at odd ones, linear between; its slope
    starts at ``2^k`` and flips sign at each of the ``2^k - 1`` inner kinks, so
    ``t^k(x) = sum_i c_i relu(x - x_i)`` with kinks ``x_i = i 2^-k`` and
    ``c_0 = 2^k``, ``c_i = +-2^(k+1)``.
    """
    n = 2 ** as_count(k, "k", maximum=MAX_SHALLOW_K)
    kinks = np.arange(n) / n
    c = np.r_[n, 2 * n * (-1.0) ** np.arange(1, n)]
    return [(np.ones((n, 1)), -kinks), (c[None, :], np.array([0.0]))]


def parameter_count(layers):
    """Number of weights and biases in ``layers``."""
    return sum(W.size + b.size for W, b in as_layers(layers))
