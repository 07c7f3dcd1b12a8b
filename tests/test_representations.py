"""nbs_utils.representations: layer-by-layer images of the data, the morph, the readout plane."""

import numpy as np
import pytest

from nbs_utils.nets import random_layers
from nbs_utils.representations import layer_stages, morph, plane_in_box, principal_axes
from nbs_utils.train import logits


def test_layer_stages_chain_the_hidden_layers_and_stop_before_the_output():
    layers = random_layers([2, 3, 4, 1], seed=0)
    X = np.random.default_rng(0).normal(size=(20, 2))
    stages = layer_stages(layers, X, "tanh")
    assert [Z.shape for Z, _ in stages] == [(20, 3), (20, 4)]
    (Z1, H1), (Z2, H2) = stages
    W1, b1 = layers[0]
    assert np.allclose(Z1, X @ W1.T + b1) and np.allclose(H1, np.tanh(Z1))
    assert np.allclose(Z2, H1 @ layers[1][0].T + layers[1][1])
    W, b = layers[-1]
    assert np.allclose((H2 @ W.T + b)[:, 0], logits(layers, X, "tanh"))


def test_morph_goes_from_linear_to_the_activation():
    Z = np.linspace(-3, 3, 13)[:, None]
    assert np.allclose(morph(Z, 0.0), Z)
    assert np.allclose(morph(Z, 1.0), np.tanh(Z))
    assert np.allclose(morph(Z, 0.25), 0.75 * Z + 0.25 * np.tanh(Z))


def test_principal_axes_are_orthonormal_and_ordered():
    rng = np.random.default_rng(1)
    H = rng.normal(size=(200, 5)) * [5.0, 3.0, 1.0, 0.1, 0.01]
    axes, mean = principal_axes(H)
    assert axes.shape == (3, 5) and np.allclose(axes @ axes.T, np.eye(3))
    variances = np.var((H - mean) @ axes.T, axis=0)
    assert np.all(np.diff(variances) < 0)
    assert np.allclose(np.abs(axes), np.eye(5)[:3], atol=0.1)


@pytest.mark.parametrize(
    "w, c, n_corners",
    [
        ((0.0, 0.0, 1.0), 0.0, 4),  # h3 = 0: a square
        ((1.0, 1.0, 1.0), 0.0, 6),  # through the centre, normal along the diagonal: a hexagon
        ((1.0, 1.0, 1.0), -2.5, 3),  # near a corner: a triangle
        ((1.0, 0.0, 0.0), -5.0, 0),  # misses the box
    ],
)
def test_plane_in_box(w, c, n_corners):
    lo, hi = np.full(3, -1.0), np.full(3, 1.0)
    polygon = plane_in_box(w, c, lo, hi)
    assert polygon.shape == (n_corners, 3)
    if n_corners:
        assert np.allclose(polygon @ np.array(w) + c, 0.0)
        assert np.all(polygon >= lo - 1e-12) and np.all(polygon <= hi + 1e-12)
        # in order around the polygon: consecutive edges turn the same way (convex)
        edges = np.roll(polygon, -1, axis=0) - polygon
        turns = np.cross(edges, np.roll(edges, -1, axis=0)) @ np.array(w)
        assert np.all(turns > 0) or np.all(turns < 0)


def test_plane_in_box_with_huge_coefficients_does_not_overflow():
    box = (np.zeros(3), np.ones(3))
    assert plane_in_box([1.0, 1.0, 1.0], 1e308, *box).shape == (0, 3)  # misses the box
    huge = plane_in_box([1e200, 1e200, 1e200], -1.5e200, *box)  # x + y + z = 1.5: a hexagon
    assert huge.shape == (6, 3) and np.allclose(huge.sum(axis=1), 1.5)


@pytest.mark.parametrize("scale", [1e-15, 1e-9, 1.0, 1e9, 1e15])
def test_plane_in_box_is_the_same_polygon_at_every_scale(scale):
    lo, hi = np.array([-1.0, 0.0, 2.0]), np.array([1.0, 3.0, 2.5])
    for w, c in (([1.0, 1.0, 1.0], -2.5), ([1.0, 2.0, 3.0], -10.0), ([1.0, 0.0, 0.0], -1.0)):
        unit = plane_in_box(w, c, lo, hi)
        P = plane_in_box(w, c * scale, lo * scale, hi * scale)  # rounding to 1e-12 merged all
        assert len(unit) >= 3 and np.allclose(unit @ w + c, 0.0) and P.shape == unit.shape
        assert np.allclose(P / scale, unit, rtol=1e-9, atol=1e-9)
