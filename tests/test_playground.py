import numpy as np
import pytest

from nbs_utils.activations import get
from nbs_utils.geometry import count_linear_regions, linearly_separable, region_bounds
from nbs_utils.nets import collapse, forward
from nbs_utils.playground import DATASETS, Diverged, Playground
from nbs_utils.playground.readouts import readouts_html
from testkit.geometry_reference import patterns_by_lp


def _same_layers(a, b):
    return all(
        np.array_equal(W1, W2) and np.array_equal(b1, b2) for (W1, b1), (W2, b2) in zip(a, b)
    )


@pytest.mark.parametrize("batch_size", [None, 10])
def test_same_seed_same_weights_however_the_steps_are_grouped(batch_size):
    one = Playground("spiral", hidden=(8, 8), activation="tanh", seed=3, batch_size=batch_size)
    one.train(300)
    other = Playground("spiral", hidden=(8, 8), activation="tanh", seed=3, batch_size=batch_size)
    for chunk in [1, 7, 92, 0, 200]:
        other.train(chunk)
    assert other.step == one.step == 300 and _same_layers(one.layers, other.layers)
    third = Playground("spiral", hidden=(8, 8), activation="tanh", seed=4, batch_size=batch_size)
    third.train(300)
    assert not _same_layers(one.layers, third.layers)


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_every_dataset_builds_and_trains(dataset):
    pg = Playground(dataset, hidden=(4,), activation="relu", seed=0, n_points=100, noise=0.3)
    assert len(pg.points("train")[0]) == 50 and len(pg.points("test")[0]) == 50
    pg.train(20)
    assert np.isfinite(pg.loss("train"))
    if pg.regression:
        assert np.all(np.isfinite(pg.predict(pg.points("test")[0])))
    else:
        assert 0.0 <= pg.accuracy("test") <= 1.0


def test_public_api_and_layer_shapes():
    pg = Playground(dataset="circle", hidden=(4,), activation="relu", seed=0)
    assert pg.box == ((-6.0, 6.0), (-6.0, 6.0))
    assert [W.shape for W, _ in pg.layers] == [(4, 2), (1, 4)]
    pg.train(steps=500)
    assert pg.accuracy("test") >= 0.95 and pg.accuracy("train") >= 0.95
    X, _ = pg.points("test")
    p = forward(pg.layers, X, activation=get("relu"))
    assert np.allclose(1 / (1 + np.exp(-p[:, 0])), pg.predict_proba(X))


def test_region_count_is_count_linear_regions_of_the_hidden_layers():
    pg = Playground("spiral", hidden=(6, 5), activation="relu", seed=1)
    pg.train(200)
    assert pg.region_count() == count_linear_regions(pg.layers[:-1], pg.box)
    assert pg.region_bounds() == region_bounds(2, [6, 5])
    assert pg.region_count() <= pg.region_bounds()["serra"]


def test_leaky_relu_region_count_is_exact():
    pg = Playground("spiral", hidden=(5, 4), activation=["leaky_relu", "relu"], seed=1)
    pg.train(200)
    (W1, b1), (W2, b2), _ = pg.layers
    alpha = get("leaky_relu").params["alpha"]
    assert pg.region_count() == count_linear_regions(pg.layers[:-1], pg.box, [alpha, 0.0])
    assert pg.region_count() == len(patterns_by_lp(pg.layers[:-1], pg.box, 1e-7, [alpha, 0.0]))
    bounds = pg.region_bounds()
    assert "serra" not in bounds and pg.region_count() <= bounds["product"]
    one = Playground("circle", hidden=(6,), activation="leaky_relu", seed=0)
    assert one.region_count() == count_linear_regions(one.layers[:-1], one.box)  # same lines
    assert "product upper bound" in readouts_html(pg) and "Serra" not in readouts_html(pg)


def test_identity_layers_fold_into_the_region_count():
    pg = Playground("circle", hidden=(5, 4), activation=["identity", "relu"], seed=2)
    (W1, b1), (W2, b2), _ = pg.layers
    assert pg.region_count() == count_linear_regions([(W2 @ W1, W2 @ b1 + b2)], pg.box)
    assert Playground("circle", hidden=(3, 3), activation="identity").region_count() == 1
    assert Playground("circle", hidden=()).region_count() == 1


