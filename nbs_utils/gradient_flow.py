"""How gradients flow through activations: saturation and per-layer gradient norms (numpy only).

A stack of ``L`` layers computes ``z_l = a_{l-1} W_l^T + b_l`` and ``a_l = f(z_l)`` with
``a_0 = X``. Backpropagation runs the chain rule from the top down:

    delta_L = dLoss/da_L
    g_l     = delta_l * f'(z_l)            (elementwise; f' is where saturation bites)
    dLoss/dW_l = g_l^T a_{l-1},  dLoss/db_l = sum over rows of g_l
    delta_{l-1} = g_l W_l

so every layer multiplies the gradient by ``f'(z_l)``; sigmoid' <= 1/4 shrinks it at least
fourfold per layer unless the weights make up for it.
"""

import numpy as np

from ._validate import as_count, as_float_array, as_number, as_rng
from .nets import _chain_rule, _trace, as_activation, as_net_input, random_layers

GRADIENT_FLOOR = 1e-30
"""Norms below this are reported as this value, so a log-scale plot never sees 0."""


def saturated_fraction(activation, Z, threshold=0.01):
    """Share of the entries ``z`` of ``Z`` with ``|f'(z)| < threshold``.

    Such a unit sits on a flat stretch of ``f``: it passes (almost) no gradient back,
    so it barely learns. For sigmoid, ``sigma'(z) < 0.01`` means ``|z| > 4.6``;
    for tanh, ``1 - tanh(z)^2 < 0.01`` means ``|z| > 3.0``.
    """
    activation = as_activation(activation)
    Z = as_float_array(Z, "Z")
    if Z.size == 0:
        raise ValueError("Z must contain at least one pre-activation value")
    threshold = as_number(threshold, "threshold", low=0.0)
    return float(np.mean(np.abs(activation.derivative(Z)) < threshold))


def loss_and_gradients(layers, X, activation):
    """``(loss, [(dW_1, db_1), ...])`` for ``loss = mean over rows of sum(a_L)``.

    ``activation`` (a name or an Activation) follows every layer, the last one included.
    The gradients are :func:`nbs_utils.nets._chain_rule`'s, the recursion in the module
    docstring, started from ``dLoss/da_L = 1/n``.
    """
    activation = as_activation(activation)
    layers, X = as_net_input(layers, X)
    acts = [activation] * len(layers)
    Zs, Hs = _trace(layers, X, acts)
    n = X.shape[0]
    loss = float(Hs[-1].sum() / n)
    return loss, _chain_rule(layers, Zs, Hs, acts, np.full_like(Hs[-1], 1.0 / n))


def layer_gradient_norms(activation, depth, width=32, n=256, gain=1.0, seed=0):
    """``||dLoss/db_l|| = ||sum over rows of g_l||`` for layers ``l = 1 .. depth`` of a random stack.

    This is how fast layer ``l``'s biases learn (Nielsen's "speed of learning", ch. 5);
    for ReLU it is about the same in every layer when ``gain = sqrt(2)`` (He init).
    Weights and biases are Gaussian with standard deviation ``gain / sqrt(width)``; the
    inputs are ``n`` standard normal rows. Values below :data:`GRADIENT_FLOOR` are raised
    to it, so the result is always positive and finite (safe on a log axis).
    """
    depth = as_count(depth, "depth")
    width = as_count(width, "width")
    n = as_count(n, "n")
    gain = as_number(gain, "gain", low=0.0)
    rng = as_rng(seed)
    X = rng.standard_normal((n, width))
    layers = random_layers([width] * (depth + 1), seed=rng, scale=gain / np.sqrt(width))
    _, grads = loss_and_gradients(layers, X, activation)
    norms = np.array([np.linalg.norm(db) for _, db in grads])
    return np.maximum(norms, GRADIENT_FLOOR)
