"""Percentiles of latency samples (no numpy: the bench adds no dependency)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The `q`-th percentile (0..100) by the nearest-rank method; NaN if empty."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def latency_summary_ms(samples_s: Sequence[float]) -> dict[str, float | int]:
    """p50/p99/max in milliseconds and the sample count."""
    ordered = sorted(samples_s)
    return {
        "p50_ms": round(percentile(ordered, 50) * 1000, 2),
        "p99_ms": round(percentile(ordered, 99) * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2) if ordered else math.nan,
        "samples": len(ordered),
    }
