"""The playground's anywidget canvas and its colour levels: what the kernel sends is what
the browser is told to paint, in the course's colour-blind-safe palette."""

import numpy as np
import pytest

from nbs_utils.playground import render
from nbs_utils.playground.canvas import LevelCanvas


def _canvas(**kw):
    return LevelCanvas(8, 6, render.PALETTE, on_ready=lambda: None, on_click=lambda x, y: None,
                       **kw)  # fmt: skip


def test_paint_sends_one_message_with_the_levels_as_one_buffer():
    canvas, sent = _canvas(), []
    canvas.send = lambda content, buffers: sent.append((content, buffers))
    levels = np.arange(12, dtype=np.uint8).reshape(3, 4)
    canvas.paint(levels[:, 1:], x=5, y=2)  # a non-contiguous view is sent as its values
    ((content, buffers),) = sent
    assert content == {"kind": "frame", "x": 5, "y": 2, "w": 3, "h": 3}
    assert bytes(buffers[0]) == levels[:, 1:].tobytes()


def test_paint_refuses_an_image_that_does_not_fit_and_a_bad_palette():
    with pytest.raises(ValueError, match="does not fit"):
        _canvas().paint(np.zeros((3, 4), np.uint8), x=5, y=0)
    with pytest.raises(ValueError, match="256 RGB"):
        LevelCanvas(8, 6, np.zeros((10, 3)), on_ready=print, on_click=print)


def test_the_palette_reaches_the_browser_as_rgb_bytes():
    canvas = _canvas()
    assert canvas.palette == render.PALETTE.tobytes() and len(canvas.palette) == 256 * 3
    assert "putImageData" in canvas._esm and "msg:custom" in canvas._esm


def test_messages_from_the_browser_reach_the_callbacks():
    calls = []
    canvas = LevelCanvas(8, 6, render.PALETTE, on_ready=lambda: calls.append("ready"),
                         on_click=lambda x, y: calls.append((x, y)))  # fmt: skip
    canvas._message(canvas, {"kind": "ready"}, [])
    canvas._message(canvas, {"kind": "click", "x": 3, "y": 4.5}, [])
    canvas._message(canvas, {"kind": "something else"}, [])
    assert calls == ["ready", (3.0, 4.5)]


def test_levels_are_the_diverging_colour_blind_safe_scale():
    assert np.array_equal(render.rgb(render.level(0.0)), [255, 255, 255])  # white in between
    blue, vermillion = render.rgb(render.level(-1.0)), render.rgb(render.level(1.0))
    assert blue[2] > blue[0] and vermillion[0] > vermillion[2]  # Okabe & Ito's ends
    assert np.array_equal(render.PALETTE[render.BLUE], [0, 114, 178])
    assert np.array_equal(render.PALETTE[render.VERMILLION], [213, 94, 0])
    values = np.linspace(-1.0, 1.0, 1001)
    levels = render.level(values)
    assert levels.dtype == np.uint8 and np.all(np.diff(levels.astype(int)) >= 0)
    assert levels.max() < render.BACKGROUND  # the scale never reaches the named colours
