"""Count the elementwise numpy operations a function performs: cost without timing.

``count_operations(f, x)`` runs ``f`` on ``x`` wrapped in a :class:`CountingArray` and
returns a ``collections.Counter`` of the numpy functions it called, by name: every ufunc
(``maximum``, ``exp``, ``add``, ``greater``, ...; also the ones behind ``+``, ``*``, ``>``)
and every numpy function that dispatches on arrays (``where``, ``ones_like``, ...). The
count is a property of the code, not of the machine, so it never flakes. Input checks
inside ``nbs_utils`` run on the plain array and are not counted.
"""

from collections import Counter

import numpy as np

from ._validate import as_float_array


class CountingArray(np.ndarray):
    """An ndarray that records each numpy operation on it in its ``counter``."""

    _keep_subclass = True  # nbs_utils' input checks keep this subclass (and its counter)

    def __array_finalize__(self, obj):
        self.counter = getattr(obj, "counter", None)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        counter = _counter_of(inputs)
        counter[ufunc.__name__ if method == "__call__" else f"{ufunc.__name__}.{method}"] += 1
        if "out" in kwargs:
            kwargs["out"] = tuple(_plain(o) for o in kwargs["out"])
        result = getattr(ufunc, method)(*map(_plain, inputs), **kwargs)
        return _wrap(result, counter)

    def __array_function__(self, func, types, args, kwargs):
        counter = _counter_of(args)
        counter[func.__name__] += 1
        return _wrap(func(*map(_plain, args), **{k: _plain(v) for k, v in kwargs.items()}), counter)


def _counter_of(values):
    for v in values:
        if isinstance(v, CountingArray) and v.counter is not None:
            return v.counter
        if isinstance(v, (list, tuple)):
            found = _counter_of(v)
            if found is not None:
                return found
    return Counter()


def _plain(v):
    if isinstance(v, CountingArray):
        return v.view(np.ndarray)
    if isinstance(v, (list, tuple)):
        return type(v)(_plain(x) for x in v)
    return v


def _wrap(result, counter):
    if isinstance(result, tuple):
        return tuple(_wrap(r, counter) for r in result)
    if isinstance(result, np.ndarray) and not isinstance(result, CountingArray):
        result = result.view(CountingArray)
        result.counter = counter
    return result


def count_operations(f, x):
    """The numpy operations ``f(x)`` performs, as a ``Counter`` of names.

    ``f``: a callable taking an array (an activation, its ``.derivative``, a formula);
    ``x``: a finite real array-like. ``f``'s result must equal ``f`` on the plain array.
    """
    if not callable(f):
        raise TypeError(f"f must be callable (e.g. an Activation), got {type(f).__name__}")
    plain = as_float_array(x, "x")
    counted = plain.copy().view(CountingArray)
    counted.counter = Counter()
    f(counted)
    return counted.counter
