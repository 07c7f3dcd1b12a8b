"""The playground's canvas in the browser: a small anywidget front end that paints frames of
colour levels (one byte per pixel, see :mod:`.render`) the moment they arrive.

The kernel sends a frame as a custom message whose one binary buffer holds the levels of a
``w`` x ``h`` rectangle at ``(x, y)``. The browser colours them with the palette (a lookup
table, sent once as a trait) into an ``ImageData`` and paints it synchronously: no image to
decode, so nothing waits, no frame is skipped (a frame with thumbnails is never lost behind a
newer map-only one) and none piles up. Measured here (README, dependency table): a key press
repaints the map in about half the time the ipympl reference panel takes.

A view that appears (a notebook opened again, a second view of the widget) asks the kernel
for a whole frame; a mouse press is sent back to the kernel in canvas pixels.
"""

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

  const paint = (msg, buffers) => {
    if (msg.kind !== "frame") return;
    const { x, y, w, h } = msg;
    const levels = new Uint8Array(buffers[0].buffer, buffers[0].byteOffset, w * h);
    const key = w + "x" + h;  // one ImageData per frame size, reused: no garbage per frame
    const image = images[key] || (images[key] = backCtx.createImageData(w, h));
    const pixels = new Uint32Array(image.data.buffer);
    for (let i = 0; i < pixels.length; i++) pixels[i] = colours[levels[i]];
    backCtx.putImageData(image, x, y);
    ctx.drawImage(back, x, y, w, h, x, y, w, h);
  };
  const press = (event) => {
    const box = canvas.getBoundingClientRect();
    model.send({
      kind: "click",
      x: ((event.clientX - box.left) * canvas.width) / box.width,
      y: ((event.clientY - box.top) * canvas.height) / box.height,
    });
  };
  model.on("msg:custom", paint);
  model.on("change:alt", describe);
  model.on("change:palette", recolour);
  canvas.addEventListener("mousedown", press);
  el.appendChild(canvas);
  model.send({ kind: "ready" });
  return () => {
    model.off("msg:custom", paint);
    model.off("change:alt", describe);
    model.off("change:palette", recolour);
  };
}

export default { render };
"""


class LevelCanvas(anywidget.AnyWidget):
    """A ``width`` x ``height`` canvas showing level images coloured by ``palette``.

    ``on_ready()`` is called when a view appears (answer with :meth:`paint` of a whole
    frame); ``on_click(x, y)`` on a mouse press, in canvas pixels. ``alt`` describes the
    picture to screen readers.
    """

    _esm = _ESM
    width = traitlets.Int(1).tag(sync=True)
    height = traitlets.Int(1).tag(sync=True)
    palette = traitlets.Bytes().tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)

    def __init__(self, width, height, palette, on_ready, on_click, **kwargs):
        palette = np.asarray(palette, np.uint8)
        if palette.shape != (256, 3):
            raise ValueError(
                _("palette must be 256 RGB colours, shape (256, 3), got {shape}").format(
                    shape=palette.shape
                )
            )
        super().__init__(width=width, height=height, palette=palette.tobytes(), **kwargs)
        self._on_ready, self._on_click = on_ready, on_click
        self.on_msg(self._message)

    def paint(self, levels, x=0, y=0):
        """Send the level image ``levels`` (uint8, ``(h, w)``) to be painted at ``(x, y)``."""
        levels = np.ascontiguousarray(levels, np.uint8)
        h, w = levels.shape
        if not (0 <= x and 0 <= y and x + w <= self.width and y + h <= self.height):
            raise ValueError(
                _("a {w}x{h} image at ({x}, {y}) does not fit the {width}x{height} canvas").format(
                    w=w, h=h, x=x, y=y, width=self.width, height=self.height
                )
            )
        self.send({"kind": "frame", "x": int(x), "y": int(y), "w": w, "h": h}, [levels.data])

    def _message(self, _widget, content, _buffers):
        if content.get("kind") == "ready":
            self._on_ready()
        elif content.get("kind") == "click":
            self._on_click(float(content["x"]), float(content["y"]))
