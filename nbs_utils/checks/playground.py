"""Checkers for notebook 06: one gradient step, the boundary of a linear net."""

import numpy as np

from ..language import N_, _
from ..nets import backprop, collapse, random_layers
from .answers import CORRECT, WRONG, call_answer, compare, real_array, try_answer
from .checker import exercise


def _step_problem(out, want, what):
    """``None`` if ``out`` is the list of ``(W, b)`` pairs ``want``, else what is wrong."""
    if not isinstance(out, (list, tuple)) or len(out) != len(want):
        return _("{what} should be a list of {n} (W, b) pairs").format(what=what, n=len(want))
    for i, (pair, (W, b)) in enumerate(zip(out, want)):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            return _("entry {i} of {what} should be a (W, b) pair").format(i=i, what=what)
        for name, got, expected in (("W", pair[0], W), ("b", pair[1], b)):
            part = _("{name} of layer {i}").format(name=name, i=i)
            arr, problem = real_array(got, part)
            problem = problem or compare(arr, expected, part, 1e-12)
            if problem:
                return problem
    return None


@exercise(
    nudge=N_(
        "backprop(layers, X, y, activation) returns (loss, grads); grads has one (dW, db) per layer."
    ),
    hint=N_(
        "pair each layer with its gradient: "
        "[(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(layers, grads)]."
    ),
    answer="grads = backprop(layers, X, y, activation)[1]\n"
    "return [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(layers, grads)]",
)
def check_gradient_step(gradient_step):
    rng = np.random.default_rng(6)
    for sizes, activation, lr in (([2, 3, 1], "relu", 0.1), ([2, 4, 3, 1], ["tanh", "relu"], 0.5)):
        layers = random_layers(sizes, seed=len(sizes))
        X, y = rng.normal(size=(30, 2)), rng.integers(0, 2, 30)
        copies = [(W.copy(), b.copy()) for W, b in layers]
        out, problem = call_answer(gradient_step, "gradient_step", copies, X.copy(), y.copy(), activation, lr)  # fmt: skip
        if problem:
            return problem
        grads = backprop(layers, X, y, activation)[1]
        what = _("gradient_step on a {sizes} net").format(sizes="-".join(map(str, sizes)))
        want = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(layers, grads)]
        uphill = [(W + lr * dW, b + lr * db) for (W, b), (dW, db) in zip(layers, grads)]
        if _step_problem(out, uphill, what) is None:
            return WRONG, N_("the step goes uphill: subtract lr times the gradient, do not add it")
        no_lr = [(W - dW, b - db) for (W, b), (dW, db) in zip(layers, grads)]
        if lr != 1 and _step_problem(out, no_lr, what) is None:
            return WRONG, N_("the learning rate is missing: scale the gradient by lr")
        problem = _step_problem(out, want, what)
        if problem:
            return WRONG, problem
    return CORRECT, N_("W <- W - lr dL/dW and b <- b - lr dL/db for every layer.")


@exercise(
    nudge=N_(
        "an identity net is one affine map: W, b = collapse(layers), "
        "and its boundary is W x + b = 0."
    ),
    hint=N_("with (w1, w2) = W[0] and c = b[0], solve w1 x1 + w2 x2 + c = 0 for x2."),
    answer="W, b = collapse(layers)\nreturn -(W[0, 0] * x1 + b[0]) / W[0, 1]",
)
def check_boundary_line(boundary_x2):
    x1 = np.linspace(-6.0, 6.0, 25)
    for seed in (1, 2):
        layers = random_layers([2, 3, 3, 1], seed=seed)
        copies = [(W.copy(), b.copy()) for W, b in layers]
        (w1, w2), c = collapse(layers)[0][0], collapse(layers)[1][0]
        mistakes = [
            (-(w1 * x1) / w2, N_("the bias is missing: the line does not pass through the origin")),
            ((w1 * x1 + c) / w2, N_("the sign is flipped: solve w1 x1 + w2 x2 + c = 0 for x2")),
            (-(w2 * x1 + c) / w1, N_("the two weights are swapped")),
        ]
        what = _("boundary_x2 on a 2-3-3-1 identity net (seed {seed})").format(seed=seed)
        want = -(w1 * x1 + c) / w2
        verdict = try_answer(boundary_x2, "boundary_x2", [copies, x1.copy()], want, what, 1e-9, mistakes)  # fmt: skip
        if verdict:
            return verdict
    return CORRECT, N_("x2 = -(w1 x1 + c) / w2 with (w1, w2), c = collapse(layers): one line.")
