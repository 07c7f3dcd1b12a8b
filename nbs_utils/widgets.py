"""Interactive panels: ipywidgets controls driving a matplotlib figure updated in place.

A :class:`Panel` holds a figure, named controls and an ``update(**values)`` function
that changes the figure's artists (``set_data``, ``set_offsets``, ...) and may return a
readout string. Every control change calls ``update`` with all current values, then
``fig.canvas.draw_idle()``: the figure is never rebuilt, and its layout is computed once.

Blitting: artists passed as ``animated`` are left out of the full draw; after each full
draw the panel keeps a copy of the figure without them (the background), then draws them
on top. While nothing else changed (the figure is not stale), a control change only
restores that background and redraws the animated artists (``canvas.blit``), which under
ipympl sends the new image at once, without the browser round trip of ``draw_idle`` and
without re-rendering the static text (ticks, labels, legends) that dominates a full draw.
Changing axes limits is a change outside the animated artists, so panels keep them still:
fixed where the whole slider range fits one readable picture, else :func:`set_sticky_limits`.
Static artists that must be drawn over the animated ones (a legend over a moving curve)
are rendered once onto a transparent layer and laid over each blitted frame; under
ipympl the frame then goes out as a PNG encoded by :mod:`nbs_utils.frames`.
"""

import base64
import io
import math
import numbers
from contextlib import contextmanager

import ipywidgets as W
import numpy as np
import traitlets
from IPython.display import display
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from ._validate import as_float_array, as_number
from .frames import quick_frames
from .language import _, labelled
from .plots import alt_text


def slider(description, min, max, step, value, integer=False, **kwargs):
    """A labelled, keyboard-usable slider that updates continuously while dragged.

    Integer sliders are ``IntSlider``; the others are :class:`GridSlider`, whose values
    are exactly ``min + k step`` (rounded to the step's decimals).
    """
    _check_range(description, min, max, step, value)
    description = _(description)  # the chosen language (nbs_utils.language)
    style = {"description_width": "initial"}
    layout = W.Layout(width="22em")
    if integer:
        return W.IntSlider(
            value=value, min=min, max=max, step=step, description=description,
            continuous_update=True, style=style, layout=layout, **kwargs,
        )  # fmt: skip
    return GridSlider(description, min, max, step, value, style=style, layout=layout, **kwargs)


class GridSlider(W.SelectionSlider):
    """A float slider whose values lie exactly on the grid ``min, min + step, ..., max``.

    The browser sends back the *index* of a position, an integer, never a float: a float
    slider's front end snaps a value sent from the kernel onto its own grid with rounding
    noise (-0.5 comes back as -0.49999999999999956) and sends that back, so a value set
    from code could be overwritten by an echo of an earlier one. ``value`` accepts any
    number within a millionth of a step of a grid point and stores the grid point.
    """

    def __init__(self, description, lo, hi, step, value, **kwargs):
        _check_range(description, lo, hi, step, value)
        decimals = _decimals(step, lo)
        n = math.floor((hi - lo) / step + 1e-9)
        grid = [round(lo + k * step, decimals) for k in range(n + 1)]
        if not math.isclose(grid[-1], hi, rel_tol=1e-9, abs_tol=1e-12):
            grid.append(float(hi))
        shown = max(2, decimals)
        super().__init__(
            options=[(f"{v:.{shown}f}", float(v)) for v in grid], value=float(value),
            description=description, continuous_update=True,
            equals=lambda a, b: abs(a - b) <= 1e-6 * step, **kwargs,
        )  # fmt: skip
        self._grid = (float(lo), float(hi), float(step))

    @traitlets.validate("value")
    def _validate_value(self, proposal):
        if isinstance(proposal.value, bool) or not isinstance(proposal.value, numbers.Real):
            raise TypeError(
                f"{self.description!r} value must be a number, got {type(proposal.value).__name__}"
            )
        near = [v for v in self._options_values if self.equals(v, proposal.value)]
        if not near:
            lo, hi, step = self._grid
            raise _OffGridError(
                f"{self.description!r} takes values {lo} to {hi} in steps of {step}, "
                f"got {proposal.value!r}"
            )
        return near[0]

    min = property(lambda self: self._grid[0], doc="The smallest value.")
    max = property(lambda self: self._grid[1], doc="The largest value.")
    step = property(lambda self: self._grid[2], doc="The distance between grid values.")


