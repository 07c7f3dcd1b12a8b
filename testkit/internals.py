"""The one place the tests look inside a panel: its repaint state (``nbs_utils.widgets``).

A slider step should take the fast path: blit the data artists over a cached background,
with no full redraw pending. Nothing public says which path a step took, so this module
reads the panel's private repaint state; when that machinery moves or is renamed, this
file is the only test code to change.
"""


def blitted(panel):
    """Whether the panel's last repaint was a blit: a cached background and nothing stale."""
    return panel._background is not None and not panel.fig.stale


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
    return "blit of whole axes" if panel._whole_axes else "blit"


def blits(panel, **values):
    """Whether moving to ``values`` repaints by blitting data artists only."""
    return repaint_path(panel, **values) == "blit"
