"""The match pulse: one number, 0 to 100, for how much is at stake right now (docs/pulse.md).

    pulse = round(100 * min(1, 0.9 * tension + recent))

`tension` (0..1) reads the snapshot alone: how close the score is against how
little time is left, per sport (`tension`). `recent` is what just happened (a
goal, a red card, a wicket, a lead change), each worth a bump that halves every
`HALF_LIFE` seconds and is gone after `FORGET` seconds. The caller passes `now`
(seconds on any clock that only moves forwards); nothing here reads a clock.

`PulseTracker` keeps, for one match, when each moment was first seen (keys from
`core.notable`, so a replayed frame never counts a goal twice and the first
snapshot only teaches what is already there). `match_pulse` is the pure part.

Cheap on purpose (a few microseconds a call, docs/pulse.md): the win-probability
model's ball-by-ball cricket endgame is not called; the chase is read from the
same fitted expected-runs curve (`winprob.cricket.expected_runs`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from msgspec import Struct

from scoreboard.core.derive import FORMAT_OVERS, batting_total, event_minute, overs_to_balls
from scoreboard.core.models import (
    BasketballSnapshot,
    CricketSnapshot,
    GenericSnapshot,
    Snapshot,
    SoccerSnapshot,
)
from scoreboard.core.names import team_code
from scoreboard.core.notable import notables, worth_a_look
from scoreboard.core.winprob.basketball import GAME_SECS, QUARTERS, seconds_left
from scoreboard.core.winprob.cricket import DEATH_RUNS, PARAMS, CricketParams, expected_runs

#: How much the score-and-clock tension can give (the rest is left for what just happened).
TENSION_WEIGHT = 0.9
#: A moment's bump halves every HALF_LIFE seconds and is dropped after FORGET.
HALF_LIFE = 90.0
FORGET = 360.0
#: The most `recent` can add, however much happened.
RECENT_CAP = 0.5
#: What each kind of moment adds when it has just happened.
BUMPS = {
    "goal": 0.30,
    "red_card": 0.20,
    "penalty": 0.20,
    "penalty_missed": 0.15,
    "var": 0.10,
    "wicket": 0.20,
    "lead_change": 0.15,
    "fifty": 0.05,
    "hundred": 0.08,
}
#: Soccer: how close a margin is (0 goals, 1, 2, 3; more: the last).
SOCCER_CLOSENESS = (1.0, 0.85, 0.4, 0.15, 0.05)
#: Basketball: a margin's closeness is exp(-margin / (BASE + PER_ROOT * sqrt(seconds left))).
BASKETBALL_BASE = 3.0
BASKETBALL_PER_ROOT = 0.5
#: Cricket chase: closeness is exp(-(ln q)^2 / (2 w^2)), q = runs needed / runs expected, and
#: w = CHASE_WIDTH + CHASE_LUCK / sqrt(balls left): the fewer balls, the more one hit can do.
CHASE_WIDTH = 0.3
CHASE_LUCK = 0.8
#: Cricket first innings (and Test cricket): a flat tension, a little more late on.
FIRST_INNINGS = (0.15, 0.25)
TEST_TENSION = 0.3
#: Tension while a match is suspended: a fraction of what it would be.
SUSPENDED = 0.3


class Pulse(Struct, frozen=True):
    """The pulse of one match: `value` 0..100, its two parts, and why, in a few words."""

    value: int
    tension: float = 0.0
    recent: float = 0.0
    #: `level at 88'`, `CSK need 9 from 6`, `within 3, 1:12 left`: for a status line.
    why: str = ""


def match_pulse(
    snap: Snapshot, moments: Iterable[tuple[str, float]] = (), now: float = 0.0
) -> Pulse:
    """The pulse of `snap`; `moments` are (kind, seen at) of what happened lately."""
    tension, why = tension_of(snap)
    recent = recent_bump(moments, now) if snap.status == "live" else 0.0
    value = round(100 * min(1.0, TENSION_WEIGHT * tension + recent))
    return Pulse(value, round(tension, 4), round(recent, 4), why)


def recent_bump(moments: Iterable[tuple[str, float]], now: float) -> float:
    """The fading sum of what happened: each bump halves every `HALF_LIFE` seconds."""
    total = 0.0
    for kind, seen in moments:
        age = max(now - seen, 0.0)
        if age <= FORGET:
            total += BUMPS.get(kind, 0.0) * 0.5 ** (age / HALF_LIFE)
    return min(total, RECENT_CAP)


def tension_of(snap: Snapshot) -> tuple[float, str]:
    """(0..1, why) from the score against the time left; 0 unless live (or suspended)."""
    if snap.status not in ("live", "suspended"):
        return 0.0, ""
    if isinstance(snap, SoccerSnapshot):
        tension, why = _soccer(snap)
    elif isinstance(snap, CricketSnapshot):
        tension, why = _cricket(snap)
    elif isinstance(snap, BasketballSnapshot):
        tension, why = _basketball(snap)
    else:
        tension, why = (0.1, "") if isinstance(snap, GenericSnapshot) else (0.0, "")
    if snap.status == "suspended":
        return tension * SUSPENDED, "suspended"
    return min(max(tension, 0.0), 1.0), why


# -- soccer ------------------------------------------------------------------------------------


def _soccer(snap: SoccerSnapshot) -> tuple[float, str]:
    clock = snap.clock
    margin = abs(snap.score.home - snap.score.away)
    closeness = SOCCER_CLOSENESS[min(margin, len(SOCCER_CLOSENESS) - 1)]
    if clock is None:
        return 0.2 * closeness, ""
    period, minute = clock.period, clock.minute
    if period == "PEN":
        return 1.0, "penalty shoot-out"
    if period in ("ET1", "ETHT", "ET2"):
        lateness = 1.0
    elif period == "HT":
        lateness = 0.25 * 0.6  # 45' played, and nobody is playing
    elif period in ("1H", "2H"):
        lateness = min(minute / 90.0, 1.0) ** 2
    else:
        return 0.0, ""
    tension = closeness * (0.2 + 0.8 * lateness)
    state = "level" if margin == 0 else f"{_soccer_leader(snap)} by {margin}"
    when = event_minute(minute, clock.added_time) if period != "HT" else "half-time"
    return tension, f"{state} at {when}"


def _soccer_leader(snap: SoccerSnapshot) -> str:
    home_ahead = snap.score.home > snap.score.away
    side, other = (snap.home, snap.away) if home_ahead else (snap.away, snap.home)
    return team_code(side, other)


# -- cricket -----------------------------------------------------------------------------------


def _cricket(snap: CricketSnapshot) -> tuple[float, str]:
    total = batting_total(snap)
    overs = FORMAT_OVERS.get(snap.format or "")
    bowled = overs_to_balls(total.overs) if total is not None else None
    if total is None or bowled is None or overs is None:
        return TEST_TENSION if snap.format == "Test" else 0.2, ""
    limit = overs * 6
    lateness = min(bowled / limit, 1.0)
    if snap.target is None:
        low, extra = FIRST_INNINGS
        return low + extra * lateness, ""
    needed = snap.target - total.runs
    balls_left = max(limit - bowled, 0)
    wickets_left = max(10 - total.wickets, 0)
    if needed <= 0 or balls_left == 0 or wickets_left == 0:
        return 0.0, ""
    params = PARAMS.get(snap.format or "")
    side = snap.home if snap.batting == "home" else snap.away
    other = snap.away if snap.batting == "home" else snap.home
    why = f"{team_code(side, other)} need {needed} from {balls_left}"
    if params is None:
        return 0.5 * lateness, why
    expected = min(
        expected_runs(params, balls_left, wickets_left), balls_left * _death_rate(params)
    )
    if expected <= 0:
        return 0.0, why
    q = needed / expected
    width = CHASE_WIDTH + CHASE_LUCK / math.sqrt(balls_left)
    closeness = math.exp(-(math.log(q) ** 2) / (2 * width**2))
    return closeness * (0.25 + 0.75 * lateness**2), why


def _death_rate(params: CricketParams) -> float:
    """Runs a legal ball makes at the death (the fitted last-overs frequencies, extras added)."""
    runs = sum(r * p for r, p in zip(DEATH_RUNS, params.death, strict=False))
    return runs + params.extra


# -- basketball --------------------------------------------------------------------------------


def _basketball(snap: BasketballSnapshot) -> tuple[float, str]:
    if snap.period is None or snap.game_clock_secs is None or snap.period < 1:
        return 0.2, ""
    margin = abs(snap.score.home - snap.score.away)
    left = seconds_left(snap.period, snap.game_clock_secs)
    overtime = snap.period > QUARTERS
    closeness = math.exp(-margin / (BASKETBALL_BASE + BASKETBALL_PER_ROOT * math.sqrt(left)))
    lateness = 1.0 if overtime else 1.0 - left / GAME_SECS
    state = "tied" if margin == 0 else f"within {margin}"
    clock = f"{snap.game_clock_secs // 60}:{snap.game_clock_secs % 60:02d} left"
    return closeness * (0.2 + 0.8 * lateness**2), f"{state}, {clock}" + (
        " in overtime" if overtime else ""
    )


# -- what just happened ------------------------------------------------------------------------


def leader(snap: Snapshot) -> str | None:
    """ "home", "away", "level", or None when the score is not a pair of numbers."""
    home: float
    away: float
    if isinstance(snap, SoccerSnapshot | BasketballSnapshot):
        home, away = snap.score.home, snap.score.away
    elif isinstance(snap, GenericSnapshot) and snap.score_pair is not None:
        home, away = snap.score_pair
    else:
        return None
    return "home" if home > away else "away" if away > home else "level"


def _score_key(snap: Snapshot) -> object:
    return (
        getattr(snap, "score", None) if not isinstance(snap, GenericSnapshot) else snap.score_pair
    )


class PulseTracker:
    """One match's pulse over its successive snapshots (the caller passes `now`).

    The first snapshot only teaches the moments already in it; a moment is
    counted from the first snapshot that shows it, once, however often it is
    sent again. A lead change is the side in front changing (a tie counts).
    """

    def __init__(self) -> None:
        self._seen: set[tuple[object, ...]] = set()
        self._moments: list[tuple[str, float]] = []
        self._last: Snapshot | None = None

    def observe(self, snap: Snapshot, now: float) -> Pulse:
        """Take the newest snapshot in; its pulse at `now`."""
        last = self._last
        if last is None or worth_a_look(last, snap):
            fresh = [n for n in notables(snap, last) if n.key not in self._seen]
            for notable in fresh:
                self._seen.add(notable.key)
                if last is not None and notable.kind in BUMPS:
                    self._moments.append((notable.kind, now))
            before, after = (leader(last) if last is not None else None), leader(snap)
            change = ("lead_change", after, _score_key(snap))
            if before is not None and after not in (None, before) and change not in self._seen:
                self._seen.add(change)  # the same change replayed is not news
                self._moments.append(("lead_change", now))
        self._last = snap
        self._moments = [(k, t) for k, t in self._moments if now - t <= FORGET]
        return match_pulse(snap, self._moments, now)

    def pulse(self, now: float) -> Pulse:
        """The pulse at `now` of the last snapshot seen (0 before any)."""
        if self._last is None:
            return Pulse(0)
        return match_pulse(self._last, self._moments, now)


#: A level reached fires again only after the pulse has fallen this far below it.
REARM = 20


_PERIODS = {"1H": 1, "HT": 2, "2H": 3, "ET1": 4, "ETHT": 5, "ET2": 6, "PEN": 7, "FT": 8}


def progress(snap: Snapshot) -> tuple[int, ...]:
    """How far the match has got, as a tuple that only grows while it is played."""
    if isinstance(snap, SoccerSnapshot) and snap.clock is not None:
        clock = snap.clock
        return (_PERIODS.get(clock.period, 0), clock.minute, clock.added_time or 0, clock.second)
    if isinstance(snap, CricketSnapshot):
        total = batting_total(snap)
        return (snap.innings, (overs_to_balls(total.overs) or 0) if total is not None else 0)
    if isinstance(snap, BasketballSnapshot) and snap.period is not None:
        return (snap.period, -(snap.game_clock_secs or 0))
    return ()


class PulseLevels:
    """One match's pulse reaching the levels alert rules ask for (`pulse = 85`), each once.

    A level fires when the pulse reaches it, and again only after the pulse
    fell `REARM` below it since (so a pulse hovering at 84-86 fires once), and
    only further on in the match than where it last fired (`progress`): old
    frames sent again never fire it. The first value seen only arms: a match
    opened at 90 is not news.
    """

    def __init__(self, levels: Iterable[int]) -> None:
        self.levels = tuple(sorted(set(levels)))
        self._armed: dict[int, bool] = {}
        self._fired_at: dict[int, tuple[int, ...]] = {}

    def observe(self, value: int, at: tuple[int, ...] = ()) -> list[int]:
        """The levels `value` reaches now, at match progress `at` (highest last)."""
        first = not self._armed
        reached = []
        for level in self.levels:
            armed = self._armed.get(level, True)
            if value >= level:
                last = self._fired_at.get(level)
                if armed and not first and (last is None or at > last):
                    reached.append(level)
                    self._fired_at[level] = at
                self._armed[level] = False
            elif value <= level - REARM or first:
                self._armed[level] = True
        return reached


#: RedZone switches only to a match whose pulse beats the shown one's by this much...
OVERTAKE = 10
#: ... and only once the shown one has had this many seconds.
DWELL = 60.0


class RedZonePick:
    """Which match RedZone shows: the highest pulse, with hysteresis (pure; `now` passed in).

    The first pick is the highest pulse at once; after that a match takes over
    only when its pulse beats the shown one's by `OVERTAKE` and the shown one
    has had `DWELL` seconds. A shown match that is gone (or no longer live) is
    replaced at once.
    """

    def __init__(self) -> None:
        self.current: object | None = None
        self.since = 0.0

    def pick(self, pulses: dict[object, int], now: float) -> object | None:
        """The match to show now, given each live match's pulse (ties: the first listed)."""
        if not pulses:
            self.current = None
            return None
        best = max(pulses, key=lambda ref: pulses[ref])
        current = self.current
        if current not in pulses:
            return self._switch(best, now)
        if best == current:
            return current
        clearly = pulses[best] >= pulses[current] + OVERTAKE
        if clearly and now - self.since >= DWELL:
            return self._switch(best, now)
        return current

    def _switch(self, ref: object, now: float) -> object:
        self.current, self.since = ref, now
        return ref
