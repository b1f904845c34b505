"""Property-based fuzzing of every input relgraph reads: the tables of a dataset folder (the four required ones
and the optional citations.csv), its stored source text and a snapshot CSV, damaged at random (cells replaced
with control characters, bidirectional marks, look-alike letters, NULs, lone CRs, BOMs, formulas and very long
text; rows inserted, deleted and duplicated; quotes and bytes inserted; files truncated, re-encoded, emptied,
removed or replaced by noise), and valid datasets full of strange text.

For every input: no traceback anywhere (the library raises only its own errors, the commands exit 0, 1 or 2),
every issue names its file and a row that exists in it (the header's for a header problem, one holding the
issue's value in its column otherwise), nothing outside the dataset is read (a secret beside it, reached
through ``../``, absolute paths and symbolic links, never shows up), no input is changed, and a valid
dataset's snapshot CSV reads back as the same bytes.

Explicit examples marked BUG are library bugs found by this module, kept so that they are reproducible.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import tempfile
import traceback
from pathlib import Path

import numpy as np
from click.testing import CliRunner
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

import relgraph
import relgraph.cli
from helpers import ARTICLE, RELATION_TYPES, SOURCES, make_dataset
from relgraph.issues import CATALOGUE
from relgraph.schema import TABLES, schema

TOKEN = "ZQX-SECRET-4417"  # appears nowhere but in the secret files
SECRET = f"{TOKEN} the hidden line\n"
WHOLE_FILE = {"missing-file", "unreadable-file", "empty-file", "not-utf8"}
HEADER = {"wrong-delimiter", "unknown-column", "missing-column", "duplicate-column"}  # on the header's row
ABS = "@ABS@"  # stands for the absolute path of the secret, filled in once the temporary folder exists
TABLE_NAMES = [schema()[t].path for t in TABLES]  # the four tables, and the optional citations.csv
# The tiny dataset of helpers.py, with the columns and the table it lacks: lifetimes, a person's role, a record
# date and citations (the article's source has a stored text, seeds/article.txt, that the quotes come from).
ENTITIES = """id,name,kind,aliases,iso3,wikidata,start,end,role,note
iea,Islamic Emirate of Afghanistan,government,IEA|Emirate,,,2021-08-15,,,
kab,Zamir Kabulov,person,,,,,,Russian special representative,
pak,Pakistan,state,Islamabad,PAK,Q843,,,,
rus,Russia,state,Moscow,RUS,Q159,,,,
tal,Taliban,political_movement,T\u0101lib\u0101n|Afghan Taliban,,Q42475,1994,,,
ttp,Tehrik-i-Taliban Pakistan,armed_group,TTP,,,2007-12,,,
usa,United States,state,,USA,,,,,
"""
RELATIONS = """id,source,target,relation,start,end,status,claimed_by,claimed_on,project,source_id,evidence,note
r1,rus,tal,proscription,2003-02-14,2025-04-17,reported,,,,web,,Supreme Court ban
r2,rus,tal,delisting,2025-04-17,,reported,,,,web,,Court lifts the ban
r3,rus,iea,recognition,2025-07-03,,reported,,,,web,,Moscow recognises Kabul
r4,ttp,pak,attack,2024-03,,alleged,pak,2024-03-20,,art,\u201crelentless attacks\u201d,
r5,iea,ttp,sanctuary,,,alleged,pak,,,art,hideouts and sanctuaries,
r6,tal,ttp,alliance,2021,,reported,,,,art,their ally Tehrik-i-Taliban Pakistan,
r7,pak,iea,accusation,2024-11,,reported,,,,art,Islamabad accuses Kabul,
"""
CITATIONS = "relation_id,source_id,quote,note\nr4,art,relentless attacks,a note\nr1,web,,court report\n"
TABLES_REQUIRED = {"entities.csv": ENTITIES, "relation_types.csv": RELATION_TYPES, "sources.csv": SOURCES,
                   "relations.csv": RELATIONS}
BASE = dict(TABLES_REQUIRED, **{"citations.csv": CITATIONS})
SNAPSHOT_NAME = "snap.csv"

# The secret as a source's ``file`` may reach it: from data/, one folder up, through links (see _layout).
SECRET_REFS = ["../private/secret.txt", "../../private/secret.txt", "secret.txt", "../secret.txt",
               "seeds/../secret.txt", "seeds/../../private/secret.txt", "./../secret.txt", "seeds/link.txt",
               "texts/secret.txt", "seeds/dir/secret.txt", ABS, "../../../../../../../../dev/zero", "/etc/passwd"]

LONG = "x" * 140_000  # over the csv module's default field limit of 128 KiB
TRICKY = [
    "", " ", "\u202e", "\u200f", "\u202egnp.exe", "Russi\u0430", "\u0440us", "\u0430rt", "\x00", "a\x00b", "\r",
    "\n", "\r\n", "a\rb", "\n\n", "\ufeff", "\ufeffid", '"', 'a"b', '""', '"x', ",", "a,b", ";", "\t", "|",
    '=HYPERLINK("http://x")', "=1+1", "+1", "-1", "-", "@SUM(A1)", "\tx", "\rx", "'", "'=x", "''+1", "\x1b[2J",
    "\x07", "\x85", "\u2028", "\u2029", "\x7f", "\U0001f600", "null", "NaN", "None", "NA", "#N/A", "true", "FALSE",
    "1", "0", "2", "01", "+0", "1.0", "1e3", "2024", "2024-02-29", "2023-02-29", "2024-13", "2024-00", "0000",
    "9999-12-31", "2024-1-1", " 2024", "Q0", "Q42", "AFG", "afg", "http://x", "https://example.org/ a", "rus",
    "pak", "iea", "tal", "ttp", "usa", "web", "art", "r1", "alliance", "attack", "state", "event", "reported",
    "alleged", "kab", "person", "1990", "2021-08-14", "2031", "seeds/article.txt", "seeds", "data", "/dev/zero",
    "table", "snapshot", "text", LONG,
    "y" * 2000 + "\u202e",
]
VALID_TRICKY = [t for t in TRICKY if "\x00" not in t]  # a NUL makes a file not UTF-8, by design
IDS = ["rus", "pak", "iea", "tal", "ttp", "usa", "web", "art", "alliance", "attack", "recognition", "r1", "r9"]
ID_COLUMNS = {"id", "source", "target", "relation", "claimed_by", "source_id"}
STRANGE = st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Lo", "So"])


# Strategies -----------------------------------------------------------------------------------------

def cells(column: str = "") -> st.SearchStrategy[str]:
    """Any text for a cell of ``column``: the tricky values above, random unicode, and combinations."""
    options = [st.sampled_from(TRICKY), st.text(max_size=10), st.text(STRANGE, max_size=6),
               st.tuples(st.sampled_from(TRICKY), st.text(max_size=4), st.sampled_from(TRICKY)).map("".join)]
    if column == "file":
        options += [st.sampled_from(SECRET_REFS)] * 3
    if column in ID_COLUMNS:
        options.append(st.sampled_from(IDS))
    return st.one_of(options)


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def write_rows(rows: list[list[str]], *, quoting: str, eol: str, final_eol: bool = True) -> str:
    """Rows as CSV text: ``minimal`` quotes what needs it (a lone CR too), ``all`` every cell, ``none`` no cell
    (commas and quotes in cells then damage the file), ``csv`` is the csv module's writer (it leaves a lone
    CR unquoted)."""
    if quoting == "csv":
        buf = io.StringIO(newline="")
        csv.writer(buf, lineterminator=eol).writerows(rows)
        text = buf.getvalue()
        return text if final_eol else text.removesuffix(eol)

    def cell(v: str) -> str:
        if quoting == "all" or (quoting == "minimal" and re.search(r'[,"\r\n]', v)):
            return '"' + v.replace('"', '""') + '"'
        return v
    return eol.join(",".join(map(cell, row)) for row in rows) + (eol if final_eol else "")


BYTES = [b'"', b'""', b",", b"\x00", b"\r", b"\n", b"\r\n", b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\xe2\x80",
         b"\xe2\x80\xae", b";", b"\t", b"\\", b"'"]


@st.composite
def byte_damage(draw, data: bytes) -> bytes:
    """A few edits of the bytes themselves: insertions, a truncation, a deleted stretch, a BOM."""
    for kind in draw(st.lists(st.sampled_from(["insert", "insert", "truncate", "delete", "bom"]), max_size=3)):
        at = draw(st.integers(0, len(data)))
        if kind == "insert":
            data = data[:at] + draw(st.sampled_from(BYTES) | st.binary(min_size=1, max_size=6)) + data[at:]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 20)):]
        else:
            data = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe"])) + data
    return data


@st.composite
def damaged_csv(draw, text: str) -> bytes:
    """``text`` (a CSV) damaged the way files are: cells, header, rows, quoting, line ends, encoding, bytes."""
    if draw(st.integers(0, 11)) == 0:  # pure noise
        return draw(st.binary(max_size=300) | st.text(max_size=200).map(lambda t: t.encode("utf-8")))
    rows = csv_rows(text)
    for kind in draw(st.lists(st.sampled_from(["cell", "cell", "cell", "header", "insert", "delete", "duplicate",
                                               "blank", "drop-column", "swap"]), max_size=4)):
        if not rows:
            break
        r = draw(st.integers(0, len(rows) - 1))
        width = len(rows[0]) or 1
        if kind == "cell" and len(rows) > 1:
            r = max(r, 1)
            if rows[r]:
                c = draw(st.integers(0, len(rows[r]) - 1))
                rows[r][c] = draw(cells(rows[0][c] if c < len(rows[0]) else ""))
        elif kind == "header" and rows[0]:
            c = draw(st.integers(0, len(rows[0]) - 1))
            rows[0][c] = draw(st.sampled_from(["", "id", "ID", rows[0][c] + " ", " " + rows[0][c], "table",
                                               "\ufeff" + rows[0][c], rows[0][-1], "n\u0430me", "note"]) | cells())
        elif kind == "insert":
            rows.insert(r + 1, draw(st.lists(cells(), min_size=0, max_size=width + 2)))
        elif kind == "delete":
            del rows[r]
        elif kind == "duplicate":
            rows.insert(r, list(rows[r]))
        elif kind == "blank":
            rows.insert(r, draw(st.sampled_from([[], [""], [" "], ["", ""]])))
        elif kind == "drop-column" and rows[0]:
            c = draw(st.integers(0, len(rows[0]) - 1))
            rows = [row[:c] + row[c + 1:] for row in rows]
        elif kind == "swap" and len(rows) > 2:
            s = draw(st.integers(1, len(rows) - 1))
            rows[max(r, 1)], rows[s] = rows[s], rows[max(r, 1)]
    out = write_rows(rows, quoting=draw(st.sampled_from(["minimal", "minimal", "all", "none", "csv"])),
                     eol=draw(st.sampled_from(["\n", "\n", "\r\n", "\r"])), final_eol=draw(st.booleans()))
    encoding = draw(st.sampled_from(["utf-8"] * 8 + ["utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"]))
    return draw(byte_damage(out.encode(encoding, errors="replace")))


@st.composite
def damaged_text(draw, text: str) -> bytes:
    """A stored source text, damaged: another encoding, stray bytes, a BOM, a cut."""
    if draw(st.integers(0, 7)) == 0:
        return draw(st.binary(max_size=200))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return draw(byte_damage(text.encode(encoding, errors="replace")))


def leaking(ref: str, how: str = "new-source") -> dict[str, str]:
    """The tiny dataset's CSV texts with a source whose ``file`` is ``ref``, quoted by a relation."""
    texts = dict(TABLES_REQUIRED)
    if how == "new-source":
        texts["sources.csv"] = SOURCES + f"leak,Leak,,,,,{ref}\n"
        texts["relations.csv"] = RELATIONS + "r9,rus,pak,accusation,2024,,reported,,,,leak,the hidden line,\n"
    else:  # the article's own source points at the secret
        texts["sources.csv"] = SOURCES.replace("seeds/article.txt", ref)
    return texts


