"""The interactive page driven in headless Chromium (fixtures `browser` and `open_page` in conftest.py).

Tests read the page through its one hook, ``window.relgraph.api`` (see
relgraph/templates/js/main.js), and compare with the library: as of a date,
the page shows exactly the relations and entities of ``Dataset.snapshot``.
"""
import base64
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import relgraph
from helpers import make_dataset, page_blob
from pagehelpers import PAYLOADS, at, drawn, ids, inside, overlap, positions, shown, variant
from relgraph import page as page_module
from relgraph.page import PageOptions, render_html

ROOT = Path(__file__).resolve().parents[1]
RELATIONS_KEPT = ["delisting", "recognition", "alliance", "accusation"]
KINDS_KEPT = ["state", "government", "political_movement"]


def canvas_box(page) -> dict:
    return page.evaluate("(() => { const r = document.querySelector('#graph canvas').getBoundingClientRect();"
                         " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })()")


def test_bundled_page_loads_offline_without_errors(open_page):
    ds = relgraph.load()
    page = open_page(ds)
    assert page.requests == [page.url_]
    assert page.problems == []
    assert shown(page) == (ids(ds.entities), ids(ds.relations))
    assert page.evaluate("window.relgraph.api.renderer") == "vis"
    # Relation types by family, each in its family's colours.
    assert page.locator("#filter-types .legend-subgroup").all_text_contents() == ["hostile", "cooperative"]


def test_layout_stays_fixed_when_the_date_and_filters_change(open_page):
    """Physics is off by default: every entity keeps its place (from Python) whatever the date or filters."""
    page = open_page(relgraph.load())
    assert drawn(page)["physics"] is False and not page.is_checked("#physics")
    before = positions(page)
    page.fill("#as-of", "2024-11-25")
    page.locator('#filter-types input[value="attack"]').uncheck()
    page.locator('#filter-kinds input[value="state"]').uncheck()
    assert positions(page) == before
    page.click("#all-dates")
    page.click("#filter-kinds button:text('all')")
    assert positions(page) == before
    # The drawn map is the one computed in Python, scaled and moved as a whole.
    x, y = page.data["nodes"]["x"], page.data["nodes"]["y"]
    names = page.data["entities"]["id"]
    (ax, ay), bx = before[names[0]], before[names[1]][0]
    scale = (bx - ax) / (x[1] - x[0])
    for k, name in enumerate(names):
        assert abs(before[name][0] - (ax + (x[k] - x[0]) * scale)) < 1.5
        assert abs(before[name][1] - (ay + (y[k] - y[0]) * scale)) < 1.5


@pytest.mark.parametrize("viewport", [(1440, 900), (1300, 800), (1024, 768)])
def test_labels_neither_overlap_nor_are_clipped(open_page, viewport):
    """In the default view of the bundled data, no label covers another label or an entity, and each is
    whole inside the canvas; every name is shown in full."""
    page = open_page(relgraph.load(), viewport=viewport)
    frame = canvas_box(page)
    entities = {k: e for k, e in drawn(page)["entities"].items() if not e["hidden"]}
    names = dict(zip(page.data["entities"]["id"], page.data["entities"]["name"]))
    assert len(entities) == len(names)
    for k, e in entities.items():
        assert e["label"].replace("\n", " ") == names[k]
        assert inside(e["labelBox"], frame), k
        assert inside(e["symbol"], frame), k
        for j, other in entities.items():
            if j != k:
                assert not overlap(e["labelBox"], other["labelBox"]), (k, j)
                assert not overlap(e["labelBox"], other["symbol"]), (k, j)
                assert not overlap(e["symbol"], other["symbol"]), (k, j)


def test_on_a_phone_the_graph_takes_the_width_and_the_panels_open_over_it(open_page):
    page = open_page(relgraph.load(), viewport=(390, 844))
    frame = canvas_box(page)
    assert frame["right"] - frame["left"] >= 385 and frame["bottom"] - frame["top"] >= 450
    assert page.locator("#controls").is_hidden() and page.locator("#details-panel").is_hidden()
    assert all(inside(e["symbol"], frame) for e in drawn(page)["entities"].values())  # the whole map in view
    # The filters open over the graph, work there, and close again (Close, or Escape).
    toggle = page.locator("#toggle-legend")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert page.locator("#controls").is_visible() and toggle.get_attribute("aria-expanded") == "true"
    page.locator('#filter-types input[value="attack"]').uncheck()
    assert page.evaluate("window.relgraph.api.state()")["filters"]["types"]["attack"] is False
    page.click("#controls .close")
    assert page.locator("#controls").is_hidden()
    toggle.click()
    page.keyboard.press("Escape")
    assert page.locator("#controls").is_hidden()
    assert canvas_box(page) == frame  # the graph never gave up its width
    # Choosing an entity opens its details over the graph.
    page.fill("#search", "pakistan")
    page.keyboard.press("Enter")
    assert page.locator("#details-panel").is_visible() and page.locator("#details h2").inner_text() == "Pakistan"
    page.click("#details-panel .close")
    assert page.locator("#details-panel").is_hidden()
    assert page.problems == []


