"""Child process: the bare loop, the practical limit of this stack on this machine.

`websockets` (the asyncio client, as the app configures it) plus our msgspec
decoder into the app's models, routing each snapshot by `match_id` into a
dict: what the app does per frame minus everything that is the app (events,
the session, panels, Textual). Our ingest over this one is `limit_ratio`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from typing import Any

from scoreboard.bench.app_run import BENCH_KEY, FLOOD_FIRST_ID
from scoreboard.bench.childproc import emit
from scoreboard.bench.procstat import cpu_seconds, memory_mb


async def run(url: str, ids: list[int], warmup: float, window: float) -> dict[str, Any]:
    from websockets.asyncio.client import connect

    from scoreboard.providers.sportrix.wire import SnapshotFrame, decode_frame

    latest: dict[int | str, object] = {}
    async with connect(
        url,
        additional_headers={"X-API-Key": BENCH_KEY},
        compression=None,
        proxy=None,
        max_size=1 << 20,
        max_queue=64,
        # The window is measured before the close: a flood source answers a
        # close late or never, and the default 10 s wait was 10 s of every run.
        close_timeout=0.5,
    ) as ws:
        for match_id in ids:
            await ws.send(json.dumps({"action": "subscribe", "match_id": match_id}))
        count = 0
        t0 = time.perf_counter() + warmup
        t1 = t0 + window
        frames0 = cpu0 = None
        recv = ws.recv
        now = time.perf_counter
        while True:
            frame = decode_frame(await recv())
            if type(frame) is SnapshotFrame:
                latest[frame.snapshot.match_id] = frame.snapshot
            count += 1
            if count & 63:
                continue
            at = now()
            if frames0 is None:
                if at >= t0:
                    frames0, cpu0, t0 = count, cpu_seconds(), at
            elif at >= t1:
                break
    elapsed = at - t0
    cpu = cpu_seconds() - (cpu0 or 0.0)
    frames = count - (frames0 or 0)
    return {
        "frames": frames,
        "routed_matches": len(latest),
        "window_s": round(elapsed, 3),
        "fps": round(frames / elapsed, 1),
        "cpu_pct": round(100 * cpu / elapsed, 2),
        "cpu_s_per_1000": round(1000 * cpu / frames, 4) if frames else None,
        "peak_rss_mb": round(memory_mb()[1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scoreboard.bench.bare")
    parser.add_argument("--url", required=True)
    parser.add_argument("--matches", type=int, required=True)
    parser.add_argument("--first-id", type=int, default=FLOOD_FIRST_ID)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--window", type=float, default=10.0)
    args = parser.parse_args()
    ids = list(range(args.first_id, args.first_id + args.matches))
    emit(asyncio.run(run(args.url, ids, args.warmup, args.window)))


if __name__ == "__main__":
    main()
