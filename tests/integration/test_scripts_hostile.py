"""`--once` and `--watch` as a script sees them, against hostile loopback servers.

Issue 24 items 2 and 9, issue 25 item 3, issue 22 item 10 (the fallback):
the raw bytes written to a terminal (a pty), a reader that goes away (a real
pipe), a closed stdout (`>&-`), and a finished match.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers.hostile_http import HttpServerThread, read_request, response
from helpers.terminal import TerminalRun

from scoreboard import exits
from scoreboard.sim.runner import SimulatorThread

Factory = Callable[..., SimulatorThread]
#: What must never reach a terminal from the wire: ESC, C1 controls, line and
#: paragraph separators, bidi overrides and isolates (UTF-8 encoded).
FORBIDDEN = [b"\x1b", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xe2\x80\xae", b"\xe2\x81\xa6"] + [
    bytes([0xC2, c]) for c in range(0x80, 0xA0)
]
EVIL = "\x9b31m\x85\u2028\u202e\u2066\x1b]0;pwned\x07"

CRICKET: dict[str, Any] = {
    "match_id": 7,
    "sport": "cricket",
    "status": "live",
    "home": "Mumbai Indians",
    "away": "Chennai Super Kings",
    "competition": "IPL",
    "updated_at": "2026-11-21T19:30:00Z",
    "format": "T20",
    "innings": 2,
    "score": {
        "home": {"runs": 135, "wickets": 10, "overs": "16.1"},
        "away": {"runs": 50, "wickets": 1, "overs": "7.3" + EVIL},
    },
    "phase": {"code": "INN2", "label": "Second innings"},
    "batting": "away",
    "target": 136,
    "over": {"number": 7, "ball": 3, "balls": ["1", "2", "2"]},
    "batsmen": [
        {"name": "Ruturaj Gaikwad", "runs": 13, "balls": 18, "on_strike": False},
        {"name": "Rachin Ravindra", "runs": 10, "balls": 8, "on_strike": True},
    ],
    "bowler": {"name": "Hardik Pandya", "overs": "1.3", "maidens": 0, "runs": 22, "wickets": 0},
}


def serving(*bodies: dict[str, Any]) -> Callable[..., Any]:
    """Answers `/live` with each body in turn (the last one from then on), keep-alive."""
    asked = [0]

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            line, _ = await read_request(reader)
            if "/live" in line:
                body = bodies[min(asked[0], len(bodies) - 1)]
                asked[0] += 1
            else:
                body = bodies[-1] | {"status": "finished"}
            raw = json.dumps(body).encode()
            writer.write(response(200, {"Content-Type": "application/json"}, raw))
            await writer.drain()

    return handle


def url(server: HttpServerThread) -> str:
    return f"ws://127.0.0.1:{server.port}/v1/stream"


def forbidden_in(data: bytes) -> list[bytes]:
    return [b for b in FORBIDDEN if b in data]


def test_watch_writes_no_control_or_bidi_bytes_from_any_field(tmp_path: Path) -> None:
    """A cricket `overs` and a status record's `before` carried C1, U+2028 and bidi raw."""
    first = copy.deepcopy(CRICKET) | {"status": "live" + EVIL}
    second = copy.deepcopy(CRICKET) | {"status": "suspended"}
    log = tmp_path / "log.txt"
    with HttpServerThread(serving(first, second)) as server:
        args = ["-m", "scoreboard", "--url", url(server), "--poll", "--poll-interval", "2"]
        term = TerminalRun(
            [*args, "--watch", "--match", "7", "--log-file", str(log)],
            log,
            SPORTRIX_API_KEY="sk_test",
        )
        try:
            term.until(lambda: b'"type": "status"' in term.output, 30)
        finally:
            term.close()
    assert b'"type": "snapshot"' in term.output
    assert forbidden_in(bytes(term.output)) == [], term.tail()


