"""The as-of rule: what was in force on a date, and what was known by a date; shared by the CLI,
the library and the page.

Partial dates are day intervals (see :mod:`relgraph.dates`). Under the default
rule ``possible``, a relation counts if it *may* be in force on the date:

* a ``state`` relation (recognition, sanctuary, ...) whose start may be on or
  before the date and whose end, if any, may be after it (``end`` is the first
  day it no longer holds);
* an ``event`` relation (attack, visit, delisting, ...) that may have happened
  on or before the date and within ``window`` days before it.

Under ``certain``, the start must certainly be on or before the date, the end
certainly after it, and an event certainly within the window.

**Lifetimes.** Entities may have a ``start`` (founded, came to power) and an
``end`` (the first day they no longer exist). No relation is in force on a day
when either party does not (possibly, resp. certainly) exist.

**Unknown starts.** An empty ``end`` means "still in force". An empty
``start`` of a lasting relation means "since an unknown day": under
``possible`` it may have held since its parties existed (since for ever if
their lifetimes are unknown); under ``certain`` it certainly holds only from
the day it was on record, its *record date*. An event without a date is never
placed in time.

**Record dates: what was known by a date.** A relation is on record from its
``claimed_on`` date or, when that is empty, from the earliest ``published``
date of the sources that cite it (its ``source_id`` and its ``citations``).
:func:`known_by` asks "what was known on D?": under ``possible`` the relations
that may have been on record by D (those with no record date included),
under ``certain`` those certainly on record by D.

A snapshot is written as one canonical CSV: see :mod:`relgraph.snapshot_csv`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import dates

RULES = ("possible", "certain")
DEFAULT_RULE = "possible"
DEFAULT_WINDOW = 365  # days: an article's "this year" stays visible, last decade's attacks do not
MAX_WINDOW = 1_000_000  # days, about 2,700 years: more is a mistake (or means 'all', which says so)


def parse_window(value) -> int | None:
    """A window in days from ``"all"`` (None: every past event), a whole number (or its text) or None.

    Raises ValueError for anything else: a negative number, a fraction, a bool, a
    window over :data:`MAX_WINDOW` days (write ``all`` for every past event).

    Examples
    --------
    >>> parse_window("30"), parse_window("all"), parse_window(None), parse_window(7)
    (30, None, None, 7)
    >>> parse_window(2**63)
    Traceback (most recent call last):
    ...
    ValueError: window must be at most 1,000,000 days, not 9223372036854775808; write 'all' for every past event
    """
    if value is None or value == "all":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)) or (
            isinstance(value, str) and not value.strip().isdigit()):
        raise ValueError(f"window must be a whole number of days, 0 or more, or 'all', not {value!r}")
    days = int(value)
    if days < 0:
        raise ValueError(f"window must not be negative, not {days}")
    if days > MAX_WINDOW:
        raise ValueError(f"window must be at most {MAX_WINDOW:,} days, not {days}; write 'all' for every past event")
    return days


def bounds(relations: pd.DataFrame) -> pd.DataFrame:
    """Day bounds of start and end: columns start_lo, start_hi, end_lo, end_hi (datetime64[D] arrays)."""
    s, e = dates.parse(relations["start"]), dates.parse(relations["end"])
    return pd.DataFrame({"start_lo": s.lo, "start_hi": s.hi, "end_lo": e.lo, "end_hi": e.hi},
                        index=relations.index)


def _combine(a: np.ndarray, b: np.ndarray, pick) -> np.ndarray:
    """``pick`` (np.maximum or np.minimum) of two day arrays, NaT standing for "no bound"."""
    return np.where(np.isnat(a), b, np.where(np.isnat(b), a, pick(a, b)))


def relation_bounds(relations: pd.DataFrame, *, entities: pd.DataFrame | None = None,
                    sources: pd.DataFrame | None = None, citations: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every day bound the rule works on, per relation (datetime64[D], NaT where open or unknown).

    ``start_lo`` .. ``end_hi``: the relation's own dates (:func:`bounds`);
    ``born_lo``/``born_hi``: when the later of its two parties began, and
    ``died_lo``/``died_hi``: when the earlier one ended (from ``entities``);
    ``recorded_lo``/``recorded_hi``: its record date (``claimed_on``, else the
    earliest ``published`` of its sources and citations).

    Examples
    --------
    >>> ent = pd.DataFrame({"id": ["a", "b"], "start": ["2021-08", ""], "end": ["", "2030"]})
    >>> src = pd.DataFrame({"id": ["s"], "published": ["2024-11-25"]})
    >>> rel = pd.DataFrame({"id": ["r1"], "source": ["a"], "target": ["b"], "start": [""], "end": [""],
    ...                     "claimed_on": [""], "source_id": ["s"]})
    >>> b = relation_bounds(rel, entities=ent, sources=src)
    >>> [str(b.loc[0, c].date()) for c in ("born_lo", "born_hi", "died_lo", "recorded_lo")]
    ['2021-08-01', '2021-08-31', '2030-01-01', '2024-11-25']
    """
    out = bounds(relations)
    nat = np.full(len(relations), np.datetime64("NaT", "D"))
    for c in ("born_lo", "born_hi", "died_lo", "died_hi", "recorded_lo", "recorded_hi"):
        out[c] = nat
    if entities is not None and "start" in entities.columns:
        index = pd.Index(entities["id"])
        s, e = dates.parse(entities["start"]), dates.parse(entities["end"])
        ends = [index.get_indexer(relations[c]) for c in ("source", "target")]

        def at(values: np.ndarray, where: np.ndarray) -> np.ndarray:
            return np.where(where >= 0, values[np.maximum(where, 0)], np.datetime64("NaT", "D")) if len(values) else nat
        for name, values, pick in (("born", s, np.maximum), ("died", e, np.minimum)):
            out[f"{name}_lo"] = _combine(at(values.lo, ends[0]), at(values.lo, ends[1]), pick)
            out[f"{name}_hi"] = _combine(at(values.hi, ends[0]), at(values.hi, ends[1]), pick)
    if sources is not None:
        cited = relations[["id", "source_id"]]
        if citations is not None and len(citations):
            cited = pd.concat([cited, citations[["relation_id", "source_id"]].set_axis(["id", "source_id"], axis=1)])
        published = dates.parse(sources["published"])
        days = pd.DataFrame({"lo": published.lo, "hi": published.hi}, index=pd.Index(sources["id"]))
        first = days.reindex(cited["source_id"]).set_axis(cited.index).groupby(cited["id"].to_numpy()).min()
        first = first.reindex(relations["id"])
        out["recorded_lo"], out["recorded_hi"] = first["lo"].to_numpy(), first["hi"].to_numpy()
    if "claimed_on" in relations.columns:
        claimed = dates.parse(relations["claimed_on"])
        given = ~np.isnat(claimed.lo)
        out.loc[given, "recorded_lo"], out.loc[given, "recorded_hi"] = claimed.lo[given], claimed.hi[given]
    return out


