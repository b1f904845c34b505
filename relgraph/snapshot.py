"""What was in force on a date: the as-of rule shared by the CLI, the library and the page.

Partial dates are day intervals (see :mod:`relgraph.dates`). Under the default
rule ``possible``, a relation counts if it *may* be in force on the date:

* a ``state`` relation (recognition, sanctuary, ...) whose start may be on or
  before the date and whose end, if any, may be after it (``end`` is the first
  day it no longer holds);
* an ``event`` relation (attack, visit, delisting, ...) that may have happened
  on or before the date and within ``window`` days before it.

Under ``certain``, the start must certainly be on or before the date, the end
certainly after it, and an event certainly within the window. An empty start
means "since before the data"; an empty end means "still in force".

A snapshot is written as one canonical CSV (:func:`snapshot_csv`) that every
command reads back as a dataset: one row per record of every table, a leading
``table`` column naming the table (``relation_types``, ``sources``,
``entities``, ``relations``), then the union of the tables' columns in schema
order. A cell of a column its table lacks is empty. Two more columns make the
file self-contained: ``text`` holds the stored text of a source with a
``file`` (so quotes are still checked wherever the file travels), and a first
row with ``table`` = ``snapshot`` holds ``as_of``, ``rule`` and ``window``
(``all`` for no window).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from . import dates
from .graph import relations_with_types
from .schema import schema

RULES = ("possible", "certain")
DEFAULT_RULE = "possible"
DEFAULT_WINDOW = 365  # days: an article's "this year" stays visible, last decade's attacks do not


def bounds(relations: pd.DataFrame) -> pd.DataFrame:
    """Day bounds of start and end: columns start_lo, start_hi, end_lo, end_hi (datetime64[D] arrays)."""
    s, e = dates.parse(relations["start"]), dates.parse(relations["end"])
    return pd.DataFrame({"start_lo": s.lo, "start_hi": s.hi, "end_lo": e.lo, "end_hi": e.hi},
                        index=relations.index)


def in_force(relations: pd.DataFrame, relation_types: pd.DataFrame, as_of, *,
             rule: str = DEFAULT_RULE, window: int | None = DEFAULT_WINDOW) -> np.ndarray:
    """Boolean mask of the relations in force on ``as_of`` (see the module docstring).

    ``window`` is in days; None keeps every past event.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load()
    >>> m = in_force(ds.relations, ds.relation_types, "2025-07-31")
    >>> sorted(ds.relations[m & (ds.relations.source == "russia")].relation.unique())[:3]
    ['delisting', 'diplomatic_engagement', 'recognition']
    """
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, not {rule!r}")
    day = dates.to_day(as_of)
    b = bounds(relations)
    start_by = b["start_lo"] if rule == "possible" else b["start_hi"]
    end_by = b["end_hi"] if rule == "possible" else b["end_lo"]
    started = start_by.isna().to_numpy() | (start_by.to_numpy() <= day)
    not_ended = end_by.isna().to_numpy() | (end_by.to_numpy() > day)
    temporal = relations_with_types(relations[["relation"]], relation_types)["temporal"].to_numpy()
    is_event = temporal == "event"
    if window is None:
        recent = np.ones(len(relations), dtype=bool)
    else:
        first_day = day - np.timedelta64(int(window), "D")
        event_by = (b["start_hi"] if rule == "possible" else b["start_lo"]).to_numpy()
        recent = ~np.isnat(event_by) & (event_by > first_day)
    return np.where(is_event, started & recent, started & not_ended)


def snapshot_tables(tables, as_of, *, rule: str = DEFAULT_RULE, window: int | None = DEFAULT_WINDOW):
    """The tables restricted to the relations in force on ``as_of``, with the entities they name.

    The result's ``snapshot_info`` records ``as_of``, ``rule`` and ``window``.
    """
    rel = tables.relations[in_force(tables.relations, tables.relation_types, as_of,
                                    rule=rule, window=window)]
    needed = pd.concat([rel["source"], rel["target"], rel["claimed_by"]])
    ent = tables.entities[tables.entities["id"].isin(needed)]
    info = {"as_of": str(dates.to_day(as_of)), "rule": rule, "window": window}
    return replace(tables.with_relations(rel, ent), snapshot_info=info)


# The canonical snapshot CSV ------------------------------------------------------------------

TABLE_COLUMN = "table"
TEXT_COLUMN = "text"
META_TABLE = "snapshot"
META_COLUMNS = ("as_of", "rule", "window")
# Written in dependency order: what a row refers to comes before it.
TABLE_ORDER = ("relation_types", "sources", "entities", "relations")


def parse_window(value) -> int | None:
    """A window in days from ``"all"`` (None: every past event), a number or None.

    Examples
    --------
    >>> parse_window("30"), parse_window("all"), parse_window(None)
    (30, None, None)
    """
    if value is None or value == "all":
        return None
    try:
        days = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"window must be a whole number of days or 'all', not {value!r}") from None
    if days < 0:
        raise ValueError(f"window must not be negative, not {days}")
    return days


def csv_columns() -> list[str]:
    """Columns of the snapshot CSV: ``table``, the relations' columns, then the other tables'.

    Examples
    --------
    >>> csv_columns()[:5], csv_columns()[-4:]
    (['table', 'id', 'source', 'target', 'relation'], ['text', 'as_of', 'rule', 'window'])
    """
    sch = schema()
    cols = [TABLE_COLUMN]
    for name in ("relations", "entities", "relation_types", "sources"):
        cols += [c for c in sch[name].columns if c not in cols]
    return cols + [TEXT_COLUMN, *META_COLUMNS]


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Typed columns back to the text they are written as (booleans as true/false)."""
    return frame.apply(lambda c: c.map({True: "true", False: "false"}) if c.dtype == bool else c.astype(str))


def snapshot_frame(tables, texts: dict[str, str] | None = None) -> pd.DataFrame:
    """The canonical snapshot table of ``tables`` (see the module docstring), as text cells.

    ``texts`` maps a source's ``file`` to its stored text; ``tables.snapshot_info``
    fills the first row (empty cells when the tables are not a snapshot).

    Examples
    --------
    >>> import relgraph
    >>> f = snapshot_frame(relgraph.load().snapshot("2025-07-31"))
    >>> f.table.value_counts().loc[["snapshot", "relations"]].tolist()
    [1, 34]
    >>> f.loc[0, ["as_of", "rule", "window"]].tolist()
    ['2025-07-31', 'possible', '365']
    """
    info = tables.snapshot_info or {}
    window = info.get("window", "")
    meta = pd.DataFrame([{TABLE_COLUMN: META_TABLE, "as_of": info.get("as_of", ""), "rule": info.get("rule", ""),
                          "window": "all" if window is None else str(window)}])
    parts = [meta]
    for name in TABLE_ORDER:
        part = _as_text(getattr(tables, name)).assign(**{TABLE_COLUMN: name})
        if name == "sources":
            part[TEXT_COLUMN] = [(texts or {}).get(f, "") for f in part["file"]]  # a few sources, not a hot path
        parts.append(part)
    return pd.concat(parts, ignore_index=True).reindex(columns=csv_columns()).fillna("")


def snapshot_csv(tables, texts: dict[str, str] | None = None) -> str:
    """:func:`snapshot_frame` as CSV text (UTF-8, ``\n`` line ends, minimal quoting)."""
    return snapshot_frame(tables, texts).to_csv(index=False, lineterminator="\n")