@st.composite
def folder_inputs(draw) -> dict[str, bytes | str | None]:
    """A dataset folder's files (``data/NAME`` and ``seeds/article.txt``): bytes, None (removed) or
    ``"folder"`` (a folder in its place)."""
    leak = draw(st.none() | st.sampled_from(SECRET_REFS))
    texts = dict(TABLES_REQUIRED) if leak is None else leaking(leak, draw(st.sampled_from(["new-source", "article"])))
    if draw(st.booleans()):
        texts["citations.csv"] = CITATIONS  # the optional table
    files: dict[str, bytes | str | None] = {f"data/{n}": t.encode() for n, t in texts.items()}
    for name in draw(st.lists(st.sampled_from(TABLE_NAMES), max_size=2, unique=True)):
        k = draw(st.integers(0, 19))  # removed, a folder, empty, or damaged
        files[f"data/{name}"] = None if k == 0 else "folder" if k == 1 else b"" if k == 2 else draw(
            damaged_csv(texts.get(name, BASE[name])))
    if draw(st.integers(0, 4)) == 0:
        files["seeds/article.txt"] = draw(damaged_text(ARTICLE))
    return files


VALID_TEXT = st.one_of(st.sampled_from(VALID_TRICKY), st.text(st.characters(codec="utf-8", exclude_characters="\x00"),
                                                                max_size=12),
                       st.text(STRANGE.filter(lambda c: c != "\x00"), max_size=6),
                       st.tuples(st.sampled_from(VALID_TRICKY), st.sampled_from(VALID_TRICKY)).map("".join))
