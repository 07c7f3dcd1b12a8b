"""Notebook 04 panels: universality by hand (Nielsen) and why the activation must not be a
polynomial (Leshno et al. 1993). The math is in :mod:`nbs_utils.lessons.universality`.

- :func:`nielsen_panel`: one pair of sliders per hidden unit (its step position
  ``s = -b / w`` and the height of the bump that starts there), the bumps, their sum and
  the target, with the L2 distance to the target and a challenge threshold.
- :func:`tower_figure`: the 2-D tower from four steps and a threshold unit.
- :func:`polynomial_activation_panel`: least-squares fits of ``sin`` by one hidden layer of
  a given width and activation; with ``z^2`` the fit never beats the best quadratic.
"""

import numpy as np
from matplotlib.collections import PolyCollection

from ..language import N_, _, label
from ..lessons.universality import (
    FEATURE_ACTIVATIONS,
    bump_parts,
    l2_distance,
    output_weights,
    polynomial_fit_rms,
    random_feature_fit,
    target,
    tower,
)
from ..plots import PALETTE, grid, label_axes, new_figure
from ..widgets import Panel, slider, toggle

MAX_BUMPS = 5
"""Bumps (hidden units) the Nielsen panel offers."""
DEFAULT_POSITIONS = (0.0, 0.2, 0.4, 0.6, 0.8)
"""Equal steps: bump ``i`` covers ``[i/5, (i+1)/5]``."""
DEFAULT_HEIGHTS = (0.25, 0.11, 0.49, 0.17, 0.77)
"""``f`` at the bumps' midpoints 0.1, 0.3, ..., 0.9, to two decimals (Nielsen's first guess)."""
CHALLENGE = 0.07
"""The challenge: an L2 distance to the target below this, with five bumps."""
BUMP_COLOURS = ("blue", "orange", "green", "purple", "sky")


def nielsen_panel(
    n_bumps=MAX_BUMPS, log_steepness=3.0, positions=DEFAULT_POSITIONS,
    heights=DEFAULT_HEIGHTS, threshold=CHALLENGE,
):  # fmt: skip
    """Sliders for the number of bumps, ``log10 w`` and each unit's ``(s_i, h_i)``.

    Unit ``i`` is ``sigma(w (x - s_i))`` with output weight ``h_i - h_{i-1}``; drawn are
    the target, each bump (filled, one colour each), their sum (the net's output) and the
    step positions; the title shows the L2 distance on [0, 1], the readout the weights
    and whether the distance is below ``threshold``.
    """
    positions, heights = list(map(float, positions)), list(map(float, heights))
    if len(positions) != MAX_BUMPS or len(heights) != MAX_BUMPS:
        raise ValueError(_("positions and heights need {n} values each").format(n=MAX_BUMPS))
    x = np.linspace(0.0, 1.0, 801)
    fig, ax = new_figure(width=7.6, height=3.6)
    ax.plot(x, target(x), color=PALETTE["black"], lw=2.2, label=_("target $f(x)$"))
    bumps = ax.add_collection(  # one filled polygon per bump, closed along y = 0
        PolyCollection(
            [_filled(x, np.zeros_like(x))] * MAX_BUMPS, facecolors=[PALETTE[c] for c in BUMP_COLOURS],
            edgecolors="none", alpha=0.4, label=_("bumps, one per unit"),
        )
    )  # fmt: skip
    (total,) = ax.plot(x, x, color=PALETTE["vermillion"], lw=2.0, label=_("net = sum of bumps"))
    (marks,) = ax.plot([], [], "|", color=PALETTE["black"], ms=14, mew=1.5, label=_("steps $s_i$"))
    ax.set(xlim=(0.0, 1.0), ylim=(-0.3, 1.1))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    label_axes(ax, "", "x", "value")

    def update(n_bumps, log_steepness, **pairs):
        w = 10.0**log_steepness
        s = np.array([pairs[f"s{i + 1}"] for i in range(n_bumps)])
        h = np.array([pairs[f"h{i + 1}"] for i in range(n_bumps)])
        parts = bump_parts(x, s, h, w)
        flat = np.zeros_like(x)
        bumps.set_verts([_filled(x, parts[i] if i < n_bumps else flat) for i in range(MAX_BUMPS)])
        for i in range(MAX_BUMPS):
            for name in (f"s{i + 1}", f"h{i + 1}"):  # unused units' sliders would do nothing
                controls[name].disabled = i >= n_bumps
        total.set_ydata(parts.sum(axis=0))
        marks.set_data(np.clip(s, 0.0, 1.0), np.full(n_bumps, -0.2))
        distance = l2_distance(s, h, w)
        met = distance < threshold
        ax.set_title(
            _("{n} units, w = {w}: distance to $f$ = {distance}").format(
                n=n_bumps, w=f"{w:.3g}", distance=f"{distance:.4f}"
            )
        )
        v = ", ".join(f"{vi:+.2f}" for vi in output_weights(h))
        verdict = (
            _("<b>under {threshold}: challenge met!</b>").format(threshold=threshold)
            if met
            else _("challenge: get under {threshold}").format(threshold=threshold)
        )
        return _("L2 distance {distance} ({verdict}). Output weights h_i − h_(i−1): {v}").format(
            distance=f"{distance:.4f}", verdict=verdict, v=v
        )

    controls = {
        "n_bumps": slider("bumps (units)", 1, MAX_BUMPS, 1, n_bumps, integer=True),
        "log_steepness": slider("log10 steepness w", 1.0, 4.0, 0.25, log_steepness),
    }
    for i, (s, h) in enumerate(zip(positions, heights)):
        controls[f"s{i + 1}"] = slider(_("unit {i}: step s{i}").format(i=i + 1), 0.0, 1.0, 0.01, s)
        controls[f"h{i + 1}"] = slider(
            _("unit {i}: height h{i}").format(i=i + 1), 0.0, 1.0, 0.01, h
        )
    return Panel(fig, controls, update, animated=[bumps, total, marks, ax.title])


