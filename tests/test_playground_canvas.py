"""The playground's anywidget canvas and its colour levels: what the kernel sends is what
the browser is told to paint, in the course's colour-blind-safe palette."""

import zlib

import ipywidgets as W
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
    assert content == {"kind": "frame", "x": 5, "y": 2, "w": 3, "h": 3, "version": 0}
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


def test_the_map_leaves_the_test_points_out_or_shows_each_cell_s_predicted_class():
    p = np.random.default_rng(0).uniform(size=render.MAP_CELLS**2)
    p[0] = 0.5  # exactly undecided: class 0, as accuracy counts (class 1 iff p > 0.5)
    box, none = ((-6.0, 6.0), (-6.0, 6.0)), np.zeros((0, 2))
    points, labels, is_test = np.array([[0.0, 0.0], [3.0, 3.0]]), np.array([0, 1]), np.array([False, True])  # fmt: skip
    both = render.map_image(p, points, labels, is_test, box)
    train_only = render.map_image(p, points, labels, is_test, box, show_test=False)
    assert np.array_equal(train_only, render.map_image(p, points[:1], labels[:1], is_test[:1], box))
    assert not np.array_equal(train_only, both)
    shaded = render.map_image(p, none, labels[:0], is_test[:0], box)
    classes = render.map_image(p, none, labels[:0], is_test[:0], box, discretize=True)
    want = np.where(p.reshape(render.MAP_CELLS, -1) > 0.5, render.level(1.0), render.level(-1.0))
    assert np.array_equal(classes[:: render.MAP_SCALE, :: render.MAP_SCALE], want)
    assert np.array_equal(shaded[:: render.MAP_SCALE, :: render.MAP_SCALE], render.level(2 * p.reshape(want.shape) - 1))  # fmt: skip


def test_the_weights_are_links_between_the_thumbnails_and_into_the_map():
    W1, b = np.ones((2, 2)), np.zeros(2)
    W2, W_out = np.zeros((2, 2)), np.zeros((1, 2))
    W2[1, 0], W_out[0, 1] = -3.0, 0.75  # unit 0 -> unit 1 of layer 2; unit 1 of it -> output
    img = render.blank()
    hidden = [np.zeros((render.MAP_CELLS**2, 2))] * 2
    render.draw_network(img, [(W1, b), (W2, b), (W_out, b[:1])], hidden)
    links = img[: render.THUMBS_H, : render.MAP_X].copy()
    for layer, unit in np.ndindex(2, 2):  # the thumbnails (all white here) cover the rest
        x, y = render.thumbnail_position(layer, unit)
        links[y : y + render.THUMB, x : x + render.THUMB] = render.BACKGROUND
    strong, weak = render.level(-1.0), render.level(0.5)  # r = -1; r = 1/4: sqrt lifts it
    ys, xs = np.nonzero(links != render.BACKGROUND)
    assert set(np.unique(links[ys, xs])) == {strong, weak}
    x0, y0 = render.THUMB, render.THUMB // 2  # the right edge of layer 1's unit 0
    x1, y1 = render.COLUMN - 1, render.ROW + render.THUMB // 2  # the left edge of unit 1
    first = links[:, : render.COLUMN]
    assert first[y0, x0] == first[y1, x1] == strong and first[y1 + 1, x1] == strong  # 2 px
    assert np.all(np.isin(first, [render.BACKGROUND, strong]))
    out = links[:, render.COLUMN + render.THUMB :]
    assert out[render.ROW + render.THUMB // 2, 0] == weak  # from layer 2's unit 1 ...
    assert out[render.MAP_W // 2, -1] == weak  # ... to the middle of the map's left edge
    assert np.count_nonzero(out == weak) == out.shape[1]  # 1 px thick, one pixel a column
    for layer, unit in np.ndindex(render.MAX_COLUMNS, render.MAX_ROWS):
        assert render.thumbnail_at(*render.thumbnail_position(layer, unit)) == (layer, unit)
    assert render.thumbnail_at(x0 + 1, y0) is None  # a click on a link is not a thumbnail


def test_prepared_frames_go_ahead_compressed_for_watched_controls_only():
    canvas, sent = _canvas(), []
    canvas.send = lambda content, buffers: sent.append((content, buffers))
    slider, other = W.SelectionSlider(options=[1, 2, 3]), W.Dropdown(options=["a", "b"])
    canvas.watch([slider])
    toggle = W.ToggleButton()
    canvas.watch([slider, toggle])  # a selection is watched by its index, others by value
    assert canvas.watched == [(slider.model_id, "index"), (toggle.model_id, "value")]
    assert f"nbs-watched-{slider.model_id}" in slider._dom_classes  # how the browser finds it
    canvas.version = 7
    levels = {0: np.full((2, 3), 4, np.uint8), 2: np.arange(6, dtype=np.uint8).reshape(2, 3)}
    canvas.prepare(slider, levels, x=1, y=1)
    ((content, buffers),) = sent
    assert content == {"kind": "prepared", "x": 1, "y": 1, "w": 3, "h": 2, "version": 7,
                       "keys": [f"{slider.model_id}:0", f"{slider.model_id}:2"]}  # fmt: skip
    assert [zlib.decompress(b) for b in buffers] == [v.tobytes() for v in levels.values()]
    canvas.prepare(slider, {})  # nothing to prepare: nothing sent
    canvas.prepare(toggle, {True: levels[0]})  # keys as the browser writes them: JSON
    assert len(sent) == 2 and sent[1][0]["keys"] == [f"{toggle.model_id}:true"]
    with pytest.raises(ValueError, match="watch"):
        canvas.prepare(other, levels)
    with pytest.raises(ValueError, match="does not fit"):
        canvas.prepare(slider, levels, x=6)


def test_the_browser_names_the_watched_control_in_focus():
    focused = []
    canvas = _canvas(on_focus=focused.append)
    slider = W.SelectionSlider(options=[1, 2, 3])
    canvas.watch([slider])
    canvas._message(canvas, {"kind": "focus", "id": slider.model_id}, [])
    canvas._message(canvas, {"kind": "focus", "id": "not a watched control"}, [])
    assert focused == [slider]
