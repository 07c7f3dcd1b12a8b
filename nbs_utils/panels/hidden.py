"""Notebook 03 panels: what two hidden units do to the band data (C6), and ReLU regions (C7).

The hidden points ``h_t = (1 - t) z + t act(z)``, ``z = W x + b``, come from
:func:`nbs_utils.lessons.hidden.hidden_points`. A readout says whether the classes are
linearly separable in hidden space (exact LP) and gives the max margin.
"""

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path

from .._validate import as_float_array
from ..geometry import linearly_separable
from ..language import N_, _, label
from ..lessons.hidden import ACTIVATIONS, BOX, C6_B, C6_W, activation_patterns, hidden_points
from ..lessons.warped_grid import grid_lines
from ..plots import (
    CLASS_CMAP,
    PALETTE,
    grid,
    label_axes,
    legend_below,
    line_through_box,
    new_figure,
    region_path,
    scatter_classes,
    set_class_points,
    set_sticky_limits,
)
from ..widgets import Panel, slider, toggle


def _follow(ax, points):
    """Square limits around ``points`` that move only when they must."""
    return set_sticky_limits(ax, points, margin=0.15, min_fill=0.4, square=True)


def _set_line(line, w, b, box):
    """Show ``line`` as ``w . h + b = 0`` clipped to ``box``, or hide it if it misses."""
    xs, ys = line_through_box(w, b, box)
    visible = bool(np.all(np.isfinite(xs)))
    line.set_data(xs if visible else [], ys if visible else [])
    line.set_visible(visible)


def _separator_lines(ax):
    """The max-margin line and its two margin lines (dashed), initially empty."""
    solid = ax.plot([], [], color=PALETTE["black"], lw=1.8, label=_("max-margin line"))[0]
    dashed = [ax.plot([], [], color=PALETTE["black"], lw=0.9, ls="--")[0] for _ in range(2)]
    return [solid, *dashed]


def _show_separator(lines, result, box):
    """Draw ``result``'s max-margin line and margins in ``box``; hide them if not separable."""
    if not result.separable:
        for line in lines:
            line.set_data([], [])
            line.set_visible(False)
        return
    for line, offset in zip(lines, (0.0, result.margin, -result.margin)):
        _set_line(line, result.w, result.b - offset, box)


def _three_plots():
    """``(fig, axes)``: three square-ish plots in a row, within the output area's width.

    Padding around the plots for tick labels that grow when the sticky limits move after
    the layout; label them with :func:`_label_small`.
    """
    fig, axes = new_figure(3, width=2.65, height=3.2)
    fig.get_layout_engine().set(w_pad=0.1)
    return fig, axes


def _label_small(ax, *labels):
    """:func:`label_axes` with the title a size smaller (each of three plots is 2.65" wide)."""
    label_axes(ax, *labels)
    ax.title.set_fontsize("medium")
    return ax


def _warped_grid(ax, lines_in):
    """One line collection for the input grid lines (vertical lines sky, horizontal orange).

    One artist, not one per line: a slider step then draws the grid in one call.
    """
    half = len(lines_in) // 2
    colors = [PALETTE["sky"]] * half + [PALETTE["orange"]] * (len(lines_in) - half)
    lines = ax.add_collection(LineCollection(lines_in, colors=colors, linewidths=0.7))
    ax.set_aspect("equal")
    _label_small(ax, N_("warped grid: input grid in h"), "$h_1$", "$h_2$")
    return lines


def _map_grid(lines, lines_in, W, b, activation, t=1.0):
    """Move the warped grid to the hidden images of the input grid lines."""
    mapped = hidden_points(lines_in.reshape(-1, 2), W, b, activation, t)
    lines.set_segments(mapped.reshape(lines_in.shape))
    _follow(lines.axes, mapped)


def _verdict(result):
    if result.separable:
        return _("<b>separable</b>, max margin {margin:.3f}").format(margin=result.margin)
    return _("<b>not separable</b>: no straight line splits the two classes")


