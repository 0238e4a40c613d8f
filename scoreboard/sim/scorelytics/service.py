"""The simulated Scorelytics API, served on the Sportrix simulator's port.

| call | answer |
|---|---|
| `GET /v1/{sport}/matches` (`football`, `basketball`) | every match of that sport (`listMatches`) |
| `GET /v1/{sport}/matches/{id}` | the match's snapshot; 404 if unknown or of the other sport |
| `ws /v1/ws/match/{id}?api_key=...` | `score_update` / `status_change` messages of that match |

REST reads the key from the `X-API-Key` header; the socket from `?api_key=`
(the page's form) or the `X-API-Key` header. A missing or bad key is 401
before the upgrade, an unknown match 404, a plain GET of the socket path 426
(the router answers it). Matches are stepped by the server's ticker; after
each tick every socket of a changed match gets the messages that lead from
what it was last sent to the new state (`ScorelyticsMatch.messages`), and
after a `status_change` to 3 nothing more. A socket opened on a finished
match stays silent. Each socket has its own writer, so a slow client only
delays itself.

Fault switches for tests (call on the server loop, or via `ScorelyticsControl`):
`refuse_upgrades(status)` answers every handshake with `status` (a proxy
that strips the upgrade headers gives 426), `send_raw(key, payload)` queues
anything on a match's sockets, `drop(key)` aborts them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import Counter, deque
from collections.abc import Iterable
from http import HTTPStatus

import msgspec
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Response

from scoreboard.sim.engines.base import MatchEngine
from scoreboard.sim.keys import Denied, KeyStore
from scoreboard.sim.routes import HttpRequest, JsonResponse, Router
from scoreboard.sim.scorelytics.keys import scorelytics_keys
from scoreboard.sim.scorelytics.matches import ScorelyticsMatch

SPORTS = ("football", "basketball")
SOCKET_PREFIX = "/v1/ws/match/"


class MatchSocket(msgspec.Struct, eq=False):
    """One open match socket and its queue of encoded messages."""

    ws: ServerConnection
    key: str
    queue: deque[str | bytes] = msgspec.field(default_factory=deque)
    wake: asyncio.Event = msgspec.field(default_factory=asyncio.Event)

    def put(self, payload: str | bytes) -> None:
        self.queue.append(payload)
        self.wake.set()

    async def write(self) -> None:
        with contextlib.suppress(ConnectionClosed):
            while True:
                await self.wake.wait()
                self.wake.clear()
                while self.queue:
                    await self.ws.send(self.queue.popleft())


class ScorelyticsCounters(msgspec.Struct):
    """What tests check: who read, who connected, how sockets ended."""

    rest_reads: Counter[str] = msgspec.field(default_factory=Counter)
    handshakes: Counter[str] = msgspec.field(default_factory=Counter)
    handshakes_refused: Counter[int] = msgspec.field(default_factory=Counter)
    messages_sent: int = 0
    #: Match id -> close code each of its sockets ended with (None: no close frame).
    close_codes: dict[str, list[int | None]] = msgspec.field(default_factory=dict)


class ScorelyticsSim:
    """Scorelytics' REST and socket routes over a set of `ScorelyticsMatch`es."""

    def __init__(self, matches: Iterable[ScorelyticsMatch], keys: KeyStore | None = None) -> None:
        self.matches: dict[str, ScorelyticsMatch] = {}
        for match in matches:
            if match.key in self.matches:
                raise ValueError(f"duplicate Scorelytics match id {match.key}")
            self.matches[match.key] = match
        self.keys = keys if keys is not None else scorelytics_keys()
        self.counters = ScorelyticsCounters()
        self.refusing: int | None = None
        self._sockets: dict[str, set[MatchSocket]] = {}

    def register(self, router: Router) -> None:
        router.add_http("/v1/{sport}/matches", self.list_matches)
        router.add_http("/v1/{sport}/matches/{id}", self.get_match)
        router.add_websocket(SOCKET_PREFIX, self._socket, self._authorize)

    # -- REST ----------------------------------------------------------------------

    def _denied(self, request: HttpRequest) -> JsonResponse | None:
        key = request.headers.get("X-API-Key")
        result = self.keys.check(key, None)
        if isinstance(result, Denied):
            reason = result.reason + ("" if key else ": send it in the X-API-Key header")
            return JsonResponse(HTTPStatus.UNAUTHORIZED, {"error": reason})
        return None

    def _sport(self, request: HttpRequest) -> JsonResponse | str:
        sport = request.params["sport"]
        if sport not in SPORTS:
            error = f"no sport {sport[:20]!r} (football, basketball)"
            return JsonResponse(HTTPStatus.NOT_FOUND, {"error": error})
        return sport

    def list_matches(self, request: HttpRequest) -> JsonResponse:
        if denied := self._denied(request):
            return denied
        sport = self._sport(request)
        if isinstance(sport, JsonResponse):
            return sport
        body = [m.fields() for m in self.matches.values() if m.sport == sport]
        return JsonResponse(HTTPStatus.OK, body)

    def get_match(self, request: HttpRequest) -> JsonResponse:
        if denied := self._denied(request):
            return denied
        sport = self._sport(request)
        if isinstance(sport, JsonResponse):
            return sport
        match = self.matches.get(request.params["id"])
        if match is None or match.sport != sport:
            return JsonResponse(HTTPStatus.NOT_FOUND, {"error": "match not found"})
        self.counters.rest_reads[match.key] += 1
        return JsonResponse(HTTPStatus.OK, match.fields())

    # -- sockets -------------------------------------------------------------------

    def _authorize(self, connection: ServerConnection, request: HttpRequest) -> Response | None:
        key = request.path.removeprefix(SOCKET_PREFIX)
        if self.refusing is not None:
            self.counters.handshakes_refused[self.refusing] += 1
            return connection.respond(self.refusing, "simulated fault: handshake refused\n")
        result = self.keys.check(
            request.headers.get("X-API-Key") or request.query.get("api_key"), None
        )
        if isinstance(result, Denied):
            self.counters.handshakes_refused[401] += 1
            return connection.respond(
                HTTPStatus.UNAUTHORIZED,
                f"{result.reason}. Pass the key as ?api_key= (or the X-API-Key header).\n",
            )
        if key not in self.matches:
            self.counters.handshakes_refused[404] += 1
            return connection.respond(HTTPStatus.NOT_FOUND, "match not found\n")
        self.counters.handshakes[key] += 1
        self.matches[key].watched()
        return None

    async def _socket(self, ws: ServerConnection) -> None:
        assert ws.request is not None
        key = HttpRequest.parse(ws.request).path.removeprefix(SOCKET_PREFIX)
        sock = MatchSocket(ws, key)
        self._sockets.setdefault(key, set()).add(sock)
        writer = asyncio.create_task(sock.write())
        try:
            async for _ in ws:  # the page defines no client messages: ignore them
                pass
        except ConnectionClosed:
            pass
        finally:
            writer.cancel()
            self._sockets[key].discard(sock)
            rcvd = ws.protocol.close_rcvd
            code = rcvd.code if rcvd is not None else None
            self.counters.close_codes.setdefault(key, []).append(code)

    def on_change(self, changed: list[MatchEngine]) -> None:
        """Ticker sink: send each changed match's messages to its sockets."""
        for engine in changed:
            if not isinstance(engine, ScorelyticsMatch):
                continue
            if self.matches.get(engine.key) is not engine:
                continue
            for message in engine.publish():
                self._send(engine.key, json.dumps(message))

    def _send(self, key: str, payload: str) -> None:
        for sock in self._sockets.get(key, ()):
            sock.put(payload)
            self.counters.messages_sent += 1

    # -- faults and introspection ---------------------------------------------------

    def refuse_upgrades(self, status: int | None) -> None:
        """Answer every socket handshake with HTTP `status` (None: back to normal)."""
        self.refusing = status

    def send_raw(self, key: str, payload: str | bytes) -> None:
        """Queue `payload` as is on every socket of match `key`."""
        for sock in self._sockets.get(key, ()):
            sock.put(payload)

    def drop(self, key: str | None = None) -> int:
        """Abort the sockets of match `key` (every match if None): no close frame."""
        socks = [s for k, group in self._sockets.items() if key in (None, k) for s in group]
        for sock in socks:
            sock.ws.transport.abort()
        return len(socks)

    def open_sockets(self) -> dict[str, int]:
        return {key: len(group) for key, group in self._sockets.items() if group}
