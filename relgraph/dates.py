"""Dates of partial precision (YYYY, YYYY-MM, YYYY-MM-DD) as day intervals.

A value names every day it could mean: ``2022`` is 2022-01-01 to 2022-12-31,
``2022-02`` is 2022-02-01 to 2022-02-28. All work is vectorised numpy.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

DATE_RE = r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$"
NAT = np.datetime64("NaT", "D")


@dataclass(frozen=True)
class PartialDates:
    """Parsed partial dates: per value, the first and last day it can mean.

    ``lo``/``hi`` are ``datetime64[D]`` arrays, NaT where the value is empty or
    unusable; ``malformed`` marks values not of the form YYYY[-MM[-DD]],
    ``impossible`` those of the form that name no real day (2023-02-30).
    """

    lo: np.ndarray
    hi: np.ndarray
    malformed: np.ndarray
    impossible: np.ndarray


def parse(values) -> PartialDates:
    """Parse strings of partial dates; empty strings stay empty (NaT).

    Examples
    --------
    >>> p = parse(["2022", "2024-02", "2023-02-29", "2024-11-25", "", "soon"])
    >>> [str(d) for d in p.lo], [str(d) for d in p.hi]
    (['2022-01-01', '2024-02-01', 'NaT', '2024-11-25', 'NaT', 'NaT'], ['2022-12-31', '2024-02-29', 'NaT', '2024-11-25', 'NaT', 'NaT'])
    >>> p.malformed.tolist(), p.impossible.tolist()
    ([False, False, False, False, False, True], [False, False, True, False, False, False])
    """
    s = pd.Series(values, dtype="str").fillna("")
    parts = s.str.extract(DATE_RE)
    empty = (s == "").to_numpy()
    matched = parts[0].notna().to_numpy()
    malformed = ~empty & ~matched

    year = pd.to_numeric(parts[0], errors="coerce").fillna(1970).to_numpy(np.int64)
    has_month = parts[1].notna().to_numpy()
    has_day = parts[2].notna().to_numpy()
    month = pd.to_numeric(parts[1], errors="coerce").fillna(1).to_numpy(np.int64)
    day = pd.to_numeric(parts[2], errors="coerce").fillna(1).to_numpy(np.int64)

    bad_month = (month < 1) | (month > 12)
    m_index = (year - 1970) * 12 + np.clip(month, 1, 12) - 1
    month_start = m_index.astype("datetime64[M]").astype("datetime64[D]")
    next_month = (m_index + 1).astype("datetime64[M]").astype("datetime64[D]")
    days_in_month = (next_month - month_start).astype(np.int64)
    bad_day = (day < 1) | (day > days_in_month)
    impossible = matched & (bad_month | bad_day)

    lo = month_start + (day - 1)
    year_end = ((year - 1970 + 1).astype("datetime64[Y]").astype("datetime64[D]")) - 1
    hi = np.where(has_day, lo, np.where(has_month, next_month - 1, year_end))
    usable = matched & ~impossible
    return PartialDates(
        lo=np.where(usable, lo, NAT),
        hi=np.where(usable, hi, NAT).astype("datetime64[D]"),
        malformed=malformed,
        impossible=impossible,
    )


def to_day(value) -> np.datetime64:
    """One full date (YYYY-MM-DD, or a date/datetime) as ``datetime64[D]``.

    Raises ValueError for anything else.

    Examples
    --------
    >>> to_day("2025-07-31")
    np.datetime64('2025-07-31')
    """
    if isinstance(value, str):
        p = parse([value])
        if p.malformed[0] or p.impossible[0] or len(value) != 10:
            raise ValueError(f"{value!r} is not a date of the form YYYY-MM-DD")
        return p.lo[0]
    return np.datetime64(pd.Timestamp(value).date(), "D")
