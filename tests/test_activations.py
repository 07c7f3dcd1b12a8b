from decimal import Context, Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nbs_utils.activations import NAMES, get

LARGEST = np.finfo(float).max
WIDE = np.r_[-1e4, -800.0, -50.0, np.linspace(-10, 10, 2001), 50.0, 800.0, 1e4]
EXTREME = np.r_[-LARGEST, -1e300, -1e4, 0.0, 1e4, 1e300, LARGEST]


def test_required_names_exist():
    for name in ["identity", "step", "sigmoid", "tanh", "relu", "leaky_relu", "softplus"]:
        assert get(name).name == name


@pytest.mark.parametrize("name", NAMES)
def test_finite_over_wide_range_without_warnings(name):
    """Every finite input, up to the largest floats (tanh' once formed 2|x|: inf beyond 9e307)."""
    act = get(name)
    # underflow is not checked: rounding e^-1e4 to 0 is the correct answer in the tails
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert np.all(np.isfinite(act(np.r_[WIDE, EXTREME])))
        assert np.all(np.isfinite(act.derivative(np.r_[WIDE, EXTREME])))


@pytest.mark.parametrize(
    "name, params",
    [(name, {}) for name in NAMES]
    + [("leaky_relu", {"alpha": 0.3}), ("leaky_relu", {"alpha": -0.5}), ("elu", {"alpha": 0.5}),
       ("sigmoid", {"k": 3.0}), ("sigmoid", {"k": -2.0})],
)  # fmt: skip
def test_derivative_matches_finite_differences(name, params):
    act = get(name, **params)
    x = np.linspace(-6, 6, 1201)
    x = x[np.abs(x) > 1e-3]  # away from the kinks at 0
    h = 1e-6
    numeric = (act(x + h) - act(x - h)) / (2 * h)
    assert np.allclose(act.derivative(x), numeric, atol=1e-6)


def test_known_values():
    assert np.allclose(get("sigmoid")([-1e4, 0, 1e4]), [0, 0.5, 1])
    assert np.allclose(get("softplus")([-1e4, 0, 1e4]), [0, np.log(2), 1e4])
    assert np.allclose(get("relu")([-2, 0, 3]), [0, 0, 3])
    assert np.allclose(get("step")([-1, 0, 1]), [0, 0, 1])  # H(0) = 0
    assert np.allclose(get("leaky_relu", alpha=0.1)([-2, 3]), [-0.2, 3])


def test_tanh_is_a_rescaled_sigmoid():
    x = np.linspace(-20, 20, 401)
    assert np.allclose(get("tanh")(x), 2 * get("sigmoid")(2 * x) - 1)


def test_sigmoid_derivative_at_most_a_quarter():
    x = np.linspace(-30, 30, 6001)
    d = get("sigmoid").derivative(x)
    assert d.max() == pytest.approx(0.25) and np.all(d <= 0.25)


def test_leaky_relu_with_slope_one_is_identity():
    x = np.linspace(-5, 5, 11)
    assert np.array_equal(get("leaky_relu", alpha=1.0)(x), x)


def test_sigmoid_steepness_parameter():
    assert np.allclose(get("sigmoid", k=3.0)(1.0), 1 / (1 + np.exp(-3.0)))


def test_shapes_are_preserved():
    x = np.zeros((3, 4, 5))
    for name in NAMES:
        assert get(name)(x).shape == x.shape
        assert get(name).derivative(x).shape == x.shape


def test_unknown_name_lists_known_ones():
    with pytest.raises(ValueError, match="relu") as err:
        get("nope")
    assert "softplus" in str(err.value)


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: get(3), TypeError),
        (lambda: get("relu", alpha=0.1), TypeError),
        (lambda: get("leaky_relu", alpha="big"), TypeError),
        (lambda: get("leaky_relu", alpha=float("nan")), ValueError),
        (lambda: get("relu")([1.0, np.nan]), ValueError),
        (lambda: get("relu")([1.0, np.inf]), ValueError),
        (lambda: get("relu")("abc"), TypeError),
        (lambda: get("tanh")(None), TypeError),
    ],
)
def test_bad_input_is_rejected(call, error):
    with pytest.raises(error):
        call()


def test_repr_round_trips():
    assert repr(get("leaky_relu", alpha=0.2)) == "get('leaky_relu', alpha=0.2)"
    assert get("relu").formula == "max(0, x)"


# References in decimal arithmetic (the ``decimal`` module, not the code under test), with
# 400 digits so that 1 + e^-740 keeps its tail in log(1 + e^x).
_CTX = Context(prec=400, Emin=-(10**6), Emax=10**6)
TINY = np.finfo(float).tiny  # below it floats are subnormal and lose relative precision


def _exp(x):
    return Decimal(float(x)).exp()


_FORMULAS = {
    "sigmoid": lambda x: 1 / (1 + _exp(-x)),
    "sigmoid'": lambda x: _exp(-x) / (1 + _exp(-x)) ** 2,
    "tanh'": lambda x: 4 / (_exp(x) + _exp(-x)) ** 2,
    "softplus": lambda x: (1 + _exp(x)).ln(),
    "softplus'": lambda x: 1 / (1 + _exp(-x)),
}


