"""Rendering pieces every panel shares: literal text, status badges, bars.

Everything that reaches the terminal from the wire goes through `lit()`,
which makes it inert (`feed.text.safe_text`) and wraps it in a Rich `Text`,
so it is never parsed as markup.
"""

from __future__ import annotations

import math

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from scoreboard.feed.models import Number
from scoreboard.feed.text import safe_text
from scoreboard.widgets.memo import memo

HOME_COLOUR = "#5fafff"
AWAY_COLOUR = "#ff8787"
DIM = "grey62"

_STATUS_STYLES = {
    "live": ("LIVE", "bold black on #5fd75f"),
    "scheduled": ("SCHEDULED", "bold black on #d7d7d7"),
    "finished": ("FULL-TIME", "bold black on #a8a8a8"),
    "suspended": ("SUSPENDED", "bold white on #d70000"),
    "abandoned": ("ABANDONED", "bold white on #870000"),
    "half-time": ("HALF-TIME", "bold black on #ffd75f"),
}


def lit(value: object, style: str = "", limit: int = 200) -> Text:
    """Untrusted text as an inert, literal `Text`."""
    return Text(safe_text(value, limit), style=style, no_wrap=True, overflow="ellipsis")


def status_badge(status: str, *, half_time: bool = False, stale: bool = False) -> Text:
    """A coloured badge for the match status; unknown statuses verbatim."""
    key = "half-time" if half_time and status == "live" else status
    label, style = _STATUS_STYLES.get(key, (safe_text(status, 20).upper(), "bold reverse"))
    badge = Text(f" {label} ", style=style)
    if stale:
        badge = Text.assemble((" STALE ", "bold black on #ffaf00"), " ", badge)
    return badge


def score_line(
    home: str, away: str, score: str, *, home_style: str = "", away_style: str = ""
) -> RenderableType:
    """`   Arsenal  3 - 2  Chelsea   `: teams hug the score, long names are cut."""
    key = ("score_line", home, away, score, home_style, away_style)
    return memo(key, lambda: _score_grid(home, away, score, home_style, away_style))


def _score_grid(home: str, away: str, score: str, home_style: str, away_style: str) -> Table:
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(justify="right", ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_column(justify="center", no_wrap=True)
    grid.add_column(justify="left", ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_row(
        lit(home, f"bold {home_style}".strip()),
        Text(f" {score} ", style="bold reverse"),
        lit(away, f"bold {away_style}".strip()),
    )
    return grid


class PairBar:
    """A bar as wide as it is given, split in proportion to home and away."""

    def __init__(self, home: Number, away: Number) -> None:
        self.home, self.away = float(home), float(away)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(4, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 2)
        total = self.home + self.away
        # Not finite: two huge values (valid JSON) overflow, and NaN cannot be drawn.
        if not math.isfinite(total) or total <= 0 or self.home < 0 or self.away < 0:
            yield Text("━" * width, style=DIM)
            return
        left = round(width * self.home / total)
        yield Text.assemble(("━" * left, HOME_COLOUR), ("━" * (width - left), AWAY_COLOUR))


def centred(renderable: RenderableType) -> RenderableType:
    if isinstance(renderable, Text):  # a Text is compared by value, so it can be a key
        text = renderable
        key = ("centred", text.plain, text.style, tuple(text.spans), text.end, text.justify)
        key += (text.overflow, text.no_wrap)
        return memo(key, lambda: _centred_grid(text))
    return _centred_grid(renderable)


def _centred_grid(renderable: RenderableType) -> Table:
    grid = Table.grid(expand=True)
    grid.add_column(justify="center", no_wrap=True, overflow="ellipsis")
    grid.add_row(renderable)
    return grid
