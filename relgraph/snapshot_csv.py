"""The canonical snapshot CSV: one file holding a whole dataset (or a snapshot of one).

* a leading ``table`` column says which table a row belongs to
  (``relation_types``, ``sources``, ``entities``, ``relations``), then come the
  union of the tables' columns, relations' first;
* ``text`` holds the stored text of each source that has a ``file``, so quotes
  are still checked wherever the file is copied;
* the first data row (``table`` = ``snapshot``) holds ``as_of``, ``rule`` and
  ``window`` (empty for a whole dataset);
* rows come in that table order, each table sorted by id: same input, same bytes.

Every command accepts such a file wherever it takes a dataset. This module
writes the format and splits a file read back into its tables
(:func:`split_snapshot`); :mod:`relgraph.readers` validates them.
"""
from __future__ import annotations

import pandas as pd

from . import dates
from .asof import RULES, parse_window
from .checks import issues_where
from .issues import Issue
from .outputs import csv_text, from_spreadsheet_safe, spreadsheet_safe
from .schema import TABLES, Field, Resource, schema
from .tables import Table, as_text

TABLE_COLUMN = "table"
TEXT_COLUMN = "text"
META_TABLE = "snapshot"
META_COLUMNS = ("as_of", "known_by", "rule", "window")
# Written in dependency order: what a row refers to comes before it.
TABLE_ORDER = ("relation_types", "sources", "entities", "relations", "citations")


def csv_columns() -> list[str]:
    """Columns of the snapshot CSV: ``table``, the relations' columns, then the other tables'.

    Examples
    --------
    >>> csv_columns()[:5], csv_columns()[-5:]
    (['table', 'id', 'source', 'target', 'relation'], ['text', 'as_of', 'known_by', 'rule', 'window'])
    """
    sch = schema()
    cols = [TABLE_COLUMN]
    for name in ("relations", "entities", "relation_types", "sources", "citations"):
        cols += [c for c in sch[name].columns if c not in cols]
    return cols + [TEXT_COLUMN, *META_COLUMNS]


def snapshot_frame(tables, texts: dict[str, str] | None = None) -> pd.DataFrame:
    """The canonical snapshot table of ``tables`` (see the module docstring), as text cells.

    ``texts`` maps a source's ``file`` to its stored text; ``tables.snapshot_info``
    fills the first row (empty cells when the tables are not a snapshot).

    Examples
    --------
    >>> import relgraph
    >>> f = snapshot_frame(relgraph.load().snapshot("2025-07-31"))
    >>> f.table.drop_duplicates().tolist()[:5]
    ['snapshot', 'relation_types', 'sources', 'entities', 'relations']
    >>> f.loc[0, ["as_of", "rule", "window"]].tolist()
    ['2025-07-31', 'possible', '365']
    """
    info = tables.snapshot_info or {}
    window = info.get("window", "")
    meta = pd.DataFrame([{TABLE_COLUMN: META_TABLE, "as_of": info.get("as_of") or "",
                          "known_by": info.get("known_by") or "", "rule": info.get("rule", ""),
                          "window": "all" if window is None else str(window)}])
    parts = [meta]
    for name in TABLE_ORDER:
        part = getattr(tables, name).apply(as_text).assign(**{TABLE_COLUMN: name})
        if name == "sources":
            part[TEXT_COLUMN] = [(texts or {}).get(f, "") for f in part["file"]]  # a few sources, not a hot path
        parts.append(part)
    return pd.concat(parts, ignore_index=True).reindex(columns=csv_columns()).fillna("")


def snapshot_csv(tables, texts: dict[str, str] | None = None) -> str:
    """:func:`snapshot_frame` as CSV text (UTF-8, ``\n`` line ends, minimal quoting).

    A cell a spreadsheet would run as a formula is written with a leading ``'``
    (:func:`relgraph.outputs.spreadsheet_safe`), which reading takes off again: the
    file opens as text in a spreadsheet and still reads back exactly.
    """
    return csv_text(snapshot_frame(tables, texts).apply(spreadsheet_safe))


