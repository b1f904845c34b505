"""Large graphs: the renderer choice, the WebGL page in headless Chromium, progress, the benchmark runner."""
import io
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import relgraph
from helpers import page_json
from pagehelpers import PAYLOADS, at, drawn, ids, shown, variant
from relgraph.cli import main
from relgraph.page import (
    WEBGL_MIN_RELATIONS,
    PageOptions,
    _sigma_js,
    _vis_assets,
    choose_renderer,
    page_data,
    render_html,
)
from relgraph.progress import Progress

ROOT = Path(__file__).resolve().parents[1]
WEBGL = PageOptions(renderer="webgl")


def test_renderer_is_chosen_by_size_unless_given(tiny):
    assert choose_renderer(WEBGL_MIN_RELATIONS) == "vis"
    assert choose_renderer(WEBGL_MIN_RELATIONS + 1) == "webgl"
    assert choose_renderer(WEBGL_MIN_RELATIONS + 1, "vis") == "vis"
    assert choose_renderer(3, "webgl") == "webgl"
    with pytest.raises(ValueError, match="renderer must be one of vis, webgl, not 'svg'"):
        choose_renderer(3, "svg")
    assert page_data(tiny)["renderer"] == "vis"


def test_webgl_page_inlines_sigma_not_vis_and_is_deterministic(tiny):
    page = render_html(tiny, WEBGL)
    assert page_json(page)["renderer"] == "webgl" and page_json(page)["physics"] is False
    vis_js = _vis_assets()[0]
    assert _sigma_js() in page and vis_js not in page
    assert page == render_html(tiny, WEBGL)
    assert vis_js in render_html(tiny) and _sigma_js() not in render_html(tiny)


def test_render_renderer_option(tmp_path):
    out = tmp_path / "p.html"
    r = CliRunner().invoke(main, ["render", "-o", str(out), "--renderer", "webgl"])
    assert r.exit_code == 0, r.output
    assert page_json(out.read_text(encoding="utf-8"))["renderer"] == "webgl"
    r = CliRunner().invoke(main, ["render", "-o", str(out), "--renderer", "svg"])
    assert r.exit_code == 2 and "'svg' is not one of 'vis', 'webgl'" in r.output


def test_webgl_page_filters_dates_details_and_search(open_page, tiny):
    ds = tiny
    page = open_page(ds, renderer="webgl")
    assert page.requests == [page.url_]  # offline: nothing but the page itself
    assert page.evaluate("window.relgraph.api.renderer") == "webgl"
    assert set(drawn(page)["relations"]) == ids(ds.relations)  # sigma.js holds every relation
    assert shown(page) == (ids(ds.entities), ids(ds.relations))
    assert page.is_disabled("#physics")

    # The same controls as the vis-network page, and sigma.js draws what they leave.
    page.locator('#filter-kinds input[value="state"]').uncheck()
    rel = ds.filter(kind=["armed_group", "government", "political_movement"])
    assert shown(page) == (ids(rel.entities), ids(rel.relations))
    hidden = {e for e, d in drawn(page)["entities"].items() if d["hidden"]}
    assert hidden == ids(ds.entities) - ids(rel.entities) == {"usa"}  # the other states are ends of relations
    page.click("#filter-kinds button:text('all')")
    page.fill("#as-of", "2025-07-31")
    snap = ds.snapshot("2025-07-31")
    assert shown(page) == (ids(snap.entities), ids(snap.relations))
    assert drawn(page)["entities"]["usa"]["hidden"]
    page.click("#all-dates")

    # Clicking an entity on the canvas opens its details.
    page.mouse.click(*at(page, "pak"))
    assert page.locator("#details h2").inner_text() == "Pakistan"
    assert page.locator("#details h3").all_inner_texts() == ["accuses (1)", "attacks (1)"]

    page.fill("#search", "talibán")
    page.keyboard.press("Enter")
    assert page.evaluate("window.relgraph.api.selected()") == {"entity": "tal"}
    assert page.locator("#details h2").inner_text() == "Taliban"
    assert [e for e, d in drawn(page)["entities"].items() if d["selected"]] == ["tal"]
    assert page.problems == []


def test_webgl_labels_the_largest_entities_and_more_when_zoomed_in(open_page):
    ds = relgraph.load()
    page = open_page(ds, renderer="webgl")
    labelled = {k for k, e in drawn(page)["entities"].items() if e["labelled"]}
    degree = pd.concat([ds.relations["source"], ds.relations["target"]]).value_counts()
    assert degree.index[0] in labelled and 3 <= len(labelled) < len(ds.entities)
    assert not labelled & set(ds.entities["id"][~ds.entities["id"].isin(degree.index)])  # no relation: smallest
    # Zoomed in on the middle, the entities in view are named.
    page.focus("#graph")
    for _ in range(4):
        page.keyboard.press("+")
    page.wait_for_function("before => Object.entries(window.relgraph.api.drawn().entities)"
                           ".some(([k, e]) => e.labelled && !before.includes(k))", arg=sorted(labelled))
    box = page.locator("#graph").bounding_box()
    in_view = {k for k, e in drawn(page)["entities"].items()
               if box["x"] < e["x"] < box["x"] + box["width"] and box["y"] < e["y"] < box["y"] + box["height"]}
    now = {k for k, e in drawn(page)["entities"].items() if e["labelled"]}
    assert len(now & in_view) >= 0.7 * len(in_view) and now - labelled


def test_webgl_legend_shows_only_what_it_draws(open_page, tiny):
    page = open_page(tiny, renderer="webgl")
    shapes = page.locator("#filter-kinds .swatch-shape").evaluate_all("els => els.map(e => e.className)")
    assert shapes and all(s.endswith("shape-dot") for s in shapes)  # sigma.js draws every entity as a dot
    assert page.locator("#filter-statuses .swatch-line").count() == 0  # and no dashes
    assert "Drawn alike" in page.locator("#filter-statuses .hint").inner_text()
    vis = open_page(tiny)
    assert vis.locator("#filter-statuses .swatch-line").count() == 2  # vis-network draws them (reported, alleged)


def test_webgl_page_shows_hostile_text_as_text(open_page, tiny):
    ent = tiny.entities.assign(name=tiny.entities["name"].where(tiny.entities["id"] != "pak", PAYLOADS[1]))
    page = open_page(variant(tiny, entities=ent), renderer="webgl", title=PAYLOADS[0])
    page.evaluate("window.relgraph.api.select('pak')")
    assert page.locator("#details h2").inner_text() == PAYLOADS[1]
    assert page.evaluate("window.__pwned") is None
    # Only the page's own elements: no image, frame or object, no svg but the timeline's.
    assert page.evaluate("document.querySelectorAll('img, svg:not(#timeline-bars), iframe, object, embed')"
                         ".length") == 0
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


@pytest.mark.slow
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
