"""Simulated time shared by the match engines: no wall clock, ever.

An engine counts the simulated seconds it has stepped through since it was
built (`elapsed`). `epoch` is the instant that corresponds to `elapsed == 0`,
so every timestamp an engine prints is `epoch + simulated seconds` and the
same seed always prints the same text. The catalog fast-forwards live matches
at construction and then calls `anchor(now)` so that "the state after the
fast-forward" is dated `now`.

`pace(speed)` makes the printed times follow a server running at `speed`
simulated seconds per real second: a simulated second is then `1 / speed`
seconds of wall time, so a match listed to start "in two minutes" at
`--speed 10` starts 12 s after it was listed, as its `start_time` says.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

#: Used when nobody supplies an epoch, so that output stays reproducible.
DEFAULT_EPOCH = datetime(2026, 11, 21, 19, 30, tzinfo=UTC)


def match_rng(seed: int, match_id: int) -> random.Random:
    """The private random stream of one match under one seed."""
    return random.Random(f"{seed}:{match_id}")


def rfc3339(moment: datetime) -> str:
    """`2026-11-21T20:41:07Z` (UTC, whole seconds)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Timeline:
    """Elapsed simulated seconds, the moment of the last change, the kick-off."""

    def __init__(self, epoch: datetime | None, kickoff_after: float = 0.0) -> None:
        self.epoch = epoch if epoch is not None else DEFAULT_EPOCH
        if self.epoch.tzinfo is None:
            self.epoch = self.epoch.replace(tzinfo=UTC)
        self.elapsed = 0.0
        self.changed_at = 0.0
        self.kickoff_at = float(kickoff_after)
        #: Wall-clock seconds per simulated second (see `pace`).
        self.rate = 1.0

    def pace(self, speed: float) -> None:
        """Date simulated seconds as a server at `speed` passes them (0: frozen, as 1)."""
        self.rate = 1.0 / speed if speed > 0 else 1.0

    def moment(self, simulated: float) -> datetime:
        """The wall-clock instant of simulated second `simulated`."""
        return self.epoch + timedelta(seconds=simulated * self.rate)

    def tick(self, seconds: float) -> None:
        self.elapsed += seconds

    def mark_changed(self) -> None:
        self.changed_at = self.elapsed

    def anchor(self, now: datetime) -> None:
        """Re-date everything so that the current simulated instant is `now`."""
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        self.epoch = now - timedelta(seconds=self.elapsed * self.rate)

    def updated_at(self) -> str:
        return rfc3339(self.moment(self.changed_at))

    def start_time(self) -> str:
        return rfc3339(self.moment(self.kickoff_at))
