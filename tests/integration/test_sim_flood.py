"""The simulator's heavy flood: timelines of thousands of events and hundreds of stats.

What the benchmark's detail-view case needs from the server: every flood
snapshot carries `--flood-events` events and `--flood-stats` stats, one stat
moves with every frame, and the frames decode as the client decodes them
(under its 1 MiB frame limit).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from websockets.asyncio.client import connect

from scoreboard.providers.sportrix.wire import SnapshotFrame, decode_frame
from scoreboard.settings import DEFAULT_MAX_FRAME_BYTES
from scoreboard.ui.render.soccer import ordered_stats


async def test_a_heavy_flood_sends_every_event_and_stat_and_one_stat_moves(sim_factory) -> None:
    sim = sim_factory(
        flood_matches=1, flood_rate=20, flood_events=5000, flood_stats=200, stamp=True
    )
    frames: list[SnapshotFrame] = []
    sizes = []
    async with connect(
        sim.url, additional_headers={"X-API-Key": "sk_demo"}, max_size=DEFAULT_MAX_FRAME_BYTES
    ) as ws:
        await ws.send(json.dumps({"action": "subscribe", "match_id": 900001}))
        start = time.monotonic()
        while len(frames) < 6:
            raw = await ws.recv()
            sizes.append(len(raw))
            frame = decode_frame(raw)
            assert isinstance(frame, SnapshotFrame)
            frames.append(frame)
        elapsed = time.monotonic() - start
    first = frames[0].snapshot
    assert len(first.events) == 5000  # type: ignore[union-attr]
    assert len(first.stats) == 200  # type: ignore[union-attr]
    assert {e.team for e in first.events} == {"home", "away"}  # type: ignore[union-attr]
    assert max(sizes) < DEFAULT_MAX_FRAME_BYTES
    shots = [f.snapshot.stats["shots"] for f in frames[1:]]  # type: ignore[union-attr]
    assert len({(s.home, s.away) for s in shots}) == len(shots)  # a stat moves every frame
    assert [name for name, _ in ordered_stats(first)][:3] == ["possession", "shots", "corners"]
    assert elapsed < 5.0  # about 20 frames/s, not one a second


def test_the_heavy_flood_flags_need_flood_matches() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "scoreboard.sim", "--port", "0", "--flood-events", "10"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert proc.returncode == 2
    assert "--flood-events and --flood-stats need --flood-matches N" in proc.stderr
