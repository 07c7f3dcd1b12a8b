import asyncio
import datetime
import io
import json
import threading
import zlib

import numpy as np
import pytest
import traitlets

from nbs_utils.playground import Playground, render
from nbs_utils.playground.controls import LEARNING_RATES, PLAYGROUND_ACTIVATIONS, one_step
from nbs_utils.playground.widget import PlaygroundWidget


@pytest.fixture
def widget():
    return PlaygroundWidget(Playground("circle", hidden=(4,), activation="relu", seed=0))


def _same_layers(a, b):
    return all(
        np.array_equal(W1, W2) and np.array_equal(b1, b2) for (W1, b1), (W2, b2) in zip(a, b)
    )


def test_playing_trains_and_paints_and_matches_synchronous_training(widget):
    frames, readouts = widget.frames, widget.readout_count

    def played_enough():
        return (
            widget.pg.step > 50
            and widget.frames > frames + 5
            and widget.thumbnail_frames >= 2
            and widget.readout_count > readouts
        )

    async def play_until_enough(seconds=60):  # polls: a busy machine is slower, not wrong
        widget.play()
        for _ in range(int(seconds / 0.05)):
            if played_enough():
                break
            await asyncio.sleep(0.05)
        widget.pause()
        await asyncio.sleep(0.05)

    asyncio.run(play_until_enough())
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
@pytest.mark.parametrize("dataset", ["circle", "spiral", "plane", "multi_gaussian"])
def test_no_nan_and_no_warning_in_any_setting(dataset, activation):
    w = PlaygroundWidget(Playground(dataset, hidden=(8, 8), activation=activation, seed=0))
    for lr in (LEARNING_RATES[0], LEARNING_RATES[-1]):
        w.c["lr"].value = lr
        w.c["reg"].value, w.c["reg_rate"].value = "l2", 10.0
        w.step(50)
        assert np.all(np.isfinite(w.pg.unit_outputs(render.grid(w.pg.box))[-1]))
        assert all(np.all(np.isfinite(W)) for W, _ in w.pg.layers)


def test_the_frame_layout_does_not_overlap_and_leaves_no_empty_band():
    thumbs = (0, render.THUMBS_W, 0, render.THUMBS_H)
    map_ = (render.MAP_X, render.MAP_X + render.MAP_W, 0, render.MAP_W)
    curve = (render.CURVE_X, render.CURVE_X + render.CURVE_W, render.CURVE_Y,
             render.CURVE_Y + render.CURVE_H)  # fmt: skip
    boxes = [thumbs, map_, curve]
    for i, (x0, x1, y0, y1) in enumerate(boxes):
        assert 0 <= x0 < x1 <= render.WIDTH and 0 <= y0 < y1 <= render.HEIGHT
        for u0, u1, v0, v1 in boxes[i + 1 :]:
            assert x1 <= u0 or u1 <= x0 or y1 <= v0 or v1 <= y0  # disjoint
    # the canvas is exactly as tall as the map: no blank rows under it (the curve sits in
    # the corner under the thumbnails)
    assert render.HEIGHT == render.MAP_W == render.CURVE_Y + render.CURVE_H


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


def _sent_frames(widget):
    """Replace the canvas's ``send`` by a recorder: the list of ``(content, levels)`` sent,
    ``levels`` an array for a frame and ``{key: array}`` for prepared frames."""
    sent = []

    def levels(content, buffer, prepared):
        data = zlib.decompress(buffer) if prepared else buffer
        return np.frombuffer(data, np.uint8).reshape(content["h"], content["w"])

    def record(content, buffers):
        if content["kind"] == "prepared":
            keys = content["keys"]
            sent.append((content, {k: levels(content, b, True) for k, b in zip(keys, buffers)}))
        else:
            sent.append((content, levels(content, buffers[0], False)))

    widget.canvas.send = record
    return sent


def test_a_change_while_paused_sends_the_map_first_then_the_whole_frame():
    widget = PlaygroundWidget(Playground("circle", hidden=(4,), activation="relu", seed=0))
    sent = _sent_frames(widget)
    widget.c["noise"].value = 0.1  # no event loop here: the settling frame follows at once
    (first, map_levels), (second, frame) = sent
    assert (first["x"], first["y"], first["w"], first["h"]) == (
        render.MAP_X, 0, render.MAP_W, render.MAP_W
    )  # fmt: skip
    pg = widget.pg
    expected = render.map_image(pg.unit_outputs(widget._grid)[-1], pg._points, pg._labels,
                                pg._is_test, pg.box)  # fmt: skip
    assert np.array_equal(map_levels, expected)
    assert (second["x"], second["y"], second["w"], second["h"]) == (
        0, 0, render.WIDTH, render.HEIGHT
    )  # fmt: skip
    assert np.array_equal(frame, widget._img) and np.array_equal(frame[:, render.MAP_X :], expected)


