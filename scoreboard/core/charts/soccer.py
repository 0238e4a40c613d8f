"""Soccer: the stats of every played minute, and the momentum index built from them.

`SoccerTracker` keeps, for each minute of play it saw (a *slot*: the period,
the clock minute and the stoppage minute, `("2H", 67, 0)`, `("1H", 45, 2)`
for 45+2), the last stats of that minute. From them:

- `momentum()`: per minute and side, the pressure index (docs/charts.md):
  new shots, shots on target and corners that minute, plus who had the
  ball over the last five minutes, carried over from minute to minute with
  a decay so that a spell of pressure reads as one;
- `xg()`: each side's cumulative xG at the end of each minute.

Goals, cards and substitutions come from the snapshot's own events, which
cover the whole match (`render/charts/soccer.py` draws them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scoreboard.core.charts.odds import OddsSeries
from scoreboard.core.derive import clock_text
from scoreboard.core.models import Number, Snapshot, SoccerSnapshot

#: Periods with the ball in play: (clock minute at kick-off, regulation minutes).
PLAY = {"1H": (0, 45), "2H": (45, 45), "ET1": (90, 15), "ET2": (105, 15)}
ORDER = ("1H", "HT", "2H", "ET1", "ETHT", "ET2", "PEN", "FT")

#: The momentum index's weights (docs/charts.md, "Momentum").
W_SHOT = 1.0
W_ON_TARGET = 1.0  # on top of the shot it also is
W_CORNER = 0.5
W_POSSESSION = 1.0
#: How much of a minute's pressure carries into the next one.
DECAY = 0.5
#: Possession is read over this many seconds of play (the feed rounds it to whole %).
POSSESSION_WINDOW = 300
#: Stats that feed the charts, home then away for each.
STATS = ("shots", "shots_on_target", "corners", "possession", "xg")

Slot = tuple[str, int, int]
#: Stoppage minutes past this are drawn in its column (a feed may send any number).
MAX_ADDED = 30


@dataclass(frozen=True, slots=True)
class Minute:
    """The last stats seen in one minute of play."""

    slot: Slot
    #: Seconds of play since kick-off at the end of this minute.
    play: int
    #: (home, away) of each of `STATS`; None: the feed did not send it.
    values: tuple[tuple[float, float] | None, ...]

    def get(self, name: str) -> tuple[float, float] | None:
        return self.values[STATS.index(name)]


def slot_of(period: str, minute: int, added: int | None) -> Slot | None:
    """The slot of a clock reading, or None outside play (half-time, full time, shoot-out)."""
    if period not in PLAY:
        return None
    base, length = PLAY[period]
    if added:
        return (period, base + length, min(max(int(added), 1), MAX_ADDED))
    return (period, min(max(minute, base), base + length - 1), 0)


def event_slot(minute: int | None, added: int | None) -> Slot | None:
    """The slot an event happened in: minute 9 is 8:xx; `45+2` is the 1H stoppage."""
    if minute is None or minute < 0:
        return None
    for period, (base, length) in PLAY.items():
        end = base + length
        if added and minute == end:
            return (period, end, min(max(int(added), 1), MAX_ADDED))
        if minute <= end:
            return (period, max(minute - 1, base), 0)
    return ("ET2", 119, 0)


def _slot_end(slot: Slot) -> int:
    """Seconds of play into its period at the end of a slot's minute."""
    period, minute, added = slot
    base, length = PLAY[period]
    return (length + added) * 60 if added else (minute - base + 1) * 60


def number(value: Number) -> float:
    """A stat as a drawable float: 0 for NaN, infinities, negatives; huge ones capped."""
    if isinstance(value, int):
        return float(min(max(value, 0), 10**9))
    if not math.isfinite(value) or value < 0:
        return 0.0
    return min(value, 1e9)


