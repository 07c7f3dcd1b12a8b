"""The playground's exact readouts as text: region count with its bounds, separability of
the last hidden layer with its max margin, and the one affine map of an all-identity net.

Plain numpy/scipy (through the model and :mod:`nbs_utils.geometry`), no widgets: the
widget computes these in a worker thread on a :meth:`Playground.snapshot`.
"""

from html import escape

from ..language import _
from .formulas import pretty


def regions_text(pg):
    """``'exact linear regions in the box: 11 (max for these widths: Zaslavsky 11, ...)'``."""
    try:
        n = pg.region_count()
    except ValueError as err:
        return _("linear regions: not counted ({err})").format(err=err)
    bounds = pg.region_bounds()
    named = {"zaslavsky": _("Zaslavsky max"), "serra": _("Serra upper bound")}
    if "serra" not in bounds:
        named["product"] = _("product upper bound")
    parts = [f"{label} {bounds[key]}" for key, label in named.items() if key in bounds]
    tail = f" ({', '.join(parts)})" if parts else _(" (an affine net: one region)")
    return _("exact linear regions in the box: {n}{tail}").format(n=n, tail=tail)


def separability_text(pg):
    """Whether the training points are linearly separable in the last hidden layer."""
    if pg.regression:
        return _("separability: not for regression (no classes); the loss says how well it fits")
    X, y = pg.points("train")
    if len(set(y.tolist())) < 2 or not len(X):
        return _("separability: needs training points of both classes")
    where = _("last hidden layer") if pg.hidden else _("input features")
    r = pg.separability()
    if r.separable:
        return _("{where}: linearly separable, max margin {margin}").format(
            where=where, margin=f"{r.margin:.4g}"
        )
    return _("{where}: not linearly separable").format(where=where)


def linear_text(pg):
    """For an all-identity net: ``'whole net = one affine map: s = 0.31·x₁ − ... '``."""
    try:
        W, b = pg.collapsed()
    except ValueError:
        return ""
    names = [pretty(f) for f in pg.features]
    terms = " ".join(
        f"{'−' if w < 0 else '+'} {abs(w):.3g}·{name}" for w, name in zip(W[0], names)
    ).lstrip("+ ")
    formula = f"s = {terms} {'−' if b[0] < 0 else '+'} {abs(b[0]):.3g}"
    if pg.regression:
        return _(
            "identity everywhere: the whole net is ONE affine map, collapse(layers): "
            "{formula}; its output s is a plane over the features, whatever the depth"
        ).format(formula=formula)
    return _(
        "identity everywhere: the whole net is ONE affine map, collapse(layers): "
        "{formula}; its boundary s = 0 is one line"
    ).format(formula=formula)


def readouts_html(pg):
    """All readouts, one per line, as HTML."""
    lines = [regions_text(pg), separability_text(pg), linear_text(pg)]
    return "<br>".join(escape(line) for line in lines if line)
