"""Writing outputs safely, and text made safe for where it goes (a terminal, a spreadsheet).

A file is written to a temporary file beside it, then renamed over it in one
step: a failed or interrupted run leaves the old file as it was. Nothing a
command read is ever written over, nor anything that is not a regular file
(``-o /dev/null`` must not replace the device). A replaced file keeps its
mode; a new one gets the umask's. The temporary file's name
(``.NAME.relgraph-PID.tmp``) lets a later run remove one that a killed run
left behind.
"""
from __future__ import annotations

import os
import re
import signal
import stat
import threading
from pathlib import Path

import pandas as pd

from .errors import OutputError
from .issues import utf8

_TEMP = ".{name}.relgraph-{pid}.tmp"
_SYSTEM = ("/dev/", "/proc/", "/sys/")
_STALE = re.compile(r"^\.(?P<name>.+)\.relgraph-(?P<pid>\d+)\.tmp$")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _hops(path: Path):
    """``path`` made absolute, then each place its chain of symbolic links leads to."""
    hop = os.path.abspath(path)
    for _ in range(40):  # the system's own limit on a chain of links
        yield hop
        if not os.path.islink(hop):
            return
        hop = os.path.abspath(os.path.join(os.path.dirname(hop), os.readlink(hop)))


def check_output(path, inputs=()) -> Path:
    """``path`` as a Path, if a file may be written there; :class:`OutputError` saying why not.

    Refused: one of ``inputs`` (what the command read, hard and symbolic links
    included), anything that exists and is not a regular file (a folder, a
    device, a FIFO), and a place whose folder does not exist.

    Examples
    --------
    >>> check_output("/dev/null")
    Traceback (most recent call last):
    ...
    relgraph.errors.OutputError: cannot write /dev/null: it exists and is not a regular file (a device or FIFO); ...
    """
    path = Path(path)
    if any(_same_file(path, Path(i)) for i in inputs):
        raise OutputError(f"{path} is an input of this command; choose another output")
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name, such as relations.html")
    # /dev/stdout and the like lead into /proc: whatever file they point at is not ours to replace.
    if any(hop.startswith(_SYSTEM) for hop in _hops(path)) or (
            os.path.lexists(path) and not stat.S_ISREG(os.stat(path).st_mode)):
        raise OutputError(f"cannot write {path}: it exists and is not a regular file (a device or FIFO); "
                          "give a file name, or - for standard output")
    if not path.resolve().parent.is_dir():
        raise OutputError(f"cannot write {path}: folder {path.parent} does not exist")
    return path


