"""Signed graph, structural balance, frustration, camps, communities and centrality, on small graphs built by
hand whose answers are known; and the same over time."""
import json
import math
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from networkx.utils import graphs_equal

import relgraph
from relgraph import signed
from relgraph.choices import OptionError

SOURCES = pd.DataFrame({"id": ["notes"], "title": ["Field notes"]})


def dataset(rows, *, ids=None, name="hand"):
    """States joined by relations ``(source, target, type[, status[, start[, end]]])`` of the bundled vocabulary
    (alliance +1 and tension -1 are mutual lasting relations, so any direction means the same)."""
    rows = [tuple(r) + ("reported", "", "")[len(r) - 3:] for r in rows]
    rel = pd.DataFrame(rows, columns=["source", "target", "relation", "status", "start", "end"])
    rel.insert(0, "id", [f"r{i + 1:02d}" for i in range(len(rel))])
    rel["claimed_by"] = (rel["status"] != "reported").map({True: "z", False: ""})
    rel["source_id"] = "notes"
    names = sorted(set(rel.source) | set(rel.target) | {"z"} | set(ids or ()))
    ent = pd.DataFrame({"id": names, "name": [n.upper() for n in names], "kind": "state"})
    return relgraph.from_frames(ent, rel, sources=SOURCES, name=name)


def expected_graph(edges, nodes):
    """The signed graph by hand: ``edges`` as ``(a, b, score, positive, negative, relations)``."""
    g = nx.Graph(name="hand", as_of=None, known_by=None)
    g.add_nodes_from((n, {"name": n.upper(), "kind": "state"}) for n in nodes)
    for a, b, score, pos, neg, rels in edges:
        g.add_edge(a, b, sign=(score > 0) - (score < 0), score=score, weight=abs(score), positive=pos, negative=neg,
                   relations=rels)
    return g


def test_an_unbalanced_triangle():
    ds = dataset([("a", "b", "alliance"), ("b", "c", "alliance"), ("c", "a", "tension")])
    a = ds.analyze()
    assert graphs_equal(ds.signed(), expected_graph(
        [("a", "b", 1.0, 1, 0, ("r01",)), ("b", "c", 1.0, 1, 0, ("r02",)), ("a", "c", -1.0, 0, 1, ("r03",))],
        ["a", "b", "c"]))
    assert [tuple(t) for t in a.triads[["a", "b", "c", "ab", "bc", "ac", "balanced"]].itertuples(index=False)] == [
        ("a", "b", "c", 1, 1, -1, False)]
    assert a.unbalanced[["relations_ab", "relations_bc", "relations_ac"]].iloc[0].tolist() == [
        ("r01",), ("r02",), ("r03",)]
    assert (a.balance_ratio, a.frustration, a.exact) == (0.0, 1, True)
    # The best split puts all three together: only the tension is against the camps.
    assert a.camps == {"A": ["a", "b", "c"], "B": []}
    assert a.frustrated[["a", "b", "relations"]].values.tolist() == [["a", "c", ("r03",)]]


def test_a_balanced_square_has_no_triad_and_no_frustration():
    ds = dataset([("a", "b", "alliance"), ("b", "c", "tension"), ("c", "d", "alliance"), ("d", "a", "tension")])
    a = ds.analyze()
    assert a.triads.empty and a.balance_ratio is None
    assert (a.frustration, a.camps) == (0, {"A": ["a", "b"], "B": ["c", "d"]})
    assert a.frustrated.empty


def test_an_unbalanced_square_is_frustrated_without_any_triad():
    # The cycle's product is negative: balance ratio says nothing (no triangle), frustration says 1.
    ds = dataset([("a", "b", "alliance"), ("b", "c", "alliance"), ("c", "d", "alliance"), ("d", "a", "tension")])
    a = ds.analyze()
    assert (a.balance_ratio, a.frustration) == (None, 1)
    assert len(a.frustrated) == 1


