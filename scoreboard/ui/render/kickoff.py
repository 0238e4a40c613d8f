"""A scheduled match's panel, from its catalog entry: the teams, kick-off and a countdown.

The stream refuses a match that has not started; its panel says when it
starts and that it goes live there by itself (the session asks again at
kick-off). The countdown is wall-clock time to the catalog's `start_time`.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from scoreboard.core.catalog import start_moment
from scoreboard.core.events import MatchSummary
from scoreboard.ui.render.common import score_row, styled
from scoreboard.ui.render.layout import blank, fit, wrapped
from scoreboard.ui.render.styles import DIM


def kickoff_lines(summary: MatchSummary, width: int, now: float, label: str) -> list[Text]:
    """`Tottenham Hotspur v Manchester United`, `Kick-off 19:33 (in 3 min)`, and what next."""
    lines = [blank(width), score_row(summary.home, summary.away, "v", width), blank(width)]
    kickoff = start_moment(summary.start_time)
    if kickoff is not None:
        local = datetime.fromtimestamp(kickoff).astimezone().strftime("%H:%M")
        text = Text.assemble(styled("Kick-off ", "bold"), styled(local, "bold"))
        text.append_text(styled(f"  ({countdown(kickoff - now)})", DIM))
        lines.append(fit(text, width, "center"))
    note = f"It goes live here by itself at kick-off. Press d to remove {label}."
    return [*lines, blank(width), *wrapped(styled(note, DIM), width)]


def countdown(seconds: float) -> str:
    """`in 12 min`, `in 45 s`, `in 2 h 05 min`, or `kicking off` once it is due."""
    seconds = round(seconds)
    if seconds <= 0:
        return "kicking off"
    if seconds < 60:
        return f"in {seconds} s"
    minutes = (seconds + 59) // 60
    if minutes < 60:
        return f"in {minutes} min"
    return f"in {minutes // 60} h {minutes % 60:02d} min"
