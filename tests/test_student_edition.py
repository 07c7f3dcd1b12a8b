"""The exercises and the student edition (`make student`): solutions stripped, notebooks still run.

In the full notebooks every exercise is a learner cell that ends in a ``check_*`` call, followed
by a collapsed cell tagged ``solution`` that asserts ``check_*.passes(...)`` on its own names.
The student edition drops the solution cells; each of its notebooks must still run top to
bottom, every unanswered exercise saying so.
"""

import ast
import json
import re
from pathlib import Path

import pytest

from testkit.notebooks import expected
from tools.student_edition import SOLUTION_TAG, build, main

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = expected(edition="en")
BOTH_EDITIONS = [n.relative_to(ROOT / "notebooks").as_posix() for n in NOTEBOOKS] + [
    f"zh-CN/{n.name}" for n in NOTEBOOKS
]  # the Simplified Chinese twins (tests/test_zh_cn_notebooks.py) too
CHECK_CALL = re.compile(r"^check_\w+\(", re.MULTILINE)
UNANSWERED = "Not answered yet: "


def _cells(path):
    return json.loads(Path(path).read_text())["cells"]


def _is_solution(cell):
    return SOLUTION_TAG in cell["metadata"].get("tags", [])


def _is_exercise(cell):
    return (
        cell["cell_type"] == "code"
        and not _is_solution(cell)
        and bool(CHECK_CALL.search(_src(cell)))
    )


def _src(cell):
    return "".join(cell["source"])


def _bound_names(source):
    """Names a cell assigns or defines at top level."""
    names = set()
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_exercise_has_a_hidden_asserted_solution_that_leaves_the_answer_alone(path):
    cells = _cells(path)
    exercises = [i for i, c in enumerate(cells) if _is_exercise(c)]
    assert len(exercises) >= 2, f"{path.name}: at least two exercises"
    assert sum(map(_is_solution, cells)) == len(exercises), "one solution per exercise"
    for i in exercises:
        learner, solution = cells[i], cells[i + 1]
        assert _is_solution(solution), f"{path.name} cell {i}: its solution must follow it"
        assert solution["metadata"]["jupyter"]["source_hidden"] is True  # collapsed
        assert re.search(r"^assert check_\w+\.passes\(", _src(solution), re.MULTILINE)
        assert "check_close(" not in _src(learner)  # the expected value never sits here
        shared = _bound_names(_src(learner)) & _bound_names(_src(solution))
        assert not shared, f"{path.name} cell {i + 1}: the solution overwrites {shared}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_under_run_all_exercises_only_say_not_answered_and_solutions_are_silent(path, offline_run):
    nb, _ = offline_run(path)  # the same cached run as tests/test_notebooks.py
    for cell in nb.cells:
        if _is_solution(cell):
            assert cell.outputs == [], f"{path.name}: a solution cell printed {cell.outputs}"
        elif _is_exercise(cell):
            # printed text only, no echoed value (a kernel may send one print in two chunks)
            assert {o.get("output_type") for o in cell.outputs} == {"stream"}
            assert "".join(o["text"] for o in cell.outputs).startswith(UNANSWERED)


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    written = build(ROOT / "notebooks", out)
    assert [p.relative_to(out).as_posix() for p in written] == BOTH_EDITIONS  # zh-CN/ too
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_notebook_has_no_solutions_and_runs_top_to_bottom(path, student_dir, offline_run):
    student = student_dir / path.name
    full, stripped = _cells(path), _cells(student)
    assert [c["id"] for c in stripped] == [c["id"] for c in full if not _is_solution(c)]
    nb, _ = offline_run(student)  # raises on the first cell with an error
    said = ["".join(o.get("text", "") for o in c.outputs) for c in nb.cells if _is_exercise(c)]
    assert len(said) == sum(map(_is_exercise, full)) and all(s.startswith(UNANSWERED) for s in said)
    every_output = [o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not any("Correct" in text for text in every_output)


def test_main_writes_where_it_is_told(tmp_path, capsys):
    main([str(ROOT / "notebooks"), str(tmp_path)])
    assert sorted(p.name for p in tmp_path.glob("*.ipynb")) == [p.name for p in NOTEBOOKS]
    assert capsys.readouterr().out.count("wrote ") == len(BOTH_EDITIONS)
    assert (tmp_path / "zh-CN" / NOTEBOOKS[0].name).exists()


def test_build_refuses_an_empty_folder_and_a_notebook_without_solutions(tmp_path):
    with pytest.raises(FileNotFoundError, match="no notebooks"):
        build(tmp_path, tmp_path / "out")
    (tmp_path / "x.ipynb").write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))  # fmt: skip
    with pytest.raises(ValueError, match="no cell tagged 'solution'"):
        build(tmp_path, tmp_path / "out")
