"""Basketball match engine: one `step()` is one second of game clock.

* Four quarters of 12 minutes; the game clock counts down 720 → 0 and is
  reported as `game_clock_secs`. Periods are plain integers: 1-4, then 5, 6,
  ... for five-minute overtimes while the score is level.
* Breaks freeze the clock at 0:00 of the period just played: 130 s after
  the first and third quarters and before each overtime, 15 minutes at
  half-time. The next period starts with the clock at 12:00 (5:00 in overtime).
* Possessions alternate (an offensive rebound keeps the ball) and last 6-24
  clock seconds; each ends in a two, a three, a trip to the line, or nothing.
  About 1.1 points per possession and ~100 possessions a side give the usual
  100-120 points a team. `home_strength`/`away_strength` (around 1.0) tilt
  the shooting; the home side gets a small edge.
* Status: `scheduled` until `kickoff_after` simulated seconds have passed,
  then `live`, then `finished` when a period ends with the scores apart.

While the clock runs every step changes it, so `step()` returns True; in
breaks only the step that starts the next period does.
"""

from __future__ import annotations

from typing import Any, Unpack

from scoreboard.sim.engines.simulated import MatchSetup, SimulatedMatch

QUARTERS = 4
QUARTER_SECONDS = 12 * 60
OVERTIME_SECONDS = 5 * 60
SHORT_BREAK = 130
HALF_TIME = 15 * 60
#: (probability, points) of a possession's outcomes; the rest score nothing.
_OUTCOMES = ((0.30, 2), (0.11, 3), (0.05, 1), (0.07, 2))
_OFFENSIVE_REBOUND = 0.22
_HOME_EDGE = 1.03


class BasketballEngine(SimulatedMatch):
    """A believable, seed-deterministic basketball game."""

    sport = "basketball"
    step_seconds = 1.0

    def __init__(
        self,
        match_id: int,
        home: str,
        away: str,
        *,
        home_strength: float = 1.0,
        away_strength: float = 1.0,
        **setup: Unpack[MatchSetup],
    ) -> None:
        super().__init__(match_id, home, away, **setup)
        self._strength = (home_strength * _HOME_EDGE, away_strength)
        self._period: int | None = None
        self._clock = 0
        self._break = 0  # seconds left in the current break (0: ball in play)
        self._score = [0, 0]
        self._ball = 0
        self._possession_left = 0
        if self._status == "live":
            self._tip_off()

    # --- MatchEngine ------------------------------------------------------

    @property
    def period(self) -> int | None:
        """1-4, then 5, 6, ... in overtime; None before tip-off."""
        return self._period

    @property
    def game_clock_secs(self) -> int:
        return self._clock

    @property
    def score(self) -> tuple[int, int]:
        return self._score[0], self._score[1]

    @property
    def in_break(self) -> bool:
        return self._status == "live" and self._break > 0

    def _kick_off(self) -> None:
        self._tip_off()

    def _play(self) -> bool:
        if self._break > 0:
            self._break -= 1
            if self._break > 0:
                return False
            self._start_period(self._period_number() + 1)
            return self._changed()
        self._clock -= 1
        self._possession_left -= 1
        if self._possession_left <= 0 or self._clock == 0:
            self._finish_possession()
        if self._clock == 0:
            self._end_period()
        return self._changed()

    def snapshot(self) -> dict[str, Any]:
        snap = self._common()
        snap["score"] = {"home": self._score[0], "away": self._score[1]}
        snap["period"] = self._period
        snap["game_clock_secs"] = self._clock if self._period is not None else None
        return snap

    # --- periods ----------------------------------------------------------

    def _period_number(self) -> int:
        assert self._period is not None
        return self._period

    def _tip_off(self) -> None:
        self._ball = self._rng.randrange(2)
        self._start_period(1)

    def _start_period(self, period: int) -> None:
        self._period = period
        self._clock = QUARTER_SECONDS if period <= QUARTERS else OVERTIME_SECONDS
        self._break = 0
        self._possession_left = self._possession_length()

    def _end_period(self) -> None:
        period = self._period_number()
        if period >= QUARTERS and self._score[0] != self._score[1]:
            self._status = "finished"
            return
        self._break = HALF_TIME if period == 2 else SHORT_BREAK

    # --- play -------------------------------------------------------------

    def _possession_length(self) -> int:
        return self._rng.randint(6, 24)

    def _finish_possession(self) -> None:
        side = self._ball
        other = self._strength[1 - side]
        factor = (self._strength[side] / other) ** 0.5
        roll = self._rng.random()
        scored = False
        for chance, points in _OUTCOMES:
            if roll < chance * factor:
                self._score[side] += points
                scored = True
                break
            roll -= chance * factor
        if scored or self._rng.random() >= _OFFENSIVE_REBOUND:
            self._ball = 1 - side
        self._possession_left = self._possession_length()
