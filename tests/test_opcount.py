from collections import Counter

import numpy as np
import pytest

from nbs_utils.activations import NAMES, get
from nbs_utils.opcount import CountingArray, count_operations

X = np.linspace(-3, 3, 13)


def test_counts_ufuncs_operators_and_array_functions():
    counted = count_operations(lambda x: np.where(x > 0, np.exp(x) + 1.0, 2 * x), X)
    assert counted == Counter({"greater": 1, "exp": 1, "add": 1, "multiply": 1, "where": 1})


def test_nothing_counted_for_a_function_that_does_nothing():
    assert count_operations(lambda x: x, X) == Counter()


def test_relu_is_one_maximum_and_input_checks_are_not_counted():
    assert count_operations(get("relu"), X) == Counter({"maximum": 1})
    assert count_operations(get("relu"), [[1.0, -2.0]]) == Counter({"maximum": 1})


@pytest.mark.parametrize("name", NAMES)
def test_counting_does_not_change_results(name):
    act = get(name)
    for f in (act, act.derivative):
        seen = []
        count_operations(lambda x, f=f, seen=seen: seen.append(np.asarray(f(x))), X)
        np.testing.assert_array_equal(seen[0], f(X))


def test_transcendental_functions_show_up():
    assert "exp" in count_operations(get("sigmoid"), X)
    assert "tanh" in count_operations(get("tanh"), X)
    assert {"exp", "log1p"} <= set(count_operations(get("softplus"), X))


def test_results_carry_the_counter_and_reductions_count():
    def f(x):
        y = np.maximum(x, 0.0)
        assert isinstance(y, CountingArray)
        return y.sum()

    assert count_operations(f, X) == Counter({"maximum": 1, "add.reduce": 1})


def test_bad_input():
    with pytest.raises(TypeError, match="callable"):
        count_operations("relu", X)
    with pytest.raises(TypeError, match="real numbers"):
        count_operations(get("relu"), ["a"])
    with pytest.raises(ValueError, match="finite"):
        count_operations(get("relu"), [np.nan])
