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
    # past the first 64 KiB, which are checked before pandas reads: then pandas finds it
    (b"id,name,kind\n" + b"".join(b"e%d,E,state\n" % i for i in range(8000)) + b"x,Caf\xe9,state\n",
     "byte 0xe9 on line 8002"),
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


# Outputs: nothing read is written over, nothing that is not a regular file is replaced ---------------

@pytest.mark.parametrize("target", ["table", "text", "snapshot", "hardlink", "symlink"])
def test_no_command_writes_over_what_it_read(tmp_path, target):
    data = make_dataset(tmp_path)
    snap = tmp_path / "snap.csv"
    relgraph.load(data).to_csv(snap)
    out = {"table": data / "relations.csv", "text": tmp_path / "seeds" / "article.txt", "snapshot": snap,
           "hardlink": tmp_path / "hard.csv", "symlink": tmp_path / "soft.csv"}[target]
    if target == "hardlink":
        os.link(data / "entities.csv", out)
    if target == "symlink":
        out.symlink_to(data / "sources.csv")
    source = snap if target == "snapshot" else data
    before = {p: p.read_bytes() for p in [*data.iterdir(), *(tmp_path / "seeds").iterdir(), snap]}
    for args in (["render", "--data", str(source)], ["snapshot", "--data", str(source), "--as-of", "2025-01-01"],
                 ["diff", str(source), str(source)]):
        r = run(*args, "-o", str(out))
        assert r.exit_code == 2 and "is an input of this command" in r.output, args
    ds = relgraph.load(source)
    for write in (lambda: ds.write_html(out), lambda: ds.to_csv(out), lambda: ds.snapshot("2025-01-01").to_csv(out)):
        with pytest.raises(relgraph.OutputError, match="is an input"):
            write()
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.parametrize("target", ["/dev/null", "/dev/stdout", "fifo", "folder"])
def test_an_output_that_is_not_a_regular_file_is_refused(tmp_path, target):
    if target == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
    elif target == "folder":
        target = tmp_path
    before = os.stat(target)
    r = run("render", "-o", str(target))
    assert r.exit_code == 2 and ("not a regular file" in r.output or "is a folder" in r.output)
    after = os.stat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)  # not replaced
    with pytest.raises(relgraph.OutputError):
        relgraph.load().snapshot("2025-01-01").to_csv(target)


def test_dash_is_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = run("render", "-o", "-")
    assert page.exit_code == 0 and page.output == relgraph.load().to_html()
    snap = run("snapshot", "--as-of", "2025-01-01", "-o", "-")
    assert snap.output == relgraph.snapshot(as_of="2025-01-01").to_csv()
    assert run("diff", "--from", "2024-01-01", "--to", "2025-01-01", "-o", "-").output.startswith("relgraph bundled")
    assert list(tmp_path.iterdir()) == []


def test_a_replaced_file_keeps_its_mode_and_a_new_one_honours_the_umask(tmp_path):
    kept = tmp_path / "kept.html"
    kept.write_text("old")
    kept.chmod(0o600)
    assert run("render", "-o", str(kept)).exit_code == 0
    assert (kept.stat().st_mode & 0o777) == 0o600 and kept.read_text() != "old"
    old = os.umask(0o077)
    try:
        assert run("snapshot", "--as-of", "2025-01-01", "-o", str(tmp_path / "s.csv")).exit_code == 0
    finally:
        os.umask(old)
    assert (tmp_path / "s.csv").stat().st_mode & 0o777 == 0o600


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path):
    """SIGTERM in the middle of a write removes its temporary file; one left by kill -9 goes at the next run."""
    import signal
    import sys
    import textwrap
    out = tmp_path / "page.html"
    script = textwrap.dedent(f"""
        import os, signal, relgraph.outputs as o
        real = o.os.fdopen
        def slow(fd, mode):
            f = real(fd, mode)
            os.kill(os.getpid(), signal.SIGTERM)  # arrives while the temporary file is open
            return f
        o.os.fdopen = slow
        o.write_atomic({str(out)!r}, "new")
    """)
    out.write_text("old")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"] and out.read_text() == "old"
    # A killed run's leftover (a process id that no longer runs) is removed by the next write.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".page.html.relgraph-{int(dead.stdout)}.tmp"
    stale.write_text("partial")
    assert run("render", "-o", str(out)).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]
    assert signal.SIGTERM  # the test's own process is untouched


# Text that reaches a terminal, a Markdown file or a spreadsheet ----------------------------------------

ESCAPE = "\x1b]0;PWNED\x07\x1b[1A\x1b[2K"


