"""Soccer: the panel body (score, clock, phase, stats bars, latest events) and
the detail view (every stat, the whole timeline, home left and away right)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from scoreboard.core import derive
from scoreboard.core.models import Event, SoccerSnapshot, StatPair
from scoreboard.core.text import safe_text
from scoreboard.ui.render.codes import team_code_of
from scoreboard.ui.render.common import bar, lit, score_row, styled
from scoreboard.ui.render.glyphs import Glyphs, cached, glyphs, sep
from scoreboard.ui.render.layout import blank, fit, flex_row, row
from scoreboard.ui.render.odds import with_odds
from scoreboard.ui.render.sections import Block, Rows, Section, heading, note
from scoreboard.ui.render.styles import (
    AWAY,
    AWAY_TEAM,
    CARD_RED,
    CARD_YELLOW,
    DIM,
    HOME,
    HOME_TEAM,
    SUBSTITUTION,
)

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
#: How many stats fit on a panel, and how many event rows it keeps at least: every
#: goal and red card, and the latest other events in the rows left (the detail view
#: has them all).
CARD_STATS = 7
CARD_EVENTS = 3
#: The widest a stat's value gets (`-9.9e4299`); longer ones are cut with `…`.
VALUE_CELLS = 9


def event_marks(g: Glyphs) -> dict[str, tuple[str, str]]:
    """How each event type is marked, in glyph set `g`: (symbol, style name).

    Cards are told apart by their letters, not only by colour: `Y` a yellow, `2Y` a
    second yellow (and so a sending-off), `R` a straight red (the help screen says so).
    """
    return {
        "goal": (g.goal, "bold"),
        "own_goal": (f"{g.goal} OG", "bold"),
        "penalty_goal": (f"{g.goal} P", "bold"),
        "penalty_missed": (f"{g.missed} P", DIM),
        "yellow_card": ("Y", CARD_YELLOW),
        "second_yellow": ("2Y", CARD_RED),
        "red_card": ("R", CARD_RED),
        "substitution": (g.substitution, SUBSTITUTION),
        "var": ("VAR", "bold"),
    }


#: What a fan looks for first: these stay on the panel before any other event.
KEY_EVENTS = frozenset({"goal", "own_goal", "penalty_goal", "second_yellow", "red_card"})


def soccer_lines(snap: SoccerSnapshot, width: int, fill: int = 0) -> list[Text]:
    """The panel: headline, the first stats, the latest events.

    `fill`: the lines the panel may take (0: no more than its usual rows). A tall
    screen's spare rows list more of the other events, never past `fill`."""
    lines = [*headline(snap, width), blank(width)]
    stats = panel_stats(ordered_stats(snap))
    if stats:
        lines += stats_lines(tuple(stats), width)
    events = panel_events(snap.events or (), CARD_EVENTS)
    spare = fill - len(lines) - len(events) - 1
    if events and spare > 0:
        events = panel_events(snap.events or (), len(events) + spare)
    if events:
        lines.append(blank(width))
        lines += [event_line(event, width, side_code(snap, event)) for event in events]
    return lines


def soccer_detail(snap: SoccerSnapshot) -> list[Section]:
    """Every stat and the whole timeline, one row each, laid out only where seen."""
    stats = ordered_stats(snap)
    events = shown_events(snap.events or ())
    codes = {"home": team_code_of(snap.home, snap.away), "away": team_code_of(snap.away, snap.home)}
    return [
        Block(lambda width: headline(snap, width)),
        heading("Statistics"),
        Rows(stats, stat_line) if stats else note("No statistics sent."),
        heading("Timeline"),
        Rows(
            [(event, codes.get(event.team or "", "")) for event in events],
            timeline_line,
            header=timeline_header,
        )
        if events
        else note(
            "No events yet."
            if snap.events is not None
            else "This provider sends no events (goals, cards): only the score and clock."
        ),
    ]


def side_code(snap: SoccerSnapshot, event: Event) -> str:
    """The code of the team an event belongs to (`ARS`): the side is said in words, not
    only by the column or the colour; "" for an event of neither side."""
    if event.team == "home":
        return team_code_of(snap.home, snap.away)
    if event.team == "away":
        return team_code_of(snap.away, snap.home)
    return ""


