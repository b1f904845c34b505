"""The checks of validation: a dataset's text tables against the schema, every problem in one pass.

Each check is a vectorised mask over a column; each True cell becomes an
:class:`~relgraph.issues.Issue`. Rules that Table Schema cannot express
(self-loops, end before start, quotes found in the source text, claimants of
allegations) live in :func:`_relation_rules`. Checks never open a file: the
readers (:mod:`relgraph.readers`) hand them the tables and the source texts.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import dates
from .issues import Issue
from .schema import Field, Resource, Schema
from .tables import Table

TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")
# Code for a value missing from the table a foreign key points to.
_UNKNOWN_CODES = {"entities": "unknown-entity", "relation_types": "unknown-relation-type",
                  "sources": "unknown-source", "relations": "unknown-relation"}
_SINGULAR = {"entities": "entity", "relation_types": "relation type", "sources": "source", "relations": "relation"}
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
                         "\u2033": '"', "\u00ab": '"', "\u00bb": '"'})


def issues_where(table: Table, mask, column: str | None, code: str, message) -> list[Issue]:
    """Issues for the rows where ``mask`` holds; ``message`` is a str or a per-row Series."""
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return []
    idx = np.flatnonzero(mask)
    values = table.frame[column].to_numpy()[idx] if column else [None] * len(idx)
    msgs = message.to_numpy()[idx] if isinstance(message, pd.Series) else [message] * len(idx)
    rows = table.rows[idx]
    return [Issue(table.file, int(r), column, v, code, m) for r, v, m in zip(rows, values, msgs)]


def _field_issues(table: Table, f: Field) -> list[Issue]:
    s = table.frame[f.name]
    empty = (s == "").to_numpy()
    out = []
    if f.required:
        out += issues_where(table, empty, f.name, "missing-value", "a value is required")
    present = ~empty
    if f.partial_date:
        p = table.dates(f.name)
        out += issues_where(table, p.malformed, f.name, "invalid-date",
                            "expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
        out += issues_where(table, p.impossible, f.name, "impossible-date", dates.NO_SUCH_DAY)
    elif f.type == "boolean":
        out += issues_where(table, present & ~s.isin(TRUE_VALUES + FALSE_VALUES).to_numpy(), f.name,
                            "invalid-type", "expected true or false")
    elif f.type == "integer":
        bad = present & ~s.str.fullmatch(r"[+-]?\d+").fillna(False).to_numpy(bool)
        out += issues_where(table, bad, f.name, "invalid-type", "expected a whole number")
        if f.enum is not None:
            num = pd.to_numeric(s.where(~bad & present), errors="coerce")
            out += issues_where(table, (present & ~bad) & ~num.isin(f.enum).to_numpy(), f.name,
                                "invalid-enum", "expected one of: " + ", ".join(map(str, f.enum)))
    if f.enum is not None and f.type == "string":
        out += issues_where(table, present & ~s.isin(f.enum).to_numpy(), f.name, "invalid-enum",
                            "expected one of: " + ", ".join(f.enum))
    if f.pattern is not None and not f.partial_date:
        # fullmatch: Table Schema patterns are implicitly anchored.
        ok = s.str.fullmatch(f.pattern).fillna(False).to_numpy(bool)
        out += issues_where(table, present & ~ok, f.name, "pattern-mismatch",
                            f"expected a value matching {f.pattern.pattern}")
    if f.unique:
        dup = present & s.duplicated(keep="first").to_numpy()
        if dup.any():
            first = pd.Series(table.rows, index=s.to_numpy()).groupby(level=0).first()
            msg = "duplicate " + f.name + "; first used in row " + s.map(first).astype(str)
            out += issues_where(table, dup, f.name, "duplicate-id" if f.name == "id" else "duplicate-value", msg)
    return out


def _foreign_key_issues(table: Table, resource: Resource, tables: dict[str, Table]) -> list[Issue]:
    out = []
    for fk in resource.foreign_keys:
        ref = tables.get(fk.resource)
        if ref is None or fk.field in table.absent:
            continue  # already reported: the referenced file or the column is missing
        s = table.frame[fk.field]
        known = s.isin(ref.frame[fk.ref_field]).to_numpy()
        out += issues_where(table, (s != "").to_numpy() & ~known, fk.field, _UNKNOWN_CODES[fk.resource],
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
    # Only certainly-before is an error: "2024-05" may end in "2024" (May to December).
    return issues_where(table, end.hi < start.lo, "end", "end-before-start",
                        "the end is before the start (" + table.frame["start"] + ")")


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
    ids = entities.frame["id"]
    first = np.flatnonzero(~ids.duplicated().to_numpy())  # a repeated id is reported elsewhere: use its first row
    index = pd.Index(ids.to_numpy()[first])
    born, died = entities.dates("start"), entities.dates("end")
    start, end = rel.dates("start"), rel.dates("end")
    lifetimes = dict(zip(entities.frame["id"], entities.frame["name"] + " exists " + _lifetime_text(entities)))
    out = []
    for party in ("source", "target"):
        found = index.get_indexer(rel.frame[party])
        at = np.where(found >= 0, first[np.maximum(found, 0)], -1)
        b_lo, d_hi = _at(born.lo, at), _at(died.hi, at)
        lifetime = " (" + rel.frame[party].map(lifetimes).fillna("") + ")"
        early = start.hi < b_lo  # NaT compares False: no bound, no issue
        late = ~early & (start.lo >= d_hi)
        lasting = ~early & ~late & (end.lo > d_hi)
        out += issues_where(rel, early, "start", "outside-lifetime", f"the relation starts before its {party} existed"
                            + lifetime)
        out += issues_where(rel, late, "start", "outside-lifetime", f"the relation starts after its {party} ceased to "
                            "exist" + lifetime)
        out += issues_where(rel, lasting, "end", "outside-lifetime", f"the relation goes on after its {party} ceased "
                            "to exist" + lifetime)
    return out


def _lifetime_text(entities: Table) -> pd.Series:
    f = entities.frame
    since = ("since " + f["start"]).where(f["start"] != "", "")
    until = ("until " + f["end"]).where(f["end"] != "", "")
    return (since + " " + until).str.strip()


def _quote_issues(table: Table, source_col: str, quote_col: str, texts: dict[str, str]) -> list[Issue]:
    """Rows citing a source whose text is stored must quote it, and the quote must occur in it."""
    f = table.frame
    quoted = f[source_col].isin(list(texts))
    out = issues_where(table, (quoted & (f[quote_col] == "")).to_numpy(), quote_col, "missing-evidence",
                       "this source's text is stored; quote it verbatim")
    return out + _evidence_issues(table, quoted & (f[quote_col] != ""), texts, source_col, quote_col)


def _relation_rules(rel: Table, tables: dict[str, Table], texts: dict[str, str]) -> list[Issue]:
    f = rel.frame
    out = issues_where(rel, ((f["source"] == f["target"]) & (f["source"] != "")).to_numpy(), "target",
                       "self-loop", "source and target are the same entity")
    out += _lifetime_issues(rel, tables.get("entities"))
    needs_claimant = f["status"].isin(["alleged", "denied"]) & (f["claimed_by"] == "")
    out += issues_where(rel, needs_claimant.to_numpy(), "claimed_by", "missing-claimant",
                        "alleged and denied relations need the entity that alleges or denies them")
    sources = tables.get("sources")
    if sources is not None:
        stored = sources.frame[sources.frame["file"].isin(list(texts))]
        texts = {sid: _normalise(pd.Series([texts[file]])).iloc[0] for sid, file in zip(stored["id"], stored["file"])}
        out += _quote_issues(rel, "source_id", "evidence", texts)
        citations = tables.get("citations")
        if citations is not None and "source_id" not in citations.absent:  # an absent quote column is empty
            out += _quote_issues(citations, "source_id", "quote", texts)
    return out


def _evidence_issues(table: Table, mask: pd.Series, texts: dict[str, str], source_col: str,
                     quote_col: str) -> list[Issue]:
    sub = table.frame.loc[mask, [source_col, quote_col]]
    # Quotes repeat (one quote backs several relations): search each distinct one once.
    pairs = pd.DataFrame({"source_id": sub[source_col], "quote": _normalise(sub[quote_col])})
    distinct = pairs.drop_duplicates()
    hits = np.zeros(len(distinct), dtype=bool)
    for sid, group in distinct.groupby("source_id"):
        hay = np.array([texts[sid]], dtype=np.dtypes.StringDType())
        needles = np.array(group["quote"].tolist(), dtype=np.dtypes.StringDType())
        hits[distinct.index.get_indexer(group.index)] = np.strings.find(hay, needles) >= 0
    ok = pairs.merge(distinct.assign(ok=hits), on=["source_id", "quote"], how="left")["ok"].to_numpy(bool)
    missing = np.zeros(len(table.frame), dtype=bool)
    missing[np.flatnonzero(mask.to_numpy())] = ~ok
    return issues_where(table, missing, quote_col, "evidence-not-in-source",
                        "this quote does not occur in the source's stored text "
                        "(compared ignoring whitespace and quote-mark style)")


def check_tables(tables: dict[str, Table], schema: Schema, texts: dict[str, str]) -> list[Issue]:
    """All content problems of the tables that could be read.

    ``texts`` maps a source's ``file`` to its stored text, for the sources
    whose text was found (the readers report the others).
    """
    out: list[Issue] = []
    for resource in schema.resources:
        table = tables.get(resource.name)
        if table is None:
            continue
        for f in resource.fields:
            if f.name not in table.absent:
                out += _field_issues(table, f)
        out += _foreign_key_issues(table, resource, tables) + _key_issues(table, resource) + _period_issues(table)
    if "relations" in tables and not tables["relations"].absent & {"source", "target", "status", "source_id"}:
        out += _relation_rules(tables["relations"], tables, texts)
    return out


def typed(table: Table, resource: Resource) -> pd.DataFrame:
    """The table with boolean and integer columns converted, unknown columns dropped."""
    frame = table.frame[resource.columns].copy()
    for f in resource.fields:
        if f.type == "boolean":
            frame[f.name] = frame[f.name].isin(TRUE_VALUES)
        elif f.type == "integer":
            frame[f.name] = pd.to_numeric(frame[f.name]).astype("int64")
    return frame

