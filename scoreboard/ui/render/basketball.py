"""Basketball: score, period, game clock and status."""

from __future__ import annotations

from rich.text import Text

from scoreboard.core.derive import count_text
from scoreboard.core.models import BasketballSnapshot
from scoreboard.ui.render.common import score_row
from scoreboard.ui.render.glyphs import sep
from scoreboard.ui.render.layout import fit
from scoreboard.ui.render.odds import with_odds


def game_clock(seconds: int | None) -> str:
    """`game_clock_secs` as m:ss."""
    if seconds is None or seconds < 0:
        return ""
    return f"{count_text(seconds // 60)}:{seconds % 60:02d}"


def basketball_lines(snap: BasketballSnapshot, width: int) -> list[Text]:
    line = Text()
    if snap.period is not None:
        line.append(f"Period {count_text(snap.period)}", style="bold")
    clock = game_clock(snap.game_clock_secs)
    if clock:
        line.append(sep() if line else "")
        line.append(clock, style="bold")
    score = f"{count_text(snap.score.home)} - {count_text(snap.score.away)}"
    line = with_odds(line, snap, width)
    return [score_row(snap.home, snap.away, score, width), fit(line, width, "center")]
