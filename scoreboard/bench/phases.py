"""The benchmark's phases: each runs its clients in child processes and adds keys.

Every phase is `phase(cfg, result)` and fills `result` with its keys; `PHASES`
names them in the order they run (`--only NAME,...` picks some).
"""

from __future__ import annotations

import math
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scoreboard.bench.childproc import run_child
from scoreboard.bench.config import BenchConfig, rates
from scoreboard.bench.simproc import SimProcess, SourceProcess
from scoreboard.bench.startup import measure_startup

#: Per child process, beyond its own warm-up and window.
CHILD_SLACK = 120.0

Phase = Callable[[BenchConfig, dict[str, Any]], None]


def say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def app_client(
    server: SimProcess,
    matches: int,
    cfg: BenchConfig,
    *,
    warmup: float | None = None,
    window: float | None = None,
    extra: list[str] | None = None,
    ready_timeout: float = 60.0,
) -> dict[str, Any]:
    warmup = cfg.warmup if warmup is None else warmup
    window = cfg.window if window is None else window
    size = f"{cfg.size[0]}x{cfg.size[1]}"
    args = ["--url", server.url, "--matches", str(matches), "--size", size]
    args += ["--warmup", str(warmup), "--window", str(window)]
    args += ["--ready-timeout", str(ready_timeout), *(extra or [])]
    cpu0, t0 = server.cpu_seconds(), time.perf_counter()
    timeout = warmup + window + ready_timeout + CHILD_SLACK
    result = run_child("scoreboard.bench.app_run", args, timeout=timeout)
    result["server_cpu_pct"] = round(
        100 * (server.cpu_seconds() - cpu0) / (time.perf_counter() - t0)
    )
    return result


def plain_client(module: str, server: SimProcess, matches: int, cfg: BenchConfig) -> dict[str, Any]:
    args = ["--url", server.url, "--matches", str(matches)]
    args += ["--warmup", str(cfg.warmup), "--window", str(cfg.window)]
    cpu0, t0 = server.cpu_seconds(), time.perf_counter()
    result = run_child(module, args, timeout=cfg.warmup + cfg.window + CHILD_SLACK)
    result["server_cpu_pct"] = round(
        100 * (server.cpu_seconds() - cpu0) / (time.perf_counter() - t0)
    )
    return result


def capacity(client: dict[str, Any]) -> float:
    """Frames per second at a full core: what a client could take if it had one."""
    cpu = client.get("cpu_pct") or 0.0
    return round(100 * client["fps"] / cpu, 1) if cpu else math.nan


def _ratio(a: float, b: float) -> float:
    return round(a / b, 2) if a and b and not math.isnan(a) and not math.isnan(b) else math.nan


# -- phases ---------------------------------------------------------------------------


def startup(cfg: BenchConfig, result: dict[str, Any]) -> None:
    say(f"startup: {cfg.startup_runs} x sportrix-tui --demo to first painted snapshot")
    with tempfile.TemporaryDirectory(prefix="sportrix-bench-pyc-") as tmp:
        pycache = Path(tmp)
        measure_startup(pycache=pycache)  # compiles every module once, as an install does
        startups = [measure_startup(pycache=pycache) for _ in range(cfg.startup_runs)]
    result["startup_s"] = round(statistics.median(startups), 3)
    result["startup_runs_s"] = [round(s, 3) for s in startups]


def latency(cfg: BenchConfig, result: dict[str, Any]) -> None:
    """The simulator's stamped flood at a rate both can take: paint latency, CPU per frame."""
    n, rate = cfg.flood_matches, cfg.flood_rate
    say(f"flood: {n} matches, {rate:g} frames/s offered in total (simulator, stamped)")
    with SimProcess(flood_matches=n, flood_rate=rate) as sim:
        ours = app_client(sim, n, cfg)
        say(f"flood: reference client, same simulator and flood ({ours['fps']:.0f} fps ours)")
        ref = plain_client("scoreboard.bench.reference", sim, n, rates(cfg))
    ours_cpu, ref_cpu = ours["cpu_s_per_1000"], ref["cpu_s_per_1000"]
    result.update(
        ingest_fps=ours["fps"],
        reference_fps=ref["fps"],
        ratio_ceiling=_ratio(rate, ref["fps"]),
        cpu_ratio=_ratio(ref_cpu or 0.0, ours_cpu or 0.0),
        p50_ms=ours["p50_ms"],
        p99_ms=ours["p99_ms"],
        max_ms=ours["max_ms"],
        coalesced=ours["coalesced"],
        visible_panels=ours["visible_panels"],
        cpu_s_per_1000=ours_cpu,
        reference_cpu_s_per_1000=ref_cpu,
        cpu_pct=ours["cpu_pct"],
        reference_cpu_pct=ref["cpu_pct"],
        sim_cpu_pct=ours["server_cpu_pct"],
        flood_rss_mb=ours["peak_rss_mb"],
    )


