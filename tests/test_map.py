"""The map view: places computed in Python (relgraph/geo.py), the Map tab, its hash, images, and data with no place."""
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from click.testing import CliRunner

import relgraph
from helpers import ENTITIES, make_dataset, page_json
from pagehelpers import PAYLOADS, drawn, overlap, variant
from relgraph import geo, layout, style
from relgraph.cli import main
from relgraph.page import PageOptions, page_data

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def bundled():
    return relgraph.load()


@pytest.fixture(scope="module")
def mapped(bundled):
    return page_data(bundled)["map"]


def rings(d: str) -> list[np.ndarray]:
    return [np.array(re.findall(r"(-?\d+) (-?\d+)", part), dtype=float) for part in d.split("Z") if part]


def inside(point, ring) -> bool:
    """Ray casting: whether a point lies inside a ring."""
    x, y = point
    a, b = ring, np.roll(ring, -1, axis=0)
    crosses = ((a[:, 1] > y) != (b[:, 1] > y)) & (
        x < (b[:, 0] - a[:, 0]) * (y - a[:, 1]) / np.where(b[:, 1] == a[:, 1], 1e-9, b[:, 1] - a[:, 1]) + a[:, 0])
    return bool(crosses.sum() % 2)


def at(m, ents, entity):
    i = list(ents["id"]).index(entity)
    return m["x"][i], m["y"][i]


def test_states_stand_in_geographic_order_inside_their_countries(bundled, mapped):
    m, ents = mapped, bundled.entities
    assert m["available"] and m["projection"].startswith("Albers equal-area conic")
    kaz, pak, irn, chn = (at(m, ents, e) for e in ("kazakhstan", "pakistan", "iran", "china"))
    assert kaz[1] < pak[1] and irn[0] < pak[0] and chn[0] > kaz[0]  # y grows southwards
    outlines = {o["iso3"]: o for o in m["outlines"]}
    states = ents[(ents["kind"] == "state") & (ents["iso3"] != "USA")]
    for entity, iso3 in zip(states["id"], states["iso3"]):
        assert any(inside(at(m, ents, entity), r) for r in rings(outlines[iso3]["d"])), entity
        assert outlines[iso3]["data"]
    assert not outlines["MNG"]["data"] and "Mongolia" in [label["name"] for label in m["labels"]]


def test_actors_sharing_a_country_do_not_overlap_and_the_others_are_in_the_margin(bundled, mapped):
    m, ents = mapped, bundled.entities
    group = dict(zip(ents["id"], m["group"]))
    assert group["united_states"] == "far" and group["unsc_monitoring_team"] == "none"
    assert group["ttp"] == group["iskp"] == group["iea"] == "map"
    sizes = [style.label_size(style.wrap_label(n)) for n in ents["name"]]
    boxes = layout.label_boxes(sizes)
    afghan = [i for i, c in enumerate(ents["countries"]) if c.split("|")[0] == "AFG"] + \
        [list(ents["id"]).index("afghanistan")]
    assert len(afghan) == 6

    def box(i):
        return {"left": m["x"][i] + boxes[i][0], "top": m["y"][i] + boxes[i][1], "right": m["x"][i] + boxes[i][2],
                "bottom": m["y"][i] + boxes[i][3]}
    shown = [i for i, g in enumerate(m["group"]) if g == "map"]
    assert [(a, b) for a in shown for b in shown if a < b and overlap(box(a), box(b))] == []
    far, none = m["margin"]
    assert (far["label"], none["label"]) == ("Far from the region", "No place given")
    frame = m["frame"]
    for i, g in enumerate(m["group"]):
        if g != "map":
            margin = far if g == "far" else none
            assert frame["right"] < margin["left"] <= m["x"][i] <= margin["right"]
            assert margin["top"] <= m["y"][i] <= margin["bottom"]
    assert m == page_data(bundled)["map"]  # deterministic


