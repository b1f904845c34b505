"""Claims and time: entity lifetimes, honest unknown starts, record dates (known by), several sources, claimants."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

import relgraph
from helpers import ENTITIES, RELATIONS, make_dataset
from relgraph.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def codes(data) -> list[tuple]:
    return [(i.file, i.row, i.column, i.code) for i in relgraph.validate(data).issues]


# The tiny dataset with lifetimes: the Islamic Emirate from 2021-08-15, the TTP from 2007.
LIVES = (ENTITIES.replace("iso3,wikidata,note", "iso3,wikidata,start,end,role,note")
         .replace("IEA|Emirate,,,", "IEA|Emirate,,,2021-08-15,,,").replace("Moscow,RUS,Q159,", "Moscow,RUS,Q159,,,,")
         .replace("Islamabad,PAK,Q843,", "Islamabad,PAK,Q843,,,,")
         .replace("Afghan Taliban,,Q42475,", "Afghan Taliban,,Q42475,,,,")
         .replace("TTP,,,", "TTP,,,2007,,,").replace("United States,state,,USA,,", "United States,state,,USA,,,,,"))


@pytest.fixture
def lives(tmp_path):
    return make_dataset(tmp_path, entities__csv=LIVES)


def test_old_datasets_without_the_new_columns_and_tables_keep_working(tiny_dir, tiny):
    assert relgraph.validate(tiny_dir).valid  # no start/end/role, no claimed_on, no citations.csv
    assert list(tiny.citations.columns) == ["relation_id", "source_id", "quote", "note"] and tiny.citations.empty
    assert set(tiny.entities.columns) >= {"start", "end", "role"} and "claimed_on" in tiny.relations.columns


def test_no_relation_is_in_force_outside_a_partys_lifetime(lives):
    ds = relgraph.load(lives)
    # r5 (the IEA gives the TTP sanctuary, undated) and r7 (Pakistan accuses the IEA) need the IEA to exist.
    assert {"r5", "r3"} & set(ds.snapshot("1990-01-01").relations.id) == set()
    assert "r5" in set(ds.snapshot("2021-08-15").relations.id)
    assert "r5" not in set(ds.snapshot("2021-08-14").relations.id)
    assert "r6" not in set(ds.snapshot("2006-12-31", window=None).relations.id)  # the TTP began in 2007
    assert "r6" not in set(ds.snapshot("2007-06-30").relations.id)  # the alliance starts 2021
    assert "r1" in set(ds.snapshot("2004-01-01").relations.id)  # Russia and the Taliban: no lifetimes given


@pytest.mark.parametrize("edit, expected", [
    # the recognition (r3, 2025-07-03) of, and an accusation (r7, 2024-11) against, a government gone in 2024
    (lambda e, r: (e.replace(",2021-08-15,,", ",2021-08-15,2024-01-01,"), r),
     [("relations.csv", 4, "start", "outside-lifetime"), ("relations.csv", 8, "start", "outside-lifetime")]),
    # an accusation dated before the accused existed
    (lambda e, r: (e, r.replace("r7,pak,iea,accusation,2024-11", "r7,pak,iea,accusation,2020-02-29")),
     [("relations.csv", 8, "start", "outside-lifetime")]),
    # a lasting relation that goes on after its party's end (the attack of 2024-03 is within it)
    (lambda e, r: (e.replace("TTP,,,2007,,,", "TTP,,,2007,2024-06,,"), r.replace("r6,tal,ttp,alliance,2021,,",
                                                                                  "r6,tal,ttp,alliance,2021,2025,")),
     [("relations.csv", 7, "end", "outside-lifetime")]),
    # a lifetime that ends before it starts
    (lambda e, r: (e.replace(",2021-08-15,,", ",2021-08-15,2020,"), r),
     [("entities.csv", 2, "end", "end-before-start"), ("relations.csv", 4, "start", "outside-lifetime"),
      ("relations.csv", 8, "start", "outside-lifetime")]),
])
def test_a_dated_relation_outside_a_lifetime_is_an_issue(tmp_path, edit, expected):
    ent, rel = edit(LIVES, RELATIONS)
    assert codes(make_dataset(tmp_path, entities__csv=ent, relations__csv=rel)) == expected


def test_outside_lifetime_names_the_party_and_its_lifetime(tmp_path):
    data = make_dataset(tmp_path, entities__csv=LIVES,
                        relations__csv=RELATIONS.replace("r7,pak,iea,accusation,2024-11", "r7,pak,iea,accusation,2020"))
    [issue] = relgraph.validate(data).issues
    assert issue.message == ("the relation starts before its target existed "
                             "(Islamic Emirate of Afghanistan exists since 2021-08-15)")


def test_an_unknown_start_may_be_any_day_but_is_certain_only_from_the_record(lives):
    ds = relgraph.load(lives)
    # r5, undated sanctuary, cites the article published 2024-11-25.
    assert "r5" in set(ds.snapshot("2022-01-01").relations.id)
    assert "r5" not in set(ds.snapshot("2024-11-24", rule="certain").relations.id)
    assert "r5" in set(ds.snapshot("2024-11-25", rule="certain").relations.id)


def test_claimed_on_sets_the_record_date_and_known_by_asks_what_was_known(tmp_path):
    rel = (RELATIONS.replace("status,claimed_by,project", "status,claimed_by,claimed_on,project")
           .replace(",reported,,,", ",reported,,,,").replace(",alleged,pak,,", ",alleged,pak,,,")
           .replace("r5,iea,ttp,sanctuary,,,alleged,pak,,,", "r5,iea,ttp,sanctuary,,,alleged,pak,2024-02,,"))
    ds = relgraph.load(make_dataset(tmp_path, relations__csv=rel))
    assert ds.relations.set_index("id").loc["r5", "claimed_on"] == "2024-02"
    known = set(ds.snapshot(known_by="2024-03-01").relations.id)
    assert known == {"r5"}  # the article's other relations were published 2024-11-25, the web ones 2025-04-17
    assert set(ds.snapshot(known_by="2024-11-25").relations.id) == {"r4", "r5", "r6", "r7"}
    assert "r5" not in set(ds.snapshot(known_by="2024-02-10", rule="certain").relations.id)  # some day of Feb
    both = ds.snapshot("2025-01-01", known_by="2024-03-01")
    assert set(both.relations.id) == {"r5"} and both.snapshot_info["known_by"] == "2024-03-01"
    snap = tmp_path / "known.csv"
    both.to_csv(snap)
    assert relgraph.load(snap).snapshot_info == both.snapshot_info  # the CSV remembers both dates
    r = run("diff", "--data", str(tmp_path / "data"), "--from", "2024-03-01", "--to", "2024-11-25", "--known")
    assert r.exit_code == 0 and "known by 2024-03-01 -> " in r.output and "relations: 3 added, 0 removed" in r.output
    out = run("snapshot", "--data", str(tmp_path / "data"), "--known-by", "2024-03-01").output
    assert relgraph.snapshot(ds, known_by="2024-03-01").to_csv() == out
    assert run("snapshot", "--data", str(tmp_path / "data")).exit_code == 2  # neither date


CITED = "relation_id,source_id,quote,note\nr3,art,Islamabad accuses Kabul,second source\nr1,web,,\n"


def test_several_sources_back_one_relation(tmp_path):
    data = make_dataset(tmp_path, citations__csv=CITED)
    ds = relgraph.load(data)
    assert ds.citations[["relation_id", "source_id"]].values.tolist() == [["r1", "web"], ["r3", "art"]]
    # The record date is the earliest of all sources: r3 (web, 2025-04-17) is also cited by the article.
    assert "r3" in set(ds.snapshot(known_by="2024-11-25").relations.id)
    assert set(ds.snapshot("2025-07-31").citations.relation_id) == {"r3"}  # citations follow their relations
    snap = tmp_path / "cited.csv"
    ds.to_csv(snap)
    assert relgraph.load(snap).citations.equals(ds.citations)


@pytest.mark.parametrize("citations, expected", [
    ("relation_id,source_id,quote,note\nr9,art,their ally,\n",
     [("citations.csv", 2, "relation_id", "unknown-relation")]),
    ("relation_id,source_id,quote,note\nr1,blog,,\n", [("citations.csv", 2, "source_id", "unknown-source")]),
    ("relation_id,source_id,quote,note\nr1,art,,\n", [("citations.csv", 2, "quote", "missing-evidence")]),
    ("relation_id,source_id,quote,note\nr1,art,not in the article,\n",
     [("citations.csv", 2, "quote", "evidence-not-in-source")]),
    ("relation_id,source_id,quote,note\nr1,web,,\nr1,web,,again\n",
     [("citations.csv", 3, "source_id", "duplicate-value")]),
    ("relation_id,note\nr1,x\n", [("citations.csv", 1, "source_id", "missing-column")]),
])
def test_every_citation_is_checked(tmp_path, citations, expected):
    assert codes(make_dataset(tmp_path, citations__csv=citations)) == expected


def test_a_claimant_who_is_a_person_is_named_with_a_role(tmp_path, open_page):
    ent = LIVES + "durrani,Asif Durrani,person,,,,,,former Pakistani special representative for Afghanistan,\n"
    rel = RELATIONS.replace("r4,ttp,pak,attack,2024-03,,alleged,pak", "r4,ttp,pak,attack,2024-03,,alleged,durrani")
    ds = relgraph.load(make_dataset(tmp_path, entities__csv=ent, relations__csv=rel))
    page = open_page(ds)
    page.evaluate("window.relgraph.api.select('r4')")
    details = page.inner_text("#details")
    assert "claimed by\nAsif Durrani, former Pakistani special representative for Afghanistan" in details
    assert page.problems == []


def test_the_page_knows_lifetimes_record_dates_and_sources(tmp_path, open_page):
    ent = LIVES
    rel = RELATIONS.replace("r5,iea,ttp,sanctuary,,,alleged,pak,,", "r5,iea,ttp,sanctuary,,,alleged,pak,,")
    ds = relgraph.load(make_dataset(tmp_path, entities__csv=ent, relations__csv=rel, citations__csv=CITED))
    page = open_page(ds)
    api = "window.relgraph.api"
    for day in ("1990-01-01", "2021-08-15", "2024-11-24", "2024-11-25", "2025-07-31"):
        for known in (False, True):
            page.evaluate(f"{api}.set({{asOf: '{day}', known: {str(known).lower()}}})")
            snap = ds.snapshot(day, known_by=day if known else None)
            assert set(page.evaluate(f"{api}.visible()")["relations"]) == set(snap.relations.id), (day, known)
    assert page.is_checked("#known")
    # Undated relations have a legend entry of their own; sources and publishers are filters too.
    page.evaluate(f"{api}.set({{asOf: null, known: false}})")
    page.locator('#filter-dating input[value="undated"]').uncheck()
    assert "r5" not in page.evaluate(f"{api}.visible()")["relations"]
    page.locator('#filter-dating input[value="undated"]').check()
    page.locator('#filter-sources input[value="web"]').uncheck()  # r3 stays: the article backs it too
    assert set(page.evaluate(f"{api}.visible()")["relations"]) == {"r3", "r4", "r5", "r6", "r7"}
    page.evaluate(f"{api}.select('r3')")
    details = page.inner_text("#details")
    assert "Also cited (1; 2 sources in all)" in details and "Islamabad accuses Kabul" in details
    assert page.problems == []


def test_a_diff_sees_a_source_added_to_a_relation_and_replays_it(tmp_path):
    a = make_dataset(tmp_path / "a", citations__csv=CITED)
    b = make_dataset(tmp_path / "b", citations__csv=CITED.replace("r1,web,,", "r1,art,their ally,"))
    d = relgraph.diff(a, b)
    assert list(d.changed.itertuples(index=False, name=None)) == [("r1", "citations", "web", "art: their ally")]
    old, new = relgraph.load(a), relgraph.load(b)
    replayed = d.apply(old)
    assert replayed.citations.equals(new.citations) and replayed.relations.equals(new.relations)
    text = run("diff", str(a), str(b)).output
    assert "relations: 0 added, 0 removed, 1 changed" in text and "r1  citations  web  art: their ally" in text
