"""Fully connected nets as lists of ``(W, b)`` layers, ``W`` of shape ``(n_out, n_in)``.

A batch ``X`` of shape ``(n, n_in)`` maps through one layer to ``X @ W.T + b``, the
row-wise form of ``W x + b`` (as in ``torch.nn.Linear``).
"""

import numpy as np

from ._validate import as_count, as_layers, as_number, as_points, as_rng
from .activations import Activation


def collapse(layers):
    """The single affine map ``x -> W x + b`` equal to the stack of linear ``layers``.

    Composing ``W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2)`` layer after layer.
    """
    layers = as_layers(layers)
    W, b = layers[0]
    for W_next, b_next in layers[1:]:
        W, b = W_next @ W, W_next @ b + b_next
    return W, b


def forward(layers, X, activation=None, output_activation=None):
    """Apply ``layers`` to the rows of ``X``.

    ``activation`` (an :class:`~nbs_utils.activations.Activation` or ``None`` for the
    identity) follows every layer but the last; ``output_activation`` follows the last.
    """
    layers = as_layers(layers)
    X = as_points(X)
    if X.shape[1] != layers[0][0].shape[1]:
        raise ValueError(f"X must have {layers[0][0].shape[1]} columns, got shape {X.shape}")
    for act in (activation, output_activation):
        if act is not None and not isinstance(act, Activation):
            raise TypeError(
                f"activations must be Activation objects or None, got {type(act).__name__}"
            )
    for i, (W, b) in enumerate(layers):
        X = X @ W.T + b
        act = activation if i < len(layers) - 1 else output_activation
        if act is not None:
            X = act(X)
    return X


def random_layers(sizes, seed=0, scale=None):
    """Random layers for widths ``sizes = [n_in, n_1, ..., n_out]``.

    Weights are Gaussian with standard deviation ``scale`` (default ``1/sqrt(n_in)`` per
    layer, which keeps activations of order one); biases Gaussian with the same scale.
    """
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__iter__"):
        raise TypeError(f"sizes must be a list of layer widths, got {type(sizes).__name__}")
    sizes = [as_count(s, "sizes entry") for s in sizes]
    if len(sizes) < 2:
        raise ValueError(f"sizes must list at least an input and an output width, got {sizes}")
    rng = as_rng(seed)
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        s = 1.0 / np.sqrt(n_in) if scale is None else as_number(scale, "scale", low=0.0)
        layers.append((s * rng.standard_normal((n_out, n_in)), s * rng.standard_normal(n_out)))
    return layers
