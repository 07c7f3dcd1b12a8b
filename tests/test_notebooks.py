"""The course notebooks: all present in both editions, stripped of outputs in git, and free
of warnings when run."""

import json

import pytest

from testkit import notebooks

BOTH_EDITIONS = notebooks.expected()  # the six names of the course plan, English + 简体中文


def test_every_course_notebook_is_present_in_both_editions_and_no_other():
    problems = notebooks.problems()
    assert not problems, "notebooks do not follow the course plan:\n" + "\n".join(problems)


def test_the_presence_check_fails_on_a_missing_or_unplanned_notebook(tmp_path):
    """A course with 02-05 deleted (and an extra notebook in the Chinese edition) is caught."""
    for path in notebooks.expected(tmp_path):
        if not path.stem.startswith(("02", "03", "04", "05")):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("{}")
    (tmp_path / "notebooks" / "zh-CN" / "07_extra.ipynb").write_text("{}")
    problems = notebooks.problems(tmp_path)
    missing = (
        "missing 02_xor_threshold_units, 03_hidden_space, 04_depth_vs_width, 05_activation_zoo"
    )
    assert problems == [
        f"en edition (notebooks/): {missing}",
        f"zh-CN edition (notebooks/zh-CN/): {missing}",
        "zh-CN edition (notebooks/zh-CN/): 07_extra not in the course plan "
        "(add it to testkit.notebooks.COURSE)",
    ]
    assert notebooks.problems(tmp_path / "nothing")[0].endswith(", ".join(notebooks.COURSE))


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=notebooks.notebook_id)
def test_notebook_is_stripped(path):
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{path.name}: strip outputs before committing"
            assert cell["execution_count"] is None, f"{path.name}: strip execution counts"


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=notebooks.notebook_id)
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
