"""`sportrix-tui`'s entry point: the collector paused, then the command line.

This module imports nothing of the app's, so that `main()` pauses the cyclic
collector before `scoreboard.cli` imports Textual, Rich, msgspec and our
modules: those imports make most of the start's ~90,000 objects, and with the
collector on it scanned them ~100 times on the way (docs/decisions.md,
"Start-up and the bench's run time").
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

#: Seconds from `main()` until the cyclic collector runs again (`collector_paused`).
COLLECTOR_PAUSE = 2.0


def main(argv: Sequence[str] | None = None) -> int:
    """`sportrix-tui`: `scoreboard.cli.main`, its imports made with the collector paused."""
    with collector_paused():
        from scoreboard.cli import main as cli_main

        return cli_main(argv)


@contextmanager
def collector_paused(seconds: float = COLLECTOR_PAUSE) -> Iterator[None]:
    """The start with the cyclic collector off; `seconds` later one full pass,
    `gc.freeze()` and the collector on again (at the latest when this exits).

    The settings, the demo simulator, the app's imports and its first screen
    make ~90,000 objects that mostly live as long as the process, and the
    collector scanned them again and again on the way (~160 passes, one of
    them full: 40-80 ms of a ~0.6 s start). By `seconds` the first screen is
    up: the one pass then frees the start's garbage, and the freeze keeps
    what lives out of every later full pass (the app's heavy snapshots made
    those stall the loop, docs/decisions.md "The detail view and the
    collector"). The pass runs on a timer thread holding the interpreter's
    lock, as an automatic collection would run wherever it was triggered.
    """
    if not gc.isenabled():  # someone else decides
        yield
        return
    gc.disable()
    timer = threading.Timer(seconds, _collect_and_freeze)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        gc.enable()


def _collect_and_freeze() -> None:
    gc.collect()
    gc.freeze()
    gc.enable()
