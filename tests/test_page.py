"""The page's HTML and data, checked without a browser; the `render` command's options."""
import json
import re
from dataclasses import replace

import pandas as pd
import pytest
from click.testing import CliRunner

import relgraph
from relgraph.cli import main
from relgraph.errors import InputError
from relgraph.render import page_data, render_html

ENTITIES = pd.DataFrame([
    ("iea", "Islamic Emirate of Afghanistan", "government", "IEA|Emirate", "", "", ""),
    ("pak", "Pakistan", "state", "Islamabad", "PAK", "Q843", ""),
    ("rus", "Russia", "state", "Moscow", "RUS", "Q159", ""),
    ("tal", "Taliban", "political_movement", "Tālibān|Afghan Taliban", "", "Q42475", ""),
    ("ttp", "Tehrik-i-Taliban Pakistan", "armed_group", "TTP", "", "", ""),
    ("usa", "United States", "state", "", "USA", "", ""),
], columns=["id", "name", "kind", "aliases", "iso3", "wikidata", "note"])
RELATIONS = pd.DataFrame([
    ("r1", "rus", "tal", "proscription", "2003-02-14", "2025-04-17", "reported", "", "web", ""),
    ("r2", "rus", "tal", "delisting", "2025-04-17", "", "reported", "", "web", "Court lifts the ban"),
    ("r3", "rus", "iea", "recognition", "2025-07-03", "", "reported", "", "web", "Moscow recognises Kabul"),
    ("r4", "ttp", "pak", "attack", "2024-03", "", "alleged", "pak", "art", ""),
    ("r5", "iea", "ttp", "sanctuary", "", "", "alleged", "pak", "art", "hideouts and sanctuaries"),
    ("r6", "tal", "ttp", "alliance", "2021", "", "reported", "", "art", ""),
    ("r7", "pak", "iea", "accusation", "2024-11", "", "reported", "", "art", ""),
], columns=["id", "source", "target", "relation", "start", "end", "status", "claimed_by", "source_id", "evidence"])
SOURCES = pd.DataFrame([
    ("art", "An article", "Paper", "A. Writer", "2024-11-25", "https://example.org/article", ""),
    ("web", "Court ruling report", "The Times", "", "2025-04-17", "https://example.org/ruling", ""),
], columns=["id", "title", "publisher", "author", "published", "url", "file"])


def tiny(entities=ENTITIES, relations=RELATIONS, sources=SOURCES) -> relgraph.Dataset:
    """A small dataset using the bundled relation types; physics-free pages keep positions fixed."""
    return relgraph.from_frames(entities, relations, sources=sources, name="tiny")


def blob(page: str) -> dict:
    """The page's data, read back from its JSON script element."""
    m = re.search(r'<script id="relgraph-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


@pytest.mark.parametrize("renderer", ["vis", "webgl"])
def test_page_is_self_contained(renderer):
    page = render_html(tiny(), renderer=renderer)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page, re.I)
    assert "@import" not in page and "url(http" not in page
    # Nowhere, inlined libraries included, does a src, href or import name an http(s) address.
    assert not re.search(r"""(src|href)\s*[=:]\s*["'`]?https?:|import\s*\(?\s*["'`]https?:""", page, re.I)


def test_page_is_deterministic():
    assert render_html(tiny(), as_of="2024-11-25") == render_html(tiny(), as_of="2024-11-25")


def test_hostile_text_stays_inside_the_json_blob():
    hostile = ENTITIES.assign(name=ENTITIES["name"].where(ENTITIES["id"] != "pak", "<img src=x onerror=alert(1)>"))
    rel = RELATIONS.assign(evidence=RELATIONS["evidence"].where(RELATIONS["id"] != "r2", "</script><script>alert(2)</script>"))
    page = render_html(tiny(hostile, rel), title="<b>t</b>")
    assert "<img src=x" not in page and "<script>alert" not in page and "<b>t</b>" not in page
    data = blob(page)  # the payloads are intact data, for the page to show as text
    assert "<img src=x onerror=alert(1)>" in data["entities"]["name"]
    assert "</script><script>alert(2)</script>" in data["relations"]["evidence"]


def by_id(data: dict, table: str = "relations") -> dict:
    """A columnar table of the page's data as {id: row}; ``edges`` rows are keyed by their relation's id."""
    ids = data["relations" if table == "edges" else table]["id"]
    columns = data[table]
    return {i: {c: columns[c][n] for c in columns} for n, i in enumerate(ids)}  # values as sent, None kept


def test_edges_carry_only_what_differs_from_the_defaults():
    data = page_data(tiny())
    edges, rels = by_id(data, "edges"), by_id(data)
    assert edges["r6"] == {"color": edges["r6"]["color"], "dashes": None, "curve": None}  # solid, straight
    assert rels["r6"]["directed"] is False and rels["r3"]["directed"] is True  # arrows: mutual or not
    assert edges["r3"]["dashes"] is None and edges["r3"]["curve"] is None
    assert edges["r4"]["dashes"] == [8, 6]  # alleged
    # r1 and r2 join the same pair: they curve to opposite sides.
    assert sorted([edges["r1"]["curve"], edges["r2"]["curve"]]) == [-0.12, 0.12]


