"""Notebook 04 panel: every layer of a trained net bending the data (Olah).

Left: the input plane with the data, the input grid and the net's decision regions.
Right: hidden layer ``l``'s representation ``(1 - t) z_l + t f(z_l)`` of the same points
and grid lines, in 2-D for width 2 and in 3-D for width 3 (wider layers through their
first 3 principal axes); at the last layer the output unit's line or plane. The math is
in :mod:`nbs_utils.representations`.
"""

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path
from mpl_toolkits.mplot3d.art3d import Line3DCollection, Poly3DCollection

from .. import plots
from ..activations import get
from ..geometry import linearly_separable
from ..language import _, label
from ..lessons.warped_grid import grid_lines
from ..nets import forward
from ..representations import layer_stages, morph, plane_in_box, principal_axes
from ..widgets import Panel, slider, toggle


class _NetView:
    """One trained net's layers, precomputed for the data points and the grid lines."""

    def __init__(self, training, X, lines):
        self.activation = training.activation
        self.layers = training.layers
        self.n_lines, self.n_per_line = len(lines), len(lines[0])
        points = np.concatenate([X, *lines])
        self.n_data = len(X)
        self.stages = layer_stages(training.layers, points, training.activation)
        self.depth = len(self.stages)
        self.projections = [
            principal_axes(H[: self.n_data])[0] if Z.shape[1] > 3 else None for Z, H in self.stages
        ]

    def width(self, layer):
        return self.stages[layer - 1][0].shape[1]

    def shown(self, layer, t):
        """``(data points, grid lines)`` of the representation, at most 3 columns."""
        Z = self.stages[layer - 1][0]
        H = morph(Z, t, self.activation)
        P = self.projections[layer - 1]
        full = H[: self.n_data]
        H = H if P is None else H @ P.T
        if H.shape[1] == 1:
            H = np.c_[H, np.zeros(len(H))]
        lines = H[self.n_data :].reshape(self.n_lines, self.n_per_line, -1)
        return full, H[: self.n_data], lines

    def logit(self, points):
        """The net's output logit at ``points``."""
        return forward(self.layers, points, activation=get(self.activation))[:, 0]


def layers_panel(trainings, X, y, net=None, layer=None, t=1.0, n_lines=11):
    """A toggle over trained nets (``{label: Training}``), a layer slider (0 = the input)
    and the morph ``t`` within the layer; defaults: the first net, its last layer, ``t = 1``."""
    X, y = np.asarray(X, float), np.asarray(y, int)
    labels = list(trainings)
    net = labels[0] if net is None else net
    pad = 0.15 * np.ptp(X, axis=0).max()
    box = tuple((float(lo - pad), float(hi + pad)) for lo, hi in zip(X.min(0), X.max(0)))
    lines = grid_lines(box, n_lines, n_points=61)
    views = {name: _NetView(trainings[name], X, lines) for name in labels}
    max_depth = max(v.depth for v in views.values())
    layer = max_depth if layer is None else layer

    fig, (ax_in, ax2) = plots.new_figure(2, width=4.4, height=4.2)
    ax3 = fig.add_subplot(1, 2, 2, projection="3d")
    # input plane: regions of the chosen net (class-1 outline over the class-0 colour)
    (x0, x1), (y0, y1) = box
    ax_in.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=plots.CLASS_CMAP(0), zorder=0))
    shade = ax_in.add_patch(PathPatch(Path(np.empty((0, 2))), facecolor=plots.CLASS_CMAP(1), lw=0))
    ax_in.add_collection(LineCollection(lines, colors=_line_colours(n_lines), lw=0.5, alpha=0.6))
    plots.scatter_classes(ax_in, X, y, size=14)
    ax_in.set(xlim=box[0], ylim=box[1], aspect="equal")
    plots.label_axes(ax_in, "input: data, grid, decision regions")
    gx, gy, grid_points = plots.grid(box, 101)

    grid2 = ax2.add_collection(LineCollection(lines, colors=_line_colours(n_lines), lw=0.6))
    points2 = plots.scatter_classes(ax2, X, y, size=10)
    (line2,) = ax2.plot([], [], color=plots.PALETTE["black"], lw=1.8, label=_("output unit's line"))
    ax2.set_aspect("equal")
    plots.label_axes(ax2, "", "$h_1$", "$h_2$")
    grid3 = ax3.add_collection(
        Line3DCollection(
            [np.c_[ln, np.zeros(len(ln))] for ln in lines], colors=_line_colours(n_lines), lw=0.5
        )
    )
    points3 = {
        c: ax3.scatter(*X[y == c].T, np.zeros((y == c).sum()), s=10, color=s["color"],
                       marker=s["marker"], depthshade=False)
        for c, s in plots.CLASS_STYLE.items()
    }  # fmt: skip
    plane = ax3.add_collection3d(
        Poly3DCollection([np.eye(3)], facecolor=plots.PALETTE["black"], alpha=0.2)
    )
    ax3.set(xlabel="$h_1$", ylabel="$h_2$", zlabel="$h_3$")
    ax3.view_init(elev=22, azim=-58)
    ax3.locator_params(nbins=4)  # fewer ticks: their labels do not collide
    # Lay out once with both axes shown, then freeze: constrained layout cannot place a
    # hidden 3-D axes, and the two take turns in the same place.
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    box2 = ax2.get_position()  # a little narrower: the 3-D z label stays inside the figure
    ax3.set_position([box2.x0, box2.y0, 0.92 * box2.width, box2.height])

    shown = {"net": None, "three": None, "stage": None}  # what the static artists show
    separable = {}  # (net, layer, t) -> whether a line (plane) separates the classes there

    def update(net, layer, t):
        view = views[net]
        layer = min(layer, view.depth)
        controls["t"].disabled = layer == 0  # the input has no morph
        if layer == 0:
            full, H, mapped = X, X, np.array(lines)
        else:
            full, H, mapped = view.shown(layer, t)
        three = H.shape[1] == 3
        if shown["three"] != three:
            ax2.set_visible(not three)
            ax3.set_visible(three)
            shown["three"] = three
        if shown["net"] != net:
            shade.set_path(
                plots.region_path(gx[0], gy[:, 0], view.logit(grid_points).reshape(gx.shape))
            )
            shown["net"] = net
        w, c = view.layers[-1][0][0], float(view.layers[-1][1][0])
        readout = layer == view.depth and t == 1.0 and view.projections[-1] is None
        if three:
            fresh = shown["stage"] != (net, layer)
            _show_3d(points3, grid3, plane, H, y, mapped, w, c, readout, fresh)
        else:
            plots.set_class_points(points2, H, y)
            grid2.set_segments(list(mapped))
            limits = _follow(ax2, H)
            xs, ys = plots.line_through_box(w, c, limits) if readout and len(w) == 2 else ([], [])
            finite = bool(np.all(np.isfinite(xs)))
            line2.set_data(xs if finite else [], ys if finite else [])
        shown["stage"] = (net, layer)
        heading = (
            _("layer {layer} of {depth}").format(layer=layer, depth=view.depth)
            if layer
            else _("the input x")
        )
        for ax in (ax2, ax3):
            if ax.get_title() != heading:
                ax.set_title(heading)
        key = (net, layer, round(t, 9) if layer else 0.0)
        if key not in separable:  # an exact LP: once per state, the slider revisits them
            separable[key] = linearly_separable(H if full.shape[1] > 3 else full, y).separable
        return _readout(net, view, layer, t, full, separable[key], y)

    controls = {
        "net": toggle("net", labels, net),
        "layer": slider("layer (0 = input)", 0, max_depth, 1, layer, integer=True),
        "t": slider("morph t within the layer", 0.0, 1.0, 0.05, t),
    }
    artists2, artists3 = [*points2.values(), grid2, line2], [*points3.values(), grid3, plane]
    animated = artists2 + artists3
    return Panel(fig, controls, update, animated)


