"""Checkers for notebook 01: the collapse of a linear stack, a two-layer forward pass."""

import numpy as np

from ..activations import get
from ..language import N_, _
from ..nets import collapse, random_layers
from .answers import (
    CORRECT,
    UNANSWERED,
    WRONG,
    call_answer,
    compare,
    is_unanswered,
    real_array,
    try_answer,
)
from .checker import exercise


def _epsilon(arrays):
    """The machine epsilon of the least precise float dtype among ``arrays`` (float64's if
    none is a float): float32 layers give a float32 product, right to about 1e-7 only."""
    kinds = [np.asarray(a).dtype for a in arrays if isinstance(a, (np.ndarray, np.generic))]
    return max([np.finfo(k).eps for k in kinds if k.kind == "f"], default=np.finfo(float).eps)


@exercise(
    nudge=N_(
        "feed x through layer 1, then layer 2, and write the result as (something) x + (something)."
    ),
    hint=N_("expand W2 (W1 x + b1) + b2: the matrix in front of x is W, the rest is b."),
    answer=N_("W = W2 @ W1 (later layer on the left), b = W2 @ b1 + b2."),
)
def check_collapse(W, b, layers):
    if is_unanswered(W) or is_unanswered(b):
        return UNANSWERED, N_("fill in W and b")
    W_true, b_true = collapse(layers)
    eps = 32 * _epsilon([W, b, *(p for pair in layers for p in pair)])
    for name, answer, want in (("W", W, W_true), ("b", b, b_true)):
        got, problem = real_array(answer, name)
        problem = problem or compare(got, want, name, max(1e-8, eps), max(1e-9, eps))
        if problem:
            return WRONG, problem
    return CORRECT, N_("W and b give the same map as the stack.")


def _test_stacks():
    """Stacks the collapse exercise is tried on: one layer, two, then deeper ones."""
    return [random_layers(widths, seed=i) for i, widths in enumerate([[3, 2], [3, 4, 2], [2, 5, 3, 4, 1], [4, 3, 3, 3, 3, 2]])]  # fmt: skip


@exercise(
    nudge=N_("start from the first layer's (W, b) and fold the next layers in one at a time."),
    hint=N_(
        "after each layer (W_next, b_next): W becomes W_next @ W and b becomes W_next @ b + b_next."
    ),
    answer=(
        "W, b = layers[0]\n"
        "for W_next, b_next in layers[1:]:\n"
        "    W, b = W_next @ W, W_next @ b + b_next\n"
        "return W, b"
    ),
)
def check_collapse_function(my_collapse):
    for layers in _test_stacks():
        depth = (
            _("a stack of {n} layers").format(n=len(layers))
            if len(layers) > 1
            else _("a stack of 1 layer")
        )
        pair, problem = call_answer(my_collapse, "my_collapse", [(W.copy(), b.copy()) for W, b in layers])  # fmt: skip
        if problem:
            return problem
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            return WRONG, _("my_collapse should return a pair (W, b), got {kind}").format(
                kind=type(pair).__name__
            )
        status, message = check_collapse.verdict(*pair, layers)
        if status != CORRECT:
            return WRONG, _("on {depth}: {message}").format(depth=depth, message=_(message))
    return CORRECT, N_("my_collapse matches the stack for 1, 2, 4 and 5 layers.")


@exercise(
    nudge=N_("a batch X has one input per row: a layer maps it to X @ W.T + b."),
    hint=N_("hidden = act(X @ W1.T + b1), then the output layer is linear: hidden @ W2.T + b2."),
    answer="return act(X @ W1.T + b1) @ W2.T + b2",
)
def check_forward(two_layer):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(7, 3))
    W1, b1 = rng.normal(size=(4, 3)), rng.normal(size=4)
    W2, b2 = rng.normal(size=(2, 4)), rng.normal(size=2)
    for name in ("tanh", "relu"):
        act = get(name)
        want = act(X @ W1.T + b1) @ W2.T + b2
        mistakes = [
            (
                (X @ W1.T + b1) @ W2.T + b2,
                N_("the output is linear in X: the activation is missing"),
            ),
            (
                act(want),
                N_("the activation is applied to the output too (only the hidden layer has one)"),
            ),
        ]
        what = _("the output with {name} (7 inputs, 3 -> 4 -> 2)").format(name=name)
        args = [X.copy(), W1.copy(), b1.copy(), W2.copy(), b2.copy(), act]
        verdict = try_answer(two_layer, "two_layer", args, want, what, 1e-9, mistakes)
        if verdict:
            return verdict
    return CORRECT, N_("two_layer computes act(X W1^T + b1) W2^T + b2 (tried with tanh and relu).")
