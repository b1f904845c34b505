"""Reading files at a git revision, in memory, with nothing of the repository's able to run.

Repositories are untrusted (a cloned dataset): git runs with every configured
command that a read could trigger switched off (``core.fsmonitor``, hooks, the
pager, external diff and text conversion), and a revision that starts with
``-`` is refused before git sees it, so it cannot be taken for an option.
"""
from __future__ import annotations

import os
import subprocess

from .errors import InputError

# Command-line configuration wins over the repository's own.
_SAFE = ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "core.pager=cat",
         "--no-pager"]
_ENV_DROPPED = ("GIT_EXTERNAL_DIFF", "GIT_PAGER", "PAGER", "GIT_SSH_COMMAND", "GIT_ASKPASS")


def run(args: list[str], cwd=None) -> bytes:
    """Standard output of ``git ARGS`` in ``cwd``; :class:`InputError` with git's message if it fails."""
    env = {k: v for k, v in os.environ.items() if k not in _ENV_DROPPED}
    try:
        done = subprocess.run(["git", "-C", str(cwd or "."), *_SAFE, *args], capture_output=True,
                              check=False, env=env, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise InputError("git is not installed; it is needed to read REV:path inputs") from None
    if done.returncode != 0:
        raise InputError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout


def check_revision(rev: str) -> None:
    """Refuse a revision git could read as an option.

    Examples
    --------
    >>> check_revision("HEAD~1")
    >>> check_revision("--output=x")
    Traceback (most recent call last):
    ...
    relgraph.errors.InputError: '--output=x': a git revision cannot start with '-'
    """
    if rev.startswith("-"):
        raise InputError(f"{rev!r}: a git revision cannot start with '-'")


def object_type(rev: str, path: str, cwd=None) -> str:
    """``blob``, ``tree`` (or another git object type) of ``rev:path``; InputError if there is none."""
    check_revision(rev)
    return run(["cat-file", "-t", f"{rev}:{path}"], cwd).decode().strip()


def blob(rev: str, path: str, cwd=None) -> bytes | None:
    """A file's bytes at a revision, None if it has no such file."""
    check_revision(rev)
    try:
        return run(["cat-file", "blob", f"{rev}:{path}"], cwd)
    except InputError:
        return None


def entry(rev: str, path: str, cwd=None) -> tuple[str, str, int] | None:
    """Mode, type and size of ``rev:path`` in its tree (``("100644", "blob", 1200)``), None if absent."""
    check_revision(rev)
    try:
        line = run(["ls-tree", "-l", "--full-tree", rev, "--", path], cwd).decode("utf-8", "replace")
    except InputError:
        return None
    if not line:
        return None
    mode, kind, _, size = line.split("\t", 1)[0].split()
    return mode, kind, int(size) if size.isdigit() else 0


def prefix(cwd=None) -> str:
    """The current folder's path from the top of the repository (``""`` at the top)."""
    return run(["rev-parse", "--show-prefix"], cwd).decode().strip()
