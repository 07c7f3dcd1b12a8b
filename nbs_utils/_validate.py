"""Input checks shared by the math modules: clear errors instead of silent garbage."""

import numbers

import numpy as np

from .language import _

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
    (including mixtures of numbers and other things) and ragged nested lists. Long doubles
    and 64-bit integers are accepted only where float64 holds them exactly (``ValueError``
    otherwise: rounding could merge distinct points).
    """
    if isinstance(x, (str, bytes)) or x is None:
        raise TypeError(
            _("{name} must be a numeric array of real numbers, got {kind}").format(
                name=name, kind=type(x).__name__
            )
        )
    try:
        raw = np.asarray(x)
    except (TypeError, ValueError) as err:  # ragged nesting
        raise TypeError(
            _("{name} must be a numeric array of real numbers (not ragged), got {kind}").format(
                name=name, kind=type(x).__name__
            )
        ) from err
    if raw.dtype.kind not in _REAL_KINDS:
        what = _KIND_NAMES.get(raw.dtype.kind, f"dtype {raw.dtype}")
        raise TypeError(
            _(
                "{name} must be a numeric array of real numbers (bool, int or float), got {what}"
            ).format(name=name, what=what)
        )
    arr = _as_float64(raw, name)
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(
            _("{name} must be {ndim}-D, got shape {shape}").format(
                name=name, ndim=ndim, shape=arr.shape
            )
        )
    if not np.all(np.isfinite(arr)):
        raise ValueError(
            _("{name} must contain only finite numbers (no NaN or inf)").format(name=name)
        )
    if getattr(type(x), "_keep_subclass", False):  # opcount.CountingArray: keep counting
        arr = arr.view(type(x))
        arr.__array_finalize__(x)
    return arr


def _as_float64(raw, name):
    """The real array ``raw`` as float64, refused if that rounds a value (a long double, or
    an integer beyond 2^53): rounding could merge distinct points."""
    if raw.dtype.kind in "iu" and raw.dtype.itemsize == 8:
        big = raw[(raw > 2**53) | (raw < -(2**53))]
        exact = all(int(v) == int(float(v)) for v in big.tolist())
        arr = np.asarray(raw, dtype=float)
    elif raw.dtype.itemsize > 8:  # long double
        with np.errstate(over="ignore"):  # beyond float64's range: inf, refused just below
            arr = np.asarray(raw, dtype=float)
        exact = np.array_equal(arr, raw, equal_nan=True)
    else:
        return np.asarray(raw, dtype=float)
    if not exact:
        raise ValueError(
            _(
                "{name} has values that float64 cannot hold exactly (long doubles, or integers "
                "beyond 2^53); expected float64 values"
            ).format(name=name)
        )
    return arr


def finite_result(value, what, **fields):
    """``value`` (a float array, or a tuple of them) if every entry is finite; otherwise
    ``OverflowError`` saying that ``what`` (a catalogue message, formatted with ``fields``
    only then) left float64's range (about 1.8e308): a value beyond it has no float64
    answer, and an inf is not one. Compute ``value`` under ``np.errstate(over="ignore",
    invalid="ignore")``: the error replaces numpy's warning."""
    for array in value if isinstance(value, tuple) else (value,):
        if not np.isfinite(np.asarray(array)).all():  # asarray: not counted by opcount
            raise OverflowError(
                _(
                    "an entry of {what} is beyond float64's range (about 1.8e308) for this input"
                ).format(what=_(what).format(**fields))
            )
    return value


def as_points(X, name="X"):
    """``X`` as an ``(n, d)`` float array with n >= 1 and d >= 1."""
    arr = as_float_array(X, name, ndim=2)
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(
            _("{name} must have shape (n, d) with n, d >= 1, got {shape}").format(
                name=name, shape=arr.shape
            )
        )
    return arr


def as_labels(y, n, name="y"):
    """``y`` as an int array of n labels, each 0 or 1."""
    arr = as_float_array(y, name, ndim=1)
    if arr.shape[0] != n:
        raise ValueError(
            _("{name} must have {n} labels (one per row of X), got {got}").format(
                name=name, n=n, got=arr.shape[0]
            )
        )
    if not np.all((arr == 0) | (arr == 1)):
        raise ValueError(_("{name} must contain only the labels 0 and 1").format(name=name))
    return arr.astype(int)


