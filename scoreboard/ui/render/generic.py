"""Sports without a panel of their own (or frames without a sport): teams,
status and the score when it is a pair of numbers."""

from __future__ import annotations

from rich.text import Text

from scoreboard.core import derive
from scoreboard.core.models import GenericSnapshot
from scoreboard.ui.render.common import DIM, lit, score_row
from scoreboard.ui.render.glyphs import sep
from scoreboard.ui.render.layout import fit


def generic_lines(snap: GenericSnapshot, width: int) -> list[Text]:
    pair = snap.score_pair
    score = f"{derive.number_text(pair[0])} - {derive.number_text(pair[1])}" if pair else "-"
    sport = lit(snap.sport or "unknown sport", DIM, limit=30)
    note = Text.assemble(sport, (f"{sep()}no detailed panel for this sport", DIM))
    return [score_row(snap.home, snap.away, score, width), fit(note, width, "center")]