def _filled(x, y):
    """The polygon under the curve ``(x, y)``, closed along ``y = 0``."""
    return np.r_[np.c_[x, y], [[x[-1], 0.0], [x[0], 0.0]]]


def tower_figure(square=((0.4, 0.6), (0.4, 0.6)), steepness=1000.0, threshold_steepness=50.0, n=61):
    """``(fig, (ax_steps, ax_tower))``: the sum of four steps (values 0, 1, 2) and the tower
    after the threshold unit ``sigma(w2 (sum - 3/2))``, as surfaces over [0, 1]^2."""
    X, Y, _points = grid(((0.0, 1.0), (0.0, 1.0)), n)
    steps, towers = tower(X, Y, square, steepness, threshold_steepness)
    fig, axes = new_figure(2, width=4.2, height=3.8, subplot_kw={"projection": "3d"})
    for ax, Z, title, top in [
        (axes[0], steps, N_("four steps: 2 on the square, 1 on the arms"), 2.0),
        (axes[1], towers, N_("after a threshold at 3/2: a tower"), 1.0),
    ]:
        ax.plot_surface(X, Y, Z, cmap="viridis", vmin=0.0, vmax=top, rstride=1, cstride=1, lw=0)
        ax.set(xlim=(0, 1), ylim=(0, 1), zlim=(0, top), xlabel="x")
        ax.set_ylabel("y", labelpad=6)
        ax.set(xticks=[0, 0.5, 1], yticks=[0.5, 1], zticks=np.arange(top + 1))  # none touching
        ax.set_zlabel(_("output"), labelpad=6)
        ax.set_title(_(title), fontsize="medium")
        ax.view_init(elev=30, azim=-60)
        ax.set_box_aspect(None, zoom=0.85)  # the z label and ticks inside the figure
    return fig, axes


def polynomial_activation_panel(activation="square", width=10, seed=0, n_points=801):
    """An activation toggle and a width slider: the least-squares one-hidden-layer fit of
    ``sin`` on [-pi, pi] (random hidden units, best output layer) against the best
    quadratic; the title gives both RMS errors."""
    x = np.linspace(-np.pi, np.pi, n_points)
    y = np.sin(x)
    quadratic = np.polynomial.Polynomial.fit(x, y, 2)(x)
    best_quadratic = polynomial_fit_rms(x, y, 2)
    fig, ax = new_figure(width=6.4, height=3.4)
    ax.plot(x, y, color=PALETTE["black"], lw=2.2, label=_("sin x"))
    (fit,) = ax.plot(
        x, y, color=PALETTE["vermillion"], lw=3.0, label=_("one hidden layer, least squares")
    )
    ax.plot(
        x, quadratic, color=PALETTE["blue"], lw=1.4, ls="--", label=_("best quadratic"), zorder=3
    )
    ax.set(xlim=(-np.pi, np.pi), ylim=(-1.6, 1.6))
    ax.legend(loc="upper left", fontsize="small")
    label_axes(ax, "", "x", "value")

    def update(activation, width):
        values, rms = random_feature_fit(x, y, width, activation, seed)
        fit.set_ydata(values)
        ax.set_title(
            _("{width} {activation} units: RMS error {rms} (best quadratic {best})").format(
                width=width,
                activation=label(activation),
                rms=f"{rms:.4f}",
                best=f"{best_quadratic:.4f}",
            )  # fmt: skip
        )
        if activation == "square":
            verdict = _("a polynomial activation: the net is a quadratic, however wide")
        else:
            verdict = _("not a polynomial: more units, smaller error")
        return _("{activation}, width {width}: RMS error {rms} — {verdict}").format(
            activation=label(activation), width=width, rms=f"{rms:.2e}", verdict=verdict
        )

    controls = {
        "activation": toggle("activation", list(FEATURE_ACTIVATIONS), activation),
        "width": slider("width (hidden units)", 1, 100, 1, width, integer=True),
    }
    return Panel(fig, controls, update, animated=[fit, ax.title])
