import numpy as np
import pytest

from nbs_utils.activations import get
from nbs_utils.nets import collapse, forward, random_layers


@pytest.mark.parametrize("seed", range(5))
def test_collapse_equals_sequential_application(seed):
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 6, size=rng.integers(2, 7))
    layers = random_layers(sizes, seed=seed)
    X = rng.normal(size=(50, sizes[0]))
    W, b = collapse(layers)
    assert W.shape == (sizes[-1], sizes[0]) and b.shape == (sizes[-1],)
    assert np.allclose(X @ W.T + b, forward(layers, X), atol=1e-12)


def test_collapse_of_two_layers_by_formula():
    W1, b1 = np.array([[1.0, 2.0], [0.0, 1.0], [1.0, 0.0]]), np.array([1.0, 0.0, -1.0])
    W2, b2 = np.array([[1.0, -1.0, 2.0]]), np.array([0.5])
    W, b = collapse([(W1, b1), (W2, b2)])
    assert np.allclose(W, W2 @ W1) and np.allclose(b, W2 @ b1 + b2)


def test_a_relu_between_layers_breaks_the_collapse():
    layers = random_layers([2, 8, 1], seed=0)
    X = np.random.default_rng(0).normal(size=(200, 2))
    W, b = collapse(layers)
    assert not np.allclose(X @ W.T + b, forward(layers, X, activation=get("relu")))


def test_output_activation_applies_only_at_the_end():
    layers = random_layers([2, 3, 1], seed=1)
    X = np.ones((4, 2))
    W, b = collapse(layers)
    out = forward(layers, X, output_activation=get("sigmoid"))
    assert np.allclose(out, get("sigmoid")(X @ W.T + b))


def test_random_layers_are_seeded():
    a, b = random_layers([2, 4, 1], seed=7), random_layers([2, 4, 1], seed=7)
    assert all(np.array_equal(x[0], y[0]) and np.array_equal(x[1], y[1]) for x, y in zip(a, b))


@pytest.mark.parametrize(
    "layers, error",
    [
        ([], ValueError),
        (None, TypeError),
        ((np.eye(2), np.zeros(2)), TypeError),  # a bare pair, not a list
        ([(np.eye(2), np.zeros(3))], ValueError),
        ([(np.eye(2), np.zeros(2)), (np.eye(3), np.zeros(3))], ValueError),
        ([(np.ones(2), np.zeros(2))], ValueError),
        ([(np.full((2, 2), np.nan), np.zeros(2))], ValueError),
        ([(np.eye(2),)], TypeError),
    ],
)
def test_collapse_rejects_bad_layers(layers, error):
    with pytest.raises(error):
        collapse(layers)


def test_forward_rejects_bad_input():
    layers = random_layers([2, 3, 1])
    with pytest.raises(ValueError, match="columns"):
        forward(layers, np.ones((4, 3)))
    with pytest.raises(TypeError, match="Activation"):
        forward(layers, np.ones((4, 2)), activation="relu")
    with pytest.raises(ValueError):
        random_layers([2])
