"""The timeline under the graph, in headless Chromium: bars and ticks of the relations shown, partial dates as
bands, undated ones counted; the as-of cursor follows the slider and sets the date when dragged or keyed."""
import relgraph
from pagehelpers import ids, shown


def bars(page) -> dict:
    """{relation id: [(x, width, opacity), ...]} of the timeline's bars."""
    return page.locator("#timeline g.bar").evaluate_all("""gs => Object.fromEntries(gs.map(g => [g.dataset.id,
        [...g.querySelectorAll('rect')].map(r => [+r.getAttribute('x'), +r.getAttribute('width'),
                                                   +(r.getAttribute('fill-opacity') || 1)])]))""")


def cursor_x(page) -> float:
    box = page.locator("#timeline-cursor").bounding_box()
    return box["x"] + box["width"] / 2


def test_the_timeline_draws_the_relations_shown(open_page, tiny):
    page = open_page(tiny)
    drawn = bars(page)
    # r5 has no date: counted, not placed; every other relation shown has a bar.
    assert set(drawn) == ids(tiny.relations) - {"r5"}
    assert page.locator("#timeline-undated").inner_text() == "1 relation without dates, not placed"
    # r1, proscribed 2003-02-14 until 2025-04-17, is one solid bar; r6 (an alliance since 2021) starts with a band
    # over the whole of 2021; r4 (an attack in 2024-03) is a band over that month; r2 (2025-04-17) a tick.
    assert [o for _, _, o in drawn["r1"]] == [1]
    assert [o for _, _, o in drawn["r6"]] == [0.3, 1]
    (band, width, _), = drawn["r4"]
    assert width > 2 and [o for _, _, o in drawn["r4"]] == [0.3]
    assert drawn["r2"][0][1] == 2
    assert drawn["r1"][0][0] < drawn["r6"][0][0] < drawn["r4"][0][0] < drawn["r2"][0][0]
    page.locator('#filter-types input[value="proscription"]').uncheck()
    assert set(bars(page)) == ids(tiny.relations) - {"r5", "r1"}
    # Choosing a bar shows its relation's details.
    page.locator('#timeline g.bar[data-id="r3"] rect').last.click()
    assert page.evaluate("window.relgraph.api.selected()") == {"relation": "r3"}
    assert page.locator('#timeline g.bar[data-id="r3"]').get_attribute("class") == "bar selected"


def test_the_cursor_is_the_as_of_date(open_page):
    ds = relgraph.load()
    page = open_page(ds)
    cursor = page.locator("#timeline-cursor")
    assert cursor.get_attribute("aria-valuetext") == "all dates"
    page.fill("#as-of", "2020-01-01")
    at_2020 = cursor_x(page)
    page.fill("#as-of", "2024-11-25")
    at_2024 = cursor_x(page)
    assert at_2020 < at_2024 and cursor.get_attribute("aria-valuetext") == "as of 2024-11-25"
    # Dragged, it sets the date, as the slider and the field do.
    page.mouse.move(at_2024, cursor.bounding_box()["y"] + 5)
    page.mouse.down()
    page.mouse.move(at_2020, cursor.bounding_box()["y"] + 5, steps=5)
    page.mouse.up()
    day = page.evaluate("window.relgraph.api.state()")["asOf"]
    assert "2019-12-25" <= day <= "2020-01-08"
    assert page.locator("#date-label").inner_text() == f"as of {day}" and page.input_value("#as-of") == day
    assert abs(cursor_x(page) - at_2020) < 3
    assert shown(page) == (ids(ds.snapshot(day).entities), ids(ds.snapshot(day).relations))
    # From the keyboard: the dataset's dates, as the slider; Escape goes back to all dates.
    dates = page.data["dates"]
    cursor.focus()
    page.keyboard.press("End")
    assert page.evaluate("window.relgraph.api.state()")["asOf"] == dates[-1]
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("window.relgraph.api.state()")["asOf"] == dates[-2]
    assert page.input_value("#date-slider") == str(len(dates) - 2)
    page.keyboard.press("Escape")
    assert page.evaluate("window.relgraph.api.state()")["asOf"] is None
    assert page.problems == []


def test_bars_are_ordered_by_start_then_id_whatever_the_rows_order(open_page, tiny):
    """Events on one day come before relations lasting from it (a bar starts where the relation surely
    holds), and ties go by id, whether the page's rows come in id order (a Dataset's) or not."""
    from dataclasses import replace

    from pagehelpers import variant
    from relgraph.page import PageOptions, render_html

    rel = tiny.relations.set_index("id")
    rel.loc[["r6", "r3", "r1"], "start"] = "2020-05-05"  # lasting
    rel.loc[["r7", "r2", "r4"], "start"] = "2019-01-01"  # events
    ds = variant(tiny, relations=rel.reset_index())
    order = ["r2", "r4", "r7", "r1", "r3", "r6"]
    assert list(bars(open_page(ds))) == order
    shuffled = replace(ds, relations=ds.relations.iloc[::-1].reset_index(drop=True))
    page = open_page(render_html(shuffled, PageOptions()))
    assert page.evaluate("window.relgraph.api.visible().relations")[:2] == ["r7", "r6"]  # rows as given
    assert list(bars(page)) == order