def test_two_camps():
    camp1, camp2 = ["a", "b", "c"], ["d", "e"]
    rows = [(x, y, "alliance") for i, x in enumerate(camp1) for y in camp1[i + 1:]] + [("d", "e", "alliance")]
    rows += [(x, y, "tension") for x in camp1 for y in camp2]
    a = dataset(rows).analyze()
    assert (len(a.triads), a.balance_ratio, a.frustration) == (10, 1.0, 0)
    assert a.camps == {"A": camp1, "B": camp2}
    assert a.communities == [camp1, camp2]
    assert a.actors.set_index("id")["community"].to_dict() == {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}


def test_folding_a_pair_status_weights_and_denials():
    ds = dataset([("a", "b", "alliance"), ("b", "a", "tension", "alleged"),  # 1 - 0.5
                  ("a", "c", "alliance", "denied"),  # does not count: c is no actor
                  ("b", "d", "alliance", "intended"), ("d", "b", "tension", "intended")])  # cancel out: neutral
    assert graphs_equal(ds.signed(), expected_graph(
        [("a", "b", 0.5, 1, 1, ("r01", "r02")), ("b", "d", 0.0, 1, 1, ("r04", "r05"))], ["a", "b", "d"]))
    # The weights are the reader's to change: an alleged tension then outweighs a reported alliance.
    assert ds.signed(weights={"alleged": 2}).edges["a", "b"]["sign"] == -1
    a = ds.analyze()
    assert a.summary()["neutral"] == 1
    assert a.actors.set_index("id").loc["d", "camp"] == ""  # only a neutral pair: in no camp


@pytest.mark.parametrize("weights, message", [
    ({"rumoured": 1}, "weights: unknown status 'rumoured'"),
    ({"alleged": -1}, "weights: alleged: must be a number, 0 or more, not -1"),
    ("alleged", "weights: must map statuses to numbers"),
])
def test_bad_weights_are_refused(tiny, weights, message):
    with pytest.raises(OptionError, match=message):
        tiny.analyze(weights=weights)


def test_bad_dates_name_the_method(tiny):
    with pytest.raises(OptionError, match=r"^Dataset.analyze\(\): as_of: "):
        tiny.analyze("2024-13-01")
    with pytest.raises(OptionError, match=r"^Dataset.over_time\(\): rule: unknown rule"):
        tiny.over_time(rule="sure")


def test_centralities_of_a_path():
    a = dataset([("a", "b", "alliance"), ("b", "c", "alliance")]).analyze().actors.set_index("id")
    assert a["degree"].to_dict() == {"a": 0.5, "b": 1.0, "c": 0.5}
    assert a["betweenness"].to_dict() == {"a": 0.0, "b": 1.0, "c": 0.0}
    assert a["eigenvector"].to_dict() == {"a": 0.5, "b": round(1 / math.sqrt(2), 6), "c": 0.5}
    assert a[["positive", "negative"]].loc["b"].tolist() == [2, 0]


def test_eigenvector_centrality_is_of_the_positive_part():
    a = dataset([("a", "b", "alliance"), ("b", "c", "tension")]).analyze().actors.set_index("id")
    assert a.loc["c", "eigenvector"] == 0.0 and a.loc["c", "degree"] == 0.5
    assert a.loc["a", "eigenvector"] == a.loc["b", "eigenvector"] == round(1 / math.sqrt(2), 6)


def _planted(n: int, flipped: int) -> pd.DataFrame:
    """Two camps of ``n`` actors (all allied inside, all in tension between), ``flipped`` pairs across allied."""
    left, right = [f"l{i:02d}" for i in range(n)], [f"r{i:02d}" for i in range(n)]
    rows = [(x, y, 1) for side in (left, right) for i, x in enumerate(side) for y in side[i + 1:]]
    rows += [(x, y, 1 if k < flipped else -1) for k, (x, y) in enumerate((x, y) for x in left for y in right)]
    return pd.DataFrame(rows, columns=["a", "b", "sign"])


def test_frustration_above_the_exact_size_is_searched_with_a_seed():
    p = _planted(12, 2)  # 24 actors in one part: above EXACT_MAX
    f = signed.frustration(p)
    assert (f["frustration"], f["exact"]) == (2, False)
    assert f["camp"].value_counts().to_dict() == {"A": 12, "B": 12}
    assert f["camp"].equals(signed.frustration(p)["camp"])  # seeded: the same split every time


