"""The checks of validation: a dataset's text tables against the schema, every problem in one pass.

Each check is a vectorised mask over a column; each True cell becomes an
:class:`~relgraph.issues.Issue`. Rules that Table Schema cannot express
(self-loops, end before start, quotes found in the source text, claimants of
allegations) live in :func:`_relation_rules`. Checks never open a file: the
readers (:mod:`relgraph.readers`) hand them the tables and the source texts.
"""
from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

from . import dates
from .issues import Issue
from .schema import Field, Resource, Schema
from .tables import Table

TRUE_VALUES = ("true", "True", "TRUE", "1")
_INTEGER = re.compile(r"[+-]?\d+")
FALSE_VALUES = ("false", "False", "FALSE", "0")
# Code for a value missing from the table a foreign key points to.
_UNKNOWN_CODES = {"entities": "unknown-entity", "relation_types": "unknown-relation-type",
                  "sources": "unknown-source", "relations": "unknown-relation"}
_SINGULAR = {"entities": "entity", "relation_types": "relation type", "sources": "source", "relations": "relation"}
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
                         "\u2033": '"', "\u00ab": '"', "\u00bb": '"'})


def issues_where(table: Table, mask, column: str | None, code: str, message) -> list[Issue]:
    """Issues for the rows where ``mask`` holds; ``message`` is a str, a per-row Series, or a function of
    the positions of those rows giving their messages (built only when there is a problem)."""
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return []
    idx = np.flatnonzero(mask)
    values = table.frame[column].to_numpy()[idx] if column else [None] * len(idx)
    msgs = (message(idx) if callable(message) else message.to_numpy()[idx] if isinstance(message, pd.Series)
            else [message] * len(idx))
    rows = table.rows[idx]
    return [Issue(table.file, int(r), column, v, code, m) for r, v, m in zip(rows, values, msgs)]


def _isin(values: np.ndarray, allowed) -> np.ndarray:
    """Which of the (distinct) ``values`` are among ``allowed``."""
    return pd.Series(values, dtype=object).isin(list(allowed)).to_numpy(bool)


def _fullmatch(values: np.ndarray, pattern) -> np.ndarray:
    """Which of the (distinct) ``values`` match ``pattern`` whole (Table Schema patterns are anchored).

    Examples
    --------
    >>> _fullmatch(np.array(["tal_1", "Tal", "", "t\\nx", "taïb"], dtype=object), re.compile("[a-z][a-z0-9_]*"))
    array([ True, False, False, False, False])
    """
    tables = _byte_tables(pattern.pattern)
    if tables is not None and len(values):
        # Every id column's pattern: one table lookup per byte instead of one regex call per value.
        first, rest = tables
        b = np.frombuffer(("\n".join(values) + "\n").encode("utf-8"), dtype=np.uint8)
        ends = np.flatnonzero(b == _LF)
        if len(ends) == len(values):  # no value holds a line break (which neither class allows)
            starts = np.concatenate([[0], ends[:-1] + 1])
            bad = ~rest[b]
            bad[ends] = False
            bad[starts] = ~first[b[starts]]  # at an empty value's start: its end, which is no first character
            ok = np.ones(len(values), dtype=bool)
            ok[np.searchsorted(ends, np.flatnonzero(bad))] = False
            return ok
    return np.fromiter((pattern.fullmatch(v) is not None for v in values), dtype=bool, count=len(values))


_LF = ord("\n")
# One character class, then any number of another, each of ASCII letters, digits, "_", "." and "-" only.
_CLASS_RUN = re.compile(r"\[([A-Za-z0-9_.\-]+)\]\[([A-Za-z0-9_.\-]+)\]\*")


@functools.cache
def _byte_tables(pattern: str) -> tuple[np.ndarray, np.ndarray] | None:
    """For a pattern like ``[a-z0-9][a-z0-9_]*``, which bytes its first and its other characters may be
    (as ``re`` reads the classes; a byte of a non-ASCII character is neither); None for other patterns."""
    m = _CLASS_RUN.fullmatch(pattern)
    if m is None:
        return None
    classes = [re.compile(f"[{cls}]") for cls in m.groups()]
    return tuple(np.array([c.fullmatch(chr(i)) is not None for i in range(256)]) for c in classes)


def _empty(table: Table, column: str) -> np.ndarray:
    codes, values = table.distinct(column)
    return (values == "")[codes]