class _OffGridError(traitlets.TraitError, ValueError):
    """A value that is not one of a :class:`GridSlider`'s positions."""


def _check_range(description, min, max, step, value):
    _check_description(description)
    for name, x in [("min", min), ("max", max), ("step", step), ("value", value)]:
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise TypeError(f"slider {name} must be a number, got {type(x).__name__}")
        if not math.isfinite(x):
            raise ValueError(f"slider {name} must be finite, got {x}")
    if not (min < max and step > 0 and min <= value <= max):
        raise ValueError(
            f"slider needs min < max, step > 0 and min <= value <= max, got {min}, {max}, {step}, {value}"
        )


def _decimals(*numbers):
    """How many decimals write every one of ``numbers`` exactly (at most 12)."""
    return max(len(f"{x:.12f}".rstrip("0").split(".")[1]) for x in map(float, numbers))


def toggle(description, options, value=None):
    """A labelled row of toggle buttons, one per option."""
    _check_description(description)
    description = _(
        description
    )  # the chosen language; options are names: values stay, labels shown
    options = list(options)
    if not options:
        raise ValueError("toggle needs at least one option")
    if value is not None and value not in options:
        raise ValueError(f"toggle value {value!r} is not one of the options {options}")
    return W.ToggleButtons(
        options=labelled(options), value=value if value is not None else options[0],
        description=description, style={"description_width": "initial", "button_width": "auto"},
    )  # fmt: skip