def test_the_vendored_points_and_cores_are_those_of_the_outlines():
    for iso3 in ("AFG", "PAK", "RUS", "CHL", "NOR"):
        assert geo.pole(geo.countries()[iso3][1]) == geo._points()[iso3]
    assert "AFG" not in geo._cores()  # shallow: its state stands on its pole
    for iso3 in ("RUS", "CHN"):
        assert [tuple(p) for p in geo._cores()[iso3].round(2).tolist()] == geo.core(geo.countries()[iso3][1])


def test_view_is_a_page_option_everywhere(bundled, tiny):
    assert page_json(bundled.show(view="map").page)["initial"]["view"] == "map"
    assert page_json(relgraph.show(bundled, view="map").page)["initial"]["view"] == "map"
    d = relgraph.diff(bundled.snapshot("2024-11-25"), bundled.snapshot("2025-07-31"))
    assert page_json(d.to_html(view="map"))["initial"]["view"] == "map"
    with pytest.raises(relgraph.OptionError, match=r"view: .*'globe'.*network, map"):
        PageOptions(view="globe")


def no_places(ds):
    return variant(ds, entities=ds.entities.assign(iso3="", countries=""))


def test_data_without_places_keeps_the_network_and_says_why(tiny, tmp_path):
    data = page_data(no_places(tiny), PageOptions(view="map"))
    assert data["map"] == {"available": False, "reason": geo.MAP_UNAVAILABLE} and data["initial"]["view"] == "network"
    with pytest.warns(geo.MapUnavailable, match="the map view is unavailable: no entity has an iso3"):
        no_places(tiny).to_html(view="map")
    folder = make_dataset(tmp_path, entities__csv=re.sub(r",(PAK|RUS|USA),", ",,", ENTITIES))
    for out in ("p.html", "p.svg"):
        r = CliRunner().invoke(main, ["render", "--data", str(folder), "-o", str(tmp_path / out), "--view", "map"])
        assert r.exit_code == 0, r.output
        assert "relgraph: warning: the map view is unavailable: no entity has an iso3 code" in r.output
    assert '<g class="map">' not in (tmp_path / "p.svg").read_text(encoding="utf-8")


def test_the_svg_of_the_map_is_deterministic_with_outlines_and_names(tmp_path, bundled):
    outs = [tmp_path / "a.svg", tmp_path / "b.svg"]
    for out in outs:
        r = CliRunner().invoke(main, ["render", "-o", str(out), "--view", "map"])
        assert r.exit_code == 0, r.output
    text = outs[0].read_text(encoding="utf-8")
    assert text == outs[1].read_text(encoding="utf-8")
    root = ET.fromstring(text)
    layer = next(g for g in root.iter(SVG_NS + "g") if g.get("class") == "map")
    assert len(list(layer.iter(SVG_NS + "path"))) >= 20
    texts = {" ".join(t.itertext()).strip() for t in root.iter(SVG_NS + "text")}
    joined = " ".join(texts)
    for name in bundled.entities["name"]:
        assert all(word in joined for word in name.split()), name
    assert {"Mongolia", "Far from the region", "No place given"} <= texts
    assert "map: Natural Earth (public domain), Albers equal-area conic" in joined
    assert '<g class="map">' not in relgraph.load().to_svg()  # the network image has no map


def test_a_bad_countries_code_is_a_pattern_mismatch(tiny):
    ents = tiny.entities.assign(countries=np.where(tiny.entities["id"] == "ttp", "pak|AFG", ""))
    with pytest.raises(relgraph.ValidationError) as err:
        variant(tiny, entities=ents)
    assert [(i.column, i.code) for i in err.value.issues] == [("countries", "pattern-mismatch")]


# ---- In the browser.

