"""Exercise checkers with staged hints: they print one message, return ``None``, never raise.

Every ``check_*`` here is a :class:`Checker`. Called on the learner's answer it prints

- ``Not answered yet`` while the answer is ``None``, ``...`` or a function that still
  returns one of them (an unanswered exercise is not counted as a try);
- on the first wrong try: what is wrong (never the expected value) and a **nudge**;
- on the second and later wrong tries: the same diagnosis and a stronger **hint**;
- with ``show_answer=True``: the answer (and whether the learner's answer was right);
- ``Correct`` when it is right.

It returns ``None``, so Jupyter echoes nothing under the cell. Code that needs a verdict
(a solution cell's ``assert``) calls ``checker.passes(...)``, which prints nothing and
returns a bool. The only state is each checker's count of wrong tries in this kernel,
which makes the hints escalate; ``checker.reset()`` clears it.

Numeric answers must be real numbers: strings, bytes, booleans, complex numbers, dates and
other objects are refused with a message saying so, and NaN or infinite entries are named
as such. A learner's function that raises, warns or overflows gets a message, not a crash.
"""

import warnings
from fractions import Fraction

import numpy as np

from .activations import get
from .datasets import XOR_X, XOR_Y
from .geometry import linearly_separable
from .language import N_, _
from .nets import backprop, collapse, random_layers

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
        return f"Checker({self.name!r})"


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
        kind = "True/False values" if arr.dtype.kind == "b" else f"{arr.dtype} values"
        if arr.dtype == object:
            kind = "a mix of things that are not all numbers (an unfinished ... ?)"
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


# --- generic: one numeric answer ----------------------------------------------------------


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
            return (WRONG, problem) if problem else (CORRECT, f"{what} matches.")

        checker = self._checkers.setdefault(what, Checker(what, grade, "", "", ""))
        checker._grade = grade
        checker.nudge = nudge or f"recompute {what} step by step"
        checker.hint, checker.answer = hint, f"{what} = {np.asarray(expected).tolist()}"
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


# --- notebook 01: collapse and the forward pass --------------------------------------------


def _grade_collapse(W, b, layers):
    if _is_unanswered(W) or _is_unanswered(b):
        return UNANSWERED, N_("fill in W and b")
    W_true, b_true = collapse(layers)
    for name, answer, want in (("W", W, W_true), ("b", b, b_true)):
        got, problem = _real_array(answer, name)
        problem = problem or _compare(got, want, name, 1e-8)
        if problem:
            return WRONG, problem
    return CORRECT, N_("W and b give the same map as the stack.")


check_collapse = Checker(
    "check_collapse",
    _grade_collapse,
    nudge=N_(
        "feed x through layer 1, then layer 2, and write the result as (something) x + (something)."
    ),
    hint=N_("expand W2 (W1 x + b1) + b2: the matrix in front of x is W, the rest is b."),
    answer=N_("W = W2 @ W1 (later layer on the left), b = W2 @ b1 + b2."),
)


def _test_stacks():
    """Stacks the collapse exercise is tried on: one layer, two, then deeper ones."""
    return [random_layers(widths, seed=i) for i, widths in enumerate([[3, 2], [3, 4, 2], [2, 5, 3, 4, 1], [4, 3, 3, 3, 3, 2]])]  # fmt: skip


def _grade_collapse_function(my_collapse):
    for layers in _test_stacks():
        depth = (
            _("a stack of {n} layers").format(n=len(layers))
            if len(layers) > 1
            else _("a stack of 1 layer")
        )
        pair, problem = _call_answer(my_collapse, "my_collapse", [(W.copy(), b.copy()) for W, b in layers])  # fmt: skip
        if problem:
            return problem
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            return WRONG, f"my_collapse should return a pair (W, b), got {type(pair).__name__}"
        status, message = _grade_collapse(*pair, layers)
        if status != CORRECT:
            return WRONG, _("on {depth}: {message}").format(depth=depth, message=_(message))
    return CORRECT, N_("my_collapse matches the stack for 1, 2, 4 and 5 layers.")


