"""The human table and the machine-readable `RESULT {json}` line."""

from __future__ import annotations

import json
import math
from typing import Any

from scoreboard.bench.config import TARGETS

#: (label, key in the result, unit)
ROWS = (
    ("saturation: ratio ours / reference", "ratio", "x (capacity)"),
    ("saturation: limit_ratio ours / bare", "limit_ratio", "x (capacity)"),
    ("saturation: source offer", "source_fps", "frames/s"),
    ("saturation: our ingest", "saturated_fps", "frames/s"),
    ("saturation: our capacity", "saturated_capacity_fps", "frames/s/core"),
    ("saturation: our CPU", "saturated_cpu_pct", "% of a core"),
    ("saturation: our CPU per 1,000 frames", "saturated_cpu_s_per_1000", "CPU s"),
    ("saturation: bare loop ingest", "limit_fps", "frames/s"),
    ("saturation: bare loop capacity", "limit_capacity_fps", "frames/s/core"),
    ("saturation: reference ingest", "saturated_reference_fps", "frames/s"),
    ("saturation: reference capacity", "reference_capacity_fps", "frames/s/core"),
    ("saturation: ingest ours / reference", "saturated_ratio", "x"),
    ("saturation: source CPU while ours ran", "saturated_source_cpu_pct", "% of a core"),
    ("realistic: soccer ~3 KB, our ingest", "realistic_soccer_fps", "frames/s"),
    ("realistic: soccer, ours / bare", "realistic_soccer_limit_ratio", "x (capacity)"),
    ("realistic: cricket ~4 KB, our ingest", "realistic_cricket_fps", "frames/s"),
    ("realistic: cricket, ours / bare", "realistic_cricket_limit_ratio", "x (capacity)"),
    ("floor: small, decode + route in-process", "floor_small_fps", "frames/s/core"),
    ("floor: soccer snapshot", "floor_soccer_fps", "frames/s/core"),
    ("floor: cricket snapshot", "floor_cricket_fps", "frames/s/core"),
    ("floor: ours / floor, small", "floor_ratio", "x (capacity)"),
    ("floor: ours / floor, realistic (worst)", "floor_realistic_ratio", "x (capacity)"),
    ("latency flood: our ingest", "ingest_fps", "frames/s"),
    ("latency flood: reference ingest", "reference_fps", "frames/s"),
    ("latency flood: CPU/frame ref / ours", "cpu_ratio", "x"),
    ("paint latency p50 (flood)", "p50_ms", "ms"),
    ("paint latency p99 (flood)", "p99_ms", "ms"),
    ("paint latency max (flood)", "max_ms", "ms"),
    ("frames coalesced (flood)", "coalesced", "frames"),
    ("panels on screen (flood)", "visible_panels", ""),
    ("our CPU per 1,000 frames (flood)", "cpu_s_per_1000", "CPU s"),
    ("reference CPU per 1,000 frames", "reference_cpu_s_per_1000", "CPU s"),
    ("our CPU (flood)", "cpu_pct", "% of a core"),
    ("simulator CPU while ours ran", "sim_cpu_pct", "% of a core"),
    ("peak RSS (flood)", "flood_rss_mb", "MiB"),
    ("paint latency p50 (steady)", "steady_p50_ms", "ms"),
    ("paint latency p99 (steady)", "steady_p99_ms", "ms"),
    ("peak RSS (many matches)", "rss_mb", "MiB"),
    ("peak RSS, 500 matches x 90 min history", "history_rss_mb", "MiB"),
    ("history kept per match (90 min)", "history_match_kb", "KiB"),
    ("history: cost of one add", "history_add_us", "us"),
    ("--record: CPU per 1,000 frames", "record_cpu_s_per_1000", "CPU s"),
    ("--record: extra CPU per frame", "record_overhead_pct", "%"),
    ("max matches: ready after", "max_matches_ready_s", "s"),
    ("key latency p99 (max matches)", "max_matches_key_ms", "ms"),
    ("peak RSS (max matches)", "max_matches_rss_mb", "MiB"),
    ("detail flood: our ingest", "detail_fps", "frames/s"),
    ("detail flood: worst loop stall", "detail_stall_ms", "ms"),
    ("detail flood: detail view opens in", "detail_open_ms", "ms"),
    ("detail flood: key latency p50", "detail_key_p50_ms", "ms"),
    ("detail flood: key latency p99", "detail_key_p99_ms", "ms"),
    ("detail flood: our CPU", "detail_cpu_pct", "% of a core"),
    ("heavy flood: last state shown after", "heavy_last_state_s", "s"),
    ("heavy flood: CPU per ~590 KiB frame", "heavy_cpu_s_per_frame", "CPU s"),
    ("charts: a whole match redrawn (worst)", "charts_redraw_ms", "ms"),
    ("charts: soccer, first fed from history", "charts_soccer_rebuild_ms", "ms"),
    ("charts: panel line redrawn (soccer)", "charts_soccer_line_us", "us"),
    ("startup to first painted snapshot", "startup_s", "s"),
    ("idle CPU", "idle_cpu_pct", "% of a core"),
)


def verdict(key: str, value: Any) -> str:
    target = TARGETS.get(key)
    if target is None or not isinstance(value, int | float):
        return ""
    op, limit = target
    if math.isnan(value):  # the phase never got there (10,000 matches not ready)
        return f"MISS (none; target {op} {limit:g})"
    ok = value >= limit if op == ">=" else value <= limit
    return f"{'ok ' if ok else 'MISS'} (target {op} {limit:g})"


def table(result: dict[str, Any], notes: dict[str, str]) -> str:
    lines = [f"{'measure':<36} {'value':>12}  {'unit':<12} target"]
    lines.append("-" * 84)
    for label, key, unit in ROWS:
        value = result.get(key)
        text = _number(value)
        label = notes.get(key, label)
        lines.append(f"{label:<36} {text:>12}  {unit:<12} {verdict(key, value)}")
    return "\n".join(lines)


def _number(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 100 else f"{value:.4g}"
    return f"{value:,}"


def result_line(result: dict[str, Any]) -> str:
    return "RESULT " + json.dumps(result, sort_keys=False)
