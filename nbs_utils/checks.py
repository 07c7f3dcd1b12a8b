"""Exercise checkers: each prints a verdict or a hint and returns True/False; never raises.

An unfinished answer (``None`` or ``...``) gets a nudge, a wrong one a hint.
"""

import numpy as np

from .nets import collapse


def _unanswered(answer, what):
    """True, after a nudge, while the learner has not filled in ``answer`` yet."""
    if answer is None or answer is Ellipsis:
        print(f"Not answered yet: fill in {what}, then run this cell again.")
        return True
    return False


def check_close(answer, expected, what, hint, atol=1e-8):
    """Compare a numeric ``answer`` with ``expected``; print a verdict; return True if close."""
    if _unanswered(answer, what):
        return False
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        print(f"{what} should be numbers, got {type(answer).__name__}. Hint: {hint}")
        return False
    want = np.asarray(expected, dtype=float)
    if got.shape != want.shape:
        print(f"{what} should have shape {want.shape}, got {got.shape}. Hint: {hint}")
        return False
    if not np.allclose(got, want, atol=atol, rtol=1e-6):
        print(f"Not yet: {what} is off by up to {np.nanmax(np.abs(got - want)):.3g}. Hint: {hint}")
        return False
    print(f"Correct: {what} matches.")
    return True


def check_collapse(W, b, layers):
    """Check a hand-collapsed ``(W, b)`` against the stack of linear ``layers``."""
    W_true, b_true = collapse(layers)
    hint = "W = W2 @ W1 (later layer on the left) and b = W2 @ b1 + b2."
    return check_close(W, W_true, "W", hint) & check_close(b, b_true, "b", hint)


def check_xor_threshold_net(hidden, output):
    """Check a one-hidden-unit skip net of threshold units against the XOR truth table.

    ``hidden = (w1, w2, b_h)`` gives ``h = H(w1 x1 + w2 x2 + b_h)``; ``output = (v1, v2,
    v_h, b_y)`` gives ``y = H(v1 x1 + v2 x2 + v_h h + b_y)``, with ``H(0) = 0``. Prints the
    truth table the net computes and which rows are wrong.
    """
    hint = (
        "fill in the rows one at a time: for each input, compute h first, then the output's "
        "pre-activation; it must be > 0 exactly for (0, 1) and (1, 0)."
    )
    parts = {}
    for what, answer, size in [("hidden", hidden, 3), ("output", output, 4)]:
        if _unanswered(answer, what):
            return False
        try:
            values = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            print(f"{what} should be {size} numbers, got {answer!r}.")
            return False
        if values.shape != (size,) or not np.all(np.isfinite(values)):
            print(f"{what} should be {size} finite numbers, got {answer!r}.")
            return False
        parts[what] = values
    from .activations import get
    from .datasets import XOR_X, XOR_Y

    step = get("step")
    (w1, w2, b_h), (v1, v2, v_h, b_y) = parts["hidden"], parts["output"]
    h = step(np.round(XOR_X @ [w1, w2] + b_h, 9))
    y = step(np.round(XOR_X @ [v1, v2] + v_h * h + b_y, 9))
    rows = zip(XOR_X, y, XOR_Y)
    wrong = [f"({a:.0f}, {b:.0f}) -> {yi:.0f}" for (a, b), yi, t in rows if yi != t]
    if wrong:
        print(f"Not yet: {len(wrong)} of 4 rows wrong: {', '.join(wrong)}. Hint: {hint}")
        return False
    print("Correct: your net computes XOR on all four inputs (h = " + str(h.astype(int)) + ").")
    return True
