"""Notebook 03 panels: hidden-space morph, weight sliders, ReLU region pictures."""

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.text import Text

from nbs_utils.datasets import bands
from nbs_utils.geometry import linearly_separable
from nbs_utils.lessons.hidden import ACTIVATIONS, BOX, hidden_points
from nbs_utils.lessons.warped_grid import grid_lines
from nbs_utils.panels.hidden import morph_panel, regions_figure, weights_panel
from nbs_utils.plots import CLASS_CMAP
from testkit.artists import artist_problems, inside_region
from testkit.internals import blits


@pytest.fixture(scope="module")
def data():
    return bands(400, seed=0)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


FP_RAISE = {"over": "raise", "invalid": "raise", "divide": "raise"}


def assert_finite(fig):
    problems = artist_problems(fig, line_gaps=False)
    assert not problems, problems


def hidden_offsets(fig, axes_index=1):
    """The hidden-space scatter offsets, class 0 then class 1."""
    return [np.asarray(c.get_offsets()) for c in fig.axes[axes_index].collections]


# --- the morph panel ---------------------------------------------------------------------


def sweep_morph(panel, X, y, ts):
    """Every activation, every t: finite in-place artists and the exact margin's behaviour."""
    fig = panel.fig
    for name in ACTIVATIONS:
        margins = []
        for t in ts:
            text = panel.update(activation=name, t=t)  # pure redraw step; full draws below
            assert_finite(fig)
            H = hidden_points(X, activation=name, t=t)
            got = np.concatenate(hidden_offsets(fig))
            assert np.allclose(np.sort(got, axis=0), np.sort(H, axis=0))
            margins.append(linearly_separable(H, y).margin)
            assert ("not separable" in text) == (margins[-1] == 0.0)
            assert "nan" not in text.lower()
        margins = np.array(margins)
        if name == "identity":
            assert np.all(margins == 0.0)
        else:  # any bend at all separates the classes; the margin grows with t
            assert margins[0] == 0.0 and np.all(margins[1:] > 0)
            assert np.all(np.diff(margins[1:]) > -1e-9)


def test_morph_panel_sweep_is_finite_in_place_and_matches_the_exact_readout(data):
    X, y = data
    panel = morph_panel(X, y)
    fig, canvas = panel.fig, panel.fig.canvas
    artists = [id(a) for ax in fig.axes for a in (*ax.lines, *ax.collections)]
    ts = np.round(np.linspace(0.0, 1.0, 21), 2)
    with np.errstate(**FP_RAISE):
        sweep_morph(panel, X, y, ts)
    for name, t in itertools.product(ACTIVATIONS, (0.0, 0.35, 1.0)):
        panel.set(activation=name, t=t)  # draws the canvas too
        assert panel.fig is fig and fig.canvas is canvas
        assert_finite(fig)
        assert ("not separable" in panel.readout.value) == (name == "identity" or t == 0.0)
    assert [id(a) for ax in fig.axes for a in (*ax.lines, *ax.collections)] == artists


def test_morph_panel_defaults_are_the_identity_picture(data):
    X, y = data
    panel = morph_panel(X, y)
    assert panel.values == {"activation": "identity", "t": 1.0}
    assert "not separable" in panel.readout.value
    hidden = np.concatenate(hidden_offsets(panel.fig))
    assert np.allclose(hidden.sum(axis=1), -2.0)


def test_morph_panel_separator_hides_when_not_separable_and_shows_margin(data):
    X, y = data
    panel = morph_panel(X, y, activation="tanh")
    separator = panel.fig.axes[1].lines[:3]
    assert all(line.get_visible() for line in separator)
    r = linearly_separable(hidden_points(X, activation="tanh"), y)
    w, b, margin = r.w, r.b, r.margin
    solid, upper, lower = (line.get_xydata() for line in separator)
    assert np.allclose(solid @ w + b, 0.0)
    assert np.allclose(upper @ w + b, margin) and np.allclose(lower @ w + b, -margin)
    panel.set(activation="identity")
    assert not any(line.get_visible() for line in separator)


def test_warped_grid_is_the_hidden_image_of_the_input_grid(data):
    X, y = data
    panel = morph_panel(X, y, activation="relu", t=0.5)
    warped = panel.fig.axes[2].collections[0].get_segments()
    lines_in = grid_lines(BOX)
    assert len(warped) == len(lines_in)
    for segment, line in zip(warped, lines_in):
        assert np.allclose(segment, hidden_points(line, activation="relu", t=0.5))


# --- the weights panel -------------------------------------------------------------------

WEIGHT_NAMES = ("w11", "w12", "b1", "w21", "w22", "b2")


def test_weights_panel_defaults_are_the_c6_units(data):
    X, y = data
    panel = weights_panel(X, y)
    values = panel.values
    assert values["activation"] == "relu"
    assert [values[k] for k in WEIGHT_NAMES] == [-1.0, 1.0, -1.0, 1.0, -1.0, -1.0]
    assert "<b>separable</b>" in panel.readout.value
    assert all(shade.get_visible() for shade in panel.fig.axes[0].patches)


