"""Run inside a notebook's kernel (its source is sent by the browser tests): what it shows.

``panel_state()`` prints, as JSON, every panel in the notebook's namespace with its control
values, slider labels and readout text. ``figure_frames(ids)`` prints, as JSON, a full
Agg render of each figure (``id(fig)``: base64 PNG): the picture matplotlib would draw from
scratch in the figure's current state, animated artists included, drawn without touching
the canvas, its cached background or its draw callbacks.
"""

import base64
import gc
import html
import json
import re

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure

from nbs_utils.repaint import encode_png
from nbs_utils.widgets import Panel


def _text(markup):
    """Visible text of a readout's HTML, without whitespace (compared with the page's)."""
    return "".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def panel_state():
    namespace = get_ipython().user_ns  # noqa: F821 (run in IPython)
    named = {}
    for name in sorted(namespace, key=lambda n: (n.startswith("_"), n)):
        obj = namespace[name]
        if isinstance(obj, Panel) and id(obj) not in {id(p) for p in named.values()}:
            named[name] = obj
    state = {
        name: {
            "values": {k: str(v) for k, v in panel.values.items()},
            "labels": [
                [
                    _text(c.description),
                    _text(c.options[c.index][0] if hasattr(c, "index") else str(c.value)),
                ]
                for c in panel.controls.values()
                if hasattr(c, "step")
            ],
            "readout": _text(panel.readout.value),
        }
        for name, panel in named.items()
    }
    print(json.dumps(state))


def _full_render(fig):
    width, height = fig.canvas.get_width_height(physical=True)
    renderer = RendererAgg(width, height, fig.dpi)
    animated = [a for a in fig.findobj() if a.get_animated()]
    for artist in animated:
        artist.set_animated(False)
    try:
        with fig.canvas.callbacks.blocked(signal="draw_event"):
            fig.draw(renderer)
    finally:
        for artist in animated:
            artist.set_animated(True)
    return np.asarray(renderer.buffer_rgba())


def figure_frames(ids=None):
    figures = {id(o): o for o in gc.get_objects() if isinstance(o, Figure)}
    chosen = figures if ids is None else {i: figures[i] for i in ids if i in figures}
    print(
        json.dumps({
            str(i): base64.b64encode(encode_png(_full_render(fig))).decode()
            for i, fig in chosen.items()
            if hasattr(fig.canvas, "get_diff_image")  # shown as an ipympl canvas
        })
    )  # fmt: skip
