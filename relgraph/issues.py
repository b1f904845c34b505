"""Problems found in input data: the catalogue of codes, the :class:`Issue` records and the :class:`Report`.

Validation never stops at the first problem: every check runs, each problem
becomes an :class:`Issue` whose ``code`` is one of :data:`CATALOGUE`, and a
:class:`Report` holds them all (frictionless's idea: errors are data).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

import pandas as pd

from .notebook import issues_html


@dataclass(frozen=True)
class Code:
    """One kind of problem: its stable kebab-case ``code``, what it means and how to fix it."""

    code: str
    meaning: str
    fix: str


# Every code an Issue may carry, in the order the README's table lists them.
CATALOGUE = {c.code: c for c in (
    Code("missing-file", "a table's CSV file is absent",
         "add the file, or point --data at the folder that holds all four CSVs"),
    Code("unreadable-file", "a file cannot be read (a folder, no permission, a broken CSV)",
         "make it a readable CSV file"),
    Code("empty-file", "the CSV has no header row", "write the header row with the table's columns"),
    Code("not-utf8", "the file, or a source's stored text, is not UTF-8 (a BOM is fine); the line of the "
         "first bad byte is given", "save it as UTF-8"),
    Code("wrong-delimiter", "the header is separated by `;`, tabs or `|`", "save it comma-separated"),
    Code("unclosed-quote", "a quote opened in a row is never closed, so the rest of the file reads as one cell",
         "close the quote, or double the quote marks inside a quoted cell"),
    Code("extra-fields", "a row has more fields than the header", "check the row's quotes and commas"),
    Code("missing-fields", "a row has fewer fields than the header", "check the row's quotes and commas"),
    Code("unknown-column", "the header names a column the table does not have",
         "rename or remove the column (the message lists the table's columns)"),
    Code("missing-column", "a required column is absent from the header (optional ones may be left out)",
         "add the column"),
    Code("duplicate-column", "a column appears twice in the header", "remove one of them"),
    Code("missing-value", "a required cell is empty", "fill it in"),
    Code("invalid-type", "a cell is not of its column's type (true/false, a whole number)",
         "write a value of the column's type"),
    Code("invalid-enum", "a cell is not in its column's vocabulary", "use one of the values the message lists"),
    Code("pattern-mismatch", "a cell does not have its column's format (an id, a URL, a Wikidata QID)",
         "write it in the format the message gives"),
    Code("invalid-date", "a date is not YYYY, YYYY-MM or YYYY-MM-DD", "write it as YYYY, YYYY-MM or YYYY-MM-DD"),
    Code("impossible-date", "a date names no real day (2023-02-29)", "check the month and the day"),
    Code("end-before-start", "a relation certainly ends before it starts", "swap or correct the dates"),
    Code("duplicate-id", "an id is used twice (the message names the first row)",
         "give each row its own id; never reuse one"),
    Code("duplicate-value", "a value that must be unique appears twice (a second `snapshot` row)",
         "keep one of them"),
    Code("unknown-entity", "a reference to an entity id that entities.csv does not have",
         "add the entity or correct the id"),
    Code("unknown-relation-type", "a relation type that relation_types.csv does not have",
         "add the type or correct the id"),
    Code("unknown-source", "a source id that sources.csv does not have", "add the source or correct the id"),
    Code("unknown-relation", "(citations.csv) a relation id that relations.csv does not have",
         "correct the id, or remove the citation of a removed relation"),
    Code("outside-lifetime", "a dated relation starts before one of its parties existed, or goes on after it "
         "ceased to exist (the entities' `start` and `end`)", "correct the dates, or the party: the Doha "
         "Agreement of 2020 is the Taliban movement's, not the government that came in 2021"),
    Code("self-loop", "a relation's source and target are the same entity", "correct one of the two ends"),
    Code("missing-claimant", "an alleged or denied relation names no `claimed_by`",
         "name the entity that alleges or denies it"),
    Code("missing-evidence", "a relation citing a source with a stored text has no quote",
         "quote the text verbatim in `evidence`"),
    Code("evidence-not-in-source", "a quote does not occur in its source's stored text (whitespace and "
         "quote-mark style are ignored)", "copy the quote from the stored text exactly"),
    Code("missing-source-file", "a source's `file` does not exist beside the tables or one folder up",
         "store the text there or empty the cell"),
    Code("unsafe-source-file", "a source's `file` is an absolute path, leads outside the dataset's folder and the "
         "`seeds/` folder beside it (a symbolic link too), is not a regular file, or is over 16 MiB; it is not opened",
         "store the text inside the dataset's folder or its `seeds/`, as a regular file"),
    Code("misplaced-value", "(snapshot CSV) a value in a column its row's table does not have",
         "leave that cell empty"),
)}


def utf8(text):
    """Text that can be written as UTF-8: a path's undecodable bytes (a folder name in Latin-1) become U+FFFD.

    Examples
    --------
    >>> utf8("caf\\udce9") == "caf\\ufffd", utf8(None)
    (True, None)
    """
    return text if not isinstance(text, str) else text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass(frozen=True)
class Issue:
    """One problem in one place of the input.

    Parameters
    ----------
    file : str
        File name the problem is in (e.g. ``relations.csv``, or ``HEAD:data/relations.csv``).
    row : int or None
        Row number with the header as row 1; None for a problem with the whole file.
    column : str or None
        Column name; None for a problem with the whole row or file.
    value : str or None
        The offending value as read.
    code : str
        Stable kebab-case code from :data:`CATALOGUE`, e.g. ``unknown-entity``.
    message : str
        What is wrong and what was expected.

    Examples
    --------
    >>> i = Issue("relations.csv", 3, "start", "2024-13", "impossible-date", "month 13 does not exist")
    >>> str(i)
    "relations.csv, row 3, column 'start': '2024-13': month 13 does not exist [impossible-date]"
    >>> Issue("relations.csv", 3, None, None, "typo-code", "")
    Traceback (most recent call last):
    ...
    ValueError: 'typo-code' is not an issue code of relgraph.issues.CATALOGUE
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    code: str
    message: str

    def __post_init__(self):
        if self.code not in CATALOGUE:
            raise ValueError(f"{self.code!r} is not an issue code of relgraph.issues.CATALOGUE")
        for name in ("file", "column", "value", "message"):
            object.__setattr__(self, name, utf8(getattr(self, name)))

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


