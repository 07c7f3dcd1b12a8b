"""Every figure of the course fits: its text inside the figure, its legends off the data.

Checked on every interactive panel (found as in tests/test_panels_properties.py, built
with defaults, then at both ends of every control's range and at seeded random settings)
and on every figure open after each code cell of each notebook (the cells executed here
with the Agg backend). A figure fits when

- it is at most :data:`nbs_utils.plots.MAX_FIGURE_WIDTH` wide (JupyterLab's output area at
  1280 x 800 with the file browser open, with a margin),
- every visible text (titles, suptitle, axis labels, tick labels, 3-D axis labels, offset
  texts, annotations, legends) lies inside the figure, and
- no legend overlaps a data artist (lines and their markers, scatter points, patches and
  polygons, images and meshes), in display space; it may overlap the axes background, and
- no two of its titles, axis labels and tick labels in view overlap, and two side by side
  in their reading direction keep :data:`READING_GAP` apart ("-1.00-0.75" reads as a sum).
"""

import re
import warnings
from pathlib import Path as FilePath

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
from matplotlib.collections import Collection, LineCollection, PathCollection, QuadMesh
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from nbs_utils.plots import MAX_FIGURE_WIDTH
from testkit.notebooks import expected
from testkit.panels import build, endpoint_values, panel_builders, random_values

ROOT = FilePath(__file__).resolve().parents[1]
NOTEBOOKS = expected(edition="en")
BUILDERS = panel_builders()
RANDOM_SETTINGS = 3
TOLERANCE = 1.0  # px: text extents are rounded to whole pixels
READING_GAP = 4.0  # px between two texts side by side: less, and they read as one
NO_LINE = (None, "None", "none", "", " ")


def _name(artist):
    ax = artist.axes
    where = f" in axes {ax.get_title()!r}" if ax is not None else ""
    text = f" {artist.get_text()!r}" if isinstance(artist, Text) else ""
    label = artist.get_label()
    label = f" {label!r}" if label and not label.startswith("_") and not text else ""
    return f"{type(artist).__name__}{text}{label}{where}"


def all_axes(fig):
    """The axes of ``fig`` and, after each, its inset (child) axes, which ``fig.axes`` omits."""
    found = []
    for ax in fig.axes:
        found += [ax, *(child for child in ax.child_axes if child not in fig.axes)]
    return found


def _text_boxes(fig, renderer):
    """``(description, display bbox)`` of every visible text of ``fig``."""
    boxes = [
        (_name(t), t.get_window_extent(renderer))
        for t in fig.texts  # suptitle, supxlabel, fig.text
        if t.get_visible() and t.get_text()
    ]
    for legend in fig.legends:
        boxes.append(
            (
                f"figure legend {legend.get_texts()[0].get_text()!r}",
                legend.get_window_extent(renderer),
            )
        )
    for ax in all_axes(fig):
        if not ax.get_visible():
            continue
        for child in ax.get_children():
            if isinstance(child, Text) and child.get_visible() and child.get_text():
                boxes.append((_name(child), child.get_window_extent(renderer)))
        for letter in "xyz":
            axis = getattr(ax, f"{letter}axis", None)
            if axis is not None and axis.get_visible():
                box = axis.get_tightbbox(renderer)
                if box is not None:
                    what = f"{letter} axis ({axis.label.get_text()!r}, tick labels)"
                    boxes.append((f"{what} of axes {ax.get_title()!r}", box))
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            boxes.append((f"legend of axes {ax.get_title()!r}", legend.get_window_extent(renderer)))
    return boxes


def text_problems(fig, renderer):
    """One line per visible text of ``fig`` reaching outside the figure."""
    out = []
    frame = fig.bbox
    for what, box in _text_boxes(fig, renderer):
        sticks = {
            "left": frame.x0 - box.x0, "right": box.x1 - frame.x1,
            "bottom": frame.y0 - box.y0, "top": box.y1 - frame.y1,
        }  # fmt: skip
        outside = {side: px for side, px in sticks.items() if px > TOLERANCE}
        if outside:
            sides = ", ".join(f"{px:.0f} px past the {side}" for side, px in outside.items())
            out.append(f"{what}: {sides}")
    return out


