"""Activation functions and their derivatives, numerically stable over all finite inputs.

``get(name, **params)`` returns an :class:`Activation`; call it on an array and ask
for ``.derivative``. Conventions: ``step(0) = 0`` (the Heaviside step with H(0)=0),
and at a kink the derivative takes the left-hand value (``relu'(0) = 0``).
"""

from dataclasses import dataclass, field

import numpy as np

from ._validate import as_float_array, as_number, finite_result
from .language import _


def _sigmoid(x):
    """sigma(x) = 1 / (1 + e^-x), from e = e^-|x| so nothing overflows.

    For x >= 0 it is 1 / (1 + e); for x < 0 it is e / (1 + e), which is e^x to full
    relative precision in the far left tail (no clip: sigma(-740) is e^-740, a subnormal,
    and sigma(x) is 0 only where e^x is below the smallest float).
    """
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_slope(x):
    """sigma'(x) = sigma(x) sigma(-x) = e / (1 + e)^2 with e = e^-|x|: no cancellation."""
    e = np.exp(-np.abs(x))
    return e / (1.0 + e) ** 2


def _tanh_slope(x):
    """tanh'(x) = 1 / cosh^2 x = 4 e / (1 + e)^2 with e = e^-2|x|.

    ``1 - tanh(x)^2`` cancels to 0 once tanh rounds to 1 (|x| > 19); this form keeps full
    relative precision until the true value is below the smallest float.
    """
    e = np.exp(-2.0 * np.minimum(np.abs(x), 1e3))  # e^-2000 is 0 already: no overflow in 2|x|
    return 4.0 * e / (1.0 + e) ** 2


def _softplus(x):
    """log(1 + e^x) = max(x, 0) + log1p(e^-|x|): e^x to full precision in the left tail."""
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


def _times(k, x):
    """``k x``, rounded to +-inf where it overflows (sigma's limits 0 and 1 are right there)."""
    with np.errstate(over="ignore"):
        return k * x


def _identity(x):
    return x


def _step(x):
    return (x > 0).astype(float)


def _relu(x):
    return np.maximum(x, 0.0)


def _leaky_relu(x, alpha):
    """``x if x > 0 else alpha x``; an ``OverflowError`` where ``alpha x`` is beyond float64
    (only possible for ``|alpha| > 1``). The other activations stay finite on finite input."""
    value = np.where(x > 0, x, _times(alpha, x))
    return value if abs(alpha) <= 1 else finite_result(value, "leaky_relu(x)")


# name -> (f(x, **params), f'(x, **params), default params, one-line formula)
_TABLE = {
    "identity": (_identity, lambda x: np.ones_like(x), {}, "x"),
    "step": (_step, lambda x: np.zeros_like(x), {}, "H(x): 1 if x > 0 else 0"),
    "sigmoid": (
        lambda x, k: _sigmoid(_times(k, x)),
        lambda x, k: k * _sigmoid_slope(_times(k, x)),
        {"k": 1.0},
        "1 / (1 + exp(-k x))",
    ),
    "tanh": (np.tanh, _tanh_slope, {}, "tanh(x)"),
    "relu": (_relu, lambda x: (x > 0).astype(float), {}, "max(0, x)"),
    "leaky_relu": (
        _leaky_relu,
        lambda x, alpha: np.where(x > 0, 1.0, alpha),
        {"alpha": 0.01},
        "x if x > 0 else alpha x",
    ),
    "softplus": (_softplus, _sigmoid, {}, "log(1 + exp(x))"),
    "elu": (
        lambda x, alpha: np.where(x > 0, x, alpha * np.expm1(np.clip(x, -700.0, 0.0))),
        lambda x, alpha: np.where(x > 0, 1.0, alpha * np.exp(np.clip(x, -700.0, 0.0))),
        {"alpha": 1.0},
        "x if x > 0 else alpha (exp(x) - 1)",
    ),
    "swish": (
        lambda x: x * _sigmoid(x),
        lambda x: _sigmoid(x) + x * _sigmoid(x) * _sigmoid(-x),
        {},
        "x sigma(x)",
    ),
}

NAMES = tuple(_TABLE)
"""The known activation names, in gallery order."""


@dataclass(frozen=True)
class Activation:
    """An elementwise activation ``f`` with its derivative; see :func:`get`."""

    name: str
    params: dict = field(default_factory=dict)

    def __post_init__(self):
        """Validate a directly constructed Activation as :func:`get` does."""
        object.__setattr__(self, "params", _checked_params(self.name, self.params))

    @property
    def formula(self):
        """The defining formula as text, e.g. ``'max(0, x)'``."""
        return _TABLE[self.name][3]

    def __call__(self, x):
        """f(x) elementwise; ``x`` is any finite numeric array-like."""
        return self._values(as_float_array(x, "x"))

    def derivative(self, x):
        """f'(x) elementwise (left-hand value at kinks, 0 for the step)."""
        return self._slopes(as_float_array(x, "x"))

    def _values(self, x):
        """f(x) for ``x`` already a finite float array (the engine's inner loop, which has
        checked it): no input check."""
        return _TABLE[self.name][0](x, **self.params)

    def _slopes(self, x):
        """f'(x) for ``x`` already a finite float array, as :meth:`_values`."""
        return _TABLE[self.name][1](x, **self.params) * np.ones_like(x)

    def __hash__(self):
        """Hashable like any frozen value (``params`` is a dict, so hash its items)."""
        return hash((self.name, tuple(sorted(self.params.items()))))

    def __repr__(self):
        args = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"get({self.name!r}{args})"


def get(name, **params):
    """The activation called ``name``, e.g. ``get("leaky_relu", alpha=0.1)``.

    Parameters: ``sigmoid(k=1)`` is ``1/(1+exp(-k x))``; ``leaky_relu(alpha=0.01)`` and
    ``elu(alpha=1)`` set the negative-side slope/scale. Unknown names raise ``ValueError``
    listing the known ones; unknown parameters raise ``TypeError``.
    """
    return Activation(name, params)


def _checked_params(name, params):
    """``params`` of activation ``name`` completed with defaults; errors as :func:`get` says."""
    if not isinstance(name, str):
        raise TypeError(
            _("activation name must be a str, got {kind}").format(kind=type(name).__name__)
        )
    if name not in _TABLE:
        raise ValueError(
            _("unknown activation {name!r}; known activations: {known}").format(
                name=name, known=", ".join(NAMES)
            )
        )
    if not isinstance(params, dict):
        raise TypeError(
            _("activation parameters must be a dict, got {kind}").format(kind=type(params).__name__)
        )
    defaults = _TABLE[name][2]
    unknown = set(params) - set(defaults)
    if unknown:
        allowed = ", ".join(defaults) or "none"
        raise TypeError(
            _("{name} got unknown parameter(s) {names}; allowed parameters: {allowed}").format(
                name=name, names=sorted(unknown), allowed=allowed
            )
        )
    return {k: as_number(params.get(k, v), f"{name} parameter {k}") for k, v in defaults.items()}
