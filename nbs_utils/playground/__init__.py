"""The live-training playground of notebook 06 (TensorFlow Playground, in readable Python).

:class:`Playground` (``model``) is numpy-only: data, features, the net and its seeded
trainer, and the exact readouts. Displaying one shows the interactive widget
(``widget``: ipywidgets around the anywidget canvas of ``canvas``), whose pixels come
from ``render`` (numpy).
"""

from .model import Diverged, Playground
from .settings import DATASETS

__all__ = ["DATASETS", "Diverged", "Playground"]