def test_the_diff_page_on_a_phone_has_a_graph(open_page):
    ds = relgraph.load()
    page = open_page(relgraph.diff(ds.snapshot("2024-11-25"), ds.snapshot("2025-07-31")).to_html(),
                     viewport=(390, 844))
    frame = canvas_box(page)
    assert frame["right"] - frame["left"] >= 385
    page.click("#toggle-legend")
    assert page.locator("#filter-changes").is_visible()


def test_at_a_notebook_width_the_graph_takes_most_of_it(open_page):
    page = open_page(relgraph.load(), viewport=(990, 600))
    frame = canvas_box(page)
    assert frame["right"] - frame["left"] >= 0.7 * 990
    assert page.locator("#controls").is_visible() and page.locator("#details-panel").is_hidden()
    page.evaluate("window.relgraph.api.select('ttp')")
    assert page.locator("#details-panel").is_visible()
    assert canvas_box(page) == frame  # the details open over the graph, which keeps its size


def test_a_page_shown_late_fits_the_graph_when_it_first_becomes_visible(browser, tmp_path):
    """As in a JupyterLab tab restored in the background: the page starts in a hidden frame."""
    from relgraph.notebook import iframe
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    try:
        page.set_content('<div id="tab" style="display: none">' + iframe(relgraph.load().to_html(), height=600)
                         + "</div>")
        frame = page.frames[1]
        frame.wait_for_function("() => window.relgraph && window.relgraph.api")
        page.evaluate("document.getElementById('tab').style.display = 'block'")
        # Once shown, the whole map is in view, labels included, filling the frame's width or height.
        frame.wait_for_function("""() => { const c = document.querySelector('#graph canvas').getBoundingClientRect();
            const ents = Object.values(window.relgraph.api.drawn().entities);
            const l = Math.min(...ents.map(e => e.labelBox.left)), r = Math.max(...ents.map(e => e.labelBox.right));
            const t = Math.min(...ents.map(e => e.symbol.top)), b = Math.max(...ents.map(e => e.labelBox.bottom));
            return c.width > 0 && ents.every(e => e.labelBox.left >= c.left && e.labelBox.right <= c.right &&
                e.symbol.top >= c.top && e.labelBox.bottom <= c.bottom) &&
                (r - l > 0.8 * c.width || b - t > 0.8 * c.height); }""")
        assert page.locator("iframe").bounding_box()["width"] > 1000
    finally:
        page.close()


def test_parallel_relations_are_drawn_as_separate_curves(open_page):
    page = open_page(relgraph.load(), physics=False)
    # r011 and r012 both join the TTP and Pakistan; r009 (IEA and United States) is alone between its pair.
    curves = [drawn(page)["relations"][r]["curve"] for r in ("r011", "r012", "r009")]
    assert {curves[0], curves[1]} == {"curvedCW", "curvedCCW"} and curves[2] is None


def test_as_of_equals_snapshot_for_every_date(open_page):
    ds = relgraph.load()
    page = open_page(ds, physics=False)
    for day in page.data["dates"] + ["1990-01-01", "2024-11-25", "2025-07-31", "2030-06-01"]:
        page.fill("#as-of", day)
        snap = ds.snapshot(day)
        assert shown(page) == (ids(snap.entities), ids(snap.relations)), day
        assert page.locator("#date-label").inner_text() == f"as of {day}"
    page.click("#all-dates")
    assert shown(page) == (ids(ds.entities), ids(ds.relations))
    assert page.locator("#date-label").inner_text() == "all dates"
    assert page.problems == []


def test_each_filter_changes_the_counts(open_page, tiny):
    ds = tiny
    page = open_page(ds, physics=False)
    assert shown(page) == (ids(ds.entities), ids(ds.relations))

    page.locator('#filter-types input[value="proscription"]').uncheck()
    assert shown(page)[1] == ids(ds.relations) - {"r1"}
    page.locator('#filter-statuses input[value="alleged"]').uncheck()
    assert shown(page)[1] == ids(ds.relations) - {"r1", "r4", "r5"}
    page.locator('#filter-kinds input[value="armed_group"]').uncheck()
    rel = ds.filter(relation=RELATIONS_KEPT, status="reported", kind=KINDS_KEPT)
    assert shown(page) == (ids(rel.entities), ids(rel.relations))
    page.check("#hide-isolated")  # the United States has no relation
    assert shown(page) == (ids(rel.drop_isolated().entities), ids(rel.relations))
    # The legend shows what is shown.
    assert page.locator('#filter-kinds label:has(input[value="state"]) .count').inner_text() == "2 / 3"
    assert page.locator('#filter-types label:has(input[value="proscription"]) .count').inner_text() == "0 / 1"

    # The time control combines with the filters: as of a date, what the snapshot holds, filtered alike.
    page.fill("#as-of", "2025-07-31")
    snap = ds.snapshot("2025-07-31").filter(relation=RELATIONS_KEPT, status="reported", kind=KINDS_KEPT)
    assert shown(page)[1] == ids(snap.relations) == {"r2", "r3", "r6", "r7"}  # r6: the Taliban's ally, the TTP
    for box in ("#filter-types", "#filter-statuses", "#filter-kinds"):
        page.click(f"{box} button:text('all')")
    page.uncheck("#hide-isolated")
    assert shown(page) == (ids(ds.snapshot("2025-07-31").entities), ids(ds.snapshot("2025-07-31").relations))
    page.click("#filter-types button:text('none')")
    assert shown(page) == (set(), set())
    assert page.problems == []