def test_the_search_finds_the_exact_answer_on_small_graphs():
    for n, flipped in ((3, 1), (4, 2), (5, 0)):
        p = _planted(n, flipped)
        exact, searched = signed.frustration(p), signed.frustration(p, exact_max=0)
        assert (exact["exact"], searched["exact"]) == (True, False)
        assert exact["frustration"] == searched["frustration"] == flipped


def test_frustration_adds_up_over_connected_parts():
    ds = dataset([("a", "b", "alliance"), ("b", "c", "alliance"), ("c", "a", "tension"),
                  ("x", "y", "alliance"), ("y", "w", "alliance"), ("w", "x", "tension")])
    a = ds.analyze()
    assert a.frustration == 2
    assert a.camps["A"] == ["a", "b", "c", "w", "x", "y"]  # each part's first actor is in camp A


OVER_TIME = [("a", "b", "alliance", "reported", "2020"), ("b", "c", "tension", "reported", "2021-03"),
             ("a", "c", "alliance", "reported", "2022-06-01", "2023-01-01"),
             ("a", "c", "alliance", "denied", "2024-01-01")]  # a denial adds no date


def test_over_time_has_a_row_at_every_change():
    t = dataset(OVER_TIME).over_time()
    b = t.balance[["date", "actors", "pairs", "triads", "unbalanced", "balance_ratio", "frustration"]]
    assert b.astype(object).where(b.notna(), None).values.tolist() == [
        ["2020-01-01", 2, 1, 0, 0, None, 0], ["2021-03-01", 3, 2, 0, 0, None, 0],
        ["2022-06-01", 3, 3, 1, 1, 0.0, 1], ["2023-01-01", 3, 2, 0, 0, None, 0]]
    assert t.triads[["date", "a", "b", "c", "balanced"]].values.tolist() == [["2022-06-01", "a", "b", "c", False]]
    assert t.actors[t.actors.date == "2021-03-01"]["camp"].tolist() == ["A", "A", "B"]


def test_over_time_agrees_with_analyze_on_each_date():
    ds = dataset(OVER_TIME)
    t = ds.over_time()
    for day in ("2021-06-30", "2022-06-01", "2022-12-31", "2025-01-01"):
        assert t.at(day).to_dict()["summary"] == ds.analyze(day).to_dict()["summary"], day
    assert t.at("2019-12-31") is None


def test_over_time_of_the_bundled_data_matches_its_snapshots():
    ds = relgraph.load()
    t = ds.over_time()
    for day in ("2024-11-25", "2025-07-31"):
        assert t.at(day).to_dict()["camps"] == ds.analyze(day).to_dict()["camps"]
        assert t.at(day).pairs.equals(ds.analyze(day).pairs)
    # What the seed foresaw: Russia leaves Pakistan's camp for the Taliban's once it delists and recognises them.
    before, after = ds.analyze("2024-11-25").camps, ds.analyze("2025-07-31").camps
    assert [c for c in before if "russia" in before[c]] == [c for c in before if "pakistan" in before[c]]
    assert [c for c in after if "russia" in after[c]] == [c for c in after if "iea" in after[c]]


def test_known_then_dates_by_record():
    rows = [("a", "b", "alliance", "reported", "2020"), ("b", "c", "alliance", "reported", "2020")]
    ds = dataset(rows)
    rel = ds.relations.assign(claimed_on=["2020-05-01", "2022-02-02"])
    known = relgraph.from_frames(ds.entities, rel, sources=SOURCES, name="hand")
    t = known.over_time(known=True)
    assert t.balance[["date", "pairs"]].values.tolist() == [["2020-05-01", 1], ["2022-02-02", 2]]
    assert t.at("2022-02-02").known_by == "2022-02-02"


