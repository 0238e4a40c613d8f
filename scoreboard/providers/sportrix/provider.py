"""The Sportrix provider: one multiplexed stream plus the REST catalog, or polling.

`events()` runs the stream. If the stream refuses the key (HTTP 401), the
provider asks the REST live endpoint with the same key (`poller.py`): a key
with only `live_scores` can still follow scores and clocks there, so the
matches are polled instead and the refusal is not shown. If REST refuses it
too, the refusal stands. `settings.poll` (`--poll`) polls from the start.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Iterable
from typing import Any
from urllib.parse import urlsplit

from scoreboard.core.catalog import (
    MAX_CATALOG,
    catalog_entry,
    clock_texts,
    parse_catalog,
    result_text,
    score_texts,
)
from scoreboard.core.events import (
    ConnectionChanged,
    MatchRef,
    MatchSummary,
    ProviderEvent,
    ProviderStats,
)
from scoreboard.core.models import MatchId, Snapshot
from scoreboard.net.rest import RestClient, RestError, RestStatusError
from scoreboard.providers.base import ProviderSettings
from scoreboard.providers.sportrix.ids import parse_sportrix_id
from scoreboard.providers.sportrix.poller import PollOptions, SportrixPoller
from scoreboard.providers.sportrix.stream import PROVIDER, SportrixStream, StreamOptions
from scoreboard.providers.sportrix.wire import FrameError, decode_snapshot

log = logging.getLogger(__name__)


class SportrixProvider:
    """`Provider` for Sportrix: watch/unwatch map to subscribe/unsubscribe on one socket."""

    name = PROVIDER

    def __init__(
        self,
        settings: ProviderSettings,
        options: StreamOptions | None = None,
        poll_options: PollOptions | None = None,
    ) -> None:
        self.settings = settings
        self.poll_options = poll_options or PollOptions(interval=settings.poll_interval)
        #: Set once the matches are followed by polling (forced, or after a 401).
        self.poller: SportrixPoller | None = None
        self.stream = SportrixStream(
            settings.url, settings.api_key, key_source=settings.key_source, options=options
        )
        self.rest = RestClient(
            rest_base(settings),
            settings.api_key,
            key_source=settings.key_source,
            timeout=self.stream.options.open_timeout,
        )

    @property
    def stats(self) -> ProviderStats:
        return self.stream.stats

    @property
    def polling(self) -> bool:
        return self.poller is not None

    def watch(self, match_id: MatchId) -> None:
        number = self._int_id(match_id)
        self.stream.subscribe(number)
        if self.poller is not None:
            self.poller.watch(number)

    def unwatch(self, match_id: MatchId) -> None:
        try:
            number = self._int_id(match_id)
        except ValueError:
            return  # never watchable, so not watched
        self.stream.unsubscribe(number)
        if self.poller is not None:
            self.poller.unwatch(number)

    async def events(self) -> AsyncIterator[ProviderEvent]:
        """The stream's events; the poller's instead if forced or if the stream refused."""
        if self.poller is not None or self.settings.poll:
            async for event in self._poll(refusal=None):
                yield event
            return
        async for event in self.stream.events():
            if (
                isinstance(event, ConnectionChanged)
                and event.phase == "refused"
                and self.settings.api_key
            ):
                async for polled in self._poll(refusal=event.detail):
                    yield polled
                return
            yield event

    async def batches(self) -> AsyncGenerator[Iterable[ProviderEvent], None]:
        """`events()` a socket read at a time (`SportrixStream.batches`): the router's
        way in, one call per read rather than an async generator hop per frame."""
        if self.poller is not None or self.settings.poll:
            async for event in self._poll(refusal=None):
                yield (event,)
            return
        async with contextlib.aclosing(self.stream.batches()) as batches:
            async for batch in batches:
                # A refusal comes alone, in a tuple (a read's frames never do).
                first = batch[0] if type(batch) is tuple else None
                if (
                    type(first) is ConnectionChanged
                    and first.phase == "refused"
                    and self.settings.api_key
                ):
                    async for polled in self._poll(refusal=first.detail):
                        yield (polled,)
                    return
                yield batch

    async def _poll(self, refusal: str | None) -> AsyncIterator[ProviderEvent]:
        poller = self.poller
        if poller is None:
            poller = self.poller = SportrixPoller(
                self.rest.base,
                self.settings.api_key,
                key_source=self.settings.key_source,
                stats=self.stream.stats,
                options=self.poll_options,
                forced=refusal is None,
                refusal=refusal,
                rest=self.rest,
            )
            for match_id in self.stream.subscriptions:
                poller.watch(match_id)
        async for event in poller.events():
            yield event

    async def catalog(self) -> list[MatchSummary]:
        """Live matches from `GET {rest_base}/matches?status=live`; malformed entries skipped."""
        return await self._entries({"status": "live"})

    async def lookup(self, match_id: MatchId) -> MatchSummary | None:
        """`GET {rest_base}/matches/{id}`: any status; None on a 404 (no such match)."""
        try:
            body = await self.rest.get_json(f"/matches/{self._int_id(match_id)}")
        except RestStatusError as exc:
            if exc.status == 404:
                return None
            raise
        summary = _summary(body)
        if summary is None:
            raise RestError(f"{self.rest.base}/matches/{match_id}: not a usable catalog entry")
        return summary

    async def final(self, match_id: MatchId) -> Snapshot | None:
        """The last state of a match that is over, from `GET {rest_base}/matches/{id}`.

        The stream refuses finished matches; the catalog entry still has the
        final score (and a cricket result), as the TUI shows it. None when the
        match is unknown, live or scheduled, or the entry cannot be read.
        """
        try:
            body = await self.rest.get_json(f"/matches/{self._int_id(match_id)}")
        except (RestError, ValueError):
            return None
        if not isinstance(body, dict) or body.get("status") in (None, "live", "scheduled"):
            return None
        if body.get("sport") == "cricket" and "innings" not in body:
            score = body.get("score")
            both = isinstance(score, dict) and all(score.get(s) for s in ("home", "away"))
            body = body | {"innings": 2 if both else 1}
        try:
            snapshot = decode_snapshot(json.dumps(body))
        except (FrameError, TypeError, ValueError):
            return None
        return snapshot if snapshot.match_id == self._int_id(match_id) else None

    async def listing(self) -> list[MatchSummary]:
        """Every match of `GET {rest_base}/matches`, any status; malformed entries skipped."""
        return await self._entries(None)

    async def _entries(self, query: dict[str, str] | None) -> list[MatchSummary]:
        """The catalog's first `MAX_CATALOG` usable entries, parsed off the event loop."""
        body = await self.rest.get_body("/matches", query)
        try:
            found, items = await asyncio.to_thread(parse_catalog, body, _summary)
        except ValueError as exc:
            raise RestError(f"{self.rest.base}/matches: {exc}") from None
        if items > MAX_CATALOG:
            log.warning("catalog of %d entries: the first %d kept", items, MAX_CATALOG)
        return found

    async def close(self) -> None:
        await self.stream.close()
        if self.poller is not None:
            await self.poller.close()
        await self.rest.aclose()

    def _int_id(self, match_id: MatchId) -> int:
        if isinstance(match_id, str):
            return parse_sportrix_id(str(match_id))
        if isinstance(match_id, bool) or match_id <= 0:
            raise ValueError(f"match id must be a positive whole number, got {match_id!r}")
        return match_id


