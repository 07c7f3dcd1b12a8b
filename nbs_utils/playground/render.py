"""The playground's pixels, in numpy: one RGB image holding the decision map with the data,
a thumbnail per hidden unit, and the loss curve (so the browser gets ONE image per frame).

Colours are Okabe & Ito's (colour-blind safe): class 0 blue, class 1 vermillion, white
in between. Class 0 points are diamonds, class 1 triangles (shape as well as colour);
training points have a white rim, test points a black one.
"""

import numpy as np

MAP_CELLS, MAP_SCALE = 75, 4  # the decision map: a 75 x 75 grid drawn 4 px per cell
THUMB_STRIDE = 3  # thumbnails: every 3rd cell of the map grid, 1 px per cell (33 x 33)
THUMB, THUMB_GAP = len(range(1, MAP_CELLS, THUMB_STRIDE)), 4
MAX_COLUMNS, MAX_ROWS = 6, 8  # hidden layers and units shown
THUMBS_W = MAX_COLUMNS * (THUMB + THUMB_GAP)
MAP_X, MAP_W = THUMBS_W + 10, MAP_CELLS * MAP_SCALE
THUMBS_H = MAX_ROWS * (THUMB + THUMB_GAP)
CURVE_Y, CURVE_H = max(MAP_W, THUMBS_H) + 10, 60  # the loss curve, under map and thumbnails
WIDTH, HEIGHT = MAP_X + MAP_W, CURVE_Y + CURVE_H

_BLUE, _WHITE, _VERMILLION = (0, 114, 178), (255, 255, 255), (213, 94, 0)
_BACKGROUND, _INK, _GREY = (250, 250, 250), (0, 0, 0), (140, 140, 140)


def _diverging_lut(n=256, strength=0.75):
    """``n`` colours from blue (index 0) through white to vermillion, softened by strength."""
    t = np.linspace(-1.0, 1.0, n)[:, None]
    end = np.where(t < 0, np.array(_BLUE), np.array(_VERMILLION))
    mix = strength * np.abs(t)
    return np.round((1 - mix) * np.array(_WHITE) + mix * end).astype(np.uint8)


LUT = _diverging_lut()


def grid(box):
    """Input points of the map grid, cell centres, row 0 at the top: ``(MAP_CELLS^2, 2)``."""
    (x0, x1), (y0, y1) = box
    n = MAP_CELLS
    xs = x0 + (np.arange(n) + 0.5) * (x1 - x0) / n
    ys = y1 - (np.arange(n) + 0.5) * (y1 - y0) / n
    gx, gy = np.meshgrid(xs, ys)
    return np.c_[gx.ravel(), gy.ravel()]


def colour(values):
    """RGB for values in [-1, 1] (blue at -1, vermillion at +1); NaN-free input."""
    index = np.clip(np.round((np.asarray(values) + 1.0) * 127.5), 0, 255).astype(np.intp)
    return LUT[index]


def blank():
    """The empty frame: background only."""
    return np.full((HEIGHT, WIDTH, 3), _BACKGROUND, np.uint8)


def map_image(p, points, labels, is_test, box):
    """The decision map (``MAP_W`` square): probabilities ``p`` on the map grid, then
    the points drawn on top."""
    cells = colour(2.0 * p.reshape(MAP_CELLS, MAP_CELLS) - 1.0)
    img = np.repeat(np.repeat(cells, MAP_SCALE, axis=0), MAP_SCALE, axis=1)
    if len(points):
        (x0, x1), (y0, y1) = box
        px = np.round((points[:, 0] - x0) / (x1 - x0) * MAP_W).astype(int)
        py = np.round((y1 - points[:, 1]) / (y1 - y0) * MAP_W).astype(int)
        for label, shape in ((0, _DIAMOND), (1, _TRIANGLE)):
            for test, rim in ((False, _WHITE), (True, _INK)):
                sel = (labels == label) & (is_test == test)
                fill = _BLUE if label == 0 else _VERMILLION
                _stamp(img, px[sel], py[sel], shape[1], rim)
                _stamp(img, px[sel], py[sel], shape[0], fill)
    return np.ascontiguousarray(img)


# The map as vector commands (drawn at once by the browser: no image to decode first):
# one MAP_SCALE square per grid cell, then every point as a polygon of its class's shape.
_ROWS, _COLS = np.divmod(np.arange(MAP_CELLS * MAP_CELLS), MAP_CELLS)
CELL_X = (MAP_X + _COLS * MAP_SCALE).astype(np.int16)  # canvas pixel of each map cell
CELL_Y = (_ROWS * MAP_SCALE).astype(np.int16)


def map_cells(p):
    """RGB of each map grid cell (row by row) for the probabilities ``p``: ``(MAP_CELLS^2, 3)``."""
    return colour(2.0 * np.asarray(p).reshape(-1) - 1.0)


def _diamond(r):
    return np.array([[0.0, -r], [r, 0.0], [0.0, r], [-r, 0.0]])


def _triangle(r):  # the outline of _TRIANGLE's pixels: apex up, base at 0.6 r
    half = 0.9 * r + 0.25
    return np.array([[0.0, -1.2 * r - 0.5], [half, 0.6 * r], [-half, 0.6 * r]])