def test_terminal_escapes_are_shown_not_sent(tmp_path):
    a = make_dataset(tmp_path / "a")
    b = make_dataset(tmp_path / "b", entities__csv=ENTITIES.replace("Russia", "Russia" + ESCAPE),
                     relations__csv=RELATIONS.replace("Supreme Court ban", "ban" + ESCAPE))
    for fmt in ("text", "markdown"):
        out = run("diff", str(a), str(b), "--format", fmt).output
        assert "\x1b" not in out and "\x07" not in out, fmt
        assert ("\\x1b]0;PWNED\\x07" if fmt == "text" else "\\\\x1b\\]0;PWNED\\\\x07") in out, fmt
    bad = make_dataset(tmp_path / "c", entities__csv=ENTITIES.replace("rus,Russia,state", f"rus,Russia,{ESCAPE}"))
    for args in (["validate", "--data", str(bad)], ["render", "--data", str(bad), "-o", str(tmp_path / "p.html")]):
        out = run(*args).output
        assert "\x1b" not in out and "\\x1b" in out
    r = run("diff", f"{ESCAPE}:data", str(a))
    assert r.exit_code == 2 and "\x1b" not in r.output


def test_spreadsheet_formulas_open_as_text_and_still_round_trip(tmp_path):
    formulas = ["=HYPERLINK(1)", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    rel = RELATIONS
    for n, f in enumerate(formulas, 1):
        rel += f'f{n},rus,pak,accusation,2024,,reported,,,web,,"{f}"\n'
    a, b = make_dataset(tmp_path / "a"), make_dataset(tmp_path / "b", relations__csv=rel)
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO(run("diff", str(a), str(b), "--format", "csv").output)))
    notes = [r["new"] for r in rows if r["field"] == "note" and r["id"].startswith("f")]
    assert notes == ["'" + f for f in formulas]  # a spreadsheet shows them as text
    # The snapshot CSV stays a lossless data format: written with the same escape, read back exactly.
    snap = tmp_path / "snap.csv"
    ds = relgraph.load(b)
    ds.to_csv(snap)
    back = relgraph.load(snap)
    assert back.relations.set_index("id").loc[[f"f{n}" for n in range(1, 7)], "note"].tolist() == formulas
    written = snap.read_bytes().decode("utf-8")  # not read_text: it would turn the bare CR into a line feed
    assert back.to_csv() == written and "'=HYPERLINK" in written
    assert ",-1," in written  # plain numbers are not formulas


def test_a_bare_cr_in_a_cell_reads_back(tmp_path):
    data = make_dataset(tmp_path, relations__csv=RELATIONS.replace("Supreme Court ban", '"Supreme\rCourt ban"'))
    ds = relgraph.load(data)
    assert ds.relations.loc[0, "note"] == "Supreme\rCourt ban"
    snap = tmp_path / "snap.csv"
    ds.to_csv(snap)
    assert relgraph.load(snap).relations.loc[0, "note"] == "Supreme\rCourt ban"


# Windows, dates and arguments ---------------------------------------------------------------------------

@pytest.mark.parametrize("window", [str(2**63), str(2**63 - 1), "1000001", "-1", "1.5", "soon"])
def test_a_window_out_of_range_is_a_usage_error(window):
    for args in (["snapshot", "--as-of", "2025-01-01"], ["diff", "--from", "2024-01-01", "--to", "2025-01-01"]):
        r = run(*args, "--window", window)
        assert r.exit_code == 2 and "Invalid value for '--window'" in r.output


def test_undated_events_are_in_no_snapshot_whatever_the_window(tiny):
    undated = relgraph.from_frames(tiny.entities, tiny.relations.assign(start=lambda r: r["start"].where(
        r["id"] != "r4", "")), tiny.relation_types, tiny.sources, texts=tiny.texts)
    for window in (365, None, 1_000_000):
        assert "r4" not in set(undated.snapshot("2025-01-01", window=window).relations.id)
    assert "r5" in set(undated.snapshot("2025-01-01").relations.id)  # an undated lasting relation holds


@pytest.mark.parametrize("call, error", [
    (lambda ds: ds.snapshot(20240101), "as_of: expected a date as YYYY-MM-DD, not the number 20240101"),
    (lambda ds: ds.snapshot("2024-01-01", window=-3), "window: must not be negative"),
    (lambda ds: ds.snapshot("2024-01-01", window="30"), None),
    (lambda ds: ds.snapshot("2024-01-01", window=True), "window: must be a whole number"),
    (lambda ds: ds.snapshot("2024-01-01", window=2**63), "window: must be at most 1,000,000 days"),
    (lambda ds: ds.snapshot("2024-01-01", rule="sure"), "rule: unknown rule 'sure'"),
])
def test_the_public_functions_check_their_arguments(tiny, call, error):
    if error is None:
        assert call(tiny).snapshot_info["window"] == 30
        return
    with pytest.raises(relgraph.OptionError, match=error):
        call(tiny)


