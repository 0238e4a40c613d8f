"""CPU time and memory of a process, read from /proc (Linux) with a POSIX fallback."""

from __future__ import annotations

import os
import resource
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int | None = None) -> float:
    """User + system CPU seconds of `pid` (all its threads); this process if None."""
    if pid is None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    # After the command name: state is field 3, so utime (14) and stime (15) are at 11, 12.
    return (int(fields[11]) + int(fields[12])) / _TICKS


def memory_mb(pid: int | None = None) -> tuple[float, float]:
    """(current RSS, peak RSS) in MiB; peak only where /proc has no VmHWM."""
    path = Path(f"/proc/{pid if pid is not None else 'self'}/status")
    try:
        lines = path.read_text().splitlines()
    except OSError:
        if pid is not None:
            return float("nan"), float("nan")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        return peak, peak
    values = {}
    for line in lines:
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", float("nan")), values.get("VmHWM", float("nan"))
