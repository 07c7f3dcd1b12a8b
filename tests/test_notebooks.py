"""The course notebooks: present, stripped of outputs in git, and free of warnings when run."""

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
BOTH_EDITIONS = NOTEBOOKS + sorted((NOTEBOOKS[0].parent / "zh-CN").glob("*.ipynb"))  # + 简体中文


def _id(path):
    return f"{path.parent.name}/{path.stem}" if path.parent.name == "zh-CN" else path.stem


EXPECTED = [
    "01_linear_collapse",
    "02_xor_threshold_units",
    "03_hidden_space",
    "04_depth_vs_width",
    "05_activation_zoo",
    "06_playground",
]


def test_notebook_names_follow_the_course_plan():
    names = [p.stem for p in NOTEBOOKS]
    assert names and names == EXPECTED[: len(names)]


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=_id)
def test_notebook_is_stripped(path):
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{path.name}: strip outputs before committing"
            assert cell["execution_count"] is None, f"{path.name}: strip execution counts"


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=_id)
def test_notebook_runs_without_errors_or_warnings(path, offline_run):
    """Execute the notebook; any error or anything written to stderr (warnings) fails."""
    nb, _ = offline_run(path)  # the same run the offline and determinism tests use
    stderr = [
        o.get("text", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.get("output_type") == "stream" and o.get("name") == "stderr"
    ]
    assert not stderr, f"{path.name} wrote to stderr:\n" + "".join(stderr)
