"""Panels for notebook 05, the activation zoo: explorer, saturation, vanishing gradients.

Every builder returns a :class:`~nbs_utils.widgets.Panel` whose update changes line and
scatter data in place (``set_ydata``, ``set_data``, ``set_offsets``); nothing is redrawn
from scratch, and no slider value produces NaN, inf or a floating-point warning.
"""

import numpy as np

from .._validate import as_count, as_number, as_points
from ..activations import NAMES, get
from ..gradient_flow import GRADIENT_FLOOR, layer_gradient_norms, saturated_fraction
from ..language import _, label
from ..lessons.zoo import PARAMETERS, activation_for, normalise, raw_measurements
from ..nets import collapse, forward, random_layers
from ..plots import PALETTE, fixed_width_yticks, label_axes, legend_below, new_figure, sticky_limits
from ..widgets import Panel, slider, toggle

PARAMETER_GRIDS = {"alpha": np.linspace(0.0, 1.0, 21), "k": np.arange(0.25, 8.001, 0.25)}
"""Every value the ``alpha`` and ``k`` sliders can take."""


def _padded(lo, hi, pad=0.05):
    """``(lo, hi)`` widened by ``pad`` of the span on both sides (matplotlib's default margin)."""
    span = max(hi - lo, 1e-9)
    return (float(lo - pad * span), float(hi + pad * span))


def activation_explorer_panel(name="leaky_relu", alpha=0.1, k=1.0, x_max=4.0, seed=0):
    """Left: ``f`` and ``f'`` of the chosen activation; right: a random 1-16-16-1 net using it.

    The right plot also shows the single affine map that the net's layers collapse to
    without activations (:func:`~nbs_utils.nets.collapse`). Leaky ReLU with ``alpha = 1``
    is the identity, and the net then coincides with that straight line (claim C3).
    """
    x_max = as_number(x_max, "x_max", low=0.5, high=50.0)
    x = np.linspace(-x_max, x_max, 401)
    layers = random_layers([1, 16, 16, 1], seed=seed, scale=1.0)
    W, b = collapse(layers)
    affine = (x[:, None] @ W.T + b)[:, 0]

    fig, (ax_f, ax_net) = new_figure(ncols=2, width=4.4, height=3.4)
    ax_f.axhline(0, color="0.8", lw=0.8)
    ax_f.axvline(0, color="0.8", lw=0.8)
    ax_f.plot(x, x, color="0.6", lw=1, ls=":", label=_("identity $x$"))
    (f_line,) = ax_f.plot(x, x, color=PALETTE["blue"], lw=2.2, label="$f(x)$")
    (df_line,) = ax_f.plot(x, x, color=PALETTE["vermillion"], lw=1.8, ls="--", label="$f'(x)$")
    label_axes(ax_f, "activation and derivative", "$x$", "value")
    legend_below(ax_f, ncols=3)
    ax_net.plot(x, affine, color="0.5", lw=1.2, ls="--", label=_("collapsed affine map"))
    (net_line,) = ax_net.plot(x, affine, color=PALETTE["green"], lw=2.2, label=_("net output"))
    label_axes(ax_net, "random 1-16-16-1 net with $f$", "input $x$", "output")
    legend_below(ax_net)

    for ax in (ax_f, ax_net):
        ax.set_xlim(*_padded(-x_max, x_max))
        fixed_width_yticks(ax)  # y limits change with the activation
    controls = {
        "name": toggle("activation", list(NAMES), name),
        "alpha": slider("leaky/elu alpha", 0.0, 1.0, 0.05, alpha),
        "k": slider("sigmoid steepness k", 0.25, 8.0, 0.25, k),
    }
    y_limits = {}

    def limits_over_parameter(name):
        """y limits of both plots holding the curves for every value of the name's slider."""
        if name not in y_limits:
            grid = PARAMETER_GRIDS.get(PARAMETERS.get(name), [0.0])
            acts = [activation_for(name, v, v) for v in grid]
            f_values = [x] + [a(x) for a in acts] + [a.derivative(x) for a in acts]
            nets = [affine] + [forward(layers, x[:, None], activation=a)[:, 0] for a in acts]
            y_limits[name] = [
                _padded(min(v.min() for v in vs), max(v.max() for v in vs))
                for vs in (f_values, nets)
            ]
        return y_limits[name]

    def update(name, alpha, k):
        act = activation_for(name, alpha, k)
        controls["alpha"].disabled = PARAMETERS.get(name) != "alpha"
        controls["k"].disabled = PARAMETERS.get(name) != "k"
        f_line.set_ydata(act(x))
        df_line.set_ydata(act.derivative(x))
        net = forward(layers, x[:, None], activation=act)[:, 0]
        net_line.set_ydata(net)
        # fixed while only alpha or k moves; set only on a new activation
        for ax, limits in zip((ax_f, ax_net), limits_over_parameter(name)):
            if ax.get_ylim() != limits:
                ax.set_ylim(*limits)
        gap = float(np.max(np.abs(net - affine)))
        verdict = _("the net IS this straight line: linear") if gap < 1e-9 else _("bent: nonlinear")
        return _(
            "<b>{act}</b>: f(x) = {formula}. max |net − collapsed affine map| = {gap:.3g} → {verdict}"
        ).format(act=repr(act), formula=act.formula, gap=gap, verdict=verdict)

    return Panel(fig, controls, update, animated=[f_line, df_line, net_line])