def test_the_result_as_a_dict_is_json():
    a = relgraph.load().analyze("2024-11-25")
    d = a.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["summary"] == {**a.summary(), "balance_ratio": a.balance_ratio}
    assert [t["relations_ab"] for t in d["unbalanced_triads"]] == [list(r) for r in a.unbalanced["relations_ab"]]
    assert sorted(d["camps"]["A"] + d["camps"]["B"]) == sorted(a.actors["id"])


def test_reports_escape_the_data():
    ds = dataset([("a", "b", "alliance")])
    evil = ds.entities.assign(name=["=HYPERLINK(1)", "\x1b]0;PWNED\x07 <b>x</b>", "Z"])
    a = relgraph.from_frames(evil, ds.relations, sources=SOURCES, name="hand").analyze()
    assert "\x1b" not in a.to_text() and "\\x1b" in a.to_text()
    assert "<b>" not in a.to_markdown() and "&lt;b&gt;" in a.to_markdown()
    assert "'=HYPERLINK(1)" in a.to_csv()
    assert pd.read_csv(pd.io.common.StringIO(a.to_csv()))["id"].tolist() == ["a", "b"]


# The command line ---------------------------------------------------------------------------------

def run(*args):
    from click.testing import CliRunner

    from relgraph.cli import main
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_analyze_json_equals_the_library(tiny_dir):
    r = run("analyze", "--data", str(tiny_dir), "--as-of", "2025-07-31", "--format", "json")
    assert r.exit_code == 0
    assert json.loads(r.output) == relgraph.load(tiny_dir).analyze("2025-07-31").to_dict()


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv"])
def test_analyze_prints_what_the_library_renders(fmt):
    r = run("analyze", "--as-of", "2024-11-25", "--known-by", "2024-11-25", "--format", fmt, "--top", "3")
    a = relgraph.load().analyze("2024-11-25", known_by="2024-11-25")
    assert r.exit_code == 0
    assert r.output == {"text": lambda: a.to_text(3), "markdown": lambda: a.to_markdown(3), "csv": a.to_csv}[fmt]()


def test_analyze_text_says_balance_camps_triads_and_central_actors():
    out = run("analyze", "--as-of", "2024-11-25").output
    a = relgraph.load().analyze("2024-11-25")
    assert f"balance ratio: {a.balance_ratio:.2f}" in out and f"frustration: {a.frustration} (exact)" in out
    assert f"camp A ({len(a.camps['A'])}): " + ", ".join(a.camps["A"]) in out
    assert "Unbalanced triads (1)\n" in out and "iea  pakistan  russia" in out
    assert "Most central actors (top 10 of 17)" in out


def test_analyze_writes_a_file_and_refuses_an_input(tiny_dir, tmp_path):
    out = tmp_path / "actors.csv"
    r = run("analyze", "--data", str(tiny_dir), "--format", "csv", "-o", str(out))
    assert (r.exit_code, r.output.strip()) == (0, str(out))
    assert out.read_text(encoding="utf-8") == relgraph.load(tiny_dir).analyze().to_csv()
    r = run("analyze", "--data", str(tiny_dir), "-o", str(tiny_dir / "relations.csv"))
    assert r.exit_code == 2 and "is an input of this command" in r.output


def test_analyze_exit_codes(tmp_path):
    from helpers import ENTITIES, make_dataset
    bad = make_dataset(tmp_path, entities__csv=ENTITIES.replace("rus,Russia,state", "rus,,planet"))
    r = run("analyze", "--data", str(bad))
    assert r.exit_code == 1 and "2 problems found; nothing written." in r.output
    r = run("analyze", "--as-of", "2025-02-30")
    assert r.exit_code == 2 and "Invalid value for '--as-of'" in r.output
    assert run("analyze", "--format", "html").exit_code == 2


# On the page ----------------------------------------------------------------------------------------

