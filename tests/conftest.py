"""Shared fixtures."""
import os
import shutil

import pytest


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium through Playwright; skipped without chromium, except in CI (CI set)."""
    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (CI is set) but was not found on PATH")
        pytest.skip("chromium not installed")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable,
                              args=["--headless", "--no-sandbox", "--disable-gpu",
                                    "--disable-background-networking"])
        yield b
        b.close()
