"""A square grid of lines, the input of the warped-grid pictures (ConvNetJS's hidden space).

Mapping every point of every line through a layer shows what the layer does to the whole
plane: affine maps keep the lines straight and parallel, activations bend them.
"""

import numpy as np

from .._validate import as_box, as_count


def grid_lines(box, n_lines=13, n_points=121):
    """``n_lines`` vertical lines, then ``n_lines`` horizontal ones, across ``box``.

    Returns an array of shape ``(2 n_lines, n_points, 2)``: line ``k`` is ``n_points``
    evenly spaced points ``(x1, x2)`` from one edge of ``box = ((x0, x1), (y0, y1))`` to
    the other; the lines sit evenly spaced from edge to edge.
    """
    (x0, y0), (x1, y1), _ = as_box(box, dims=(2,))
    n_lines = as_count(n_lines, "n_lines", minimum=2)
    n_points = as_count(n_points, "n_points", minimum=2)
    xs, ys = np.linspace(x0, x1, n_points), np.linspace(y0, y1, n_points)
    vertical = [np.c_[np.full(n_points, x), ys] for x in np.linspace(x0, x1, n_lines)]
    horizontal = [np.c_[xs, np.full(n_points, y)] for y in np.linspace(y0, y1, n_lines)]
    return np.array(vertical + horizontal)
