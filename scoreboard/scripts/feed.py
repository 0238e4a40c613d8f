"""The providers for a set of matches, without the TUI: their events in one queue.

`Feed` starts one provider per provider the matches name (the same
providers the app uses, so polling after a refused key works here too),
watches every match and hands out their events in arrival order. It keeps
each provider's last `ConnectionChanged`, so callers know whether a match
came by stream or by polling, and which providers refused the key.

A match the provider refuses because it is over (Sportrix's stream serves
live matches only) is asked of the provider's catalog (`FinalAnswer`), so a
script prints the same final score as the screen shows, `via` "catalog".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from types import TracebackType
from typing import Protocol, Self, runtime_checkable

from scoreboard.core.events import (
    ConnectionChanged,
    MatchFailed,
    MatchRef,
    MatchUpdated,
    ProviderEvent,
)
from scoreboard.core.models import MatchId, Snapshot
from scoreboard.providers.base import Provider, ProviderOptions
from scoreboard.providers.registry import make_provider
from scoreboard.settings import Settings

log = logging.getLogger("scoreboard.scripts")

ProviderFactory = Callable[[str], Provider]


@runtime_checkable
class FinalAnswer(Protocol):
    """A provider that can tell a finished match's last state from its catalog."""

    async def final(self, match_id: MatchId) -> Snapshot | None: ...


class Feed:
    """Every provider `refs` need, started and watching; `next()` is the next event."""

    def __init__(
        self, settings: Settings, refs: list[MatchRef], factory: ProviderFactory | None = None
    ) -> None:
        self.settings = settings
        self.refs = refs
        self._factory = factory or self._make
        self.providers: dict[str, Provider] = {}
        self.connections: dict[str, ConnectionChanged] = {}
        #: Providers whose event stream has ended (refused, or closed).
        self.ended: set[str] = set()
        self._queue: asyncio.Queue[ProviderEvent | str] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
        #: Matches shown from the catalog because the provider would not follow them.
        self.finals: set[MatchRef] = set()

    def _make(self, name: str) -> Provider:
        options = ProviderOptions(max_frame_bytes=self.settings.max_frame_bytes)
        return make_provider(self.settings.provider_settings(name), options)

    async def __aenter__(self) -> Self:
        for ref in self.refs:
            provider = self.providers.get(ref.provider)
            if provider is None:
                provider = self.providers[ref.provider] = self._factory(ref.provider)
            provider.watch(ref.id)
        for provider in self.providers.values():
            self._tasks.append(asyncio.create_task(self._pump(provider)))
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for provider in self.providers.values():
            with contextlib.suppress(Exception):
                await provider.close()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _pump(self, provider: Provider) -> None:
        try:
            async for event in provider.events():
                if isinstance(event, MatchFailed) and isinstance(provider, FinalAnswer):
                    event = await self._final(provider, event)
                self._queue.put_nowait(event)
        finally:
            self._queue.put_nowait(provider.name)  # its stream ended

    async def next(self, timeout: float | None = None) -> ProviderEvent | None:
        """The next event (None when `timeout` passed first); bookkeeping done."""
        while True:
            try:
                item = await asyncio.wait_for(self._queue.get(), timeout)
            except TimeoutError:
                return None
            if isinstance(item, str):
                self.ended.add(item)
                continue
            if isinstance(item, ConnectionChanged):
                self.connections[item.provider] = item
            return item

    async def _final(self, provider: FinalAnswer, failed: MatchFailed) -> ProviderEvent:
        """The match's final state from the catalog instead of the failure, if it is over."""
        if failed.ref not in self.refs or failed.ref in self.finals:
            return failed
        snapshot = await provider.final(failed.ref.id)
        if snapshot is None:
            return failed
        self.finals.add(failed.ref)
        return MatchUpdated(failed.ref, snapshot)

    def via_of(self, ref: MatchRef) -> str:
        """ "stream", "polling" or "catalog" (a finished match's final state)."""
        return "catalog" if ref in self.finals else self.via(ref.provider)

    def via(self, provider: str) -> str:
        """ "stream" or "polling": how `provider`'s matches arrive."""
        state = self.connections.get(provider)
        return state.via if state is not None else "stream"

    def refused(self, provider: str) -> bool:
        state = self.connections.get(provider)
        return state is not None and state.phase == "refused"

    @property
    def all_ended(self) -> bool:
        return bool(self.providers) and self.ended >= set(self.providers)
