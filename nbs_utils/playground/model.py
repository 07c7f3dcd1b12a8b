"""The playground's model: data, input features, a net of ``(W, b)`` layers and its trainer.

Training is plain (mini-batch) gradient descent on the mean cross-entropy (regression: the
mean of ``(out - target)^2 / 2``, the output unit linear) plus an optional
L1 or L2 weight penalty, with gradients from :func:`nbs_utils.nets.backprop`'s engine:
``W <- W - lr dL/dW``. Everything random comes from ``numpy.random.default_rng`` seeded by
``seed``, so the same seed and settings give bit-identical weights after ``N`` steps, however
the steps were grouped into calls (or frames of the widget).
"""

import io

import numpy as np

from .. import datasets
from .._validate import as_count, as_layers, as_number
from ..activations import get
from ..geometry import count_linear_regions, linearly_separable, region_bounds
from ..language import _, label
from ..nets import (
    _cross_entropy,
    _loss_and_gradients,
    _squared_error,
    _trace,
    as_activations,
    collapse,
    random_layers,
)
from .formulas import neuron_formula
from .points import points_from_csv, points_to_csv
from .settings import BOX, CHECKS, DATASETS, FIRST_DATASET, activation_names, problem_of

_SIGMOID = get("sigmoid")
_RELU_FAMILY = ("relu", "leaky_relu", "identity")  # counted exactly (identity layers fold)


def _match_problem(new, settings):
    """Make ``new``'s problem and data set agree: a data set sets the problem, a problem
    alone picks its first data set (as TFP's problem menu does); both, if they disagree,
    are refused."""
    if "dataset" in settings and "problem" in settings:
        if problem_of(new["dataset"]) != new["problem"]:
            raise ValueError(
                _("the data set {dataset!r} is not a {problem} data set").format(
                    dataset=new["dataset"], problem=new["problem"]
                )
            )
    elif "dataset" in settings:
        new["problem"] = problem_of(new["dataset"])
    elif "problem" in settings and problem_of(new["dataset"]) != new["problem"]:
        new["dataset"] = FIRST_DATASET[new["problem"]]


class Diverged(FloatingPointError):
    """Training blew up (non-finite or huge loss); the playground has been reset."""


