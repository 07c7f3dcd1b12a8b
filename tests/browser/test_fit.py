"""Every notebook fits JupyterLab's default layout: in a 1280 x 800 window with the file
browser open, after Run All, no figure, widget box or readout extends past its output area,
nothing needs horizontal scrolling, and every slider has a track to drag.

Screenshots of the page and of every output with a figure are saved in build/screenshots/
(ignored by git) to look at.
"""

import pytest

from testkit.labdriver import NOTEBOOKS, ROOT, NotebookPage, ran_all

SCREENSHOTS = ROOT / "build" / "screenshots"


def _lines(items):
    return "".join(f"\n  - {item}" for item in items)


def test_the_window_is_jupyterlabs_default_layout(lab, browser):
    nb = NotebookPage(browser, lab, NOTEBOOKS[0])
    try:
        nb.open()
        layout = nb.layout()
        assert layout["viewport"] == [1280, 800]
        assert layout["file_browser"] > 200, f"the file browser should be open: {layout}"
    finally:
        nb.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_output_fits_after_run_all(lab, browser, notebook):
    with ran_all(browser, lab, notebook) as nb:
        errors = nb.errors()
        assert not errors, f"{notebook.name}: error output after Run All:{_lines(errors)}"
        assert nb.layout()["file_browser"] > 200, "the file browser should be open"
        overflowing, cramped = nb.overflowing(), nb.cramped_sliders()
        nb.screenshot_outputs(SCREENSHOTS)
        assert not overflowing, f"{notebook.name}: outputs that do not fit:{_lines(overflowing)}"
        assert not cramped, f"{notebook.name}: sliders too short to drag:{_lines(cramped)}"
