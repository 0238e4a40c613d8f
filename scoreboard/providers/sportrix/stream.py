"""One WebSocket to the Sportrix stream, carrying every watched match.

`SportrixStream.events()` (or `batches()`, the same a socket read at a time)
owns the socket for as long as it is iterated: it connects with the key in
the `X-API-Key` header, subscribes every watched match, decodes and routes
each frame, and reconnects with capped, jittered backoff after anything but
a refused key (HTTP 401), which is final.

Error frames carry no `match_id`. The server handles one connection's control
messages in order and answers every subscribe with exactly one `snapshot` or
`error`, so an error belongs to the oldest subscribe still waiting. To keep
that bookkeeping exact, a match unwatched while its subscribe is pending is
not unsubscribed at once (the server would withdraw its queued snapshot and
leave a hole in the order): the unsubscribe goes out when the answer arrives.

The key never leaves the handshake header: it is kept out of every event,
exception and log line, including websockets' own debug log of the headers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import AsyncGenerator, AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from typing import cast

from websockets.exceptions import (
    ConnectionClosed,
    InvalidHandshake,
    InvalidStatus,
    InvalidURI,
)
from websockets.frames import CloseCode
from websockets.protocol import State

from scoreboard.core.events import (
    ConnectionChanged,
    FrameRejected,
    MatchFailed,
    MatchRef,
    MatchUpdated,
    Notice,
    ProviderEvent,
    ProviderStats,
)
from scoreboard.core.models import MatchId
from scoreboard.core.text import safe_text
from scoreboard.net.backoff import Backoff
from scoreboard.net.batched import BatchedConnection, as_text
from scoreboard.net.guarded import GuardedConnect, RedactingLog
from scoreboard.net.reasons import (
    REASON_LIMIT,
    body_reason,
    closed_reason,
    connect_reason,
    frame_fault,
    status_reason,
    without_query_key_advice,
)
from scoreboard.net.urls import display_url, proxy_for
from scoreboard.providers.base import RunTap, Tap
from scoreboard.providers.registry import SPECS
from scoreboard.providers.sportrix.link import Link
from scoreboard.providers.sportrix.wire import (
    ErrorFrame,
    FrameError,
    SnapshotFrame,
    decode_frame,
)

PROVIDER = "sportrix"
KEY_ENV = SPECS[PROVIDER].key_env
KEY_HEADER = "X-API-Key"
#: What a 401 can mean, from the provider's overview page.
REFUSAL_CAUSES = (
    "the key may be missing, invalid, disabled, expired, or lack the live_scores_statistics scope"
)

log = logging.getLogger(__name__)


#: Where websockets' own client log goes (instead of "websockets.client").
ws_log = logging.getLogger(f"{__name__}.websockets")


@dataclass(frozen=True, slots=True)
class StreamOptions:
    """Limits and timings of one stream; tests shrink them."""

    #: Largest frame accepted; a bigger one drops the connection (then reconnect).
    max_frame_bytes: int = 1 << 20
    #: Messages the socket may hold before it stops reading until the stream
    #: takes them (`BatchedConnection.take`); a read of the flood (256 KiB) is
    #: far more, so reading pauses once a read and resumes when it is taken.
    #: At worst 64 x `max_frame_bytes` plus one read.
    max_queue: int = 64
    open_timeout: float = 10.0
    ping_interval: float = 5.0
    ping_timeout: float = 10.0
    #: No answer to a pending subscribe for this long (since it was sent or since
    #: the previous answer) means the server stalled: reconnect.
    answer_timeout: float = 10.0
    #: How long our own close handshake may take before the socket is dropped.
    close_timeout: float = 2.0
    backoff_base: float = 0.5
    #: With jitter the worst wait is the cap; 10 s keeps recovery within 15 s.
    backoff_cap: float = 10.0
    #: A connection up this long (with frames flowing) resets the backoff.
    healthy_after: float = 10.0
    #: None: direct for loopback hosts, the system proxy otherwise; False: direct;
    #: True: the system proxy; a string: that proxy's URL.
    proxy: str | bool | None = None
    #: Jitter source; pass `random.Random(seed)` for repeatable delays.
    rng: random.Random | None = None
    tap: Tap | None = None  # `--record`: each read, then each refused frame again
    tap_run: RunTap | None = None


class SportrixStream:
    """The multiplexed Sportrix stream: subscriptions, routing, reconnects.

    `subscribe`/`unsubscribe` may be called at any time from the event loop's
    thread; `events()` runs the connection and yields `ProviderEvent`s.
    """

    def __init__(
        self,
        url: str,
        api_key: str | None,
        *,
        key_source: str = "no key configured",
        options: StreamOptions | None = None,
    ) -> None:
        self.url = url
        self.key_source = key_source
        self.options = options or StreamOptions()
        self.stats = ProviderStats()
        self._key = api_key or None
        opts = self.options
        self._backoff = Backoff(opts.backoff_base, opts.backoff_cap, rng=opts.rng)
        #: Watched matches in the order they were added (dict as an ordered set).
        self._desired: dict[int, None] = {}
        self._refs: dict[MatchId, MatchRef] = {}
        self._link: Link | None = None
        self._closing = asyncio.Event()
        self._running = False

    # -- subscriptions -----------------------------------------------------------

    @property
    def subscriptions(self) -> frozenset[int]:
        """The matches being watched (subscribed, or to be on the next connect)."""
        return frozenset(self._desired)

    def subscribe(self, match_id: int) -> None:
        """Watch `match_id`: subscribe now if connected, else on connect."""
        if isinstance(match_id, bool) or not isinstance(match_id, int) or match_id <= 0:
            raise ValueError(f"match id must be a positive integer, got {match_id!r}")
        if match_id in self._desired:
            return
        self._desired[match_id] = None
        link = self._link
        if link is not None:
            link.subscribe(match_id, time.monotonic())

    def unsubscribe(self, match_id: int) -> None:
        """Stop watching `match_id`; no `MatchUpdated` for it is yielded afterwards."""
        if match_id not in self._desired:
            return
        del self._desired[match_id]
        if self._link is not None:
            self._link.unsubscribe(match_id)

    # -- running -------------------------------------------------------------------

    async def close(self) -> None:
        """End `events()`: close the socket; the iterator yields `closed` and stops."""
        self._closing.set()
        link = self._link
        if link is not None:
            await link.ws.close()

    async def events(self) -> AsyncIterator[ProviderEvent]:
        """Connect, keep connected, and yield events until refused or closed."""
        async with contextlib.aclosing(self.batches()) as batches:
            async for batch in batches:
                for event in batch:
                    yield event

    async def batches(self) -> AsyncGenerator[Iterable[ProviderEvent], None]:
        """`events()` a socket read at a time: the events of one read in one iterable.

        The per-frame path (the app's router) takes a read's events in one
        call instead of one async generator hop per frame. A read's events
        are a plain generator that decodes each frame as it is asked for (a
        frame decoded is routed before the next is decoded: what it made is
        still in the CPU's cache), to be iterated in full before the next
        batch is asked for. Everything else comes as a tuple.
        """
        if self._running:
            raise RuntimeError("events() is already running for this stream")
        self._running = True
        try:
            if not self._key:
                yield (self._no_key(),)
                return
            backoff = self._backoff
            while not self._closing.is_set():
                yield (
                    ConnectionChanged(
                        PROVIDER, "connecting", display_url(self.url), attempt=backoff.attempt
                    ),
                )
                reason: str
                longest = False
                try:
                    ws = cast(BatchedConnection, await self._connect())
                except InvalidStatus as exc:
                    if exc.response.status_code == 401:
                        detail = self._refusal(exc)
                        log.warning("sportrix stream refused: %s", detail)
                        yield (ConnectionChanged(PROVIDER, "refused", detail),)
                        return
                    reason, longest = self._status_failure(exc, backoff.cap)
                except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
                    reason = self._redact(connect_reason(exc))
                else:
                    if self._closing.is_set():
                        await ws.close()
                        break
                    link = Link(ws, time.monotonic())
                    async with contextlib.aclosing(self._connected(ws, link)) as reads:
                        async for batch in reads:
                            yield batch
                    reason = link.ended
                if self._closing.is_set():
                    break
                said = self._reconnecting(reason, longest)
                yield (said,)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), said.retry_in)
            log.info("sportrix stream closed")
            yield (ConnectionChanged(PROVIDER, "closed", "stream closed"),)
        finally:
            self._running = False

    def _status_failure(self, exc: InvalidStatus, cap: float) -> tuple[str, bool]:
        """Why a handshake was answered with an HTTP status other than 401, and whether
        to wait the longest before asking again: a wrong path (404) stays wrong, so it
        is asked as seldom as the cap allows, and the reason says so."""
        reason = self._redact(status_reason(exc.response.status_code, exc.response.body))
        longest = exc.response.status_code == 404
        if longest:
            reason += f"; asking every {cap:g} s"
        return reason, longest

    async def _connected(
        self, ws: BatchedConnection, link: Link
    ) -> AsyncGenerator[Iterable[ProviderEvent], None]:
        """One open socket: subscribe every watched match, then each read's events
        until it closes (why: `link.ended`); the socket is closed on the way out."""
        self._link = link
        self.stats.connects += 1
        for wanted in self._desired:
            link.subscribe(wanted, link.opened_at)
        helpers = (
            asyncio.create_task(link.write()),
            asyncio.create_task(self._watch_answers(link)),
        )
        log.info(
            "sportrix stream connected to %s (%d matches)",
            display_url(self.url),
            len(self._desired),
        )
        try:
            yield (ConnectionChanged(PROVIDER, "live", display_url(self.url)),)
            take = ws.take
            while True:
                try:
                    messages = await take()
                except ConnectionClosed as exc:
                    link.ended = link.fault or self._closed_reason(exc)
                    limit = self.options.max_frame_bytes
                    fault = frame_fault(exc, max_size=limit, noun="frame")
                    if fault is not None:
                        yield (self._reject(*fault),)
                    break
                yield self._read(link, messages)
        finally:
            self._link = None
            for task in helpers:
                task.cancel()
            try:
                await asyncio.gather(*helpers, return_exceptions=True)
                # Closed before any new socket is opened: one at a time.
                await ws.close()
            finally:
                # A close handshake cut short (the app exiting cancels
                # this task) must not leave the socket open behind us.
                if ws.state is not State.CLOSED:
                    ws.transport.abort()
        up = time.monotonic() - link.opened_at
        if up >= self.options.healthy_after and (link.frames or not self._desired):
            self._backoff.reset()
        log.info("sportrix stream disconnected after %.1f s: %s", up, link.ended)

    def _read(self, link: Link, messages: list[bytes]) -> Iterator[ProviderEvent]:
        """One read's messages as events, in order, each decoded when asked for:
        the per-frame path, kept lean."""
        count = len(messages)
        link.frames += count
        stats = self.stats
        stats.frames += count
        stats.last_frame_at = time.time()
        tap, tap_run = self.options.tap, self.options.tap_run
        if tap_run is not None:  # all of it; `tap` takes refusals back
            tap_run("frame", messages)
        desired, refs, decode = self._desired, self._refs, decode_frame
        for raw in messages:
            try:
                frame = decode(raw)
            except FrameError as exc:
                if tap is not None:
                    tap("frame", as_text(raw), None, None, False)
                yield self._reject(exc.kind, exc.reason)
                continue
            if type(frame) is SnapshotFrame:
                snapshot = frame.snapshot
                match_id = snapshot.match_id
                if link.pending and frame.op == "snapshot":
                    link.snapshot_arrived(match_id)
                if match_id in desired:
                    ref = refs.get(match_id) or self._ref(match_id)
                    yield MatchUpdated(ref, snapshot, frame.sent_at)
                else:
                    yield self._reject("unsubscribed", f"data for match {match_id}, not watched")
            else:
                event = self._error_event(link, cast(ErrorFrame, frame).error)
                if event is not None:
                    yield event

    # -- helpers ---------------------------------------------------------------------

    def _no_key(self) -> ConnectionChanged:
        detail = (
            f"no API key: set {KEY_ENV} or api_key in the config file "
            f"(a key with the live_scores_statistics scope)"
        )
        log.warning("sportrix stream not started: %s", detail)
        return ConnectionChanged(PROVIDER, "refused", detail)

    def _reconnecting(self, reason: str, longest: bool) -> ConnectionChanged:
        """Count a reconnect and say it; its `retry_in` is the wait before it."""
        backoff = self._backoff
        delay = backoff.longest() if longest else backoff.next_delay()
        self.stats.reconnects += 1
        log.info(
            "sportrix stream reconnecting in %.2f s (attempt %d): %s",
            delay,
            backoff.attempt,
            reason,
        )
        return ConnectionChanged(
            PROVIDER, "reconnecting", reason, retry_in=delay, attempt=backoff.attempt
        )

    def _connect(self) -> GuardedConnect:
        opts = self.options
        return GuardedConnect(
            self.url,
            # Whole batches of messages per read, common frames parsed in one
            # loop (`net/batched.py`); everything else is websockets' own.
            create_connection=BatchedConnection,
            additional_headers={KEY_HEADER: self._key or ""},
            # Frames are small full snapshots arriving at high rates: deflate
            # would cost CPU per frame and memory per socket for little gain on
            # the links this runs over, and keeps decompression out of the
            # `max_size` story. Off on purpose.
            compression=None,
            proxy=proxy_for(self.url, opts.proxy),
            open_timeout=opts.open_timeout,
            ping_interval=opts.ping_interval,
            ping_timeout=opts.ping_timeout,
            close_timeout=opts.close_timeout,
            max_size=opts.max_frame_bytes,
            max_queue=opts.max_queue,
            logger=RedactingLog(ws_log, self._redact),
        )

    async def _watch_answers(self, link: Link) -> None:
        """Close the socket if the oldest subscribe waits longer than `answer_timeout`."""
        limit = self.options.answer_timeout
        tick = max(0.02, limit / 4)
        while True:
            await asyncio.sleep(tick)
            if link.oldest_wait(time.monotonic()) > limit:
                link.fault = f"server stalled: a subscribe got no answer within {limit:g} s"
                log.info("sportrix stream: %s", link.fault)
                await link.ws.close(CloseCode.GOING_AWAY, "no answer")
                return

    def _ref(self, match_id: MatchId) -> MatchRef:
        ref = self._refs[match_id] = MatchRef(PROVIDER, match_id)
        return ref

    def _reject(self, kind: str, reason: str) -> FrameRejected:
        self.stats.reject(kind)
        log.debug("sportrix frame rejected (%s): %s", kind, reason)
        return FrameRejected(PROVIDER, kind, reason)

    def _error_event(self, link: Link, error: str) -> ProviderEvent | None:
        text = self._redact(safe_text(error, REASON_LIMIT))
        entry = link.error_arrived()
        if entry is None:
            return Notice(PROVIDER, f"server error: {text}")
        if entry.cancelled:
            log.debug("sportrix error for match %d, no longer watched: %s", entry.match_id, text)
            return None
        # The contract: a sport outside the key's allowlist is an error frame saying the
        # sport "is not enabled" for the key. Asking again cannot change that.
        final = "not enabled" in text.lower()
        ref = self._refs.get(entry.match_id) or self._ref(entry.match_id)
        return MatchFailed(ref, text, final=final, kind="not_enabled" if final else "")

    def _refusal(self, exc: InvalidStatus) -> str:
        reason = without_query_key_advice(body_reason(exc.response.body))
        said = f" Server said: {self._redact(reason)}" if reason else ""
        return (
            f"the server refused the API key from {self.key_source} (HTTP 401): "
            f"{REFUSAL_CAUSES}.{said}"
        )

    def _closed_reason(self, exc: ConnectionClosed) -> str:
        if self._closing.is_set():
            return "closed by the app"
        opts = self.options
        reason = closed_reason(exc, max_size=opts.max_frame_bytes, ping_timeout=opts.ping_timeout)
        return self._redact(reason)

    def _redact(self, text: str) -> str:
        key = self._key
        return text.replace(key, "<redacted>") if key and key in text else text
