"""The diff: change kinds, identity fallback, every input form (git included), every format, the command."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import relgraph
from helpers import ARTICLE, ENTITIES, RELATION_TYPES, RELATIONS, SOURCES, make_dataset, page_json
from relgraph.cli import main
from relgraph.compare import FALLBACK_KEY

EVIL = "<img src=x onerror=alert(1)>|*x*"
ENTITIES_A = ENTITIES + "uzb,Uzbekistan,state,,UZB,,\n"
ENTITIES_B = ENTITIES.replace("rus,Russia,", f"rus,{EVIL},") + "kaz,Kazakhstan,state,,KAZ,,\n"
RELATIONS_B = (RELATIONS.replace("r6,tal,ttp,alliance,2021,,reported,,,art,their ally Tehrik-i-Taliban Pakistan,\n", "")
               .replace("2024-03,,alleged,pak", "2024-03,,reported,pak")
               .replace("2025-04-17,reported,,,web,,Supreme Court ban", ",reported,,,web,,ban lifted?")
               + "r8,rus,ttp,attack,2024-03-22,,reported,,,web,,\n")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def sides(tmp_path):
    return (make_dataset(tmp_path / "a", entities__csv=ENTITIES_A),
            make_dataset(tmp_path / "b", entities__csv=ENTITIES_B, relations__csv=RELATIONS_B))


def test_diff_of_a_dataset_with_itself_is_empty(sides):
    for d in (relgraph.diff(sides[0], sides[0]), relgraph.diff(relgraph.load(), relgraph.load())):
        assert d.empty and d.added.empty and d.removed.empty and d.changed.empty
        assert d.summary["relations"]["unchanged"] == len(d.new.relations)
    assert run("diff", str(sides[0]), str(sides[0]), "--exit-code").exit_code == 0


def test_each_change_kind(sides):
    d = relgraph.diff(*sides)
    assert d.key == ("id",) and d.key_note is None
    assert d.added.id.tolist() == ["r8"] and d.removed.id.tolist() == ["r6"]
    # every column, and the relation's further sources (none here)
    assert list(d.added.columns) == [*relgraph.load(sides[1]).relations.columns, "citations"]
    assert list(d.changed.itertuples(index=False, name=None)) == [
        ("r1", "end", "2025-04-17", ""),
        ("r1", "note", "Supreme Court ban", "ban lifted?"),
        ("r4", "status", "alleged", "reported")]
    assert d.entities_added.id.tolist() == ["kaz"] and d.entities_removed.id.tolist() == ["uzb"]
    assert list(d.entities_changed.itertuples(index=False, name=None)) == [("rus", "name", "Russia", EVIL)]
    assert d.summary == {
        "old": str(sides[0]), "new": str(sides[1]), "key": ["id"], "key_note": None,
        "relations": {"added": 1, "removed": 1, "changed": 2, "unchanged": 4},
        "entities": {"added": 1, "removed": 1, "changed": 1, "unchanged": 5},
        "changed_fields": {"status": 1, "end": 1, "note": 1}}


def test_apply_replays_the_diff(sides):
    a, b = relgraph.load(sides[0]), relgraph.load(sides[1])
    patched = relgraph.diff(a, b).apply(a)
    pd.testing.assert_frame_equal(patched.relations, b.relations)
    pd.testing.assert_frame_equal(patched.entities, b.entities)


# Generated tables: applying diff(A, B) to A gives B ------------------------------------------

TEXT = st.sampled_from(["", "x", "y", "2024", "2024-03", "<b>", "a|b", "a,b", "line\nbreak", "é"])


def relations_frame(rows: dict, ids: bool) -> pd.DataFrame:
    cols = ["source", "target", "relation", "start", "end", "status", "note"]
    frame = pd.DataFrame([dict(zip(cols, v)) for v in rows.values()], columns=cols)
    if ids:
        frame.insert(0, "id", list(rows))
        return frame.sort_values("id").reset_index(drop=True)
    return frame.sort_values(list(FALLBACK_KEY)).reset_index(drop=True)


ROW = st.tuples(*[TEXT] * 7)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from([f"r{i}" for i in range(12)]), ROW),
       st.dictionaries(st.sampled_from([f"r{i}" for i in range(12)]), ROW))
def test_generated_diffs_apply_with_ids(a, b):
    a, b = relations_frame(a, True), relations_frame(b, True)
    d = relgraph.diff(a, b)
    pd.testing.assert_frame_equal(d.apply(a), b, check_dtype=False, check_index_type=False)
    assert relgraph.diff(a, a).empty
    assert len(d.added) + d.summary["relations"]["changed"] + d.summary["relations"]["unchanged"] == len(b)


KEYED = st.dictionaries(st.tuples(st.sampled_from(["a", "b"]), st.sampled_from(["a", "c"]),
                                  st.sampled_from(["x", "y"]), st.sampled_from(["", "2024"])),
                        st.tuples(TEXT, TEXT, TEXT))


@settings(max_examples=200, deadline=None)
@given(KEYED, KEYED)
def test_generated_diffs_apply_without_ids(a, b):
    a, b = ({k: (*k, *v) for k, v in x.items()} for x in (a, b))
    a, b = relations_frame(a, False), relations_frame(b, False)
    d = relgraph.diff(a, b)
    assert d.key == FALLBACK_KEY
    pd.testing.assert_frame_equal(d.apply(a), b, check_dtype=False, check_index_type=False)


# Input forms ------------------------------------------------------------------------------------

def relation_changes(d):
    return (d.added.reindex(columns=["id"]).to_dict("list"), d.removed.reindex(columns=["id"]).to_dict("list"),
            d.changed.to_dict("list"))


def test_snapshot_csvs_give_the_same_diff_as_folders(sides, tmp_path):
    files = []
    for side, name in zip(sides, "ab"):
        files.append(tmp_path / f"{name}.csv")
        relgraph.load(side).to_csv(files[-1])
    by_csv, by_folder = relgraph.diff(*files), relgraph.diff(*sides)
    assert relation_changes(by_csv) == relation_changes(by_folder)
    assert by_csv.entities_changed.equals(by_folder.entities_changed)


def test_relations_without_ids_fall_back_and_say_so(sides, tmp_path):
    bare = tmp_path / "exported.csv"
    relations = pd.read_csv(sides[1] / "relations.csv", dtype=str, keep_default_na=False)
    relations.drop(columns="id").to_csv(bare, index=False)
    d = relgraph.diff(sides[0], bare)
    assert d.key == FALLBACK_KEY and "matched on (source, target, relation, start)" in d.key_note
    assert (d.old_name, d.new_name) == (str(sides[0]), str(bare))
    assert d.entities_added is None
    assert d.added[["source", "target", "relation"]].values.tolist() == [["rus", "ttp", "attack"]]
    assert d.removed.id.tolist() == ["r6"]
    for fmt in ("text", "markdown", "json", "csv"):
        r = run("diff", str(sides[0]), str(bare), "--format", fmt)
        assert r.exit_code == 0 and "matched on" in r.output, fmt
    r = run("diff", str(sides[0]), str(bare), "--format", "html")
    assert r.exit_code == 2 and "needs two datasets" in r.output


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository whose HEAD~1 holds side A (data/ and seeds/) and HEAD side B, plus a snapshot CSV."""
    root = tmp_path / "repo"
    make_dataset(root, entities__csv=ENTITIES_A)
    relgraph.load(root / "data").snapshot("2024-11-25").to_csv(root / "snap.csv")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "A")
    make_dataset(root, entities__csv=ENTITIES_B, relations__csv=RELATIONS_B)
    git(root, "commit", "-qam", "B")
    monkeypatch.chdir(root / "data")  # REV:path is from the top; REV:./path from here
    return root