def as_layers(layers, name="layers"):
    """``layers`` as a list of ``(W, b)`` float pairs, W of shape (n_out, n_in), chained."""
    if isinstance(layers, tuple) and len(layers) == 2 and np.ndim(layers[0]) == 2:
        raise TypeError(
            _("{name} must be a list of (W, b) pairs; wrap a single layer as [(W, b)]").format(
                name=name
            )
        )
    try:
        pairs = list(layers)
    except TypeError as err:
        raise TypeError(_("{name} must be a list of (W, b) pairs").format(name=name)) from err
    if not pairs:
        raise ValueError(_("{name} must contain at least one (W, b) pair").format(name=name))
    out = []
    for i, pair in enumerate(pairs):
        try:
            W, b = pair
        except (TypeError, ValueError) as err:
            raise TypeError(_("{name}[{i}] must be a (W, b) pair").format(name=name, i=i)) from err
        W = as_float_array(W, f"{name}[{i}] W", ndim=2)
        b = as_float_array(b, f"{name}[{i}] b", ndim=1)
        if W.shape[0] == 0 or W.shape[1] == 0:
            raise ValueError(
                _("{name}[{i}]: W must have at least one row and column, got {shape}").format(
                    name=name, i=i, shape=W.shape
                )
            )
        if b.shape[0] != W.shape[0]:
            raise ValueError(
                _("{name}[{i}]: b must have W.shape[0] = {rows} entries, got {got}").format(
                    name=name, i=i, rows=W.shape[0], got=b.shape[0]
                )
            )
        if out and W.shape[1] != out[-1][0].shape[0]:
            raise ValueError(
                _(
                    "{name}[{i}]: W must have {columns} columns (the previous layer's outputs), got shape {shape}"
                ).format(name=name, i=i, columns=out[-1][0].shape[0], shape=W.shape)
            )
        out.append((W, b))
    return out


def as_number(x, name, low=None, high=None):
    """``x`` as a finite float, optionally within ``[low, high]``."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(
            _("{name} must be a real number, got {kind}").format(name=name, kind=type(x).__name__)
        )
    x = float(x)
    if not np.isfinite(x):
        raise ValueError(_("{name} must be finite, got {x}").format(name=name, x=x))
    if (low is not None and x < low) or (high is not None and x > high):
        raise ValueError(
            _("{name} must lie in [{low}, {high}], got {x}").format(
                name=name, low=low, high=high, x=x
            )
        )
    return x


def as_count(n, name, minimum=1, maximum=None):
    """``n`` as an int >= ``minimum`` (and <= ``maximum``, if given)."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(
            _("{name} must be an integer, got {kind}").format(name=name, kind=type(n).__name__)
        )
    if n < minimum:
        raise ValueError(
            _("{name} must be >= {minimum}, got {n}").format(name=name, minimum=minimum, n=n)
        )
    if maximum is not None and n > maximum:
        raise ValueError(
            _("{name} must be <= {maximum}, got {n}").format(name=name, maximum=maximum, n=n)
        )
    return int(n)


def as_rng(seed):
    """A ``numpy.random.Generator`` from an int seed (or a Generator passed through)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            _("seed must be an int or numpy.random.Generator, got {kind}").format(
                kind=type(seed).__name__
            )
        )
    return np.random.default_rng(int(seed))


def as_box(box, dims=(1, 2)):
    """``(lo, hi, dim)`` from a 1-D ``(lo, hi)`` or 2-D ``((x0, x1), (y0, y1))`` box."""
    if isinstance(box, (str, bytes)) or box is None:
        raise TypeError(
            _("box must be (lo, hi) or ((x0, x1), (y0, y1)), got {kind}").format(
                kind=type(box).__name__
            )
        )
    arr = as_float_array(box, "box")
    shapes = {1: (2,), 2: (2, 2)}
    if arr.shape not in [shapes[d] for d in dims]:
        wanted = " or ".join(
            {1: "(lo, hi) for 1-D input", 2: "((x0, x1), (y0, y1)) for 2-D input"}[d] for d in dims
        )
        raise ValueError(
            _("box must be {wanted}, got shape {shape}").format(wanted=wanted, shape=arr.shape)
        )
    arr = arr.reshape(-1, 2)
    if np.any(arr[:, 0] >= arr[:, 1]):
        raise ValueError(
            _("box must have lo < hi on every axis (nonempty interior), got {box}").format(box=box)
        )
    return arr[:, 0], arr[:, 1], len(arr)