def _mode(path: Path) -> int:
    """The mode to give the written file: the replaced file's, else what the umask leaves of 0666."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove_stale(folder: Path, name: str) -> None:
    """Remove temporary files of earlier writes of ``name`` whose process is gone (killed with -9)."""
    for entry in folder.glob(f".{name}.relgraph-*.tmp"):
        m = _STALE.match(entry.name)
        if m is None or m["name"] != name or int(m["pid"]) == os.getpid():
            continue
        try:
            os.kill(int(m["pid"]), 0)
        except ProcessLookupError:
            entry.unlink(missing_ok=True)
        except PermissionError:  # a live process of another user
            pass


class _Interrupted(BaseException):
    """SIGTERM during a write: unwinds like Ctrl-C, so the temporary file is removed."""


def _on_term(signum, frame):
    raise _Interrupted()


def write_atomic(path, content: str | bytes, *, inputs=()) -> Path:
    """Write ``content`` to ``path`` so that a failure leaves any old file intact (see the module docstring).

    Raises :class:`OutputError` for a place :func:`check_output` refuses, or
    when the system refuses the write (no space left, no permission), naming the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_atomic(p, "hello").read_text()
    'hello'
    """
    # A symbolic link to a file: the file is replaced, the link stays.
    given = check_output(path, inputs)
    path = Path(os.path.realpath(given))
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = path.resolve().parent
    tmp = folder / _TEMP.format(name=path.name, pid=os.getpid())
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_term) if main else None
    try:
        _remove_stale(folder, path.name)
        mode = _mode(path)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
    return given


# Text for a terminal or a Markdown file: control characters shown, never sent ----------------------

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str, *, newlines: bool = True) -> str:
    """``text`` with control characters (escapes that retitle a terminal or erase lines, bidirectional
    overrides) written out as ``\\x1b``-style escapes; tabs and, if ``newlines``, line breaks kept.

    Examples
    --------
    >>> visible("PWNED\\x1b]0;x\\x07 ok\\u202e")
    'PWNED\\\\x1b]0;x\\\\x07 ok\\\\u202e'
    """
    text = utf8(text)  # a folder name not in UTF-8
    if not newlines:
        text = text.replace("\n", "\\n")
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def visible_cells(s: pd.Series) -> pd.Series:
    """:func:`visible` over a column of text, vectorised."""
    s = s.astype(str)
    if not any_match(s, _CONTROL):
        return s
    return s.str.replace(_CONTROL, lambda m: m.group().encode("unicode_escape").decode("ascii"), regex=True)


# Joins the cells for one search: neither a control character nor white space, so no match spans two.
_JOIN = "\ue000"


def any_match(s: pd.Series, pattern: re.Pattern) -> bool:
    """Whether any cell of ``s`` (text) holds a match of ``pattern``, a pattern that matches neither
    U+E000 nor across it (a character class, a run of white space): one search instead of one a cell.

    Examples
    --------
    >>> any_match(pd.Series(["a ", " b"]), re.compile(" {2,}")), any_match(pd.Series(["a", "b\\x1b"]), _CONTROL)
    (False, True)
    """
    return pattern.search(_JOIN.join(map(str, s.tolist()))) is not None  # tolist: iterating a Series boxes each


_SPACES = re.compile(r"\s+")
_NOT_ONE_SPACE = re.compile(r"[^\S ]| {2,}")  # what _SPACES would change


def one_line(s: pd.Series) -> pd.Series:
    """Cells of text with every run of white space (line breaks, tabs) made one space.

    Examples
    --------
    >>> one_line(pd.Series(["a\\n  b", "c d"])).tolist()
    ['a b', 'c d']
    """
    s = s.astype(str)
    return s.str.replace(_SPACES, " ", regex=True) if any_match(s, _NOT_ONE_SPACE) else s


# CSV text: every cell that needs quotes gets them --------------------------------------------------

_NEEDS_QUOTES = r'[,"\r\n]'


def csv_text(frame: pd.DataFrame) -> str:
    r"""A frame of text cells as CSV (``\n`` line ends), quoting as the csv module does, and also cells
    holding a bare CR, which it leaves unquoted (they would read back as a line break).

    Examples
    --------
    >>> csv_text(pd.DataFrame({"a": ["x\ry", 'a "b" c'], "b": ["1,2", ""]}))
    'a,b\n"x\ry","1,2"\n"a ""b"" c",\n'
    """
    def quoted(s: pd.Series) -> pd.Series:
        return s.where(~s.str.contains(_NEEDS_QUOTES, regex=True), '"' + s.str.replace('"', '""') + '"')
    header = ",".join(quoted(pd.Series(frame.columns, dtype=str)))
    if not len(frame):
        return header + "\n"
    cells = [quoted(frame[c]) for c in frame.columns]
    return "\n".join([header, *cells[0].str.cat(cells[1:], sep=",")]) + "\n"


# Cells for a spreadsheet: formulas stay text, losslessly ---------------------------------------------

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection");
# plain numbers ("-1") are left alone. Leading apostrophes are looked through, so the escape is reversible.
_FORMULA = r"^'*(?![+-]?\d+(?:\.\d+)?$)[=+\-@\t\r]"


def spreadsheet_safe(s: pd.Series) -> pd.Series:
    """Cells a spreadsheet would run as formulas, prefixed with ``'`` (shown as text, the ``'`` hidden).

    :func:`from_spreadsheet_safe` undoes it exactly, whatever the cells held.

    Examples
    --------
    >>> spreadsheet_safe(pd.Series(["=1+1", "-1", "@SUM(A1)", "'=x", "plain"])).tolist()
    ["'=1+1", '-1', "'@SUM(A1)", "''=x", 'plain']
    """
    return s.where(~s.str.contains(_FORMULA, regex=True), "'" + s)


def from_spreadsheet_safe(s: pd.Series) -> pd.Series:
    """The cells as they were before :func:`spreadsheet_safe`.

    Examples
    --------
    >>> cells = pd.Series(["=1+1", "-1", "@SUM(A1)", "'=x", "'plain", ""])
    >>> from_spreadsheet_safe(spreadsheet_safe(cells)).equals(cells)
    True
    """
    escaped = s.str.startswith("'") & s.str.slice(1).str.contains(_FORMULA, regex=True)
    return s.where(~escaped, s.str.slice(1))
