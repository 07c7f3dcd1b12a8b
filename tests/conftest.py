import json
from pathlib import Path

import matplotlib
import pytest

from testkit import netguard

matplotlib.use("Agg")  # tests draw off-screen; notebooks use ipympl

NETGUARD_FILE = Path(netguard.__file__).resolve()
_uninstall_netguard = None


def pytest_configure(config):
    """Unit tests run offline: any connection leaving the machine raises NetworkBlocked."""
    global _uninstall_netguard
    _uninstall_netguard = netguard.install()


def pytest_unconfigure(config):
    if _uninstall_netguard is not None:
        _uninstall_netguard()


@pytest.fixture(scope="session")
def offline_run(tmp_path_factory):
    """``offline_run(path, run=0)``: the notebook executed by nbclient with sockets blocked.

    The kernel starts with :mod:`netguard` installed (an IPython ``exec_lines`` startup
    hook) and a probe cell is appended that must be refused. Returns ``(nb, attempts)``:
    the executed notebook and the lines the guard logged. Runs are cached per
    ``(path, run)`` so several tests share them.
    """
    import nbformat
    from nbclient import NotebookClient

    cache = {}

    def run(path, run=0):
        key = (Path(path).resolve(), run)
        if key not in cache:
            log = tmp_path_factory.mktemp("netguard") / "attempts.log"
            log.touch()
            hook = (
                "__import__('runpy').run_path("
                f"{json.dumps(str(NETGUARD_FILE))}, init_globals={{'LOG': {json.dumps(str(log))}}}, "
                "run_name='netguard_startup')"
            )
            nb = nbformat.read(key[0], as_version=4)
            nb.cells.append(nbformat.v4.new_code_cell(netguard.PROBE_SOURCE))
            NotebookClient(
                nb,
                timeout=120,
                kernel_name="python3",
                extra_arguments=[f"--IPKernelApp.exec_lines={json.dumps([hook])}"],
                resources={"metadata": {"path": str(key[0].parent)}},
            ).execute()
            cache[key] = nb, log.read_text().splitlines()
        return cache[key]

    return run


@pytest.fixture(autouse=True)
def _close_figures():
    """Close the figures a test opened (not its fixtures'): no "more than 20 figures"."""
    import matplotlib.pyplot as plt

    before = set(plt.get_fignums())
    yield
    for number in set(plt.get_fignums()) - before:
        plt.close(number)


# Property-based tests: deterministic (derandomized, no example database written to disk),
# no per-example deadline (the shared 2-core machine is noisy), a modest number of examples.
# HYPOTHESIS_PROFILE=thorough explores fresh random examples, many more of them.
import os  # noqa: E402

from hypothesis import settings  # noqa: E402

settings.register_profile("course", derandomize=True, database=None, deadline=None, max_examples=60)
settings.register_profile("thorough", database=None, deadline=None, max_examples=600)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "course"))
