"""The event-loop watchdog: how long the loop was held, sampled cheaply.

A callback runs every `INTERVAL` seconds and records how late it ran
(`core.diagnostics.LoopLag`): whatever held the loop (a slow layout, a
restyle storm) delayed it by that much. Four wake-ups a second cost nothing
measurable; the diagnostics view shows the worst of the last minute.
"""

from __future__ import annotations

import asyncio
from time import monotonic

from scoreboard.core.diagnostics import LoopLag

INTERVAL = 0.25


class LoopWatchdog:
    def __init__(self, lag: LoopLag, interval: float = INTERVAL) -> None:
        self.lag = lag
        self.interval = interval
        self._handle: asyncio.TimerHandle | None = None
        self._due = 0.0

    def start(self) -> None:
        """Start sampling on the running loop."""
        if self._handle is None:
            self._schedule(monotonic())

    def stop(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _schedule(self, now: float) -> None:
        self._due = now + self.interval
        self._handle = asyncio.get_running_loop().call_later(self.interval, self._tick)

    def _tick(self) -> None:
        now = monotonic()
        self.lag.record(now, max(now - self._due, 0.0))
        self._schedule(now)