def test_state_set_through_the_api_moves_the_controls(open_page, tiny):
    page = open_page(tiny, physics=False)
    page.evaluate("window.relgraph.api.set({asOf: '2025-07-31', hideIsolated: true,"
                  " filters: {kinds: {armed_group: false}}})")
    snap = tiny.snapshot("2025-07-31").filter(kind=KINDS_KEPT)
    assert shown(page) == (ids(snap.entities), ids(snap.relations))
    assert page.locator("#as-of").input_value() == "2025-07-31" and page.is_checked("#hide-isolated")
    assert not page.is_checked('#filter-kinds input[value="armed_group"]')
    state = page.evaluate("window.relgraph.api.state()")
    assert state["asOf"] == "2025-07-31" and state["hideIsolated"] is True
    assert state["filters"]["kinds"] == {"armed_group": False, "government": True, "political_movement": True,
                                         "state": True}


def test_slider_and_play_step_through_the_dates(open_page, tiny):
    ds = tiny
    page = open_page(ds, physics=False)
    dates = page.data["dates"]
    page.focus("#date-slider")
    page.keyboard.press("End")
    assert page.locator("#date-label").inner_text() == f"as of {dates[-1]}"
    assert shown(page)[1] == ids(ds.snapshot(dates[-1]).relations)
    page.keyboard.press("ArrowLeft")
    assert shown(page)[1] == ids(ds.snapshot(dates[-2]).relations)

    page.click("#all-dates")
    page.click("#play")  # starts at the first date, then steps
    assert page.locator("#date-label").inner_text() == f"as of {dates[0]}"
    page.wait_for_function("d => document.getElementById('date-label').textContent === 'as of ' + d", arg=dates[1])
    page.click("#play")  # pause
    assert page.locator("#play").get_attribute("aria-pressed") == "false"
    assert page.locator("#date-label").inner_text() in (f"as of {dates[1]}", f"as of {dates[2]}")


def test_date_field_takes_iso_dates(open_page, tiny):
    ds = tiny
    page = open_page(ds, physics=False)
    field = page.locator("#as-of")
    assert field.get_attribute("placeholder") == "YYYY-MM-DD"  # ISO as on the rest of the page, not the locale's
    page.focus("#as-of")
    page.keyboard.type("2025-07-3")  # not yet a date: nothing changes while typing
    assert page.locator("#date-label").inner_text() == "all dates"
    page.keyboard.type("1")
    assert page.locator("#date-label").inner_text() == "as of 2025-07-31"
    assert shown(page) == (ids(ds.snapshot("2025-07-31").entities), ids(ds.snapshot("2025-07-31").relations))
    page.fill("#as-of", "2025-02-30")  # no such day: said in words when committed, the view stays as it was
    page.keyboard.press("Enter")
    assert field.get_attribute("aria-invalid") == "true"
    assert page.locator("#as-of-message").inner_text() == "February 2025 has 28 days."
    assert page.locator("#date-label").inner_text() == "as of 2025-07-31"
    page.fill("#as-of", "")
    assert page.locator("#date-label").inner_text() == "all dates"
    assert field.get_attribute("aria-invalid") is None and page.locator("#as-of-message").is_hidden()
    assert shown(page) == (ids(ds.entities), ids(ds.relations))


def test_date_field_takes_a_year_or_a_month_as_its_last_day(open_page, tiny):
    page = open_page(tiny)
    for typed, day in (("2024", "2024-12-31"), ("2024-11", "2024-11-30"), ("2024-02", "2024-02-29")):
        page.evaluate("window.relgraph.api.set({asOf: null})")
        page.fill("#as-of", typed)  # a year or a month applies when committed, not while it is typed
        assert page.locator("#date-label").inner_text() == "all dates"
        page.keyboard.press("Enter")
        assert page.locator("#date-label").inner_text() == f"as of {day}"
        assert page.locator("#as-of-message").inner_text() == f"{typed} means its last day, {day}."
        assert shown(page) == (ids(tiny.snapshot(day).entities), ids(tiny.snapshot(day).relations))


DATE_MISTAKES = [
    ("2025-13", "There is no month 13: months go from 01 to 12."),
    ("2025-7", "Write the month with two digits: 2025-07."),
    ("2025-07-4", "Write the day with two digits: 2025-07-04."),
    ("2023-02-29", "February 2023 has 28 days."),
    ("2025-04-00", "There is no day 00: days start at 01."),
    ("25-07-31", "Write the year with four digits, e.g. 2024. Write a date as YYYY-MM-DD (2024-11-25), "
                 "YYYY-MM (2024-11) or YYYY (2024)."),
    ("31.07.2025", "Write the year first: YYYY-MM-DD, e.g. 2024-11-25."),
    ("soon", "Write a date as YYYY-MM-DD (2024-11-25), YYYY-MM (2024-11) or YYYY (2024)."),
]