def test_git_revisions_read_without_checkout(repo, sides):
    expected = relation_changes(relgraph.diff(*sides))
    for old, new in [("HEAD~1:data", "HEAD:data"), ("HEAD~1:./", "."), ("HEAD~1:data", str(repo / "data"))]:
        d = relgraph.diff(old, new)
        assert relation_changes(d) == expected, (old, new)
        assert d.old_name == old
    assert subprocess.run(["git", "-C", str(repo), "status", "--porcelain"], capture_output=True,
                          text=True).stdout == ""  # nothing checked out or touched
    snap = relgraph.diff("HEAD:snap.csv", "HEAD:data")
    assert snap.old.snapshot_info["as_of"] == "2024-11-25" and "r8" in set(snap.added.id)
    assert type(snap.old) is type(snap.new) is relgraph.Dataset
    r = run("diff", "HEAD~1:data", "HEAD:data", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.output) == json.loads(relgraph.diff("HEAD~1:data", "HEAD:data").to_json())


def test_git_errors_are_usage_errors(repo, tmp_path, monkeypatch):
    r = run("diff", "HEAD~7:data", "HEAD:data")
    assert r.exit_code == 2 and "HEAD~7:data" in r.output
    assert run("diff", "HEAD:nothing", "HEAD:data").exit_code == 2
    monkeypatch.chdir(tmp_path)
    assert run("diff", "HEAD:data", "HEAD:data").exit_code == 2  # not a repository here


