"""Determinism: every notebook, run twice, prints the same text (timing lines aside)."""

import re

import pytest

from testkit.notebooks import expected

NOTEBOOKS = expected(edition="en")
TIMING = re.compile(
    r"(\b(wall|cpu) time|\btook\b|\belapsed\b|\d\s*(ms|µs|us|ns|s|sec|seconds)\b)", re.I
)
ADDRESS = re.compile(r"0x[0-9a-f]{6,}", re.I)


def text_outputs(nb):
    """Per code cell: its stream text and text/plain results, timing lines and addresses removed."""
    cells = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        texts = []
        for out in cell.outputs:
            if out.get("output_type") == "stream":
                texts.append(out.get("text", ""))
            elif "data" in out:
                texts.append(out["data"].get("text/plain", ""))
                texts.append(out["data"].get("text/html", ""))
            elif out.get("output_type") == "error":
                texts.append(f"{out.get('ename')}: {out.get('evalue')}")
        lines = "".join(texts).splitlines()
        cells.append((i, [ADDRESS.sub("0x…", ln) for ln in lines if not TIMING.search(ln)]))
    return cells


def test_timing_filter_drops_timings_only():
    assert TIMING.search("update took 3.2 ms") and TIMING.search("Wall time: 1.2 s")
    assert not TIMING.search("margin 0.13 > 0.07") and not TIMING.search("37 regions")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_outputs_are_reproducible(path, offline_run):
    first, _ = offline_run(path, run=0)
    second, _ = offline_run(path, run=1)
    a, b = text_outputs(first), text_outputs(second)
    assert any(lines for _, lines in a), "no text output at all: nothing was compared"
    for (i, lines_a), (_, lines_b) in zip(a, b):
        assert lines_a == lines_b, f"{path.name} cell {i} printed different text on a second run"