def test_date_field_says_what_is_wrong_in_words(open_page, tiny):
    page = open_page(tiny)
    for typed, said in DATE_MISTAKES:
        page.fill("#as-of", typed)
        page.keyboard.press("Enter")
        assert page.locator("#as-of-message").inner_text() == said, typed
        assert page.locator("#as-of").get_attribute("aria-invalid") == "true"
        assert page.locator("#date-label").inner_text() == "all dates"


def test_initial_state_from_render_options(open_page, tiny):
    ds = tiny
    page = open_page(ds, as_of="2025-07-31", relation=["recognition", "delisting"], kind=["state", "government"],
                     focus="rus", physics=False)
    # --focus keeps the ego network only: no attack there, and proscription starts unticked.
    assert page.locator('#filter-types input[value="attack"]').count() == 0
    snap = ds.ego("rus").snapshot("2025-07-31").filter(relation=["recognition", "delisting"],
                                                        kind=["state", "government"])
    assert shown(page) == ({"rus", "iea", "tal"}, ids(snap.relations))  # tal: delisted by Russia
    assert page.locator('#filter-types input[value="proscription"]').is_checked() is False
    assert page.locator("#as-of").input_value() == "2025-07-31"
    assert page.evaluate("window.relgraph.api.selected()") == {"entity": "rus"}
    assert [e for e, d in drawn(page)["entities"].items() if d["selected"]] == ["rus"]
    assert page.locator("#details h2").inner_text() == "Russia"


@pytest.mark.parametrize("options", [
    dict(as_of="2024-11-25", relation=["attack", "sanctuary"], kind="armed_group"),  # the README's example
    dict(kind=["state", "person"], status="alleged"),
    dict(kind="government", hide_isolated=True),
    dict(as_of="2025-07-31", known=True, kind="political_movement"),
])
def test_the_page_opens_showing_what_start_view_says(open_page, options):
    """A relation shows if either end is of a shown kind; Python's start_view is the page's start state."""
    ds = relgraph.load()
    page = open_page(ds, **options)
    ents, rels = page_module.start_view(ds, PageOptions(**options))
    assert shown(page) == (set(ds.entities["id"][ents]), set(ds.relations["id"][rels]))
    assert rels.any() and page.locator("#empty").is_hidden()


def test_an_empty_view_says_so_and_offers_everything(open_page, tiny):
    with pytest.warns(page_module.EmptyView):
        page = open_page(tiny, as_of="1990-01-01", relation="attack")
    notice = page.locator("#empty")
    assert notice.is_visible()
    said = "No relation is shown: none passes the date (1990-01-01) and the filters."
    assert notice.locator("p").inner_text() == said
    page.click("#reset")
    assert shown(page) == (ids(tiny.entities), ids(tiny.relations)) and notice.is_hidden()
    page.click("#filter-statuses button:text('none')")
    assert notice.locator("p").inner_text() == "No relation is shown: none passes the filters."


def view_of(page) -> tuple:
    """What a view shows and how: state, selection, search text and what is shown."""
    return (page.evaluate("window.relgraph.api.state()"), page.evaluate("window.relgraph.api.selected()"),
            page.input_value("#search"), shown(page))


def test_the_view_lives_in_the_hash_and_a_link_opens_it_again(open_page, browser):
    ds = relgraph.load()
    page = open_page(ds)
    assert page.evaluate("location.hash") == ""
    page.fill("#as-of", "2024-11-25")
    page.check("#known")
    page.locator('#filter-types input[value="attack"]').uncheck()
    page.click("#filter-statuses button:text('none')")
    page.locator('#filter-statuses input[value="reported"]').check()
    page.check("#hide-isolated")
    page.fill("#search", "tehrik")
    page.keyboard.press("Enter")  # selects the TTP
    hash_ = page.evaluate("location.hash")
    assert hash_ == ("#as-of=2024-11-25&known=1&isolated=hide&hide.types=attack&only.statuses=reported"
                     "&select=ttp&find=tehrik")
    assert page.evaluate("window.relgraph.api.hash()") == hash_[1:]
    # The same file opened with that hash shows the same view.
    again = browser.new_page(viewport={"width": 1300, "height": 800})
    again.goto(page.url_ + hash_)
    again.wait_for_function("() => window.relgraph && window.relgraph.api.timings.firstDraw")
    assert view_of(again) == view_of(page)
    assert again.locator("#details h2").inner_text() == "Tehrik-i-Taliban Pakistan"
    # Editing the hash (or going back) changes the view.
    again.evaluate("location.hash = '#as-of=2025-07-31&only.kinds=state'")
    again.wait_for_function("() => window.relgraph.api.state().asOf === '2025-07-31'")
    assert again.evaluate("window.relgraph.api.state()")["filters"]["kinds"]["state"] is True
    assert again.evaluate("window.relgraph.api.state()")["filters"]["kinds"]["armed_group"] is False
    again.close()
    # A link with ids the data no longer has opens what it can.
    page.goto(page.url_ + "#as-of=2024-11-25&hide.types=attack,blockade&select=nobody&hide.nothing=x")
    page.wait_for_function("() => window.relgraph && window.relgraph.api.timings.firstDraw")
    assert page.evaluate("window.relgraph.api.state()")["asOf"] == "2024-11-25"
    assert page.problems == []


