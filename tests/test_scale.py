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


@pytest.mark.parametrize("folded", [False, True], ids=["a line per relation", "folded"])
def test_webgl_page_shows_hostile_text_as_text(open_page, tiny, folded, monkeypatch):
    if folded:
        monkeypatch.setattr(relgraph.page, "FOLD_MIN_RELATIONS", 0)
    ent = tiny.entities.assign(name=tiny.entities["name"].where(tiny.entities["id"] != "pak", PAYLOADS[1]))
    rel = tiny.relations.assign(note=PAYLOADS[3])
    page = open_page(variant(tiny, entities=ent, relations=rel), renderer="webgl", title=PAYLOADS[0])
    assert (page.data["folds"] is not None) == folded
    if folded:  # the line of the TTP's attack on Pakistan, named and listed as text
        page.evaluate(f"window.relgraph.api.showLine({page.data['folds']['of'][page.data['relations']['id'].index('r4')]})")
        assert page.locator("#details h2").inner_text().endswith("attacks \u2192 " + PAYLOADS[1])
        assert page.locator("#details ul.rels button").get_attribute("title") == "\u201crelentless attacks\u201d"
    page.evaluate("window.relgraph.api.select('pak')")
    assert page.locator("#details h2").inner_text() == PAYLOADS[1]
    assert page.requests == [page.url_]
    assert page.evaluate("window.__pwned") is None
    # Only the page's own elements: no image, frame or object, no svg but the timeline's.
    assert page.evaluate("document.querySelectorAll('img, svg:not(#timeline-bars), iframe, object, embed')"
                         ".length") == 0
    assert page.problems == []


@pytest.fixture
def thin(monkeypatch):
    """Pages written while this is in use draw with sigma.js's cheapest programs whatever their size."""
    monkeypatch.setattr(relgraph.page, "THIN_MIN_LINES", 0)


def test_large_webgl_pages_draw_thin_lines(tiny, monkeypatch):
    assert page_data(tiny, WEBGL)["drawing"]["thin"] is False  # small: triangles with arrowheads
    monkeypatch.setattr(relgraph.page, "THIN_MIN_LINES", len(tiny.relations) - 1)
    assert page_data(tiny, WEBGL)["drawing"]["thin"] is True
    assert page_data(tiny)["drawing"]["thin"] is False  # vis-network draws its own way
    monkeypatch.setattr(relgraph.page, "FOLD_MIN_RELATIONS", 0)  # folded: the lines drawn count, not relations
    ds = parallel(tiny)
    lines = len(page_data(ds, WEBGL)["folds"]["count"])
    assert lines < len(ds.relations)
    monkeypatch.setattr(relgraph.page, "THIN_MIN_LINES", lines - 1)
    assert page_data(ds, WEBGL)["drawing"]["thin"] is True
    monkeypatch.setattr(relgraph.page, "THIN_MIN_LINES", lines)
    assert page_data(ds, WEBGL)["drawing"]["thin"] is False


@pytest.mark.parametrize("folded", [False, True], ids=["a line per relation", "folded"])
def test_thin_webgl_page_filters_dates_and_clicks(open_page, tiny, thin, folded, monkeypatch):
    if folded:
        monkeypatch.setattr(relgraph.page, "FOLD_MIN_RELATIONS", 0)
    ds = tiny
    page = open_page(ds, renderer="webgl")
    assert page.evaluate("window.relgraph.api.programs") == {"entities": "point", "relations": "line"}
    assert shown(page) == (ids(ds.entities), ids(ds.relations))
    # A change redraws the rows it changed; what is drawn is what passes, as in Python.
    page.locator('#filter-types input[value="attack"]').uncheck()
    rel = ds.filter(relation=[t for t in ds.relation_types["id"] if t != "attack"])
    assert shown(page)[1] == ids(rel.relations)
    hidden = {k for k, d in drawn(page)["relations"].items() if d["hidden"]}
    assert hidden == ids(ds.relations) - ids(rel.relations)
    page.locator('#filter-types input[value="attack"]').check()
    assert not any(d["hidden"] for d in drawn(page)["relations"].values())
    page.fill("#as-of", "2025-07-31")
    snap = ds.snapshot("2025-07-31")
    assert shown(page) == (ids(snap.entities), ids(snap.relations))
    assert {k for k, d in drawn(page)["entities"].items() if d["hidden"]} == ids(ds.entities) - ids(snap.entities)
    page.click("#all-dates")
    assert not any(d["hidden"] for d in drawn(page)["entities"].values())

    # Picking (what lies under the pointer) is drawn when asked: clicks find entities and relations.
    page.mouse.click(*at(page, "pak"))
    assert page.locator("#details h2").inner_text() == "Pakistan"
    (x0, y0), (x1, y1) = at(page, "ttp"), at(page, "pak")
    page.wait_for_timeout(500)  # two clicks in sigma.js's 300 ms are a double click (a zoom)
    page.mouse.click((x0 + x1) / 2, (y0 + y1) / 2)
    if folded:
        assert page.locator("#details h2").inner_text() == "1 relation: Tehrik-i-Taliban Pakistan → attacks → Pakistan"
        assert drawn(page)["lines"][str(drawn(page)["relations"]["r4"]["line"])]["selected"]
    else:
        assert page.evaluate("window.relgraph.api.selected()") == {"relation": "r4"}
        assert drawn(page)["relations"]["r4"]["selected"]
    assert page.problems == []


