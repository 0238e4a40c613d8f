"""What a catalog entry says of a match's score and clock, as text for a list.

Catalog summaries carry the snapshot's `score` (and `clock`, `result`) once
a match has started (docs/decisions.md, "Following"); these helpers turn
them into display text and never raise: a shape they do not know is no text.
"""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec

from scoreboard.core.derive import total_text
from scoreboard.core.models import Clock, CricketScore, Score
from scoreboard.core.shortline import minute_text
from scoreboard.core.text import safe_text


def score_texts(sport: str, score: object) -> tuple[str, str]:
    """(home, away) score text: `("3", "2")`, `("145/3 (16.2)", "")`; empty if unknown."""
    if score is None:
        return "", ""
    try:
        if sport == "cricket":
            totals = msgspec.convert(score, CricketScore)
            return total_text(totals.home), total_text(totals.away)
        pair = msgspec.convert(score, Score)
        return str(pair.home), str(pair.away)
    except (msgspec.ValidationError, TypeError, ValueError):
        return "", ""


def clock_texts(clock: object) -> str:
    """A soccer clock in whole minutes (`67'`, `HT`), or empty."""
    if clock is None:
        return ""
    try:
        return minute_text(msgspec.convert(clock, Clock))
    except (msgspec.ValidationError, TypeError, ValueError):
        return ""


def result_text(result: object) -> str:
    return safe_text(result, 120) if isinstance(result, str) else ""


def start_moment(start_time: str) -> float | None:
    """An RFC 3339 `start_time` as a Unix time, or None if it is not one."""
    if not start_time:
        return None
    try:
        moment = datetime.fromisoformat(start_time.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
