"""Hand-builder panel for XOR with threshold units (notebook 02, claim C5).

The net has one hidden threshold unit and a skip connection from the inputs to the output:

    h = H(w1 x1 + w2 x2 + b_h)
    y = H(v1 x1 + v2 x2 + v_h h + b_y)

with the Heaviside step ``H(z) = 1 if z > 0 else 0`` (so ``H(0) = 0``). The seed post's
solution is ``h = H(x1 + x2 - 1.5)`` (an AND unit) and ``y = H(x1 + x2 - 2 h - 0.5)``.
"""

import numpy as np
from matplotlib.collections import PolyCollection

from .._validate import as_float_array
from ..activations import get
from ..datasets import XOR_X, XOR_Y
from ..geometry import cut_polygon
from ..language import N_, _
from ..plots import (
    CLASS_CMAP,
    PALETTE,
    label_axes,
    line_through_box,
    new_figure,
    scatter_classes,
)
from ..widgets import Panel, slider

SEED_WEIGHTS = {"w1": 1.0, "w2": 1.0, "b_h": -1.5, "v1": 1.0, "v2": 1.0, "v_h": -2.0, "b_y": -0.5}
"""The seed's solution: h = H(x1 + x2 - 1.5), y = H(x1 + x2 - 2h - 0.5)."""

WEIGHT_RANGE = (-3.0, 3.0, 0.1)
"""(min, max, step) of every slider."""

LABELS = {
    "w1": N_("hidden: weight of x1"),
    "w2": N_("hidden: weight of x2"),
    "b_h": N_("hidden: bias"),
    "v1": N_("output: weight of x1"),
    "v2": N_("output: weight of x2"),
    "v_h": N_("output: weight of h"),
    "b_y": N_("output: bias"),
}
"""Slider descriptions, one per weight and bias."""

TABLE_HEADER = ("x1", "x2", "h", "y", "XOR", N_("right?"))
"""Columns of the truth table in the readout."""

BOX = ((-0.5, 1.5), (-0.5, 1.5))
"""The drawn input square around the four XOR points."""

_DECIMALS = 9  # weights live on a 0.1 grid; see skip_net


def skip_net(X, w1, w2, b_h, v1, v2, v_h, b_y):
    """Hidden and output values ``(h, y)`` of the one-hidden-unit skip net on the rows of ``X``.

    ``h = H(w1 x1 + w2 x2 + b_h)`` and ``y = H(v1 x1 + v2 x2 + v_h h + b_y)`` with
    ``H(0) = 0``. Pre-activations are rounded to 1e-9 first, so floating-point noise such
    as ``0.1 + 0.2 - 0.3 = 5.6e-17`` cannot flip ``H(0)`` to 1 for slider weights.
    """
    step = get("step")
    X = as_float_array(X, "X")
    h = step(np.round(X @ np.array([w1, w2]) + b_h, _DECIMALS))
    y = step(np.round(X @ np.array([v1, v2]) + v_h * h + b_y, _DECIMALS))
    return h, y


def y_one_polygons(w1, w2, b_h, v1, v2, v_h, b_y, box=BOX):
    """Where the skip net outputs ``y = 1`` in ``box``: a list of convex polygons ``(m, 2)``.

    ``h`` is constant on each side of the hidden line ``w1 x1 + w2 x2 + b_h = 0``, so
    there the output's pre-activation ``v1 x1 + v2 x2 + v_h h + b_y`` is affine and
    ``y = 1`` on one side of a second line. Cutting the box by the hidden line, then each
    side by its output line, gives the regions exactly (on the lines themselves
    ``H(0) = 0`` decides, which an area does not show).
    """
    (x0, x1), (y0, y1) = box
    square = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=float)
    w, v = np.array([w1, w2], dtype=float), np.array([v1, v2], dtype=float)
    polygons = []
    for side in cut_polygon(square, w, b_h):
        h = float(side.mean(axis=0) @ w + b_h > 0)
        bias = v_h * h + b_y
        polygons += [p for p in cut_polygon(side, v, bias) if p.mean(axis=0) @ v + bias > 0]
    return polygons


def _line(w, b, box):
    """The clipped line ``w . x + b = 0``, or empty data when it misses the box."""
    xs, ys = line_through_box(w, b, box)
    return ([], []) if np.isnan(xs).any() else (xs, ys)


