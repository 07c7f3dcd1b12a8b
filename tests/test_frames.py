import io

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_webagg_core import FigureCanvasWebAggCore
from matplotlib.figure import Figure
from PIL import Image

from nbs_utils.frames import encode_png, quick_frames


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
