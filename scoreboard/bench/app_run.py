"""Child process: the real app, headless, against a simulator; prints one result.

`python -m scoreboard.bench.app_run --url URL --matches N [--first-id ID]
[--warmup S] [--window S] [--size WxH]` follows matches FIRST_ID..FIRST_ID+N-1
with the app built by `make_app` (socket → decode → route → panel paint),
waits until every panel has its first snapshot, lets it run `warmup` seconds,
then measures a `window`: frames ingested, CPU, paint latency, coalescing and
memory of this whole process.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import tempfile
import time
from pathlib import Path
from typing import Any

from scoreboard.bench.childproc import emit
from scoreboard.bench.detail_probe import open_detail, press_scroll_keys
from scoreboard.bench.probe import PaintProbe, install
from scoreboard.bench.procstat import cpu_seconds, memory_mb
from scoreboard.bench.summary import latency_summary_ms

#: The simulator's flood matches are numbered from here.
FLOOD_FIRST_ID = 900001
BENCH_KEY = "sk_demo"
READY_TIMEOUT = 60.0


def parse_size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


async def measure(
    url: str,
    ids: list[int],
    *,
    warmup: float,
    window: float,
    size: tuple[int, int],
    log_dir: Path,
    key_probe: int = 0,
    history_minutes: float = 0.0,
    record: bool = False,
    detail: bool = False,
    ready_timeout: float = READY_TIMEOUT,
    last_state: int = 0,
) -> dict[str, Any]:
    app = _bench_app(url, ids, log_dir, record)
    gc.freeze()  # as `cli.run` does before the app runs
    probe = PaintProbe()
    install(probe, app)
    started = time.perf_counter()
    async with app.run_test(headless=True, size=size) as pilot:
        deadline = started + ready_timeout
        while not all(card.snapshot is not None for card in app.cards.values()):
            if time.perf_counter() > deadline:
                raise TimeoutError("not every panel got its first snapshot")
            await asyncio.sleep(0.05)
        ready_s = time.perf_counter() - started
        filled: dict[str, float] = {}
        if history_minutes:
            from scoreboard.bench.history_fill import fill

            filled = fill(app.feed.history, list(app.cards), history_minutes)
        open_s = await open_detail(app) if detail else None
        if last_state:
            shown = await _last_state(app, probe, last_state, window)
            window = 0.1  # what follows is only the usual counters
        await asyncio.sleep(warmup)
        measured = await _window(app, pilot, probe, window, key_probe=key_probe, detail=detail)
    keys: list[float] = measured.pop("keys")
    return {
        "matches": len(ids),
        "ready_s": round(ready_s, 3),
        **measured,
        "detail_open_ms": None if open_s is None else round(1000 * open_s, 1),
        **latency_summary_ms(probe.latencies),
        **{f"key_{k}": v for k, v in latency_summary_ms(keys).items()},
        **{f"deliver_{k}": v for k, v in latency_summary_ms(probe.deliveries).items()},
        **filled,
        **(shown if last_state else {}),
        "history_total_mb": round(app.feed.history.nbytes / (1 << 20), 1),
    }


def _bench_app(url: str, ids: list[int], log_dir: Path, record: bool) -> Any:
    """The app as `cli.run` builds it, following `ids` at `url`, logging into `log_dir`."""
    from scoreboard.logs import setup_logging
    from scoreboard.providers.base import ProviderSettings
    from scoreboard.settings import Settings
    from scoreboard.ui.app import make_app

    log_path = log_dir / "bench-app.log"
    setup_logging(log_path, debug=False, secrets=[BENCH_KEY])
    provider = ProviderSettings("sportrix", url, api_key=BENCH_KEY, key_source="the benchmark")
    settings = Settings(
        provider="sportrix",
        providers={"sportrix": provider},
        matches=tuple(str(i) for i in ids),
        log_path=log_path,
    )
    options: dict[str, Any] = {}
    if record:
        from scoreboard.recording.writer import Recorder

        options["recorder"] = Recorder(log_dir / "bench.jsonl", secrets=[BENCH_KEY])
    return make_app(settings, **options)


async def _window(
    app: Any, pilot: Any, probe: PaintProbe, window: float, *, key_probe: int, detail: bool
) -> dict[str, Any]:
    """Measure one window: frames, CPU, memory, stalls; "keys" holds the key latencies."""
    keys: list[float] = []
    stats = app.providers["sportrix"].stats
    frames0, cpu0 = stats.frames, cpu_seconds()
    probe.reset_counts()
    t0, since = time.perf_counter(), time.monotonic()
    if key_probe and detail:
        keys = await press_scroll_keys(app, key_probe, window)
    elif key_probe:
        keys = await _press_keys(app, pilot, key_probe, window)
    else:
        await asyncio.sleep(window)
    elapsed = time.perf_counter() - t0
    cpu = cpu_seconds() - cpu0
    probe.recording = False
    frames = stats.frames - frames0
    routed, painted = probe.frames, probe.painted
    rss, peak = memory_mb()
    stall = app.diagnostics.loop_lag.worst(since=since)
    return {
        "window_s": round(elapsed, 3),
        "frames": frames,
        "fps": round(frames / elapsed, 1),
        "routed": routed,
        "painted": painted,
        "coalesced": max(0, routed - painted),
        "visible_panels": len(probe.painted_refs),
        "cpu_s": round(cpu, 3),
        "cpu_pct": round(100 * cpu / elapsed, 2),
        "cpu_s_per_1000": round(1000 * cpu / frames, 4) if frames else None,
        "rss_mb": round(rss, 1),
        "peak_rss_mb": round(peak, 1),
        "rejected": sum(stats.rejected.values()),
        #: The watchdog's worst event-loop stall in the window.
        "stall_ms": None if stall is None else round(1000 * stall, 1),
        "keys": keys,
    }


async def _last_state(app: Any, probe: PaintProbe, count: int, within: float) -> dict[str, Any]:
    """Wait for `count` stamped updates, then for the newest to be painted.

    `last_state_s` is the paint of the newest frame minus its `sent_at`: how
    long after the flood's end its last state shows. NaN if not within `within`.
    """
    stats = app.providers["sportrix"].stats
    cpu0, t0 = cpu_seconds(), time.perf_counter()
    deadline = t0 + within
    matches = len(app.cards)
    while time.perf_counter() < deadline:
        done = stats.frames >= count + matches and probe.newest_sent > 0
        if done and probe.newest_painted[0] >= probe.newest_sent:
            sent, painted = probe.newest_painted
            return {
                "last_state_s": round(painted - sent, 3),
                "last_state_cpu_s": round(cpu_seconds() - cpu0, 3),
            }
        await asyncio.sleep(0.01)
    return {"last_state_s": float("nan"), "last_state_cpu_s": round(cpu_seconds() - cpu0, 3)}


async def _press_keys(app: Any, pilot: Any, count: int, window: float) -> list[float]:
    """Seconds from a key press to the focus it moves, `count` times over `window`.

    The key is posted to the app as the terminal driver would post it (the
    pilot's `press` also waits for every widget to go idle, which is not
    what a user waits for).
    """
    from textual import events

    keys: list[float] = []
    gap = window / (count + 1)
    for index in range(count):
        await asyncio.sleep(gap)
        before = app.focused
        t = time.perf_counter()
        key = "right" if index % 2 == 0 else "left"
        app.post_message(events.Key(key, None))
        while app.focused is before and time.perf_counter() - t < 5.0:
            await asyncio.sleep(0)
        keys.append(time.perf_counter() - t)
    return keys


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scoreboard.bench.app_run")
    parser.add_argument("--url", required=True)
    parser.add_argument("--matches", type=int, required=True)
    parser.add_argument("--first-id", type=int, default=FLOOD_FIRST_ID)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--window", type=float, default=10.0)
    parser.add_argument("--size", type=parse_size, default=(200, 50))
    parser.add_argument("--key-probe", type=int, default=0, help="time this many key presses")
    parser.add_argument("--ready-timeout", type=float, default=READY_TIMEOUT)
    parser.add_argument("--history", type=float, default=0.0, help="minutes of history a match")
    parser.add_argument(
        "--last-state", type=int, default=0, help="time the last of this many stamped frames"
    )
    parser.add_argument("--record", action="store_true", help="record every frame (--record)")
    parser.add_argument(
        "--detail", action="store_true", help="open the first match in detail (keys scroll it)"
    )
    args = parser.parse_args()
    ids = list(range(args.first_id, args.first_id + args.matches))
    with tempfile.TemporaryDirectory(prefix="sportrix-bench-") as tmp:
        result = asyncio.run(
            measure(
                args.url,
                ids,
                warmup=args.warmup,
                window=args.window,
                size=args.size,
                log_dir=Path(tmp),
                key_probe=args.key_probe,
                ready_timeout=args.ready_timeout,
                history_minutes=args.history,
                record=args.record,
                detail=args.detail,
                last_state=args.last_state,
            )
        )
    emit(result)


if __name__ == "__main__":
    main()