def test_the_map_toggles_redraw_the_map_and_leave_the_net_and_its_curve_alone(widget):
    widget.step(20)
    layers, losses, sent = widget.pg.layers, [list(s) for s in widget._losses], _sent_frames(widget)
    pg = widget.pg
    widget.c["discretize"].value = True
    widget.c["show_test"].value = False
    p = pg.unit_outputs(widget._grid)[-1]
    expected = render.map_image(p, pg._points, pg._labels, pg._is_test, pg.box, show_test=False, discretize=True)  # fmt: skip
    assert np.array_equal(sent[-1][1][:, render.MAP_X :], expected)
    assert np.array_equal(widget._img[:, render.MAP_X :], expected)
    assert _same_layers(layers, pg.layers) and [list(s) for s in widget._losses] == losses
    assert pg.step == 20


def test_the_canvas_describes_the_net_and_answers_views_and_clicks(widget):
    assert widget.canvas.alt == widget.pg.description() and "relu" in widget.canvas.alt
    widget.c["acts"][0].value = "tanh"
    assert "tanh" in widget.canvas.alt  # the alt text follows the net
    sent = _sent_frames(widget)
    widget.canvas._message(widget.canvas, {"kind": "ready"}, [])  # a new view appeared
    assert len(sent) == 1 and np.array_equal(sent[0][1], widget._img)
    n = len(widget.pg.points("train")[0])
    x, y = render.MAP_X + render.MAP_W / 2, render.MAP_W / 2
    widget.canvas._message(widget.canvas, {"kind": "click", "x": x, "y": y}, [])
    assert len(widget.pg.points("train")[0]) == n + 1


def _trained_widget(dataset="xor"):
    widget = PlaygroundWidget(Playground("circle", hidden=(4, 3), activation="relu", seed=0))
    widget.c["noise"].value = 0.2  # mid-range: a step either way exists
    widget.c["dataset"].value = dataset
    widget.step(30)  # trained weights, so an activation swap changes the map
    return widget


def _focus(widget, control):
    widget.canvas._message(widget.canvas, {"kind": "focus", "id": control.model_id}, [])


CONTROLS = {  # name -> the control in a widget; every control that changes the map
    "noise": lambda c: c["noise"],
    "split": lambda c: c["split"],
    "dataset": lambda c: c["dataset"],
    "problem type": lambda c: c["problem"],
    "activation": lambda c: c["acts"][1],
    "layers": lambda c: c["layers"],
    "width": lambda c: c["widths"][1],
    "feature": lambda c: c["features"]["x1x2"],
    "show test data": lambda c: c["show_test"],
    "discretize": lambda c: c["discretize"],
}


@pytest.mark.parametrize("dataset", ["xor", "plane"])  # classification, regression
@pytest.mark.parametrize("name", CONTROLS)
def test_the_maps_prepared_for_the_focused_control_are_the_maps_its_steps_give(name, dataset):
    widget = _trained_widget(dataset)
    control, sent = CONTROLS[name](widget.c), _sent_frames(widget)
    layers, points = widget.pg.layers, widget.pg.points("train")
    _focus(widget, control)
    ((meta, prepared),) = sent
    assert _same_layers(layers, widget.pg.layers)  # prepared on a copy: nothing changed here
    assert all(np.array_equal(a, b) for a, b in zip(points, widget.pg.points("train")))
    assert meta["kind"] == "prepared" and meta["version"] == widget.canvas.version
    assert (meta["x"], meta["y"]) == (render.MAP_X, 0)
    attribute = "index" if control.has_trait("index") else "value"
    here = getattr(control, attribute)
    steps = [not here] if isinstance(here, bool) else [here - 1, here + 1]
    if attribute == "index":  # (the first or last option: one step)
        steps = [i for i in steps if 0 <= i < len(control.options)]
    keys = {f"{control.model_id}:{json.dumps(step)}": step for step in steps}
    assert set(prepared) == set(keys)
    for key, step in keys.items():
        other = _trained_widget(dataset)  # the same state, then the real step
        recorded = _sent_frames(other)
        setattr(CONTROLS[name](other.c), attribute, step)
        frame, levels = recorded[0]
        assert frame["kind"] == "frame" and frame["version"] == meta["version"] + 1
        assert np.array_equal(levels, prepared[key])
        assert not np.array_equal(levels, widget._img[:, render.MAP_X :])  # a step shows