def test_weights_panel_every_slider_over_its_range_stays_finite(data):
    X, y = data
    panel = weights_panel(X, y)
    fig, canvas = panel.fig, panel.fig.canvas
    defaults = panel.values
    for name in WEIGHT_NAMES:
        control = panel.controls[name]
        assert (control.min, control.max) == (-2.0, 2.0)
        for value in np.linspace(control.min, control.max, 9):
            for act in ACTIVATIONS:
                with np.errstate(**FP_RAISE):
                    panel.update(**{**defaults, "activation": act, name: value})
                assert_finite(fig)
    zeros = dict.fromkeys(WEIGHT_NAMES, 0.0)
    for act in ACTIVATIONS:  # all weights zero: every input maps to one hidden point
        panel.set(activation=act, **zeros)
        canvas.draw()
        assert_finite(fig)
        assert "not separable" in panel.readout.value
        assert not any(shade.get_visible() for shade in fig.axes[0].patches)
    panel.set(**defaults)
    assert panel.fig is fig and fig.canvas is canvas and "<b>separable</b>" in panel.readout.value


def test_weights_panel_shading_classifies_the_data_correctly_when_separable(data):
    X, y = data
    panel = weights_panel(X, y, activation="tanh")
    shade_0, shade_1 = panel.fig.axes[0].patches
    assert shade_0.get_facecolor() == CLASS_CMAP(0) and shade_1.get_facecolor() == CLASS_CMAP(1)
    inside = inside_region(shade_1.get_path(), X)  # the class-1 region, in data coordinates
    # its outline is straight between grid points; the band gap is much wider than a cell
    assert np.mean(inside == (y == 1)) > 0.99


def test_weights_panel_breaking_a_unit_breaks_separability(data):
    X, y = data
    panel = weights_panel(X, y)
    # b1 = -2: unit 1 fires only for x2 - x1 > 2, so class-1 points with 1.2 < x2 - x1 < 2
    # map to (0, 0) like the whole band; no line splits one point
    panel.set(b1=-2.0)
    assert "not separable" in panel.readout.value
    assert not any(shade.get_visible() for shade in panel.fig.axes[0].patches)
    panel.set(b1=-1.0)
    assert "<b>separable</b>" in panel.readout.value


# --- ReLU regions ------------------------------------------------------------------------


def test_regions_figure_labels_each_region_once():
    # four lines in general position, all six crossings inside the box: 1 + 4 + 6 regions
    W = np.array([[1.0, 0.2], [0.1, 1.0], [1.0, 1.0], [1.0, -1.0]])
    b = np.array([0.5, -0.3, 0.4, -0.2])
    fig, ax = regions_figure(W, b, resolution=300)
    labels = [t.get_text() for t in ax.texts]
    assert len(labels) == len(set(labels)) == 11
    assert all(len(text) == 4 and set(text) <= {"0", "1"} for text in labels)
    assert len(ax.lines) == 4 and ax.get_title()


@pytest.mark.parametrize("seed", [1, 5, 7])  # seed 1: notebook 03's figure, with a tiny region
def test_regions_figure_labels_stay_off_the_lines_and_point_into_their_region(seed):
    """Every label's box misses every line and every other label; a label moved out of a
    region too small for it has a line ending inside that region (once a label sat on the
    lines of a tiny region)."""
    rng = np.random.default_rng(seed)
    W, b = rng.normal(size=(4, 2)), rng.normal(size=4)
    fig, ax = regions_figure(W, b)
    fig.canvas.draw()
    text_box = Text.get_window_extent  # an Annotation's own would include its line
    boxes = [ax.transData.inverted().transform(text_box(t).get_points()) for t in ax.texts]
    for (lo, hi), text in zip(boxes, ax.texts):
        corners = np.array([[lo[0], lo[1]], [lo[0], hi[1]], [hi[0], lo[1]], [hi[0], hi[1]]])
        sides = np.sign(corners @ W.T + b)
        assert np.all(sides == sides[0]), f"label {text.get_text()} lies on a line"
        pattern = sides[0] > 0
        if hasattr(text, "xy"):  # moved out, with a line into its region
            pattern = np.asarray(text.xy) @ W.T + b > 0
        assert "".join(str(int(p)) for p in pattern) == text.get_text()
    for i, (lo, hi) in enumerate(boxes):
        for lo2, hi2 in boxes[i + 1 :]:
            assert np.any(hi < lo2) or np.any(hi2 < lo), "two labels overlap"
    assert seed != 1 or any(hasattr(t, "xy") for t in ax.texts)


def test_small_steps_blit_once_the_limits_hold_both_states(data):
    X, y = data
    morph = morph_panel(X, y, activation="tanh")
    morph.fig.canvas.draw()
    morph.set(t=0.95)
    morph.set(t=1.0)
    assert blits(morph, t=0.95) and blits(morph, t=1.0)
    weights = weights_panel(X, y)
    weights.fig.canvas.draw()
    weights.set(w11=-0.9)
    weights.set(w11=-1.0)
    assert blits(weights, w11=-0.9) and blits(weights, w11=-1.0)


def test_morph_slider_is_disabled_only_where_it_changes_nothing():
    X, y = bands(200, seed=0)
    panel = morph_panel(X, y)
    assert panel.controls["t"].disabled  # identity: (1 - t) z + t z = z
    for name in ("relu", "tanh", "sigmoid"):
        panel.set(activation=name)
        assert not panel.controls["t"].disabled, name
