"""Bad input across the whole public API of nbs_utils, one table.

Each row: a public function, a bad call, the error it must raise (ValueError or
TypeError) and a pattern its message must contain (what was expected). Rows cover the
kinds of bad input: wrong shape, NaN/inf, empty data, unknown names, wrong types.
Cases already in tests/test_<module>.py are not repeated here. A meta test checks that
every public function and class of every math/plot/widget module has at least one row,
so a new function without input checks shows up. A known gap is a strict xfail (it
turns into a failure once fixed: then drop the mark).
"""

import importlib
import inspect
import math
import pkgutil
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nbs_utils
from nbs_utils import (
    activations,
    datasets,
    geometry,
    gradient_flow,
    language,
    nets,
    opcount,
    plots,
    repaint,
    representations,
    train,
    widgets,
)
from nbs_utils.lessons import collapse as lesson_collapse
from nbs_utils.lessons import depth as lesson_depth
from nbs_utils.lessons import hidden as lesson_hidden
from nbs_utils.lessons import universality, warped_grid
from nbs_utils.lessons import xor as lesson_xor
from nbs_utils.lessons import zoo as lesson_zoo

NAN, INF = np.nan, np.inf
BOX = ((-1.0, 1.0), (-1.0, 1.0))
X4, Y4 = np.ones((4, 2)), np.array([0, 1, 0, 1])
SQUARE = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]
RELU = activations.get("relu")


def _layers(*sizes):
    return nets.random_layers(list(sizes), seed=0)


def _axes():
    fig, ax = plots.new_figure()
    return ax


def _slider():
    return widgets.slider("s", 0.0, 1.0, 0.1, 0.5)


