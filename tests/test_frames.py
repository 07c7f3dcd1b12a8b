import io

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_webagg_core import FigureCanvasWebAggCore
from matplotlib.figure import Figure
from PIL import Image

from nbs_utils.frames import encode_diff, encode_png, quick_frames


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


def _shown(frames):
    """What the browser shows after each frame: a diff is laid at the top-left corner."""
    shown, out = None, []
    for mode, image in frames:
        if mode == "full":
            shown = image.copy()
        else:
            corner = shown[: image.shape[0], : image.shape[1]]
            opaque = image[..., 3] > 0
            corner[opaque] = image[opaque]
        out.append(shown.copy())
    return out


def test_quick_frames_show_the_same_pictures_as_matplotlibs_frames():
    quick = _frames(*_web_figure(quick=True))
    plain = _frames(*_web_figure(quick=False))
    assert [mode for mode, _ in quick] == [mode for mode, _ in plain] == ["full", "diff"]
    np.testing.assert_array_equal(quick[0][1], plain[0][1])
    for a, b in zip(_shown(quick), _shown(plain)):
        np.testing.assert_array_equal(a, b)
    diff = quick[1][1]
    assert diff.size < plain[1][1].size  # cropped to the changed corner
    assert (diff[..., 3] == 0).mean() > 0.5  # and mostly transparent


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


def test_encode_diff_keeps_changed_pixels_only_up_to_the_last_changed_row_and_column():
    before = np.zeros((3, 4, 4), np.uint8)
    now = before.copy()
    now[1, 2] = (10, 20, 30, 255)
    decoded = np.asarray(Image.open(io.BytesIO(encode_diff(now, before))))
    np.testing.assert_array_equal(decoded, now[:2, :3])  # the changed pixel; the rest zeros
    empty = np.asarray(Image.open(io.BytesIO(encode_diff(now, now))))
    assert empty.shape == (1, 1, 4) and not empty.any()
    now[2, 0] = now[0, 3] = 7  # changes in the last row and column: the whole frame
    assert np.asarray(Image.open(io.BytesIO(encode_diff(now, before)))).shape == now.shape