@pytest.mark.parametrize(
    "kwargs",
    [
        {"activation": "tanh"},
        {"activation": ["relu", "elu"]},
        {"activation": "swish"},
        {"features": ("x1", "x2", "x1^2")},
    ],  # fmt: skip
)
def test_region_count_refuses_what_it_cannot_count(kwargs):
    pg = Playground("circle", **{"hidden": (3, 3), **kwargs})
    with pytest.raises(ValueError, match="region_count"):
        pg.region_count()


def test_identity_net_is_its_collapse_and_never_fits_the_circle():
    pg = Playground("circle", hidden=(4, 4, 4), activation="identity", seed=0)
    pg.train(1000)
    W, b = pg.collapsed()
    assert np.allclose((W, b)[0], collapse(pg.layers)[0])
    X, _ = pg.points("test")
    assert np.array_equal(pg.predict_proba(X) > 0.5, X @ (W[0] / 1) + b[0] > 0)
    assert pg.accuracy("test") < 0.75
    with pytest.raises(ValueError, match="identity"):
        Playground("circle", activation="relu").collapsed()


def test_swapping_the_activation_keeps_the_weights():
    pg = Playground("circle", hidden=(8,), activation="tanh", seed=0, learning_rate=0.1)
    pg.train(1000)
    before = pg.layers
    assert pg.accuracy("test") > 0.95
    pg.set_activation("identity")
    assert _same_layers(before, pg.layers) and pg.activations == ["identity"]
    assert pg.accuracy("test") < 0.75
    pg.set_activation("tanh", layer=0)
    assert pg.accuracy("test") > 0.95


def test_diverging_learning_rate_resets_with_a_message():
    pg = Playground("circle", hidden=(8, 8, 8), activation="leaky_relu", seed=0, learning_rate=10.0)
    initial = pg.layers
    with pytest.raises(Diverged, match="lower the learning rate"):
        pg.train(300)
    assert pg.step == 0 and _same_layers(initial, pg.layers)
    assert "diverged" in pg.message
    assert all(np.all(np.isfinite(W)) for W, _ in pg.layers)


def test_weights_whose_products_leave_float64_diverge_with_a_message():
    """A forward pass beyond float64 (an OverflowError in nets) is a divergence, not a crash."""
    pg = Playground("circle", hidden=(8, 8), activation="relu", seed=0)
    pg.layers = [(np.full_like(W, 1e200), b) for W, b in pg.layers]
    with pytest.raises(Diverged, match="lower the learning rate"):
        pg.train(1)
    assert all(np.all(np.abs(W) < 1e3) for W, _ in pg.layers)  # reset to fresh weights


def test_separability_of_the_last_hidden_layer():
    pg = Playground("circle", hidden=(4,), activation="relu", seed=0)
    pg.train(500)
    X, y = pg.points("train")
    H = np.maximum(pg.features_of(X) @ pg.layers[0][0].T + pg.layers[0][1], 0)
    r = pg.separability()
    assert r.separable and r.margin == pytest.approx(linearly_separable(H, y).margin)


def test_features_x_squared_fit_the_circle_with_no_hidden_layer():
    pg = Playground("circle", hidden=(), features=("x1^2", "x2^2"), seed=0)
    pg.train(1000)
    assert pg.accuracy("test") >= 0.95 and pg.separability().separable


def test_points_added_cleared_and_through_csv():
    pg = Playground("xor", n_points=20)
    pg.add_point(1.5, -2.0, 1)
    X, y = pg.points("train")
    assert np.array_equal(X[-1], [1.5, -2.0]) and y[-1] == 1 and len(X) == 11
    text = pg.to_csv()
    other = Playground("circle", n_points=50)
    other.from_csv(text)
    assert other.to_csv() == text
    for split in ("train", "test"):
        assert np.array_equal(other.points(split)[0], pg.points(split)[0])
    pg.clear_points()
    assert len(pg.points("train")[0]) == 0
    with pytest.raises(ValueError, match="no training points"):
        pg.train(1)
    pg.add_point(0.0, 0.0, 0)
    pg.add_point(1.0, 1.0, 1)
    pg.train(5)
    with pytest.raises(ValueError, match="header"):
        pg.from_csv("a,b\n1,2\n")
    with pytest.raises(ValueError, match="line 2"):
        pg.from_csv("x1,x2,label,split\n1,2,3\n")