def test_initial_state_from_options():
    data = page_data(tiny(), as_of="2025-07-31", relation=["recognition", "delisting"], kind="state",
                     status=["reported"], focus="rus", hide_isolated=True)
    assert data["initial"] == {"as_of": "2025-07-31", "relations": ["delisting", "recognition"],
                               "kinds": ["state"], "statuses": ["reported"], "focus": "rus", "hide_isolated": True}
    assert page_data(tiny())["initial"]["as_of"] is None


def test_day_bounds_and_dates_feed_the_time_control():
    data = page_data(tiny())
    r4 = by_id(data)["r4"]
    assert (r4["start_lo"], r4["start_hi"], r4["end_lo"], r4["temporal"]) == ("2024-03-01", "2024-03-31", "", "event")
    assert data["dates"] == sorted(set(data["dates"])) and "2021-01-01" in data["dates"]
    assert data["snapshot"] == {"rule": "possible", "window": 365}


def test_diff_view_data():
    diff = pd.Series({"r1": "changed", "r2": "added", "r4": "removed"})
    data = page_data(tiny(), diff=diff, old={"r1": {"end": ""}})
    edges, rels = by_id(data, "edges"), by_id(data)
    assert edges["r4"]["dashes"] is True and edges["r4"]["color"] == data["diff_colours"]["removed"]
    assert edges["r1"]["color"] == data["diff_colours"]["changed"]
    assert rels["r3"]["change"] == "unchanged" and rels["r1"]["old"] == {"end": ""}
    assert rels["r2"]["old"] is None


def test_ego_network():
    ds = tiny()
    assert sorted(ds.ego("usa", 3).entities["id"]) == ["usa"]
    assert sorted(ds.ego("rus", 0).entities["id"]) == ["rus"]
    one = ds.ego("rus", 1)
    assert sorted(one.entities["id"]) == ["iea", "rus", "tal"]
    assert sorted(one.relations["id"]) == ["r1", "r2", "r3"]  # relations among the three, either direction
    two = ds.ego("rus", 2)
    assert sorted(two.entities["id"]) == ["iea", "pak", "rus", "tal", "ttp"]
    assert sorted(two.relations["id"]) == ["r1", "r2", "r3", "r4", "r5", "r6", "r7"]


def test_ego_unknown_entity_names_close_matches():
    with pytest.raises(InputError, match=r"no entity with id 'russa'; close matches: .*\brus\b"):
        tiny().ego("russa")
    with pytest.raises(InputError, match=r"close matches: .*pak"):
        tiny().ego("Pakistan")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_render_options_set_the_start(tmp_path):
    out = tmp_path / "p.html"
    r = run("render", "-o", str(out), "--as-of", "2024-11-25", "--relation", "attack", "--relation", "sanctuary",
            "--kind", "state", "--kind", "armed_group", "--focus", "ttp", "--depth", "1", "--title", "TTP")
    assert r.exit_code == 0, r.output
    data = blob(out.read_text(encoding="utf-8"))
    ego = relgraph.load().ego("ttp", 1)
    assert data["title"] == "TTP"
    assert sorted(data["entities"]["id"]) == sorted(ego.entities["id"])
    assert data["initial"] == {"as_of": "2024-11-25", "relations": ["attack", "sanctuary"],
                               "kinds": ["armed_group", "state"], "statuses": None, "focus": "ttp",
                               "hide_isolated": False}


@pytest.mark.parametrize("args, message", [
    (["--as-of", "2024-02-30"], "Invalid value for '--as-of': '2024-02-30': no such day: check the month"),
    (["--as-of", "2024"], "Invalid value for '--as-of': '2024': expected a date as YYYY-MM-DD"),
    (["--relation", "attak"], "unknown relation type 'attak'; choose from accusation, agreement,"),
    (["--kind", "planet"], "'planet' is not one of 'state', 'government'"),
    (["--focus", "pakistn"], "Invalid value for '--focus': no entity with id 'pakistn'; close matches: pakistan"),
    (["--focus", "ttp", "--depth", "-1"], "Invalid value for '--depth'"),
])
def test_render_option_errors_exit_2(tmp_path, args, message):
    out = tmp_path / "p.html"
    r = CliRunner().invoke(main, ["render", "-o", str(out), *args])
    assert r.exit_code == 2
    assert message in r.output
    assert not out.exists()


def test_page_renders_any_tables():
    """render_html takes any Tables, e.g. one built without validation: links are then the page's job."""
    ds = tiny()
    odd = replace(ds, sources=ds.sources.assign(url="javascript:alert(1)"))
    assert blob(render_html(odd))["sources"]["url"][0] == "javascript:alert(1)"
