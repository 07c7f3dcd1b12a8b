"""Reading a learner's answer: is it there, is it real numbers, is it right, which mistake.

Every reader returns a problem (a translated sentence that never gives the expected value
away) or ``None``; none of them raises on the learner's input. The three statuses of a
verdict, ``(status, message)``, are defined here too.
"""

import numpy as np

from ..language import _

UNANSWERED = "unanswered"
WRONG = "wrong"
CORRECT = "correct"


def is_unanswered(answer):
    """True for the placeholders an unfinished exercise holds: ``None`` and ``...``."""
    return answer is None or answer is Ellipsis


def real_array(answer, what, booleans=False):
    """``(array, None)`` for a real numeric answer, else ``(None, what is wrong)``.

    ``booleans=True`` reads True/False as 1/0 (the output of a threshold unit, ``z > 0``).
    """
    if isinstance(answer, (str, bytes)) or (isinstance(answer, (bool, np.bool_)) and not booleans):
        return None, _("{what} should be numbers, got {kind}").format(
            what=what, kind=type(answer).__name__
        )
    try:
        arr = np.asarray(answer)
    except (TypeError, ValueError):
        return None, _("{what} should be numbers, got {kind}").format(
            what=what, kind=type(answer).__name__
        )
    if arr.dtype == object and arr.ndim == 0:  # a dict, a generator, any other object
        return None, _("{what} should be numbers, got {kind}").format(
            what=what, kind=type(answer).__name__
        )
    if arr.dtype.kind == "b" and booleans:
        arr = arr.astype(float)
    if arr.dtype.kind == "c":
        return None, _("{what} should be real numbers, got complex numbers").format(what=what)
    if arr.dtype.kind not in "iuf":
        kind = (
            _("True/False values")
            if arr.dtype.kind == "b"
            else _("{dtype} values").format(dtype=arr.dtype)
        )
        if arr.dtype == object:
            kind = _("a mix of things that are not all numbers (an unfinished ... ?)")
        return None, _("{what} should be numbers, got {kind}").format(what=what, kind=kind)
    arr = arr.astype(float)
    if np.isnan(arr).any():
        return None, _("{what} contains NaN").format(what=what)
    if np.isinf(arr).any():
        return None, _("{what} contains inf (an overflow?)").format(what=what)
    return arr, None


def compare(got, want, what, atol, rtol=1e-9):
    """``None`` if the real array ``got`` matches ``want``, else what is wrong (no values)."""
    if got.shape != want.shape:
        return _("{what} should have shape {want}, got {got}").format(
            what=what, want=want.shape, got=got.shape
        )
    wrong = ~np.isclose(got, want, atol=atol, rtol=rtol)
    if not wrong.any():
        return None
    if got.size == 1:
        return _("{what} is not right").format(what=what)
    return _("{k} of the {n} entries of {what} are not right").format(
        k=np.count_nonzero(wrong), n=got.size, what=what
    )


def diagnose(got, want, what, atol, mistakes=()):
    """Like :func:`compare`, but a wrong answer that equals a known mistake is named.

    ``mistakes``: ``(array, message)`` pairs, tried in order only when ``got`` is wrong.
    """
    problem = compare(got, want, what, atol)
    if problem is None or got.shape != want.shape:
        return problem
    for mistake, message in mistakes:
        if np.allclose(got, mistake, atol=atol, rtol=1e-9):
            return message
    return problem


def call_answer(function, what, *args):
    """``(result, None)`` from the learner's ``function(*args)``, or ``(None, problem)``."""
    if is_unanswered(function):
        return None, (UNANSWERED, _("fill in {what}").format(what=what))
    if not callable(function):
        return None, (
            WRONG,
            _("{what} should be a function, got {kind}").format(
                what=what, kind=type(function).__name__
            ),
        )
    result = function(*args)
    if is_unanswered(result):
        return None, (
            UNANSWERED,
            _("write the body of {what} (it still returns {result!r})").format(
                what=what, result=result
            ),
        )
    return result, None


def try_answer(function, name, args, want, what, atol, mistakes=()):
    """Call the learner's ``function(*args)`` (named ``name``) and compare the result, read
    as numbers called ``what``, with ``want`` (see :func:`diagnose`): ``None`` if it
    matches, else the verdict ``(status, message)``: not answered yet, or what is wrong."""
    out, verdict = call_answer(function, name, *args)
    if verdict:
        return verdict
    got, problem = real_array(out, what)
    problem = problem or diagnose(got, want, what, atol, mistakes)
    return (WRONG, problem) if problem else None