def morph_panel(X, y, activation="identity", t=1.0, W=C6_W, b=C6_B, n_lines=13):
    """Activation toggle + morph slider ``t``: input space, hidden space, warped grid.

    The hidden scatter shows ``h_t = (1 - t) z + t act(z)`` with the max-margin line when
    the classes are separable there; the warped grid maps the input grid lines through
    the same ``h_t`` (ConvNetJS's hidden-space picture). Defaults: the static figure of
    the activation at ``t = 1``.
    """
    X, y = as_float_array(X, "X"), as_float_array(y, "y").astype(int)
    lines_in = grid_lines(BOX, n_lines)
    fig, (ax_in, ax_h, ax_g) = _three_plots()

    for k, line in enumerate(lines_in):
        colour = PALETTE["sky"] if k < n_lines else PALETTE["orange"]
        ax_in.plot(line[:, 0], line[:, 1], color=colour, lw=0.6, alpha=0.6)
    scatter_classes(ax_in, X, y, size=12)
    for row, bias, name in zip(W, b, ("$z_1 = 0$", "$z_2 = 0$")):
        xs, ys = line_through_box(row, bias, BOX)
        ax_in.plot(xs, ys, color=PALETTE["black"], lw=1.2, ls="--", label=name)
    ax_in.set(xlim=BOX[0], ylim=BOX[1], aspect="equal")
    _label_small(ax_in, N_("input space and its grid"))
    legend_below(ax_in)

    H = hidden_points(X, W, b, activation, t)
    hidden = scatter_classes(ax_h, H, y, size=12)
    separator = _separator_lines(ax_h)
    ax_h.set_aspect("equal")
    _label_small(ax_h, N_("hidden: $(1 - t)\\,z + t\\,f(z)$"), "$h_1$", "$h_2$")  # t: readout
    legend_below(ax_h)

    warped = _warped_grid(ax_g, lines_in)

    def update(activation, t):
        controls["t"].disabled = activation == "identity"  # h_t = z for every t: nothing to morph
        H = hidden_points(X, W, b, activation, t)
        set_class_points(hidden, H, y)
        limits = _follow(ax_h, H)
        result = linearly_separable(H, y)
        _show_separator(separator, result, limits)
        _map_grid(warped, lines_in, W, b, activation, t)
        controls["t"].disabled = activation == "identity"  # (1 - t) z + t z = z: t does nothing
        formula = f"h = (1 - t) z + t {activation}(z)"
        return _("{formula}, t = {t:.2f}: {verdict} in hidden space").format(
            formula=formula, t=t, verdict=_verdict(result)
        )

    controls = {
        "activation": toggle("activation", ACTIVATIONS, activation),
        "t": slider("morph t (0 = linear)", 0.0, 1.0, 0.05, t),
    }
    animated = [*hidden.values(), *separator, warped]
    return Panel(fig, controls, update, animated)


def weights_panel(X, y, activation="relu", W=C6_W, b=C6_B, resolution=121, n_lines=13):
    """Sliders for both hidden units' weights and biases: break and repair separability.

    Left: the input plane with the units' lines ``z_i = 0`` and, when the hidden points
    are separable, the class each input gets from the max-margin readout
    ``w . act(W x + b) + c > 0`` shaded. Middle: the hidden points ``act(W x + b)``.
    Right: the warped grid; it unfolds from a curve once the units look in two directions.
    """
    X, y = as_float_array(X, "X"), as_float_array(y, "y").astype(int)
    W0, b0 = as_float_array(W, "W"), as_float_array(b, "b")
    (x0, x1), (y0, y1) = BOX
    gx, gy, grid_points = grid(BOX, resolution)
    xs, ys = gx[0], gy[:, 0]
    lines_in = grid_lines(BOX, n_lines)
    fig, (ax_in, ax_h, ax_g) = _three_plots()

    # the class-0 colour under the class-1 region; both hidden when not separable
    shade_0 = ax_in.add_patch(
        Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=CLASS_CMAP(0), edgecolor="none", zorder=0)
    )
    shade_1 = ax_in.add_patch(  # its outline is set by update
        PathPatch(Path(np.empty((0, 2))), facecolor=CLASS_CMAP(1), edgecolor="none", zorder=0.5)
    )
    scatter_classes(ax_in, X, y, size=12)
    unit_lines = [
        ax_in.plot(
            [], [], color=PALETTE[c], lw=2, ls=ls, label=_("unit {i}: $z_{i} = 0$").format(i=i + 1)
        )[0]
        for i, (c, ls) in enumerate([("green", "-"), ("purple", "--")])
    ]
    ax_in.set(xlim=BOX[0], ylim=BOX[1], aspect="equal")
    _label_small(ax_in, N_("input: the units' lines"))
    legend_below(ax_in, fontsize=7)

    hidden = scatter_classes(ax_h, hidden_points(X, W0, b0, activation), y, size=12)
    separator = _separator_lines(ax_h)
    ax_h.set_aspect("equal")
    title_h = _label_small(ax_h, "", "$h_1$", "$h_2$").title
    warped = _warped_grid(ax_g, lines_in)

    def update(activation, w11, w12, b1, w21, w22, b2):
        W = np.array([[w11, w12], [w21, w22]])
        b = np.array([b1, b2])
        for line, row, bias in zip(unit_lines, W, b):
            _set_line(line, row, bias, BOX)
        H = hidden_points(X, W, b, activation)
        set_class_points(hidden, H, y)
        limits = _follow(ax_h, H)
        title_h.set_text(_("hidden: {activation}(W x + b)").format(activation=activation))
        _map_grid(warped, lines_in, W, b, activation)
        result = linearly_separable(H, y)
        _show_separator(separator, result, limits)
        shade_0.set_visible(result.separable)
        shade_1.set_visible(result.separable)
        if result.separable:
            score = hidden_points(grid_points, W, b, activation) @ result.w + result.b
            shade_1.set_path(region_path(xs, ys, score.reshape(gx.shape)))
        return _("{activation}: {verdict} in hidden space").format(
            activation=label(activation), verdict=_verdict(result)
        )

    def weight(name, value):
        return slider(name, -2.0, 2.0, 0.1, float(value))

    controls = {
        "activation": toggle("activation", ACTIVATIONS, activation),
        "w11": weight(_("unit 1: w11"), W0[0, 0]),
        "w12": weight(_("unit 1: w12"), W0[0, 1]),
        "b1": weight(_("unit 1: b1"), b0[0]),
        "w21": weight(_("unit 2: w21"), W0[1, 0]),
        "w22": weight(_("unit 2: w22"), W0[1, 1]),
        "b2": weight(_("unit 2: b2"), b0[1]),
    }
    animated = [shade_0, shade_1, *unit_lines, *hidden.values(), *separator, warped]
    return Panel(fig, controls, update, animated)


