"""The playground's canvas in the browser: a small anywidget front end that paints frames of
colour levels (one byte per pixel, see :mod:`.render`) the moment they arrive.

The kernel sends a frame as a custom message whose one binary buffer holds the levels of a
``w`` x ``h`` rectangle at ``(x, y)``. The browser colours them with the palette (a lookup
table, sent once as a trait) into an ``ImageData`` and paints it synchronously: no image to
decode, so nothing waits, no frame is skipped (a frame with thumbnails is never lost behind a
newer map-only one) and none piles up. Measured here (README, Benchmarks): through the
kernel a key press repaints the map in ~0.6x the time the ipympl reference panel takes; from
a prepared frame (below) in under a millisecond.

A view that appears (a notebook opened again, a second view of the widget) asks the kernel
for a whole frame; a mouse press is sent back to the kernel in canvas pixels.

**Prepared frames.** A round trip through Jupyter costs 20-40 ms however little the kernel
does, so for the controls in :meth:`LevelCanvas.watch` the kernel may send ahead, while
paused, the frames that a one-step change of a control would give (:meth:`prepare`). When
such a control changes in the browser to a prepared position, the browser paints that frame
at once, before the kernel has heard of the change; the kernel's own frame follows and is
the same. Frames carry the ``version`` of the state they show: prepared frames are kept only
for the version on screen and dropped at any other change, so a stale one is never painted.
The browser says which watched control has the focus (the one a key press will move), so
the kernel can prepare for it.

Keys pressed inside an element of class ``nbs-own-keys`` (the whole playground) go to its
controls only: JupyterLab would take ArrowUp/ArrowDown on a focused slider or select, and
letters on a select, as its own shortcuts (moving between cells, adding one).
"""

import json
import zlib

import anywidget
import numpy as np
import traitlets

from ..language import _

# Paint each frame on arrival: levels -> palette -> ImageData, put on a back buffer, then
# one drawImage onto the visible canvas (the browser tests count drawImage calls).
_ESM = """
function paletteOf(view) {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const colours = new Uint32Array(256);
  const rgba = new Uint8Array(colours.buffer);
  for (let i = 0; i < 256; i++) {
    rgba.set([bytes[3 * i], bytes[3 * i + 1], bytes[3 * i + 2], 255], 4 * i);
  }
  return colours;
}

// A prepared frame arrives zlib-compressed: inflate it in the background.
async function inflate(view) {
  const stream = new Blob([view]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function render({ model, el }) {
  const canvas = document.createElement("canvas");
  const back = document.createElement("canvas");
  canvas.width = back.width = model.get("width");
  canvas.height = back.height = model.get("height");
  canvas.setAttribute("role", "img");
  canvas.style.display = "block";
  const ctx = canvas.getContext("2d");
  const backCtx = back.getContext("2d");
  let colours = paletteOf(model.get("palette"));
  const images = {};
  const describe = () => canvas.setAttribute("aria-label", model.get("alt"));
  const recolour = () => { colours = paletteOf(model.get("palette")); };
  describe();

  const put = ({ x, y, w, h }, levels) => {
    const key = w + "x" + h;  // one ImageData per frame size, reused: no garbage per frame
    const image = images[key] || (images[key] = backCtx.createImageData(w, h));
    const pixels = new Uint32Array(image.data.buffer);
    for (let i = 0; i < pixels.length; i++) pixels[i] = colours[levels[i]];
    backCtx.putImageData(image, x, y);
    ctx.drawImage(back, x, y, w, h, x, y, w, h);
  };

  // Prepared frames, "model id:synced value as JSON" -> [rectangle, levels], for the version
  // on screen.
  let shown = null;
  const prepared = new Map();
  const forget = () => { shown = null; prepared.clear(); };
  const receive = (msg, buffers) => {
    if (msg.kind === "frame") {
      if (msg.version !== shown) { prepared.clear(); shown = msg.version; }
      put(msg, new Uint8Array(buffers[0].buffer, buffers[0].byteOffset, msg.w * msg.h));
    } else if (msg.kind === "prepared" && msg.version === shown) {
      msg.keys.forEach((key, i) => inflate(buffers[i]).then((levels) => {
        if (shown === msg.version) prepared.set(key, [msg, levels]);
      }, () => {}));  // (no DecompressionStream: no prepared frames, the kernel's still come)
    }
  };
  // Watched controls: [model id, the synced attribute a step changes ("index" or "value")].
  const watched = new Map(model.get("watched"));
  const stops = [];
  const predict = (id, value) => {
    const hit = prepared.get(id + ":" + JSON.stringify(value));
    forget();  // the state is changing: wait for the kernel's next frame
    if (hit) {
      put(...hit);
      canvas.dataset.preparedPaints = 1 + Number(canvas.dataset.preparedPaints || 0);
    }
  };
  for (const [id, attribute] of watched) {
    model.widget_manager.get_model(id).then((control) => {
      const handler = () => predict(id, control.get(attribute));
      control.on("change:" + attribute, handler);
      stops.push(() => control.off("change:" + attribute, handler));
    }, () => {});  // (a control that is gone predicts nothing)
  }
  let focused = null;
  const focus = (event) => {
    // Keys pressed on a control in there are the control's (JupyterLab takes ArrowUp/Down on
    // a focused slider or select to move between cells): Lab skips an element marked so.
    if (event.target.closest && event.target.closest(".nbs-own-keys")) {
      event.target.setAttribute("data-lm-suppress-shortcuts", "true");
    }
    const holder = event.target.closest && event.target.closest("[class*='nbs-watched-']");
    const name = holder && [...holder.classList].find((c) => c.startsWith("nbs-watched-"));
    const id = name && name.slice("nbs-watched-".length);
    if (id && watched.has(id) && id !== focused) {
      focused = id;
      model.send({ kind: "focus", id });
    }
  };
  const press = (event) => {
    forget();
    const box = canvas.getBoundingClientRect();
    model.send({
      kind: "click",
      x: ((event.clientX - box.left) * canvas.width) / box.width,
      y: ((event.clientY - box.top) * canvas.height) / box.height,
    });
  };
  model.on("msg:custom", receive);
  model.on("change:alt", describe);
  model.on("change:palette", recolour);
  canvas.addEventListener("mousedown", press);
  document.addEventListener("focusin", focus);
  el.appendChild(canvas);
  model.send({ kind: "ready" });
  return () => {
    model.off("msg:custom", receive);
    model.off("change:alt", describe);
    model.off("change:palette", recolour);
    document.removeEventListener("focusin", focus);
    for (const stop of stops) stop();
  };
}

export default { render };
"""


