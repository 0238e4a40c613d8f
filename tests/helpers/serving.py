"""`sportrix-tui serve` as a subprocess against the simulator, for the serve tests.

`Served` starts it on a free port with a secret key in its environment,
reads the line saying where to go, and stops it (SIGINT, then a kill) after.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.asyncio.client import connect

from scoreboard.sim.runner import SimulatorThread

#: The key the served app uses: it must never reach a page or a socket.
SECRET = "sk_serve_Sec7etKeyNeverShown"
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Served:
    proc: subprocess.Popen[str]
    url: str
    lines: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return self.url.split("/?", 1)[0].rstrip("/")

    @property
    def port(self) -> int:
        return int(self.origin.rsplit(":", 1)[1])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def start_serve(sim: SimulatorThread, *args: str, timeout: float = 30.0) -> Served:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.endswith(("API_KEY", "_KEY")) and k != "SPORTRIX_TUI_CONFIG"
    }
    env.update(
        SPORTRIX_API_KEY=SECRET,
        XDG_CONFIG_HOME="/nonexistent",
        PYTHONPATH=str(ROOT),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "scoreboard", "serve", "--port", "0", *args, "--url", sim.url],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    try:
        while True:
            line = lines.get(timeout=timeout)
            seen.append(line)
            if " open http" in line:
                url = line.split(" open ", 1)[1].split(" ", 1)[0]
                return Served(proc, url, seen)
    except queue.Empty:
        proc.kill()
        raise AssertionError(f"serve did not say where to go: {seen}") from None


def http_get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=15) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, dict(exc.headers), exc.read().decode()


async def screen_bytes(
    ws_url: str, want: list[bytes], headers: dict[str, str] | None = None, seconds: float = 30.0
) -> bytes:
    """What the served app sends a WebSocket client, until every `want` appeared."""
    import asyncio

    data = b""
    async with connect(
        ws_url + "?width=120&height=40", proxy=None, max_size=None, additional_headers=headers
    ) as ws:
        await ws.send(json.dumps(["resize", {"width": 120, "height": 40}]))
        async with asyncio.timeout(seconds):
            while not all(w in data for w in want):
                message: Any = await ws.recv()
                data += message if isinstance(message, bytes) else message.encode()
    return data
