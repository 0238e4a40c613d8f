"""The benchmark runs end to end in its smallest configuration and reports every key.

Not a timing test: only that `python -m scoreboard.bench` works and that its
last line is a `RESULT {json}` with the documented keys.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: A minute of child processes: run with the soak (`pytest -m soak`, from .ci/run).
pytestmark = [pytest.mark.soak, pytest.mark.timeout(300)]

RESULT_KEYS = {
    "ingest_fps",
    "reference_fps",
    "ratio",
    "p50_ms",
    "p99_ms",
    "rss_mb",
    "startup_s",
    "idle_cpu_pct",
    "steady_p99_ms",
    "ratio_ceiling",
    "cpu_ratio",
    "saturated_ratio",
    "limit_fps",
    "limit_ratio",
    "source_fps",
    "realistic_fps",
    "max_matches_key_ms",
    "max_matches_rss_mb",
    "detail_stall_ms",
    "detail_open_ms",
    "detail_key_p99_ms",
    "floor_fps",
    "floor_ratio",
    "floor_realistic_ratio",
    "heavy_last_state_s",
}


def test_bench_smallest_run_prints_a_result_line() -> None:
    args = [sys.executable, "-m", "scoreboard.bench", "--quick"]
    args += ["--flood-matches", "10", "--flood-rate", "200", "--max-matches", "20"]
    args += ["--steady-matches", "5", "--detail-events", "500"]
    args += ["--rss-matches", "10", "--warmup", "0.2", "--window", "0.5", "--startup-runs", "1"]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=170, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("RESULT ")
    result = json.loads(last.removeprefix("RESULT "))
    assert result.keys() >= RESULT_KEYS
    for key in RESULT_KEYS:
        assert isinstance(result[key], int | float), (key, result[key])
    assert "paint latency" in proc.stdout  # the table came first
