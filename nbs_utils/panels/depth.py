"""Panels for notebook 04, depth vs width (claims C7, C8, C12).

- Universal approximation (Nielsen): bumps from pairs of steep sigmoids.
- The sawtooth (Telgarsky): ``t^k`` from ``k`` layers of 2 ReLUs.
- The width lab (Olah): decision regions of trained tanh nets of width 2 and 3.

The constructions are in :mod:`nbs_utils.lessons.depth`.
"""

import numpy as np

from ..activations import get
from ..geometry import count_linear_regions
from ..language import _, label
from ..lessons.depth import (
    bumps,
    max_error,
    parameter_count,
    sawtooth_layers,
    shallow_sawtooth_layers,
)
from ..lessons.universality import target
from ..nets import forward
from ..plots import CLASS_CMAP, PALETTE, grid, label_axes, legend_below, new_figure, scatter_classes
from ..widgets import Panel, slider, toggle

# --- universal approximation -------------------------------------------------------------


def approximation_panel(n_bumps=10, log_steepness=3.0, max_bumps=100):
    """Sliders for the number of bumps and ``log10`` of the steepness ``w``; the target,
    the approximation and the readout of the max error, updated in place."""
    x = np.linspace(0.0, 1.0, 1001)
    fig, ax = new_figure(width=6.0, height=3.6)
    ax.plot(x, target(x), color=PALETTE["black"], lw=2.5, label=_("target f(x)"))
    (approx,) = ax.plot(x, x, color=PALETTE["orange"], lw=1.6, label=_("sum of bumps"))
    ax.set_ylim(-0.1, 1.0)
    ax.legend(loc="upper left")
    label_axes(ax, "Bumps from pairs of steep sigmoids", "x", "value")

    def update(n_bumps, log_steepness):
        w = 10.0**log_steepness
        approx.set_ydata(bumps(x, n_bumps, w))
        return _("{n} bumps = {units} sigmoid units, w = {w:.3g}: max error {error:.3f}").format(
            n=n_bumps, units=2 * n_bumps, w=w, error=max_error(n_bumps, w)
        )

    controls = {
        "n_bumps": slider("number of bumps", 1, max_bumps, 1, n_bumps, integer=True),
        "log_steepness": slider("log10 steepness w", 0.0, 4.0, 0.25, log_steepness),
    }
    return Panel(fig, controls, update, animated=[approx])


# --- the sawtooth ------------------------------------------------------------------------


def sawtooth_panel(depth=3, max_depth=8):
    """A depth slider for the deep sawtooth ``t^k``: the curve (drawn through its exact
    kinks), and a readout of its pieces (counted exactly) and the units/parameters of
    the deep net vs the one-hidden-layer net computing the same function."""
    fig, ax = new_figure(width=6.0, height=3.4)
    (deep,) = ax.plot([0, 1], [0, 0], color=PALETTE["blue"], lw=1.5, label=_("deep: 2 units/layer"))
    (kinks,) = ax.plot([], [], "o", color=PALETTE["vermillion"], ms=3, label=_("kinks"))
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.05, 1.1)
    label_axes(ax, "The sawtooth t(t(...t(x)))", "x", "$t^k(x)$")
    legend_below(ax)

    relu = get("relu")

    def update(depth):
        deep_net, wide_net = sawtooth_layers(depth), shallow_sawtooth_layers(depth)
        xs = np.arange(2**depth + 1) / 2**depth
        ys = forward(deep_net, xs[:, None], activation=relu)[:, 0]
        deep.set_data(xs, ys)
        kinks.set_data(xs[1:-1], ys[1:-1])
        ax.set_title(
            _("The sawtooth $t^{{{k}}}$: {pieces} linear pieces").format(k=depth, pieces=2**depth)
        )
        pieces = count_linear_regions(deep_net[:-1], (0.0, 1.0))  # the ReLU layers
        deep_params, wide_params = parameter_count(deep_net), parameter_count(wide_net)
        return _(
            "depth {depth}: {pieces} pieces (exact count). Deep: {deep_units} units, "
            "{deep_params} parameters. One hidden layer: {wide_units} units, {wide_params} parameters."
        ).format(
            depth=depth, pieces=pieces, deep_units=2 * depth, deep_params=deep_params,
            wide_units=2**depth, wide_params=wide_params,
        )  # fmt: skip

    controls = {"depth": slider("depth k", 1, max_depth, 1, depth, integer=True)}
    return Panel(fig, controls, update, animated=[deep, kinks, ax.title])


# --- the width lab -----------------------------------------------------------------------


def width_lab_panel(trainings, X, y, box=((-2.5, 2.5), (-2.5, 2.5)), n=120):
    """A toggle over trained nets (``{label: Training}``) showing each one's decision
    regions (probability of class 1 > 1/2) over the data, with its training accuracy."""
    labels = list(trainings)
    xx, yy, P = grid(box, n)
    fig, ax = new_figure(width=4.4, height=4.0)
    image = ax.pcolormesh(xx, yy, np.zeros_like(xx), cmap=CLASS_CMAP, vmin=0, vmax=1)
    scatter_classes(ax, X, y, size=14)
    ax.set_aspect("equal")
    label_axes(ax, "Decision regions", "$x_1$", "$x_2$")

    def update(net):
        result = trainings[net]
        image.set_array((result.predict(P) > 0.5).astype(float).reshape(xx.shape))
        ax.set_title(_("Decision regions: {net}").format(net=label(net)))
        return _("{net}: training accuracy {accuracy:.1%}").format(
            net=label(net), accuracy=result.accuracy
        )

    return Panel(fig, {"net": toggle("net", labels, labels[0])}, update, [image, ax.title])
