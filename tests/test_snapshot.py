"""As-of snapshots: the in-force rule at every date precision, the canonical CSV, the command."""
from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from click.testing import CliRunner

import relgraph
from helpers import make_dataset
from relgraph.asof import in_force
from relgraph.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


TYPES = relgraph.load().relation_types  # alliance and proscription are states, attack an event


def rel(start="", end="", relation="alliance"):
    return pd.DataFrame({"relation": [relation], "start": [start], "end": [end]})


@pytest.mark.parametrize("start,end,relation,day,possible,certain", [
    # a year is every day of it: possibly begun on its first day, certainly by its last
    ("2022", "", "alliance", "2021-12-31", False, False),
    ("2022", "", "alliance", "2022-01-01", True, False),
    ("2022", "", "alliance", "2022-12-31", True, True),
    # a month, in a leap year
    ("2024-02", "", "alliance", "2024-02-01", True, False),
    ("2024-02", "", "alliance", "2024-02-29", True, True),
    # a day; the end is the first day the relation no longer holds
    ("2003-02-14", "2025-04-17", "proscription", "2003-02-13", False, False),
    ("2003-02-14", "2025-04-17", "proscription", "2003-02-14", True, True),
    ("2003-02-14", "2025-04-17", "proscription", "2025-04-16", True, True),
    ("2003-02-14", "2025-04-17", "proscription", "2025-04-17", False, False),
    # an end of month precision: possibly still in force until the month's last day
    ("2003", "2025-04", "proscription", "2025-03-31", True, True),
    ("2003", "2025-04", "proscription", "2025-04-29", True, False),
    ("2003", "2025-04", "proscription", "2025-04-30", False, False),  # ended by the 30th at the latest
    ("2003", "2025-04", "proscription", "2025-05-01", False, False),
    # empty start: may have held for ever, but is certain only from its record date (none here);
    # empty end: still in force
    ("", "", "alliance", "1900-01-01", True, False),
    # events count for the window (365 days) after they happen
    ("2024-03-22", "", "attack", "2024-03-21", False, False),
    ("2024-03-22", "", "attack", "2025-03-21", True, True),
    ("2024-03-22", "", "attack", "2025-03-22", False, False),
    ("2022", "", "attack", "2022-06-30", True, False),  # may have happened by then
    ("2022", "", "attack", "2023-06-30", True, False),  # may be within the last 365 days
    ("2022", "", "attack", "2023-12-31", False, False),
    ("", "", "attack", "2024-01-01", False, False),  # an undated event is never placed in time
])
def test_in_force_at_every_precision(start, end, relation, day, possible, certain):
    r = rel(start, end, relation)
    assert in_force(r, TYPES, day)[0] == possible
    assert in_force(r, TYPES, day, rule="certain")[0] == certain


def test_window_none_keeps_every_past_event_and_zero_keeps_none():
    r = rel("2001-09-11", relation="attack")
    assert in_force(r, TYPES, "2025-01-01", window=None)[0]
    assert not in_force(r, TYPES, "2001-09-11", window=0)[0]


def test_bundled_snapshots_show_the_russian_turn():
    before = set(relgraph.snapshot(as_of="2024-11-25").relations.id)
    after = set(relgraph.snapshot(as_of="2025-07-31").relations.id)
    assert "r034" in before and not {"r035", "r036"} & before  # proscribed, not recognised
    assert {"r035", "r036"} <= after and "r034" not in after


def test_snapshot_keeps_the_entities_it_needs():
    s = relgraph.snapshot(as_of="2025-07-31")
    needed = set(s.relations.source) | set(s.relations.target) | (set(s.relations.claimed_by) - {""})
    assert set(s.entities.id) == needed


def assert_same_tables(a, b):
    for name in ("entities", "relations", "relation_types", "sources"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_dtype=True)


def test_snapshot_csv_round_trips_losslessly(tmp_path):
    s = relgraph.snapshot(as_of="2024-11-25", rule="certain", window=30)
    path = tmp_path / "snap.csv"
    s.to_csv(path)
    back = relgraph.load(path)
    assert_same_tables(s, back)
    assert back.snapshot_info == {"as_of": "2024-11-25", "known_by": None, "rule": "certain", "window": 30}
    assert back.to_csv() == path.read_text(encoding="utf-8")  # read and written again: same bytes
    # the seed article travels inside the file, so quotes are checked wherever it goes
    moved = tmp_path / "elsewhere" / "snap.csv"
    moved.parent.mkdir()
    moved.write_bytes(path.read_bytes())
    assert relgraph.validate(moved).valid


def test_snapshot_csv_layout(tmp_path):
    text = relgraph.snapshot(as_of="2025-07-31", window=None).to_csv()
    lines = text.splitlines()
    assert lines[0].startswith("table,id,source,target,relation,start,end,status,")
    assert lines[0].endswith(",text,as_of,known_by,rule,window")
    assert lines[1].startswith("snapshot,") and lines[1].endswith(",2025-07-31,,possible,all")
    frame = pd.read_csv(pd.io.common.StringIO(text), dtype=str, keep_default_na=False)
    order = frame.table.drop_duplicates().tolist()
    assert order == ["snapshot", "relation_types", "sources", "entities", "relations", "citations"]
    for _, part in frame.groupby("table"):
        assert part.id.is_monotonic_increasing


def snapshot_file(tmp_path, edit=lambda t: t):
    path = tmp_path / "snap.csv"
    path.write_text(edit(relgraph.load(make_dataset(tmp_path)).snapshot("2024-11-25").to_csv()), encoding="utf-8")
    return path


