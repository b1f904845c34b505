"""A page to publish, checked without a browser: what a page opens showing (``start_view``), and the
command line saying so when that is nothing. The browser side is in test_browser.py."""
import warnings

import pandas as pd
import pytest
from click.testing import CliRunner

import relgraph
from helpers import RELATION_TYPES, make_dataset
from pagehelpers import variant
from relgraph import style
from relgraph.cli import main
from relgraph.page import EmptyView, PageOptions, empty_message, page_data, start_view

FLAGSHIP = ["--as-of", "2024-11-25", "--relation", "attack", "--relation", "sanctuary", "--kind", "armed_group"]


def test_kind_keeps_relations_with_either_end_of_that_kind():
    """The README's flagship example shows the armed groups' attacks and sanctuaries, and whom they concern."""
    ds = relgraph.load()
    options = PageOptions(as_of="2024-11-25", relation=["attack", "sanctuary"], kind="armed_group")
    ents, rels = start_view(ds, options)
    shown = ds.relations[rels]
    assert len(shown) and set(shown["relation"]) == {"attack", "sanctuary"}
    kinds = ds.entities.set_index("id")["kind"]
    assert ((shown["source"].map(kinds) == "armed_group") | (shown["target"].map(kinds) == "armed_group")).all()
    assert {"russia", "iskp", "ttp", "iea"} <= set(ds.entities["id"][ents])  # ISKP attacks Russia; IEA harbours TTP
    # The library's filter means the same, and as of a date the page shows that filter's snapshot.
    snap = ds.filter(relation=["attack", "sanctuary"], kind="armed_group").snapshot("2024-11-25")
    assert set(snap.relations["id"]) == set(shown["id"])


def test_an_empty_start_is_said_in_words():
    options = PageOptions(as_of="1990-01-01", relation="attack", kind="armed_group", status="reported")
    assert empty_message(options) == ("no relation of type attack with an end of kind armed_group of status "
                                      "reported is in force on 1990-01-01")
    with pytest.warns(EmptyView, match="the page opens showing nothing: no relation of type attack"):
        relgraph.load().to_html(as_of="1990-01-01", relation="attack", kind="armed_group", status="reported")
    with warnings.catch_warnings():
        warnings.simplefilter("error", EmptyView)
        relgraph.load().to_html(as_of="2024-11-25", relation=["attack", "sanctuary"], kind="armed_group")


def test_render_says_on_the_terminal_when_the_page_opens_empty(tmp_path):
    runner = CliRunner()
    r = runner.invoke(main, ["render", "-o", str(tmp_path / "p.html"), *FLAGSHIP])
    assert r.exit_code == 0 and r.stderr == ""
    r = runner.invoke(main, ["render", "-o", str(tmp_path / "p.html"), "--as-of", "1990-01-01", "--kind", "person"])
    assert r.exit_code == 0 and (tmp_path / "p.html").exists()
    assert r.stderr == ("relgraph: warning: the page opens showing nothing: no relation with an end of kind person "
                        "is in force on 1990-01-01; widen --as-of, --relation, --kind or --status\n")
    r = runner.invoke(main, ["diff", "--from", "2024-11-25", "--to", "2025-07-31", "--format", "html",
                             "-o", str(tmp_path / "d.html"), "--relation", "agreement", "--as-of", "1990-01-01"])
    assert r.exit_code == 0 and "the page opens showing nothing" in r.stderr


def test_relation_types_are_coloured_by_family_and_stay_put():
    types = relgraph.load().relation_types
    colours = style.type_colours(types)
    for valence, family in types.groupby("valence")["id"]:
        got = [colours[t] for t in family]
        assert set(got) <= set(style.FAMILY_PALETTES[valence]), valence  # warm, cool or grey
        assert len(set(got)) == len(got), valence  # distinct within the family
    # Adding types (or taking some away) changes no other type's colour.
    more = pd.concat([types, pd.DataFrame({"id": ["blockade", "aid_pledge", "mediation"], "valence": [-1, 1, 0]})])
    assert {t: c for t, c in style.type_colours(more).items() if t in colours} == colours
    assert style.type_colours(types.iloc[::3]) == {t: colours[t] for t in types["id"].iloc[::3]}