# Free-text columns (required ones must not be empty), and optional columns that may be left out.
FREE = {"entities.csv": {"name": True, "aliases": False, "role": False, "note": False},
        "relation_types.csv": {"label": True, "description": True},
        "sources.csv": {"title": True, "publisher": False, "author": False},
        "relations.csv": {"note": False, "project": False}, "citations.csv": {"note": False}}
OPTIONAL = {"entities.csv": ["aliases", "iso3", "countries", "wikidata", "start", "end", "role", "note"],
            "relation_types.csv": ["cameo", "plover"], "sources.csv": ["publisher", "author", "published", "url"],
            "relations.csv": ["end", "claimed_on", "project", "note"],
            "citations.csv": ["note"]}  # not quote: the citation of the article must quote it
WEB_CITED = {"r1", "r2", "r3"}  # their source has no stored text: their evidence is free text


@st.composite
def valid_inputs(draw) -> tuple[dict[str, bytes], dict[str, dict[tuple[str, str], str]]]:
    """A valid dataset with strange text in every free-text cell, written with random (correct) quoting, line
    ends, column order, row order, blank lines and optional columns left out; and the cells as written,
    by file and (row key, column)."""
    files, written = {}, {}
    for name, text in BASE.items():
        if name == "citations.csv" and draw(st.booleans()):
            continue  # the optional table left out
        rows = csv_rows(text)
        header, body = rows[0], rows[1:]
        free = dict(FREE[name], **({"evidence": False} if name == "relations.csv" else {}))
        keys = [header.index(c) for c in key_columns(name)]
        cells_written = {}
        for row in body:
            for col, required in free.items():
                if col == "evidence" and row[0] not in WEB_CITED:
                    continue
                if draw(st.integers(0, 2)) > 0:
                    value = draw(VALID_TEXT.filter(bool) if required else VALID_TEXT)
                    row[header.index(col)] = value
                cells_written[tuple(row[k] for k in keys), col] = row[header.index(col)]
        dropped = draw(st.lists(st.sampled_from(OPTIONAL[name]), unique=True, max_size=2))
        keep = [i for i, col in enumerate(header) if col not in dropped]
        order = draw(st.permutations(keep)) if draw(st.integers(0, 3)) == 0 else keep
        rows = [[row[i] for i in order] for row in [header, *draw(st.permutations(body))]]
        for _ in range(draw(st.integers(0, 2))):
            rows.insert(draw(st.integers(1, len(rows))), [])
        written[name] = {k: v for k, v in cells_written.items() if k[1] not in dropped}
        text = write_rows(rows, quoting=draw(st.sampled_from(["minimal", "all"])),
                          eol=draw(st.sampled_from(["\n", "\r\n", "\r"])), final_eol=draw(st.booleans()))
        files[f"data/{name}"] = (b"\xef\xbb\xbf" if draw(st.integers(0, 5)) == 0 else b"") + text.encode()
    # The quotes of the article stay in it; strange text around them.
    article = draw(VALID_TEXT) + ARTICLE.replace("daily.", "daily." + draw(VALID_TEXT)) + draw(VALID_TEXT)
    files["seeds/article.txt"] = (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + article.encode()
    return files, written


def key_columns(name: str) -> list[str]:
    """The columns that identify a row of the table in file ``name``."""
    resource = next(schema()[t] for t in TABLES if schema()[t].path == name)
    return list(resource.primary_key or ("id",))


# The checks -------------------------------------------------------------------------------------------

def _layout(tmp: Path, files: dict) -> tuple[Path, str]:
    """The tiny dataset under ``tmp/ds`` with ``files`` over it, and secrets outside it: ``tmp/ds/secret.txt``
    (beside data/ and seeds/), ``tmp/private/secret.txt``, a link to it in seeds/ and links to its folder in
    data/ and seeds/. Returns the data folder and the secret's absolute path."""
    data = make_dataset(tmp / "ds", **{name.replace(".", "__"): text for name, text in TABLES_REQUIRED.items()})
    private = tmp / "private"
    private.mkdir()
    (private / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp / "ds" / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp / "ds" / "seeds" / "link.txt").symlink_to(private / "secret.txt")
    (tmp / "ds" / "seeds" / "dir").symlink_to(private, target_is_directory=True)
    (data / "texts").symlink_to(private, target_is_directory=True)
    secret = str(private / "secret.txt")
    for rel, content in files.items():
        path = tmp / "ds" / rel
        if path.exists():
            path.unlink()
        if content == "folder":
            path.mkdir()
        elif content is not None:
            path.write_bytes(content.replace(ABS.encode(), secret.encode()))
    (tmp / "out").mkdir()
    return data, secret


def _state(root: Path) -> dict:
    """Every entry under ``root`` (links not followed, ``out/`` left out): its bytes, link target or 'folder'."""
    state = {}
    for folder, dirs, names in os.walk(root):
        if Path(folder) == root:
            dirs.remove("out")
        for name in dirs + names:
            p = Path(folder, name)
            state[p] = (("link", os.readlink(p)) if p.is_symlink() else "folder" if p.is_dir() else p.read_bytes())
    return state


def _records(path: Path) -> list[list[str]]:
    """The CSV records of a file as Python's csv module reads them (blank lines included, as ``[]``)."""
    old = csv.field_size_limit(2**31 - 1)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return list(csv.reader(f))
    finally:
        csv.field_size_limit(old)


def _check_issues(issues, files: dict[str, Path]) -> None:
    """Each issue names one of ``files`` (by name) and, unless it is about the whole file, a row of it: the
    header's for a problem of the header, and one whose cell in the issue's column holds the issue's value."""
    assert issues, "an invalid input needs at least one issue"
    read = {}
    for i in issues:
        assert i.code in CATALOGUE, i
        assert i.file in files, f"{i} names no input file ({sorted(files)})"
        path = files[i.file]
        if i.code in WHOLE_FILE:
            assert i.row is None or (type(i.row) is int and i.row >= 1), i
            raw = path.read_bytes() if i.code == "not-utf8" and path.is_file() else None
            if raw is not None and b"\x00" not in raw and _decodes(raw):
                # The table is UTF-8: the issue is about a stored text, on the row of its source.
                assert i.row is not None and 1 <= i.row <= len(_records(path)), i
            continue
        records = read[path] if path in read else read.setdefault(path, _records(path))
        assert type(i.row) is int, f"{i}: row {i.row!r} is not a whole number"
        assert 1 <= i.row <= len(records), f"{i}: row {i.row} is not in {i.file} ({len(records)} records)"
        header_row = next(n for n, record in enumerate(records, 1) if record)
        if i.code in HEADER:
            assert i.row == header_row, f"{i}: the header is row {header_row} of {i.file}"
        elif i.column is not None and i.value is not None and i.column in records[header_row - 1]:
            record, at = records[i.row - 1], records[header_row - 1].index(i.column)
            cell = record[at] if at < len(record) else ""
            # (a snapshot CSV's cells may carry the spreadsheet escape, a leading ')
            assert i.value in (cell, cell.removeprefix("'")), f"{i}: row {i.row} holds {cell[:200]!r} there"


def _decodes(raw: bytes) -> bool:
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def _cli(runs: list, *args: str):
    result = CliRunner().invoke(relgraph.cli.main, list(args), catch_exceptions=True)
    shown = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, shown)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    runs.append(result)
    return result


