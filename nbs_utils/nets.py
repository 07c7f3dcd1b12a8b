"""Fully connected nets as lists of ``(W, b)`` layers, ``W`` of shape ``(n_out, n_in)``.

A batch ``X`` of shape ``(n, n_in)`` maps through one layer to ``X @ W.T + b``, the
row-wise form of ``W x + b`` (as in ``torch.nn.Linear``).
"""

import numpy as np

from ._validate import as_count, as_labels, as_layers, as_number, as_points, as_rng
from .activations import Activation, get

_SIGMOID, _SOFTPLUS = get("sigmoid"), get("softplus")


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
    ``activation`` may also be a list with one entry per hidden layer (each an
    Activation, an activation name, or ``None``).
    """
    layers = as_layers(layers)
    X = as_points(X)
    if X.shape[1] != layers[0][0].shape[1]:
        raise ValueError(f"X must have {layers[0][0].shape[1]} columns, got shape {X.shape}")
    if isinstance(activation, (list, tuple)):
        hidden = as_activations(activation, len(layers) - 1)
    else:
        hidden = [_checked_activation(activation)] * (len(layers) - 1)
    acts = [*hidden, _checked_activation(output_activation)]
    for (W, b), act in zip(layers, acts):
        X = X @ W.T + b
        if act is not None:
            X = act(X)
    return X


def _checked_activation(act):
    if act is not None and not isinstance(act, Activation):
        raise TypeError(f"activations must be Activation objects or None, got {type(act).__name__}")
    return act


def as_activations(activations, n_hidden):
    """One :class:`Activation` per hidden layer from a name, an Activation, or a list of them.

    ``None`` stands for the identity. A list must have exactly ``n_hidden`` entries.
    """
    if activations is None or isinstance(activations, (str, Activation)):
        activations = [activations] * n_hidden
    if not isinstance(activations, (list, tuple)):
        raise TypeError(
            "activation must be a name, an Activation, or a list of them (one per hidden "
            f"layer), got {type(activations).__name__}"
        )
    if len(activations) != n_hidden:
        raise ValueError(
            f"need one activation per hidden layer ({n_hidden}), got {len(activations)}"
        )
    out = []
    for act in activations:
        if act is None:
            act = get("identity")
        elif isinstance(act, str):
            act = get(act)
        elif not isinstance(act, Activation):
            raise TypeError(f"activations must be names or Activation objects, got {act!r}")
        out.append(act)
    return out


def backprop(layers, X, y, activation, l1=0.0, l2=0.0):
    """Loss and gradient of a binary classifier ``layers`` on ``(X, y)``: ``(loss, grads)``.

    The hidden layers ``h_l = f_l(W_l h_{l-1} + b_l)`` (``activation``: one name or
    Activation for all, or one per hidden layer) end in one output logit ``s = w . h + c``
    read as ``p = sigma(s)``. The loss is the mean binary cross-entropy plus weight
    penalties (biases are not penalised):

        L = mean(log(1 + e^s) - y s) + l1 * sum |W| + l2 * sum W^2 / 2.

    ``dL/ds = (sigma(s) - y) / n``; backwards ``dL/dW_l = G_l^T h_{l-1}`` (plus
    ``l1 sign(W_l) + l2 W_l``), ``dL/db_l = sum of G_l``, and
    ``G_{l-1} = (G_l W_l) * f'_{l-1}(z_{l-1})``. ``grads`` is ``[(dW, db), ...]`` like
    ``layers``.
    """
    layers = as_layers(layers)
    if layers[-1][0].shape[0] != 1:
        raise ValueError(
            f"the last layer must have 1 output (the logit), got {layers[-1][0].shape}"
        )
    X = as_points(X)
    if X.shape[1] != layers[0][0].shape[1]:
        raise ValueError(f"X must have {layers[0][0].shape[1]} columns, got shape {X.shape}")
    y = as_labels(y, len(X)).astype(float)
    acts = as_activations(activation, len(layers) - 1)
    l1, l2 = as_number(l1, "l1", low=0.0), as_number(l2, "l2", low=0.0)
    return _backprop(layers, X, y, acts, l1, l2)


def _backprop(layers, X, y, acts, l1=0.0, l2=0.0):
    """:func:`backprop` on inputs already checked (float arrays, Activation list): for loops."""
    H, Zs, Hs = X, [], [X]
    for (W, b), act in zip(layers[:-1], acts):
        Zs.append(H @ np.ascontiguousarray(W.T) + b)  # numpy's matmul is slow on W.T views
        H = act(Zs[-1])
        Hs.append(H)
    s = H @ layers[-1][0][0] + layers[-1][1][0]
    loss = float(np.mean(_SOFTPLUS(s) - y * s))
    if l1:
        loss += l1 * sum(float(np.abs(W).sum()) for W, _ in layers)
    if l2:
        loss += 0.5 * l2 * sum(float((W * W).sum()) for W, _ in layers)
    G = ((_SIGMOID(s) - y) / len(X))[:, None]
    grads = [None] * len(layers)
    for i in range(len(layers) - 1, -1, -1):
        W = layers[i][0]
        dW = np.ascontiguousarray(G.T) @ Hs[i]
        if l1:
            dW = dW + l1 * np.sign(W)
        if l2:
            dW = dW + l2 * W
        grads[i] = (dW, G.sum(axis=0))
        if i > 0:
            G = (G @ W) * acts[i - 1].derivative(Zs[i - 1])
    return loss, grads


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
