import networkx as nx
from networkx.utils import graphs_equal

import relgraph
from helpers import RELATIONS, make_dataset

ENTITY_COLUMNS = ("name", "kind", "aliases", "iso3", "countries", "wikidata", "start", "end", "role", "note")


def test_graph_is_the_hand_built_multidigraph(tiny_dir):
    ds = relgraph.load(tiny_dir)
    expected = nx.MultiDiGraph(name="data")
    entities = {
        "iea": ("Islamic Emirate of Afghanistan", "government", "IEA|Emirate", "", "", "", "", "", "", ""),
        "pak": ("Pakistan", "state", "Islamabad", "PAK", "", "Q843", "", "", "", ""),
        "rus": ("Russia", "state", "Moscow", "RUS", "", "Q159", "", "", "", ""),
        "tal": ("Taliban", "political_movement", "Tālibān|Afghan Taliban", "", "", "Q42475", "", "", "", ""),
        "ttp": ("Tehrik-i-Taliban Pakistan", "armed_group", "TTP", "", "", "", "", "", "", ""),
        "usa": ("United States", "state", "", "USA", "", "", "", "", "", ""),
    }
    for node, values in entities.items():
        expected.add_node(node, id=node, **dict(zip(ENTITY_COLUMNS, values)))

    def edge(rid, s, t, rel, start, end, status, claimed, src, evidence, note, directed, valence, temporal):
        expected.add_edge(s, t, key=rid, id=rid, source=s, target=t, relation=rel, start=start, end=end,
                          status=status, claimed_by=claimed, claimed_on="", project="", source_id=src,
                          evidence=evidence, note=note, directed=directed, valence=valence, temporal=temporal)

    edge("r1", "rus", "tal", "proscription", "2003-02-14", "2025-04-17", "reported", "", "web", "",
         "Supreme Court ban", True, -1, "state")
    edge("r2", "rus", "tal", "delisting", "2025-04-17", "", "reported", "", "web", "", "Court lifts the ban",
         True, 1, "event")
    edge("r3", "rus", "iea", "recognition", "2025-07-03", "", "reported", "", "web", "", "Moscow recognises Kabul",
         True, 1, "state")
    edge("r4", "ttp", "pak", "attack", "2024-03", "", "alleged", "pak", "art", "“relentless attacks”", "",
         True, -1, "event")
    edge("r5", "iea", "ttp", "sanctuary", "", "", "alleged", "pak", "art", "hideouts and sanctuaries", "",
         True, 1, "state")
    edge("r6", "tal", "ttp", "alliance", "2021", "", "reported", "", "art", "their ally Tehrik-i-Taliban Pakistan", "",
         False, 1, "state")
    edge("r7", "pak", "iea", "accusation", "2024-11", "", "reported", "", "art", "Islamabad accuses Kabul", "",
         True, -1, "event")
    got = ds.graph()
    assert graphs_equal(got, expected)
    assert got.nodes(data=True) == expected.nodes(data=True)
    assert sorted(got.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))


def test_parallel_relations_survive(tmp_path):
    extra = "r8,ttp,pak,attack,2024-05,,reported,,,web,,second attack\n"
    ds = relgraph.load(make_dataset(tmp_path, relations__csv=RELATIONS + extra))
    g = ds.graph()
    assert sorted(g["ttp"]["pak"]) == ["r4", "r8"]
    assert sorted(g["rus"]["tal"]) == ["r1", "r2"]


def test_bundled_graph_has_every_relation():
    ds = relgraph.load()
    g = ds.graph()
    assert sorted(k for _, _, k in g.edges(keys=True)) == sorted(ds.relations["id"])
    assert set(g.nodes) == set(ds.entities["id"])
    # Mutual types are stored once, flagged undirected.
    mutual = set(ds.relation_types.loc[~ds.relation_types["directed"], "id"])
    for _, _, d in g.edges(data=True):
        assert d["directed"] == (d["relation"] not in mutual)
