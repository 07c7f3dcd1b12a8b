"""The playground's settings: its data sets, its limits, and a check for every setting
(each returns the value, normalised, or raises a ValueError/TypeError saying what it expects).
"""

import numpy as np

from .. import datasets
from .._validate import as_count, as_number
from ..activations import NAMES as ACTIVATION_NAMES
from ..activations import get
from ..language import _
from ..nets import as_activations

_HALF = datasets.PLAYGROUND_HALF_WIDTH
BOX = ((-_HALF, _HALF), (-_HALF, _HALF))

DATASETS = {
    "circle": datasets.circle,
    "xor": datasets.xor_quadrants,
    "gauss": datasets.gauss,
    "spiral": datasets.spiral,
    # the course's own data, scaled to the playground's square
    "bands": lambda n, noise, seed: _jittered(
        datasets.bands(n, seed, inner=1.6, outer=2.4, box=_HALF), noise, seed
    ),
    "disk_and_ring": lambda n, noise, seed: _jittered(
        datasets.circles(n, seed, r_disk=2.0, r_ring=(3.0, 4.0)), noise, seed
    ),
    # regression (TFP's): a target in [-1, 1] per point
    "plane": datasets.plane,
    "multi_gaussian": datasets.multi_gaussian,
}
"""Data set name -> ``make(n, noise, seed) -> (X, y)`` on the square ``[-6, 6]^2``."""

PROBLEMS = ("classification", "regression")
REGRESSION_DATASETS = ("plane", "multi_gaussian")
FIRST_DATASET = {"classification": "circle", "regression": "plane"}  # on a switch of problem


def problem_of(dataset):
    """``"regression"`` for :data:`REGRESSION_DATASETS`, else ``"classification"``."""
    return PROBLEMS[dataset in REGRESSION_DATASETS]  # (names the code uses)


MAX_LAYERS, MAX_WIDTH = 6, 64  # the widget offers 1-8 units per layer, as TFP
REGULARIZATIONS = (None, "l1", "l2")


def _jittered(data, noise, seed):
    X, y = data
    noise = as_number(noise, "noise", low=0.0, high=_HALF)
    rng = np.random.default_rng([seed, 1])
    return (X + noise * rng.standard_normal(X.shape) if noise else X), y


def activation_names(activation, n_hidden):
    """One activation name per hidden layer, as a tuple. An :class:`Activation` is taken by
    its name, so it must have its default parameters (the playground keeps names only)."""
    acts = as_activations(
        activation if not isinstance(activation, tuple) else list(activation), n_hidden
    )
    for act in acts:
        if act != get(act.name):
            raise ValueError(
                _(
                    "the playground takes activation names (default parameters), got {act!r}; "
                    "pass {name!r}"
                ).format(act=act, name=act.name)
            )
    return tuple(a.name for a in acts)


def _check_hidden(hidden):
    if isinstance(hidden, (str, bytes, set, frozenset, dict)) or not hasattr(hidden, "__iter__"):
        raise TypeError(
            _("hidden must be a list of widths, got {kind}").format(kind=type(hidden).__name__)
        )
    hidden = tuple(as_count(h, "hidden width") for h in hidden)
    if len(hidden) > MAX_LAYERS or any(h > MAX_WIDTH for h in hidden):
        raise ValueError(
            _("hidden must be 0-{layers} layers of 1-{width} units, got {hidden}").format(
                layers=MAX_LAYERS, width=MAX_WIDTH, hidden=hidden
            )
        )
    return hidden


def _check_choice(options, name):
    def check(value):
        try:
            known = value in options
        except TypeError:  # unhashable (a list, an array): not one of the names
            known = False
        if not known:
            raise ValueError(
                _("{name} must be one of {known}, got {value!r}").format(
                    name=name, known=list(options), value=value
                )
            )
        return value

    return check


def _check_batch(value):
    return None if value is None else as_count(value, "batch_size")


def _check_activation(value):
    if isinstance(value, str) and value not in ACTIVATION_NAMES:
        get(value)  # raises the ValueError naming the known activations
    return value


CHECKS = {
    "problem": _check_choice(PROBLEMS, "problem"),
    "dataset": _check_choice(DATASETS, "dataset"),
    "hidden": _check_hidden,
    "activation": _check_activation,
    "seed": lambda v: as_count(v, "seed", minimum=0),
    "features": datasets.as_feature_names,
    "n_points": lambda v: as_count(v, "n_points", minimum=4),
    "test_fraction": lambda v: as_number(v, "test_fraction", low=0.1, high=0.9),
    "noise": lambda v: as_number(v, "noise", low=0.0, high=_HALF),
    "learning_rate": lambda v: as_number(v, "learning_rate", low=0.0, high=100.0),
    "batch_size": _check_batch,
    "regularization": _check_choice(REGULARIZATIONS, "regularization"),
    "reg_rate": lambda v: as_number(v, "reg_rate", low=0.0, high=10.0),
}
