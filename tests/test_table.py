"""The table view of the relations shown, in headless Chromium: in sync with the filters and the date,
sortable, operable from the keyboard, choosing a row selects the relation on the graph."""
import pandas as pd

import relgraph
from helpers import page_blob
from pagehelpers import drawn, ids, shown, variant


def rows(page) -> list[str]:
    return page.locator("#relations-table tbody tr").evaluate_all("trs => trs.map(t => t.dataset.id)")


def column(page, n) -> list[str]:
    return page.locator(f"#relations-table tbody td:nth-child({n})").all_inner_texts()


def test_the_table_lists_what_is_shown_and_follows_filters_and_date(open_page, tiny):
    page = open_page(tiny)
    page.click("#tab-table")
    assert page.locator("#graph").is_hidden() and page.locator("#table-view").is_visible()
    assert set(rows(page)) == ids(tiny.relations) == shown(page)[1]
    assert page.locator("#relations-table caption").inner_text() == "7 relations shown"
    headers = page.locator("#relations-table th").all_inner_texts()
    assert [h.rstrip(" \u25b2\u25bc") for h in headers] == ["From", "Relation", "To", "Dates", "Status",
                                                             "Claimed by", "Source"]
    r4 = page.locator('#relations-table tr[data-id="r4"] td').all_inner_texts()
    assert r4 == ["Tehrik-i-Taliban Pakistan", "attacks", "Pakistan", "2024-03", "alleged", "Pakistan", "An article"]
    page.locator('#filter-types input[value="attack"]').uncheck()
    assert set(rows(page)) == ids(tiny.relations) - {"r4"}
    page.fill("#as-of", "2025-07-31")
    snap = tiny.snapshot("2025-07-31")
    assert set(rows(page)) == ids(snap.relations) - {"r4"} == shown(page)[1]
    page.click("#filter-types button:text('none')")
    assert rows(page) == [] and page.locator("#relations-table caption").inner_text() == "0 relations shown"


def test_the_table_sorts_by_any_column(open_page, tiny):
    page = open_page(tiny)
    page.click("#tab-table")
    assert page.locator("#relations-table th[aria-sort]").inner_text().startswith("Dates")
    page.click("#relations-table th:nth-child(1) button")
    froms = column(page, 1)
    assert froms == sorted(froms, key=str.lower)
    assert page.locator("#relations-table th:nth-child(1)").get_attribute("aria-sort") == "ascending"
    page.click("#relations-table th:nth-child(1) button")  # again: the other way
    assert column(page, 1) == sorted(froms, key=str.lower, reverse=True)
    assert page.locator("#relations-table th:nth-child(1)").get_attribute("aria-sort") == "descending"
    page.keyboard.press("Tab")  # from the header to the next one, then Enter sorts by it
    page.keyboard.press("Enter")
    relations = column(page, 2)
    assert relations == sorted(relations, key=str.lower)


def test_choosing_a_row_selects_the_relation_on_the_graph(open_page):
    ds = relgraph.load()
    page = open_page(ds)
    page.click("#tab-table")
    button = page.locator('#relations-table tr[data-id="r021"] button')
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.relgraph.api.selected()") == {"relation": "r021"}
    assert page.locator("#details h2").inner_text().startswith("Islamic State \u2013 Khorasan Province \u2192 attacks")
    assert page.locator('#relations-table tr[data-id="r021"]').get_attribute("aria-current") == "true"
    assert "#" in page.evaluate("location.hash") and "view=table" in page.evaluate("location.hash")
    page.click("#tab-graph")
    assert page.locator("#graph").is_visible() and drawn(page)["relations"]["r021"]["selected"]
    # Selecting on the graph marks the row too; the tabs follow the arrow keys.
    page.evaluate("window.relgraph.api.select('r022')")
    page.focus("#tab-graph")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "tab-map"
    assert page.evaluate("window.relgraph.api.view()") == "map"
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "tab-table" and page.locator("#table-view").is_visible()
    assert page.locator("#relations-table tr.selected").get_attribute("data-id") == "r022"
    assert page.problems == []


def test_each_row_shows_its_own_value_when_codes_take_two_bytes(open_page, tiny):
    # 600 relations over 300 start days: the days travel dictionary-encoded, a code being two bytes (over 256).
    days = pd.date_range("2001-01-01", periods=300, freq="7D").strftime("%Y-%m-%d").tolist()
    rel = pd.concat([tiny.relations] * 86, ignore_index=True).head(600).assign(
        id=[f"x{i:03d}" for i in range(600)], start=[days[i // 2] for i in range(600)], end="")
    page = open_page(variant(tiny, relations=rel))
    raw = page_blob(page.content())
    assert raw["relations"]["start"]["bytes"] == 2 and len(raw["relations"]["start"]["values"]) == 300
    page.click("#tab-table")
    shown_ids, dates = rows(page), column(page, 4)
    # "2001-01-08" for an event, "since 2001-01-08" for a state
    assert len(shown_ids) >= 300 and [d.split()[-1] for d in dates] == [days[int(i[1:]) // 2] for i in shown_ids]
