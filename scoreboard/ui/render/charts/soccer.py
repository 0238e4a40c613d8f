"""Soccer charts: momentum, the xG race, the match's timeline, and the panel's sparkline.

All share one axis: a column per minute of play (1H, then the stoppage
minutes played, a gap for half-time, 2H, and extra time once played),
several minutes to a column when the width is short. Home is drawn above
the axis and away below it, in the teams' styles, and every chart says so
in its legend: nothing is told by colour alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo

from rich.text import Text

from scoreboard.core.charts.soccer import PLAY, Slot, SoccerTracker, event_slot, slot_of
from scoreboard.core.models import Event, SoccerSnapshot
from scoreboard.ui.render.charts.canvas import (
    BRAILLE,
    DOTS,
    Plot,
    axis_row,
    bar_cells,
    end_labels,
    gutter,
    join,
    label_row,
    number_label,
    scale_of,
    since_text,
    title,
)
from scoreboard.ui.render.common import lit, styled
from scoreboard.ui.render.glyphs import ASCII, UNICODE
from scoreboard.ui.render.layout import fit
from scoreboard.ui.render.styles import AWAY, AWAY_TEAM, CARD_RED, CARD_YELLOW, DIM, HOME, HOME_TEAM

#: Rows of bars on each side of the momentum axis.
MOMENTUM_ROWS = 3
XG_ROWS = 6
#: The pressure a full bar stands for, unless the match went higher.
MOMENTUM_FLOOR = 4.0
_TICKS = {15: "15'", 30: "30'", 60: "60'", 75: "75'", 105: "105'"}
_GAP_LABELS = {"2H": "HT", "ET1": "90'", "ET2": "ET"}

#: Timeline marks: (unicode, ascii, style, rank: the highest shows where two meet).
_MARKS = {
    "goal": ("●", "G", "bold", 5),
    "penalty_goal": ("●", "P", "bold", 5),
    "own_goal": (UNICODE.own_goal, ASCII.own_goal, "bold", 5),
    "red_card": ("▮", "R", CARD_RED, 4),
    "second_yellow": ("▮", "R", CARD_RED, 4),
    "yellow_card": ("▯", "Y", CARD_YELLOW, 3),
    "penalty_missed": ("✗", "x", DIM, 2),
    "substitution": ("⇄", "S", DIM, 1),
}


@dataclass(frozen=True)
class Column:
    """One column of the axis: the minutes in it, or none for the gap between periods."""

    slots: tuple[Slot, ...]
    label: str = ""


def periods_of(tracker: SoccerTracker, snap: SoccerSnapshot) -> list[str]:
    played = set(tracker.periods)
    if snap.clock is not None:
        played.add(snap.clock.period)
    extra = any(p in played for p in ("ET1", "ETHT", "ET2")) or any(
        (e.minute or 0) > 90 for e in snap.events or ()
    )
    return ["1H", "2H", "ET1", "ET2"] if extra else ["1H", "2H"]


def axis(tracker: SoccerTracker, snap: SoccerSnapshot, cols: int) -> list[Column]:
    """The columns of a chart `cols` wide (fewer when the minutes do not divide evenly)."""
    periods = periods_of(tracker, snap)
    stoppage = {p: tracker.stoppage(p) for p in periods}
    for event in snap.events or ():
        slot = event_slot(event.minute, event.added_time)
        if slot is not None and slot[0] in stoppage:
            stoppage[slot[0]] = max(stoppage[slot[0]], slot[2])
    if snap.clock is not None:
        now = slot_of(snap.clock.period, snap.clock.minute, snap.clock.added_time)
        if now is not None and now[0] in stoppage:
            stoppage[now[0]] = max(stoppage[now[0]], now[2])
    runs: list[list[Slot]] = []
    for period in periods:
        base, length = PLAY[period]
        minutes: list[Slot] = [(period, m, 0) for m in range(base, base + length)]
        minutes += [(period, base + length, a) for a in range(1, stoppage[period] + 1)]
        runs.append(minutes)
    gaps = len(runs) - 1
    # The gaps between periods, and the closing `90'` column after regulation time.
    room = max(cols - gaps - ("ET1" not in periods), 1)
    # Minutes a column from the regulation minutes alone, so that added time does not
    # change the scale as it is played: were it counted, the 98th minute of a match
    # with added time in both halves would halve every column of a 97-column chart.
    per = max(math.ceil(sum(PLAY[p][1] for p in periods) / room), 1)
    counts = [math.ceil(len(minutes) / per) for minutes in runs]
    squeezed = sum(counts) > room
    if squeezed:  # added time past the room: its periods give up a few columns each
        counts = _squeezed(counts, [len(m) for m in runs], room)
    out: list[Column] = []
    for index, minutes in enumerate(runs):
        if index:
            out.append(Column((), _GAP_LABELS.get(minutes[0][0], "")))
        size, count = len(minutes), counts[index]
        for column in range(count):
            start, end = (
                (column * size // count, (column + 1) * size // count)
                if squeezed
                else (column * per, (column + 1) * per)
            )
            chunk = tuple(minutes[start:end])
            if not chunk:
                continue
            first = chunk[0]
            label = "0'" if first == ("1H", 0, 0) else ""
            for slot in chunk:
                if slot[2] == 0 and slot[1] in _TICKS and not label:
                    label = _TICKS[slot[1]]
            out.append(Column(chunk, label))
    if "ET1" not in periods and out:
        out.append(Column((), "90'"))
    return out


def _squeezed(counts: list[int], sizes: list[int], room: int) -> list[int]:
    """`counts` columns per period cut down to `room` in all, each period giving up
    columns in proportion to its minutes (a column then holds a minute more here
    and there, spread evenly, instead of every column holding twice as many)."""
    total = sum(sizes)
    shares = [max(room * size // total, 1) for size in sizes]
    for index in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        if sum(shares) >= room:
            break
        shares[index] += 1
    return [min(count, share) for count, share in zip(counts, shares, strict=True)]


def _labels(columns: list[Column]) -> list[tuple[int, str]]:
    return [(index, c.label) for index, c in enumerate(columns) if c.label]


def _legend(snap: SoccerSnapshot, width: int, up: str, down: str, tail: str = "") -> Text:
    line = Text.assemble(
        (up, HOME),
        " ",
        lit(snap.home, HOME_TEAM, limit=30),
        "   ",
        (down, AWAY),
        " ",
        lit(snap.away, AWAY_TEAM, limit=30),
    )
    if tail:
        line.append("   ")
        line.append(tail, DIM)
    return fit(line, width)


def coverage(tracker: SoccerTracker, tz: tzinfo | None = None) -> str:
    """What the charts cover: "" for the whole match, else `since 14:02 (58')`."""
    return "" if tracker.whole else since_text(tracker.first_time, tracker.first_clock, tz)


def momentum_lines(
    tracker: SoccerTracker, snap: SoccerSnapshot, width: int, ascii: bool, tz: tzinfo | None = None
) -> list[Text]:
    """Pressure per minute: home's bars above the axis, away's below (docs/charts.md)."""
    pressure = {slot: (h, a) for slot, h, a in tracker.momentum()}
    if not pressure and snap.events is None:
        return []  # a provider that sends no events (Scorelytics): no empty axes
    columns = axis(tracker, snap, width)
    values: list[tuple[float, float] | None] = []
    for column in columns:
        seen = [pressure[s] for s in column.slots if s in pressure]
        values.append((max(v[0] for v in seen), max(v[1] for v in seen)) if seen else None)
    peak = max((max(v) for v in values if v is not None), default=0.0)
    scale = scale_of(peak, MOMENTUM_FLOOR)
    up = [bar_cells(v[0], scale, MOMENTUM_ROWS, up=True, ascii=ascii) if v else [] for v in values]
    down = [
        bar_cells(v[1], scale, MOMENTUM_ROWS, up=False, ascii=ascii) if v else [] for v in values
    ]
    lines = [
        title("Momentum", width, coverage(tracker, tz)),
        _legend(
            snap,
            width,
            "^" if ascii else "▲",
            "v" if ascii else "▼",
            "shots, on target, corners, possession",
        ),
    ]
    for row in reversed(range(MOMENTUM_ROWS)):
        lines.append(_bar_row(up, row, HOME, width))
    ticks = [i for i, c in enumerate(columns) if not c.slots]
    lines.append(fit(axis_row(len(columns), [v is not None for v in values], ascii, ticks), width))
    for row in range(MOMENTUM_ROWS):
        lines.append(_bar_row(down, row, AWAY, width))
    lines.append(fit(label_row(len(columns), _labels(columns)), width))
    return lines


def _bar_row(bars: list[list[str]], row: int, style: str, width: int) -> Text:
    line = Text(no_wrap=True)
    for cells in bars:
        line.append(cells[row] if cells else " ", style)
    return fit(line, width)


def xg_lines(
    tracker: SoccerTracker, snap: SoccerSnapshot, width: int, ascii: bool, tz: tzinfo | None = None
) -> list[Text]:
    """Each side's cumulative xG against the minute, goals marked on the scorer's line."""
    series = tracker.xg()
    lines = [title("xG race", width, coverage(tracker, tz))]
    if not series:
        return [*lines, fit(styled("No xG sent for this match.", DIM), width)]
    left, margin = 5, min(18, max(width // 5, 8))
    cols = max(width - left - margin - 1, 4)
    xres = 1 if ascii else 2
    # A column of dots per minute: braille fits two minutes in a cell.
    columns = axis(tracker, snap, cols * xres)
    where = {slot: index for index, c in enumerate(columns) for slot in c.slots}
    peak = max(max(h, a) for _, h, a in series)
    scale = scale_of(peak, 1.0)
    cells = cols
    plot = Plot(cells, XG_ROWS, [HOME, AWAY], ascii=ascii, chars=["*", "+"])
    top = plot.height - 1
    stretch = (plot.width - 1) / max(len(columns) - 1, 1)  # spread the minutes over the width

    def y(value: float) -> int:
        return round(min(value / scale, 1.0) * top)

    def at(index: int) -> int:
        return round(index * stretch)

    def x(slot: Slot) -> int:
        return at(where[slot])

    ends: list[tuple[int, Text]] = []
    goals = [e for e in snap.events or () if e.type in ("goal", "penalty_goal", "own_goal")]
    for side, name in ((0, snap.home), (1, snap.away)):
        points = [(0, 0)] if tracker.whole else []
        points += [(x(slot), y(pair[side])) for slot, *pair in series if slot in where]
        plot.steps(points, side)
        label = Text.assemble(
            lit(name, (HOME_TEAM, AWAY_TEAM)[side], limit=24),
            " ",
            (f"{series[-1][1 + side]:.2f}", "bold"),
        )
        ends.append((points[-1][1] if points else top, label))
        for slot, value, glyph in _goal_marks(tracker, goals, series, side, where, ascii):
            plot.mark(x(slot), y(value), glyph, (HOME_TEAM, AWAY_TEAM)[side])
    labels = end_labels(plot, ends, margin)
    for row, text in enumerate(plot.lines()):
        tick = number_label(scale) if row == 0 else ("0" if row == plot.rows - 1 else "")
        if row == plot.rows // 2 and plot.rows > 2:
            tick = number_label(scale / 2)
        lines.append(join(width, gutter(tick, left - 1), " ", text, " ", labels[row]))
    seen = _seen_cells(columns, series, cells, at, xres)
    labels_at = [(at(i) // xres, label) for i, label in _labels(columns)]
    lines.append(join(width, " " * left, axis_row(cells, seen, ascii)))
    lines.append(join(width, " " * left, label_row(cells, labels_at)))
    goal, own = _glyph("goal", ascii), _glyph("own_goal", ascii)
    lines.append(
        fit(styled(f"{goal} a goal, {own} an own goal, on the line of its side", DIM), width)
    )
    return lines


def _goal_marks(
    tracker: SoccerTracker,
    goals: list[Event],
    series: list[tuple[Slot, float, float]],
    side: int,
    where: dict[Slot, int],
    ascii: bool,
) -> list[tuple[Slot, float, str]]:
    """Side `side`'s goals on its xG line: (slot, the xG then, glyph), where charted."""
    team = ("home", "away")[side]
    marks = []
    for event in goals:
        slot = event_slot(event.minute, event.added_time)
        if event.team != team or slot is None or slot not in where:
            continue
        if not tracker.whole and _order(slot) < _order(series[0][0]):
            continue  # before the chart begins: its xG then is not known
        before = [pair[side] for s, *pair in series if s <= slot]
        value = before[-1] if before else 0.0
        marks.append((slot, value, _glyph(event.type, ascii)))
    return marks


