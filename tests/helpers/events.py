"""Drive a provider's (or stream's) event iterator from a test, keeping what it yielded."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

from scoreboard.core.events import ConnectionChanged, MatchFailed, MatchUpdated, ProviderEvent
from scoreboard.core.models import MatchId


class Events:
    """Pulls events on demand (each wait has a timeout); `seen` is everything pulled so far."""

    def __init__(self, iterator: AsyncIterator[ProviderEvent]) -> None:
        self._it = iterator
        self.seen: list[ProviderEvent] = []
        #: The newest snapshot yielded for each match, by `str(match id)`.
        self.latest: dict[str, Any] = {}

    def _keep(self, event: ProviderEvent) -> None:
        self.seen.append(event)
        if isinstance(event, MatchUpdated):
            self.latest[str(event.ref.id)] = event.snapshot

    async def next(self, timeout: float = 5.0) -> ProviderEvent:
        async with asyncio.timeout(timeout):
            event = await anext(self._it)
        self._keep(event)
        return event

    async def until(
        self, predicate: Callable[[ProviderEvent], bool], timeout: float = 5.0
    ) -> ProviderEvent:
        """The first event from now on for which `predicate` holds."""
        async with asyncio.timeout(timeout):
            while True:
                event = await anext(self._it)
                self._keep(event)
                if predicate(event):
                    return event

    async def rest(self, timeout: float = 5.0) -> list[ProviderEvent]:
        """Every event until the iterator ends."""
        tail: list[ProviderEvent] = []
        async with asyncio.timeout(timeout):
            async for event in self._it:
                tail.append(event)
        for event in tail:
            self._keep(event)
        return tail

    async def update(self, match_id: MatchId, check: Callable[[Any], bool] = lambda s: True) -> Any:
        """The snapshot of the next `MatchUpdated` for `match_id` that passes `check`."""
        event = await self.until(
            lambda e: isinstance(e, MatchUpdated) and e.ref.id == match_id and check(e.snapshot)
        )
        assert isinstance(event, MatchUpdated)
        return event.snapshot

    async def state(self, match_id: MatchId, check: Callable[[Any], bool]) -> Any:
        """The match's newest snapshot once `check` holds (it may have arrived already)."""
        snap = self.latest.get(str(match_id))
        if snap is not None and check(snap):
            return snap
        return await self.update(match_id, check)

    async def failure(self, match_id: MatchId) -> str:
        event = await self.until(lambda e: isinstance(e, MatchFailed) and e.ref.id == match_id)
        assert isinstance(event, MatchFailed)
        return event.message

    async def phase(self, phase: str) -> ConnectionChanged:
        event = await self.until(lambda e: isinstance(e, ConnectionChanged) and e.phase == phase)
        assert isinstance(event, ConnectionChanged)
        return event