def test_an_invalid_revision_exits_1_naming_it(repo):
    (repo / "data" / "relations.csv").write_text(RELATIONS.replace(",ttp,pak,", ",ttp,nobody,"), encoding="utf-8")
    git(repo, "commit", "-qam", "broken")
    r = run("diff", "HEAD~1:data", "HEAD:data")
    assert r.exit_code == 1
    assert r.output.startswith("HEAD:data:\n") and "relations.csv, row 5, column 'target': 'nobody'" in r.output


def test_messages_name_the_revision_not_a_temporary_folder(repo):
    git(repo, "rm", "-q", "data/entities.csv")
    git(repo, "commit", "-qm", "no entities")
    r = run("diff", "HEAD~1:data", "HEAD:data")
    assert r.exit_code == 1
    assert "file not found: HEAD:data/entities.csv" in r.output and "/tmp" not in r.output
    git(repo, "rm", "-q", "seeds/article.txt")
    git(repo, "commit", "-qm", "no seed")
    r = run("diff", "HEAD~2:data", "HEAD:data")
    assert "no such file in HEAD:data or HEAD:." in r.output and "/tmp" not in r.output


# Formats -------------------------------------------------------------------------------------

def test_json_and_csv_equal_the_library(sides):
    d = relgraph.diff(*sides)
    r = run("diff", *map(str, sides), "--format", "json")
    assert r.exit_code == 0 and r.output == d.to_json()
    doc = json.loads(r.output)
    assert doc["summary"] == d.summary and doc["relations"]["added"][0]["id"] == "r8"
    rows = list(csv.DictReader(io.StringIO(run("diff", *map(str, sides), "--format", "csv").output)))
    assert {"table": "relations", "change": "changed", "id": "r4", "field": "status",
            "old": "alleged", "new": "reported"} in rows
    assert {"table": "relations", "change": "added", "id": "r8", "field": "source", "old": "", "new": "rus"} in rows
    assert {"table": "entities", "change": "removed", "id": "uzb", "field": "name", "old": "Uzbekistan",
            "new": ""} in rows


def test_text_and_markdown_reports(sides):
    text = run("diff", *map(str, sides)).output
    assert "relations: 1 added, 1 removed, 2 changed, 4 unchanged" in text
    assert re.search(r"^r1 +end +2025-04-17 *$", text, flags=re.M)
    md = run("diff", *map(str, sides), "--format", "markdown").output
    assert "### Relations changed (2; 3 fields)" in md and "| r4 | status | alleged | reported |" in md
    assert "<img" not in md and r"&lt;img src=x onerror=alert(1)&gt;\|\*x\*" in md  # no markup, no table break
    notebook = relgraph.diff(*sides)._repr_html_()
    assert "<img" not in notebook and "&lt;img src=x onerror=alert(1)&gt;" in notebook


def test_html_diff_page_is_offline_escaped_and_coloured(sides, tmp_path):
    out = tmp_path / "diff.html"
    r = run("diff", *map(str, sides), "--format", "html", "-o", str(out))
    assert r.exit_code == 0 and r.output.strip() == str(out)
    html = out.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=["']?https?:""", html, re.I)
    assert EVIL not in html and "<img src=x" not in html
    data = page_json(html)
    rel, edges = data["relations"], data["edges"]  # tables as columns
    assert dict(zip(rel["id"], rel["change"])) == {"r1": "changed", "r2": "unchanged", "r3": "unchanged",
                                                   "r4": "changed", "r5": "unchanged", "r6": "removed",
                                                   "r7": "unchanged", "r8": "added"}
    assert dict(zip(rel["id"], rel["old"]))["r1"] == {"end": "2025-04-17", "note": "Supreme Court ban"}
    assert set(data["entities"]["id"]) >= {"uzb", "kaz"}  # removed entities stay drawn
    removed = rel["id"].index("r6")
    assert edges["dashes"][removed] and edges["color"][removed] == data["diff_colours"]["removed"]


