"""Fully connected nets as lists of ``(W, b)`` layers, ``W`` of shape ``(n_out, n_in)``.

A batch ``X`` of shape ``(n, n_in)`` maps through one layer to ``X @ W.T + b``, the
row-wise form of ``W x + b`` (as in ``torch.nn.Linear``).

The one engine of the package, micrograd-style: :func:`_trace` is THE forward pass and
:func:`_chain_rule` THE backprop; a loss enters only through its gradient with respect to the
net's outputs (:func:`_cross_entropy` for classifiers, plus :func:`_penalties`). ``train``,
``gradient_flow``, ``representations`` and the playground all run on these two.
"""

import numpy as np

from ._validate import as_count, as_labels, as_layers, as_number, as_points, as_rng, finite_result
from .activations import Activation, get
from .language import N_

_SIGMOID, _SOFTPLUS = get("sigmoid"), get("softplus")


def collapse(layers):
    """The single affine map ``x -> W x + b`` equal to the stack of linear ``layers``.

    Composing ``W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2)`` layer after layer.
    Raises ``OverflowError`` if an entry of the product is beyond float64's range.
    """
    layers = as_layers(layers)

    W, b = layers[0][0].copy(), layers[0][1].copy()  # a new map, never the caller's arrays
    with np.errstate(over="ignore", invalid="ignore"):  # finite_result raises instead
        for W_next, b_next in layers[1:]:
            W, b = W_next @ W, W_next @ b + b_next
    return finite_result((W, b), N_("the collapsed map W x + b"))


def forward(layers, X, activation=None, output_activation=None):
    """The outputs ``H_L`` of ``layers`` on the rows of ``X`` (checked; see :func:`_trace`).

    ``activation`` follows every layer but the last, ``output_activation`` the last; each is
    an activation name, an :class:`~nbs_utils.activations.Activation`, or ``None`` (no
    activation). ``activation`` may also be a list with one entry per hidden layer.
    """
    layers, X = as_net_input(layers, X)
    if isinstance(activation, (list, tuple)):
        hidden = as_activations(activation, len(layers) - 1)
    else:
        hidden = [_optional_activation(activation)] * (len(layers) - 1)
    return _trace(layers, X, [*hidden, _optional_activation(output_activation)])[1][-1]


def as_activation(activation):
    """An :class:`Activation` from an Activation or an activation name (``get(name)``)."""
    if isinstance(activation, Activation):
        return activation
    if isinstance(activation, str):
        return get(activation)
    raise TypeError(
        f"activation must be an activation name or an Activation, got {type(activation).__name__}"
    )


def _optional_activation(activation):
    return None if activation is None else as_activation(activation)


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
    return [get("identity") if act is None else as_activation(act) for act in activations]


def backprop(layers, X, y, activation, l1=0.0, l2=0.0):
    """Loss and gradient of a binary classifier ``layers`` on ``(X, y)``: ``(loss, grads)``.

    The hidden layers ``h_l = f_l(W_l h_{l-1} + b_l)`` (``activation``: one name or
    Activation for all, or one per hidden layer) end in one output logit ``s = w . h + c``
    read as ``p = sigma(s)``; the loss is :func:`_cross_entropy` plus :func:`_penalties`.
    ``grads`` is ``[(dW, db), ...]`` like ``layers``.
    """
    layers, X = as_net_input(layers, X)
    if layers[-1][0].shape[0] != 1:
        raise ValueError(
            f"the last layer must have 1 output (the logit), got {layers[-1][0].shape}"
        )
    y = as_labels(y, len(X)).astype(float)
    acts = as_activations(activation, len(layers) - 1)
    l1, l2 = as_number(l1, "l1", low=0.0), as_number(l2, "l2", low=0.0)
    return _loss_and_gradients(layers, X, y, acts, l1, l2)


def as_net_input(layers, X):
    """``(layers, X)`` checked: a chain of ``(W, b)`` pairs and finite rows of the input width."""
    layers, X = as_layers(layers), as_points(X)
    if X.shape[1] != layers[0][0].shape[1]:
        raise ValueError(f"X must have {layers[0][0].shape[1]} columns, got shape {X.shape}")
    return layers, X


