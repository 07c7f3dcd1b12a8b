"""Notebook 02's XOR net of threshold units with a skip connection (claim C5).

The net has one hidden threshold unit and a skip connection from the inputs to the output:

    h = H(w1 x1 + w2 x2 + b_h)
    y = H(v1 x1 + v2 x2 + v_h h + b_y)

with the Heaviside step ``H(z) = 1 if z > 0 else 0`` (so ``H(0) = 0``). The seed post's
solution is ``h = H(x1 + x2 - 1.5)`` (an AND unit) and ``y = H(x1 + x2 - 2 h - 0.5)``.
"""

import numpy as np

from .._validate import as_box, as_float_array, as_number
from ..activations import get
from ..geometry import cut_polygon
from ..language import _

SEED_WEIGHTS = {"w1": 1.0, "w2": 1.0, "b_h": -1.5, "v1": 1.0, "v2": 1.0, "v_h": -2.0, "b_y": -0.5}
"""The seed's solution: h = H(x1 + x2 - 1.5), y = H(x1 + x2 - 2h - 0.5)."""

BOX = ((-0.5, 1.5), (-0.5, 1.5))
"""The input square around the four XOR points."""

_DECIMALS = 9  # weights live on a 0.1 grid; see skip_net


def _weights(values):
    return [as_number(v, name) for name, v in zip(SEED_WEIGHTS, values)]


def skip_net(X, w1, w2, b_h, v1, v2, v_h, b_y):
    """Hidden and output values ``(h, y)`` of the one-hidden-unit skip net on the rows of ``X``.

    ``h = H(w1 x1 + w2 x2 + b_h)`` and ``y = H(v1 x1 + v2 x2 + v_h h + b_y)`` with
    ``H(0) = 0``. Pre-activations are rounded to 1e-9 first, so floating-point noise such
    as ``0.1 + 0.2 - 0.3 = 5.6e-17`` cannot flip ``H(0)`` to 1 for slider weights. Each
    unit's weights are divided by their largest magnitude first (``H(c z) = H(z)`` for
    ``c > 0``), so weights up to 1e308 cannot overflow.
    """
    w1, w2, b_h, v1, v2, v_h, b_y = _weights((w1, w2, b_h, v1, v2, v_h, b_y))
    step = get("step")
    X = as_float_array(X, "X")
    if X.shape[-1:] != (2,):
        raise ValueError(
            _("X must hold points (x1, x2) in its last axis, got shape {shape}").format(
                shape=X.shape
            )
        )
    (w1, w2, b_h), (v1, v2, v_h, b_y) = _unit_scale(w1, w2, b_h), _unit_scale(v1, v2, v_h, b_y)
    h = step(np.round(X @ np.array([w1, w2]) + b_h, _DECIMALS))
    y = step(np.round(X @ np.array([v1, v2]) + v_h * h + b_y, _DECIMALS))
    return h, y


def _unit_scale(*weights):
    """``weights`` divided by their largest magnitude (unchanged if all are 0)."""
    largest = max(abs(w) for w in weights)
    return [w / largest for w in weights] if largest > 0 else list(weights)


def y_one_polygons(w1, w2, b_h, v1, v2, v_h, b_y, box=BOX):
    """Where the skip net outputs ``y = 1`` in ``box``: a list of convex polygons ``(m, 2)``.

    ``h`` is constant on each side of the hidden line ``w1 x1 + w2 x2 + b_h = 0``, so
    there the output's pre-activation ``v1 x1 + v2 x2 + v_h h + b_y`` is affine and
    ``y = 1`` on one side of a second line. Cutting the box by the hidden line, then each
    side by its output line, gives the regions exactly (on the lines themselves
    ``H(0) = 0`` decides, which an area does not show).
    """
    w1, w2, b_h, v1, v2, v_h, b_y = _weights((w1, w2, b_h, v1, v2, v_h, b_y))
    (x0, y0), (x1, y1), _ = as_box(box, dims=(2,))
    square = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=float)
    w, v = np.array([w1, w2]), np.array([v1, v2])
    polygons = []
    for side in cut_polygon(square, w, b_h):
        h = float(side.mean(axis=0) @ w + b_h > 0)
        bias = v_h * h + b_y
        polygons += [p for p in cut_polygon(side, v, bias) if p.mean(axis=0) @ v + bias > 0]
    return polygons
