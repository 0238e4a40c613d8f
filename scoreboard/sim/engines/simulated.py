"""What every sport's engine shares: identity, setup, simulated time, fast-forward."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from datetime import datetime
from typing import Any, Self, TypedDict, Unpack

from scoreboard.sim.engines.base import MatchEngine
from scoreboard.sim.engines.timeline import Timeline, match_rng


class MatchSetup(TypedDict, total=False):
    """How a match is set up, beyond who plays whom: every engine takes these keywords.

    Defaults (in `SimulatedMatch`): no competition or venue, seed 0, the
    fixed epoch, live at once. `kickoff_after` > 0 keeps the match
    `scheduled` for that many simulated seconds.
    """

    competition: str | None
    venue: str | None
    seed: int
    epoch: datetime | None
    kickoff_after: float


class SimulatedMatch(MatchEngine):
    """A `MatchEngine` with a private RNG and a simulated timeline.

    Fast-forward with `advance(n)`, `advance_until(predicate)` or
    `play_to_end()`; then `anchor(now)` dates the current state `now`.
    """

    def __init__(self, match_id: int, home: str, away: str, **setup: Unpack[MatchSetup]) -> None:
        unknown = setup.keys() - MatchSetup.__optional_keys__
        if unknown:
            raise TypeError(f"unknown match setup {', '.join(sorted(unknown))}")
        kickoff_after = setup.get("kickoff_after", 0.0)
        self.match_id = match_id
        self.home = home
        self.away = away
        self.competition = setup.get("competition")
        self.venue = setup.get("venue")
        self.seed = setup.get("seed", 0)
        self._rng = match_rng(self.seed, match_id)
        self._timeline = Timeline(setup.get("epoch"), kickoff_after)
        self._status = "scheduled" if kickoff_after > 0 else "live"

    # --- stepping -----------------------------------------------------------

    @property
    def status(self) -> str:
        return self._status

    def step(self) -> bool:
        """One step: nothing once finished; kick-off when a scheduled match is due."""
        if self._status == "finished":
            return False
        self._timeline.tick(self.step_seconds)
        if self._status == "scheduled":
            if self._timeline.elapsed < self._timeline.kickoff_at:
                return False
            self._status = "live"
            self._kick_off()
            return self._changed()
        return self._play()

    @abstractmethod
    def _kick_off(self) -> None:
        """The match starts (first period, first innings, tip-off)."""

    @abstractmethod
    def _play(self) -> bool:
        """One step of a live match; True if the snapshot changed."""

    def _changed(self) -> bool:
        self._timeline.mark_changed()
        return True

    # --- fast-forward -----------------------------------------------------

    def advance(self, steps: int) -> None:
        """Call `step()` `steps` times (stops early once finished)."""
        for _ in range(steps):
            if self.status == "finished":
                return
            self.step()

    def advance_until(self, predicate: Callable[[Self], bool], limit: int = 100_000) -> int:
        """Step until `predicate(self)` holds, the match ends or `limit` steps; steps taken."""
        taken = 0
        while taken < limit and not predicate(self) and self.status != "finished":
            self.step()
            taken += 1
        return taken

    def play_to_end(self) -> None:
        """Play the match out to the final whistle / result."""
        while self.status != "finished":
            self.step()

    def pace(self, speed: float) -> None:
        """Print times as a server at `speed` passes them (call before `anchor`)."""
        self._timeline.pace(speed)

    def anchor(self, now: datetime) -> None:
        """Date the current simulated instant `now` (start time and updated_at follow)."""
        self._timeline.anchor(now)

    @property
    def elapsed(self) -> float:
        """Simulated seconds stepped through since construction."""
        return self._timeline.elapsed

    # --- shared output ----------------------------------------------------

    def summary(self) -> dict[str, Any]:
        """The contract's summary fields, and once play has started what the
        catalog can tell without a subscription: `score`, and `clock` (soccer)
        or `result` (cricket) when the snapshot has them (docs/decisions.md)."""
        summary = {
            "match_id": self.match_id,
            "sport": self.sport,
            "status": self.status,
            "home": self.home,
            "away": self.away,
            "competition": self.competition,
            "start_time": self._timeline.start_time(),
        }
        if self.status != "scheduled":
            snap = self.snapshot()
            for key in ("score", "clock", "result"):
                if snap.get(key) is not None:
                    summary[key] = snap[key]
        return summary

    def _common(self) -> dict[str, Any]:
        return {
            "match_id": self.match_id,
            "sport": self.sport,
            "status": self.status,
            "home": self.home,
            "away": self.away,
            "competition": self.competition,
            "venue": self.venue,
            "updated_at": self._timeline.updated_at(),
        }