@pytest.mark.parametrize("call, error", [
    (lambda: relgraph.load(123), "relgraph.load\\(\\): expected a dataset folder"),
    (lambda: relgraph.validate(["data"]), "relgraph.validate\\(\\): expected a dataset folder"),
    (lambda: relgraph.diff(None, None), "relgraph.diff\\(\\): each side is"),
    (lambda: relgraph.show(42), "relgraph.show\\(\\): expected a Dataset"),
    (lambda: relgraph.from_frames("entities.csv", None), "relgraph.from_frames\\(\\): entities must be"),
])
def test_api_misuse_is_a_type_error_naming_the_function(call, error):
    with pytest.raises(TypeError, match=error):
        call()


def test_frames_with_missing_values_and_numbers_are_validated_not_crashed(tiny):
    import numpy as np
    ent = tiny.entities.astype(object)
    ent.loc[0, "name"], ent.loc[1, "wikidata"] = np.nan, 843
    rel = tiny.relations.astype(object)
    rel.loc[0, "note"], rel.loc[1, "start"] = None, 2025
    with pytest.raises(relgraph.ValidationError) as err:
        relgraph.from_frames(ent, rel, tiny.relation_types, tiny.sources, texts=tiny.texts)
    assert [(i.file, i.row, i.column, i.code) for i in err.value.issues] == [
        ("entities.csv", 2, "name", "missing-value"), ("entities.csv", 3, "wikidata", "pattern-mismatch")]


def test_a_diff_counts_nan_none_and_empty_as_one_empty(tiny):
    import numpy as np
    r = tiny.relations.copy()
    nan, none = r.astype(object), r.astype(object)
    nan.loc[r["note"] == "", "note"] = np.nan
    none.loc[r["note"] == "", "note"] = None
    assert relgraph.diff(r, nan).empty and relgraph.diff(nan, none).empty and relgraph.diff(r, r.copy()).empty


def test_a_folder_name_that_is_not_utf8_renders(tmp_path):
    root = tmp_path / os.fsdecode(b"caf\xe9")
    data = make_dataset(root)
    for args in (["validate", "--json"], ["snapshot", "--as-of", "2025-01-01", "-o", str(root / "s.csv")],
                 ["render", "-o", str(root / "p.html")]):
        r = run(*args[:1], "--data", str(data), *args[1:])
        assert r.exit_code == 0, r.output
        assert "caf\ufffd" in r.output
    assert relgraph.load(root / "s.csv").relations.equals(relgraph.load(data).snapshot("2025-01-01").relations)


# The page's Content-Security-Policy ---------------------------------------------------------------------

def _policy(page: str) -> dict:
    import re
    content = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    return {d.split()[0]: d.split()[1:] for d in content.split("; ")}


@pytest.mark.parametrize("renderer", ["vis", "webgl"])
def test_the_page_allows_only_its_own_scripts_by_hash(tiny, renderer):
    import base64
    import hashlib
    import re
    page = tiny.to_html(renderer=renderer)
    policy = _policy(page)
    assert policy["base-uri"] == policy["form-action"] == policy["default-src"] == ["'none'"]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)  # the executable ones (the data is JSON)
    assert len(scripts) == 2
    assert policy["script-src"] == [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                                    for s in scripts]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]


def test_an_injected_script_does_not_run_but_the_page_does(tiny, open_page):
    page = tiny.to_html().replace("</body>", "<script>window.injected = true</script>"
                                             '<img src=x onerror="window.injected = true"></body>')
    opened = open_page(page)
    assert opened.evaluate("window.injected === undefined")
    assert opened.evaluate("window.relgraph.api.counts()")["relations"] == len(tiny.relations)
    assert any("Content Security Policy" in p for p in opened.problems)  # the browser says what it refused


def test_a_closed_pipe_is_one_line_naming_standard_output():
    import sys
    proc = subprocess.Popen([sys.executable, "-m", "relgraph", "render", "-o", "-"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before anything is written, as after `| head`
    err = proc.stderr.read().decode()
    assert proc.wait() == 2
    assert err == "Error: cannot write to standard output: the pipe was closed (Broken pipe)\n"
