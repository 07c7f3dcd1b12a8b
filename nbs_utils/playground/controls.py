"""The playground's controls: labelled, keyboard-usable ipywidgets, built from a Playground's
settings, and the values one step (a key press) away from a control's. No behaviour here;
:mod:`.widget` wires them."""

import ipywidgets as W

from ..activations import NAMES
from ..datasets import FEATURES
from ..language import _, labelled
from ..widgets import GridSlider, slider_layout
from .settings import DATASETS, MAX_LAYERS, PROBLEMS

LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
PLAYGROUND_ACTIVATIONS = [n for n in NAMES if n != "step"]  # step has no gradient to learn by
_STYLE = {"description_width": "initial"}


def _slider(description, lo, hi, step, value, integer=False):
    """An int slider, or a :class:`~nbs_utils.widgets.GridSlider` (exact grid values, so the
    browser never sends back a value it rounded) at the grid point nearest ``value``, wide
    enough for its description, its readout and a track to drag (in English and Chinese)."""
    layout = slider_layout(description)
    if integer:
        return W.IntSlider(
            value=value, min=lo, max=hi, step=step, description=description, style=_STYLE,
            continuous_update=True, layout=layout,
        )  # fmt: skip
    value = min(hi, max(lo, lo + round((value - lo) / step) * step))
    return GridSlider(description, lo, hi, step, value, style=_STYLE, layout=layout)


def _coordinate(name, limits):
    """A labelled number box for one coordinate of a new point, limited to the map's box."""
    return W.BoundedFloatText(
        value=0.0, min=limits[0], max=limits[1], step=0.1, description=name, style=_STYLE,
        layout=W.Layout(width="8em"),
    )  # fmt: skip


def _dropdown(description, options, value, width="13em"):
    return W.Dropdown(
        options=options, value=value, description=description, style=_STYLE,
        layout=W.Layout(width=width),
    )  # fmt: skip


def _toggle(description, tooltip, value):
    return W.ToggleButton(
        value=value, description=description, tooltip=tooltip, layout=W.Layout(width="auto")
    )


def _button(description, tooltip, icon=""):
    return W.Button(
        description=description, tooltip=tooltip, icon=icon, layout=W.Layout(width="auto")
    )


def build(pg):
    """A dict of named controls set to ``pg``'s settings."""
    c = {
        "play": _button(_("play"), _("train continuously (press again to pause)"), "play"),
        "step": _button(_("step"), _("one training step")),
        "reset": _button(_("reset"), _("fresh weights from the seed")),
        "problem": _dropdown(_("problem type"), labelled(PROBLEMS), pg.problem),
        "dataset": _dropdown(_("data"), labelled(DATASETS), pg.dataset),
        "noise": _slider(_("noise"), 0.0, 2.0, 0.05, pg.noise),
        "split": _slider(_("test fraction"), 0.1, 0.9, 0.05, pg.test_fraction),
        "batch": _slider(_("batch size (0: all)"), 0, 30, 1, pg.batch_size or 0, integer=True),
        "seed": W.BoundedIntText(
            value=pg.seed,
            min=0,
            max=10**9,
            description=_("seed"),
            style=_STYLE,
            layout=W.Layout(width="10em"),
        ),  # fmt: skip
        "regenerate": _button(_("regenerate"), _("new data: the next seed")),
        "features": {
            name: _toggle(
                name, _("use the input feature {name}").format(name=name), name in pg.features
            )
            for name in FEATURES
        },
        # how the map is drawn (TFP's two check boxes under its output)
        "show_test": _toggle(_("show test data"), _("draw the test points (black rim)"), True),
        "discretize": _toggle(
            _("discretize output"), _("each cell in the colour of the class it predicts"), False
        ),
        "layers": _slider(_("hidden layers"), 0, MAX_LAYERS, 1, len(pg.hidden), integer=True),
        "widths": [
            _slider(
                _("layer {i} units").format(i=i + 1),
                1,
                8,
                1,
                min(8, pg.hidden[i]) if i < len(pg.hidden) else 4,
                integer=True,
            )
            for i in range(MAX_LAYERS)
        ],  # fmt: skip
        "acts": [
            W.Dropdown(
                options=labelled(PLAYGROUND_ACTIVATIONS),
                value=pg.activations[i] if i < len(pg.hidden) else "relu",
                description=_("activation"),
                tooltip=_("activation of hidden layer {i}").format(i=i + 1),
                style=_STYLE,
                layout=W.Layout(width="15em"),
            )
            for i in range(MAX_LAYERS)
        ],  # fmt: skip
        "lr": _dropdown(
            _("learning rate"), _with(LEARNING_RATES, pg.learning_rate), pg.learning_rate
        ),
        "reg": _dropdown(
            _("regularization"),  # "none", not None: a Dropdown shows None as no selection
            [(_("none"), "none"), ("L1", "l1"), ("L2", "l2")],
            pg.regularization or "none",
        ),
        "reg_rate": _dropdown(_("reg. rate"), _with(REG_RATES, pg.reg_rate), pg.reg_rate),
        "click_class": W.ToggleButtons(
            options=[
                (_("class 0 (blue ●) / target -1"), 0),
                (_("class 1 (vermillion ▲) / target +1"), 1),
            ],
            value=1,
            description=_("a click on the map (or add point) adds"),
            style={**_STYLE, "button_width": "auto"},
        ),  # fmt: skip
        # the keyboard's way to add a point: type its coordinates, press "add point"
        "point_x1": _coordinate("x₁", pg.box[0]),
        "point_x2": _coordinate("x₂", pg.box[1]),
        "add_point": _button(_("add point"), _("add the point (x₁, x₂) of the chosen class")),
        "clear": _button(_("clear points"), _("remove every point")),
        "csv_export": _button(_("export CSV"), _("points as x1,x2,label,split")),
        "csv_import": W.FileUpload(accept=".csv", multiple=False, description=_("import CSV")),
        "npz_export": _button(_("save weights (.npz)"), _("settings and weights")),
        "npz_import": W.FileUpload(accept=".npz", multiple=False, description=_("load weights")),
        "download": W.HTML(),
        "status": W.HTML(),
        "readouts": W.HTML(),
        "formula": W.HTML(_("click a neuron's thumbnail to see its formula")),
        # edit one weight or bias: a click on its link (or thumbnail) picks it, as in TFP;
        # from the keyboard, pick it in the list
        "weight": W.Dropdown(
            options=[(_("none"), "none")],
            value="none",
            description=_("edit"),
            tooltip=_("the weight or bias to edit (or click its link or neuron)"),
            style=_STYLE,
            layout=W.Layout(width="30em"),
        ),  # fmt: skip
        "weight_value": W.FloatText(
            value=0.0,
            step=0.1,
            description=_("value"),
            disabled=True,
            style=_STYLE,
            tooltip=_("the new value of the chosen weight or bias"),
            layout=W.Layout(width="12em"),
        ),  # fmt: skip
        "deselect": _button(_("deselect"), _("edit no weight")),
        "weight_note": W.HTML(weight_hint()),
    }
    return c


