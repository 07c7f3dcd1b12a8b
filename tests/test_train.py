import numpy as np
import pytest

from nbs_utils.datasets import circles, xor
from nbs_utils.nets import random_layers
from nbs_utils.train import logits, loss_and_gradients, predict_proba, train_classifier


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
def test_gradients_match_finite_differences(activation):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 2)), rng.integers(0, 2, 30)
    layers = random_layers([2, 4, 3, 1], seed=1)
    loss, grads = loss_and_gradients(layers, X, y, activation)
    eps = 1e-6
    for (W, b), (dW, db) in zip(layers, grads):
        for P, dP in [(W, dW), (b, db)]:
            for idx in np.ndindex(P.shape):
                old = P[idx]
                P[idx] = old + eps
                up = loss_and_gradients(layers, X, y, activation)[0]
                P[idx] = old - eps
                down = loss_and_gradients(layers, X, y, activation)[0]
                P[idx] = old
                assert dP[idx] == pytest.approx((up - down) / (2 * eps), abs=1e-6)
    p = predict_proba(layers, X, activation)
    expected = np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p))
    assert loss == pytest.approx(expected)


def test_training_is_deterministic_and_lowers_the_loss():
    X, y = xor(n_per_corner=10, noise=0.1, seed=0)
    a = train_classifier(X, y, [4], steps=300, seed=3)
    b = train_classifier(X, y, [4], steps=300, seed=3)
    assert all(np.array_equal(p, q) for la, lb in zip(a.layers, b.layers) for p, q in zip(la, lb))
    assert a.losses[-1] < 0.5 * a.losses[0]
    assert a.accuracy == 1.0
    assert np.array_equal(a.predict(X) > 0.5, logits(a.layers, X) > 0)


def test_width_three_separates_disk_from_ring_width_two_cannot():
    X, y = circles(n=400, seed=0)
    X_test, y_test = circles(n=4000, seed=99)
    for seed in range(2):
        wide = train_classifier(X, y, [3], steps=1500, seed=seed)
        assert wide.accuracy == 1.0
        assert np.mean((wide.predict(X_test) > 0.5) == y_test) > 0.99
        for depth in [1, 2]:
            narrow = train_classifier(X, y, [2] * depth, steps=1500, seed=seed)
            assert np.mean((narrow.predict(X_test) > 0.5) == y_test) < 0.97


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"hidden": [0]}, ValueError),
        ({"hidden": [2.5]}, TypeError),
        ({"steps": 0}, ValueError),
        ({"lr": -1.0}, ValueError),
        ({"activation": "nope"}, ValueError),
        ({"y": [0, 1, 2, 0]}, ValueError),
        ({"X": [[0.0, np.nan]] * 4}, ValueError),
    ],
)
def test_bad_input_is_rejected(kwargs, error):
    args = {"X": [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], "y": [0, 1, 1, 0], "hidden": [2]}
    args.update(kwargs)
    with pytest.raises(error):
        train_classifier(**args)


def test_logits_check_the_net_shape():
    with pytest.raises(ValueError):
        logits(random_layers([2, 3, 2]), np.zeros((1, 2)))  # two outputs, not one logit
    with pytest.raises(ValueError):
        logits(random_layers([2, 3, 1]), np.zeros((1, 3)))  # wrong input width