def headline(snap: SoccerSnapshot, width: int) -> list[Text]:
    """Teams and score, then clock, phase and any shoot-out tally."""
    score = f"{derive.count_text(snap.score.home)} - {derive.count_text(snap.score.away)}"
    clock = with_odds(_clock_line(snap), snap, width)
    return [score_row(snap.home, snap.away, score, width), fit(clock, width, "center")]


def _clock_line(snap: SoccerSnapshot) -> Text:
    line = Text()
    clock = derive.clock_text(snap.clock)
    if clock:
        line.append(clock, style="bold")
    if snap.phase and snap.phase.label:
        line.append(sep() if clock else "")
        line.append_text(lit(snap.phase.label, limit=40))
    if snap.penalties is not None:
        pens = snap.penalties
        home, away = derive.count_text(pens.home), derive.count_text(pens.away)
        line.append(f"  (pens {home}-{away})", style="bold")
    return line


def shown_events(events: Sequence[Event]) -> list[Event]:
    """The events as a fan reads them: a second yellow is one line (`2Y`), not the
    `second_yellow` and the `red_card` the feed sends for it."""
    shown: list[Event] = []
    for event in events:
        before = shown[-1] if shown else None
        if (
            event.type == "red_card"
            and before is not None
            and before.type == "second_yellow"
            and (before.team, before.player) == (event.team, event.player)
        ):
            continue
        shown.append(event)
    return shown


def panel_events(events: Sequence[Event], room: int) -> list[Event]:
    """The events a panel shows, oldest first: every goal and red card (never dropped
    while any other event is shown), then the latest of the rest in the rows left
    of `room`."""
    shown = shown_events(events)
    key = [i for i, e in enumerate(shown) if e.type in KEY_EVENTS]
    rest = [i for i, e in enumerate(shown) if e.type not in KEY_EVENTS]
    spare = max(room - len(key), 0)
    keep = set(key) | set(rest[max(len(rest) - spare, 0) :] if spare else ())
    return [event for i, event in enumerate(shown) if i in keep]


def panel_stats(stats: list[tuple[str, StatPair]]) -> list[tuple[str, StatPair]]:
    """The first `CARD_STATS` stats, with red cards among them whenever there are any
    (in the place of offsides, or of the last one)."""
    first = stats[:CARD_STATS]
    red = next((pair for name, pair in stats if name == "red_cards"), None)
    names = [name for name, _ in first]
    if red is None or "red_cards" in names or not (red.home or red.away):
        return first
    if len(first) == CARD_STATS:
        drop = names.index("offsides") if "offsides" in names else len(first) - 1
        first = first[:drop] + first[drop + 1 :]
    return [*first, ("red_cards", red)]


def ordered_stats(snap: SoccerSnapshot) -> list[tuple[str, StatPair]]:
    stats = snap.stats or {}
    known = [(name, stats[name]) for name in STAT_ORDER if name in stats]
    others = [(name, pair) for name, pair in stats.items() if name not in STAT_ORDER]
    return known + others


@cached(maxsize=4096)
def stats_lines(stats: tuple[tuple[str, StatPair], ...], width: int) -> tuple[Text, ...]:
    """`Possession     56% ━━━━━━━━━━━━━━━━━ 44%`: label, home, bar, away.

    Cached by value (the models are frozen): stats change far less often than
    the clock, so most paints reuse these lines, and the panel reuses their
    drawn strips. The lines are shared: never modify them.
    """
    lines = []
    for name, pair in stats:
        decimals = 2 if name == "xg" else None
        suffix = "%" if name == "possession" else ""
        home = derive.number_text(pair.home, decimals=decimals) + suffix
        away = derive.number_text(pair.away, decimals=decimals) + suffix
        # Five cells hold any real stat; a huge one (`1.0e400`) widens its own line.
        size = min(max(5, len(home), len(away)), VALUE_CELLS)
        lines.append(
            flex_row(
                [
                    (lit(derive.stat_label(name), limit=40), 12, "left"),
                    (styled(home, HOME), size, "right"),
                    (bar(pair.home, pair.away, max(width - 25, 2)), None, "left"),
                    (styled(away, AWAY), size, "left"),
                ],
                width,
            )
        )
    return tuple(lines)