def test_weights_saved_and_loaded(tmp_path):
    pg = Playground("gauss", hidden=(3, 2), activation=["tanh", "relu"], seed=1)
    pg.train(50)
    pg.save(tmp_path / "net.npz")
    other = Playground("gauss", seed=1)
    other.load(tmp_path / "net.npz")
    assert other.hidden == (3, 2) and other.activations == ["tanh", "relu"] and other.step == 50
    assert _same_layers(pg.layers, other.layers)
    X, _ = pg.points("test")
    assert np.array_equal(pg.predict_proba(X), other.predict_proba(X))


def test_neuron_formula():
    pg = Playground("circle", hidden=(2, 2), activation=["relu", "tanh"], seed=0)
    W, b = pg.layers[0]
    pg.layers = [(np.array([[0.31, -1.2], [1.0, 0.0]]), np.array([0.05, -2.0])), *pg.layers[1:]]
    assert pg.neuron_formula(0, 0) == "h₁₁ = relu(0.31·x₁ − 1.20·x₂ + 0.05)"
    assert pg.neuron_formula(0, 1) == "h₁₂ = relu(1.00·x₁ + 0.00·x₂ − 2.00)"
    assert pg.neuron_formula(1, 0).startswith("h₂₁ = tanh(") and "h₁₂" in pg.neuron_formula(1, 0)
    with pytest.raises(ValueError):
        pg.neuron_formula(2, 0)


def test_configure_resets_only_what_it_must():
    pg = Playground("circle", hidden=(3,), seed=0)
    pg.train(10)
    pg.configure(learning_rate=0.1, batch_size=10, regularization="l2", reg_rate=0.01)
    assert pg.step == 10
    pg.train(10)
    pg.configure(hidden=(3, 2))
    assert pg.step == 0 and len(pg.layers) == 3 and pg.activations == ["relu", "relu"]
    pg.configure(features=("x1", "x2", "sin x1"))
    assert pg.layers[0][0].shape == (3, 3)


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"dataset": "moons"}, ValueError),
        ({"hidden": (4,) * 7}, ValueError),
        ({"hidden": (0,)}, ValueError),
        ({"hidden": 4}, TypeError),
        ({"activation": "nope"}, ValueError),
        ({"activation": ["relu", "relu"]}, ValueError),
        ({"features": ("x3",)}, ValueError),
        ({"test_fraction": 1.0}, ValueError),
        ({"noise": -0.1}, ValueError),
        ({"learning_rate": float("nan")}, ValueError),
        ({"regularization": "l3"}, ValueError),
        ({"seed": "zero"}, TypeError),
        ({"colour": "red"}, TypeError),
        ({"problem": "clustering"}, ValueError),
        ({"problem": ["regression"]}, ValueError),
        ({"problem": "regression", "dataset": "circle"}, ValueError),
        ({"problem": "classification", "dataset": "plane"}, ValueError),
    ],
)
def test_bad_settings(kwargs, error):
    with pytest.raises(error):
        Playground(**kwargs)


def test_bad_calls():
    pg = Playground()
    with pytest.raises(ValueError, match="split"):
        pg.accuracy("validation")
    with pytest.raises(ValueError, match="label"):
        pg.add_point(0.0, 0.0, 2)
    with pytest.raises(ValueError, match="widths"):
        pg.layers = [(np.ones((3, 2)), np.ones(3)), (np.ones((1, 3)), np.ones(1))]


def test_region_count_of_a_mixed_relu_family_net_matches_lp_enumeration():
    """Reference: enumerate every on/off pattern of all units by LP (an identity layer is
    a leaky ReLU of slope 1: its units' signs cut nothing the net uses), then keep only the
    ReLU and leaky-ReLU units' bits: the distinct ones are the net's regions."""
    acts = ["relu", "identity", "leaky_relu"]
    pg = Playground("xor", hidden=(3, 3, 2), activation=acts, seed=4)
    pg.train(100)
    alpha = get("leaky_relu").params["alpha"]
    slopes = [0.0, 1.0, alpha]
    hidden = pg.layers[:-1]
    found = patterns_by_lp(hidden, pg.box, 1e-7, slopes)
    bits = np.unpackbits(np.frombuffer(b"".join(found), np.uint8).reshape(len(found), -1), axis=1)
    counted = np.r_[np.ones(3, bool), np.zeros(3, bool), np.ones(2, bool)]  # relu, -, leaky
    assert pg.region_count() == len({row[:8][counted].tobytes() for row in bits})


