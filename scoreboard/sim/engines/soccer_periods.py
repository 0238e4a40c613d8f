"""The periods of a simulated soccer match: labels, lengths, breaks, the clock each
shows, and the penalty shoot-out that may end it.

Clock (`clock = {minute, second, period, added_time}`):

* Regulation time shows elapsed match time with `added_time` null: the
  first half runs 0:00 → 44:59, the second 45:00 → 89:59, extra time
  90:00 → 104:59 and 105:00 → 119:59.
* Stoppage time keeps `minute` at the period's end (45, 90, 105, 120) and
  sets `added_time` to the stoppage minute being played, 1 … announced, with
  `second` counting 0 → 59 inside it: minute 45, added_time 2, second 13 is
  "45+2" (13 s into the second added minute). The tuple
  `(minute, added_time or 0, second)` therefore only grows inside a period.
  The amount announced is decided when regulation time of the period runs
  out (first half at least 1, second half at least 2).
* Breaks freeze the clock: HT at 45:00 for 15 simulated minutes, ETHT at
  105:00 for one minute. Extra time (knock-out ties level after 90) and
  the shoot-out follow the previous period without a break.
* PEN: clock frozen at 120:00, one kick every 40 s; `penalties` is the
  tally and `penalty_kicks` (an extra field clients may ignore) the kicks.
* FT: status `finished`, clock at 90:00 or 120:00 with `added_time` null.
"""

from __future__ import annotations

import msgspec

SIDES = ("home", "away")

PERIOD_LABELS = {
    "1H": "First half",
    "HT": "Half-time",
    "2H": "Second half",
    "ET1": "Extra time \u2013 first half",
    "ETHT": "Extra time \u2013 half-time",
    "ET2": "Extra time \u2013 second half",
    "PEN": "Penalty shoot-out",
    "FT": "Full-time",
}

#: Periods with the ball in play: (clock minute at kick-off, regulation minutes).
PLAY = {"1H": (0, 45), "2H": (45, 45), "ET1": (90, 15), "ET2": (105, 15)}
#: Breaks: (frozen clock minute, length in seconds, period that follows).
BREAKS = {"HT": (45, 15 * 60, "2H"), "ETHT": (105, 60, "ET2")}
SHOOTOUT_GAP = 40  # seconds between kicks


def period_clock(period: str | None, secs: int, final_minute: int) -> tuple[int, int, int | None]:
    """(minute, second, added_time) shown `secs` into `period` (None: not started)."""
    if period is None:
        return 0, 0, None
    if period in PLAY:
        base, length = PLAY[period]
        regulation = length * 60
        if secs < regulation:
            return base + secs // 60, secs % 60, None
        extra = secs - regulation
        return base + length, extra % 60, extra // 60 + 1
    if period in BREAKS:
        return BREAKS[period][0], 0, None
    if period == "PEN":
        return 120, 0, None
    return final_minute, 0, None


class Shootout(msgspec.Struct):
    #: The side that kicks first (0 home, 1 away).
    first: int
    goals: list[int] = msgspec.field(default_factory=lambda: [0, 0])
    #: Per side: (taker, scored) of every kick so far.
    kicks: list[list[tuple[str, bool]]] = msgspec.field(default_factory=lambda: [[], []])

    def next_side(self) -> int:
        first = self.first
        taken = [len(k) for k in self.kicks]
        return first if taken[first] == taken[1 - first] else 1 - first

    def record(self, side: int, taker: str, scored: bool) -> None:
        self.kicks[side].append((taker, scored))
        if scored:
            self.goals[side] += 1

    def decided(self) -> bool:
        """Five kicks each (or fewer, if one side cannot catch up), then sudden death."""
        goals = self.goals
        taken = [len(k) for k in self.kicks]
        if taken[0] <= 5 and taken[1] <= 5:
            for s in (0, 1):
                o = 1 - s
                if goals[s] + (5 - taken[s]) < goals[o]:
                    return True
            return taken[0] == taken[1] == 5 and goals[0] != goals[1]
        return taken[0] == taken[1] and goals[0] != goals[1]