# (public name, what is wrong, call, expected error, message pattern[, xfail reason])
CASES = [
    # language
    ("language.use_language", "unknown language", lambda: language.use_language("fr"), ValueError, "zh-CN"),
    ("language.use_language", "not a name", lambda: language.use_language(None), ValueError, "one of"),
    ("language.N_", "not a string", lambda: language.N_(3), TypeError, "a message must be a string"),
    ("language.translated", "not a string", lambda: language.translated(b"x"), TypeError, "a message must be a string"),
    ("language.labelled", "one name, not a list", lambda: language.labelled("relu"), TypeError, "list of names"),
    ("language.labelled", "not a list", lambda: language.labelled(3), TypeError, "list of names"),
    # activations
    ("activations.get", "inf parameter", lambda: activations.get("sigmoid", k=INF), ValueError, "finite"),
    ("activations.get", "empty name", lambda: activations.get(""), ValueError, "known activations"),
    ("activations.Activation", "unknown name", lambda: activations.Activation("nope"), ValueError, "known activations"),
    ("activations.Activation", "unknown parameter", lambda: activations.Activation("relu", {"alpha": 1.0}), TypeError, "allowed parameters"),
    ("activations.Activation", "params not a dict", lambda: activations.Activation("relu", [1]), TypeError, "dict"),
    ("activations.Activation", "ragged x", lambda: RELU([[1.0, 2.0], [3.0]]), TypeError, "numeric"),
    ("activations.Activation", "NaN into derivative", lambda: RELU.derivative([NAN]), ValueError, "finite"),
    ("activations.Activation", "alpha x beyond float64", lambda: activations.get("leaky_relu", alpha=1e300)([-1.7e308]), OverflowError, "float64's range"),
    # datasets
    ("datasets.xor", "float count", lambda: datasets.xor(n_per_corner=1.5), TypeError, "must be an integer"),
    ("datasets.xor", "NaN noise", lambda: datasets.xor(noise=NAN), ValueError, "finite"),
    ("datasets.circles", "too few points", lambda: datasets.circles(n=1), ValueError, ">= 2"),
    ("datasets.circles", "ring of one radius", lambda: datasets.circles(r_ring=(1.5,)), ValueError, "pair"),
    ("datasets.circles", "ring not a pair", lambda: datasets.circles(r_ring=None), TypeError, "pair"),
    ("datasets.circles", "ring a dict (its keys were taken as the radii)", lambda: datasets.circles(r_ring={1.5: "in", 2.0: "out"}), TypeError, "pair"),
    ("datasets.circles", "ring a set (no order)", lambda: datasets.circles(r_ring={1.5, 2.0}), TypeError, "pair"),
    ("datasets.circles", "NaN radius", lambda: datasets.circles(r_ring=(NAN, 2.0)), ValueError, "finite"),
    ("datasets.bands", "inf box", lambda: datasets.bands(box=INF), ValueError, "finite"),
    ("datasets.bands", "seed None", lambda: datasets.bands(seed=None), TypeError, "seed"),
    ("datasets.bands", "count as str", lambda: datasets.bands(n="5"), TypeError, "must be an integer"),
    ("datasets.circle", "NaN noise", lambda: datasets.circle(noise=NAN), ValueError, "finite"),
    ("datasets.xor_quadrants", "padding wider than the square", lambda: datasets.xor_quadrants(padding=9.0), ValueError, "padding"),
    ("datasets.gauss", "negative spread", lambda: datasets.gauss(spread=-1.0), ValueError, "spread"),
    ("datasets.spiral", "float count", lambda: datasets.spiral(n=10.5), TypeError, "must be an integer"),
    ("datasets.plane", "too few points", lambda: datasets.plane(n=1), ValueError, ">= 2"),
    ("datasets.multi_gaussian", "NaN noise", lambda: datasets.multi_gaussian(noise=NAN), ValueError, "finite"),
    ("datasets.feature_map", "NaN point", lambda: datasets.feature_map([[NAN, 0.0]], ["x1"]), ValueError, "finite"),
    ("datasets.as_feature_names", "unknown feature", lambda: datasets.as_feature_names(["x1", "cos x1"]), ValueError, "known features"),
    ("datasets.as_feature_names", "a set (its order of strings changes from run to run)", lambda: datasets.as_feature_names({"x1", "x2"}), TypeError, "list of names"),
    ("datasets.as_feature_names", "a list inside", lambda: datasets.as_feature_names([["x1"]]), ValueError, "known features"),
    # nets
    ("nets.collapse", "empty W", lambda: nets.collapse([(np.empty((0, 2)), np.empty(0))]), ValueError, "at least one row"),
    ("nets.collapse", "W without inputs", lambda: nets.collapse([(np.empty((2, 0)), np.zeros(2))]), ValueError, "at least one row"),
    ("nets.collapse", "inf weights", lambda: nets.collapse([(np.full((2, 2), INF), np.zeros(2))]), ValueError, "finite"),
    ("nets.collapse", "a string", lambda: nets.collapse("abc"), TypeError, "pair"),
    ("nets.collapse", "products beyond float64", lambda: nets.collapse([(np.full((2, 2), 1e200), np.zeros(2)), (np.full((1, 2), 1e200), np.zeros(1))]), OverflowError, "float64's range"),
    ("nets.forward", "1-D X", lambda: nets.forward(_layers(2, 3, 1), np.ones(2)), ValueError, "2-D"),
    ("nets.forward", "empty X", lambda: nets.forward(_layers(2, 3, 1), np.empty((0, 2))), ValueError, "n, d >= 1"),
    ("nets.forward", "inf in X", lambda: nets.forward(_layers(2, 3, 1), [[INF, 0.0]]), ValueError, "finite"),
    ("nets.forward", "output activation a number", lambda: nets.forward(_layers(2, 1), X4, output_activation=1.0), TypeError, "activation name or an Activation"),
    ("nets.forward", "pre-activations beyond float64", lambda: nets.forward([(np.full((1, 2), 1e300), np.zeros(1))], [[1e10, 1e10]]), OverflowError, "pre-activations W h \\+ b of layer 1 is beyond"),
    ("nets.backprop", "labels not 0/1", lambda: nets.backprop(_layers(2, 1), X4, [0, 1, 2, 1], "relu"), ValueError, "labels 0 and 1"),
    ("nets.backprop", "NaN input", lambda: nets.backprop(_layers(2, 1), [[NAN, 0.0]], [1], "relu"), ValueError, "finite"),
    ("nets.backprop", "gradient beyond float64", lambda: nets.backprop([(np.full((1, 2), 1e-300), np.zeros(1)), (np.full((1, 1), 1e300), np.zeros(1))], [[1e10, 1e10]], [0], "identity"), OverflowError, "the gradient is beyond"),
    ("nets.as_activation", "a number", lambda: nets.as_activation(2), TypeError, "activation name or an Activation"),
    ("nets.as_activation", "unknown name", lambda: nets.as_activation("nope"), ValueError, "known activations"),
    ("nets.as_net_input", "wrong X columns", lambda: nets.as_net_input(_layers(2, 1), np.ones((2, 3))), ValueError, "columns"),
    ("nets.as_activations", "a number", lambda: nets.as_activations(3, 1), TypeError, "one per hidden"),
    ("nets.as_activations", "unknown name in the list", lambda: nets.as_activations(["relu", "nope"], 2), ValueError, "known activations"),
    ("nets.random_layers", "sizes None", lambda: nets.random_layers(None), TypeError, "list of layer widths"),
    ("nets.random_layers", "zero width", lambda: nets.random_layers([2, 0]), ValueError, ">= 1"),
    ("nets.random_layers", "float width", lambda: nets.random_layers([2, 1.5]), TypeError, "must be an integer"),
    ("nets.random_layers", "NaN scale", lambda: nets.random_layers([2, 1], scale=NAN), ValueError, "finite"),
    ("nets.random_layers", "negative scale", lambda: nets.random_layers([2, 1], scale=-1.0), ValueError, "scale"),
    ("nets.random_layers", "sizes as str", lambda: nets.random_layers("23"), TypeError, "list of layer widths"),
    # geometry
    ("geometry.linearly_separable", "inf in X", lambda: geometry.linearly_separable([[INF, 0.0], [0.0, 0.0]], [0, 1]), ValueError, "finite"),
    ("geometry.linearly_separable", "NaN label", lambda: geometry.linearly_separable(X4, [0, 1, NAN, 1]), ValueError, "finite"),
    ("geometry.linearly_separable", "labels as str", lambda: geometry.linearly_separable(X4, "abcd"), TypeError, "numeric"),
    ("geometry.linearly_separable", "3-D X", lambda: geometry.linearly_separable(np.ones((2, 2, 2)), [0, 1]), ValueError, "2-D"),
    ("geometry.Separability", "via linearly_separable: one class", lambda: geometry.linearly_separable(X4, [0, 0, 0, 0]), ValueError, "both classes"),
    ("geometry.HullWitness", "via linearly_separable: complex X", lambda: geometry.linearly_separable(X4 + 1j, Y4), TypeError, "real numbers"),
    ("geometry.linearly_separable", "dates as X", lambda: geometry.linearly_separable(np.array([["2020-01-01"] * 2] * 2, "datetime64[D]"), [0, 1]), TypeError, "datetime64"),
    ("activations.Activation", "a numeric string", lambda: RELU(np.array(["1.5"])), TypeError, "strings"),
    ("activations.Activation", "bytes", lambda: RELU(np.array([b"1"])), TypeError, "bytes"),
    ("activations.Activation", "complex x", lambda: RELU([1 + 2j]), TypeError, "complex"),
    ("activations.Activation", "object array of floats", lambda: RELU(np.array([1.0], dtype=object)), TypeError, "objects"),
    ("activations.Activation", "time spans", lambda: RELU(np.array([1], "timedelta64[s]")), TypeError, "timedelta64"),
    ("geometry.count_linear_regions", "NaN box", lambda: geometry.count_linear_regions(_layers(2, 3), ((NAN, 1.0), (-1.0, 1.0))), ValueError, "finite"),
    ("geometry.count_linear_regions", "reversed box", lambda: geometry.count_linear_regions(_layers(2, 3), ((1.0, -1.0), (-1.0, 1.0))), ValueError, "lo < hi"),
    ("geometry.count_linear_regions", "box of wrong shape", lambda: geometry.count_linear_regions(_layers(2, 3), (1.0, 2.0, 3.0)), ValueError, "box"),
    ("geometry.count_linear_regions", "box as str", lambda: geometry.count_linear_regions(_layers(2, 3), "box"), TypeError, "box"),
    ("geometry.count_linear_regions", "1-D box for 2-D net", lambda: geometry.count_linear_regions(_layers(2, 3), (-1.0, 1.0)), ValueError, "1-D"),
    ("geometry.count_linear_regions", "3-D input", lambda: geometry.count_linear_regions(_layers(3, 2), BOX), ValueError, "3-D input"),
    ("geometry.count_linear_regions", "no layers", lambda: geometry.count_linear_regions([], BOX), ValueError, "at least one"),
    ("geometry.linear_regions", "NaN box", lambda: geometry.linear_regions(_layers(2, 3), ((NAN, 1.0), (-1.0, 1.0))), ValueError, "finite"),
    ("geometry.linear_regions", "layers None", lambda: geometry.linear_regions(None, BOX), TypeError, "pairs"),
    ("geometry.cut_polygon", "two vertices", lambda: geometry.cut_polygon([[0.0, 0.0], [1.0, 0.0]], [1.0, 0.0], 0.0), ValueError, "m >= 3"),
    ("geometry.cut_polygon", "3-D normal", lambda: geometry.cut_polygon(SQUARE, [1.0, 0.0, 0.0], 0.0), ValueError, "two numbers"),
    ("geometry.cut_polygon", "NaN offset", lambda: geometry.cut_polygon(SQUARE, [1.0, 0.0], NAN), ValueError, "finite"),
    ("geometry.cut_polygon", "offset as str", lambda: geometry.cut_polygon(SQUARE, [1.0, 0.0], "0"), TypeError, "d must be a real number"),
    ("geometry.region_bounds", "zero inputs", lambda: geometry.region_bounds(0, [2]), ValueError, "n_in"),
    ("geometry.region_bounds", "no layers", lambda: geometry.region_bounds(2, []), ValueError, "at least one"),
    ("geometry.region_bounds", "float width", lambda: geometry.region_bounds(2, [2.5]), TypeError, "must be an integer"),
    ("geometry.region_bounds", "n_in as str", lambda: geometry.region_bounds("2", [2]), TypeError, "must be an integer"),
    # opcount
    ("opcount.count_operations", "a name, not a function", lambda: opcount.count_operations("relu", [1.0]), TypeError, "must be callable"),
    ("opcount.count_operations", "NaN x", lambda: opcount.count_operations(RELU, [NAN]), ValueError, "finite"),
    ("opcount.CountingArray", "via count_operations: strings", lambda: opcount.count_operations(RELU, ["1"]), TypeError, "real numbers"),
    # gradient_flow
    ("gradient_flow.saturated_fraction", "activation a number", lambda: gradient_flow.saturated_fraction(1.0, [1.0]), TypeError, "activation name or an Activation"),
    ("gradient_flow.saturated_fraction", "unknown activation name", lambda: gradient_flow.saturated_fraction("nope", [1.0]), ValueError, "known activations"),
    ("gradient_flow.saturated_fraction", "NaN Z", lambda: gradient_flow.saturated_fraction(RELU, [NAN]), ValueError, "finite"),
    ("gradient_flow.saturated_fraction", "empty Z", lambda: gradient_flow.saturated_fraction(RELU, []), ValueError, "at least one"),
    ("gradient_flow.saturated_fraction", "negative threshold", lambda: gradient_flow.saturated_fraction(RELU, [1.0], threshold=-1.0), ValueError, "threshold"),
    ("gradient_flow.loss_and_gradients", "NaN X", lambda: gradient_flow.loss_and_gradients(_layers(2, 3, 1), [[NAN, 0.0]], RELU), ValueError, "finite"),
    ("gradient_flow.loss_and_gradients", "wrong X columns", lambda: gradient_flow.loss_and_gradients(_layers(2, 3, 1), np.ones((2, 3)), RELU), ValueError, "columns"),
    ("gradient_flow.layer_gradient_norms", "zero depth", lambda: gradient_flow.layer_gradient_norms(RELU, 0), ValueError, "depth"),
    ("gradient_flow.layer_gradient_norms", "NaN gain", lambda: gradient_flow.layer_gradient_norms(RELU, 3, gain=NAN), ValueError, "finite"),
    ("gradient_flow.layer_gradient_norms", "activation a list", lambda: gradient_flow.layer_gradient_norms(["relu"], 3), TypeError, "activation name or an Activation"),
    ("gradient_flow.layer_gradient_norms", "seed a bool (numpy took True as 1)", lambda: gradient_flow.layer_gradient_norms(RELU, 3, seed=True), TypeError, "seed must be an int"),
    # train
    ("train.logits", "unknown activation", lambda: train.logits(_layers(2, 3, 1), X4, activation="nope"), ValueError, "known activations"),
    ("train.logits", "NaN X", lambda: train.logits(_layers(2, 3, 1), [[NAN, 1.0]]), ValueError, "finite"),
    ("train.logits", "two outputs", lambda: train.logits(_layers(2, 2), X4), ValueError, "1 output"),
    ("train.predict_proba", "empty X", lambda: train.predict_proba(_layers(2, 3, 1), np.empty((0, 2))), ValueError, "n, d >= 1"),
    ("train.loss_and_gradients", "label 2", lambda: train.loss_and_gradients(_layers(2, 3, 1), X4, [0, 1, 2, 0]), ValueError, "labels 0 and 1"),
    ("train.train_classifier", "lr so large the weights leave float64", lambda: train.train_classifier(X4, [0, 1, 1, 0], [3], steps=5, lr=1e308), OverflowError, "diverged at step"),
    ("train.train_classifier", "hidden a dict (its keys were taken as the widths)", lambda: train.train_classifier(X4, Y4, {3: "wide"}, steps=1), TypeError, "list of hidden-layer widths"),
    ("train.train_classifier", "zero width", lambda: train.train_classifier(X4, Y4, [0]), ValueError, ">= 1"),
    ("train.train_classifier", "NaN learning rate", lambda: train.train_classifier(X4, Y4, [2], lr=NAN), ValueError, "finite"),
    ("train.train_classifier", "zero steps", lambda: train.train_classifier(X4, Y4, [2], steps=0), ValueError, "steps"),
    ("train.train_classifier", "unknown activation", lambda: train.train_classifier(X4, Y4, [2], activation="nope"), ValueError, "known activations"),
    ("train.Training", "via train_classifier: hidden None", lambda: train.train_classifier(X4, Y4, None), TypeError, "hidden"),
    # plots
    ("plots.new_figure", "zero columns", lambda: plots.new_figure(ncols=0), ValueError, "ncols"),
    ("plots.new_figure", "columns as str", lambda: plots.new_figure(ncols="a"), TypeError, "ncols"),
    ("plots.new_figure", "NaN width", lambda: plots.new_figure(width=NAN), ValueError, "finite"),
    ("plots.label_axes", "not an Axes", lambda: plots.label_axes("ax", "title"), TypeError, "Axes"),
    ("plots.alt_text", "not a Figure", lambda: plots.alt_text("fig"), TypeError, "Figure"),
    ("plots.legend_below", "not an Axes", lambda: plots.legend_below("ax"), TypeError, "Axes"),
    ("plots.zoom_inset", "not an Axes", lambda: plots.zoom_inset(None, BOX), TypeError, "Axes"),
    ("plots.zoom_inset", "empty box", lambda: plots.zoom_inset(_axes(), ((0.0, 0.0), (0.0, 1.0))), ValueError, "lo < hi"),
    ("plots.fixed_width_yticks", "not an Axes", lambda: plots.fixed_width_yticks(None), TypeError, "Axes"),
    ("plots.margin_band", "not an Axes", lambda: plots.margin_band("ax", [1.0, 1.0], 0.0, 0.1, BOX), TypeError, "Axes"),
    ("plots.margin_band", "negative margin", lambda: plots.margin_band(_axes(), [1.0, 1.0], 0.0, -0.1, BOX), ValueError, "margin"),
    ("plots.margin_band", "NaN weight", lambda: plots.margin_band(_axes(), [NAN, 1.0], 0.0, 0.1, BOX), ValueError, "finite"),
    ("plots.scatter_classes", "1-D X", lambda: plots.scatter_classes(_axes(), np.ones(4), Y4), ValueError, "2-D"),
    ("plots.scatter_classes", "NaN in X", lambda: plots.scatter_classes(_axes(), [[NAN, 0.0], [0.0, 0.0]], [0, 1]), ValueError, "finite"),
    ("plots.scatter_classes", "labels not 0/1", lambda: plots.scatter_classes(_axes(), X4, [0, 1, 2, 2]), ValueError, "labels"),
    ("plots.scatter_classes", "too few labels", lambda: plots.scatter_classes(_axes(), X4, [0, 1]), ValueError, "labels"),
    ("plots.set_class_points", "too few labels", lambda: plots.set_class_points(plots.scatter_classes(_axes(), X4, Y4), X4, [0]), ValueError, "labels"),
    ("plots.line_through_box", "NaN weight", lambda: plots.line_through_box([NAN, 1.0], 0.0, BOX), ValueError, "finite"),
    ("plots.line_through_box", "1-D weight", lambda: plots.line_through_box([1.0], 0.0, BOX), ValueError, "w must have 2 entries"),
    ("plots.line_through_box", "box of wrong shape", lambda: plots.line_through_box([1.0, 1.0], 0.0, (1.0, 2.0)), ValueError, "box"),
    ("plots.line_through_box", "bias as str", lambda: plots.line_through_box([1.0, 1.0], "0", BOX), TypeError, "b must be a real number"),
    ("plots.region_path", "score transposed", lambda: plots.region_path([0.0, 1.0, 2.0], [0.0, 1.0], np.zeros((3, 2))), ValueError, "must have shape"),
    ("plots.region_path", "x decreasing", lambda: plots.region_path([1.0, 0.0], [0.0, 1.0], np.zeros((2, 2))), ValueError, "increasing"),
    ("plots.region_path", "NaN score", lambda: plots.region_path([0.0, 1.0], [0.0, 1.0], [[0.0, NAN], [0.0, 0.0]]), ValueError, "finite"),
    ("plots.region_path", "score as str", lambda: plots.region_path([0.0, 1.0], [0.0, 1.0], "ab"), TypeError, "numeric"),
    ("plots.grid", "zero points", lambda: plots.grid(BOX, 0), ValueError, "n must be >= 1"),
    ("plots.grid", "float count", lambda: plots.grid(BOX, 1.5), TypeError, "must be an integer"),
    ("plots.grid", "NaN box", lambda: plots.grid(((NAN, 1.0), (0.0, 1.0)), 3), ValueError, "finite"),
    # lessons
    ("lessons.collapse.turn_and_stretch_layers", "zero depth", lambda: lesson_collapse.turn_and_stretch_layers(0, 0), ValueError, "depth"),
    ("lessons.collapse.turn_and_stretch_layers", "seed as text", lambda: lesson_collapse.turn_and_stretch_layers(2, "0"), TypeError, "seed"),
    ("lessons.warped_grid.grid_lines", "empty box", lambda: warped_grid.grid_lines(((1.0, 0.0), (0.0, 1.0))), ValueError, "lo < hi"),
    ("lessons.warped_grid.grid_lines", "one line", lambda: warped_grid.grid_lines(BOX, n_lines=1), ValueError, "n_lines"),
    ("lessons.xor.skip_net", "points of 3 coordinates (numpy's matmul message)", lambda: lesson_xor.skip_net(np.ones((4, 3)), 1.0, 1.0, -1.5, 1.0, 1.0, -2.0, -0.5), ValueError, "points \\(x1, x2\\)"),
    ("lessons.xor.skip_net", "weight as text", lambda: lesson_xor.skip_net(X4, "1", 1.0, -1.5, 1.0, 1.0, -2.0, -0.5), TypeError, "w1"),
    ("lessons.xor.y_one_polygons", "NaN bias", lambda: lesson_xor.y_one_polygons(1.0, 1.0, NAN, 1.0, 1.0, -2.0, -0.5), ValueError, "b_h"),
    ("lessons.xor.y_one_polygons", "1-D box", lambda: lesson_xor.y_one_polygons(1.0, 1.0, -1.5, 1.0, 1.0, -2.0, -0.5, box=(0.0, 1.0)), ValueError, "box"),
    ("lessons.hidden.hidden_points", "t above 1", lambda: lesson_hidden.hidden_points(X4, t=1.5), ValueError, "t must lie"),
    ("lessons.hidden.hidden_points", "unknown activation", lambda: lesson_hidden.hidden_points(X4, activation="cube"), ValueError, "relu"),
    ("lessons.hidden.activation_patterns", "W of 3 columns", lambda: lesson_hidden.activation_patterns(X4, np.ones((2, 3)), np.zeros(2)), ValueError, "columns"),
    ("lessons.depth.bumps", "no bumps", lambda: lesson_depth.bumps([0.5], 0, 10.0), ValueError, "n_bumps"),
    ("lessons.depth.bumps", "NaN steepness", lambda: lesson_depth.bumps([0.5], 2, NAN), ValueError, "steepness"),
    ("lessons.depth.max_error", "bumps as float", lambda: lesson_depth.max_error(2.5, 10.0), TypeError, "n_bumps"),
    ("lessons.depth.sawtooth_layers", "zero depth", lambda: lesson_depth.sawtooth_layers(0), ValueError, "k must be"),
    ("lessons.depth.shallow_sawtooth_layers", "depth as text", lambda: lesson_depth.shallow_sawtooth_layers("3"), TypeError, "k must be"),
    ("lessons.depth.parameter_count", "one bare layer", lambda: lesson_depth.parameter_count((np.eye(2), np.zeros(2))), TypeError, "list of"),
    ("lessons.zoo.activation_for", "unknown activation", lambda: lesson_zoo.activation_for("cube", 0.1, 1.0), ValueError, "relu"),
    ("lessons.zoo.activation_for", "NaN alpha", lambda: lesson_zoo.activation_for("elu", NAN, 1.0), ValueError, "alpha"),
    ("lessons.zoo.raw_measurements", "one row", lambda: lesson_zoo.raw_measurements(n=1), ValueError, "n must be"),
    ("lessons.zoo.normalise", "constant column", lambda: lesson_zoo.normalise(np.ones((3, 2))), ValueError, "constant column"),
    ("lessons.zoo.normalise", "NaN entry", lambda: lesson_zoo.normalise([[NAN, 1.0], [0.0, 2.0]]), ValueError, "finite"),
    ("lessons.universality.target", "a string", lambda: universality.target("x"), TypeError, "numeric"),
    ("lessons.universality.target", "x^2 beyond float64", lambda: universality.target([1e200]), OverflowError, r"f\(x\) is beyond float64"),
    ("lessons.universality.output_weights", "NaN height", lambda: universality.output_weights([0.1, NAN]), ValueError, "finite"),
    ("lessons.universality.bump_parts", "lengths differ", lambda: universality.bump_parts([0.5], [0.0, 0.5], [0.1], 10.0), ValueError, "same length"),
    ("lessons.universality.staircase", "negative steepness", lambda: universality.staircase([0.5], [0.0], [0.1], -1.0), ValueError, "steepness"),
    ("lessons.universality.staircase", "no units", lambda: universality.staircase([0.5], [], [], 10.0), ValueError, "length >= 1"),
    ("lessons.universality.l2_distance", "inf steepness", lambda: universality.l2_distance([0.0], [0.1], INF), ValueError, "finite"),
    ("lessons.universality.l2_distance", "zero nodes", lambda: universality.l2_distance([0.0], [0.1], 10.0, nodes=0), ValueError, "nodes"),
    ("lessons.universality.best_heights", "2-D positions", lambda: universality.best_heights([[0.0]], 10.0), ValueError, "1-D"),
    ("lessons.universality.tower", "shapes differ", lambda: universality.tower(np.ones(3), np.ones(4)), ValueError, "same shape"),
    ("lessons.universality.tower", "empty square", lambda: universality.tower(np.ones(3), np.ones(3), square=((0.5, 0.4), (0.1, 0.2))), ValueError, "x0 < x1"),
    ("lessons.universality.tower", "square of 3 numbers", lambda: universality.tower(np.ones(3), np.ones(3), square=(0.1, 0.2, 0.3)), ValueError, "square"),
    ("lessons.universality.square_activation", "None", lambda: universality.square_activation(None), TypeError, "numeric"),
    ("lessons.universality.random_features", "unknown activation", lambda: universality.random_features([0.0, 1.0], 3, "cube"), ValueError, "one of"),
    ("lessons.universality.random_features", "zero width", lambda: universality.random_features([0.0, 1.0], 0), ValueError, "width"),
    ("lessons.universality.random_feature_fit", "lengths differ", lambda: universality.random_feature_fit([0.0, 1.0], [0.0], 2), ValueError, "same length"),
    ("lessons.universality.polynomial_fit_rms", "degree as float", lambda: universality.polynomial_fit_rms([0.0, 1.0], [0.0, 1.0], 1.5), TypeError, "must be an integer"),
    # representations
    ("representations.layer_stages", "X with 3 columns", lambda: representations.layer_stages(_layers(2, 2, 1), np.ones((4, 3))), ValueError, "2 columns"),
    ("representations.layer_stages", "unknown activation", lambda: representations.layer_stages(_layers(2, 2, 1), X4, "nope"), ValueError, "known activations"),
    ("representations.morph", "t above 1", lambda: representations.morph(np.ones((2, 2)), 1.5), ValueError, "t must lie"),
    ("representations.principal_axes", "1-D points", lambda: representations.principal_axes(np.ones(4)), ValueError, "2-D"),
    ("representations.principal_axes", "negative k (Vt[:-1] dropped an axis)", lambda: representations.principal_axes(np.eye(4), k=-1), ValueError, "k must be >= 1"),
    ("representations.principal_axes", "k a float", lambda: representations.principal_axes(np.eye(4), k=1.5), TypeError, "k must be an integer"),
    ("representations.plane_in_box", "2-D normal", lambda: representations.plane_in_box([1.0, 0.0], 0.0, np.zeros(3), np.ones(3)), ValueError, "3 entries"),
    ("representations.plane_in_box", "empty box", lambda: representations.plane_in_box([1.0, 0.0, 0.0], 0.0, np.ones(3), np.zeros(3)), ValueError, "lo < hi"),
    # widgets
    ("widgets.slider", "description None", lambda: widgets.slider(None, 0.0, 1.0, 0.1, 0.5), TypeError, "description"),
    ("repaint.encode_png", "RGB, not RGBA", lambda: repaint.encode_png(np.zeros((2, 2, 3), np.uint8)), ValueError, "height, width, 4"),
    ("repaint.encode_png", "float pixels", lambda: repaint.encode_png(np.zeros((2, 2, 4))), ValueError, "uint8"),
    ("repaint.encode_png", "level 10", lambda: repaint.encode_png(np.zeros((2, 2, 4), np.uint8), level=10), ValueError, "0-9"),
    ("repaint.encode_png", "level as float", lambda: repaint.encode_png(np.zeros((2, 2, 4), np.uint8), level=1.5), TypeError, "level"),
    ("repaint.quick_frames", "a figure, not its canvas", lambda: repaint.quick_frames(plots.new_figure()[0]), TypeError, "canvas"),
    ("widgets.slider", "min > max", lambda: widgets.slider("s", 1.0, 0.0, 0.1, 0.5), ValueError, "min < max"),
    ("widgets.slider", "zero step", lambda: widgets.slider("s", 0.0, 1.0, 0.0, 0.5), ValueError, "step"),
    ("widgets.slider", "NaN value", lambda: widgets.slider("s", 0.0, 1.0, 0.1, NAN), ValueError, "finite"),
    ("widgets.slider", "value outside [min, max]", lambda: widgets.slider("s", 0.0, 1.0, 0.1, 5.0), ValueError, "min <= value <= max"),
    ("widgets.slider_layout", "description None", lambda: widgets.slider_layout(None), TypeError, "description"),
    ("widgets.slider_layout", "negative track", lambda: widgets.slider_layout("s", track_em=-1), ValueError, "track_em"),
    ("widgets.slider_layout", "min_em a string", lambda: widgets.slider_layout("s", min_em="22"), TypeError, "min_em"),
    ("widgets.GridSlider", "min > max", lambda: widgets.GridSlider("s", 1.0, 0.0, 0.1, 0.5), ValueError, "min < max"),
    ("widgets.GridSlider", "value off the grid", lambda: setattr(_slider(), "value", 0.33), ValueError, "in steps of 0.1"),
    ("widgets.GridSlider", "value a string", lambda: setattr(_slider(), "value", "0.5"), TypeError, "a number"),
    ("widgets.toggle", "no options", lambda: widgets.toggle("t", []), ValueError, "option"),
    ("widgets.toggle", "value not an option", lambda: widgets.toggle("t", ["a"], "b"), ValueError, "one of the options"),
    ("widgets.Panel", "controls as a list", lambda: widgets.Panel(plots.new_figure()[0], [_slider()], lambda s: None), TypeError, "controls"),
    ("widgets.Panel", "update not callable", lambda: widgets.Panel(plots.new_figure()[0], {"s": _slider()}, None), TypeError, "must be callable"),
    ("widgets.Panel", "update without the control's name", lambda: widgets.Panel(plots.new_figure()[0], {"s": _slider()}, lambda t: None), TypeError, "update must take"),
    ("widgets.Panel", "set an unknown control", lambda: widgets.Panel(plots.new_figure()[0], {"s": _slider()}, lambda s: None).set(t=1.0), ValueError, "no control named .t."),
    ("plots.sticky_limits", "limits with a > b", lambda: plots.sticky_limits([(1.0, 0.0)], 0.0, 1.0), ValueError, "a < b"),
    ("plots.sticky_limits", "NaN data", lambda: plots.sticky_limits([(0.0, 1.0)], NAN, 1.0), ValueError, "finite"),
    ("plots.sticky_limits", "lo above hi", lambda: plots.sticky_limits([(0.0, 1.0)], 2.0, 1.0), ValueError, "lo <= hi"),
    ("plots.sticky_limits", "min_fill above 1", lambda: plots.sticky_limits([(0.0, 1.0)], 0.0, 1.0, min_fill=2.0), ValueError, "min_fill"),
    ("plots.set_sticky_limits", "no axes", lambda: plots.set_sticky_limits(None, X4), TypeError, "Axes"),
    ("plots.set_sticky_limits", "unknown axis", lambda: plots.set_sticky_limits(_axes(), X4, which="z"), ValueError, "which"),
    ("plots.set_sticky_limits", "no points", lambda: plots.set_sticky_limits(_axes(), np.empty((0, 2))), ValueError, "points"),
    ("widgets.Panel", "no figure", lambda: widgets.Panel(None, {"s": _slider()}, lambda s: None), TypeError, "fig"),
    ("repaint.Painter", "no figure", lambda: repaint.Painter(None), TypeError, "Figure"),
    ("repaint.Painter", "an artist of another figure", lambda: repaint.Painter(plots.new_figure()[0], [_axes()]), TypeError, "artists"),
]  # fmt: skip