def _labels(fig, renderer):
    """``(description, display bbox, upright)`` of each title, axis label, offset text and
    tick label in view of ``fig`` (upright: not turned, read left to right)."""
    found = [(_name(t), t) for t in fig.texts if t.get_visible() and t.get_text()]
    for ax in all_axes(fig):
        if not ax.get_visible():
            continue
        found.append((f"title {ax.title.get_text()!r}", ax.title))
        for letter in "xyz":
            axis = getattr(ax, f"{letter}axis", None)
            if axis is None or not axis.get_visible():
                continue
            where = f"of axes {ax.get_title()!r}"
            found.append((f"{letter} label {axis.label.get_text()!r} {where}", axis.label))
            found.append((f"{letter} offset text {where}", axis.get_offset_text()))
            lo, hi = sorted(axis.get_view_interval())
            slack = 1e-9 * (hi - lo)
            for tick in axis.get_major_ticks():
                if tick.get_loc() is not None and lo - slack <= tick.get_loc() <= hi + slack:
                    for text in (tick.label1, tick.label2):
                        found.append((f"{letter} tick label {text.get_text()!r} {where}", text))
    return [
        (
            what,
            text.get_window_extent(renderer),
            min(text.get_rotation() % 180, 180 - text.get_rotation() % 180) < 1,
        )
        for what, text in found
        if text.get_visible() and text.get_text()
    ]


def crowded_text_problems(fig, renderer):
    """One line per pair of labels of ``fig`` that overlap or run together."""
    labels = _labels(fig, renderer)
    out = []
    for i, (what_a, a, upright_a) in enumerate(labels):
        for what_b, b, upright_b in labels[i + 1 :]:
            gap_x = max(a.x0, b.x0) - min(a.x1, b.x1)  # < 0: their x ranges overlap
            gap_y = max(a.y0, b.y0) - min(a.y1, b.y1)
            if upright_a or upright_b:  # read left to right
                along, across = gap_x, gap_y
            else:  # both turned (a y axis's upright tick labels): read along y
                along, across = gap_y, gap_x
            gap = READING_GAP if upright_a == upright_b else 2.0  # a turned one stands apart
            if across < 0 and along < gap:
                how = "overlaps" if along < 0 else f"is {along:.0f} px from"
                out.append(f"{what_a} {how} {what_b}")
    return out


def _clipped(artist, box):
    """``box`` cut to where ``artist`` can paint (its clip box), or None if nothing is left."""
    clip = artist.get_clip_box() if artist.get_clip_on() else None
    return box if clip is None else Bbox.intersection(box, clip)


def _points_in(points, box, radius):
    x, y = np.ma.filled(np.ma.asarray(points, float), np.nan).reshape(-1, 2).T
    return bool(np.any(
        (box.x0 - radius <= x) & (x <= box.x1 + radius)
        & (box.y0 - radius <= y) & (y <= box.y1 + radius)
    ))  # fmt: skip


def _hits_path(path, box, filled):
    """Whether a display-space ``path`` crosses or (``filled``) covers ``box``."""
    vertices = path.vertices
    finite = np.all(np.isfinite(vertices), axis=1)
    if not finite.all():  # NaN breaks a line: test each finite run on its own
        runs = np.split(np.arange(len(vertices)), np.flatnonzero(~finite))
        return any(_hits_path(Path(vertices[r[finite[r]]]), box, filled) for r in runs)
    if len(vertices) == 0:
        return False
    if len(vertices) == 1:
        return bool(box.contains(*vertices[0]))
    return bool(path.intersects_bbox(box, filled=filled))


def overlaps_data(artist, box, renderer):
    """Whether the data artist ``artist`` paints anywhere in the display-space ``box``."""
    box = _clipped(artist, box)
    if box is None or box.width <= 0 or box.height <= 0:
        return False
    dpi_scale = artist.figure.dpi / 72
    if isinstance(artist, Line2D):
        path = artist.get_transform().transform_path(artist.get_path())
        if artist.get_linestyle() not in NO_LINE and _hits_path(path, box, filled=False):
            return True
        if artist.get_marker() not in NO_LINE:
            return _points_in(path.vertices, box, artist.get_markersize() * dpi_scale / 2)
        return False
    if isinstance(artist, PathCollection) and len(artist.get_offsets()):  # scatter points
        points = artist.get_offset_transform().transform(artist.get_offsets())
        sizes = artist.get_sizes()
        radius = np.sqrt(sizes.max() if len(sizes) else 0.0) * dpi_scale / 2
        return _points_in(points, box, radius)
    if isinstance(artist, (AxesImage, QuadMesh)):
        return bool(artist.get_window_extent(renderer).overlaps(box))
    if isinstance(artist, Collection):
        filled = not isinstance(artist, LineCollection)
        transform = artist.get_transform()
        return any(_hits_path(transform.transform_path(p), box, filled) for p in artist.get_paths())
    if isinstance(artist, Patch):
        path = artist.get_transform().transform_path(artist.get_path())
        return _hits_path(path, box, filled=artist.get_fill())
    return False