def saturation(cfg: BenchConfig, result: dict[str, Any]) -> None:
    """Three clients, one source that outruns them all: capacities, not offered rates."""
    n, cfg = cfg.flood_matches, rates(cfg)
    with SourceProcess(matches=n, kind="small") as source:
        say(f"saturation: source offer ({n} matches, pre-encoded frames, bulk writes)")
        sink = run_child(
            "scoreboard.bench.sink",
            ["--url", source.url, "--matches", str(n), "--frame-bytes", str(source.frame_bytes)],
            timeout=CHILD_SLACK,
        )
        say("saturation: the app, headless, end to end")
        ours = app_client(source, n, cfg)
        say("saturation: the bare loop (websockets + msgspec + routing)")
        bare = plain_client("scoreboard.bench.bare", source, n, cfg)
        say("saturation: the provider's reference client")
        ref = plain_client("scoreboard.bench.reference", source, n, cfg)
    fastest = max(ours["fps"], bare["fps"], ref["fps"])
    result.update(
        source_fps=sink["fps"],
        source_ok=sink["fps"] >= 2 * fastest,
        saturated_fps=ours["fps"],
        saturated_capacity_fps=capacity(ours),
        saturated_cpu_pct=ours["cpu_pct"],
        saturated_cpu_s_per_1000=ours["cpu_s_per_1000"],
        saturated_p99_ms=ours.get("p99_ms"),
        saturated_source_cpu_pct=ours["server_cpu_pct"],
        limit_fps=bare["fps"],
        limit_capacity_fps=capacity(bare),
        limit_cpu_s_per_1000=bare["cpu_s_per_1000"],
        saturated_reference_fps=ref["fps"],
        reference_capacity_fps=capacity(ref),
        saturated_reference_cpu_s_per_1000=ref["cpu_s_per_1000"],
        saturated_ratio=_ratio(ours["fps"], ref["fps"]),
        ratio=_ratio(capacity(ours), capacity(ref)),
        limit_ratio=_ratio(capacity(ours), capacity(bare)),
    )
    if not result["source_ok"]:
        say(f"saturation: the source offered {sink['fps']:.0f} fps, < 2 x {fastest:.0f}")


def realistic(cfg: BenchConfig, result: dict[str, Any]) -> None:
    """Full snapshots: soccer with every stat and ~20 events, cricket with both scorecards."""
    n, cfg = cfg.flood_matches, rates(cfg)
    for kind in ("soccer", "cricket"):
        with SourceProcess(matches=n, kind=kind) as source:
            say(f"realistic: {kind} snapshots of {source.frame_bytes:.0f} bytes, app then bare")
            ours = app_client(source, n, cfg)
            bare = plain_client("scoreboard.bench.bare", source, n, cfg)
        result[f"realistic_{kind}_fps"] = ours["fps"]
        result[f"realistic_{kind}_capacity_fps"] = capacity(ours)
        result[f"realistic_{kind}_limit_ratio"] = _ratio(capacity(ours), capacity(bare))
        result[f"realistic_{kind}_frame_bytes"] = round(source.frame_bytes)
    result["realistic_fps"] = min(result["realistic_soccer_fps"], result["realistic_cricket_fps"])