def _repeated(codes: np.ndarray) -> np.ndarray:
    """Rows whose value an earlier row has (codes number the values in order of first use)."""
    seen = np.maximum.accumulate(codes) if len(codes) else codes
    return np.concatenate([[False], codes[1:] <= seen[:-1]]) if len(codes) else np.zeros(0, dtype=bool)


def _field_issues(table: Table, f: Field) -> list[Issue]:
    """The problems of each cell of the column on its own (a value used twice: :func:`_unique_issues`)."""
    if not (f.partial_date or f.type in ("boolean", "integer") or f.enum is not None or f.pattern is not None):
        # A text (a name, a note): at most required, and its values seldom repeat.
        empty = table.frame[f.name].to_numpy(dtype=object) == ""
        return issues_where(table, empty, f.name, "missing-value", "a value is required") if f.required else []
    # Every test runs on the column's distinct values, and reaches the rows through their codes.
    codes, values = table.distinct(f.name, unique=f.unique)
    blank = values == ""
    empty = blank[codes]
    out = []
    if f.required:
        out += issues_where(table, empty, f.name, "missing-value", "a value is required")
    if f.partial_date:
        p = table.dates(f.name)
        out += issues_where(table, p.malformed, f.name, "invalid-date",
                            "expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
        out += issues_where(table, p.impossible, f.name, "impossible-date", dates.NO_SUCH_DAY)
    elif f.type == "boolean":
        out += issues_where(table, (~blank & ~_isin(values, TRUE_VALUES + FALSE_VALUES))[codes], f.name,
                            "invalid-type", "expected true or false")
    elif f.type == "integer":
        bad = ~blank & ~_fullmatch(values, _INTEGER)
        out += issues_where(table, bad[codes], f.name, "invalid-type", "expected a whole number")
        if f.enum is not None:
            num = pd.to_numeric(pd.Series(values, dtype=object).where(~bad & ~blank), errors="coerce")
            out += issues_where(table, (~blank & ~bad & ~num.isin(f.enum).to_numpy())[codes], f.name,
                                "invalid-enum", "expected one of: " + ", ".join(map(str, f.enum)))
    if f.enum is not None and f.type == "string":
        out += issues_where(table, (~blank & ~_isin(values, f.enum))[codes], f.name, "invalid-enum",
                            "expected one of: " + ", ".join(f.enum))
    if f.pattern is not None and not f.partial_date:
        out += issues_where(table, (~blank & ~_fullmatch(values, f.pattern))[codes], f.name, "pattern-mismatch",
                            f"expected a value matching {f.pattern.pattern}")
    return out


def _unique_issues(table: Table, f: Field) -> list[Issue]:
    """A value of a unique column (an id) used again after its first row."""
    codes, values = table.distinct(f.name, unique=True)
    repeated = _repeated(codes)
    first = table.rows[np.flatnonzero(~repeated)]  # the row of each value's first use, by code

    def message(idx):
        return [f"duplicate {f.name}; first used in row {r}" for r in first[codes[idx]]]
    return issues_where(table, (values != "")[codes] & repeated, f.name,
                        "duplicate-id" if f.name == "id" else "duplicate-value", message)


def _foreign_key_issues(table: Table, resource: Resource, tables: dict[str, Table]) -> list[Issue]:
    out = []
    for fk in resource.foreign_keys:
        ref = tables.get(fk.resource)
        if ref is None or fk.field in table.absent:
            continue  # already reported: the referenced file or the column is missing
        codes, values = table.distinct(fk.field)
        unknown = (values != "") & (table.found(fk.field, ref, fk.ref_field) < 0)
        out += issues_where(table, unknown[codes], fk.field, _UNKNOWN_CODES[fk.resource],
                            f"no {_SINGULAR[fk.resource]} with this id in {ref.file}")
    return out


def _normalise(s: pd.Series) -> pd.Series:
    return s.str.translate(_QUOTES).str.replace(r"\s+", " ", regex=True).str.strip()


def _key_issues(table: Table, resource: Resource) -> list[Issue]:
    """A composite primary key (citations: relation_id, source_id) used twice."""
    key = list(resource.primary_key)
    if len(key) < 2 or set(key) & table.absent:
        return []
    dup = table.frame.duplicated(key, keep="first").to_numpy()
    if not dup.any():
        return []
    first = pd.Series(table.rows, index=pd.MultiIndex.from_frame(table.frame[key])).groupby(level=key).first()
    rows = pd.Series(pd.MultiIndex.from_frame(table.frame[key]).map(first), index=table.frame.index).astype(str)
    return issues_where(table, dup, key[-1], "duplicate-value",
                        f"this ({', '.join(key)}) pair is also in row " + rows)


def _period_issues(table: Table) -> list[Issue]:
    """An end certainly before the start (relations, entities' lifetimes)."""
    if {"start", "end"} & table.absent or "end" not in table.frame.columns:
        return []
    start, end = table.dates("start"), table.dates("end")
    starts = table.frame["start"].to_numpy(dtype=object)
    # Only certainly-before is an error: "2024-05" may end in "2024" (May to December).
    return issues_where(table, end.hi < start.lo, "end", "end-before-start",
                        lambda idx: [f"the end is before the start ({v})" for v in starts[idx]])


def _at(values: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """``values`` at ``positions``, NaT where a position is -1 (no such entity)."""
    nat = np.datetime64("NaT", "D")
    return np.where(positions >= 0, values[np.maximum(positions, 0)], nat) if len(values) else \
        np.full(len(positions), nat)


def _lifetime_issues(rel: Table, entities: Table | None) -> list[Issue]:
    """A dated relation that lies outside either party's lifetime: it began certainly before the party
    existed or after it ended, or it lasted certainly past the party's end."""
    if entities is None or {"start", "end"} & entities.absent:
        return []
    # A repeated id is reported elsewhere: its first row counts.
    first = np.flatnonzero(~_repeated(entities.distinct("id")[0]))
    born, died = entities.dates("start"), entities.dates("end")
    start, end = rel.dates("start"), rel.dates("end")

    @functools.cache
    def lifetimes() -> dict:  # only when a relation is outside one
        return dict(zip(entities.frame["id"], entities.frame["name"] + " exists " + _lifetime_text(entities)))

    out = []
    for party in ("source", "target"):
        codes = rel.distinct(party)[0]
        found = rel.found(party, entities, "id")[codes]
        at = np.where(found >= 0, first[np.maximum(found, 0)], -1)
        b_lo, d_hi = _at(born.lo, at), _at(died.hi, at)
        names = rel.frame[party].to_numpy(dtype=object)

        def message(text, names=names):
            return lambda idx: [f"{text} ({lifetimes().get(v, '')})" for v in names[idx]]
        early = start.hi < b_lo  # NaT compares False: no bound, no issue
        late = ~early & (start.lo >= d_hi)
        lasting = ~early & ~late & (end.lo > d_hi)
        out += issues_where(rel, early, "start", "outside-lifetime",
                            message(f"the relation starts before its {party} existed"))
        out += issues_where(rel, late, "start", "outside-lifetime",
                            message(f"the relation starts after its {party} ceased to exist"))
        out += issues_where(rel, lasting, "end", "outside-lifetime",
                            message(f"the relation goes on after its {party} ceased to exist"))
    return out


def _lifetime_text(entities: Table) -> pd.Series:
    f = entities.frame
    since = ("since " + f["start"]).where(f["start"] != "", "")
    until = ("until " + f["end"]).where(f["end"] != "", "")
    return (since + " " + until).str.strip()


def _quote_issues(table: Table, source_col: str, quote_col: str, texts: dict[str, str]) -> list[Issue]:
    """Rows citing a source whose text is stored must quote it, and the quote must occur in it."""
    codes, values = table.distinct(source_col)
    quoted = _isin(values, texts)[codes]
    empty = _empty(table, quote_col)
    out = issues_where(table, quoted & empty, quote_col, "missing-evidence",
                       "this source's text is stored; quote it verbatim")
    return out + _evidence_issues(table, quoted & ~empty, texts, source_col, quote_col)


def _relation_rules(rel: Table, tables: dict[str, Table], texts: dict[str, str],
                    citations: Table | None) -> list[Issue]:
    f = rel.frame
    loop = f["source"].to_numpy(dtype=object) == f["target"].to_numpy(dtype=object)
    out = issues_where(rel, loop & ~_empty(rel, "source"), "target", "self-loop",
                       "source and target are the same entity")
    out += _lifetime_issues(rel, tables.get("entities"))
    codes, statuses = rel.distinct("status")
    needs_claimant = _isin(statuses, ["alleged", "denied"])[codes] & _empty(rel, "claimed_by")
    out += issues_where(rel, needs_claimant, "claimed_by", "missing-claimant",
                        "alleged and denied relations need the entity that alleges or denies them")
    sources = tables.get("sources")
    if sources is not None:
        stored = sources.frame[sources.frame["file"].isin(list(texts))]
        texts = {sid: _normalise(pd.Series([texts[file]])).iloc[0] for sid, file in zip(stored["id"], stored["file"])}
        out += _quote_issues(rel, "source_id", "evidence", texts)
        if citations is not None and "source_id" not in citations.absent:  # an absent quote column is empty
            out += _quote_issues(citations, "source_id", "quote", texts)
    return out


def _evidence_issues(table: Table, mask: np.ndarray, texts: dict[str, str], source_col: str,
                     quote_col: str) -> list[Issue]:
    idx = np.flatnonzero(mask)
    sids = table.frame[source_col].to_numpy(dtype=object)[idx]
    quotes = table.frame[quote_col].to_numpy(dtype=object)[idx]
    # Quotes repeat (one quote backs several relations): normalise and search each distinct pair once.
    codes = pd.DataFrame({"s": sids, "q": quotes}).groupby(["s", "q"], sort=False).ngroup().to_numpy()
    first = np.unique(codes, return_index=True)[1]
    normalised = _normalise(pd.Series(quotes[first], dtype=object))
    hits = np.zeros(len(first), dtype=bool)
    for sid, group in normalised.groupby(sids[first]):
        hay = np.array([texts[sid]], dtype=np.dtypes.StringDType())
        needles = np.array(group.tolist(), dtype=np.dtypes.StringDType())
        hits[group.index.to_numpy()] = np.strings.find(hay, needles) >= 0
    missing = np.zeros(len(table.frame), dtype=bool)
    missing[idx] = ~hits[codes]
    return issues_where(table, missing, quote_col, "evidence-not-in-source",
                        "this quote does not occur in the source's stored text "
                        "(compared ignoring whitespace and quote-mark style)")


def check_tables(tables: dict[str, Table], schema: Schema, texts: dict[str, str], *,
                 known: dict[str, np.ndarray] | None = None) -> list[Issue]:
    """All content problems of the tables that could be read.

    ``texts`` maps a source's ``file`` to its stored text, for the sources
    whose text was found (the readers report the others). ``known`` maps a
    table's name to a mask of its rows known to have no problem of their own
    (:func:`relgraph.readers.read_side` marks those identical to a valid first
    side's, with everything their checks look up the same): only the other rows
    are checked, and what spans rows (a value used twice, a key pair) on the
    whole table, so the problems are those a full check finds.
    """
    parts = {name: _rows(table, ~known[name]) if known and name in known else table
             for name, table in tables.items()}
    out: list[Issue] = []
    for resource in schema.resources:
        table = tables.get(resource.name)
        if table is None:
            continue
        part = parts[resource.name]
        for f in resource.fields:
            if f.name not in table.absent:
                out += _field_issues(part, f) + (_unique_issues(table, f) if f.unique else [])
        out += _foreign_key_issues(part, resource, tables) + _key_issues(table, resource) + _period_issues(part)
    if "relations" in tables and not tables["relations"].absent & {"source", "target", "status", "source_id"}:
        out += _relation_rules(parts["relations"], tables, texts, parts.get("citations"))
    return out


def _rows(table: Table, mask: np.ndarray) -> Table:
    """The rows of ``table`` where ``mask`` holds, with their file row numbers (the table itself if all)."""
    if mask.all():
        return table
    return Table(table.name, table.file, table.frame[mask].reset_index(drop=True), table.rows[mask], table.absent)


def typed(table: Table, resource: Resource) -> pd.DataFrame:
    """The table with boolean and integer columns converted, unknown columns dropped."""
    frame = table.frame[resource.columns].copy(deep=False)  # the columns converted below are replaced, not written into
    for f in resource.fields:
        if f.type == "boolean":
            frame[f.name] = frame[f.name].isin(TRUE_VALUES)
        elif f.type == "integer":
            frame[f.name] = pd.to_numeric(frame[f.name]).astype("int64")
    return frame