def test_the_map_tab_draws_offline_in_geographic_order_and_the_hash_keeps_it(open_page, bundled):
    page = open_page(bundled)
    network = drawn(page)["entities"]
    page.click("#tab-map")
    api = "window.relgraph.api"
    assert page.evaluate(f"{api}.view()") == "map" and "view=map" in page.evaluate("location.hash")
    e = drawn(page)["entities"]
    assert e["kazakhstan"]["y"] < e["pakistan"]["y"] and e["iran"]["x"] < e["pakistan"]["x"]
    assert e["china"]["x"] > e["kazakhstan"]["x"]
    # The page draws Python's places: one scale for both axes, whatever the pair.
    m, ids = page.data["map"], page.data["entities"]["id"]
    a, b, c = (ids.index(k) for k in ("iran", "china", "russia"))
    sx = (e["china"]["x"] - e["iran"]["x"]) / (m["x"][b] - m["x"][a])
    sy = (e["russia"]["y"] - e["iran"]["y"]) / (m["y"][c] - m["y"][a])
    assert sx == pytest.approx(sy, rel=1e-3) and sx > 0
    assert page.locator("#physics").is_disabled()
    page.goto("about:blank")  # a fresh load of the link, not a change of hash
    page.goto(page.url_ + "#view=map&select=ttp")
    page.wait_for_function("() => window.relgraph && window.relgraph.api.timings.firstDraw")
    assert page.evaluate(f"{api}.view()") == "map" and page.evaluate(f"{api}.selected()") == {"entity": "ttp"}
    assert "countries" in page.locator("#details").inner_text() and "Pakistan, Afghanistan" in \
        page.locator("#details").inner_text()
    page.click("#tab-graph")
    assert "view=" not in page.evaluate("location.hash")
    back = drawn(page)["entities"]
    assert {k: (round(v["x"]), round(v["y"])) for k, v in back.items()} == \
        {k: (round(v["x"]), round(v["y"])) for k, v in network.items()}
    assert page.problems == [] and {u.split("#")[0] for u in page.requests} == {page.url_}  # nothing else loaded


def test_a_page_opened_on_the_map_goes_to_the_network(open_page, bundled):
    page = open_page(bundled, view="map")
    assert page.evaluate("window.relgraph.api.view()") == "map" and "view=map" in page.evaluate("location.hash")
    page.click("#tab-graph")
    e, n, ids = drawn(page)["entities"], page.data["nodes"], page.data["entities"]["id"]
    a, b = ids.index("iran"), ids.index("china")
    sx = (e["china"]["x"] - e["iran"]["x"]) / (n["x"][b] - n["x"][a])
    sy = (e["china"]["y"] - e["iran"]["y"]) / (n["y"][b] - n["y"][a])
    assert sx == pytest.approx(sy, rel=1e-3) and sx > 0  # the network layout's places, not the map's
    assert "view=" not in page.evaluate("location.hash") and not page.locator("#physics").is_disabled()
    assert page.problems == []


def test_filters_date_search_table_and_timeline_act_on_the_map(open_page, bundled):
    page = open_page(bundled)
    api = "window.relgraph.api"
    page.fill("#as-of", "2024-11-25")
    page.locator('#filter-types input[value="attack"]').uncheck()
    before = page.evaluate(f"{api}.state()"), page.evaluate(f"{api}.counts()"), page.evaluate(f"{api}.visible()")
    page.click("#tab-map")
    assert (page.evaluate(f"{api}.state()"), page.evaluate(f"{api}.counts()"), page.evaluate(f"{api}.visible()")) == \
        before
    hidden = {k for k, r in drawn(page)["relations"].items() if r["hidden"]}
    assert hidden == set(page.data["relations"]["id"]) - set(before[2]["relations"])
    page.locator('#filter-types input[value="delisting"]').uncheck()
    delist = [r for r, t in zip(page.data["relations"]["id"], page.data["relations"]["relation"]) if t == "delisting"]
    assert all(drawn(page)["relations"][r]["hidden"] for r in delist)
    page.fill("#search", "Tehrik")
    page.keyboard.press("Enter")
    assert page.evaluate(f"{api}.selected()") == {"entity": "ttp"} and page.evaluate(f"{api}.view()") == "map"
    page.click("#tab-table")
    rows = page.locator("#relations-table tbody tr").count()
    assert rows == page.evaluate(f"{api}.counts()")["relations"]
    page.click("#tab-map")
    page.focus("#timeline-cursor")
    page.keyboard.press("End")
    assert page.evaluate(f"{api}.state()")["asOf"] != "2024-11-25"
    assert page.evaluate(f"{api}.view()") == "map"
    assert page.problems == []


