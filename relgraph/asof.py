"""The as-of rule: what was in force on a date, shared by the CLI, the library and the page.

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


def in_force(relations: pd.DataFrame, relation_types: pd.DataFrame, as_of, *,
             rule: str = DEFAULT_RULE, window: int | None = DEFAULT_WINDOW) -> np.ndarray:
    """Boolean mask of the relations in force on ``as_of`` (see the module docstring).

    ``window`` is in days; None keeps every past event.

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
    b = bounds(relations)
    start_by = b["start_lo"] if rule == "possible" else b["start_hi"]
    end_by = b["end_hi"] if rule == "possible" else b["end_lo"]
    started = start_by.isna().to_numpy() | (start_by.to_numpy() <= day)
    not_ended = end_by.isna().to_numpy() | (end_by.to_numpy() > day)
    temporal = relations["relation"].map(relation_types.set_index("id")["temporal"]).to_numpy()
    is_event = temporal == "event"
    event_by = (b["start_hi"] if rule == "possible" else b["start_lo"]).to_numpy()
    recent = ~np.isnat(event_by)  # an undated event is never placed in time, whatever the window
    if window is not None:
        recent &= event_by > day - np.timedelta64(window, "D")
    return np.where(is_event, started & recent, started & not_ended)
