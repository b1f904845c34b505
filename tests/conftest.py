"""Shared fixtures: the tiny dataset (as a folder and as a Dataset) and the browser."""
import os
import shutil

import pytest

import relgraph
from helpers import make_dataset, page_json


@pytest.fixture
def tiny_dir(tmp_path):
    """The tiny dataset written as a folder (``tmp_path/data``, its article in ``tmp_path/seeds``)."""
    return make_dataset(tmp_path)


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    """The tiny dataset, loaded once: a :class:`relgraph.Dataset` named 'tiny'."""
    from dataclasses import replace
    return replace(relgraph.load(make_dataset(tmp_path_factory.mktemp("tiny"))), name="tiny")


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


@pytest.fixture(scope="session")
def axe(tmp_path_factory):
    """axe-core's script (npm package, installed into a temporary folder): ``axe(page)`` runs it on a page and
    returns its violations. Skipped without npm, except in CI (CI set), where it must run."""
    import subprocess
    if shutil.which("npm") is None:
        if os.environ.get("CI"):
            pytest.fail("npm is required in CI (CI is set) but was not found on PATH")
        pytest.skip("npm not installed")
    prefix = tmp_path_factory.mktemp("axe")
    subprocess.run(["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--silent", "axe-core@4"],
                   check=True, capture_output=True, timeout=300)
    source = (prefix / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")

    def run(page_or_frame) -> list[dict]:
        # Evaluated by the browser's debugger, so the page's CSP (scripts by hash only) does not apply.
        page_or_frame.evaluate(source)
        return page_or_frame.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
    return run


@pytest.fixture
def open_page(browser, tmp_path):
    """Open a page: a Dataset (written by ``write_html`` with the given options) or a page's HTML text,
    in a window of ``viewport`` (width, height) CSS pixels, 1300 x 800 unless given.

    ``page.problems`` collects console errors, page errors and dialogs, ``page.requests`` every URL
    requested, ``page.data`` is the page's JSON data; tests read the page through ``window.relgraph.api``.
    """
    pages = []

    def open_(source, viewport=(1300, 800), **options):
        path = tmp_path / f"page{len(pages)}.html"
        if isinstance(source, str):
            path.write_text(source, encoding="utf-8")
        else:
            source.write_html(path, **options)
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        page.problems, page.requests = [], []
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        page.on("dialog", lambda d: (page.problems.append("dialog: " + d.message), d.dismiss()))
        page.on("request", lambda r: page.requests.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_function("() => window.relgraph && window.relgraph.api.timings.firstDraw")
        page.url_ = path.as_uri()
        page.data = page_json(path.read_text(encoding="utf-8"))
        pages.append(page)
        return page

    yield open_
    for p in pages:
        p.close()
