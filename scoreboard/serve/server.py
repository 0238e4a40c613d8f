"""textual-serve's server with a lock on the door: an access token, same-origin sockets.

`BoardServer` is textual-serve's `Server` plus one aiohttp middleware that
refuses (403) before any route runs:

- with a token (any non-loopback `--host`): every request that carries
  neither `?token=` nor the cookie the first page set. The page itself is
  reached with `/?token=...`; the answer sets an HttpOnly, SameSite=Strict
  cookie, so its scripts and its WebSocket need no token in their URLs;
- without one (loopback): a request whose `Host` is not a loopback name, so
  a web page elsewhere cannot reach this server by rebinding its own name;
- always: a WebSocket whose `Origin` is another site (browsers let any page
  open a socket anywhere; only the served page may drive the app), and a
  tab beyond `max_tabs` (503): each tab is an app with its own connections.

It runs on aiohttp's runner rather than `Server.serve()`, so `--port 0`
works and the line saying where to go names the port really bound.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from scoreboard import exits
from scoreboard.net.urls import is_loopback

log = logging.getLogger("scoreboard.serve")

COOKIE = "sportrix_board"
TEMPLATES = Path(__file__).parent / "templates"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class BoardServer(Server):
    def __init__(
        self, command: str, host: str, port: int, *, token: str | None, max_tabs: int = 8
    ) -> None:
        super().__init__(command, host=host, port=port, title="sportrix-tui")
        # Our page in place of textual-serve's, which fetches its font from Google's
        # servers: on loopback the board works offline and tells no third party.
        self.templates_path = TEMPLATES
        self.token = token
        self.max_tabs = max_tabs
        self.tabs = 0

    # -- the guard --------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app: web.Application = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        refusal = self.refusal(request)
        if refusal is not None:
            log.warning("refused %s %s: %s", request.method, request.path, refusal)
            return web.Response(status=403, text=f"sportrix-tui: {refusal}\n")
        if request.path == "/ws":
            if self.tabs >= self.max_tabs:
                return web.Response(
                    status=503, text=f"sportrix-tui: {self.max_tabs} tabs open already\n"
                )
            self.tabs += 1
            try:
                return await handler(request)
            finally:
                self.tabs -= 1
        response = await handler(request)
        if self.token is not None and request.query.get("token"):
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
        return response

    def refusal(self, request: web.Request) -> str | None:
        """Why `request` may not be served, or None."""
        if self.token is not None:
            given = request.query.get("token") or request.cookies.get(COOKIE) or ""
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                return (
                    "this board needs its access token: open the URL with ?token=... "
                    "that `sportrix-tui serve` printed when it started"
                )
        elif not is_loopback(_hostname(request.host)):
            return f"this board serves {self.host} only: open http://{self.host}:{self.port}/"
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin and urlsplit(origin).netloc != request.host:
            return "a WebSocket from another site"
        return None

    # -- the page: its URLs from the request, so they work whatever name reached us --------

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        secure = request.scheme == "https"
        origin = f"{request.scheme}://{request.host}"
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{'wss' if secure else 'ws'}://{request.host}/ws",
            "config": {"static": {"url": f"{origin}/static/"}},
            "application": {"name": self.title},
        }

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints a logo and the command here; `run` says where to go instead."""

    # -- running -------------------------------------------------------------------------

    def run(self, shown_host: str) -> int:
        """Serve until Ctrl-C or SIGTERM; raises OSError if the port cannot be bound."""
        logging.basicConfig(level=logging.WARNING, format="sportrix-tui serve: %(message)s")
        return asyncio.run(self._serve(shown_host))

    async def _serve(self, shown_host: str) -> int:
        runner = web.AppRunner(await self._make_app(), handle_signals=False, access_log=None)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
            self.port = runner.addresses[0][1]
            url = f"http://{shown_host}:{self.port}/"
            if self.token is not None:
                url += f"?token={self.token}"
            print(f"sportrix-tui serve: open {url} (Ctrl-C stops)", flush=True)
            if self.token is not None:
                print(
                    "sportrix-tui serve: the page is refused without that token; "
                    "it crosses the network in clear text (http), so use a network you trust",
                    flush=True,
                )
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError, RuntimeError):
                    loop.add_signal_handler(signum, stop.set)
            await stop.wait()
        finally:
            await runner.cleanup()
        sys.stdout.flush()
        return exits.OK


def _hostname(host: str) -> str:
    """`127.0.0.1` from `127.0.0.1:8000`, `::1` from `[::1]:8000`."""
    return urlsplit(f"//{host}").hostname or ""
