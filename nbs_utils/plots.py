"""Matplotlib plumbing: a colour-blind-safe palette, class markers, artists updated in place.

Colours are Okabe & Ito's palette; the two classes differ in marker shape as well as colour.
"""

import contourpy
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.path import Path

from ._validate import as_box, as_count, as_float_array, as_labels, as_number, as_points
from .frames import quick_frames
from .language import N_, _

PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
"""Okabe-Ito colours, safe for the common forms of colour blindness."""

CLASS_STYLE = {
    0: {"color": PALETTE["blue"], "marker": "o", "label": N_("class 0")},
    1: {"color": PALETTE["vermillion"], "marker": "^", "label": N_("class 1")},
}
"""Marker and colour per class label: circles for 0, triangles for 1."""

CLASS_CMAP = plt.matplotlib.colors.ListedColormap(["#cfe3f1", "#f7d9c4"])
"""Pale class colours for decision-region backgrounds (0 -> blue, 1 -> vermillion)."""


def region_path(x, y, score):
    """Where ``score > 0`` on a grid, as one :class:`~matplotlib.path.Path` (holes included).

    ``score[i, j]`` is the value at ``(x[j], y[i])``. The outline is contourpy's filled
    contour of ``score`` between 0 and infinity (marching squares: straight between grid
    points, so exact wherever ``score`` is affine on a grid cell); an empty path if
    ``score <= 0`` everywhere. For decision regions that change on every slider step:
    drawn as a :class:`~matplotlib.patches.PathPatch` over a background in the other
    class's colour, it costs about a tenth of an image of the same regions, and its
    edges are smooth instead of pixel steps.
    """
    x, y = as_float_array(x, "x", ndim=1), as_float_array(y, "y", ndim=1)
    z = as_float_array(score, "score", ndim=2)
    if z.shape != (len(y), len(x)) or min(z.shape) < 2:
        raise ValueError(
            f"score must have shape (len(y), len(x)) = ({len(y)}, {len(x)}), both >= 2; "
            f"got {z.shape}"
        )
    if np.any(np.diff(x) <= 0) or np.any(np.diff(y) <= 0):
        raise ValueError("x and y must be strictly increasing")
    generator = contourpy.contour_generator(x, y, z, fill_type=contourpy.FillType.OuterCode)
    points, codes = generator.filled(0.0, np.inf)
    if not points:
        return Path(np.empty((0, 2)))
    return Path(np.concatenate(points), np.concatenate(codes))


class _SettledLayout(ConstrainedLayoutEngine):
    """Constrained layout that is final on the first draw.

    Axes with a fixed aspect shrink when drawn, and plain constrained layout only takes
    that into account on the next draw: a figure's first picture (the one the browser
    shows first) would sit a few pixels off its later ones.
    """

    def execute(self, fig):
        super().execute(fig)
        for ax in fig.axes:
            ax.apply_aspect()
        return super().execute(fig)


def new_figure(ncols=1, nrows=1, width=4.2, height=3.8, **kwargs):
    """``(fig, axes)`` for a panel: ``width`` x ``height`` inches per axes, no pyplot display.

    Under ``%matplotlib widget`` the canvas is an ipywidget that a panel places itself,
    so the figure is created with interactive display off.
    """
    ncols, nrows = as_count(ncols, "ncols"), as_count(nrows, "nrows")
    width, height = as_number(width, "width", low=0.1), as_number(height, "height", low=0.1)
    with plt.ioff():
        fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows), **kwargs)
    fig.set_layout_engine(_SettledLayout())
    # Whole pixels: 4.6 in at 100 dpi is 459.99999999999994 px, a 460 px picture that the
    # browser would squeeze into a 459 px canvas.
    pixels = np.round(fig.get_size_inches() * fig.dpi)
    fig.set_size_inches(np.nextafter(pixels / fig.dpi, np.inf))
    canvas = fig.canvas
    quick_frames(canvas)  # under ipympl: every frame whole (see nbs_utils.frames)
    for attr, value in [("header_visible", False), ("footer_visible", False)]:
        if hasattr(canvas, attr):
            setattr(canvas, attr, value)
    return fig, axes


def label_axes(ax, title, xlabel="$x_1$", ylabel="$x_2$"):
    """Give ``ax`` a title and axis labels (every figure in the course has all three).

    Each text is looked up in the chosen language's catalogue (:mod:`nbs_utils.language`),
    so titles given by a notebook's code are translated too when they have an entry.
    """
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    ax.set_title(_(title))
    ax.set_xlabel(_(xlabel))
    ax.set_ylabel(_(ylabel))
    return ax


def scatter_classes(ax, X, y, size=22, **kwargs):
    """One scatter artist per class, styled by :data:`CLASS_STYLE`; returns ``{label: artist}``.

    Update them in place with :func:`set_class_points`.
    """
    X, y = _points_and_labels(X, y)
    artists = {}
    for label, style in CLASS_STYLE.items():
        pts = X[y == label]
        artists[label] = ax.scatter(
            pts[:, 0], pts[:, 1], s=size, edgecolors="white", linewidths=0.4,
            zorder=3, **{**style, "label": _(style["label"])}, **kwargs,
        )  # fmt: skip
    return artists


def set_class_points(artists, X, y):
    """Move the class scatters from :func:`scatter_classes` to new positions ``X``."""
    X, y = _points_and_labels(X, y)
    for label, artist in artists.items():
        artist.set_offsets(X[y == label])


def line_through_box(w, b, box):
    """End points of the line ``w . x + b = 0`` clipped to ``box = ((x0, x1), (y0, y1))``.

    Returns ``(xs, ys)`` of two points, or two NaN points if the line misses the box
    (matplotlib then draws nothing).
    """
    (x0, y0), (x1, y1), _ = as_box(box, dims=(2,))
    w = as_float_array(w, "w", ndim=1)
    if w.shape != (2,):
        raise ValueError(f"w must have 2 entries (w1, w2), got {w.shape[0]}")
    (w1, w2), b = w, as_number(b, "b")
    pts = []
    if abs(w2) > 1e-12:  # crossings with the vertical sides
        pts += [(x, -(w1 * x + b) / w2) for x in (x0, x1)]
    if abs(w1) > 1e-12:  # crossings with the horizontal sides
        pts += [(-(w2 * yy + b) / w1, yy) for yy in (y0, y1)]
    tol = 1e-9 * (1 + abs(x1 - x0) + abs(y1 - y0))
    pts = [p for p in pts if x0 - tol <= p[0] <= x1 + tol and y0 - tol <= p[1] <= y1 + tol]
    if len(pts) < 2:
        return np.full(2, np.nan), np.full(2, np.nan)
    pts = np.array(pts)
    i, j = np.unravel_index(np.argmax(((pts[:, None] - pts[None]) ** 2).sum(-1)), (len(pts),) * 2)
    return pts[[i, j], 0], pts[[i, j], 1]


def grid(box, n=200):
    """An ``n`` x ``n`` grid over ``box``: returns ``(xx, yy, points)`` with points (n*n, 2)."""
    (x0, y0), (x1, y1), _ = as_box(box, dims=(2,))
    n = as_count(n, "n")
    xx, yy = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    return xx, yy, np.c_[xx.ravel(), yy.ravel()]


def _points_and_labels(X, y):
    """Checked 2-D points ``X`` (n, 2) and their n labels in {0, 1}."""
    X = as_points(X)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 columns to plot, got shape {X.shape}")
    return X, as_labels(y, len(X))
