"""The shared test support (testkit/) keeps its place: tests and benchmarks import it, it
imports neither of them, and no code edits the import path to find it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = ("nbs_utils", "testkit", "tests", "benchmarks", "tools", "book")  # every Python folder


def imported_modules(path):
    """Top-level names of every module ``path`` imports (absolute imports)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def forbidden_imports(folder, forbidden=("benchmarks", "tests")):
    """``file: module`` for each import of a forbidden package below ``folder``."""
    return [
        f"{path.relative_to(folder.parent)}: {name}"
        for path in sorted(folder.rglob("*.py"))
        for name in sorted(imported_modules(path) & set(forbidden))
    ]


def test_testkit_imports_neither_tests_nor_benchmarks():
    assert not forbidden_imports(ROOT / "testkit")


def test_the_import_check_sees_a_forbidden_import(tmp_path):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "a.py").write_text("import os\nfrom benchmarks.latency import run\n")
    (tmp_path / "kit" / "b.py").write_text("import tests.browser\nfrom . import a\n")
    assert forbidden_imports(tmp_path / "kit") == ["kit/a.py: benchmarks", "kit/b.py: tests"]


def test_no_code_edits_the_import_path():
    code = [p for folder in CODE for p in sorted((ROOT / folder).rglob("*.py"))]
    assert len(code) > 50, "the code folders were not found"
    needle = "sys" + ".path"  # spelled apart: this file does not edit it either
    edits = [str(p.relative_to(ROOT)) for p in code if needle in p.read_text(encoding="utf-8")]
    assert not edits, f"import-path edits (pytest's pythonpath setting covers the root): {edits}"


# --- the checks the panel tests share fail on the defect they exist for -------------------


def test_artist_problems_see_inf_everywhere_and_nan_in_lines_only_when_asked():
    import numpy as np

    from nbs_utils.plots import new_figure
    from testkit.artists import artist_problems

    fig, ax = new_figure()
    (line,) = ax.plot([0.0, 1.0, 2.0], [0.0, np.nan, 1.0])  # a gap: matplotlib's convention
    assert artist_problems(fig) == []
    assert artist_problems(fig, line_gaps=False) == [
        f"Line2D {line.get_label()!r}: non-finite values"
    ]
    line.set_ydata([0.0, np.inf, 1.0])
    assert any("Line2D" in p for p in artist_problems(fig))
    ax.scatter([0.0], [0.0]).set_offsets([[0.0, np.nan]])  # as a panel's update moves points
    assert any("offsets" in p for p in artist_problems(fig))
    ax.set_title("loss nan")
    assert any("non-finite number" in p for p in artist_problems(fig))


def _one_line_panel(moves_limits):
    import numpy as np

    from nbs_utils.plots import new_figure
    from nbs_utils.widgets import Panel, slider

    fig, ax = new_figure()
    x = np.linspace(0.0, 1.0, 5)
    (line,) = ax.plot(x, x)
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(-1.0, 2.0)

    def update(a):
        line.set_ydata(a * x)
        if moves_limits:
            ax.set_ylim(-1.0, 2.0 + a)

    panel = Panel(fig, {"a": slider("a", 0.0, 1.0, 0.5, 0.5)}, update, animated=[line])
    fig.canvas.draw()
    return panel


def test_repaint_path_tells_a_blit_from_a_full_draw():
    from testkit.internals import blits, repaint_path

    assert repaint_path(_one_line_panel(moves_limits=False), a=1.0) == "blit"
    moving = _one_line_panel(moves_limits=True)
    assert repaint_path(moving, a=1.0) == "full draw" and not blits(moving, a=0.0)


def test_write_notebook_writes_code_cells_for_a_python_kernel(tmp_path):
    import nbformat

    from testkit.notebooks import write_notebook

    path = write_notebook(tmp_path / "new", "a.ipynb", ["x = 1", "x + 1"])
    nb = nbformat.read(path, as_version=4)
    assert path == tmp_path / "new" / "a.ipynb" and nb.metadata["kernelspec"]["name"] == "python3"
    assert [(c.cell_type, c.source) for c in nb.cells] == [("code", "x = 1"), ("code", "x + 1")]
