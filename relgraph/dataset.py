"""Validated datasets: the four tables, read from a folder or built from DataFrames."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from . import dates
from .errors import InputError, Issue, ValidationError
from .load import Table, frame_table, read_table
from .snapshot import (META_TABLE, RULES, TABLE_COLUMN, TABLE_ORDER, TEXT_COLUMN, csv_columns,
                       parse_window)
from .schema import Field, Resource, Schema, bundled_data_dir, schema
from .validate import check_tables, typed

TABLES = ("entities", "relation_types", "sources", "relations")


@dataclass(frozen=True, eq=False)
class Tables:
    """The validated tables of one dataset.

    Text cells are strings, ``""`` where empty; ``relation_types.directed`` is
    bool and ``relation_types.valence`` int. ``base`` is the folder the data was
    read from (source texts are resolved against it), None for DataFrames.
    ``texts`` maps ``sources.file`` to the stored text when the data came
    without a folder to find it in (a snapshot CSV, a git revision).
    ``snapshot_info`` holds ``as_of``, ``rule`` and ``window`` of a snapshot.
    """

    entities: pd.DataFrame
    relations: pd.DataFrame
    relation_types: pd.DataFrame
    sources: pd.DataFrame
    name: str = "dataset"
    base: Path | None = None
    texts: dict | None = None
    snapshot_info: dict | None = None

    def with_relations(self, relations: pd.DataFrame, entities: pd.DataFrame | None = None):
        """A copy with other relation (and entity) rows; tables stay sorted by id."""
        entities = self.entities if entities is None else entities
        return replace(self, relations=relations.reset_index(drop=True),
                       entities=entities.reset_index(drop=True))


def _finish(tables: dict[str, Table], issues: list[Issue], base: Path, sch: Schema) -> dict:
    issues = issues + check_tables(tables, sch, base)
    if issues or len(tables) < len(TABLES):
        raise ValidationError(issues)
    return {name: typed(tables[name], sch[name]).sort_values("id", kind="stable").reset_index(drop=True)
            for name in TABLES}


def read_tables(path=None) -> dict:
    """Read and validate a dataset folder (default: the bundled one) or a snapshot CSV.

    Returns the keyword arguments of :class:`Tables` other than ``name`` and ``base``.

    Raises
    ------
    InputError
        If ``path`` is neither a folder nor a file.
    ValidationError
        With every problem found, if there is any.
    """
    base = Path(path) if path is not None else bundled_data_dir()
    if base.is_file():
        return read_snapshot(base)
    if not base.is_dir():
        raise InputError(f"{base}: not a dataset folder (expected a folder with "
                         + ", ".join(f"{n}.csv" for n in TABLES) + ")")
    sch = schema()
    tables, issues = {}, []
    for name in TABLES:
        table, problems = read_table(base / sch[name].path, sch[name])
        issues += problems
        if table is not None:
            tables[name] = table
    return _finish(tables, issues, base.resolve(), sch)  # resolved: Path('.').parent is '.', not the parent


def _snapshot_resource(name: str) -> Resource:
    """The snapshot CSV as one table of text columns, for the structural checks of :func:`read_table`."""
    return Resource("snapshot", name, tuple(Field(c, "string", required=c == TABLE_COLUMN)
                                            for c in csv_columns()), (), ())


def _materialise(texts: dict[str, str], root: Path) -> None:
    """Write source texts under ``root`` at their ``file`` paths, so validation finds them there."""
    for rel, text in texts.items():
        target = (root / rel).resolve()
        if root.resolve() in target.parents:  # a path escaping root stays unwritten: reported missing
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def validate_with_texts(tables: dict[str, Table], issues: list[Issue], texts: dict[str, str]) -> dict:
    """Validate tables whose source texts are given in memory rather than beside them in a folder."""
    with tempfile.TemporaryDirectory(prefix="relgraph-") as tmp:
        _materialise(texts, Path(tmp))
        return _finish(tables, issues, Path(tmp), schema())


def read_snapshot(path: Path) -> dict:
    """Read and validate a snapshot CSV (see :mod:`relgraph.snapshot`); rows are numbered as in the file."""
    path = Path(path)
    table, issues = read_table(path, _snapshot_resource(path.name))
    if any(i.code == "missing-column" and i.column == TABLE_COLUMN for i in issues):
        raise InputError(f"{path}: not a snapshot CSV (no {TABLE_COLUMN!r} column); give a dataset "
                         "folder or a CSV written by relgraph snapshot")
    if table is None:
        raise ValidationError(issues)
    frame, sch = table.frame, schema()
    kind = frame[TABLE_COLUMN]
    known = kind.isin([*TABLES, META_TABLE])
    issues += [Issue(path.name, int(r), TABLE_COLUMN, v, "invalid-enum",
                     "expected one of: " + ", ".join([META_TABLE, *TABLE_ORDER]))
               for r, v in zip(table.rows[~known.to_numpy()], kind[~known])]
    tables = {}
    for name in TABLES:
        rows = (kind == name).to_numpy()
        own = set(sch[name].columns) | ({TEXT_COLUMN} if name == "sources" else set())
        # A value in a column its table lacks would be silently lost: report it instead.
        for col in (c for c in frame.columns if c not in own and c != TABLE_COLUMN):
            stray = rows & (frame[col] != "").to_numpy()
            issues += [Issue(path.name, int(r), col, v, "misplaced-value",
                             f"a {name} row has no column {col!r}; leave it empty")
                       for r, v in zip(table.rows[stray], frame[col].to_numpy()[stray])]
        tables[name] = Table(name, path.name, frame.loc[rows, sch[name].columns].reset_index(drop=True),
                             table.rows[rows])
    sources = frame[(kind == "sources") & (frame["file"] != "") & (frame[TEXT_COLUMN] != "")]
    texts = dict(zip(sources["file"], sources[TEXT_COLUMN]))
    info, meta_issues = _snapshot_meta(table, (kind == META_TABLE).to_numpy())
    return dict(validate_with_texts(tables, issues + meta_issues, texts), texts=texts, snapshot_info=info)


def _snapshot_meta(table: Table, rows) -> tuple[dict | None, list[Issue]]:
    """``as_of``, ``rule`` and ``window`` from the ``snapshot`` row, if there is one, and its problems."""
    if not rows.any():
        return None, []
    meta, (first, *more) = table.frame[rows], table.rows[rows]
    m = meta.iloc[0]
    if not (m["as_of"] or m["rule"] or m["window"]):
        return None, []  # a whole dataset in snapshot form, not taken on a date
    issues = [Issue(table.file, int(r), TABLE_COLUMN, META_TABLE, "duplicate-value",
                    f"only one snapshot row is allowed; the first is row {first}") for r in more]
    info = {"as_of": m["as_of"], "rule": m["rule"], "window": None}
    try:
        info["as_of"] = str(dates.to_day(m["as_of"]))
    except ValueError as e:
        issues.append(Issue(table.file, int(first), "as_of", m["as_of"], "invalid-date", str(e)))
    if m["rule"] not in RULES:
        issues.append(Issue(table.file, int(first), "rule", m["rule"], "invalid-enum",
                            "expected one of: " + ", ".join(RULES)))
    try:
        info["window"] = parse_window(m["window"] or "all")
    except ValueError as e:
        issues.append(Issue(table.file, int(first), "window", m["window"], "invalid-type", str(e)))
    return info, issues


def source_texts(tables: Tables) -> dict[str, str]:
    """The stored text of each source ``file``: from ``tables.texts``, else found as validation finds it."""
    if tables.texts is not None:
        return dict(tables.texts)
    if tables.base is None:
        return {}
    out = {}
    for rel in tables.sources.loc[tables.sources["file"] != "", "file"]:
        found = next((p for p in (tables.base / rel, tables.base.parent / rel) if p.is_file()), None)
        if found is not None:
            out[rel] = found.read_text(encoding="utf-8")
    return out


def frames_tables(frames: dict[str, pd.DataFrame], base: Path | None) -> dict[str, pd.DataFrame]:
    """Validate DataFrames as the tables of a dataset; file names in issues are the CSV names."""
    sch = schema()
    tables, issues = {}, []
    for name in TABLES:
        table, problems = frame_table(frames[name], sch[name], sch[name].path)
        issues += problems
        if table is not None:
            tables[name] = table
    return _finish(tables, issues, base or Path.cwd(), sch)


def validate_path(path=None) -> list[Issue]:
    """Every problem of a dataset folder, as a list (empty when valid)."""
    try:
        read_tables(path)
    except ValidationError as e:
        return list(e.issues)
    return []