SHOWN_ROWS = 40
"""Rows of data whose units are drawn as dots in :func:`saturation_panel`."""


def saturation_panel(X_raw=None, scale=1.0, name="sigmoid", width=64, threshold=0.01, seed=0):
    """How input scale drives sigmoid/tanh units into their flat regions.

    The columns of ``X_raw`` (default :func:`~nbs_utils.lessons.zoo.raw_measurements`) are normalised (zero mean, unit variance), multiplied by the
    ``input scale`` slider and fed to ``width`` random units ``z = x W^T + b`` (standard
    deviation ``1/sqrt(d)``). Left: ``f`` with the ``(z, f(z))`` of every unit on
    :data:`SHOWN_ROWS` seeded rows (``z`` clipped to the axis; all rows would be ~20 000
    overlapping dots, slow to draw on every step); right: the share of units (over all
    rows) with ``|f'(z)| < threshold`` against the scale.
    """
    X_raw = raw_measurements(seed=seed) if X_raw is None else X_raw
    X = normalise(as_points(X_raw, "X_raw"))
    width = as_count(width, "width")
    (W, b) = random_layers([X.shape[1], width], seed=seed)[0]
    Z1 = X @ W.T  # pre-activations at scale 1 without bias: z(scale) = scale * Z1 + b
    shown = np.random.default_rng(seed).permutation(len(X))[:SHOWN_ROWS]
    z_max = 10.0
    z = np.linspace(-z_max, z_max, 401)
    scales = np.linspace(0.1, 30.0, 300)

    fig, (ax_f, ax_s) = new_figure(ncols=2, width=4.4, height=3.4)
    (f_line,) = ax_f.plot(z, z, color=PALETTE["blue"], lw=2, label="$f(z)$")
    (df_line,) = ax_f.plot(z, z, color=PALETTE["vermillion"], lw=1.5, ls="--", label="$f'(z)$")
    ax_f.axhline(threshold, color="0.5", lw=0.8, ls=":", label=f"$f' = {threshold}$")
    dots = ax_f.scatter(np.zeros(Z1[shown].size), np.zeros(Z1[shown].size), s=18, alpha=0.5,
                        color=PALETTE["purple"], linewidths=0, zorder=3,
                        label=_("units $(z, f(z))$"))  # fmt: skip
    ax_f.set_xlim(-z_max * 1.05, z_max * 1.05)
    label_axes(ax_f, "where the units sit", "pre-activation $z$ (clipped to ±10)", "value")
    legend_below(ax_f)
    fixed_width_yticks(ax_f)  # y limits change with the activation
    for act_name, color in [("sigmoid", PALETTE["blue"]), ("tanh", PALETTE["orange"])]:
        act = get(act_name)
        share = [saturated_fraction(act, s * Z1 + b, threshold) for s in scales]
        ax_s.plot(scales, share, color=color, lw=2, label=label(act_name))
    ax_s.axvline(1.0, color="0.6", lw=1, ls=":", label=_("normalised (scale 1)"))
    marker = ax_s.axvline(scale, color=PALETTE["black"], lw=1, label=_("current scale"))
    ax_s.set_ylim(-0.02, 1.02)
    label_axes(
        ax_s,
        _("share of saturated units ($|f'| < {threshold}$)").format(threshold=threshold),
        _("input scale"),
        _("share"),
    )
    legend_below(ax_s)

    controls = {
        "scale": slider("input scale", 0.1, 30.0, 0.1, scale),
        "name": toggle("activation", ["sigmoid", "tanh"], name),
    }

    def update(scale, name):
        act = get(name)
        f_line.set_ydata(act(z))
        df_line.set_ydata(act.derivative(z))
        ylim = (-0.05, 1.05) if name == "sigmoid" else (-1.05, 1.05)
        if ax_f.get_ylim() != ylim:
            ax_f.set_ylim(*ylim)
        Z = scale * Z1 + b
        z_shown = Z[shown].ravel()
        dots.set_offsets(np.c_[np.clip(z_shown, -z_max, z_max), act(z_shown)])
        marker.set_xdata([scale, scale])
        share = saturated_fraction(act, Z, threshold)
        return _(
            "input scale {scale:.1f}: <b>{share:.0%}</b> of the {name} units have "
            "|f'(z)| &lt; {threshold} (saturated)"
        ).format(scale=scale, share=share, name=label(name), threshold=threshold)

    return Panel(fig, controls, update, animated=[f_line, df_line, dots, marker])


