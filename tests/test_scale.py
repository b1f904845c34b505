"""Large graphs: the renderer choice, the WebGL page in headless Chromium, progress, the benchmark runner."""
import io
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.cli import main
from relgraph.progress import Progress
from relgraph.render import WEBGL_MIN_RELATIONS, _sigma_js, _vis_assets, choose_renderer, page_data, render_html
from test_browser import PAYLOADS, ids, shown
from test_page import ENTITIES, blob, tiny

ROOT = Path(__file__).resolve().parents[1]


def test_renderer_is_chosen_by_size_unless_given():
    assert choose_renderer(WEBGL_MIN_RELATIONS) == "vis"
    assert choose_renderer(WEBGL_MIN_RELATIONS + 1) == "webgl"
    assert choose_renderer(WEBGL_MIN_RELATIONS + 1, "vis") == "vis"
    assert choose_renderer(3, "webgl") == "webgl"
    with pytest.raises(ValueError, match="renderer must be one of vis, webgl, not 'svg'"):
        choose_renderer(3, "svg")
    assert page_data(tiny())["renderer"] == "vis"


def test_webgl_page_inlines_sigma_not_vis_and_is_deterministic():
    page = render_html(tiny(), renderer="webgl")
    assert blob(page)["renderer"] == "webgl" and blob(page)["physics"] is False
    vis_js = _vis_assets()[0]
    assert _sigma_js() in page and vis_js not in page
    assert page == render_html(tiny(), renderer="webgl")
    assert vis_js in render_html(tiny()) and _sigma_js() not in render_html(tiny())


def test_render_renderer_option(tmp_path):
    out = tmp_path / "p.html"
    r = CliRunner().invoke(main, ["render", "-o", str(out), "--renderer", "webgl"])
    assert r.exit_code == 0, r.output
    assert blob(out.read_text(encoding="utf-8"))["renderer"] == "webgl"
    r = CliRunner().invoke(main, ["render", "-o", str(out), "--renderer", "svg"])
    assert r.exit_code == 2 and "'svg' is not one of 'vis', 'webgl'" in r.output


def node_point(page, entity):
    """Page coordinates of an entity drawn by sigma.js."""
    return page.evaluate("""id => {
        const r = window.relgraph.view.renderer, v = r.graphToViewport(r.getGraph().getNodeAttributes(id));
        const box = document.getElementById('graph').getBoundingClientRect();
        return [box.left + v.x, box.top + v.y];
    }""", entity)


def drawn_hidden(page, entity) -> bool:
    """Whether sigma.js draws the entity hidden (its reducer read the page's filters)."""
    return page.evaluate("id => window.relgraph.view.renderer.getNodeDisplayData(id).hidden === true", entity)


def test_webgl_page_filters_dates_details_and_search(open_page):
    ds = tiny()
    page = open_page(ds, renderer="webgl")
    assert page.requests == [page.url_]  # offline: nothing but the page itself
    assert page.evaluate("window.relgraph.view.renderer.getGraph().size") == len(ds.relations)
    assert shown(page) == (ids(ds.entities), ids(ds.relations))
    assert page.is_disabled("#physics")

    # The same controls as the vis-network page, and sigma.js draws what they leave.
    page.locator('#filter-kinds input[value="armed_group"]').uncheck()
    rel = ds.filter(kind=["state", "government", "political_movement"])
    assert shown(page) == (ids(rel.entities), ids(rel.relations))
    assert drawn_hidden(page, "ttp") and not drawn_hidden(page, "pak")
    page.click("#filter-kinds button:text('all')")
    page.fill("#as-of", "2025-07-31")
    snap = ds.snapshot("2025-07-31")
    assert shown(page) == (ids(snap.entities), ids(snap.relations))
    assert drawn_hidden(page, "usa")
    page.click("#all-dates")

    # Clicking an entity on the canvas opens its details.
    page.mouse.click(*node_point(page, "pak"))
    assert page.locator("#details h2").inner_text() == "Pakistan"
    assert page.locator("#details h3").all_inner_texts() == ["accuses (1)", "attacks (1)"]

    page.fill("#search", "talibán")
    page.keyboard.press("Enter")
    assert page.evaluate("window.relgraph.focused") == "tal"
    assert page.locator("#details h2").inner_text() == "Taliban"
    assert page.evaluate("window.relgraph.view.renderer.getNodeDisplayData('tal').highlighted") is True
    assert page.problems == []


def test_webgl_page_shows_hostile_text_as_text(open_page):
    ent = ENTITIES.copy()
    ent.loc[ent["id"] == "pak", "name"] = PAYLOADS[1]
    page = open_page(tiny(ent), renderer="webgl", title=PAYLOADS[0])
    page.evaluate("window.relgraph.showEntity('pak')")
    assert page.locator("#details h2").inner_text() == PAYLOADS[1]
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img, svg, iframe, object, embed').length") == 0
    assert page.problems == []


class Terminal(io.StringIO):
    """A stream that says it is a terminal and signals each write."""

    def __init__(self):
        super().__init__()
        self.wrote = threading.Event()

    def isatty(self):
        return True

    def write(self, s):
        n = super().write(s)
        self.wrote.set()
        return n


def test_progress_shows_long_steps_on_a_terminal_only():
    term = Terminal()
    with Progress(term, delay=0) as p:
        p("layout")
        assert term.wrote.wait(10)  # the timer thread showed the running step
    assert term.getvalue().startswith("relgraph: layout ...") and term.getvalue().endswith(" s\n")

    quick = Terminal()
    with Progress(quick, delay=60) as p:  # ends long before the delay: nothing shown
        p("layout")
    assert quick.getvalue() == ""
    piped = io.StringIO()
    with Progress(piped, delay=0) as p:
        p("layout")
    assert piped.getvalue() == ""


def test_cli_stays_quiet_when_not_a_terminal(tmp_path):
    r = CliRunner().invoke(main, ["render", "-o", str(tmp_path / "p.html")])
    assert r.exit_code == 0 and r.output == f"{tmp_path / 'p.html'}\n"


def test_benchmark_runner_smoke():
    """benchmarks/run.py runs every step on tiny sizes and prints one table row per measure."""
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--scale", "0.0005", "--repeat", "1"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "| step | size | measure | relgraph | baseline | ratio | target |"
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]
    steps = [(row[0], row[2]) for row in rows]
    expected = [("relgraph validate", "time"), ("relgraph validate", "peak memory"), ("relgraph render", "time"),
                ("relgraph render", "peak memory"), ("relgraph render", "output")]
    if shutil.which("chromium"):
        expected += [("page", "first draw"), ("page", "filter change"),
                     ("page (vis forced)", "first draw"), ("page (vis forced)", "filter change")]
    expected += [("relgraph render", "time"), ("relgraph render", "peak memory"), ("relgraph render", "output")]
    if shutil.which("chromium"):
        expected += [("page", "first draw"), ("page", "filter change")]
    expected += [("relgraph diff", "time"), ("relgraph diff", "peak memory")]
    assert steps == expected
    for row in rows:  # a ratio wherever there is a baseline
        assert (row[4] == "-") == (row[5] == "-"), row
        assert row[5] == "-" or float(row[5].rstrip("x")) > 0
