"""Ending quietly when whoever reads stdout has gone (`sportrix-tui --watch | head -1`).

`--watch` on a quiet match may write nothing for minutes, so a reader that
went away would be noticed only at the next write. `watch_reader` asks the
event loop to watch stdout itself when it is a pipe: the write end of a pipe
reports an error (POLLERR) as soon as its last reader closes, and `gone` is
called then, without waiting for a write. A stdout closed before start
(`>&-`: `sys.stdout` is None) is `missing_stdout`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import stat
import sys
from collections.abc import Callable
from typing import TextIO


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so exiting prints no `BrokenPipeError` of its own."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def missing_stdout() -> bool:
    """True when the process was started with stdout closed (`>&-`)."""
    return sys.stdout is None


def error_stream() -> TextIO:
    """stderr, or /dev/null if the process was started with it closed (`2>&-`)."""
    if sys.stderr is not None:
        return sys.stderr
    return open(os.devnull, "w", encoding="utf-8")  # lives as long as the process


def reader_gone(fd: int) -> bool:
    """True once nobody can read what is written to `fd` (a pipe's reader closed)."""
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    try:
        events = poller.poll(0)
    except OSError:
        return True
    return any(mask & (select.POLLERR | select.POLLHUP) for _, mask in events)


def watch_reader(loop: asyncio.AbstractEventLoop, gone: Callable[[], None]) -> Callable[[], None]:
    """Call `gone` once stdout's reader goes away, if stdout is a pipe; returns the undo."""
    try:
        fd = sys.stdout.fileno()
        if not stat.S_ISFIFO(os.fstat(fd).st_mode):
            return lambda: None  # a terminal or a file has no reader to lose
    except (AttributeError, OSError, ValueError):
        return lambda: None

    def check() -> None:
        if reader_gone(fd):
            loop.remove_reader(fd)
            gone()

    try:
        # The write end never becomes readable: the selector wakes only for its error.
        loop.add_reader(fd, check)
    except (OSError, ValueError, NotImplementedError):
        return lambda: None

    def undo() -> None:
        loop.remove_reader(fd)

    return undo
