"""Child process: the provider's reference client, as published, for comparison.

The loop is the `websocket-client` example from the Sportrix WebSocket
overview (`shared/reference/sportrix-websocket-overview.txt`) with three
changes only: it subscribes to the benchmark's matches instead of one, it
prints to /dev/null, and it counts frames and CPU over a window (a counter
and a clock read per frame). Everything else — `websocket-client`'s
defaults, `json.loads`, the f-string — is the reference's own.
"""

from __future__ import annotations

import argparse
import json
import os
import time

from scoreboard.bench.app_run import BENCH_KEY, FLOOD_FIRST_ID
from scoreboard.bench.childproc import emit
from scoreboard.bench.procstat import cpu_seconds, memory_mb


def run(url: str, ids: list[int], warmup: float, window: float) -> dict[str, object]:
    import websocket  # websocket-client: a test/bench dependency, not the app's

    out = open(os.devnull, "w")  # noqa: SIM115 - the reference prints every frame
    ws = websocket.create_connection(f"{url}?key={BENCH_KEY}")
    for match_id in ids:
        ws.send(json.dumps({"action": "subscribe", "match_id": match_id}))
    count = 0
    start = time.perf_counter()
    t0 = start + warmup
    t1 = t0 + window
    frames0 = cpu0 = None
    while True:
        msg = json.loads(ws.recv())
        if msg["op"] in ("snapshot", "update"):
            d = msg["data"]
            clock = d["clock"]
            print(
                f"{d['home']} {d['score']['home']}-{d['score']['away']} {d['away']} "
                f"[{clock['minute']}:{clock['second']:02d} {clock['period']}] "
                f"{d['phase']['label']}",
                file=out,
            )
        elif msg["op"] == "error":
            print("error:", msg["error"], file=out)
        count += 1
        now = time.perf_counter()
        if frames0 is None:
            if now >= t0:
                frames0, cpu0, t0 = count, cpu_seconds(), now
        elif now >= t1:
            break
    elapsed = now - t0
    cpu = cpu_seconds() - (cpu0 or 0.0)
    frames = count - (frames0 or 0)
    ws.close()
    out.close()
    return {
        "frames": frames,
        "window_s": round(elapsed, 3),
        "fps": round(frames / elapsed, 1),
        "cpu_pct": round(100 * cpu / elapsed, 2),
        "cpu_s_per_1000": round(1000 * cpu / frames, 4) if frames else None,
        "peak_rss_mb": round(memory_mb()[1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scoreboard.bench.reference")
    parser.add_argument("--url", required=True)
    parser.add_argument("--matches", type=int, required=True)
    parser.add_argument("--first-id", type=int, default=FLOOD_FIRST_ID)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--window", type=float, default=10.0)
    args = parser.parse_args()
    ids = list(range(args.first_id, args.first_id + args.matches))
    emit(run(args.url, ids, args.warmup, args.window))


if __name__ == "__main__":
    main()
