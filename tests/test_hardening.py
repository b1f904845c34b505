"""Untrusted datasets: nothing outside the dataset is read, nothing is lost, no traceback, no silent wrong result.

One test per class of hole, each with several variants of it.
"""
from __future__ import annotations

import os
import subprocess

import pytest
from click.testing import CliRunner

import relgraph
from helpers import ENTITIES, RELATIONS, SOURCES, make_dataset
from relgraph.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def codes(report) -> list[tuple]:
    return [(i.file, i.row, i.column, i.code) for i in report.issues]


SECRET = "root:x:0:0:the secret line"


@pytest.fixture
def outside(tmp_path):
    """A file outside any dataset, holding a secret."""
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET + "\n", encoding="utf-8")
    return secret


def with_source_file(tmp_path, file: str, quote: str = "the secret line"):
    """The tiny dataset with a source 'leak' whose file is ``file`` and a relation quoting it."""
    return make_dataset(tmp_path / "ds",
                        sources__csv=SOURCES + f"leak,Leak,,,,,{file}\n",
                        relations__csv=RELATIONS + f"r9,rus,pak,accusation,2024,,reported,,,leak,{quote},\n")


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink", "symlinked-folder", "fifo", "folder", "device"])
def test_a_source_file_outside_the_dataset_is_never_opened(tmp_path, outside, how):
    data = tmp_path / "ds" / "data"
    if how == "absolute":
        data = with_source_file(tmp_path, str(outside))
    elif how == "dotdot":
        data = with_source_file(tmp_path, "../../private/secret.txt")
    elif how == "symlink":
        data = with_source_file(tmp_path, "seeds/link.txt")
        (tmp_path / "ds" / "seeds" / "link.txt").symlink_to(outside)
    elif how == "symlinked-folder":
        data = with_source_file(tmp_path, "texts/secret.txt")
        (data / "texts").symlink_to(outside.parent)
    elif how == "fifo":
        data = with_source_file(tmp_path, "seeds/pipe.txt")
        os.mkfifo(tmp_path / "ds" / "seeds" / "pipe.txt")  # opening it would wait for ever
    elif how == "folder":
        data = with_source_file(tmp_path, "seeds")
    elif how == "device":
        data = with_source_file(tmp_path, "seeds/zero.txt")
        (tmp_path / "ds" / "seeds" / "zero.txt").symlink_to("/dev/zero")
    report = relgraph.validate(data)
    assert codes(report) == [("sources.csv", 4, "file", "unsafe-source-file")], report
    assert SECRET not in str(report)
    r = run("snapshot", "--data", str(data), "--as-of", "2025-01-01")
    assert r.exit_code == 1 and SECRET not in r.output and "unsafe-source-file" in r.output


def test_a_source_file_over_the_size_limit_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr("relgraph.readers.MAX_TEXT_BYTES", 100)
    data = make_dataset(tmp_path)
    [issue] = relgraph.validate(data).issues
    assert (issue.row, issue.column, issue.code) == (2, "file", "unsafe-source-file")
    assert "at most 100" in issue.message


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


def test_a_revision_reads_texts_from_its_own_tree_only(tmp_path, outside, monkeypatch):
    repo = tmp_path / "repo"
    make_dataset(repo, sources__csv=SOURCES + "leak,Leak,,,,,seeds/link.txt\nfar,Far,,,,,../../private/secret.txt\n")
    (repo / "seeds" / "link.txt").symlink_to(outside)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "a link")
    monkeypatch.chdir(repo)
    with pytest.raises(relgraph.ValidationError) as err:
        relgraph.diff("HEAD:data", "HEAD:data")
    assert [(i.row, i.code) for i in err.value.issues] == [(4, "unsafe-source-file"), (5, "unsafe-source-file")]
    assert "HEAD:seeds/link.txt is a symbolic link" in err.value.issues[0].message
    assert SECRET not in str(err.value)


def test_git_runs_no_configured_command(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    make_dataset(repo)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "a")
    marker = tmp_path / "ran"
    for key in ("core.fsmonitor", "core.pager", "diff.external"):
        git(repo, "config", key, f"touch {marker}")
    git(repo, "config", "core.hooksPath", str(tmp_path / "hooks"))
    monkeypatch.chdir(repo)
    assert run("diff", ":data/relations.csv", "data/relations.csv").exit_code == 0  # the index: fsmonitor's place
    assert run("diff", "HEAD:data", "data").exit_code == 0
    assert not marker.exists()
    r = run("diff", "--", "--output=x:data", "data")
    assert r.exit_code == 2 and "cannot start with '-'" in r.output and not (repo / "x").exists()
    with pytest.raises(relgraph.InputError, match="cannot start with '-'"):
        relgraph.diff("--output=x:data", "data")