# Public names deliberately without rows: checkers print hints and never raise.
EXEMPT = {"checks": "exercise checkers never raise on an unfinished or wrong answer"}
ACCEPTS_ANY_VALUE = {"language.label": "shows any value: a known name's label, else str(value)"}
MODULES_WITHOUT_ROWS = {"panels"}  # builders are swept by tests/test_panels_*.py


def _python_messages():
    """What Python and numpy themselves say for common mistakes: a message pattern that
    matches one of these would pass on an error nbs_utils never raised on purpose."""
    nothing, number = None, 1
    calls = [
        lambda: (lambda: None)(s=1),
        lambda: (lambda: None)(1),
        lambda: (lambda a, b: None)(),
        lambda: nothing(),
        lambda: int("x"),
        lambda: float(nothing),
        lambda: range(1.5),
        lambda: math.floor("x"),
        lambda: len(number),
        lambda: "a" + number,
        lambda: number + "a",
        lambda: np.zeros((2, 2)) @ np.zeros(3),
        lambda: np.asarray([[1.0], [1.0, 2.0]], float),
        lambda: np.zeros(2)[5],
        lambda: {}["key"],
        lambda: np.zeros(2).reshape(3),
        lambda: np.ones(2) + np.ones(3),
        lambda: [1][2],
        lambda: object().attribute,
        lambda: np.float64("a"),
        lambda: np.linspace(0, 1, "n"),
    ]
    messages = []
    for call in calls:
        try:
            call()
        except Exception as err:
            messages.append(f"{type(err).__name__}: {err}")
    assert len(messages) == len(calls), "every stock mistake raises"
    return messages


