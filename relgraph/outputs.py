"""Writing outputs safely: a temporary file in the same folder, then an atomic rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path, content: str | bytes) -> Path:
    """Write ``content`` to ``path`` so that a failure leaves any old file intact.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_atomic(p, "hello").read_text()
    'hello'
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
