"""`python -m scoreboard.bench [--quick]`: every phase, a table, then `RESULT {json}`.

Phases, each client in its own process against a simulator in another:

1. startup — `sportrix-tui --demo` on a pseudo-terminal, spawn to first paint
   (median of `startup_runs`);
2. flood — the app headless, following every flood match, then the
   provider's reference client against the same simulator and flood;
   saturation — the same at a rate neither can keep up with (capacities);
3. steady — the app with 100 matches updating twice a second each;
4. idle — the app with 20 live matches at normal speed: CPU %;
5. memory — the app following 500 matches: peak RSS.

Exit status 0 unless a phase could not run at all: slow is reported, never fatal.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from scoreboard.bench.childproc import run_child
from scoreboard.bench.config import FULL, QUICK, BenchConfig
from scoreboard.bench.report import result_line, table
from scoreboard.bench.simproc import SimProcess
from scoreboard.bench.startup import measure_startup

#: Per child process, beyond its own warm-up and window.
CHILD_SLACK = 120.0


def _app(
    sim: SimProcess, matches: int, warmup: float, window: float, cfg: BenchConfig
) -> dict[str, Any]:
    size = f"{cfg.size[0]}x{cfg.size[1]}"
    args = ["--url", sim.url, "--matches", str(matches), "--size", size]
    args += ["--warmup", str(warmup), "--window", str(window)]
    cpu0, t0 = sim.cpu_seconds(), time.perf_counter()
    result = run_child("scoreboard.bench.app_run", args, timeout=warmup + window + CHILD_SLACK)
    result["sim_cpu_pct"] = round(100 * (sim.cpu_seconds() - cpu0) / (time.perf_counter() - t0))
    return result


def _reference(sim: SimProcess, matches: int, cfg: BenchConfig) -> dict[str, Any]:
    args = ["--url", sim.url, "--matches", str(matches)]
    args += ["--warmup", str(cfg.warmup), "--window", str(cfg.window)]
    return run_child("scoreboard.bench.reference", args, timeout=cfg.window + CHILD_SLACK)


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(cfg: BenchConfig) -> dict[str, Any]:
    result: dict[str, Any] = {}

    _say(f"startup: {cfg.startup_runs} x sportrix-tui --demo to first painted snapshot")
    startups = [measure_startup() for _ in range(cfg.startup_runs)]
    result["startup_s"] = round(statistics.median(startups), 3)

    n, rate = cfg.flood_matches, cfg.flood_rate
    _say(f"flood: {n} matches, {rate:g} frames/s offered in total")
    with SimProcess(flood_matches=n, flood_rate=rate) as sim:
        ours = _app(sim, n, cfg.warmup, cfg.window, cfg)
        _say(f"flood: reference client, same simulator and flood ({ours['fps']:.0f} fps ours)")
        ref = _reference(sim, n, cfg)
    ratio = ours["fps"] / ref["fps"] if ref["fps"] else math.nan
    # No client ingests more than is offered: the ratio cannot pass this.
    ceiling = rate / ref["fps"] if ref["fps"] else math.nan
    ours_cpu, ref_cpu = ours["cpu_s_per_1000"], ref["cpu_s_per_1000"]
    cpu_ratio = ref_cpu / ours_cpu if ours_cpu and ref_cpu else math.nan
    result.update(
        ingest_fps=ours["fps"],
        reference_fps=ref["fps"],
        ratio=round(ratio, 2),
        ratio_ceiling=round(ceiling, 2),
        cpu_ratio=round(cpu_ratio, 2),
        p50_ms=ours["p50_ms"],
        p99_ms=ours["p99_ms"],
        max_ms=ours["max_ms"],
        coalesced=ours["coalesced"],
        visible_panels=ours["visible_panels"],
        cpu_s_per_1000=ours["cpu_s_per_1000"],
        reference_cpu_s_per_1000=ref["cpu_s_per_1000"],
        cpu_pct=ours["cpu_pct"],
        reference_cpu_pct=ref["cpu_pct"],
        sim_cpu_pct=ours["sim_cpu_pct"],
        flood_rss_mb=ours["peak_rss_mb"],
    )

    n, rate = cfg.flood_matches, cfg.saturation_rate
    _say(f"saturation: {n} matches, {rate:g} frames/s offered, ours then the reference")
    with SimProcess(flood_matches=n, flood_rate=rate) as sim:
        ours = _app(sim, n, cfg.warmup, cfg.window, cfg)
        ref = _reference(sim, n, cfg)
    result.update(
        saturated_fps=ours["fps"],
        saturated_reference_fps=ref["fps"],
        saturated_ratio=round(ours["fps"] / ref["fps"], 2) if ref["fps"] else math.nan,
        saturated_p99_ms=ours["p99_ms"],
        saturated_cpu_pct=ours["cpu_pct"],
        saturated_sim_cpu_pct=ours["sim_cpu_pct"],
    )

    n, per = cfg.steady_matches, cfg.steady_rate_per_match
    _say(f"steady: {n} matches x {per:g} updates/s")
    with SimProcess(flood_matches=n, flood_rate=n * per) as sim:
        steady = _app(sim, n, cfg.warmup, cfg.window, cfg)
    result.update(steady_p50_ms=steady["p50_ms"], steady_p99_ms=steady["p99_ms"])

    n = cfg.idle_matches
    _say(f"idle: {n} live matches at normal speed (1 update/s each)")
    with SimProcess(flood_matches=n, flood_rate=float(n)) as sim:
        idle = _app(sim, n, cfg.warmup, cfg.window, cfg)
    result["idle_cpu_pct"] = idle["cpu_pct"]

    n = cfg.rss_matches
    _say(f"memory: {n} matches subscribed")
    with SimProcess(flood_matches=n, flood_rate=2.0 * n) as sim:
        many = _app(sim, n, 1.0, cfg.rss_window, cfg)
    result["rss_mb"] = many["peak_rss_mb"]
    return result


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scoreboard.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short windows (CI: under a minute)")
    parser.add_argument("--flood-matches", type=int, help="flood matches (200)")
    parser.add_argument("--flood-rate", type=float, help="flood frames/s offered in total (20000)")
    parser.add_argument(
        "--saturation-rate", type=float, help="frames/s offered in the saturation phase (40000)"
    )
    parser.add_argument("--steady-matches", type=int, help="steady-state matches (100)")
    parser.add_argument("--rss-matches", type=int, help="matches for peak RSS (500)")
    parser.add_argument("--warmup", type=float, help="seconds before each window")
    parser.add_argument("--window", type=float, help="seconds each measurement lasts")
    parser.add_argument("--startup-runs", type=int, help="startup measurements (median)")
    return parser


def config_from(args: argparse.Namespace) -> BenchConfig:
    cfg = QUICK if args.quick else FULL
    overrides = {
        name: getattr(args, name)
        for name in (
            "flood_matches",
            "flood_rate",
            "saturation_rate",
            "steady_matches",
            "rss_matches",
            "warmup",
            "window",
            "startup_runs",
        )
        if getattr(args, name) is not None
    }
    if args.window is not None:
        overrides["rss_window"] = min(cfg.rss_window, args.window)
    return replace(cfg, **overrides)


def main(argv: Sequence[str] | None = None) -> int:
    cfg = config_from(make_parser().parse_args(argv))
    started = time.perf_counter()
    try:
        result = run(cfg)
    except (RuntimeError, TimeoutError, OSError) as exc:
        print(f"bench: a phase could not run: {exc}", file=sys.stderr)
        return 1
    notes = {
        "ingest_fps": f"our ingest ({cfg.flood_matches} x flood)",
        "steady_p99_ms": (f"paint p99 ({cfg.steady_matches} x {cfg.steady_rate_per_match:g}/s)"),
        "steady_p50_ms": (f"paint p50 ({cfg.steady_matches} x {cfg.steady_rate_per_match:g}/s)"),
        "rss_mb": f"peak RSS ({cfg.rss_matches} matches)",
        "idle_cpu_pct": f"idle CPU ({cfg.idle_matches} live matches)",
    }
    print(table(result, notes))
    _say(f"done in {time.perf_counter() - started:.0f} s")
    print(result_line(result), flush=True)
    return 0
