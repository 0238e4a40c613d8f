"""The real CLI on a pseudo-terminal: what it writes to the terminal, and how it ends.

`TerminalRun` spawns a command with a pty as its stdin, stdout and stderr
(so Textual drives it like a user's terminal), keeps reading what it writes
(so it never blocks), and waits on the log file or the output for a state.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path


class TerminalRun:
    def __init__(
        self, args: list[str], log: Path, size: tuple[int, int] = (100, 30), **env: str
    ) -> None:
        self.log = log
        master, slave = pty.openpty()
        cols, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        home = log.parent / "home"
        # A user of our own: no config file, key or state of the machine's (nor of a test
        # that set one in this process), and no Textual switches.
        environ = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("SPORTRIX", "SCORELYTICS", "TEXTUAL", "XDG_"))
        }
        environ |= {
            "TERM": "xterm-256color",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            **env,
        }
        self.proc = subprocess.Popen(
            [sys.executable, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environ,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        #: Where the output stood when `mark()` was last called.
        self.marked = 0

    def _read(self, wait: float) -> bool:
        """Read what is there within `wait` s; False once the child closed its side."""
        ready, _, _ = select.select([self.master], [], [], wait)
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: every slave fd is closed
            return False
        self.output += data
        return bool(data)

    def until(self, predicate: Callable[[], bool], timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"gave up waiting; terminal tail: {self.tail()!r}")
            self._read(0.05)

    def logged(self, text: str) -> bool:
        return self.log.exists() and text in self.log.read_text(errors="replace")

    def mark(self) -> None:
        self.marked = len(self.output)

    def since_mark(self) -> str:
        return self.output[self.marked :].decode(errors="replace")

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def wait(self, timeout: float = 20.0) -> int:
        """The exit status, reading the output to the end meanwhile."""
        deadline = time.monotonic() + timeout
        while self._read(0.05):
            if self.proc.poll() is not None and not select.select([self.master], [], [], 0)[0]:
                break
            if time.monotonic() > deadline:
                self.proc.kill()
                raise AssertionError(f"did not exit; terminal tail: {self.tail()!r}")
        return self.proc.wait(timeout=max(deadline - time.monotonic(), 1.0))

    def tail(self, size: int = 1500) -> str:
        return self.output[-size:].decode(errors="replace")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)
