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

from scoreboard.core.derive import fall_overs, innings_over, overs_to_balls
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
    #: Legal balls of the innings bowled when it fell (None: not known).
    balls: int | None = None


@dataclass
class WicketLog:
    """Falls seen in one match, by innings number.

    Fed every state received (`HistoryStore.add`), so a wicket is recorded in
    the state it fell in whatever the spacing of the frames; read for the
    state a view shows (`last`, `partnership`), which may be older than the
    newest one seen (a spoiler delay): a fall is looked up by its number.
    """

    falls: dict[int, list[Fall]] = field(default_factory=dict)
    _last: CricketSnapshot | None = None

    def reset(self) -> None:
        """Forget everything (a replay starts again from its first frame)."""
        self.falls.clear()
        self._last = None

    def observe(self, snap: CricketSnapshot) -> None:
        """See the next snapshot of the match (call it for every one, in order)."""
        old, self._last = self._last, snap
        if old is None or old.innings != snap.innings or old.batting != snap.batting:
            return
        before, now = _batting_total(old), _batting_total(snap)
        if before is None or now is None or now.wickets <= before.wickets:
            return
        balls = overs_to_balls(now.overs)
        gone = [b for b in old.batsmen or () if b.name not in {n.name for n in snap.batsmen or ()}]
        falls = self.falls.setdefault(snap.innings, [])
        known = {fall.wicket for fall in falls}
        for number in range(before.wickets + 1, now.wickets + 1):
            batter = gone.pop(0) if gone else None
            if number in known:
                continue  # seen already (the same state again after a reconnect)
            name = batter.name if batter is not None else ""
            entry = _scorecard_entry(snap, name) if name else None
            falls.append(
                Fall(
                    wicket=number,
                    runs=now.runs,
                    overs=fall_overs(balls) if balls is not None else now.overs,
                    batter=name,
                    how=(entry.dismissal or "") if entry is not None else "",
                    batter_runs=entry.runs if entry is not None else None,
                    batter_balls=entry.balls if entry is not None else None,
                    balls=balls,
                )
            )

    def fall(self, innings: int, number: int) -> Fall | None:
        """Wicket `number` of `innings`, if the app saw it fall."""
        return next((f for f in self.falls.get(innings, ()) if f.wicket == number), None)

    def last(self, snap: CricketSnapshot) -> Fall | None:
        """The last wicket of the innings `snap` shows, if the app saw it fall."""
        total = _batting_total(snap)
        if total is None or total.wickets <= 0:
            return None
        balls = overs_to_balls(total.overs)
        for fall in reversed(self.falls.get(snap.innings, ())):
            if fall.wicket == total.wickets:
                later = fall.balls is not None and balls is not None and fall.balls > balls
                return None if later or fall.runs > total.runs else fall
        return None

    def partnership(self, snap: CricketSnapshot) -> tuple[int, int] | None:
        """(runs, balls) of the stand at the crease, or None when it is not known,
        or there is none (all out; an innings over with a wicket on its last ball)."""
        total = _batting_total(snap)
        if total is None or total.wickets >= 10:
            return None
        balls = overs_to_balls(total.overs)
        if balls is None:
            return None
        if total.wickets == 0:
            runs, faced = total.runs, balls
        else:
            fall = self.last(snap)
            if fall is None or fall.balls is None:
                return None
            runs, faced = total.runs - fall.runs, balls - fall.balls
        if faced == 0 and innings_over(snap):
            return None
        return runs, faced


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
