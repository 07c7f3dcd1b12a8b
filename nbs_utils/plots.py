"""Matplotlib plumbing: a colour-blind-safe palette, class markers, artists updated in place,
and axis limits that move only when the data needs them to.

Colours are Okabe & Ito's palette; the two classes differ in marker shape as well as colour.
"""

import re

import contourpy
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import offset_copy

from ._validate import as_box, as_count, as_float_array, as_labels, as_number, as_points
from .language import N_, _
from .repaint import quick_frames

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


MAX_FIGURE_WIDTH = 8.0
"""Widest figure, in inches, that fits JupyterLab's output area (at 100 dpi, 1 inch = 100 px).

In a 1280 x 800 window with the file browser open (JupyterLab's default layout) the
output area is 848 px wide; 800 px leave a margin for a wider file browser or a scroll bar.
"""


def new_figure(ncols=1, nrows=1, width=4.2, height=3.8, **kwargs):
    """``(fig, axes)`` for a panel: ``width`` x ``height`` inches per axes, no pyplot display.

    A grid wider than :data:`MAX_FIGURE_WIDTH` is scaled down to it, heights alike (same
    shape). Under ``%matplotlib widget`` the canvas is an ipywidget that a panel places
    itself, so the figure is created with interactive display off; it shows no header,
    footer or toolbar: the ipympl toolbar would float over the tick labels, and its
    pan/zoom fight the limits a panel sets (each figure is sized to be read whole).
    """
    ncols, nrows = as_count(ncols, "ncols"), as_count(nrows, "nrows")
    width, height = as_number(width, "width", low=0.1), as_number(height, "height", low=0.1)
    shrink = min(1.0, MAX_FIGURE_WIDTH / (width * ncols))
    with plt.ioff():
        fig, axes = plt.subplots(
            nrows, ncols, figsize=(width * ncols * shrink, height * nrows * shrink), **kwargs
        )
    fig.set_layout_engine(_SettledLayout())
    # Whole pixels: 4.6 in at 100 dpi is 459.99999999999994 px, a 460 px picture that the
    # browser would squeeze into a 459 px canvas.
    pixels = np.round(fig.get_size_inches() * fig.dpi)
    fig.set_size_inches(np.nextafter(pixels / fig.dpi, np.inf))
    canvas = fig.canvas
    quick_frames(canvas)  # under ipympl: every frame whole (see nbs_utils.repaint)
    for attr, value in [
        ("header_visible", False), ("footer_visible", False), ("toolbar_visible", False)
    ]:  # fmt: skip
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


def legend_below(ax, ncols=2, fontsize=8, **kwargs):
    """A legend under ``ax``'s x label: off the data, wherever a slider moves it.

    Anchored a fixed distance (in inches) below the axes, clear of one line of tick
    labels and an x label; the figure's constrained layout then makes room for it.
    """
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    below = offset_copy(ax.transAxes, ax.get_figure(root=True), y=-LABEL_BAND, units="inches")
    return ax.legend(
        loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=below, ncols=ncols,
        fontsize=fontsize, borderaxespad=0.0, **kwargs,
    )  # fmt: skip


LABEL_BAND = 0.5
"""Inches below an axes taken by its x tick labels and x label (for :func:`legend_below`)."""


def fixed_width_yticks(ax):
    """Turn ``ax``'s y tick labels upright, so their width no longer depends on the numbers.

    A panel lays its figure out once; when a slider moves the y limits, horizontal labels
    such as ``-0.75`` can be wider than those the layout made room for and stick out.
    Upright labels take their length along the axis, so there are at most six of them
    (matplotlib's default spacing assumes one line of text per label: they would touch).
    """
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    ax.tick_params(axis="y", labelrotation=90)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
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


def margin_band(ax, w, b, margin, box, color=PALETTE["black"], n=200):
    """Draw the separating line ``w . x + b = 0`` in ``box``, dashed margin lines at
    ``w . x + b = +-margin``, and the band between them shaded.

    The shade keeps a thin margin visible where the three lines merge at the plot's
    scale. Returns ``(lines, band)``: the three lines and the band's patch.
    """
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    margin = as_number(margin, "margin", low=0.0)
    lines = [
        ax.plot(*line_through_box(w, b - offset, box), color=color, ls=style, lw=1)[0]
        for offset, style in [(0.0, "-"), (margin, "--"), (-margin, "--")]
    ]
    (x0, y0), (x1, y1), _ = as_box(box, dims=(2,))
    xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
    gx, gy = np.meshgrid(xs, ys)
    score = margin - np.abs(np.asarray(w, float) @ np.stack([gx.ravel(), gy.ravel()]) + b)
    band = ax.add_patch(
        PathPatch(
            region_path(xs, ys, score.reshape(gx.shape)), facecolor=color, alpha=0.18,
            edgecolor="none",
        )
    )  # fmt: skip
    return lines, band


def zoom_inset(ax, box, bounds=(0.42, 0.42, 0.55, 0.55)):
    """An inset axes showing ``box = ((x0, x1), (y0, y1))`` of ``ax`` magnified, its frame
    marked on ``ax``; ``bounds`` ``(x, y, width, height)`` in fractions of ``ax``.

    Draw into it what ``ax`` shows (its limits stay at ``box``): for a detail, such as a
    thin margin, that the whole plot's scale makes too small to see.
    """
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    (x0, y0), (x1, y1), _ = as_box(box, dims=(2,))
    inset = ax.inset_axes(bounds, xlim=(x0, x1), ylim=(y0, y1))
    inset.tick_params(labelsize=7)
    ax.indicate_inset_zoom(inset, edgecolor="0.3")
    return inset


