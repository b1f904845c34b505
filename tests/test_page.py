"""The page's HTML and data, checked without a browser; the `render` command's options."""
import base64
import re
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import relgraph
from helpers import page_blob
from helpers import page_json as blob
from pagehelpers import variant
from relgraph.cli import main
from relgraph.page import PageOptions, page_data, render_html


@pytest.mark.parametrize("renderer", ["vis", "webgl"])
def test_page_is_self_contained(tiny, renderer):
    page = render_html(tiny, PageOptions(renderer=renderer))
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page, re.I)
    assert "@import" not in page and "url(http" not in page
    # Nowhere, inlined libraries included, does a src, href or import name an http(s) address.
    assert not re.search(r"""(src|href)\s*[=:]\s*["'`]?https?:|import\s*\(?\s*["'`]https?:""", page, re.I)


def test_page_is_deterministic(tiny):
    assert tiny.to_html(as_of="2024-11-25") == tiny.to_html(as_of="2024-11-25")


def test_hostile_text_stays_inside_the_json_blob(tiny):
    ent, rel = tiny.entities, tiny.relations
    hostile = ent.assign(name=ent["name"].where(ent["id"] != "pak", "<img src=x onerror=alert(1)>"))
    rel = rel.assign(note=rel["note"].where(rel["id"] != "r2", "</script><script>alert(2)</script>"))
    page = variant(tiny, entities=hostile, relations=rel).to_html(title="<b>t</b>")
    assert "<img src=x" not in page and "<script>alert" not in page and "<b>t</b>" not in page
    data = blob(page)  # the payloads are intact data, for the page to show as text
    assert "<img src=x onerror=alert(1)>" in data["entities"]["name"]
    assert "</script><script>alert(2)</script>" in data["relations"]["note"]


def test_repeating_columns_travel_once_and_expand_to_the_same_data(tiny):
    page = tiny.to_html()
    raw = page_blob(page)
    status = raw["relations"]["status"]
    assert status["values"] == ["reported", "alleged"]  # each written once
    assert status["bytes"] == 1 and [status["values"][c] for c in base64.b64decode(status["codes"])] == \
        tiny.relations["status"].tolist()
    assert isinstance(raw["relations"]["id"], list) and isinstance(raw["relations"]["relation"], list)  # unique
    assert raw["compact"] == ["entities", "relations", "edges"]  # not folded: no folds
    data = page_data(tiny)
    expanded = blob(page)
    assert {t: expanded[t] for t in raw["compact"]} == {t: data[t] for t in raw["compact"]}


def by_id(data: dict, table: str = "relations") -> dict:
    """A columnar table of the page's data as {id: row}; ``edges`` rows are keyed by their relation's id."""
    ids = data["relations" if table == "edges" else table]["id"]
    columns = data[table]
    return {i: {c: columns[c][n] for c in columns} for n, i in enumerate(ids)}  # values as sent, None kept


def test_edges_carry_only_what_differs_from_the_defaults(tiny):
    data = page_data(tiny)
    edges, rels = by_id(data, "edges"), by_id(data)
    assert edges["r6"] == {"color": edges["r6"]["color"], "dashes": None, "curve": None}  # solid, straight
    assert rels["r6"]["directed"] is False and rels["r3"]["directed"] is True  # arrows: mutual or not
    assert edges["r3"]["dashes"] is None and edges["r3"]["curve"] is None
    assert edges["r4"]["dashes"] == [8, 6]  # alleged
    # r1 and r2 join the same pair: they curve to opposite sides.
    assert sorted([edges["r1"]["curve"], edges["r2"]["curve"]]) == [-0.12, 0.12]


def test_initial_state_from_options(tiny):
    data = page_data(tiny, PageOptions(as_of="2025-07-31", relation=["recognition", "delisting"], kind="state",
                                       status=["reported"], focus="rus", hide_isolated=True, view="map"))
    assert data["initial"] == {"as_of": "2025-07-31", "relations": ["delisting", "recognition"],
                               "kinds": ["state"], "statuses": ["reported"], "focus": "rus", "hide_isolated": True,
                               "known": False, "color_by": None, "view": "map"}
    assert page_data(tiny)["initial"]["as_of"] is None


def test_day_bounds_and_dates_feed_the_time_control(tiny):
    data = page_data(tiny)
    r4 = by_id(data)["r4"]
    assert (r4["start_lo"], r4["start_hi"], r4["end_lo"], r4["temporal"]) == ("2024-03-01", "2024-03-31", "", "event")
    assert data["dates"] == sorted(set(data["dates"])) and "2021-01-01" in data["dates"]
    assert data["snapshot"] == {"rule": "possible", "window": 365}


def test_diff_view_data(tiny):
    diff = pd.Series({"r1": "changed", "r2": "added", "r4": "removed"})
    data = page_data(tiny, diff=diff, old={"r1": {"end": ""}})
    edges, rels = by_id(data, "edges"), by_id(data)
    assert edges["r4"]["dashes"] is True and edges["r4"]["color"] == data["diff_colours"]["removed"]
    assert edges["r1"]["color"] == data["diff_colours"]["changed"]
    assert rels["r3"]["change"] == "unchanged" and rels["r1"]["old"] == {"end": ""}
    assert rels["r2"]["old"] is None