class Panel:
    """Controls + a figure + ``update``; display it in a notebook cell to use it.

    ``panel.set(name=value, ...)`` moves controls from code (tests, benchmarks);
    ``panel.update(**panel.values)`` is the pure redraw step, without drawing.

    ``animated``: the artists ``update`` changes, for blitting (see the module docstring).
    An :class:`~matplotlib.axes.Axes` stands for everything in it (use it when ``update``
    changes the axes' limits: ticks and data then move together). Artists of the same
    axes drawn above an animated one and overlapping it (legends, points over an image)
    are animated too, so the stacking order stays as in a full draw; those drawn above
    every animated artist of their axes are kept as cached layers, rendered again only
    when they change (figure opaque; the usual case). Anything else that
    ``update`` changes marks the figure stale, and the panel then falls back to a full
    redraw. Saved figures (``savefig``, static display) always include animated artists.
    """

    def __init__(self, fig, controls, update, animated=()):
        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        if not isinstance(controls, dict) or not all(
            isinstance(c, W.ValueWidget) for c in controls.values()
        ):
            raise TypeError("controls must be a dict mapping names to ipywidgets value widgets")
        if not callable(update):
            raise TypeError(f"update must be callable, got {type(update).__name__}")
        animated = list(animated)
        if not all(isinstance(a, Artist) and a.get_figure(root=True) is fig for a in animated):
            raise TypeError("animated must be a list of artists (or axes) of fig")
        self.fig = fig
        self.controls = dict(controls)
        self.update = update
        self.readout = W.HTML(layout=W.Layout(min_height="1.5em"))
        self._quiet = False
        self._background = None  # (figure bounds, pixels) without the animated artists
        self._whole_axes = [a for a in animated if isinstance(a, Axes)]
        self._artists = [a for a in animated if not isinstance(a, Axes)]
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        quick_frames(fig.canvas)  # under ipympl: PNG frames encoded ~3x faster
        self.refresh()
        # Lay the figure out once, then freeze it: a redraw only repaints (several times faster).
        # (Not canvas.draw(): under ipympl a draw before the canvas is shown leaves it blank.)
        fig.draw_without_rendering()
        fig.set_layout_engine("none")
        self._overlay, self._layers = [], {}  # static artists above the changing ones
        if animated:
            above = _artists_above(self._artists, fig)
            if _opaque(fig):
                self._overlay = [a for a in above if _above_all(a, self._artists)]
            self._artists += [a for a in above if a not in self._overlay]
            for artist in (
                self._artists + self._overlay + [c for ax in self._whole_axes for c in _parts(ax)]
            ):
                artist.set_animated(True)
            # connected after the layout draw above, which renders nothing worth keeping
            fig.canvas.mpl_connect("draw_event", self._on_draw)

    @property
    def values(self):
        """Current control values by name."""
        return {name: c.value for name, c in self.controls.items()}

    def refresh(self):
        """Run ``update`` with the current values, repaint the canvas, show the readout.

        The frame goes out first: the browser then paints the figure before it lays out
        the new readout text.
        """
        text = self.update(**self.values)
        if not self._blit():
            self.fig.canvas.draw_idle()
        if text is not None:
            self.readout.value = text

    def _on_draw(self, event):
        """After a full draw: keep the background, then draw the animated artists on it."""
        canvas = self.fig.canvas
        if event.canvas is not canvas or canvas.is_saving() or not _can_blit(canvas):
            self._background = None  # a savefig draw includes the animated artists
            return
        self._background = (self.fig.bbox.bounds, canvas.copy_from_bbox(self.fig.bbox))
        self._layers.clear()
        self._draw_animated()

    def _draw_animated(self):
        """Draw the animated artists; called only while the figure is up to date."""
        for artist in sorted(self._artists, key=lambda a: a.get_zorder()):
            self.fig.draw_artist(artist)
        for ax in self._whole_axes:
            with _unanimated(_parts(ax)):
                self.fig.draw_artist(ax)
        self._paint_overlay()
        # Drawing moves parts (a legend's frame, table cells) and so marks the figure
        # stale, though the canvas now shows exactly the current state.
        self.fig.stale = False

    def _paint_overlay(self):
        """Lay the static artists drawn above the changing ones (legends, spines) on the canvas.

        Each is rendered once onto a transparent layer, re-rendered only when it changed
        (stale) or after a full draw, and composited over the canvas pixels ("over":
        ``c = a s + (1 - a) c``): a legend's text costs milliseconds to render, not to lay.
        """
        pixels = np.asarray(self.fig.canvas.get_renderer().buffer_rgba()).reshape(-1, 4)
        for artist in sorted(self._overlay, key=lambda a: a.get_zorder()):
            if artist not in self._layers or artist.stale:
                self._layers[artist] = _render_layer(artist, self.fig)
                artist.stale = False
            where, premultiplied, keep = self._layers[artist]
            pixels[where, :3] = premultiplied + pixels[where, :3] * keep + 0.5

    def _blit(self):
        """Repaint only the animated artists; False when a full redraw is needed instead."""
        fig, canvas = self.fig, self.fig.canvas
        if self._background is None or fig.stale or self._background[0] != fig.bbox.bounds:
            return False
        canvas.restore_region(self._background[1])
        self._draw_animated()
        canvas.blit(fig.bbox)
        return True

    def set(self, **values):
        """Set several controls at once and refresh once."""
        self._quiet = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._quiet = False
        self.refresh()

    def _on_change(self, change):
        if not self._quiet:
            self.refresh()

    @property
    def widget(self):
        """The panel as one ipywidget: controls, readout, then the figure."""
        canvas = self.fig.canvas
        if not isinstance(canvas, W.DOMWidget):  # not under %matplotlib widget: a static copy
            canvas = W.Output()
            with canvas:
                display(self.fig)
        controls = W.HBox(list(self.controls.values()), layout=W.Layout(flex_flow="row wrap"))
        return W.VBox([controls, self.readout, canvas])

    def _repr_mimebundle_(self, include=None, exclude=None):
        """The widget view, plus a PNG of the current figure for pages shown without a kernel.

        GitHub, nbviewer and the course site cannot run widgets; they show the PNG, with
        :func:`~nbs_utils.plots.alt_text` as its ``alt`` (output metadata) and as the
        ``text/plain`` fallback.
        """
        data = self.widget._repr_mimebundle_()
        alt = alt_text(self.fig)
        png = io.BytesIO()
        self.fig.savefig(png, format="png", dpi="figure")  # draws the animated artists too
        data["image/png"] = base64.b64encode(png.getvalue()).decode("ascii")
        data["text/plain"] = alt
        return data, {"image/png": {"alt": alt}}