VANISHING_NAMES = ("sigmoid", "tanh", "relu")


def vanishing_gradient_panel(depth=10, gain=1.4, max_depth=30, width=32, seed=0):
    """Per-layer gradient norms ``||dLoss/db_l||`` (log scale) for sigmoid, tanh and ReLU stacks.

    Sliders: the depth of the stack and the weight ``gain`` (weights have standard
    deviation ``gain / sqrt(width)``). Norms are floored at
    :data:`~nbs_utils.gradient_flow.GRADIENT_FLOOR`, so the log axis never sees zero.
    """
    max_depth = as_count(max_depth, "max_depth", minimum=2)
    colors = {"sigmoid": PALETTE["blue"], "tanh": PALETTE["orange"], "relu": PALETTE["green"]}
    markers = {"sigmoid": "o", "tanh": "s", "relu": "^"}
    fig, ax = new_figure(width=6.0, height=3.6)
    lines = {
        name: ax.plot(
            [1], [1], color=colors[name], marker=markers[name], ms=4, lw=1.8, label=label(name)
        )[0]  # fmt: skip
        for name in VANISHING_NAMES
    }
    ax.set_yscale("log")
    fig.get_layout_engine().set(w_pad=0.1)  # room for wider labels (10^-12) when limits move
    ax.legend(loc="lower right", fontsize=8)
    label_axes(ax, "gradient reaching each layer", "layer $l$ (1 = input side)",
               r"$\|\partial\, \mathrm{loss} / \partial b_l\|$")  # fmt: skip

    controls = {
        "depth": slider("depth", 1, max_depth, 1, depth, integer=True),
        "gain": slider("weight gain", 0.5, 4.0, 0.1, gain),
    }

    def update(depth, gain):
        layer = np.arange(1, depth + 1)
        ratios = []
        lo, hi = np.inf, 0.0
        for name, line in lines.items():
            norms = layer_gradient_norms(get(name), depth, width=width, gain=gain, seed=seed)
            line.set_data(layer, norms)
            lo, hi = min(lo, norms.min()), max(hi, norms.max())
            ratios.append(f"{label(name)} {norms[0] / norms[-1]:.1e}")
        # Limits move only when the data leaves them or shrinks a lot:
        # x ends at a multiple of 5 layers, y at whole decades around the norms.
        x_top = _sticky_top(ax.get_xlim()[1] - 0.5, depth)
        decades = sticky_limits([np.log10(ax.get_ylim())], np.log10(lo), np.log10(hi), 0.15, 0.4)[0]
        y_limits = (10.0 ** np.floor(decades[0]), 10.0 ** np.ceil(decades[1]))
        if ax.get_xlim() != (0.5, x_top + 0.5):
            ax.set_xlim(0.5, x_top + 0.5)
        if ax.get_ylim() != y_limits:
            ax.set_ylim(*y_limits)
        return _("first layer / last layer gradient: {ratios} (floor {floor})").format(
            ratios=", ".join(ratios), floor=GRADIENT_FLOOR
        )

    return Panel(fig, controls, update, animated=list(lines.values()))


def _sticky_top(top, n, step=5):
    """The last layer shown for ``n`` layers: ``top`` while ``n <= top`` and ``n`` fills over
    40 % of it, else ``n`` plus room for a few more, rounded up to a multiple of ``step``."""
    if n <= top and n > 0.4 * top:
        return top
    return float(step * np.ceil(1.25 * n / step))


def zoo_gallery_figure(x_max=5.0):
    """Static gallery: one small axes per activation in ``NAMES`` with ``f`` and ``f'``."""
    x_max = as_number(x_max, "x_max", low=0.5, high=50.0)
    x = np.linspace(-x_max, x_max, 401)
    ncols = 3
    nrows = -(-len(NAMES) // ncols)
    fig, axes = new_figure(ncols=ncols, nrows=nrows, width=2.9, height=2.3)
    axes = np.asarray(axes).ravel()
    for ax, name in zip(axes, NAMES):
        act = get(name)
        ax.axhline(0, color="0.85", lw=0.8)
        ax.axvline(0, color="0.85", lw=0.8)
        ax.plot(x, act(x), color=PALETTE["blue"], lw=2, label="$f$")
        ax.plot(x, act.derivative(x), color=PALETTE["vermillion"], lw=1.5, ls="--", label="$f'$")
        label_axes(ax, f"{label(name)}: {act.formula}", "$x$", "$f$, $f'$")
        ax.title.set_fontsize(8)
    axes[0].legend(loc="upper left", fontsize=8)
    for ax in axes[len(NAMES) :]:
        ax.set_visible(False)
    return fig
