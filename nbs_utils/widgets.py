"""Interactive panels: ipywidgets controls driving a matplotlib figure updated in place.

A :class:`Panel` holds a figure, named controls and an ``update(**values)`` function
that changes the figure's artists (``set_data``, ``set_offsets``, ...) and may return a
readout string. Every control change calls ``update`` with all current values, then
repaints the figure (:class:`nbs_utils.repaint.Painter`: a blit of the artists ``update``
changes, or a full draw): the figure is never rebuilt, and its layout is computed once.
"""

import base64
import inspect
import io
import math
import numbers
import unicodedata

import ipywidgets as W
import traitlets
from IPython.display import display

from ._validate import as_number
from .language import _, labelled
from .plots import alt_text
from .repaint import Painter


def slider(description, min, max, step, value, integer=False, **kwargs):
    """A labelled, keyboard-usable slider that updates continuously while dragged.

    Integer sliders are ``IntSlider``; the others are :class:`GridSlider`, whose values
    are exactly ``min + k step`` (rounded to the step's decimals).
    """
    _check_range(description, min, max, step, value)
    description = _(description)  # the chosen language (nbs_utils.language)
    style = {"description_width": "initial"}
    layout = slider_layout(description, min_em=22)
    if integer:
        return W.IntSlider(
            value=value, min=min, max=max, step=step, description=description,
            continuous_update=True, style=style, layout=layout, **kwargs,
        )  # fmt: skip
    return GridSlider(description, min, max, step, value, style=style, layout=layout, **kwargs)


def slider_layout(description, track_em=8, min_em=0):
    """A slider's layout, at least ``min_em`` wide and wide enough for its ``description``
    (about 0.6 em a Latin letter, 1 em a wide CJK one), its readout (4 em) and a track of
    ``track_em`` to drag: the description alone never squeezes the track to a knob."""
    _check_description(description)
    track_em, min_em = as_number(track_em, "track_em", low=0), as_number(min_em, "min_em", low=0)
    label_em = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in description)
    return W.Layout(width=f"{max(min_em, label_em + 4 + track_em):.1f}em")


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


def _check_takes_every_control(update, controls):
    """``update(**values)`` gets one keyword per control: say so now, not on the first move."""
    try:
        signature = inspect.signature(update)
    except (TypeError, ValueError):  # a builtin without a signature: nothing to check
        return
    try:
        signature.bind(**dict.fromkeys(controls))
    except TypeError as err:
        raise TypeError(
            f"update must take a keyword argument for each control {list(controls)}: {err}"
        ) from None


class Panel:
    """Controls + a figure + ``update``; display it in a notebook cell to use it.

    ``panel.set(name=value, ...)`` moves controls from code (tests, benchmarks);
    ``panel.update(**panel.values)`` is the pure redraw step, without drawing.

    ``animated``: the artists ``update`` changes, repainted alone while nothing else
    changed (an :class:`~matplotlib.axes.Axes` for everything in it; see
    :class:`nbs_utils.repaint.Painter`). Anything else that ``update`` changes makes that
    step a full redraw. Saved figures (``savefig``, static display) show every artist.
    """

    def __init__(self, fig, controls, update, animated=()):
        if not isinstance(controls, dict) or not all(
            isinstance(c, W.ValueWidget) for c in controls.values()
        ):
            raise TypeError("controls must be a dict mapping names to ipywidgets value widgets")
        if not callable(update):
            raise TypeError(f"update must be callable, got {type(update).__name__}")
        _check_takes_every_control(update, controls)
        self.painter = Painter(fig, animated)  # checks fig and animated
        self.fig = fig
        self.controls = dict(controls)
        self.update = update
        self.readout = W.HTML(layout=W.Layout(min_height="1.5em"))
        self._quiet = False
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()

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
        self.painter.repaint()
        if text is not None:
            self.readout.value = text

    def set(self, **values):
        """Set several controls at once and refresh once."""
        self._quiet = True
        try:
            for name, value in values.items():
                if name not in self.controls:
                    raise ValueError(
                        f"no control named {name!r}; the controls: {list(self.controls)}"
                    )
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


def _check_description(description):
    if not isinstance(description, str) or not description:
        raise TypeError(f"description must be a non-empty str, got {description!r}")