def sticky_limits(current, lo, hi, margin=0.25, min_fill=0.35, square=False, min_span=1e-3):
    """Axis limits ``[(a, b), ...]`` for data spanning ``lo[i] <= v <= hi[i]`` on axis ``i``.

    ``current`` is kept while it holds the data and the data fills at least ``min_fill``
    of it on some axis, so small data changes leave the limits (and the blit) alone.
    Otherwise the limits grow to hold the data and the old limits, padded on each side by
    ``margin`` times the data's largest span (going back and forth between two states then
    settles at once); if the data would fill less than ``min_fill`` of that, they start
    afresh around the data. ``square``: equal spans on all axes (same centre).
    """
    cur = as_float_array(current, "current limits")
    if cur.size == 0 or cur.size % 2 or np.any(cur.reshape(-1, 2) @ [-1, 1] <= 0):
        raise ValueError(f"current limits must be (a, b) pairs with a < b, got {current!r}")
    cur = cur.reshape(-1, 2)
    lo, hi = as_float_array(lo, "lo"), as_float_array(hi, "hi")
    if lo.size not in (1, len(cur)) or hi.size not in (1, len(cur)) or np.any(lo > hi):
        raise ValueError(f"lo and hi need one value per axis ({len(cur)}) with lo <= hi")
    lo, hi = np.broadcast_to(lo.ravel(), len(cur)), np.broadcast_to(hi.ravel(), len(cur))
    margin = as_number(margin, "margin", low=0.0)
    min_fill = as_number(min_fill, "min_fill", low=0.0, high=1.0)
    span = np.maximum(hi - lo, min_span)

    def fill(limits):
        return (span / (limits[:, 1] - limits[:, 0])).max()

    def padded(a, b):
        limits = np.c_[a - margin * span.max(), b + margin * span.max()]
        if square:
            centre, half = limits.mean(axis=1), (limits[:, 1] - limits[:, 0]).max() / 2
            limits = np.c_[centre - half, centre + half]
        return limits

    if np.all(cur[:, 0] <= lo) and np.all(hi <= cur[:, 1]) and fill(cur) >= min_fill:
        return [(float(a), float(b)) for a, b in cur]
    limits = padded(np.minimum(lo, cur[:, 0]), np.maximum(hi, cur[:, 1]))
    if fill(limits) < min_fill:
        limits = padded(lo, hi)
    return [(float(a), float(b)) for a, b in limits]


def set_sticky_limits(ax, points, which="xy", **kwargs):
    """Give ``ax`` :func:`sticky_limits` for ``points`` (rows; columns x, y or only ``which``).

    Sets only limits that change (setting any marks the figure stale: a full redraw).
    Returns the limits, ``[(x0, x1), (y0, y1)]`` for ``which="xy"``.
    """
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    if which not in ("x", "y", "xy"):
        raise ValueError(f"which must be 'x', 'y' or 'xy', got {which!r}")
    points = as_float_array(points, "points")
    if points.size == 0 or points.size % len(which):
        raise ValueError(
            f"points need {len(which)} coordinate(s) per row, got shape {points.shape}"
        )
    points = points.reshape(-1, len(which))
    getters = {"x": ax.get_xlim, "y": ax.get_ylim}
    setters = {"x": ax.set_xlim, "y": ax.set_ylim}
    current = [getters[k]() for k in which]
    limits = sticky_limits(current, points.min(axis=0), points.max(axis=0), **kwargs)
    for k, old, new in zip(which, current, limits):
        if tuple(map(float, old)) != new:
            setters[k](*new)
    return limits


