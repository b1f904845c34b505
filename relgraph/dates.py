"""Dates of partial precision (YYYY, YYYY-MM, YYYY-MM-DD) as day intervals.

A value names every day it could mean: ``2022`` is 2022-01-01 to 2022-12-31,
``2022-02`` is 2022-02-01 to 2022-02-28. All work is vectorised numpy.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

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
    >>> [str(d) for d in p.lo]
    ['2022-01-01', '2024-02-01', 'NaT', '2024-11-25', 'NaT', 'NaT']
    >>> [str(d) for d in p.hi]
    ['2022-12-31', '2024-02-29', 'NaT', '2024-11-25', 'NaT', 'NaT']
    >>> p.malformed.tolist(), p.impossible.tolist()
    ([False, False, False, False, False, True], [False, False, True, False, False, False])
    """
    s = pd.Series(values, dtype="str").fillna("")
    codes, distinct = pd.factorize(s.to_numpy(dtype=object))  # dates repeat: parse each distinct one once
    p = _parse_distinct(pd.Series(distinct, dtype="str"))
    return PartialDates(lo=p.lo[codes], hi=p.hi[codes], malformed=p.malformed[codes], impossible=p.impossible[codes])


def _parse_distinct(s: pd.Series) -> PartialDates:
    length = s.str.len().to_numpy()
    # Fixed positions instead of a regex: one (n, 10) array of code points, all numpy.
    chars = s.to_numpy(dtype="U10").view(np.uint32).reshape(len(s), 10)
    digit = (chars >= ord("0")) & (chars <= ord("9"))
    dash = chars == ord("-")
    has_month, has_day = length >= 7, length == 10
    matched = (np.isin(length, (4, 7, 10)) & digit[:, :4].all(axis=1)
               & (~has_month | (dash[:, 4] & digit[:, 5:7].all(axis=1)))
               & (~has_day | (dash[:, 7] & digit[:, 8:10].all(axis=1))))
    empty = length == 0
    malformed = ~empty & ~matched

    def number(a: int, b: int) -> np.ndarray:
        return ((chars[:, a:b].astype(np.int64) - ord("0")) * 10 ** np.arange(b - a - 1, -1, -1)).sum(axis=1)

    year = np.where(matched, number(0, 4), 1970)
    month = np.where(matched & has_month, number(5, 7), 1)
    day = np.where(matched & has_day, number(8, 10), 1)

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


# Shared with validation, so a bad date reads the same on the command line and in a dataset.
EXPECTED_DAY = "expected a date as YYYY-MM-DD"
NO_SUCH_DAY = "no such day: check the month (01-12) and the day of the month"


def day_problem(value: str) -> tuple[str, str] | None:
    """What is wrong with a full date written as text: an issue code and message, None if nothing.

    Examples
    --------
    >>> day_problem("2025-07-31") is None, day_problem("2025-07"), day_problem("2025-02-30")[0]
    (True, ('invalid-date', 'expected a date as YYYY-MM-DD'), 'impossible-date')
    """
    p = parse([value])
    if p.malformed[0] or len(value) != 10:
        return "invalid-date", EXPECTED_DAY
    if p.impossible[0]:
        return "impossible-date", NO_SUCH_DAY
    return None


def to_day(value) -> np.datetime64:
    """One full date (YYYY-MM-DD, or a date/datetime) as ``datetime64[D]``.

    Raises ValueError for anything else, and for a day that does not exist.

    Examples
    --------
    >>> to_day("2025-07-31")
    np.datetime64('2025-07-31')
    >>> to_day("2025-02-30")
    Traceback (most recent call last):
    ...
    ValueError: '2025-02-30': no such day: check the month (01-12) and the day of the month
    """
    if isinstance(value, str):
        problem = day_problem(value)
        if problem is not None:
            raise ValueError(f"{value!r}: {problem[1]}")
        return parse([value]).lo[0]
    return np.datetime64(pd.Timestamp(value).date(), "D")
