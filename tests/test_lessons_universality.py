"""nbs_utils.lessons.universality: Nielsen's steps, bumps and tower; polynomial activations."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

from nbs_utils.lessons import universality as u

S, H = np.array([0.0, 0.2, 0.4, 0.6, 0.8]), np.array([0.25, 0.11, 0.49, 0.17, 0.77])


def test_target_is_nielsens_function():
    assert u.target(0.0) == pytest.approx(0.25)
    assert u.target(1.0) == pytest.approx(0.6 + 0.3 * np.sin(15) + 0.05 * np.cos(50))


def test_output_weights_are_the_jumps_between_levels():
    assert np.allclose(u.output_weights([0.3, 0.5, 0.1]), [0.3, 0.2, -0.4])


def test_bumps_sum_to_the_staircase_which_reads_the_heights_between_steps():
    x = np.linspace(0, 1, 501)
    parts = u.bump_parts(x, S, H, 1e4)
    assert parts.shape == (5, 501)
    assert np.allclose(parts.sum(axis=0), u.staircase(x, S, H, 1e4))
    middles = np.array([0.1, 0.3, 0.5, 0.7, 0.9])
    assert np.allclose(u.staircase(middles, S, H, 1e4), H)
    # each bump is h_i on its own interval and 0 on the others
    assert np.allclose(u.bump_parts(middles, S, H, 1e4), np.diag(H))


def test_a_step_sits_at_minus_b_over_w():
    w, s = 1e3, 0.37
    b = -w * s
    assert u.staircase(np.array([s]), [s], [1.0], w)[0] == pytest.approx(
        0.5
    )  # sigma(w s + b) = 1/2
    assert u.staircase(np.array([s - 0.01, s + 0.01]), [s], [1.0], w) == pytest.approx(
        [0, 1], abs=1e-4
    )
    assert b == pytest.approx(-370.0)


@pytest.mark.parametrize("w", [0.0, 10.0, 1e3, 1e4])
def test_l2_distance_matches_adaptive_quadrature(w):
    def squared(x):
        return (u.staircase(np.array([x]), S, H, w)[0] - u.target(x)) ** 2

    ref, _ = quad(squared, 0, 1, points=list(S[1:]), limit=1000, epsabs=1e-15, epsrel=1e-13)
    assert u.l2_distance(S, H, w) == pytest.approx(np.sqrt(ref), rel=1e-9)


def test_l2_distance_of_steep_steps_is_that_of_the_staircase():
    # hard steps: the integral splits into smooth pieces that quad handles exactly
    pieces = zip(S, np.r_[S[1:], 1.0], H)
    exact = np.sqrt(
        sum(
            quad(lambda x, h=h: (u.target(x) - h) ** 2, a, b, epsabs=1e-15)[0] for a, b, h in pieces
        )
    )
    assert u.l2_distance(S, H, 1e12) == pytest.approx(exact, rel=1e-9)
    # and the steep sigmoids approach it like 1/w
    gaps = [abs(u.l2_distance(S, H, w) - exact) for w in (1e6, 1e8)]
    assert gaps[1] < gaps[0] / 50


def test_l2_distance_of_a_perfect_match_is_zero():
    assert u.l2_distance([-0.1], [0.5], 1e6, f=lambda x: np.full_like(x, 0.5)) < 1e-9


def test_best_heights_of_hard_steps_are_interval_means():
    best = u.best_heights(S, 1e12)
    means = [quad(u.target, a, b)[0] / (b - a) for a, b in zip(S, np.r_[S[1:], 1.0])]
    assert np.allclose(best, means, atol=1e-9)


@pytest.mark.parametrize("w", [10.0, 1e3])
def test_best_heights_minimise_the_distance(w):
    best = u.best_heights(S, w)
    d = u.l2_distance(S, best, w)
    rng = np.random.default_rng(0)
    for _ in range(20):
        assert u.l2_distance(S, best + rng.normal(0, 0.01, 5), w) > d


def test_tower_values():
    xs = np.array([0.5, 0.5, 0.1, 0.1])
    ys = np.array([0.5, 0.1, 0.5, 0.1])  # square, an arm, the other arm, outside
    steps, tower = u.tower(xs, ys)
    assert np.allclose(steps, [2, 1, 1, 0], atol=1e-6)
    assert tower[0] > 0.99 and np.all(tower[1:] < 0.01)


@pytest.mark.parametrize("width", [2, 10, 100])
def test_square_activation_never_beats_the_best_quadratic(width):
    x = np.linspace(-np.pi, np.pi, 1001)
    fit, rms = u.random_feature_fit(x, np.sin(x), width, "square")
    assert rms == pytest.approx(u.polynomial_fit_rms(x, np.sin(x), 2), rel=1e-9)
    # the net's output is itself a polynomial of degree 2
    assert np.allclose(np.polynomial.Polynomial.fit(x, fit, 2)(x), fit, atol=1e-10)


def test_non_polynomial_activations_get_close_as_width_grows():
    x = np.linspace(-np.pi, np.pi, 1001)
    for activation in ("tanh", "relu"):
        errors = [u.random_feature_fit(x, np.sin(x), n, activation)[1] for n in (2, 10, 100)]
        assert errors[0] > errors[1] > errors[2]
        assert errors[2] < 1e-2


def test_random_features_are_seeded_and_shaped():
    x = np.linspace(-1, 1, 7)
    a, b = u.random_features(x, 4, "tanh", seed=3), u.random_features(x, 4, "tanh", seed=3)
    assert a.shape == (7, 4) and np.array_equal(a, b)
    assert np.allclose(
        u.random_features(x, 4, "square"),
        u.square_activation(np.sqrt(u.random_features(x, 4, "square"))),
    )


def test_a_vanishing_steepness_gives_the_flat_net_without_overflow():
    # w -> 0: every unit is sigma(0) = 1/2, the net is H[-1] / 2; 1e-320 / 1e-300 overflowed
    flat = np.sqrt(quad(lambda x: (H[-1] / 2 - u.target(x)) ** 2, 0, 1, limit=200)[0])
    for w in (1e-300, 1e-320):
        assert u.l2_distance(S, H, w) == pytest.approx(flat, rel=1e-7)
        assert np.all(np.isfinite(u.best_heights(S, w)))


def test_quadrature_nodes_are_capped():
    assert u.l2_distance(S, H, 10.0, nodes=u.MAX_NODES) == pytest.approx(u.l2_distance(S, H, 10.0))
    with pytest.raises(ValueError, match="nodes must be <= 1000"):
        u.l2_distance(S, H, 10.0, nodes=20_000)  # nodes^3 work: minutes


@pytest.mark.parametrize("activation", ["square", "tanh", "relu"])
def test_random_feature_fit_on_one_repeated_x_is_the_mean(activation):
    # every unit is act(0) = 0 there: only the bias fits, so the fit is mean(y) (0/0 before)
    fit, rms = u.random_feature_fit([1.0, 1.0, 1.0], [0.0, 1.0, 2.0], 3, activation)
    assert np.allclose(fit, 1.0) and rms == pytest.approx(np.sqrt(2 / 3))


def test_polynomial_fit_with_fewer_distinct_x_than_coefficients_is_least_squares():
    # the best fit goes through the mean of y at each x (numpy's RankWarning before)
    assert u.polynomial_fit_rms([1.0, 1.0, 1.0], [0.0, 1.0, 2.0], 2) == pytest.approx(np.sqrt(2 / 3))  # fmt: skip
    assert u.polynomial_fit_rms([0.0, 0.0, 1.0, 1.0], [0.0, 2.0, 1.0, 3.0], 2) == pytest.approx(1.0)  # fmt: skip


@settings(max_examples=20, deadline=None)
@given(scale=st.floats(1e-300, 1e300), offset=st.floats(-1e3, 1e3))
def test_random_features_are_the_same_units_at_any_scale_of_x(scale, offset):
    x = np.linspace(-1.0, 2.0, 7)
    moved = offset * scale + scale * x  # slopes 3 / range and a 1e-12 floor broke tiny ranges
    for activation in ("tanh", "relu"):
        assert np.allclose(u.random_features(moved, 5, activation), u.random_features(x, 5, activation), atol=1e-6)  # fmt: skip
    assert u.random_feature_fit(moved, np.sin(x), 5, "tanh")[1] == pytest.approx(u.random_feature_fit(x, np.sin(x), 5, "tanh")[1], rel=1e-4, abs=1e-9)  # fmt: skip
