"""The stream's batched transport (`net/batched.py`) against the real simulator.

Under the simulator's flood the common frames take the fast path while
websockets' own protocol still answers pings, assembles fragmented messages
and fails the connection over invalid UTF-8; the stream sees exactly what it
saw through `recv()`.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Callable
from typing import Any

from helpers.events import Events

from scoreboard.core.events import ConnectionChanged, FrameRejected, MatchUpdated
from scoreboard.net.batched import BatchedConnection
from scoreboard.providers.sportrix.stream import SportrixStream, StreamOptions
from scoreboard.sim.catalog import LIVE_SOCCER_ID
from scoreboard.sim.runner import SimulatorThread

KEY = "sk_demo"
FLOOD_FIRST_ID = 900001
OPTIONS = StreamOptions(
    open_timeout=2.0,
    ping_interval=0.05,
    ping_timeout=2.0,
    answer_timeout=2.0,
    close_timeout=0.5,
    backoff_base=0.05,
    backoff_cap=0.4,
    rng=random.Random(1),
)


def live_socket(stream: SportrixStream) -> BatchedConnection:
    link = stream._link  # the socket of the connection now open
    assert link is not None and isinstance(link.ws, BatchedConnection)
    return link.ws


async def test_a_flood_with_pings_and_fragmented_frames_reaches_every_match(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(flood_matches=20, flood_rate=2000)
    stream = SportrixStream(sim.url, KEY, options=OPTIONS)
    for match_id in range(FLOOD_FIRST_ID, FLOOD_FIRST_ID + 20):
        stream.subscribe(match_id)
    stream.subscribe(LIVE_SOCCER_ID)
    events = Events(stream.events())
    try:
        seen: set[Any] = set()
        while len(seen) < 21:
            event = await events.until(lambda e: isinstance(e, MatchUpdated))
            assert isinstance(event, MatchUpdated)
            seen.add(event.ref.id)
        ws = live_socket(stream)
        assert ws.fast_path
        # A fragmented snapshot amid the flood, its team name cut mid-character.
        snap = sim.snapshot(LIVE_SOCCER_ID) | {"home": "Fragmentée FC"}
        raw = json.dumps({"op": "update", "data": snap}, ensure_ascii=False).encode()
        sim.faults.send_raw(raw, fragments=7)
        await events.update(LIVE_SOCCER_ID, lambda s: s.home == "Fragmentée FC")
        frames = stream.stats.frames
        await events.until(lambda e: stream.stats.frames > frames + 1000, timeout=10)
        assert ws.latency > 0  # pongs came back through websockets' protocol
        assert ws.fast_path and stream.stats.connects == 1
        assert not any(isinstance(e, FrameRejected) for e in events.seen)
    finally:
        await stream.close()
        await events.rest()


async def test_invalid_utf8_amid_the_flood_reconnects_saying_why(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(flood_matches=5, flood_rate=1000)
    stream = SportrixStream(sim.url, KEY, options=OPTIONS)
    for match_id in range(FLOOD_FIRST_ID, FLOOD_FIRST_ID + 5):
        stream.subscribe(match_id)
    events = Events(stream.events())
    try:
        await events.until(lambda e: isinstance(e, MatchUpdated))
        sim.faults.send_raw(b'{"op": "update", "data": {"home": "\xc3("}}')
        bad = await events.until(lambda e: isinstance(e, FrameRejected))
        assert isinstance(bad, FrameRejected) and bad.kind == "not_utf8"
        again = await events.until(
            lambda e: isinstance(e, ConnectionChanged) and e.phase == "reconnecting"
        )
        assert isinstance(again, ConnectionChanged)
        assert again.detail == "a text frame that is not valid UTF-8"
        await events.until(lambda e: isinstance(e, ConnectionChanged) and e.phase == "live")
        await events.until(lambda e: isinstance(e, MatchUpdated))
        assert stream.stats.connects == 2
    finally:
        await stream.close()
        await events.rest()


async def test_a_read_comes_as_one_batch_and_an_unwatch_midway_holds_for_its_rest(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    """`batches()` hands the router a read at a time, decoding each frame when it is
    asked for: a match unwatched while one read is routed gets no `MatchUpdated`
    from the rest of that read (each is said unsubscribed, and counted), as with
    one event at a time."""
    sim = sim_factory(flood_matches=4, flood_rate=4000)
    stream = SportrixStream(sim.url, KEY, options=OPTIONS)
    ids = range(FLOOD_FIRST_ID, FLOOD_FIRST_ID + 4)
    for match_id in ids:
        stream.subscribe(match_id)
    batches = stream.batches()
    dropped = FLOOD_FIRST_ID
    after: list[Any] = []
    tries = 0
    try:
        async for batch in batches:
            events, after = iter(batch), []
            updates = 0
            for event in events:
                if isinstance(event, MatchUpdated) and event.ref.id == dropped:
                    updates += 1
                    if updates == 1:
                        stream.unsubscribe(dropped)  # what a router's observer may do
                        after = list(events)  # the rest of this read
            if any(
                isinstance(e, FrameRejected)
                or (isinstance(e, MatchUpdated) and e.ref.id == dropped)
                for e in after
            ):
                break  # a read with frames of the dropped match after the unwatch
            if updates:
                tries += 1
                assert tries < 50, "no read ever held the dropped match's frames after it"
                stream.subscribe(dropped)  # too short a read: again
            await asyncio.sleep(0.05)  # frames pile up: the next read holds many
        else:
            raise AssertionError("the stream ended")
        said = [e for e in after if isinstance(e, FrameRejected)]
        assert not [e for e in after if isinstance(e, MatchUpdated) and e.ref.id == dropped]
        assert said and all(e.kind == "unsubscribed" for e in said)
        assert all(str(dropped) in e.reason for e in said)
        assert stream.stats.rejected["unsubscribed"] >= len(said)
    finally:
        await stream.close()
        async for _ in batches:
            pass
