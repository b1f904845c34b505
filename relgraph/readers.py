"""Readers: every kind of input a command takes, as validated tables and source texts in memory.

An input is a dataset folder, a snapshot CSV, a bare relations CSV (one side
of a diff), DataFrames, or any of the files at a git revision, written
``REV:path`` as for ``git show`` (``HEAD~3:data``, ``v1.0:snapshots/2024.csv``;
the path is from the top of the repository, or from the current folder when it
starts with ``./``). Revisions are read with ``git cat-file`` (:mod:`relgraph.git`),
never by checking anything out, and the source texts a dataset quotes come from
the same revision.

Readers do all the I/O and return, with the tables, the stored texts of the
sources (by ``file``); nothing is written anywhere to be read back, and every
message names the input as the user wrote it. Each reader returns the fields
of :class:`relgraph.Dataset` as a dict.
"""
from __future__ import annotations

import csv
import io
import os
import posixpath
from pathlib import Path

import numpy as np
import pandas as pd

from . import git
from .checks import check_tables, typed
from .errors import InputError, ValidationError
from .issues import Issue, Report
from .outputs import visible
from .schema import TABLES, Schema, key, schema
from .snapshot_csv import TABLE_COLUMN, is_snapshot_header, snapshot_resource, split_snapshot
from .tables import Table, as_text, empty_table, frame_table, not_regular, positions, read_table, utf8_problem

_PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED_NAME = "relgraph bundled dataset"


def bundled_root() -> Path:
    """Folder holding the bundled ``data/`` and ``seeds/``.

    Inside an installed wheel they travel as ``relgraph/bundled/``; in a source
    checkout they are the top-level folders beside ``relgraph/``.
    """
    installed = _PACKAGE_DIR / "bundled"
    return installed if (installed / "data").is_dir() else _PACKAGE_DIR.parent


def bundled_data_dir() -> Path:
    """The bundled dataset's folder."""
    return bundled_root() / "data"


def _validated(tables: dict[str, Table], issues: list[Issue], texts: dict[str, str], *, source: str,
               sch: Schema, convert: bool = True, like: dict | None = None) -> dict:
    """Check the tables read; the typed tables, sorted by id, or ValidationError with every problem.
    ``convert=False``: the text tables as read (only checking, as validate does: no copy of them made).
    ``like``: the fields of a valid dataset read just before (a diff's first side): rows the same as its
    rows are not checked one by one again (:func:`_known_rows`)."""
    known = _known_rows(tables, texts, like, sch) if like is not None else None
    issues = issues + check_tables(tables, sch, texts, known=known)
    if issues or len(tables) < len(TABLES):
        raise ValidationError(Report(source, issues))
    if not convert:
        return {name: tables[name].frame for name in TABLES}
    return {name: _sorted(typed(tables[name], sch[name]), list(key(sch[name])),
                          in_order=tables[name].in_order(key(sch[name])[0])) for name in TABLES}


def _known_rows(tables: dict[str, Table], texts: dict[str, str], like: dict, sch: Schema) -> dict:
    """For each table whose checks look up only tables (and stored texts) that are the same as in ``like``,
    the valid dataset read before: which of its rows are, cell for cell, ``like``'s row of the same id.

    Such a row cannot have a problem of its own: every check of a single row reads that row and the tables
    it points to, which are unchanged. Only what spans rows (an id used twice) needs the whole table again.
    """
    # A row read from a record of ``like``'s file (the same bytes) is known without looking.
    same = {name: _as_before(table, like[name], sch[name]) if table.known is None else table.known
            for name, table in tables.items() if key(sch[name]) == ("id",) and isinstance(like.get(name), pd.DataFrame)}
    # The same rows, once each (its ids counted: the check of unique ids needs them anyway).
    unchanged = {name for name, rows in same.items() if rows.all() and len(rows) == len(like[name])
                 and len(tables[name].distinct("id", unique=True)[1]) == len(rows)}
    # The tables a table points to are all its checks read besides its rows; for relations, the entities
    # (lifetimes too) and the sources, whose stored texts must be the same as well.
    return {name: rows for name, rows in same.items()
            if {fk.resource for fk in sch[name].foreign_keys} <= unchanged
            and (name != "relations" or texts == like.get("texts"))}


