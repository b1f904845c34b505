"""Exports read back by the programs their users have: graphology-gexf (Gephi Lite) and networkx for GEXF,
networkx and igraph for GraphML, headless Cytoscape.js, networkx's node-link reader, followthemoney's model;
and pyvis's own page for Dataset.to_pyvis()."""
import io
import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import relgraph
from helpers import ENTITIES, make_dataset
from relgraph import export, style
from relgraph.cli import main
from relgraph.exchange import spells
from relgraph.page import page_data

READER = Path(__file__).parent / "js" / "read_export.js"
NPM_PACKAGES = ["graphology@0.26.0", "graphology-gexf@0.13.2", "cytoscape@3.35.0"]
# The tiny dataset with lifetimes (the Emirate from 2021-08-15, the TTP from 2007 to 2030) and text that
# must survive XML: markup, quotes, a CR, a line break and a control character.
NAMED = "Tehrik <b>&amp;</b> \"TTP\"\r\nline\x1b"


@pytest.fixture(scope="session")
def lives(tiny):
    ent = tiny.entities.copy()
    ent.loc[ent["id"] == "iea", "start"] = "2021-08-15"
    ent.loc[ent["id"] == "ttp", ["start", "end", "name"]] = ["2007", "2030", NAMED]
    return replace(tiny, entities=ent)


@pytest.fixture(scope="session")
def node(tmp_path_factory):
    """Run tests/js/read_export.js with the npm packages installed in a temporary folder; skipped without
    node and npm, except in CI (CI set), where they must run."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        if os.environ.get("CI"):
            pytest.fail("node and npm are required in CI (CI is set) but were not found on PATH")
        pytest.skip("node or npm not installed")
    prefix = tmp_path_factory.mktemp("npm")
    subprocess.run(["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--silent",
                    *NPM_PACKAGES], check=True, capture_output=True, timeout=300)

    def read(fmt, path):
        out = subprocess.run(["node", str(READER), fmt, str(path)], check=True, capture_output=True, text=True,
                             env={**os.environ, "NODE_PATH": str(prefix / "node_modules")}, timeout=60)
        return json.loads(out.stdout)
    return read


def cells(row: dict, leave_out=()) -> dict:
    """A row's non-empty cells as the XML formats carry them: an empty cell left out, ESC written as \\x1b."""
    return {k: v.replace("\x1b", "\\x1b") if isinstance(v, str) else v
            for k, v in row.items() if v != "" and k not in leave_out}


def relations(ds):
    return relgraph.exchange.relations(ds)


def page_positions(ds):
    nodes = page_data(ds)["nodes"]
    return {i: (x, y) for i, x, y in zip(ds.entities["id"], nodes["x"], nodes["y"])}


def rgb(hex_colour):
    return "rgb({},{},{})".format(*(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)))


# GEXF --------------------------------------------------------------------------------------------

def test_gexf_read_by_graphology_gexf(lives, node, tmp_path):
    path = tmp_path / "g.gexf"
    lives.export(path)
    g = node("gexf", path)
    assert (g["type"], g["multi"], g["meta"]["title"]) == ("mixed", True, "tiny")  # r1, r2: rus -> tal
    at = page_positions(lives)
    nodes = {n["id"]: n["attributes"] for n in g["nodes"]}
    assert list(nodes) == lives.entities["id"].tolist()
    for row in lives.entities.to_dict("records"):
        a = nodes[row["id"]]
        assert {k: a[k] for k in cells(row, ["id"])} == cells(row, ["id"])
        assert set(a) == set(cells(row, ["id"])) | {"label", "color", "x", "y", "shape"}
        assert (a["label"], a["color"]) == (cells(row)["name"], rgb(style.KIND_COLOURS[row["kind"]]))
        assert (a["x"], -a["y"]) == at[row["id"]]  # Gephi's y points up
    assert nodes["ttp"]["name"] == NAMED.replace("\x1b", "\\x1b")  # XML 1.0 cannot hold ESC
    assert (nodes["pak"]["shape"], nodes["iea"]["shape"], nodes["tal"]["shape"]) == ("square", "diamond", "disc")
    edges = {e["id"]: e for e in g["edges"]}
    assert sorted(edges) == sorted(lives.relations["id"])
    colours = style.type_colours(lives.relation_types)
    for row in relations(lives).to_dict("records"):
        e = edges[row["id"]]
        assert (e["source"], e["target"], e["undirected"]) == (row["source"], row["target"], not row["directed"])
        wanted = cells(row, ["id", "source", "target"])
        assert {k: e["attributes"][k] for k in wanted} == wanted
        assert e["attributes"]["kind"] == row["relation"] and e["attributes"]["color"] == rgb(colours[row["relation"]])
    assert edges["r6"]["undirected"] and edges["r4"]["attributes"]["label"] == "attacks"


