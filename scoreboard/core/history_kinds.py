"""What kind of change a snapshot is (tick, change, notable), and the keys charts group by."""

from __future__ import annotations

from collections.abc import Hashable
from enum import IntEnum

from scoreboard.core.models import CricketSnapshot, Snapshot, SoccerSnapshot


class Kind(IntEnum):
    TICK = 0
    CHANGE = 1
    NOTABLE = 2


#: Fields whose change alone is a clock tick.
TICK_FIELDS = frozenset({"clock", "updated_at", "game_clock_secs"})
#: Fields whose change gives a result away: goals, wickets, status...
NOTABLE_FIELDS = frozenset(
    {"score", "events", "status", "penalties", "innings", "result", "target", "period"}
)


def is_notable(old: Snapshot, new: Snapshot) -> bool:
    """Does `new` change a field that gives a result away (score, events, status...)?"""
    if type(old) is not type(new):
        return True
    return any(getattr(old, f, None) != getattr(new, f, None) for f in NOTABLE_FIELDS)


def kind_of(names: set[str], old: Snapshot, new: Snapshot) -> Kind:
    if not NOTABLE_FIELDS.isdisjoint(names):
        return Kind.NOTABLE
    if TICK_FIELDS.issuperset(names):
        old_clock = getattr(old, "clock", None)
        new_clock = getattr(new, "clock", None)
        if getattr(old_clock, "period", None) == getattr(new_clock, "period", None):
            return Kind.TICK
    return Kind.CHANGE


def minute_key(snap: Snapshot) -> Hashable:
    clock = getattr(snap, "clock", None)
    if clock is None:
        return None
    return (clock.period, clock.minute, clock.added_time or 0)


def over_key(snap: Snapshot) -> Hashable:
    if not isinstance(snap, CricketSnapshot):
        return None
    side = snap.score.home if snap.batting == "home" else snap.score.away
    overs = side.overs.split(".", 1)[0] if side is not None else ""
    return (snap.innings, overs)


def derived_key(snap: Snapshot) -> Hashable:
    """What the app derives facts from, as a key: a state whose key differs from the
    one before it is kept, however close together frames come (`HistoryStore`).

    Cricket: the innings, the wickets (a fall is recorded in the state it fell in)
    and the over (each over's end: the worm, the Manhattan, the chase's rates);
    soccer: the score, the events and the minute (the per-minute charts); other
    sports: everything notable (`NOTABLE_FIELDS`).
    """
    if type(snap) is SoccerSnapshot:  # the common case, inlined (every frame comes here)
        listed, clock = snap.events, snap.clock
        return (
            snap.status,
            snap.score,
            len(listed) if listed is not None else None,
            (clock.period, clock.minute, clock.added_time or 0) if clock is not None else None,
            snap.penalties,
        )
    if isinstance(snap, CricketSnapshot):
        side = snap.score.home if snap.batting == "home" else snap.score.away
        wickets = side.wickets if side is not None else None
        return (snap.status, snap.result, snap.target, wickets, over_key(snap), snap.batting)
    if isinstance(snap, SoccerSnapshot):
        events = len(snap.events) if snap.events is not None else None
        return (snap.status, snap.score, events, minute_key(snap), snap.penalties)
    return tuple(getattr(snap, name, None) for name in sorted(NOTABLE_FIELDS))