def _as_before(table: Table, before: pd.DataFrame, resource) -> np.ndarray:
    """Which rows of ``table`` (text) are, cell for cell, the row of ``before`` (a valid typed table) with
    the same id; a boolean or integer cell as ``before`` writes it ("true", "3"), a spelling that is valid."""
    from .compare import id_index  # here: only a diff's second side is read knowing another

    ids = id_index(before)
    if ids is None:
        return np.zeros(len(table.frame), dtype=bool)
    at = positions(ids, table.frame["id"].to_numpy(dtype=object))
    same, at = at >= 0, np.maximum(at, 0)
    for f in resource.fields:
        was = before[f.name]
        was = as_text(was) if f.type in ("boolean", "integer") else was
        same &= table.frame[f.name].to_numpy(dtype=object) == was.to_numpy(dtype=object)[at]
    return same


def _sorted(frame: pd.DataFrame, by: list[str], *, in_order: bool = False) -> pd.DataFrame:
    """``frame`` sorted by ``by``, with a fresh index; as it is when already in order (files usually are).
    ``in_order``: ``by[0]`` is known to increase (the check of unique ids found it so), not looked at again."""
    if len(by) == 1 and (in_order or pd.Index(frame[by[0]], dtype=object).is_monotonic_increasing):
        return frame.reset_index(drop=True)
    return frame.sort_values(by, kind="stable").reset_index(drop=True)


def _read_tables(read, texts_of, *, source: str, convert: bool = True, like: dict | None = None,
                 keep: dict | None = None) -> dict:
    """Read every table with ``read(resource, **how)`` (a table or None, and its problems; ``how``: the
    keywords ``keep`` or ``prior`` of :func:`~relgraph.tables.read_table`), the source texts with
    ``texts_of(sources_table)`` (texts by file and their problems), then validate them all (``convert``,
    ``like``: as for :func:`_validated`; ``keep``, and the records in ``like``: as for :func:`read_side`)."""
    sch = schema()
    tables, issues = {}, []
    prior = (like or {}).get("records", {})
    for name in TABLES:
        how = {"keep": True} if keep is not None else {"prior": prior[name]} if name in prior else {}
        table, problems = read(sch[name], **how)
        if keep is not None and table is not None and table.records is not None:
            keep[name] = table.records
        if sch[name].optional and [p.code for p in problems] == ["missing-file"]:
            table, problems = empty_table(sch[name]), []  # a dataset from before the table existed
        issues += problems
        if table is not None:
            tables[name] = table
    texts = {}
    if "sources" in tables:
        texts, problems = texts_of(tables["sources"])
        issues += problems
    return dict(_validated(tables, issues, texts, source=source, sch=sch, convert=convert, like=like), texts=texts)


def _stored_files(sources: Table):
    """(row number, file) of each source that names a stored text."""
    named = sources.frame["file"] != ""
    return zip(sources.rows[named.to_numpy()], sources.frame.loc[named, "file"])


def _collect_texts(sources: Table, find) -> tuple[dict[str, str], list[Issue]]:
    """Texts by file, using ``find(rel)`` -> (bytes, where found) or an issue's (code, message)."""
    texts, issues = {}, []
    for row, rel in _stored_files(sources):
        found = find(rel)
        if isinstance(found[0], bytes):
            raw, where = found
            problem = utf8_problem(raw)
            # Its text travels in snapshot CSVs: it must be read exactly, or not at all.
            found = None if problem is None else ("not-utf8", f"{where} is {problem[2]}")
        if found is None:
            texts[rel] = raw.decode("utf-8-sig")
        else:
            issues.append(Issue(sources.file, int(row), "file", rel, *found))
    return texts, issues