def test_gexf_read_by_networkx_with_spells(lives, tmp_path):
    path = tmp_path / "g.gexf"
    lives.export(path)
    g = nx.read_gexf(path)
    assert g.graph["mode"] == "dynamic" and isinstance(g, nx.MultiDiGraph)
    for row in lives.entities.to_dict("records"):
        got = dict(g.nodes[row["id"]])
        assert {k: got[k] for k in cells(row, ["id"])} == cells(row, ["id"])
    # Spells by the interval rule: partial dates cover every day they may mean, end is the first day not held.
    assert g.nodes["ttp"]["spells"] == [("2007-01-01", "2030-12-30")]  # may exist until 2030-12-30
    assert g.nodes["iea"]["spells"] == [("2021-08-15", "None")] and "spells" not in g.nodes["pak"]
    spell = {k: d.get("spells") for _, _, k, d in g.edges(keys=True, data=True)}
    assert spell["r1"] == [("2003-02-14", "2025-04-16")]  # a proscription ending on the delisting day
    assert spell["r4"] == [("2024-03-01", "2024-03-31")]  # an event of March 2024: the month
    assert spell["r2"] == [("2025-04-17", "2025-04-17")]  # an event on a day
    assert spell["r6"] == [("2021-01-01", "None")] and spell["r5"] is None  # open; undated
    # Mutual relations are GEXF's "mutual" edges, which networkx reads as both directions.
    mutual = set(relations(lives).query("not directed")["id"])
    assert sorted(k for _, _, k in g.edges(keys=True)) == sorted([*lives.relations["id"], *mutual])
    for row in relations(lives).to_dict("records"):
        got = g.edges[row["source"], row["target"], row["id"]]
        wanted = cells(row, ["id", "source", "target"])
        assert {k: got[k] for k in wanted} == wanted


def test_gexf_of_mutual_relations_only_is_undirected(lives, node, tmp_path):
    alliances = lives.filter(relation="alliance")
    path = tmp_path / "a.gexf"
    alliances.export(path)
    assert node("gexf", path)["type"] == "undirected"
    assert not nx.read_gexf(path).is_directed()


# GraphML -----------------------------------------------------------------------------------------

def test_graphml_read_by_networkx(lives, tmp_path):
    path = tmp_path / "g.graphml"
    lives.export(path)
    g = nx.read_graphml(path)
    assert isinstance(g, nx.MultiDiGraph) and list(g.nodes) == lives.entities["id"].tolist()
    for row in lives.entities.to_dict("records"):
        assert g.nodes[row["id"]] == cells(row, ["id"])
    assert g.nodes["ttp"]["name"] == NAMED.replace("\x1b", "\\x1b")  # the CR and the line break kept
    assert g.number_of_edges() == len(lives.relations)
    for row in relations(lives).to_dict("records"):
        assert g.edges[row["source"], row["target"], row["id"]] == cells(row, ["id", "source", "target"])


