"""A scheduled match's panel, from its catalog entry: the teams, kick-off and a countdown.

The stream refuses a match that has not started; its panel says when it
starts and that it goes live there by itself (the session asks again at
kick-off). The countdown is the time of day to the catalog's `start_time`,
worded as the Live now list words it (`19:33 in 3 min`).
"""

from __future__ import annotations

from datetime import tzinfo

from rich.text import Text

from scoreboard.core.events import MatchSummary
from scoreboard.ui.render.common import score_row, styled
from scoreboard.ui.render.layout import blank, fit, wrapped
from scoreboard.ui.render.live_now import kickoff_text
from scoreboard.ui.render.styles import DIM


def kickoff_lines(
    summary: MatchSummary, width: int, now: float, label: str, tz: tzinfo | None = None
) -> list[Text]:
    """`Tottenham Hotspur v Manchester United`, `Kick-off 19:33 in 3 min` (cricket's
    `Starts`, basketball's `Tip-off`), and what next."""
    lines = [blank(width), score_row(summary.home, summary.away, "v", width), blank(width)]
    when = kickoff_text(summary, now, tz)
    if when:
        text = Text.assemble(styled(f"{start_word(summary.sport)} ", "bold"), styled(when, "bold"))
        lines.append(fit(text, width, "center"))
    note = f"It goes live here by itself when it starts. Press d to remove {label}."
    return [*lines, blank(width), *wrapped(styled(note, DIM), width)]


#: What each sport calls its start; "Kick-off" is football's (and rugby's) word.
_START_WORDS = {"soccer": "Kick-off", "cricket": "Starts", "basketball": "Tip-off"}


def start_word(sport: str) -> str:
    return _START_WORDS.get(sport, "Starts")
