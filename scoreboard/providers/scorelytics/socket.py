"""One Scorelytics match: REST snapshot, then its own socket, merged into one state.

`MatchFeed.run()` follows the provider page's suggested flow:

1. `GET {base}/v1/{sport}/matches/{id}` with the key in `X-API-Key`. The id
   does not say the sport, so the first read tries `football`, then
   `basketball` on a 404, and remembers which answered.
2. Open `ws(s)://…/v1/ws/match/{id}?api_key=…`: the key in the query, as the
   page documents it, and in the `X-API-Key` header as well. The URL with the
   key is never logged or shown: events and log lines carry `display_url`
   (no query) and every text is redacted.
3. Merge each message into the state (`scorelytics_state`); after a
   `status_change` to 3 close with 1000 and stay closed. A match whose
   snapshot already says 3 never opens a socket.
4. After any other close, wait (3 s, the page's delay; repeated failures
   double it up to `retry_cap`) and start again from 1: messages sent while
   away are lost, so the snapshot is read again.

HTTP 401, 404 and 426 (on the snapshot or the handshake) end the feed with a
`MatchFailed` for the panel: retrying cannot fix a refused key, a match that
does not exist, or a proxy that strips the upgrade headers.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus, InvalidURI

from scoreboard.core.events import (
    FrameRejected,
    MatchFailed,
    MatchRef,
    MatchStale,
    MatchUpdated,
    ProviderEvent,
    ProviderStats,
)
from scoreboard.core.text import safe_text
from scoreboard.net.backoff import Backoff
from scoreboard.net.guarded import GuardedConnect, RedactingLog
from scoreboard.net.reasons import (
    body_reason,
    closed_reason,
    connect_reason,
    frame_fault,
    status_reason,
)
from scoreboard.net.rest import RestAuthError, RestClient, RestError, RestStatusError
from scoreboard.net.urls import display_url, proxy_for
from scoreboard.providers.base import Tap
from scoreboard.providers.registry import SPECS
from scoreboard.providers.scorelytics.state import (
    SPORTS,
    MatchState,
    StatusChange,
    WireError,
    parse_message,
    parse_snapshot,
)

PROVIDER = "scorelytics"
KEY_ENV = SPECS[PROVIDER].key_env
KEY_HEADER = "X-API-Key"
FINISHED_REASON = "match finished"

log = logging.getLogger("scoreboard.providers.scorelytics.provider")
#: Where websockets' own client log goes (its debug lines quote the request line).
ws_log = logging.getLogger("scoreboard.providers.scorelytics.websockets")


@dataclass(frozen=True, slots=True)
class ScorelyticsOptions:
    """Timings and limits of the match feeds; tests shrink them."""

    #: Wait after a close before reading the snapshot again (the page: 3 s).
    retry_delay: float = 3.0
    #: Consecutive failures double the wait up to this.
    retry_cap: float = 30.0
    #: A socket up this long resets the wait to `retry_delay`.
    healthy_after: float = 10.0
    open_timeout: float = 10.0
    ping_interval: float | None = 20.0
    ping_timeout: float = 20.0
    close_timeout: float = 2.0
    #: Largest message accepted; a bigger one drops the socket (then reconnect).
    max_message_bytes: int = 1 << 20
    #: As `StreamOptions.proxy`: None is direct for loopback, the system proxy otherwise.
    proxy: str | bool | None = None
    #: Called with every REST snapshot and socket message as received (`--record`).
    tap: Tap | None = None


class FeedFailed(Exception):
    """The feed cannot go on; the message is for the match's panel."""


class Endpoints:
    """Where a match lives, and the one place the key meets a URL."""

    def __init__(self, url: str, rest_url: str | None, api_key: str | None) -> None:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        ws_scheme = {"http": "ws", "https": "wss"}.get(scheme, scheme)
        rest_scheme = {"ws": "http", "wss": "https"}.get(scheme, scheme)
        path = parts.path.rstrip("/")
        self.ws_base = f"{ws_scheme}://{parts.netloc}{path}"
        self.rest_base = (rest_url or f"{rest_scheme}://{parts.netloc}{path}").rstrip("/")
        self._key = api_key or None
        #: Every form of the key that could appear in a text: raw first, then URL-quoted.
        self.secrets: list[str] = []
        if self._key:
            quoted = quote(self._key, safe="")
            self.secrets = [self._key] + ([quoted] if quoted != self._key else [])

    @property
    def key(self) -> str:
        return self._key or ""

    def socket_display(self, match_id: str) -> str:
        """The socket URL without the key: what logs and events may show."""
        return display_url(f"{self.ws_base}/v1/ws/match/{quote(match_id, safe='')}")

    def socket_url(self, match_id: str) -> str:
        """The socket URL with `?api_key=` (the page's form). Never log or show it."""
        return f"{self.socket_display(match_id)}?api_key={quote(self._key or '', safe='')}"

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<redacted>")
        return text


