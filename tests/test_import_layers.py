"""The layer rule: the base and math modules and nbs_utils.lessons import neither matplotlib
nor ipywidgets (so they are testable and fast to import without a display), and no module
imports from a layer above its own."""

import ast
import json
import pathlib
import pkgutil
import subprocess
import sys

import nbs_utils
import nbs_utils.lessons

MATH_MODULES = [
    "nbs_utils._validate",
    "nbs_utils.activations",
    "nbs_utils.datasets",
    "nbs_utils.language",
    "nbs_utils.messages_zh_cn",
    "nbs_utils.nets",
    "nbs_utils.geometry",
    "nbs_utils.train",
    "nbs_utils.gradient_flow",
    "nbs_utils.representations",
    "nbs_utils.opcount",
] + [f"nbs_utils.lessons.{m.name}" for m in pkgutil.iter_modules(nbs_utils.lessons.__path__)]
UI_PACKAGES = ("matplotlib", "ipywidgets")

PROBE = f"""
import importlib, json, sys
found = {{}}
for name in sys.argv[1:]:  # one at a time: the first module listed is the one that imports
    importlib.import_module(name)
    found[name] = sorted(p for p in {UI_PACKAGES!r} if p in sys.modules)
print(json.dumps(found))
"""


def test_the_probe_sees_an_import_of_matplotlib():
    """The check below can fail: a module that imports matplotlib is caught."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, "nbs_utils.plots"], capture_output=True, text=True, check=True
    )
    assert "matplotlib" in json.loads(out.stdout)["nbs_utils.plots"]


def test_math_modules_and_lessons_import_no_ui_package():
    assert len(MATH_MODULES) > 11  # the lessons were found
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *MATH_MODULES], capture_output=True, text=True, check=True
    )
    found = json.loads(out.stdout)
    assert set(found) == set(MATH_MODULES)
    offenders = {name: ui for name, ui in found.items() if ui}
    assert not offenders, f"these modules pull in a UI package: {offenders}"


# Each module's layer, lowest first (the README's "Architecture" table). A module may
# import from its own layer and the layers below it, never from a layer above.
LAYERS = {
    "base": ("_validate", "activations", "datasets", "language", "messages_zh_cn", "opcount"),
    "math": ("nets", "geometry", "train", "gradient_flow", "representations"),
    "lessons": ("lessons",),
    "drawing": ("repaint", "plots"),
    "controls": ("widgets",),
    "views": ("panels", "playground"),
    "exercises": ("checks",),
}
RANK = {name: rank for rank, names in enumerate(LAYERS.values()) for name in names}


def _layer(module):
    """Rank of ``nbs_utils.<top>...``: its first component after ``nbs_utils``."""
    return RANK[module.split(".")[1]]


def _package_imports(path, module):
    """The nbs_utils modules that the source file ``path`` (module ``module``) imports."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            parts = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join(parts + ([node.module] if node.module else []))
            names = [base] if node.module else [f"{base}.{a.name}" for a in node.names]
            yield from names
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nbs_utils."):
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("nbs_utils."))


def upward_imports(root):
    """``(importer, imported)`` pairs under ``root`` (the nbs_utils folder) that break the rule."""
    bad = []
    for path in sorted(root.rglob("*.py")):
        parts = path.with_suffix("").relative_to(root.parent).parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if module == "nbs_utils":
            continue
        for imported in _package_imports(path, module):
            if imported != "nbs_utils" and _layer(imported) > _layer(module):
                bad.append((module, imported))
    return bad


def test_every_module_has_a_layer():
    tops = {info.name for info in pkgutil.iter_modules(nbs_utils.__path__)}
    assert tops == set(RANK), f"give these modules a layer: {tops ^ set(RANK)}"


def test_no_module_imports_from_a_layer_above_it():
    assert not upward_imports(pathlib.Path(nbs_utils.__file__).parent)


def test_an_upward_import_is_caught(tmp_path):
    """The check above can fail: a math module importing the panels is reported."""
    (tmp_path / "nbs_utils").mkdir()
    (tmp_path / "nbs_utils" / "nets.py").write_text("from .panels import depth\n")
    (tmp_path / "nbs_utils" / "plots.py").write_text("from .nets import forward\n")
    assert upward_imports(tmp_path / "nbs_utils") == [("nbs_utils.nets", "nbs_utils.panels")]
