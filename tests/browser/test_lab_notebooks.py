"""Every course notebook, as a learner uses it: JupyterLab in Chromium, Run All, then each
slider moved with the keyboard.

After Run All: no error output, every cell ran, every figure painted, no JavaScript error
or failed request; every panel in the kernel is in the state the notebook documents (its
state when the notebook runs headless) and the page shows that state; every figure in the
page equals the kernel's own full render of it. After each slider step: the figure it drives
repainted, the kernel went idle, and the figure still equals the kernel's full render; the
same after each toggle is switched to another option and back.
"""

import pytest

from testkit.labdriver import (
    NOTEBOOKS,
    KernelProbe,
    NotebookPage,
    match_figures,
    notebook_id,
    state_problems,
    wait_same_as_kernel,
)


def _lines(items):
    return "".join(f"\n  - {item}" for item in items)


def test_course_has_notebooks():
    assert NOTEBOOKS, "no notebooks/*.ipynb to test"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=notebook_id)
def test_notebook_runs_and_shows_what_the_kernel_drew(lab, browser, notebook):
    nb = NotebookPage(browser, lab, notebook)
    probe = None
    try:
        nb.open()
        nb.run_all()
        errors, unexecuted, unpainted = nb.errors(), nb.unexecuted(), nb.unpainted()
        assert not errors, f"{notebook.name}: errors after Run All:{_lines(errors)}"
        assert not unexecuted, f"{notebook.name}: code cells that did not run: {unexecuted}"
        assert not unpainted, f"{notebook.name}: figures never painted:{_lines(unpainted)}"
        probe = KernelProbe(lab, nb.path)
        problems = state_problems(nb, probe, notebook)
        assert not problems, f"{notebook.name}: state after Run All:{_lines(problems)}"
        pairs, problems = match_figures(nb, probe)
        assert not problems, f"{notebook.name}: figures after Run All:{_lines(problems)}"
        figure_of = {
            canvas.evaluate("c => c.__id = c.__id || Math.random()"): f for canvas, f in pairs
        }

        problems = []
        for i, handle in enumerate(nb.sliders()):
            label = nb.slider_label(handle) or f"slider #{i}"
            if nb.slider_disabled(handle):  # keys do nothing there, as they should
                continue
            canvas = nb.canvas_of(handle)
            if canvas is None and nb.drives_other_canvas(handle):
                continue  # notebook 06's playground: tests/browser/test_playground.py
            if canvas is None:
                problems.append(f"{label!r}: no ipympl figure in the same output")
                continue
            before = nb.pixels(canvas)
            key = nb.key_for(handle)
            if nb.press(handle, canvas, key) is None or not nb.wait_changed(canvas, before, 2):
                problems.append(f"{label!r}: {key} did not change the figure's pixels")
            nb.wait_idle()
            figure = figure_of.get(canvas.evaluate("c => c.__id"))
            why = wait_same_as_kernel(nb, probe, canvas, figure)
            if why:
                problems.append(f"{label!r}: after {key} the figure is not the kernel's: {why}")
        assert not problems, f"{notebook.name}: sliders that failed:{_lines(problems)}"

        for group in nb.toggles():  # another option, then back: each time the kernel's picture
            canvas = nb.canvas_of(group.element_handle())
            figure = canvas and figure_of.get(canvas.evaluate("c => c.__id"))
            if figure is None:
                continue
            selected, others = nb.toggle_options(group)
            for option in others[:1] + [selected]:
                nb.click_toggle(group, option)
                nb.wait_idle()
                why = wait_same_as_kernel(nb, probe, canvas, figure)
                if why:
                    problems.append(f"toggle {option!r}: the figure is not the kernel's: {why}")
        assert not problems, f"{notebook.name}: toggles that failed:{_lines(problems)}"
        errors = nb.errors()
        assert not errors, f"{notebook.name}: errors after moving sliders:{_lines(errors)}"
    finally:
        if probe is not None:
            probe.close()
        nb.close()
