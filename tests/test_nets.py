import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nbs_utils.activations import get
from nbs_utils.nets import backprop, collapse, forward, random_layers


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


def test_collapse_returns_a_new_map_even_for_one_layer():
    """The collapse of one layer is that layer, as new arrays: changing it (e.g. an exercise
    editing W) must not change the caller's net (it was the caller's own arrays)."""
    W1, b1 = np.eye(2), np.zeros(2)
    W, b = collapse([(W1, b1)])
    W[0, 0], b[0] = 5.0, 5.0
    assert W1[0, 0] == 1.0 and b1[0] == 0.0


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
    with pytest.raises(TypeError, match="activation name or an Activation"):
        forward(layers, np.ones((4, 2)), activation=3)
    with pytest.raises(TypeError, match="activation name or an Activation"):
        forward(layers, np.ones((4, 2)), output_activation=get)
    with pytest.raises(ValueError):
        random_layers([2])


def _numeric_gradient(f, layers, h=1e-6):
    """Central differences of f(layers) in every weight and bias."""
    out = []
    for W, b in layers:
        grads = []
        for p in (W, b):
            g = np.zeros_like(p)
            for idx in np.ndindex(p.shape):
                old = p[idx]
                p[idx] = old + h
                up = f(layers)
                p[idx] = old - h
                down = f(layers)
                p[idx] = old
                g[idx] = (up - down) / (2 * h)
            grads.append(g)
        out.append(tuple(grads))
    return out


@pytest.mark.parametrize(
    "activation, l1, l2",
    [
        ("tanh", 0.0, 0.0),
        (["tanh", "sigmoid"], 0.0, 0.3),
        (["softplus", get("leaky_relu", alpha=0.2)], 0.1, 0.0),
        (["elu", "swish"], 0.05, 0.05),
    ],
)
def test_backprop_matches_finite_differences(activation, l1, l2):
    rng = np.random.default_rng(4)
    layers = random_layers([3, 5, 4, 1], seed=2)
    X, y = rng.normal(size=(30, 3)), rng.integers(0, 2, 30)
    loss, grads = backprop(layers, X, y, activation, l1=l1, l2=l2)
    numeric = _numeric_gradient(lambda L: backprop(L, X, y, activation, l1, l2)[0], layers)
    for (dW, db), (nW, nb) in zip(grads, numeric):
        assert np.allclose(dW, nW, atol=1e-6) and np.allclose(db, nb, atol=1e-6)


def test_backprop_loss_is_the_cross_entropy_of_forward():
    rng = np.random.default_rng(0)
    layers = random_layers([2, 4, 1], seed=1)
    X, y = rng.normal(size=(20, 2)), rng.integers(0, 2, 20)
    p = forward(layers, X, activation=get("relu"), output_activation=get("sigmoid"))[:, 0]
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert backprop(layers, X, y, "relu")[0] == pytest.approx(expected, rel=1e-12)


def test_forward_with_one_activation_per_layer():
    layers = random_layers([2, 3, 3, 1], seed=0)
    X = np.random.default_rng(1).normal(size=(10, 2))
    (W1, b1), (W2, b2), (W3, b3) = layers
    manual = np.maximum(np.tanh(X @ W1.T + b1) @ W2.T + b2, 0) @ W3.T + b3
    assert np.allclose(forward(layers, X, activation=["tanh", get("relu")]), manual)


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda L, X, y: backprop(L, X, y, ["tanh"]), ValueError),  # one name for 2 layers
        (lambda L, X, y: backprop(L, X, y, 3), TypeError),
        (lambda L, X, y: backprop(L, X, y, "nope"), ValueError),
        (lambda L, X, y: backprop(L, X, y, "tanh", l1=-1.0), ValueError),
        (lambda L, X, y: backprop(L, X, y[:-1], "tanh"), ValueError),
        (lambda L, X, y: backprop(L[:-1], X, y, "tanh"), ValueError),  # 3 outputs, not 1
        (lambda L, X, y: forward(L, X, activation=["tanh"]), ValueError),
    ],
)
def test_backprop_bad_input(call, error):
    layers = random_layers([2, 3, 3, 1], seed=0)
    X, y = np.ones((4, 2)), np.array([0, 1, 0, 1])
    with pytest.raises(error):
        call(layers, X, y)


def test_names_and_activations_give_the_same_forward_pass():
    layers = random_layers([2, 4, 1], seed=3)
    X = np.random.default_rng(3).normal(size=(9, 2))
    by_name = forward(layers, X, activation="tanh", output_activation="sigmoid")
    assert np.array_equal(by_name, forward(layers, X, get("tanh"), get("sigmoid")))


def _reference_loss(layers, X, y, acts, l1, l2):
    """The classifier loss written out directly (no engine): for the finite differences."""
    H = X
    for (W, b), act in zip(layers[:-1], acts):
        H = act(H @ W.T + b)
    s = (H @ layers[-1][0].T + layers[-1][1])[:, 0]
    penalty = sum(l1 * np.abs(W).sum() + 0.5 * l2 * (W * W).sum() for W, _ in layers)
    return np.mean(np.logaddexp(0.0, s) - y * s) + penalty


@settings(max_examples=25, deadline=None)
@given(
    widths=st.lists(st.integers(1, 4), min_size=0, max_size=3),
    names=st.sampled_from(["tanh", "sigmoid", "softplus", "identity", "swish"]),
    l1=st.sampled_from([0.0, 0.1]),
    l2=st.sampled_from([0.0, 0.2]),
    seed=st.integers(0, 1000),
)
def test_backprop_matches_a_reference_by_finite_differences(widths, names, l1, l2, seed):
    rng = np.random.default_rng(seed)
    layers = random_layers([2, *widths, 1], seed=seed)
    X, y = rng.normal(size=(6, 2)), rng.integers(0, 2, 6)
    acts = [get(names)] * len(widths)
    _, grads = backprop(layers, X, y, acts, l1=l1, l2=l2)
    numeric = _numeric_gradient(lambda L: _reference_loss(L, X, y, acts, l1, l2), layers)
    for (dW, db), (nW, nb) in zip(grads, numeric):
        assert np.allclose(dW, nW, atol=1e-6) and np.allclose(db, nb, atol=1e-6)
