"""Checkers for notebook 03: hidden points and on/off patterns."""

import numpy as np

from ..activations import get
from ..language import N_, _
from .answers import CORRECT, WRONG, call_answer, compare, real_array, try_answer
from .checker import exercise


@exercise(
    nudge=N_(
        "try the point x = (0.5, 2.5) by hand first: z1 = -0.5 + 2.5 - 1, z2 = 0.5 - 2.5 - 1."
    ),
    hint=N_(
        "for a batch X (one point per row) the pre-activations are X @ W.T + b; apply act to all of them."
    ),
    answer="return act(X @ W.T + b)",
)
def check_hidden_layer(hidden_layer):
    rng = np.random.default_rng(1)
    X = np.r_[[[0.5, 2.5]], rng.uniform(-3, 3, (9, 2))]
    W, b = np.array([[-1.0, 1.0], [1.0, -1.0]]), np.array([-1.0, -1.0])
    W3, b3 = rng.normal(size=(3, 2)), rng.normal(size=3)
    for name, (Wt, bt) in (("relu", (W, b)), ("tanh", (W, b)), ("relu", (W3, b3))):
        act = get(name)
        what = _("hidden_layer with {name}, {n} units").format(name=name, n=len(bt))
        mistakes = [(X @ Wt.T + bt, N_("the result is z itself: apply act to it"))]
        args = [X.copy(), Wt.copy(), bt.copy(), act]
        verdict = try_answer(hidden_layer, "hidden_layer", args, act(X @ Wt.T + bt), what, 1e-9, mistakes)  # fmt: skip
        if verdict:
            return verdict
    return CORRECT, N_("hidden_layer maps every row x to act(W x + b).")


@exercise(
    nudge=N_("unit i is on at x when its pre-activation z_i = w_i . x + b_i is positive."),
    hint=N_(
        "compute all pre-activations at once (X @ W.T + b, shape (n, units)) and compare with 0; z = 0 counts as off."
    ),
    answer="return (X @ W.T + b > 0).astype(int)",
)
def check_patterns(on_off):
    rng = np.random.default_rng(2)
    W, b = rng.normal(size=(3, 2)), rng.normal(size=3)
    X = np.r_[rng.uniform(-3, 3, (40, 2)), [[0.0, -b[0] / W[0, 1]]]]  # last point: z_1 = 0
    out, problem = call_answer(on_off, "on_off", X.copy(), W.copy(), b.copy())
    if problem:
        return problem
    got, problem = real_array(out, _("on_off's result"), booleans=True)
    if problem:
        return WRONG, problem
    want = (X @ W.T + b > 0).astype(float)
    if got.shape == want.shape and np.array_equal(got[:-1], want[:-1]) and got[-1, 0] != 0:
        return WRONG, N_("a unit with z = 0 exactly outputs relu(0) = 0: it is off (use z > 0)")
    if got.shape == want.shape and np.array_equal(got, 1 - want):
        return WRONG, N_("on and off are swapped")
    problem = compare(got, want, _("on_off's result (40 points, 3 units)"), 0.0, 0.0)
    return (
        (WRONG, problem) if problem else (CORRECT, N_("on_off gives every point's on/off pattern."))
    )
