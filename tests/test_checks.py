import contextlib
import datetime
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nbs_utils import checks, nets
from nbs_utils.activations import get
from nbs_utils.checks import (
    Checker,
    check_boundary_line,
    check_bump,
    check_close,
    check_collapse,
    check_collapse_function,
    check_forward,
    check_gradient_step,
    check_hidden_layer,
    check_logistic_gradient,
    check_patterns,
    check_sawtooth_counts,
    check_tanh,
    check_tent_power,
    check_xnor,
    check_xor_lift,
    check_xor_threshold_net,
)
from nbs_utils.nets import backprop, collapse

SEED_HIDDEN, SEED_OUTPUT = [1, 1, -1.5], [1, 1, -2, -0.5]
COLLAPSE_LAYERS = [(np.array([[1.0, 2.0]]), np.array([1.0])), (np.array([[3.0]]), np.array([0.5]))]
sigmoid, relu, step = get("sigmoid"), get("relu"), get("step")
CHECKERS = [v for v in vars(checks).values() if isinstance(v, Checker)]


@pytest.fixture(autouse=True)
def _fresh_tries():
    for checker in CHECKERS:
        checker.reset()
    check_close.reset()


def _collapse_loop(layers):
    W, b = layers[0]
    for W_next, b_next in layers[1:]:
        W, b = W_next @ W, W_next @ b + b_next
    return W, b


def _xnor(X):
    h = step(X @ [1.0, 1.0] - 1.5)
    return step(-(X @ [1.0, 1.0]) + 2 * h + 0.5)


def _tent_k(x, k):
    for _ in range(k):
        x = 2 * relu(x) - 4 * relu(x - 0.5)
    return x


def _gradient_step(layers, X, y, activation, lr):
    grads = backprop(layers, X, y, activation)[1]
    return [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(layers, grads)]


# (checker, a right answer as a tuple of arguments, a wrong one, what the wrong one is told)
RIGHT_AND_WRONG = [
    (check_collapse, (np.array([[3.0, 6.0]]), np.array([3.5]), COLLAPSE_LAYERS),
     (np.array([[1.0, 2.0]]), np.array([3.5]), COLLAPSE_LAYERS), "entries of W are not right"),
    (check_collapse_function, (_collapse_loop,), (lambda layers: layers[-1],), "on a stack of 2 layers"),
    (check_forward, (lambda X, W1, b1, W2, b2, act: act(X @ W1.T + b1) @ W2.T + b2,),
     (lambda X, W1, b1, W2, b2, act: (X @ W1.T + b1) @ W2.T + b2,), "activation is missing"),
    (check_xor_threshold_net, (SEED_HIDDEN, SEED_OUTPUT), ([1, 1, -0.5], SEED_OUTPUT), "2 of 4 rows wrong"),
    (check_xnor, (_xnor,), (lambda X: step(X @ [1.0, 1.0] - 0.5),), "rows wrong"),
    (check_xor_lift, (lambda X: X[:, 0] * X[:, 1],), (lambda X: X[:, 0] + 2 * X[:, 1],), "affine"),
    (check_hidden_layer, (lambda X, W, b, act: act(X @ W.T + b),),
     (lambda X, W, b, act: X @ W.T + b,), "z itself"),
    (check_patterns, (lambda X, W, b: X @ W.T + b > 0,), (lambda X, W, b: X @ W.T + b >= 0,), "z = 0"),
    (check_tent_power, (_tent_k,), (lambda x, k: _tent_k(x, 1),), "applied once"),
    (check_sawtooth_counts, (32, 31), (32, 32), "too many"),
    (check_bump, (lambda x, lo, hi, h, w: h * (sigmoid(w * (x - lo)) - sigmoid(w * (x - hi))),),
     (lambda x, lo, hi, h, w: h * (sigmoid(w * (x - hi)) - sigmoid(w * (x - lo))),), "upside down"),
    (check_tanh, (lambda x: 2 * sigmoid(2 * x) - 1,), (sigmoid,), "sigmoid itself"),
    (check_logistic_gradient, (lambda t, Xb, y: Xb.T @ (sigmoid(Xb @ t) - y) / len(y),),
     (lambda t, Xb, y: Xb.T @ (sigmoid(Xb @ t) - y),), "m times too large"),
    (check_gradient_step, (_gradient_step,),
     (lambda L, X, y, act, lr: _gradient_step(L, X, y, act, 1.0),), "learning rate is missing"),
    (check_boundary_line, (lambda L, x1: -(collapse(L)[0][0, 0] * x1 + collapse(L)[1][0]) / collapse(L)[0][0, 1],),
     (lambda L, x1: -(collapse(L)[0][0, 0] * x1) / collapse(L)[0][0, 1],), "bias is missing"),
]  # fmt: skip
IDS = [row[0].name for row in RIGHT_AND_WRONG]