def test_the_page_holds_the_alignment_of_every_date_only_when_asked():
    from helpers import page_json
    from relgraph.page import PageOptions, page_data
    ds = dataset(OVER_TIME)
    assert "alignment" not in page_data(ds, PageOptions())
    data = page_json(ds.to_html(color_by="camp"))
    assert data["initial"]["color_by"] == "camp"
    a = data["alignment"]
    assert a["dates"] == ds.over_time().dates
    ids = ds.entities["id"].tolist()  # columns in the order of the entities: a, b, c, z (no actor: z)
    at = dict(zip(a["dates"], a["at"]))
    assert at["2021-03-01"]["camp"] == ["A", "A", "B", ""]
    assert at["2022-06-01"]["community"] == [1, 1, 1, None]
    expected = ds.analyze("2022-06-01").actors.set_index("id").reindex(ids)
    assert at["2022-06-01"]["betweenness"] == expected["betweenness"].tolist()[:3] + [None]
    assert a["all"]["camp"] == ds.analyze().actors.set_index("id").reindex(ids)["camp"].fillna("").tolist()


def test_color_by_is_a_page_option_everywhere(tmp_path):
    with pytest.raises(OptionError, match=r"Dataset.to_html\(\): color_by: unknown colouring 'camps'; did you mean"):
        relgraph.load().to_html(color_by="camps")
    out = tmp_path / "page.html"
    assert run("render", "--color-by", "community", "-o", str(out)).exit_code == 0
    from helpers import page_json
    assert page_json(out.read_text(encoding="utf-8"))["initial"]["color_by"] == "community"
    r = run("diff", "--from", "2024-11-25", "--to", "2025-07-31", "--color-by", "camp")
    assert r.exit_code == 2 and "--color-by is a page option" in r.output
    r = run("diff", "--from", "2024-11-25", "--to", "2025-07-31", "--format", "html", "--color-by", "camp",
            "-o", str(out))
    assert r.exit_code == 0 and "alignment" in page_json(out.read_text(encoding="utf-8"))
    assert "alignment" in page_json(relgraph.load().show(color_by="camp").page)


CAMP_A, CAMP_B = "#0072B2", "#E69F00"


def colours(page, *ids):
    d = page.evaluate("window.relgraph.api.drawn()")["entities"]
    return [d[i]["color"] for i in ids]


def test_the_page_colours_entities_by_camp_at_the_date_shown(open_page):
    page = open_page(relgraph.load(), as_of="2024-11-25", color_by="camp")
    assert page.problems == []
    # On the seed's date Russia stands with Pakistan; after delisting and recognising the Taliban, with Kabul.
    assert colours(page, "russia", "pakistan", "iea") == [CAMP_A, CAMP_A, CAMP_B]
    assert page.locator("#alignment .legend-item").all_inner_texts() == ["camp A\n8", "camp B\n9", "no camp\n1"]
    page.evaluate("window.relgraph.api.set({asOf: '2025-07-31'})")
    assert colours(page, "russia", "pakistan", "iea") == [CAMP_B, CAMP_A, CAMP_B]
    assert "color=camp" in page.evaluate("window.relgraph.api.hash()")
    # The choice on the page, by community: colours of the palette, a legend line per community shown.
    page.select_option("#color-by", "community")
    assert page.evaluate("window.relgraph.api.state().colorBy") == "community"
    assert colours(page, "russia")[0] == colours(page, "iea")[0] != colours(page, "pakistan")[0]
    assert [t.split("\n")[0] for t in page.locator("#alignment .legend-item").all_inner_texts()][:3] == [
        "community 1", "community 2", "community 3"]
    # By kind again: the kinds' own colours.
    page.evaluate("window.relgraph.api.set({colorBy: 'kind'})")
    kinds = {k["id"]: k["color"] for k in page.data["kinds"]}
    assert colours(page, "russia", "iea") == [kinds["state"], kinds["government"]]
    assert "color=" not in page.evaluate("window.relgraph.api.hash()")


def test_a_link_keeps_the_colouring_and_details_say_the_alignment(open_page):
    page = open_page(relgraph.load(), color_by="camp")
    page.evaluate("location.hash = '#as-of=2024-11-25&color=community&select=russia'")
    page.wait_for_function("() => window.relgraph.api.state().colorBy === 'community'")
    assert page.input_value("#color-by") == "community"
    a = relgraph.load().analyze("2024-11-25").actors.set_index("id").loc["russia"]
    line = page.locator("#details dd").nth(4).inner_text()
    assert line == (f"camp {a.camp}, community {a.community}; degree {a.degree:.2f}, betweenness "
                    f"{a.betweenness:.2f}, eigenvector {a.eigenvector:.2f} (as of 2024-11-25)")


