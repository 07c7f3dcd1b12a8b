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
