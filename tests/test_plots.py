"""nbs_utils.plots: the colour-blind-safe palette, class styles that differ in shape, figure
helpers and sticky axis limits."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_hex

from nbs_utils.plots import (
    CLASS_STYLE,
    MAX_FIGURE_WIDTH,
    PALETTE,
    fixed_width_yticks,
    label_axes,
    legend_below,
    margin_band,
    new_figure,
    scatter_classes,
    set_sticky_limits,
    sticky_limits,
)

OKABE_ITO = {
    "#000000", "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7",
}  # fmt: skip


def test_palette_is_okabe_ito():
    assert {c.lower() for c in PALETTE.values()} == OKABE_ITO


def test_classes_differ_in_marker_shape_and_colour():
    assert set(CLASS_STYLE) == {0, 1}
    assert CLASS_STYLE[0]["marker"] != CLASS_STYLE[1]["marker"]
    assert CLASS_STYLE[0]["color"] != CLASS_STYLE[1]["color"]
    assert {to_hex(s["color"]) for s in CLASS_STYLE.values()} <= OKABE_ITO


def test_scatter_classes_draws_each_class_with_its_own_marker():
    fig, ax = new_figure()
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    artists = scatter_classes(ax, X, np.array([0, 1, 1]))
    paths = {label: artist.get_paths()[0].vertices.shape for label, artist in artists.items()}
    assert paths[0] != paths[1]  # a circle and a triangle have different outlines
    assert len(artists[0].get_offsets()) == 1 and len(artists[1].get_offsets()) == 2
    plt.close(fig)


def test_label_axes_sets_title_and_both_labels():
    fig, ax = new_figure()
    label_axes(ax, "title", "x", "y")
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("title", "x", "y")
    plt.close(fig)


def test_region_path_outlines_where_the_score_is_positive():
    from nbs_utils.plots import region_path
    from testkit.artists import inside_region

    xs = ys = np.linspace(-1.0, 1.0, 41)
    gx, gy = np.meshgrid(xs, ys)
    half = region_path(xs, ys, gx - 0.3)  # affine: the outline is exact
    inside = inside_region(half, [[0.5, 0.0], [0.31, 0.9], [0.29, 0.0], [-0.5, 0.5]])
    assert inside.tolist() == [True, True, False, False]
    r = np.hypot(gx, gy)
    ring = region_path(xs, ys, (r - 0.3) * (0.8 - r))  # an annulus: outer boundary and hole
    inside = inside_region(ring, [[0.0, 0.0], [0.55, 0.0], [0.0, -0.55], [0.95, 0.0]])
    assert inside.tolist() == [False, True, True, False]
    assert len(region_path(xs, ys, -np.ones_like(gx)).vertices) == 0  # nowhere positive


def test_alt_text_names_every_title_and_axis_label_in_plain_words():
    from nbs_utils.plots import alt_text

    fig, (a, b) = new_figure(ncols=2)
    label_axes(a, "hidden space: $h_{OR}$ vs $h_{AND}$", "$h_{OR}$", "$h_{AND}$")
    label_axes(b, r"loss $(1-t)\,z$", "step", "$J(\\theta)$")
    fig.suptitle("two views")
    assert alt_text(fig) == (
        "Figure: two views; hidden space: h_OR vs h_AND (x: h_OR, y: h_AND); "
        "loss (1-t) z (x: step, y: J(theta))"
    )
    b.set_visible(False)
    assert alt_text(fig).endswith("(x: h_OR, y: h_AND)")
    assert alt_text(new_figure()[0]) == "Figure: untitled"


def test_new_figure_scales_a_grid_too_wide_for_the_output_area_down_to_fit():
    fig, _ = new_figure(ncols=4, width=3.2, height=3.0)
    want = [MAX_FIGURE_WIDTH, 3.0 * MAX_FIGURE_WIDTH / 12.8]  # to a whole pixel
    assert np.allclose(fig.get_size_inches(), want, atol=0.5 / fig.dpi)
    fig, _ = new_figure(ncols=2, width=3.0, height=2.0)
    assert np.allclose(fig.get_size_inches(), [6.0, 2.0])  # fits: unchanged


def test_legend_below_sits_under_the_x_label():
    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1], label="a line")
    label_axes(ax, "title", "an x label", "y")
    legend = legend_below(ax)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box, xaxis = legend.get_window_extent(renderer), ax.xaxis.get_tightbbox(renderer)
    assert box.y1 <= xaxis.y0 and box.y0 >= fig.bbox.y0  # below the labels, inside the figure


def test_fixed_width_yticks_stand_the_labels_upright():
    fig, ax = new_figure()
    fixed_width_yticks(ax)
    ax.set_ylim(-1000.5, 1000.5)
    fig.canvas.draw()
    assert all(t.get_rotation() == 90 for t in ax.get_yticklabels())


def test_margin_band_shades_exactly_the_points_within_the_margin():
    fig, ax = new_figure()
    box = ((-1.0, 1.0), (-1.0, 1.0))
    lines, band = margin_band(ax, [1.0, 0.0], 0.0, 0.25, box)
    assert [line.get_linestyle() for line in lines] == ["-", "--", "--"]
    assert np.allclose(sorted(line.get_xdata()[0] for line in lines), [-0.25, 0.0, 0.25])
    path = band.get_path()
    inside = path.contains_points([[0.0, 0.0], [0.2, 0.9], [-0.2, -0.9]])
    outside = path.contains_points([[0.3, 0.0], [-0.3, 0.5], [0.9, 0.9]])
    assert inside.all() and not outside.any()


def test_new_figure_has_whole_pixels_and_is_laid_out_for_good_on_the_first_draw():
    import matplotlib.pyplot as plt

    def moved_px(fig, ax):
        """How far (px) the axes' left edge moves between the first and the second draw."""
        ax.plot([0, 1], [0, 1])
        ax.set(xlim=(-3, 3), ylim=(-3, 3), aspect="equal", title="a fixed aspect")
        lefts = []
        for _ in range(2):
            fig.canvas.draw()
            lefts.append(ax.get_window_extent().x0)
        return abs(lefts[1] - lefts[0])

    fig, (a, b) = new_figure(ncols=2, width=2.3, height=2.2)  # 4.6 in: 459.99999999999994 px
    assert fig.canvas.get_width_height() == (460, 220)
    assert moved_px(fig, a) < 0.25
    plain, (c, d) = plt.subplots(1, 2, figsize=(4.6, 2.2), layout="constrained")
    assert moved_px(plain, c) > 2  # what a browser showing the first draw would be off by