def _api(call, *args, **kwargs):
    """``call``'s result, or the relgraph error it raised (any other exception fails the test)."""
    try:
        return call(*args, **kwargs)
    except (relgraph.ValidationError, relgraph.InputError) as e:
        return e


def _texts_inside(root: Path) -> set[str]:
    """The texts of the regular files inside ``root/data`` and ``root/seeds`` (not through links)."""
    found = set()
    for top in (root / "data", root / "seeds"):
        for folder, _, names in os.walk(top):
            for name in names:
                p = Path(folder, name)
                if not p.is_symlink() and p.is_file():
                    found.add(p.read_bytes().decode("utf-8-sig", "replace"))
    return found


def check_everything(tmp: Path, target: Path, names: dict[str, Path], *, folder: bool):
    """Run every entry point on ``target`` (a data folder or snapshot CSV) and check the five properties.
    ``names`` maps the file names issues may carry to their paths. Returns the Dataset, or the error raised."""
    root = tmp / "ds"
    before = _state(tmp)
    out, page = tmp / "out" / "out.csv", tmp / "out" / "page.html"
    runs, said = [], []
    validate = _cli(runs, "validate", "--data", str(target))
    as_json = _cli(runs, "validate", "--json", "--data", str(target))
    snap = _cli(runs, "snapshot", "--data", str(target), "--as-of", "2025-01-01", "-o", str(out))
    render = _cli(runs, "render", "--data", str(target), "-o", str(page))
    diff = _cli(runs, "diff", str(target), str(target))

    # 1. no traceback, and the commands agree on what the data is
    report = _api(relgraph.validate, target)
    ds = _api(relgraph.load, target)
    code = 2 if isinstance(report, relgraph.InputError) else 0 if report.valid else 1
    event(f"exit {code}")
    for r in (validate, as_json, snap, render):
        assert r.exit_code == code, (r.exit_code, code, r.output[-2000:])
    if folder or code == 0:
        assert diff.exit_code == code, (diff.exit_code, code, diff.output[-2000:])
    else:
        assert diff.exit_code != 0, diff.output[-2000:]
    if code == 2:
        assert isinstance(ds, relgraph.InputError), ds
        said.append(str(ds))
    else:
        assert json.loads(as_json.stdout) == json.loads(json.dumps(report.to_dict())), as_json.stdout[-2000:]

    # 2. every issue names its file and a row of it
    if code == 1:
        assert isinstance(ds, relgraph.ValidationError), ds
        assert ds.issues == report.issues
        _check_issues(report.issues, names)
        side = _api(relgraph.diff, target, target)
        assert isinstance(side, (relgraph.ValidationError, relgraph.InputError)), side
        if isinstance(side, relgraph.ValidationError):
            _check_issues(side.issues, names)
        said += [str(ds), str(side)]
        for i in report.issues:
            event(f"issue {i.code}")

    # 5. a valid dataset's snapshot CSV reads back as the same bytes
    if code == 0:
        assert "0 added, 0 removed, 0 changed" in diff.stdout, diff.stdout
        text = ds.to_csv()
        back = tmp / "out" / "back.csv"
        back.write_bytes(text.encode("utf-8"))
        again = relgraph.load(back)
        assert again.to_csv() == text, "the snapshot CSV of the dataset does not read back as itself"
        said.append(text)
        if folder:  # 3. the stored texts come from inside data/ and seeds/
            inside = _texts_inside(root)
            for loaded in (ds, again):
                assert set((loaded.texts or {}).values()) <= inside, loaded.texts

    # 3. the secret never shows
    written = [p.read_bytes().decode("utf-8", "replace") for p in (tmp / "out").iterdir() if p.is_file()]
    for text in [*(r.stdout for r in runs), *(r.stderr for r in runs), *written, *said, str(report)]:
        assert TOKEN not in text, "the secret outside the dataset was read"

    # 4. no input changed
    assert _state(tmp) == before, "an input file was changed"
    return ds