@pytest.mark.parametrize("fmt", ["line", "json"])
def test_once_writes_no_control_or_bidi_bytes(tmp_path: Path, fmt: str) -> None:
    log = tmp_path / "log.txt"
    body = copy.deepcopy(CRICKET) | {"competition": "IPL" + EVIL, "status": "live"}
    with HttpServerThread(serving(body)) as server:
        args = ["-m", "scoreboard", "--url", url(server), "--poll", "--once", "--format", fmt]
        term = TerminalRun(
            [*args, "--match", "7", "--log-file", str(log)], log, SPORTRIX_API_KEY="sk_test"
        )
        try:
            assert term.wait(30) == exits.OK, term.tail()
        finally:
            term.close()
    assert b"MUM" in term.output
    assert forbidden_in(bytes(term.output)) == [], term.tail()


# -- the reader goes away -------------------------------------------------------------


def cli(*args: str, key: str = "sk_demo", **kw: Any) -> subprocess.Popen[bytes]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.endswith(("API_KEY", "_KEY")) and k != "SPORTRIX_TUI_CONFIG"
    }
    env.update(SPORTRIX_API_KEY=key, XDG_CONFIG_HOME="/nonexistent")
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen(
        [sys.executable, "-m", "scoreboard", *args], stdin=subprocess.DEVNULL, env=env, **kw
    )


def ended(proc: subprocess.Popen[bytes], ceiling: float) -> bytes:
    """stderr once `proc` exits; killed and failed if it runs past `ceiling` s."""
    try:
        _, err = proc.communicate(timeout=ceiling)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError(f"still running {ceiling:g} s on: {err[-2000:]!r}") from None
    return err or b""


def test_watch_ends_soon_after_its_reader_goes_away_on_a_quiet_match(
    frozen: SimulatorThread,
) -> None:
    """`--watch | head -1` on a quiet match waited for the next change (1 min 51 s)."""
    proc = cli("--url", frozen.url, "--match", "41282", "--watch", "--format", "jsonl")
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert b'"type": "snapshot"' in first
    proc.stdout.close()  # what `head -1` does after its line
    closed = time.monotonic()
    err = ended(proc, 10)
    assert time.monotonic() - closed < 3, "ended, but long after the pipe closed"
    assert proc.returncode == exits.OK, err
    assert b"Traceback" not in err, err


@pytest.mark.parametrize("mode", ["--once", "--watch"])
def test_a_closed_stdout_ends_quietly_with_status_0(frozen: SimulatorThread, mode: str) -> None:
    """`sportrix-tui --watch >&-` crashed with AttributeError (exit 1)."""
    proc = cli(
        "--url",
        frozen.url,
        "--match",
        "41282",
        mode,
        stdout=None,
        close_fds=True,
        preexec_fn=lambda: os.close(1),
    )
    err = ended(proc, 30)
    assert proc.returncode == exits.OK, err
    assert b"Traceback" not in err and b"Error" not in err, err


# -- a finished match ------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["--once", "--watch"])
def test_a_finished_sportrix_match_prints_its_final_score(
    frozen: SimulatorThread, mode: str
) -> None:
    """The stream refuses finished matches: scripts printed nothing (exit 4), the TUI the final."""
    finished = _a_finished_match(frozen)
    proc = cli(
        "--url",
        frozen.url,
        "--match",
        str(finished["match_id"]),
        mode,
        "--format",
        "json" if mode == "--once" else "jsonl",
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if mode == "--watch":
        proc.terminate()
    err = ended(proc, 30)
    record = json.loads(line)
    match = record["matches"][0] if mode == "--once" else record["match"]
    assert match["status"] == "finished", err
    assert match["home"]["name"] == finished["home"]
    if mode == "--once":
        assert proc.returncode == exits.OK, err


def _a_finished_match(sim: SimulatorThread) -> dict[str, Any]:
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(
        f"{sim.rest_url}/matches?status=finished", headers={"X-API-Key": "sk_demo"}
    )
    with opener.open(request, timeout=10) as answer:
        listed: list[dict[str, Any]] = json.loads(answer.read())
    return listed[0]
