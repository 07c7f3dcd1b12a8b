"""Hand-builder panel for XOR with threshold units (notebook 02, claim C5).

One slider per weight and bias of the skip net of :mod:`nbs_utils.lessons.xor`:
``h = H(w1 x1 + w2 x2 + b_h)``, ``y = H(v1 x1 + v2 x2 + v_h h + b_y)``.
"""

import numpy as np
from matplotlib.collections import PolyCollection

from ..datasets import XOR_X, XOR_Y
from ..language import N_, _
from ..lessons.xor import BOX, SEED_WEIGHTS, skip_net, y_one_polygons
from ..plots import (
    CLASS_CMAP,
    PALETTE,
    label_axes,
    line_through_box,
    new_figure,
    scatter_classes,
)
from ..widgets import Panel, slider

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
