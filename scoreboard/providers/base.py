"""What every provider gives the UI: a stream of events and a catalog.

A provider turns one data source (Sportrix's multiplexed stream, Scorelytics'
per-match sockets) into one async stream of `ProviderEvent`s carrying the
normalised models of `scoreboard.feed`. The UI knows only this interface and
`scoreboard.feed.events`, so a new provider touches no widget.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from scoreboard.feed.events import MatchSummary, ProviderEvent, ProviderStats
from scoreboard.feed.models import MatchId


class Provider(Protocol):
    """A source of live matches."""

    name: str
    stats: ProviderStats

    def parse_id(self, text: str) -> MatchId:
        """A user-typed id as this provider's id; `ValueError` with a clear message if not."""
        ...

    def watch(self, match_id: MatchId) -> None:
        """Start following a match (subscribe now, or as soon as connected)."""
        ...

    def unwatch(self, match_id: MatchId) -> None:
        """Stop following a match; no `MatchUpdated` for it is yielded afterwards."""
        ...

    def events(self) -> AsyncIterator[ProviderEvent]:
        """Run the provider: connect, reconnect, and yield events until `close()`."""
        ...

    async def catalog(self) -> list[MatchSummary]:
        """Live matches from the provider's REST catalog (may raise `OSError`)."""
        ...

    async def close(self) -> None: ...
