"""REST fault rules and the REST request log: 429 with `Retry-After`, 5xx, slow answers.

A rule applies to every REST route of the port (both providers) or to one
path: a route pattern (`/v1/matches/{id}/live`: every match) or a concrete
path (`/v1/matches/41282/live`: that match only). The newest matching rule
wins. A rule with `status=None` answers normally, only later (`delay`).
Upgrades (WebSocket handshakes) are never touched: stream faults are in
`faults.py`.

`RestFaults.intercept` is the `Router.intercept` hook; `RestLog` records
every REST request that reached a route (arrival time on `time.monotonic()`,
path, status answered), so tests can check a client's pacing.
"""

from __future__ import annotations

import time
from collections import deque
from http import HTTPStatus

import msgspec

from scoreboard.sim.routes import HttpRequest, JsonResponse

#: Entries the REST log keeps (oldest dropped first).
LOG_LIMIT = 10_000


class RestFault(msgspec.Struct):
    """One rule: answer `status` (None: the real answer) after `delay` s, `times` times."""

    status: int | None
    retry_after: int | str | None
    path: str | None
    times: int | None
    delay: float
    hits: int = 0

    def applies(self, pattern: str, path: str) -> bool:
        return self.path is None or self.path in (pattern, path)

    @property
    def used_up(self) -> bool:
        return self.times is not None and self.hits >= self.times


class Intercepted(msgspec.Struct, frozen=True):
    """What the router does instead: wait `delay`, then answer `answer` (None: the route's)."""

    answer: JsonResponse | None
    delay: float


class RestHit(msgspec.Struct, frozen=True):
    """One REST request as the server saw it."""

    at: float  # time.monotonic() when it arrived
    path: str
    status: int


def fault_answer(status: int, retry_after: int | str | None) -> JsonResponse:
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    if status == HTTPStatus.TOO_MANY_REQUESTS:
        error = "rate limit exceeded"
        if retry_after is not None:
            error += f": retry after {retry_after}"
    else:
        error = f"simulated fault: {HTTPStatus(status).phrase.lower()}"
    return JsonResponse(status, {"error": error}, headers)


class RestFaults:
    """The rules in force; `hits` counts requests answered (or delayed) by a rule."""

    def __init__(self) -> None:
        self.rules: list[RestFault] = []
        self.hits = 0

    def add(
        self,
        status: int | None = HTTPStatus.TOO_MANY_REQUESTS,
        *,
        retry_after: int | str | None = None,
        path: str | None = None,
        times: int | None = None,
        delay: float = 0.0,
    ) -> None:
        if status is not None and not 400 <= status <= 599:
            raise ValueError("a REST fault status must be 4xx or 5xx (or None for a delay)")
        if status is None and delay <= 0:
            raise ValueError("a rule without a status needs a delay > 0")
        if delay < 0:
            raise ValueError("delay must be >= 0")
        if times is not None and times < 1:
            raise ValueError("times must be >= 1 (or None: until cleared)")
        if path is not None and not path.startswith("/"):
            raise ValueError("path must start with / (e.g. /v1/matches/{id}/live)")
        self.rules.append(RestFault(status, retry_after, path, times, float(delay)))

    def clear(self, path: str | None = None) -> None:
        """Remove every rule (`path=None`) or the rules made for exactly `path`."""
        self.rules = [] if path is None else [r for r in self.rules if r.path != path]

    def intercept(self, request: HttpRequest, pattern: str) -> Intercepted | None:
        for rule in reversed(self.rules):
            if rule.applies(pattern, request.path):
                rule.hits += 1
                self.hits += 1
                if rule.used_up:
                    self.rules.remove(rule)
                if rule.status is None:
                    return Intercepted(None, rule.delay)
                return Intercepted(fault_answer(rule.status, rule.retry_after), rule.delay)
        return None


class RestLog:
    """The last `LOG_LIMIT` REST requests that reached a route."""

    def __init__(self) -> None:
        self._hits: deque[RestHit] = deque(maxlen=LOG_LIMIT)

    def record(self, path: str, status: int, at: float | None = None) -> None:
        self._hits.append(RestHit(time.monotonic() if at is None else at, path, status))

    def hits(self, path: str | None = None) -> list[RestHit]:
        """Every logged request, or those for exactly `path` (a concrete path)."""
        return [h for h in self._hits if path is None or h.path == path]