@pytest.mark.parametrize("renderer", ["vis", "webgl"])
def test_timings_report_the_pixels_and_the_last_change(open_page, tiny, renderer):
    """timings: first draw call, its pixels after it, then each change until its own frame's pixels."""
    page = open_page(tiny, renderer=renderer)
    page.wait_for_function("() => window.relgraph.api.timings.pixels")
    t = page.evaluate("window.relgraph.api.timings")
    assert 0 < t["firstDraw"] <= t["pixels"] and t["changes"] == 0 and "change" not in t
    # afterPixels(f): f gets the page clock once the frame after a change has its pixels.
    started, done = page.evaluate("""() => new Promise(resolve => { const t0 = performance.now();
        window.relgraph.api.afterPixels(now => resolve([t0, now]));
        document.querySelector('#filter-types input[value="attack"]').click(); })""")
    assert done > started and "r4" not in shown(page)[1]
    page.wait_for_function("() => window.relgraph.api.timings.changes === 1")
    assert page.evaluate("window.relgraph.api.timings.change") > 0
    page.evaluate("window.relgraph.api.set({asOf: '2025-07-31'})")
    page.wait_for_function("() => window.relgraph.api.timings.changes === 2")
    page.evaluate("window.relgraph.api.set({asOf: '2025-07-31'})")  # nothing changes: nothing drawn, not timed
    page.evaluate("window.relgraph.api.set({asOf: null})")
    page.wait_for_function("() => window.relgraph.api.timings.changes === 3")
    assert page.evaluate("window.relgraph.api.afterPixels(() => 0) || window.relgraph.api.timings.changes") == 3
    assert page.problems == []


@pytest.fixture
def folding(monkeypatch):
    """Pages written while this is in use draw the folded view whatever their size (with WebGL)."""
    monkeypatch.setattr(relgraph.page, "FOLD_MIN_RELATIONS", 0)


def parallel(tiny) -> relgraph.Dataset:
    """The tiny dataset with parallel relations: three attacks of the TTP on Pakistan, an alliance written
    both ways (mutual: one line), accusations both ways (directed: two lines)."""
    rel = tiny.relations.set_index("id")
    extra = pd.DataFrame([
        dict(rel.loc["r4"], id="r8", start="2024-05-02"),
        dict(rel.loc["r4"], id="r9", start="2022", status="reported", claimed_by=""),
        dict(rel.loc["r6"], id="r10", source="ttp", target="tal", start="2019-06", end="2020"),
        dict(rel.loc["r7"], id="r11", source="iea", target="pak", start="2025-01"),
    ])
    return variant(tiny, relations=pd.concat([tiny.relations, extra], ignore_index=True))


def expected_lines(ds, relation_ids) -> list[dict]:
    """The folded lines of ``ds`` (as Python's fold() numbers them) with those of ``relation_ids``, and per line
    their count and dates (earliest start, latest end or start), computed here from the day bounds."""
    from relgraph.asof import relation_bounds
    from relgraph.graph import relations_with_types

    rel = relations_with_types(ds.relations, ds.relation_types)
    lines = relgraph.page.fold(rel, relation_bounds(rel))
    b = relation_bounds(rel).assign(id=rel["id"], line=lines["of"])
    b = b[b["id"].isin(relation_ids)]
    out = []
    for k, group in b.groupby("line"):
        last = group["end_hi"].fillna(group["start_hi"]).max()
        out.append({"line": int(k), "source": lines["source"][k], "target": lines["target"][k],
                    "relation": lines["relation"][k], "count": len(group), "relations": group["id"].tolist(),
                    "first": "" if pd.isna(group["start_lo"].min()) else str(group["start_lo"].min().date()),
                    "last": "" if pd.isna(last) else str(last.date())})
    return out


def test_fold_groups_relations_by_pair_and_type(tiny):
    from relgraph.asof import relation_bounds
    from relgraph.graph import relations_with_types

    ds = parallel(tiny)
    rel = relations_with_types(ds.relations, ds.relation_types)
    f = relgraph.page.fold(rel, relation_bounds(rel))
    line = dict(zip(rel["id"], f["of"]))
    assert line["r4"] == line["r8"] == line["r9"] and line["r6"] == line["r10"] and line["r7"] != line["r11"]
    assert len(f["count"]) == len(rel) - 3 and sum(f["count"]) == len(rel)
    attack = line["r4"]
    assert (f["source"][attack], f["target"][attack], f["relation"][attack], f["count"][attack]) == (
        "ttp", "pak", "attack", 3)
    assert (f["first"][attack], f["last"][attack]) == ("2022-01-01", "2024-05-02")
    alliance = line["r6"]  # mutual: ordered by id, whichever way it was written
    assert (f["source"][alliance], f["target"][alliance], f["directed"][alliance]) == ("tal", "ttp", False)
    assert (f["first"][alliance], f["last"][alliance]) == ("2019-06-01", "2021-12-31")
    assert f["first"][line["r5"]] == f["last"][line["r5"]] == ""  # undated
    assert relgraph.page.page_data(ds, WEBGL)["folds"] is None  # small: a line per relation


