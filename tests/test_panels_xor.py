import re
import warnings

import numpy as np
import pytest

from nbs_utils.datasets import XOR_X, XOR_Y
from nbs_utils.lessons.xor import SEED_WEIGHTS, skip_net, y_one_polygons
from nbs_utils.panels.xor import LABELS, WEIGHT_RANGE, xor_builder_panel
from nbs_utils.plots import CLASS_CMAP
from testkit import internals
from testkit.artists import artist_problems

LO, HI, STEP = WEIGHT_RANGE
SLIDER_VALUES = np.round(np.arange(LO, HI + STEP / 2, STEP), 1)


@pytest.fixture(scope="module")
def panel():
    p = xor_builder_panel()
    yield p
    import matplotlib.pyplot as plt

    plt.close(p.fig)


def table_column(p, col):
    """Column ``col`` of the truth table in the readout, as text (markup stripped)."""
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", p.readout.value)[1:]  # row 0: the header
    return [re.sub("<[^>]+>", "", re.findall(r"<td[^>]*>(.*?)</td>", r)[col]) for r in rows]


def test_defaults_are_the_seed_solution_and_the_readout_says_solved(panel):
    panel.set(**SEED_WEIGHTS)
    assert panel.values == SEED_WEIGHTS
    assert "XOR solved" in panel.readout.value
    assert table_column(panel, 2) == ["0", "0", "0", "1"]
    assert table_column(panel, 3) == ["0", "1", "1", "0"]
    assert table_column(panel, 5) == ["yes"] * 4
    assert len(panel.fig.axes[0].collections[-1].get_offsets()) == 0  # no crosses


def test_readout_and_table_report_a_broken_net(panel):
    panel.set(b_h=-0.5)  # h becomes OR: (0, 1) and (1, 0) go wrong
    try:
        assert "XOR solved" not in panel.readout.value
        assert "2 of 4 rows right" in panel.readout.value
        assert table_column(panel, 5) == ["yes", "no", "no", "yes"]
        crosses = panel.fig.axes[0].collections[-1].get_offsets()
        assert sorted(map(tuple, np.asarray(crosses))) == [(0, 1), (1, 0)]
    finally:
        panel.set(**SEED_WEIGHTS)


def test_the_panel_draws_those_regions_on_a_y0_background(panel):
    ax = panel.fig.axes[0]
    assert ax.get_facecolor() == CLASS_CMAP(0)
    regions = ax.collections[0]
    assert tuple(regions.get_facecolor()[0]) == CLASS_CMAP(1)
    drawn = [path.vertices for path in regions.get_paths()]
    expected = y_one_polygons(**panel.values)
    assert len(drawn) == len(expected)
    for a, b in zip(drawn, expected):
        np.testing.assert_allclose(a[: len(b)], b)


def test_sliders_are_labelled_and_sane(panel):
    assert set(panel.controls) == set(SEED_WEIGHTS) == set(LABELS)
    for name, control in panel.controls.items():
        assert control.description == LABELS[name]
        assert (control.min, control.max, control.step) == (LO, HI, STEP)


def test_sweeping_every_slider_over_its_range_stays_finite_and_in_place(panel):
    fig, ax = panel.fig, panel.fig.axes[0]
    artists = (list(ax.images), list(ax.lines), list(ax.collections))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in panel.controls:
            for value in SLIDER_VALUES:  # the pure redraw step over every slider value
                values = {**SEED_WEIGHTS, name: float(value)}
                readout = panel.update(**values)
                assert readout and not artist_problems(panel.fig, line_gaps=False)
                y = skip_net(XOR_X, **values)[1]
                assert ("XOR solved" in readout) == bool(np.all(y == XOR_Y))
            for value in (LO, HI):  # through the widgets, with a real draw
                panel.set(**{name: value})
                assert not artist_problems(panel.fig, line_gaps=False)
            panel.set(**SEED_WEIGHTS)
    assert panel.fig is fig and fig.axes[0] is ax
    assert artists == (list(ax.images), list(ax.lines), list(ax.collections))


def test_random_joint_settings_stay_finite(panel):
    rng = np.random.default_rng(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(200):
            values = dict(zip(SEED_WEIGHTS, rng.choice(SLIDER_VALUES, len(SEED_WEIGHTS))))
            panel.update(**{k: float(v) for k, v in values.items()})
            assert not artist_problems(panel.fig, line_gaps=False)
        panel.set(**SEED_WEIGHTS)
        panel.fig.canvas.draw()


def test_hidden_line_disappears_when_it_misses_the_box(panel):
    panel.update(**{**SEED_WEIGHTS, "w1": 0.0, "w2": 0.0})
    assert len(panel.fig.axes[0].lines[0].get_xdata()) == 0
    panel.update(**SEED_WEIGHTS)
    assert len(panel.fig.axes[0].lines[0].get_xdata()) == 2


def test_unknown_weight_names_are_rejected():
    with pytest.raises(ValueError, match="unknown weight"):
        xor_builder_panel(weights={"w3": 1.0})


def test_custom_start_weights():
    p = xor_builder_panel(weights={"b_h": -0.5})
    try:
        assert p.values["b_h"] == -0.5 and "XOR solved" not in p.readout.value
    finally:
        import matplotlib.pyplot as plt

        plt.close(p.fig)


def test_weight_steps_blit_and_the_truth_table_lives_in_the_readout():
    panel = xor_builder_panel(weights={"b_h": -0.5})
    fig = panel.fig
    fig.canvas.draw()
    assert len(fig.axes) == 1 and "<table" in panel.readout.value  # text the browser lays out
    fig.canvas.draw_idle = lambda: None  # Agg would draw at once: a fallback now stays stale
    for value in (0.3, -0.6, 0.9):
        panel.set(b_h=value, v_h=value)
        assert internals.blitted(panel)
        blitted = np.asarray(fig.canvas.buffer_rgba()).copy()
        fig.canvas.draw()
        full = np.asarray(fig.canvas.buffer_rgba())
        assert (np.abs(blitted.astype(int) - full).max(axis=-1) > 1).sum() == 0  # same picture