# ---- the engine, on checked inputs (float arrays, one Activation or None per layer) ----
def _trace(layers, X, acts):
    """THE forward pass: ``(Zs, Hs)`` with ``Z_l = H_{l-1} W_l^T + b_l``, ``H_l = f_l(Z_l)``.

    ``Hs[0] = X``; ``acts[l]`` is layer ``l``'s activation, ``None`` for none (``H_l = Z_l``).
    """
    Zs, Hs = [], [X]
    with np.errstate(over="ignore", invalid="ignore"):  # finite_result raises instead
        for i, ((W, b), act) in enumerate(zip(layers, acts), 1):
            Z = Hs[-1] @ np.ascontiguousarray(W.T) + b  # numpy's matmul is slow on W.T views
            Zs.append(finite_result(Z, N_("the pre-activations W h + b of layer {layer}"), layer=i))
            Hs.append(Z if act is None else act._values(Z))
    return Zs, Hs


def _chain_rule(layers, Zs, Hs, acts, G):
    """THE backprop: ``[(dL/dW_l, dL/db_l), ...]`` from ``G = dL/dH_L``, the loss's gradient
    with respect to the outputs of the :func:`_trace` ``(Zs, Hs)``.

    From the top layer down, ``G`` is first carried through the activation,
    ``dL/dZ_l = G * f_l'(Z_l)``; then ``dL/dW_l = (dL/dZ_l)^T H_{l-1}``,
    ``dL/db_l = sum over rows of dL/dZ_l`` and, for the layer below, ``G = (dL/dZ_l) W_l``.
    """
    grads = [None] * len(layers)
    with np.errstate(over="ignore", invalid="ignore"):  # finite_result raises instead
        for i in range(len(layers) - 1, -1, -1):
            if acts[i] is not None:
                G = G * acts[i]._slopes(Zs[i])
            # an inf or NaN in G reaches db = sum of G's rows, so checking the grads suffices
            grads[i] = finite_result(
                (np.ascontiguousarray(G.T) @ Hs[i], G.sum(axis=0)), N_("the gradient")
            )
            if i > 0:
                G = G @ layers[i][0]
    return grads


def _cross_entropy(s, y):
    """Mean binary cross-entropy of logits ``s`` (shape ``(n, 1)``) for labels ``y`` in {0, 1}:
    ``(L, dL/ds)`` with ``L = mean(log(1 + e^s) - y s)`` and ``dL/ds = (sigma(s) - y) / n``."""
    s = s[:, 0]
    return float(np.mean(_SOFTPLUS(s) - y * s)), ((_SIGMOID(s) - y) / len(s))[:, None]


def _squared_error(s, y):
    """Half the mean squared error of outputs ``s`` (shape ``(n, 1)``) for targets ``y``:
    ``(L, dL/ds)`` with ``L = mean((s - y)^2) / 2`` and ``dL/ds = (s - y) / n``."""
    r = s[:, 0] - y
    return float(0.5 * np.mean(r * r)), (r / len(r))[:, None]


def _penalties(layers, l1=0.0, l2=0.0):
    """The weight penalties in use as ``(value, [dP/dW_l, ...])`` pairs (biases are free):
    ``l1 sum |W|`` with gradient ``l1 sign(W)``, and ``l2 sum W^2 / 2`` with ``l2 W``."""
    terms = []
    if l1:
        value = l1 * sum(float(np.abs(W).sum()) for W, _ in layers)
        terms.append((value, [l1 * np.sign(W) for W, _ in layers]))
    if l2:
        value = 0.5 * l2 * sum(float((W * W).sum()) for W, _ in layers)
        terms.append((value, [l2 * W for W, _ in layers]))
    return terms


def _loss_and_gradients(layers, X, y, acts, l1=0.0, l2=0.0, loss_of=_cross_entropy):
    """:func:`backprop` on checked inputs (``acts``: one Activation per hidden layer):
    :func:`_trace`, ``loss_of`` the linear output (:func:`_cross_entropy` of the logit, or
    :func:`_squared_error` for regression), :func:`_chain_rule`, :func:`_penalties`."""
    acts = [*acts, None]
    Zs, Hs = _trace(layers, X, acts)
    loss, G = loss_of(Zs[-1], y)
    grads = _chain_rule(layers, Zs, Hs, acts, G)
    for value, dWs in _penalties(layers, l1, l2):
        loss += value
        grads = [(dW + dP, db) for (dW, db), dP in zip(grads, dWs)]
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
