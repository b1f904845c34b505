"""A page to publish, checked without a browser: what a page opens showing (``start_view``), and the
command line saying so when that is nothing. The browser side is in test_browser.py."""
import warnings

import pytest
from click.testing import CliRunner

import relgraph
from relgraph.cli import main
from relgraph.page import EmptyView, PageOptions, empty_message, start_view

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
