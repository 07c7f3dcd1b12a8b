"""What a figure shows, read from its artists: non-finite data, points inside a region."""

import re

import numpy as np
from matplotlib.path import Path

NON_FINITE_TEXT = re.compile(r"\b(nan|[+-]?inf)\b", re.IGNORECASE)
"""``nan`` or ``inf`` printed as a number (in a readout or a figure text)."""


def artist_problems(fig, line_gaps=True):
    """Descriptions of non-finite data in the visible artists of ``fig`` (empty if all is well).

    NaN is matplotlib's gap marker, so lines (``Line2D``, ``LineCollection``) may contain
    NaN to break or hide a polyline (unless ``line_gaps=False``); nothing may contain inf,
    and points, images, meshes, patches, axis limits and texts must be finite (no ``nan``
    printed either).
    """
    from matplotlib.collections import Collection, LineCollection
    from matplotlib.image import AxesImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    problems = []

    def check(what, data, gaps_allowed=False):
        arr = np.ma.filled(np.ma.asarray(data, dtype=float).astype(float), 0.0)
        if np.isinf(arr).any() or (not gaps_allowed and np.isnan(arr).any()):
            problems.append(f"{what}: non-finite values")

    for ax in fig.axes:
        for lim_name, lim in [("xlim", ax.get_xlim()), ("ylim", ax.get_ylim())]:
            check(f"{ax.get_title()!r} {lim_name}", lim)
    for artist in fig.findobj():
        if not artist.get_visible():
            continue
        label = f"{type(artist).__name__} {artist.get_label()!r}"
        if isinstance(artist, Line2D):
            check(label, artist.get_xydata(), gaps_allowed=line_gaps)
        elif isinstance(artist, LineCollection):
            for seg in artist.get_segments():
                check(label, seg, gaps_allowed=line_gaps)
        elif isinstance(artist, Collection):
            check(label + " offsets", artist.get_offsets())
            if artist.get_array() is not None:
                check(label + " array", artist.get_array())
            for path in artist.get_paths():
                check(label + " path", path.vertices)
        elif isinstance(artist, AxesImage):
            check(label, artist.get_array())
        elif isinstance(artist, Patch) and artist.axes is not None:
            check(label, artist.get_path().vertices)
            check(label + " transform", artist.get_patch_transform().get_matrix())
        elif isinstance(artist, Text):
            if NON_FINITE_TEXT.search(artist.get_text()):
                problems.append(f"Text {artist.get_text()!r} shows a non-finite number")
    return problems


def inside_region(path, points):
    """Whether each point lies in the region ``path`` fills (holes excluded).

    ``Path.contains_points`` ignores holes in a compound path; the fill does not. A point
    of nested, non-crossing outlines is filled when an odd number of them hold it.
    """
    count = sum(Path(ring).contains_points(points).astype(int) for ring in path.to_polygons())
    return np.asarray(count) % 2 == 1