def test_a_color_column_overrides_the_family_colour(tiny, tmp_path):
    types = tiny.relation_types.assign(color=["", "#123abc", "", "", "", "", ""])
    ds = variant(tiny, relation_types=types)
    data = page_data(ds)
    assert {t["id"]: t["color"] for t in data["types"]}["alliance"] == "#123abc"
    r6 = data["relations"]["id"].index("r6")  # an alliance
    assert data["edges"]["color"][r6] == "#123abc"
    assert data["types"][0]["color"] == style.type_colour("accusation", -1)
    # Validated as any column: a colour must be #RRGGBB.
    lines = RELATION_TYPES.splitlines()
    with_colour = [lines[0] + ",color", lines[1] + ",red"] + [line + "," for line in lines[2:]]
    bad = make_dataset(tmp_path, relation_types__csv="\n".join(with_colour) + "\n")
    codes = [(i.column, i.code) for i in relgraph.validate(bad).issues]
    assert codes == [("color", "pattern-mismatch")]


def test_the_legend_lists_relation_types_by_family():
    items = [f for f in page_data(relgraph.load())["filters"] if f["id"] == "types"][0]["items"]
    groups = [it["group"] for it in items]
    assert groups == sorted(groups, key=["hostile", "cooperative", "neutral"].index)
    assert set(groups) == {"hostile", "cooperative"}


SVG_NS = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    """Every text line of an SVG image (its text elements, tspans joined by spaces)."""
    import xml.etree.ElementTree as ET
    root = ET.fromstring(svg)
    return [" ".join(t.strip() for t in el.itertext()) for el in root.iter(SVG_NS + "text")]


def test_render_writes_a_static_deterministic_svg_of_the_start_view(tmp_path):
    ds = relgraph.load()
    runner = CliRunner()
    r = runner.invoke(main, ["render", "-o", str(tmp_path / "graph.svg"), *FLAGSHIP])
    assert r.exit_code == 0 and r.output == f"{tmp_path / 'graph.svg'}\n"
    svg = (tmp_path / "graph.svg").read_text(encoding="utf-8")
    r = runner.invoke(main, ["render", "--format", "svg", "-o", "-", *FLAGSHIP])
    assert r.output == svg  # the same bytes, and the format by name as by extension
    assert svg == ds.to_svg(as_of="2024-11-25", relation=["attack", "sanctuary"], kind="armed_group")
    lines = texts(svg)
    assert lines[0] == "relgraph bundled dataset"
    ents, rels = start_view(ds, PageOptions(as_of="2024-11-25", relation=["attack", "sanctuary"], kind="armed_group"))
    assert lines[1] == f"as of 2024-11-25: {ents.sum()} entities, {rels.sum()} relations"
    names = set(ds.entities["name"][ents])
    assert names <= set(lines) and not set(ds.entities["name"][~ents]) & set(lines)  # full names, wrapped
    counts = ds.relations[rels]["relation"].value_counts()
    assert {"Relation types", f"attacks \u2192 ({counts['attack']})", "Entity kinds", "Status", "Sources",
            f"gives sanctuary to \u2192 ({counts['sanctuary']})"} <= set(lines)
    assert any(line.startswith("Regional diplomacy on Afghanistan") for line in lines)  # the seed, cited
    # One arrow marker per colour drawn, a path per relation.
    assert svg.count("<path d=") - svg.count('<path d="M0,0 L10,5') == rels.sum()


def test_the_svg_follows_the_page_options(tmp_path):
    ds = relgraph.load()
    focus = texts(ds.to_svg(focus="ttp", depth=1))
    assert "Tehrik-i-Taliban Pakistan" in focus and "Kazakhstan" not in focus
    assert texts(ds.to_svg(title="<Map> & co"))[0] == "<Map> & co"  # escaped in the file, text when read
    assert "<Map>" not in ds.to_svg(title="<Map> & co")
    with pytest.warns(EmptyView, match="the image shows nothing"):
        ds.to_svg(as_of="1990-01-01", relation="attack")
    r = CliRunner().invoke(main, ["render", "-o", str(tmp_path / "x.svg"), "--relation", "attack", "--as-of",
                                  "1990-01-01"])
    assert r.exit_code == 0 and "relgraph: warning: the image shows nothing" in r.stderr