def test_every_checker_has_a_right_and_a_wrong_case():
    assert {row[0] for row in RIGHT_AND_WRONG} == set(CHECKERS)


@pytest.mark.parametrize("checker, right, wrong, says", RIGHT_AND_WRONG, ids=IDS)
def test_right_answers_pass_and_echo_nothing(capsys, checker, right, wrong, says):
    assert checker(*right) is None  # nothing for Jupyter to echo
    assert capsys.readouterr().out.startswith("Correct: ")
    assert checker.passes(*right) is True and capsys.readouterr().out == ""


@pytest.mark.parametrize("checker, right, wrong, says", RIGHT_AND_WRONG, ids=IDS)
def test_hints_are_staged_and_the_answer_only_comes_when_asked(capsys, checker, right, wrong, says):
    assert checker.passes(*wrong) is False and capsys.readouterr().out == ""
    assert checker(*wrong) is None
    first = capsys.readouterr().out
    assert says in first and f"Nudge: {checker.nudge}" in first and "Hint" not in first
    checker(*wrong)
    second = capsys.readouterr().out
    assert says in second and f"Hint: {checker.hint}" in second and "Nudge" not in second
    assert "show_answer=True" in second
    for out in (first, second):
        assert checker.answer not in out and "The answer" not in out
    checker(*wrong, show_answer=True)
    shown = capsys.readouterr().out
    assert f"The answer: {checker.answer}" in shown and "not yet" in shown
    checker.reset()
    checker(*wrong)
    assert "Nudge" in capsys.readouterr().out


@pytest.mark.parametrize("checker, right, wrong, says", RIGHT_AND_WRONG, ids=IDS)
def test_unanswered_is_not_a_try(capsys, checker, right, wrong, says):
    unfinished = tuple(None if i == 0 else a for i, a in enumerate(right))
    for answer in (unfinished, tuple(... if i == 0 else a for i, a in enumerate(right))):
        assert checker(*answer) is None
        assert capsys.readouterr().out.startswith("Not answered yet: ")
    if callable(right[0]):  # a function whose body is still `...`
        checker(lambda *args: None)
        assert "write the body" in capsys.readouterr().out
    checker(*wrong)
    assert "Nudge" in capsys.readouterr().out  # the first real try still gets the nudge


GARBAGE = ["abc", b"ab", True, 1 + 2j, [1j, 2.0], np.datetime64("2026-01-01"), datetime.date(2026, 1, 1),
           object(), [[1.0], [1.0, 2.0]], [1.0, ...], np.nan, [np.inf, 1.0], {"a": 1}, np.ones((3, 3))]  # fmt: skip


def _garbage_id(garbage):
    """The test id: its repr, but not an address (test ids must not change between runs)."""
    return "object()" if type(garbage) is object else repr(garbage)