def test_copy_link_copies_the_address_of_this_view(browser, tmp_path):
    path = tmp_path / "page.html"
    relgraph.load().write_html(path)
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_function("() => window.relgraph && window.relgraph.api.timings.firstDraw")
    page.evaluate("window.relgraph.api.set({asOf: '2025-07-31'})")
    page.click("#copy-link")
    page.wait_for_function("() => document.getElementById('link-status').textContent === 'Link copied.'")
    assert page.evaluate("navigator.clipboard.readText()") == path.as_uri() + "#as-of=2025-07-31"
    context.close()


def test_a_link_works_from_a_web_server(browser, tmp_path):
    import functools
    import http.server
    import threading
    relgraph.load().write_html(tmp_path / "page.html")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/page.html"
        page.goto(url + "#as-of=2024-11-25&select=iskp")
        page.wait_for_function("() => window.relgraph && window.relgraph.api.timings.firstDraw")
        assert page.evaluate("window.relgraph.api.selected()") == {"entity": "iskp"}
        page.evaluate("window.relgraph.api.set({asOf: '2025-07-31'})")
        assert page.evaluate("location.href") == url + "#as-of=2025-07-31&select=iskp"
    finally:
        page.close()
        server.shutdown()


def test_inline_in_a_notebook_the_link_is_shown_to_copy(browser):
    from relgraph.notebook import iframe
    page = browser.new_page()
    try:
        page.set_content(iframe(relgraph.load().to_html()))
        frame = page.frames[1]
        frame.wait_for_function("() => window.relgraph && window.relgraph.api.timings.firstDraw")
        frame.evaluate("window.relgraph.api.set({asOf: '2025-07-31'})")
        frame.click("#copy-link")
        assert frame.locator("#link-text").input_value() == "#as-of=2025-07-31"
        assert "add this to its address" in frame.locator("#link-status").inner_text()
    finally:
        page.close()


def test_clicking_a_relation_shows_its_quote_and_source(open_page, tiny):
    page = open_page(tiny, physics=False)
    (ax, ay), (bx, by) = at(page, "pak"), at(page, "iea")  # r7 alone joins them
    page.mouse.click((ax + bx) / 2, (ay + by) / 2)
    details = page.locator("#details")
    assert page.evaluate("window.relgraph.api.selected()") == {"relation": "r7"}
    assert details.locator("h2").inner_text().startswith("Pakistan \u2192 accuses \u2192 Islamic Emirate")
    assert details.locator("blockquote").inner_text() == "Islamabad accuses Kabul"
    link = details.locator("a", has_text="An article")
    assert link.get_attribute("href") == "https://example.org/article"
    assert link.get_attribute("target") == "_blank" and link.get_attribute("rel") == "noopener noreferrer"
    assert "(Paper, A. Writer, 2024-11-25); text stored in seeds/article.txt" in details.inner_text()

    # Then an entity: its identifiers and its relations grouped by type, with dates.
    page.mouse.click(*at(page, "pak"))
    assert details.locator("h2").inner_text() == "Pakistan"
    text = details.inner_text()
    assert "PAK" in text and "Q843" in text
    assert details.locator("h3").all_inner_texts() == ["accuses (1)", "attacks (1)"]
    assert "Tehrik-i-Taliban Pakistan \u2192 attacks \u2192 Pakistan (2024-03, alleged by Pakistan)" in text
    # Lasting relations read as a period, open ones as "since" (an empty end: still in force).
    page.evaluate("window.relgraph.api.select('rus')")
    assert details.locator("ul.rels button").all_inner_texts() == [
        "Russia \u2192 delists \u2192 Taliban (2025-04-17, reported)",
        "Russia \u2192 proscribes \u2192 Taliban (2003-02-14 \u2013 2025-04-17, reported)",
        "Russia \u2192 recognises \u2192 Islamic Emirate of Afghanistan (since 2025-07-03, reported)"]
    assert page.problems == []