PYTHON_MESSAGES = _python_messages()


def weak_patterns(cases):
    """``(public name, what, pattern)`` of the rows whose pattern matches Python's own words."""
    return [
        (row[0], row[1], row[4])
        for row in cases
        if any(re.search(row[4], message) for message in PYTHON_MESSAGES)
    ]


def test_every_pattern_names_what_was_expected():
    """A pattern such as ``"s"``, ``"2"`` or ``"integer"`` also matches Python's own messages
    ("got an unexpected keyword argument 's'", "cannot be interpreted as an integer")."""
    weak = weak_patterns(CASES)
    assert not weak, f"patterns that Python's own error messages also match: {weak}"


def test_the_pattern_check_catches_weak_patterns():
    rows = [("m.f", what, None, TypeError, pattern) for what, pattern in
            [("a letter", "s"), ("a digit", "2"), ("a type word", "integer"), ("good", "w must have 2 entries")]]  # fmt: skip
    assert [what for _, what, _ in weak_patterns(rows)] == ["a letter", "a digit", "a type word"]


def _params():
    for row in CASES:
        name, what, call, error, pattern = row[:5]
        marks = [pytest.mark.xfail(strict=True, reason=row[5])] if len(row) > 5 else []
        yield pytest.param(call, error, pattern, id=f"{name}: {what}", marks=marks)