def test_after_a_step_the_next_maps_are_prepared_and_none_while_playing_or_for_no_layer():
    widget = _trained_widget()
    sent = _sent_frames(widget)
    _focus(widget, widget.c["acts"][2])  # the net has 2 hidden layers: nothing to prepare
    _focus(widget, widget.c["noise"])
    widget.c["noise"].index += 1  # the step: its map, the next maps, then the whole frame
    assert [m["kind"] for m, _ in sent] == ["prepared", "frame", "prepared", "frame"]
    assert sent[2][0]["version"] == sent[1][0]["version"] == sent[0][0]["version"] + 1
    sent.clear()
    widget.playing = True  # (as play() sets it)
    _focus(widget, widget.c["split"])
    assert sent == []


def test_one_step_from_a_control_is_the_next_position_either_way_within_its_range(widget):
    c = widget.c
    c["noise"].value = 0.0  # the first position: one step, up
    assert one_step(c["noise"]) == [(1, 0.05)]
    c["split"].value = 0.5
    assert [i for i, _ in one_step(c["split"])] == [c["split"].index - 1, c["split"].index + 1]
    assert one_step(c["features"]["x1x2"]) == [(True, True)]
    c["widths"][0].value = 8  # the top of 1..8
    assert one_step(c["widths"][0]) == [(7, 7)]
    names = [value for _, value in c["acts"][0].options]
    assert one_step(c["acts"][0]) == [(i, names[i]) for i in (c["acts"][0].index - 1, c["acts"][0].index + 1)]  # fmt: skip


def test_changes_from_another_thread_are_made_on_the_kernel_loop_between_slices():
    """ipykernel 7 may call widget callbacks on a subshell's thread while the training task
    runs on the main loop: they are queued for that loop, never run alongside a slice."""

    def from_another_thread(action):
        worker = threading.Thread(target=action)
        worker.start()
        worker.join()

    async def scenario():
        widget = PlaygroundWidget(Playground("circle", hidden=(4,), activation="relu", seed=0))
        pg, here, seen = widget.pg, threading.get_ident(), []
        configure = pg.configure
        pg.configure = lambda **settings: (
            seen.append(threading.get_ident()),
            configure(**settings),
        )  # noqa: E501
        from_another_thread(lambda: setattr(widget.c["noise"], "value", 0.5))
        assert pg.noise == 0.0  # queued, not made in the other thread
        await asyncio.sleep(0.05)
        assert pg.noise == 0.5 and seen == [here]
        widget.play()
        await asyncio.sleep(0.3)
        from_another_thread(widget.c["play"].click)  # the pause button
        await asyncio.sleep(0.1)
        step = pg.step
        assert not widget.playing and step > 0
        assert f"step <b>{step}</b>" in widget.c["status"].value  # what the pause shows is so
        await asyncio.sleep(0.1)
        assert pg.step == step  # and no slice trained after it

    asyncio.run(scenario())


# ---- editing a weight by clicking its link ----------------------------------------------
def _along(starts, ends, k, t):
    return starts[k] + t * (ends[k] - starts[k])


@pytest.mark.parametrize("hidden", [(4,), (4, 3), (8, 8), (2,) * 6, (8,) * 6])
def test_a_pixel_on_a_drawn_link_finds_that_link_and_one_far_from_all_finds_none(hidden):
    pg = Playground("xor", hidden=hidden, seed=1)
    pg.train(5)
    shapes = [W.shape for W, _b in pg.layers]
    keys, starts, ends = render.link_geometry(shapes)
    assert len(keys) == sum(min(r, 8) * min(c, 8) for r, c in shapes[1:7])
    img = render.blank()
    render.draw_network(img, pg.layers, pg.unit_outputs(render.grid(pg.box))[:-1])
    for k, key in enumerate(keys):
        for t in (0.1, 0.9):  # here no other link crosses (units are whole rows apart)
            x, y = _along(starts, ends, k, t)
            assert render.link_at(x, y, shapes) == tuple(key)
            near = img[int(y) - 1 : int(y) + 2, int(x) - 1 : int(x) + 2]
            assert np.any(near != render.BACKGROUND)  # drawn there (to the pixel)
        x, y = _along(starts, ends, k, 0.5)  # the midpoint: this link or one crossing it there
        layer, j, i = render.link_at(x, y, shapes)
        to_map = layer == len(shapes) - 1
        assert layer == key[0] and (i == key[2] if to_map else i + j == key[1] + key[2])
    assert render.link_at(render.MAP_X + 40, 40, shapes) is None  # on the map
    x, y = render.thumbnail_position(0, 0)
    assert render.link_at(x + 12, y + 12, shapes) is None  # inside a thumbnail
    assert render.link_at(5, render.HEIGHT - 5, shapes) is None  # the loss curve's corner