def weight_hint():
    """What the weight editor says before anything is picked (in the language in use)."""
    return _(
        "click a link between two neurons to edit its weight, or a neuron's thumbnail to edit its bias"
    )


def layout(c, canvas):
    """The controls around ``canvas`` in TFP's order: data, features, layers, output."""

    def row(children):
        return W.HBox(children, layout=W.Layout(flex_flow="row wrap", align_items="center"))

    # a column per hidden layer, its units over its activation, like TFP's column headings
    layer_columns = [W.VBox([w, a]) for w, a in zip(c["widths"], c["acts"])]
    network = row([c["layers"], *layer_columns])
    return W.VBox(
        [
            row([c["play"], c["step"], c["reset"], c["lr"], c["reg"], c["reg_rate"]]),
            row(
                [
                    c["problem"],
                    c["dataset"],
                    c["noise"],
                    c["split"],
                    c["batch"],
                    c["seed"],
                    c["regenerate"],
                ]
            ),
            row([W.Label(_("features:")), *c["features"].values()]),
            network,
            c["status"],
            canvas,
            row([W.Label(_("map:")), c["show_test"], c["discretize"]]),
            c["readouts"],
            c["formula"],
            row([c["weight"], c["weight_value"], c["deselect"]]),
            c["weight_note"],
            row([c["click_class"], c["clear"]]),
            row([W.Label(_("or type a point:")), c["point_x1"], c["point_x2"], c["add_point"]]),
            row(
                [c["csv_export"], c["csv_import"], c["npz_export"], c["npz_import"], c["download"]]
            ),
        ]
    ), layer_columns


def _with(options, value):
    """``options`` with ``value`` added (the playground's own setting is always offered)."""
    return sorted({*options, value})


def one_step(control):
    """``(synced, value)`` for each position one step from ``control``'s: what the browser's
    copy of the control will hold (an option's index, or the value) and the new value."""
    if control.has_trait("index"):  # a selection: Dropdown, GridSlider
        values = [value for _label, value in control.options]
        return [(i, values[i]) for i in (control.index - 1, control.index + 1) if 0 <= i < len(values)]  # fmt: skip
    if isinstance(control.value, bool):  # a toggle
        return [(not control.value, not control.value)]
    steps = (control.value - control.step, control.value + control.step)  # an int slider
    return [(v, v) for v in steps if control.min <= v <= control.max]
