"""The human table and the machine-readable `RESULT {json}` line."""

from __future__ import annotations

import json
import math
from typing import Any

from scoreboard.bench.config import TARGETS

#: (label, key in the result, unit)
ROWS = (
    ("our ingest (flood)", "ingest_fps", "frames/s"),
    ("reference client (same flood)", "reference_fps", "frames/s"),
    ("ratio ours / reference", "ratio", "x"),
    ("ratio ceiling (offered / reference)", "ratio_ceiling", "x"),
    ("CPU per frame, reference / ours", "cpu_ratio", "x"),
    ("our ingest (saturation)", "saturated_fps", "frames/s"),
    ("reference client (saturation)", "saturated_reference_fps", "frames/s"),
    ("ratio at saturation", "saturated_ratio", "x"),
    ("paint latency p99 (saturation)", "saturated_p99_ms", "ms"),
    ("our CPU (saturation)", "saturated_cpu_pct", "% of a core"),
    ("simulator CPU (saturation)", "saturated_sim_cpu_pct", "% of a core"),
    ("paint latency p50 (flood)", "p50_ms", "ms"),
    ("paint latency p99 (flood)", "p99_ms", "ms"),
    ("paint latency max (flood)", "max_ms", "ms"),
    ("frames coalesced (flood)", "coalesced", "frames"),
    ("panels on screen (flood)", "visible_panels", ""),
    ("our CPU per 1,000 frames", "cpu_s_per_1000", "CPU s"),
    ("reference CPU per 1,000 frames", "reference_cpu_s_per_1000", "CPU s"),
    ("our CPU (flood)", "cpu_pct", "% of a core"),
    ("reference CPU (flood)", "reference_cpu_pct", "% of a core"),
    ("simulator CPU while ours ran", "sim_cpu_pct", "% of a core"),
    ("peak RSS (flood)", "flood_rss_mb", "MiB"),
    ("paint latency p50 (steady)", "steady_p50_ms", "ms"),
    ("paint latency p99 (steady)", "steady_p99_ms", "ms"),
    ("peak RSS (many matches)", "rss_mb", "MiB"),
    ("startup to first painted snapshot", "startup_s", "s"),
    ("idle CPU", "idle_cpu_pct", "% of a core"),
)


def verdict(key: str, value: Any) -> str:
    target = TARGETS.get(key)
    if target is None or not isinstance(value, int | float) or math.isnan(value):
        return ""
    op, limit = target
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
