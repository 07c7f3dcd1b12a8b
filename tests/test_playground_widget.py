import asyncio
import datetime
import io

import numpy as np
import pytest

from nbs_utils.playground import Playground, render
from nbs_utils.playground.controls import LEARNING_RATES, PLAYGROUND_ACTIVATIONS
from nbs_utils.playground.widget import PlaygroundWidget


@pytest.fixture
def widget():
    return PlaygroundWidget(Playground("circle", hidden=(4,), activation="relu", seed=0))


def _same_layers(a, b):
    return all(
        np.array_equal(W1, W2) and np.array_equal(b1, b2) for (W1, b1), (W2, b2) in zip(a, b)
    )


def test_playing_trains_and_paints_and_matches_synchronous_training(widget):
    async def play_a_while():
        widget.play()
        await asyncio.sleep(0.5)
        widget.pause()
        await asyncio.sleep(0.05)

    frames, readouts = widget.frames, widget.readout_count
    asyncio.run(play_a_while())
    pg = widget.pg
    assert pg.step > 50 and widget.frames > frames + 5 and widget.thumbnail_frames >= 2
    assert widget.readout_count > readouts  # computed in the worker thread while playing
    same = Playground("circle", hidden=(4,), activation="relu", seed=0)
    same.train(pg.step)  # in one call: the frames must not matter
    assert _same_layers(same.layers, pg.layers)


def test_step_reset_and_readouts(widget):
    widget.step(3)
    assert widget.pg.step == 3
    widget.refresh_readouts(now=True)
    assert "exact linear regions in the box" in widget.c["readouts"].value
    assert "step <b>3</b>" in widget.c["status"].value
    widget.c["reset"].click()
    assert widget.pg.step == 0
    X = widget.pg.points("train")[0]
    widget.c["regenerate"].click()  # new data from the next seed
    assert widget.pg.seed == 1 and not np.array_equal(X, widget.pg.points("train")[0])
    assert np.array_equal(widget.pg.points("train")[0], Playground(seed=1).points("train")[0])


def test_controls_reach_the_playground(widget):
    c, pg = widget.c, widget.pg
    c["dataset"].value = "spiral"
    c["noise"].value = 0.5
    c["split"].value = 0.3
    c["batch"].value = 10
    c["lr"].value = 0.1
    c["reg"].value, c["reg_rate"].value = "l1", 0.01
    assert (pg.dataset, pg.noise, pg.test_fraction, pg.batch_size) == ("spiral", 0.5, 0.3, 10)
    assert (pg.learning_rate, pg.regularization, pg.reg_rate) == (0.1, "l1", 0.01)
    c["reg"].value = "none"
    assert pg.regularization is None and c["reg"].label == "none"
    c["layers"].value = 3
    c["widths"][2].value = 7
    assert pg.hidden == (4, 4, 7)
    c["features"]["sin x1"].value = True
    assert pg.features == ("x1", "x2", "sin x1") and pg.layers[0][0].shape == (4, 3)
    widget.step(2)
    before = pg.layers
    c["acts"][1].value = "tanh"  # swap, keeping the weights
    assert pg.activations == ["relu", "tanh", "relu"] and _same_layers(before, pg.layers)
    for toggle in c["features"].values():
        toggle.value = False
    assert pg.features == ("x1",)  # never no feature at all
    c["layers"].value = 0
    assert pg.hidden == ()


def test_clicks_add_points_and_show_formulas(widget):
    n = len(widget.pg.points("train")[0])
    widget.c["click_class"].value = 0
    widget.click(render.MAP_X + render.MAP_W / 2, render.MAP_W / 4)
    X, y = widget.pg.points("train")
    assert len(X) == n + 1 and y[-1] == 0 and np.allclose(X[-1], [0.0, 3.0])
    widget.click(*render.thumbnail_position(0, 2))
    assert widget.c["formula"].value == f"<code>{widget.pg.neuron_formula(0, 2)}</code>"
    widget.c["clear"].click()
    assert len(widget.pg.points("train")[0]) == 0
    widget.step()  # no training points: a message, not a crash
    assert "no training points" in widget.c["status"].value


def test_a_typed_point_is_added_without_a_mouse(widget):
    n = len(widget.pg.points("train")[0])
    widget.c["point_x1"].value, widget.c["point_x2"].value = -2.5, 1.25
    widget.c["click_class"].value = 0
    widget.c["add_point"].click()
    X, y = widget.pg.points("train")
    assert len(X) == n + 1 and y[-1] == 0 and np.array_equal(X[-1], [-2.5, 1.25])
    assert f"{n + 1} training points" in widget.c["status"].value
    assert "paused" in widget.c["status"].value
    widget.c["point_x1"].value = 99.0  # clipped to the map's box by the number box
    assert widget.c["point_x1"].value == widget.pg.box[0][1]
    for key in ("point_x1", "point_x2", "add_point", "click_class"):
        assert widget.c[key].description.strip(), key  # labelled


def _upload(control, name, data):
    """What the browser does when a learner picks a file in a ``FileUpload`` control."""
    control.value = ({"name": name, "type": "", "size": len(data), "content": memoryview(data), "last_modified": datetime.datetime.now(datetime.timezone.utc)},)  # fmt: skip


def test_files_out_and_in(widget):
    widget.step(5)
    widget.c["csv_export"].click()
    assert 'download="points.csv"' in widget.c["download"].value
    other = PlaygroundWidget(Playground("xor", hidden=(2, 2), seed=5))
    _upload(other.c["csv_import"], "points.csv", widget.pg.to_csv().encode())
    assert other.pg.to_csv() == widget.pg.to_csv()
    buffer = io.BytesIO()
    widget.pg.save(buffer)
    _upload(other.c["npz_import"], "weights.npz", buffer.getvalue())
    assert other.pg.hidden == (4,) and _same_layers(other.pg.layers, widget.pg.layers)
    assert other.c["layers"].value == 1 and other.c["widths"][0].value == 4


