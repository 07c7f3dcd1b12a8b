"""nbs_utils.repaint: a blitted frame equals a full draw, static artists above come from
cached layers, and every frame a browser canvas sends is whole."""

import io

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_webagg_core import FigureCanvasWebAggCore
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from PIL import Image

from nbs_utils.plots import new_figure
from nbs_utils.repaint import Painter, encode_png, quick_frames


def _painted(animated):
    """A painter over a line (a legend above it) and an axes whose limits move.

    Returns ``(painter, move)``; ``move(h)`` changes both, then repaints.
    """
    fig, (ax, ax2) = new_figure(ncols=2)
    (line,) = ax.plot([0, 1], [0, 0], label="moving")
    ax.legend(loc="center")  # drawn above the line: must be animated with it
    (other,) = ax2.plot([0, 1], [0, 1])

    def move(h):
        line.set_ydata([h, -h])
        other.set_ydata([0, 1 + h])
        ax2.set_ylim(0, 1 + h)
        painter.repaint()

    painter = Painter(fig, [line, ax2] if animated else [])
    move(0.5)
    return painter, move


def _pixels(fig):
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_the_first_repaint_freezes_the_layout():
    painter, _ = _painted(animated=True)
    # new_figure asks for constrained layout; after the first repaint the figure keeps it
    assert isinstance(painter.fig.get_layout_engine(), PlaceHolderLayoutEngine)


def test_blitted_frame_equals_a_full_draw_and_savefig_keeps_animated_artists():
    painter, move = _painted(animated=True)
    fig = painter.fig
    assert fig.axes[0].get_legend().get_animated()  # pulled in: drawn above the line
    fig.canvas.draw()
    before = _pixels(fig)
    assert painter.can_blit
    move(0.9)
    assert painter.can_blit  # blitted, no full draw pending
    blitted = _pixels(fig)
    assert (blitted != before).any()
    fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(fig))
    reference, move_reference = _painted(animated=False)
    move_reference(0.9)
    fig.savefig(a := io.BytesIO(), format="png")
    reference.fig.savefig(b := io.BytesIO(), format="png")
    assert a.getvalue() == b.getvalue()  # nothing animated is missing from a saved figure


def test_static_artists_above_are_rendered_once_then_laid_from_a_layer():
    painter, move = _painted(animated=True)
    fig, legend = painter.fig, painter.fig.axes[0].get_legend()
    assert legend in painter.overlay  # static, above the line: kept as a layer
    fig.canvas.draw()
    renders = []
    draw = legend.draw
    legend.draw = lambda renderer: (renders.append(1), draw(renderer))
    move(0.2)
    move(0.3)
    assert renders == [] and not fig.stale  # blitted twice, legend layer reused
    legend.get_texts()[0].set_text("renamed")  # a change to it: rendered again, once
    move(0.4)
    move(0.5)
    assert renders == [1]
    blitted = _pixels(fig)
    fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(fig))


def test_transparent_figures_draw_artists_above_live():
    fig, ax = new_figure()
    fig.patch.set_alpha(0.0)  # no opaque pixels to lay a layer over
    (line,) = ax.plot([0, 1], [0, 0], label="moving")
    legend = ax.legend(loc="center")
    painter = Painter(fig, [line])
    painter.repaint()
    assert painter.overlay == [] and legend in painter.animated


def test_changes_outside_the_animated_artists_redraw_the_whole_figure():
    painter, move = _painted(animated=True)
    painter.fig.canvas.draw()
    painter.fig.axes[0].set_title("changed")  # static artist touched: the background is stale
    assert painter.fig.stale and not painter.can_blit
    calls = []
    painter.fig.canvas.draw_idle = lambda: calls.append(1)
    move(0.1)
    assert calls == [1]