def _line_colours(n_lines):
    return [plots.PALETTE["sky"]] * n_lines + [plots.PALETTE["orange"]] * n_lines


def _follow(ax, points):
    """Limits around the data that move only when they must, as in notebook 03."""
    return plots.set_sticky_limits(ax, points, margin=0.15, min_fill=0.4, square=True)


def _show_3d(points3, grid3, plane, H, y, mapped, w, c, readout_plane, fresh):
    for cls, artist in points3.items():
        P = H[y == cls]
        artist.set_offsets(P[:, :2])
        artist.set_3d_properties(P[:, 2], "z")
    grid3.set_segments(list(mapped))
    ax = grid3.axes
    current = [ax.get_xlim(), ax.get_ylim(), ax.get_zlim()]
    if fresh:  # another net or layer: limits around these data, not the last ones
        current = [(float(a), float(a) + 1e-9) for a in H.min(axis=0)]
    limits = plots.sticky_limits(current, H.min(axis=0), H.max(axis=0), margin=0.1, min_fill=0.6)
    if [tuple(map(float, c)) for c in current] != limits:
        ax.set(xlim=limits[0], ylim=limits[1], zlim=limits[2])
    lo, hi = np.array(limits).T
    polygon = plane_in_box(w, c, lo, hi) if readout_plane and len(w) == 3 else np.empty((0, 3))
    plane.set_visible(len(polygon) >= 3)
    if len(polygon) >= 3:
        plane.set_verts([polygon])


def _readout(net, view, layer, t, H, separable, y):
    """Where we are, whether the classes are linearly separable there and, at the last
    layer, how the output unit does. Wider than 3: the separability of what is shown
    (exact in many dimensions needs convex hulls there, far too slow for a slider)."""
    if layer == 0:
        where = _("the input")
    else:
        where = _("layer {layer} of {depth} (width {width}), t = {t}").format(
            layer=layer, depth=view.depth, width=view.width(layer), t=f"{t:.2f}"
        )
    projected = H.shape[1] > 3
    verdict = _("<b>linearly separable</b>") if separable else _("<b>not linearly separable</b>")
    here = _("in the 3 principal axes shown") if projected else _("here")
    text = _("{net} · {where}: classes {verdict} {here} (exact LP)").format(
        net=label(net), where=where, verdict=verdict, here=here
    )
    if layer == view.depth and t == 1.0:
        w, c = view.layers[-1]
        accuracy = np.mean(((H @ w.T + c)[:, 0] > 0) == (y == 1))
        unit = {1: _("threshold"), 2: _("line"), 3: _("plane")}.get(H.shape[1], _("hyperplane"))
        text += _("; the output {unit}: {accuracy} right").format(
            unit=unit, accuracy=f"{accuracy:.1%}"
        )
    return text