def test_ego_network(tiny):
    ds = tiny
    assert sorted(ds.ego("usa", 3).entities["id"]) == ["usa"]
    assert sorted(ds.ego("rus", 0).entities["id"]) == ["rus"]
    one = ds.ego("rus", 1)
    assert sorted(one.entities["id"]) == ["iea", "rus", "tal"]
    assert sorted(one.relations["id"]) == ["r1", "r2", "r3"]  # relations among the three, either direction
    two = ds.ego("rus", 2)
    assert sorted(two.entities["id"]) == ["iea", "pak", "rus", "tal", "ttp"]
    assert sorted(two.relations["id"]) == ["r1", "r2", "r3", "r4", "r5", "r6", "r7"]


def test_ego_unknown_entity_names_the_closest_match(tiny):
    with pytest.raises(relgraph.OptionError, match=r"Dataset.ego\(\): focus: unknown entity 'russa'; did you mean"):
        tiny.ego("russa")
    with pytest.raises(relgraph.OptionError, match=r"did you mean 'pak'\?"):
        tiny.ego("Pakistan")  # a name finds its id


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_render_options_set_the_start(tmp_path):
    out = tmp_path / "p.html"
    r = run("render", "-o", str(out), "--as-of", "2024-11-25", "--relation", "attack", "--relation", "sanctuary",
            "--kind", "state", "--kind", "armed_group", "--focus", "ttp", "--depth", "1", "--title", "TTP",
            "--view", "map")
    assert r.exit_code == 0, r.output
    data = blob(out.read_text(encoding="utf-8"))
    ego = relgraph.load().ego("ttp", 1)
    assert data["title"] == "TTP"
    assert sorted(data["entities"]["id"]) == sorted(ego.entities["id"])
    assert data["initial"] == {"as_of": "2024-11-25", "relations": ["attack", "sanctuary"],
                               "kinds": ["armed_group", "state"], "statuses": None, "focus": "ttp",
                               "hide_isolated": False, "known": False, "color_by": None, "view": "map"}


@pytest.mark.parametrize("args, message", [
    (["--as-of", "2024-02-30"], "Invalid value for '--as-of': '2024-02-30': no such day: check the month"),
    (["--as-of", "2024"], "Invalid value for '--as-of': '2024': expected a date as YYYY-MM-DD"),
    (["--relation", "attak"], "unknown relation type 'attak'; did you mean 'attack'? choose from: accusation,"),
    (["--kind", "planet"], "Invalid value for '--kind': unknown entity kind 'planet'; choose from: state, government"),
    (["--focus", "pakistn"], "Invalid value for '--focus': unknown entity 'pakistn'; did you mean 'pakistan'?"),
    (["--focus", "ttp", "--depth", "-1"], "Invalid value for '--depth'"),
])
def test_render_option_errors_exit_2(tmp_path, args, message):
    out = tmp_path / "p.html"
    r = CliRunner().invoke(main, ["render", "-o", str(out), *args])
    assert r.exit_code == 2
    assert message in " ".join(r.output.split())
    assert not out.exists()


def test_page_renders_any_tables(tiny):
    """render_html takes any tables, e.g. ones changed without validation: links are then the page's job."""
    odd = replace(tiny, sources=tiny.sources.assign(url="javascript:alert(1)"))
    assert blob(render_html(odd))["sources"]["url"][0] == "javascript:alert(1)"


# One set of page options, one meaning everywhere ----------------------------------------------

PAGE_MAKERS = ["Dataset.to_html", "Dataset.write_html", "Dataset.show", "relgraph.show", "Diff.to_html", "Diff.show"]


def maker(name):
    owner, _, method = name.partition(".")
    return getattr({"Dataset": relgraph.Dataset, "Diff": relgraph.Diff, "relgraph": relgraph}[owner], method)


@pytest.mark.parametrize("name", PAGE_MAKERS)
def test_every_page_maker_lists_the_options_in_its_signature_and_docs(name):
    import inspect
    func = maker(name)
    params = inspect.signature(func).parameters
    for option in relgraph.page.PAGE_OPTIONS:
        assert params[option].kind is inspect.Parameter.KEYWORD_ONLY, option
        assert f"\n        {option} :" in func.__doc__ or f"\n    {option} :" in func.__doc__, option
    assert "{page_options}" not in func.__doc__


def test_a_misspelt_option_names_the_function_and_the_closest_option(tiny):
    with pytest.raises(TypeError, match=r"^Dataset.show\(\) got an unknown option 'focs'; did you mean 'focus'\? "
                                        r"choose from: title, as_of, .*, height$"):
        tiny.show(focs="ttp")
    with pytest.raises(TypeError, match=r"^relgraph.show\(\) got an unknown option 'heigth'; did you mean 'height'"):
        relgraph.show(tiny, heigth=300)