def problems_found(n: int) -> str:
    """The headline of a validation report.

    Examples
    --------
    >>> problems_found(1), problems_found(3)
    ('1 problem found', '3 problems found')
    """
    return f"{n} problem{'s' if n != 1 else ''} found"


@dataclass(frozen=True)
class Report:
    """The outcome of validating one input: every :class:`Issue`, sorted, and what was read.

    ``source`` names the input as the user gave it; ``tables`` counts the rows
    of each table when the input is valid (None otherwise).

    Examples
    --------
    >>> r = Report("my_data", [Issue("entities.csv", 2, "kind", "planet", "invalid-enum", "expected one of: state")])
    >>> r.valid, r.counts, [(i.row, i.column, i.code) for i in r.issues]
    (False, {'invalid-enum': 1}, [(2, 'kind', 'invalid-enum')])
    >>> r.to_dict()["issues"][0]["value"]
    'planet'
    """

    source: str
    issues: tuple = ()
    tables: dict | None = field(default=None)

    def __post_init__(self):
        object.__setattr__(self, "issues", tuple(sorted(self.issues, key=Issue.sort_key)))
        object.__setattr__(self, "source", utf8(self.source))

    @property
    def valid(self) -> bool:
        """True when there is no issue."""
        return not self.issues

    @property
    def counts(self) -> dict[str, int]:
        """How many issues of each code, in catalogue order."""
        found = pd.Series([i.code for i in self.issues], dtype=object).value_counts()
        return {code: int(found[code]) for code in CATALOGUE if code in found.index}

    def to_frame(self) -> pd.DataFrame:
        """The issues as a DataFrame with the columns of :class:`Issue`, one row each."""
        # Int64: rows stay whole numbers next to the None of file-level issues.
        return pd.DataFrame([asdict(i) for i in self.issues], columns=ISSUE_COLUMNS).astype({"row": "Int64"})

    def to_dict(self) -> dict:
        """``valid``, ``source``, ``tables``, ``counts`` and ``issues`` (one dict each), JSON-ready:
        what ``relgraph validate --json`` prints."""
        return {"valid": self.valid, "source": self.source, "tables": self.tables, "counts": self.counts,
                "issues": [asdict(i) for i in self.issues]}

    def summary(self) -> str:
        """One line: ``ok: ...`` with the table sizes, or how many problems were found."""
        if not self.valid:
            return problems_found(len(self.issues))
        t = self.tables or {}
        return (f"ok: {t.get('entities', 0)} entities, {t.get('relations', 0)} relations, "
                f"{t.get('relation_types', 0)} relation types, {t.get('sources', 0)} sources in {self.source}")

    def __str__(self) -> str:
        return "\n".join([*(str(i) for i in self.issues), self.summary()])

    def _repr_html_(self) -> str:
        return issues_html(self.summary(), self.to_frame())


def catalogue_markdown() -> str:
    """The catalogue as the README's Markdown table (checked equal to it by a test).

    Examples
    --------
    >>> print("\\n".join(catalogue_markdown().splitlines()[:2] + [catalogue_markdown().splitlines()[4]]))
    | code | meaning | how to fix |
    |---|---|---|
    | `empty-file` | the CSV has no header row | write the header row with the table's columns |
    """
    def cell(text: str) -> str:
        return text.replace("|", "\\|")
    rows = [f"| `{c.code}` | {cell(c.meaning)} | {cell(c.fix)} |" for c in CATALOGUE.values()]
    return "\n".join(["| code | meaning | how to fix |", "|---|---|---|", *rows])