def test_sticky_limits_stay_while_the_data_fits_and_fills_them():
    current = [(0.0, 10.0)]
    assert sticky_limits(current, 2.0, 8.0) == current  # small change: limits stay
    assert sticky_limits(current, 4.9, 5.1) != current  # data shrank to 2 %: zoom in
    grown = sticky_limits(current, 5.0, 12.0)  # data left: grow to hold old and new
    assert grown[0][0] <= 0.0 and grown[0][1] >= 12.0
    assert sticky_limits(grown, 0.0, 10.0) == grown  # going back needs no change


def test_sticky_limits_square_have_equal_spans_and_hold_the_data():
    rng = np.random.default_rng(0)
    limits = [(0.0, 1.0), (0.0, 1.0)]
    for _ in range(50):
        pts = rng.normal(size=(20, 2)) * rng.uniform(0.1, 5, 2) + rng.normal(size=2)
        limits = sticky_limits(limits, pts.min(0), pts.max(0), square=True)
        (x0, x1), (y0, y1) = limits
        assert np.isclose(x1 - x0, y1 - y0)
        assert x0 <= pts[:, 0].min() and pts[:, 0].max() <= x1
        assert y0 <= pts[:, 1].min() and pts[:, 1].max() <= y1


def test_set_sticky_limits_leaves_the_figure_fresh_when_nothing_moves():
    fig, ax = new_figure()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    fig.canvas.draw()
    assert set_sticky_limits(ax, [[2.0, 3.0], [8.0, 7.0]]) == [(0.0, 10.0), (0.0, 10.0)]
    assert not fig.stale
    set_sticky_limits(ax, [[2.0, 3.0], [18.0, 7.0]])
    assert fig.stale and ax.get_xlim()[1] >= 18.0
