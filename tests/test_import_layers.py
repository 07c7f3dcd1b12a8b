"""The layer rule: the base and math modules and nbs_utils.lessons import neither matplotlib
nor ipywidgets (so they are testable and fast to import without a display)."""

import json
import pkgutil
import subprocess
import sys

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
