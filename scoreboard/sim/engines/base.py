"""The interface every simulated match engine implements.

An engine is a deterministic state machine: given the same seed it produces
the same match. The server drives it with `step()` on a simulated clock and
broadcasts `snapshot()` to subscribers whenever `step()` reports a change.
Engines know nothing about sockets, time or asyncio.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

#: Statuses a match never leaves: the ticker stops stepping it.
TERMINAL = frozenset({"finished", "abandoned"})


class MatchEngine(ABC):
    """One simulated match."""

    #: Catalog id (Sportrix integer id).
    match_id: int
    #: "soccer", "cricket", "basketball", ...
    sport: str
    #: Simulated seconds that one `step()` covers (soccer: 1.0, one clock second).
    step_seconds: float = 1.0
    #: True: every state `step()` passes through reaches subscribers, in order
    #: (`take_states`); False: only the newest, and a slow client's queued
    #: update is replaced by a newer one (docs/simulator.md, "Stream").
    every_state: bool = False

    @property
    @abstractmethod
    def status(self) -> str:
        """`scheduled`, `live`, `finished`, `suspended` or `abandoned`."""

    @property
    def ended(self) -> bool:
        """True once the match is over for good (the ticker steps it no more).

        The ticker asks this, not `status`, so that an engine which builds
        its state on first use (`scoreboard.sim.lazy.LazyMatch`) can answer
        without building it."""
        return self.status in TERMINAL

    @abstractmethod
    def step(self) -> bool:
        """Advance by `step_seconds` of simulated time; True if the live state changed."""

    @abstractmethod
    def snapshot(self) -> dict[str, Any]:
        """The full live snapshot (`shared/reference/live-snapshot.md`), JSON-ready."""

    @abstractmethod
    def summary(self) -> dict[str, Any]:
        """REST summary: match_id, sport, status, home, away, competition, start_time."""

    def subscribed(self) -> None:
        """Someone subscribed to this match (a held replay starts; others ignore it)."""
        return None

    def take_states(self) -> list[dict[str, Any]]:
        """The states to send since the last call, oldest first (`every_state` engines)."""
        return [self.snapshot()]

    def live_view(self) -> dict[str, Any]:
        """`GET /v1/matches/{id}/live`: the snapshot without stats, events and scorecard."""
        snap = self.snapshot()
        for key in ("stats", "events", "scorecard"):
            snap.pop(key, None)
        return snap