SETTINGS = settings(deadline=None, derandomize=True, database=None, print_blob=False,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large, HealthCheck.large_base_example])


def _nul_after_64_kib() -> bytes:
    """entities.csv with a long note on its first row and a NUL in the next: sorted by id, the NUL comes first."""
    header, *rows = ENTITIES.splitlines(keepends=True)
    return (header + rows[-1].rstrip("\n") + "x" * 70_000 + "\n" + "".join(rows[1:-1])
            + rows[0].replace("IEA|Emirate", "IEA\x00Emirate")).encode()


def _leak_example(ref: str, how: str = "new-source") -> dict:
    return {f"data/{n}": t.encode() for n, t in leaking(ref, how).items()}


# The tests ----------------------------------------------------------------------------------------------

@settings(SETTINGS, max_examples=30)
@given(files=folder_inputs())
@example(files={})
@example(files=_leak_example("../../private/secret.txt"))
@example(files=_leak_example(ABS, "article"))
@example(files=_leak_example("seeds/link.txt"))
@example(files=_leak_example("texts/secret.txt", "article"))
@example(files={"data/relations.csv": RELATIONS.replace("Supreme Court ban", '"a\rb"').encode().replace(b"\n", b"\r")})
@example(files={"data/citations.csv": CITATIONS.replace("a note", '"=1+1\r\n\x1b[2J"').encode()})
# Fixed: after a blank first line the header is row 2, but its issues say row 1
@example(files={"data/entities.csv": b"\n" + ENTITIES.replace("note", "nite").encode()})
# Fixed: a NUL after the first 64 KiB passes, but the snapshot CSV puts it first and is refused
@example(files={"data/entities.csv": _nul_after_64_kib()})
# Fixed: lone-CR line ends, and the first row's first cell empty: that row's cells shift left by one
@example(files={"data/entities.csv": ENTITIES.replace("\n", "\r").replace("\riea,", "\r,").encode()})
# Fixed: a duplicate entity id with lifetime columns present: a traceback (pandas InvalidIndexError)
@example(files={"data/entities.csv": (ENTITIES + "pak,Pakistan,state,,,,,,,\n").encode()})
# Fixed: citations.csv without its optional quote column passes; its snapshot CSV is refused
@example(files={"data/citations.csv": b"relation_id,source_id\nr4,art\n"})
def test_a_damaged_dataset_folder(files):
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        data, _ = _layout(tmp, files)
        check_everything(tmp, data, {n: data / n for n in TABLE_NAMES}, folder=True)