@pytest.mark.parametrize("call, error, pattern", list(_params()))
def test_bad_input_raises_a_clear_error(call, error, pattern):
    try:
        with pytest.raises(error, match=pattern or None) as info:
            call()
        assert str(info.value).strip(), "the error message is empty"
    finally:
        plt.close("all")


def _takes_arguments(obj):
    try:
        return bool(inspect.signature(obj).parameters)
    except (TypeError, ValueError):  # no signature to read: assume it takes some
        return True


def public_api():
    """``module.name`` of every public function and class defined in nbs_utils' modules
    that takes arguments (a function without parameters gets no bad input but Python's)."""
    names = set()
    modules = [info.name for info in pkgutil.iter_modules(nbs_utils.__path__)]
    modules += [f"lessons.{info.name}" for info in pkgutil.iter_modules(nbs_utils.lessons.__path__)]
    for where in modules:
        if where.startswith("_") or where in MODULES_WITHOUT_ROWS:
            continue
        module = importlib.import_module(f"nbs_utils.{where}")
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isclass(obj) or (inspect.isfunction(obj) and _takes_arguments(obj)):
                names.add(f"{where}.{name}")
    return names


def test_every_public_function_has_a_bad_input_row():
    covered = {row[0] for row in CASES}
    missing = {
        n for n in public_api() - covered - set(ACCEPTS_ANY_VALUE) if n.split(".")[0] not in EXEMPT
    }
    assert not missing, f"add rows to tests/test_bad_input.py for {sorted(missing)}"
    assert covered <= public_api(), f"rows for names that no longer exist: {covered - public_api()}"


