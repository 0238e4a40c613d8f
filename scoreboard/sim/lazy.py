"""A catalog match brought to its minute only when someone first asks for it.

The bundled catalog fast-forwards each live match to where it is first shown
(minute 58, an innings break...) and plays the finished ones out: ~55,000
engine steps, 45-55 ms of the demo's start, most of it for matches nobody
opens. `LazyMatch` holds the recipe instead and builds the engine on the
first call that shows it (`status`, `snapshot`, `summary`, `live_view`,
`subscribed`, `take_states`). Until then the ticker's steps are only
counted; the build replays them, so the state at any moment is exactly the
eager engine's: each engine has its own random stream and timeline, and
nothing else reads a match that no one has asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scoreboard.sim.engines.base import TERMINAL, MatchEngine


class LazyMatch(MatchEngine):
    """One match whose engine `build()` makes on first use; steps before then are replayed."""

    def __init__(
        self,
        match_id: int,
        sport: str,
        *,
        step_seconds: float,
        built_status: str,
        build: Callable[[], MatchEngine],
    ) -> None:
        self.match_id = match_id
        self.sport = sport
        self.step_seconds = step_seconds
        #: The status `build()` leaves the match in: only whether it is over is
        #: used before the build (the ticker never steps a finished match).
        self._built_status = built_status
        self._build: Callable[[], MatchEngine] | None = build
        self._engine: MatchEngine | None = None
        #: Ticker steps taken before the build, replayed by it.
        self._pending = 0

    @property
    def built(self) -> bool:
        """True once someone has asked for the match (its engine exists)."""
        return self._engine is not None

    @property
    def engine(self) -> MatchEngine:
        """The match's engine, built and brought to the present on first use."""
        if self._engine is None:
            assert self._build is not None
            engine = self._build()
            if engine.match_id != self.match_id or engine.sport != self.sport:
                raise ValueError(f"match {self.match_id} built as {engine.match_id}")
            for _ in range(self._pending):
                if engine.ended:
                    break
                engine.step()
            self._engine, self._build, self._pending = engine, None, 0
        return self._engine

    @property
    def ended(self) -> bool:
        # Not built: a live match may have ended among the counted steps; the
        # ticker keeps counting them and the build stops replaying at its end.
        if self._engine is None:
            return self._built_status in TERMINAL
        return self._engine.ended

    @property
    def status(self) -> str:
        return self.engine.status

    def step(self) -> bool:
        """One step; before the build only counted (no one can see a change then)."""
        if self._engine is None:
            self._pending += 1
            return False
        return self._engine.step()

    def snapshot(self) -> dict[str, Any]:
        return self.engine.snapshot()

    def summary(self) -> dict[str, Any]:
        return self.engine.summary()

    def live_view(self) -> dict[str, Any]:
        return self.engine.live_view()

    def subscribed(self) -> None:
        self.engine.subscribed()

    def take_states(self) -> list[dict[str, Any]]:
        return self.engine.take_states()
