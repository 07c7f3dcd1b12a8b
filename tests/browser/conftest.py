"""Fixtures for the browser tests: one JupyterLab server and one Chromium for the session.

Without /usr/bin/chromium (or Playwright) the tests skip with the reason, except under
CI=true, where a missing browser is a failure (.ci/run installs it).
"""

import os

import pytest

from testkit.labdriver import LabServer, chromium_missing_reason, open_browser


def _require_browser():
    reason = chromium_missing_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(f"browser tests need Chromium: {reason}")


@pytest.fixture(scope="session")
def lab():
    """JupyterLab serving the repository on a free localhost port (temp workspaces)."""
    _require_browser()
    server = LabServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium context driven by Playwright, fresh profile."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, open_browser(playwright) as context:
        yield context
