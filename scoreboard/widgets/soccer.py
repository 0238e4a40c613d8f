"""Soccer: the panel body (score, clock, phase, stats bars, latest events) and
the detail view (every stat, the whole timeline, home left and away right)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from scoreboard.feed import derive
from scoreboard.feed.models import Event, SoccerSnapshot, StatPair
from scoreboard.widgets.common import (
    AWAY_COLOUR,
    DIM,
    HOME_COLOUR,
    PairBar,
    centred,
    lit,
    score_line,
)
from scoreboard.widgets.memo import memo

#: Stats in the order fans read them; others follow in the order sent.
STAT_ORDER = (
    "possession",
    "shots",
    "shots_on_target",
    "corners",
    "fouls",
    "offsides",
    "yellow_cards",
    "red_cards",
    "saves",
    "xg",
)
#: How many stats and events fit on a panel; the detail view has them all.
CARD_STATS = 7
CARD_EVENTS = 3

_EVENT_MARKS: dict[str, tuple[str, str]] = {
    "goal": ("⚽", "bold"),
    "own_goal": ("⚽ OG", "bold"),
    "penalty_goal": ("⚽ P", "bold"),
    "penalty_missed": ("✗ P", DIM),
    "yellow_card": ("▮", "bold #ffd700"),
    "second_yellow": ("▮▮", "bold #ff5f00"),
    "red_card": ("▮", "bold #ff0000"),
    "substitution": ("⇄", "#87d7ff"),
    "var": ("VAR", "bold #d7afff"),
}


def soccer_card(snap: SoccerSnapshot) -> RenderableType:
    parts = [*headline(snap), Text("")]
    stats = ordered_stats(snap)
    if stats:
        shown = tuple(stats[:CARD_STATS])  # StatPairs are frozen: a key by value
        parts.append(memo(("soccer_stats", shown), lambda: stats_table(list(shown))))
    events = list(snap.events or ())[-CARD_EVENTS:]
    if events:
        parts.append(Text(""))
        parts.extend(event_line(event) for event in events)
    return Group(*parts)


def soccer_detail(snap: SoccerSnapshot) -> RenderableType:
    stats = ordered_stats(snap)
    return Group(
        *headline(snap),
        Text(""),
        Text("Statistics", style="bold underline"),
        stats_table(stats) if stats else Text("No statistics sent.", style=DIM),
        Text(""),
        Text("Timeline", style="bold underline"),
        timeline(snap.events or []),
    )


def headline(snap: SoccerSnapshot) -> list[RenderableType]:
    """Teams and score, then clock, phase and any shoot-out tally."""
    score = f"{snap.score.home} - {snap.score.away}"
    return [
        score_line(snap.home, snap.away, score, home_style=HOME_COLOUR, away_style=AWAY_COLOUR),
        centred(_clock_line(snap)),
    ]


def _clock_line(snap: SoccerSnapshot) -> Text:
    line = Text()
    clock = derive.clock_text(snap.clock)
    if clock:
        line.append(clock, style="bold")
    if snap.phase and snap.phase.label:
        line.append(" · " if clock else "")
        line.append_text(lit(snap.phase.label, limit=40))
    if snap.penalties is not None:
        line.append(f"  (pens {snap.penalties.home}-{snap.penalties.away})", style="bold")
    return line


def ordered_stats(snap: SoccerSnapshot) -> list[tuple[str, StatPair]]:
    stats = snap.stats or {}
    known = [(name, stats[name]) for name in STAT_ORDER if name in stats]
    others = [(name, pair) for name, pair in stats.items() if name not in STAT_ORDER]
    return known + others


def stats_table(stats: list[tuple[str, StatPair]]) -> Table:
    table = Table.grid(expand=True, padding=(0, 1))
    table.add_column(width=12, no_wrap=True, overflow="ellipsis")
    table.add_column(justify="right", width=5, no_wrap=True)
    table.add_column(ratio=1)
    table.add_column(justify="left", width=5, no_wrap=True)
    for name, pair in stats:
        decimals = 2 if name == "xg" else None
        suffix = "%" if name == "possession" else ""
        table.add_row(
            lit(derive.stat_label(name), limit=40),
            Text(derive.number_text(pair.home, decimals=decimals) + suffix, style=HOME_COLOUR),
            PairBar(pair.home, pair.away),
            Text(derive.number_text(pair.away, decimals=decimals) + suffix, style=AWAY_COLOUR),
        )
    return table


def event_text(event: Event) -> Text:
    line = Text.assemble((derive.event_minute(event.minute, event.added_time), "bold"), " ")
    if event.type in _EVENT_MARKS:
        line.append(*_EVENT_MARKS[event.type])
    else:  # unknown types are shown by name
        line.append_text(lit(event.type.replace("_", " "), DIM, limit=20))
    line.append(" ")
    if event.player:
        line.append_text(lit(event.player, limit=40))
    if event.type == "substitution" and event.detail:
        line.append(" for ", style=DIM)
        line.append_text(lit(event.detail, DIM, limit=40))
    elif event.assist:
        line.append(" (", style=DIM)
        line.append_text(lit(event.assist, DIM, limit=40))
        line.append(")", style=DIM)
    elif event.detail:
        line.append(" · ", style=DIM)
        line.append_text(lit(event.detail, DIM, limit=40))
    line.no_wrap = True
    line.overflow = "ellipsis"
    return line


def event_line(event: Event) -> Table:
    """Home events hug the left edge, away events the right."""
    grid = Table.grid(expand=True)
    grid.add_column(
        justify="right" if event.team == "away" else "left", no_wrap=True, overflow="ellipsis"
    )
    grid.add_row(event_text(event))
    return grid


def timeline(events: list[Event]) -> RenderableType:
    if not events:
        return Text("No events yet.", style=DIM)
    table = Table(expand=True, show_edge=False, box=None, padding=(0, 1))
    table.add_column(
        "Home", ratio=1, header_style=f"bold {HOME_COLOUR}", no_wrap=True, overflow="ellipsis"
    )
    table.add_column(
        "Away",
        ratio=1,
        justify="right",
        header_style=f"bold {AWAY_COLOUR}",
        no_wrap=True,
        overflow="ellipsis",
    )
    for event in events:
        text = event_text(event)
        table.add_row(
            Text() if event.team == "away" else text, text if event.team == "away" else Text()
        )
    return table