REGIONS_TITLE = N_("regions of the ReLU units")
"""The default title of :func:`regions_figure` (shown in the chosen language)."""


def regions_figure(W, b, box=BOX, title=REGIONS_TITLE, resolution=400):
    """``(fig, ax)``: the input plane coloured by the units' on/off pattern, lines drawn.

    Each region is labelled with its pattern (unit 1 first; 1 = on), so regions are told
    apart by text as well as colour.
    """
    W, b = as_float_array(W, "W"), as_float_array(b, "b")
    (x0, x1), (y0, y1) = box
    gx, gy, points = grid(box, resolution)
    ids = activation_patterns(points, W, b)
    seen, index = np.unique(ids, return_inverse=True)
    fig, ax = new_figure(1, width=5.0, height=5.0)
    colours = [PALETTE[c] for c in ("sky", "orange", "green", "yellow", "purple", "blue")]
    cmap = ListedColormap(colours)
    ax.imshow(
        (index % len(colours)).reshape(gx.shape), extent=(x0, x1, y0, y1), origin="lower",
        cmap=cmap, vmin=0, vmax=len(colours) - 1, alpha=0.45, interpolation="nearest",
    )  # fmt: skip
    for row, bias in zip(W, b):
        xs, ys = line_through_box(row, bias, box)
        ax.plot(xs, ys, color=PALETTE["black"], lw=1.2)
    ax.set(xlim=box[0], ylim=box[1], aspect="equal")
    label_axes(ax, title)
    bits = ["".join(str((pattern >> i) & 1) for i in range(len(b))) for pattern in seen]
    _label_regions(ax, points, index, bits, W, b)
    return fig, ax


def _label_regions(ax, points, index, texts, W, b, fontsize=7):
    """Write ``texts[k]`` in region ``k`` (the ``points`` with ``index == k``) cut by the lines
    ``w_i . x + b_i = 0``, each label clear of every line and of the other labels.

    A label goes at its region's point farthest from the lines and the axes' edges if it fits there (its box
    ``|x - c| <= (h_x, h_y)`` misses line ``i`` when ``|w_i . c + b_i| > |w_i1| h_x + |w_i2| h_y``);
    the labels of regions too small for them go to the nearest free point, with a line to
    the region. Returns the text artists, ``texts[k]`` first.
    """
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    norms = np.linalg.norm(W, axis=1)
    with np.errstate(divide="ignore"):  # a zero row draws no line: infinitely far
        to_lines = np.min(np.abs(points @ W.T + b) / norms, axis=1, initial=np.inf)
    to_edges = np.min(np.abs(points[:, :, None] - [[x0, x1], [y0, y1]]), axis=(1, 2))
    distance = np.minimum(to_lines, to_edges)
    spots = [points[index == k][np.argmax(distance[index == k])] for k in range(len(texts))]
    artists = [ax.text(*spot, text, ha="center", va="center", fontsize=fontsize,
                       family="monospace") for spot, text in zip(spots, texts)]  # fmt: skip
    ax.figure.draw_without_rendering()  # the labels' sizes, in data units, after the layout
    to_data = ax.transData.inverted()
    half = [np.ptp(to_data.transform(t.get_window_extent().get_points()), axis=0) * 0.6 for t in artists]  # fmt: skip
    placed = []

    def free(centres, h):
        """Which ``centres`` can hold a label of half-size ``h``: in the axes, off every line
        and off the labels already placed."""
        ok = np.all(np.abs(centres @ W.T + b) > np.abs(W) @ h, axis=1)
        ok &= np.all((centres - h > (x0, y0)) & (centres + h < (x1, y1)), axis=1)
        for c, hc in placed:
            ok &= np.any(np.abs(centres - c) > h + hc, axis=1)
        return ok

    for k in np.argsort([-distance[index == k].max() for k in range(len(texts))]):
        spot, h = spots[k], half[k]
        if not free(spot[None], h)[0]:
            room = free(points, h)
            if room.any():
                target = points[room][np.argmin(np.sum((points[room] - spot) ** 2, axis=1))]
                artists[k].remove()
                artists[k] = ax.annotate(texts[k], spot, target, ha="center", va="center",
                    fontsize=fontsize, family="monospace",
                    arrowprops={"arrowstyle": "-", "lw": 0.6, "shrinkA": 0, "shrinkB": 0})  # fmt: skip
                spot = target
        placed.append((spot, h))
    return artists
