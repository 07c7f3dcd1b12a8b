"""Checkers for notebook 04: the tent map composed, the sawtooth counts, one bump."""

import numpy as np

from ..activations import get
from ..language import N_, _
from .answers import CORRECT, UNANSWERED, WRONG, is_unanswered, real_array, try_answer
from .checker import exercise


def _tent_power(x, k):
    relu = get("relu")
    for _layer in range(k):
        x = 2 * relu(x) - 4 * relu(x - 0.5)
    return x


@exercise(
    nudge=N_("write the tent t(x) = 2 relu(x) - 4 relu(x - 1/2) first, then apply it k times."),
    hint=N_(
        "a loop: repeat k times: x = 2 * relu(x) - 4 * relu(x - 0.5). Each pass is one layer of 2 units."
    ),
    answer="for _ in range(k):\n    x = 2 * relu(x) - 4 * relu(x - 0.5)\nreturn x",
)
def check_tent_power(tent_k):
    x = np.linspace(0.0, 1.0, 257)
    for k in (1, 2, 3, 5):
        what = f"tent_k(x, {k})"
        once = [(_tent_power(x, 1), _("{what} is the tent itself, applied once").format(what=what))]
        verdict = try_answer(tent_k, "tent_k", [x.copy(), k], _tent_power(x, k), what, 1e-12, once)
        if verdict:
            return verdict
    return CORRECT, N_(
        "tent_k(x, k) is the tent map composed k times (checked for k = 1, 2, 3, 5)."
    )


@exercise(
    nudge=N_("count the pieces of t, t∘t, t∘t∘t in the panel above and find the pattern."),
    hint=N_("each layer doubles the pieces; n units on a line make at most n + 1 pieces."),
    answer="pieces_t5 = 2**5 = 32; units_needed = 2**5 - 1 = 31.",
)
def check_sawtooth_counts(pieces, units):
    for what, answer, want in (("pieces_t5", pieces, 2**5), ("units_needed", units, 2**5 - 1)):
        if is_unanswered(answer):
            return UNANSWERED, _("fill in {what}").format(what=what)
        got, problem = real_array(answer, what)
        if problem is None and got.shape != ():
            problem = _("{what} should be one number, got shape {shape}").format(
                what=what, shape=got.shape
            )
        if problem is None and got != want:
            too = _("{what} is too many") if got > want else _("{what} is too few")
            problem = too.format(what=what)
        if problem:
            return WRONG, problem
    return CORRECT, N_("t^5 has 32 pieces, and one hidden layer needs 31 units for them.")


@exercise(
    nudge=N_(
        "one steep sigmoid sigma(w (x - s)) is a step up at x = s; a bump is a step up followed by a step down."
    ),
    hint=N_("subtract the step at `right` from the step at `left`, then multiply by `height`."),
    answer="return height * (sigmoid(w * (x - left)) - sigmoid(w * (x - right)))",
)
def check_bump(bump):
    x = np.linspace(-0.5, 1.5, 401)
    sigmoid = get("sigmoid")
    for left, right, height, w in ((0.2, 0.5, 1.0, 50.0), (0.4, 0.9, -0.7, 200.0), (0.0, 1.0, 2.5, 8.0)):  # fmt: skip
        want = height * (sigmoid(w * (x - left)) - sigmoid(w * (x - right)))
        mistakes = [
            (
                -want,
                N_(
                    "your bump is upside down: the step at `left` goes up, the one at `right` comes down"
                ),
            ),
            (want / height, N_("the bump has height 1 everywhere: scale it by `height`")),
        ]
        what = f"bump(x, left={left}, right={right}, height={height}, w={w})"  # code: untranslated
        verdict = try_answer(bump, "bump", [x.copy(), left, right, height, w], want, what, 1e-9, mistakes)  # fmt: skip
        if verdict:
            return verdict
    return CORRECT, N_("bump is height * (sigma(w (x - left)) - sigma(w (x - right))).")
