"""The lessons' constructions: the nets, data and formulas each notebook builds on.

One module per topic, numpy only (no matplotlib, no ipywidgets), so a notebook's math can
be imported, tested and timed without a figure: :mod:`.collapse` (notebook 01),
:mod:`.xor` (02), :mod:`.hidden` (03), :mod:`.depth` and :mod:`.universality` (04),
:mod:`.zoo` (05), and :mod:`.warped_grid`, the grid of lines whose image shows a map
(01, 03, 04). The panels draw these; the notebooks call them.
"""
