"""Which step a long command is in, on the terminal.

The library never prints: functions that take long accept a ``progress``
callable and call it with the name of each step as it starts. The command
line passes a :class:`Progress`, which writes to standard error only when that
is a terminal, and only for steps that last more than ``delay`` seconds: a
quick command stays silent, and a redirected or piped one stays clean.
"""
from __future__ import annotations

import sys
import threading
import time


class Progress:
    """A ``progress`` callable: ``p("layout")`` starts a step, ``p(None)`` or ``p.close()`` ends the last one.

    A step still running after ``delay`` seconds is shown as ``relgraph: layout ...``
    and completed with its time when the next step starts.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()  # not a terminal: nothing is written
    >>> with Progress(out) as p:
    ...     p("layout")
    >>> out.getvalue()
    ''
    """

    def __init__(self, stream=None, *, delay: float = 1.0, enabled: bool | None = None):
        self.stream = sys.stderr if stream is None else stream
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.delay = delay
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._step: str | None = None
        self._start = 0.0
        self._shown = False

    def __call__(self, step: str | None) -> None:
        self._finish()
        if step is None or not self.enabled:
            return
        with self._lock:
            self._step, self._start, self._shown = step, time.perf_counter(), False
            # A timer, not a check at the next step: a step is shown while it runs.
            self._timer = threading.Timer(self.delay, self._show)
            self._timer.daemon = True
            self._timer.start()

    def _show(self) -> None:
        with self._lock:
            if self._step is not None:
                self.stream.write(f"relgraph: {self._step} ...")
                self.stream.flush()
                self._shown = True

    def _finish(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            if self._shown:
                self.stream.write(f" {time.perf_counter() - self._start:.1f} s\n")
                self.stream.flush()
            self._timer, self._step, self._shown = None, None, False

    def close(self) -> None:
        """End the last step."""
        self._finish()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