def test_searching_an_alias_focuses_the_entity(open_page, tiny):
    page = open_page(tiny, physics=False)
    page.fill("#search", "TALIBAN")  # matches names and aliases of several entities
    assert page.locator("#search-results button").count() == 2
    page.fill("#search", " taliban ")  # surrounding spaces ignored
    assert page.locator("#search-results button").count() == 2
    page.fill("#search", "talibán")  # accents and case ignored: "Tālibān" is an alias of tal
    page.keyboard.press("Enter")
    assert page.evaluate("window.relgraph.api.selected()") == {"entity": "tal"}
    assert drawn(page)["entities"]["tal"]["selected"]
    box, (x, y) = canvas_box(page), at(page, "tal")  # centred on it
    assert abs((box["left"] + box["right"]) / 2 - x) < 2 and abs((box["top"] + box["bottom"]) / 2 - y) < 2
    assert page.locator("#details h2").inner_text() == "Taliban"

    # From the keyboard: type, arrow into the results, pick one.
    page.fill("#search", "")
    page.focus("#search")
    page.keyboard.type("islamabad")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.evaluate("window.relgraph.api.selected()") == {"entity": "pak"}
    page.fill("#search", "nobody")
    assert page.locator("#search-status").inner_text() == "No entity matches."


SEARCHES = [
    ("al qaida", "al_qaeda"),  # an alias, al-Qaida, without its hyphen
    ("daesh kp", "iskp"),  # Daesh-KP
    ("tehrik e taliban", "ttp"),  # the start of Tehrik-e-Taliban Pakistan
    ("AL QAEDA", "al_qaeda"),
    ("khorasan", "iskp"),  # the start of a word
    ("al qeada", "al_qaeda"),  # near misses
    ("pakistn", "pakistan"),
    ("kazakstan", "kazakhstan"),
]


def test_search_ignores_punctuation_and_spaces_and_forgives_typos(open_page):
    page = open_page(relgraph.load())
    names = dict(zip(page.data["entities"]["id"], page.data["entities"]["name"]))
    for query, first in SEARCHES:
        page.fill("#search", query)
        listed = page.locator("#search-results button").evaluate_all("bs => bs.map(b => b.firstChild.textContent)")
        assert listed[0] == names[first], (query, listed)
        n = len(listed)
        assert page.locator("#search-status").inner_text() == ("1 match" if n == 1 else f"{n} matches")
        page.focus("#search")
        page.keyboard.press("Enter")
        assert page.evaluate("window.relgraph.api.selected()") == {"entity": first}


def test_search_lists_every_match_for_the_reader_to_pick(open_page):
    page = open_page(relgraph.load())
    page.fill("#search", "al qaeda")  # Al Qaeda and its affiliate in the Indian Subcontinent
    buttons = page.locator("#search-results button")
    assert buttons.count() == 2
    buttons.nth(1).click()
    assert page.evaluate("window.relgraph.api.selected()") == {"entity": "aqis"}
    page.fill("#search", "taliban")  # the movement, its government, the TTP, ...
    assert page.locator("#search-results button").count() >= 3
    page.fill("#search", "qx")
    assert page.locator("#search-status").inner_text() == "No entity matches."


def test_physics_and_fit(open_page, tiny):
    page = open_page(tiny, physics=False)
    assert drawn(page)["physics"] is False and not page.is_checked("#physics")
    page.check("#physics")
    assert drawn(page)["physics"] is True
    page.uncheck("#physics")

    def outside():
        box = canvas_box(page)
        return {e for e, p in drawn(page)["entities"].items()
                if not (box["left"] <= p["x"] <= box["right"] and box["top"] <= p["y"] <= box["bottom"])}
    box = canvas_box(page)
    page.mouse.move(box["left"] + 20, box["top"] + 20)
    for _ in range(8):  # zoom in on a corner: entities leave the view
        page.mouse.wheel(0, -300)
    assert outside()
    page.click("#fit")
    assert outside() == set()


def test_controls_have_labels(open_page, tiny):
    page = open_page(tiny)
    unlabelled = page.evaluate("""[...document.querySelectorAll('input, button, select')]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
        .map(e => e.outerHTML)""")
    assert unlabelled == []


def test_diff_view_shows_changes(open_page, tiny):
    diff = pd.Series({"r1": "changed", "r2": "added", "r3": "added", "r4": "removed"})
    page = open_page(render_html(tiny, PageOptions(physics=False), diff=diff,
                                 old={"r1": {"end": "", "status": "alleged"}}))
    changes = page.locator("#filter-changes .legend-item")
    assert changes.locator(".name").all_inner_texts() == ["added", "removed", "changed", "unchanged"]
    assert changes.locator(".count").all_inner_texts() == ["2", "1", "1", "3"]
    # The line swatches are the canvas's colours: the change's, dashed where removed.
    swatches = changes.locator(".swatch-line").evaluate_all("els => els.map(e => e.style.background)")
    assert "repeating-linear-gradient" in swatches[1] and "repeating-linear-gradient" not in swatches[0]
    page.locator('#filter-changes input[value="unchanged"]').uncheck()
    assert shown(page)[1] == {"r1", "r2", "r3", "r4"}
    page.evaluate("window.relgraph.api.select('r1')")
    assert page.locator("#details ul.changes li").all_inner_texts() == [
        "end: (empty) \u2192 2025-04-17", "status: alleged \u2192 reported"]


