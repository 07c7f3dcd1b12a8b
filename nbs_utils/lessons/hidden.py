"""Notebook 03's two hidden units on the band data (claim C6) and ReLU patterns (C7).

Two hidden units compute ``z = W x + b``; with an activation ``act`` the hidden point is
``h = act(z)``. The morph ``h_t = (1 - t) z + t act(z)`` glides from the linear picture
(``t = 0``) to the nonlinear one (``t = 1``).
"""

import numpy as np

from .._validate import as_number
from ..activations import get
from ..language import _
from ..nets import forward

BOX = ((-3.0, 3.0), (-3.0, 3.0))
"""The input square of the band data."""
C6_W = np.array([[-1.0, 1.0], [1.0, -1.0]])
"""Hidden weights of claim C6: ``z1 = -x1 + x2 - 1``, ``z2 = x1 - x2 - 1``."""
C6_B = np.array([-1.0, -1.0])
"""Hidden biases of claim C6."""
ACTIVATIONS = ("identity", "relu", "tanh", "sigmoid")
"""The activations the notebook compares."""
MAX_PATTERN_UNITS = 63
"""Most units :func:`activation_patterns` encodes: its ids ``sum_i 2^i [z_i > 0]`` are int64
(bit 63 would be the sign, and ``2^64`` wraps to 0, silently merging patterns)."""


def hidden_points(X, W=C6_W, b=C6_B, activation="identity", t=1.0):
    """``h = (1 - t) z + t act(z)`` with ``z = X @ W.T + b`` (rows of ``X`` are inputs)."""
    z = forward([(W, b)], X)
    t = as_number(t, "t", low=0.0, high=1.0)
    return (1.0 - t) * z + t * get(activation)(z)


def activation_patterns(points, W, b):
    """Pattern id of each point for the ReLU units ``z = W x + b``: ``sum_i 2^i [z_i > 0]``
    (at most :data:`MAX_PATTERN_UNITS` units)."""
    on = forward([(W, b)], points) > 0
    if on.shape[1] > MAX_PATTERN_UNITS:
        raise ValueError(
            _("activation patterns need W with at most {most} rows (units), got {n}").format(
                most=MAX_PATTERN_UNITS, n=on.shape[1]
            )
        )
    return on @ (2 ** np.arange(on.shape[1]))
