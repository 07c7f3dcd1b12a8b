"""What each layer of a trained net does to the data (Olah's layer-by-layer pictures).

Hidden layer ``l`` maps the previous representation ``h_{l-1}`` (``h_0 = x``) to
``z_l = W_l h_{l-1} + b_l`` (linear) and then ``h_l = f(z_l)``. The morph
``h_l(t) = (1 - t) z_l + t f(z_l)`` glides from the linear part (``t = 0``) to the layer's
output (``t = 1``), as notebook 03 does for one layer. Representations wider than 3 are
shown through their first 3 principal axes; the output unit ``w . h_L + c = 0`` is a line
(width 2) or a plane (width 3) in the last layer.
"""

import numpy as np

from ._validate import as_count, as_float_array, as_number, as_points
from .nets import _trace, as_activation, as_net_input


def layer_stages(layers, X, activation="tanh"):
    """``[(z_1, h_1), ..., (z_L, h_L)]`` for the hidden layers of ``layers`` (the last
    pair of ``layers`` is the output unit and is not applied); ``activation`` is a name
    or an Activation."""
    layers, H = as_net_input(layers, X)
    act = as_activation(activation)
    Zs, Hs = _trace(layers[:-1], H, [act] * (len(layers) - 1))
    return list(zip(Zs, Hs[1:]))


def morph(Z, t, activation="tanh"):
    """``(1 - t) z + t f(z)`` for ``t`` in [0, 1]."""
    t = as_number(t, "t", low=0.0, high=1.0)
    Z = as_float_array(Z, "Z")
    return (1.0 - t) * Z + t * as_activation(activation)(Z)


def principal_axes(H, k=3):
    """The top ``k`` principal directions of the rows of ``H`` (shape ``(k, d)``) and the
    mean; ``(H - mean) @ axes.T`` are the coordinates shown."""
    H = as_points(H, "H")
    k = as_count(k, "k")
    mean = H.mean(axis=0)
    _, _, Vt = np.linalg.svd(H - mean, full_matrices=False)
    axes = Vt[:k]
    # fixed signs: the largest entry of each axis positive (deterministic pictures)
    signs = np.sign(axes[np.arange(len(axes)), np.argmax(np.abs(axes), axis=1)])
    return axes * signs[:, None], mean


def plane_in_box(w, c, lo, hi):
    """The polygon where the plane ``w . h + c = 0`` meets the box ``lo <= h <= hi`` in 3-D.

    Returns its corners in order around the polygon (shape ``(m, 3)``, ``3 <= m <= 6``),
    or an empty ``(0, 3)`` array when the plane misses the box.
    """
    w = as_float_array(w, "w", ndim=1)
    lo, hi = as_float_array(lo, "lo", ndim=1), as_float_array(hi, "hi", ndim=1)
    c = as_number(c, "c")
    if w.shape != (3,) or lo.shape != (3,) or hi.shape != (3,) or np.any(lo >= hi):
        raise ValueError("w, lo and hi need 3 entries each, with lo < hi")
    corners = np.array([[(lo, hi)[(k >> i) & 1][i] for i in range(3)] for k in range(8)])
    values = corners @ w + c
    points = []
    for a in range(8):
        for i in range(3):
            b = a | (1 << i)
            if b == a:
                continue  # each edge once: from the corner with bit i off
            va, vb = values[a], values[b]
            if va == 0:
                points.append(corners[a])
            elif vb != 0 and (va < 0) != (vb < 0):  # opposite signs (va * vb could overflow)
                points.append(corners[a] + va / (va - vb) * (corners[b] - corners[a]))
    if values[7] == 0:
        points.append(corners[7])
    if len(points) < 3 or not np.any(w):
        return np.empty((0, 3))
    span = hi - lo  # duplicates merged in box units, so at any scale of the box
    P = lo + np.unique(np.round((np.array(points) - lo) / span, 12), axis=0) * span
    if len(P) < 3:
        return np.empty((0, 3))
    centre = P.mean(axis=0)
    n = w / np.abs(w).max()  # scaled first: the norm of 1e200s would overflow
    n /= np.linalg.norm(n)
    u = np.cross(n, np.eye(3)[np.argmin(np.abs(n))])
    u /= np.linalg.norm(u)
    v = np.cross(n, u)
    angles = np.arctan2((P - centre) @ v, (P - centre) @ u)
    return P[np.argsort(angles)]