MAX_TEXT_BYTES = 16 * 2**20  # a stored source text; a long report is a few hundred KiB
_SEEDS = "seeds"


def _absolute(rel: str) -> tuple[str, str] | None:
    if posixpath.isabs(rel) or Path(rel).is_absolute() or Path(rel).drive:
        return "unsafe-source-file", "an absolute path; give the file's path relative to the dataset's folder"
    return None


def _too_large(size: int, where: str) -> tuple[str, str] | None:
    if size > MAX_TEXT_BYTES:
        return "unsafe-source-file", f"{where} has {size:,} bytes; a stored text may have at most {MAX_TEXT_BYTES:,}"
    return None


def read_folder(path=None, *, name: str | None = None, convert: bool = True, like: dict | None = None,
                keep: dict | None = None) -> dict:
    """Read and validate a dataset folder (default: the bundled one); ``convert=False`` only checks it
    (the tables stay text, in file order); ``like``, ``keep``: as for :func:`read_side`.

    Source texts (``sources.file``) are looked up beside the tables, then one
    folder up (``seeds/`` beside ``data/``).

    Raises
    ------
    InputError
        If ``path`` is not a folder.
    ValidationError
        With every problem found, if there is any.
    """
    base = Path(path) if path is not None else bundled_data_dir()
    if not base.is_dir():
        raise InputError(f"{base}: not a dataset folder (expected a folder with "
                         + ", ".join(schema()[n].path for n in TABLES if not schema()[n].optional) + ")")
    seen = {(base / schema()[t].path).resolve() for t in TABLES}

    def read(resource, **how):
        return read_table(base / resource.path, resource, name=resource.path, **how)
    fields = _read_tables(read, lambda sources: _collect_texts(sources, _on_disk(base, seen)), source=str(base),
                          convert=convert, like=like, keep=keep)
    return dict(fields, name=name or (BUNDLED_NAME if path is None else visible(base.resolve().name)),
                snapshot_info=None, inputs=frozenset(seen))


def _on_disk(base: Path, seen: set):
    """``find(rel)`` for the texts of a folder on disk: beside the tables, then one folder up.

    Datasets are untrusted: a text must resolve, symbolic links followed, inside the dataset's
    folder or the ``seeds/`` folder beside it, be a regular file and at most
    :data:`MAX_TEXT_BYTES` long; anything else is never opened. The paths read are added to ``seen``.
    """
    # resolved: Path('.').parent is '.', not the parent where seeds/ may be
    root = base.resolve()
    allowed = (root, root.parent / _SEEDS)

    def find(rel: str):
        if problem := _absolute(rel):
            return problem
        for candidate, shown in ((root / rel, base / rel), (root.parent / rel, base.parent / rel)):
            if not os.path.lexists(candidate):
                continue
            real = Path(os.path.realpath(candidate))
            if not any(real == a or a in real.parents for a in allowed):
                link = " (through a symbolic link)" if real != Path(os.path.abspath(candidate)) else ""
                return ("unsafe-source-file", f"{shown} is outside the dataset's folder {base} and "
                        f"{base.parent / _SEEDS}{link}; stored texts must be inside them")
            if kind := not_regular(real):
                return "unsafe-source-file", f"{shown} is {kind}, not a regular file"
            seen.add(real)
            with open(real, "rb") as f:
                raw = f.read(MAX_TEXT_BYTES + 1)
            return _too_large(os.stat(real).st_size, str(shown)) or (raw, str(shown))
        return "missing-source-file", f"no such file in {base} or {base.parent}"
    return find


