"""Formulas as text: a hidden neuron's ``h = relu(0.31·x₁ − 1.20·x₂ + 0.05)``, feature names."""

from ..language import _


def neuron_formula(layers, activations, features, layer, unit):
    """The formula of hidden ``unit`` of ``layer`` in the net ``layers`` (hidden layers with
    ``activations``, then the output), on the input ``features``; units count from 1."""
    hidden = [W.shape[0] for W, _ in layers[:-1]]
    if not 0 <= layer < len(hidden) or not 0 <= unit < hidden[layer]:
        raise ValueError(
            _("no unit {unit} in hidden layer {layer}; widths {widths}").format(
                unit=unit, layer=layer, widths=tuple(hidden)
            )
        )
    names = (
        [pretty(f) for f in features]
        if layer == 0
        else [f"h{_sub(layer)}{_sub(j + 1)}" for j in range(hidden[layer - 1])]
    )
    W, b = layers[layer]
    terms = "".join(
        f"{' − ' if w < 0 else ' + ' if i else '−' if w < 0 else ''}{abs(w):.2f}·{name}"
        for i, (w, name) in enumerate(zip(W[unit], names))
    )
    sign = "−" if b[unit] < 0 else "+"
    head = f"h{_sub(layer + 1)}{_sub(unit + 1)}"
    return f"{head} = {activations[layer]}({terms} {sign} {abs(b[unit]):.2f})"


_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _sub(n):
    return str(n).translate(_SUB)


def pretty(feature):
    """A feature name in print: ``x1^2`` -> ``x₁²``."""
    return (
        feature.replace("x1", "x₁").replace("x2", "x₂").replace("^2", "²").replace("x₁x₂", "x₁·x₂")
    )
