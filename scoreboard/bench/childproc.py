"""Running a benchmark child process and reading back its one JSON result line."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

RESULT_PREFIX = "BENCH-CHILD "


def emit(result: dict[str, Any]) -> None:
    """The child's side: print its result as the line the parent looks for."""
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def run_child(module: str, args: list[str], *, timeout: float) -> dict[str, Any]:
    """Run `python -m module args` and return its result; RuntimeError if it has none."""
    proc = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line[len(RESULT_PREFIX) :])
            return result
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-15:]
    raise RuntimeError(f"{module} exited {proc.returncode} without a result:\n" + "\n".join(tail))
