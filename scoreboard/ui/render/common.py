"""Rendering pieces every panel shares: literal text, status badges, bars.

Everything that reaches the terminal from the wire goes through `lit()`,
which makes it inert (`core.text.safe_text`) and wraps it in a Rich `Text`,
so it is never parsed as markup.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from scoreboard.core.models import BasketballSnapshot, CricketSnapshot, Number, SoccerSnapshot
from scoreboard.core.text import safe_text
from scoreboard.ui.render import styles
from scoreboard.ui.render.glyphs import cached, glyphs
from scoreboard.ui.render.layout import row
from scoreboard.ui.render.styles import AWAY, AWAY_TEAM, DIM, HOME, HOME_TEAM, SCORE

__all__ = [
    "DIM",
    "Lines",
    "bar",
    "flash_badge",
    "lit",
    "score_row",
    "short_badge",
    "sport_name",
    "status_badge",
    "styled",
]

_STATUS_LABELS = {
    "live": "LIVE",
    "scheduled": "SCHEDULED",
    "finished": "FULL-TIME",
    "suspended": "SUSPENDED",
    "abandoned": "ABANDONED",
    "half-time": "HALF-TIME",
}


_SHORT_LABELS = {
    "live": "LIVE",
    "scheduled": "SCHED",
    "finished": "FT",
    "suspended": "SUSP",
    "abandoned": "ABAND",
    "half-time": "HT",
}


def short_badge(
    status: str, *, half_time: bool = False, stale: bool = False, flash: str | None = None
) -> Text:
    """A ticker's badge: one word, at most five letters (`LIVE`, `HT`, `STALE`, `GOAL`)."""
    if flash:
        return styled(f" {flash} ", styles.badge("goal"))
    if stale:
        return styled(" STALE ", styles.badge("stale"))
    key = "half-time" if half_time and status == "live" else status
    label = _SHORT_LABELS.get(key) or safe_text(status, 5).upper()
    return styled(f" {label} ", styles.badge(key))


def flash_badge(word: str) -> Text:
    """`GOAL`, `WICKET`: put in a panel's title while it flashes (not told by colour alone)."""
    return styled(f" {word} ", styles.badge("goal"))


def styled(text: str, style: str) -> Text:
    """`text` in one named style, as a span (Textual resolves spans' names, not a
    `Text`'s own style)."""
    line = Text(text)
    if style:
        line.stylize(style)
    return line


def lit(value: object, style: str = "", limit: int = 200) -> Text:
    """Untrusted text as an inert, literal `Text`."""
    line = Text(safe_text(value, limit), no_wrap=True, overflow="ellipsis")
    if style:
        line.stylize(style)
    return line


def ended_badge(ended: str) -> Text:
    """What a feed that ended for good says in place of a match's status ("REPLAY ENDED")."""
    return styled(f" {ended.upper()} ", styles.badge("stale"))


def status_badge(
    status: str,
    *,
    half_time: bool = False,
    stale: bool = False,
    polling: bool = False,
    sport: str | None = None,
) -> Text:
    """A badge for the match status, its word in the theme's colour; unknown statuses verbatim.

    `polling`: the match is followed by polling REST, so a POLLING badge comes first.
    `sport`: a finished basketball game is `FINAL` (full time is football's word).
    """
    key = "half-time" if half_time and status == "live" else status
    label = (
        "FINAL"
        if key == "finished" and sport == "basketball"
        else _STATUS_LABELS.get(key) or safe_text(status, 20).upper()
    )
    badge = styled(f" {label} ", styles.badge(key))
    if polling:
        badge = Text.assemble(styled(" POLLING ", "bold reverse"), " ", badge)
    if stale:
        badge = Text.assemble(styled(" STALE ", styles.badge("stale")), " ", badge)
    return badge


def sport_name(snap: object) -> str | None:
    """`basketball` for a basketball snapshot, whatever its frame's `sport` field said."""
    for model, name in (
        (BasketballSnapshot, "basketball"),
        (CricketSnapshot, "cricket"),
        (SoccerSnapshot, "soccer"),
    ):
        if isinstance(snap, model):
            return name
    sport = getattr(snap, "sport", None)
    return sport if isinstance(sport, str) else None


@cached(maxsize=1024)
def score_row(home: str, away: str, score: str, width: int) -> Text:
    """`   Arsenal  3 - 2  Chelsea   `: teams hug the score, long names are cut.

    Cached by value, so a clock tick leaves this line (and its drawn strip)
    as it was. The line is shared: never modify it.
    """
    middle = styled(f" {score} ", SCORE)
    side = max((width - middle.cell_len - 2) // 2, 0)
    other = max(width - middle.cell_len - 2 - side, 0)
    return row(
        (lit(home, HOME_TEAM), side, "right"),
        (middle, middle.cell_len, "left"),
        (lit(away, AWAY_TEAM), other, "left"),
    )


def bar(home: Number, away: Number, width: int) -> Text:
    """A bar `width` cells wide, split in proportion to home and away."""
    width = max(width, 2)
    share = home_share(home, away)
    if share is None:
        return styled(glyphs().bar_empty * width, DIM)
    left = round(width * share)
    g = glyphs()
    return Text.assemble((g.bar_home * left, HOME), (g.bar_away * (width - left), AWAY))


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
