"""Compact panels (about five rows with the border) and ticker lines (one row).

Compact: teams and score, clock and phase, the last notable event; cricket
shows both totals, the chase and this over. A sport's compact panel always
has the same number of lines, so panels do not change height as a match goes.

Ticker: one line per match in fixed columns, so a screen of them reads like
a scores strip: focus mark, badge, home, score, away, clock, last event.
Team names give way to their codes when the line is narrow: codes unique
among the matches on screen (`render/codes.py`: `MUN` and `MCI`, never `MAN`
twice). An event says whose it is by the team's code, as the full panel does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text

from scoreboard.core import derive
from scoreboard.core.models import (
    BasketballSnapshot,
    CricketSnapshot,
    Event,
    GenericSnapshot,
    Snapshot,
    SoccerSnapshot,
)
from scoreboard.ui.render.basketball import basketball_lines, game_clock
from scoreboard.ui.render.codes import team_code_of
from scoreboard.ui.render.common import lit, styled
from scoreboard.ui.render.cricket import chase_forms, over_line, situation, totals
from scoreboard.ui.render.generic import generic_lines
from scoreboard.ui.render.glyphs import glyphs
from scoreboard.ui.render.layout import Justify, Piece, blank, fit, row, squeeze
from scoreboard.ui.render.odds import odds_text, with_odds
from scoreboard.ui.render.soccer import event_text, headline, shown_events, side_code
from scoreboard.ui.render.styles import AWAY_TEAM, DIM, HOME_TEAM, SCORE

#: Events a compact panel or a ticker line would rather show than the latest one.
NOTABLE_EVENTS = (
    "goal",
    "own_goal",
    "penalty_goal",
    "red_card",
    "second_yellow",
    "penalty_missed",
    "var",
)
BADGE_CELLS = 7
SCORE_CELLS = 13
CLOCK_CELLS = 7
#: Below this many cells the score and clock columns narrow too.
NARROW_CELLS = 44
#: Below this many cells a team name gives way to its three-letter code.
NAME_CELLS = 12


def last_notable(events: list[Event] | None) -> Event | None:
    """The latest goal, red card, missed penalty or VAR call, else the latest event.

    Read as the full panel reads them (`shown_events`): a second yellow is its `2Y`,
    not the `red_card` the feed sends after it. From the end, so a long match costs
    no more than a short one.
    """
    if not events:
        return None
    index = next(
        (i for i in range(len(events) - 1, -1, -1) if events[i].type in NOTABLE_EVENTS),
        len(events) - 1,
    )
    event = events[index]
    if event.type == "red_card" and index:
        shown = shown_events(events[index - 1 : index + 1])
        return shown[0] if len(shown) == 1 else event
    return event


def soccer_compact(snap: SoccerSnapshot, width: int) -> list[Text]:
    event = last_notable(snap.events)
    if event is None:
        return [*headline(snap, width), blank(width)]
    last = fit(event_text(event, side_code(snap, event), width), width, "center")
    return [*headline(snap, width), last]


def cricket_compact(snap: CricketSnapshot, width: int) -> list[Text]:
    return [*totals(snap, width), situation(snap, width), fit(over_line(snap), width)]


def compact_lines(snap: Snapshot, width: int) -> list[Text]:
    """The compact panel of any sport."""
    if isinstance(snap, SoccerSnapshot):
        return soccer_compact(snap, width)
    if isinstance(snap, CricketSnapshot):
        return cricket_compact(snap, width)
    if isinstance(snap, BasketballSnapshot):
        return basketball_lines(snap, width)
    assert isinstance(snap, GenericSnapshot)
    return generic_lines(snap, width)


# -- ticker ------------------------------------------------------------------------


@dataclass(frozen=True)
class TickerCells:
    """What one match shows in the ticker's columns."""

    score: Text
    clock: Text
    event: Text


def ticker_cells(snap: Snapshot, *, narrow: bool = False, room: int | None = None) -> TickerCells:
    """The columns' text; `room`: the event column's cells (a name is cut by words)."""
    if isinstance(snap, SoccerSnapshot):
        latest = last_notable(snap.events)
        return TickerCells(
            styled(f" {snap.score.home} - {snap.score.away} ", SCORE),
            styled(derive.clock_text(snap.clock), "bold"),
            Text() if latest is None else event_text(latest, side_code(snap, latest), room),
        )
    if isinstance(snap, CricketSnapshot):
        home, away = snap.score.home, snap.score.away
        sides = [f"{t.runs}/{t.wickets}" if t else "-" for t in (home, away)]
        totals = ("v" if narrow else " v ").join(sides)
        batting = derive.batting_total(snap)
        unit = "" if narrow else " ov"
        overs = f"{lit(batting.overs, limit=6).plain}{unit}" if batting is not None else ""
        if snap.result:
            event = lit(snap.result, "bold")
        else:  # the chase's words give way before its figures (`needs 108 off 75`)
            forms = chase_forms(snap)
            if not forms:
                event = Text()
            elif room:
                event = squeeze([Piece(forms, DIM)], room)
                event.rstrip()
            else:
                event = styled(forms[0], DIM)
        return TickerCells(styled(totals, "bold"), Text(overs), event)
    if isinstance(snap, BasketballSnapshot):
        clock = " ".join(
            part
            for part in (f"Q{snap.period}" if snap.period else "", game_clock(snap.game_clock_secs))
            if part
        )
        points = styled(f" {snap.score.home} - {snap.score.away} ", SCORE)
        return TickerCells(points, Text(clock), Text())
    assert isinstance(snap, GenericSnapshot)
    pair = snap.score_pair
    score = f" {derive.number_text(pair[0])} - {derive.number_text(pair[1])} " if pair else "-"
    return TickerCells(styled(score, SCORE), Text(), lit(snap.sport or "", DIM, limit=20))