def _seen_cells(
    columns: list[Column],
    series: list[tuple[Slot, float, float]],
    cells: int,
    at: Callable[[int], int],
    xres: int,
) -> list[bool]:
    """Which of the axis' cells cover a minute the xG was sent for."""
    sent = {slot for slot, *_ in series}
    seen = [False] * cells
    for index, column in enumerate(columns):
        if any(s in sent for s in column.slots):
            for cell in range(at(index) // xres, max(at(index + 1) // xres, at(index) // xres + 1)):
                seen[min(cell, cells - 1)] = True
    return seen


def timeline_lines(
    tracker: SoccerTracker, snap: SoccerSnapshot, width: int, ascii: bool, tz: tzinfo | None = None
) -> list[Text]:
    """Goals, cards and substitutions along the match: home above the axis, away below."""
    if snap.events is None:
        return []  # the provider sends no events: the detail's Timeline says so
    left = min(12, max(width // 6, 4))
    cols = max(width - left - 1, 4)
    columns = axis(tracker, snap, cols)
    where = {slot: index for index, c in enumerate(columns) for slot in c.slots}
    rows: dict[str, dict[int, tuple[str, str, int]]] = {"home": {}, "away": {}}
    for event in snap.events or ():
        mark = _MARKS.get(event.type)
        slot = event_slot(event.minute, event.added_time)
        if mark is None or slot not in where or event.team not in rows:
            continue
        col, shown = where[slot], rows[event.team]
        glyph = mark[1] if ascii else mark[0]
        if col not in shown or shown[col][2] < mark[3]:
            shown[col] = (glyph, mark[2], mark[3])
    now = (
        slot_of(snap.clock.period, snap.clock.minute, snap.clock.added_time) if snap.clock else None
    )
    # Fewer columns than cells (several minutes a column): spread them over the width.
    at = [index * max(cols, len(columns)) // len(columns) for index in range(len(columns))]
    cells = at[-1] + 1 if at else 0
    played = [False] * cells
    for index, column in enumerate(columns):
        end = at[index + 1] if index + 1 < len(at) else cells
        for cell in range(at[index], end):
            played[cell] = snap.status == "finished" or _before(column, now)
    ticks = [at[i] for i, c in enumerate(columns) if not c.slots]
    lines = [title("Match timeline", width)]
    for side, name, style in (("home", snap.home, HOME_TEAM), ("away", snap.away, AWAY_TEAM)):
        marks = {at[col]: mark for col, mark in rows[side].items()}
        line = Text(no_wrap=True)
        for cell in range(cells):
            glyph, mark_style, _ = marks.get(cell, (" ", "", 0))
            line.append(glyph, mark_style)
        lines.append(join(width, fit(lit(name, style, limit=40), left), " ", line))
        if side == "home":
            lines.append(join(width, " " * (left + 1), axis_row(cells, played, ascii, ticks)))
    labels = [(at[i], label) for i, label in _labels(columns)]
    lines.append(join(width, " " * (left + 1), label_row(cells, labels)))
    legend = [
        (m[1] if ascii else m[0], m[2], what)
        for m, what in (
            (_MARKS["goal"], "goal"),
            (_MARKS["own_goal"], "own goal"),
            (_MARKS["yellow_card"], "yellow"),
            (_MARKS["red_card"], "red"),
            (_MARKS["substitution"], "sub"),
        )
    ]
    text = Text(no_wrap=True)
    for glyph, style, what in legend:
        text.append(glyph, style)
        text.append(f" {what}   ", DIM)
    lines.append(fit(text, width))
    return lines


def _glyph(kind: str, ascii: bool) -> str:
    """A goal's mark on the xG race: an own goal's is its own (`◎`, ASCII `O`)."""
    unicode, plain, *_ = _MARKS["own_goal" if kind == "own_goal" else "goal"]
    return plain if ascii else unicode


def _order(slot: Slot) -> tuple[int, int, int]:
    return (list(PLAY).index(slot[0]), slot[1], slot[2])


def _before(column: Column, now: Slot | None) -> bool:
    if now is None or not column.slots:
        return now is not None
    order = list(PLAY)
    first = column.slots[0]
    return (order.index(first[0]), first[1], first[2]) <= (order.index(now[0]), now[1], now[2])


def momentum_spark(tracker: SoccerTracker, snap: SoccerSnapshot, width: int, ascii: bool) -> Text:
    """The panel's one line: who was on top, minute by minute (net pressure, home minus
    away): dots rising from the middle for home, falling for away, two minutes a cell
    (ASCII: `^` home, `v` away, `-` even, a minute a cell)."""
    cols = width if ascii else width * 2
    columns = [c for c in axis(tracker, snap, cols) if c.slots]
    pressure = {slot: h - a for slot, h, a in tracker.momentum()}
    values: list[float | None] = []
    for column in columns:
        seen = [pressure[s] for s in column.slots if s in pressure]
        values.append(max(seen, key=abs) if seen else None)
    scale = scale_of(max((abs(v) for v in values if v is not None), default=0.0), MOMENTUM_FLOOR)
    line = Text(no_wrap=True)
    if ascii:
        for v in values:
            level = 0 if v is None else _level(abs(v), scale)
            if v is None:
                line.append(" ")
            elif level and v > 0:
                line.append("^", HOME)
            elif level and v < 0:
                line.append("v", AWAY)
            else:
                line.append("-", DIM)
        return fit(line, width)
    for index in range(0, len(values), 2):
        pair = values[index : index + 2]
        bits, net = 0, 0.0
        for dx, v in enumerate(pair):
            if v is None:
                continue
            for row in ((1, 0) if v > 0 else (2, 3))[: _level(abs(v), scale)]:
                bits |= DOTS[row][dx]
            net += v
        if not bits:
            line.append(" " if all(v is None for v in pair) else "·", DIM)
            continue
        line.append(chr(BRAILLE + bits), HOME if net > 0 else AWAY if net < 0 else DIM)
    return fit(line, width)


def _level(value: float, scale: float) -> int:
    """0, 1 or 2 dots of pressure."""
    if value < scale / 10:
        return 0
    return 1 if value < scale / 2.5 else 2
