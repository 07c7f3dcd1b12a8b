import numpy as np
import pytest

from nbs_utils import datasets


@pytest.mark.parametrize("make", [datasets.xor, datasets.circles, datasets.bands])
def test_same_seed_same_data(make):
    X1, y1 = make(seed=3)
    X2, y2 = make(seed=3)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert X1.shape == (len(y1), 2) and set(np.unique(y1)) == {0, 1}


def test_xor_defaults_are_the_truth_table():
    X, y = datasets.xor()
    assert np.array_equal(X, datasets.XOR_X) and np.array_equal(y, [0, 1, 1, 0])


def test_noisy_xor_has_requested_size():
    X, y = datasets.xor(n_per_corner=25, noise=0.1, seed=1)
    assert X.shape == (100, 2) and y.sum() == 50


def test_circles_radii():
    X, y = datasets.circles(n=500, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert np.all(r[y == 0] < 1.0) and np.all((r[y == 1] >= 1.5) & (r[y == 1] <= 2.0))
    assert len(y) == 500


def test_bands_respect_the_gap():
    X, y = datasets.bands(n=1000, seed=0)
    gap = np.abs(X[:, 1] - X[:, 0])
    assert len(y) == 1000
    assert np.all(gap[y == 0] < 0.8) and np.all(gap[y == 1] > 1.2)
    assert np.all(np.abs(X) <= 3.0)


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: datasets.xor(n_per_corner=0), ValueError),
        (lambda: datasets.xor(noise=-1.0), ValueError),
        (lambda: datasets.xor(seed="a"), TypeError),
        (lambda: datasets.circles(n=2.5), TypeError),
        (lambda: datasets.circles(r_disk=2.0), ValueError),
        (lambda: datasets.bands(inner=2.0, outer=1.0), ValueError),
        (lambda: datasets.bands(box=float("nan")), ValueError),
    ],
)
def test_bad_input_is_rejected(call, error):
    with pytest.raises(error):
        call()


def test_bands_refuse_a_gap_that_leaves_nothing_to_sample():
    with pytest.raises(ValueError, match="share"):  # used to loop forever
        datasets.bands(50, 0, 1e-300, 5.9999999, 3.0)
    X, y = datasets.bands(50, 0, 1e-300, 5.0, 3.0)  # thin band, wide corners: fine
    assert len(y) == 50 and np.all(np.abs(X[:, 1] - X[:, 0])[y == 1] > 5.0)


def test_bands_kept_share_matches_the_sampled_share():
    # the formula behind the refusal: 1 - (1 - inner/L)^2 + (1 - outer/L)^2, L = 2 box
    rng = np.random.default_rng(0)
    cand = rng.uniform(-3, 3, (200_000, 2))
    gap = np.abs(cand[:, 1] - cand[:, 0])
    sampled = np.mean((gap < 0.8) | (gap > 1.2))
    assert sampled == pytest.approx(1 - (1 - 0.8 / 6) ** 2 + (1 - 1.2 / 6) ** 2, abs=0.005)


PLAYGROUND_SETS = [datasets.circle, datasets.xor_quadrants, datasets.gauss, datasets.spiral]


@pytest.mark.parametrize("make", PLAYGROUND_SETS)
def test_playground_sets_are_seeded_balanced_and_in_the_square(make):
    X1, y1 = make(n=300, noise=0.1, seed=5)
    X2, y2 = make(n=300, noise=0.1, seed=5)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert X1.shape == (300, 2) and set(np.unique(y1)) == {0, 1}
    assert 0.4 < y1.mean() < 0.6
    assert not np.array_equal(make(n=300, noise=0.1, seed=6)[0], X1)
    X, _ = make(n=300)
    assert np.abs(X).max() <= datasets.PLAYGROUND_HALF_WIDTH


def test_playground_labels_follow_their_rules():
    X, y = datasets.circle(n=400)
    r = np.hypot(X[:, 0], X[:, 1])
    assert np.all(r[y == 1] < 2.5) and np.all(r[y == 0] > 3.5)
    X, y = datasets.xor_quadrants(n=400)
    assert np.array_equal(y, (X[:, 0] * X[:, 1] > 0).astype(int))
    assert np.abs(X).min() >= 0.3
    X, y = datasets.gauss(n=400)
    assert np.mean((X.sum(axis=1) > 0) == (y == 1)) > 0.95