def snapshot_resource(name: str) -> Resource:
    """The snapshot CSV as one table of text columns, for the structural checks of :func:`read_table`."""
    return Resource("snapshot", name, tuple(Field(c, "string", required=c == TABLE_COLUMN)
                                            for c in csv_columns()), ())


def is_snapshot_header(header: list[str]) -> bool:
    """True when a CSV's header (its first record, as a list of column names) is a snapshot CSV's:
    it has a ``table`` column.

    Examples
    --------
    >>> is_snapshot_header(["table", "id", "source"]), is_snapshot_header(["id", "source", "target"])
    (True, False)
    """
    return TABLE_COLUMN in header


def split_snapshot(table: Table) -> tuple[dict[str, Table], dict[str, str], dict | None, list[Issue]]:
    """A snapshot CSV read as one text table, split into the dataset's tables.

    Returns the tables (rows numbered as in the file), the source texts by
    ``file``, the ``snapshot`` row's ``as_of``/``rule``/``window`` (None for a
    whole dataset) and the problems of the format itself.
    """
    frame, sch = table.frame.apply(from_spreadsheet_safe), schema()
    table = Table(table.name, table.file, frame, table.rows, table.absent)
    kind = frame[TABLE_COLUMN]
    known = kind.isin([*TABLES, META_TABLE])
    issues = issues_where(table, ~known.to_numpy(), TABLE_COLUMN, "invalid-enum",
                          "expected one of: " + ", ".join([META_TABLE, *TABLE_ORDER]))
    tables = {}
    for name in TABLES:
        rows = (kind == name).to_numpy()
        own = set(sch[name].columns) | ({TEXT_COLUMN} if name == "sources" else set())
        # A value in a column its table lacks would be silently lost: report it instead.
        for col in (c for c in frame.columns if c not in own and c != TABLE_COLUMN):
            issues += issues_where(table, rows & (frame[col] != "").to_numpy(), col, "misplaced-value",
                                   f"a {name} row has no column {col!r}; leave it empty")
        tables[name] = Table(name, table.file, frame.loc[rows, sch[name].columns].reset_index(drop=True),
                             table.rows[rows])
    sources = frame[(kind == "sources") & (frame["file"] != "") & (frame[TEXT_COLUMN] != "")]
    texts = dict(zip(sources["file"], sources[TEXT_COLUMN]))
    info, meta_issues = _snapshot_meta(table, (kind == META_TABLE).to_numpy())
    return tables, texts, info, issues + meta_issues


def _snapshot_meta(table: Table, rows) -> tuple[dict | None, list[Issue]]:
    """``as_of``, ``known_by``, ``rule`` and ``window`` from the ``snapshot`` row, if there is one, and its problems."""
    if not rows.any():
        return None, []
    meta, (first, *more) = table.frame[rows], table.rows[rows]
    m = meta.iloc[0]
    if not (m["as_of"] or m["known_by"] or m["rule"] or m["window"]):
        return None, []  # a whole dataset in snapshot form, not taken on a date
    issues = [Issue(table.file, int(r), TABLE_COLUMN, META_TABLE, "duplicate-value",
                    f"only one snapshot row is allowed; the first is row {first}") for r in more]
    info = {"as_of": m["as_of"] or None, "known_by": m["known_by"] or None, "rule": m["rule"], "window": None}
    for column in ("as_of", "known_by"):
        problem = dates.day_problem(m[column]) if m[column] or column == "as_of" and not m["known_by"] else None
        if problem is not None:
            issues.append(Issue(table.file, int(first), column, m[column], *problem))
    if m["rule"] not in RULES:
        issues.append(Issue(table.file, int(first), "rule", m["rule"], "invalid-enum",
                            "expected one of: " + ", ".join(RULES)))
    try:
        info["window"] = parse_window(m["window"] or "all")
    except ValueError as e:
        issues.append(Issue(table.file, int(first), "window", m["window"], "invalid-type", str(e)))
    return info, issues