def _readout(weights, h, y):
    wrong = np.flatnonzero(y != XOR_Y)
    f = {k: f"{v:+.1f}" for k, v in weights.items()}
    formulas = (
        f"h = H({f['w1']}·x1 {f['w2']}·x2 {f['b_h']}), "
        f"y = H({f['v1']}·x1 {f['v2']}·x2 {f['v_h']}·h {f['b_y']})"
    )
    if wrong.size == 0:
        verdict = _("<b>XOR solved</b>: all four rows of the truth table are right.")
    else:
        rows = ", ".join(
            _("({x1:.0f}, {x2:.0f}) gives {y:.0f}").format(x1=XOR_X[i, 0], x2=XOR_X[i, 1], y=y[i])
            for i in wrong
        )
        verdict = _("<b>{right} of 4 rows right</b>; wrong: {rows}.").format(
            right=4 - wrong.size, rows=rows
        )
    return f"{verdict}<br><code>{formulas}</code>{truth_table_html(h, y)}"


def truth_table_html(h, y):
    """The truth table as HTML: x1, x2, h, y, XOR and "right?", wrong rows shaded orange.

    Shown in the panel's readout, where the browser lays it out: drawing the same table
    into the figure re-rendered a dozen cells of text on every slider step.
    """
    cell = "padding:0 0.7em;border:1px solid #999"
    head = "".join(f'<th style="{cell}">{_(t)}</th>' for t in TABLE_HEADER)
    rows = []
    for (x1, x2), hi, yi, target in zip(XOR_X, h, y, XOR_Y):
        right = yi == target
        shade = "" if right else f' style="background:{PALETTE["orange"]}"'  # untranslated: HTML
        values = [f"{x1:.0f}", f"{x2:.0f}", f"{hi:.0f}", f"{yi:.0f}", f"{target}"]
        values.append(_("yes") if right else _("<b>no</b>"))
        rows.append(
            f"<tr{shade}>" + "".join(f'<td style="{cell}">{v}</td>' for v in values) + "</tr>"
        )
    return (
        '<table style="border-collapse:collapse;text-align:center;margin-top:0.3em">'
        f"<caption style='text-align:left'>{_('truth table')}</caption><tr>{head}</tr>{''.join(rows)}</table>"
    )


def xor_builder_panel(weights=None, box=BOX):
    """A :class:`~nbs_utils.widgets.Panel` with one slider per weight and bias of the skip net.

    The figure: the decision regions of ``y`` over ``box`` (pale blue y = 0, pale
    vermillion y = 1), the hidden unit's line ``w1 x1 + w2 x2 + b_h = 0`` (dashed) and the
    four XOR points, with a cross on each point the net gets wrong. The readout says when
    XOR is solved and shows the live truth table (:func:`truth_table_html`). ``weights``
    (default :data:`SEED_WEIGHTS`) sets the starting slider values. The regions are exact
    polygons (:func:`y_one_polygons`) laid on an axes painted in the y = 0 colour.
    """
    start = dict(SEED_WEIGHTS)
    if weights is not None:
        unknown = set(weights) - set(start)
        if unknown:
            raise ValueError(
                _("unknown weight names {names}; known: {known}").format(
                    names=sorted(unknown), known=list(start)
                )
            )
        start.update({k: float(v) for k, v in weights.items()})
    lo, hi, step = WEIGHT_RANGE
    controls = {name: slider(LABELS[name], lo, hi, step, value) for name, value in start.items()}

    fig, ax = new_figure(width=4.2, height=3.6)
    (x0, x1), (y0, y1) = box
    ax.set_facecolor(CLASS_CMAP(0))
    # edges in the face colour close the seam where two y = 1 pieces meet
    regions = ax.add_collection(
        PolyCollection([], facecolors=[CLASS_CMAP(1)], edgecolors="face", linewidths=0.6)
    )
    (hidden_line,) = ax.plot([], [], "--", color=PALETTE["black"], lw=1.5, label=_("h flips here"))
    scatter_classes(ax, XOR_X, XOR_Y, size=110)
    crosses = ax.scatter(
        np.empty(0), np.empty(0), marker="x", s=160, color=PALETTE["black"], linewidths=2,
        zorder=4, label=_("wrong"),
    )  # fmt: skip
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xticks([0, 0.5, 1])
    ax.set_yticks([0, 0.5, 1])
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=8, ncols=4)
    label_axes(ax, "decision regions of y")

    def update(**weights):
        h, y = skip_net(XOR_X, **weights)
        regions.set_verts(y_one_polygons(**weights, box=box))
        hidden_line.set_data(*_line((weights["w1"], weights["w2"]), weights["b_h"], box))
        wrong = y != XOR_Y
        crosses.set_offsets(XOR_X[wrong].reshape(-1, 2))
        return _readout(weights, h, y)

    return Panel(fig, controls, update, [regions, hidden_line, crosses])
