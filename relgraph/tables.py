"""Text tables: a dataset's CSV files (or DataFrames) read as string cells, with structural checks.

Every cell is read as text, exactly as written (no NA guessing), so nothing is
lost or silently converted; type checks happen in :mod:`relgraph.checks`. A
CSV comes as a path on disk or as bytes already in memory (a git revision):
nothing is written anywhere to be read back.
"""
from __future__ import annotations

import codecs
import csv
import io
import os
import stat
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import dates
from .issues import Issue
from .schema import Resource

_OTHER_DELIMITERS = {";": "semicolon", "\t": "tab", "|": "pipe"}


@dataclass(frozen=True)
class Records:
    """A CSV's records as read: its header record's bytes and each data record's bytes, in the order of the
    rows of ``frame`` (the table as read), for reading a file that is mostly the same (a diff's second side)."""

    header: bytes
    data: pd.Index  # each data record's bytes, row by row of frame
    frame: pd.DataFrame


@dataclass
class Table:
    """A table as read: string cells and the file row number of each row."""

    name: str
    file: str
    frame: pd.DataFrame
    rows: np.ndarray  # file row number of each frame row, header = row 1
    absent: frozenset = frozenset()  # schema columns the file lacks (added empty, not checked)
    records: Records | None = field(default=None, repr=False)  # its file's records, kept when asked
    known: np.ndarray | None = field(default=None, repr=False)  # rows that are records of a prior file
    _dates: dict = field(default_factory=dict, repr=False)
    _distinct: dict = field(default_factory=dict, repr=False)
    _lookup: dict = field(default_factory=dict, repr=False)
    _found: dict = field(default_factory=dict, repr=False)
    _in_order: set = field(default_factory=set, repr=False)

    def dates(self, column: str) -> dates.PartialDates:
        """The column parsed as partial dates, once (several checks need it)."""
        if column not in self._dates:
            codes, values = self.distinct(column)
            p = dates.parse(values)
            self._dates[column] = dates.PartialDates(p.lo[codes], p.hi[codes], p.malformed[codes], p.impossible[codes])
        return self._dates[column]

    def distinct(self, column: str, *, unique: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Each row's code and the column's distinct values (in order of first use), once: checks look at
        each distinct value once (a million relations name a few thousand entities, dates and sources).

        ``unique``: the column should hold each value once (an id); when its values increase row by row,
        as relgraph writes them, that proves it and nothing is hashed. The first call decides.

        Examples
        --------
        >>> t = Table("t", "t.csv", pd.DataFrame({"a": ["x", "y", "x"], "id": ["a1", "a2", "b"]}), np.arange(2, 5))
        >>> codes, values = t.distinct("a")
        >>> codes.tolist(), values.tolist()
        ([0, 1, 0], ['x', 'y'])
        >>> t.distinct("id", unique=True)[0].tolist()
        [0, 1, 2]
        """
        if column not in self._distinct:
            cells = self.frame[column].to_numpy(dtype=object)
            if unique and increasing(cells):
                self._distinct[column] = np.arange(len(cells)), cells
                self._in_order.add(column)
            else:
                codes, values = pd.factorize(cells)
                self._distinct[column] = codes, np.asarray(values, dtype=object)
        return self._distinct[column]

    def in_order(self, column: str) -> bool:
        """Whether :meth:`distinct` found the column's values increasing row by row (asked with ``unique``)."""
        return column in self._in_order

    def lookup(self, column: str) -> pd.Index:
        """The column's distinct values as an index, whose hash table is built once, to look values up in."""
        if column not in self._lookup:
            self._lookup[column] = pd.Index(self.distinct(column)[1], dtype=object)
        return self._lookup[column]

    def found(self, column: str, ref: Table, ref_column: str) -> np.ndarray:
        """Where each distinct value of the column is among ``ref``'s distinct ``ref_column`` values (-1: not
        there), once: a relation's parties are looked up among the entities by two checks.

        Examples
        --------
        >>> ref = Table("e", "e.csv", pd.DataFrame({"id": ["a", "b"]}), np.arange(2, 4))
        >>> t = Table("t", "t.csv", pd.DataFrame({"to": ["b", "x", "b"]}), np.arange(2, 5))
        >>> t.found("to", ref, "id").tolist()
        [1, -1]
        """
        key = (column, ref.name, ref_column)
        if key not in self._found:
            self._found[key] = ref.lookup(ref_column).get_indexer(self.distinct(column)[1])
        return self._found[key]


def increasing(cells: np.ndarray) -> bool:
    """Whether each cell comes after the one before (so none repeats), as relgraph writes ids.

    Examples
    --------
    >>> increasing(np.array(["a", "b"], dtype=object)), increasing(np.array(["a", "a"], dtype=object))
    (True, False)
    """
    return len(cells) > 1 and pd.Index(cells, dtype=object).is_monotonic_increasing and bool(
        (cells[1:] > cells[:-1]).all())


def positions(index: pd.Index, values) -> np.ndarray:
    """Where each of ``values`` is in ``index`` (unique), -1 where it is not.

    Values in increasing order on both sides (ids as relgraph writes and sorts them, and so the records of
    its files) are merged (a million ids in 0.12 s here); others are looked up in a hash table (0.95 s).

    Examples
    --------
    >>> positions(pd.Index(["a", "b", "c"]), np.array(["a", "c", "d"], dtype=object)).tolist()
    [0, 2, -1]
    >>> positions(pd.Index(["a", "b", "c"]), np.array(["c", "a"], dtype=object)).tolist()
    [2, 0]
    """
    values = np.asarray(values, dtype=object)
    if index.is_monotonic_increasing and increasing(values):
        at = index.join(pd.Index(values, dtype=object), how="right", return_indexers=True)[1]
        return np.arange(len(values)) if at is None else at  # None: the same values in the same order
    return index.get_indexer(values)


_UTF16 = (b"\xff\xfe", b"\xfe\xff")
_SNIFF = 65536  # bytes looked at for NULs: UTF-16 text has them all through, UTF-8 text none


def utf8_problem(raw: bytes, *, head: bool = False) -> tuple[int, str, str] | None:
    """Where ``raw`` stops being UTF-8 (a BOM is fine): the line, the bad byte and a message; None if it is UTF-8.

    NUL bytes count as not UTF-8 (they are valid UTF-8, but no text file has them: UTF-16 without
    a byte-order mark does). ``head``: ``raw`` is only the start of a file, so a character cut at
    its end is no problem.

    Examples
    --------
    >>> utf8_problem(b"id,name\\nx,Caf\\xe9")
    (2, "'\\\\xe9'", 'not UTF-8 (byte 0xe9 on line 2); save it as UTF-8')
    >>> utf8_problem("id".encode("utf-16-le"))[2]
    'not UTF-8 (byte 0x00 on line 1; it looks like UTF-16); save it as UTF-8'
    >>> utf8_problem("Café".encode()) is None
    True
    """
    nul = raw.find(b"\x00", 0, _SNIFF)
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if head and nul < 0 and e.reason == "unexpected end of data":
            return None
        at = e.start if nul < 0 else min(e.start, nul)
    else:
        if nul < 0:
            return None
        at = nul
    line = raw.count(b"\n", 0, at) + 1
    utf16 = "; it looks like UTF-16" if raw.startswith(_UTF16) or raw[at] == 0 else ""
    return (line, repr(raw[at:at + 1])[1:], f"not UTF-8 (byte {raw[at]:#04x} on line {line}{utf16}); save it as UTF-8")


def not_regular(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file (a folder, a FIFO, a device), None for a regular file.

    Checked before opening: opening a FIFO would wait for a writer for ever.

    Examples
    --------
    >>> not_regular(Path("/dev/null")), not_regular(Path("/"))
    ('a device', 'a folder')
    """
    mode = os.stat(path).st_mode
    if stat.S_ISREG(mode):
        return None
    return ("a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else
            "a socket" if stat.S_ISSOCK(mode) else "a device")


@contextmanager
def _no_field_limit():
    """The csv module refuses cells over 128 KiB by default; a stored text or a long note may be larger."""
    old = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _text(source: Path | bytes):
    """The CSV as a text stream, from its path or its bytes."""
    if isinstance(source, bytes):
        return io.TextIOWrapper(io.BytesIO(source), encoding="utf-8-sig", newline="")
    return open(source, encoding="utf-8-sig", newline="")


def _field_counts(raw: bytes) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    """The number of fields of each record of the CSV ``raw``, as the csv module and pandas read them (a
    blank line has 0), and where the records start and end in ``raw`` when numpy found them (None else).

    pandas alone would pad short rows with empty cells. Most files are counted on their bytes
    (:func:`_bounds`); the csv module reads those whose quotes that cannot follow.
    """
    bounds = _bounds(raw)
    if bounds is not None:
        return bounds[2], bounds[:2]
    with _text(raw) as f, _no_field_limit():
        return np.fromiter(map(len, csv.reader(f)), dtype=np.int64), None


_QUOTE, _COMMA, _LF, _CR = (ord(c) for c in '",\n\r')
# What may stand before an opening quote and after a closing one.
_EDGES = np.array([_QUOTE, _COMMA, _LF, _CR], dtype=np.uint8)


def _bounds(raw: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Where each record of ``raw`` starts and ends (line end excluded, BOM skipped) and its number of
    fields, found with numpy: a comma or line end is a delimiter where an even number of quotes precede it.
    None when a quote is not where that rule holds (a quote inside an unquoted field, text after a closing
    quote, a quote never closed): the csv module then counts.

    Examples
    --------
    >>> [a.tolist() for a in _bounds(b'id,note\\r\\n\\r\\nx,"a, ""b""\\nc"\\ny')]
    [[0, 9, 11, 26], [7, 9, 25, 27], [2, 0, 2, 1]]
    >>> _bounds(b'id,note\\nx,say "no"') is None
    True
    """
    skip = 3 if raw.startswith(codecs.BOM_UTF8) else 0
    b = np.frombuffer(raw, dtype=np.uint8)[skip:]
    n = len(b)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    quotes = np.flatnonzero(b == _QUOTE)
    # Quotes pair up in order: the first of a pair opens a quoted field (or is the second of a doubled
    # quote), the second closes it (or is the first of a doubled quote).
    opens, closes = quotes[0::2], quotes[1::2]
    if (len(quotes) % 2 or not (np.isin(b[np.maximum(opens - 1, 0)], _EDGES) | (opens == 0)).all()
            or not np.isin(b[np.minimum(closes + 1, n - 1)], _EDGES).all()):
        return None

    def outside(positions):  # those with an even number of quotes before them
        return positions[np.searchsorted(quotes, positions) % 2 == 0] if len(quotes) else positions
    lf = outside(np.flatnonzero(b == _LF))
    ends = starts = lf  # each line end's last byte, and its first
    if b"\r" in raw:  # most files have none: two passes over the bytes saved
        cr = outside(np.flatnonzero(b == _CR))
        crlf = b[np.minimum(cr + 1, n - 1)] == _LF  # \r\n is one line end; the \n of it is outside too
        ends = np.sort(np.concatenate([lf, cr[~crlf]]))
        starts = ends - ((b[ends] == _LF) & (b[np.maximum(ends - 1, 0)] == _CR) & (ends > 0))
    last = bool(len(ends) == 0 or ends[-1] + 1 < n)  # a last record without a line end
    record_starts = np.concatenate([[0], ends + 1])[:len(ends) + last]
    record_ends = np.concatenate([starts, [n]])[:len(ends) + last]
    commas = np.flatnonzero(b == _COMMA)
    inside = np.searchsorted(commas, closes) - np.searchsorted(commas, opens)  # in each quoted field
    # Only line-end bytes lie between a record's end and the next one's start: the commas before each
    # start, once, count every record's.
    before = np.searchsorted(commas, np.append(record_starts, n))
    counts = np.diff(before) + 1 - np.bincount(np.searchsorted(record_ends, opens), weights=inside,
                                               minlength=len(record_ends))
    counts = np.where(record_ends > record_starts, counts, 0).astype(np.int64)
    return record_starts + skip, record_ends + skip, counts


def _nul_problem(raw: bytes) -> tuple[int, str, str] | None:
    """A NUL byte anywhere in ``raw`` (no text file has one), as :func:`utf8_problem` says it."""
    at = raw.find(b"\x00")
    if at < 0:
        return None
    line = raw.count(b"\n", 0, at) + 1
    return line, "'\\x00'", f"not UTF-8 (byte 0x00 on line {line}); save it as UTF-8"


def read_table(source: Path | bytes | None, resource: Resource, *, name: str, where: str | None = None,
               keep: bool = False, prior: Records | None = None) -> tuple[Table | None, list[Issue]]:
    """Read one CSV, from a path or its bytes (None: it does not exist); return the table (None if
    unusable) and the problems.

    ``name`` is the file as issues name it (``relations.csv``); ``where`` is
    the place as the user would write it (``my_data/relations.csv``,
    ``HEAD:data/relations.csv``), for messages; default: the path.

    Structural problems reported: file missing or unreadable, not UTF-8, empty,
    another delimiter, rows with too many or too few fields, missing required
    columns, unknown or duplicate columns. Optional columns that are absent are
    added empty.

    ``keep``: the table keeps its file's :class:`Records` (``Table.records``). ``prior``: the records of
    a file read before (a diff's first side): a record the same, byte for byte, as one of them is not
    parsed again but taken from the frame read then, and ``Table.known`` marks its row.
    """
    where = where or str(source)
    expected = f"expected the {resource.name} table as a CSV file"
    if source is None or (not isinstance(source, bytes) and not os.path.lexists(source)):
        return None, [Issue(name, None, None, None, "missing-file",
                            f"file not found: {where} (expected the {resource.name} table)")]
    try:
        if not isinstance(source, bytes) and (kind := not_regular(source)):
            return None, [Issue(name, None, None, None, "unreadable-file", f"{where} is {kind}; {expected}")]
        raw = source if isinstance(source, bytes) else Path(source).read_bytes()
        # UTF-8 is checked here on the first bytes (UTF-16 shows there), then by pandas as it reads.
        problem = utf8_problem(raw[:_SNIFF], head=len(raw) > _SNIFF) or _nul_problem(raw)
        counts, bounds = (None, None) if problem else _field_counts(raw)
        # A diff's first side keeps its records; its second is compared with them, record by record.
        recs = _record_bytes(raw, *bounds) if bounds is not None and (keep or prior is not None) else None
        del raw  # pandas reads the file itself: its bytes are not held while it does (a diff's records aside)
    except UnicodeDecodeError:  # the csv module's count, past the bytes checked first
        return None, [_not_utf8(name, source)]
    except (OSError, csv.Error) as e:
        return None, [Issue(name, None, None, None, "unreadable-file",
                            f"cannot read {where}: {getattr(e, 'strerror', None) or e}")]
    if problem:
        return None, [_not_utf8(name, source, problem)]

    records = np.flatnonzero(counts > 0)  # blank lines are skipped, as pandas does
    if len(records) == 0:
        return None, [Issue(name, None, None, None, "empty-file",
                            f"the file is empty; expected a header row: {','.join(resource.columns)}")]
    with _text(source) as f, _no_field_limit():
        header = next(row for row in csv.reader(f) if row)
    header_row = int(records[0]) + 1  # blank lines before the header count, as everywhere
    if len(header) == 1:
        for d, d_name in _OTHER_DELIMITERS.items():
            if d in header[0]:
                return None, [Issue(name, header_row, None, header[0][:80], "wrong-delimiter",
                                    f"the header looks {d_name}-separated; relgraph reads "
                                    "comma-separated files")]

    issues = column_issues(name, header, resource, row=header_row)
    width = len(header)
    row_numbers = records + 1
    data_rows = row_numbers[1:]
    data_counts = counts[records[1:]]
    for r, n in zip(data_rows[data_counts != width], data_counts[data_counts != width]):
        code = "extra-fields" if n > width else "missing-fields"
        issues.append(Issue(name, int(r), None, str(n), code,
                            f"row has {n} fields; the header has {width} (check quotes and commas)"))
    if any(i.code == "duplicate-column" for i in issues):
        return None, issues

    first = int(records[0])  # the header record
    # Blank records are dropped, and those with extra fields, reported above.
    rows = first + 1 + np.flatnonzero((counts[first + 1:] > 0) & (counts[first + 1:] <= width))
    known = None
    try:
        # A valid file's records are distinct (each has its own id); should they not be, all are parsed.
        if recs is not None and prior is not None and recs[first] == prior.header and prior.data.is_unique:
            frame, known = _read_known(recs, rows, prior, width, header, resource)
        else:
            frame = _read_all(source, counts, first, rows, width, header, resource)
    except UnicodeDecodeError:  # past the bytes checked first
        return None, [_not_utf8(name, source)]
    except pd.errors.ParserError as e:
        if "EOF inside string" not in str(e):
            raise
        # The quote swallowed the rest of the file into the last record: that is where it opened.
        last = len(counts)
        return None, [i for i in issues if i.row != last] + [Issue(
            name, last, None, None, "unclosed-quote", "a quote opened in this row is never closed, so the rest of "
            "the file reads as one cell; close it or double the quote marks inside it")]
    kept = Records(recs[first], _index(_picked(recs, rows)), frame) if keep and recs is not None else None
    return Table(resource.name, name, frame, rows + 1, _absent(header, resource), records=kept,
                 known=known), issues


_READ = dict(dtype=str, header=None, keep_default_na=False, na_filter=False, encoding="utf-8-sig",
             index_col=False, skip_blank_lines=False)


def _read_all(source: Path | bytes, counts: np.ndarray, first: int, rows: np.ndarray, width: int,
              header: list[str], resource: Resource) -> pd.DataFrame:
    """The records ``rows`` (indices into ``counts``, after the header record ``first``) of the CSV, parsed."""
    # One frame row per record, blank ones included, as wide as the widest record: pandas guesses
    # nothing (it would skip a line of spaces, or take a first row with an extra field for an index),
    # and each row keeps its record's number. The records up to the header are dropped afterwards:
    # pandas' skiprows loses an empty first field on files with CR line ends.
    frame = pd.read_csv(io.BytesIO(source) if isinstance(source, bytes) else source,
                        names=list(range(int(counts.max()))), **_READ)
    frame = frame.iloc[first + 1:] if len(rows) == len(counts) - first - 1 else frame.iloc[rows]
    return _conform((frame if frame.shape[1] == width else frame.loc[:, list(range(width))]).set_axis(
        header, axis=1), resource)


def _read_known(recs: list[bytes], rows: np.ndarray, prior: Records, width: int, header: list[str],
                resource: Resource) -> tuple[pd.DataFrame, np.ndarray]:
    """The records ``rows`` of a CSV whose header is ``prior``'s: those that are records of ``prior``
    taken from its frame, the others parsed by pandas; and which rows were taken."""
    data = _picked(recs, rows)
    at = positions(prior.data, _index(data))
    known = at >= 0
    if known.all():
        return prior.frame.take(at).reset_index(drop=True), known
    new = np.flatnonzero(~known)
    # Records are whole (their quotes closed): joined by line ends they read as they did in the file.
    parsed = _conform(pd.read_csv(io.BytesIO(b"\n".join([data[i] for i in new.tolist()]) + b"\n"),
                                  names=list(range(width)), **_READ).set_axis(header, axis=1), resource)
    if not known.any():
        return parsed, known
    frame = prior.frame.take(np.maximum(at, 0)).reset_index(drop=True)  # the new rows written over
    for c in frame.columns:
        frame.iloc[new, frame.columns.get_loc(c)] = parsed[c].to_numpy()
    return frame, known


def _index(recs: list[bytes]) -> pd.Index:
    """Records as an index (of bytes), to match them: merged when in order, as a sorted file's are."""
    return pd.Index(np.array(recs, dtype=object) if recs else np.zeros(0, dtype=object), dtype=object)


def _picked(recs: list[bytes], rows: np.ndarray) -> list[bytes]:
    """The records ``rows`` (increasing) of ``recs``: one slice when they are all those after some record."""
    return recs[int(rows[0]):] if len(rows) and len(rows) == len(recs) - rows[0] else [recs[i] for i in rows.tolist()]


def _record_bytes(raw: bytes, starts: np.ndarray, ends: np.ndarray) -> list[bytes]:
    """Each record's bytes, line end excluded (:func:`_bounds`).

    Examples
    --------
    >>> raw = b'id,note\\r\\nx,"a\\nb"\\n'
    >>> _record_bytes(raw, *_bounds(raw)[:2])
    [b'id,note', b'x,"a\\nb"']
    """
    skip = int(starts[0]) if len(starts) else 0
    if b"\r" not in raw:  # most files: each line a record, unless a quoted cell holds a line end
        lines = raw[skip:].split(b"\n")
        if len(lines) - 1 == len(starts) - (not raw.endswith(b"\n")):
            return lines[:len(starts)]
    return [raw[s:e] for s, e in zip(starts.tolist(), ends.tolist())]


def _not_utf8(name: str, source: Path | bytes, problem: tuple[int, str, str] | None = None) -> Issue:
    """The not-utf8 issue of a CSV: ``problem`` as :func:`utf8_problem` gives it, or found in the whole file."""
    line, byte, message = problem or utf8_problem(source if isinstance(source, bytes) else Path(source).read_bytes())
    return Issue(name, line, None, byte, "not-utf8", f"the file is {message}")


def empty_table(resource: Resource) -> Table:
    """The table of a resource with no rows, as when its optional file is left out."""
    return Table(resource.name, resource.path, pd.DataFrame({c: pd.Series(dtype=object) for c in resource.columns}),
                 np.zeros(0, dtype=np.int64))


def column_issues(file: str, header: list[str], resource: Resource, *, row: int = 1) -> list[Issue]:
    """Unknown, duplicate and missing required columns of a header (on ``row``)."""
    issues, seen = [], set()
    for col in header:
        if col in seen:
            issues.append(Issue(file, row, col, col, "duplicate-column", "this column appears twice"))
        seen.add(col)
        if col not in resource.columns:
            issues.append(Issue(file, row, col, col, "unknown-column",
                                f"unknown column; expected columns: {', '.join(resource.columns)}"))
    for f in resource.fields:
        if f.required and f.name not in seen:
            issues.append(Issue(file, row, f.name, None, "missing-column",
                                f"required column {f.name!r} is missing"))
    return issues


def _absent(header: list[str], resource: Resource) -> frozenset:
    return frozenset(resource.columns) - set(header)


def _conform(frame: pd.DataFrame, resource: Resource) -> pd.DataFrame:
    """Schema columns first (absent optional ones added empty), then any unknown ones."""
    frame = frame.reset_index(drop=True)
    for col in resource.columns:
        if col not in frame.columns:
            frame[col] = ""
    order = resource.columns + [c for c in frame.columns if c not in resource.columns]
    return frame if list(frame.columns) == order else frame[order]


def as_text(col: pd.Series) -> pd.Series:
    """A column as the text a CSV holds: booleans as true/false, missing values empty.

    Examples
    --------
    >>> as_text(pd.Series([True, False])).tolist(), as_text(pd.Series([1.5, None])).tolist()
    (['true', 'false'], ['1.5', ''])
    """
    if col.dtype == bool:
        return col.map({True: "true", False: "false"}).astype(str)
    return col.astype(object).where(col.notna(), "").astype(str)


def frame_table(frame: pd.DataFrame, resource: Resource, file: str) -> tuple[Table | None, list[Issue]]:
    """A user's DataFrame as a string :class:`Table`, rows numbered as in a CSV (header = 1)."""
    header = [str(c) for c in frame.columns]
    issues = column_issues(file, header, resource)
    if any(i.code == "duplicate-column" for i in issues):
        return None, issues
    cells = pd.DataFrame({h: as_text(frame[c]) for h, c in zip(header, frame.columns)})
    return Table(resource.name, file, _conform(cells, resource), np.arange(2, len(frame) + 2),
                 _absent(header, resource)), issues
