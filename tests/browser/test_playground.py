"""Notebook 06's playground in JupyterLab + Chromium: play, move a slider while training,
pause (the canvas stops repainting), step, and click a point onto the map."""

import re
import time

import pytest

from testkit.labdriver import ROOT, NotebookPage

NOTEBOOK = ROOT / "notebooks" / "06_playground.ipynb"
STATUS = re.compile(r"step (\d+) .* (\d+) training points")


@pytest.fixture
def playground(lab, browser):
    nb = NotebookPage(browser, lab, NOTEBOOK)
    try:
        nb.open()
        nb.run_all()
        assert not nb.errors(), nb.errors()
        output = nb.page.locator(".jp-OutputArea-output", has=nb.page.locator("canvas")).first
        output.scroll_into_view_if_needed()
        yield nb, output
    finally:
        nb.close()


def _draws(canvas):
    return canvas.evaluate("c => c.__draws || 0")


def _status_text(output):
    return output.locator(".widget-html-content", has_text="training points").first.inner_text()


def _status(output):
    step, points = STATUS.search(_status_text(output)).groups()
    return int(step), int(points)


def _wait(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_play_slider_pause_step_and_click(playground):
    nb, output = playground
    canvas = output.locator("canvas").first
    assert _draws(canvas) >= 1, "the playground's canvas was never painted"
    readouts = output.locator(".widget-html-content", has_text="exact linear regions")
    assert _wait(lambda: readouts.count() == 1), "no exact readouts before the first action"
    play = output.locator("button", has_text="play").first
    play.focus()
    play.press("Enter")  # from the keyboard

    before = _draws(canvas)
    time.sleep(2.0)
    painted = _draws(canvas) - before
    assert painted >= 20, f"only {painted} repaints in 2 s of playing"
    assert _status(output)[0] > 100

    step_before = _status(output)[0]
    noise = output.locator(".widget-slider", has_text="noise").locator(".noUi-handle")
    noise.focus()
    noise.press("ArrowRight")  # new data: the weights restart, training goes on
    assert _wait(lambda: _status(output)[0] < step_before), "the slider never reached the kernel"
    moving = _draws(canvas)
    assert _wait(lambda: _draws(canvas) > moving + 10), "no repaint after the slider moved"

    output.locator("button", has_text="pause").first.click()
    # The pause has landed when the status says so: the kernel writes that status after its
    # last training step (a fixed sleep here read a status from before the pause under load).
    assert _wait(lambda: "paused" in _status_text(output)), "the pause never reached the kernel"
    frozen, step = _draws(canvas), _status(output)[0]
    time.sleep(1.5)
    assert _draws(canvas) == frozen, "the canvas kept repainting after pause"
    assert _status(output)[0] == step, "training went on after pause"

    output.locator("button", has_text="step").first.click()
    assert _wait(lambda: _status(output)[0] == step + 1), "step did not train one step"
    assert _draws(canvas) > frozen, "step did not repaint"

    points, painted = _status(output)[1], _draws(canvas)
    box = canvas.bounding_box()
    canvas.click(position={"x": box["width"] - 60, "y": 60})  # on the map, top right
    assert _wait(lambda: _status(output)[1] == points + 1), "the click added no point"
    assert _wait(lambda: _draws(canvas) > painted), "the new point was not painted"

    # the same without a mouse: type x1, Tab, x2, Tab to "add point", Enter
    x1 = output.locator(".widget-inline-hbox", has_text="x₁").locator("input").first
    x1.focus()
    x1.fill("-2.5")
    nb.page.keyboard.press("Tab")
    nb.page.keyboard.type("1.5")
    nb.page.keyboard.press("Tab")
    add = output.locator("button", has_text="add point").first
    assert add.evaluate("b => b === document.activeElement"), "Tab does not reach add point"
    nb.page.keyboard.press("Enter")
    assert _wait(lambda: _status(output)[1] == points + 2), "the typed point was not added"
    assert not nb.errors(), nb.errors()


def test_every_visible_slider_repaints_the_playground(playground):
    nb, output = playground
    canvas = output.locator("canvas").first
    problems = []
    for handle in output.locator(".widget-slider .noUi-handle").all():
        if not handle.is_visible():  # the rows of hidden layers that do not exist yet
            continue
        label = nb.slider_label(handle)
        before = _draws(canvas)
        handle.focus()
        handle.press(nb.key_for(handle))
        if not _wait(lambda before=before: _draws(canvas) > before, 5.0):
            problems.append(label)
        nb.wait_idle()
    assert not problems, f"sliders that did not repaint the playground: {problems}"
    assert not nb.errors(), nb.errors()


# A hash of the decision map's pixels (the right-hand square of the canvas).
MAP_HASH = """c => {
  const d = c.getContext('2d').getImageData(c.width - c.height, 0, c.height, c.height).data;
  let s = 0;
  for (let i = 0; i < d.length; i += 4) s = (s * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2]) | 0;
  return s;
}"""
# On the canvas's next drawImage: the map's hash just after it (the first repaint's picture).
HASH_NEXT_DRAW = f"""c => {{
  const ctx = c.getContext('2d');
  c.__firstHash = null;
  ctx.drawImage = function (...args) {{
    delete ctx.drawImage;
    const result = ctx.drawImage(...args);
    c.__firstHash = ({MAP_HASH})(c);
    return result;
  }};
}}"""


def test_a_step_of_the_focused_control_is_painted_ahead_and_the_kernel_agrees(playground):
    nb, output = playground
    canvas = output.locator("canvas").first
    noise = output.locator(".widget-slider", has_text="noise").locator(".noUi-handle")
    activation = output.locator(".widget-dropdown", has_text="activation").locator("select")
    width = output.locator(".widget-slider", has_text="layer 1 units").locator(".noUi-handle")
    feature = output.locator('button[title="use the input feature x1x2"]')
    discretize = output.locator("button", has_text="discretize output")
    steps = [(noise, "ArrowRight"), (activation.first, "ArrowDown"), (width, "ArrowLeft"),
             (feature, "Enter"), (discretize, "Enter")]  # fmt: skip
    for control, key in steps:
        control.focus()
        nb.wait_idle()
        time.sleep(0.3)  # the prepared maps arrive
        hits = int(canvas.evaluate("c => c.dataset.preparedPaints || 0"))
        before = canvas.evaluate(MAP_HASH)
        canvas.evaluate(HASH_NEXT_DRAW)
        control.press(key)
        assert _wait(lambda: canvas.evaluate("c => c.__firstHash") is not None), "no repaint"
        assert int(canvas.evaluate("c => c.dataset.preparedPaints || 0")) == hits + 1, (
            f"{key} on a focused control was not painted from the prepared maps"
        )
        assert control.evaluate("e => e === document.activeElement"), f"{key} left the control"
        nb.wait_idle()
        time.sleep(0.3)  # the kernel's own frames have landed
        first, final = canvas.evaluate("c => c.__firstHash"), canvas.evaluate(MAP_HASH)
        assert first == final != before, "the prepared map is not the kernel's map"
    assert not nb.errors(), nb.errors()


def test_a_click_on_a_link_edits_its_weight(playground):
    """Click the link from neuron 1 (of the notebook's first net: 4 ReLUs on x1, x2) to the
    output, type a value: the kernel sets that weight and repaints; picking another link and
    then this one again shows the kernel's weight, the typed value."""
    from nbs_utils.playground import render

    nb, output = playground
    canvas = output.locator("canvas").first
    box = canvas.bounding_box()
    keys, starts, ends = render.link_geometry([(4, 2), (1, 4)])

    def click_link(i):  # the link from hidden unit i to the output, a tenth of the way
        k = [tuple(key) for key in keys].index((1, 0, i))
        x, y = starts[k] + 0.1 * (ends[k] - starts[k])
        canvas.click(position={"x": x * box["width"] / render.WIDTH,
                               "y": y * box["height"] / render.HEIGHT})  # fmt: skip

    picked = output.locator(".widget-dropdown", has_text="edit").locator("select").first
    value = output.locator(".widget-text", has_text="value").locator("input").first
    label = "s => s.options[s.selectedIndex].text.replace(/\\u00a0/g, ' ')"  # (nbsp: spaces)
    click_link(0)
    assert _wait(lambda: picked.evaluate(label) == "weight from neuron 1 of layer 1 to the output")
    assert not value.is_disabled()
    painted = _draws(canvas)
    value.fill("1.75")
    value.press("Enter")
    assert _wait(lambda: _draws(canvas) > painted), "the edited weight was not painted"
    click_link(1)
    assert _wait(lambda: picked.evaluate(label) == "weight from neuron 2 of layer 1 to the output")
    assert _wait(lambda: value.input_value() != "1.75")
    click_link(0)  # the box shows the kernel's weight: the one typed
    assert _wait(lambda: value.input_value() == "1.75"), value.input_value()
    output.locator("button", has_text="deselect").first.click()
    assert _wait(lambda: value.is_disabled()), "deselect left the value box editable"
    assert not nb.errors(), nb.errors()


def test_switching_the_problem_type_to_regression_changes_the_map(playground):
    nb, output = playground
    canvas = output.locator("canvas").first
    problem = output.locator(".widget-dropdown", has_text="problem type").locator("select")
    dataset = output.locator(".widget-dropdown", has_text="data").locator("select")
    nb.wait_idle()
    before, painted = canvas.evaluate(MAP_HASH), _draws(canvas)
    problem.first.select_option("regression")
    assert _wait(lambda: "regression" in _status_text(output)), "the kernel never switched"
    assert _wait(lambda: _draws(canvas) > painted), "no repaint after the switch"
    nb.wait_idle()
    assert canvas.evaluate(MAP_HASH) != before, "the map did not change"
    assert dataset.first.evaluate("s => s.options[s.selectedIndex].text") == "plane"
    readouts = output.locator(".widget-html-content", has_text="not for regression")
    assert _wait(lambda: readouts.count() == 1), "the readouts still speak of classes"
    assert not nb.errors(), nb.errors()
