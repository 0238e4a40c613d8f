"""Typed models of the live snapshot (`shared/reference/live-snapshot.md`).

These are the normalised match state every provider produces and every panel
reads. Sportrix frames decode straight into them (see `decode.py`); the
Scorelytics provider builds them from its REST snapshot and deltas.

Fields the contract marks optional default to `None` (or an empty container)
so that a frame which leaves them out still decodes. Unknown fields are
ignored. Wrong types are a decode error: the frame is rejected as a whole.
Strings are kept exactly as sent: making them safe to show is the UI's job
(`feed.text.safe_text`), so that nothing is lost before it is rendered.

The structs are `gc=False`: decoded JSON holds no reference cycles, and a
heavy snapshot (5,000 events) would otherwise allocate 5,000 objects the
garbage collector counts, which set off a full collection every few frames
and stalled the event loop for up to 150 ms (the benchmark's detail_flood).
"""

from __future__ import annotations

from typing import Any, TypeGuard

from msgspec import Struct

Number = int | float
MatchId = int | str


class Score(Struct, frozen=True, gc=False):
    home: int
    away: int


class Clock(Struct, frozen=True, gc=False):
    minute: int
    second: int
    period: str
    added_time: int | None = None


class Phase(Struct, frozen=True, gc=False):
    code: str | None = None
    label: str | None = None


class StatPair(Struct, frozen=True, gc=False):
    home: Number
    away: Number


class Event(Struct, frozen=True, gc=False):
    type: str
    minute: int | None = None
    added_time: int | None = None
    team: str | None = None
    player: str | None = None
    assist: str | None = None
    detail: str | None = None


class _Common(Struct, frozen=True, kw_only=True, gc=False):
    match_id: MatchId
    status: str
    home: str
    away: str
    sport: str | None = None
    competition: str | None = None
    venue: str | None = None
    updated_at: str | None = None


class SoccerSnapshot(_Common, frozen=True, kw_only=True):
    score: Score
    clock: Clock | None = None
    phase: Phase | None = None
    stats: dict[str, StatPair] | None = None
    events: list[Event] | None = None
    penalties: Score | None = None


class Total(Struct, frozen=True, gc=False):
    runs: int
    wickets: int
    overs: str


class CricketScore(Struct, frozen=True, gc=False):
    home: Total | None = None
    away: Total | None = None


class Over(Struct, frozen=True, gc=False):
    number: int
    ball: int
    balls: list[str] = []


class Batter(Struct, frozen=True, gc=False):
    name: str
    runs: int
    balls: int
    fours: int = 0
    sixes: int = 0
    on_strike: bool = False


class Bowler(Struct, frozen=True, gc=False):
    name: str
    overs: str
    maidens: int = 0
    runs: int = 0
    wickets: int = 0


class Extras(Struct, frozen=True, gc=False):
    byes: int = 0
    leg_byes: int = 0
    wides: int = 0
    no_balls: int = 0
    penalty: int = 0

    @property
    def total(self) -> int:
        return self.byes + self.leg_byes + self.wides + self.no_balls + self.penalty


class BattingEntry(Struct, frozen=True, gc=False):
    name: str
    runs: int
    balls: int
    dismissal: str | None = None
    fours: int = 0
    sixes: int = 0


class Innings(Struct, frozen=True, gc=False):
    innings: int
    team: str
    runs: int
    wickets: int
    overs: str
    extras: Extras | None = None
    batting: list[BattingEntry] = []
    bowling: list[Bowler] = []


class CricketSnapshot(_Common, frozen=True, kw_only=True):
    innings: int
    score: CricketScore
    format: str | None = None
    batting: str | None = None
    target: int | None = None
    over: Over | None = None
    batsmen: list[Batter] | None = None
    bowler: Bowler | None = None
    scorecard: list[Innings] | None = None
    result: str | None = None


class BasketballSnapshot(_Common, frozen=True, kw_only=True):
    """Basketball, as the Scorelytics provider normalises it."""

    score: Score
    period: int | None = None
    game_clock_secs: int | None = None


class GenericSnapshot(_Common, frozen=True, kw_only=True):
    """A sport this client has no panel for, or a frame without a sport.

    Its score may have any shape; `score_pair` is the score when both sides
    are plain numbers, as the contract asks us to show it.
    """

    score: Any = None

    @property
    def score_pair(self) -> tuple[Number, Number] | None:
        if not isinstance(self.score, dict):
            return None
        home, away = self.score.get("home"), self.score.get("away")
        if _is_number(home) and _is_number(away):
            return home, away
        return None


def _is_number(value: object) -> TypeGuard[Number]:
    return isinstance(value, int | float) and not isinstance(value, bool)


Snapshot = SoccerSnapshot | CricketSnapshot | BasketballSnapshot | GenericSnapshot

#: Sport name -> model. Anything else decodes as `GenericSnapshot`.
SPORT_MODELS: dict[str, type[Snapshot]] = {
    "soccer": SoccerSnapshot,
    "cricket": CricketSnapshot,
    "basketball": BasketballSnapshot,
}

#: Fields the contract requires while a match is live, per sport.
REQUIRED_WHILE_LIVE: dict[type[Snapshot], tuple[str, ...]] = {
    SoccerSnapshot: ("clock", "phase"),
    CricketSnapshot: ("batting", "over", "batsmen", "bowler"),
}
