"""Basketball: the score margin over the game clock, period by period.

`BasketballTracker` keeps, per period in the order played, the margin
(home minus away) at each moment the score changed, against the seconds
played in that period (from the game clock, which counts down). A period
lasts 12 minutes, an overtime (period 5 and on) 5, unless the clock shows
more (some leagues play 10-minute quarters: the longest clock seen wins).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoreboard.core.charts.odds import OddsSeries
from scoreboard.core.models import BasketballSnapshot, Snapshot

QUARTER = 12 * 60
OVERTIME = 5 * 60
#: The margin's line grows in steps of this many seconds of clock (a redraw each).
REDRAW_EVERY = 15


def period_length(period: int) -> int:
    return QUARTER if period <= 4 else OVERTIME


@dataclass(slots=True)
class Period:
    number: int
    length: int
    #: (seconds played in the period, margin) at each change of margin.
    points: list[tuple[int, int]] = field(default_factory=list)
    #: Saw the period from its start (its first seconds are not a gap).
    start_seen: bool = False
    #: Seconds played in the period as of the newest state.
    until: int = 0
    #: `until` when the version was last bumped for the clock alone.
    marked: int = 0


class BasketballTracker:
    """What the lead tracker needs, fed state by state (see `feed.Tracker`)."""

    def __init__(self) -> None:
        self.version = 0
        #: The win-probability series (the odds chart).
        self.odds = OddsSeries()
        self.first_time: float | None = None
        self.first_clock = ""
        self._whole = False
        self.periods: dict[int, Period] = {}
        self.home = 0
        self.away = 0

    @property
    def whole(self) -> bool:
        return self._whole

    def progress(self, snap: Snapshot) -> tuple[int, ...]:
        period = getattr(snap, "period", None) or 0
        clock = getattr(snap, "game_clock_secs", None)
        return (period, -(clock if clock is not None else 0))

    def feed(self, t: float, snap: Snapshot) -> None:
        if not isinstance(snap, BasketballSnapshot):
            return
        if self.odds.feed(snap, self.progress(snap)):
            self.version += 1
        period, clock = snap.period, snap.game_clock_secs
        if self.first_time is None:
            self.first_time = t
            fresh = period in (None, 1) and (clock is None or clock >= period_length(1) - 5)
            self._whole = snap.status == "scheduled" or (fresh and snap.score.home == 0)
            if not self._whole and period is not None:
                self.first_clock = f"Q{period}" if period <= 4 else f"OT{period - 4}"
        if period is None or clock is None or period < 1 or clock < 0:
            return
        chart = self.periods.get(period)
        if chart is None:
            length = max(period_length(period), clock)
            chart = self.periods[period] = Period(period, length, [], clock >= length - 5)
            self.version += 1
        if clock > chart.length:
            chart.length = clock
            self.version += 1
        played = chart.length - clock
        margin = _clamp(snap.score.home - snap.score.away)
        self.home, self.away = snap.score.home, snap.score.away
        if not chart.points or chart.points[-1][1] != margin:
            chart.points.append((played, margin))
            self.version += 1
        if played > chart.until:
            chart.until = played
            if played - chart.marked >= REDRAW_EVERY:
                chart.marked = played
                self.version += 1

    def ordered(self) -> list[Period]:
        return [self.periods[n] for n in sorted(self.periods)]


def _clamp(value: int) -> int:
    return max(min(value, 10**6), -(10**6))
