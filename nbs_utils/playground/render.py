"""The playground's pixels, in numpy: one image of colour *levels* (one byte per pixel, an
index into :data:`PALETTE`) holding the decision map with the data, a thumbnail per hidden
unit with the weights as links between them, and the loss curve. The browser colours the levels with the same palette
(:mod:`.canvas`), so a frame costs a byte per pixel on the wire and no image decoding.

Colours are Okabe & Ito's (colour-blind safe): class 0 blue, class 1 vermillion, white
in between. Class 0 points are circles, class 1 triangles (shape as well as colour, as in
:data:`nbs_utils.plots.CLASS_STYLE`);
training points have a white rim, test points a black one.
"""

import numpy as np

MAP_CELLS, MAP_SCALE = 75, 4  # the decision map: a 75 x 75 grid drawn 4 px per cell
THUMB_STRIDE = 3  # thumbnails: every 3rd cell of the map grid, 1 px per cell (25 x 25)
THUMB, THUMB_GAP = len(range(1, MAP_CELLS, THUMB_STRIDE)), 4
LINKS_W = 16  # between two layers' columns of thumbnails: the weights, drawn as links
COLUMN, ROW = THUMB + LINKS_W, THUMB + THUMB_GAP  # a thumbnail's pitch across and down
MAX_COLUMNS, MAX_ROWS = 6, 8  # hidden layers and units shown
THUMBS_W = MAX_COLUMNS * COLUMN - LINKS_W
MAP_X, MAP_W = THUMBS_W + LINKS_W, MAP_CELLS * MAP_SCALE
THUMBS_H = MAX_ROWS * ROW
# the loss curve fills the corner under the thumbnails, so the frame is as tall as the map
CURVE_X, CURVE_Y, CURVE_W = 0, THUMBS_H + 8, THUMBS_W - THUMB_GAP
CURVE_H = MAP_W - CURVE_Y
WIDTH, HEIGHT = MAP_X + MAP_W, MAP_W

SCALE_LEVELS = 251  # levels 0..250: blue through white (125) to vermillion
WHITE = SCALE_LEVELS // 2
BACKGROUND, INK, GREY, BLUE, VERMILLION = range(SCALE_LEVELS, 256)  # the named colours
_RGB_BLUE, _RGB_WHITE, _RGB_VERMILLION = (0, 114, 178), (255, 255, 255), (213, 94, 0)


def _diverging_scale(n, strength=0.75):
    """``n`` colours from blue (index 0) through white to vermillion, softened by strength."""
    t = np.linspace(-1.0, 1.0, n)[:, None]
    end = np.where(t < 0, np.array(_RGB_BLUE), np.array(_RGB_VERMILLION))
    mix = strength * np.abs(t)
    return np.round((1 - mix) * np.array(_RGB_WHITE) + mix * end).astype(np.uint8)


# RGB of every level: the diverging scale, then background, ink, grey, blue, vermillion
PALETTE = np.vstack(
    [
        _diverging_scale(SCALE_LEVELS),
        np.array([(250, 250, 250), (0, 0, 0), (140, 140, 140), _RGB_BLUE, _RGB_VERMILLION]),
    ]
).astype(np.uint8)


def grid(box):
    """Input points of the map grid, cell centres, row 0 at the top: ``(MAP_CELLS^2, 2)``."""
    (x0, x1), (y0, y1) = box
    n = MAP_CELLS
    xs = x0 + (np.arange(n) + 0.5) * (x1 - x0) / n
    ys = y1 - (np.arange(n) + 0.5) * (y1 - y0) / n
    gx, gy = np.meshgrid(xs, ys)
    return np.c_[gx.ravel(), gy.ravel()]


def level(values):
    """The scale level of values in [-1, 1]: 0 (blue) at -1, ``WHITE`` at 0, 250 at +1."""
    scaled = (np.asarray(values) + 1.0) * (SCALE_LEVELS - 1) / 2
    return np.clip(np.round(scaled), 0, SCALE_LEVELS - 1).astype(np.uint8)


def rgb(levels):
    """The RGB image of a level image (what the browser paints)."""
    return PALETTE[levels]


def blank():
    """The empty frame: background only."""
    return np.full((HEIGHT, WIDTH), BACKGROUND, np.uint8)