def data_artists(ax):
    """The visible lines, collections, patches and images of ``ax``."""
    found = [*ax.lines, *ax.collections, *ax.patches, *ax.images]
    return [a for a in found if a.get_visible()]


def legend_problems(fig, renderer):
    """One line per (legend, data artist) pair where the legend covers the data."""
    legends = [ax.get_legend() for ax in all_axes(fig) if ax.get_visible()] + list(fig.legends)
    out = []
    for legend in legends:
        if legend is None or not legend.get_visible():
            continue
        box = legend.get_window_extent(renderer)
        for ax in all_axes(fig):
            if ax.get_visible():
                for artist in data_artists(ax):
                    if overlaps_data(artist, box, renderer):
                        owner = legend.axes.get_title() if legend.axes else "the figure"
                        out.append(f"legend of {owner!r} covers {_name(artist)}")
    return out


def fit_problems(fig):
    """Everything that does not fit in ``fig`` after a full draw (empty list: it fits)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    out = []
    width = fig.get_size_inches()[0]
    if width > MAX_FIGURE_WIDTH + 1e-9:
        out.append(f'figure {width:.2f}" wide, more than the {MAX_FIGURE_WIDTH}" that fit')
    out += text_problems(fig, renderer) + legend_problems(fig, renderer)
    return out + crowded_text_problems(fig, renderer)


# --- the course's figures ---------------------------------------------------------------


def _report(where_problems):
    """``{problem: [where, ...]}`` as lines, each problem once with where it was first seen."""
    lines = {}
    for where, problem in where_problems:
        lines.setdefault(problem, []).append(where)
    return "".join(
        f"\n  - {problem} ({len(wheres)}x, first {wheres[0]})" for problem, wheres in lines.items()
    )


@pytest.mark.parametrize("name", BUILDERS)
def test_panel_fits_over_its_control_ranges(name):
    panel = build(BUILDERS[name])
    try:
        settings = [panel.values] + endpoint_values(panel)
        settings += random_values(panel, np.random.default_rng(0), RANDOM_SETTINGS)
        problems = []
        for values in settings:
            panel.set(**values)
            problems += [(f"at {values}", p) for p in fit_problems(panel.fig)]
        assert not problems, f"{name}:{_report(problems)}"
    finally:
        plt.close(panel.fig)


MAGIC = re.compile(r"^\s*[%!].*$", re.MULTILINE)


def figures_after_each_cell(path):
    """Execute the code cells of notebook ``path`` here (Agg); after each, the open figures.

    Yields ``(cell index among all cells, [figures])``. IPython magics are dropped (the
    notebooks use only ``%matplotlib widget``); all figures are closed at the end.
    """
    nb = nbformat.read(path, as_version=4)
    namespace = {"__name__": "__notebook__"}
    before = set(plt.get_fignums())
    try:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            source = MAGIC.sub("", cell.source)
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                exec(compile(source, f"{path.name} cell {index}", "exec"), namespace)  # noqa: S102
            figures = [plt.figure(n) for n in sorted(set(plt.get_fignums()) - before)]
            yield index, figures
    finally:
        for n in set(plt.get_fignums()) - before:
            plt.close(n)


WITHOUT_MATPLOTLIB = {"06_playground"}  # its pictures are a canvas image of fixed size


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_figure_fits_after_every_cell(notebook, capsys):
    problems, checked = [], 0
    for index, figures in figures_after_each_cell(notebook):
        for fig in figures:
            checked += 1
            problems += [(f"cell {index}", f"figure {fig.number}: {p}") for p in fit_problems(fig)]
    capsys.readouterr()  # the notebooks print their results
    if notebook.stem in WITHOUT_MATPLOTLIB:
        assert not checked, f"{notebook.name} draws with matplotlib now: check its figures"
        return
    assert checked, f"{notebook.name}: no figure was created"
    assert not problems, f"{notebook.name}:{_report(problems)}"


# --- the check can fail -----------------------------------------------------------------


def _plain_figure():
    fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
    x = np.linspace(0, 1, 50)
    ax.plot(x, x, label="rising")
    ax.plot(x, 1 - x, label="falling")
    ax.set(title="two lines", xlabel="x", ylabel="y")
    return fig, ax


def test_a_fitting_figure_passes():
    fig, ax = _plain_figure()
    ax.set_ylim(0, 1.6)
    ax.legend(loc="upper center", ncols=2)  # above both lines
    assert fit_problems(fig) == []


@pytest.mark.parametrize(
    "breakage, expected",
    [
        (lambda fig, ax: ax.set_title("a title far too long to fit in a four inch wide figure"),
         r"Text 'a title far too long.*px past the (left|right)"),
        (lambda fig, ax: ax.set_title("two lines", y=1.3), r"Text 'two lines'.*past the top"),
        (lambda fig, ax: ax.set_xlabel("x", fontsize=60), r"x axis \('x'.*past the bottom"),
        (lambda fig, ax: fig.suptitle("suptitle", x=1.0, ha="left"), r"Text 'suptitle'.*right"),
        (lambda fig, ax: ax.annotate("note", (1.0, 0.5), xytext=(1.5, 0.5)), r"Annotation 'note'.*right"),
        (lambda fig, ax: ax.legend(loc="center"), r"legend of 'two lines' covers Line2D 'rising'"),
        (lambda fig, ax: fig.set_size_inches(MAX_FIGURE_WIDTH + 1, 3), r"figure .* wide"),
        (lambda fig, ax: ax.set_xticks(np.linspace(0, 1, 41)), r"x tick label .* (overlaps|is \d px from) x tick label"),
        (lambda fig, ax: ax.set_xlabel("a long x label", labelpad=-10), r"x label .* overlaps x tick label"),
        (lambda fig, ax: ax.set_yticks(np.linspace(0, 1, 13), [f"{v:.4f}" for v in np.linspace(0, 1, 13)], rotation=90),
         r"y tick label .* (overlaps|is \d px from) y tick label"),
    ],
    ids=["title-wide", "title-top", "xlabel-bottom", "suptitle", "annotation", "legend", "width",
         "xticks-crowded", "xlabel-on-ticks", "turned-yticks-crowded"],
)  # fmt: skip
def test_the_check_catches_a_broken_figure(breakage, expected):
    fig, ax = _plain_figure()
    fig.draw_without_rendering()  # laid out once, then frozen, as a panel is
    fig.set_layout_engine("none")
    breakage(fig, ax)
    problems = fit_problems(fig)
    assert any(re.search(expected, p) for p in problems), problems


@pytest.mark.parametrize(
    "draw",
    [
        lambda ax: ax.scatter([0.5], [0.5], s=30),
        lambda ax: ax.plot([0.5], [0.5], "o"),  # a marker, no line
        lambda ax: ax.plot([0.0, 1.0], [0.5, 0.5], "-"),  # crosses the legend, no vertex in it
        lambda ax: ax.add_patch(plt.Rectangle((0.0, 0.0), 1.0, 1.0)),  # the legend inside it
        lambda ax: ax.imshow(np.zeros((2, 2)), extent=(0, 1, 0, 1)),
        lambda ax: ax.fill_between([0.0, 1.0], 0.4, 0.6),
    ],
    ids=["scatter", "marker", "segment", "patch", "image", "polygon"],
)
def test_every_kind_of_data_under_a_legend_is_seen(draw):
    fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
    ax.set(xlim=(0, 1), ylim=(0, 1))
    draw(ax)
    ax.plot([], [], label="an entry")
    ax.legend(loc="center")
    fig.canvas.draw()
    assert legend_problems(fig, fig.canvas.get_renderer())


def test_data_beside_the_legend_is_not_covered():
    fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
    ax.set(xlim=(0, 1), ylim=(0, 1))
    ax.scatter([0.9], [0.1])
    ax.plot([0.0, 1.0], [0.05, 0.05], label="low line")
    ax.legend(loc="upper left")
    assert fit_problems(fig) == []


def test_inset_axes_are_checked_too():
    fig, ax = _plain_figure()
    fig.set_layout_engine("none")  # (constrained layout would shrink the axes to make room)
    inset = ax.inset_axes([0.6, 0.6, 0.6, 0.3])  # reaches past the figure's right edge
    inset.set_title("inset")
    problems = fit_problems(fig)
    assert any("x axis ('', tick labels) of axes 'inset': " in p for p in problems), problems
