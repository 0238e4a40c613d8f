"""Soak: the real app against the simulator for a minute (or `SOAK_SECONDS`), faults all along.

`test_soak_with_random_faults` drives the app at a few hundred frames a
second (flood matches plus live catalog matches, the simulated clock moved
by the test so the final state is exact) while seeded random faults hit it
(`SOAK_SEED`): drops, mid-frame cuts, restarts, stalls, half-open sockets,
slow delivery, accept-then-close, bad frames. At the end every panel must
show the server's current state: final-state mismatches must be 0. Memory
and CPU per frame are measured early and late and must not grow.

`test_flood_stays_bounded` runs a real-time flood and checks that nothing
queues up: latency from the server's send stamp stays flat, memory too.

    SOAK_SECONDS=1800 SOAK_SEED=3 pytest -m soak -s tests/test_soak.py
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import random
import resource
import time
from pathlib import Path

import pytest
from helpers.app import all_live, until
from helpers.chaos import Chaos, chaos_app, expected, mismatched

from scoreboard.core.events import MatchUpdated
from scoreboard.sim.flood import FLOOD_FIRST_ID
from scoreboard.ui.screens.diagnostics import DiagnosticsScreen

pytestmark = pytest.mark.soak

SOAK_SECONDS = float(os.environ.get("SOAK_SECONDS", "60"))
SOAK_SEED = int(os.environ.get("SOAK_SEED", "1"))
#: Catalog matches that stay live for the ~700 simulated seconds a soak plays.
CATALOG = [41283, 41287, 41289, 41301, 41302]
FLOOD = 20
#: Simulated seconds a soak may play in all, so no catalog match finishes.
SIM_BUDGET = 700.0


def rss_mib() -> float:
    """Resident memory of this process (app and simulator), MiB."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run_clock(sim, stop: asyncio.Event, rate: float) -> float:  # type: ignore[no-untyped-def]
    """Move the frozen simulator on `rate` simulated s per real s until `stop`."""
    played, tick = 0.0, 0.05
    while not stop.is_set():
        await asyncio.to_thread(sim.advance, rate * tick)
        played += rate * tick
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), tick)
    return played


@pytest.mark.timeout(SOAK_SECONDS + 240)
async def test_soak_with_random_faults(sim_factory, figures) -> None:
    sim = sim_factory(speed=0, flood_matches=FLOOD, flood_rate=FLOOD * 2.5)
    matches = CATALOG + [FLOOD_FIRST_ID + i for i in range(FLOOD)]
    app, rec = chaos_app(sim, *map(str, matches))
    chaos = Chaos(sim, app, rec, random.Random(SOAK_SEED), advance=(0.5, 3.0), calm=(50, 800))
    rate = min(8.0, SIM_BUDGET / SOAK_SECONDS)
    loop = asyncio.get_running_loop()
    async with app.run_test(size=(160, 50)):
        await until(app, lambda: all_live(app), timeout=20)
        stop = asyncio.Event()
        clock = asyncio.create_task(run_clock(sim, stop, rate))
        stats = app.providers["sportrix"].stats
        started = loop.time()
        samples: list[tuple[float, float, float, int]] = []  # (t, rss, cpu, frames)

        def sample() -> None:
            gc.collect()
            samples.append((loop.time() - started, rss_mib(), time.process_time(), stats.frames))

        warm_up = min(10.0, SOAK_SECONDS / 4)
        while (elapsed := loop.time() - started) < SOAK_SECONDS:
            if not samples and elapsed >= warm_up:
                sample()
            await chaos.round()
        sample()
        stop.set()
        played = await clock
        chaos.quiet()

        sim.advance(5)
        want = expected(sim, matches)
        quiet_at = loop.time()
        with contextlib.suppress(TimeoutError):
            await until(app, lambda: not mismatched(app, want), timeout=15)
        converge = loop.time() - quiet_at
        wrong = mismatched(app, want)
        server = sim.stats()

    (t0, rss0, cpu0, frames0), (t1, rss1, cpu1, frames1) = samples[0], samples[-1]
    frames_late = max(frames1 - frames0, 1)
    early_cpu = (cpu0 - 0) / max(frames0, 1)  # includes start-up: an upper bound early
    late_cpu = (cpu1 - cpu0) / frames_late
    figures(
        seconds=round(loop.time() - started, 1),
        seed=SOAK_SEED,
        simulated_seconds=round(played, 1),
        frames_seen=stats.frames,
        frames_per_second=round(frames_late / max(t1 - t0, 1e-9)),
        faults_injected=sum(chaos.injected.values()),
        faults=dict(chaos.injected),
        reconnects=stats.reconnects,
        frames_rejected=sum(stats.rejected.values()),
        final_state_mismatches=len(wrong),
        converge_seconds=converge,
        client_sockets_max=rec.sockets_max,
        server_connections_max=server["connections_max"],
        stale_violations=rec.stale_violations,
        rss_mib_early_late=f"{rss0:.1f} -> {rss1:.1f}",
        cpu_ms_per_frame_late=round(late_cpu * 1000, 3),
    )
    assert wrong == [], f"panels {wrong} differ from the server after the faults stopped"
    assert converge < 15
    assert rec.sockets_max <= 1
    assert rec.stale_violations == 0
    assert sum(stats.rejected.values()) == chaos.bad_sent
    assert len(chaos.injected) >= 6  # most kinds of fault came up
    # Flat: memory grows by less than a generous bound between early and late.
    assert rss1 - rss0 < 60, (rss0, rss1)
    # CPU per frame late is no worse than a generous multiple of the start-up average.
    assert late_cpu <= max(early_cpu * 4, 0.002), (early_cpu, late_cpu)


