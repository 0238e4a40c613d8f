"""The style names the renderers use: what a span *means*, never what colour it is.

Renderers stay pure: they tag text with these names (`Text.append("Arsenal",
HOME_TEAM)`), and the app's console resolves each name to a colour of the
current Textual theme when the text is drawn (`ui/look/palette.py` builds the Rich
theme that maps them, once per theme change). Attributes that are not colours
(`bold`, `reverse`) may be written directly.

A name the console does not know draws plain, so these lines also print on a
bare Rich console (tests, `text_of`).
"""

from __future__ import annotations

#: The home and away sides: team names, stat numbers, bars.
HOME = "sb.home"
AWAY = "sb.away"
HOME_TEAM = "sb.home.team"
AWAY_TEAM = "sb.away.team"
#: Secondary text: labels, separators, notes.
DIM = "sb.dim"
#: Bold in the theme's error, warning, success and accent colours.
ERROR = "sb.error"
WARN = "sb.warn"
GOOD = "sb.good"
ACCENT = "sb.accent"
#: The score between the team names.
SCORE = "sb.score"
#: Match events.
CARD_YELLOW = "sb.card.yellow"
CARD_RED = "sb.card.red"
SUBSTITUTION = "sb.event.sub"
#: Cricket balls in the current over.
BALL_WICKET = "sb.ball.wicket"
BALL_OUT = "sb.ball.out"
BALL_FOUR = "sb.ball.four"
BALL_SIX = "sb.ball.six"

#: Status badges: `badge(status)` is the name for one.
BADGES = (
    "live",
    "scheduled",
    "finished",
    "suspended",
    "abandoned",
    "half-time",
    "stale",
    "unavailable",
    "goal",
    "other",
)


def badge(kind: str) -> str:
    """The style name of a status badge (`live`, `stale`, ...); unknown kinds: `other`."""
    return f"sb.badge.{kind if kind in BADGES else 'other'}"