@functools.cache
def _snapshots() -> list[str]:
    """The tiny dataset's snapshot CSVs: the whole dataset, and as of two dates."""
    with tempfile.TemporaryDirectory() as d:
        ds = relgraph.load(make_dataset(Path(d), **{n.replace(".", "__"): t for n, t in BASE.items()}))
    return [ds.to_csv(), ds.snapshot("2025-01-01").to_csv(), ds.snapshot("2024-11-30", window=None).to_csv()]


@st.composite
def snapshot_inputs(draw) -> bytes:
    """A snapshot CSV of the tiny dataset (whole, or as of a date), damaged."""
    text = draw(st.sampled_from(_snapshots()))
    return draw(damaged_csv(text)) if draw(st.integers(0, 9)) else text.encode()


WHOLE = b"@WHOLE@"  # in an explicit example: the tiny dataset's whole snapshot CSV
TAIL = b"@TAIL@"  # ... and that CSV without its first cell ('table')


@settings(SETTINGS, max_examples=15)
@given(content=snapshot_inputs())
@example(content=WHOLE + b"\n\n")
# Fixed: after a blank first line, or with its header quoted, validate reads a snapshot CSV
# and diff a relations CSV
@example(content=b"\n" + WHOLE)
@example(content=b'"table"' + TAIL)
def test_a_damaged_snapshot_csv(content):
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        _, secret = _layout(tmp, {})
        snap = tmp / "ds" / SNAPSHOT_NAME
        whole = _snapshots()[0].encode()
        content = content.replace(WHOLE, whole).replace(TAIL, whole.removeprefix(b"table"))
        snap.write_bytes(content.replace(ABS.encode(), secret.encode()))
        check_everything(tmp, snap, {SNAPSHOT_NAME: snap}, folder=False)


