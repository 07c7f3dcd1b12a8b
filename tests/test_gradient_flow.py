import numpy as np
import pytest

from nbs_utils.activations import get
from nbs_utils.gradient_flow import (
    GRADIENT_FLOOR,
    layer_gradient_norms,
    loss_and_gradients,
    saturated_fraction,
)
from nbs_utils.nets import random_layers


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "softplus", "elu", "swish"])
def test_backprop_matches_central_finite_differences(name):
    act = get(name)
    layers = random_layers([3, 4, 4, 2], seed=1)
    X = np.random.default_rng(2).normal(size=(7, 3))
    _, grads = loss_and_gradients(layers, X, act)
    eps = 1e-6
    for li, (W, b) in enumerate(layers):
        for param, grad in ((W, grads[li][0]), (b, grads[li][1])):
            numeric = np.zeros_like(param)
            for idx in np.ndindex(param.shape):
                old = param[idx]
                param[idx] = old + eps
                up, _ = loss_and_gradients(layers, X, act)
                param[idx] = old - eps
                down, _ = loss_and_gradients(layers, X, act)
                param[idx] = old
                numeric[idx] = (up - down) / (2 * eps)
            assert np.allclose(grad, numeric, atol=1e-8, rtol=1e-5)


def test_saturated_fraction_by_hand():
    z = np.array([-10.0, -1.0, 0.0, 3.0, 6.0])
    # sigmoid' < 0.01 exactly when |z| > 4.6
    assert saturated_fraction(get("sigmoid"), z) == pytest.approx(2 / 5)
    # tanh' < 0.01 exactly when |z| > 2.99
    assert saturated_fraction(get("tanh"), z) == pytest.approx(3 / 5)
    assert saturated_fraction(get("relu"), z) == pytest.approx(3 / 5)  # relu' = 0 for z <= 0


def test_saturation_grows_with_input_scale():
    Z = np.random.default_rng(0).normal(size=1000)
    shares = [saturated_fraction(get("sigmoid"), s * Z) for s in (0.5, 1, 4, 16)]
    assert shares == sorted(shares) and shares[0] == 0 and shares[-1] > 0.5


def test_sigmoid_gradients_vanish_but_relu_with_he_gain_does_not():
    sig = layer_gradient_norms(get("sigmoid"), 10, gain=np.sqrt(2))
    relu = layer_gradient_norms(get("relu"), 10, gain=np.sqrt(2))
    assert sig.shape == relu.shape == (10,)
    assert sig[0] / sig[-1] < 1e-3
    assert 0.1 < relu[0] / relu[-1] < 10


def test_norms_are_floored_never_zero():
    norms = layer_gradient_norms(get("step"), 3)  # step' = 0 everywhere
    assert np.all(norms == GRADIENT_FLOOR)


def test_bad_inputs_raise():
    with pytest.raises(TypeError, match="Activation"):
        saturated_fraction(0.5, [0.0])
    with pytest.raises(ValueError, match="at least one"):
        saturated_fraction(get("tanh"), [])
    with pytest.raises(ValueError, match="columns"):
        loss_and_gradients(random_layers([2, 3], seed=0), np.ones((4, 3)), get("relu"))
    with pytest.raises(ValueError, match="depth"):
        layer_gradient_norms(get("relu"), 0)
