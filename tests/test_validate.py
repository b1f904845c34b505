"""One tiny bad CSV per validation rule, asserted as (file, row, column, code) tuples."""
from __future__ import annotations

import pandas as pd
import pytest

import relgraph
from helpers import ENTITIES, RELATION_TYPES, RELATIONS, SOURCES, make_dataset


def problems(tmp_path, **files):
    data = make_dataset(tmp_path, **files)
    return [(i.file, i.row, i.column, i.code) for i in relgraph.validate(data).issues]


def test_tiny_dataset_is_valid(tmp_path):
    assert problems(tmp_path) == []


CASES = {
    # structure
    "missing-value": (dict(entities__csv=ENTITIES.replace("rus,Russia,", "rus,,")),
                      [("entities.csv", 4, "name", "missing-value")]),
    "invalid-enum": (dict(entities__csv=ENTITIES.replace("rus,Russia,state", "rus,Russia,planet")),
                     [("entities.csv", 4, "kind", "invalid-enum")]),
    "pattern-mismatch": (dict(entities__csv=ENTITIES.replace("RUS,Q159", "Rus,159")),
                         [("entities.csv", 4, "iso3", "pattern-mismatch"),
                          ("entities.csv", 4, "wikidata", "pattern-mismatch")]),
    "invalid-type": (dict(relation_types__csv=RELATION_TYPES.replace("false,1,state", "maybe,one,state")),
                     [("relation_types.csv", 3, "directed", "invalid-type"),
                      ("relation_types.csv", 3, "valence", "invalid-type")]),
    "integer-enum": (dict(relation_types__csv=RELATION_TYPES.replace("true,-1,event,18", "true,-5,event,18")),
                     [("relation_types.csv", 4, "valence", "invalid-enum")]),
    "duplicate-id": (dict(entities__csv=ENTITIES + "pak,Pakistan again,state,,,,\n"),
                     [("entities.csv", 8, "id", "duplicate-id")]),
    "unknown-column": (dict(sources__csv=SOURCES.replace("url,file", "url,file,extra")
                            .replace("seeds/article.txt", "seeds/article.txt,x").replace("ruling,", "ruling,,y")),
                       [("sources.csv", 1, "extra", "unknown-column")]),
    "missing-column": (dict(relations__csv="\n".join(",".join(c for j, c in enumerate(line.split(",")) if j != 3)
                                                     for line in RELATIONS.splitlines()) + "\n"),
                       [("relations.csv", 1, "relation", "missing-column")]),
    "extra-and-missing-fields": (dict(entities__csv=ENTITIES + "x1,X,state,,,,,\nx2,X,state\n"),
                                 [("entities.csv", 8, None, "extra-fields"),
                                  ("entities.csv", 9, None, "missing-fields")]),
    # dates
    "invalid-date": (dict(relations__csv=RELATIONS.replace("2025-07-03", "03/07/2025")),
                     [("relations.csv", 4, "start", "invalid-date")]),
    "impossible-date": (dict(relations__csv=RELATIONS.replace("2025-07-03", "2023-02-29")),
                        [("relations.csv", 4, "start", "impossible-date")]),
    "impossible-month": (dict(relations__csv=RELATIONS.replace("2003-02-14,2025-04-17", "2003-02-14,2025-13")),
                         [("relations.csv", 2, "end", "impossible-date")]),
    "end-before-start": (dict(relations__csv=RELATIONS.replace("2003-02-14,2025-04-17", "2003-02-14,2002")),
                         [("relations.csv", 2, "end", "end-before-start")]),
    # references
    "unknown-entity": (dict(relations__csv=RELATIONS.replace("r4,ttp,pak", "r4,ttp,isk")
                            .replace("alleged,pak,,art,hide", "alleged,nobody,,art,hide")),
                       [("relations.csv", 5, "target", "unknown-entity"),
                        ("relations.csv", 6, "claimed_by", "unknown-entity")]),
    "unknown-relation-type": (dict(relations__csv=RELATIONS.replace("ttp,alliance", "ttp,friendship")),
                              [("relations.csv", 7, "relation", "unknown-relation-type")]),
    "unknown-source": (dict(relations__csv=RELATIONS.replace(",web,,Court lifts", ",blog,,Court lifts")),
                       [("relations.csv", 3, "source_id", "unknown-source")]),
    "self-loop": (dict(relations__csv=RELATIONS.replace("r3,rus,iea", "r3,rus,rus")),
                  [("relations.csv", 4, "target", "self-loop")]),
    "missing-claimant": (dict(relations__csv=RELATIONS.replace("2024-03,,alleged,pak", "2024-03,,alleged,")),
                         [("relations.csv", 5, "claimed_by", "missing-claimant")]),
    # evidence
    "evidence-not-in-source": (dict(relations__csv=RELATIONS.replace("their ally Tehrik", "their friend Tehrik")),
                               [("relations.csv", 7, "evidence", "evidence-not-in-source")]),
    "missing-evidence": (dict(relations__csv=RELATIONS.replace("art,their ally Tehrik-i-Taliban Pakistan", "art,")),
                         [("relations.csv", 7, "evidence", "missing-evidence")]),
    "missing-source-file": (dict(sources__csv=SOURCES.replace("seeds/article.txt", "seeds/gone.txt")),
                            [("sources.csv", 2, "file", "missing-source-file")]),
}


