"""One side of a comparison: a dataset folder, a snapshot CSV, a bare relations CSV, or any of them at a git revision.

A git revision is written ``REV:path`` as for ``git show`` (``HEAD~3:data``,
``v1.0:snapshots/2024.csv``; the path is from the top of the repository, or
from the current folder when it starts with ``./``). The files are read with
``git cat-file``, never by checking anything out, and the source texts a
dataset quotes are read from the same revision.
"""
from __future__ import annotations

import posixpath
import subprocess
import tempfile
from pathlib import Path

import pandas as pd

from .dataset import TABLES, Tables
from .errors import InputError, ValidationError
from .load import read_table
from .schema import schema
from .snapfile import TABLE_COLUMN, read_dataset


def read_side(spec, *, cwd=None) -> Tables | pd.DataFrame:
    """Read one side of a diff: validated :class:`Tables`, or a DataFrame for a bare relations CSV.

    An existing path wins over a git revision of the same spelling.

    Raises
    ------
    InputError
        If ``spec`` is neither an existing path nor a readable git revision.
    ValidationError
        If the data has problems (every problem is listed).
    """
    spec = str(spec)
    path = Path(cwd or ".") / spec
    if path.exists():
        return read_path(path, name=spec)
    if ":" in spec:
        return read_revision(spec, cwd=cwd)
    raise InputError(f"{spec}: no such file or folder, and not a git revision (write REV:path, e.g. HEAD~1:data)")


def _is_snapshot(path: Path) -> bool:
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        return TABLE_COLUMN in f.readline().strip().split(",")


def read_path(path: Path, *, name: str, texts: dict | None = None) -> Tables | pd.DataFrame:
    """A dataset folder or snapshot CSV as :class:`Tables`; any other CSV as bare relations."""
    if path.is_file() and not _is_snapshot(path):
        return read_relations_csv(path)
    kwargs = read_dataset(path)
    if texts is not None:
        kwargs["texts"] = texts
    return Tables(**kwargs, name=name, base=path if path.is_dir() else path.parent)


def read_relations_csv(path: Path) -> pd.DataFrame:
    """A relations CSV exported from elsewhere: checked for structure, compared as text.

    Its ``id`` column may be missing or empty (the diff then matches relations
    by source, target, relation and start); nothing else about it is validated.
    """
    table, issues = read_table(path, schema()["relations"])
    issues = [i for i in issues if not (i.column == "id" and i.code == "missing-column")]
    if issues or table is None:
        raise ValidationError(issues)
    return table.frame


def _git(args: list[str], cwd) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(cwd or "."), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError("git is not installed; it is needed to read REV:path inputs") from None
    if done.returncode != 0:
        raise InputError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout


def _blob(rev: str, path: str, cwd) -> bytes | None:
    """A file's bytes at a revision, None if it has no such file."""
    try:
        return _git(["cat-file", "blob", f"{rev}:{path}"], cwd)
    except InputError:
        return None


def read_revision(spec: str, *, cwd=None) -> Tables | pd.DataFrame:
    """Read ``REV:path`` from the git repository around ``cwd`` (default: the current folder)."""
    rev, _, where = spec.partition(":")
    if where.startswith(("./", "../")) or where in (".", ".."):
        prefix = _git(["rev-parse", "--show-prefix"], cwd).decode().strip()
        where = posixpath.normpath(posixpath.join(prefix, where))
    where = posixpath.normpath(where).lstrip("/") if where else ""
    where = "" if where == "." else where
    try:
        kind = _git(["cat-file", "-t", f"{rev}:{where}"], cwd).decode().strip()
    except InputError as e:
        raise InputError(f"{spec}: not a readable git revision and path ({e})") from None
    with tempfile.TemporaryDirectory(prefix="relgraph-git-") as tmp:
        root = Path(tmp)
        if kind == "blob":
            target = root / (posixpath.basename(where) or "input.csv")
            target.write_bytes(_git(["cat-file", "blob", f"{rev}:{where}"], cwd))
            return read_path(target, name=spec)
        if kind != "tree":
            raise InputError(f"{spec}: a git {kind}, not a dataset folder or a CSV file")
        folder = root / where
        folder.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            file = schema()[name].path
            content = _blob(rev, posixpath.join(where, file), cwd)
            if content is not None:  # a missing table is reported by validation like a missing file
                (folder / file).write_bytes(content)
        texts = _revision_texts(rev, where, folder, root, cwd)
        return read_path(folder, name=spec, texts=texts)


def _revision_texts(rev: str, where: str, folder: Path, root: Path, cwd) -> dict[str, str]:
    """Copy the texts that sources.csv names out of the revision, where validation looks for them."""
    sources, _ = read_table(folder / schema()["sources"].path, schema()["sources"])
    if sources is None:
        return {}
    texts = {}
    for rel in sorted(set(sources.frame["file"]) - {""}):
        # The same two places as for a folder on disk: beside the tables, then one level up.
        for base in (where, posixpath.dirname(where)):
            path = posixpath.normpath(posixpath.join(base, rel))
            if path.startswith("../") or path == "..":
                continue
            content = _blob(rev, path, cwd)
            if content is None:
                continue
            out = root / path
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(content)
            texts[rel] = content.decode("utf-8", "replace")
            break
    return texts
