"""Falls of wickets and the current partnership, from the snapshots the app has seen.

The contract sends no fall of wickets: each snapshot has the batting total,
the two batters at the crease and the scorecard (with each batter's
dismissal), but not the score at which each wicket fell. So a `WicketLog`
watches the snapshots of one match: when the batting side's wickets go up,
it records the fall at the total of that snapshot, with the batter who left
the crease and how (from the scorecard). The current partnership is what
the total gained since the last fall, exact from then on; a wicket that fell
before the app joined is not known (and neither is the partnership it
started), unless no wicket has fallen yet in the innings, when the
partnership is the whole total. Pure: no Textual, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from msgspec import Struct

from scoreboard.core.derive import overs_to_balls
from scoreboard.core.models import BattingEntry, CricketSnapshot, Total


class Fall(Struct, frozen=True):
    """Wicket `wicket` of an innings fell with the total at `runs` in `overs`."""

    wicket: int
    runs: int
    overs: str
    #: Who was out, how, and their score (empty when the snapshot did not tell).
    batter: str = ""
    how: str = ""
    batter_runs: int | None = None
    batter_balls: int | None = None


@dataclass
class WicketLog:
    """Falls seen in one match, by innings number."""

    falls: dict[int, list[Fall]] = field(default_factory=dict)
    _last: CricketSnapshot | None = None

    def observe(self, snap: CricketSnapshot) -> None:
        """See the next snapshot of the match (call it for every one, in order)."""
        old, self._last = self._last, snap
        if old is None or old.innings != snap.innings or old.batting != snap.batting:
            return
        before, now = _batting_total(old), _batting_total(snap)
        if before is None or now is None or now.wickets <= before.wickets:
            return
        gone = [b for b in old.batsmen or () if b.name not in {n.name for n in snap.batsmen or ()}]
        falls = self.falls.setdefault(snap.innings, [])
        for number in range(before.wickets + 1, now.wickets + 1):
            batter = gone.pop(0) if gone else None
            name = batter.name if batter is not None else ""
            entry = _scorecard_entry(snap, name) if name else None
            falls.append(
                Fall(
                    wicket=number,
                    runs=now.runs,
                    overs=now.overs,
                    batter=name,
                    how=(entry.dismissal or "") if entry is not None else "",
                    batter_runs=entry.runs if entry is not None else None,
                    batter_balls=entry.balls if entry is not None else None,
                )
            )

    def last(self, snap: CricketSnapshot) -> Fall | None:
        """The last wicket of the innings in progress, if the app saw it fall."""
        falls = self.falls.get(snap.innings)
        total = _batting_total(snap)
        if not falls or total is None or falls[-1].wicket != total.wickets:
            return None
        return falls[-1]

    def partnership(self, snap: CricketSnapshot) -> tuple[int, int] | None:
        """(runs, balls) of the stand at the crease, or None when it is not known."""
        total = _batting_total(snap)
        if total is None:
            return None
        balls = overs_to_balls(total.overs)
        if balls is None:
            return None
        if total.wickets == 0:
            return total.runs, balls
        fall = self.last(snap)
        since = overs_to_balls(fall.overs) if fall is not None else None
        if fall is None or since is None:
            return None
        return total.runs - fall.runs, balls - since


def _batting_total(snap: CricketSnapshot) -> Total | None:
    if snap.batting not in ("home", "away"):
        return None
    total: Total | None = getattr(snap.score, snap.batting)
    return total


def _scorecard_entry(snap: CricketSnapshot, name: str) -> BattingEntry | None:
    for innings in reversed(snap.scorecard or ()):
        if innings.team == snap.batting:
            return next((b for b in innings.batting if b.name == name), None)
    return None