@pytest.mark.parametrize("n_points, test_fraction", [(4, 0.1), (4, 0.9), (5, 0.1), (7, 0.9)])
def test_tiny_data_sets_keep_both_splits(n_points, test_fraction):
    """At least one point in each split: every setting the constructor accepts can train
    and report both accuracies (4 points at 10% test had an empty test split)."""
    pg = Playground("gauss", n_points=n_points, test_fraction=test_fraction)
    assert len(pg.points("train")[1]) >= 1 and len(pg.points("test")[1]) >= 1
    assert len(pg.points("train")[1]) + len(pg.points("test")[1]) == n_points
    pg.train(3)
    assert 0.0 <= pg.accuracy("train") <= 1.0 and 0.0 <= pg.accuracy("test") <= 1.0


@pytest.mark.parametrize(
    "kwargs, pattern",
    [
        ({"dataset": ["circle"]}, "dataset must be one of"),
        ({"dataset": np.array("xor")}, "dataset must be one of"),
        ({"regularization": ["l2"]}, "regularization must be one of"),
        ({"problem": "clustering"}, "problem must be one of"),
        ({"problem": "regression", "dataset": "xor"}, "not a regression data set"),
        ({"features": {"x1", "x2"}}, None),  # TypeError below: a set's order varies by run
        ({"activation": get("leaky_relu", alpha=0.5)}, "activation names"),
        ({"hidden": (4, 2), "activation": ["relu", get("sigmoid", k=3)]}, "activation names"),
        ({"hidden": {4, 3}}, None),
    ],
)
def test_bad_settings_say_what_was_expected(kwargs, pattern):
    """An unhashable name was Python's "unhashable type: 'list'"; an Activation with its own
    parameters was silently replaced by the default one (alpha 0.5 trained as 0.01); a set
    of features or widths was taken in its iteration order (for strings, a different one
    in every run: the same seed gave other weights)."""
    with pytest.raises(ValueError if pattern else TypeError, match=pattern or "list of"):
        Playground(**kwargs)
    assert Playground(activation=get("leaky_relu", alpha=0.01)).activations == ["leaky_relu"]


@pytest.mark.parametrize("split", [np.array(["train"]), np.array(["train", "test"]), ["test"], 1])
def test_accuracy_of_a_split_that_is_not_a_name(split):
    with pytest.raises(ValueError, match="split must be 'train' or 'test'"):
        Playground().accuracy(split)


# ---- regression ---------------------------------------------------------------------------
def test_a_regression_data_set_or_the_problem_sets_the_other():
    assert Playground().problem == "classification"
    pg = Playground("plane")
    assert pg.problem == "regression" and pg.regression
    assert pg.points("train")[1].dtype == float and np.abs(pg.points("train")[1]).max() <= 1.0
    assert Playground(problem="regression").dataset == "plane"
    pg.configure(problem="classification")
    assert pg.dataset == "circle" and set(pg.points("train")[1].tolist()) == {0, 1}
    pg.configure(dataset="multi_gaussian")
    assert pg.problem == "regression"
    pg.configure(problem="regression")  # already: the data set stays
    assert pg.dataset == "multi_gaussian"


def test_regression_loss_is_half_the_mean_squared_error_of_the_linear_output():
    pg = Playground("multi_gaussian", hidden=(3,), activation="tanh", seed=1)
    pg.train(20)
    X, t = pg.points("test")
    (W1, b1), (W2, b2) = pg.layers
    out = (np.tanh(X @ W1.T + b1) @ W2.T + b2)[:, 0]  # no sigmoid at the output
    assert np.allclose(pg.predict(X), out, rtol=1e-12, atol=1e-12)
    assert np.isclose(pg.loss("test"), np.sum((out - t) ** 2) / (2 * len(t)), rtol=1e-12)
    assert not np.allclose(out, np.clip(out, 0, 1))  # outputs outside [0, 1]: not a probability