def test_a_declared_filter_needs_no_page_code(open_page, tiny, monkeypatch):
    """A filter is one declaration in Python: here one on relations' sources and one on entities' ISO codes."""
    declared = page_module._filters

    def more_filters(data, options):
        sources = Counter(data["relations"]["source_id"])
        iso = Counter(data["entities"]["iso3"])
        return declared(data, options) + [
            page_module._filter("primary", "Primary sources", "relations", "source_id", [
                {"id": s, "label": title, "count": sources[s]}
                for s, title in zip(data["sources"]["id"], data["sources"]["title"])]),
            page_module._filter("iso", "ISO 3166", "entities", "iso3", [
                {"id": code, "label": code, "count": iso[code]} for code in sorted(iso) if code], selected=["PAK"])]
    monkeypatch.setattr(page_module, "_filters", more_filters)
    page = open_page(tiny, physics=False)
    sources = page.locator("#filter-primary")
    assert sources.locator("legend").inner_text() == "Primary sources"
    assert sources.locator(".name").all_inner_texts() == ["An article", "Court ruling report"]
    # Entities without an ISO code are outside the declared items, so stay; of those with one, only PAK.
    assert shown(page) == ({"iea", "pak", "tal", "ttp"}, {"r4", "r5", "r6", "r7"})
    page.click("#filter-iso button:text('all')")
    assert shown(page) == (ids(tiny.entities), ids(tiny.relations))
    sources.locator('input[value="web"]').uncheck()
    assert shown(page)[1] == ids(tiny.relations) - {"r1", "r2", "r3"}
    assert sources.locator('label:has(input[value="web"]) .count').inner_text() == "0 / 3"
    assert page.evaluate("window.relgraph.api.state().filters.primary") == {"art": True, "web": False}
    assert page.problems == []


def test_legend_counts_a_relation_under_each_of_its_sources(open_page, tmp_path):
    """r3 cites the ruling (its source) and the article (citations.csv): it counts once under each."""
    cited = "relation_id,source_id,quote,note\nr3,art,Islamabad accuses Kabul,\n"
    page = open_page(relgraph.load(make_dataset(tmp_path, citations__csv=cited)))
    sources = page.locator("#filter-sources")
    assert sources.locator('label:has(input[value="art"]) .count').inner_text() == "5"
    assert sources.locator('label:has(input[value="web"]) .count').inner_text() == "3"
    page.locator('#filter-types input[value="recognition"]').uncheck()  # r3
    assert sources.locator('label:has(input[value="art"]) .count').inner_text() == "4 / 5"
    assert sources.locator('label:has(input[value="web"]) .count').inner_text() == "2 / 3"


def test_a_long_filter_lists_its_most_used_items_and_the_others_when_opened(open_page, tmp_path):
    """40 claimants, c00 alleging 1 relation up to c39 alleging 40: the 20 with most relations are listed (in
    name order), the other 20 under "20 more", built when opened, with their counts, and filtering as the rest."""
    from helpers import ENTITIES, RELATIONS
    ent = ENTITIES + "".join(f"c{k:02d},Claimant {k:02d},organisation,,,,\n" for k in range(40))
    rel = RELATIONS + "".join(f"x{k:02d}{n:02d},pak,iea,accusation,2024-11,,alleged,c{k:02d},,web,,\n"
                              for k in range(40) for n in range(k + 1))
    page = open_page(relgraph.load(make_dataset(tmp_path, entities__csv=ent, relations__csv=rel)))
    group = page.locator("#filter-claimants")
    listed = group.locator(".legend-item input").evaluate_all("inputs => inputs.map(i => i.value)")
    assert listed == [f"c{k:02d}" for k in range(20, 40)]
    assert group.locator("summary").inner_text() == "22 more"  # c00 to c19, pak and "(nobody: reported)"
    # One of those unticked (as a link's hash may): the summary says so before it is opened.
    page.evaluate("window.relgraph.api.set({filters: {claimants: {c05: false}}})")
    assert group.locator("summary").inner_text() == "22 more, 1 unticked"
    group.locator("summary").click()
    assert not group.locator('input[value="c05"]').is_checked() and group.locator('input[value="c06"]').is_checked()
    listed = group.locator(".legend-item input").evaluate_all("inputs => inputs.map(i => i.value)")
    assert listed[20:] == ["c00", "c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10", "c11",
                           "c12", "c13", "c14", "c15", "c16", "c17", "c18", "c19", "pak", ""]
    assert group.locator('label:has(input[value="c03"]) .count').inner_text() == "4"
    group.locator('input[value="c03"]').uncheck()
    assert not {f"x03{n:02d}" for n in range(4)} & set(shown(page)[1]) and "x0400" in shown(page)[1]
    assert page.evaluate("window.relgraph.api.state().filters.claimants.c03") is False
    assert group.locator("summary").inner_text() == "22 more, 2 unticked"
    page.locator('#filter-types input[value="accusation"]').uncheck()
    assert group.locator('label:has(input[value="c04"]) .count').inner_text() == "0 / 5"
    assert page.problems == []


