"""What one benchmark run measures, and for how long (`full` or `--quick`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BenchConfig:
    #: The flood: matches and total update frames per second offered.
    flood_matches: int = 200
    flood_rate: float = 20_000.0
    #: Offered in the saturation phase: more than either client can take, so
    #: both ingest rates are capacities (the flood's ratio is capped by its rate).
    saturation_rate: float = 40_000.0
    #: A normal busy screen: matches and updates per second per match.
    steady_matches: int = 100
    steady_rate_per_match: float = 2.0
    #: Idle: live matches at normal speed (one update per match per second).
    idle_matches: int = 20
    #: Memory: matches subscribed (each updating twice a second).
    rss_matches: int = 500
    #: Seconds of warm-up before, and of measurement in, each window.
    warmup: float = 3.0
    window: float = 10.0
    rss_window: float = 5.0
    startup_runs: int = 3
    #: Terminal the headless app draws on (columns, rows).
    size: tuple[int, int] = (200, 50)


FULL = BenchConfig()
QUICK = BenchConfig(warmup=1.0, window=3.0, rss_window=1.0, startup_runs=1)

#: Targets on a shared 2-core machine (a floor to beat), for the table only.
TARGETS = {
    "ratio": (">=", 5.0),
    "p99_ms": ("<=", 100.0),
    "steady_p99_ms": ("<=", 50.0),
    "rss_mb": ("<=", 150.0),
    "startup_s": ("<=", 1.5),
    "idle_cpu_pct": ("<=", 3.0),
}
