"""Panels for notebook 04, depth vs width (claims C7, C8, C12).

- Universal approximation (Nielsen): a steep sigmoid ``sigma(w (x - s))`` is a step at
  ``s``; two steps make a bump; ``n`` bumps of heights ``f(midpoint)`` approximate ``f``.
- The sawtooth (Telgarsky): the tent ``t(x) = 2 relu(x) - 4 relu(x - 1/2)`` composed
  ``k`` times uses 2 units per layer and has ``2^k`` linear pieces on [0, 1]; one hidden
  layer needs ``2^k`` units for the same function.
- The width lab (Olah): decision regions of trained tanh nets of width 2 and 3.
"""

import numpy as np

from .._validate import as_float_array
from ..activations import get
from ..geometry import count_linear_regions
from ..language import _
from ..plots import CLASS_CMAP, PALETTE, grid, label_axes, legend_below, new_figure, scatter_classes
from ..universality import target
from ..widgets import Panel, slider, toggle

# --- universal approximation -------------------------------------------------------------


def bumps(x, n_bumps, steepness, f=target):
    """One hidden layer of ``2 n`` steep sigmoids approximating ``f`` on [0, 1].

    Bump ``i`` covers ``[i/n, (i+1)/n]`` with height ``h_i = f((i + 1/2)/n)``:
    ``sum_i h_i (sigma(w (x - s_i)) - sigma(w (x - s_{i+1})))`` with steps at
    ``s_i = i/n``, except that the outermost steps sit at -1 and 2 (outside [0, 1]) so the
    ends are not halved. ``sigma`` is the overflow-free sigmoid of
    :mod:`nbs_utils.activations`, so any steepness ``w`` is safe.
    """
    x = as_float_array(x, "x")
    n = int(n_bumps)
    steps = np.r_[-1.0, np.arange(1, n) / n, 2.0]
    heights = f((np.arange(n) + 0.5) / n)
    sig = get("sigmoid", k=float(steepness))
    S = sig(x[:, None] - steps[None, :])  # (len(x), n + 1) step outputs
    return (S[:, :-1] - S[:, 1:]) @ heights


def max_error(n_bumps, steepness, n_points=2001):
    """``max |bumps(x) - f(x)|`` over ``n_points`` evenly spaced x in [0, 1]."""
    x = np.linspace(0.0, 1.0, n_points)
    return float(np.max(np.abs(bumps(x, n_bumps, steepness) - target(x))))


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


def sawtooth_layers(k):
    """``k`` hidden ReLU layers of 2 units whose last pair gives ``t^k`` (the tent map
    ``t(x) = 2 relu(x) - 4 relu(x - 1/2)`` composed ``k`` times), and the output layer.

    Returns ``(hidden, output)``: ``hidden`` a list of ``(W, b)``, ``output = (W, b)``
    with ``W = [[2, -4]]``; every later layer reads ``t = 2 h_1 - 4 h_2`` from the last.
    """
    first = (np.array([[1.0], [1.0]]), np.array([0.0, -0.5]))
    rest = (np.array([[2.0, -4.0], [2.0, -4.0]]), np.array([0.0, -0.5]))
    return [first] + [rest] * (k - 1), (np.array([[2.0, -4.0]]), np.array([0.0]))


def shallow_sawtooth_layers(k):
    """One hidden layer of ``2^k`` ReLUs computing the same ``t^k`` on [0, 1].

    ``t^k`` is 0 at even multiples of ``2^-k``, 1 at odd ones, linear between; its slope
    starts at ``2^k`` and flips sign at each of the ``2^k - 1`` inner kinks, so
    ``t^k(x) = sum_i c_i relu(x - x_i)`` with kinks ``x_i = i 2^-k`` and
    ``c_0 = 2^k``, ``c_i = +-2^(k+1)``.
    """
    n = 2**k
    kinks = np.arange(n) / n
    c = np.r_[n, 2 * n * (-1.0) ** np.arange(1, n)]
    return [(np.ones((n, 1)), -kinks)], (c[None, :], np.array([0.0]))


def relu_net(hidden, output, x):
    """Output of ReLU ``hidden`` layers then the linear ``output`` layer at points ``x``."""
    H = as_float_array(x, "x").reshape(-1, 1)
    for W, b in hidden:
        H = np.maximum(H @ W.T + b, 0.0)
    return (H @ output[0].T + output[1])[:, 0]


def parameter_count(hidden, output):
    """Number of weights and biases in all layers."""
    return sum(W.size + b.size for W, b in [*hidden, output])


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

    def update(depth):
        xs = np.arange(2**depth + 1) / 2**depth
        ys = relu_net(*sawtooth_layers(depth), xs)
        deep.set_data(xs, ys)
        kinks.set_data(xs[1:-1], ys[1:-1])
        ax.set_title(
            _("The sawtooth $t^{{{k}}}$: {pieces} linear pieces").format(k=depth, pieces=2**depth)
        )
        pieces = count_linear_regions(sawtooth_layers(depth)[0], (0.0, 1.0))
        deep_params = parameter_count(*sawtooth_layers(depth))
        wide_params = parameter_count(*shallow_sawtooth_layers(depth))
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
        ax.set_title(_("Decision regions: {net}").format(net=net))
        return _("{net}: training accuracy {accuracy:.1%}").format(
            net=net, accuracy=result.accuracy
        )

    return Panel(fig, {"net": toggle("net", labels, labels[0])}, update, [image, ax.title])