@pytest.mark.parametrize("garbage", GARBAGE, ids=_garbage_id)
@pytest.mark.parametrize("checker, right, wrong, says", RIGHT_AND_WRONG, ids=IDS)
def test_garbage_never_raises_and_never_passes(capsys, checker, right, wrong, says, garbage):
    for i in range(len(right)):
        answer = tuple(garbage if j == i else a for j, a in enumerate(right))
        assert checker(*answer) is None
        assert not checker.passes(*answer)
    out = capsys.readouterr().out
    assert "Correct" not in out and "Traceback" not in out


FUNCTION_CHECKS = [row for row in RIGHT_AND_WRONG if callable(row[1][0])]


@pytest.mark.parametrize("garbage", GARBAGE, ids=_garbage_id)
@pytest.mark.parametrize(
    "checker, right, wrong, says", FUNCTION_CHECKS, ids=[r[0].name for r in FUNCTION_CHECKS]
)
def test_functions_returning_garbage_never_raise(capsys, checker, right, wrong, says, garbage):
    assert checker(lambda *args: garbage) is None and not checker.passes(lambda *args: garbage)

    def crashes(*args):
        raise ZeroDivisionError("boom")

    checker(crashes)
    assert "raised ZeroDivisionError: boom" in capsys.readouterr().out.replace("\n", " ")


def test_learner_code_that_overflows_or_warns_is_told_not_crashed(capsys):
    check_tanh(lambda x: 2 / (1 + np.exp(-2 * x)) - 1)  # exp overflows at -800: still right
    assert "Correct" in capsys.readouterr().out
    check_tanh(lambda x: np.exp(x * 1000.0))
    assert "inf" in capsys.readouterr().out


@pytest.mark.parametrize(
    "answer, says",
    [
        (1 + 0j, "complex"),
        ([1.0 + 0j, 2.0], "complex"),
        ("1.0", "should be numbers, got str"),
        (b"1.0", "should be numbers, got bytes"),
        (True, "got bool"),
        (np.datetime64("2026-01-01"), "datetime64"),
        (np.nan, "contains NaN"),
        ([1.0, np.nan], "contains NaN"),
        (np.inf, "contains inf"),
        ([1.0, 2.0], "shape"),
    ],
)
def test_check_close_refuses_garbage_and_names_it(capsys, answer, says):
    check_close(answer, 1.0, "x", "think")
    out = capsys.readouterr().out
    assert says in out and "Correct" not in out and "off by up to 0" not in out
    assert not check_close.passes(answer, 1.0)


def test_check_close_stages_and_never_leaks_the_expected_value(capsys):
    assert check_close(0.25, 0.125, "x", "halve it", nudge="look again") is None
    first = capsys.readouterr().out
    assert "Nudge: look again" in first and "0.125" not in first
    check_close(0.5, 0.125, "x", "halve it")
    second = capsys.readouterr().out
    assert "Hint: halve it" in second and "0.125" not in second
    check_close([0.5, 1.0], [0.125, 1.0], "y", "halve it")  # another exercise: nudge again
    out = capsys.readouterr().out
    assert "1 of the 2 entries of y are not right" in out and "Nudge" in out
    check_close(0.5, 0.125, "x", "halve it", show_answer=True)
    assert "The answer: x = 0.125" in capsys.readouterr().out
    check_close(np.float32(0.125), 0.125, "x", "halve it")
    assert "Correct: x matches." in capsys.readouterr().out
    assert check_close.passes(1, 1.0) and check_close.passes([1, 2], np.array([1.0, 2.0]))


def test_xor_checker_never_raises_on_huge_weights_and_decides_exactly(capsys):
    check_xor_threshold_net([1e308] * 3, (1, 1, -2, -0.5))
    assert "rows wrong" in capsys.readouterr().out
    assert check_xor_threshold_net.passes(
        [1e307, 1e307, -1.5e307], [1e307, 1e307, -2e307, -0.5e307]
    )
    # H(0) = 0 decided exactly: 0.1 + 0.2 - 0.3 is 0 in decimals, not 5.6e-17
    assert not check_xor_threshold_net.passes([0.1, 0.2, -0.3], [0, 0, 1, 0])
    # y = H(x1 + x2 - 1) is 0 on (0, 1) and (1, 0) exactly because H(0) = 0
    check_xor_threshold_net([0, 0, 0], [1, 1, 0, -1])
    assert "(0, 1) -> 0" in capsys.readouterr().out
    assert check_xor_threshold_net.passes((1, 1, -0.5), np.array([-1, -1, 2, -0.5]))


