"""nbs_utils.lessons.collapse: notebook 01's well-conditioned random 2 -> 2 layers."""

import numpy as np

from nbs_utils.lessons.collapse import turn_and_stretch_layers
from nbs_utils.nets import collapse


def test_turn_and_stretch_layers_are_well_conditioned_and_seeded():
    layers = turn_and_stretch_layers(8, seed=3)
    W, _ = collapse(layers)
    assert np.linalg.cond(W) < 10
    assert all(np.array_equal(a[0], b[0]) for a, b in zip(layers, turn_and_stretch_layers(8, 3)))
