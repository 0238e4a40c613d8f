"""`ReplayProvider`: one provider's side of a replay, as the session sees a provider."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

from scoreboard.core.catalog import catalog_entry
from scoreboard.core.events import (
    ConnectionChanged,
    FrameRejected,
    MatchRef,
    MatchStale,
    MatchSummary,
    MatchUpdated,
    ProviderEvent,
    ProviderStats,
)
from scoreboard.core.models import MatchId
from scoreboard.core.text import safe_text
from scoreboard.providers.replay.player import ReplayPlayer

_CLOSE = object()
#: The last frame played; which panels say so is decided as it is yielded.
_ENDED = object()


class ReplayProvider:
    """Yields the replayed events of provider `name`: the same events a live feed gives.

    `on_reset` is called (from `events()`, in order with the events) when the
    replay starts again from its first frame: the session forgets the
    matches' history then.
    """

    def __init__(
        self,
        name: str,
        player: ReplayPlayer,
        on_reset: Callable[[str], None] | None = None,
    ) -> None:
        self.name = name
        self.player = player
        self.stats = ProviderStats()
        self.watched: set[MatchRef] = set()
        self._on_reset = on_reset
        self._queue: asyncio.Queue[object] = asyncio.Queue()

    def watch(self, match_id: MatchId) -> None:
        ref = MatchRef(self.name, match_id)
        self.watched.add(ref)
        if self.player.finished and ref in self.player.unfinished:
            # Asked for after the end (a slow start, a fast replay): it says so too.
            self.put(MatchStale(ref, True, "replay ended", ended=True))

    def unwatch(self, match_id: MatchId) -> None:
        self.watched.discard(MatchRef(self.name, match_id))

    def put(self, event: ProviderEvent | None) -> None:
        if isinstance(event, FrameRejected):
            self.stats.reject(event.kind)
        self._queue.put_nowait(event)

    def counted(self, t: float) -> None:
        self.stats.frames += 1
        self.stats.last_frame_at = t

    def ended(self) -> None:
        """The last frame played: each panel says so instead of its last status
        (a finished match keeps its result: it is never stale). The matches are
        those watched when the queue reaches the end, not when the player did: a
        fast replay can end before the app has asked for every match."""
        self._queue.put_nowait(_ENDED)

    async def events(self) -> AsyncIterator[ProviderEvent]:
        name = safe_text(self.player.recording.path.name)
        yield ConnectionChanged(self.name, "live", f"replaying {name}")
        self.player.attach(self.name, self)
        while True:
            event = await self._queue.get()
            if event is _CLOSE:
                break
            if event is _ENDED:
                for ref in sorted(self.watched & self.player.unfinished, key=str):
                    yield MatchStale(ref, True, "replay ended", ended=True)
                continue
            if event is None:
                if self._on_reset is not None:
                    self._on_reset(self.name)
                for ref in sorted(self.watched, key=str):  # not ended any more
                    yield MatchStale(ref, False)
                continue
            if isinstance(event, MatchUpdated) and event.ref not in self.watched:
                continue
            yield event  # type: ignore[misc]
        yield ConnectionChanged(self.name, "closed", "replay closed")

    async def listing(self) -> list[MatchSummary]:
        """A recording has no catalog to follow teams in: Live now lists its matches."""
        return await self.catalog()

    async def lookup(self, match_id: MatchId) -> MatchSummary | None:
        """A recording has no catalog to ask."""
        raise OSError("a recording has no catalog")

    async def catalog(self) -> list[MatchSummary]:
        """The recording's matches (so the add dialog can offer them)."""
        return [
            catalog_entry(ref, sport="", status="recorded", home=str(ref.id), away="")
            for ref in self.player.matches
            if ref.provider == self.name
        ]

    async def close(self) -> None:
        self._queue.put_nowait(_CLOSE)
        await self.player.close()