def test_feature_map_columns():
    X = np.array([[1.0, 2.0], [-0.5, 3.0]])
    Phi = datasets.feature_map(X, ["x1", "x2", "x1^2", "x2^2", "x1x2", "sin x1", "sin x2"])
    x1, x2 = X.T
    assert np.allclose(Phi, np.c_[x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: datasets.feature_map(np.ones((3, 2)), ["x3"]), ValueError),
        (lambda: datasets.feature_map(np.ones((3, 2)), "x1"), TypeError),
        (lambda: datasets.feature_map(np.ones((3, 2)), []), ValueError),
        (lambda: datasets.feature_map(np.ones((3, 2)), ["x1", "x1"]), ValueError),
        (lambda: datasets.feature_map(np.ones((3, 3)), ["x1"]), ValueError),
        (lambda: datasets.circle(noise=-1.0), ValueError),
        (lambda: datasets.spiral(n=1), ValueError),
    ],
)
def test_playground_data_bad_input(call, error):
    with pytest.raises(error):
        call()


@pytest.mark.parametrize(
    "make, size",
    [
        (datasets.xor, "noise"),
        (datasets.bands, "box"),
        (datasets.circle, "radius"),
        (datasets.xor_quadrants, "half_width"),
        (datasets.gauss, "spread"),
        (datasets.gauss, "center"),
        (datasets.spiral, "turns"),
    ],
)
def test_sizes_up_to_max_scale_give_finite_data_and_larger_ones_are_refused(make, size):
    X, y = make(**{size: datasets.MAX_SCALE})
    assert np.all(np.isfinite(X)) and np.all(np.isfinite(X[:, 0] * X[:, 1]))
    with pytest.raises(ValueError, match=f"{size} must lie in"):
        make(**{size: 1e308})  # overflowed: inf or NaN points, or numpy's OverflowError


def test_circles_refuse_a_ring_beyond_max_scale():
    X, _ = datasets.circles(
        r_disk=0.5 * datasets.MAX_SCALE, r_ring=(0.7 * datasets.MAX_SCALE, datasets.MAX_SCALE)
    )
    assert np.all(np.isfinite(X)) and np.all(np.isfinite(X**2))
    with pytest.raises(ValueError, match="r_ring must lie in"):
        datasets.circles(r_ring=(1.5, 1e200))  # its square overflowed


@pytest.mark.parametrize("make", [datasets.plane, datasets.multi_gaussian])
def test_regression_sets_are_seeded_uniform_on_the_square_with_targets_in_minus_one_to_one(make):
    X, t = make(n=400, seed=3)
    X2, t2 = make(n=400, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(t, t2)
    assert not np.array_equal(X, make(n=400, seed=4)[0])
    assert X.shape == (400, 2) and t.shape == (400,) and t.dtype == float
    assert np.abs(X).max() <= 6.0 and np.abs(t).max() <= 1.0
    assert t.min() < -0.5 and t.max() > 0.5  # both signs
    Xn, tn = make(n=400, seed=3, noise=1.0)
    assert np.array_equal(Xn, X) and not np.array_equal(tn, t)  # noise moves the reading


def test_regression_targets_follow_their_rules():
    X, t = datasets.plane(n=300, seed=0)
    assert np.allclose(t, (X[:, 0] + X[:, 1]) / 12.0)
    centres = np.array([[a, b] for a, b, _ in datasets.GAUSSIAN_BUMPS])
    _, t_at = datasets.multi_gaussian(n=2, seed=0)  # (random points)
    X, t = datasets.multi_gaussian(n=2000, seed=0)
    d = np.hypot(X[:, None, 0] - centres[:, 0], X[:, None, 1] - centres[:, 1]).min(axis=1)
    assert np.all(t[d >= 2.0] == 0.0)  # away from every bump
    near = d < 0.2
    signs = np.array([s for *_, s in datasets.GAUSSIAN_BUMPS])
    nearest = np.argmin(
        np.hypot(X[:, None, 0] - centres[:, 0], X[:, None, 1] - centres[:, 1]), axis=1
    )
    assert np.all(np.sign(t[near]) == signs[nearest[near]]) and np.all(np.abs(t[near]) > 0.9)
    assert t_at.shape == (2,)