def test_graphml_read_by_igraph(lives, tmp_path):
    import igraph
    path = tmp_path / "g.graphml"
    lives.export(path)
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.is_directed() and g.vs["id"] == lives.entities["id"].tolist()
    for v, row in zip(g.vs, lives.entities.to_dict("records")):
        assert {k: v[k] or "" for k in row if k != "id"} == {k: cells(row).get(k, "") for k in row if k != "id"}
    # igraph keeps the edges in file order, which is the relations' order (its own edge "id" is unreliable).
    rel = relations(lives)
    assert g.ecount() == len(rel)
    for e, row in zip(g.es, rel.to_dict("records")):
        assert (g.vs[e.source]["id"], g.vs[e.target]["id"]) == (row["source"], row["target"])
        assert e["relation"] == row["relation"] and e["status"] == row["status"] and e["evidence"] == row["evidence"]
        assert (bool(e["directed"]), int(e["valence"])) == (row["directed"], row["valence"])


# Cytoscape.js JSON -------------------------------------------------------------------------------

def test_cytoscape_json_loaded_by_headless_cytoscape(lives, node, tmp_path):
    path = tmp_path / "g.cyjs"
    lives.export(path)
    cy = node("cytoscape", path)
    assert cy["data"] == {"name": "tiny"}
    at = page_positions(lives)
    assert [n["data"] for n in cy["nodes"]] == lives.entities.to_dict("records")
    assert {n["data"]["id"]: (n["position"]["x"], n["position"]["y"]) for n in cy["nodes"]} == at
    pak = next(n for n in cy["nodes"] if n["data"]["id"] == "pak")
    assert (pak["classes"], pak["shape"]) == (["kind-state"], "rectangle")
    assert pak["color"] == rgb(style.KIND_COLOURS["state"])
    assert [e["data"] for e in cy["edges"]] == relations(lives).to_dict("records")
    by_id = {e["data"]["id"]: e for e in cy["edges"]}
    assert by_id["r4"]["classes"] == ["type-attack", "status-alleged", "directed"]
    assert (by_id["r4"]["lineStyle"], by_id["r4"]["arrow"]) == ("dashed", "triangle")
    assert (by_id["r6"]["lineStyle"], by_id["r6"]["arrow"]) == ("solid", "none")  # mutual: no arrow
    assert by_id["r6"]["color"] == rgb(style.type_colours(lives.relation_types)["alliance"])


# node-link JSON ----------------------------------------------------------------------------------

def test_node_link_read_by_networkx(lives, tmp_path):
    path = tmp_path / "g.json"
    lives.export(path)
    g = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    want = lives.graph()
    assert g.graph == {"name": "tiny"} and list(g.nodes) == list(want.nodes)
    # The format's own "id", "source" and "target" keys hold those attributes' values.
    assert dict(g.nodes(data=True)) == {n: {k: v for k, v in d.items() if k != "id"} for n, d in want.nodes(data=True)}
    assert list(g.edges(keys=True, data=True)) == [
        (u, v, k, {a: x for a, x in d.items() if a not in ("source", "target")})
        for u, v, k, d in want.edges(keys=True, data=True)]


# FollowTheMoney ----------------------------------------------------------------------------------