def test_hostile_text_is_rendered_as_text(open_page, tiny):
    ent, rel = tiny.entities.copy(), tiny.relations.copy()
    pak, r3 = ent["id"] == "pak", rel["id"] == "r3"
    ent.loc[pak, ["name", "aliases", "note"]] = [PAYLOADS[1], f"{PAYLOADS[0]}|{PAYLOADS[3]}", PAYLOADS[2]]
    rel.loc[r3, ["evidence", "note", "project"]] = [PAYLOADS[0], PAYLOADS[1], PAYLOADS[3]]
    ds = variant(tiny, entities=ent, relations=rel, sources=tiny.sources.assign(title=[PAYLOADS[1], PAYLOADS[0]]))
    # Validation rejects such URLs; a page is made from any Tables, so the link builder must refuse them.
    ds = replace(ds, sources=ds.sources.assign(url=["javascript:window.__pwned = 5", "JaVaScRiPt:window.__pwned=6"]))
    page = open_page(ds, title=PAYLOADS[0], physics=False)
    page.evaluate("window.relgraph.api.select('r3')")
    assert page.locator("#details blockquote").inner_text() == PAYLOADS[0]
    page.evaluate("window.relgraph.api.select('r4')")
    page.evaluate("window.relgraph.api.select('pak')")
    assert page.locator("#details h2").inner_text() == PAYLOADS[1]
    page.fill("#search", "window.__pwned")  # the aliases hold script: the results list shows them as text
    assert page.locator("#search-results button").count() == 1
    # vis-network's tooltips, shown on hover, hold the payloads as text too.
    page.mouse.move(*at(page, "pak"))
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert page.locator("div.vis-tooltip").inner_text().startswith(PAYLOADS[1])
    for rid in ("r3", "r4"):
        page.evaluate(f"window.relgraph.api.select('{rid}')")
        links = page.evaluate("[...document.querySelectorAll('#details a')].map(a => a.getAttribute('href'))")
        assert links == []  # neither javascript: URL became a link
        assert "window.__pwned" in page.locator("#details .source").inner_text()
    assert page.evaluate("window.__pwned") is None
    # Only the page's own elements: no image, frame or object, no svg but the timeline's.
    assert page.evaluate("document.querySelectorAll('img, svg:not(#timeline-bars), iframe, object, embed')"
                         ".length") == 0
    assert page.evaluate("document.scripts.length") == 3  # the data blob, vis-network, the page
    assert page.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes]"
                         ".some(a => a.name.startsWith('on'))).length") == 0
    assert page.evaluate("document.title") == PAYLOADS[0]
    assert page.problems == []


@pytest.mark.slow
def test_benchmark_smoke(browser):  # the fixture applies the skip-or-fail rule
    """benchmarks/page.py runs end to end on a tiny dataset and prints its table."""
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "page.py"), "--entities", "40",
                        "--relations", "100", "--repeat", "1"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[1].split() == ["step", "ours", "ms", "vis", "ms", "ratio"]
    assert [line[:24].strip() for line in lines[2:]] == [
        "until pixels", "filter: hide a type", "filter: show it again", "as-of: set a date", "as-of: all dates"]
    assert all(float(line.split()[-1]) > 0 for line in lines[2:])


@pytest.mark.parametrize("width", [2, 4])
def test_columns_coded_in_more_bytes_make_the_same_page(open_page, tiny, monkeypatch, width):
    """Repeating columns travel as codes of 1, 2 or 4 bytes (more than 256 or 65,536 values): decoded, the
    page shows, lists and filters the same relations and entities, with the same details."""
    def seen(page):
        out = {"visible": page.evaluate("window.relgraph.api.visible()")}
        for i in [*tiny.entities["id"], *tiny.relations["id"]]:
            page.evaluate(f"window.relgraph.api.select({i!r})")
            out[i] = page.locator("#details").inner_text()
        page.locator('#filter-statuses input[value="alleged"]').uncheck()
        out["reported"] = page.evaluate("window.relgraph.api.visible()")
        page.fill("#as-of", "2025-07-31")
        out["2025-07-31"] = page.evaluate("window.relgraph.api.visible()")
        assert page.problems == []
        return out

    one = seen(open_page(tiny))
    compact = page_module.compact

    unused = {2: 300, 4: 70_000}[width]  # values that no row has, first: the codes need every byte but the last

    def wider(columns):
        out = compact(columns)
        for column in out.values():
            if isinstance(column, dict):
                codes = np.frombuffer(base64.b64decode(column["codes"]), dtype=f"<u{column['bytes']}")
                codes = codes.astype(np.int64) + unused
                column.update(values=[""] * unused + column["values"], bytes=width,
                              codes=base64.b64encode(codes.astype(f"<u{width}").tobytes()).decode())
        return out
    monkeypatch.setattr(page_module, "compact", wider)
    html = tiny.to_html()
    blob = page_blob(html)
    assert {c["bytes"] for t in blob["compact"] for c in blob[t].values() if isinstance(c, dict)} == {width}
    assert seen(open_page(html)) == one
    assert len(one["reported"]["relations"]) < len(one["visible"]["relations"])