def test_no_hidden_layer_has_no_links():
    assert render.link_at(60, 30, [(1, 2)]) is None
    assert len(render.link_geometry([(1, 2)])[0]) == 0


def test_clicking_a_link_picks_its_weight_and_typing_a_value_sets_it():
    widget = PlaygroundWidget(Playground("circle", hidden=(4, 3), activation="relu", seed=0))
    shapes = [W.shape for W, _b in widget.pg.layers]
    keys, starts, ends = render.link_geometry(shapes)
    picked = {}
    for k, (layer, j, i) in enumerate(keys):
        widget.click(*_along(starts, ends, k, 0.1))
        picked[(layer, j, i)] = widget.c["weight"].label
        assert widget.c["weight"].value == ("w", layer, j, i)
        assert not widget.c["weight_value"].disabled
        assert widget.c["weight_value"].value == widget.pg.layers[layer][0][j, i]
    assert picked[(1, 1, 3)] == "weight from neuron 4 of layer 1 to neuron 2 of layer 2"
    assert picked[(2, 0, 2)] == "weight from neuron 3 of layer 2 to the output"
    widget.click(*_along(starts, ends, 5, 0.1))
    (layer, j, i), before, image = keys[5], widget.pg.layers, widget._img.copy()
    widget.c["weight_value"].value = 2.25
    after = widget.pg.layers
    assert after[layer][0][j, i] == 2.25
    after[layer][0][j, i] = before[layer][0][j, i]
    assert _same_layers(after, before)  # that weight and no other
    assert not np.array_equal(widget._img, image)  # the map and the links repainted
    assert "paused" in widget.c["status"].value
    widget.c["deselect"].click()
    assert widget.c["weight"].value == "none" and widget.c["weight_value"].disabled
    widget.c["weight_value"].value = -1.0  # nothing picked: nothing changes
    assert widget.pg.layers[layer][0][j, i] == 2.25


def test_a_neuron_click_picks_its_bias_and_the_list_reaches_every_weight_without_a_mouse(widget):
    widget.click(*render.thumbnail_position(0, 2))
    assert widget.c["weight"].value == ("b", 0, 2)
    assert widget.c["weight"].label == "bias of neuron 3 of layer 1"
    widget.c["weight_value"].value = -0.5
    assert widget.pg.layers[0][1][2] == -0.5
    labels = [label for label, _key in widget.c["weight"].options]
    assert len(labels) == 1 + 4 * 2 + 4 + 4 + 1  # none, W, b of 4 units, output's W and b
    assert "weight from x2 to neuron 4 of layer 1" in labels  # no link: picked in the list
    widget.c["weight"].value = ("w", 0, 3, 1)  # the keyboard's way: the list, then the box
    widget.c["weight_value"].value = 0.75
    assert widget.pg.layers[0][0][3, 1] == 0.75
    for key in ("weight", "weight_value", "deselect"):
        assert widget.c[key].description.strip(), key  # labelled
    widget.c["features"]["x1x2"].value = True  # a new net shape: a new list, still picked
    assert "weight from x1x2 to neuron 4 of layer 1" in [
        lb for lb, _k in widget.c["weight"].options
    ]
    assert widget.c["weight"].value == ("w", 0, 3, 1)
    widget.c["layers"].value = 0  # gone: nothing picked
    assert widget.c["weight"].value == "none"


@pytest.mark.parametrize(
    "value, message",
    [(float("nan"), "must be finite"), (float("inf"), "must be finite"),
     (-float("inf"), "must be finite"), (1e9, "must lie in"), (-100.5, "must lie in")],
)  # fmt: skip
def test_a_bad_value_is_refused_with_a_message_and_never_reaches_the_weights(
    widget, value, message
):
    import warnings

    widget.click(*render.thumbnail_position(0, 1))
    before, shown = widget.pg.layers, widget.c["weight_value"].value
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        widget.c["weight_value"].value = value
    assert (
        message in widget.c["weight_note"].value
        and "bias of neuron 2" in widget.c["weight_note"].value
    )
    assert _same_layers(widget.pg.layers, before)
    assert widget.c["weight_value"].value == shown  # the box shows the weight again
    widget.c["weight_value"].value = 1.0  # a good value: the message goes
    assert "must" not in widget.c["weight_note"].value and widget.pg.layers[0][1][1] == 1.0


