"""Ending quietly when whoever reads stdout has gone (`sportrix-tui --watch | head -1`)."""

from __future__ import annotations

import contextlib
import os
import sys


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so exiting prints no `BrokenPipeError` of its own."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