class SoccerTracker:
    """What the soccer charts need, fed state by state (see `feed.Tracker`)."""

    def __init__(self) -> None:
        self.version = 0
        #: The win-probability series (the odds chart).
        self.odds = OddsSeries()
        self.first_time: float | None = None
        #: The first state's clock: `58'` for "since 14:02 (58')".
        self.first_clock: str = ""
        self._whole = False
        self.minutes: dict[Slot, Minute] = {}
        #: Periods the match reached, in order (the axis shows extra time once played).
        self.periods: list[str] = []
        self._momentum: tuple[int, list[tuple[Slot, float, float]]] = (-1, [])

    @property
    def whole(self) -> bool:
        return self._whole

    def progress(self, snap: Snapshot) -> tuple[int, ...]:
        clock = getattr(snap, "clock", None)
        if clock is None:
            return (0 if snap.status == "scheduled" else len(ORDER),)
        rank = ORDER.index(clock.period) if clock.period in ORDER else len(ORDER)
        return (rank + 1, clock.minute, clock.added_time or 0, clock.second)

    def feed(self, t: float, snap: Snapshot) -> None:
        if not isinstance(snap, SoccerSnapshot):
            return
        if self.odds.feed(snap, self.progress(snap)):
            self.version += 1
        clock = snap.clock
        if self.first_time is None:
            self.first_time = t
            self._whole = (
                snap.status == "scheduled"
                or clock is None
                or (clock.period == "1H" and clock.minute == 0 and not clock.added_time)
            )
            if clock is not None and not self._whole:
                self.first_clock = clock_text(clock)
        if clock is None:
            return
        if clock.period not in self.periods and clock.period in ORDER:
            self.periods.append(clock.period)
            self.version += 1
        slot = slot_of(clock.period, clock.minute, clock.added_time)
        if slot is None:
            return
        stats = snap.stats or {}
        values = tuple(
            (number(pair.home), number(pair.away)) if (pair := stats.get(name)) else None
            for name in STATS
        )
        old = self.minutes.get(slot)
        if old is not None and old.values == values:
            return
        if old is None and self.minutes:
            self._fill(slot)
        self.minutes[slot] = Minute(slot, self._play(slot), values)
        self.version += 1

    def _fill(self, slot: Slot) -> None:
        """Minutes of this period skipped since the last one kept: the history keeps
        every change of stats, so a minute it kept nothing of had none (its clock
        ticks were thinned away). They get the stats of the minute before."""
        last = next(reversed(self.minutes.values()))
        if last.slot[0] != slot[0] or last.slot >= slot:
            return
        base, length = PLAY[slot[0]]
        end = base + length
        following = (
            [(slot[0], m, 0) for m in range(last.slot[1] + 1, end)] if not last.slot[2] else []
        )
        following += [(slot[0], end, a) for a in range(last.slot[2] + 1, slot[2])]
        for missing in following:
            if missing >= slot:
                break
            self.minutes[missing] = Minute(missing, self._play(missing), last.values)

    # -- what the charts show -------------------------------------------------------------

    def momentum(self) -> list[tuple[Slot, float, float]]:
        """(slot, home, away) pressure for each minute seen, in order (docs/charts.md)."""
        if self._momentum[0] == self.version:
            return self._momentum[1]
        out: list[tuple[Slot, float, float]] = []
        seen = list(self.minutes.values())
        carried = (0.0, 0.0)
        for index, minute in enumerate(seen):
            before = seen[index - 1] if index else None
            if before is None:
                # Counted from nothing only at kick-off; joined later, the first
                # minute seen has no "before" to count new shots from.
                before = None if self._whole else minute
            raw = [0.0, 0.0]
            for name, weight in (
                ("shots", W_SHOT),
                ("shots_on_target", W_ON_TARGET),
                ("corners", W_CORNER),
            ):
                now = minute.get(name)
                was = before.get(name) if before is not None else (0.0, 0.0)
                if now is None or was is None:
                    continue
                for side in (0, 1):
                    raw[side] += weight * max(now[side] - was[side], 0.0)
            share = self._share(seen, index)
            if share is not None:
                raw[0] += W_POSSESSION * max(2 * share - 1, 0.0)
                raw[1] += W_POSSESSION * max(1 - 2 * share, 0.0)
            gap = 1 if before is None else max(1, round((minute.play - before.play) / 60))
            keep = DECAY**gap
            carried = (raw[0] + keep * carried[0], raw[1] + keep * carried[1])
            out.append((minute.slot, carried[0], carried[1]))
        self._momentum = (self.version, out)
        return out

    @staticmethod
    def _share(seen: list[Minute], index: int) -> float | None:
        """Home's share of the ball over the last `POSSESSION_WINDOW` seconds of play."""
        minute = seen[index]
        now = minute.get("possession")
        if now is None or now[0] + now[1] <= 0:
            return None
        earlier = None
        for before in reversed(seen[:index]):
            if minute.play - before.play >= POSSESSION_WINDOW:
                earlier = before
                break
        share_now = now[0] / (now[0] + now[1])
        if earlier is None:
            return share_now
        was = earlier.get("possession")
        if was is None or was[0] + was[1] <= 0:
            return share_now
        share_was = was[0] / (was[0] + was[1])
        span = minute.play - earlier.play
        ball = share_now * minute.play - share_was * earlier.play
        return min(max(ball / span, 0.0), 1.0)

    def xg(self) -> list[tuple[Slot, float, float]]:
        """(slot, home, away) cumulative xG at the end of each minute that sent it."""
        out = []
        for minute in self.minutes.values():
            pair = minute.get("xg")
            if pair is not None:
                out.append((minute.slot, pair[0], pair[1]))
        return out

    def _play(self, slot: Slot) -> int:
        """Seconds of play since kick-off at the end of `slot` (earlier periods with the
        stoppage time seen in them): the same however thinly the history kept ticks."""
        rank = ORDER.index(slot[0])
        before = sum(
            (length + self.stoppage(period)) * 60
            for period, (_, length) in PLAY.items()
            if ORDER.index(period) < rank
        )
        return before + _slot_end(slot)

    def stoppage(self, period: str) -> int:
        """The most stoppage minutes seen in `period`."""
        return max((s[2] for s in self.minutes if s[0] == period), default=0)