def floor(cfg: BenchConfig, result: dict[str, Any]) -> None:
    """The same frames decoded and routed in-process, no socket: the floor (`bench/floor.py`).

    `floor_ratio` is our capacity at saturation over it (small frames), and
    `floor_realistic_ratio` the lower of soccer's and cricket's (the
    `saturation` and `realistic` phases give ours; without them only the floor).
    """
    from scoreboard.bench.floor import measure

    say(f"floor: the bench's frames decoded and routed in-process, {cfg.floor_seconds:g} s each")
    floors = measure(cfg.flood_matches, cfg.floor_seconds)
    result.update(floors)
    result["floor_fps"] = floors["floor_small_fps"]
    ours = {
        "small": result.get("saturated_capacity_fps"),
        "soccer": result.get("realistic_soccer_capacity_fps"),
        "cricket": result.get("realistic_cricket_capacity_fps"),
    }
    for kind, capacity_fps in ours.items():
        if capacity_fps is not None:
            result[f"floor_{kind}_ratio"] = _ratio(capacity_fps, floors[f"floor_{kind}_fps"])
    result["floor_ratio"] = result.get("floor_small_ratio")
    realistic_ratios = [result.get(f"floor_{k}_ratio") for k in ("soccer", "cricket")]
    known = [r for r in realistic_ratios if r is not None and not math.isnan(r)]
    result["floor_realistic_ratio"] = min(known) if known else None


def steady(cfg: BenchConfig, result: dict[str, Any]) -> None:
    n, per = cfg.steady_matches, cfg.steady_rate_per_match
    say(f"steady: {n} matches x {per:g} updates/s")
    with SimProcess(flood_matches=n, flood_rate=n * per) as sim:
        run = app_client(sim, n, cfg)
    result.update(steady_p50_ms=run["p50_ms"], steady_p99_ms=run["p99_ms"])


def idle(cfg: BenchConfig, result: dict[str, Any]) -> None:
    n = cfg.idle_matches
    say(f"idle: {n} live matches at normal speed (1 update/s each)")
    with SimProcess(flood_matches=n, flood_rate=float(n)) as sim:
        run = app_client(sim, n, cfg)
    result["idle_cpu_pct"] = run["cpu_pct"]


def memory(cfg: BenchConfig, result: dict[str, Any]) -> None:
    n = cfg.rss_matches
    say(f"memory: {n} matches subscribed")
    with SimProcess(flood_matches=n, flood_rate=2.0 * n) as sim:
        run = app_client(sim, n, cfg, warmup=1.0, window=cfg.rss_window)
    result["rss_mb"] = run["peak_rss_mb"]


def history(cfg: BenchConfig, result: dict[str, Any]) -> None:
    """500 matches, each carrying 90 minutes of history (issue 14): peak RSS."""
    n, minutes = cfg.rss_matches, cfg.history_minutes
    say(f"history: {n} matches subscribed, {minutes:g} minutes of history each")
    with SimProcess(flood_matches=n, flood_rate=2.0 * n) as sim:
        run = app_client(
            sim, n, cfg, warmup=1.0, window=cfg.rss_window, extra=["--history", str(minutes)]
        )
    result.update(
        history_rss_mb=run["peak_rss_mb"],
        history_mb=run.get("history_mb"),
        history_match_kb=round(1024 * (run.get("history_mb") or 0.0) / n, 1) if n else None,
        history_add_us=run.get("history_add_us"),
    )


def record(cfg: BenchConfig, result: dict[str, Any]) -> None:
    """The ingest cost of `--record`: CPU per frame at saturation, without and with it.

    Off and on alternate, `record_pairs` times against the same source, and
    the overhead is the ratio of the summed CPU per frame: a busy machine
    moves both halves of a pair alike, where one run of each would carry
    whatever else ran between them.
    """
    n, cfg = cfg.flood_matches, rates(cfg)
    offs: list[float] = []
    ons: list[float] = []
    fps: list[float] = []
    with SourceProcess(matches=n, kind="small") as source:
        for pair in range(1, cfg.record_pairs + 1):
            say(f"record: pair {pair}/{cfg.record_pairs}, the app at saturation, not recording")
            offs.append(app_client(source, n, cfg)["cpu_s_per_1000"] or math.nan)
            say(f"record: pair {pair}/{cfg.record_pairs}, the same, recording every frame")
            recorded = app_client(source, n, cfg, extra=["--record"])
            ons.append(recorded["cpu_s_per_1000"] or math.nan)
            fps.append(recorded["fps"])
    without, with_ = sum(offs) / len(offs), sum(ons) / len(ons)
    pairs = [round(100 * (on / off - 1), 1) for off, on in zip(offs, ons, strict=True)]
    result.update(
        record_cpu_s_per_1000=round(with_, 5),
        record_off_cpu_s_per_1000=round(without, 5),
        record_overhead_pct=round(100 * (with_ / without - 1), 1) if with_ and without else None,
        record_pairs_pct=pairs,
        record_fps=round(sum(fps) / len(fps), 1),
    )


