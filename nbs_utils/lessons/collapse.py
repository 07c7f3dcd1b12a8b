"""Notebook 01's stack of linear layers: random 2 -> 2 maps that turn, stretch and shift."""

import numpy as np

from .._validate import as_count, as_rng


def turn_and_stretch_layers(depth, seed):
    """``depth`` random 2 -> 2 layers ``(W, b)``, each a rotation times a mild stretch plus a
    small shift: ``W = R(angle) diag(s)`` with ``s`` uniform in [0.8, 1.25], ``b ~ N(0, 0.3^2)``.

    Well conditioned on purpose: products of plain Gaussian 2x2 matrices flatten the grid
    to a line after a few layers, which hides the picture.
    """
    depth = as_count(depth, "depth")
    rng = as_rng(seed)
    layers = []
    for _layer in range(depth):
        angle = rng.uniform(0, 2 * np.pi)
        turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
        layers.append((turn * rng.uniform(0.8, 1.25, size=2), rng.normal(scale=0.3, size=2)))
    return layers
