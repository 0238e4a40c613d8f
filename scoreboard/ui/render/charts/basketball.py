"""Basketball: the lead tracker (the margin over the game, period by period) and its sparkline.

Home's lead is drawn above the axis and away's below, in the teams'
styles, and the legend says which is which. Each period takes columns in
proportion to its length; a gap between periods carries its label (`Q2`,
`OT1`). Stretches of the game not seen are blank over a dotted axis.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import tzinfo

from rich.text import Text

from scoreboard.core.charts.basketball import BasketballTracker, Period
from scoreboard.core.models import BasketballSnapshot
from scoreboard.ui.render.charts.canvas import (
    BRAILLE,
    DOTS,
    axis_row,
    bar_cells,
    gutter,
    join,
    label_row,
    number_label,
    scale_of,
    since_text,
    title,
)
from scoreboard.ui.render.common import lit, styled
from scoreboard.ui.render.layout import fit
from scoreboard.ui.render.styles import AWAY, AWAY_TEAM, DIM, HOME, HOME_TEAM

LEAD_ROWS = 3


def period_name(number: int) -> str:
    return f"Q{number}" if number <= 4 else f"OT{number - 4}"


def _columns(tracker: BasketballTracker, cols: int) -> list[tuple[Period | None, int, int]]:
    """(period, from second, to second) per column; (None, 0, 0) between periods."""
    periods = tracker.ordered()
    shown = {p.number for p in periods}
    last = max(shown, default=4)
    for number in range(1, max(last, 4) + 1):  # the quarters still to come keep their room
        if number not in shown:
            periods.append(Period(number, 720 if number <= 4 else 300))
    periods.sort(key=lambda p: p.number)
    gaps = len(periods) - 1
    total = sum(p.length for p in periods)
    room = max(cols - gaps, len(periods))
    out: list[tuple[Period | None, int, int]] = []
    # Each period ends at its rounded share of the running total, so the columns add up
    # to `room` exactly (rounding each alone overran the width, cut with `…`).
    seen = placed = 0
    for index, period in enumerate(periods):
        if index:
            out.append((None, period.number, 0))
        seen += period.length
        n = max(round(room * seen / total) - placed, 1)
        placed += n
        for c in range(n):
            out.append((period, period.length * c // n, period.length * (c + 1) // n))
    return out


def _margin(period: Period, until: int) -> int | None:
    """The margin at `until` seconds into `period`, or None if that moment was not seen."""
    if not period.points or (until <= period.points[0][0] and not period.start_seen):
        return None
    if until > period.until + 1:
        return None
    index = bisect_right([p[0] for p in period.points], until) - 1
    return period.points[max(index, 0)][1]


def _values(
    tracker: BasketballTracker, cols: int
) -> tuple[list[tuple[Period | None, int, int]], list[int | None]]:
    columns = _columns(tracker, cols)
    values = [None if p is None else _margin(p, end) for p, _, end in columns]
    return columns, values


def lead_lines(
    tracker: BasketballTracker,
    snap: BasketballSnapshot,
    width: int,
    ascii: bool,
    tz: tzinfo | None = None,
) -> list[Text]:
    """The margin over the game: home's lead up, away's down."""
    left = 4
    cols = max(width - left - 1, 8)
    columns, values = _values(tracker, cols)
    peak = max((abs(v) for v in values if v is not None), default=0)
    scale = scale_of(peak, 5)
    note = "" if tracker.whole else since_text(tracker.first_time, tracker.first_clock, tz)
    up, down = ("^", "v") if ascii else ("▲", "▼")
    lines = [title("Lead tracker", width, note), fit(_legend(snap, up, down), width)]
    lines += _bars(values, scale, width, left, ascii, home=True)
    ticks = [i for i, (p, _, _) in enumerate(columns) if p is None]
    lines.append(
        join(
            width,
            gutter("0", left - 1),
            " ",
            axis_row(len(columns), [v is not None for v in values], ascii, ticks),
        )
    )
    lines += _bars(values, scale, width, left, ascii, home=False)
    labels = [(0, period_name(1))] + [
        (i + 1, period_name(n)) for i, (p, n, _) in enumerate(columns) if p is None
    ]
    lines.append(join(width, " " * left, label_row(len(columns), labels)))
    lines.append(_leader_line(tracker, snap, width))
    return lines


def _legend(snap: BasketballSnapshot, up: str, down: str) -> Text:
    return Text.assemble(
        (up, HOME),
        " ",
        lit(snap.home, HOME_TEAM, limit=30),
        (" ahead   ", DIM),
        (down, AWAY),
        " ",
        lit(snap.away, AWAY_TEAM, limit=30),
        (" ahead", DIM),
    )


def _bars(
    values: list[int | None], scale: float, width: int, left: int, ascii: bool, *, home: bool
) -> list[Text]:
    """Home's leads as bars up from the axis (top row first), or away's down from it."""
    sign, style = (1, HOME) if home else (-1, AWAY)
    columns = [
        bar_cells(sign * v, scale, LEAD_ROWS, up=home, ascii=ascii)
        if v and sign * v > 0
        else [" "] * LEAD_ROWS
        for v in values
    ]
    rows = reversed(range(LEAD_ROWS)) if home else range(LEAD_ROWS)
    lines = []
    for row in rows:
        tick = f"{'+' if home else '-'}{number_label(scale)}" if row == LEAD_ROWS - 1 else ""
        line = Text(no_wrap=True)
        for cells in columns:
            line.append(cells[row], style)
        lines.append(join(width, gutter(tick, left - 1), " ", line))
    return lines


def _leader_line(tracker: BasketballTracker, snap: BasketballSnapshot, width: int) -> Text:
    """Who leads and by how much, or "Level"."""
    lead = tracker.home - tracker.away
    if not lead:
        return fit(styled("Level", "bold"), width)
    leader = snap.home if lead > 0 else snap.away
    return fit(
        Text.assemble(
            lit(leader, HOME_TEAM if lead > 0 else AWAY_TEAM, limit=40),
            (f" lead by {abs(lead)}", "bold"),
        ),
        width,
    )


def lead_spark(tracker: BasketballTracker, width: int, ascii: bool) -> Text:
    """The panel's one line: home's lead as dots above the middle, away's below."""
    columns, values = _values(tracker, width if ascii else width * 2)
    values = [v for (p, _, _), v in zip(columns, values, strict=True) if p is not None]
    scale = scale_of(max((abs(v) for v in values if v is not None), default=0), 5)
    line = Text(no_wrap=True)
    if ascii:
        for v in values[:width]:
            line.append(
                " " if v is None else "^" if v > 0 else "v" if v < 0 else "=",
                HOME if v and v > 0 else AWAY if v and v < 0 else DIM,
            )
        return fit(line, width)
    for index in range(0, len(values), 2):
        pair, bits, sign = values[index : index + 2], 0, 0
        for dx, v in enumerate(pair):
            if v is None or v == 0:
                continue
            level = 1 if abs(v) < scale / 2 else 2
            for row in ((1, 0) if v > 0 else (2, 3))[:level]:
                bits |= DOTS[row][dx]
            sign += v
        if not bits:
            line.append(" " if all(v is None for v in pair) else "·", DIM)
        else:
            line.append(chr(BRAILLE + bits), HOME if sign > 0 else AWAY if sign < 0 else DIM)
    return fit(line, width)
