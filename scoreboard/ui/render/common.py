"""Rendering pieces every panel shares: literal text, status badges, bars.

Everything that reaches the terminal from the wire goes through `lit()`,
which makes it inert (`core.text.safe_text`) and wraps it in a Rich `Text`,
so it is never parsed as markup.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from scoreboard.core.models import Number
from scoreboard.core.text import safe_text
from scoreboard.ui.render.layout import row

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


@lru_cache(maxsize=1024)
def score_row(home: str, away: str, score: str, width: int) -> Text:
    """`   Arsenal  3 - 2  Chelsea   `: teams hug the score, long names are cut.

    Cached by value, so a clock tick leaves this line (and its drawn strip)
    as it was. The line is shared: never modify it.
    """
    middle = Text(f" {score} ", style="bold reverse")
    side = max((width - middle.cell_len - 2) // 2, 0)
    other = max(width - middle.cell_len - 2 - side, 0)
    return row(
        (lit(home, f"bold {HOME_COLOUR}"), side, "right"),
        (middle, middle.cell_len, "left"),
        (lit(away, f"bold {AWAY_COLOUR}"), other, "left"),
    )


def bar(home: Number, away: Number, width: int) -> Text:
    """A bar `width` cells wide, split in proportion to home and away."""
    width = max(width, 2)
    share = home_share(home, away)
    if share is None:
        return Text("━" * width, style=DIM)
    left = round(width * share)
    return Text.assemble(("━" * left, HOME_COLOUR), ("━" * (width - left), AWAY_COLOUR))


def home_share(home: Number, away: Number) -> Fraction | None:
    """home / (home + away), exactly, or None when there is nothing to split.

    Exact (`Fraction`) because `float()` overflows on integers past 1.8e308,
    which JSON allows, and two large floats overflow their sum; NaN and the
    infinities (which no parser here accepts, but a model may hold) and
    negative values cannot be drawn.
    """
    if not (_finite(home) and _finite(away)) or home < 0 or away < 0:
        return None
    total = Fraction(home) + Fraction(away)
    return Fraction(home) / total if total > 0 else None


def _finite(value: Number) -> bool:
    return isinstance(value, int) or math.isfinite(value)


class Lines:
    """A renderable that lays itself out with `build(width)` (see `layout.py`)."""

    def __init__(self, build: Callable[[int], list[Text]]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.build(options.max_width):
            line.end = "\n"
            yield line
