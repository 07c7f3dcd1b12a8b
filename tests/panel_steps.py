"""Shared by the panel tests: does a slider step take the fast (blit) path? Is a point
inside a drawn region?"""

import numpy as np
from matplotlib.path import Path


def blits(panel, **values):
    """Whether moving to ``values`` repaints by blitting data artists only.

    No whole axes animated (their tick text costs as much as a full draw) and no full
    redraw pending (limits or other static artists unchanged).
    """
    canvas = panel.fig.canvas
    canvas.draw_idle = lambda: None  # Agg would draw at once: a fallback now stays stale
    try:
        panel.set(**values)
    finally:
        del canvas.draw_idle
    return panel.painter.can_blit and not panel.painter.whole_axes


def inside_region(path, points):
    """Whether each point lies in the region ``path`` fills (holes excluded).

    ``Path.contains_points`` ignores holes in a compound path; the fill does not. A point
    of nested, non-crossing outlines is filled when an odd number of them hold it.
    """
    count = sum(Path(ring).contains_points(points).astype(int) for ring in path.to_polygons())
    return np.asarray(count) % 2 == 1
