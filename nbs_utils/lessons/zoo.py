"""Notebook 05's activations with a parameter, and its raw (unnormalised) measurements."""

import numpy as np

from .._validate import as_count, as_number, as_points, as_rng
from ..activations import get
from ..language import _

PARAMETERS = {"leaky_relu": "alpha", "elu": "alpha", "sigmoid": "k"}
"""Which parameter each parametrised activation takes (the explorer's sliders)."""


def activation_for(name, alpha, k):
    """``get(name)`` with the parameter that applies to it (``alpha`` or ``k``), if any."""
    values = {"alpha": as_number(alpha, "alpha"), "k": as_number(k, "k")}
    param = PARAMETERS.get(name)
    return get(name, **({param: values[param]} if param else {}))


RAW_MEANS = (50.0, -20.0, 80.0, 10.0)
RAW_STDS = (15.0, 5.0, 25.0, 3.0)


def raw_measurements(n=300, seed=0):
    """Seeded unnormalised data: ``n`` rows of 4 Gaussian columns, far from 0 and unequally spread.

    Column ``j`` has mean ``RAW_MEANS[j]`` and standard deviation ``RAW_STDS[j]``, like raw
    measurements in different units (centimetres, kilograms, ...).
    """
    n = as_count(n, "n", minimum=2)
    return as_rng(seed).normal(RAW_MEANS, RAW_STDS, size=(n, len(RAW_MEANS)))


def normalise(X):
    """The columns of ``X`` shifted and scaled to mean 0 and standard deviation 1:
    ``(X - mean) / std``, column by column."""
    X = as_points(X, "X")
    std = X.std(axis=0)
    if np.any(std == 0):
        raise ValueError(_("X must not have a constant column (it cannot be normalised)"))
    return (X - X.mean(axis=0)) / std