# Structure: no traceback, one clear issue -----------------------------------------------------

def test_an_unclosed_quote_names_the_row_it_opened_in(tmp_path):
    data = make_dataset(tmp_path, relations__csv=RELATIONS.replace('r5,iea,ttp', '"r5,iea,ttp'))
    assert codes(relgraph.validate(data)) == [("relations.csv", 6, None, "unclosed-quote")]
    for args in (["validate"], ["snapshot", "--as-of", "2025-01-01"], ["render", "-o", str(tmp_path / "p.html")]):
        r = run(*args, "--data", str(data))
        assert r.exit_code == 1 and "relations.csv, row 6: a quote opened in this row is never closed" in r.output
    assert run("diff", str(data), str(data)).exit_code == 1


def test_every_physical_row_counts_blank_or_not(tmp_path):
    ent = ENTITIES.replace("\npak,", "\n   \n\n,,\npak,") + "bad,Bad,planet,,,,\n"
    # Row 3 is a line of spaces, row 4 empty (skipped, but counted), row 5 commas only.
    assert codes(relgraph.validate(make_dataset(tmp_path, entities__csv=ent))) == [
        ("entities.csv", 3, None, "missing-fields"), ("entities.csv", 3, "id", "pattern-mismatch"),
        ("entities.csv", 3, "kind", "missing-value"), ("entities.csv", 3, "name", "missing-value"),
        ("entities.csv", 5, None, "missing-fields"), ("entities.csv", 5, "id", "missing-value"),
        ("entities.csv", 5, "kind", "missing-value"), ("entities.csv", 5, "name", "missing-value"),
        ("entities.csv", 11, "kind", "invalid-enum")]


def test_a_first_row_with_an_extra_field_is_not_taken_for_an_index(tmp_path):
    ent = ENTITIES.replace("IEA|Emirate,,,", "IEA|Emirate,,,,surplus")
    report = relgraph.validate(make_dataset(tmp_path, entities__csv=ent))
    assert [c for c in codes(report) if c[0] == "entities.csv"] == [("entities.csv", 2, None, "extra-fields")]


def test_cells_over_128_kib_are_read(tmp_path):
    long_note = "x" * 300_000
    data = make_dataset(tmp_path, relations__csv=RELATIONS.replace("Supreme Court ban", long_note))
    ds = relgraph.load(data)
    assert ds.relations.loc[ds.relations.id == "r1", "note"].item() == long_note
    snap = tmp_path / "snap.csv"
    (tmp_path / "seeds" / "article.txt").write_text("y" * 200_000 + " their ally Tehrik-i-Taliban Pakistan "
                                                    "\"relentless attacks\" hideouts and sanctuaries Islamabad "
                                                    "accuses Kabul", encoding="utf-8")
    relgraph.load(data).to_csv(snap)
    assert relgraph.load(snap).texts == relgraph.load(data).texts  # whatever relgraph writes, it reads back


@pytest.mark.parametrize("content, expected", [
    ("id,name\n".encode("utf-16-le"), "looks like UTF-16"),
    ("id,name\n".encode("utf-16"), "looks like UTF-16"),
    (b"id,name\n\xff\xfe", "byte 0xff on line 2"),
])
def test_utf16_and_binary_are_one_clear_issue(tmp_path, content, expected):
    [issue] = relgraph.validate(make_dataset(tmp_path, entities__csv=content)).issues
    assert (issue.file, issue.code) == ("entities.csv", "not-utf8") and expected in issue.message


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_csv_that_is_not_a_regular_file_says_what_it_is(tmp_path, kind):
    data = make_dataset(tmp_path)
    (data / "sources.csv").unlink()
    if kind == "fifo":
        os.mkfifo(data / "sources.csv")
    elif kind == "device":
        (data / "sources.csv").symlink_to("/dev/zero")
    else:
        (data / "sources.csv").mkdir()
    [issue] = relgraph.validate(data).issues
    assert (issue.file, issue.code) == ("sources.csv", "unreadable-file")
    assert {"fifo": "is a FIFO", "device": "is a device", "folder": "is a folder"}[kind] in issue.message
