"""requirements.txt (what `make` installs) and environment.yml (what Binder builds) agree."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SPEC = re.compile(r"^([A-Za-z0-9_.\-]+)\s*(.*)$")


def _specs(lines):
    out = {}
    for line in lines:
        line = line.split("#")[0].strip()
        if line:
            name, bounds = SPEC.match(line).groups()
            out[name.lower()] = bounds.replace(" ", "")
    return out


def test_requirements_and_environment_agree():
    pip = _specs((ROOT / "requirements.txt").read_text().splitlines())
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = _specs(d for d in env["dependencies"] if isinstance(d, str))
    conda = {k: v for k, v in conda.items() if k not in {"python", "pip"}}
    assert pip == conda


def test_course_packages_are_listed():
    pip = _specs((ROOT / "requirements.txt").read_text().splitlines())
    needed = {"numpy", "scipy", "matplotlib", "ipywidgets", "ipympl", "jupyterlab", "nbval"}
    assert needed <= set(pip)
    assert pip["ipywidgets"].startswith(">=8") and "<9" in pip["ipywidgets"]
    assert pip["jupyterlab"].startswith(">=4") and "<5" in pip["jupyterlab"]