def test_a_blitted_3d_frame_is_projected_with_the_current_view():
    fig = Figure(figsize=(3, 3))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(projection="3d")
    ax.set(xlim=(0, 1), ylim=(0, 1), zlim=(0, 1))
    points = ax.scatter([0.2, 0.8], [0.2, 0.8], [0.2, 0.8])
    painter = Painter(fig, [points])
    painter.repaint()
    fig.canvas.draw()
    before = _pixels(fig)
    points.set_offsets([[0.8, 0.2], [0.2, 0.8]])
    points.set_3d_properties([0.5, 0.1], "z")
    painter.repaint()
    assert painter.can_blit  # blitted
    blitted = _pixels(fig)
    assert (blitted != before).any()
    fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(fig))


def test_artists_of_a_hidden_axes_are_not_painted():
    """As in a full draw: an axes switched off hides its animated and overlaid artists."""
    fig, (ax, ax2) = new_figure(ncols=2)
    (line,) = ax.plot([0, 1], [0, 1], label="moving")
    ax.legend(loc="center")  # an overlay layer of the axes that will be hidden
    (other,) = ax2.plot([0, 1], [1, 0])
    painter = Painter(fig, [line, other])
    painter.repaint()
    ax.set_visible(False)
    painter.repaint()  # a full draw: the axes' visibility changed
    line.set_ydata([1, 0])
    other.set_ydata([0, 1])
    painter.repaint()
    assert painter.can_blit and painter.overlay  # blitted, a layer kept
    blitted = _pixels(fig)
    fig.savefig(full := io.BytesIO(), format="rgba")  # a full draw, every artist in it
    full = np.frombuffer(full.getvalue(), np.uint8).reshape(blitted.shape)
    assert np.abs(blitted.astype(int) - full).max() <= 1  # layers: "over" rounded, not Agg's


def _web_figure(quick):
    fig = Figure(figsize=(3, 2))
    canvas = FigureCanvasWebAggCore(fig)
    if quick:
        assert quick_frames(canvas) is True
    (line,) = fig.add_subplot().plot([0, 1], [0, 1])
    return canvas, line


def _frames(canvas, line):
    """(mode, decoded pixels) of the first frame and of a frame after a change."""
    out = []
    for y in (1.0, 0.5):
        line.set_ydata([0, y])
        FigureCanvasAgg.draw(canvas)  # render only: no browser connected to send to
        canvas._png_is_old = True
        png = canvas.get_diff_image()
        out.append((canvas._current_image_mode, np.asarray(Image.open(io.BytesIO(png)))))
    return out


def test_every_quick_frame_is_whole_and_equals_the_canvas():
    """A dropped frame in the browser must not matter: each one is the whole figure."""
    canvas, line = _web_figure(quick=True)
    plain = _frames(*_web_figure(quick=False))
    frames = _frames(canvas, line)
    assert [mode for mode, _ in frames] == ["full", "full"]
    assert [mode for mode, _ in plain] == ["full", "diff"]  # what quick_frames replaces
    np.testing.assert_array_equal(frames[0][1], plain[0][1])
    np.testing.assert_array_equal(frames[1][1], np.asarray(canvas.get_renderer().buffer_rgba()))
    assert not np.array_equal(frames[0][1], frames[1][1])


def test_no_frame_until_something_is_drawn():
    canvas, line = _web_figure(quick=True)
    FigureCanvasAgg.draw(canvas)
    canvas._png_is_old = True
    assert canvas.get_diff_image() is not None
    assert canvas.get_diff_image() is None


def test_other_canvases_are_left_alone():
    canvas = FigureCanvasAgg(Figure())
    assert quick_frames(canvas) is False and "get_diff_image" not in vars(canvas)


def test_encode_png_round_trips_and_checks_its_input():
    rgba = np.random.default_rng(0).integers(0, 256, size=(5, 7, 4), dtype=np.uint8)
    decoded = np.asarray(Image.open(io.BytesIO(encode_png(rgba))))
    np.testing.assert_array_equal(decoded, rgba)
    with pytest.raises(ValueError, match="uint8"):
        encode_png(rgba[..., :3])
    with pytest.raises(ValueError, match="uint8"):
        encode_png(rgba.astype(float))