@pytest.mark.parametrize("regularization", [None, "l1", "l2"])
def test_regression_gradient_matches_finite_differences(regularization):
    pg = Playground("multi_gaussian", hidden=(3, 2), activation="tanh", seed=2,
                    regularization=regularization, reg_rate=0.01, learning_rate=1.0)  # fmt: skip
    pg.train(5)
    layers = pg.layers

    def objective(ls):
        pg.layers = ls
        value = pg.loss("train")
        W = [w for w, _ in ls]
        if regularization == "l1":
            value += 0.01 * sum(np.abs(w).sum() for w in W)
        elif regularization == "l2":
            value += 0.005 * sum((w * w).sum() for w in W)
        return value

    pg.layers = layers
    before = objective(layers)
    pg.layers = layers
    pg.train(1)  # lr 1: the step is minus the gradient
    grad = [(W - W1, b - b1) for (W, b), (W1, b1) in zip(layers, pg.layers)]
    eps = 1e-6
    for i in range(len(layers)):
        for k in range(2):
            flat = layers[i][k].ravel()
            for j in range(flat.size):
                bumped = [(W.copy(), b.copy()) for W, b in layers]
                bumped[i][k].ravel()[j] += eps
                up = objective(bumped)
                bumped[i][k].ravel()[j] -= 2 * eps
                down = objective(bumped)
                assert np.isclose((up - down) / (2 * eps), grad[i][k].ravel()[j], atol=1e-7)
    assert np.isfinite(before)


def _best_plane_loss(pg):
    """Half the least-squares residual of the best plane ``w . (x1, x2) + c`` (a lower bound
    for every net whose output is a plane: an all-identity one)."""
    X, t = pg.points("train")
    A = np.c_[X, np.ones(len(X))]
    coef = np.linalg.lstsq(A, t, rcond=None)[0]
    return float(0.5 * np.mean((A @ coef - t) ** 2))


def test_a_linear_net_fits_plane_but_not_multi_gaussian_which_a_relu_net_fits():
    linear = Playground("plane", hidden=(4, 4), activation="identity", seed=0)
    linear.train(2000)
    assert linear.loss("train") < 1e-4 and linear.loss("test") < 1e-4  # (targets: a plane)
    bumps = Playground("multi_gaussian", hidden=(4, 4), activation="identity", seed=0)
    bumps.train(2000)
    bound = _best_plane_loss(bumps)
    assert bound > 0.035  # the bumps are far from any plane
    assert bumps.loss("train") >= bound - 1e-12  # however long it trains
    relu = Playground("multi_gaussian", hidden=(8, 8), activation="relu", seed=0)
    relu.train(3000)
    assert relu.loss("train") < 0.6 * bound


def test_regression_readouts_say_what_makes_sense():
    pg = Playground("plane", hidden=(3,), activation="identity", seed=0)
    for call in (lambda: pg.accuracy(), lambda: pg.predict_proba([[0.0, 0.0]]), pg.separability):
        with pytest.raises(ValueError, match="regression"):
            call()
    text = readouts_html(pg)
    assert "separability: not for regression" in text and "plane" in text
    assert "exact linear regions in the box: 1" in text
    W, b = pg.collapsed()
    X = pg.points("test")[0]
    assert np.allclose(pg.predict(X), X @ W[0] + b[0], rtol=1e-12, atol=1e-12)  # a plane
    relu = Playground("multi_gaussian", hidden=(4,), activation="relu", seed=0)
    assert relu.region_count() >= 1  # exact, as in classification


def test_regression_points_take_targets_in_minus_one_to_one():
    pg = Playground("plane")
    pg.add_point(1.0, 2.0, 0.25)
    assert pg.points("train")[1][-1] == 0.25
    with pytest.raises(ValueError, match="target"):
        pg.add_point(1.0, 2.0, 1.5)
    pg.clear_points()
    pg.add_point(0.0, 0.0, -0.5)
    pg.train(1)
    assert np.isclose(pg.loss("train"), 0.5 * (pg.predict([[0.0, 0.0]])[0] + 0.5) ** 2)


def test_regression_points_through_csv_and_the_description_says_output_map():
    pg = Playground("multi_gaussian", n_points=20, seed=3)
    text = pg.to_csv()
    other = Playground("plane", n_points=4)
    other.from_csv(text)  # float targets come back exactly
    assert other.to_csv() == text
    assert np.array_equal(other.points("train")[1], pg.points("train")[1])
    with pytest.raises(ValueError, match=r"target must be in \[-1, 1\]"):
        other.from_csv("x1,x2,label,split\n0,0,1.5,train\n")
    with pytest.raises(ValueError, match="CSV line 2"):
        Playground("circle").from_csv(text)  # targets are not classes
    assert "output map" in pg.description() and "decision map" in Playground().description()


def test_classification_predict_is_the_class_accuracy_counts():
    pg = Playground("xor", hidden=(4,), seed=0)
    pg.train(50)
    X, y = pg.points("test")
    assert np.isclose(np.mean(pg.predict(X) == y), pg.accuracy("test"))
