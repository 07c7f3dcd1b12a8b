"""Input checks shared by the math modules: clear errors instead of silent garbage."""

import numbers

import numpy as np

_REAL_KINDS = "biuf"  # numpy dtype kinds of real numbers: bool, int, unsigned, float
_KIND_NAMES = {
    "U": "strings",
    "S": "bytes",
    "M": "datetime64 values",
    "m": "timedelta64 values",
    "c": "complex numbers",
    "O": "Python objects",
    "V": "raw (void) records",
}


def as_float_array(x, name, ndim=None):
    """``x`` as a float array of finite real numbers, optionally of a given ``ndim``.

    Accepted: anything numpy turns into an array of bool, int or float dtype (nested
    lists, tuples, scalars, arrays). Booleans count as 0 and 1, numpy's own convention,
    so a mask such as ``x > 0`` is a valid label or input array. Everything else raises
    ``TypeError`` naming what was expected: strings and bytes (even ``"1.5"``), dates and
    time spans, complex numbers (no silent loss of the imaginary part), object arrays
    (including mixtures of numbers and other things) and ragged nested lists.
    """
    if isinstance(x, (str, bytes)) or x is None:
        raise TypeError(f"{name} must be a numeric array of real numbers, got {type(x).__name__}")
    try:
        raw = np.asarray(x)
    except (TypeError, ValueError) as err:  # ragged nesting
        raise TypeError(
            f"{name} must be a numeric array of real numbers (not ragged), got {type(x).__name__}"
        ) from err
    if raw.dtype.kind not in _REAL_KINDS:
        what = _KIND_NAMES.get(raw.dtype.kind, f"dtype {raw.dtype}")
        raise TypeError(
            f"{name} must be a numeric array of real numbers (bool, int or float), got {what}"
        )
    arr = np.asarray(raw, dtype=float)
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    if getattr(type(x), "_keep_subclass", False):  # opcount.CountingArray: keep counting
        arr = arr.view(type(x))
        arr.__array_finalize__(x)
    return arr


def as_points(X, name="X"):
    """``X`` as an ``(n, d)`` float array with n >= 1 and d >= 1."""
    arr = as_float_array(X, name, ndim=2)
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} must have shape (n, d) with n, d >= 1, got {arr.shape}")
    return arr


def as_labels(y, n, name="y"):
    """``y`` as an int array of n labels, each 0 or 1."""
    arr = as_float_array(y, name, ndim=1)
    if arr.shape[0] != n:
        raise ValueError(f"{name} must have {n} labels (one per row of X), got {arr.shape[0]}")
    if not np.all((arr == 0) | (arr == 1)):
        raise ValueError(f"{name} must contain only the labels 0 and 1")
    return arr.astype(int)


def as_layers(layers, name="layers"):
    """``layers`` as a list of ``(W, b)`` float pairs, W of shape (n_out, n_in), chained."""
    if isinstance(layers, tuple) and len(layers) == 2 and np.ndim(layers[0]) == 2:
        raise TypeError(f"{name} must be a list of (W, b) pairs; wrap a single layer as [(W, b)]")
    try:
        pairs = list(layers)
    except TypeError as err:
        raise TypeError(f"{name} must be a list of (W, b) pairs") from err
    if not pairs:
        raise ValueError(f"{name} must contain at least one (W, b) pair")
    out = []
    for i, pair in enumerate(pairs):
        try:
            W, b = pair
        except (TypeError, ValueError) as err:
            raise TypeError(f"{name}[{i}] must be a (W, b) pair") from err
        W = as_float_array(W, f"{name}[{i}] W", ndim=2)
        b = as_float_array(b, f"{name}[{i}] b", ndim=1)
        if W.shape[0] == 0 or W.shape[1] == 0:
            raise ValueError(f"{name}[{i}]: W must have at least one row and column, got {W.shape}")
        if b.shape[0] != W.shape[0]:
            raise ValueError(
                f"{name}[{i}]: b must have W.shape[0] = {W.shape[0]} entries, got {b.shape[0]}"
            )
        if out and W.shape[1] != out[-1][0].shape[0]:
            raise ValueError(
                f"{name}[{i}]: W must have {out[-1][0].shape[0]} columns "
                f"(the previous layer's outputs), got shape {W.shape}"
            )
        out.append((W, b))
    return out


def as_number(x, name, low=None, high=None):
    """``x`` as a finite float, optionally within ``[low, high]``."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(x).__name__}")
    x = float(x)
    if not np.isfinite(x):
        raise ValueError(f"{name} must be finite, got {x}")
    if (low is not None and x < low) or (high is not None and x > high):
        raise ValueError(f"{name} must lie in [{low}, {high}], got {x}")
    return x


def as_count(n, name, minimum=1):
    """``n`` as an int >= ``minimum``."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(n).__name__}")
    if n < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {n}")
    return int(n)


def as_rng(seed):
    """A ``numpy.random.Generator`` from an int seed (or a Generator passed through)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an int or numpy.random.Generator, got {type(seed).__name__}")
    return np.random.default_rng(int(seed))


def as_box(box, dims=(1, 2)):
    """``(lo, hi, dim)`` from a 1-D ``(lo, hi)`` or 2-D ``((x0, x1), (y0, y1))`` box."""
    if isinstance(box, (str, bytes)) or box is None:
        raise TypeError(f"box must be (lo, hi) or ((x0, x1), (y0, y1)), got {type(box).__name__}")
    arr = as_float_array(box, "box")
    shapes = {1: (2,), 2: (2, 2)}
    if arr.shape not in [shapes[d] for d in dims]:
        wanted = " or ".join(
            {1: "(lo, hi) for 1-D input", 2: "((x0, x1), (y0, y1)) for 2-D input"}[d] for d in dims
        )
        raise ValueError(f"box must be {wanted}, got shape {arr.shape}")
    arr = arr.reshape(-1, 2)
    if np.any(arr[:, 0] >= arr[:, 1]):
        raise ValueError(f"box must have lo < hi on every axis (nonempty interior), got {box}")
    return arr[:, 0], arr[:, 1], len(arr)
