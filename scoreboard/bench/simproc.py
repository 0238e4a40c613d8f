"""The simulator in its own process (`python -m scoreboard.sim`), so it never
shares a CPU core or an event loop with the client being measured."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
from types import TracebackType
from typing import Self

from scoreboard.bench.procstat import cpu_seconds

_LISTENING = re.compile(r"listening on (ws://\S+)")
START_TIMEOUT = 30.0


class SimProcess:
    """`sportrix-sim --port 0` with the given options; `url` once it listens."""

    def __init__(
        self,
        *,
        flood_matches: int,
        flood_rate: float,
        speed: float = 1.0,
        flood_events: int = 0,
        flood_stats: int = 0,
    ) -> None:
        self.lines: list[str] = []
        self.args = [
            sys.executable,
            "-m",
            "scoreboard.sim",
            "--port",
            "0",
            "--speed",
            repr(speed),
            "--flood-matches",
            str(flood_matches),
            "--flood-rate",
            repr(flood_rate),
            "--flood-events",
            str(flood_events),
            "--flood-stats",
            str(flood_stats),
        ]
        self.url = ""
        self._proc: subprocess.Popen[str] | None = None

    @property
    def pid(self) -> int:
        assert self._proc is not None
        return self._proc.pid

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid)

    def start(self) -> Self:
        proc = self._proc = subprocess.Popen(
            self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        found: list[str] = []
        reader = threading.Thread(target=self._read_url, args=(proc, found), daemon=True)
        reader.start()
        reader.join(START_TIMEOUT)
        if not found:
            self.stop()
            err = proc.stderr.read() if proc.stderr else ""
            raise RuntimeError(f"simulator did not start: {err.strip()[-500:]}")
        self.url = found[0]
        return self

    @staticmethod
    def _read_url(proc: subprocess.Popen[str], found: list[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            match = _LISTENING.search(line)
            if match:
                found.append(match.group(1))
                return

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class SourceProcess(SimProcess):
    """The benchmark's flood source (`scoreboard.bench.source`), never the bottleneck."""

    def __init__(
        self, *, matches: int, kind: str = "small", rate: float = 0.0, count: int = 0
    ) -> None:
        super().__init__(flood_matches=0, flood_rate=0.0)
        self.kind = kind
        self.args = [
            sys.executable,
            "-m",
            "scoreboard.bench.source",
            "--matches",
            str(matches),
            "--kind",
            kind,
            "--rate",
            repr(rate),
            "--count",
            str(count),
        ]

    @property
    def frame_bytes(self) -> float:
        from scoreboard.bench.frames import frame_size

        return frame_size(self.kind)
