"""relgraph's exceptions: messages meant for the user.

:class:`ValidationError` carries the :class:`~relgraph.issues.Report` of the
input that has problems; :class:`InputError` says an input cannot be used at all.
"""
from __future__ import annotations

import pandas as pd

from .issues import Report


class RelgraphError(Exception):
    """Base class of relgraph's own errors: a message meant for the user."""


class ValidationError(RelgraphError):
    """The input has one or more problems; ``report`` holds them, ``issues`` lists them all.

    Examples
    --------
    >>> from relgraph.issues import Issue
    >>> issue = Issue("entities.csv", 2, "kind", "planet", "invalid-enum", "expected one of: state")
    >>> e = ValidationError(Report("my_data", [issue]))
    >>> [(i.row, i.column, i.code) for i in e.issues]
    [(2, 'kind', 'invalid-enum')]
    >>> print(e)
    1 problem found
    entities.csv, row 2, column 'kind': 'planet': expected one of: state [invalid-enum]
    """

    def __init__(self, report: Report):
        self.report = report
        self.issues = report.issues
        super().__init__("\n".join([report.summary(), *(str(i) for i in report.issues)]))

    def to_frame(self) -> pd.DataFrame:
        """The issues as a DataFrame, one row each."""
        return self.report.to_frame()

    def _repr_html_(self) -> str:
        return self.report._repr_html_()


class InputError(RelgraphError):
    """An input cannot be used at all (missing directory, unknown revision, ...)."""


class OutputError(RelgraphError):
    """An output cannot be written where asked (an input, a device, a full disk, ...)."""