@pytest.mark.parametrize(
    "hidden, output, says",
    [
        ([1, 1], SEED_OUTPUT, "hidden should be 3 numbers"),
        (SEED_HIDDEN, [1, 1, -2], "output should be 4 numbers"),
        (SEED_HIDDEN, [1, 1, np.nan, 0], "output contains NaN"),
        (SEED_HIDDEN, [[1, 1], [-2]], "output should be numbers"),
        ([1, 1, ...], SEED_OUTPUT, "hidden should be numbers"),
    ],
)
def test_xor_checker_says_what_is_malformed(capsys, hidden, output, says):
    check_xor_threshold_net(hidden, output)
    assert says in capsys.readouterr().out


def test_the_specific_diagnoses(capsys):
    check_forward(lambda X, W1, b1, W2, b2, act: act(act(X @ W1.T + b1) @ W2.T + b2))
    assert "applied to the output too" in capsys.readouterr().out
    check_patterns(lambda X, W, b: X @ W.T + b <= 0)
    assert "swapped" in capsys.readouterr().out
    check_logistic_gradient(lambda t, Xb, y: Xb.T @ (y - sigmoid(Xb @ t)) / len(y))
    assert "sign is flipped" in capsys.readouterr().out
    check_bump(lambda x, lo, hi, h, w: sigmoid(w * (x - lo)) - sigmoid(w * (x - hi)))
    assert "scale it by `height`" in capsys.readouterr().out
    check_collapse_function(lambda layers: layers[0])
    assert "on a stack of 2 layers" in capsys.readouterr().out
    check_collapse_function(lambda layers: 3)
    assert "should return a pair" in capsys.readouterr().out
    check_xnor(lambda X: X @ [1.0, 1.0])
    assert "outputs 0 or 1" in capsys.readouterr().out
    check_sawtooth_counts(16, 31)
    assert "too few" in capsys.readouterr().out
    check_collapse(np.zeros((2, 2)), np.zeros(1), COLLAPSE_LAYERS)
    assert "W should have shape (1, 2)" in capsys.readouterr().out
    check_hidden_layer(3)
    assert "should be a function" in capsys.readouterr().out
    assert repr(check_tanh) == "Checker('check_tanh')"


def test_exercise_declares_a_checker_named_after_its_grade(capsys):
    from nbs_utils.checks.checker import exercise

    @exercise(nudge="look again", hint="add one", answer="return x + 1")
    def check_successor(f):
        """Is f the successor function?"""
        return (checks.CORRECT, "yes") if f(1) == 2 else (checks.WRONG, "f(1) should be 2")

    assert isinstance(check_successor, Checker) and check_successor.name == "check_successor"
    assert check_successor.__doc__ == "Is f the successor function?"
    assert check_successor.passes(lambda x: x + 1) and not check_successor.passes(abs)
    check_successor(abs)
    assert "look again" in capsys.readouterr().out


def _output_unit(X):
    return -(X @ [1.0, 1.0]) + 2 * (X @ [1.0, 1.0] > 1.5) + 0.5


