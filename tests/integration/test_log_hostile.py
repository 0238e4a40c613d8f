"""The log file against a hostile server: no control bytes from anyone's logger (issue 24 item 3).

With `--debug`, websockets' own debug logger wrote a close reason raw into
the log (`< CLOSE 4001 (private use) bye\\x1b]52;…`), and `tail -f` acted on it.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from websockets.asyncio.server import ServerConnection, serve

EVIL_REASON = "bye\x1b]52;c;ZXZpbA==\x07\x9b2J\u202e"


class ClosingServer:
    """A WebSocket server on loopback that closes every connection with `EVIL_REASON`."""

    def __init__(self) -> None:
        self.port = 0
        self.closed = 0
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_until_complete, args=(self._main(),))

    async def _main(self) -> None:
        self._stop = asyncio.Event()

        async def handler(ws: ServerConnection) -> None:
            self.closed += 1
            await ws.close(4001, EVIL_REASON)

        async with serve(handler, "127.0.0.1", 0) as server:
            self.port = next(iter(server.sockets)).getsockname()[1]
            self._ready.set()
            await self._stop.wait()

    def __enter__(self) -> ClosingServer:
        self._thread.start()
        assert self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


def test_debug_log_holds_no_control_bytes_from_a_close_reason(tmp_path: Path) -> None:
    log = tmp_path / "debug.log"
    env = {k: v for k, v in os.environ.items() if not k.endswith(("API_KEY", "_KEY"))}
    env.update(SPORTRIX_API_KEY="sk_test", XDG_CONFIG_HOME="/nonexistent")
    with ClosingServer() as server:
        url = f"ws://127.0.0.1:{server.port}/v1/stream"
        args = ["--url", url, "--watch", "--match=7", "--debug", "--log-file", str(log)]
        proc = subprocess.Popen(
            [sys.executable, "-m", "scoreboard", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env=env,
        )
        deadline = time.monotonic() + 30
        try:
            while b"4001" not in (log.read_bytes() if log.exists() else b""):
                assert time.monotonic() < deadline, "the close never reached the log"
                assert proc.poll() is None, proc.returncode
                time.sleep(0.1)
        finally:
            proc.terminate()
            proc.wait(30)
    data = log.read_bytes()
    assert b"bye" in data  # the reason is there, made inert
    assert b"\x1b" not in data
    assert not any(bytes([0xC2, c]) in data for c in range(0x80, 0xA0))
    assert "\u202e".encode() not in data
