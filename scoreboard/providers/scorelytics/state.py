"""Scorelytics' wire format and one match's merged state. Pure: no I/O.

The REST snapshot (`GET /v1/{sport}/matches/{id}`) gives the whole state;
socket messages (`score_update`, `status_change`) change parts of it. Field
names, status codes and the merge rule follow
`shared/reference/scorelytics-contract.md`:

* `score_update.data` keys map to state fields: `home` → `home_score`,
  `away` → `away_score`, `minute`, `period`, `game_clock_secs`. A key that is
  absent (or null, as the page's `??` treats it) keeps its last value.
* `status_change` sets `status_code` to `data.to`.
* Status codes: 1 scheduled, 2 live (in play), 3 finished; any other is
  shown as `status N`.

Anything malformed raises `WireError` with a stable `kind` and a short reason
that never quotes the message itself, so it is safe to log and to show. A
message is applied whole or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, overload

import msgspec

from scoreboard.core.derive import minute_clock
from scoreboard.core.models import BasketballSnapshot, Score, SoccerSnapshot

SPORTS = ("football", "basketball")
#: Scorelytics sport name -> the normalised model's sport name.
NORMALISED_SPORT = {"football": "soccer", "basketball": "basketball"}
SCHEDULED, LIVE, FINISHED = 1, 2, 3
STATUS_TEXT = {SCHEDULED: "scheduled", LIVE: "live", FINISHED: "finished"}
#: `score_update.data` key -> state field.
UPDATE_FIELDS = {
    "home": "home_score",
    "away": "away_score",
    "minute": "minute",
    "period": "period",
    "game_clock_secs": "game_clock_secs",
}
MESSAGE_TYPES = ("score_update", "status_change")

_decode = msgspec.json.Decoder().decode


class WireError(ValueError):
    """A REST body or socket message the client will not use; `kind` is for counting."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(f"{kind}: {reason}")
        self.kind = kind
        self.reason = reason


def status_text(code: int) -> str:
    return STATUS_TEXT.get(code, f"status {code}")


@dataclass(frozen=True, slots=True)
class ScoreUpdate:
    match_id: str
    #: State field -> new value, only for the keys the message carried.
    changes: dict[str, int]


@dataclass(frozen=True, slots=True)
class StatusChange:
    match_id: str
    old: int | None
    new: int


Message = ScoreUpdate | StatusChange


@dataclass(slots=True)
class MatchState:
    """One match as the client knows it: the last snapshot plus every message since."""

    match_id: str
    sport: str
    status_code: int
    home_score: int
    away_score: int
    home_team: str | None = None
    away_team: str | None = None
    minute: int | None = None
    period: int | None = None
    game_clock_secs: int | None = None

    @property
    def finished(self) -> bool:
        return self.status_code == FINISHED

    def apply(self, message: Message) -> bool:
        """Merge one message for this match; True if anything changed."""
        if isinstance(message, StatusChange):
            changed = self.status_code != message.new
            self.status_code = message.new
            return changed
        changed = False
        for name, value in message.changes.items():
            if getattr(self, name) != value:
                setattr(self, name, value)
                changed = True
        return changed

    def snapshot(self) -> SoccerSnapshot | BasketballSnapshot:
        """The normalised model every panel reads."""
        common: dict[str, Any] = {
            "match_id": self.match_id,
            "status": status_text(self.status_code),
            "home": self.home_team or "Home",
            "away": self.away_team or "Away",
            "sport": NORMALISED_SPORT[self.sport],
            "score": Score(self.home_score, self.away_score),
        }
        if self.sport == "basketball":
            return BasketballSnapshot(
                **common, period=self.period, game_clock_secs=self.game_clock_secs
            )
        clock = None if self.minute is None else minute_clock(self.minute)
        return SoccerSnapshot(**common, clock=clock)


def parse_snapshot(body: Any, match_id: str, sport: str) -> MatchState:
    """The REST snapshot of `match_id`, read from `/v1/{sport}/matches/{id}`."""
    if sport not in SPORTS:
        raise ValueError(f"unknown sport {sport!r}")
    if not isinstance(body, dict):
        raise WireError("snapshot", "the match snapshot is not a JSON object")
    sent_id = body.get("id")
    if sent_id is not None and str(sent_id) != match_id:
        raise WireError("snapshot", "the snapshot is for another match")
    home_score, away_score, status_code = (
        _count(body.get(name), name, "snapshot", required=True)
        for name in ("home_score", "away_score", "status_code")
    )
    minute, period, game_clock_secs = (
        _count(body.get(name), name, "snapshot", required=False)
        for name in ("minute", "period", "game_clock_secs")
    )
    return MatchState(
        match_id=match_id,
        sport=sport,
        status_code=status_code,
        home_score=home_score,
        away_score=away_score,
        home_team=_name(body.get("home_team")),
        away_team=_name(body.get("away_team")),
        minute=minute,
        period=period,
        game_clock_secs=game_clock_secs,
    )


def parse_message(raw: str | bytes) -> Message:
    """One socket message as a `ScoreUpdate` or `StatusChange`; `WireError` if unusable."""
    if isinstance(raw, bytes | bytearray | memoryview):
        raise WireError("binary", "a binary message (the stream sends JSON text)")
    try:
        doc: Any = _decode(raw)
    except (msgspec.DecodeError, UnicodeError, RecursionError):
        raise WireError("not_json", "a message that is not valid JSON") from None
    if not isinstance(doc, dict):
        raise WireError("malformed", "a message that is not a JSON object")
    kind = doc.get("type")
    if not isinstance(kind, str):
        raise WireError("malformed", "a message without a 'type'")
    if kind not in MESSAGE_TYPES:
        raise WireError("unknown_type", "a message of a type this client does not know")
    match_id = doc.get("match_id")
    if isinstance(match_id, int) and not isinstance(match_id, bool):
        match_id = str(match_id)
    if not isinstance(match_id, str) or not match_id:
        raise WireError("malformed", f"a {kind} without a 'match_id'")
    data = doc.get("data")
    if not isinstance(data, dict):
        raise WireError("malformed", f"a {kind} without a 'data' object")
    if kind == "status_change":
        new = _count(data.get("to"), "to", kind, required=True)
        old = _count(data.get("from"), "from", kind, required=False)
        assert new is not None
        return StatusChange(match_id, old, new)
    changes = {}
    for key, field in UPDATE_FIELDS.items():
        value = _count(data.get(key), key, kind, required=False)
        if value is not None:
            changes[field] = value
    return ScoreUpdate(match_id, changes)


@overload
def _count(value: Any, name: str, where: str, *, required: Literal[True]) -> int: ...
@overload
def _count(value: Any, name: str, where: str, *, required: bool) -> int | None: ...
def _count(value: Any, name: str, where: str, *, required: bool) -> int | None:
    """A whole number >= 0; None (absent or null) only when not required."""
    if value is None:
        if required:
            raise WireError(where if where == "snapshot" else "malformed", f"no '{name}'")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        kind = where if where == "snapshot" else "malformed"
        raise WireError(kind, f"'{name}' in a {where} is not a whole number >= 0")
    return value


def _name(value: Any) -> str | None:
    """A team name, or None (shown as Home/Away) if absent, empty or not text."""
    return value if isinstance(value, str) and value.strip() else None
