"""The playground's points as CSV text: a header ``x1,x2,label,split``, then one row each."""

import numpy as np

from .._validate import as_points
from ..language import _

HEADER = "x1,x2,label,split"


def points_to_csv(points, labels, is_test):
    """CSV text of the points ``(n, 2)``, their labels (0/1, or regression targets in
    [-1, 1]) and whether each is a test point."""
    rows = [HEADER] + [
        f"{x!r},{y!r},{c},{'test' if t else 'train'}"
        for (x, y), c, t in zip(np.asarray(points).tolist(), labels, is_test)
    ]
    return "\n".join(rows) + "\n"


def points_from_csv(text, regression=False):
    """``(points, labels, is_test)`` from CSV ``text`` (str or bytes) as written above; with
    ``regression`` the labels are targets in [-1, 1] (floats), else classes 0/1."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    lines = [line.strip() for line in str(text).strip().splitlines() if line.strip()]
    if not lines or lines[0].replace(" ", "") != HEADER:
        raise ValueError(_("CSV must start with the header {header}").format(header=HEADER))
    points, labels, is_test = [], [], []
    for i, line in enumerate(lines[1:], start=2):
        try:
            x, y, c, split = line.split(",")
            points.append((float(x), float(y)))
            labels.append(float(c) if regression else int(c))
        except ValueError as err:
            raise ValueError(
                _("CSV line {i}: expected {header}, got {line!r}").format(
                    i=i, header=HEADER, line=line
                )
            ) from err
        if regression and not -1.0 <= labels[-1] <= 1.0:  # (NaN is not either)
            raise ValueError(_("CSV line {i}: a target must be in [-1, 1]").format(i=i))
        if (not regression and labels[-1] not in (0, 1)) or split.strip() not in ("train", "test"):
            raise ValueError(_("CSV line {i}: label must be 0/1 and split train/test").format(i=i))
        is_test.append(split.strip() == "test")
    labels = np.array(labels, float if regression else int)
    return as_points(points, "CSV points"), labels, np.array(is_test, bool)
