"""Checkers for notebook 02: threshold nets for XOR, XNOR and the lift to 3-D."""

from fractions import Fraction

import numpy as np

from ..datasets import XOR_X, XOR_Y
from ..geometry import linearly_separable
from ..language import N_, _
from .answers import CORRECT, UNANSWERED, WRONG, call_answer, is_unanswered, real_array
from .checker import exercise


def _exact(values):
    """Floats as exact fractions of their shortest decimal form (0.1 is 1/10, 1e308 exact)."""
    return [Fraction(repr(float(v))) for v in values]


@exercise(
    nudge=N_("fill in the truth table row by row: h first, then the output's pre-activation."),
    hint=N_(
        "the output's pre-activation must be > 0 exactly for (0, 1) and (1, 0). With an OR "
        "hidden unit, h = 1 on three rows: let h add, and let the inputs subtract."
    ),
    answer="output = (-1, -1, 2, -0.5): y = H(-x1 - x2 + 2h - 0.5).",
)
def check_xor_threshold_net(hidden, output):
    parts = {}
    for what, answer, size in (("hidden", hidden, 3), ("output", output, 4)):
        if is_unanswered(answer):
            return UNANSWERED, _("fill in {what}").format(what=what)
        values, problem = real_array(answer, what)
        if problem:
            return WRONG, problem
        if values.shape != (size,):
            return WRONG, _("{what} should be {size} numbers, got shape {shape}").format(
                what=what, size=size, shape=values.shape
            )
        parts[what] = _exact(values)
    # exact arithmetic: huge weights cannot overflow, and H(0) = 0 is decided exactly
    (w1, w2, b_h), (v1, v2, v_h, b_y) = parts["hidden"], parts["output"]
    h, y = [], []
    for x1, x2 in XOR_X.astype(int).tolist():
        h.append(int(w1 * x1 + w2 * x2 + b_h > 0))
        y.append(int(v1 * x1 + v2 * x2 + v_h * h[-1] + b_y > 0))
    wrong = [f"({a}, {b}) -> {yi}" for (a, b), yi, t in zip(XOR_X.astype(int).tolist(), y, XOR_Y) if yi != t]  # fmt: skip
    if wrong:
        return WRONG, _("{n} of 4 rows wrong: {rows}").format(n=len(wrong), rows=", ".join(wrong))
    return CORRECT, _("your net computes XOR on all four inputs (h = {h}).").format(h=h)


# the four inputs in truth-table order, then swapped in pairs (XOR and XNOR change there): an
# answer must be a function of the rows it is given, not a hard-coded column of four values
_ORDERS = (np.arange(4), np.array([1, 0, 3, 2]))


def _xor_rows(function, name, order):
    """``(values, None)``: the learner's ``function(XOR_X[order])``, one real number per row
    (True/False read as 1/0, a threshold unit's ``z > 0``); else ``(None, verdict)``
    (unanswered, an error, or the wrong kind of result)."""
    out, verdict = call_answer(function, name, XOR_X[order])
    if verdict:
        return None, verdict
    what = f"{name}(XOR_X)"  # untranslated: code
    got, problem = real_array(out, what, booleans=True)
    if problem is None:
        got = got.reshape(-1) if got.size == 4 else got
        if got.shape != (4,):
            problem = _(
                "{what} should give one number per row of XOR_X (4), got shape {shape}"
            ).format(what=what, shape=got.shape)
    return (got, None) if problem is None else (None, (WRONG, problem))


@exercise(
    nudge=N_("XNOR is 'not XOR': take a working XOR net and flip its output unit."),
    hint=N_(
        "H(z) flips to H(-z) except at z = 0, so negate the output unit's weights and bias "
        "(keep the hidden AND unit h = step(x1 + x2 - 1.5))."
    ),
    answer=(
        "h = step(X @ [1, 1] - 1.5)\n"
        "return step(-(X @ [1, 1]) + 2 * h + 0.5)  # the seed net with its output negated"
    ),
)
def check_xnor(xnor):
    for order in _ORDERS:
        got, verdict = _xor_rows(xnor, "xnor", order)
        if verdict:
            return verdict
        if not np.all((got == 0) | (got == 1)):
            return WRONG, N_("a threshold unit outputs 0 or 1: wrap the last pre-activation in step()")  # fmt: skip
        wrong = [f"({a:.0f}, {b:.0f}) -> {v:.0f}" for (a, b), v, t in zip(XOR_X[order], got, 1 - XOR_Y[order]) if v != t]  # fmt: skip
        if wrong:
            return WRONG, _("{n} of 4 rows wrong: {rows}").format(n=len(wrong), rows=", ".join(wrong))  # fmt: skip
    return CORRECT, N_("xnor is 1 exactly when both inputs agree.")


@exercise(
    nudge=N_(
        "the third coordinate must be a *nonlinear* function of (x1, x2): a linear one changes nothing."
    ),
    hint=N_("lift only (1, 1): a coordinate that is 1 there and 0 at the other three corners."),
    answer="return X[:, 0] * X[:, 1]  # or step(X @ [1, 1] - 1.5), the AND unit",
)
def check_xor_lift(third):
    for order in _ORDERS:
        c, verdict = _xor_rows(third, "third", order)
        if verdict:
            return verdict
        if not linearly_separable(np.c_[XOR_X[order], c], XOR_Y[order]).separable:
            break
    else:
        return CORRECT, N_("in (x1, x2, third) a plane separates XOR.")
    A = np.c_[XOR_X[order], np.ones(4)]
    if np.allclose(A @ np.linalg.lstsq(A, c, rcond=None)[0], c):
        return WRONG, N_("your third coordinate is affine in (x1, x2), so the lifted points lie on a plane and are as inseparable as before")  # fmt: skip
    return WRONG, N_("the lifted points are still not separable by a plane")