def test_html_diff_page_in_a_browser(sides, tmp_path, browser):
    out = tmp_path / "diff.html"
    out.write_text(relgraph.diff(*sides).to_html(), encoding="utf-8")
    page = browser.new_page()
    requests = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(out.as_uri())
    page.wait_for_function("window.relgraph !== undefined")
    legend = page.inner_text("#legend")
    for kind, n in [("added", 1), ("removed", 1), ("changed", 2)]:
        assert re.search(rf"{kind}\s+{n}\b", legend), legend
    assert page.evaluate("document.querySelectorAll('#legend img, #details img').length") == 0
    assert all(u.startswith(("file:", "data:")) for u in requests), requests
    page.close()


def test_exit_code_option(sides):
    assert run("diff", *map(str, sides)).exit_code == 0
    assert run("diff", *map(str, sides), "--exit-code").exit_code == 1


# Bundled examples and usage ----------------------------------------------------------------------

def test_bundled_dates_show_the_facts():
    late = relgraph.diff(relgraph.snapshot(as_of="2024-11-25"), relgraph.snapshot(as_of="2025-07-31"))
    assert {"r035", "r036"} <= set(late.added.id) and "r034" in set(late.removed.id)
    early = run("diff", "--from", "2023-06-30", "--to", "2024-11-25", "--format", "json")
    doc = json.loads(early.output)
    added = {r["id"] for r in doc["relations"]["added"]}
    removed = {r["id"] for r in doc["relations"]["removed"]}
    assert {"r038", "r040", "r021", "r022", "r023"} <= added  # delistings, Crocus, the UN report
    assert {"r037", "r039"} <= removed  # the Kazakh and Kyrgyz proscriptions ended


@pytest.mark.parametrize("args", [
    ["diff", "only-one"], ["diff", "--from", "2024-01-01"],
    ["diff", "a", "b", "--from", "2024-01-01", "--to", "2025-01-01"],
    ["diff", "--from", "2024-02-30", "--to", "2025-01-01"], ["diff", "data", "data", "--format", "pdf"],
    ["diff", "no/such/place", "data"], ["diff", "--from", "2024-01-01", "--to", "2025-01-01", "--window", "x"],
])
def test_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


def test_diff_refuses_to_overwrite_an_input(sides):
    r = run("diff", *map(str, sides), "-o", str(sides[1] / "relations.csv"))
    assert r.exit_code == 2 and Path(sides[1] / "relations.csv").read_text(encoding="utf-8") == RELATIONS_B