def test_checkers_never_raise_on_bad_answers():
    from nbs_utils import checks

    layers = [(np.eye(2), np.zeros(2)), (np.eye(2), np.zeros(2))]
    for answer in [None, ..., "abc", [[NAN, 1.0]], np.ones((3, 3)), object()]:
        assert checks.check_close(answer, [1.0, 2.0], "w", "hint") is None
        assert not checks.check_close.passes(answer, [1.0, 2.0])
        assert checks.check_collapse(answer, answer, layers) is None
        assert not checks.check_collapse.passes(answer, answer, layers)


# ---------------------------------------------------------------------------------------
# dtype/shape fuzz (hypothesis): anything that is not an array of real numbers, in any
# shape, is a TypeError naming what was expected, wherever an array goes in.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import numpy as hnp  # noqa: E402

from nbs_utils.panels import hidden  # noqa: E402

LAYERS = nets.random_layers([2, 3, 1], seed=0)

# (where the array goes, call with the array a; every other argument is valid)
ARRAY_ARGUMENTS = [
    ("activations.Activation x", lambda a: RELU(a)),
    ("activations.Activation.derivative x", lambda a: activations.get("sigmoid").derivative(a)),
    ("opcount.count_operations x", lambda a: opcount.count_operations(RELU, a)),
    ("nets.collapse W", lambda a: nets.collapse([(a, np.zeros(2))])),
    ("nets.collapse b", lambda a: nets.collapse([(np.eye(2), a)])),
    ("nets.forward X", lambda a: nets.forward(LAYERS, a)),
    ("geometry.linearly_separable X", lambda a: geometry.linearly_separable(a, Y4)),
    ("geometry.linearly_separable y", lambda a: geometry.linearly_separable(X4, a)),
    ("geometry.count_linear_regions box", lambda a: geometry.count_linear_regions(LAYERS[:1], a)),
    ("geometry.linear_regions W", lambda a: geometry.linear_regions([(a, np.zeros(3))], BOX)),
    ("geometry.cut_polygon polygon", lambda a: geometry.cut_polygon(a, [1.0, 0.0], 0.0)),
    ("geometry.cut_polygon a", lambda a: geometry.cut_polygon(SQUARE, a, 0.0)),
    ("gradient_flow.saturated_fraction Z", lambda a: gradient_flow.saturated_fraction(RELU, a)),
    ("gradient_flow.loss_and_gradients X", lambda a: gradient_flow.loss_and_gradients(LAYERS, a, RELU)),
    ("train.logits X", lambda a: train.logits(LAYERS, a)),
    ("train.predict_proba X", lambda a: train.predict_proba(LAYERS, a)),
    ("train.loss_and_gradients y", lambda a: train.loss_and_gradients(LAYERS, X4, a)),
    ("train.train_classifier X", lambda a: train.train_classifier(a, Y4, [2], steps=1)),
    ("plots.scatter_classes X", lambda a: plots.scatter_classes(_axes(), a, Y4)),
    ("plots.line_through_box w", lambda a: plots.line_through_box(a, 0.0, BOX)),
    ("plots.region_path score", lambda a: plots.region_path([0.0, 1.0], [0.0, 1.0], a)),
    ("plots.grid box", lambda a: plots.grid(a, 3)),
    ("plots.sticky_limits current", lambda a: plots.sticky_limits(a, 0.0, 1.0)),
    ("plots.set_sticky_limits points", lambda a: plots.set_sticky_limits(_axes(), a)),
    ("lessons.hidden.hidden_points X", lambda a: lesson_hidden.hidden_points(a)),
    ("lessons.hidden.activation_patterns points", lambda a: lesson_hidden.activation_patterns(a, np.eye(2), np.zeros(2))),
    ("panels.hidden.morph_panel X", lambda a: hidden.morph_panel(a, Y4)),
    ("lessons.universality.target x", lambda a: universality.target(a)),
    ("lessons.depth.bumps x", lambda a: lesson_depth.bumps(a, 2, 10.0)),
    ("lessons.xor.skip_net X", lambda a: lesson_xor.skip_net(a, 1.0, 1.0, -1.5, 1.0, 1.0, -2.0, -0.5)),
]  # fmt: skip