def test_the_diff_page_opens_on_the_map(open_page, bundled):
    d = relgraph.diff(bundled.snapshot("2024-11-25"), bundled.snapshot("2025-07-31"))
    page = open_page(d.to_html(view="map"))
    assert page.evaluate("window.relgraph.api.view()") == "map"
    e = drawn(page)["entities"]
    assert e["kazakhstan"]["y"] < e["pakistan"]["y"]
    assert page.problems == [] and all(u.startswith("file://") for u in page.requests)


def test_data_without_places_has_a_disabled_map_tab_that_says_why(open_page, tiny):
    page = open_page(no_places(tiny))
    assert page.locator("#tab-map").get_attribute("aria-disabled") == "true"
    assert page.locator("#map-note").is_visible()
    assert page.locator("#map-note").inner_text() == f"Map unavailable: {geo.MAP_UNAVAILABLE}."
    page.click("#tab-map", force=True)  # aria-disabled: it can still be clicked, and stays shut
    assert page.evaluate("window.relgraph.api.view()") == "graph"
    page.goto("about:blank")
    page.goto(page.url_ + "#view=map")
    page.wait_for_function("() => window.relgraph && window.relgraph.api.timings.firstDraw")
    assert page.evaluate("window.relgraph.api.view()") == "graph" and page.problems == []


def test_hostile_text_on_the_map_stays_text(open_page, tiny):
    ents = tiny.entities.assign(name=np.where(tiny.entities["id"] == "ttp", PAYLOADS[1], tiny.entities["name"]),
                                countries=np.where(tiny.entities["id"] == "ttp", "PAK|AFG", ""))
    page = open_page(variant(tiny, entities=ents), title=PAYLOADS[0], view="map")
    page.evaluate("window.relgraph.api.select('ttp')")
    assert page.locator("#details h2").inner_text() == PAYLOADS[1]
    with page.expect_download() as info:
        page.click("#download-svg")
    root = ET.parse(info.value.path()).getroot()
    assert PAYLOADS[1] in {" ".join(t.itertext()) for t in root.iter(SVG_NS + "text")}
    assert not root.findall(f".//{SVG_NS}img") and page.evaluate("window.__pwned") is None
    assert page.problems == []


def test_the_page_svg_of_the_map_has_outlines_margin_and_names(open_page, bundled):
    page = open_page(bundled, view="map")
    with page.expect_download() as info:
        page.click("#download-svg")
    root = ET.parse(info.value.path()).getroot()
    layer = next(g for g in root.iter(SVG_NS + "g") if g.get("class") == "map")
    assert len(list(layer.iter(SVG_NS + "path"))) == len(page.data["map"]["outlines"])
    texts = {" ".join(t.itertext()).strip() for t in root.iter(SVG_NS + "text")}
    assert {"Kazakhstan", "Pakistan", "United States", "Far from the region", "No place given", "Mongolia"} <= texts
    assert any("Natural Earth" in t for t in texts)
    assert page.problems == []


def test_the_inline_notebook_page_opens_on_the_map(browser, bundled):
    page = browser.new_page()
    try:
        page.set_content("<!DOCTYPE html><html><body>" + bundled.show(view="map", height=500)._repr_html_()
                         + "</body></html>")
        frame = next(f for f in page.frames if f is not page.main_frame)
        frame.wait_for_function("window.relgraph && window.relgraph.api.timings.firstDraw")
        assert frame.evaluate("window.relgraph.api.view()") == "map"
    finally:
        page.close()


@pytest.mark.parametrize("viewport", [(1440, 900), (390, 844)])
def test_the_map_has_no_serious_or_critical_violation(open_page, axe, bundled, viewport):
    from test_accessibility import severe
    page = open_page(bundled, viewport=viewport, view="map")
    assert severe(axe(page)) == []
    page.evaluate("window.relgraph.api.select('ttp')")
    assert severe(axe(page)) == []
