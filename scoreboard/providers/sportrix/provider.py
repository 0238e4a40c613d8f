"""The Sportrix provider: one multiplexed stream plus the REST catalog."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

from scoreboard.core.events import MatchRef, MatchSummary, ProviderEvent, ProviderStats
from scoreboard.core.models import MatchId
from scoreboard.net.rest import RestClient, RestError
from scoreboard.providers.base import ProviderSettings
from scoreboard.providers.sportrix.ids import parse_sportrix_id
from scoreboard.providers.sportrix.stream import PROVIDER, SportrixStream, StreamOptions


class SportrixProvider:
    """`Provider` for Sportrix: watch/unwatch map to subscribe/unsubscribe on one socket."""

    name = PROVIDER

    def __init__(self, settings: ProviderSettings, options: StreamOptions | None = None) -> None:
        self.settings = settings
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

    def watch(self, match_id: MatchId) -> None:
        self.stream.subscribe(self._int_id(match_id))

    def unwatch(self, match_id: MatchId) -> None:
        try:
            self.stream.unsubscribe(self._int_id(match_id))
        except ValueError:
            return  # never watchable, so not watched

    def events(self) -> AsyncIterator[ProviderEvent]:
        return self.stream.events()

    async def catalog(self) -> list[MatchSummary]:
        """Live matches from `GET {rest_base}/matches?status=live`; malformed entries skipped."""
        body = await self.rest.get_json("/matches", {"status": "live"})
        if not isinstance(body, list):
            raise RestError(f"{self.rest.base}/matches: expected a JSON list of matches")
        return [summary for item in body if (summary := _summary(item)) is not None]

    async def close(self) -> None:
        await self.stream.close()

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
    competition = item.get("competition")
    start_time = item.get("start_time")
    return MatchSummary(
        ref=MatchRef(PROVIDER, match_id),
        sport=sport,
        status=status,
        home=home,
        away=away,
        competition=competition if isinstance(competition, str) else "",
        start_time=start_time if isinstance(start_time, str) else "",
    )


def rest_base(settings: ProviderSettings) -> str:
    """REST base: configured, or the stream URL's origin with `/v1`."""
    if settings.rest_url:
        return settings.rest_url.rstrip("/")
    parts = urlsplit(settings.url)
    scheme = {"wss": "https", "ws": "http"}.get(parts.scheme, parts.scheme)
    return f"{scheme}://{parts.netloc}/v1"
