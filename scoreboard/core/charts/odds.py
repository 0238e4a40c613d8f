"""The win-probability series of one match, for the detail view's odds chart.

`OddsSeries.feed(snap)` takes each state the chart tracker is fed and keeps
one point (the step, the home side's chance, the draw's) per step of the
match (`bucket_of`: the soccer minute, the cricket over, the basketball
minute), the step's latest state standing for it; `swings(n)` are the `n`
biggest moves from one step to the next: where the match turned. Points are capped
(`MOST`): past it every other older point is dropped, so a long match keeps
its shape in bounded memory.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoreboard.core import derive
from scoreboard.core.models import BasketballSnapshot, CricketSnapshot, Snapshot, SoccerSnapshot
from scoreboard.core.shortline import minute_text
from scoreboard.core.winprob import WinProbability, win_probability
from scoreboard.core.winprob.common import two_way

MOST = 720
#: A swing smaller than this (a point) is not one.
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


def bucket_of(snap: Snapshot) -> str:
    """The chart's step: the soccer minute, the cricket over, the basketball minute.
    The last state of a step stands for it, so a burst folded differently (the history
    keeps a burst's newest) draws the same chart."""
    if isinstance(snap, CricketSnapshot):
        total = derive.batting_total(snap)
        if total is None:
            return ""
        over = (derive.overs_to_balls(total.overs) or 0) // 6 + 1
        return f"inn {snap.innings} over {over}"
    if isinstance(snap, BasketballSnapshot):
        secs = snap.game_clock_secs
        return f"Q{snap.period} {secs // 60 + 1}'" if secs is not None and snap.period else ""
    return moment_of(snap)


def _final(snap: Snapshot) -> WinProbability | None:
    """A finished match's result as chances (1 or 0; a draw or a tie even): the chart
    ends on it, in the step the last state is in, however the last frames were folded."""
    if snap.status != "finished" or not (points := _final_points(snap)):
        return None
    home, away = points
    if home == away:
        return WinProbability(0.0, 0.0, 1.0) if isinstance(snap, SoccerSnapshot) else two_way(0.5)
    return two_way(1.0 if home > away else 0.0)


def _final_points(snap: Snapshot) -> tuple[int, int] | None:
    if isinstance(snap, CricketSnapshot):
        home, away = snap.score.home, snap.score.away
        return (home.runs, away.runs) if home is not None and away is not None else None
    if isinstance(snap, SoccerSnapshot | BasketballSnapshot):
        return (snap.score.home, snap.score.away)
    return None


class OddsSeries:
    __slots__ = ("_last_moment", "_progress", "points")

    def __init__(self) -> None:
        self.points: list[OddsPoint] = []
        self._last_moment: tuple[str, int] | None = None
        self._progress: tuple[int, ...] = ()

    def feed(self, snap: Snapshot, progress: tuple[int, ...] = ()) -> bool:
        """Take a state (`progress`: the tracker's, how far into the match it is); True
        when the chart changed. A state behind one already taken (the view's newest is
        fed before the history's entries up to it) changes nothing."""
        if progress < self._progress:
            return False
        self._progress = progress
        moment = (moment_of(snap), _score_key(snap))
        if moment == self._last_moment:
            return False  # the same moment and score: the chances cannot differ
        self._last_moment = moment
        chances = win_probability(snap) or _final(snap)
        if chances is None:
            return False
        step = bucket_of(snap)
        point = OddsPoint(step[:24], chances.home, chances.draw)
        points = self.points
        if points and points[-1].when == point.when:
            if points[-1] == point:
                return False
            points[-1] = point  # the step's latest state stands for it
            return True
        points.append(point)
        if len(points) > MOST:
            half = len(points) // 2
            points[:half] = points[:half:2]
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