def _summary(item: Any) -> MatchSummary | None:
    """One catalog entry, or None if it lacks a usable id or a required text field."""
    if not isinstance(item, dict):
        return None
    match_id = item.get("match_id")
    if type(match_id) is not int or match_id <= 0:
        return None
    fields = [item.get(name) for name in ("sport", "status", "home", "away")]
    texts = [value for value in fields if isinstance(value, str)]
    if len(texts) != len(fields):
        return None
    sport, status, home, away = texts
    score_home, score_away = score_texts(sport, item.get("score"))
    return catalog_entry(
        MatchRef(PROVIDER, match_id),
        sport=sport,
        status=status,
        home=home,
        away=away,
        competition=item.get("competition"),
        start_time=item.get("start_time"),
        score_home=score_home,
        score_away=score_away,
        clock=clock_texts(item.get("clock")),
        result=result_text(item.get("result")),
    )


def rest_base(settings: ProviderSettings) -> str:
    """REST base: configured, or the stream URL's origin with `/v1`."""
    if settings.rest_url:
        return settings.rest_url.rstrip("/")
    parts = urlsplit(settings.url)
    scheme = {"wss": "https", "ws": "http"}.get(parts.scheme, parts.scheme)
    return f"{scheme}://{parts.netloc}/v1"