def test_ftm_lines_valid_under_followthemoney(lives, tmp_path):
    from followthemoney import model
    path = tmp_path / "g.ftm.json"
    lives.export(path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(lives.entities) + len(lives.relations)
    ids = {e["id"] for e in lines}
    for data in lines:
        schema = model.get(data["schema"])
        schema.validate(data)  # raises InvalidData for a bad value or a missing required property
        assert set(data["properties"]) <= set(schema.properties), data["id"]
        proxy = model.get_proxy(data, cleaned=False)  # cleans every value: nothing may be dropped
        assert {p: sorted(v) for p, v in proxy.to_dict()["properties"].items()} == {
            p: sorted(v) for p, v in data["properties"].items()}, data["id"]
        for prop, values in data["properties"].items():
            if schema.properties[prop].type.name == "entity":
                assert set(values) <= ids  # every reference is to an entity of the file
    by_id = {e["id"]: e for e in lines}
    assert [by_id[i]["schema"] for i in ("pak", "iea", "tal", "ttp")] == ["PublicBody", "PublicBody",
                                                                           "Organization", "Organization"]
    assert [by_id[f"rel-{i}"]["schema"] for i in ("r1", "r2", "r3", "r4")] == ["Sanction", "Event", "UnknownLink",
                                                                               "Event"]
    r1 = by_id["rel-r1"]["properties"]
    assert (r1["entity"], r1["authority"], r1["startDate"], r1["endDate"]) == (["tal"], ["Russia"], ["2003-02-14"],
                                                                               ["2025-04-17"])
    r4 = by_id["rel-r4"]["properties"]
    assert (r4["organizer"], r4["involved"], r4["date"], r4["summary"]) == (["ttp"], ["pak"], ["2024-03"],
                                                                            ["“relentless attacks”"])
    assert (r4["sourceUrl"], r4["publisher"]) == (["https://example.org/article"], ["Paper"])
    assert "claimed_by: pak" in r4["description"][0] and "iso3: PAK" in by_id["pak"]["properties"]["notes"][0]
    assert by_id["ttp"]["properties"]["incorporationDate"] == ["2007"]


# Every format ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", export.FORMATS)
def test_every_format_is_deterministic_and_carries_new_columns(lives, fmt):
    assert lives.export(format=fmt) == lives.export(format=fmt)
    # A column added to a table later flows through without a change to the exporters.
    grown = replace(lives, entities=lives.entities.assign(motto="Forward"),
                    relations=lives.relations.assign(confidence=0.5))
    text = grown.export(format=fmt)
    assert "Forward" in text and ("confidence" in text) and "0.5" in text


@pytest.mark.parametrize("fmt", ["gexf", "cytoscape"])
def test_positions_are_the_pages_on_the_bundled_data(fmt):
    ds = relgraph.load()
    at = page_positions(ds)
    if fmt == "gexf":
        g = nx.read_gexf(io.BytesIO(ds.export(format=fmt).encode("utf-8")))
        got = {n: (d["viz"]["position"]["x"], -d["viz"]["position"]["y"]) for n, d in g.nodes(data=True)}
    else:
        nodes = json.loads(ds.export(format=fmt))["elements"]["nodes"]
        got = {n["data"]["id"]: (n["position"]["x"], n["position"]["y"]) for n in nodes}
    assert got == at


def test_spells_follow_the_interval_rule():
    import pandas as pd
    rows = pd.DataFrame({"start": ["", "2024-02", "2025-04-17"], "end": ["2025", "", "2025-04-17"]})
    assert spells(rows, [False, False, False]).values.tolist() == [["", "2025-12-30"], ["2024-02-01", ""],
                                                                  ["2025-04-17", "2025-04-17"]]


def test_export_writes_atomically_and_refuses_inputs(tiny_dir, tmp_path):
    ds = relgraph.load(tiny_dir)
    with pytest.raises(relgraph.errors.OutputError):
        ds.export(tiny_dir / "relations.csv", format="gexf")
    out = tmp_path / "g.graphml"
    out.write_text("old")
    out.chmod(0o640)
    ds.export(out)
    assert out.read_text(encoding="utf-8").startswith("<?xml") and (out.stat().st_mode & 0o777) == 0o640


# The command -------------------------------------------------------------------------------------

def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("name, fmt", [("g.gexf", "gexf"), ("g.graphml", "graphml"), ("g.cyjs", "cytoscape"),
                                       ("g.json", "node-link"), ("g.ftm.json", "ftm"), ("g.ndjson", "ftm")])
def test_cli_format_from_the_extension(tiny_dir, tmp_path, name, fmt):
    out = tmp_path / name
    r = run("export", "--data", str(tiny_dir), "-o", str(out))
    assert r.exit_code == 0 and r.output.strip() == str(out)
    assert out.read_text(encoding="utf-8") == relgraph.load(tiny_dir).export(format=fmt)


def test_cli_narrows_like_snapshot_filter_and_ego(tiny_dir):
    ds = relgraph.load(tiny_dir)
    r = run("export", "--data", str(tiny_dir), "--format", "node-link", "--as-of", "2025-07-31")
    assert r.output == ds.snapshot("2025-07-31").export(format="node-link")
    r = run("export", "--data", str(tiny_dir), "--format", "ftm", "-o", "-", "--focus", "ttp", "--depth", "1",
            "--status", "alleged", "--kind", "armed_group", "--kind", "state", "--kind", "government")
    assert r.output == ds.ego("ttp", 1).filter(status="alleged", kind=["armed_group", "state", "government"]
                                               ).export(format="ftm")
    assert {json.loads(line)["properties"].get("recordId", [""])[0] for line in r.output.splitlines()} == {
        "", "r4", "r5"}


def test_cli_errors(tiny_dir, tmp_path):
    r = run("export", "--data", str(tiny_dir), "--format", "gefx")
    assert r.exit_code == 2 and "unknown format 'gefx'; did you mean 'gexf'? choose from: gexf, graphml" in r.output
    r = run("export", "--data", str(tiny_dir), "-o", str(tmp_path / "g.gephi"))
    assert r.exit_code == 2 and "'g.gephi' does not say which" in r.output and ".cyjs" in r.output
    r = run("export", "--data", str(tiny_dir))
    assert r.exit_code == 2 and "give a format" in r.output
    r = run("export", "--data", str(tiny_dir), "--format", "gexf", "-o", str(tiny_dir / "entities.csv"))
    assert r.exit_code == 2 and "is an input of this command" in r.output
    r = run("export", "--data", str(tiny_dir), "--format", "gexf", "--relation", "attacks")
    assert r.exit_code == 2 and "did you mean 'attack'" in r.output
    bad = make_dataset(tmp_path / "bad", entities__csv=ENTITIES.replace("rus,Russia,state", "rus,Russia,planet"))
    out = tmp_path / "g.gexf"
    r = run("export", "--data", str(bad), "-o", str(out))
    assert r.exit_code == 1 and "nothing written" in r.output and not out.exists()


# pyvis -------------------------------------------------------------------------------------------

def test_to_pyvis_keeps_the_page_and_changes_nothing(lives):
    before = [t.copy() for t in (lives.entities, lives.relations)]
    net = lives.to_pyvis(height="400px")
    assert all(a.equals(b) for a, b in zip(before, (lives.entities, lives.relations)))
    assert [n["id"] for n in net.nodes] == lives.entities["id"].tolist() and net.height == "400px"
    assert [e["id"] for e in net.edges] == lives.relations["id"].tolist()  # parallel relations kept
    at = page_positions(lives)
    assert {n["id"]: (n["x"], n["y"]) for n in net.nodes} == at
    ttp = net.get_node("ttp")
    assert ttp["shape"] == "triangle" and ttp["title"].startswith("Tehrik &lt;b&gt;&amp;amp;&lt;/b&gt;")
    edges = {e["id"]: e for e in net.edges}
    assert edges["r6"]["arrows"] == "" and edges["r4"]["arrows"] == "to" and edges["r4"]["dashes"] == [8, 6]


def test_to_pyvis_writes_a_page_pyvis_opens(lives, browser, tmp_path):
    path = tmp_path / "pyvis.html"
    lives.to_pyvis().write_html(str(path))
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function("() => typeof network !== 'undefined'")
    assert page.evaluate("network.body.data.nodes.length") == len(lives.entities)
    assert sorted(page.evaluate("network.body.data.edges.getIds()")) == sorted(lives.relations["id"])
    assert page.evaluate("document.querySelectorAll('b').length") == 0 and errors == []
    page.close()