check_collapse_function = Checker(
    "check_collapse_function",
    _grade_collapse_function,
    nudge=N_("start from the first layer's (W, b) and fold the next layers in one at a time."),
    hint=N_(
        "after each layer (W_next, b_next): W becomes W_next @ W and b becomes W_next @ b + b_next."
    ),
    answer=(
        "W, b = layers[0]\n"
        "for W_next, b_next in layers[1:]:\n"
        "    W, b = W_next @ W, W_next @ b + b_next\n"
        "return W, b"
    ),
)


def _grade_forward(two_layer):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(7, 3))
    W1, b1 = rng.normal(size=(4, 3)), rng.normal(size=4)
    W2, b2 = rng.normal(size=(2, 4)), rng.normal(size=2)
    for name in ("tanh", "relu"):
        act = get(name)
        out, problem = _call_answer(two_layer, "two_layer", X, W1, b1, W2, b2, act)
        if problem:
            return problem
        got, problem = _real_array(out, "the output")
        if problem:
            return WRONG, problem
        want = act(X @ W1.T + b1) @ W2.T + b2
        mistakes = [
            (
                (X @ W1.T + b1) @ W2.T + b2,
                N_("the output is linear in X: the activation is missing"),
            ),
            (
                act(want),
                N_("the activation is applied to the output too (only the hidden layer has one)"),
            ),
        ]
        problem = _diagnose(
            got, want, f"the output with {name} (7 inputs, 3 -> 4 -> 2)", 1e-9, mistakes
        )
        if problem:
            return WRONG, problem
    return CORRECT, N_("two_layer computes act(X W1^T + b1) W2^T + b2 (tried with tanh and relu).")


check_forward = Checker(
    "check_forward",
    _grade_forward,
    nudge=N_("a batch X has one input per row: a layer maps it to X @ W.T + b."),
    hint=N_("hidden = act(X @ W1.T + b1), then the output layer is linear: hidden @ W2.T + b2."),
    answer="return act(X @ W1.T + b1) @ W2.T + b2",
)


# --- notebook 02: threshold units ----------------------------------------------------------


def _exact(values):
    """Floats as exact fractions of their shortest decimal form (0.1 is 1/10, 1e308 exact)."""
    return [Fraction(repr(float(v))) for v in values]


def _grade_xor_threshold_net(hidden, output):
    parts = {}
    for what, answer, size in (("hidden", hidden, 3), ("output", output, 4)):
        if _is_unanswered(answer):
            return UNANSWERED, _("fill in {what}").format(what=what)
        values, problem = _real_array(answer, what)
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


check_xor_threshold_net = Checker(
    "check_xor_threshold_net",
    _grade_xor_threshold_net,
    nudge=N_("fill in the truth table row by row: h first, then the output's pre-activation."),
    hint=N_(
        "the output's pre-activation must be > 0 exactly for (0, 1) and (1, 0). With an OR "
        "hidden unit, h = 1 on three rows: let h add, and let the inputs subtract."
    ),
    answer="output = (-1, -1, 2, -0.5): y = H(-x1 - x2 + 2h - 0.5).",
)


def _zero_one_rows(out, what):
    got, problem = _real_array(out, what)
    if problem:
        return None, problem
    got = got.reshape(-1) if got.size == 4 else got
    if got.shape != (4,):
        return None, f"{what} should give one number per row of XOR_X (4), got shape {got.shape}"
    return got, None


def _grade_xnor(xnor):
    out, problem = _call_answer(xnor, "xnor", XOR_X.copy())
    if problem:
        return problem
    got, problem = _zero_one_rows(out, "xnor(XOR_X)")
    if problem:
        return WRONG, problem
    if not np.all((got == 0) | (got == 1)):
        return WRONG, N_("a threshold unit outputs 0 or 1: wrap the last pre-activation in step()")
    wrong = [f"({a:.0f}, {b:.0f}) -> {v:.0f}" for (a, b), v, t in zip(XOR_X, got, 1 - XOR_Y) if v != t]  # fmt: skip
    if wrong:
        return WRONG, _("{n} of 4 rows wrong: {rows}").format(n=len(wrong), rows=", ".join(wrong))
    return CORRECT, N_("xnor is 1 exactly when both inputs agree.")