Emit = Callable[["MatchFeed", ProviderEvent], None]


class MatchFeed:
    """REST snapshot + socket for one match; reports through `emit` and `on_phase`."""

    def __init__(
        self,
        match_id: str,
        endpoints: Endpoints,
        rest: RestClient,
        *,
        key_source: str,
        emit: Emit,
        on_phase: Callable[[MatchFeed], None],
        stats: ProviderStats,
        options: ScorelyticsOptions,
    ) -> None:
        self.match_id = match_id
        self.ref = MatchRef(PROVIDER, match_id)
        self.endpoints = endpoints
        self.rest = rest
        self.key_source = key_source
        self.options = options
        self.stats = stats
        self._emit = emit
        self._on_phase = on_phase
        #: connecting, live, reconnecting, finished or failed.
        self.phase = "connecting"
        self.reason = ""
        self.retry_at: float | None = None
        self.attempt = 0
        self.sport: str | None = None
        self.state: MatchState | None = None
        self._backoff = Backoff(options.retry_delay, options.retry_cap, jitter=0.0)

    # -- the loop ------------------------------------------------------------------

    async def run(self) -> None:
        try:
            await self._run()
        except FeedFailed as exc:
            message = self.endpoints.redact(str(exc))
            log.warning("scorelytics match %s: %s", self.match_id, message)
            self._emit(self, MatchFailed(self.ref, message, final=True))
            self._set("failed", message)

    async def _run(self) -> None:
        if not self.endpoints.secrets:
            raise FeedFailed(
                f"no Scorelytics API key: set {KEY_ENV} or api_key in the "
                "[scorelytics] section of the config file"
            )
        while True:
            self._set("connecting")
            reason = await self._once()
            if reason is None:
                self._set("finished", FINISHED_REASON)
                return
            delay = self._backoff.next_delay()
            self.stats.reconnects += 1
            self.attempt = self._backoff.attempt
            self.retry_at = time.monotonic() + delay
            log.info("scorelytics match %s: %s; again in %.1f s", self.match_id, reason, delay)
            self._emit(self, MatchStale(self.ref, True, reason))
            self._set("reconnecting", reason)
            await asyncio.sleep(delay)
            self.retry_at = None

    async def _once(self) -> str | None:
        """Snapshot, then socket until it closes: why it ended, or None when finished."""
        try:
            state = await self._read_snapshot()
        except RestError as exc:
            return self.endpoints.redact(str(exc))
        except WireError as exc:
            self._reject(exc.kind, exc.reason)
            return f"unusable snapshot: {exc.reason}"
        self.state = state
        self._emit(self, MatchUpdated(self.ref, state.snapshot()))
        if state.finished:
            return None
        where = self.endpoints.socket_display(self.match_id)
        try:
            ws = await self._connect()
        except InvalidStatus as exc:
            return self._refused(exc.response.status_code, exc.response.body)
        except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
            return self.endpoints.redact(connect_reason(exc))
        opened = time.monotonic()
        self.stats.connects += 1
        log.info("scorelytics match %s: socket open to %s", self.match_id, where)
        self._set("live", where)
        try:
            reason = await self._receive(ws, state)
        finally:
            await ws.close()
        if reason is not None and time.monotonic() - opened >= self.options.healthy_after:
            self._backoff.reset()
        return reason

    async def _read_snapshot(self) -> MatchState:
        match_path = quote(self.match_id, safe="")
        for sport in (self.sport,) if self.sport else SPORTS:
            try:
                body = await self.rest.get_json(f"/v1/{sport}/matches/{match_path}")
            except RestAuthError as exc:
                raise FeedFailed(self._key_refused(exc.reason)) from None
            except RestStatusError as exc:
                if exc.status == 404:
                    continue
                if exc.status == 426:
                    raise FeedFailed(_UPGRADE_MESSAGE) from None
                raise
            tap = self.options.tap
            if tap is not None:
                # The REST client hands over the decoded body; recorded as JSON again.
                tap("snapshot", json.dumps(body, ensure_ascii=False), self.match_id, sport, True)
            state = parse_snapshot(body, self.match_id, sport)
            self.sport = sport
            return state
        sports = self.sport or " or ".join(SPORTS)
        raise FeedFailed(f"HTTP 404: Scorelytics has no {sports} match {self.match_id}")

    def _connect(self) -> GuardedConnect:
        opts = self.options
        url = self.endpoints.socket_url(self.match_id)
        return GuardedConnect(
            url,
            additional_headers={KEY_HEADER: self.endpoints.key},
            compression=None,  # a few small messages a second: not worth deflate
            proxy=proxy_for(self.endpoints.ws_base, opts.proxy),
            open_timeout=opts.open_timeout,
            ping_interval=opts.ping_interval,
            ping_timeout=opts.ping_timeout,
            close_timeout=opts.close_timeout,
            max_size=opts.max_message_bytes,
            logger=RedactingLog(ws_log, self.endpoints.redact),
        )

    async def _receive(self, ws: ClientConnection, state: MatchState) -> str | None:
        """Apply messages until the socket closes (its reason) or the match ends (None)."""
        stats = self.stats
        tap = self.options.tap
        while True:
            try:
                raw = await ws.recv()
            except ConnectionClosed as exc:
                limit = self.options.max_message_bytes
                fault = frame_fault(exc, max_size=limit, noun="message")
                if fault is not None:
                    self._reject(*fault)
                return self.endpoints.redact(
                    closed_reason(
                        exc,
                        max_size=self.options.max_message_bytes,
                        ping_timeout=self.options.ping_timeout,
                    )
                )
            stats.frames += 1
            stats.last_frame_at = time.time()
            try:
                message = parse_message(raw)
            except WireError as exc:
                if tap is not None:
                    tap("message", raw, self.match_id, None, False)
                self._reject(exc.kind, exc.reason)
                continue
            if tap is not None:
                tap("message", raw, self.match_id, None, True)
            if message.match_id != self.match_id:
                self._reject(
                    "other_match",
                    f"a message for match {safe_text(message.match_id, 24)!r} "
                    f"on the socket of {self.match_id}",
                )
                continue
            if state.apply(message):
                self._emit(self, MatchUpdated(self.ref, state.snapshot()))
            if isinstance(message, StatusChange) and state.finished:
                await ws.close(1000, FINISHED_REASON)
                log.info("scorelytics match %s finished: socket closed", self.match_id)
                return None

    # -- helpers ---------------------------------------------------------------------

    def _refused(self, status: int, body: bytes | bytearray | None) -> str:
        """A handshake answered `status`: final for 401/404/426, else a reason to retry."""
        said = self.endpoints.redact(body_reason(body))
        if status == 401:
            raise FeedFailed(self._key_refused(said))
        said = f" (server said: {said})" if said else ""
        if status == 404:
            raise FeedFailed(f"HTTP 404: Scorelytics has no match {self.match_id}{said}")
        if status == 426:
            raise FeedFailed(_UPGRADE_MESSAGE)
        return self.endpoints.redact(status_reason(status, body))

    def _key_refused(self, said: str) -> str:
        """The panel's whole explanation of a 401 (snapshot or handshake)."""
        said = f" (server said: {self.endpoints.redact(said)})" if said else ""
        return (
            f"HTTP 401: Scorelytics refused the API key from {self.key_source}{said}; "
            "the key may be missing, invalid or expired. Set the right key and start again."
        )

    def _reject(self, kind: str, reason: str) -> None:
        self.stats.reject(kind)
        log.debug("scorelytics message rejected (%s): %s", kind, reason)
        self._emit(self, FrameRejected(PROVIDER, kind, reason))

    def _set(self, phase: str, reason: str = "") -> None:
        self.phase = phase
        self.reason = reason
        self._on_phase(self)


_UPGRADE_MESSAGE = (
    "HTTP 426: the server got no WebSocket upgrade headers; a proxy on the way "
    "may be stripping them. Not retrying."
)