def test_every_catalogued_code_has_a_case():
    from relgraph.issues import CATALOGUE
    tested = {code for _, expected in CASES.values() for *_, code in expected}
    elsewhere = {"missing-file", "unreadable-file", "empty-file", "not-utf8", "wrong-delimiter", "duplicate-column",
                 "duplicate-value", "misplaced-value", "unclosed-quote",
                 "unsafe-source-file", "outside-lifetime", "unknown-relation"}  # below and in other modules
    assert set(CATALOGUE) - tested - elsewhere == set()


@pytest.mark.parametrize("case", list(CASES))
def test_each_rule(tmp_path, case):
    files, expected = CASES[case]
    assert problems(tmp_path, **files) == expected


def test_evidence_ignores_whitespace_and_quote_style(tmp_path):
    # The quote spans a line break in the source and uses curly quotes where it has straight ones.
    rel = RELATIONS.replace("their ally Tehrik-i-Taliban Pakistan", "their   ally Tehrik-i-Taliban")
    assert problems(tmp_path, relations__csv=rel) == []


@pytest.mark.parametrize("content, code", [
    (b"", "empty-file"),
    (b"\n\n", "empty-file"),
    (b"id;name;kind\npak;Pakistan;state\n", "wrong-delimiter"),
    ("id,name,kind\npak,P\xe9kistan,state\n".encode("latin-1"), "not-utf8"),
])
def test_unreadable_files(tmp_path, content, code):
    got = problems(tmp_path, entities__csv=content)
    assert got[0][0] == "entities.csv" and got[0][3] == code


def test_a_folder_in_place_of_a_file_is_unreadable(tmp_path):
    data = make_dataset(tmp_path)
    (data / "sources.csv").unlink()
    (data / "sources.csv").mkdir()
    [issue] = relgraph.validate(data).issues
    assert (issue.file, issue.row, issue.code) == ("sources.csv", None, "unreadable-file")
    assert "is a folder" in issue.message


def test_duplicate_column_stops_that_table_only(tmp_path):
    got = problems(tmp_path, entities__csv=ENTITIES.replace("iso3,wikidata", "iso3,iso3"),
                   relations__csv=RELATIONS.replace("r4,ttp,pak", "r4,ttp,ttp"))
    assert got == [("entities.csv", 1, "iso3", "duplicate-column"),
                   ("relations.csv", 5, "target", "self-loop")]


def test_not_utf8_names_the_line(tmp_path):
    latin = (ENTITIES.replace("Tālibān|", "") + "x,Caf\xe9,state,,,,\n").encode("latin-1")
    data = make_dataset(tmp_path, entities__csv=latin)
    [issue] = [i for i in relgraph.validate(data).issues if i.file == "entities.csv"]
    assert (issue.row, issue.code) == (8, "not-utf8") and "0xe9" in issue.message


def test_stored_text_must_be_utf8(tmp_path):
    # It is copied into snapshot CSVs, so it is read exactly or not at all.
    data = make_dataset(tmp_path)
    (tmp_path / "seeds" / "article.txt").write_bytes("Caf\xe9 their ally".encode("latin-1"))
    [issue] = relgraph.validate(data).issues
    assert (issue.file, issue.row, issue.column, issue.code) == ("sources.csv", 2, "file", "not-utf8")
    assert "byte 0xe9 on line 1" in issue.message


def test_missing_file(tmp_path):
    data = make_dataset(tmp_path)
    (data / "sources.csv").unlink()
    [issue] = relgraph.validate(data).issues
    assert (issue.file, issue.row, issue.code) == ("sources.csv", None, "missing-file")
    assert str(data / "sources.csv") in issue.message


def test_bom_is_accepted(tmp_path):
    assert problems(tmp_path, entities__csv=b"\xef\xbb\xbf" + ENTITIES.encode()) == []


