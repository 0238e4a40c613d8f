"""`python -m scoreboard.bench [--quick] [--only PHASE,...]`: a table, then `RESULT {json}`.

Phases (`scoreboard/bench/phases.py`), each client in its own process against
a server in another:

1. startup — `sportrix-tui --demo` on a pseudo-terminal, spawn to first paint;
2. latency — the simulator's stamped flood at a rate both clients can take:
   the app's paint latency and CPU per frame, the reference client's too;
3. saturation — a flood source that outruns every client (pre-encoded frames
   in bulk writes; `source_fps` shows it): the app, the bare loop
   (websockets + msgspec + routing: the stack's limit) and the provider's
   reference client, each at full speed: capacities, `ratio`, `limit_ratio`;
4. realistic — the same with full soccer (~3 KB) and cricket (~4 KB) snapshots;
5. steady — 100 matches updating twice a second: paint latency;
6. idle — 20 live matches at normal speed: CPU %;
7. memory — 500 matches: peak RSS;
8. history — the same 500 matches carrying 90 minutes of history each: peak RSS;
9. record — the app at saturation without and with `--record`: extra CPU per frame;
10. many — 10,000 subscribed matches: key latency and peak RSS;
11. detail_flood — the events flood with the detail view open;
12. charts — a whole match's charts drawn from its history (in this process);
13. floor — after `realistic`: the same frames decoded and routed in this
    process, no socket (`floor_ratio`: our capacity over it);
14. heavy_flood — 100 frames of ~590 KiB (5,000 events each) in 5 s: how long
    after the flood its last state takes to show.

`--neighbour` keeps one core busy with another process (a plain CPU-bound
loop) through every phase, as a compiler or a browser would; the RESULT line
says `"neighbour": true`.

Exit status 0 unless a phase could not run at all: slow is reported, never fatal.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from scoreboard.bench.config import FULL, QUICK, BenchConfig
from scoreboard.bench.neighbour import Neighbour
from scoreboard.bench.phases import PHASES, say
from scoreboard.bench.report import result_line, table


def run(cfg: BenchConfig, only: Sequence[str] = ()) -> dict[str, Any]:
    result: dict[str, Any] = {}
    took: dict[str, float] = {}
    for name, phase in PHASES.items():
        if not only or name in only:
            started = time.perf_counter()
            phase(cfg, result)
            took[name] = round(time.perf_counter() - started, 1)
            say(f"{name}: {took[name]:.0f} s")
    result["phase_s"] = took
    return result


def run_all(cfg: BenchConfig, only: Sequence[str], *, neighbour: bool) -> dict[str, Any]:
    """Every phase asked for, with the busy neighbour if `neighbour`."""
    if not neighbour:
        return {**run(cfg, only), "neighbour": False}
    say("a busy neighbour keeps one core busy through every phase")
    with Neighbour() as loop:
        result = run(cfg, only)
        result["neighbour"] = True
        result["neighbour_cpu_s"] = round(loop.cpu_seconds(), 1)
    return result


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scoreboard.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="short windows (CI: a few minutes)")
    parser.add_argument(
        "--neighbour", action="store_true", help="keep one core busy with another process"
    )
    parser.add_argument("--only", help=f"comma-separated phases ({', '.join(PHASES)})")
    parser.add_argument("--flood-matches", type=int, help="flood matches (200)")
    parser.add_argument("--flood-rate", type=float, help="latency flood frames/s in total (20000)")
    parser.add_argument("--steady-matches", type=int, help="steady-state matches (100)")
    parser.add_argument("--rss-matches", type=int, help="matches for peak RSS (500)")
    parser.add_argument("--max-matches", type=int, help="matches in the 'many' phase (10000)")
    parser.add_argument("--warmup", type=float, help="seconds before each window")
    parser.add_argument("--window", type=float, help="seconds each measurement lasts")
    parser.add_argument("--startup-runs", type=int, help="startup measurements (median)")
    parser.add_argument(
        "--detail-events", type=int, help="events per snapshot in the detail flood (5000)"
    )
    return parser


_OVERRIDES = (
    "flood_matches",
    "flood_rate",
    "steady_matches",
    "rss_matches",
    "max_matches",
    "warmup",
    "window",
    "startup_runs",
    "detail_events",
)


def config_from(args: argparse.Namespace) -> BenchConfig:
    cfg = QUICK if args.quick else FULL
    overrides = {n: getattr(args, n) for n in _OVERRIDES if getattr(args, n) is not None}
    if args.window is not None:
        overrides["rss_window"] = min(cfg.rss_window, args.window)
        overrides["rate_window"] = args.window
    if args.warmup is not None:
        overrides["rate_warmup"] = args.warmup
    return replace(cfg, **overrides)


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    cfg = config_from(args)
    only = [name.strip() for name in (args.only or "").split(",") if name.strip()]
    unknown = [name for name in only if name not in PHASES]
    if unknown:
        print(f"bench: unknown phase {', '.join(unknown)} (known: {', '.join(PHASES)})")
        return 2
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sportrix-bench-pyc-") as pycache:
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            # Every child process compiled every module of ours from source
            # (~0.5 s each, ~30 of them a run): they share one bytecode cache.
            del os.environ["PYTHONDONTWRITEBYTECODE"]
            os.environ["PYTHONPYCACHEPREFIX"] = pycache
        try:
            result = run_all(cfg, only, neighbour=args.neighbour)
        except (RuntimeError, TimeoutError, OSError) as exc:
            print(f"bench: a phase could not run: {exc}", file=sys.stderr)
            return 1
    notes = {
        "ingest_fps": f"our ingest ({cfg.flood_matches} x flood)",
        "steady_p99_ms": f"paint p99 ({cfg.steady_matches} x {cfg.steady_rate_per_match:g}/s)",
        "steady_p50_ms": f"paint p50 ({cfg.steady_matches} x {cfg.steady_rate_per_match:g}/s)",
        "rss_mb": f"peak RSS ({cfg.rss_matches} matches)",
        "idle_cpu_pct": f"idle CPU ({cfg.idle_matches} live matches)",
        "max_matches_key_ms": f"key latency p99 ({cfg.max_matches} matches)",
        "max_matches_rss_mb": f"peak RSS ({cfg.max_matches} matches)",
    }
    print(table(result, notes))
    say(f"done in {time.perf_counter() - started:.0f} s")
    print(result_line(result), flush=True)
    return 0
