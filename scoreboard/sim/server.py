"""The simulated Sportrix server: stream connections, subscriptions, broadcast.

One loopback port serves the WebSocket stream (`/v1/stream`) and the REST
catalog (`/v1/matches...`); the routing table (`server.router`) takes more
routes. Each stream connection has a reader (this module: control messages
handled strictly in order) and a writer task draining its bounded `Outbox`.
The `Ticker` steps the engines and hands over the changed ones; each changed
snapshot is encoded once and its bytes shared by all subscribers, so a slow
client only ever delays itself.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import weakref
from collections.abc import Awaitable, Callable, Iterable, Iterator
from http import HTTPStatus
from typing import Any

import msgspec
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.frames import CloseCode
from websockets.http11 import Request, Response

from scoreboard.sim.control import parse_control
from scoreboard.sim.engines.base import MatchEngine
from scoreboard.sim.faults import ACCEPT_THEN_CLOSE_REASON, REVOKED_REASON, Faults
from scoreboard.sim.frames import encode_error, encode_frame
from scoreboard.sim.keys import SCOPE_STREAM, ApiKey, Denied, KeyStore
from scoreboard.sim.outbox import Frame, Outbox
from scoreboard.sim.rest import IN_PLAY, NOT_LIVE, RestApi
from scoreboard.sim.restfaults import RestLog
from scoreboard.sim.routes import HttpRequest, Router, is_upgrade
from scoreboard.sim.stats import ServerStats
from scoreboard.sim.ticker import Ticker

STREAM_PATH = "/v1/stream"
log = logging.getLogger(__name__)


class StreamClient(msgspec.Struct, eq=False):
    """One open stream connection."""

    id: int
    ws: ServerConnection
    key: ApiKey
    outbox: Outbox
    subscriptions: set[int] = msgspec.field(default_factory=set)


class SportrixServer:
    """The Sportrix stream + REST server on one port, in the running event loop.

    `speed` is simulated seconds per real second; 0 freezes the engines (they
    move only through `advance()`). `stamp` adds `sent_at` to data frames.
    """

    def __init__(
        self,
        engines: Iterable[MatchEngine],
        *,
        keys: KeyStore | None = None,
        speed: float = 1.0,
        stamp: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
        compression: bool = True,
    ) -> None:
        if speed < 0:
            raise ValueError("speed must be >= 0")
        self.engines: dict[int, MatchEngine] = {}
        for engine in engines:
            if engine.match_id in self.engines:
                raise ValueError(f"duplicate match id {engine.match_id}")
            self.engines[engine.match_id] = engine
        self.keys = keys if keys is not None else KeyStore()
        self.speed = speed
        self.stamp = stamp
        self.host = host
        self.port = port
        self.compression = compression
        self.counters = ServerStats()
        self.faults = Faults(self)
        self.ticker = Ticker(self.engines.values(), self._broadcast)
        #: More sinks for the ticker's changed engines (other providers' matches).
        self.change_listeners: list[Callable[[list[MatchEngine]], None]] = []
        #: Other providers served on this port, by name (`scoreboard.sim.scorelytics`).
        self.extensions: dict[str, Any] = {}
        self.router = Router()
        self.router.intercept = self.faults.rest.intercept
        self.router.log = self.rest_log = RestLog()
        self.router.add_websocket(STREAM_PATH, self._stream, self._authorize_stream)
        RestApi(self.engines, self.keys).register(self.router)
        self._clients: dict[int, StreamClient] = {}
        self._subscribers: dict[int, set[StreamClient]] = {}
        self._handshake_keys: weakref.WeakKeyDictionary[ServerConnection, ApiKey] = (
            weakref.WeakKeyDictionary()
        )
        self._ids = itertools.count(1)
        self._listener: Server | None = None
        self._ticker_task: asyncio.Task[None] | None = None

    def add_engine(self, engine: MatchEngine, *, first_due: float | None = None) -> None:
        """Serve one more match; its first step is due at simulated `first_due`."""
        if engine.match_id in self.engines:
            raise ValueError(f"duplicate match id {engine.match_id}")
        self.engines[engine.match_id] = engine
        self.ticker.add(engine, first_due=first_due)

    # -- addresses -------------------------------------------------------------

    @property
    def _netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def url(self) -> str:
        return f"ws://{self._netloc}{STREAM_PATH}"

    @property
    def rest_url(self) -> str:
        return f"http://{self._netloc}/v1"

    # -- lifecycle -------------------------------------------------------------

    async def start(self) -> None:
        """Listen (raises OSError if the port is busy) and start the clock."""
        await self._listen(self.port)
        if self.speed > 0 and self._ticker_task is None:
            self._ticker_task = asyncio.create_task(self.ticker.run(self.speed))

    async def stop(self) -> None:
        """Stop listening, close every connection (1001) and stop the clock."""
        await self._close_listener(CloseCode.GOING_AWAY, abrupt=False)
        if self._ticker_task is not None:
            self._ticker_task.cancel()
            await asyncio.gather(self._ticker_task, return_exceptions=True)
            self._ticker_task = None

    async def restart(self, *, abrupt: bool = False, downtime: float = 0.0) -> None:
        """A server restart: stop listening, drop every connection, listen on the same port.

        Connections get a 1012 (service restart) close frame, or none if
        `abrupt`. Engines keep running. `downtime` seconds pass with nothing
        listening (connection refused).
        """
        await self._close_listener(CloseCode.SERVICE_RESTART, abrupt=abrupt)
        if downtime > 0:
            await asyncio.sleep(downtime)
        await self._listen(self.port)

    async def _listen(self, port: int) -> None:
        self._listener = await serve(
            self.router.dispatch,
            self.host,
            port,
            process_request=self._process_request,
            compression="deflate" if self.compression else None,
            close_timeout=1.0,
            server_header="sportrix-sim",
            logger=logging.getLogger("scoreboard.sim.websockets"),
        )
        self.port = self._listener.sockets[0].getsockname()[1]

    async def _close_listener(self, code: CloseCode, *, abrupt: bool) -> None:
        listener, self._listener = self._listener, None
        if listener is None:
            return
        if abrupt:
            for ws in list(listener.connections):
                ws.transport.abort()
        listener.close(code=code)
        await listener.wait_closed()

    # -- handshake ---------------------------------------------------------------

    def _process_request(
        self, connection: ServerConnection, request: Request
    ) -> Response | Awaitable[Response] | None:
        if not is_upgrade(request):
            self.counters.http_requests += 1
        return self.router.process_request(connection, request)

    def _authorize_stream(
        self, connection: ServerConnection, request: HttpRequest
    ) -> Response | None:
        key = request.headers.get("X-API-Key") or request.query.get("key")
        result = self.keys.check(key, SCOPE_STREAM)
        if isinstance(result, Denied):
            self.counters.handshakes_refused += 1
            hint = (
                "The stream needs a key with the live_scores_statistics scope, sent in the "
                "X-API-Key header or the ?key= query parameter."
            )
            return connection.respond(HTTPStatus.UNAUTHORIZED, f"{result.reason}.\n{hint}\n")
        self._handshake_keys[connection] = result
        return None

    # -- stream connections ------------------------------------------------------

    async def _stream(self, ws: ServerConnection) -> None:
        key = self._handshake_keys.pop(ws, None)
        if key is None or isinstance(self.keys.check(key.key, SCOPE_STREAM), Denied):
            await ws.close(CloseCode.POLICY_VIOLATION, REVOKED_REASON)
            return
        if self.faults.closing_after_handshake:
            self.counters.opened()
            self.counters.closed()
            await ws.close(CloseCode.INTERNAL_ERROR, ACCEPT_THEN_CLOSE_REASON)
            return
        client = StreamClient(next(self._ids), ws, key, Outbox(ws, self.faults, self.counters))
        self._clients[client.id] = client
        self.counters.opened()
        if self.faults.muted:
            self.faults.apply_mute(ws)
        writer = asyncio.create_task(client.outbox.run())
        try:
            async for message in ws:
                await client.outbox.wait_for_room()
                self._handle(client, message)
        except ConnectionClosed:
            pass
        finally:
            writer.cancel()
            for match_id in client.subscriptions:
                self._drop_subscriber(match_id, client)
            del self._clients[client.id]
            self.counters.closed()

    def _handle(self, client: StreamClient, message: str | bytes) -> None:
        control = parse_control(message)
        if isinstance(control, str):
            self._error(client, control)
        elif control.action == "subscribe":
            self._subscribe(client, control.match_id)
        else:
            self._unsubscribe(client, control.match_id)

    def _error(self, client: StreamClient, message: str) -> None:
        client.outbox.put_control(Frame("error", encode_error(message)))

    def _subscribe(self, client: StreamClient, match_id: int) -> None:
        engine = self.engines.get(match_id)
        if engine is not None and not client.key.allows_sport(engine.sport):
            self._error(client, f"sport '{engine.sport}' is not enabled for this API key")
            return
        if engine is None or engine.status not in IN_PLAY:
            self._error(client, NOT_LIVE)
            return
        client.subscriptions.add(match_id)
        self._subscribers.setdefault(match_id, set()).add(client)
        engine.subscribed()
        payload = encode_frame("snapshot", engine.snapshot(), stamp=self.stamp)
        client.outbox.put_control(Frame("snapshot", payload, match_id=match_id))

    def _unsubscribe(self, client: StreamClient, match_id: int) -> None:
        """Stop the match's frames at once; a match not subscribed is silently ignored."""
        if match_id in client.subscriptions:
            client.subscriptions.discard(match_id)
            self._drop_subscriber(match_id, client)
        client.outbox.withdraw(match_id)

    def _drop_subscriber(self, match_id: int, client: StreamClient) -> None:
        subs = self._subscribers.get(match_id)
        if subs is not None:
            subs.discard(client)
            if not subs:
                del self._subscribers[match_id]

    def _broadcast(self, changed: list[MatchEngine]) -> None:
        for listener in self.change_listeners:
            listener(changed)
        for engine in changed:
            subs = self._subscribers.get(engine.match_id)
            if engine.every_state:
                self._send_every_state(engine, subs or set())
                continue
            if not subs:
                continue
            payload = encode_frame("update", engine.snapshot(), stamp=self.stamp)
            for client in subs:
                client.outbox.put_update(engine.match_id, payload)

    def _send_every_state(self, engine: MatchEngine, subs: set[StreamClient]) -> None:
        """Queue each state the engine passed through, in order, never coalesced."""
        for state in engine.take_states():
            if not subs:
                continue
            payload = encode_frame("update", state, stamp=self.stamp)
            for client in subs:
                client.outbox.put_ordered(engine.match_id, payload)

    # -- introspection, simulated time, fault targets -----------------------------

    def advance(self, seconds: float) -> list[int]:
        """Step the engines by `seconds` of simulated time now; the ids that changed
        (of matches someone has asked for: a catalog match no one has read yet is
        only counted, `scoreboard.sim.lazy`)."""
        return [e.match_id for e in self.ticker.advance(seconds)]

    def subscriptions(self) -> dict[int, set[int]]:
        """Connection id → subscribed match ids, for every open stream connection."""
        return {cid: set(c.subscriptions) for cid, c in self._clients.items()}

    def stats(self) -> dict[str, Any]:
        stats = self.counters.as_dict()
        stats.update(
            subscriptions=sum(len(c.subscriptions) for c in self._clients.values()),
            ticks=self.ticker.ticks,
            steps=self.ticker.steps,
            sim_time=self.ticker.sim_now,
            faults_injected=self.faults.injected,
            faults=dict(self.faults.counts),
            rest_faulted=self.faults.rest.hits,
        )
        return stats

    def open_connections(self) -> Iterator[ServerConnection]:
        return iter(self._listener.connections if self._listener is not None else ())

    def outboxes(self) -> Iterator[Outbox]:
        return (c.outbox for c in self._clients.values())

    def connections_with_key(self, key: str) -> Iterator[ServerConnection]:
        return (c.ws for c in self._clients.values() if c.key.key == key)
