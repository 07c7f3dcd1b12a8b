"""Helpers for the course *Why neural networks need nonlinear activations*.

Layers, each importing only those above it in this list:

- ``activations``, ``datasets``, ``opcount`` (counts numpy operations): numpy only.
- ``nets``, ``geometry``: numpy and scipy (exact LPs and least squares); ``lessons``: the
  notebooks' constructions on top of them, one module per topic.
- ``repaint`` (blitting, overlay layers, PNG frames), then ``plots`` (figure helpers,
  sticky axis limits): matplotlib.
- ``widgets``: ipywidgets controls and the ``Panel`` wiring, built on both.
- ``panels``: the notebooks' interactive panels; ``checks``: exercise checkers.

Importing the package imports nothing heavy; import the submodule you need.
"""

__version__ = "0.1.0"
