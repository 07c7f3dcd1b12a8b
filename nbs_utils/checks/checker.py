"""The staged checker: counting tries, nudge -> hint -> answer; ``@exercise`` declares one."""

import warnings

import numpy as np

from ..language import _
from .answers import CORRECT, UNANSWERED, WRONG, compare, is_unanswered, real_array


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
                error=type(err).__name__, message=_describe(err)
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


def _describe(err):
    """``str(err)``, or a placeholder when the learner's exception cannot say what it is."""
    try:
        return str(err)
    except Exception:  # an exception class whose __str__ itself fails
        return "?"


def exercise(*, nudge, hint, answer):
    """``@exercise(nudge=..., hint=..., answer=...)`` over ``def check_x(...)`` makes the
    :class:`Checker` ``check_x``, whose grade is that function."""

    def make(grade):
        checker = Checker(grade.__name__, grade, nudge, hint, answer)
        checker.__doc__ = grade.__doc__
        return checker

    return make


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
            if is_unanswered(answer):
                return UNANSWERED, _("fill in {what}").format(what=what)
            got, problem = real_array(answer, what)
            if problem is None:
                problem = compare(got, np.asarray(expected, dtype=float), what, atol, 1e-6)
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
