"""Every course notebook, as a learner uses it: JupyterLab in Chromium, Run All, then each
slider moved with the keyboard must repaint the figure it drives, with the kernel idle after.
"""

import pytest
from labdriver import NOTEBOOKS, NotebookPage


def _lines(items):
    return "".join(f"\n  - {item}" for item in items)


def test_course_has_notebooks():
    assert NOTEBOOKS, "no notebooks/*.ipynb to test"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_every_slider_repaints(lab, browser, notebook):
    nb = NotebookPage(browser, lab, notebook)
    try:
        nb.open()
        nb.run_all()
        errors, unexecuted, unpainted = nb.errors(), nb.unexecuted(), nb.unpainted()
        assert not errors, f"{notebook.name}: error output after Run All:{_lines(errors)}"
        assert not unexecuted, f"{notebook.name}: code cells that did not run: {unexecuted}"
        assert not unpainted, f"{notebook.name}: figures never painted:{_lines(unpainted)}"

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
        assert not problems, f"{notebook.name}: sliders that failed:{_lines(problems)}"
        errors = nb.errors()
        assert not errors, f"{notebook.name}: error output after moving sliders:{_lines(errors)}"
    finally:
        nb.close()
