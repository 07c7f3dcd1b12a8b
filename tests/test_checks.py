import numpy as np
import pytest

from nbs_utils.checks import check_close, check_collapse, check_xor_threshold_net

SEED_HIDDEN, SEED_OUTPUT = [1, 1, -1.5], [1, 1, -2, -0.5]


def test_xor_checker_accepts_the_seed_net_and_an_or_unit_solution(capsys):
    assert check_xor_threshold_net(SEED_HIDDEN, SEED_OUTPUT) is True
    assert "Correct" in capsys.readouterr().out
    # with an OR hidden unit: y = H(-x1 - x2 + 2h - 0.5)
    assert check_xor_threshold_net((1, 1, -0.5), np.array([-1, -1, 2, -0.5])) is True


def test_xor_checker_names_the_wrong_rows(capsys):
    assert check_xor_threshold_net([1, 1, -0.5], SEED_OUTPUT) is False  # OR hidden unit
    out = capsys.readouterr().out
    assert "2 of 4 rows wrong" in out and "(0, 1) -> 0" in out and "Hint" in out


def test_xor_checker_uses_step_of_zero_equal_zero(capsys):
    # y = H(x1 + x2 - 1) is 0 on (0, 1) and (1, 0) exactly because H(0) = 0
    assert check_xor_threshold_net([0, 0, 0], [1, 1, 0, -1]) is False
    assert "(0, 1) -> 0" in capsys.readouterr().out


@pytest.mark.parametrize(
    "hidden, output, says",
    [
        (None, SEED_OUTPUT, "Not answered yet: fill in hidden"),
        (SEED_HIDDEN, ..., "Not answered yet: fill in output"),
        ([1, 1, ...], SEED_OUTPUT, "hidden should be 3 numbers"),
        ("abc", SEED_OUTPUT, "hidden should be 3 numbers"),
        ([1, 1], SEED_OUTPUT, "hidden should be 3 finite numbers"),
        (SEED_HIDDEN, [1, 1, -2], "output should be 4 finite numbers"),
        (SEED_HIDDEN, [1, 1, np.nan, 0], "output should be 4 finite numbers"),
        (SEED_HIDDEN, [[1, 1], [-2]], "output should be 4 numbers"),
    ],
)
def test_xor_checker_never_raises_on_unfinished_answers(capsys, hidden, output, says):
    assert check_xor_threshold_net(hidden, output) is False
    assert says in capsys.readouterr().out


COLLAPSE_LAYERS = [(np.array([[1.0, 2.0]]), np.array([1.0])), (np.array([[3.0]]), np.array([0.5]))]


def test_collapse_checker_nudges_an_unfinished_answer(capsys):
    assert check_collapse(None, ..., COLLAPSE_LAYERS) is False
    assert "Not answered yet" in capsys.readouterr().out


def test_collapse_checker_hints_on_wrong_answers(capsys):
    assert not check_collapse(np.array([[1.0, 2.0]]), np.array([1.0]), COLLAPSE_LAYERS)
    assert "Hint" in capsys.readouterr().out
    assert not check_close("text", [1.0], "x", "think")
    assert not check_close([1.0, 2.0], [1.0], "x", "think")
    assert "shape" in capsys.readouterr().out


def test_collapse_checker_accepts_the_right_answer(capsys):
    assert check_collapse(np.array([[3.0, 6.0]]), np.array([3.5]), COLLAPSE_LAYERS)
    assert "Correct" in capsys.readouterr().out
