"""A panel whose scores are hidden: who plays and how far the match is, nothing more.

What gives a result away is left out on purpose: the score, goal, card and
wicket events, the status badge (`FULL-TIME`), added time, the chase
("needs 32 from 22"), the result text, stats (xG, shots on target hint at
goals). What is left: the teams, the competition, the match minute without
added time (or the innings), and how to reveal it.

The minute follows the one clock rule of the ticker, Live now and `--once`
(`core.shortline.minute_text`: 61:12 is the 62nd minute, `62'`); in added time
it stays at `45'` or `90'`.
"""

from __future__ import annotations

from rich.text import Text

from scoreboard.core.derive import count_text
from scoreboard.core.models import BasketballSnapshot, CricketSnapshot, Snapshot, SoccerSnapshot
from scoreboard.core.shortline import minute_text
from scoreboard.ui.render.common import lit, score_row, styled
from scoreboard.ui.render.glyphs import sep
from scoreboard.ui.render.layout import blank, fit
from scoreboard.ui.render.styles import DIM

#: Stands where the score would be.
HIDDEN_SCORE = "? - ?"
#: The badge a hidden panel wears instead of its status.
HIDDEN_BADGE = " SCORES HIDDEN "


def hidden_lines(snap: Snapshot, width: int) -> list[Text]:
    """The panel's lines with every spoiler left out (each exactly `width` cells)."""
    lines = [score_row(snap.home, snap.away, HIDDEN_SCORE, width)]
    where = progress(snap)
    if where:
        lines.append(fit(styled(where, DIM), width, "center"))
    lines += [
        blank(width),
        fit(styled("Scores hidden: h reveals this match, H all.", DIM), width, "center"),
    ]
    return lines


def hidden_detail(snap: Snapshot, width: int = 80) -> list[Text]:
    """The detail view of a hidden match: the same few lines, with the venue."""
    lines = hidden_lines(snap, width)
    if snap.venue:
        lines.insert(2, fit(lit(snap.venue, DIM), width, "center"))
    return lines


def progress(snap: Snapshot) -> str:
    """How far the match is, without what happened: `67' · Second half`, `Innings 2`."""
    if snap.status == "scheduled":
        return "Not started"
    if isinstance(snap, SoccerSnapshot):
        clock = snap.clock
        if clock is None:
            return ""
        period = {"1H": "First half", "2H": "Second half", "ET1": "Extra time", "ET2": "Extra time"}
        if clock.period in period:
            # Never the added time, nor whether the match is over.
            minute = f"{count_text(clock.minute)}'" if clock.added_time else minute_text(clock)
            return f"{minute}{sep()}{period[clock.period]}"
        return "In progress"
    if isinstance(snap, CricketSnapshot):
        return f"Innings {count_text(snap.innings)}"
    if isinstance(snap, BasketballSnapshot) and snap.period is not None:
        return f"Period {count_text(snap.period)}"
    return ""