def _reference(name, x):
    with localcontext(_CTX):
        return +_FORMULAS[name](x)


REFERENCES = {name: (lambda x, name=name: _reference(name, x)) for name in _FORMULAS}
COMPUTED = {
    "sigmoid": get("sigmoid"),
    "sigmoid'": get("sigmoid").derivative,
    "tanh'": get("tanh").derivative,
    "softplus": get("softplus"),
    "softplus'": get("softplus").derivative,
}
TAILS = np.r_[-745.0, -740.0, -720.0, -700.5, -650.0, -300.0, -40.0, -20.0, -14.5, -3.0, -1e-9,
              0.0, 1e-9, 0.5, 3.0, 14.5, 20.0, 40.0, 300.0, 700.5, 740.0]  # fmt: skip


@pytest.mark.parametrize("name", REFERENCES)
def test_tails_accurate_in_relative_terms(name):
    """Relative error <= 1e-13 wherever the true value is a normal float; below that,
    within the subnormal spacing (the value is all a float can hold there)."""
    got = COMPUTED[name](TAILS)
    for x, value in zip(TAILS, got):
        true = REFERENCES[name](x)
        if true >= Decimal(TINY):
            assert abs(Decimal(float(value)) - true) <= Decimal("1e-13") * true, (name, x)
        else:
            assert abs(Decimal(float(value)) - true) <= Decimal(4 * 5e-324), (name, x)


def test_the_issue_reproducers():
    assert get("tanh").derivative(20.0) == pytest.approx(1.7e-17, rel=0.01)
    tanh_slope = float(REFERENCES["tanh'"](-14.5))
    assert get("tanh").derivative(-14.5) == pytest.approx(tanh_slope, rel=1e-14)
    left = get("sigmoid")([-700.0, -710.0, -720.0])  # was clipped: 9.86e-305 for every x <= -700
    assert left[0] > left[1] > left[2] > 0
    assert get("softplus")(-710.0) == pytest.approx(
        float(REFERENCES["softplus"](-710.0)), rel=1e-13
    )


def test_elu_and_swish_known_values():
    x = np.array([-1e4, -1.0, 0.0, 2.0])
    assert np.allclose(get("elu")(x), [-1.0, np.expm1(-1.0), 0.0, 2.0])
    assert np.allclose(get("elu", alpha=0.5)(x), [-0.5, 0.5 * np.expm1(-1.0), 0.0, 2.0])
    assert np.allclose(get("swish")(x), [0.0, -1 / (1 + np.e), 0.0, 2 / (1 + np.exp(-2.0))])
    assert get("swish").derivative(0.0) == pytest.approx(0.5)
    assert get("elu").derivative(-1.0) == pytest.approx(np.exp(-1.0))


@pytest.mark.parametrize("k", [1e300, 1e10, -3.0, 0.0])
def test_steep_sigmoid_saturates_without_overflow(k):
    """sigma(k x) for a steep (or negative) k: k x beyond float64's range is +-inf, where
    sigma is exactly 1 or 0 and its slope 0; it once raised an overflow warning."""
    act = get("sigmoid", k=k)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        values, slopes = act(EXTREME), act.derivative(EXTREME)
    if k == 0:
        np.testing.assert_array_equal(values, 0.5)
    else:
        np.testing.assert_array_equal(values[EXTREME != 0], np.sign(EXTREME[EXTREME != 0]) * k > 0)
    assert values[EXTREME == 0] == 0.5 and slopes[EXTREME == 0] == k / 4
    assert np.all(np.isfinite(slopes))


def test_activations_are_hashable_values():
    """A frozen value: equal activations hash alike (usable in sets and as dict keys)."""
    assert len({get("relu"), get("relu"), get("leaky_relu"), get("leaky_relu", alpha=0.01)}) == 2
    assert hash(get("sigmoid", k=2)) == hash(get("sigmoid", k=2.0))
    assert get("leaky_relu", alpha=0.1) != get("leaky_relu", alpha=0.2)


@settings(max_examples=200, deadline=None)
@given(
    name=st.sampled_from(["leaky_relu", "elu", "sigmoid"]),
    param=st.floats(-1.7e308, 1.7e308),
    x=st.floats(-1.7e308, 1.7e308),
)
def test_any_parameter_gives_a_finite_value_or_says_overflow(name, param, x):
    """f(x) and f'(x) for every parameter (alpha, k) and every finite x: the float64 value,
    or an OverflowError where it is beyond float64 (alpha x at alpha = 1e300, x = -1.7e308
    once returned -inf with a warning); never an inf, never a warning."""
    act = get(name, **{"k" if name == "sigmoid" else "alpha": param})
    for f in (act, act.derivative):
        try:
            value = f(x)
        except OverflowError as err:
            assert "float64's range" in str(err)
        else:
            assert np.isfinite(value)


def test_alpha_x_beyond_float64_is_an_error_not_minus_inf():
    leaky = get("leaky_relu", alpha=1e300)
    with pytest.raises(OverflowError, match=r"leaky_relu\(x\) is beyond float64's range"):
        leaky([-1.7e308])
    np.testing.assert_array_equal(leaky([1.7e308, -1.0]), [1.7e308, -1e300])  # unused alpha x
