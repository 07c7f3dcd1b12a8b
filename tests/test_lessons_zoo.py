"""nbs_utils.lessons.zoo: parametrised activations, raw measurements and their normaliser."""

import numpy as np

from nbs_utils.lessons.zoo import RAW_MEANS, activation_for, normalise, raw_measurements


def test_raw_measurements_are_seeded_and_unnormalised():
    X = raw_measurements(seed=3)
    assert np.array_equal(X, raw_measurements(seed=3)) and X.shape == (300, 4)
    assert np.allclose(X.mean(axis=0), RAW_MEANS, atol=5) and np.all(X.std(axis=0) > 2)


def test_activation_for_applies_only_the_relevant_parameter():
    assert activation_for("sigmoid", 0.3, 2.0).params == {"k": 2.0}
    assert activation_for("elu", 0.3, 2.0).params == {"alpha": 0.3}
    assert activation_for("tanh", 0.3, 2.0).params == {}


def test_normalised_columns_have_mean_0_and_standard_deviation_1():
    X = normalise(raw_measurements(seed=1))
    assert np.allclose(X.mean(axis=0), 0.0, atol=1e-12)
    assert np.allclose(X.std(axis=0), 1.0)