def _project_first(text: str, eol: str) -> bytes:
    """relations.csv with its project column (empty) moved first, written with ``eol`` line ends."""
    rows = csv_rows(text)
    at = rows[0].index("project")
    return write_rows([[row[at], *row[:at], *row[at + 1:]] for row in rows], quoting="minimal", eol=eol).encode()


@settings(SETTINGS, max_examples=8)
@given(generated=valid_inputs())
@example(generated=({"data/relations.csv": _project_first(RELATIONS, "\r\n")}, {}))
# Fixed: lone-CR line ends, and the first row's first cell empty: that row's cells shift left by one
@example(generated=({"data/relations.csv": _project_first(RELATIONS, "\r")}, {}))
# Fixed: citations.csv without its optional quote column (none is needed for a source without a stored text)
@example(generated=({"data/citations.csv": b"relation_id,source_id\nr4,web\n"}, {}))
def test_strange_text_in_a_valid_dataset_is_read_exactly_and_round_trips(generated):
    files, written = generated
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        data, _ = _layout(tmp, files)
        report = relgraph.validate(data)
        assert report.valid, str(report)
        ds = check_everything(tmp, data, {n: data / n for n in TABLE_NAMES}, folder=True)
        for name, cells_written in written.items():
            keys = key_columns(name)
            frame = getattr(ds, name.removesuffix(".csv")).set_index(keys)
            for (row_key, col), value in cells_written.items():
                assert frame.loc[row_key if len(keys) > 1 else row_key[0], col] == value, (name, row_key, col)


ID_PATTERNS = sorted({f.pattern.pattern for r in schema().resources for f in r.fields
                      if f.pattern is not None and f.pattern.pattern.endswith("]*")})


@settings(SETTINGS, max_examples=200)
@given(values=st.lists(st.text(alphabet=st.sampled_from("az09AZ_.-\n \u00e9\u0130\u212a\u0131|"), max_size=6),
                       min_size=1, max_size=12))
def test_id_patterns_are_checked_on_bytes_exactly_as_re_checks_them(values):
    from relgraph.checks import _fullmatch
    assert ID_PATTERNS  # the byte path is taken for these: [a-z0-9][a-z0-9_]* and the like
    for pattern in map(re.compile, ID_PATTERNS):
        array = np.array(values, dtype=object)
        assert _fullmatch(array, pattern).tolist() == [pattern.fullmatch(v) is not None for v in values], pattern


