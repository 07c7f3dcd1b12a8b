"""Checkers for notebook 05: tanh from sigmoid, the logistic-regression gradient."""

import numpy as np

from ..activations import get
from ..language import N_, _
from .answers import CORRECT, try_answer
from .checker import exercise


@exercise(
    nudge=N_("tanh has range (-1, 1) and slope 1 at 0; sigmoid has range (0, 1) and slope 1/4."),
    hint=N_("stretch the input by 2, then map (0, 1) onto (-1, 1): multiply by 2 and subtract 1."),
    answer="return 2 * sigmoid(2 * x) - 1",
)
def check_tanh(my_tanh):
    x = np.r_[np.linspace(-6, 6, 241), -40.0, 40.0, -800.0, 800.0]
    mistakes = [
        (get("sigmoid")(x), N_("that is sigmoid itself: its range is (0, 1), tanh's is (-1, 1)"))
    ]
    what = _("my_tanh(x) on [-6, 6] and at ±40, ±800")
    verdict = try_answer(my_tanh, "my_tanh", [x.copy()], np.tanh(x), what, 1e-12, mistakes)
    return verdict or (CORRECT, N_("my_tanh equals tanh, even at ±800."))


@exercise(
    nudge=N_(
        "first the predictions h = sigmoid(Xb @ theta), one per row; the gradient is built from h - y."
    ),
    hint=N_(
        "each row contributes (h_i - y_i) x_i; stack them with a matrix product and divide by m = len(y)."
    ),
    answer="return Xb.T @ (sigmoid(Xb @ theta) - y) / len(y)",
)
def check_logistic_gradient(my_grad):
    rng = np.random.default_rng(3)
    for m in (5, 40):
        Xb = np.c_[rng.normal(size=(m, 2)), np.ones(m)]
        y = (rng.uniform(size=m) < 0.5).astype(float)
        theta = rng.normal(size=3)
        want = Xb.T @ (get("sigmoid")(Xb @ theta) - y) / m
        mistakes = [
            (-want, N_("the sign is flipped: the gradient points uphill, towards a larger loss")),
            (
                m * want,
                N_("the result is m times too large: average over the rows, do not only sum"),
            ),
        ]
        what = _("my_grad on {m} rows").format(m=m)
        args = [theta.copy(), Xb.copy(), y.copy()]
        verdict = try_answer(my_grad, "my_grad", args, want, what, 1e-10, mistakes)
        if verdict:
            return verdict
    return CORRECT, N_("my_grad is (1/m) sum_i (h_i - y_i) x_i.")