def marker_polygons(points, labels, is_test, box):
    """``[(rgb, polygons), ...]`` in drawing order, polygons ``(k, m, 2)`` in canvas pixels:
    each point as a diamond (class 0) or triangle (class 1), rim first (white: training,
    black: test), as :func:`map_image` stamps them."""
    if not len(points):
        return []
    (x0, x1), (y0, y1) = box
    px = MAP_X + np.round((points[:, 0] - x0) / (x1 - x0) * MAP_W)
    py = np.round((y1 - points[:, 1]) / (y1 - y0) * MAP_W)
    centres = np.c_[px, py][:, None, :] + 0.5  # pixel centres
    out = []
    for label, shape in ((0, _diamond), (1, _triangle)):
        for test, rim in ((False, _WHITE), (True, _INK)):
            sel = (labels == label) & (is_test == test)
            if sel.any():
                fill = _BLUE if label == 0 else _VERMILLION
                out += [(rim, centres[sel] + shape(4.5)), (fill, centres[sel] + shape(3.0))]
    return out


def _shape(inside, r=4):
    """(fill offsets, rim offsets) of a marker given by ``inside(dx, dy, r)``."""
    d = np.arange(-r - 1, r + 2)
    dx, dy = np.meshgrid(d, d)
    fill, outer = inside(dx, dy, r - 1), inside(dx, dy, r + 0.5)
    return np.c_[dy[fill], dx[fill]], np.c_[dy[outer], dx[outer]]


_DIAMOND = _shape(lambda dx, dy, r: np.abs(dx) + np.abs(dy) <= r)
_TRIANGLE = _shape(lambda dx, dy, r: (dy <= r * 0.6) & (2 * np.abs(dx) <= dy + r * 1.2 + 0.5))


def _stamp(img, px, py, offsets, rgb):
    """Paint the pixel ``offsets`` around every point ``(px, py)``, clipped to ``img``."""
    if not len(px):
        return
    rows = (py[:, None] + offsets[None, :, 0]).ravel()
    cols = (px[:, None] + offsets[None, :, 1]).ravel()
    ok = (rows >= 0) & (rows < img.shape[0]) & (cols >= 0) & (cols < img.shape[1])
    img[rows[ok], cols[ok]] = rgb


def thumbnail_position(layer, unit):
    """Top-left pixel ``(x, y)`` of the thumbnail of ``unit`` in hidden ``layer``."""
    return layer * (THUMB + THUMB_GAP), unit * (THUMB + THUMB_GAP)


def thumbnail_at(x, y):
    """``(layer, unit)`` of the thumbnail under pixel ``(x, y)``, or ``None``."""
    layer, unit = int(x // (THUMB + THUMB_GAP)), int(y // (THUMB + THUMB_GAP))
    inside = x % (THUMB + THUMB_GAP) < THUMB and y % (THUMB + THUMB_GAP) < THUMB
    ok = 0 <= layer < MAX_COLUMNS and 0 <= unit < MAX_ROWS and x >= 0 and y >= 0
    return (layer, unit) if inside and ok else None


def draw_thumbnails(img, hidden_outputs):
    """Each hidden unit's output over the map grid (every ``THUMB_STRIDE``-th cell), scaled
    by its largest |value|."""
    img[:THUMBS_H, :THUMBS_W] = _BACKGROUND
    for layer, H in enumerate(hidden_outputs[:MAX_COLUMNS]):
        H = H.reshape(MAP_CELLS, MAP_CELLS, -1)[1::THUMB_STRIDE, 1::THUMB_STRIDE]
        H = H.reshape(THUMB * THUMB, -1)
        top = np.max(np.abs(H[:, :MAX_ROWS]), axis=0)
        scaled = H[:, :MAX_ROWS] / np.where(top > 0, top, 1.0)
        for unit in range(scaled.shape[1]):
            x, y = thumbnail_position(layer, unit)
            img[y : y + THUMB, x : x + THUMB] = colour(scaled[:, unit].reshape(THUMB, THUMB))


def draw_curve(img, train, test):
    """The train (grey) and test (black) loss, last points on the right, 0 at the bottom."""
    area = img[CURVE_Y : CURVE_Y + CURVE_H, :]
    area[:] = _BACKGROUND
    area[-1, :] = _GREY
    values = np.r_[train, test]
    values = values[np.isfinite(values)]
    if len(train) < 2 or not len(values):
        return
    top = max(float(values.max()), 1e-12)
    for series, rgb in ((train, _GREY), (test, _INK)):
        series = np.nan_to_num(np.asarray(series, float), nan=0.0)
        cols = np.linspace(0, len(series) - 1, WIDTH).round().astype(int)
        ys = (CURVE_H - 2) - np.round(series[cols] / top * (CURVE_H - 3)).astype(int)
        lo = np.minimum(ys, np.r_[ys[:1], ys[:-1]])
        hi = np.maximum(ys, np.r_[ys[:1], ys[:-1]])
        rows = np.arange(CURVE_H)[:, None]
        area[(rows >= lo[None, :]) & (rows <= hi[None, :])] = rgb
