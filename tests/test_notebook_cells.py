"""Notebook code cells stay short and show the lesson, not the plumbing (both editions)."""

import json
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
BOTH_EDITIONS = sorted(NOTEBOOKS.glob("*.ipynb")) + sorted(NOTEBOOKS.glob("zh-CN/*.ipynb"))
MAX_LINES = 19
PLUMBING = (".fig.axes", ".collections[", 'count("<tr', "readout.value.count(")
"""Reaching into a panel's figure or readout HTML: use nbs_utils.checks.shown instead."""


def code_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [(c["id"], "".join(c["source"])) for c in cells if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_every_code_cell_is_under_20_lines(path):
    long = {cid: n for cid, src in code_cells(path) if (n := len(src.split("\n"))) > MAX_LINES}
    assert not long, f"cells over {MAX_LINES} lines (id: lines): {long}"


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_no_code_cell_reaches_into_a_panels_figure_or_readout_html(path):
    found = {cid: [p for p in PLUMBING if p in src] for cid, src in code_cells(path)}
    assert not {k: v for k, v in found.items() if v}


def test_the_length_check_can_fail(tmp_path):
    nb = {"cells": [{"cell_type": "code", "id": "x", "source": "\n".join(["x = 1"] * 20)}]}
    path = tmp_path / "long.ipynb"
    path.write_text(json.dumps(nb))
    with pytest.raises(AssertionError, match="x"):
        test_every_code_cell_is_under_20_lines(path)
