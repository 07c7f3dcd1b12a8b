"""Panels for notebook 01: a deep stack versus its collapsed single layer, and the leaky slope."""

import numpy as np
from matplotlib.collections import LineCollection

from ..activations import get
from ..language import _, label
from ..lessons.collapse import turn_and_stretch_layers
from ..lessons.warped_grid import grid_lines
from ..nets import collapse, forward, random_layers
from ..plots import (
    PALETTE,
    fixed_width_yticks,
    label_axes,
    legend_below,
    new_figure,
    set_sticky_limits,
)
from ..widgets import Panel, slider, toggle

GRID_LINES = 9
POINTS_PER_LINE = 60
SQUARE = ((-1.0, 1.0), (-1.0, 1.0))
"""The input square whose grid the layers map."""


def _set_lines(lines, polylines):
    lines.set_segments(polylines)
    # limits move only when the grid leaves them or shrinks a lot
    set_sticky_limits(lines.axes, polylines.reshape(-1, 2), margin=0.3, min_fill=0.3)


def collapse_panel(depth=5, seed=0, activation="identity"):
    """A square grid pushed through ``depth`` random 2->2 layers, next to the collapsed map.

    The layers turn, stretch a little and shift
    (:func:`~nbs_utils.lessons.collapse.turn_and_stretch_layers`).

    Left: ``x -> layers(x)`` with ``activation`` between layers. Right: ``x -> W x + b``
    with ``(W, b) = collapse(layers)``. They coincide exactly when the activation is the
    identity; the readout gives ``W``, ``b`` and the largest gap between the two pictures.
    """
    grid = grid_lines(SQUARE, GRID_LINES, POINTS_PER_LINE)  # vertical lines, then horizontal
    colors = [PALETTE["orange"]] * GRID_LINES + [PALETTE["blue"]] * GRID_LINES
    fig, (ax_stack, ax_one) = new_figure(ncols=2, width=3.6, height=3.4)
    # one collection per picture (not 18 lines): a step draws each grid in one call
    stack_lines, one_lines = (
        ax.add_collection(LineCollection(grid, colors=colors, linewidths=1.2))
        for ax in (ax_stack, ax_one)
    )
    # dead ReLUs can map the whole grid to one point: zero-length lines draw nothing, a dot does
    (speck,) = ax_stack.plot([], [], "o", color=PALETTE["black"], markersize=6)
    label_axes(ax_one, "one layer: $W x + b$", "$y_1$", "$y_2$")
    title = label_axes(ax_stack, "", "$y_1$", "$y_2$").title
    for ax in (ax_stack, ax_one):
        ax.ticklabel_format(useOffset=False)
        ax.locator_params(axis="x", nbins=4)  # a grid shrunk to a speck has long tick labels
        fixed_width_yticks(ax)  # the limits follow the grid
    controls = {
        "depth": slider("layers", 1, 8, 1, depth, integer=True),
        "seed": slider("random seed", 0, 20, 1, seed, integer=True),
        "activation": toggle(
            _("between layers"), ["identity", "leaky_relu", "relu", "tanh"], activation
        ),
    }

    def update(depth, seed, activation):
        layers = turn_and_stretch_layers(depth, seed)
        act = get(activation, alpha=0.3) if activation == "leaky_relu" else get(activation)
        flat = grid.reshape(-1, 2)
        stacked = forward(layers, flat, activation=act).reshape(grid.shape)
        W, b = collapse(layers)
        one = (flat @ W.T + b).reshape(grid.shape)
        _set_lines(stack_lines, stacked)
        one_point = np.ptp(stacked.reshape(-1, 2), axis=0).max() <= 1e-12 * (
            1 + np.abs(stacked).max()
        )
        speck.set_data(*(stacked[:1, 0].T if one_point else ([], [])))
        _set_lines(one_lines, one)
        title.set_text(
            _("{depth} layers, {activation} between").format(
                depth=depth, activation=label(activation)
            )
        )
        gap = np.abs(stacked - one).max()
        verdict = (
            _("the stack <b>is</b> one affine map")
            if gap < 1e-9
            else _("the stack is <b>not</b> affine")
        )
        if one_point:
            verdict += _(" (the ReLUs cancel every change: the whole square lands on one point)")
        matrix = np.array2string(W, precision=2, suppress_small=True)
        return _("W = {W}, b = {b}; max gap {gap:.1e}: {verdict}").format(
            W=matrix, b=np.round(b, 2), gap=gap, verdict=verdict
        )

    animated = [stack_lines, one_lines, speck, title]  # the title names depth and activation
    return Panel(fig, controls, update, animated)


def leaky_slope_panel(alpha=0.0, seed=0, sizes=(1, 16, 16, 1)):
    """A random 1-D net with leaky ReLU of slope ``alpha`` between layers, and its collapse.

    At ``alpha = 1`` the leaky ReLU is the identity, so the curve lies on the collapsed line.
    The readout gives the largest distance between the two.
    """
    layers = random_layers(list(sizes), seed=seed)
    x = np.linspace(-3.0, 3.0, 601)[:, None]
    W, b = collapse(layers)
    line_y = (x @ W.T + b)[:, 0]
    # y limits fixed over the whole slider range (cheap: 21 forward passes)
    curves = [
        forward(layers, x, activation=get("leaky_relu", alpha=a)) for a in np.linspace(0, 1, 21)
    ]
    lo, hi = (
        min(line_y.min(), *(c.min() for c in curves)),
        max(line_y.max(), *(c.max() for c in curves)),
    )
    fig, ax = new_figure(width=5.0, height=3.4)
    ax.plot(x[:, 0], line_y, color=PALETTE["black"], lw=1, ls="--", label=_("collapsed: $W x + b$"))
    (curve,) = ax.plot(x[:, 0], line_y, color=PALETTE["vermillion"], lw=2, label=_("network"))
    ax.set_ylim(lo - 0.1 * (hi - lo + 1e-9), hi + 0.1 * (hi - lo + 1e-9))
    label_axes(ax, "leaky ReLU network on a line", "$x$", "$f(x)$")
    legend_below(ax)
    controls = {"alpha": slider("negative slope α", 0.0, 1.0, 0.05, alpha)}

    def update(alpha):
        y = forward(layers, x, activation=get("leaky_relu", alpha=alpha))[:, 0]
        curve.set_ydata(y)
        return _("α = {alpha:.2f}: max |network − line| = {gap:.3g}").format(
            alpha=alpha, gap=np.abs(y - line_y).max()
        )

    return Panel(fig, controls, update, animated=[curve])
