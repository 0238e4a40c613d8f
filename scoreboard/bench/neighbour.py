"""A busy neighbour: another process keeping one core busy while the bench runs.

`--neighbour` starts it before the first phase and stops it after the last,
as the user's compiler or browser would sit next to the board: a plain
CPU-bound loop in its own process (no I/O, no memory to speak of), which ends
by itself after `limit` seconds should the bench die without stopping it.
"""

from __future__ import annotations

import subprocess
import sys
from types import TracebackType
from typing import Self

from scoreboard.bench.procstat import cpu_seconds

#: The loop ends by itself after this long, whatever happens to the bench.
LIMIT_SECONDS = 900.0

_LOOP = """
import time
end = time.monotonic() + {limit!r}
n = 0
while time.monotonic() < end:
    for _ in range(10000):
        n += 1
"""


class Neighbour:
    """The busy loop as a context manager; `cpu_seconds` says it really ran."""

    def __init__(self, limit: float = LIMIT_SECONDS) -> None:
        self.limit = limit
        self._proc: subprocess.Popen[bytes] | None = None

    def cpu_seconds(self) -> float:
        return cpu_seconds(self._proc.pid) if self._proc is not None else 0.0

    def __enter__(self) -> Self:
        code = _LOOP.format(limit=self.limit)
        self._proc = subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL
        )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