check_xnor = Checker(
    "check_xnor",
    _grade_xnor,
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


def _grade_xor_lift(third):
    out, problem = _call_answer(third, "third", XOR_X.copy())
    if problem:
        return problem
    c, problem = _zero_one_rows(out, "third(XOR_X)")
    if problem:
        return WRONG, problem
    lifted = np.c_[XOR_X, c]
    if linearly_separable(lifted, XOR_Y).separable:
        return CORRECT, N_("in (x1, x2, third) a plane separates XOR.")
    A = np.c_[XOR_X, np.ones(4)]
    if np.allclose(A @ np.linalg.lstsq(A, c, rcond=None)[0], c):
        return WRONG, N_("your third coordinate is affine in (x1, x2), so the lifted points lie on a plane and are as inseparable as before")  # fmt: skip
    return WRONG, N_("the lifted points are still not separable by a plane")


check_xor_lift = Checker(
    "check_xor_lift",
    _grade_xor_lift,
    nudge=N_(
        "the third coordinate must be a *nonlinear* function of (x1, x2): a linear one changes nothing."
    ),
    hint=N_("lift only (1, 1): a coordinate that is 1 there and 0 at the other three corners."),
    answer="return X[:, 0] * X[:, 1]  # or step(X @ [1, 1] - 1.5), the AND unit",
)


# --- notebook 03: hidden points and on/off patterns ----------------------------------------


def _grade_hidden_layer(hidden_layer):
    rng = np.random.default_rng(1)
    X = np.r_[[[0.5, 2.5]], rng.uniform(-3, 3, (9, 2))]
    W, b = np.array([[-1.0, 1.0], [1.0, -1.0]]), np.array([-1.0, -1.0])
    W3, b3 = rng.normal(size=(3, 2)), rng.normal(size=3)
    for name, (Wt, bt) in (("relu", (W, b)), ("tanh", (W, b)), ("relu", (W3, b3))):
        act = get(name)
        out, problem = _call_answer(hidden_layer, "hidden_layer", X.copy(), Wt.copy(), bt.copy(), act)  # fmt: skip
        if problem:
            return problem
        got, problem = _real_array(out, "hidden_layer's result")
        what = f"hidden_layer with {name}, {len(bt)} units"
        mistakes = [(X @ Wt.T + bt, N_("the result is z itself: apply act to it"))]
        problem = problem or _diagnose(got, act(X @ Wt.T + bt), what, 1e-9, mistakes)
        if problem:
            return WRONG, problem
    return CORRECT, N_("hidden_layer maps every row x to act(W x + b).")


check_hidden_layer = Checker(
    "check_hidden_layer",
    _grade_hidden_layer,
    nudge=N_(
        "try the point x = (0.5, 2.5) by hand first: z1 = -0.5 + 2.5 - 1, z2 = 0.5 - 2.5 - 1."
    ),
    hint=N_(
        "for a batch X (one point per row) the pre-activations are X @ W.T + b; apply act to all of them."
    ),
    answer="return act(X @ W.T + b)",
)


def _grade_patterns(on_off):
    rng = np.random.default_rng(2)
    W, b = rng.normal(size=(3, 2)), rng.normal(size=3)
    X = np.r_[rng.uniform(-3, 3, (40, 2)), [[0.0, -b[0] / W[0, 1]]]]  # last point: z_1 = 0
    out, problem = _call_answer(on_off, "on_off", X.copy(), W.copy(), b.copy())
    if problem:
        return problem
    if np.asarray(out).dtype == bool:
        out = np.asarray(out, dtype=int)
    got, problem = _real_array(out, "on_off's result")
    if problem:
        return WRONG, problem
    want = (X @ W.T + b > 0).astype(float)
    if got.shape == want.shape and np.array_equal(got[:-1], want[:-1]) and got[-1, 0] != 0:
        return WRONG, N_("a unit with z = 0 exactly outputs relu(0) = 0: it is off (use z > 0)")
    if got.shape == want.shape and np.array_equal(got, 1 - want):
        return WRONG, N_("on and off are swapped")
    problem = _compare(got, want, "on_off's result (40 points, 3 units)", 0.0, 0.0)
    return (WRONG, problem) if problem else (CORRECT, "on_off gives every point's on/off pattern.")


check_patterns = Checker(
    "check_patterns",
    _grade_patterns,
    nudge=N_("unit i is on at x when its pre-activation z_i = w_i . x + b_i is positive."),
    hint=N_(
        "compute all pre-activations at once (X @ W.T + b, shape (n, units)) and compare with 0; z = 0 counts as off."
    ),
    answer="return (X @ W.T + b > 0).astype(int)",
)


# --- notebook 04: the sawtooth and one bump ------------------------------------------------


def _tent_power(x, k):
    relu = get("relu")
    for _layer in range(k):
        x = 2 * relu(x) - 4 * relu(x - 0.5)
    return x


def _grade_tent_power(tent_k):
    x = np.linspace(0.0, 1.0, 257)
    for k in (1, 2, 3, 5):
        out, problem = _call_answer(tent_k, "tent_k", x.copy(), k)
        if problem:
            return problem
        got, problem = _real_array(out, f"tent_k(x, {k})")
        once = [(_tent_power(x, 1), f"tent_k(x, {k}) is the tent itself, applied once")]
        problem = problem or _diagnose(got, _tent_power(x, k), f"tent_k(x, {k})", 1e-12, once)
        if problem:
            return WRONG, problem
    return CORRECT, N_(
        "tent_k(x, k) is the tent map composed k times (checked for k = 1, 2, 3, 5)."
    )


check_tent_power = Checker(
    "check_tent_power",
    _grade_tent_power,
    nudge=N_("write the tent t(x) = 2 relu(x) - 4 relu(x - 1/2) first, then apply it k times."),
    hint=N_(
        "a loop: repeat k times: x = 2 * relu(x) - 4 * relu(x - 0.5). Each pass is one layer of 2 units."
    ),
    answer="for _ in range(k):\n    x = 2 * relu(x) - 4 * relu(x - 0.5)\nreturn x",
)


def _grade_sawtooth_counts(pieces, units):
    for what, answer, want in (("pieces_t5", pieces, 2**5), ("units_needed", units, 2**5 - 1)):
        if _is_unanswered(answer):
            return UNANSWERED, _("fill in {what}").format(what=what)
        got, problem = _real_array(answer, what)
        if problem is None and got.shape != ():
            problem = _("{what} should be one number, got shape {shape}").format(
                what=what, shape=got.shape
            )
        if problem is None and got != want:
            too = "too many" if got > want else "too few"
            problem = f"{what} is {too}"
        if problem:
            return WRONG, problem
    return CORRECT, N_("t^5 has 32 pieces, and one hidden layer needs 31 units for them.")


check_sawtooth_counts = Checker(
    "check_sawtooth_counts",
    _grade_sawtooth_counts,
    nudge=N_("count the pieces of t, t∘t, t∘t∘t in the panel above and find the pattern."),
    hint=N_("each layer doubles the pieces; n units on a line make at most n + 1 pieces."),
    answer="pieces_t5 = 2**5 = 32; units_needed = 2**5 - 1 = 31.",
)


def _grade_bump(bump):
    x = np.linspace(-0.5, 1.5, 401)
    sigmoid = get("sigmoid")
    for left, right, height, w in ((0.2, 0.5, 1.0, 50.0), (0.4, 0.9, -0.7, 200.0), (0.0, 1.0, 2.5, 8.0)):  # fmt: skip
        out, problem = _call_answer(bump, "bump", x.copy(), left, right, height, w)
        if problem:
            return problem
        got, problem = _real_array(out, "bump(x, ...)")
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
        args = f"left={left}, right={right}, height={height}, w={w}"
        problem = problem or _diagnose(got, want, f"bump(x, {args})", 1e-9, mistakes)
        if problem:
            return WRONG, problem
    return CORRECT, N_("bump is height * (sigma(w (x - left)) - sigma(w (x - right))).")


check_bump = Checker(
    "check_bump",
    _grade_bump,
    nudge=N_(
        "one steep sigmoid sigma(w (x - s)) is a step up at x = s; a bump is a step up followed by a step down."
    ),
    hint=N_("subtract the step at `right` from the step at `left`, then multiply by `height`."),
    answer="return height * (sigmoid(w * (x - left)) - sigmoid(w * (x - right)))",
)


# --- notebook 05: tanh from sigmoid, the logistic-regression gradient ------------------------


def _grade_tanh(my_tanh):
    x = np.r_[np.linspace(-6, 6, 241), -40.0, 40.0, -800.0, 800.0]
    out, problem = _call_answer(my_tanh, "my_tanh", x.copy())
    if problem:
        return problem
    got, problem = _real_array(out, "my_tanh(x)")
    mistakes = [
        (get("sigmoid")(x), N_("that is sigmoid itself: its range is (0, 1), tanh's is (-1, 1)"))
    ]
    what = "my_tanh(x) on [-6, 6] and at ±40, ±800"
    problem = problem or _diagnose(got, np.tanh(x), what, 1e-12, mistakes)
    return (WRONG, problem) if problem else (CORRECT, "my_tanh equals tanh, even at ±800.")


check_tanh = Checker(
    "check_tanh",
    _grade_tanh,
    nudge=N_("tanh has range (-1, 1) and slope 1 at 0; sigmoid has range (0, 1) and slope 1/4."),
    hint=N_("stretch the input by 2, then map (0, 1) onto (-1, 1): multiply by 2 and subtract 1."),
    answer="return 2 * sigmoid(2 * x) - 1",
)


def _grade_logistic_gradient(my_grad):
    rng = np.random.default_rng(3)
    for m in (5, 40):
        Xb = np.c_[rng.normal(size=(m, 2)), np.ones(m)]
        y = (rng.uniform(size=m) < 0.5).astype(float)
        theta = rng.normal(size=3)
        out, problem = _call_answer(my_grad, "my_grad", theta.copy(), Xb.copy(), y.copy())
        if problem:
            return problem
        got, problem = _real_array(out, "my_grad(theta, Xb, y)")
        want = Xb.T @ (get("sigmoid")(Xb @ theta) - y) / m
        mistakes = [
            (-want, N_("the sign is flipped: the gradient points uphill, towards a larger loss")),
            (
                m * want,
                N_("the result is m times too large: average over the rows, do not only sum"),
            ),
        ]
        problem = problem or _diagnose(got, want, f"my_grad on {m} rows", 1e-10, mistakes)
        if problem:
            return WRONG, problem
    return CORRECT, N_("my_grad is (1/m) sum_i (h_i - y_i) x_i.")


check_logistic_gradient = Checker(
    "check_logistic_gradient",
    _grade_logistic_gradient,
    nudge=N_(
        "first the predictions h = sigmoid(Xb @ theta), one per row; the gradient is built from h - y."
    ),
    hint=N_(
        "each row contributes (h_i - y_i) x_i; stack them with a matrix product and divide by m = len(y)."
    ),
    answer="return Xb.T @ (sigmoid(Xb @ theta) - y) / len(y)",
)


# --- notebook 06: one gradient step, the straight boundary of a linear net -------------------


def _step_problem(out, want, what):
    """``None`` if ``out`` is the list of ``(W, b)`` pairs ``want``, else what is wrong."""
    if not isinstance(out, (list, tuple)) or len(out) != len(want):
        return f"{what} should be a list of {len(want)} (W, b) pairs"
    for i, (pair, (W, b)) in enumerate(zip(out, want)):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            return f"entry {i} of {what} should be a (W, b) pair"
        for name, got, expected in (("W", pair[0], W), ("b", pair[1], b)):
            arr, problem = _real_array(got, f"{name} of layer {i}")
            problem = problem or _compare(arr, expected, f"{name} of layer {i}", 1e-12)
            if problem:
                return problem
    return None


def _grade_gradient_step(gradient_step):
    rng = np.random.default_rng(6)
    for sizes, activation, lr in (([2, 3, 1], "relu", 0.1), ([2, 4, 3, 1], ["tanh", "relu"], 0.5)):
        layers = random_layers(sizes, seed=len(sizes))
        X, y = rng.normal(size=(30, 2)), rng.integers(0, 2, 30)
        copies = [(W.copy(), b.copy()) for W, b in layers]
        out, problem = _call_answer(gradient_step, "gradient_step", copies, X.copy(), y.copy(), activation, lr)  # fmt: skip
        if problem:
            return problem
        grads = backprop(layers, X, y, activation)[1]
        what = f"gradient_step on a {'-'.join(map(str, sizes))} net"
        want = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(layers, grads)]
        uphill = [(W + lr * dW, b + lr * db) for (W, b), (dW, db) in zip(layers, grads)]
        if _step_problem(out, uphill, what) is None:
            return WRONG, "the step goes uphill: subtract lr times the gradient, do not add it"
        no_lr = [(W - dW, b - db) for (W, b), (dW, db) in zip(layers, grads)]
        if lr != 1 and _step_problem(out, no_lr, what) is None:
            return WRONG, "the learning rate is missing: scale the gradient by lr"
        problem = _step_problem(out, want, what)
        if problem:
            return WRONG, problem
    return CORRECT, "W <- W - lr dL/dW and b <- b - lr dL/db for every layer."