def test_diverging_learning_rate_shows_a_message_and_resets():
    w = PlaygroundWidget(Playground("circle", hidden=(8, 8, 8), activation="leaky_relu", seed=0))
    w.c["lr"].value = 10.0
    w.step(300)
    assert "lower the learning rate" in w.c["status"].value and w.pg.step == 0


@pytest.mark.parametrize("activation", PLAYGROUND_ACTIVATIONS)
@pytest.mark.parametrize("dataset", ["circle", "spiral"])
def test_no_nan_and_no_warning_in_any_setting(dataset, activation):
    w = PlaygroundWidget(Playground(dataset, hidden=(8, 8), activation=activation, seed=0))
    for lr in (LEARNING_RATES[0], LEARNING_RATES[-1]):
        w.c["lr"].value = lr
        w.c["reg"].value, w.c["reg_rate"].value = "l2", 10.0
        w.step(50)
        assert np.all(np.isfinite(w.pg.predict_proba(render.grid(w.pg.box))))
        assert all(np.all(np.isfinite(W)) for W, _ in w.pg.layers)


def test_the_frame_layout_does_not_overlap():
    thumbs = (0, render.THUMBS_W, 0, render.THUMBS_H)
    map_ = (render.MAP_X, render.MAP_X + render.MAP_W, 0, render.MAP_W)
    curve = (0, render.WIDTH, render.CURVE_Y, render.CURVE_Y + render.CURVE_H)
    boxes = [thumbs, map_, curve]
    for i, (x0, x1, y0, y1) in enumerate(boxes):
        assert 0 <= x0 < x1 <= render.WIDTH and 0 <= y0 < y1 <= render.HEIGHT
        for u0, u1, v0, v1 in boxes[i + 1 :]:
            assert x1 <= u0 or u1 <= x0 or y1 <= v0 or v1 <= y0  # disjoint


def test_displayed_playground_carries_a_png_of_its_first_frame_with_alt_text():
    import base64

    from PIL import Image

    pg = Playground(dataset="circle", hidden=(4,), activation="relu", seed=0)
    data, metadata = pg._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    png = Image.open(io.BytesIO(base64.b64decode(data["image/png"])))
    assert png.size == (render.WIDTH, render.HEIGHT)
    pixels = np.asarray(png)
    assert len(np.unique(pixels.reshape(-1, pixels.shape[-1]), axis=0)) > 20  # not blank
    alt = metadata["image/png"]["alt"]
    assert alt == data["text/plain"] and "circle" in alt and "relu" in alt


def test_the_widget_builds_in_chinese_too():
    from nbs_utils.language import _, use_language

    use_language("zh-CN")
    try:
        w = PlaygroundWidget(Playground(dataset="circle", hidden=(4,), activation="relu", seed=0))
        assert w.c["play"].description == "播放" and w.c["play"].icon == "play"  # icon: a name
        assert _("pause") == "暂停" and "步" in w.c["status"].value
    finally:
        use_language("en")


def test_the_vector_map_matches_the_image_map():
    """The map sent after a change while paused (cells + marker polygons) is the image map:
    the same cell colours, and each point's polygons centred on its stamped marker."""
    pg = Playground("circle", hidden=(4,), activation="relu", seed=0, n_points=40)
    p = pg.unit_outputs(render.grid(pg.box))[-1]
    image = render.map_image(p, np.empty((0, 2)), np.empty(0, int), np.empty(0, bool), pg.box)
    cells = render.map_cells(p)
    at = image[render.CELL_Y + 1, render.CELL_X + 1 - render.MAP_X]  # inside each cell square
    assert np.array_equal(at, cells)
    assert render.CELL_X.max() + render.MAP_SCALE == render.WIDTH
    groups = render.marker_polygons(pg._points, pg._labels, pg._is_test, pg.box)
    assert sum(len(polygons) for _, polygons in groups) == 2 * len(pg._points)  # rim + fill
    (x0, x1), (y0, y1) = pg.box
    px = render.MAP_X + np.round((pg._points[:, 0] - x0) / (x1 - x0) * render.MAP_W) + 0.5
    py = np.round((y1 - pg._points[:, 1]) / (y1 - y0) * render.MAP_W) + 0.5
    shapes = {"diamond": [render._diamond(3.0), render._diamond(4.5)],
              "triangle": [render._triangle(3.0), render._triangle(4.5)]}  # fmt: skip
    k = 0
    for label in (0, 1):
        for test in (False, True):
            sel = (pg._labels == label) & (pg._is_test == test)
            if not sel.any():
                continue
            centres = np.c_[px[sel], py[sel]][:, None, :]
            (rim, rims), (fill, fills) = groups[k], groups[k + 1]
            k += 2
            assert rim == ((0, 0, 0) if test else (255, 255, 255))
            assert fill == ((0, 114, 178) if label == 0 else (213, 94, 0))
            small, big = shapes["diamond" if label == 0 else "triangle"]
            assert np.allclose(fills - centres, small) and np.allclose(rims - centres, big)
    assert k == len(groups)
    widget = PlaygroundWidget(pg)
    frames = widget.frames
    widget.c["noise"].value = 0.1  # a change while paused: the vector map, then the rest
    assert widget.frames > frames
    assert np.array_equal(
        widget._img[: render.MAP_W, render.MAP_X :],
        render.map_image(widget.pg.unit_outputs(widget._grid)[-1], widget.pg._points,
                         widget.pg._labels, widget.pg._is_test, widget.pg.box),
    )  # fmt: skip