@pytest.mark.parametrize(
    "checker, right",
    [
        (check_xnor, lambda X: _output_unit(X) > 0),  # H(z) written as z > 0: True/False
        (check_xnor, lambda X: list(step(_output_unit(X)))),
        (check_xnor, lambda X: (X[:, 0] == X[:, 1]).astype(np.float32)),
        (check_xor_lift, lambda X: X @ [1.0, 1.0] > 1.5),  # the AND unit as True/False
        (check_xor_lift, lambda X: np.minimum(X[:, 0], X[:, 1]).tolist()),
        (check_patterns, lambda X, W, b: np.where(X @ W.T + b > 0, 1, 0)),
        (check_patterns, lambda X, W, b: np.heaviside(X @ W.T + b, 0.0).tolist()),
        (check_hidden_layer, lambda X, W, b, act: np.array([act(W @ x + b) for x in X])),
        (check_forward, lambda X, W1, b1, W2, b2, act: (W2 @ act(W1 @ X.T + b1[:, None])).T + b2),
    ],
)
def test_other_right_formulations_pass(capsys, checker, right):
    checker(right)
    assert capsys.readouterr().out.startswith("Correct: ") and checker.passes(right)


def test_a_hard_coded_truth_table_is_not_a_net(capsys):
    check_xnor(lambda X: np.array([1, 0, 0, 1]))  # right on XOR_X in its own order only
    assert "4 of 4 rows wrong" in capsys.readouterr().out


@pytest.mark.parametrize(
    "garbage, kind", [({"w1": 1.0}, "dict"), ((v for v in [1.0, 1.0, -1.5]), "generator")]
)
def test_a_dict_or_generator_is_named_as_such(capsys, garbage, kind):
    check_xor_threshold_net(garbage, SEED_OUTPUT)
    assert f"hidden should be numbers, got {kind}." in capsys.readouterr().out


def test_a_ragged_result_is_read_not_reported_as_the_learners_error(capsys):
    check_patterns(lambda X, W, b: [[1], [1, 2]])
    out = capsys.readouterr().out
    assert "should be numbers, got list" in out and "raised" not in out


def test_an_exception_that_cannot_print_itself_does_not_crash_the_checker(capsys):
    class Unprintable(Exception):
        def __str__(self):
            raise RuntimeError("no text")

    def crashes(x):
        raise Unprintable

    check_tanh(crashes)
    assert "your answer raised Unprintable" in capsys.readouterr().out


def test_an_answer_that_mutates_its_inputs_cannot_change_the_next_case(capsys):
    def sabotage(X, W1, b1, W2, b2, act):  # right for tanh, then linear, made to look right
        out = act(X @ W1.T + b1) @ W2.T + b2
        if act.name == "tanh":
            X[:], W1[:], b1[:] = 0.0, 0.0, 1.0  # relu(b1) = b1 from now on
        return out if act.name == "tanh" else (X @ W1.T + b1) @ W2.T + b2

    check_forward(sabotage)
    assert "Correct" not in capsys.readouterr().out


def test_float32_layers_and_their_float32_collapse_pass():
    layers = [(W.astype(np.float32), b.astype(np.float32)) for W, b in nets.random_layers([3, 4, 2], seed=0)]  # fmt: skip
    (W1, b1), (W2, b2) = layers
    assert check_collapse.passes(W2 @ W1, W2 @ b1 + b2, layers)  # right to float32's 1e-7
    assert not check_collapse.passes(W2 @ W1 * (1 + 1e-4), W2 @ b1 + b2, layers)


ANY_ARRAY = hnp.arrays(
    dtype=st.one_of(hnp.scalar_dtypes(), hnp.byte_string_dtypes(), hnp.unicode_string_dtypes()),
    shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5),
)


@settings(max_examples=30, deadline=None)
@given(result=ANY_ARRAY, index=st.integers(0, len(FUNCTION_CHECKS) - 1))
def test_any_array_a_function_returns_is_judged_without_a_crash(result, index):
    checker = FUNCTION_CHECKS[index][0]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert checker(lambda *args: result) is None
    out = printed.getvalue()
    assert "raised" not in out  # the checker read the array; nothing it did blew up
    assert out.startswith("Correct: ") == checker.passes(lambda *args: result)