class LevelCanvas(anywidget.AnyWidget):
    """A ``width`` x ``height`` canvas showing level images coloured by ``palette``.

    ``on_ready()`` is called when a view appears (answer with :meth:`paint` of a whole
    frame); ``on_click(x, y)`` on a mouse press, in canvas pixels; ``on_focus(control)``
    when a control given to :meth:`watch` gets the keyboard focus. ``alt`` describes the
    picture to screen readers; ``version`` numbers the state that frames show (the owner
    counts it up at every change).
    """

    _esm = _ESM
    width = traitlets.Int(1).tag(sync=True)
    height = traitlets.Int(1).tag(sync=True)
    palette = traitlets.Bytes().tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)
    watched = traitlets.List(traitlets.Tuple(traitlets.Unicode(), traitlets.Unicode())).tag(
        sync=True
    )

    def __init__(self, width, height, palette, on_ready, on_click, on_focus=None, **kwargs):
        palette = np.asarray(palette, np.uint8)
        if palette.shape != (256, 3):
            raise ValueError(
                _("palette must be 256 RGB colours, shape (256, 3), got {shape}").format(
                    shape=palette.shape
                )
            )
        super().__init__(width=width, height=height, palette=palette.tobytes(), **kwargs)
        self._on_ready, self._on_click = on_ready, on_click
        self._on_focus, self._controls = on_focus, {}
        self.version = 0
        self.on_msg(self._message)

    def paint(self, levels, x=0, y=0):
        """Send the level image ``levels`` (uint8, ``(h, w)``) to be painted at ``(x, y)``."""
        levels, (w, h) = self._fitted(levels, x, y)
        meta = {"kind": "frame", "x": int(x), "y": int(y), "w": w, "h": h, "version": self.version}
        self.send(meta, [levels.data])

    def watch(self, controls):
        """Watch these controls in the browser, so that frames :meth:`prepare`'d for them can
        be painted there: a selection (Dropdown, SelectionSlider) by its ``index``, any other
        by its ``value``."""
        self._controls = {c.model_id: c for c in controls}
        for control in controls:
            control.add_class(f"nbs-watched-{control.model_id}")
        self.watched = [(c.model_id, _synced(c)) for c in controls]

    def prepare(self, control, frames, x=0, y=0):
        """Send ahead ``frames``, ``{synced: levels}``: what to paint at ``(x, y)`` the moment
        the watched ``control``'s index (a selection) or value becomes ``synced``, if nothing
        else has changed by then."""
        if control.model_id not in self._controls:
            raise ValueError(_("prepare needs a control given to watch()"))
        keys, buffers, size = [], [], None
        for synced, levels in frames.items():
            levels, size = self._fitted(levels, x, y)
            keys.append(f"{control.model_id}:{json.dumps(synced)}")  # as the browser writes it
            buffers.append(zlib.compress(levels.tobytes(), 1))
        if keys:
            w, h = size
            meta = {"kind": "prepared", "x": int(x), "y": int(y), "w": w, "h": h,
                    "version": self.version, "keys": keys}  # fmt: skip
            self.send(meta, buffers)

    def _fitted(self, levels, x, y):
        levels = np.ascontiguousarray(levels, np.uint8)
        h, w = levels.shape
        if not (0 <= x and 0 <= y and x + w <= self.width and y + h <= self.height):
            raise ValueError(
                _("a {w}x{h} image at ({x}, {y}) does not fit the {width}x{height} canvas").format(
                    w=w, h=h, x=x, y=y, width=self.width, height=self.height
                )
            )
        return levels, (w, h)

    def _message(self, _widget, content, _buffers):
        kind = content.get("kind")
        if kind == "ready":
            self._on_ready()
        elif kind == "click":
            self._on_click(float(content["x"]), float(content["y"]))
        elif kind == "focus" and self._on_focus and content.get("id") in self._controls:
            self._on_focus(self._controls[content["id"]])


def _synced(control):
    """The synced attribute of ``control`` that a step changes: a selection's ``index``."""
    return "index" if control.has_trait("index") else "value"  # untranslated: trait names
