"""Sports without a panel of their own (or frames without a sport): teams,
status and the score when it is a pair of numbers."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from scoreboard.feed import derive
from scoreboard.feed.models import GenericSnapshot
from scoreboard.widgets.common import AWAY_COLOUR, DIM, HOME_COLOUR, centred, lit, score_line


def generic_card(snap: GenericSnapshot) -> RenderableType:
    pair = snap.score_pair
    score = f"{derive.number_text(pair[0])} - {derive.number_text(pair[1])}" if pair else "-"
    sport = lit(snap.sport or "unknown sport", DIM, limit=30)
    return Group(
        score_line(snap.home, snap.away, score, home_style=HOME_COLOUR, away_style=AWAY_COLOUR),
        centred(Text.assemble(sport, (" · no detailed panel for this sport", DIM))),
    )