def test_without_the_option_the_page_has_no_colouring_choice(open_page):
    page = open_page(relgraph.load())
    assert page.locator("#color-by").count() == 0 and "alignment" not in page.data
    page.evaluate("location.hash = '#color=camp'")  # a link asking for it changes nothing
    page.wait_for_function("() => window.relgraph.api.state().colorBy === 'camp'")
    kinds = {k["id"]: k["color"] for k in page.data["kinds"]}
    assert colours(page, "russia") == [kinds["state"]]
    assert page.problems == []


def test_webgl_draws_the_same_colours(open_page):
    page = open_page(relgraph.load(), as_of="2024-11-25", color_by="camp", renderer="webgl")
    assert colours(page, "russia", "pakistan", "iea") == [CAMP_A, CAMP_A, CAMP_B]
    page.evaluate("window.relgraph.api.set({asOf: '2025-07-31'})")
    assert colours(page, "russia", "iea") == [CAMP_B, CAMP_B]
    assert page.problems == []


def test_the_image_of_the_view_draws_and_lists_the_camps(open_page):
    page = open_page(relgraph.load(), as_of="2024-11-25", color_by="camp")
    with page.expect_download() as info:
        page.click("#download-svg")
    svg = Path(info.value.path()).read_text(encoding="utf-8")
    assert ">Camps</text>" in svg and ">camp A (8)</text>" in svg and ">camp B (9)</text>" in svg
    assert f'fill="{CAMP_A}"' in svg and f'fill="{CAMP_B}"' in svg
    state = {k["id"]: k["color"] for k in page.data["kinds"]}["state"]
    assert f'fill="{state}"' not in svg  # the kinds are told by shape alone


def test_centralities_agree_with_networkx_on_a_random_signed_graph():
    g = nx.gnm_random_graph(60, 150, seed=3)
    g.add_nodes_from(range(60, 63))  # alone: no pair at all
    rows = [(f"n{a:02d}", f"n{b:02d}", (1 if (a * b) % 3 else -1), float(1 + (a + b) % 3)) for a, b in g.edges()]
    p = pd.DataFrame(rows, columns=["a", "b", "sign", "score"]).assign(score=lambda f: f.score * f.sign)
    ids = pd.Index(sorted(f"n{i:02d}" for i in g))
    got = signed.centrality(p, ids)
    h = nx.relabel_nodes(g, {i: f"n{i:02d}" for i in g})
    assert (got["betweenness"] - pd.Series(nx.betweenness_centrality(h)).reindex(ids).round(6)).abs().max() < 1e-6
    positive = nx.Graph()
    positive.add_weighted_edges_from(p.loc[p.sign > 0, ["a", "b", "score"]].itertuples(index=False))
    reference = pd.Series(nx.eigenvector_centrality(positive, weight="weight", max_iter=1000)).reindex(ids).fillna(0)
    assert (got["eigenvector"] - reference.round(6)).abs().max() < 1e-6
    assert (got["degree"] - pd.Series(nx.degree_centrality(h)).reindex(ids).round(6)).abs().max() < 1e-6


def test_a_page_refuses_to_colour_more_dates_than_it_analyses(monkeypatch):
    import relgraph.page
    monkeypatch.setattr(relgraph.page, "ALIGNMENT_MAX_DATES", 3)  # OVER_TIME: 10 days that may change
    with pytest.raises(OptionError, match=r"Dataset.to_html\(\): color_by: the relations may change on 10 dates, "
                                          r"more than the 3 analysed at most for a page; narrow the data first"):
        dataset(OVER_TIME).to_html(color_by="camp")
    assert "alignment" in relgraph.page.page_data(dataset(OVER_TIME[:1]), relgraph.PageOptions(color_by="camp"))
