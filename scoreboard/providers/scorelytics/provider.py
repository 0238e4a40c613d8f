"""The Scorelytics provider: a REST snapshot and a socket per match, one event stream.

Each watched match runs its own `MatchFeed` task (`socket.py`);
their events meet in one queue that `events()` yields from. Trouble with one
match's socket is that match's business: `MatchStale` and `MatchFailed` go
to its panel. The provider-level `ConnectionChanged` (always `per_match`)
sums the sockets up for the status bar:

| phase | when |
|---|---|
| `reconnecting` | some socket is waiting to reconnect (`retry_in`: the soonest) |
| `connecting` | some socket is being opened, none waiting |
| `live` | every match that should have a socket has it open |
| `closed` | no socket open or wanted: no match, or all finished or failed |

`refused` is never used: a refused key is reported on each match's panel
(the key may be good for one endpoint and not another, and the app's
full-screen refusal would hide another provider's panels).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from functools import partial
from typing import Any

from scoreboard.core.catalog import MAX_CATALOG, catalog_entry, parse_catalog
from scoreboard.core.events import (
    ConnectionChanged,
    ConnectionPhase,
    MatchRef,
    MatchSummary,
    ProviderEvent,
    ProviderStats,
)
from scoreboard.core.models import MatchId
from scoreboard.net.rest import RestClient, RestError, RestStatusError
from scoreboard.net.urls import display_url
from scoreboard.providers.base import ProviderSettings
from scoreboard.providers.scorelytics.ids import parse_scorelytics_id
from scoreboard.providers.scorelytics.socket import (
    PROVIDER,
    Endpoints,
    MatchFeed,
    ScorelyticsOptions,
)
from scoreboard.providers.scorelytics.state import (
    LIVE,
    NORMALISED_SPORT,
    SCHEDULED,
    SPORTS,
    WireError,
    parse_snapshot,
    status_text,
)

_CLOSE = object()


class ScorelyticsProvider:
    """`Provider` for Scorelytics: watch/unwatch start and stop a match's feed."""

    name = PROVIDER

    def __init__(
        self, settings: ProviderSettings, options: ScorelyticsOptions | None = None
    ) -> None:
        self.settings = settings
        self.options = options or ScorelyticsOptions()
        self.stats = ProviderStats()
        self.endpoints = Endpoints(settings.url, settings.rest_url, settings.api_key)
        self.rest = RestClient(
            self.endpoints.rest_base,
            settings.api_key,
            key_source=settings.key_source,
            timeout=self.options.open_timeout,
        )
        self._feeds: dict[str, MatchFeed] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._queue: asyncio.Queue[tuple[MatchFeed | None, Any]] | None = None
        self._last_phase: tuple[str, str, int] | None = None
        self._running = False
        self._closing = False

    # -- Provider ------------------------------------------------------------------

    def watch(self, match_id: MatchId) -> None:
        key = parse_scorelytics_id(str(match_id))
        if key in self._feeds:
            return
        feed = MatchFeed(
            key,
            self.endpoints,
            self.rest,
            key_source=self.settings.key_source,
            emit=self._put_from,
            on_phase=self._phase_changed,
            stats=self.stats,
            options=self.options,
        )
        self._feeds[key] = feed
        if self._running:
            self._start(feed)

    def unwatch(self, match_id: MatchId) -> None:
        try:
            key = parse_scorelytics_id(str(match_id))
        except ValueError:
            return  # never watchable, so not watched
        if self._feeds.pop(key, None) is None:
            return
        task = self._tasks.pop(key, None)
        if task is not None:
            task.cancel()  # closes its socket on the way out
        self._publish_phase()

    async def events(self) -> AsyncIterator[ProviderEvent]:
        """Run every watched match's feed and yield their events until `close()`."""
        if self._running:
            raise RuntimeError("events() is already running for this provider")
        self._running = True
        self._closing = False
        queue: asyncio.Queue[tuple[MatchFeed | None, Any]] = asyncio.Queue()
        self._queue = queue
        self._last_phase = None
        try:
            for feed in self._feeds.values():
                self._start(feed)
            self._publish_phase()
            while True:
                source, event = await queue.get()
                if event is _CLOSE:
                    break
                if source is not None and self._feeds.get(source.match_id) is not source:
                    continue  # unwatched since: nothing more for its panel
                yield event
            yield ConnectionChanged(PROVIDER, "closed", "provider closed", per_match=True)
        finally:
            await self._stop_feeds()
            self._queue = None
            self._running = False

    async def lookup(self, match_id: MatchId) -> MatchSummary | None:
        """Not needed: a Scorelytics feed reads the match itself and says why it failed
        (`MatchFailed` is always final here), so the app never asks."""
        raise OSError("Scorelytics matches are looked up by their own feed")

    async def catalog(self) -> list[MatchSummary]:
        """Live matches of both sports (`GET /v1/{sport}/matches`); malformed entries skipped."""
        return [entry for entry in await self.listing() if entry.status == status_text(LIVE)]

    async def listing(self) -> list[MatchSummary]:
        """Every match of both sports, any status; malformed entries skipped."""
        found: list[MatchSummary] = []
        for sport in SPORTS:
            try:
                body = await self.rest.get_body(f"/v1/{sport}/matches")
            except RestStatusError as exc:
                if exc.status == 404:
                    continue  # this sport is not offered
                raise
            room = MAX_CATALOG - len(found)
            try:  # off the event loop, and no more than the cap built
                entries, _ = await asyncio.to_thread(
                    parse_catalog, body, partial(_summary, sport=sport), room
                )
            except ValueError:
                where = f"{self.rest.base}/v1/{sport}/matches"
                raise RestError(f"{where}: expected a JSON list") from None
            found.extend(entries)
        return found

    async def close(self) -> None:
        self._closing = True
        if self._queue is not None:
            self._queue.put_nowait((None, _CLOSE))
        await self._stop_feeds()
        await self.rest.aclose()

    # -- feeds -----------------------------------------------------------------------

    def _start(self, feed: MatchFeed) -> None:
        old = self._tasks.get(feed.match_id)
        if old is not None and not old.done():
            return
        self._tasks[feed.match_id] = asyncio.create_task(
            feed.run(), name=f"scorelytics:{feed.match_id}"
        )

    async def _stop_feeds(self) -> None:
        tasks = list(self._tasks.values())
        self._tasks.clear()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _put_from(self, feed: MatchFeed, event: ProviderEvent) -> None:
        if self._queue is not None and self._feeds.get(feed.match_id) is feed:
            self._queue.put_nowait((feed, event))

    def _phase_changed(self, feed: MatchFeed) -> None:
        if self._feeds.get(feed.match_id) is feed:
            self._publish_phase()

    def _publish_phase(self) -> None:
        """Queue the provider-level summary if it changed."""
        if self._queue is None or self._closing:
            return
        event = self.connection()
        key = (event.phase, event.detail, event.attempt)
        if key != self._last_phase:
            self._last_phase = key
            self._queue.put_nowait((None, event))

    def connection(self) -> ConnectionChanged:
        """The sockets summed up for the status bar (see the module docstring)."""
        feeds = list(self._feeds.values())
        where = display_url(self.endpoints.ws_base)
        by_phase: dict[str, list[MatchFeed]] = {}
        for feed in feeds:
            by_phase.setdefault(feed.phase, []).append(feed)
        up = len(by_phase.get("live", ()))
        waiting = by_phase.get("reconnecting", [])
        opening = by_phase.get("connecting", [])
        wanted = up + len(waiting) + len(opening)
        phase: ConnectionPhase
        retry_in = None
        attempt = 0
        if waiting:
            phase = "reconnecting"
            first = min(waiting, key=lambda f: f.retry_at or 0.0)
            retry_in = max(0.0, (first.retry_at or 0.0) - time.monotonic())
            attempt = max(f.attempt for f in waiting)
            detail = f"{up} of {wanted} match sockets up; {first.match_id}: {first.reason}"
        elif opening:
            phase = "connecting"
            detail = f"opening {len(opening)} of {wanted} match sockets to {where}"
        elif up:
            phase = "live"
            detail = f"{up} match socket{'s' if up != 1 else ''} open to {where}"
        else:
            phase = "closed"
            detail = "no match followed" if not feeds else "no match socket open"
        ended = [f"{len(by_phase[p])} {p}" for p in ("finished", "failed") if by_phase.get(p)]
        if ended:
            detail += f" ({', '.join(ended)})"
        return ConnectionChanged(
            PROVIDER, phase, detail, retry_in=retry_in, attempt=attempt, per_match=True
        )


def _summary(item: Any, sport: str) -> MatchSummary | None:
    """A catalog entry, or None if unusable."""
    if not isinstance(item, dict):
        return None
    raw_id = item.get("id")
    if not isinstance(raw_id, str):
        return None
    try:
        match_id = parse_scorelytics_id(raw_id)
        state = parse_snapshot(item, match_id, sport)
    except (ValueError, WireError):
        return None
    snap = state.snapshot()
    started = state.status_code != SCHEDULED
    minute = item.get("minute")
    return catalog_entry(
        MatchRef(PROVIDER, match_id),
        sport=NORMALISED_SPORT[sport],
        status=status_text(state.status_code),
        home=snap.home,
        away=snap.away,
        score_home=str(snap.score.home) if started else "",
        score_away=str(snap.score.away) if started else "",
        clock=f"{minute}'" if state.status_code == LIVE and type(minute) is int else "",
    )
