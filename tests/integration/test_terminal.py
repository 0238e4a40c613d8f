"""The real CLI on a pseudo-terminal: signals restore the terminal, and the exit
status says how the app ended (`scoreboard/exits.py`, README "Exit status").

Each test spawns `python -m scoreboard` (the demo, or the simulator fixture)
with a pty as its terminal, waits on its log until it is live, then ends it
the way a user or a service manager would.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.terminal import TerminalRun

from scoreboard import exits

#: Normal screen, cursor on, every mouse mode Textual turns on off.
RESTORED = {
    "normal screen": ("\x1b[?1049l", "\x1b[?1049h"),
    "cursor on": ("\x1b[?25h", "\x1b[?25l"),
    "mouse off (1000)": ("\x1b[?1000l", "\x1b[?1000h"),
    "mouse off (1003)": ("\x1b[?1003l", "\x1b[?1003h"),
    "mouse off (1006)": ("\x1b[?1006l", "\x1b[?1006h"),
}
LIVE = "sportrix connection: live"
#: Drives the real CLI with the help action broken, to crash the app on `?`.
CRASHING = """
import sys
from scoreboard.ui.app import ScoreboardApp

def broken(self):
    raise RuntimeError("a bug in an action")

ScoreboardApp.action_help = broken
from scoreboard.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


@pytest.fixture
def run(tmp_path: Path) -> Iterator[object]:
    started: list[TerminalRun] = []

    def start(*args: str, **env: str) -> TerminalRun:
        log = tmp_path / "app.log"
        terminal = TerminalRun([*args, "--log-file", str(log)], log, **env)
        started.append(terminal)
        return terminal

    yield start
    for terminal in started:
        terminal.close()


def live_demo(run) -> TerminalRun:  # type: ignore[no-untyped-def]
    terminal = run("-m", "scoreboard", "--demo")
    terminal.until(lambda: terminal.logged(LIVE) and b"\x1b[?1000h" in terminal.output)
    terminal.mark()
    return terminal


def assert_restored(terminal: TerminalRun) -> None:
    after = terminal.since_mark()
    for what, (restore, enter) in RESTORED.items():
        assert restore in after, what
        # ...and nothing turned it back on afterwards.
        assert terminal.output.rfind(restore.encode()) > terminal.output.rfind(enter.encode()), what


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=str)
def test_a_signal_restores_the_terminal_and_exits_128_plus_n(run, signum: int) -> None:  # type: ignore[no-untyped-def]
    terminal = live_demo(run)
    terminal.proc.send_signal(signum)
    assert terminal.wait() == 128 + signum == exits.signalled(signum)
    assert_restored(terminal)
    name = signal.Signals(signum).name
    assert terminal.logged(f"{name} received: restoring the terminal and exiting with status")


@pytest.mark.parametrize("key", [b"q", b"\x03"], ids=["q", "ctrl+c"])
def test_quitting_with_q_or_ctrl_c_exits_0(run, key: bytes) -> None:  # type: ignore[no-untyped-def]
    terminal = live_demo(run)
    terminal.send(key)
    assert terminal.wait() == exits.OK
    assert_restored(terminal)


def test_q_in_the_detail_view_quits(run) -> None:  # type: ignore[no-untyped-def]
    terminal = live_demo(run)
    terminal.send(b"\r")  # Enter: the focused match in detail
    # The detail view's first headings: its charts (docs/charts.md), then the rest.
    terminal.until(
        lambda: any(
            heading in terminal.since_mark()
            for heading in ("Momentum", "Worm", "Timeline", "Scorecard")
        )
    )
    terminal.send(b"q")
    assert terminal.wait() == exits.OK


def test_quitting_the_refusal_screen_exits_key_refused(run, sim) -> None:  # type: ignore[no-untyped-def]
    terminal = run(
        "-m", "scoreboard", "--url", sim.url, "--match", "41282",
        SPORTRIX_API_KEY="sk_demo_expired",
    )  # fmt: skip
    terminal.until(lambda: "refused the connection" in terminal.output.decode(errors="replace"))
    terminal.mark()
    terminal.send(b"q")
    assert terminal.wait() == exits.KEY_REFUSED
    assert_restored(terminal)


def test_quitting_the_no_key_screen_exits_with_the_setup_status(run, sim) -> None:  # type: ignore[no-untyped-def]
    """No key at all is not a refused key: nothing was sent (issue 25, 12)."""
    terminal = run("-m", "scoreboard", "--url", sim.url, "--match", "41282")
    terminal.until(lambda: "No API key for Sportrix" in terminal.output.decode(errors="replace"))
    terminal.mark()
    terminal.send(b"q")
    assert terminal.wait() == exits.NO_KEY
    assert_restored(terminal)


def test_a_crash_exits_1_with_one_line_on_stderr_and_the_traceback_in_the_log(run) -> None:  # type: ignore[no-untyped-def]
    terminal = run("-c", CRASHING, "--demo")
    terminal.until(lambda: terminal.logged(LIVE) and b"\x1b[?1000h" in terminal.output)
    terminal.mark()
    terminal.send(b"?")
    assert terminal.wait() == exits.CRASH
    assert_restored(terminal)
    after = terminal.since_mark()
    shown = after[after.rfind("\x1b[?1049l") :]
    assert f"sportrix-tui: crashed (RuntimeError); the traceback is in {terminal.log}" in shown
    assert "Traceback" not in after and "a bug in an action" not in after
    log = terminal.log.read_text()
    assert "Traceback" in log and "RuntimeError: a bug in an action" in log


#: Drives the real CLI with the help action holding the event loop for a minute.
HANGING = """
import logging, sys, time
from scoreboard.ui import signals
from scoreboard.ui.app import ScoreboardApp

def hold(self):
    logging.getLogger("scoreboard").warning("holding the loop")
    time.sleep(60)

signals.HARD_EXIT_AFTER = 1.0
ScoreboardApp.action_help = hold
from scoreboard.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_a_signal_while_the_loop_is_held_still_restores_the_terminal(run) -> None:  # type: ignore[no-untyped-def]
    terminal = run("-c", HANGING, "--demo")
    terminal.until(lambda: terminal.logged(LIVE) and b"\x1b[?1000h" in terminal.output)
    terminal.mark()
    terminal.send(b"?")
    terminal.until(lambda: terminal.logged("holding the loop"))
    terminal.proc.send_signal(signal.SIGTERM)
    assert terminal.wait() == exits.signalled(signal.SIGTERM)
    assert_restored(terminal)
    assert terminal.logged("the app did not end within 1 s of the signal")