def test_revisions_and_snapshots_are_read_in_memory(repo, tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise AssertionError("a reader wrote a temporary file")
    for name in ("mkdtemp", "mkstemp", "TemporaryDirectory", "NamedTemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)
    d = relgraph.diff("HEAD~1:data", "HEAD:snap.csv")
    assert "relentless attacks" in d.old.texts["seeds/article.txt"] == d.new.texts["seeds/article.txt"]


CITATIONS = "relation_id,source_id,quote,note\nr3,art,Islamabad accuses Kabul,\nr1,web,,\n"
R_LINES = RELATIONS.splitlines(keepends=True)  # the header, then r1 to r7


def _line(text: str, start: str) -> str:
    """The line of a CSV text that starts with ``start``."""
    return next(line for line in text.splitlines(keepends=True) if line.startswith(start))


SECOND_SIDES = {  # the tiny dataset with CITATIONS, changed so
    "not at all": {},
    "a relation's status": {"relations.csv": RELATIONS.replace("2025-07-03,,reported", "2025-07-03,,maybe")},
    "a relation twice, cell for cell": {"relations.csv": RELATIONS + R_LINES[3]},
    "relations out of order, one ending before it starts": {"relations.csv": R_LINES[0] + "".join(
        reversed(R_LINES[1:])).replace("2025-04-17,,reported", "2025-04-17,2020,reported")},
    "an entity gone that relations name": {"entities.csv": ENTITIES.replace(_line(ENTITIES, "ttp,"), "")},
    "an entity twice instead of one that relations name": {
        "entities.csv": ENTITIES.replace(_line(ENTITIES, "tal,"), _line(ENTITIES, "pak,"))},
    "a relation type gone": {"relation_types.csv": RELATION_TYPES.replace(_line(RELATION_TYPES, "attack,"), "")},
    "a flag spelt otherwise, another one wrong": {
        "relation_types.csv": RELATION_TYPES.replace("Mutual alliance.,false", "Mutual alliance.,FALSE")
                                            .replace("An attack.,true", "An attack.,yes")},
    "a source gone": {"sources.csv": SOURCES.replace(_line(SOURCES, "web,"), "")},
    "the stored text without a quote": {"article": ARTICLE.replace("relentless attacks", "attacks")},
    "a cited relation gone": {"relations.csv": RELATIONS.replace(R_LINES[1], "")},
}


@pytest.mark.parametrize("change", SECOND_SIDES)
def test_a_second_side_read_knowing_the_first_has_the_problems_a_full_check_finds(tmp_path, change):
    from relgraph import readers
    from relgraph.errors import ValidationError
    from relgraph.schema import TABLES

    seen = {}
    first = readers.read_side(str(make_dataset(tmp_path / "a", citations__csv=CITATIONS)), keep=seen)
    assert set(seen) == set(TABLES)
    files = dict(SECOND_SIDES[change])
    article = files.pop("article", None)
    second = make_dataset(tmp_path / "b", citations__csv=CITATIONS,
                          **{name.replace(".", "__"): text for name, text in files.items()})
    if article is not None:
        (tmp_path / "b" / "seeds" / "article.txt").write_text(article, encoding="utf-8")

    def outcome(**like):
        try:
            read = readers.read_side(str(second), **like)
        except ValidationError as e:
            return [(i.file, i.row, i.column, i.value, i.code, i.message) for i in e.issues]
        return {name: read[name].to_dict("list") for name in TABLES}
    full = outcome()
    assert outcome(like=first) == full
    assert outcome(like=dict(first, records=seen)) == full  # the same records not parsed again
    assert isinstance(full, dict) == (change == "not at all"), full


def test_a_diff_reads_its_second_side_knowing_a_first_side_it_read(tmp_path, monkeypatch):
    """Rows as on the first side are not checked one by one again (a million relations: 2.5 s of checks), nor
    their records parsed again."""
    from relgraph import readers, tables
    known, taken = [], []
    check, take = readers.check_tables, tables._read_known

    def spy(tables, sch, texts, **kw):
        known.append({name: int(rows.sum()) for name, rows in (kw.get("known") or {}).items()})
        return check(tables, sch, texts, **kw)

    def spy_take(recs, rows, prior, width, header, resource):
        frame, shared = take(recs, rows, prior, width, header, resource)
        taken.append((resource.name, int(shared.sum()), len(shared)))
        return frame, shared
    monkeypatch.setattr(readers, "check_tables", spy)
    monkeypatch.setattr(tables, "_read_known", spy_take)
    a = make_dataset(tmp_path / "a")
    b = make_dataset(tmp_path / "b", relations__csv=RELATIONS.replace("Moscow recognises Kabul", "recognised"))
    c = make_dataset(tmp_path / "c", entities__csv=ENTITIES.replace("United States", "USA"))
    relgraph.diff(str(a), str(b))
    assert run("diff", str(a), str(b)).exit_code == 0
    assert known == [{}, {"entities": 6, "relation_types": 7, "sources": 2, "relations": 6}] * 2
    assert taken == [("entities", 6, 6), ("relation_types", 7, 7), ("sources", 2, 2), ("relations", 6, 7)] * 2
    known.clear()
    taken.clear()
    relgraph.diff(str(a), str(c))  # an entity renamed: the relations, which name entities, are checked again
    relgraph.diff(relgraph.load(a), str(b))  # a Dataset given as it is may have been changed since it was read
    assert known == [{}, {"entities": 5, "relation_types": 7, "sources": 2}, {}, {}]
    assert [t[0] for t in taken] == ["entities", "relation_types", "sources", "relations"]  # the Dataset: none