def grid(box, n=200):
    """An ``n`` x ``n`` grid over ``box``: returns ``(xx, yy, points)`` with points (n*n, 2)."""
    (x0, y0), (x1, y1), _ = as_box(box, dims=(2,))
    n = as_count(n, "n")
    xx, yy = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    return xx, yy, np.c_[xx.ravel(), yy.ravel()]


def sticky_limits(current, lo, hi, margin=0.25, min_fill=0.35, square=False, min_span=1e-3):
    """Axis limits ``[(a, b), ...]`` for data spanning ``lo[i] <= v <= hi[i]`` on axis ``i``.

    ``current`` is kept while it holds the data and the data fills at least ``min_fill``
    of it on some axis, so small data changes leave the limits (and the tick labels) alone.
    Otherwise the limits grow to hold the data and the old limits, padded on each side by
    ``margin`` times the data's largest span (going back and forth between two states then
    settles at once); if the data would fill less than ``min_fill`` of that, they start
    afresh around the data. ``square``: equal spans on all axes (same centre).
    """
    cur = as_float_array(current, "current limits")
    if cur.size == 0 or cur.size % 2 or np.any(cur.reshape(-1, 2) @ [-1, 1] <= 0):
        raise ValueError(f"current limits must be (a, b) pairs with a < b, got {current!r}")
    cur = cur.reshape(-1, 2)
    lo, hi = as_float_array(lo, "lo"), as_float_array(hi, "hi")
    if lo.size not in (1, len(cur)) or hi.size not in (1, len(cur)) or np.any(lo > hi):
        raise ValueError(f"lo and hi need one value per axis ({len(cur)}) with lo <= hi")
    lo, hi = np.broadcast_to(lo.ravel(), len(cur)), np.broadcast_to(hi.ravel(), len(cur))
    margin = as_number(margin, "margin", low=0.0)
    min_fill = as_number(min_fill, "min_fill", low=0.0, high=1.0)
    span = np.maximum(hi - lo, min_span)

    def fill(limits):
        return (span / (limits[:, 1] - limits[:, 0])).max()

    def padded(a, b):
        limits = np.c_[a - margin * span.max(), b + margin * span.max()]
        if square:
            centre, half = limits.mean(axis=1), (limits[:, 1] - limits[:, 0]).max() / 2
            limits = np.c_[centre - half, centre + half]
        return limits

    if np.all(cur[:, 0] <= lo) and np.all(hi <= cur[:, 1]) and fill(cur) >= min_fill:
        return [(float(a), float(b)) for a, b in cur]
    limits = padded(np.minimum(lo, cur[:, 0]), np.maximum(hi, cur[:, 1]))
    if fill(limits) < min_fill:
        limits = padded(lo, hi)
    return [(float(a), float(b)) for a, b in limits]


def set_sticky_limits(ax, points, which="xy", **kwargs):
    """Give ``ax`` :func:`sticky_limits` for ``points`` (rows; columns x, y or only ``which``).

    Sets only limits that change: setting any makes the next repaint a full one.
    Returns the limits, ``[(x0, x1), (y0, y1)]`` for ``which="xy"``.
    """
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    if which not in ("x", "y", "xy"):
        raise ValueError(f"which must be 'x', 'y' or 'xy', got {which!r}")
    points = as_float_array(points, "points")
    if points.size == 0 or points.size % len(which):
        raise ValueError(
            f"points need {len(which)} coordinate(s) per row, got shape {points.shape}"
        )
    points = points.reshape(-1, len(which))
    getters = {"x": ax.get_xlim, "y": ax.get_ylim}
    setters = {"x": ax.set_xlim, "y": ax.set_ylim}
    current = [getters[k]() for k in which]
    limits = sticky_limits(current, points.min(axis=0), points.max(axis=0), **kwargs)
    for k, old, new in zip(which, current, limits):
        if tuple(map(float, old)) != new:
            setters[k](*new)
    return limits


def _points_and_labels(X, y):
    """Checked 2-D points ``X`` (n, 2) and their n labels in {0, 1}."""
    X = as_points(X)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 columns to plot, got shape {X.shape}")
    return X, as_labels(y, len(X))


def alt_text(fig):
    """A one-line description of ``fig`` from its titles and axis labels (for ``alt`` text).

    ``"Figure: <suptitle>; <title> (x: <x label>, y: <y label>); ..."``, one entry per
    visible axes (a colorbar by its label), mathtext spelled plainly (``$h_{OR}$`` ->
    ``h_OR``, ``$\\theta$`` -> ``theta``): what a page shown without a kernel says in place
    of the picture.
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    parts = [_plain(fig.get_suptitle())] if fig.get_suptitle() else []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        title = " ".join(_plain(ax.get_title(loc)) for loc in ("left", "center", "right"))
        labels = [("x", ax.get_xlabel()), ("y", ax.get_ylabel())]
        if hasattr(ax, "get_zlabel"):
            labels.append(("z", ax.get_zlabel()))
        axes = ", ".join(f"{name}: {_plain(text)}" for name, text in labels if text.strip())
        if ax.get_label() == "<colorbar>":
            title = title.strip() or "colour scale"
        entry = " ".join(filter(None, [title.strip(), f"({axes})" if axes else ""]))
        if entry:
            parts.append(entry)
    return "Figure: " + ("; ".join(parts) if parts else "untitled")


def _plain(text):
    """Matplotlib mathtext as plain words: no ``$``, backslashes or braces."""
    text = re.sub(r"\\[,;:! ]", " ", text.replace("$", ""))  # spacing commands
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)
    return " ".join(re.sub(r"[{}\\]", "", text).split())