check_gradient_step = Checker(
    "check_gradient_step",
    _grade_gradient_step,
    nudge="backprop(layers, X, y, activation) returns (loss, grads); grads has one (dW, db) per layer.",
    hint="pair each layer with its gradient: [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(layers, grads)].",
    answer="grads = backprop(layers, X, y, activation)[1]\n"
    "return [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(layers, grads)]",
)


def _grade_boundary(boundary_x2):
    x1 = np.linspace(-6.0, 6.0, 25)
    for seed in (1, 2):
        layers = random_layers([2, 3, 3, 1], seed=seed)
        copies = [(W.copy(), b.copy()) for W, b in layers]
        out, problem = _call_answer(boundary_x2, "boundary_x2", copies, x1.copy())
        if problem:
            return problem
        got, problem = _real_array(out, "boundary_x2(layers, x1)")
        (w1, w2), c = collapse(layers)[0][0], collapse(layers)[1][0]
        mistakes = [
            (-(w1 * x1) / w2, "the bias is missing: the line does not pass through the origin"),
            ((w1 * x1 + c) / w2, "the sign is flipped: solve w1 x1 + w2 x2 + c = 0 for x2"),
            (-(w2 * x1 + c) / w1, "the two weights are swapped"),
        ]
        what = f"boundary_x2 on a 2-3-3-1 identity net (seed {seed})"
        problem = problem or _diagnose(got, -(w1 * x1 + c) / w2, what, 1e-9, mistakes)
        if problem:
            return WRONG, problem
    return CORRECT, "x2 = -(w1 x1 + c) / w2 with (w1, w2), c = collapse(layers): one line."


check_boundary_line = Checker(
    "check_boundary_line",
    _grade_boundary,
    nudge="an identity net is one affine map: W, b = collapse(layers), and its boundary is W x + b = 0.",
    hint="with (w1, w2) = W[0] and c = b[0], solve w1 x1 + w2 x2 + c = 0 for x2.",
    answer="W, b = collapse(layers)\nreturn -(W[0, 0] * x1 + b[0]) / W[0, 1]",
)
