"""Repainting a figure in place: blitting, overlay layers, and the frames a browser receives.

The only module that touches matplotlib's or ipympl's private internals.

**Blitting.** The animated artists are left out of the full draw; after each full draw
a :class:`Painter` keeps a copy of the figure without them (the background), then draws
them on top. While nothing else changed (the figure is not stale), a repaint only
restores that background and redraws the animated artists (``canvas.blit``), which under
ipympl sends the new image at once, without the browser round trip of ``draw_idle`` and
without re-rendering the static text (ticks, labels, legends) that dominates a full draw.
Anything else that changes (axes limits, a title) marks the figure stale, and the next
repaint is a full draw.

**Overlay layers.** Static artists drawn above the animated ones (a legend over a moving
curve) are rendered once onto a transparent layer and laid over each blitted frame.

**Frames.** Under ``%matplotlib widget`` every repaint reaches the browser as a PNG.
Matplotlib sends the whole figure the first time and after a resize (mode "full"),
afterwards only the pixels that changed, on a transparent image laid over the previous
one (mode "diff"). A diff is only right over the frame before it, and ipympl's browser
side can drop a frame: it decodes each PNG by setting an image's ``src``, and a frame
that arrives while the previous one is still decoding replaces it. A dropped full frame
leaves a blank canvas with only the next step's curves on it; a dropped diff leaves stale
pixels. So :func:`quick_frames` makes the canvas send every frame whole, and encodes it
with :func:`encode_png` (no filtering, zlib level 1: about three times faster than Pillow
at level 6, ~2 ms for a 900x340 figure).
"""

import struct
import zlib
from contextlib import contextmanager

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from ._validate import as_count

PNG_LEVEL = 1
_WEB_CANVAS = ("get_diff_image", "set_image_mode", "_png_is_old", "_force_full", "_last_buff")


class Painter:
    """Repaints ``fig`` after its ``animated`` artists changed: a blit when it can.

    ``animated``: the artists that change between repaints. An
    :class:`~matplotlib.axes.Axes` stands for everything in it (for axes whose limits
    change: ticks and data then move together). Artists of the same axes drawn above an
    animated one and overlapping it (legends, points over an image) are animated too, so
    the stacking order stays as in a full draw; those drawn above every animated artist
    of their axes are kept as overlay layers, rendered again only when they change
    (figure opaque; the usual case). Saved figures (``savefig``) include every artist.

    The first :meth:`repaint` is a full draw after which the layout is frozen: later
    repaints only paint (constrained layout would otherwise run on every draw).
    """

    def __init__(self, fig, animated=()):
        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        animated = list(animated)
        if not all(isinstance(a, Artist) and a.get_figure(root=True) is fig for a in animated):
            raise TypeError("animated must be a list of artists (or axes) of fig")
        self.fig = fig
        self.whole_axes = [a for a in animated if isinstance(a, Axes)]
        self.animated = [a for a in animated if not isinstance(a, Axes)]
        self.overlay = []  # static artists above the animated ones, laid from layers
        self._layers = {}  # overlay artist -> its rendered layer
        self._background = None  # (figure bounds, pixels) without the animated artists
        self._laid_out = False
        quick_frames(fig.canvas)  # under ipympl: whole PNG frames, encoded ~3x faster

    @property
    def can_blit(self):
        """Whether the next :meth:`repaint` blits (a background is kept, nothing static changed)."""
        return (
            self._background is not None
            and not self.fig.stale
            and self._background[0] == self.fig.bbox.bounds
        )

    def repaint(self):
        """Show the figure's current state: a blit if :attr:`can_blit`, else ``draw_idle``."""
        if not self._laid_out:
            self._lay_out()
        elif self.can_blit:
            self._blit()
        else:
            self.fig.canvas.draw_idle()

    def _lay_out(self):
        """The first repaint: a full draw, then the layout frozen and the layers chosen."""
        fig = self.fig
        fig.canvas.draw_idle()
        # (Not canvas.draw(): under ipympl a draw before the canvas is shown leaves it blank.)
        fig.draw_without_rendering()
        fig.set_layout_engine("none")
        self._laid_out = True
        if not self.animated and not self.whole_axes:
            return
        above = _artists_above(self.animated, fig)
        if _opaque(fig):
            self.overlay = [a for a in above if _above_all(a, self.animated)]
        self.animated += [a for a in above if a not in self.overlay]
        for artist in (
            self.animated + self.overlay + [c for ax in self.whole_axes for c in _parts(ax)]
        ):
            artist.set_animated(True)
        # connected after the layout draw above, which renders nothing worth keeping
        fig.canvas.mpl_connect("draw_event", self._on_draw)

    def _on_draw(self, event):
        """After a full draw: keep the background, then draw the animated artists on it."""
        canvas = self.fig.canvas
        if event.canvas is not canvas or canvas.is_saving() or not _can_blit(canvas):
            self._background = None  # a savefig draw includes the animated artists
            return
        self._background = (self.fig.bbox.bounds, canvas.copy_from_bbox(self.fig.bbox))
        self._layers.clear()
        self._draw_animated()

    def _blit(self):
        canvas = self.fig.canvas
        canvas.restore_region(self._background[1])
        _project_3d(self.animated)
        self._draw_animated()
        canvas.blit(self.fig.bbox)

    def _draw_animated(self):
        """Draw the animated artists; called only while the figure is up to date."""
        for artist in sorted(self.animated, key=lambda a: a.get_zorder()):
            if _axes_shown(artist):
                self.fig.draw_artist(artist)
        for ax in self.whole_axes:
            with _unanimated(_parts(ax)):
                self.fig.draw_artist(ax)
        self._paint_overlay()
        # Drawing moves parts (a legend's frame, table cells) and so marks the figure
        # stale, though the canvas now shows exactly the current state.
        self.fig.stale = False

    def _paint_overlay(self):
        """Lay the static artists drawn above the animated ones (legends, spines) on the canvas.

        Each is rendered once onto a transparent layer, re-rendered only when it changed
        (stale) or after a full draw, and composited over the canvas pixels ("over":
        ``c = a s + (1 - a) c``): a legend's text costs milliseconds to render, not to lay.
        """
        pixels = np.asarray(self.fig.canvas.get_renderer().buffer_rgba()).reshape(-1, 4)
        for artist in sorted(self.overlay, key=lambda a: a.get_zorder()):
            if not _axes_shown(artist):
                continue
            if artist not in self._layers or artist.stale:
                self._layers[artist] = _render_layer(artist, self.fig)
                artist.stale = False
            where, premultiplied, keep = self._layers[artist]
            pixels[where, :3] = premultiplied + pixels[where, :3] * keep + 0.5


