"""SIGTERM, SIGHUP and SIGINT end the app cleanly: terminal restored, why logged.

Without this, `kill` (or a closed terminal window) ends the process where it
stands: the terminal stays on the alternate screen with mouse tracking on and
the cursor hidden, and the user has to type `reset`. `exit_on_signals(app)`
installs handlers while the app runs. A signal asks the app to exit through
its event loop (Textual's shutdown restores the terminal) with the
conventional status 128 + N. If the app has not ended `HARD_EXIT_AFTER`
seconds later (a loop held by a bug), a thread writes the restore sequences
itself, resets the terminal modes and ends the process with that status.

Ctrl+C is not a signal here: Textual reads the terminal raw, so it arrives as
a key, which the app binds to quit (`ui/app.py`).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import termios
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from os import _exit as exit_now  # no cleanup: the loop is held
from types import FrameType
from typing import Any

from scoreboard.exits import signalled

log = logging.getLogger("scoreboard.signals")

EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
#: How long a clean exit may take before the process is ended anyway.
HARD_EXIT_AFTER = 5.0
#: Mouse tracking off (every mode Textual turns on), bracketed paste off, focus
#: events off, normal screen, cursor on: what Textual's shutdown writes.
RESTORE = (
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?1004l\x1b[<u\x1b[?1049l\x1b[?25h"
)


@dataclass
class Caught:
    """The signal that ended the app, if one did."""

    signum: int | None = None

    @property
    def status(self) -> int | None:
        return None if self.signum is None else signalled(self.signum)


@contextmanager
def exit_on_signals(app: Any) -> Iterator[Caught]:
    """While the block runs (`app.run()`), the exit signals end `app` cleanly."""
    caught = Caught()
    terminal = _terminal_modes()

    def handle(signum: int, frame: FrameType | None) -> None:
        if caught.signum is not None:
            return  # already ending
        caught.signum = signum
        _hard_exit_later(signalled(signum), terminal)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not running yet or any more: nothing to restore
            raise SystemExit(signalled(signum)) from None
        loop.call_soon_threadsafe(_ask_exit, app, signum)

    previous = {sig: signal.signal(sig, handle) for sig in EXIT_SIGNALS}
    try:
        yield caught
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _ask_exit(app: Any, signum: int) -> None:
    name = signal.Signals(signum).name
    log.warning(
        "%s received: restoring the terminal and exiting with status %d", name, signalled(signum)
    )
    app.exit(return_code=signalled(signum))


def _fd(stream: Any) -> int | None:
    with suppress(AttributeError, OSError, ValueError):
        return int(stream.fileno())
    return None


def _terminal_modes() -> list[Any] | None:
    """The terminal's modes before the app changed them, to put back on a hard exit."""
    fd = _fd(sys.__stdin__)
    with suppress(OSError, termios.error):
        if fd is not None and os.isatty(fd):
            return termios.tcgetattr(fd)
    return None


def _hard_exit_later(status: int, terminal: list[Any] | None) -> None:
    def hard_exit() -> None:
        log.error("the app did not end within %.0f s of the signal: ending it", HARD_EXIT_AFTER)
        out, into = _fd(sys.__stderr__), _fd(sys.__stdin__)
        if out is not None:
            with suppress(OSError):
                os.write(out, RESTORE.encode())
        if terminal is not None and into is not None:
            with suppress(OSError, termios.error):
                termios.tcsetattr(into, termios.TCSANOW, terminal)
        logging.shutdown()
        exit_now(status)

    timer = threading.Timer(HARD_EXIT_AFTER, hard_exit)
    timer.daemon = True
    timer.start()
