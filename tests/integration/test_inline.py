"""`--inline`: the ticker under the shell prompt, on a real pseudo-terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers.terminal import TerminalRun

from scoreboard import exits
from scoreboard.ui.grid.inline import why_not_inline

#: Eight soccer and three cricket matches of the demo: three more than the eight lines.
MATCHES = [str(n) for n in range(41282, 41290)] + ["41300", "41301", "41302"]


def test_inline_runs_under_the_prompt_with_a_cap_the_keys_and_leaves_its_lines(
    tmp_path: Path,
) -> None:
    log = tmp_path / "log.txt"
    args = ["-m", "scoreboard", "--demo", "--inline", "--log-file", str(log)]
    for match in MATCHES:
        args += ["--match", match]
    term = TerminalRun(args, log, size=(110, 30))
    try:
        term.until(lambda: b"+3 more" in term.output and b"11 matches" in term.output, 40)
        term.mark()
        term.send(b"h")  # the same keys: the focused match's score hidden
        term.until(lambda: "HIDE" in term.since_mark(), 10)
        term.send(b"q")
        assert term.wait(20) == exits.OK, term.tail()
    finally:
        term.close()
    out = bytes(term.output)
    assert b"\x1b[?1049h" not in out  # never the alternate screen: it is under the prompt
    last = out[out.rindex(b"+3 more") :]
    # What was on screen at the end stays in the scrollback: nothing clears it on exit.
    assert b"\x1b[2J" not in last and b"11 matches" in last


def test_inline_without_a_terminal_says_so_and_exits_2(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPORTRIX", "XDG_"))}
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "scoreboard", "--demo", "--inline"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=60,
    )
    assert proc.returncode == exits.USAGE and proc.stdout == ""
    assert "--inline runs under a terminal's prompt, and stdin is not a terminal" in proc.stderr


def test_inline_says_windows_cannot() -> None:
    why = why_not_inline(sys.stdin, sys.stdout, platform="win32")
    assert why is not None and "not available on Windows" in why