def test_set_parameter_refuses_text_and_bad_numbers():
    from nbs_utils.playground.widget import set_parameter

    pg = Playground("circle", hidden=(4,), seed=0)
    before = pg.layers
    for bad, error in (("abc", TypeError), (None, TypeError), (True, TypeError),
                       (float("nan"), ValueError), (101.0, ValueError)):  # fmt: skip
        with pytest.raises(error, match="weight"):
            set_parameter(pg, ("w", 1, 0, 2), bad)
    assert _same_layers(pg.layers, before)
    with pytest.raises(traitlets.TraitError):
        PlaygroundWidget(pg).c["weight_value"].value = "abc"  # the number box takes no text


def test_an_edit_while_playing_is_trained_on_from():
    widget = PlaygroundWidget(Playground("circle", hidden=(4,), activation="tanh", seed=0))

    async def scenario():
        widget.click(*render.thumbnail_position(0, 0))
        widget.play()
        await asyncio.sleep(0.05)
        widget.c["weight_value"].value = 5.0
        assert widget.pg.layers[0][1][0] == 5.0  # set at once, between two slices
        step = widget.pg.step
        await asyncio.sleep(0.1)
        widget.pause()
        return step

    step = asyncio.run(scenario())
    assert widget.pg.step > step  # training went on, from the edited bias
    assert widget.pg.layers[0][1][0] != 5.0
    assert widget.c["weight_value"].value == widget.pg.layers[0][1][0]  # shown after the pause


def test_the_problem_type_menu_switches_to_regression_and_back_with_the_data_set_menu():
    w = PlaygroundWidget(Playground("circle", hidden=(4,), activation="tanh", seed=0))
    before = w._img[:, render.MAP_X :].copy()
    w.c["problem"].value = "regression"
    pg = w.pg
    assert pg.problem == "regression" and pg.dataset == w.c["dataset"].value == "plane"
    assert "regression" in w.c["status"].value and "accuracy" in w.c["status"].value
    out = pg.unit_outputs(w._grid)[-1]
    expected = render.map_image(out, pg._points, pg._labels, pg._is_test, pg.box, regression=True)
    assert np.array_equal(w._img[:, render.MAP_X :], expected)
    assert not np.array_equal(expected, before)
    assert "not for regression" in w.c["readouts"].value or w.readout_count == 0
    w.c["dataset"].value = "spiral"  # a classification data set: the problem follows
    assert w.pg.problem == w.c["problem"].value == "classification"
    w.c["dataset"].value = "multi_gaussian"
    assert w.pg.problem == w.c["problem"].value == "regression"


def test_the_regression_map_shades_the_output_clipped_and_the_points_by_their_target():
    out = np.linspace(-3.0, 3.0, render.MAP_CELLS**2)
    points, targets = np.array([[0.0, 0.0], [3.0, 3.0]]), np.array([-1.0, 0.5])
    img = render.map_image(out, points, targets, np.array([False, False]), ((-6, 6), (-6, 6)),
                           regression=True)  # fmt: skip
    assert img[0, 0] == render.level(-1.0) and img[-1, -1] == render.level(1.0)  # clipped
    c = render.MAP_W // 2
    assert img[c, c] == render.level(-1.0)  # the point at the centre: its target's colour
    assert img[render.MAP_W // 4, render.MAP_W * 3 // 4] == render.level(0.5)  # (3, 3)
    sign = render.map_image(out, points[:0], targets[:0], np.zeros(0, bool), ((-6, 6), (-6, 6)),
                            discretize=True, regression=True)  # fmt: skip
    assert set(np.unique(sign).tolist()) == {int(render.level(-1.0)), int(render.level(1.0))}


def test_a_click_in_regression_adds_the_target_minus_one_or_plus_one():
    w = PlaygroundWidget(Playground("plane", hidden=(2,), seed=0))
    for choice, target in ((0, -1.0), (1, 1.0)):
        w.c["click_class"].value = choice
        w.click(render.MAP_X + render.MAP_W / 2, render.MAP_W / 2)
        assert w.pg.points("train")[1][-1] == target
        w.c["add_point"].click()  # the typed point: the same target
        assert w.pg.points("train")[1][-1] == target
