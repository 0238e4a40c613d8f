"""A headless Chromium driven over the DevTools protocol, just enough to load a page and look.

`Chromium` starts the system's `chromium` (Debian package) with a fresh
profile, no network of its own (no updates, sync or background requests),
and a DevTools port; `open()` loads a URL in a new tab. A script injected
before the page's own records what its WebSockets receive, so a test can see
what the served app sent the page, and `evaluate()` reads the page's state.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--window-size=1280,900",
)

#: Before the page's scripts: keep the text every WebSocket receives in `window.__received`.
RECORD_SOCKETS = """
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__received = "";
  function Recorded(url, protocols) {
    const ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
    ws.addEventListener("message", (event) => {
      window.__received += typeof event.data === "string"
        ? event.data : decoder.decode(event.data, {stream: true});
    });
    return ws;
  }
  Recorded.prototype = Native.prototype;
  for (const name of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) Recorded[name] = Native[name];
  window.WebSocket = Recorded;
})();
"""


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Chromium:
    def __init__(self, profile: Path) -> None:
        self.profile = profile
        self.proc: subprocess.Popen[bytes] | None = None
        self._ws: ClientConnection | None = None
        self._ids = itertools.count(1)
        self._session: str | None = None

    async def __aenter__(self) -> Chromium:
        binary = chromium_path()
        assert binary is not None
        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-port=0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        active = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not active.exists() or len(active.read_text().splitlines()) < 2:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("chromium did not open its DevTools port")
            await asyncio.sleep(0.05)
        port, path = active.read_text().splitlines()[:2]
        self._ws = await connect(f"ws://127.0.0.1:{port}{path}", proxy=None, max_size=None)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._send("Browser.close", session=False)
            await self._ws.close()
        if self.proc is not None:
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    async def _send(self, method: str, session: bool = True, **params: Any) -> dict[str, Any]:
        assert self._ws is not None
        message_id = next(self._ids)
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params}
        if session and self._session is not None:
            message["sessionId"] = self._session
        await self._ws.send(json.dumps(message))
        while True:  # events and other answers are skipped
            answer = json.loads(await asyncio.wait_for(self._ws.recv(), 30))
            if answer.get("id") == message_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return dict(answer.get("result", {}))

    async def open(self, url: str) -> None:
        """A new tab that records its sockets, then `url` in it."""
        target = await self._send("Target.createTarget", session=False, url="about:blank")
        attached = await self._send(
            "Target.attachToTarget", session=False, targetId=target["targetId"], flatten=True
        )
        self._session = attached["sessionId"]
        await self._send("Page.enable")
        await self._send("Page.addScriptToEvaluateOnNewDocument", source=RECORD_SOCKETS)
        await self._send("Page.navigate", url=url)

    async def evaluate(self, expression: str) -> Any:
        result = await self._send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def screenshot(self, path: Path) -> None:
        shot = await self._send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))
