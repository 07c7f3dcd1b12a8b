"""The one place the tests look inside nbs_utils, at state no public answer shows.

- A panel's repaint path: a slider step should take the fast path, a blit of the data
  artists over a cached background with no full redraw pending. The panel's
  ``painter`` (:class:`nbs_utils.repaint.Painter`) says whether it can blit; the path a
  step took is read by holding back the full redraw for one step.
- ``geometry.linearly_separable``'s fallback search: the nearest hull points found from
  the LP's pairs, which the public answer normally does not need.

When that machinery moves or is renamed, this file is the only test code to change.
"""


def blitted(panel):
    """Whether the panel's last repaint was a blit: a cached background and nothing stale."""
    return panel.painter.can_blit


def repaint_path(panel, **values):
    """How moving to ``values`` repaints: ``"blit"`` (data artists only), ``"blit of whole
    axes"`` (animated axes, whose tick text costs as much as a full draw) or ``"full draw"``
    (limits or other static artists changed)."""
    canvas = panel.fig.canvas
    canvas.draw_idle = lambda: None  # Agg would draw at once: a fallback now stays stale
    try:
        panel.set(**values)
    finally:
        del canvas.draw_idle
    if not blitted(panel):
        return "full draw"
    return "blit of whole axes" if panel.painter.whole_axes else "blit"


def blits(panel, **values):
    """Whether moving to ``values`` repaints by blitting data artists only."""
    return repaint_path(panel, **values) == "blit"


def lp_fallback_gap(X, y):
    """Distance between the classes' nearest hull points as found from the LP's seed pairs
    (its separating direction, or its dual's meeting points) rather than the class means."""
    import numpy as np

    from nbs_utils.geometry import _lp_seed_pairs, _nearest_points

    X, y = np.asarray(X, float), np.asarray(y)
    P, Q = X[y == 1], X[y == 0]
    _, _, z = _nearest_points(P, Q, _lp_seed_pairs(X, 2.0 * y - 1.0, P, Q))
    return float(np.linalg.norm(z))