def read_frames(frames: dict[str, pd.DataFrame], *, texts: dict[str, str], base=None, name: str) -> dict:
    """Validate DataFrames as the tables of a dataset; issues name the CSV files they stand for.

    ``texts`` maps a source's ``file`` to its stored text; other files are
    looked up under the folder ``base`` as for a dataset folder. A source
    whose text is found in neither is a ``missing-source-file`` issue.
    """
    seen = set()
    on_disk = _on_disk(Path(base), seen) if base is not None else None

    def find(rel: str):
        if rel in texts:
            return texts[rel].encode("utf-8"), rel
        return on_disk(rel) if on_disk else ("missing-source-file", "no text given for it (texts=) and no base folder")

    def read(resource):
        return frame_table(frames[resource.name], resource, resource.path)
    fields = _read_tables(read, lambda sources: _collect_texts(sources, find), source=name)
    return dict(fields, name=name, snapshot_info=None, inputs=frozenset(seen))


def read_snapshot(source: Path | bytes, *, name: str, where: str, convert: bool = True,
                  like: dict | None = None) -> dict:
    """Read and validate a snapshot CSV (see :mod:`relgraph.snapshot_csv`); rows are numbered as in the file.
    ``convert=False`` only checks it, as for :func:`read_folder`; ``like``: as for :func:`read_side`."""
    table, issues = read_table(source, snapshot_resource(name), name=name, where=where)
    if any(i.code == "missing-column" and i.column == TABLE_COLUMN for i in issues):
        raise InputError(f"{where}: not a snapshot CSV (no {TABLE_COLUMN!r} column); give a dataset "
                         "folder or a CSV written by relgraph snapshot")
    if table is None:
        raise ValidationError(Report(where, issues))
    tables, texts, info, problems = split_snapshot(table)
    fields = _validated(tables, issues + problems, texts, source=where, sch=schema(), convert=convert, like=like)
    inputs = frozenset() if isinstance(source, bytes) else frozenset({source.resolve()})
    return dict(fields, texts=texts, name=name, snapshot_info=info, inputs=inputs)


def read_relations_csv(source: Path | bytes, *, where: str) -> pd.DataFrame:
    """A relations CSV exported from elsewhere: checked for structure, compared as text.

    Its ``id`` column may be missing or empty (the diff then matches relations
    by source, target, relation and start); nothing else about it is validated.
    """
    name = posixpath.basename(where.replace("\\", "/")) or where
    table, issues = read_table(source, schema()["relations"], name=name, where=where)
    issues = [i for i in issues if not (i.column == "id" and i.code == "missing-column")]
    if issues or table is None:
        raise ValidationError(Report(where, issues))
    return table.frame


def _header(source: Path | bytes) -> list[str]:
    """The first non-empty CSV record (quotes and blank lines as the csv module reads them)."""
    raw = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115 (closed below)
    with io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as f:
        return next((row for row in csv.reader(f) if row), [])


def read_dataset(path=None, *, convert: bool = True, like: dict | None = None, keep: dict | None = None) -> dict:
    """Read and validate a dataset folder (default: the bundled one) or a snapshot CSV; ``convert=False``
    only checks it, as for :func:`read_folder`; ``like``, ``keep`` (for a folder): as for :func:`read_side`.

    Raises InputError for a file that is not a snapshot CSV, and for anything that is neither.
    """
    if path is not None and Path(path).is_file():
        p = Path(path)
        return read_snapshot(p, name=p.name, where=str(path), convert=convert, like=like)
    return read_folder(path, convert=convert, like=like, keep=keep)


def validate(path=None) -> Report:
    """The :class:`~relgraph.issues.Report` of a dataset folder or snapshot CSV (the bundled data when None)."""
    source = str(path) if path is not None else str(bundled_data_dir())
    try:
        fields = read_dataset(path, convert=False)
    except ValidationError as e:
        return e.report
    return Report(source, (), {name: len(fields[name]) for name in TABLES})