def test_every_problem_in_one_pass(tmp_path):
    got = problems(
        tmp_path,
        entities__csv=ENTITIES.replace("rus,Russia,state", "rus,Russia,planet"),
        relations__csv=RELATIONS.replace("r4,ttp,pak", "r4,ttp,ttp").replace("2003-02-14", "2003-02-30"),
    )
    assert got == [("entities.csv", 4, "kind", "invalid-enum"),
                   ("relations.csv", 2, "start", "impossible-date"),
                   ("relations.csv", 5, "target", "self-loop")]


def test_issue_names_value_and_expectation(tmp_path):
    data = make_dataset(tmp_path, entities__csv=ENTITIES.replace("rus,Russia,state", "rus,Russia,planet"))
    [issue] = relgraph.validate(data).issues
    assert issue.value == "planet"
    assert "state" in issue.message and "armed_group" in issue.message
    assert str(issue).startswith("entities.csv, row 4, column 'kind': 'planet': expected one of:")


def test_load_raises_with_all_issues(tmp_path):
    data = make_dataset(tmp_path, relations__csv=RELATIONS.replace("ttp,alliance", "ttp,friendship")
                        .replace("attack,2024-03,,alleged,pak", "attack,2024-03,,alleged,"))
    with pytest.raises(relgraph.ValidationError) as err:
        relgraph.load(data)
    assert [i.code for i in err.value.issues] == ["missing-claimant", "unknown-relation-type"]
    assert err.value.report.counts == {"unknown-relation-type": 1, "missing-claimant": 1}


def test_quoted_multiline_cells_keep_row_numbers(tmp_path):
    ent = ENTITIES.replace("rus,Russia,state,Moscow,RUS,Q159,", 'rus,Russia,state,Moscow,RUS,Q159,"two\nlines"')
    ent += "bad,Bad,planet,,,,\n"
    assert problems(tmp_path, entities__csv=ent) == [("entities.csv", 8, "kind", "invalid-enum")]


def test_from_frames_reports_like_files(tmp_path):
    import io

    import pandas as pd
    ent = pd.read_csv(io.StringIO(ENTITIES), dtype=str, keep_default_na=False)
    rel = RELATIONS.replace("ttp,alliance", "ttp,friendship")
    rel = pd.read_csv(io.StringIO(rel), dtype=str, keep_default_na=False)
    types = pd.read_csv(io.StringIO(RELATION_TYPES), dtype=str, keep_default_na=False)
    src = pd.read_csv(io.StringIO(SOURCES), dtype=str, keep_default_na=False)
    make_dataset(tmp_path)
    with pytest.raises(relgraph.ValidationError) as err:
        relgraph.from_frames(ent, rel, types, src, base=tmp_path / "data")
    assert [(i.file, i.row, i.column, i.code) for i in err.value.issues] == [
        ("relations.csv", 7, "relation", "unknown-relation-type")]


def test_report_counts_frame_and_dict(tmp_path):
    data = make_dataset(tmp_path, entities__csv=ENTITIES.replace("rus,Russia,state", "rus,,planet"))
    report = relgraph.validate(data)
    assert not report.valid
    assert report.counts == {"missing-value": 1, "invalid-enum": 1}
    assert report.to_frame()[["row", "column", "code"]].values.tolist() == [[4, "kind", "invalid-enum"],
                                                                            [4, "name", "missing-value"]]
    d = report.to_dict()
    assert d["valid"] is False and d["source"] == str(data) and d["tables"] is None
    assert [i["code"] for i in d["issues"]] == ["invalid-enum", "missing-value"]
    ok = relgraph.validate(make_dataset(tmp_path / "ok"))
    assert ok.valid and ok.tables == {"entities": 6, "relation_types": 7, "sources": 2, "relations": 7, "citations": 0}


def test_an_issue_code_outside_the_catalogue_is_refused():
    from relgraph.issues import Issue
    with pytest.raises(ValueError, match="not an issue code"):
        Issue("entities.csv", 2, "kind", "x", "bad-kind", "")


def test_tables_out_of_order_load_sorted_by_id_as_those_in_order(tmp_path):
    """Files in id order are taken as they are (their ids were found increasing); others are sorted."""
    def reversed_rows(text):
        header, *rows = text.splitlines(keepends=True)
        return header + "".join(reversed(rows))
    in_order = relgraph.load(make_dataset(tmp_path / "a"))
    shuffled = relgraph.load(make_dataset(tmp_path / "b", entities__csv=reversed_rows(ENTITIES),
                                          relations__csv=reversed_rows(RELATIONS)))
    assert in_order.relations["id"].is_monotonic_increasing and in_order.entities["id"].is_monotonic_increasing
    for table in ("entities", "relations", "relation_types", "sources"):
        pd.testing.assert_frame_equal(getattr(shuffled, table), getattr(in_order, table))
