"""What a catalog entry says of a match's score and clock, as text for a list.

Catalog summaries carry the snapshot's `score` (and `clock`, `result`) once
a match has started (docs/decisions.md, "Following"); these helpers turn
them into display text and never raise: a shape they do not know is no text.

`catalog_entry` is the one way a provider makes a `MatchSummary`: every
string in it is made safe there, where it enters (`safe_text`: no escape
sequence, control character or bidi override, a bounded length), and a
`start_time` a local clock could not show (before `EARLIEST_YEAR`, after
`LATEST_YEAR`, or not RFC 3339) is no start time at all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec

from scoreboard.core.derive import total_text
from scoreboard.core.events import MatchRef, MatchSummary
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
    except (msgspec.ValidationError, TypeError, ValueError, OverflowError, RecursionError):
        return "", ""


def clock_texts(clock: object) -> str:
    """A soccer clock in whole minutes (`67'`, `HT`), or empty."""
    if clock is None:
        return ""
    try:
        return minute_text(msgspec.convert(clock, Clock))
    except (msgspec.ValidationError, TypeError, ValueError, OverflowError, RecursionError):
        return ""


def result_text(result: object) -> str:
    return safe_text(result, 120) if isinstance(result, str) else ""


#: Most entries kept from one catalog answer: a list from outside is capped (a
#: 7 MB answer of 100,000 entries held the loop 17-28 s and took 550 MB).
MAX_CATALOG = 5000
_raw_items = msgspec.json.Decoder(list[msgspec.Raw]).decode
_any = msgspec.json.Decoder().decode


def parse_catalog(
    body: bytes, summary: Callable[[Any], MatchSummary | None], limit: int = MAX_CATALOG
) -> tuple[list[MatchSummary], int]:
    """(the first `limit` usable entries of a JSON list, how many items it held).

    Each item is decoded on its own, from its slice of the body, so the items
    past the limit are never built; an item nested too deep is skipped. Run it
    off the event loop (`asyncio.to_thread`). `ValueError` if `body` is not a
    JSON list.
    """
    try:
        items = _raw_items(body)
    except msgspec.ValidationError:  # JSON, but not a list (a subclass of DecodeError)
        raise ValueError("expected a JSON list of matches") from None
    except (msgspec.DecodeError, RecursionError):
        raise ValueError("not valid JSON") from None
    found: list[MatchSummary] = []
    for raw in items:
        if len(found) >= limit:
            break
        try:
            entry = summary(_any(raw))
        except (msgspec.DecodeError, RecursionError):
            continue
        if entry is not None:
            found.append(entry)
    return found, len(items)


#: Start times are kept only between these years (UTC): a day either side of them
#: is still a date in every time zone, so showing one in local time never fails.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2999
_EARLIEST = datetime(EARLIEST_YEAR, 1, 1, tzinfo=UTC).timestamp()
_LATEST = (datetime(LATEST_YEAR + 1, 1, 1, tzinfo=UTC) - timedelta(microseconds=1)).timestamp()


def start_moment(start_time: str) -> float | None:
    """An RFC 3339 `start_time` as a Unix time, or None if it is not one (or out of bounds)."""
    if not start_time or len(start_time) > 64:
        return None
    try:
        moment = datetime.fromisoformat(start_time.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        # Before converting: an offset can carry year 1 or 9999 out of range (ValueError,
        # OverflowError), and a moment in year 10000 is no time at all anyway.
        stamp = (moment.replace(tzinfo=None) - datetime(1970, 1, 1)).total_seconds()
        offset = moment.utcoffset()
    except (ValueError, OverflowError):
        return None
    stamp -= offset.total_seconds() if offset is not None else 0.0
    return stamp if _EARLIEST <= stamp <= _LATEST else None


def start_text(value: object) -> str:
    """A catalog's `start_time` kept only if it is a time a local clock can show."""
    if not isinstance(value, str) or start_moment(value) is None:
        return ""
    return value


def _text(value: object, limit: int = 120) -> str:
    return safe_text(value, limit) if isinstance(value, str) else ""


def catalog_entry(
    ref: MatchRef,
    *,
    sport: str,
    status: str,
    home: str,
    away: str,
    competition: object = "",
    start_time: object = "",
    score_home: str = "",
    score_away: str = "",
    clock: str = "",
    result: str = "",
) -> MatchSummary:
    """A `MatchSummary` with every string made safe, where it enters (see the module)."""
    return MatchSummary(
        ref=ref,
        sport=_text(sport, 40),
        status=_text(status, 40),
        home=_text(home),
        away=_text(away),
        competition=_text(competition),
        start_time=start_text(start_time),
        score_home=_text(score_home, 40),
        score_away=_text(score_away, 40),
        clock=_text(clock, 20),
        result=_text(result),
    )