def map_image(p, points, labels, is_test, box, show_test=True, discretize=False, regression=False):
    """The decision map (``MAP_W`` square, levels): probabilities ``p`` on the map grid,
    then the points drawn on top (each marker clipped to the map).

    ``discretize``: each cell in its predicted class's full colour (class 1 where
    ``p > 0.5``, as :meth:`~.model.Playground.accuracy` counts) instead of the shade of
    ``2 p - 1``; ``show_test=False`` leaves the test points out. ``regression``: ``p`` is
    the output, shaded clipped to [-1, 1] (``discretize``: by its sign), and the points are
    circles shaded by their targets ``labels``."""
    p = p.reshape(MAP_CELLS, MAP_CELLS)
    if regression:
        cells = level(np.where(p > 0, 1.0, -1.0) if discretize else p)  # (level clips)
    else:
        cells = level(np.where(p > 0.5, 1.0, -1.0) if discretize else 2.0 * p - 1.0)
    padded = np.empty((MAP_W + 2 * _PAD, MAP_W + 2 * _PAD), np.uint8)
    inner = padded[_PAD:-_PAD, _PAD:-_PAD]
    inner[:] = np.repeat(np.repeat(cells, MAP_SCALE, axis=0), MAP_SCALE, axis=1)
    if len(points):
        (x0, x1), (y0, y1) = box
        px = np.round((points[:, 0] - x0) / (x1 - x0) * MAP_W).astype(np.intp)
        py = np.round((y1 - points[:, 1]) / (y1 - y0) * MAP_W).astype(np.intp)
        near = _REACH  # markers centred further out than this do not reach the map
        seen = (px >= -near) & (px < MAP_W + near) & (py >= -near) & (py < MAP_W + near)
        centre = (py + _PAD) * padded.shape[1] + px + _PAD  # flat index in ``padded``
        flat = padded.reshape(-1)
        classes = ((0, _CIRCLE), (1, _TRIANGLE)) if not regression else ((None, _CIRCLE),)
        for label, shape in classes:
            for test, rim in ((False, WHITE), (True, INK))[: 2 if show_test else 1]:
                chosen = seen & (is_test == test) & (True if label is None else labels == label)
                at = centre[chosen, None]
                if label is None:  # each point in the colour of its target
                    fill = level(labels[chosen])[:, None]
                else:
                    fill = BLUE if label == 0 else VERMILLION
                flat[at + _flat(shape[1], padded.shape[1])] = rim
                flat[at + _flat(shape[0], padded.shape[1])] = fill
    return np.ascontiguousarray(inner)


def _shape(inside, r=4):
    """(fill offsets, rim offsets) of a marker given by ``inside(dx, dy, r)``."""
    d = np.arange(-r - 1, r + 2)
    dx, dy = np.meshgrid(d, d)
    fill, outer = inside(dx, dy, r - 1), inside(dx, dy, r + 0.5)
    return np.c_[dy[fill], dx[fill]], np.c_[dy[outer], dx[outer]]


_CIRCLE = _shape(lambda dx, dy, r: dx * dx + dy * dy <= r * r)
_TRIANGLE = _shape(lambda dx, dy, r: (dy <= r * 0.6) & (2 * np.abs(dx) <= dy + r * 1.2 + 0.5))
_REACH = int(np.abs(np.r_[_CIRCLE[1], _TRIANGLE[1]]).max())  # a marker's reach, pixels
_PAD = 2 * _REACH  # the margin map_image draws the markers into before cropping it off


def _flat(offsets, width):
    """Pixel ``(dy, dx)`` offsets as offsets of flat indices in an image ``width`` wide."""
    return offsets[:, 0] * width + offsets[:, 1]


def thumbnail_position(layer, unit):
    """Top-left pixel ``(x, y)`` of the thumbnail of ``unit`` in hidden ``layer``."""
    return layer * COLUMN, unit * ROW


