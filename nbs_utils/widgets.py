"""Interactive panels: ipywidgets controls driving a matplotlib figure updated in place.

A :class:`Panel` holds a figure, named controls and an ``update(**values)`` function
that changes the figure's artists (``set_data``, ``set_offsets``, ...) and may return a
readout string. Every control change calls ``update`` with all current values, then
``fig.canvas.draw_idle()``: the figure is never rebuilt, and its layout is computed once.
"""

import math

import ipywidgets as W
from IPython.display import display
from matplotlib.figure import Figure


def slider(description, min, max, step, value, integer=False, **kwargs):
    """A labelled, keyboard-usable slider that updates continuously while dragged."""
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
    cls = W.IntSlider if integer else W.FloatSlider
    return cls(
        value=value, min=min, max=max, step=step, description=description,
        continuous_update=True, style={"description_width": "initial"},
        layout=W.Layout(width="22em"), **kwargs,
    )  # fmt: skip


def toggle(description, options, value=None):
    """A labelled row of toggle buttons, one per option."""
    _check_description(description)
    options = list(options)
    if not options:
        raise ValueError("toggle needs at least one option")
    if value is not None and value not in options:
        raise ValueError(f"toggle value {value!r} is not one of the options {options}")
    return W.ToggleButtons(
        options=options, value=value if value is not None else options[0],
        description=description, style={"description_width": "initial", "button_width": "auto"},
    )  # fmt: skip


class Panel:
    """Controls + a figure + ``update``; display it in a notebook cell to use it.

    ``panel.set(name=value, ...)`` moves controls from code (tests, benchmarks);
    ``panel.update(**panel.values)`` is the pure redraw step, without drawing.
    """

    def __init__(self, fig, controls, update):
        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        if not isinstance(controls, dict) or not all(
            isinstance(c, W.ValueWidget) for c in controls.values()
        ):
            raise TypeError("controls must be a dict mapping names to ipywidgets value widgets")
        if not callable(update):
            raise TypeError(f"update must be callable, got {type(update).__name__}")
        self.fig = fig
        self.controls = dict(controls)
        self.update = update
        self.readout = W.HTML(layout=W.Layout(min_height="1.5em"))
        self._quiet = False
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()
        # Lay the figure out once, then freeze it: a redraw only repaints (several times faster).
        # (Not canvas.draw(): under ipympl a draw before the canvas is shown leaves it blank.)
        fig.draw_without_rendering()
        fig.set_layout_engine("none")

    @property
    def values(self):
        """Current control values by name."""
        return {name: c.value for name, c in self.controls.items()}

    def refresh(self):
        """Run ``update`` with the current values, show its readout, repaint the canvas."""
        text = self.update(**self.values)
        if text is not None:
            self.readout.value = text
        self.fig.canvas.draw_idle()

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

    def _ipython_display_(self):
        display(self.widget)


def _check_description(description):
    if not isinstance(description, str) or not description:
        raise TypeError(f"description must be a non-empty str, got {description!r}")
