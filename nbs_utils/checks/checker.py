"""The staged checker: reading an answer, counting tries, nudge -> hint -> answer."""

import warnings

import numpy as np

from ..language import _

UNANSWERED = "unanswered"
WRONG = "wrong"
CORRECT = "correct"


class Checker:
    """An exercise: ``grade(*answer) -> (status, message)`` plus its nudge, hint and answer.

    ``status`` is :data:`UNANSWERED`, :data:`WRONG` or :data:`CORRECT`; ``message`` says
    what is wrong (or right) without giving the expected value away.
    """

    def __init__(self, name, grade, nudge, hint, answer):
        self.name, self._grade = name, grade
        self.nudge, self.hint, self.answer = nudge, hint, answer
        self.tries = 0

    def verdict(self, *answer, **options):
        """``(status, message)`` for ``answer``; never raises, never warns."""
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                return self._grade(*answer, **options)
        except Exception as err:  # the learner's code (or garbage) must not crash the cell
            return WRONG, _("your answer raised {error}: {message}").format(
                error=type(err).__name__, message=err
            )

    def passes(self, *answer, **options):
        """True if ``answer`` is right. Prints nothing (for the solutions' asserts)."""
        return self.verdict(*answer, **options)[0] == CORRECT

    def reset(self):
        """Forget the wrong tries, so the next wrong answer gets the nudge again."""
        self.tries = 0

    def __call__(self, *answer, show_answer=False, **options):
        status, message = self.verdict(*answer, **options)
        message = _(message)  # constant messages have catalogue entries; values stay as they are
        if status == CORRECT:
            print(_("Correct: {message}").format(message=message))
        elif show_answer:
            verdict = (
                _("not answered yet")
                if status == UNANSWERED
                else _("not yet: {message}").format(message=message)
            )
            print(
                _("Your answer: {verdict}\nThe answer: {answer}").format(
                    verdict=verdict, answer=_(self.answer)
                )
            )
        elif status == UNANSWERED:
            print(
                _("Not answered yet: {message}, then run this cell again.").format(message=message)
            )
        else:
            self.tries += 1
            help_text = (
                _("Nudge: {nudge}").format(nudge=_(self.nudge))
                if self.tries == 1
                else _("Hint: {hint}").format(hint=_(self.hint))
            )
            more = "" if self.tries == 1 else _(" (stuck? call it again with show_answer=True)")
            print(
                _("Not yet (try {tries}): {message}.\n{help}{more}").format(
                    tries=self.tries, message=message, help=help_text, more=more
                )
            )

    def __repr__(self):
        return f"Checker({self.name!r})"  # untranslated: a repr is code


# --- reading answers ----------------------------------------------------------------------


def _is_unanswered(answer):
    return answer is None or answer is Ellipsis


def _real_array(answer, what):
    """``(array, None)`` for a real numeric answer, else ``(None, what is wrong)``."""
    if isinstance(answer, (str, bytes, bool, np.bool_)):
        return None, _("{what} should be numbers, got {kind}").format(
            what=what, kind=type(answer).__name__
        )
    try:
        arr = np.asarray(answer)
    except (TypeError, ValueError):
        return None, _("{what} should be numbers, got {kind}").format(
            what=what, kind=type(answer).__name__
        )
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


def _compare(got, want, what, atol, rtol=1e-9):
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


def _diagnose(got, want, what, atol, mistakes=()):
    """Like :func:`_compare`, but a wrong answer that equals a known mistake is named.

    ``mistakes``: ``(array, message)`` pairs, tried in order only when ``got`` is wrong.
    """
    problem = _compare(got, want, what, atol)
    if problem is None or got.shape != want.shape:
        return problem
    for mistake, message in mistakes:
        if np.allclose(got, mistake, atol=atol, rtol=1e-9):
            return message
    return problem


def _call_answer(function, what, *args):
    """``(result, None)`` from the learner's ``function(*args)``, or ``(None, problem)``."""
    if _is_unanswered(function):
        return None, (UNANSWERED, _("fill in {what}").format(what=what))
    if not callable(function):
        return None, (
            WRONG,
            _("{what} should be a function, got {kind}").format(
                what=what, kind=type(function).__name__
            ),
        )
    result = function(*args)
    if _is_unanswered(result):
        return None, (
            UNANSWERED,
            _("write the body of {what} (it still returns {result!r})").format(
                what=what, result=result
            ),
        )
    return result, None


# --- one numeric answer ----------------------------------------------------------------


class _CloseCheck:
    """``check_close(answer, expected, what, hint)``: a staged check of one numeric answer.

    The first wrong try gets ``nudge`` (or a generic one), later tries get ``hint``,
    ``show_answer=True`` prints ``expected``. Tries are counted per ``what``.
    """

    def __init__(self):
        self._checkers = {}

    def _checker(self, expected, what, hint, atol, nudge):
        def grade(answer):
            if _is_unanswered(answer):
                return UNANSWERED, _("fill in {what}").format(what=what)
            got, problem = _real_array(answer, what)
            if problem is None:
                problem = _compare(got, np.asarray(expected, dtype=float), what, atol, 1e-6)
            return (
                (WRONG, problem) if problem else (CORRECT, _("{what} matches.").format(what=what))
            )

        checker = self._checkers.setdefault(what, Checker(what, grade, "", "", ""))
        checker._grade = grade
        checker.nudge = nudge or _("recompute {what} step by step").format(what=what)
        checker.hint, checker.answer = (
            hint,
            f"{what} = {np.asarray(expected).tolist()}",
        )  # untranslated: a value
        return checker

    def __call__(self, answer, expected, what, hint, atol=1e-8, *, nudge=None, show_answer=False):
        self._checker(expected, what, hint, atol, nudge)(answer, show_answer=show_answer)

    def passes(self, answer, expected, what="answer", atol=1e-8):
        """True if ``answer`` is close to ``expected``; prints nothing."""
        return self._checker(expected, what, "", atol, None).passes(answer)

    def reset(self):
        for checker in self._checkers.values():
            checker.reset()


check_close = _CloseCheck()
