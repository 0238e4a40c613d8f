"""Quitting never waits on the network; Live now never reads forever (issue 24 item 10).

The real app on a terminal against a loopback server that answers a byte a
second: urllib's per-read timeout never fired, so Live now said "Reading the
catalogs…" forever, and after quitting the process waited on the catalog thread.
"""

from __future__ import annotations

import time
from pathlib import Path

from helpers.hostile_http import HttpServerThread, drip
from helpers.terminal import TerminalRun

#: The catalog's whole deadline (the stream's open timeout) and a generous margin.
CATALOG_DEADLINE = 10.0


def app_on(server: HttpServerThread, tmp_path: Path) -> TerminalRun:
    log = tmp_path / "app.log"
    url = f"ws://127.0.0.1:{server.port}/v1/stream"
    return TerminalRun(
        ["-m", "scoreboard", "--url", url, "--match", "7", "--log-file", str(log)],
        log,
        size=(120, 40),
        SPORTRIX_API_KEY="sk_test",
        XDG_STATE_HOME=str(tmp_path / "state"),
    )


def test_quitting_while_a_catalog_drips_exits_at_once(tmp_path: Path) -> None:
    with HttpServerThread(drip) as server:
        term = app_on(server, tmp_path)
        try:
            term.until(lambda: server.connections >= 1, 30)
            term.send(b"l")
            term.until(lambda: b"Reading the catalogs" in term.output, 30)
            quit_at = time.monotonic()
            term.send(b"\x03")  # Ctrl-C quits from any screen (q would go to Live now's filter)
            status = term.wait(20)
            took = time.monotonic() - quit_at
        finally:
            term.close()
    assert status == 0, term.tail()
    assert took < 5, f"exit took {took:.1f} s after Ctrl-C"


def test_live_now_gives_up_on_a_dripping_catalog(tmp_path: Path) -> None:
    with HttpServerThread(drip) as server:
        term = app_on(server, tmp_path)
        try:
            term.until(lambda: server.connections >= 1, 30)
            term.send(b"l")
            term.until(lambda: b"Reading the catalogs" in term.output, 30)
            asked = time.monotonic()
            term.until(lambda: b"catalog unavailable" in term.output, CATALOG_DEADLINE + 15)
            took = time.monotonic() - asked
            term.until(lambda: b"no answer within" in term.output, 5)
        finally:
            term.close()
    assert took < CATALOG_DEADLINE + 5, f"gave up after {took:.1f} s"