def problems(path):
    return [(i.file, i.row, i.column, i.code) for i in relgraph.validate(path).issues]


def test_snapshot_csv_problems_name_rows_of_the_csv(tmp_path):
    # Rows are CSV records, header = 1, as for a dataset folder (the seed text spans several lines).
    rows = list(csv.reader(io.StringIO(snapshot_file(tmp_path).read_text(encoding="utf-8"))))
    col = {c: i for i, c in enumerate(rows[0])}
    rel = next(n for n, r in enumerate(rows, 1) if r[:2] == ["relations", "r4"])
    rows[rel - 1][col["target"]] = "nobody"
    ent = next(n for n, r in enumerate(rows, 1) if r[:2] == ["entities", "rus"])
    rows[ent - 1][col["source"]] = "tal"  # a relation column in an entity row
    rows.append(["planets"] + [""] * (len(col) - 1))
    path = tmp_path / "bad.csv"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    assert problems(path) == [("bad.csv", ent, "source", "misplaced-value"),
                              ("bad.csv", rel, "target", "unknown-entity"),
                              ("bad.csv", len(rows), "table", "invalid-enum")]


def test_snapshot_csv_needs_its_texts(tmp_path):
    path = snapshot_file(tmp_path, lambda t: t.replace("Tehrik-i-Taliban Pakistan. They", "Someone else. They"))
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    r6 = next(n for n, r in enumerate(rows, 1) if r[:2] == ["relations", "r6"])
    assert problems(path) == [("snap.csv", r6, "evidence", "evidence-not-in-source")]


def test_snapshot_texts_stay_in_memory(tmp_path):
    # A stored text travels in the CSV under its file name; reading it writes and opens no file.
    path = snapshot_file(tmp_path, lambda t: t.replace("seeds/article.txt", "../../escaped.txt"))
    (tmp_path / "seeds" / "article.txt").unlink()
    ds = relgraph.load(path)
    assert list(ds.texts) == ["../../escaped.txt"] and "relentless attacks" in ds.texts["../../escaped.txt"]
    assert not list(tmp_path.parent.glob("**/escaped.txt"))


def test_snapshot_meta_row_is_checked(tmp_path):
    path = snapshot_file(tmp_path, lambda t: t.replace(",2024-11-25,,possible,365", ",2024-13-01,,perhaps,-1"))
    assert problems(path) == [("snap.csv", 2, "as_of", "impossible-date"), ("snap.csv", 2, "rule", "invalid-enum"),
                              ("snap.csv", 2, "window", "invalid-type")]
    path = snapshot_file(tmp_path, lambda t: t.replace(",2024-11-25,,possible,365", ",2024-11,,possible,365"))
    assert problems(path) == [("snap.csv", 2, "as_of", "invalid-date")]


def test_a_second_snapshot_row_is_reported(tmp_path):
    def twice(text):
        header, meta, rest = text.split("\n", 2)
        return "\n".join([header, meta, meta, rest])
    assert problems(snapshot_file(tmp_path, twice)) == [("snap.csv", 3, "table", "duplicate-value")]


def test_a_csv_without_table_column_is_an_input_error(tmp_path):
    data = make_dataset(tmp_path)
    with pytest.raises(relgraph.InputError, match="not a snapshot CSV"):
        relgraph.load(data / "relations.csv")


# The command ----------------------------------------------------------------------------------

def test_snapshot_command_prints_the_library_csv():
    r = run("snapshot", "--as-of", "2025-07-31")
    assert r.exit_code == 0
    assert r.output == relgraph.snapshot(as_of="2025-07-31").to_csv()
    r = run("snapshot", "--as-of", "2025-07-31", "--certain", "--window", "all")
    assert r.output == relgraph.snapshot(as_of="2025-07-31", rule="certain", window=None).to_csv()


def test_every_command_accepts_a_snapshot_csv(tmp_path):
    snap = tmp_path / "snap.csv"
    r = run("snapshot", "--as-of", "2025-07-31", "-o", str(snap))
    assert r.exit_code == 0 and r.output.strip() == str(snap)
    assert run("validate", "--data", str(snap)).exit_code == 0
    page = tmp_path / "page.html"
    assert run("render", "--data", str(snap), "-o", str(page)).exit_code == 0
    assert "r036" in page.read_text(encoding="utf-8")
    again = run("snapshot", "--data", str(snap), "--as-of", "2025-07-31")
    assert again.output == snap.read_text(encoding="utf-8")
    assert run("diff", str(snap), str(snap), "--exit-code").exit_code == 0


def test_snapshot_command_errors(tmp_path):
    assert run("snapshot", "--as-of", "2025-02-30").exit_code == 2
    assert run("snapshot", "--as-of", "2025").exit_code == 2
    assert run("snapshot", "--as-of", "2025-01-01", "--window", "-3").exit_code == 2
    assert run("snapshot", "--as-of", "2025-01-01", "--window", "soon").exit_code == 2
    snap = snapshot_file(tmp_path)
    r = run("snapshot", "--data", str(snap), "--as-of", "2025-01-01", "-o", str(snap))
    assert r.exit_code == 2 and "is an input of this command" in r.output
    bad = tmp_path / "bad.csv"
    bad.write_text(snap.read_text(encoding="utf-8").replace(",ttp,pak,attack,", ",ttp,nobody,attack,"),
                   encoding="utf-8")
    out = tmp_path / "out.csv"
    r = run("snapshot", "--data", str(bad), "--as-of", "2025-01-01", "-o", str(out))
    assert r.exit_code == 1 and "unknown-entity" in r.output and not out.exists()
