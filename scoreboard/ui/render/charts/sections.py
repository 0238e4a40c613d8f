"""Where the charts go: the detail view's chart sections and the panel's chart line.

`detail_charts(sections, tracker, snap, ascii)` puts a sport's charts into
its detail view (`render/sections.py`), after the part that says where the
match stands (the soccer headline; cricket's totals and who is at the
crease). `panel_line(tracker, snap, width, ascii)` is the one chart line a
panel shows in place of a blank line of its layout (under the soccer
clock, under the cricket rates) or, for basketball, under its two lines.

Drawn lines are kept (`_memo`) by what they are drawn from: the tracker's
`version`, the few snapshot fields a chart reads besides it, the width and
the glyph set. A redraw of the detail view or a repaint of the panel with
nothing new for a chart costs a dictionary look-up, and returns the same
`Text` objects, so the panel keeps their drawn strips.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from rich.text import Text

from scoreboard.core.charts.feed import Tracker
from scoreboard.core.charts.soccer import slot_of
from scoreboard.core.models import BasketballSnapshot, CricketSnapshot, Snapshot, SoccerSnapshot
from scoreboard.ui.render.charts import basketball, cricket, soccer
from scoreboard.ui.render.charts.odds import odds_lines
from scoreboard.ui.render.common import styled
from scoreboard.ui.render.layout import blank, fit
from scoreboard.ui.render.sections import Block, Section
from scoreboard.ui.render.styles import DIM

#: (tracker, snapshot, width, ascii, time zone) -> the chart's lines.
Draw = Callable[[Any, Any, int, bool, tzinfo | None], list[Text]]


@dataclass(frozen=True)
class SportCharts:
    #: (name, draw(tracker, snap, width, ascii)) of each chart, in order.
    charts: tuple[tuple[str, Draw], ...]
    #: How many of the sport's own detail sections come before the charts.
    after: Callable[[Any], int]
    #: The snapshot fields the charts read besides the tracker (the memo's key).
    key: Callable[[Any], Hashable]
    #: The panel's chart line, None if the tracker has too little to draw.
    line: Callable[[Any, Any, int, bool], Text | None]
    #: The panel line (a blank one) the chart line takes; None: it goes at the end.
    line_at: int | None


def _soccer_key(snap: SoccerSnapshot) -> Hashable:
    events = snap.events or ()
    clock = snap.clock
    now = slot_of(clock.period, clock.minute, clock.added_time) if clock is not None else None
    return (len(events), events[-1] if events else None, now, snap.status, snap.home, snap.away)


def _soccer_line(tracker: Any, snap: SoccerSnapshot, width: int, ascii: bool) -> Text | None:
    if len(tracker.minutes) < 2:
        return None
    return soccer.momentum_spark(tracker, snap, width, ascii)


def _cricket_after(snap: CricketSnapshot) -> int:
    return 3 if snap.batsmen or snap.bowler or snap.over else 1


def _cricket_line(tracker: Any, snap: CricketSnapshot, width: int, ascii: bool) -> Text | None:
    current = tracker.current()
    if current is None or sum(r is not None for _, r, _ in current.over_runs()) < 2:
        return None  # a bar or none: not yet a line worth the room
    return cricket.overs_spark(tracker, width, ascii)


def _cricket_tables(draw: Callable[..., list[Text]]) -> Draw:
    return lambda tracker, snap, width, ascii, tz: draw(tracker, snap, width, tz)


def _basketball_line(
    tracker: Any, snap: BasketballSnapshot, width: int, ascii: bool
) -> Text | None:
    if sum(len(p.points) for p in tracker.periods.values()) < 2:
        return None
    return basketball.lead_spark(tracker, width, ascii)


SPORTS: dict[type, SportCharts] = {
    SoccerSnapshot: SportCharts(
        (
            ("momentum", soccer.momentum_lines),
            ("xg", soccer.xg_lines),
            ("timeline", soccer.timeline_lines),
            ("odds", odds_lines),
        ),
        lambda snap: 1,
        _soccer_key,
        _soccer_line,
        2,
    ),
    CricketSnapshot: SportCharts(
        (
            ("worm", cricket.worm_lines),
            ("manhattan", cricket.manhattan_lines),
            ("chase", cricket.chase_lines),
            ("wickets", _cricket_tables(cricket.wickets_lines)),
            ("partnerships", cricket.partnership_lines),
            ("odds", odds_lines),
        ),
        _cricket_after,
        lambda snap: (snap.status, snap.result, snap.innings, snap.home, snap.away),
        _cricket_line,
        4,
    ),
    BasketballSnapshot: SportCharts(
        (("lead", basketball.lead_lines), ("odds", odds_lines)),
        lambda snap: 1,
        lambda snap: (snap.status, snap.home, snap.away),
        _basketball_line,
        None,
    ),
}

#: (tracker id, chart, version, snapshot key, width, ascii) -> (tracker, lines).
_memo: dict[tuple[Hashable, ...], tuple[object, list[Text]]] = {}
MEMO_SIZE = 512


def _drawn(
    tracker: Tracker,
    name: str,
    key: Hashable,
    width: int,
    ascii: bool,
    draw: Callable[[], list[Text]],
) -> list[Text]:
    memo_key = (id(tracker), name, tracker.version, key, width, ascii)
    found = _memo.get(memo_key)
    if found is not None and found[0] is tracker:
        return found[1]
    if len(_memo) >= MEMO_SIZE:
        _memo.clear()
    lines = draw()
    _memo[memo_key] = (tracker, lines)
    return lines


def detail_charts(
    sections: Sequence[Section],
    tracker: Tracker | None,
    snap: Snapshot,
    ascii: bool,
    on_error: Callable[[Exception, str], None] | None = None,
    tz: tzinfo | None = None,
) -> list[Section]:
    """The detail view's sections with the sport's charts put in (unchanged without charts).

    A chart whose drawing raises is one "can't draw" line (`on_error` is told),
    never the rest of the view. `tz`: the time zone "since 14:02" is in (None: local).
    """
    sport = SPORTS.get(type(snap))
    if sport is None or tracker is None:
        return list(sections)
    key = (sport.key(snap), tz)
    charts: list[Section] = []
    for name, draw in sport.charts:

        def build(width: int, name: str = name, draw: Draw = draw) -> list[Text]:
            try:
                lines = _drawn(
                    tracker, name, key, width, ascii, lambda: draw(tracker, snap, width, ascii, tz)
                )
            except Exception as exc:
                if on_error is not None:
                    on_error(exc, name)
                return [blank(width), fit(styled(f"can't draw the {name} chart", DIM), width)]
            return [blank(width), *lines] if lines else []

        charts.append(Block(build))
    at = min(sport.after(snap), len(sections))
    return [*sections[:at], *charts, *sections[at:]]


def panel_line(
    lines: list[Text], tracker: Tracker | None, snap: Snapshot, width: int, ascii: bool
) -> list[Text]:
    """The panel's lines with its chart line in place of the blank it takes (or appended)."""
    sport = SPORTS.get(type(snap))
    if sport is None or tracker is None:
        return lines
    at = sport.line_at
    if at is not None and (at >= len(lines) or lines[at] is not blank(width)):
        return lines  # the layout has no room there: no line
    key = sport.key(snap)
    drawn = _drawn(
        tracker, "line", key, width, ascii, lambda: _one(sport, tracker, snap, width, ascii)
    )
    if not drawn:
        return lines
    if at is None:
        return [*lines, blank(width), drawn[0]]
    return [*lines[:at], drawn[0], *lines[at + 1 :]]


def _one(
    sport: SportCharts, tracker: Tracker, snap: Snapshot, width: int, ascii: bool
) -> list[Text]:
    line = sport.line(tracker, snap, width, ascii)
    return [] if line is None else [line]