class Playground:
    """A binary classifier (or a regression) on 2-D data, trained step by step (see the
    module docstring).

    ``dataset``: a name of :data:`DATASETS` (default ``"circle"``, in regression
    ``"plane"``); ``hidden``: hidden widths (0-6 layers of 1-8 units); ``activation``:
    one name or one per hidden layer; ``features``: names of
    :data:`nbs_utils.datasets.FEATURES`; ``n_points`` split into a test part of
    ``test_fraction`` and a training part; ``noise``: jitter of the points; ``learning_rate``,
    ``batch_size`` (``None``: full batch), ``regularization`` (``None``, ``"l1"``, ``"l2"``)
    and its ``reg_rate``. ``problem``: ``"classification"`` or ``"regression"`` (the
    data sets ``"plane"``, ``"multi_gaussian"``: a target in [-1, 1] per point, a linear
    output, squared error); by default the data set's. Displayed in a notebook, it is the
    interactive playground.
    """

    def __init__(
        self, dataset=None, hidden=(4,), activation="relu", seed=0, features=("x1", "x2"),
        n_points=500, test_fraction=0.5, noise=0.0, learning_rate=0.03, batch_size=None,
        regularization=None, reg_rate=0.0, problem=None,
    ):  # fmt: skip
        self.message = ""
        self._settings = {}
        if dataset is None:  # the problem's first data set ("circle" for classification)
            dataset = FIRST_DATASET[CHECKS["problem"](problem or "classification")]
        self.configure(
            dataset=dataset, hidden=hidden, activation=activation, seed=seed, features=features,
            n_points=n_points, test_fraction=test_fraction, noise=noise,
            learning_rate=learning_rate, batch_size=batch_size, regularization=regularization,
            reg_rate=reg_rate, **({} if problem is None else {"problem": problem}),
        )  # fmt: skip

    # ---- settings -------------------------------------------------------------------
    def configure(self, **settings):
        """Change settings. New data (dataset, noise, split, size, seed) and a new shape
        (hidden, features) start from fresh seeded weights; activations, learning rate,
        batch size and regularisation keep the current weights."""
        new = dict(self._settings)
        for key, value in settings.items():
            if key not in CHECKS:
                raise TypeError(
                    _("unknown setting {key!r}; settings: {settings}").format(
                        key=key, settings=", ".join(CHECKS)
                    )
                )
            new[key] = CHECKS[key](value)
        _match_problem(new, settings)
        acts, n = new["activation"], len(new["hidden"])
        if "activation" not in settings and isinstance(acts, tuple) and len(acts) != n:
            acts = (acts + (acts[-1:] or ("relu",)) * n)[:n]  # new layers copy the last one
        new["activation"] = activation_names(acts, n)
        changed = {k for k in new if new[k] != self._settings.get(k)}
        self._settings = new
        if changed & {"dataset", "noise", "test_fraction", "n_points", "seed", "problem"}:
            self.regenerate()
        elif changed & {"hidden", "features"}:
            self.reset()
        else:
            self._acts = as_activations(list(new["activation"]), len(new["hidden"]))

    def __getattr__(self, name):
        settings = self.__dict__.get("_settings", {})
        if name in settings:
            return settings[name]
        raise AttributeError(
            f"{type(self).__name__} has no attribute {name!r}"
        )  # untranslated: Python's own

    @property
    def regression(self):
        """Whether this is a regression playground (``problem == "regression"``)."""
        return self._settings["problem"] == "regression"

    @property
    def activations(self):
        """The activation name of each hidden layer."""
        return list(self._settings["activation"])

    @property
    def box(self):
        """``((x0, x1), (y0, y1))``: the input square of the maps and the region count."""
        return BOX

    # ---- data -----------------------------------------------------------------------
    def regenerate(self):
        """Draw the data set again from the seed (and reset the weights)."""
        s = self._settings
        X, y = DATASETS[s["dataset"]](s["n_points"], s["noise"], s["seed"])
        order = np.random.default_rng([s["seed"], 2]).permutation(len(X))
        n_test = min(max(int(round(s["test_fraction"] * len(X))), 1), len(X) - 1)  # both splits
        self._points = np.asarray(X, float)[order]
        self._labels = np.asarray(y, float if self.regression else int)[order]
        self._is_test = np.arange(len(X)) < n_test
        self.reset()

    def points(self, split="train"):
        """``(X, y)`` of the ``"train"`` or ``"test"`` split, X in input coordinates."""
        mask = self._split_mask(split)
        return self._points[mask], self._labels[mask]

    def add_point(self, x1, x2, label, split="train"):
        """Add the point ``(x1, x2)`` with class ``label`` (0 or 1; regression: a target in
        [-1, 1]) to ``split``."""
        p = np.array([[as_number(x1, "x1"), as_number(x2, "x2")]])
        if self.regression:
            label = as_number(label, "target", low=-1.0, high=1.0)
        elif label not in (0, 1):
            raise ValueError(_("label must be 0 or 1, got {label!r}").format(label=label))
        self._split_mask(split)
        self._points = np.r_[self._points, p]
        self._labels = np.r_[self._labels, label if self.regression else int(label)]
        self._is_test = np.r_[self._is_test, split == "test"]
        self._refresh_features()

    def clear_points(self):
        """Remove every point (then add your own with :meth:`add_point`)."""
        self._points = np.empty((0, 2))
        self._labels = np.empty(0, float if self.regression else int)
        self._is_test = np.empty(0, bool)
        self._refresh_features()

    def to_csv(self):
        """The points as CSV text with the header ``x1,x2,label,split``."""
        return points_to_csv(self._points, self._labels, self._is_test)

    def from_csv(self, text):
        """Replace the points by those of CSV ``text`` (as written by :meth:`to_csv`; in
        regression the labels are targets in [-1, 1])."""
        self._points, self._labels, self._is_test = points_from_csv(text, self.regression)
        self._refresh_features()

    def _split_mask(self, split):
        if not isinstance(split, str) or split not in ("train", "test"):
            raise ValueError(
                _("split must be 'train' or 'test', got {split!r}").format(split=split)
            )
        return self._is_test if split == "test" else ~self._is_test

    def _refresh_features(self):
        train = ~self._is_test
        self._Phi_train = self.features_of(self._points[train])
        self._y_train = self._labels[train].astype(float)

    def features_of(self, X):
        """The feature columns of the input points ``X`` (n, 2)."""
        X = np.asarray(X, float).reshape(-1, 2)
        return (
            datasets.feature_map(X, self.features) if len(X) else np.empty((0, len(self.features)))
        )

    # ---- the net --------------------------------------------------------------------
    def reset(self):
        """Fresh weights from the seed; the step counter and loss history start again."""
        s = self._settings
        sizes = [len(s["features"]), *s["hidden"], 1]
        self._layers = random_layers(sizes, seed=s["seed"])
        self._acts = as_activations(list(s["activation"]), len(s["hidden"]))
        self._batch_rng = np.random.default_rng([s["seed"], 3])
        self.step = 0
        self.history = []  # (step, train loss, test loss) after each train() call
        self._refresh_features()

    @property
    def layers(self):
        """``[(W, b), ...]``: the hidden layers, then the output layer (copies)."""
        return [(W.copy(), b.copy()) for W, b in self._layers]

    @layers.setter
    def layers(self, layers):
        layers = as_layers(layers)
        want = [len(self.features), *self.hidden, 1]
        got = [layers[0][0].shape[1]] + [W.shape[0] for W, _ in layers]
        if got != want:
            raise ValueError(
                _("layers must have the widths {want}, got {got}").format(want=want, got=got)
            )
        self._layers = [(W.copy(), b.copy()) for W, b in layers]

    @property
    def epoch(self):
        """Passes over the training data so far (steps x batch / training points)."""
        n = len(self._y_train)
        batch = n if self.batch_size is None else min(self.batch_size, n)
        return self.step * batch / n if n else 0.0

    def train(self, steps=1):
        """``steps`` gradient steps; returns the training loss before the last one.

        Raises :class:`Diverged` (and resets the weights) if the loss stops being finite
        or exceeds 1e6: lower the learning rate.
        """
        steps = as_count(steps, "steps", minimum=0)
        X, y = self._Phi_train, self._y_train
        if not len(y):
            raise ValueError(_("no training points: add some (add_point) or regenerate"))
        lr, l1, l2 = self.learning_rate, 0.0, 0.0
        if self.regularization == "l1":
            l1 = self.reg_rate
        elif self.regularization == "l2":
            l2 = self.reg_rate
        full = self.batch_size is None or self.batch_size >= len(y)
        loss_of = _squared_error if self.regression else _cross_entropy
        loss = float("nan")
        with np.errstate(all="ignore"):
            for _repeat in range(steps):
                if full:
                    Xb, yb = X, y
                else:
                    idx = self._batch_rng.integers(0, len(y), self.batch_size)
                    Xb, yb = X[idx], y[idx]
                try:
                    loss, grads = _loss_and_gradients(
                        self._layers, Xb, yb, self._acts, l1, l2, loss_of
                    )
                except OverflowError:  # the weights blew up
                    self._diverged(lr)
                size = sum(float(np.sum(dW * dW) + np.sum(db * db)) for dW, db in grads)
                if not (np.isfinite(loss) and loss < 1e6 and np.isfinite(size)):
                    self._diverged(lr)
                for (W, b), (dW, db) in zip(self._layers, grads):
                    W -= lr * dW
                    b -= lr * db
                self.step += 1
        self.history.append((self.step, self.loss("train"), self.loss("test")))
        if len(self.history) > 10_000:  # a long live run: keep every other entry
            del self.history[:-1:2]
        return loss

    def _diverged(self, lr):
        step = self.step
        self.reset()
        self.message = _(
            "training diverged at step {step} (learning rate {lr:g}): the loss stopped being "
            "finite. The weights were reset; {advice}."
        ).format(step=step, lr=lr, advice=_("lower the learning rate"))
        raise Diverged(self.message)

    def set_activation(self, activation, layer=None):
        """Swap the activation of hidden ``layer`` (all layers if ``None``), keeping weights."""
        names = self.activations
        if layer is None:
            names = [activation] * len(names)
        else:
            if not 0 <= layer < len(names):
                raise ValueError(
                    _("layer must be in 0..{last}, got {layer}").format(
                        last=len(names) - 1, layer=layer
                    )
                )
            names[layer] = activation
        self.configure(activation=names)

    # ---- what the net computes --------------------------------------------------------
    def unit_outputs(self, X):
        """``[H_1, ..., H_L, out]`` on the input points ``X``: every hidden layer's outputs
        and the output (shape (n,)): the class-1 probability ``p``, or in regression the
        linear output unit's value."""
        out = None if self.regression else _SIGMOID
        with np.errstate(all="ignore"):
            _, Hs = _trace(self._layers, self.features_of(X), [*self._acts, out])
        return [*Hs[1:-1], Hs[-1][:, 0]]

    def predict_proba(self, X):
        """The class-1 probability of each input point ``(x1, x2)`` in ``X``."""
        self._needs_classes("predict_proba")
        return self.unit_outputs(X)[-1]

    def predict(self, X):
        """The prediction at each input point: the class (0 or 1, 1 where p > 1/2), or in
        regression the output value."""
        out = self.unit_outputs(X)[-1]
        return out if self.regression else (out > 0.5).astype(int)

    def _needs_classes(self, what):
        if self.regression:
            raise ValueError(
                _("{what} needs classes: this is a regression playground (use loss, predict)")
                .format(what=what)
            )  # fmt: skip

    def accuracy(self, split="test"):
        """Fraction of the ``split``'s points on the right side of p = 1/2."""
        self._needs_classes("accuracy")
        X, y = self.points(split)
        if not len(y):
            raise ValueError(_("the {split} split has no points").format(split=split))
        return float(np.mean((self.predict_proba(X) > 0.5) == (y == 1)))

    def loss(self, split="train"):
        """Mean cross-entropy on ``split`` (regression: mean of (out - target)^2 / 2; no
        penalty); NaN if the split is empty."""
        X, y = self.points(split)
        if not len(y):
            return float("nan")
        if self.regression:
            r = self.unit_outputs(X)[-1] - y
            return float(0.5 * np.mean(r * r))
        p = np.clip(self.predict_proba(X), 1e-15, 1 - 1e-15)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)))

    # ---- exact readouts -----------------------------------------------------------------
    def region_count(self):
        """The exact number of activation regions in :attr:`box` (ReLU, leaky-ReLU and
        identity layers on the features (x1, x2)); identity layers fold into the next layer."""
        layers, slopes = self._relu_layers()
        return count_linear_regions(layers, self.box, slopes) if layers else 1

    def region_bounds(self):
        """Bounds on the maximum region count for these widths (``geometry.region_bounds``;
        Serra's bound counts on ReLU's rank loss, so a leaky-ReLU net gets the product bound)."""
        layers, slopes = self._relu_layers()
        bounds = region_bounds(2, [W.shape[0] for W, _ in layers]) if layers else {}
        if any(slopes) and len(layers) > 1:
            del bounds["serra"]
        return bounds

    def _relu_layers(self):
        if sorted(self.features) != ["x1", "x2"]:
            raise ValueError(
                _("region_count needs the features (x1, x2) alone, got {features}").format(
                    features=self.features
                )
            )
        bad = [a for a in self.activations if a not in _RELU_FAMILY]
        if bad:
            raise ValueError(
                _(
                    "region_count needs ReLU, leaky-ReLU or identity hidden layers, got "
                    "{activations}"
                ).format(activations=self.activations)
            )
        perm = [self.features.index("x1"), self.features.index("x2")]
        layers = self.layers
        W0, b0 = layers[0]
        A, c = np.eye(2)[perm], np.zeros(2)  # input (x1, x2) -> features
        out, slopes = [], []
        for (W, b), act in zip([(W0, b0), *layers[1:-1]], self._acts):
            A, c = W @ A, W @ c + b
            if act.name != "identity":
                out.append((A, c))
                slopes.append(act.params.get("alpha", 0.0))  # relu: 0
                A, c = np.eye(len(c)), np.zeros(len(c))
        return out, slopes

    def separability(self):
        """Are the training points linearly separable in the last hidden layer (the
        features if there is none)? ``geometry.linearly_separable``'s result."""
        self._needs_classes("separability")
        X, y = self.points("train")
        H = self.unit_outputs(X)[-2] if self.hidden else self.features_of(X)
        return linearly_separable(H, y)

    def collapsed(self):
        """``(W, b)`` of ``collapse(layers)``: the one affine map of an all-identity net (in
        regression its output ``W phi + b`` itself: a plane over the features ``phi``)."""
        if any(a != "identity" for a in self.activations):
            raise ValueError(
                _("collapse needs identity activations, got {activations}").format(
                    activations=self.activations
                )
            )
        return collapse(self.layers)

    def neuron_formula(self, layer, unit):
        """The formula of hidden ``unit`` of ``layer``, e.g. ``h₁₁ = relu(0.31·x₁ − 1.20·x₂ + 0.05)``."""
        return neuron_formula(self._layers, self.activations, self.features, layer, unit)

    def snapshot(self):
        """A copy that shares the (never mutated in place) data and owns its weights: for
        computing readouts in another thread while this one trains."""
        other = object.__new__(type(self))
        other.__dict__.update(self.__dict__)
        other._settings = dict(self._settings)
        other._layers = self.layers
        other.history = list(self.history)
        return other

    # ---- weights out and in --------------------------------------------------------------
    def save(self, path):
        """Write the settings and weights to the ``.npz`` file ``path``."""
        arrays = {f"W{i}": W for i, (W, _) in enumerate(self._layers)}
        arrays.update({f"b{i}": b for i, (_, b) in enumerate(self._layers)})
        np.savez(
            path, hidden=np.array(self.hidden, int), features=np.array(self.features),
            activation=np.array(self.activations), step=self.step, **arrays,
        )  # fmt: skip

    def load(self, path):
        """Load weights (and their shape and activations) saved by :meth:`save`."""
        if isinstance(path, bytes):
            path = io.BytesIO(path)
        with np.load(path, allow_pickle=False) as data:
            hidden = tuple(int(h) for h in data["hidden"])
            self.configure(
                hidden=hidden, features=tuple(str(f) for f in data["features"]),
                activation=[str(a) for a in data["activation"]],
            )  # fmt: skip
            self.layers = [(data[f"W{i}"], data[f"b{i}"]) for i in range(len(hidden) + 1)]
            self.step = int(data["step"])

    def description(self):
        """What the playground's picture shows, in words (its ``alt`` text)."""
        what = (
            _("the output map (regression)") if self.regression else _("the decision map")
        )  # fmt: skip
        return _(
            "Playground: {what} over {box} of a net with hidden layers {hidden} "
            "({activations}) on the {dataset} data, each hidden neuron's output, and the loss curve"
        ).format(
            what=what,
            box=self.box,
            hidden=self.hidden,
            activations=", ".join(map(label, self.activations)) or _("no hidden layer"),
            dataset=label(self.dataset),
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        """The interactive playground, plus a PNG of its first frame for pages without a kernel.

        GitHub, nbviewer and the course site cannot run widgets: they show the picture
        (decision map, neuron thumbnails, loss curve) with :meth:`description` as its ``alt``.
        """
        import base64

        from ..repaint import encode_png
        from . import render
        from .widget import PlaygroundWidget

        widget = PlaygroundWidget(self)
        data = widget._repr_mimebundle_()
        rgb = render.rgb(widget._img)
        rgba = np.concatenate([rgb, np.full(rgb.shape[:2] + (1,), 255, np.uint8)], axis=2)
        alt = self.description()
        data["image/png"] = base64.b64encode(encode_png(rgba)).decode("ascii")
        data["text/plain"] = alt
        return data, {"image/png": {"alt": alt}}

    def __repr__(self):
        return (
            f"Playground(dataset={self.dataset!r}, hidden={self.hidden}, "  # untranslated: code
            f"activation={self.activations}, seed={self.seed}, features={self.features})"
        )
