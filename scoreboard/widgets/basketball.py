"""Basketball: score, period, game clock and status."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from scoreboard.feed.models import BasketballSnapshot
from scoreboard.widgets.common import AWAY_COLOUR, HOME_COLOUR, centred, score_line


def game_clock(seconds: int | None) -> str:
    """`game_clock_secs` as m:ss."""
    if seconds is None or seconds < 0:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


def basketball_card(snap: BasketballSnapshot) -> RenderableType:
    line = Text()
    if snap.period is not None:
        line.append(f"Period {snap.period}", style="bold")
    clock = game_clock(snap.game_clock_secs)
    if clock:
        line.append(" · " if line else "")
        line.append(clock, style="bold")
    return Group(
        score_line(
            snap.home,
            snap.away,
            f"{snap.score.home} - {snap.score.away}",
            home_style=HOME_COLOUR,
            away_style=AWAY_COLOUR,
        ),
        centred(line),
    )