#: The fewest cells a ticker's event keeps before the odds take the rest of its column.
ODDS_EVENT_MIN = 14


def ticker_line(
    snap: Snapshot | None,
    badge: Text,
    width: int,
    *,
    focused: bool,
    note: Text,
    lead: Text | None = None,
) -> Text:
    """`> LIVE  Arsenal  2 - 1  Chelsea  67:12  58' ⚽ B. Saka`, exactly `width` cells;
    `lead` (`synced: 38 s`) goes first in the event's column."""
    mark = styled(glyphs().focus if focused else " ", "bold")
    badge = fit(badge, BADGE_CELLS, "center")
    if snap is None:
        return row(
            (mark, 1, "left"), (badge, BADGE_CELLS, "left"), (note, max(width - 10, 0), "left")
        )
    narrow = width < NARROW_CELLS
    cells = ticker_cells(snap, narrow=narrow)

    def event(room: int) -> Text:  # the event cut to its column, by words (`room`)
        if note.plain:
            return note
        if not room:
            return cells.event
        # The leader's odds keep their cells where the event still has some left: its
        # words give way first (`with_odds` adds them only if they fit).
        odds = odds_text(snap, draw=False)
        spare = room - len(odds) - 2
        own = spare if odds and spare >= ODDS_EVENT_MIN else room
        return with_odds(ticker_cells(snap, narrow=narrow, room=own).event, snap, room, "  ")

    column = event if lead is None else led(lead, event)
    return _aligned(mark, badge, (snap.home, snap.away), cells.score, cells.clock, column, width)


def led(lead: Text, event: Callable[[int], Text]) -> Callable[[int], Text]:
    """An event column that starts with `lead`; the event has the cells left after it."""

    def column(room: int) -> Text:
        rest = room - lead.cell_len - 1
        if rest < NAME_CELLS // 2:  # a few cells of an event say nothing
            return lead
        return Text.assemble(lead, " ", event(rest))

    return column


def ticker_teams_line(
    teams: tuple[str, str], score: Text, event: Text, badge: Text, width: int, *, focused: bool
) -> Text:
    """A row known only by its teams (a finished match from the catalog, a hidden score):
    in the live rows' columns, its score under theirs, its clock column blank."""
    mark = styled(glyphs().focus if focused else " ", "bold")
    return _aligned(
        mark, fit(badge, BADGE_CELLS, "center"), teams, score, Text(), lambda _: event, width
    )


def _aligned(
    mark: Text,
    badge: Text,
    teams: tuple[str, str],
    score: Text,
    clock: Text,
    event: Callable[[int], Text],
    width: int,
) -> Text:
    narrow = width < NARROW_CELLS
    score_cells, clock_cells = (11, 6) if narrow else (SCORE_CELLS, CLOCK_CELLS)
    rest = width - 1 - BADGE_CELLS - score_cells - clock_cells - 6
    names = min(max(rest * 3 // 10, 3), 22)
    home, away = teams
    if names < NAME_CELLS:  # narrow: codes, and the clock before the last event
        home, away = team_code_of(teams[0], teams[1]), team_code_of(teams[1], teams[0])
        names = max(len(home), len(away), 3)
    if rest < 2 * names:  # too narrow for a clock too: the score matters more
        rest, clock_cells = rest + clock_cells + 1, 0
    if rest < 2 * names:  # narrower still: the score's column only as wide as the score
        rest, score_cells = rest + score_cells - score.cell_len, score.cell_len
    event_cells = rest - 2 * names
    if event_cells < NAME_CELLS // 2:  # a few cells of an event say nothing
        event_cells = 0
    parts: list[tuple[Text | str, int, Justify]] = [
        (mark, 1, "left"),
        (badge, BADGE_CELLS, "left"),
        (lit(home, HOME_TEAM, limit=60), names, "right"),
        (score, score_cells, "center"),
        (lit(away, AWAY_TEAM, limit=60), names, "left"),
    ]
    if clock_cells:
        parts.append((clock, clock_cells, "left"))
    if event_cells:
        parts.append((event(event_cells), event_cells, "left"))
    return fit(row(*parts), width)
