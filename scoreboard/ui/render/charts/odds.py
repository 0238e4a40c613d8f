"""The odds chart in the detail view: the home side's chance to win over the match,
with the biggest swings marked under it and named below (`63' ARS +31`).

Drawn from the tracker's `OddsSeries` (`core/charts/odds.py`), which is fed
up to the state the view shows, so a delayed panel's chart holds back too.
Columns are the series' points resampled to the width; each column is a bar
of eighths (`▁`…`█`, or `.:|#` in ASCII) four rows high, the middle row 50 %.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from rich.text import Text

from scoreboard.core.charts.odds import OddsSeries, Swing
from scoreboard.core.models import Snapshot
from scoreboard.ui.render.charts.canvas import EIGHTHS, gutter, join, title
from scoreboard.ui.render.codes import team_code_of
from scoreboard.ui.render.common import styled
from scoreboard.ui.render.glyphs import sep
from scoreboard.ui.render.odds import odds_text, percent
from scoreboard.ui.render.styles import ACCENT, DIM, HOME

ROWS = 4
GUTTER = 5
SWINGS = 3
_ASCII_STEPS = " .:|#"


def odds_lines(
    tracker: Any, snap: Snapshot, width: int, ascii: bool, tz: tzinfo | None = None
) -> list[Text]:
    series: OddsSeries | None = getattr(tracker, "odds", None)
    home = team_code_of(snap.home, snap.away)
    heading = title("Win probability", width, f"{home}'s chance to win, over the match")
    if series is None or len(series.points) < 2:
        return [heading, join(width, styled("Not enough yet (a live match the models read).", DIM))]
    cols = max(width - GUTTER, 8)
    homes = _resample([p.home for p in series.points], cols)
    swings = series.swings(SWINGS)
    lines = [heading]
    for row in range(ROWS):
        label = {0: "100%", ROWS // 2: "50%", ROWS - 1: "0%"}.get(row, "")
        cells = "".join(_cell(value, row, ascii) for value in homes)
        lines.append(join(width, gutter(label, GUTTER - 1), " ", styled(cells, HOME)))
    lines.append(join(width, " " * GUTTER, _marks(swings, len(series.points), cols, ascii)))
    dot = " | " if ascii else sep()
    lines.append(join(width, styled("swings: ", DIM), _named(swings, snap, dot)))
    now = odds_text(snap).replace(sep(), dot)
    if now:
        lines.append(join(width, styled("now: ", DIM), now))
    return lines


def _resample(values: list[float], cols: int) -> list[float]:
    if len(values) <= cols:
        return values
    return [values[min(int(i * len(values) / cols), len(values) - 1)] for i in range(cols)]


def _cell(value: float, row: int, ascii: bool) -> str:
    """Row `row` (0: the top) of a bar `value` (0..1) tall, in eighths of a row."""
    filled = value * ROWS - (ROWS - 1 - row)  # how much of this row the bar covers
    if filled <= 0:
        return " "
    if filled >= 1:
        return "#" if ascii else EIGHTHS[-1]
    if ascii:
        return _ASCII_STEPS[min(int(filled * 4) + 1, 4)]
    return EIGHTHS[min(int(filled * 8), 7)]


def _marks(swings: list[Swing], points: int, cols: int, ascii: bool) -> Text:
    row = [" "] * cols
    scale = cols / points if points > cols else 1.0
    for swing in swings:
        at = min(int(swing.index * scale), cols - 1)
        row[at] = "^" if ascii else "▲"
    return styled("".join(row), ACCENT)


def _named(swings: list[Swing], snap: Snapshot, dot: str) -> Text:
    """`63' ARS +31 · 78' CHE +27`: when, and who the swing went to."""
    if not swings:
        return styled("none yet", DIM)
    home, away = team_code_of(snap.home, snap.away), team_code_of(snap.away, snap.home)
    parts = [
        f"{s.when} {home if s.change > 0 else away} +{percent(abs(s.change))[:-2]}" for s in swings
    ]
    return Text(dot.join(parts))