@pytest.mark.timeout(180)
async def test_flood_stays_bounded(sim_factory, figures) -> None:
    """A real-time flood: latency from the server's stamp and memory stay flat."""
    count, rate = 60, 3000.0
    sim = sim_factory(speed=1.0, flood_matches=count, flood_rate=rate, stamp=True)
    matches = [FLOOD_FIRST_ID + i for i in range(count)]
    app, rec = chaos_app(sim, *map(str, matches))
    loop = asyncio.get_running_loop()
    lags: list[tuple[float, float]] = []

    def timing(event: object) -> None:
        if isinstance(event, MatchUpdated) and event.sent_at is not None:
            lags.append((loop.time(), time.time() - event.sent_at))

    app.feed.observe(timing)
    window = 6.0
    async with app.run_test(size=(160, 50)):
        await until(app, lambda: all_live(app), timeout=20)
        start = loop.time()
        await until(app, lambda: loop.time() > start + window, timeout=window + 10)
        gc.collect()
        rss_early, frames_early = rss_mib(), app.providers["sportrix"].stats.frames
        await until(app, lambda: loop.time() > start + 3 * window, timeout=2 * window + 10)
        gc.collect()
        rss_late, frames_late = rss_mib(), app.providers["sportrix"].stats.frames
        # Still responsive under the flood: a key opens the diagnostics at once.
        # (`pilot.press` waits for the app to go idle, which a flood never lets
        # it do, so the key is posted as the terminal would and the screen awaited.)
        pressed = loop.time()
        app.simulate_key("i")
        await until(app, lambda: isinstance(app.screen, DiagnosticsScreen), timeout=10)
        respond = loop.time() - pressed
        # Let it finish mounting before the app shuts down.
        await until(app, lambda: bool(app.screen.query("#diag-body")), timeout=10)
        server = sim.stats()

    def p95(since: float, until_: float) -> float:
        values = sorted(lag for at, lag in lags if since <= at < until_)
        return values[int(len(values) * 0.95)] if values else 0.0

    early = p95(start, start + window)
    late = p95(start + 2 * window, start + 3 * window)
    fps = (frames_late - frames_early) / (2 * window)
    figures(
        frames_per_second=round(fps),
        updates_coalesced_by_server=server["updates_coalesced"],
        lag_p95_ms_early_late=f"{early * 1000:.0f} -> {late * 1000:.0f}",
        rss_mib_early_late=f"{rss_early:.1f} -> {rss_late:.1f}",
        key_response_ms=round(respond * 1000),
    )
    assert not rec.connection_events("reconnecting")  # keepalive survived the flood
    assert late < max(3 * early, 0.5), (early, late)  # nothing queues up without bound
    assert rss_late - rss_early < 40, (rss_early, rss_late)
    assert respond < 2.0
