"""Problems found in input data, as records, and the exceptions that carry them.

Validation never stops at the first problem: every check runs, each problem
becomes an :class:`Issue`, and :class:`ValidationError` carries them all.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import pandas as pd

from .notebook import issues_html


@dataclass(frozen=True)
class Issue:
    """One problem in one place of the input.

    Parameters
    ----------
    file : str
        File name the problem is in (e.g. ``relations.csv``).
    row : int or None
        Row number with the header as row 1; None for a problem with the whole file.
    column : str or None
        Column name; None for a problem with the whole row or file.
    value : str or None
        The offending value as read.
    code : str
        Stable kebab-case code, e.g. ``unknown-entity``.
    message : str
        What is wrong and what was expected.

    Examples
    --------
    >>> i = Issue("relations.csv", 3, "start", "2024-13", "invalid-date", "month 13 does not exist")
    >>> str(i)
    "relations.csv, row 3, column 'start': '2024-13': month 13 does not exist [invalid-date]"
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    code: str
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        value = f"{self.value!r}: " if self.value not in (None, "") else ""
        return f"{', '.join(where)}: {value}{self.message} [{self.code}]"

    def sort_key(self) -> tuple:
        return (self.file, self.row or 0, self.column or "", self.code, self.value or "")


ISSUE_COLUMNS = [f.name for f in fields(Issue)]


def issues_frame(issues) -> pd.DataFrame:
    """The issues as a DataFrame with the columns of :class:`Issue`."""
    # Int64: rows stay whole numbers next to the None of file-level issues.
    return pd.DataFrame([asdict(i) for i in issues], columns=ISSUE_COLUMNS).astype({"row": "Int64"})


def problems_found(n: int) -> str:
    """The headline of a validation report.

    Examples
    --------
    >>> problems_found(1), problems_found(3)
    ('1 problem found', '3 problems found')
    """
    return f"{n} problem{'s' if n != 1 else ''} found"


class RelgraphError(Exception):
    """Base class of relgraph's own errors: a message meant for the user."""


class ValidationError(RelgraphError):
    """The input has one or more problems; ``issues`` lists them all.

    Examples
    --------
    >>> e = ValidationError([Issue("entities.csv", 2, "kind", "planet", "invalid-enum", "expected one of: state")])
    >>> [(i.row, i.column, i.code) for i in e.issues]
    [(2, 'kind', 'invalid-enum')]
    """

    def __init__(self, issues):
        self.issues = tuple(sorted(issues, key=Issue.sort_key))
        super().__init__(self._summary())

    def _summary(self) -> str:
        return "\n".join([problems_found(len(self.issues)), *(str(i) for i in self.issues)])

    def to_frame(self) -> pd.DataFrame:
        """The issues as a DataFrame, one row each."""
        return issues_frame(self.issues)

    def _repr_html_(self) -> str:
        return issues_html(problems_found(len(self.issues)), self.to_frame())


class InputError(RelgraphError):
    """An input cannot be used at all (missing directory, unknown revision, ...)."""

