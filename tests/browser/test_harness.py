"""The browser harness can fail: on a notebook made to break, it sees the error output, the
cell that never ran, a figure never painted, the figure a slider does not change, and the
one it does; a panel whose page state drifted from the documented one, a canvas that is
not the kernel's picture, a failed request, and a figure or readout wider than its output area.
"""

import shutil

import pytest

from testkit.labdriver import CANVAS, ROOT, KernelProbe, NotebookPage, match_figures, state_problems
from testkit.notebooks import write_notebook

SETUP = """\
%matplotlib widget
import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np

def figure_with(slider):
    with plt.ioff():
        fig, ax = plt.subplots(figsize=(3, 2))
    (line,) = ax.plot([0, 1], [0, slider.value])
    ax.set_ylim(0, 1)
    return fig, line
"""
LIVE = """\
live = W.FloatSlider(description="live", min=0, max=1, step=0.25, value=0.5)
fig_live, line_live = figure_with(live)

def move(change):
    line_live.set_ydata([0, change["new"]])
    fig_live.canvas.draw_idle()

live.observe(move, names="value")
W.VBox([live, fig_live.canvas])
"""
DEAD = """\
dead = W.FloatSlider(description="dead", min=0, max=1, step=0.25, value=0.5)
fig_dead, _ = figure_with(dead)
W.VBox([dead, fig_dead.canvas])
"""
# ipympl: a canvas drawn before its view exists stores a broken image URL and stays blank.
PREDRAWN = """\
with plt.ioff():
    fig_pre, _ = plt.subplots(figsize=(3, 2))
fig_pre.canvas.draw()
W.VBox([fig_pre.canvas])
"""


# A panel on a plain FloatSlider: the browser snaps -0.5 to -0.49999999999999956 and sends
# it back after the kernel has moved on to -1.5 (nbs_utils' sliders send an index instead).
ECHO = """\
from nbs_utils.plots import new_figure
from nbs_utils.widgets import Panel

fig_echo, ax_echo = new_figure(width=3, height=2)
(line_echo,) = ax_echo.plot([0, 1], [0, 0])
ax_echo.set_ylim(-3, 3)

def height(a):
    line_echo.set_ydata([a, a])
    return f"a = {a}"

echo = Panel(fig_echo, {"a": W.FloatSlider(description="a", min=-3, max=3, step=0.1)}, height)
echo
"""
DRIVE = "echo.set(a=-0.5)\necho.set(a=-1.5)"
MISSING = "from IPython.display import HTML\nHTML('<img src=\"no-such-image.png\">')"


def _selftest_notebook(folder, cells):
    """Write a notebook of code ``cells`` to build/<folder>/ (ignored by git); yield its path."""
    folder = ROOT / "build" / folder
    path = write_notebook(folder, "selftest.ipynb", cells)
    yield path
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def broken_notebook():
    """A notebook with a live and a dead slider, a blank figure, an error."""
    yield from _selftest_notebook(
        "browser-selftest", [SETUP, LIVE, DEAD, PREDRAWN, "1 / 0", "never_reached = True"]
    )


@pytest.fixture
def drifting_notebook():
    """A panel driven from code that ends in another state, and a 404."""
    yield from _selftest_notebook("browser-drift-selftest", [SETUP, LIVE, ECHO, DRIVE, MISSING])


def test_harness_detects_errors_unrun_cells_and_dead_sliders(lab, browser, broken_notebook):
    nb = NotebookPage(browser, lab, broken_notebook)
    try:
        nb.open()
        nb.run_all(render_timeout=5)  # one figure stays blank: do not wait 20 s for it
        assert any("ZeroDivisionError" in e for e in nb.errors())
        assert nb.unexecuted() == [5]
        unpainted = nb.unpainted()
        assert len(unpainted) == 1 and unpainted[0].endswith("code cell 3")

        live, dead = nb.sliders()
        assert [nb.slider_label(live), nb.slider_label(dead)] == ["live", "dead"]
        for handle, should_change in [(live, True), (dead, False)]:
            canvas = nb.canvas_of(handle)
            before = nb.pixels(canvas)
            latency = nb.press(handle, canvas, nb.key_for(handle), timeout=2)
            assert (latency is not None) == should_change
            assert nb.wait_changed(canvas, before, timeout=2) == should_change
            nb.wait_idle()
    finally:
        nb.close()


# A figure wider than JupyterLab's output area, a readout that cannot wrap, and one that fits.
TOO_WIDE = """\
with plt.ioff():
    fig_wide, _ = plt.subplots(figsize=(12, 2))
W.VBox([fig_wide.canvas])
"""
NO_WRAP = """\
W.HTML("<span style='white-space: nowrap'>" + "a readout far too long to fit " * 12 + "</span>")
"""
FITS = """\
with plt.ioff():
    fig_fits, _ = plt.subplots(figsize=(4, 2))
W.VBox([W.FloatSlider(description="fits"), fig_fits.canvas])
"""
# A long description in a slider of fixed width: it leaves the track no room to drag.
CRAMPED = """\
W.IntSlider(description="a label far too long for its slider", style={"description_width": "initial"},
            layout=W.Layout(width="20em"))
"""


@pytest.fixture
def wide_notebook():
    """A notebook with a figure and a readout too wide for the output area, one that fits, and
    a slider squeezed to a knob."""
    yield from _selftest_notebook("browser-fit-selftest", [SETUP, TOO_WIDE, NO_WRAP, FITS, CRAMPED])


def test_fit_check_sees_a_figure_and_a_readout_wider_than_the_output_area_and_a_cramped_slider(
    lab, browser, wide_notebook
):
    nb = NotebookPage(browser, lab, wide_notebook)
    try:
        nb.open()
        nb.run_all()
        assert nb.layout()["viewport"] == [1280, 800]
        found = nb.overflowing()
        assert any(f.startswith("code cell 1: figure (1200x200 px canvas) ends") for f in found), (
            found
        )
        assert any(f.startswith("code cell 2: ") for f in found), found
        assert not [f for f in found if f.startswith(("code cell 0:", "code cell 3:"))], found
        cramped = nb.cramped_sliders()  # the slider "fits" has its track, the long one not
        assert cramped and all(c.startswith('slider "a label far too long') for c in cramped), (
            cramped
        )
    finally:
        nb.close()


def test_harness_detects_wrong_state_stale_pictures_and_failed_requests(
    lab, browser, drifting_notebook
):
    nb = NotebookPage(browser, lab, drifting_notebook)
    probe = None
    try:
        nb.open()
        nb.run_all()
        assert any("no-such-image.png" in e and "404" in e for e in nb.errors())
        probe = KernelProbe(lab, nb.path)
        problems = state_problems(nb, probe, drifting_notebook)
        assert any("panel 'echo' in the kernel" in p and "-1.5" in p for p in problems), problems
        pairs, problems = match_figures(nb, probe)
        assert len(pairs) == 2 and not problems  # both show the kernel's state (a wrong one)
        # a canvas the browser left blank (as in defect 2 of issue 14)
        nb.page.locator(CANVAS).first.evaluate(
            "c => c.getContext('2d').clearRect(0, 0, c.width, c.height)"
        )
        pairs, problems = match_figures(nb, probe)
        assert len(pairs) == 1 and len(problems) == 1, problems
        assert problems[0].startswith("canvas #0: matches no kernel figure"), problems
    finally:
        if probe is not None:
            probe.close()
        nb.close()
