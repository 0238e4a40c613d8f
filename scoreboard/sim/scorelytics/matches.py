"""A simulated match as Scorelytics shows it: an engine wrapped to give the page's fields.

`ScorelyticsMatch` is itself a `MatchEngine`, so the server's one `Ticker`
steps it with every other match; `step()` reports a change only when a field
Scorelytics shows changed (the soccer clock's seconds are not one of them).
`fields()` is the REST snapshot body; `messages(old, new)` the socket
messages that take a client from one set of fields to the next.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from scoreboard.sim.engines.base import MatchEngine
from scoreboard.sim.engines.basketball import BasketballEngine
from scoreboard.sim.engines.soccer import SoccerEngine

STATUS_CODES = {"scheduled": 1, "live": 2, "finished": 3, "suspended": 4, "abandoned": 5}
FINISHED = 3
SPORT_NAMES = {"soccer": "football", "basketball": "basketball"}
#: Snapshot field -> `score_update.data` key, per sport (the page's examples).
UPDATE_KEYS = {
    "football": {"home_score": "home", "away_score": "away", "minute": "minute"},
    "basketball": {
        "home_score": "home",
        "away_score": "away",
        "period": "period",
        "game_clock_secs": "game_clock_secs",
    },
}
_STANDING = ("HT", "ETHT", "PEN", "FT")
_ENGINES: dict[str, type[SoccerEngine | BasketballEngine]] = {
    "soccer": SoccerEngine,
    "basketball": BasketballEngine,
}


def football_minute(engine: SoccerEngine) -> int | None:
    """The minute as a football feed sends it: 8:12 is the 9th, 45+2 is 47; None before kick-off."""
    if engine.period is None:
        return None
    minute, _, added = engine.clock
    if engine.period in _STANDING:
        return minute
    return minute + added if added else minute + 1


Wrapped = SoccerEngine | BasketballEngine


class Later(msgspec.Struct, frozen=True):
    """A wrapped engine made when its match is first asked for (as `scoreboard.sim.lazy`):
    what is known of it before, and how to make it."""

    match_id: int
    #: The engine's sport: "soccer" or "basketball".
    sport: str
    #: True if `make()` gives a match already over (the ticker never steps it).
    ended: bool
    make: Callable[[], Wrapped]


class ScorelyticsMatch(MatchEngine):
    """One match served by the simulated Scorelytics API, under its string id `key`.

    Given a `Later`, the engine is made on the first call that shows the
    match (fields, status); the ticker's steps before then are counted and
    replayed, so the match is at every moment what the eager one would be.
    """

    def __init__(self, key: str, engine: Wrapped | Later) -> None:
        self.key = key
        #: The wrapped engine's integer id: unique in the shared ticker.
        self.match_id = engine.match_id
        self.sport = SPORT_NAMES[engine.sport]
        self.step_seconds = _ENGINES[engine.sport].step_seconds
        self._later = engine if isinstance(engine, Later) else None
        self._engine = None if isinstance(engine, Later) else engine
        #: Ticker steps taken before the engine was made (replayed by `engine`).
        self._pending = 0
        #: The fields after the last step, and the ones the sockets were last sent.
        self._last: dict[str, Any] = {} if self._engine is None else self.fields()
        self._published = self._last

    @property
    def built(self) -> bool:
        return self._engine is not None

    def watched(self) -> None:
        """Someone opens a socket on the match: from now on its changes are published."""
        _ = self.engine

    @property
    def engine(self) -> Wrapped:
        """The wrapped engine, made and brought to the present on first use."""
        if self._engine is None:
            assert self._later is not None
            engine = self._later.make()
            for _ in range(self._pending):
                if engine.ended:
                    break
                engine.step()
            self._engine, self._later, self._pending = engine, None, 0
            self._last = self._published = self.fields()
        return self._engine

    @property
    def ended(self) -> bool:
        if self._later is not None:
            return self._later.ended
        return self.engine.ended

    @property
    def status(self) -> str:
        return self.engine.status

    @property
    def status_code(self) -> int:
        return STATUS_CODES[self.engine.status]

    def step(self) -> bool:
        """One step; True if a field Scorelytics shows changed. Before the engine is
        made only counted: no one has seen the match."""
        if self._engine is None:
            self._pending += 1
            return False
        self._engine.step()
        now = self.fields()
        changed = now != self._last
        self._last = now
        return changed

    def fields(self) -> dict[str, Any]:
        """`GET /v1/{sport}/matches/{id}`: the match as the contract describes it."""
        engine = self.engine
        home, away = engine.score
        body: dict[str, Any] = {
            "id": self.key,
            "sport": self.sport,
            "home_team": engine.home,
            "away_team": engine.away,
            "home_score": home,
            "away_score": away,
            "status_code": STATUS_CODES[engine.status],
        }
        if isinstance(engine, BasketballEngine):
            body["period"] = engine.period
            body["game_clock_secs"] = engine.game_clock_secs if engine.period else None
        else:
            body["minute"] = football_minute(engine)
        return body

    def snapshot(self) -> dict[str, Any]:
        return self.fields()

    def summary(self) -> dict[str, Any]:
        return self.fields()

    def publish(self) -> list[dict[str, Any]]:
        """The socket messages from the fields last published to the present ones,
        which are published from now on (the ticker's sink calls it after a change)."""
        new = self.fields()
        out = self.messages(self._published, new)
        self._published = new
        return out

    def messages(self, old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
        """The socket messages from `old` fields to `new`: nothing once finished.

        A status change goes first, except the final whistle (to 3), which is
        the last message a socket ever carries.
        """
        if old["status_code"] == FINISHED:
            return []
        keys = UPDATE_KEYS[self.sport]
        out: list[dict[str, Any]] = []
        status = None
        if new["status_code"] != old["status_code"]:
            status = {
                "type": "status_change",
                "match_id": self.key,
                "data": {"from": old["status_code"], "to": new["status_code"]},
            }
        if status and new["status_code"] != FINISHED:
            out.append(status)
        if any(old[field] != new[field] for field in keys):
            data = {key: new[field] for field, key in keys.items() if new[field] is not None}
            out.append({"type": "score_update", "match_id": self.key, "data": data})
        if status and new["status_code"] == FINISHED:
            out.append(status)
        return out