def _on_or_before(days, day, *, open_is: bool) -> np.ndarray:
    days = np.asarray(days, dtype="datetime64[D]")
    return np.where(np.isnat(days), open_is, days <= day)


def _after(days, day, *, open_is: bool) -> np.ndarray:
    days = np.asarray(days, dtype="datetime64[D]")
    return np.where(np.isnat(days), open_is, days > day)


def in_force(relations: pd.DataFrame, relation_types: pd.DataFrame, as_of, *,
             rule: str = DEFAULT_RULE, window: int | None = DEFAULT_WINDOW,
             bounds_: pd.DataFrame | None = None) -> np.ndarray:
    """Boolean mask of the relations in force on ``as_of`` (see the module docstring).

    ``window`` is in days; None keeps every past event. ``bounds_`` is the
    relations' :func:`relation_bounds` (lifetimes and record dates included);
    by default only the relations' own dates count.

    Examples
    --------
    >>> types = pd.DataFrame({"id": ["ban", "raid"], "temporal": ["state", "event"]})
    >>> rel = pd.DataFrame({"relation": ["ban", "ban", "raid", "raid"], "start": ["2003", "2003-02-14", "2025-03", ""],
    ...                     "end": ["2025-04-17", "2025", "", ""]})
    >>> in_force(rel, types, "2025-07-31").tolist()  # ended; may still hold in 2025; recent; undated
    [False, True, True, False]
    >>> in_force(rel, types, "2025-07-31", rule="certain").tolist()
    [False, False, True, False]
    """
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, not {rule!r}")
    window = parse_window(window)
    day = dates.to_day(as_of)
    b = bounds(relations) if bounds_ is None else bounds_
    possible = rule == "possible"
    temporal = relations["relation"].map(relation_types.set_index("id")["temporal"]).to_numpy()
    is_event = temporal == "event"
    if possible:
        started = _on_or_before(b["start_lo"], day, open_is=True)
    else:  # an unknown start is certain only from the record date
        known_start = np.where(np.isnat(b["start_hi"].to_numpy()), b.get("recorded_hi", b["start_hi"]).to_numpy(),
                               b["start_hi"].to_numpy())
        started = _on_or_before(known_start, day, open_is=False)
    not_ended = _after(b["end_hi"] if possible else b["end_lo"], day, open_is=True)
    alive = np.ones(len(relations), dtype=bool)
    if "born_lo" in b.columns:
        alive = (_on_or_before(b["born_lo"] if possible else b["born_hi"], day, open_is=True)
                 & _after(b["died_hi"] if possible else b["died_lo"], day, open_is=True))
    event_by = (b["start_hi"] if possible else b["start_lo"]).to_numpy()
    recent = ~np.isnat(event_by)  # an undated event is never placed in time, whatever the window
    if window is not None:
        recent &= event_by > day - np.timedelta64(window, "D")
    event_started = _on_or_before(b["start_lo"] if possible else b["start_hi"], day, open_is=False)
    return alive & np.where(is_event, event_started & recent, started & not_ended)


def known_by(bounds_: pd.DataFrame, day, *, rule: str = DEFAULT_RULE) -> np.ndarray:
    """Boolean mask of the relations on record by ``day``, from their :func:`relation_bounds`.

    Under ``possible`` a relation without a record date counts (it may have
    been known); under ``certain`` it does not.

    Examples
    --------
    >>> b = pd.DataFrame({"recorded_lo": pd.to_datetime(["2024-02-01", None]).values.astype("datetime64[D]"),
    ...                   "recorded_hi": pd.to_datetime(["2024-02-29", None]).values.astype("datetime64[D]")})
    >>> known_by(b, "2024-02-10").tolist(), known_by(b, "2024-02-10", rule="certain").tolist()
    ([True, True], [False, False])
    """
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, not {rule!r}")
    day = dates.to_day(day)
    if rule == "possible":
        return _on_or_before(bounds_["recorded_lo"], day, open_is=True)
    return _on_or_before(bounds_["recorded_hi"], day, open_is=False)
