"""Cricket: each innings' total at every over's end, every wicket, and the chase rates.

`CricketTracker` is fed the match's states ball by ball (every ball changes
the score, so the history keeps each one). Per innings it keeps:

- `ends[k]`: (runs, wickets) when the k-th over was completed, the first
  state with 6k legal balls: the worm's points, and the Manhattan's bars
  (runs in over k = `ends[k] - ends[k - 1]`);
- the newest total, for the over in progress (the last bar grows ball by ball);
- `wickets`: each fall of wicket with the score, the over, who was out and
  the pair that was batting (the partnerships between them);
- `rates[k]`: for a chase, the current and required run rates at over k's
  end, as the panel computes them (`core.derive`).

An over whose start the tracker did not see (it joined mid-innings) has no
bar: the charts say what they cover ("since 14:02").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scoreboard.core import derive
from scoreboard.core.charts.odds import OddsSeries
from scoreboard.core.models import CricketSnapshot, Snapshot, Total
from scoreboard.core.text import safe_text


@dataclass(frozen=True, slots=True)
class Wicket:
    number: int
    runs: int
    #: Legal balls bowled when it fell, and the over it fell in (0-based).
    balls: int
    over: int
    #: Who was out and how (from the scorecard), "" if unknown.
    batter: str
    dismissal: str
    #: The two batters at the crease before it fell (the partnership it ended).
    pair: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Partnership:
    wicket: int  # the wicket it was for (1: the openers)
    runs: int
    balls: int
    pair: tuple[str, ...]
    unbroken: bool = False


@dataclass(slots=True)
class InningsChart:
    number: int
    team: str  # "home" or "away"
    #: Legal balls and wickets at the first state seen: an innings starts at
    #: 0/0, so over 1 is known if it was seen, and the partnerships if no
    #: wicket had fallen yet.
    from_ball: int
    from_wicket: int
    runs: int = 0
    wickets: int = 0
    balls: int = 0
    ends: dict[int, tuple[int, int]] = field(default_factory=dict)
    fallen: list[Wicket] = field(default_factory=list)
    rates: dict[int, tuple[float | None, float | None]] = field(default_factory=dict)
    #: The chase's current rates (None: not a chase).
    crr: float | None = None
    rrr: float | None = None
    target: int | None = None
    #: The pair at the crease now.
    pair: tuple[str, ...] = ()
    #: The innings is over (all out, overs bowled, target reached, a later innings).
    closed: bool = False
    #: The scorecard's dismissals, by batter (to name who fell).
    _out: dict[str, str] = field(default_factory=dict)

    def over_runs(self) -> list[tuple[int, int | None, int]]:
        """(over number from 1, runs in it or None if its start was not seen, wickets in it)."""
        last = self.balls // 6 + (1 if self.balls % 6 or self._after_end() else 0)
        out = []
        fallen: dict[int, int] = {}
        for wicket in self.fallen:
            fallen[wicket.over + 1] = fallen.get(wicket.over + 1, 0) + 1
        for over in range(1, last + 1):
            before = (0, 0) if over == 1 else self.ends.get(over - 1)
            after = self.ends.get(over)
            if after is None and over == last:
                after = (self.runs, self.wickets)
            runs = None if before is None or after is None else max(after[0] - before[0], 0)
            out.append((over, runs, fallen.get(over, 0)))
        return out

    def _after_end(self) -> bool:
        """Runs were scored after the last over ended (a wide to start the next)."""
        end = self.ends.get(self.balls // 6)
        return end is not None and self.balls % 6 == 0 and end[0] != self.runs

    def worm(self) -> list[tuple[int, int]]:
        """(legal balls, runs) at each over end seen, then now."""
        points = [(0, 0)] if self.from_ball < 6 else []
        points += [(over * 6, runs) for over, (runs, _) in sorted(self.ends.items())]
        if not points or points[-1] != (self.balls, self.runs):
            points.append((self.balls, self.runs))
        return points

    def partnerships(self) -> list[Partnership]:
        """Each partnership whose start was seen, the unbroken one last."""
        out = []
        start: tuple[int, int] | None = (0, 0) if self.from_wicket == 0 else None
        for wicket in self.fallen:
            if start is not None:
                runs, balls = wicket.runs - start[0], wicket.balls - start[1]
                out.append(Partnership(wicket.number, max(runs, 0), max(balls, 0), wicket.pair))
            start = (wicket.runs, wicket.balls)
        if start is not None and self.wickets < 10:
            runs, balls = self.runs - start[0], self.balls - start[1]
            # An innings that ended with a wicket on its last ball left no stand behind.
            if not (self.closed and balls <= 0 and runs <= 0):
                out.append(
                    Partnership(self.wickets + 1, max(runs, 0), max(balls, 0), self.pair, True)
                )
        return out


def _total(snap: CricketSnapshot) -> Total | None:
    return derive.batting_total(snap)


#: Runs and wickets past any real innings are drawn as this much (JSON allows any integer).
MOST = 10**6
#: No innings is longer (a timeless Test's ran to 218 overs).
MOST_BALLS = 6 * 1000


def _sane(total: Total) -> Total:
    runs, wickets = min(max(total.runs, 0), MOST), min(max(total.wickets, 0), MOST)
    if (runs, wickets) == (total.runs, total.wickets):
        return total
    return Total(runs, wickets, total.overs)


_EXTRA = re.compile(r"(wd|nb|lb|b)([0-9]?)")


def ball_runs(code: str) -> tuple[int, int] | None:
    """(runs, wickets) a ball code adds to the total (`live-snapshot.md`): `4`, `W`,
    `W+1`, `wd`, `nb4`, `lb1`; None for a code this client does not know."""
    if code.isdigit() and len(code) == 1:
        return int(code), 0
    if code.startswith("W"):
        rest = code[1:]
        if not rest:
            return 0, 1
        if rest[0] == "+" and rest[1:].isdigit() and len(rest) == 2:
            return int(rest[1:]), 1
        return None
    match = _EXTRA.fullmatch(code)
    if match is None:
        return None
    kind, runs = match.groups()
    if kind in ("lb", "b"):
        return (int(runs), 0) if runs else None
    return 1 + (int(runs) if runs else 0), 0


def over_start(snap: CricketSnapshot, total: Total) -> tuple[int, int] | None:
    """(runs, wickets) when the over in progress began: the total less its balls so far."""
    if snap.over is None:
        return None
    runs, wickets = total.runs, total.wickets
    for code in snap.over.balls:
        added = ball_runs(code)
        if added is None:
            return None
        runs, wickets = runs - added[0], wickets - added[1]
    if runs < 0 or wickets < 0:
        return None
    return runs, wickets


def _wicket_over(snap: CricketSnapshot, balls: int) -> int:
    """The over (from 0) a wicket seen in `snap` fell in: the current one, or the one
    just finished when the over has already moved on (no balls in it yet)."""
    if snap.over is not None:
        return max(snap.over.number - (0 if snap.over.balls else 1), 0)
    return max((balls - 1) // 6, 0)


class CricketTracker:
    """What the cricket charts need, fed ball by ball (see `feed.Tracker`)."""

    def __init__(self) -> None:
        self.version = 0
        #: The win-probability series (the odds chart).
        self.odds = OddsSeries()
        self.first_time: float | None = None
        #: Where the first state was: `over 7.3` for "since 14:02 (over 7.3)".
        self.first_clock = ""
        self._whole = False
        self.innings: dict[int, InningsChart] = {}
        self.format: str | None = None

    @property
    def whole(self) -> bool:
        return self._whole

    def progress(self, snap: Snapshot) -> tuple[int, ...]:
        if not isinstance(snap, CricketSnapshot):
            return (0,)
        total = _total(snap)
        balls = derive.overs_to_balls(total.overs) if total is not None else None
        runs = total.runs + total.wickets if total is not None else 0
        delivered = len(snap.over.balls) if snap.over is not None else 0
        finished = 1 if snap.status == "finished" else 0
        return (snap.innings, balls or 0, runs, delivered, finished)

    def feed(self, t: float, snap: Snapshot) -> None:
        if not isinstance(snap, CricketSnapshot):
            return
        if self.odds.feed(snap, self.progress(snap)):
            self.version += 1
        total = _total(snap)
        balls = derive.overs_to_balls(total.overs) if total is not None else None
        if self.first_time is None:
            self.first_time = t
            self.format = snap.format
            fresh = total is None or (balls == 0 and total.runs == 0 and total.wickets == 0)
            self._whole = snap.status == "scheduled" or (snap.innings <= 1 and fresh)
            if not self._whole and total is not None:
                self.first_clock = f"over {safe_text(total.overs, 12)}"
        if total is None or balls is None or snap.batting not in ("home", "away"):
            return
        total, balls = _sane(total), min(balls, MOST_BALLS)
        number = min(max(snap.innings, 0), 99)
        chart = self.innings.get(number)
        if chart is None:
            self._earlier(snap)
            for earlier in self.innings.values():
                earlier.closed = True
            chart = InningsChart(number, snap.batting, balls, total.wickets)
            chart.runs, chart.wickets, chart.balls = total.runs, total.wickets, balls
            self.innings[number] = chart
            self.version += 1
        elif balls < chart.balls or total.runs < chart.runs:
            return  # a correction backwards: keep what was drawn
        self._take(chart, snap, total, balls)

    def _earlier(self, snap: CricketSnapshot) -> None:
        """Innings over before the tracker began: their totals from the scorecard (the
        worm's end point, the Manhattan's heading; no over of them was seen)."""
        for card in snap.scorecard or ():
            balls = derive.overs_to_balls(card.overs)
            if card.innings >= snap.innings or card.innings in self.innings or balls is None:
                continue
            if card.team not in ("home", "away"):
                continue
            sane, balls = _sane(Total(card.runs, card.wickets, card.overs)), min(balls, MOST_BALLS)
            chart = InningsChart(card.innings, card.team, balls, sane.wickets, closed=True)
            chart.runs, chart.wickets, chart.balls = sane.runs, sane.wickets, balls
            self.innings[card.innings] = chart

    def _take(self, chart: InningsChart, snap: CricketSnapshot, total: Total, balls: int) -> None:
        total = _sane(total)
        pair = tuple(safe_text(b.name, 60) for b in snap.batsmen or ())
        card = next((i for i in snap.scorecard or () if i.innings == chart.number), None)
        out = {
            safe_text(e.name, 60): safe_text(e.dismissal or "", 80)
            for e in (card.batting if card is not None else ())
            if e.dismissal and e.dismissal != "not out"
        }
        changed = False
        if total.wickets > chart.wickets:
            fresh = [name for name in out if name not in chart._out]
            gone = [name for name in chart.pair if name not in pair]
            over = _wicket_over(snap, balls)
            for number in range(chart.wickets + 1, min(total.wickets, 10) + 1):
                index = number - chart.wickets - 1
                who = (fresh or gone)[index] if index < len(fresh or gone) else ""
                chart.fallen.append(
                    Wicket(
                        number, total.runs, balls, max(over, 0), who, out.get(who, ""), chart.pair
                    )
                )
            changed = True
        done = snap.over.number if snap.over is not None else balls // 6
        if done >= 1 and done not in chart.ends and done * 6 <= balls:
            start = over_start(snap, total) if done * 6 < balls or snap.over else None
            if start is None and done * 6 == balls and snap.over is None:
                start = (total.runs, total.wickets)
            if start is not None:
                chart.ends[done] = start
                if snap.target is not None:
                    chart.rates[done] = self._rates(snap.target, start[0], done * 6)
                changed = True
        now = (total.runs, total.wickets, balls, pair, snap.target)
        if now != (chart.runs, chart.wickets, chart.balls, chart.pair, chart.target):
            chart.runs, chart.wickets, chart.balls, chart.pair, chart.target = now
            changed = True
        if snap.target is not None:
            chart.crr, chart.rrr = derive.current_rate(snap), derive.required_rate(snap)
        chart._out = out
        closed = derive.innings_over(snap)
        if closed != chart.closed:
            chart.closed, changed = closed, True
        if changed:
            self.version += 1

    # -- what the charts show -------------------------------------------------------------

    def ordered(self) -> list[InningsChart]:
        return [self.innings[n] for n in sorted(self.innings)]

    def current(self) -> InningsChart | None:
        return self.innings[max(self.innings)] if self.innings else None

    def _rates(self, target: int, runs: int, balls: int) -> tuple[float | None, float | None]:
        """The current and required rates after `balls` (as `derive` has them for a state)."""
        limit = derive.scheduled_balls(self.format)
        left = None if limit is None else max(limit - balls, 0)
        required = derive.ratio(max(target - runs, 0), left, 6) if left else None
        return derive.run_rate(runs, balls), required

    def scheduled_overs(self) -> int | None:
        balls = derive.scheduled_balls(self.format)
        return balls // 6 if balls else None
