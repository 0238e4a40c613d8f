"""The win-probability series of one match, for the detail view's odds chart.

`OddsSeries.feed(snap)` takes each state the chart tracker is fed and keeps
a point (when, the home side's chance, the draw's) each time the moment of
the match moves on (the soccer minute, the ball, the basketball clock) or
the chances move by a point or more; `swings(n)` are the `n` biggest moves
from one point to the next: where the match turned. Points are capped
(`MOST`): past it every other older point is dropped, so a long match keeps
its shape in bounded memory.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoreboard.core import derive
from scoreboard.core.models import BasketballSnapshot, CricketSnapshot, Snapshot, SoccerSnapshot
from scoreboard.core.shortline import minute_text
from scoreboard.core.winprob import win_probability

MOST = 720
#: A change of the chances smaller than this (a point) at the same moment is not kept.
STEP = 0.01


@dataclass(frozen=True, slots=True)
class OddsPoint:
    when: str
    home: float
    draw: float | None


@dataclass(frozen=True, slots=True)
class Swing:
    when: str
    #: The home side's chance after minus before (negative: toward the away side).
    change: float
    #: Index of the point after the swing.
    index: int


def moment_of(snap: Snapshot) -> str:
    """Where the match is, as a fan says it: `63'`, `7.3 ov`, `Q3 5:00`."""
    if isinstance(snap, SoccerSnapshot):
        return minute_text(snap.clock)
    if isinstance(snap, CricketSnapshot):
        total = derive.batting_total(snap)
        return f"{total.overs} ov" if total is not None else ""
    if isinstance(snap, BasketballSnapshot):
        secs = snap.game_clock_secs
        clock = f" {secs // 60}:{secs % 60:02d}" if secs is not None and secs >= 0 else ""
        return f"Q{snap.period}{clock}" if snap.period else ""
    return ""


def _score_key(snap: Snapshot) -> int:
    try:
        return hash(getattr(snap, "score", None))
    except TypeError:  # a generic sport's score from outside: any shape
        return 0


class OddsSeries:
    __slots__ = ("_last_moment", "points")

    def __init__(self) -> None:
        self.points: list[OddsPoint] = []
        self._last_moment: tuple[str, int] | None = None

    def feed(self, snap: Snapshot) -> bool:
        """Take a state; True when a point was kept (the chart changed)."""
        moment = (moment_of(snap), _score_key(snap))
        if moment == self._last_moment:
            return False  # the same moment and score: the chances cannot differ
        self._last_moment = moment
        chances = win_probability(snap)
        if chances is None:
            return False
        point = OddsPoint(moment[0][:16], chances.home, chances.draw)
        last = self.points[-1] if self.points else None
        if last is not None and abs(last.home - point.home) < STEP and last.when == point.when:
            return False
        self.points.append(point)
        if len(self.points) > MOST:
            half = len(self.points) // 2
            self.points[:half] = self.points[:half:2]
        return True

    def swings(self, count: int = 3, least: float = 0.0) -> list[Swing]:
        """The `count` biggest moves between two points (at least `least`), in time order."""
        points = self.points
        moves = [
            Swing(points[i].when, points[i].home - points[i - 1].home, i)
            for i in range(1, len(points))
        ]
        moves = [m for m in moves if abs(m.change) >= max(least, STEP)]
        biggest = sorted(moves, key=lambda m: abs(m.change), reverse=True)[:count]
        return sorted(biggest, key=lambda m: m.index)
