"""The one place the tests look inside nbs_utils: private state no public name shows.

- A panel's repaint state (``nbs_utils.widgets``): a slider step should take the fast
  path, a blit of the data artists over a cached background with no full redraw pending.
  Nothing public says which path a step took.
- ``geometry.linearly_separable``'s fallback search: the nearest hull points found from
  the LP's pairs, which the public answer normally does not need.

When that machinery moves or is renamed, this file is the only test code to change. (The
repaint state is read from ``panel.painter`` where nbs_utils.repaint provides it, from the
panel's private attributes before; drop that fallback once repaint is merged.)
"""


def blitted(panel):
    """Whether the panel's last repaint was a blit: a cached background and nothing stale."""
    painter = getattr(panel, "painter", None)  # nbs_utils.repaint's public state (issue 16)
    if painter is not None:
        return painter.can_blit
    return panel._background is not None and not panel.fig.stale


def _whole_axes(panel):
    painter = getattr(panel, "painter", None)
    return painter.whole_axes if painter is not None else panel._whole_axes


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
    return "blit of whole axes" if _whole_axes(panel) else "blit"


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
