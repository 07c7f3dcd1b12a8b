"""Shared by the panel tests: does a slider step take the fast (blit) path?"""


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
    return panel._background is not None and not panel.fig.stale and not panel._whole_axes
