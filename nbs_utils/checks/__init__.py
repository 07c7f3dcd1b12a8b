"""Exercise checkers with staged hints: they print one message, return ``None``, never raise.

Every ``check_*`` here is a :class:`Checker`. Called on the learner's answer it prints

- ``Not answered yet`` while the answer is ``None``, ``...`` or a function that still
  returns one of them (an unanswered exercise is not counted as a try);
- on the first wrong try: what is wrong (never the expected value) and a **nudge**;
- on the second and later wrong tries: the same diagnosis and a stronger **hint**;
- with ``show_answer=True``: the answer (and whether the learner's answer was right);
- ``Correct`` when it is right.

It returns ``None``, so Jupyter echoes nothing under the cell. Code that needs a verdict
(a solution cell's ``assert``) calls ``checker.passes(...)``, which prints nothing and
returns a bool. The only state is each checker's count of wrong tries in this kernel,
which makes the hints escalate; ``checker.reset()`` clears it.

Numeric answers must be real numbers: strings, bytes, booleans, complex numbers, dates and
other objects are refused with a message saying so, and NaN or infinite entries are named
as such. A learner's function that raises, warns or overflows gets a message, not a crash.

:mod:`.shown` reads back what a panel shows (a truth table, the points drawn) for the
notebooks' own asserts; unlike the checkers it raises when the panel is not as expected.
"""

from .activation_zoo import check_logistic_gradient, check_tanh
from .checker import CORRECT, UNANSWERED, WRONG, Checker, check_close
from .depth_vs_width import check_bump, check_sawtooth_counts, check_tent_power
from .hidden_space import check_hidden_layer, check_patterns
from .linear_collapse import check_collapse, check_collapse_function, check_forward
from .playground import check_boundary_line, check_gradient_step
from .shown import drawn_points, truth_table
from .threshold_units import check_xnor, check_xor_lift, check_xor_threshold_net

__all__ = [
    "UNANSWERED",
    "WRONG",
    "CORRECT",
    "Checker",
    "check_close",
    "check_collapse",
    "check_collapse_function",
    "check_forward",
    "check_xor_threshold_net",
    "check_xnor",
    "check_xor_lift",
    "check_hidden_layer",
    "check_patterns",
    "check_tent_power",
    "check_sawtooth_counts",
    "check_bump",
    "check_tanh",
    "check_logistic_gradient",
    "check_gradient_step",
    "check_boundary_line",
    "truth_table",
    "drawn_points",
]
