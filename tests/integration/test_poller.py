"""The Sportrix provider polling REST `/live`, against the simulator's REST fault hook.

429 and `Retry-After` obeyed, 5xx backed off with jitter (panels stale
meanwhile), requests for many matches spread out, a slow answer holding up
nobody else. Timings come from the simulator's own request log.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import random
from collections.abc import AsyncIterator, Callable
from typing import Any

from scoreboard.core.events import (
    ConnectionChanged,
    MatchStale,
    MatchUpdated,
    ProviderEvent,
)
from scoreboard.providers.base import ProviderSettings
from scoreboard.providers.sportrix.poller import PollOptions
from scoreboard.providers.sportrix.provider import SportrixProvider
from scoreboard.sim.runner import SimulatorThread

LIVE = "/v1/matches/{id}/live"
Factory = Callable[..., SimulatorThread]


def poller_for(
    sim: SimulatorThread, *ids: int, key: str = "sk_demo_scores", interval: float = 0.3
) -> SportrixProvider:
    """A provider polling every `interval` s (below the user's 2 s floor: tests only)."""
    provider = SportrixProvider(
        ProviderSettings("sportrix", sim.url, key, key_source="a test"),
        poll_options=PollOptions(interval=interval, floor=0.05, rng=random.Random(7)),
    )
    for match_id in ids:
        provider.watch(match_id)
    return provider


class Recorder:
    """Runs a provider's events() in a task and keeps every event."""

    def __init__(self, provider: SportrixProvider) -> None:
        self.provider = provider
        self.events: list[ProviderEvent] = []
        self._changed = asyncio.Event()

    async def _run(self) -> None:
        async for event in self.provider.events():
            self.events.append(event)
            self._changed.set()

    async def until(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        async with asyncio.timeout(timeout):
            while not predicate():
                self._changed.clear()
                await self._changed.wait()

    def of(self, kind: type[Any]) -> list[Any]:
        return [e for e in self.events if isinstance(e, kind)]


@contextlib.asynccontextmanager
async def recording(provider: SportrixProvider) -> AsyncIterator[Recorder]:
    recorder = Recorder(provider)
    task = asyncio.create_task(recorder._run())
    try:
        yield recorder
    finally:
        await provider.close()
        await asyncio.wait_for(task, 5)


async def wait_hits(sim: SimulatorThread, path: str, n: int, timeout: float = 10.0) -> list[Any]:
    await asyncio.to_thread(sim.wait_until, lambda: len(sim.rest_log(path)) >= n, timeout)
    return sim.rest_log(path)


async def test_a_429_with_retry_after_is_obeyed_by_every_match(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    path = "/v1/matches/41282/live"
    async with recording(poller_for(sim, 41282, 41300)) as rec:
        await wait_hits(sim, path, 2)
        sim.faults.rest_fault(429, retry_after=2, path=LIVE, times=1)
        await asyncio.to_thread(
            sim.wait_until, lambda: any(h.status == 429 for h in sim.rest_log()), 5
        )
        limited = next(h for h in sim.rest_log() if h.status == 429)
        await asyncio.to_thread(
            sim.wait_until,
            lambda: sum(1 for h in sim.rest_log() if h.at > limited.at) >= 4,
            10,
        )
        later = [h for h in sim.rest_log() if h.at > limited.at]
        # Nothing at all for two seconds (the interval is 0.3 s), then both matches again.
        assert min(h.at for h in later) - limited.at >= 1.95
        assert {h.path for h in later} == {path, "/v1/matches/41300/live"}
        waits = [
            e for e in rec.of(ConnectionChanged) if e.phase == "reconnecting" and "429" in e.detail
        ]
        assert waits and "as the server asked" in waits[0].detail
        assert waits[0].retry_in is not None and 1.5 <= waits[0].retry_in <= 2.0
        await rec.until(lambda: rec.of(ConnectionChanged)[-1].phase == "live")


async def test_5xx_backs_off_with_jitter_and_the_panel_goes_stale(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    path = "/v1/matches/41282/live"
    async with recording(poller_for(sim, 41282, interval=0.1)) as rec:
        await rec.until(lambda: bool(rec.of(MatchUpdated)))
        sim.faults.rest_fault(503, path=path)
        await rec.until(lambda: any(e.stale for e in rec.of(MatchStale)))
        failing = await wait_hits(sim, path, len(sim.rest_log(path)) + 4, timeout=15)
        failed = [h.at for h in failing if h.status == 503]
        gaps = [b - a for a, b in itertools.pairwise(failed)]
        # From twice the interval (0.2 s), doubling, each cut by up to half: every
        # wait at least the last, none shorter than the interval.
        assert len(gaps) >= 3
        assert all(b >= a * 0.95 for a, b in itertools.pairwise(gaps))
        assert gaps[2] >= 1.9 * gaps[0] and gaps[0] >= 0.095
        sim.faults.clear_rest_faults()
        await rec.until(lambda: not rec.of(MatchStale)[-1].stale, timeout=15)
        stale = rec.of(MatchStale)
        assert [e.stale for e in stale] == [True, False]
        assert "503" in stale[0].reason


async def test_requests_for_many_matches_are_spread_out(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    ids = [41282, 41283, 41284, 41300, 41301, 41302]
    async with recording(poller_for(sim, *ids, interval=1.2)):
        await asyncio.to_thread(sim.wait_until, lambda: len(sim.rest_log()) >= 12, 10)
        starts = [h.at for h in sim.rest_log()][:12]
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.18  # 1.2 s over six matches: 0.2 s apart, never a burst


async def test_one_slow_answer_holds_up_no_other_match(sim_factory: Factory) -> None:
    sim = sim_factory(speed=0)
    slow = "/v1/matches/41282/live"
    sim.faults.rest_fault(None, delay=3.0, path=slow, times=1)
    async with recording(poller_for(sim, 41282, 41300)) as rec:
        await asyncio.to_thread(sim.wait_until, lambda: sim.faults.rest_hits == 1, 5)
        await wait_hits(sim, "/v1/matches/41300/live", 5, timeout=5)
        assert not sim.rest_log(slow)  # five answers for 41300 while 41282's still waits
        await rec.until(lambda: any(e.ref.id == 41282 for e in rec.of(MatchUpdated)))


async def test_poll_never_opens_the_stream_and_the_interval_has_a_floor(
    sim_factory: Factory,
) -> None:
    sim = sim_factory(speed=0)
    provider = SportrixProvider(
        ProviderSettings("sportrix", sim.url, "sk_demo", poll=True, poll_interval=0.5)
    )
    assert provider.poll_options.every == 2.0
    provider.watch(41282)
    async with recording(provider) as rec:
        await rec.until(lambda: bool(rec.of(MatchUpdated)))
        await rec.until(lambda: any(e.phase == "live" for e in rec.of(ConnectionChanged)))
        live = [e for e in rec.of(ConnectionChanged) if e.phase == "live"]
        assert live[0].via == "polling" and "(--poll)" in live[0].detail
    assert sim.stats()["connections_total"] == 0
