"""A small seeded full-batch trainer for binary classifiers (numpy only, Adam).

The net is ``sizes = [n_in, n_1, ..., n_L, 1]``: hidden layers with one activation,
then one output unit read as a logit ``s``; ``p = sigma(s)`` is the probability of
class 1. The loss is the mean binary cross-entropy
``mean(log(1 + e^s) - y s)``, whose gradient with respect to ``s`` is ``(p - y) / n``;
backpropagation (:mod:`nbs_utils.nets`) carries it through the layers, and Adam takes the
steps.
"""

from dataclasses import dataclass

import numpy as np

from ._validate import as_count, as_labels, as_layers, as_number, as_points, finite_result
from .activations import get
from .language import N_, _
from .nets import _loss_and_gradients, as_activations, backprop, forward, random_layers

_SIGMOID = get("sigmoid")


@dataclass(frozen=True)
class Training:
    """Result of :func:`train_classifier`: the trained ``layers``, the ``activation``
    (name or Activation, as given), the loss after every step (``losses``) and the final training ``accuracy``."""

    layers: list
    activation: object
    losses: np.ndarray
    accuracy: float

    def predict(self, X):
        """Class-1 probabilities ``sigma(s)`` for the rows of ``X``."""
        return predict_proba(self.layers, X, self.activation)


def logits(layers, X, activation="tanh"):
    """The output logit ``s`` for each row of ``X`` (activation after every hidden layer)."""
    return forward(_as_classifier(layers), X, activation)[:, 0]


def predict_proba(layers, X, activation="tanh"):
    """``sigma(logits)``, the probability of class 1."""
    return _SIGMOID(logits(layers, X, activation))


def loss_and_gradients(layers, X, y, activation="tanh"):
    """Mean cross-entropy of ``layers`` on ``(X, y)`` and its gradient ``[(dW, db), ...]``
    (:func:`nbs_utils.nets.backprop` without weight penalties)."""
    return backprop(layers, X, y, activation)


def _as_classifier(layers):
    """``layers`` checked to end in a single output unit (the logit)."""
    layers = as_layers(layers)
    if layers[-1][0].shape[0] != 1:
        raise ValueError(
            f"the last layer must have 1 output (the logit), got {layers[-1][0].shape}"
        )
    return layers


def train_classifier(X, y, hidden, activation="tanh", steps=2000, lr=0.05, seed=0):
    """Fit a net with hidden widths ``hidden`` to ``(X, y)`` by full-batch Adam.

    Initial weights come from :func:`nbs_utils.nets.random_layers` with ``seed``; the same
    arguments always give the same result. Returns a :class:`Training`.
    """
    X = as_points(X)
    y = as_labels(y, len(X)).astype(float)
    if isinstance(hidden, (str, bytes, set, frozenset, dict)) or not hasattr(hidden, "__iter__"):
        raise TypeError(
            f"hidden must be a list of hidden-layer widths, got {type(hidden).__name__}"
        )
    hidden = [as_count(h, "hidden width") for h in hidden]
    steps = as_count(steps, "steps")
    lr = as_number(lr, "lr", low=0.0)
    acts = as_activations(activation, len(hidden))
    layers = random_layers([X.shape[1], *hidden, 1], seed=seed)
    # all parameters live in one flat vector; the layers are views into it
    flat = np.concatenate([p.ravel() for W, b in layers for p in (W, b)])
    pairs, start = [], 0
    for W, b in layers:
        Wv = flat[start : start + W.size].reshape(W.shape)
        bv = flat[start + W.size : start + W.size + b.size]
        pairs.append((Wv, bv))
        start += W.size + b.size
    m, v = np.zeros_like(flat), np.zeros_like(flat)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    losses = np.empty(steps)
    for t in range(1, steps + 1):
        try:
            losses[t - 1], grads = _loss_and_gradients(pairs, X, y, acts)
            g = np.concatenate([d.ravel() for pair in grads for d in pair])
            m = beta1 * m + (1 - beta1) * g
            with np.errstate(over="ignore", invalid="ignore"):  # finite_result raises instead
                v = beta2 * v + (1 - beta2) * g * g
                flat -= lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
            finite_result((v, flat), N_("the weights"))
        except OverflowError as err:
            raise OverflowError(
                _("training diverged at step {t} (lr={lr:g}): {error}; lower lr").format(
                    t=t, lr=lr, error=err
                )
            ) from None
    layers = [(W.copy(), b.copy()) for W, b in pairs]
    accuracy = float(np.mean((logits(layers, X, activation) > 0) == (y == 1)))
    return Training(layers, activation, losses, accuracy)
