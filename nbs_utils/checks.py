"""Exercise checkers: each prints a verdict or a hint and returns True/False; never raises.

An unfinished answer (``None`` or ``...``) gets a nudge, a wrong one a hint.
"""

import numpy as np

from .nets import collapse


def check_close(answer, expected, what, hint, atol=1e-8):
    """Compare a numeric ``answer`` with ``expected``; print a verdict; return True if close."""
    if answer is None or answer is Ellipsis:
        print(f"Not answered yet: fill in {what}, then run this cell again.")
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