_NOT_REAL = {
    "U": st.text(max_size=3),
    "S": st.binary(max_size=3),
    "M": st.sampled_from(["datetime64[D]", "datetime64[s]"]),
    "m": st.sampled_from(["timedelta64[s]", "timedelta64[ms]"]),
    "c": st.sampled_from([np.complex64, np.complex128]),
    "O": st.just(object),
}


@st.composite
def not_real_arrays(draw):
    """Arrays of strings, bytes, dates, time spans, complex numbers or Python objects."""
    kind = draw(st.sampled_from(sorted(_NOT_REAL)))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4))
    if kind == "U":
        return kind, np.array(
            draw(st.lists(_NOT_REAL["U"], min_size=1, max_size=4)), dtype=str
        ).reshape(-1)
    if kind == "S":
        return kind, np.array(
            draw(st.lists(_NOT_REAL["S"], min_size=1, max_size=4)), dtype=bytes
        ).reshape(-1)
    if kind == "O":  # numbers, but boxed: an object array is refused whatever it holds
        elements = st.one_of(
            st.floats(-1e3, 1e3), st.integers(-5, 5), st.none(), st.text(max_size=2)
        )
        return kind, draw(hnp.arrays(object, shape, elements=elements))
    return kind, draw(hnp.arrays(draw(_NOT_REAL[kind]), shape))