@settings(SETTINGS, max_examples=300)
@given(text=st.text(alphabet=st.sampled_from('a,"\r\n'), max_size=40), bom=st.booleans())
@example(text='id,note\r\n\r\nx,"a, ""b""\nc"\ny', bom=False)
@example(text='a,b\rc,"d\re"\r\n,\n', bom=True)
def test_fields_are_counted_on_bytes_as_the_csv_module_counts_them(text, bom):
    from relgraph.tables import _bounds, _field_counts
    raw = ("\ufeff" if bom else "").encode() + text.encode()
    with io.StringIO(text, newline="") as f:
        expected = [len(record) for record in csv.reader(f)]
    assert _field_counts(raw)[0].tolist() == expected
    counted = _bounds(raw)
    assert counted is None or counted[2].tolist() == expected
    if counted is not None:  # and each record's bytes read alone as that record
        with io.StringIO(text, newline="") as f:
            records = list(csv.reader(f))
        alone = [list(csv.reader(io.StringIO(raw[s:e].decode(), newline=""))) for s, e in zip(*counted[:2])]
        assert [r[0] if r else [] for r in alone] == records


_FIELD = st.text(alphabet=st.sampled_from('a,"\r\né'), max_size=3)


@settings(SETTINGS, max_examples=300)
@given(pool=st.lists(st.lists(_FIELD, min_size=1, max_size=3), min_size=1, max_size=6),
       first=st.lists(st.tuples(st.integers(0, 5), st.booleans()), max_size=6),
       second=st.lists(st.tuples(st.integers(0, 5), st.booleans()), max_size=6),
       ends=st.tuples(st.sampled_from(["\n", "\r\n", "\r"]), st.sampled_from(["\n", "\r\n", "\r"])),
       bom=st.booleans(), blank=st.booleans(), other_header=st.booleans(), junk=st.booleans())
@example(pool=[["a\n", "é"], ["a", ""]], first=[(0, False), (1, False)], second=[(1, False), (0, True), (0, False)],
         ends=("\r\n", "\n"), bom=True, blank=True, other_header=False, junk=False)
@example(pool=[["a", "x"], ["b", "y"], ["c", "z"]], first=[(0, False), (1, False)],  # sorted: merged
         second=[(0, False), (1, False), (2, False)], ends=("\n", "\n"), bom=False, blank=False, other_header=False,
         junk=False)
def test_a_file_read_knowing_an_earlier_one_reads_as_it_does_alone(pool, first, second, ends, bom, blank,
                                                                   other_header, junk):
    """A diff's second side takes the records it shares with the first, byte for byte, from the first's
    frame and parses the others: the same table and problems as a plain read, and the shared rows marked."""
    import pandas as pd

    from relgraph.tables import read_table

    def record(i, quote_all):  # one CSV record without its line end (Python 3.11's csv module leaves a lone
        # line end unquoted when it is not the writer's line terminator)
        return ",".join('"' + f.replace('"', '""') + '"' if quote_all or set(f) & set(',"\r\n') or f == ""
                        and len(pool[i % len(pool)]) == 1 else f for f in pool[i % len(pool)])

    def text(header, picked, end, *extra):
        return end.join([header, *extra, *(record(*p) for p in picked)]) + end

    a = text("id,title", first, ends[0]).encode()
    b = (("\ufeff" if bom else "") + text("id,title,note" if other_header else "id,title", second, ends[1],
                                          *([""] if blank else []), *(['x,say "no"'] if junk else []))).encode()
    resource = schema()["sources"]
    was, _ = read_table(a, resource, name="a.csv", keep=True)
    alone, alone_issues = read_table(b, resource, name="b.csv")
    table, issues = read_table(b, resource, name="b.csv", prior=was.records if was is not None else None)
    assert issues == alone_issues
    assert (table is None) == (alone is None)
    if table is None:
        return
    pd.testing.assert_frame_equal(table.frame, alone.frame)
    assert table.rows.tolist() == alone.rows.tolist()
    earlier = [record(*p) for p in first if len(pool[p[0] % len(pool)]) <= 2]  # the first file's rows
    if was is None or other_header or junk or len(set(earlier)) < len(earlier):  # a valid file's are distinct
        assert table.known is None
        return
    assert table.known.tolist() == [record(*p) in earlier for p in second if len(pool[p[0] % len(pool)]) <= 2]


@settings(max_examples=300, deadline=None)
@given(names=st.lists(st.text(alphabet=st.sampled_from("aW i.-(é\t漢 ") | st.characters(max_codepoint=0x7f),
                              max_size=40), max_size=20))
@example(names=["W" * 25, "Actor 3 political movemen", "Actor 3 political moveme", "", " a", "a  b", "x" * 200])
def test_labels_measured_together_are_those_measured_one_by_one(names):
    """style.labels takes names of printable ASCII words that fit on a line as they are, measured in one
    pass; each label and size is still what wrapping that one name gives."""
    from relgraph import style

    assert style.labels(names) == ([style.wrap_label(n) for n in names],
                                   [style.label_size(style.wrap_label(n)) for n in names])