@pytest.mark.parametrize("options, message", [
    (dict(as_of=20240101), "as_of: expected a date as YYYY-MM-DD, not the number 20240101"),
    (dict(as_of="2024-02-30"), "as_of: '2024-02-30': no such day"),
    (dict(depth="2"), "depth: must be a whole number, 0 or more, not '2'"),
    (dict(depth=True), "depth: must be a whole number"),
    (dict(physics="no"), "physics: must be True or False, not 'no'"),
    (dict(renderer="gl"), "renderer: unknown renderer 'gl'; choose from: vis, webgl"),
    (dict(relation=3), "relation: relation must be a string or a list of strings, not 3"),
    (dict(relation="attacks"), "relation: unknown relation type 'attacks'; did you mean 'attack'?"),
    (dict(kind=["state", "stat"]), "kind: unknown entity kind 'stat'; did you mean 'state'?"),
    (dict(status="aleged"), "status: unknown status 'aleged'; did you mean 'alleged'?"),
    (dict(focus="russa"), "focus: unknown entity 'russa'; did you mean 'rus'?"),
])
def test_a_wrong_option_value_names_the_function_and_the_choices(tiny, options, message):
    for call, name in [(lambda: tiny.show(**options), "Dataset.show"),
                       (lambda: tiny.to_html(**options), "Dataset.to_html"),
                       (lambda: relgraph.diff(tiny, tiny).to_html(**options), "Diff.to_html")]:
        with pytest.raises(relgraph.OptionError) as err:
            call()
        assert str(err.value).startswith(f"{name}(): {message}"), str(err.value)
        assert isinstance(err.value, ValueError)


def test_focus_and_depth_mean_the_ego_network_on_the_diff_page_too(tiny):
    d = relgraph.diff(tiny.snapshot("2024-11-25"), tiny.snapshot("2025-07-31"))
    data = blob(d.to_html(focus="iea", depth=1))
    # iea's relations on either side: recognised by rus (added), sanctuary to ttp, accused by pak.
    assert sorted(data["entities"]["id"]) == ["iea", "pak", "rus", "ttp"]
    assert sorted(data["relations"]["id"]) == ["r3", "r4", "r5", "r7"] and data["initial"]["focus"] == "iea"
    assert sorted(blob(d.to_html(focus="iea", depth=0))["entities"]["id"]) == ["iea"]
    assert d.show(focus="iea").page == d.to_html(focus="iea")


def _overlapping_pairs(x, y, sizes) -> int:
    from relgraph.layout import label_boxes, overlapping
    return len(overlapping(x, y, label_boxes(sizes))[0])


def test_the_overlapping_pairs_found_by_sweeping_are_those_of_every_pair_against_every_other():
    from relgraph.layout import label_boxes, overlapping

    rng = np.random.default_rng(7)
    n = 120
    x, y = rng.integers(0, 600, n), rng.integers(0, 600, n)
    x[:10] = 300  # a column of boxes with one left side, and two on one point
    x[10], y[10] = x[11], y[11]
    boxes = label_boxes(np.column_stack([rng.uniform(10, 160, n), rng.choice([14, 28, 42], n)]))
    lo_x, lo_y, hi_x, hi_y = x + boxes[:, 0], y + boxes[:, 1], x + boxes[:, 2], y + boxes[:, 3]
    every = {(i, j, min(hi_x[i], hi_x[j]) - max(lo_x[i], lo_x[j]), min(hi_y[i], hi_y[j]) - max(lo_y[i], lo_y[j]))
             for i in range(n) for j in range(i + 1, n)}
    expected = {p for p in every if p[2] > 0 and p[3] > 0}
    i, j, ox, oy, looked = overlapping(x, y, boxes)
    assert set(zip(i.tolist(), j.tolist(), ox.tolist(), oy.tolist())) == expected and len(i) == len(expected)
    assert len(expected) > 50 and looked < n * (n - 1) // 2  # many overlaps, found without looking at every pair


def test_a_layout_too_small_for_its_labels_is_spread_before_they_are_pushed_apart(monkeypatch):
    from relgraph import layout, style

    # 200 entities with long names, 600 relations: laid out for the relations, their labels would cover the
    # layout twice over; pushed apart where they stand (spread left out), 70 pairs still overlap, 4 spread.
    rng = np.random.default_rng(1)
    ids = pd.Series([f"e{i:03d}" for i in range(200)])
    names = pd.Series([f"Actor {i} political movement" for i in range(200)])
    src, tgt = (ids[rng.integers(0, 200, 600)].reset_index(drop=True) for _ in range(2))
    sizes = style.labels(names)[1]
    x, y = layout.positions(ids, src, tgt, label_sizes=sizes)
    monkeypatch.setattr(layout, "spread", lambda x, y, boxes: (x, y))
    unspread = _overlapping_pairs(*layout.positions(ids, src, tgt, label_sizes=sizes), sizes)
    assert _overlapping_pairs(x, y, sizes) <= min(10, unspread // 4)