def thumbnail_at(x, y):
    """``(layer, unit)`` of the thumbnail under pixel ``(x, y)``, or ``None``."""
    layer, unit = int(x // COLUMN), int(y // ROW)
    inside = x % COLUMN < THUMB and y % ROW < THUMB
    ok = 0 <= layer < MAX_COLUMNS and 0 <= unit < MAX_ROWS and x >= 0 and y >= 0
    return (layer, unit) if inside and ok else None


def draw_network(img, layers, hidden_outputs):
    """The net left of the map, as TFP draws it: a thumbnail per hidden unit, its output
    over the map grid (every ``THUMB_STRIDE``-th cell) scaled by its largest |value|, one
    column per layer, and the weights as links between them (:func:`_draw_links`)."""
    img[:THUMBS_H, :MAP_X] = BACKGROUND
    _draw_links(img, layers)
    for layer, H in enumerate(hidden_outputs[:MAX_COLUMNS]):
        H = H.reshape(MAP_CELLS, MAP_CELLS, -1)[1::THUMB_STRIDE, 1::THUMB_STRIDE]
        H = H.reshape(THUMB * THUMB, -1)
        top = np.max(np.abs(H[:, :MAX_ROWS]), axis=0)
        scaled = H[:, :MAX_ROWS] / np.where(top > 0, top, 1.0)
        for unit in range(scaled.shape[1]):
            x, y = thumbnail_position(layer, unit)
            img[y : y + THUMB, x : x + THUMB] = level(scaled[:, unit].reshape(THUMB, THUMB))


LINK_TOLERANCE = 3.0  # a click this close to a link (pixels) selects its weight


def link_geometry(shapes):
    """The links :func:`_draw_links` draws for a net whose weight matrices have ``shapes``
    (hidden layers, then the output layer): ``(keys, starts, ends)``, ``keys[k] = (layer, j,
    i)`` for the weight ``W[j, i]`` of ``layers[layer]`` (from unit ``i`` of hidden layer
    ``layer - 1`` to unit ``j`` of the next, or to the output on the map's left edge), and
    the pixels ``(x, y)`` its line runs between. The first layer's weights (from the input
    features, which have no thumbnails) have no link."""
    keys, starts, ends = [], [], []
    for layer, (rows, cols) in enumerate(shapes[1 : MAX_COLUMNS + 1], start=1):
        to_map = layer == len(shapes) - 1  # the output unit: the map
        if layer == MAX_COLUMNS and not to_map:
            break  # a 7th hidden layer has no column of thumbnails
        j, i = (a.ravel() for a in np.indices((min(rows, MAX_ROWS), min(cols, MAX_ROWS))))
        x0, x1 = (layer - 1) * COLUMN + THUMB, MAP_X - 1 if to_map else layer * COLUMN - 1
        y1 = np.full(j.size, MAP_W // 2) if to_map else j * ROW + THUMB // 2
        keys.append(np.c_[np.full(j.size, layer), j, i])
        starts.append(np.c_[np.full(j.size, x0), i * ROW + THUMB // 2])
        ends.append(np.c_[np.full(j.size, x1), y1])
    if not keys:
        return np.zeros((0, 3), np.intp), np.zeros((0, 2)), np.zeros((0, 2))
    return np.concatenate(keys), np.concatenate(starts), np.concatenate(ends)


def link_at(x, y, shapes, tolerance=LINK_TOLERANCE):
    """``(layer, j, i)`` of the link (see :func:`link_geometry`) nearest pixel ``(x, y)``
    if it is at most ``tolerance`` pixels away, else ``None``."""
    keys, starts, ends = link_geometry(shapes)
    if not len(keys):
        return None
    d, q = ends - starts, np.array([x, y], float)
    t = np.clip(np.sum((q - starts) * d, axis=1) / np.sum(d * d, axis=1), 0.0, 1.0)
    dist = np.hypot(*(starts + t[:, None] * d - q).T)
    k = int(np.argmin(dist))
    return tuple(int(v) for v in keys[k]) if dist[k] <= tolerance else None


def _draw_links(img, layers):
    """A link from each shown unit to each unit of the next hidden layer, and from the last
    hidden layer to the map's left edge (the output unit). ``layers``: the net's ``(W, b)``,
    hidden then output. With ``r = w / max|w|``, the link of weight ``w`` has the colour
    level of ``sign(r) sqrt(|r|)`` (blue negative, vermillion positive, faint when small;
    the root lifts the middling weights into view), the strongest drawn last and 2 px
    thick when ``|r| > 1/2``."""
    keys, starts, ends = link_geometry([W.shape for W, _b in layers])
    shown = np.unique(keys[:, 0])  # the layers with links, in order, as keys holds them
    w = np.concatenate([layers[k][0][:MAX_ROWS, :MAX_ROWS].ravel() for k in shown] or [[]])
    if not np.any(w):
        return
    order = np.argsort(np.abs(w), kind="stable")
    order = order[w[order] != 0]  # (a zero weight: no link)
    starts, ends = starts[order], ends[order]
    w = w[order] / np.abs(w).max()
    t = np.linspace(0.0, 1.0, int(np.abs(ends - starts).max()) + 1)
    xs = np.round(starts[:, :1] + t * (ends[:, :1] - starts[:, :1])).astype(np.intp)
    ys = np.round(starts[:, 1:] + t * (ends[:, 1:] - starts[:, 1:])).astype(np.intp)
    ink = np.broadcast_to(level(np.sign(w) * np.sqrt(np.abs(w)))[:, None], xs.shape)
    img[ys, xs] = ink
    thick = np.abs(w) > 0.5
    img[ys[thick] + 1, xs[thick]] = ink[thick]


def draw_curve(img, train, test):
    """The train (grey) and test (black) loss, last points on the right, 0 at the bottom,
    in the corner under the thumbnails (a grey base line while there is no curve yet)."""
    area = img[CURVE_Y : CURVE_Y + CURVE_H, CURVE_X : CURVE_X + CURVE_W]
    area[:] = BACKGROUND
    area[-1, :] = GREY
    values = np.r_[train, test]
    values = values[np.isfinite(values)]
    if len(train) < 2 or not len(values):
        return
    top = max(float(values.max()), 1e-12)
    for series, ink in ((train, GREY), (test, INK)):
        series = np.nan_to_num(np.asarray(series, float), nan=0.0)
        cols = np.linspace(0, len(series) - 1, CURVE_W).round().astype(int)
        ys = (CURVE_H - 2) - np.round(series[cols] / top * (CURVE_H - 3)).astype(int)
        lo = np.minimum(ys, np.r_[ys[:1], ys[:-1]])
        hi = np.maximum(ys, np.r_[ys[:1], ys[:-1]])
        rows = np.arange(CURVE_H)[:, None]
        area[(rows >= lo[None, :]) & (rows <= hi[None, :])] = ink
