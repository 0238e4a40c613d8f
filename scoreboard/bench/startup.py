"""Startup: process start of `sportrix-tui --demo` to its first painted snapshot.

The parent (`measure_startup`) takes `time.time()` just before it spawns the
child and gives it a pseudo-terminal, so the app runs with its real terminal
driver, exactly as a user starts it. The child (`python -m
scoreboard.bench.startup`) wraps `MatchPanel.draw` and then runs the real
entry point's way, `scoreboard.launch` (the collector paused, then
`scoreboard.cli.main(["--demo", ...])`): the simulator starts
in-process on a free port, the app connects, subscribes, and the first
render of a panel that holds a snapshot writes `time.time()` to a file and
exits the app. Startup = that time minus the parent's; it includes
interpreter start, every import, the demo simulator and the first paint.

Bytecode is cached, as an installed app has it (pip compiles every module
at install; an editable checkout writes `__pycache__` on its first run):
the phase gives every run one `PYTHONPYCACHEPREFIX` in a temporary
directory and fills it with one run that is not counted. Without it, an
environment with `PYTHONDONTWRITEBYTECODE=1` (this project's shared
machines set it) compiled every module of ours from source on each start,
~0.1-0.15 s that no user pays.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

# The parent's modules are imported where the parent uses them: the child
# imports this module too, and its start should be the app's alone.
if TYPE_CHECKING:
    import subprocess

    from rich.style import Style
    from textual.strip import Strip

#: Terminal size the child gets (columns, rows).
TERMINAL = (160, 48)


def measure_startup(timeout: float = 60.0, pycache: Path | None = None) -> float:
    """Seconds from spawning `sportrix-tui --demo` to its first painted snapshot.

    `pycache`: the directory the child reads and writes its bytecode in
    (`PYTHONPYCACHEPREFIX`); None leaves the environment's choice.
    """
    import fcntl
    import pty
    import struct
    import subprocess
    import tempfile
    import termios

    with tempfile.TemporaryDirectory(prefix="sportrix-bench-") as tmp:
        stamp = Path(tmp) / "first-paint"
        log = Path(tmp) / "app.log"
        master, slave = pty.openpty()
        cols, rows = TERMINAL
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
        if pycache is not None:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(pycache)
        args = [sys.executable, "-m", "scoreboard.bench.startup", str(stamp), str(log)]
        started = time.time()
        proc = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        output = _drain_until_exit(proc, master, timeout)
        os.close(master)
        if not stamp.exists():
            tail = output[-2000:].decode(errors="replace")
            raise RuntimeError(f"no first paint (exit {proc.returncode}); terminal tail:\n{tail}")
        return float(stamp.read_text()) - started


def _drain_until_exit(proc: subprocess.Popen[bytes], master: int, timeout: float) -> bytes:
    """Read the child's terminal output (so it never blocks) until it exits."""
    import select

    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while proc.poll() is None:
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            break
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                chunks.append(os.read(master, 65536))
            except OSError:  # the child closed its side
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
                break
    return b"".join(chunks)


def _child(stamp: str, log: str) -> int:
    """`sportrix-tui --demo`'s start as `scoreboard.launch.main` makes it: the
    collector paused before the app's imports, the panel's draw wrapped among them."""
    from scoreboard.launch import collector_paused

    with collector_paused():
        from scoreboard.cli import main
        from scoreboard.ui.widgets.match_panel import MatchPanel

        draw = MatchPanel.draw

        def draw_and_stamp(self: MatchPanel, width: int, style: Style) -> list[Strip]:
            result = draw(self, width, style)
            if self.snapshot is not None and not Path(stamp).exists():
                Path(stamp).write_text(repr(time.time()))
                self.app.exit()
            return result

        MatchPanel.draw = draw_and_stamp  # type: ignore[method-assign]
        return main(["--demo", "--fresh", "--log-file", log])  # the remembered session stays out


if __name__ == "__main__":
    raise SystemExit(_child(sys.argv[1], sys.argv[2]))