def _parts(ax):
    """Everything an axes draws except its background patch."""
    return [c for c in ax.get_children() if c is not ax.patch]


@contextmanager
def _unanimated(artists):
    """Draw ``artists`` as part of their parent for a moment (``set_animated`` marks nothing stale)."""
    for artist in artists:
        artist.set_animated(False)
    try:
        yield
    finally:
        for artist in artists:
            artist.set_animated(True)


def _artists_above(artists, fig):
    """Every other artist of the same axes drawn after one of ``artists`` where it can paint.

    An animated artist is drawn after the background, i.e. on top of everything static; a
    static legend or marker drawn above it in a full draw must therefore be animated too.
    Where it can paint: the axes box for a clipped artist, else its row of the figure.
    """
    renderer = fig._get_renderer()
    result = list(artists)
    for ax in {a.axes for a in artists if a.axes is not None}:
        children = [c for c in ax.get_children() if c is not ax.patch]
        mine = [a for a in artists if a.axes is ax]
        for index, child in enumerate(children):
            if child in result or not child.get_visible() or isinstance(child, Axis):
                continue  # axes' ticks point out of the box (no grids in these panels)
            box = child.get_window_extent(renderer)
            for a in mine:
                above = (child.get_zorder(), index) > (a.get_zorder(), _index(children, a))
                if above and box.overlaps(_paint_region(a, ax, fig, renderer)):
                    result.append(child)
                    break
    return result[len(artists) :]


def _above_all(artist, artists):
    """Whether ``artist`` is drawn after each of ``artists`` in its axes (full draw order)."""
    children = artist.axes.get_children()
    rank = (artist.get_zorder(), _index(children, artist))
    return all(
        rank > (a.get_zorder(), _index(children, a)) for a in artists if a.axes is artist.axes
    )


def _opaque(fig):
    """Whether the figure background is opaque (layers are composited over opaque pixels)."""
    return fig.patch.get_visible() and fig.patch.get_facecolor()[3] == 1


def _render_layer(artist, fig):
    """``artist`` alone on a transparent canvas, as the pixels it covers.

    Returns ``(where, premultiplied RGB, 1 - alpha)`` over those pixels, ``where`` being
    flat indices into the canvas (a legend or spine covers a small part of the figure).
    """
    main = fig.canvas.get_renderer()
    renderer = RendererAgg(main.width, main.height, main.dpi)
    artist.draw(renderer)
    rgba = np.asarray(renderer.buffer_rgba()).reshape(-1, 4)
    where = np.flatnonzero(rgba[:, 3])
    alpha = rgba[where, 3:].astype(np.float32) / 255
    return where, rgba[where, :3] * alpha, 1 - alpha


def _index(children, artist):
    return next((i for i, c in enumerate(children) if c is artist), -1)


def _paint_region(artist, ax, fig, renderer):
    if artist.get_clip_on() and (artist.get_clip_box() or artist.get_clip_path()) is not None:
        return ax.bbox
    box = artist.get_window_extent(renderer)
    return Bbox([[fig.bbox.x0, box.y0], [fig.bbox.x1, box.y1]])


def _check_description(description):
    if not isinstance(description, str) or not description:
        raise TypeError(f"description must be a non-empty str, got {description!r}")


def _can_blit(canvas):
    # not canvas.supports_blit: webagg/ipympl set it False, yet their blit sends the image
    return hasattr(canvas, "copy_from_bbox") and hasattr(canvas, "restore_region")