@pytest.mark.parametrize("where, call", ARRAY_ARGUMENTS, ids=[w for w, _ in ARRAY_ARGUMENTS])
@settings(max_examples=25)  # per entry point: ~600 bad arrays in all
@given(bad=not_real_arrays())
def test_non_real_arrays_are_a_type_error_everywhere(where, call, bad):
    kind, array = bad
    try:
        with pytest.raises(TypeError, match="real numbers"):
            call(array)
    finally:
        plt.close("all")


@given(st.lists(st.sampled_from(["1.5", b"2", 1 + 2j, None, object()]), min_size=1, max_size=4))
def test_lists_with_non_numbers_are_a_type_error(items):
    with pytest.raises(TypeError, match="real numbers"):
        RELU(items)
    with pytest.raises(TypeError, match="real numbers"):
        geometry.linearly_separable(np.ones((len(items), 1)), items)


def test_bools_are_zero_and_one():
    """A documented choice: boolean arrays are numbers 0 and 1 (numpy's convention), so a
    mask such as ``x > 0`` works as labels or inputs; scalar parameters must be numbers."""
    mask = np.array([False, True, False, True])
    assert geometry.linearly_separable(np.c_[mask, mask].astype(float), mask).separable
    np.testing.assert_array_equal(RELU(mask), [0.0, 1.0, 0.0, 1.0])
    with pytest.raises(TypeError, match="real number"):
        activations.get("leaky_relu", alpha=True)


@pytest.mark.skipif(
    np.finfo(np.longdouble).eps >= np.finfo(float).eps, reason="long double is float64 here"
)
def test_long_doubles_float64_would_round_are_refused():
    """1 and 1 + 2^-60 are two points as long doubles, one point as float64: refused (a
    ValueError), not silently merged ("not separable"); exactly representable ones pass."""
    X = np.array([[1.0], [1.0]], np.longdouble) + np.array([[0], [2**-60]], np.longdouble)
    with pytest.raises(ValueError, match="cannot hold exactly"):
        geometry.linearly_separable(X, [0, 1])
    with pytest.raises(ValueError, match="cannot hold exactly"):
        RELU(np.array([np.finfo(np.longdouble).max]))  # beyond float64's range
    assert (
        geometry.linearly_separable(np.array([[1.0], [2.0]], np.longdouble), [0, 1]).margin == 0.5
    )


def test_integers_float64_would_round_are_refused():
    """2^62 and 2^62 + 1 are two int64 points and one float64 point: refused, not merged."""
    with pytest.raises(ValueError, match="integers beyond 2"):
        geometry.linearly_separable([[2**62], [2**62 + 1]], [0, 1])
    with pytest.raises(ValueError, match="integers beyond 2"):
        geometry.count_linear_regions(
            [(np.eye(1), np.zeros(1))], np.array([0, 2**64 - 1], np.uint64)
        )
    assert geometry.linearly_separable([[2**62], [2**62 + 2**11]], [0, 1]).margin == 2**10
    assert geometry.linearly_separable(np.array([[-(2**63)], [0]]), [0, 1]).margin == 2**62
