"""What a panel shows, read back from its readout and figure, for the notebooks' asserts.

A notebook asserts that a panel agrees with the lesson's math (the truth table it shows,
the points it draws); these readers keep the HTML and artist plumbing out of its cells.
They raise a ``ValueError`` when the panel does not show what they read.
"""

import re
from typing import NamedTuple

import numpy as np

from ..language import _


class TruthTableRow(NamedTuple):
    """One row of the XOR builder's truth table: inputs, hidden and output value, target."""

    x1: int
    x2: int
    h: int
    y: int
    xor: int
    right: bool


def truth_table(panel):
    """The rows of the truth table in ``panel``'s readout (notebook 02's XOR builder).

    Checks that the table has its header and four rows and that a row is marked "no"
    exactly when it is shaded and its ``y`` differs from XOR.
    """
    rows = re.findall(r"<tr([^>]*)>(.*?)</tr>", panel.readout.value)
    if len(rows) != 5:
        raise ValueError(
            _("the readout should show a header and 4 rows, found {n} rows").format(n=len(rows))
        )
    table = []
    for style, cells in rows[1:]:
        *numbers, verdict = re.findall(r"<td[^>]*>(.*?)</td>", cells)
        x1, x2, h, y, xor = (int(float(v)) for v in numbers)
        right = verdict == _("yes")
        if right == ("background" in style) or right == (verdict == _("<b>no</b>")):
            raise ValueError(
                _("row {row}: its mark {mark!r} and its shading disagree").format(
                    row=(x1, x2), mark=verdict
                )
            )
        if right != (y == xor):
            raise ValueError(
                _("row {row}: marked {mark!r} but y = {y}, XOR = {xor}").format(
                    row=(x1, x2), mark=verdict, y=y, xor=xor
                )
            )
        table.append(TruthTableRow(x1, x2, h, y, xor, right))
    return table


def drawn_points(panel, plot, artist=0):
    """The points the ``artist``-th collection of plot ``plot`` of ``panel`` draws, ``(n, 2)``.

    A scatter's offsets, or every vertex of a line collection's lines (a warped grid).
    """
    collection = panel.fig.axes[plot].collections[artist]
    if hasattr(collection, "get_segments"):
        return np.concatenate(collection.get_segments())
    return np.asarray(collection.get_offsets())
