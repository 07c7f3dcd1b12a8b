"""Binder builds what environment.yml says, runs postBuild, and the README badge opens
JupyterLab on the first notebook.

``repo2docker --no-build --no-run --debug .`` prints the Dockerfile Binder would build;
it needs neither Docker nor the network.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIRST_NOTEBOOK = "notebooks/01_linear_collapse.ipynb"


def _repo2docker():
    exe = shutil.which("repo2docker") or str(Path(sys.executable).with_name("repo2docker"))
    if not Path(exe).exists():
        reason = "repo2docker not installed (pip install -r requirements-test.txt)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    return exe


@pytest.fixture(scope="module")
def dockerfile():
    result = subprocess.run(
        [_repo2docker(), "--no-build", "--no-run", "--debug", "."],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout + result.stderr


def test_binder_uses_the_conda_buildpack(dockerfile):
    assert "Building conda environment" in dockerfile


def test_binder_installs_from_environment_yml(dockerfile):
    assert "COPY --chown=0:0 src/environment.yml ${REPO_DIR}/environment.yml" in dockerfile
    assert "ENV MAMBA_EXE=${CONDA_DIR}/bin/mamba" in dockerfile
    assert '${MAMBA_EXE} env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in dockerfile


def test_binder_runs_postbuild_after_copying_the_repository(dockerfile):
    copy = dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    env = dockerfile.index('--file "environment.yml"')
    run = dockerfile.index("RUN ./postBuild")
    assert env < copy < run
    assert os.access(ROOT / "postBuild", os.X_OK)


def test_postbuild_installs_the_helper_package():
    text = (ROOT / "postBuild").read_text()
    assert "pip install --no-deps -e ." in text


def test_readme_binder_badge_opens_jupyterlab_on_notebook_01():
    readme = (ROOT / "README.md").read_text()
    links = re.findall(r"\(https://mybinder\.org/v2/gh/[^)\s]+\)", readme)
    assert links, "README has no Binder badge link"
    for link in links:
        assert link.endswith(f"?urlpath=lab/tree/{FIRST_NOTEBOOK})"), link
    assert (ROOT / FIRST_NOTEBOOK).exists()


def test_binder_installs_the_chinese_editions_font_from_apt_txt(dockerfile):
    packages = [line.split("#")[0].strip() for line in (ROOT / "apt.txt").read_text().splitlines()]
    assert "fonts-wqy-microhei" in packages
    install = re.search(r"apt-get install --yes --no-install-recommends ([^&\\]+)", dockerfile)
    assert install, "the Dockerfile installs no apt packages"
    assert "fonts-wqy-microhei" in install.group(1).split()


def test_binder_gets_the_jupyterlab_chinese_language_pack():
    assert "jupyterlab-language-pack-zh-cn" in (ROOT / "environment.yml").read_text()