def event_text(event: Event, code: str = "", width: int | None = None) -> Text:
    """`58' ⚽ ARS B. Saka (M. Ødegaard)`: the minute, the mark, the side's code, who.

    With `width`, a line that does not fit is shortened by words, never through the
    minute, the mark or the code: the assist or detail goes first, then given names
    become initials (`C. R. S. Curbelo`, `C. Curbelo`), and only then is the name cut.
    """
    head = Text.assemble((derive.event_minute(event.minute, event.added_time), "bold"), " ")
    marks = event_marks(glyphs())
    if event.type in marks:
        head.append(*marks[event.type])
    else:  # unknown types are shown by name
        head.append_text(lit(event.type.replace("_", " "), DIM, limit=20))
    head.append(" ")
    if code:
        head.append(code, f"bold {HOME_TEAM if event.team == 'home' else AWAY_TEAM}")
        head.append(" ")
    player = safe_text(event.player or "", 40)
    tries = [(player, _extra(event, short=False)), (player, _extra(event, short=True))]
    tries += [(name, Text()) for name in _shorter_names(player)]
    for name, extra in tries:
        line = Text.assemble(head, name, extra, no_wrap=True, overflow="ellipsis")
        if width is None or line.cell_len <= width:
            return line
    return line


def _extra(event: Event, *, short: bool) -> Text:
    """What follows the player: who came off, the assist, or the detail."""

    def name(value: str | None) -> str:
        text = safe_text(value or "", 40)
        return _initials(text) if short else text

    if event.type == "substitution" and event.detail:
        return Text.assemble((" for ", DIM), (name(event.detail), DIM))
    if event.assist:
        return Text.assemble((f" ({name(event.assist)})", DIM))
    if event.detail and not short:
        return Text.assemble((sep(), DIM), (safe_text(event.detail, 40), DIM))
    return Text()


def _initials(name: str, keep: int = 1) -> str:
    """`name` with its words but the last `keep` as initials, particles left out:
    `Cristhian Ricardo Stuani Curbelo` -> `C. R. S. Curbelo` (`keep=2`: `C. R. Stuani
    Curbelo`); `Arthur Henrique Ramos de Oliveira Melo` -> `A. H. R. O. Melo`."""
    parts = name.split()
    cut = max(len(parts) - keep, 0)
    given = [f"{part[0]}." for part in parts[:cut] if not part[0].islower()]
    return " ".join([*given, *parts[cut:]])


def _shorter_names(name: str) -> list[str]:
    """`name` shorter and shorter, a word at a time from the left, so the surnames a
    fan knows stay longest: `L. Andrés Messi Cuccittini`, `L. A. Messi Cuccittini`,
    `L. A. M. Cuccittini`, then `L. Cuccittini` and `Cuccittini` (a last resort cuts
    that with `…`)."""
    parts = name.split()
    if len(parts) < 2:
        return [name]
    shorter = [_initials(name, keep) for keep in range(len(parts) - 1, 0, -1)]
    return list(dict.fromkeys([name, *shorter, f"{parts[0][0]}. {parts[-1]}", parts[-1]]))


@cached(maxsize=4096)
def event_line(event: Event, width: int, code: str = "") -> Text:
    """Home events hug the left edge, away events the right, each with its side's code."""
    text = event_text(event, code, width)
    return fit(text, width, "right" if event.team == "away" else "left")


def stat_line(stat: tuple[str, StatPair], width: int) -> Text:
    return stats_lines((stat,), width)[0]


def _halves(width: int) -> tuple[int, int]:
    left = max((width - 1) // 2, 0)
    return left, max(width - 1 - left, 0)


@cached(maxsize=8192)
def timeline_line(item: tuple[Event, str], width: int) -> Text:
    """Home events in the left half, away events in the right half (flush right), each
    with its side's code, cut by words to its half."""
    event, code = item
    left, right = _halves(width)
    if event.team == "away":
        return row((blank(left), left, "left"), (event_text(event, code, right), right, "right"))
    return row((event_text(event, code, left), left, "left"), (blank(right), right, "right"))


def timeline_header(width: int) -> Text:
    left, right = _halves(width)
    return row(
        (styled("Home", HOME_TEAM), left, "left"), (styled("Away", AWAY_TEAM), right, "right")
    )
