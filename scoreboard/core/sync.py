"""Broadcast sync: the delay that lines a panel up with the fan's TV or stream.

The fan presses `s` when the latest goal, wicket or basket appears on the
stream. `MomentTimes` keeps, per match, when the app received its last few
such moments (on the delay line's clock); `sync_delay` turns the press into
a delay: now minus when the moment arrived, rounded to a second, so that
moment shows now. Pressed again a few seconds around the next moment (as
the current delay would show it), it takes that moment: the refinement.

Pure: the clock and the snapshots come from the caller.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from scoreboard.core.models import BasketballSnapshot, CricketSnapshot, Snapshot, SoccerSnapshot

#: Moments kept per match (the ones a refinement can choose from).
KEPT = 8
#: A press this close (seconds) to where a synced panel shows a moment refines on it.
REFINE_WINDOW = 10.0
#: The longest delay a sync sets (the delay's own cap).
LONGEST = 3600.0


def moment_word(snap: Snapshot | None) -> str:
    """What the fan waits for in this sport: a goal, a wicket, a basket."""
    if isinstance(snap, CricketSnapshot):
        return "wicket"
    if isinstance(snap, BasketballSnapshot):
        return "basket"
    return "goal"


def is_moment(old: Snapshot, new: Snapshot) -> bool:
    """Did `new` bring a goal, a wicket or a basket (what a broadcast shows at once)?"""
    if type(old) is not type(new):
        return False
    if isinstance(new, CricketSnapshot) and isinstance(old, CricketSnapshot):
        return _wickets(new) != _wickets(old)
    return getattr(old, "score", None) != getattr(new, "score", None)


def _wickets(snap: CricketSnapshot) -> tuple[int | None, int | None]:
    home, away = snap.score.home, snap.score.away
    return (home.wickets if home else None, away.wickets if away else None)


class MomentTimes:
    """When each match's latest moments were received (`seen` with every snapshot)."""

    __slots__ = ("_last", "_times")

    def __init__(self) -> None:
        self._last: dict[Hashable, Snapshot] = {}
        self._times: dict[Hashable, deque[float]] = {}

    def seen(self, key: Hashable, t: float, snap: Snapshot) -> None:
        last = self._last
        old = last.get(key)
        last[key] = snap
        if old is None or old is snap:
            return
        if type(snap) is SoccerSnapshot and type(old) is SoccerSnapshot:  # every frame: inlined
            moment = old.score != snap.score
        else:
            moment = is_moment(old, snap)
        if moment:
            times = self._times.get(key)
            if times is None:
                times = self._times[key] = deque(maxlen=KEPT)
            times.append(t)

    def times(self, key: Hashable) -> Sequence[float]:
        return tuple(self._times.get(key, ()))

    def forget(self, key: Hashable) -> None:
        self._last.pop(key, None)
        self._times.pop(key, None)


@dataclass(frozen=True, slots=True)
class Synced:
    delay: float
    #: True when it took the moment a synced panel was about to show (a refinement).
    refined: bool


def sync_delay(now: float, moments: Sequence[float], synced: float | None) -> Synced | None:
    """The delay that shows a moment now: `moments` are receive times, oldest first;
    `synced` the delay of an earlier sync of this match. None: no moment to line up."""
    past = [t for t in moments if t <= now]
    if not past:
        return None
    if synced is not None:
        near = min(past, key=lambda t: abs(now - (t + synced)))
        if abs(now - (near + synced)) <= REFINE_WINDOW:
            return Synced(_delay(now - near), refined=True)
    return Synced(_delay(now - past[-1]), refined=False)


def _delay(seconds: float) -> float:
    return float(min(max(round(seconds), 0), LONGEST))