def _axes_shown(artist):
    """Whether a full draw would draw ``artist``'s axes (drawn alone, it would show anyway)."""
    return artist.axes is None or artist.axes.get_visible()


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
        children = _parts(ax)
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


def _project_3d(artists):
    """Project the shown 3-D artists with their axes' current view.

    A blit draws them alone, without ``Axes3D.draw``, which projects them in a full draw.
    """
    shown = [
        a for a in artists
        if hasattr(a, "do_3d_projection") and a.get_visible() and _axes_shown(a)
    ]  # fmt: skip
    for ax in {a.axes for a in shown}:
        ax.M = ax.get_proj()
    for artist in shown:
        artist.do_3d_projection()


def _can_blit(canvas):
    # not canvas.supports_blit: webagg/ipympl set it False, yet their blit sends the image
    return hasattr(canvas, "copy_from_bbox") and hasattr(canvas, "restore_region")


def encode_png(rgba, level=PNG_LEVEL):
    """PNG bytes of an ``(height, width, 4)`` uint8 RGBA array, zlib ``level`` 0-9.

    8-bit RGBA (PNG colour type 6), every scanline with filter type 0 (none), one IDAT.
    """
    rgba = np.asarray(rgba)
    if rgba.dtype != np.uint8 or rgba.ndim != 3 or rgba.shape[2] != 4:
        raise ValueError(
            f"rgba must be a (height, width, 4) uint8 array, got {rgba.dtype} {rgba.shape}"
        )
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


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def quick_frames(canvas):
    """Make a webagg-based ``canvas`` (ipympl's) send whole frames encoded by :func:`encode_png`.

    Returns False, changing nothing, for other canvases (Agg, inline figures).
    """
    if not isinstance(canvas, FigureCanvasBase):
        raise TypeError(f"canvas must be a matplotlib canvas, got {type(canvas).__name__}")
    if not all(hasattr(canvas, name) for name in _WEB_CANVAS):
        return False
    canvas.get_diff_image = lambda: _whole_frame(canvas)
    return True


def _whole_frame(canvas):
    """What ``FigureCanvasWebAggCore.get_diff_image`` sends, always in mode "full".

    ``None`` if nothing was drawn since the last frame.
    """
    if not canvas._png_is_old:
        return None
    pixels = np.asarray(canvas.get_renderer().buffer_rgba())
    canvas.set_image_mode("full")
    canvas._last_buff = pixels.view(np.uint32).squeeze(2).copy()
    canvas._force_full, canvas._png_is_old = False, False
    return encode_png(pixels)