def read_side(spec, *, cwd=None, like: dict | None = None, keep: dict | None = None) -> dict | pd.DataFrame:
    """One side of a diff: the fields of a Dataset, or a DataFrame for a bare relations CSV.

    An existing path wins over a git revision of the same spelling. ``like``: the fields of the other
    side, as this function returned them (so validated): rows the same as its rows are checked only for
    what spans rows, which gives the same problems in less time (a diff's second side is mostly the
    first). ``keep``: a dict that the records of each table file read are put in (a folder's or a tree's:
    :class:`~relgraph.tables.Records`); given back in ``like`` as ``like["records"]``, a record of them
    the same byte for byte is not parsed again.

    Raises
    ------
    InputError
        If ``spec`` is neither an existing path nor a readable git revision.
    ValidationError
        If the data has problems (every problem is listed).
    """
    spec = str(spec)
    path = Path(cwd or ".") / spec
    if path.exists():
        if path.is_file() and not is_snapshot_header(_header(path)):
            return read_relations_csv(path, where=spec)
        return dict(read_dataset(path, like=like, keep=keep), name=spec)
    if ":" in spec:
        return read_revision(spec, cwd=cwd, like=like, keep=keep)
    raise InputError(f"{spec}: no such file or folder, and not a git revision (write REV:path, e.g. HEAD~1:data)")


def read_revision(spec: str, *, cwd=None, like: dict | None = None, keep: dict | None = None
                  ) -> dict | pd.DataFrame:
    """Read ``REV:path`` from the git repository around ``cwd`` (default: the current folder); ``like``,
    ``keep``: as for :func:`read_side`."""
    rev, _, where = spec.partition(":")
    if where.startswith(("./", "../")) or where in (".", ".."):
        where = posixpath.normpath(posixpath.join(git.prefix(cwd), where))
    where = posixpath.normpath(where).lstrip("/") if where else ""
    where = "" if where == "." else where
    try:
        kind = git.object_type(rev, where, cwd)
    except InputError as e:
        raise InputError(f"{spec}: not a readable git revision and path ({e})") from None
    if kind == "blob":
        content = git.blob(rev, where, cwd)
        if not is_snapshot_header(_header(content)):
            return read_relations_csv(content, where=spec)
        return read_snapshot(content, name=posixpath.basename(where), where=spec, like=like)
    if kind != "tree":
        raise InputError(f"{spec}: a git {kind}, not a dataset folder or a CSV file")

    def at(path: str) -> str:
        return f"{rev}:{path}"

    parent = posixpath.dirname(where)
    allowed = (where, posixpath.join(parent, _SEEDS))

    def find(rel: str):
        # The same rule as for a folder on disk, on the revision's own tree: never the disk.
        if problem := _absolute(rel):
            return problem
        for base in (where, parent):
            path = posixpath.normpath(posixpath.join(base, rel))
            if path == ".." or path.startswith("../"):
                return "unsafe-source-file", f"{rel} leads outside the repository of {at(where or '.')}"
            entry = git.entry(rev, path, cwd)
            if entry is None:
                continue
            mode, kind, size = entry
            if not any(a in ("", ".") or path.startswith(a + "/") for a in allowed):
                return ("unsafe-source-file", f"{at(path)} is outside the dataset's folder {at(where or '.')} and "
                        f"{at(allowed[1])}; stored texts must be inside them")
            if mode == "120000" or kind != "blob":
                what = "symbolic link" if kind == "blob" else kind
                return "unsafe-source-file", f"{at(path)} is a {what}, not a regular file"
            return _too_large(size, at(path)) or (git.blob(rev, path, cwd), at(path))
        return "missing-source-file", f"no such file in {at(where or '.')} or {at(parent or '.')}"

    def read(resource, **how):
        path = posixpath.join(where, resource.path)
        return read_table(git.blob(rev, path, cwd), resource, name=resource.path, where=at(path), **how)
    fields = _read_tables(read, lambda sources: _collect_texts(sources, find), source=spec, like=like, keep=keep)
    return dict(fields, name=spec, snapshot_info=None, inputs=frozenset())