def many(cfg: BenchConfig, result: dict[str, Any]) -> None:
    """10,000 subscribed matches: a key still answered quickly, memory bounded."""
    n = cfg.max_matches
    say(f"many: {n} matches subscribed, {cfg.max_matches_rate:g} frames/s, key latency")
    try:
        with SourceProcess(matches=n, kind="small", rate=cfg.max_matches_rate) as source:
            run = app_client(
                source,
                n,
                cfg,
                warmup=1.0,
                window=cfg.rss_window,
                extra=["--key-probe", "20"],
                ready_timeout=30.0,
            )
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        # Too many panels to get ready at all is a figure too: say so, keep the run.
        say(f"many: {n} matches did not get ready: {str(exc).splitlines()[0][:200]}")
        result.update(max_matches_key_ms=math.nan, max_matches_rss_mb=math.nan)
        result["max_matches_ready_s"] = math.nan
        return
    result["max_matches_key_ms"] = run.get("key_p99_ms")
    result["max_matches_rss_mb"] = run["peak_rss_mb"]
    result["max_matches_ready_s"] = run["ready_s"]


def detail_flood(cfg: BenchConfig, result: dict[str, Any]) -> None:
    """The events flood with the detail view open: heavy snapshots, a busy detail view."""
    n, per = cfg.detail_matches, cfg.detail_rate_per_match
    events, stats = cfg.detail_events, cfg.detail_stats
    say(
        f"detail flood: {n} matches x {per:g} frames/s, {events} events and {stats} stats "
        "each, the first open in detail, keys scrolling it"
    )
    with SimProcess(
        flood_matches=n, flood_rate=n * per, flood_events=events, flood_stats=stats
    ) as sim:
        run = app_client(sim, n, cfg, extra=["--detail", "--key-probe", "20"])
    result.update(
        detail_fps=run["fps"],
        detail_stall_ms=run["stall_ms"],
        detail_open_ms=run["detail_open_ms"],
        detail_key_p50_ms=run.get("key_p50_ms"),
        detail_key_p99_ms=run.get("key_p99_ms"),
        detail_key_max_ms=run.get("key_max_ms"),
        detail_cpu_pct=run["cpu_pct"],
    )


def heavy_flood(cfg: BenchConfig, result: dict[str, Any]) -> None:
    """A hostile flood of large frames: how long after its end the last state shows.

    One match, `heavy_frames` frames of ~590 KiB (5,000 events, 200 stats) at
    `heavy_rate` frames/s, each stamped as the source writes it; then nothing.
    `heavy_last_state_s` is the last frame's paint minus its send.
    """
    count, rate = cfg.heavy_frames, cfg.heavy_rate
    say(
        f"heavy flood: {count} frames of ~590 KiB (5,000 events) at {rate:g}/s, one match, "
        "to its last state"
    )
    with SourceProcess(matches=1, kind="heavy", rate=rate, count=count) as source:
        run = app_client(
            source,
            1,
            cfg,
            warmup=0.0,
            window=count / rate + cfg.heavy_slack,
            extra=["--last-state", str(count)],
        )
    result.update(
        heavy_last_state_s=run["last_state_s"],
        heavy_cpu_s_per_frame=round(run["last_state_cpu_s"] / count, 4),
        heavy_rss_mb=run["peak_rss_mb"],
    )


def charts(cfg: BenchConfig, result: dict[str, Any]) -> None:
    """A whole match's charts drawn from its history, in this process (`bench/charts.py`)."""
    from scoreboard.bench.charts import measure

    say("charts: a whole match's charts, from its history")
    result.update(measure())


PHASES: dict[str, Phase] = {
    "startup": startup,
    "latency": latency,
    "saturation": saturation,
    "realistic": realistic,
    "floor": floor,
    "steady": steady,
    "idle": idle,
    "memory": memory,
    "history": history,
    "record": record,
    "many": many,
    "detail_flood": detail_flood,
    "charts": charts,
    "heavy_flood": heavy_flood,
}