def test_folded_view_counts_dates_filters_and_details(open_page, tiny, folding):
    ds = parallel(tiny)
    page = open_page(ds, renderer="webgl")
    assert page.evaluate("window.relgraph.api.folds()") == expected_lines(ds, ids(ds.relations))
    lines = drawn(page)["lines"]
    assert len(lines) == len(ds.relations) - 3 and not any(d["hidden"] for d in lines.values())
    attack = page.data["folds"]["of"][page.data["relations"]["id"].index("r4")]
    assert lines[str(attack)]["label"] == "\u00d73"  # its count, drawn where labels are
    assert drawn(page)["relations"]["r8"] == {"hidden": False, "selected": False, "curve": None, "line": attack}

    # Filters and the date act on the folded relations: a line counts and dates those shown.
    page.locator('#filter-statuses input[value="alleged"]').uncheck()
    rel = ds.filter(status=["reported"])
    assert page.evaluate("window.relgraph.api.folds()") == expected_lines(ds, ids(rel.relations))
    assert drawn(page)["lines"][str(attack)]["label"] == ""  # one attack left (r9)
    assert drawn(page)["relations"]["r8"]["hidden"]
    page.locator('#filter-statuses input[value="alleged"]').check()
    page.locator('#filter-types input[value="attack"]').uncheck()
    assert drawn(page)["lines"][str(attack)]["hidden"]
    assert attack not in [line["line"] for line in page.evaluate("window.relgraph.api.folds()")]
    page.locator('#filter-types input[value="attack"]').check()
    page.fill("#as-of", "2025-07-31")
    snap = ds.snapshot("2025-07-31")
    assert page.evaluate("window.relgraph.api.folds()") == expected_lines(ds, ids(snap.relations))
    page.click("#all-dates")

    # Choosing a line lists its relations, each a way to its own details.
    page.evaluate(f"window.relgraph.api.showLine({attack})")
    assert page.locator("#details h2").inner_text() == (
        "3 relations: Tehrik-i-Taliban Pakistan \u2192 attacks \u2192 Pakistan")
    assert "3 of 3 relations" in page.locator("#details dl").inner_text()
    assert "2022-01-01 to 2024-05-02" in page.locator("#details dl").inner_text()
    listed = page.locator("#details ul.rels button")
    assert listed.count() == 3
    assert drawn(page)["lines"][str(attack)]["selected"]
    listed.nth(1).click()
    assert page.evaluate("window.relgraph.api.selected()") == {"relation": "r8"}
    assert drawn(page)["lines"][str(attack)]["selected"]  # a relation is selected as its line
    assert page.requests == [page.url_] and page.problems == []


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
    """benchmarks/run.py runs relgraph's steps on tiny sizes (without the peers of its bench extra) and
    prints one table row per measure, then the load and the versions."""
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--scale", "0.0005", "--repeat", "1",
                        "--no-peers"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "| step | size | measure | relgraph | baseline | ratio | target |"
    blank = lines.index("")
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:blank]]
    steps = [(row[0], row[2]) for row in rows]
    render = [("relgraph render", "time"), ("relgraph render", "peak memory"), ("relgraph render", "output")]
    page = [("page", "until pixels"), ("page", "filter change")] if shutil.which("chromium") else []
    expected = render + render + render + page + render + page  # 300/900, 1k/3k, 10k/30k (and its page), 100k
    if shutil.which("chromium"):
        expected += [("relgraph render", "time"), ("relgraph render", "peak memory"), *page]
    expected += [("relgraph render", "time"), ("relgraph validate", "time"), ("relgraph validate", "peak memory"),
                 ("relgraph diff", "time"), ("relgraph diff", "peak memory")]
    assert steps == expected
    for row in rows:  # a ratio wherever there is a baseline; the render rows have none without peers
        assert (row[4] == "-") == (row[5] == "-"), row
        assert row[5] == "-" or float(row[5].rstrip("x")) > 0
    assert [row[5] != "-" for row in rows if row[0] == "relgraph render"][:12] == [False] * 12
    assert [row[5] != "-" for row in rows[-5:]] == [True] * 5
    assert lines[blank + 1].startswith("Load (1-minute average) as each size began: ")
    assert lines[blank + 2].startswith("Python ") and "pandas " in lines[blank + 2] and "pyvis " in lines[blank + 2]
