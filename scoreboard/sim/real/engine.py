"""A real match served live: its recorded states released one by one on the simulated clock.

`ReplayEngine` plays the frames of a `RealMatch` from `start` on. Spacing:

* `gap=None`: the match's own (derived) spacing, so `--speed` scales the real
  gaps between balls and events;
* `gap=G`: every frame `G` real seconds after the previous one, whatever the
  data says (G = 0.02-0.05: the bursts a stalled socket or a busy read
  produce; converted to simulated time with the server's `speed`);
* `burst=N`: frames are released N at a time; the N go out back to back, in
  one go on the socket;
* `hold=True`: the match waits at `start` until its first subscriber, so a
  client that subscribes late still sees every state from there (tests).

Unlike the simulated engines, every state released reaches every subscriber
in order (`every_state`): the server queues each one rather than coalescing
them, so a client sees each ball and event even when they come close together.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scoreboard.sim.engines.base import MatchEngine
from scoreboard.sim.engines.timeline import Timeline, rfc3339
from scoreboard.sim.real.frames import RealMatch


class ReplayEngine(MatchEngine):
    """Serves `match` from frame `start` (an index, or a frame's clock label)."""

    every_state = True

    def __init__(
        self,
        match: RealMatch,
        *,
        start: int | str = 0,
        speed: float = 1.0,
        gap: float | None = None,
        burst: int = 1,
        epoch: datetime | None = None,
        hold: bool = False,
    ) -> None:
        if burst < 1:
            raise ValueError("burst must be >= 1")
        if gap is not None and gap < 0:
            raise ValueError("gap must be >= 0")
        self.match = match
        self.match_id = match.match_id
        self.sport = match.sport
        self.start = start if isinstance(start, int) else match.index(start)
        if not 0 <= self.start < len(match.frames):
            raise ValueError(f"start {start!r} is outside {match.name}'s frames")
        self._timeline = Timeline(epoch)
        self._timeline.pace(speed)
        self._cursor = self.start  # the frame on show
        self._pending: list[dict[str, Any]] = []
        self._held = hold
        self._due = self._schedule(speed, gap, burst)
        first_gap = self._due[0] if self._due else 1.0
        #: Fine enough that no release is late by more than a tenth of its gap.
        self.step_seconds = max(0.001, min(1.0, first_gap / 10 if gap is not None else 1.0))

    def _schedule(self, speed: float, gap: float | None, burst: int) -> list[float]:
        """Simulated second (from now) at which each later frame is released."""
        frames = self.match.frames
        origin = frames[self.start].at
        due: list[float] = []
        for n, i in enumerate(range(self.start + 1, len(frames))):
            lead = i - (n % burst)  # the first frame of its burst sets the time
            if gap is None:
                due.append(frames[lead].at - origin)
            else:
                due.append((n // burst + 1) * gap * (speed or 1.0))
        return due

    # --- MatchEngine ------------------------------------------------------

    @property
    def status(self) -> str:
        return str(self.match.frames[self._cursor].data["status"])

    @property
    def position(self) -> int:
        """Index of the frame on show."""
        return self._cursor

    def subscribed(self) -> None:
        self._held = False

    def step(self) -> bool:
        if self._held:
            return False
        self._timeline.tick(self.step_seconds)
        now = self._timeline.elapsed - 1e-9
        frames = self.match.frames
        released = False
        while self._cursor + 1 < len(frames) and self._due[self._cursor - self.start] <= now:
            self._cursor += 1
            released = True
            self._timeline.mark_changed()
            self._pending.append(self.snapshot())
        return released

    def take_states(self) -> list[dict[str, Any]]:
        """Every state released since the last call, oldest first."""
        states, self._pending = self._pending, []
        return states

    def snapshot(self) -> dict[str, Any]:
        data = dict(self.match.frames[self._cursor].data)
        data["updated_at"] = self._timeline.updated_at()
        return data

    def summary(self) -> dict[str, Any]:
        data = self.match.frames[self._cursor].data
        began = self._timeline.moment(-self.match.frames[self.start].at)
        summary = {
            "match_id": self.match_id,
            "sport": self.sport,
            "status": self.status,
            "home": data["home"],
            "away": data["away"],
            "competition": data.get("competition"),
            "start_time": rfc3339(began),
        }
        for key in ("score", "clock", "result"):
            if data.get(key) is not None:
                summary[key] = data[key]
        return summary

    def anchor(self, now: datetime) -> None:
        """Date the frame on show `now`."""
        self._timeline.anchor(now)
