"""Quicker frames for browser canvases (ipympl, webagg): the same PNG frames, encoded faster.

Under ``%matplotlib widget`` every repaint reaches the browser as a PNG: the whole figure
the first time and after a resize (mode "full"), afterwards only the pixels that changed
on a transparent image (mode "diff"). Matplotlib encodes these with Pillow at zlib level
6; a slider step of a 720x340 figure then spends 10-15 ms encoding, mostly in Pillow's
per-row adaptive filtering, which buys nothing for a diff that is mostly zeros.
:func:`encode_png` writes the PNG itself with no filtering and zlib level 1: about three
times faster, and no larger for diff frames.
"""

import struct
import zlib

import numpy as np
from matplotlib.backend_bases import FigureCanvasBase

from ._validate import as_count

PNG_LEVEL = 1
_STATE = ("get_diff_image", "set_image_mode", "_png_is_old", "_force_full", "_last_buff")


def encode_png(rgba, level=PNG_LEVEL):
    """PNG bytes of an ``(height, width, 4)`` uint8 RGBA array, zlib ``level`` 0-9.

    8-bit RGBA (PNG colour type 6), every scanline with filter type 0 (none), one IDAT.
    """
    rgba = _as_rgba(rgba, "rgba")
    if as_count(level, "level", minimum=0) > 9:
        raise ValueError(f"level must be a zlib level 0-9, got {level}")
    height, width, _ = rgba.shape
    scanlines = np.zeros((height, 1 + 4 * width), np.uint8)  # leading 0: filter type none
    scanlines[:, 1:] = rgba.reshape(height, -1)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8 bits, RGBA
    return b"".join([
        b"\x89PNG\r\n\x1a\n",
        _chunk(b"IHDR", header),
        _chunk(b"IDAT", zlib.compress(scanlines, level)),
        _chunk(b"IEND", b""),
    ])  # fmt: skip


def encode_diff(rgba, previous, level=PNG_LEVEL):
    """A "diff" frame: PNG of the pixels of ``rgba`` that differ from ``previous``.

    Unchanged pixels are transparent (all zeros), so the browser lays the frame over the
    previous one. The browser lays it at the top-left corner, so the PNG covers only the
    rectangle from there to the last changed row and column (at least one pixel): a
    slider step that changes one plot then encodes, sends and decodes less. Both inputs
    are ``(height, width, 4)`` uint8 arrays of the same shape.
    """
    now, before = _as_rgba(rgba, "rgba"), _as_rgba(previous, "previous")
    if now.shape != before.shape:
        raise ValueError(f"rgba {now.shape} and previous {before.shape} must have one shape")
    now32, before32 = (np.ascontiguousarray(a).view(np.uint32)[..., 0] for a in (now, before))
    changed = now32 != before32  # whole pixels compared as uint32
    height = _last(changed.any(axis=1)) + 1
    width = _last(changed.any(axis=0)) + 1
    kept = np.where(changed[:height, :width], now32[:height, :width], 0)
    return encode_png(kept.view(np.uint8).reshape(height, width, 4), level)


def _last(flags):
    """Index of the last True in ``flags``, 0 if none."""
    where = np.flatnonzero(flags)
    return int(where[-1]) if where.size else 0


def _as_rgba(rgba, name):
    rgba = np.asarray(rgba)
    if rgba.dtype != np.uint8 or rgba.ndim != 3 or rgba.shape[2] != 4:
        raise ValueError(
            f"{name} must be a (height, width, 4) uint8 array, got {rgba.dtype} {rgba.shape}"
        )
    return rgba


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def quick_frames(canvas):
    """Make a webagg-based ``canvas`` (ipympl's) encode its frames at :data:`PNG_LEVEL`.

    Returns False, changing nothing, for other canvases (Agg, inline figures).
    """
    if not isinstance(canvas, FigureCanvasBase):
        raise TypeError(f"canvas must be a matplotlib canvas, got {type(canvas).__name__}")
    if not all(hasattr(canvas, name) for name in _STATE):
        return False
    canvas.get_diff_image = lambda: _diff_image(canvas)
    return True


def _diff_image(canvas):
    """What ``FigureCanvasWebAggCore.get_diff_image`` sends, encoded at :data:`PNG_LEVEL`.

    ``None`` if nothing was drawn since the last frame. A diff frame needs an opaque
    figure (it is laid over the previous frame in the browser); otherwise a full frame.
    """
    if not canvas._png_is_old:
        return None
    pixels = np.asarray(canvas.get_renderer().buffer_rgba())
    buff = pixels.view(np.uint32).squeeze(2)  # one uint32 per pixel: compare whole pixels
    full = (
        canvas._force_full or buff.shape != canvas._last_buff.shape or (pixels[..., 3] != 255).any()
    )
    canvas.set_image_mode("full" if full else "diff")
    last = canvas._last_buff.view(np.uint8).reshape(pixels.shape) if not full else None
    canvas._last_buff, canvas._force_full, canvas._png_is_old = buff.copy(), False, False
    return encode_png(pixels) if full else encode_diff(pixels, last)
